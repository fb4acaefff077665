package io.minisqld.server.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Builds one packet payload out of the protocol's basic types (spec §1.2): little-endian fixed
 * integers, length-encoded integers and strings, NUL-terminated strings. Not thread-safe; one
 * writer builds one payload.
 */
public final class PayloadWriter {
    private byte[] buf;
    private int size;

    public PayloadWriter() {
        this(64);
    }

    public PayloadWriter(int initialCapacity) {
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

    public PayloadWriter int1(int v) {
        ensure(1);
        buf[size++] = (byte) v;
        return this;
    }

    public PayloadWriter int2(int v) {
        ensure(2);
        buf[size++] = (byte) v;
        buf[size++] = (byte) (v >>> 8);
        return this;
    }

    public PayloadWriter int3(int v) {
        ensure(3);
        buf[size++] = (byte) v;
        buf[size++] = (byte) (v >>> 8);
        buf[size++] = (byte) (v >>> 16);
        return this;
    }

    public PayloadWriter int4(long v) {
        ensure(4);
        for (int i = 0; i < 4; i++) {
            buf[size++] = (byte) (v >>> (8 * i));
        }
        return this;
    }

    public PayloadWriter int8(long v) {
        ensure(8);
        for (int i = 0; i < 8; i++) {
            buf[size++] = (byte) (v >>> (8 * i));
        }
        return this;
    }

    /** A length-encoded integer; values are unsigned, so a negative long takes the 9-byte form. */
    public PayloadWriter lenenc(long v) {
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
    public PayloadWriter lenencBytes(byte[] v) {
        if (v == null) {
            return int1(0xFB);
        }
        lenenc(v.length);
        return bytes(v);
    }

    /** str&lt;lenenc&gt; of the UTF-8 text; null is written as the empty string. */
    public PayloadWriter lenencString(String v) {
        return lenencBytes(utf8(v == null ? "" : v));
    }

    /** str&lt;NUL&gt; of the UTF-8 text. */
    public PayloadWriter nulString(String v) {
        bytes(utf8(v));
        return int1(0);
    }

    /** str&lt;EOF&gt; of the UTF-8 text: the rest of the payload. */
    public PayloadWriter eofString(String v) {
        return bytes(utf8(v));
    }

    public PayloadWriter bytes(byte[] v) {
        return bytes(v, 0, v.length);
    }

    public PayloadWriter bytes(byte[] v, int offset, int length) {
        ensure(length);
        System.arraycopy(v, offset, buf, size, length);
        size += length;
        return this;
    }

    public PayloadWriter zeros(int count) {
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

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
