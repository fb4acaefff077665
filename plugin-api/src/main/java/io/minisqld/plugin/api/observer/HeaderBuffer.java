package io.minisqld.plugin.api.observer;

/**
 * The extra header of a packet the dump thread is about to send, offered to
 * {@link BinlogTransmitObserver#reserveHeader}. The server has already written the OK byte
 * {@code 0x00}; the bytes an observer appends follow it, in observer order, before the event.
 * Semisync appends {@code 0xEF} (magic) and {@code 0x00} (flag) here.
 *
 * <p>One observer may append at most {@link #MAX_BYTES_PER_OBSERVER} bytes per packet (MySQL's
 * {@code RESERVE_HEADER_SIZE}); appending more throws {@link IllegalStateException}, which fails
 * the hook and with it the dump.
 */
public interface HeaderBuffer {
    /** MySQL's {@code RESERVE_HEADER_SIZE}. */
    int MAX_BYTES_PER_OBSERVER = 32;

    /**
     * Appends {@code bytes} to the header.
     *
     * @throws IllegalStateException if this observer's bytes would exceed
     *                               {@link #MAX_BYTES_PER_OBSERVER}
     */
    void append(byte... bytes);
}
