package io.minisqld.server.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads the protocol's basic types (spec §1.2) from one packet payload. Every read past the end
 * throws {@link MalformedPacketException}, so a decoder never sees half a field. Not thread-safe.
 */
public final class PayloadReader {
    /** What {@link #lenenc()} returns for the 0xFB marker (NULL in a text row). */
    public static final long NULL_LENGTH = -1;

    private final byte[] buf;
    private int pos;

    public PayloadReader(byte[] payload) {
        this(payload, 0);
    }

    public PayloadReader(byte[] payload, int offset) {
        this.buf = payload;
        this.pos = offset;
    }

    private void need(int n) {
        if (n < 0 || buf.length - pos < n) {
            throw new MalformedPacketException("packet ends at byte " + buf.length + ", need " + n + " more at " + pos);
        }
    }

    public int int1() {
        need(1);
        return buf[pos++] & 0xFF;
    }

    public int int2() {
        need(2);
        int v = (buf[pos] & 0xFF) | (buf[pos + 1] & 0xFF) << 8;
        pos += 2;
        return v;
    }

    public int int3() {
        need(3);
        int v = (buf[pos] & 0xFF) | (buf[pos + 1] & 0xFF) << 8 | (buf[pos + 2] & 0xFF) << 16;
        pos += 3;
        return v;
    }

    /** An unsigned int&lt;4&gt;. */
    public long int4() {
        need(4);
        long v = 0;
        for (int i = 0; i < 4; i++) {
            v |= (long) (buf[pos + i] & 0xFF) << (8 * i);
        }
        pos += 4;
        return v;
    }

    public long int8() {
        need(8);
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v |= (long) (buf[pos + i] & 0xFF) << (8 * i);
        }
        pos += 8;
        return v;
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

    /** str&lt;NUL&gt;: a missing terminator is malformed. */
    public byte[] nulBytes() {
        for (int i = pos; i < buf.length; i++) {
            if (buf[i] == 0) {
                byte[] v = Arrays.copyOfRange(buf, pos, i);
                pos = i + 1;
                return v;
            }
        }
        throw new MalformedPacketException("string at " + pos + " has no NUL terminator");
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

    public void skip(int n) {
        need(n);
        pos += n;
    }

    /** str&lt;EOF&gt;: the rest of the payload. */
    public byte[] restBytes() {
        byte[] v = Arrays.copyOfRange(buf, pos, buf.length);
        pos = buf.length;
        return v;
    }

    public String restString() {
        return new String(restBytes(), StandardCharsets.UTF_8);
    }

    public int remaining() {
        return buf.length - pos;
    }

    public boolean hasRemaining() {
        return pos < buf.length;
    }

    public int position() {
        return pos;
    }
}
