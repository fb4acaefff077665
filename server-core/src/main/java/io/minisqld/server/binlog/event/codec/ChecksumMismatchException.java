package io.minisqld.server.binlog.event.codec;

/** An event whose stored CRC32 differs from the one computed over its bytes (protocol.md §3.3). */
public final class ChecksumMismatchException extends EventFormatException {
    private final long stored;
    private final long computed;

    public ChecksumMismatchException(int type, long stored, long computed) {
        super(String.format("event checksum mismatch (type %d): stored 0x%08x, computed 0x%08x", type, stored, computed));
        this.stored = stored;
        this.computed = computed;
    }

    /** The CRC found in the event's last 4 bytes. */
    public long stored() {
        return stored;
    }

    /** The CRC computed over the event. */
    public long computed() {
        return computed;
    }
}
