package io.minisqld.semisync.master;

import io.minisqld.plugin.api.LogPosition;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AckPacketTest {
    /** The reply for (mysql-bin.000003, 621): 0xEF, 621 = 0x026D little-endian on 8 bytes, the name. */
    private static final byte[] REPLY = {
            (byte) 0xEF, 0x6D, 0x02, 0, 0, 0, 0, 0, 0,
            'm', 'y', 's', 'q', 'l', '-', 'b', 'i', 'n', '.', '0', '0', '0', '0', '0', '3'};

    @Test
    void decodesAndEncodesTheReplyLayout() {
        assertEquals(LogPosition.of("mysql-bin.000003", 621), AckPacket.parse(REPLY));
        assertArrayEquals(REPLY, AckPacket.encode(LogPosition.of("mysql-bin.000003", 621)));
    }

    @Test
    void refusesMalformedRepliesWithMysqlsMessages() {
        assertEquals("Read semi-sync reply magic number error",
                assertThrows(IllegalArgumentException.class, () -> AckPacket.parse(new byte[]{0x00, 1, 2})).getMessage());
        assertEquals("Read semi-sync reply length error: packet is too small",
                assertThrows(IllegalArgumentException.class, () -> AckPacket.parse(new byte[]{(byte) 0xEF, 1, 2})).getMessage());
        byte[] tooLong = new byte[9 + 512];
        tooLong[0] = (byte) 0xEF;
        assertEquals("Read semi-sync reply binlog file length too large",
                assertThrows(IllegalArgumentException.class, () -> AckPacket.parse(tooLong)).getMessage());
    }
}
