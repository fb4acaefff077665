package io.minisqld.server.wire;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads the protocol's basic types (protocol.md §1.2) little-endian from a slice of a byte array:
 * a packet payload, or a binlog event body (§3), whose integers are little-endian too. Every read
 * past the slice throws {@link MalformedPacketException}, so a decoder never sees half a field
 * nor a neighbour's bytes. Not thread-safe.
 */
public final class ByteReader {
    /** What {@link #lenenc()} returns for the 0xFB marker (NULL in a text row). */
    public static final long NULL_LENGTH = -1;

    private final byte[] buf;
    private final int limit;
    private int pos;

    /** Reads all of {@code bytes}. */
    public ByteReader(byte[] bytes) {
        this(bytes, 0, bytes.length);
    }

    /** Reads {@code bytes} from {@code offset} to the end, e.g. a request after its command byte. */
    public ByteReader(byte[] bytes, int offset) {
        this(bytes, offset, bytes.length - offset);
    }

    /** Reads the {@code length} bytes at {@code offset}. */
    public ByteReader(byte[] bytes, int offset, int length) {
        this.buf = bytes;
        this.pos = offset;
        this.limit = offset + length;
    }

    private void need(int n) {
        if (n < 0 || limit - pos < n) {
            throw MalformedPacketException.truncated(n, remaining(), pos, limit);
        }
    }

    /** An unsigned little-endian integer of {@code width} bytes (1 to 8). */
    public long intLE(int width) {
        need(width);
        long v = 0;
        for (int i = 0; i < width; i++) {
            v |= (buf[pos + i] & 0xFFL) << (8 * i);
        }
        pos += width;
        return v;
    }

    public int int1() {
        return (int) intLE(1);
    }

    public int int2() {
        return (int) intLE(2);
    }

    public int int3() {
        return (int) intLE(3);
    }

    /** An unsigned int&lt;4&gt;. */
    public long int4() {
        return intLE(4);
    }

    public long int8() {
        return intLE(8);
    }

    /** A length-encoded integer, or {@link #NULL_LENGTH} for 0xFB; 0xFF is malformed. */
    public long lenenc() {
        int first = int1();
        return switch (first) {
            case 0xFB -> NULL_LENGTH;
            case 0xFC -> int2();
            case 0xFD -> int3();
            case 0xFE -> int8();
            case 0xFF -> throw new MalformedPacketException("0xFF is not a length-encoded integer");
            default -> first;
        };
    }

    /** str&lt;lenenc&gt;, or null for the 0xFB marker. */
    public byte[] lenencBytes() {
        long n = lenenc();
        if (n == NULL_LENGTH) {
            return null;
        }
        if (n > Integer.MAX_VALUE) {
            throw new MalformedPacketException("length " + n + " exceeds the packet");
        }
        return bytes((int) n);
    }

    public String lenencString() {
        byte[] b = lenencBytes();
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }

    /** str&lt;NUL&gt;: the bytes up to a NUL, which is consumed; a missing terminator is malformed. */
    public byte[] nulBytes() {
        for (int i = pos; i < limit; i++) {
            if (buf[i] == 0) {
                byte[] v = Arrays.copyOfRange(buf, pos, i);
                pos = i + 1;
                return v;
            }
        }
        throw MalformedPacketException.unterminated(pos);
    }

    public String nulString() {
        return new String(nulBytes(), StandardCharsets.UTF_8);
    }

    public byte[] bytes(int n) {
        need(n);
        byte[] v = Arrays.copyOfRange(buf, pos, pos + n);
        pos += n;
        return v;
    }

    /** {@code n} bytes as UTF-8 text (a string&lt;fix&gt;). */
    public String utf8(int n) {
        return new String(bytes(n), StandardCharsets.UTF_8);
    }

    public void skip(int n) {
        need(n);
        pos += n;
    }

    /** str&lt;EOF&gt;: the rest of the slice. */
    public byte[] restBytes() {
        return bytes(remaining());
    }

    public String restString() {
        return new String(restBytes(), StandardCharsets.UTF_8);
    }

    public int remaining() {
        return limit - pos;
    }

    public boolean hasRemaining() {
        return pos < limit;
    }

    /** The offset of the next byte in the underlying array. */
    public int position() {
        return pos;
    }
}
