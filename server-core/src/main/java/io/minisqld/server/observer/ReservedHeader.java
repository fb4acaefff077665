package io.minisqld.server.observer;

import io.minisqld.plugin.api.observer.HeaderBuffer;
import java.util.Arrays;

/**
 * The dump thread's {@link HeaderBuffer}: the bytes observers reserve after the OK byte of every
 * packet. One instance per dump thread, reused for every packet ({@link #clear()} before
 * {@link BinlogTransmitDelegate#reserveHeader}), so sending allocates nothing. Not thread-safe:
 * only the dump thread touches it.
 */
public final class ReservedHeader implements HeaderBuffer {
    private byte[] bytes = new byte[MAX_BYTES_PER_OBSERVER];
    private int length;
    private int observerStart;

    /** Forgets the previous packet's header. */
    public void clear() {
        length = 0;
        observerStart = 0;
    }

    /** Called by the dispatcher before each observer: MySQL's 32-byte limit is per observer. */
    void startObserver() {
        observerStart = length;
    }

    @Override
    public void append(byte... more) {
        if (length - observerStart + more.length > MAX_BYTES_PER_OBSERVER) {
            // MySQL: an observer's header length above RESERVE_HEADER_SIZE fails reserve_header.
            throw new IllegalStateException("an observer may reserve at most " + MAX_BYTES_PER_OBSERVER
                    + " header bytes, asked for " + (length - observerStart + more.length));
        }
        if (length + more.length > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more.length));
        }
        System.arraycopy(more, 0, bytes, length, more.length);
        length += more.length;
    }

    /** How many bytes all observers reserved. */
    public int length() {
        return length;
    }

    /** Copies the reserved bytes into {@code target} at {@code offset} (right after the OK byte). */
    public void copyTo(byte[] target, int offset) {
        System.arraycopy(bytes, 0, target, offset, length);
    }

    /** A copy of the reserved bytes. */
    public byte[] toByteArray() {
        return Arrays.copyOf(bytes, length);
    }
}
