package io.minisqld.plugin.api.observer;

import java.util.Objects;

/**
 * A packet the replica's IO thread has just read from its source, offered to
 * {@link BinlogRelayIoObserver#afterReadEvent}: a view (offset and length) over the packet
 * payload, starting after the leading OK byte {@code 0x00}. An observer may move the start of the
 * view forward to strip bytes in front of the event (semisync strips its {@code 0xEF} magic and
 * flag byte); what remains in the view after all observers is the event the IO thread queues.
 *
 * <p>Used by the IO thread only; valid only during the call.
 */
public final class ReadEvent {
    private final byte[] packet;
    private int offset;
    private int length;

    /**
     * @param packet the packet payload as read
     * @param offset where the view starts (1: just after the OK byte)
     * @param length how many bytes the view covers
     */
    public ReadEvent(byte[] packet, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, packet.length);
        this.packet = packet;
        this.offset = offset;
        this.length = length;
    }

    /** The whole packet payload; the view is {@link #offset()} .. {@link #offset()} + {@link #length()}. */
    public byte[] packet() {
        return packet;
    }

    /** Where the view starts in {@link #packet()}. */
    public int offset() {
        return offset;
    }

    /** Length of the view. */
    public int length() {
        return length;
    }

    /** The byte at {@code index} within the view (0 = first byte of the view). */
    public byte get(int index) {
        Objects.checkIndex(index, length);
        return packet[offset + index];
    }

    /**
     * Removes {@code count} bytes from the front of the view.
     *
     * @throws IndexOutOfBoundsException if the view is shorter than {@code count}
     */
    public void strip(int count) {
        Objects.checkFromIndexSize(0, count, length);
        offset += count;
        length -= count;
    }

    /** A copy of the bytes in the view. */
    public byte[] toByteArray() {
        byte[] copy = new byte[length];
        System.arraycopy(packet, offset, copy, 0, length);
        return copy;
    }
}
