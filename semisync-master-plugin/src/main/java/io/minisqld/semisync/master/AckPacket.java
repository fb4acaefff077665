package io.minisqld.semisync.master;

import io.minisqld.plugin.api.LogPosition;
import java.nio.charset.StandardCharsets;

/**
 * A replica's semisync reply (spec §2.8): magic {@code 0xEF}, the binlog offset as 8 bytes
 * little-endian, then the binlog file base name without a terminating NUL.
 */
public final class AckPacket {
    public static final byte MAGIC = (byte) 0xEF;
    /** MySQL's FN_REFLEN: a longer file name is refused. */
    static final int MAX_NAME_LENGTH = 512;
    private static final int HEADER = 9;

    private AckPacket() {
    }

    /**
     * Decodes one reply.
     *
     * @throws IllegalArgumentException with MySQL's error-log text when the packet is malformed
     */
    public static LogPosition parse(byte[] payload) {
        if (payload.length == 0 || payload[0] != MAGIC) {
            throw new IllegalArgumentException("Read semi-sync reply magic number error");
        }
        if (payload.length < HEADER) {
            throw new IllegalArgumentException("Read semi-sync reply length error: packet is too small");
        }
        int nameLength = payload.length - HEADER;
        if (nameLength >= MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("Read semi-sync reply binlog file length too large");
        }
        long offset = 0;
        for (int i = 8; i >= 1; i--) {
            offset = (offset << 8) | (payload[i] & 0xFF);
        }
        return LogPosition.of(new String(payload, HEADER, nameLength, StandardCharsets.UTF_8), offset);
    }

    /** Encodes a reply as a replica sends it (used by tests and by the slave plugin's tests). */
    public static byte[] encode(LogPosition position) {
        byte[] name = position.file().getBytes(StandardCharsets.UTF_8);
        byte[] payload = new byte[HEADER + name.length];
        payload[0] = MAGIC;
        long offset = position.offset();
        for (int i = 1; i <= 8; i++) {
            payload[i] = (byte) offset;
            offset >>>= 8;
        }
        System.arraycopy(name, 0, payload, HEADER, name.length);
        return payload;
    }
}
