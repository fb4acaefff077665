package io.minisqld.server.wire;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Builds bytes out of the protocol's basic types (protocol.md §1.2): little-endian fixed
 * integers, length-encoded integers and strings, NUL-terminated strings. One writer builds one
 * packet payload or one binlog event, whose integers are little-endian too. Not thread-safe.
 */
public final class ByteWriter {
    private byte[] buf;
    private int size;

    public ByteWriter() {
        this(64);
    }

    public ByteWriter(int initialCapacity) {
        buf = new byte[Math.max(16, initialCapacity)];
    }

    private void ensure(int extra) {
        int needed = size + extra;
        if (needed < 0) {
            throw new IllegalStateException("payload larger than 2 GiB");
        }
        if (needed > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(needed, buf.length * 2));
        }
    }

    /** The low {@code width} bytes of {@code value}, least significant first. */
    public ByteWriter intLE(long value, int width) {
        ensure(width);
        for (int i = 0; i < width; i++) {
            buf[size++] = (byte) (value >>> (8 * i));
        }
        return this;
    }

    public ByteWriter int1(int v) {
        return intLE(v, 1);
    }

    public ByteWriter int2(int v) {
        return intLE(v, 2);
    }

    public ByteWriter int3(int v) {
        return intLE(v, 3);
    }

    public ByteWriter int4(long v) {
        return intLE(v, 4);
    }

    public ByteWriter int8(long v) {
        return intLE(v, 8);
    }

    /** A length-encoded integer; values are unsigned, so a negative long takes the 9-byte form. */
    public ByteWriter lenenc(long v) {
        if (v >= 0 && v < 251) {
            return int1((int) v);
        } else if (v >= 0 && v < (1 << 16)) {
            return int1(0xFC).int2((int) v);
        } else if (v >= 0 && v < (1 << 24)) {
            return int1(0xFD).int3((int) v);
        }
        return int1(0xFE).int8(v);
    }

    /** str&lt;lenenc&gt;; a null value becomes the text protocol's NULL marker 0xFB. */
    public ByteWriter lenencBytes(byte[] v) {
        if (v == null) {
            return int1(0xFB);
        }
        lenenc(v.length);
        return bytes(v);
    }

    /** str&lt;lenenc&gt; of the UTF-8 text; null is written as the empty string. */
    public ByteWriter lenencString(String v) {
        return lenencBytes(utf8Bytes(v == null ? "" : v));
    }

    /** str&lt;NUL&gt; of the UTF-8 text. */
    public ByteWriter nulString(String v) {
        bytes(utf8Bytes(v));
        return int1(0);
    }

    /** The UTF-8 bytes of the text, no length, no terminator (a str&lt;EOF&gt; at the end of a payload). */
    public ByteWriter utf8(String v) {
        return bytes(utf8Bytes(v));
    }

    public ByteWriter bytes(byte[] v) {
        return bytes(v, 0, v.length);
    }

    public ByteWriter bytes(byte[] v, int offset, int length) {
        ensure(length);
        System.arraycopy(v, offset, buf, size, length);
        size += length;
        return this;
    }

    /** {@code count} zero bytes. */
    public ByteWriter zeros(int count) {
        ensure(count);
        size += count;
        return this;
    }

    public int size() {
        return size;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    private static byte[] utf8Bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
