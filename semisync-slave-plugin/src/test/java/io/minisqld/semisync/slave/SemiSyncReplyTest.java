package io.minisqld.semisync.slave;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.minisqld.plugin.api.LogPosition;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SemiSyncReplyTest {

    @Test
    void encodesMagicLittleEndianPositionAndNameWithoutNul() {
        byte[] expected = {
                (byte) 0xEF,
                0x6D, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // 621
                'm', 'y', 's', 'q', 'l', '-', 'b', 'i', 'n', '.', '0', '0', '0', '0', '0', '3'};
        assertArrayEquals(expected, new SemiSyncReply(LogPosition.of("mysql-bin.000003", 621)).encode());
    }

    @Test
    void positionAboveFourGigabytesUsesAllEightBytes() {
        byte[] wire = new SemiSyncReply(LogPosition.of("b.000001", 0x0102030405060708L)).encode();
        assertArrayEquals(new byte[] {0x08, 0x07, 0x06, 0x05, 0x04, 0x03, 0x02, 0x01},
                java.util.Arrays.copyOfRange(wire, 1, 9));
        assertEquals(new SemiSyncReply(LogPosition.of("b.000001", 0x0102030405060708L)), SemiSyncReply.decode(wire));
    }

    @Test
    void decodeChecksAsTheSourceDoes() {
        assertEquals("Read semi-sync reply magic number error",
                assertThrows(IllegalArgumentException.class, () -> SemiSyncReply.decode(new byte[] {0x00, 1, 2}))
                        .getMessage());
        assertEquals("Read semi-sync reply length error: packet is too small",
                assertThrows(IllegalArgumentException.class,
                        () -> SemiSyncReply.decode(new byte[] {(byte) 0xEF, 1, 2, 3})).getMessage());
        byte[] tooLong = new byte[9 + 512];
        tooLong[0] = (byte) 0xEF;
        assertEquals("Read semi-sync reply binlog file length too large",
                assertThrows(IllegalArgumentException.class, () -> SemiSyncReply.decode(tooLong)).getMessage());
    }

    @Test
    void emptyNameIsJustNineBytes() {
        byte[] wire = new SemiSyncReply(LogPosition.of("", 4)).encode();
        assertEquals(9, wire.length);
        assertEquals("", new String(wire, 9, 0, StandardCharsets.UTF_8));
        assertEquals(new SemiSyncReply(LogPosition.of("", 4)), SemiSyncReply.decode(wire));
    }
}
