package io.minisqld.server.binlog.event.codec;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A growable little-endian byte buffer, as binlog integers are little-endian. */
public final class ByteWriter {
    private byte[] buf;
    private int size;

    public ByteWriter() {
        this(64);
    }

    public ByteWriter(int capacity) {
        buf = new byte[Math.max(16, capacity)];
    }

    private void ensure(int more) {
        if (size + more > buf.length) buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
    }

    /** Writes the low {@code width} bytes of {@code value}, least significant first. */
    public ByteWriter intLE(long value, int width) {
        ensure(width);
        for (int i = 0; i < width; i++) buf[size++] = (byte) (value >>> (8 * i));
        return this;
    }

    public ByteWriter int1(int v) {
        return intLE(v, 1);
    }

    public ByteWriter int2(int v) {
        return intLE(v, 2);
    }

    public ByteWriter int4(long v) {
        return intLE(v, 4);
    }

    public ByteWriter int8(long v) {
        return intLE(v, 8);
    }

    public ByteWriter bytes(byte[] b) {
        return bytes(b, 0, b.length);
    }

    public ByteWriter bytes(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, buf, size, len);
        size += len;
        return this;
    }

    /** UTF-8 bytes, no length, no terminator. */
    public ByteWriter utf8(String s) {
        return bytes(s.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code n} zero bytes. */
    public ByteWriter zeros(int n) {
        ensure(n);
        size += n;
        return this;
    }

    public int size() {
        return size;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }
}
