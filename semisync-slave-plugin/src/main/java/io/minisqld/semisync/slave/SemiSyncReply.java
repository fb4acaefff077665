package io.minisqld.semisync.slave;

import io.minisqld.plugin.api.LogPosition;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The acknowledgement a semisync replica sends its source (spec semisync.md §2.8): the payload of
 * one protocol packet, {@code 0xEF}, the binlog offset as an unsigned 64-bit little-endian
 * integer, then the binlog file base name without a terminating NUL.
 *
 * @param position the source binlog position acknowledged: the end of the last event the replica
 *                 made durable, in the source's binlog file (its base name, e.g.
 *                 {@code mysql-bin.000003})
 */
public record SemiSyncReply(LogPosition position) {
    /** The magic byte that starts both the event header and the reply. */
    public static final byte MAGIC = (byte) 0xEF;

    /** Offset of the file name: the magic byte and the 8-byte position come first. */
    static final int NAME_OFFSET = 9;

    /** MySQL's FN_REFLEN: the source refuses a longer file name. */
    static final int MAX_NAME_LENGTH = 511;

    public SemiSyncReply {
        Objects.requireNonNull(position, "position");
        if (position.file().getBytes(StandardCharsets.UTF_8).length > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("binlog file name too long: " + position.file());
        }
    }

    /** The packet payload as sent on the wire. */
    public byte[] encode() {
        byte[] name = position.file().getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[NAME_OFFSET + name.length];
        out[0] = MAGIC;
        long p = position.offset();
        for (int i = 1; i < NAME_OFFSET; i++) {
            out[i] = (byte) p;
            p >>>= 8;
        }
        System.arraycopy(name, 0, out, NAME_OFFSET, name.length);
        return out;
    }

    /**
     * Reads a reply payload, with the source's checks and messages (§2.8).
     *
     * @throws IllegalArgumentException with MySQL's message when the payload is malformed
     */
    public static SemiSyncReply decode(byte[] payload) {
        if (payload.length == 0 || payload[0] != MAGIC) {
            throw new IllegalArgumentException("Read semi-sync reply magic number error");
        }
        if (payload.length < NAME_OFFSET) {
            throw new IllegalArgumentException("Read semi-sync reply length error: packet is too small");
        }
        if (payload.length - NAME_OFFSET > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("Read semi-sync reply binlog file length too large");
        }
        long p = 0;
        for (int i = NAME_OFFSET - 1; i >= 1; i--) {
            p = (p << 8) | (payload[i] & 0xFF);
        }
        String name = new String(payload, NAME_OFFSET, payload.length - NAME_OFFSET, StandardCharsets.UTF_8);
        return new SemiSyncReply(LogPosition.of(name, p));
    }
}
