package io.minisqld.server.wire;

/**
 * Bytes that end in the middle of a field or break the protocol's encoding rules: a packet
 * payload, or a binlog event body read with the same {@link ByteReader}. The binlog codecs turn it
 * into their own checked {@code EventFormatException}, with {@link #kind()}, {@link #needed()} and
 * {@link #available()} keeping the details their messages name.
 */
public final class MalformedPacketException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What was wrong. */
    public enum Kind {
        /** A field reaches beyond the end of the bytes. */
        TRUNCATED,
        /** A NUL-terminated string has no NUL before the end. */
        UNTERMINATED,
        /** A field holds a value the encoding does not allow. */
        BAD_VALUE
    }

    private final Kind kind;
    private final int needed;
    private final int available;

    public MalformedPacketException(String message) {
        this(Kind.BAD_VALUE, message, 0, 0);
    }

    private MalformedPacketException(Kind kind, String message, int needed, int available) {
        super(message);
        this.kind = kind;
        this.needed = needed;
        this.available = available;
    }

    /** A read of {@code needed} bytes at {@code position} with only {@code available} left before {@code end}. */
    static MalformedPacketException truncated(int needed, int available, int position, int end) {
        return new MalformedPacketException(Kind.TRUNCATED,
                "packet ends at byte " + end + ", need " + needed + " more at " + position, needed, available);
    }

    /** A NUL-terminated string starting at {@code position} that runs to the end. */
    static MalformedPacketException unterminated(int position) {
        return new MalformedPacketException(Kind.UNTERMINATED, "string at " + position + " has no NUL terminator",
                0, 0);
    }

    public Kind kind() {
        return kind;
    }

    /** For {@link Kind#TRUNCATED}: the bytes the field needed. */
    public int needed() {
        return needed;
    }

    /** For {@link Kind#TRUNCATED}: the bytes that were left. */
    public int available() {
        return available;
    }
}
