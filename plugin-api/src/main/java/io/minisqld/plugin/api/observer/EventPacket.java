package io.minisqld.plugin.api.observer;

import io.minisqld.plugin.api.LogPosition;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * The packet a dump thread is about to send for one binlog event, offered to
 * {@link BinlogTransmitObserver#beforeSendEvent}: the OK byte {@code 0x00} at offset 0, then the
 * header bytes reserved in {@code reserve_header} (offsets 1 to {@link #headerLength()}), then the
 * event, and where the event ends in the binlog ({@link #position()}). Observers may rewrite only
 * the reserved header bytes (semisync sets its flag byte at offset 2 to {@code 0x01} when the
 * replica must acknowledge); the event itself is read-only.
 *
 * <p>The object wraps the dump thread's own buffer; it is valid only during the call.
 */
public final class EventPacket {
    private final byte[] buffer;
    private final int start;
    private final int length;
    private final int headerLength;
    private final LogPosition position;

    /**
     * @param buffer       the dump thread's buffer holding the packet payload
     * @param start        where the payload (the OK byte) starts in {@code buffer}
     * @param length       payload length: 1 + {@code headerLength} + event length
     * @param headerLength how many bytes observers reserved after the OK byte
     * @param position     where the event ends in the binlog (its file, the offset after it)
     */
    public EventPacket(byte[] buffer, int start, int length, int headerLength, LogPosition position) {
        Objects.checkFromIndexSize(start, length, buffer.length);
        if (headerLength < 0 || 1 + headerLength > length) {
            throw new IllegalArgumentException("header of " + headerLength + " bytes does not fit a packet of " + length);
        }
        this.buffer = buffer;
        this.start = start;
        this.length = length;
        this.headerLength = headerLength;
        this.position = Objects.requireNonNull(position, "position");
    }

    /** Where the event ends in the binlog: its file, and the offset right after it. */
    public LogPosition position() {
        return position;
    }

    /** Payload length, OK byte and reserved header included. */
    public int length() {
        return length;
    }

    /** How many bytes observers reserved after the OK byte. */
    public int headerLength() {
        return headerLength;
    }

    /** The payload byte at {@code offset} (0 = the OK byte). */
    public byte get(int offset) {
        Objects.checkIndex(offset, length);
        return buffer[start + offset];
    }

    /**
     * Rewrites one reserved header byte.
     *
     * @param offset 1 to {@link #headerLength()}; anything else throws {@link IndexOutOfBoundsException}
     */
    public void set(int offset, byte value) {
        if (offset < 1 || offset > headerLength) {
            throw new IndexOutOfBoundsException("offset " + offset + " is outside the reserved header 1.." + headerLength);
        }
        buffer[start + offset] = value;
    }

    /** A read-only view of the event bytes (after the reserved header). */
    public ByteBuffer event() {
        int eventStart = start + 1 + headerLength;
        return ByteBuffer.wrap(buffer, eventStart, start + length - eventStart).slice().asReadOnlyBuffer();
    }
}
