package io.minisqld.server.binlog.event;

/** {@code binlog_checksum}: the algorithm byte of a FORMAT_DESCRIPTION event (protocol.md §3.3). */
public enum ChecksumAlgorithm {
    NONE(0),
    CRC32(1);

    /** Bytes a checksum adds at the end of an event. */
    public static final int CRC_LENGTH = 4;

    private final int code;

    ChecksumAlgorithm(int code) {
        this.code = code;
    }

    /** The algorithm byte. */
    public int code() {
        return code;
    }

    /** The algorithm for an FDE's byte; {@code IllegalArgumentException} for anything else. */
    public static ChecksumAlgorithm of(int code) {
        for (ChecksumAlgorithm a : values()) {
            if (a.code == code) return a;
        }
        throw new IllegalArgumentException("unknown binlog checksum algorithm " + code);
    }

    /** The checksum bytes this algorithm appends (0 or 4). */
    public int trailerLength() {
        return this == NONE ? 0 : CRC_LENGTH;
    }
}
