package io.minisqld.server.binlog.event.codec;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Little-endian reads over a slice of a byte array. Reading past the slice throws
 * {@link EventFormatException}, so a malformed event never reads a neighbour's bytes.
 */
public final class ByteReader {
    private final byte[] buf;
    private final int limit;
    private int pos;

    public ByteReader(byte[] buf, int offset, int length) {
        this.buf = buf;
        this.pos = offset;
        this.limit = offset + length;
    }

    public ByteReader(byte[] buf) {
        this(buf, 0, buf.length);
    }

    private void need(int n) throws EventFormatException {
        if (n < 0 || pos + n > limit) {
            throw new EventFormatException("event body too short: need " + n + " bytes, " + remaining() + " left");
        }
    }

    public long intLE(int width) throws EventFormatException {
        need(width);
        long v = 0;
        for (int i = 0; i < width; i++) v |= (buf[pos + i] & 0xFFL) << (8 * i);
        pos += width;
        return v;
    }

    public int int1() throws EventFormatException {
        return (int) intLE(1);
    }

    public int int2() throws EventFormatException {
        return (int) intLE(2);
    }

    public long int4() throws EventFormatException {
        return intLE(4);
    }

    public long int8() throws EventFormatException {
        return intLE(8);
    }

    public byte[] bytes(int n) throws EventFormatException {
        need(n);
        byte[] out = Arrays.copyOfRange(buf, pos, pos + n);
        pos += n;
        return out;
    }

    public String utf8(int n) throws EventFormatException {
        return new String(bytes(n), StandardCharsets.UTF_8);
    }

    public byte[] rest() throws EventFormatException {
        return bytes(remaining());
    }

    public String restUtf8() throws EventFormatException {
        return utf8(remaining());
    }

    /** Reads up to a NUL (consumed, not returned). */
    public String nulTerminated() throws EventFormatException {
        int end = pos;
        while (end < limit && buf[end] != 0) end++;
        if (end == limit) throw new EventFormatException("missing NUL terminator");
        String s = new String(buf, pos, end - pos, StandardCharsets.UTF_8);
        pos = end + 1;
        return s;
    }

    public void skip(int n) throws EventFormatException {
        need(n);
        pos += n;
    }

    public int remaining() {
        return limit - pos;
    }
}
