package io.minisqld.server.protocol;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;

/**
 * Packet framing (spec §1.1): a 3-byte length and a sequence id before every payload, logical
 * packets of 0xFFFFFF bytes or more split into full packets plus a final shorter one (empty when
 * the length is an exact multiple), and the reverse on reading.
 *
 * <p>Threads: the read side ({@code in}) and the write side ({@code out}, {@code nextSeq},
 * {@code unreportedSent}) are each confined to one thread at a time; only {@link #readCommand}
 * links them and it runs on the connection's thread, which also writes. The byte counter must be
 * thread-safe.
 */
final class PacketChannel implements RawChannel {
    static final int MAX_CHUNK = 0xFFFFFF;
    private static final int BUFFER = 64 * 1024;

    /** Receives byte counts for Bytes_received / Bytes_sent. */
    interface ByteCounter {
        void count(long received, long sent);
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final ByteCounter counter;
    /** Written by the connection's thread before each command, read by whichever thread reads. */
    private volatile int maxPacket;
    private int nextSeq;
    private long unreportedSent;

    /**
     * @param maxPacket the largest logical packet accepted until {@link #setMaxPacket} changes it
     */
    PacketChannel(Socket socket, InputStream in, OutputStream out, ByteCounter counter, int maxPacket) {
        this.socket = socket;
        this.in = new BufferedInputStream(in, BUFFER);
        this.out = new BufferedOutputStream(out, BUFFER);
        this.counter = counter;
        this.maxPacket = maxPacket;
    }

    static PacketChannel of(Socket socket, ByteCounter counter, int maxPacket) throws IOException {
        return new PacketChannel(socket, socket.getInputStream(), socket.getOutputStream(), counter, maxPacket);
    }

    /** The session's max_allowed_packet, which bounds every later read. */
    void setMaxPacket(int maxPacket) {
        this.maxPacket = maxPacket;
    }

    /** A logical packet and the sequence id of its last physical packet. */
    record Message(byte[] payload, int lastSequenceId) {
    }

    /**
     * Reads a client request or reply within the current exchange: the answer continues from the
     * request's sequence id.
     */
    byte[] readCommand() throws IOException {
        Message m = readMessage(maxPacket);
        nextSeq = (m.lastSequenceId() + 1) & 0xFF;
        return m.payload();
    }

    @Override
    public byte[] readPacket() throws IOException {
        return readMessage(maxPacket).payload();
    }

    /**
     * Reads one logical packet. The declared length is checked against {@code limit} before the
     * payload is read, and for split packets the running total is, as MySQL's my_net_read does.
     */
    Message readMessage(int limit) throws IOException {
        byte[] header = new byte[4];
        byte[] result = null;
        long total = 0;
        while (true) {
            readFully(header, result == null);
            int length = (header[0] & 0xFF) | (header[1] & 0xFF) << 8 | (header[2] & 0xFF) << 16;
            int seq = header[3] & 0xFF;
            if (total + length > limit) {
                throw new PacketTooLargeException(total + length, limit, seq);
            }
            byte[] chunk = new byte[length];
            readFully(chunk, false);
            counter.count(4L + length, 0);
            if (result == null) {
                result = chunk;
            } else {
                byte[] joined = new byte[result.length + length];
                System.arraycopy(result, 0, joined, 0, result.length);
                System.arraycopy(chunk, 0, joined, result.length, length);
                result = joined;
            }
            total += length;
            if (length < MAX_CHUNK) {
                return new Message(result, seq);
            }
        }
    }

    /** Reads exactly b.length bytes; an end of stream at a packet boundary is a clean close. */
    private void readFully(byte[] b, boolean atBoundary) throws IOException {
        int off = 0;
        while (off < b.length) {
            int n = in.read(b, off, b.length - off);
            if (n < 0) {
                throw new EOFException(atBoundary && off == 0 ? "client closed the connection" : "connection closed inside a packet");
            }
            off += n;
        }
    }

    @Override
    public void writePacket(byte[] payload) throws IOException {
        int off = 0;
        while (true) {
            int n = Math.min(payload.length - off, MAX_CHUNK);
            out.write(n & 0xFF);
            out.write((n >>> 8) & 0xFF);
            out.write((n >>> 16) & 0xFF);
            out.write(nextSeq);
            nextSeq = (nextSeq + 1) & 0xFF;
            out.write(payload, off, n);
            unreportedSent += 4L + n;
            off += n;
            if (n < MAX_CHUNK) {
                return;
            }
        }
    }

    @Override
    public void flush() throws IOException {
        out.flush();
        if (unreportedSent > 0) {
            counter.count(0, unreportedSent);
            unreportedSent = 0;
        }
    }

    /**
     * Flushes and half-closes the socket, so that a last ERR reaches the client before the close
     * that follows, even when unread request bytes make that close reset the connection.
     */
    void finishOutput() throws IOException {
        flush();
        if (socket != null) {
            socket.shutdownOutput();
        }
    }

    @Override
    public int nextSequenceId() {
        return nextSeq;
    }

    @Override
    public void setNextSequenceId(int sequenceId) {
        nextSeq = sequenceId & 0xFF;
    }

    @Override
    public void setReadTimeout(Duration timeout) throws IOException {
        if (socket != null) {
            socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        }
    }
}
