package io.minisqld.server.wire;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;

/**
 * Packet framing (spec §1.1), for both ends of a connection: a 3-byte length and a sequence id
 * before every payload, logical packets of 0xFFFFFF bytes or more split into full packets plus a
 * final shorter one (empty when the length is an exact multiple), and the reverse on reading.
 * The server's connections and the replica's client connection both frame with this class.
 *
 * <p>Sequence ids: one counter, {@link #nextSequenceId()}, for the packets written next. A read
 * {@linkplain #readInSequence() in sequence} continues the exchange from the packet read; a
 * {@link Role#CLIENT} also checks that each packet it reads that way carries the id the exchange
 * expects (libmysqlclient's "Got packets out of order"), a {@link Role#SERVER} takes what the
 * client sends. {@link #readPacket()} neither checks nor moves the counter: inside a binlog
 * stream semisync resets the ids (spec §4.5).
 *
 * <p>Threads: the read side ({@code in}) and the write side ({@code out}, {@code nextSeq},
 * {@code unreportedSent}) are each confined to one thread at a time; only {@link
 * #readInSequence()} links them, and it runs on the thread that also writes. {@link
 * #readPacket()} may therefore run on one other thread (a semisync ACK receiver) while that
 * thread writes. The byte counter must be thread-safe.
 */
public final class PacketChannel implements PacketSink {
    /** The largest physical packet; a logical packet this long or longer continues in the next. */
    public static final int MAX_CHUNK = 0xFFFFFF;
    private static final int BUFFER = 64 * 1024;

    /** Which end of the connection this is. */
    public enum Role {
        /** Reads clients' requests and replies without checking their sequence ids. */
        SERVER("client closed the connection"),
        /** Refuses a reply whose sequence id does not continue the exchange. */
        CLIENT("connection closed by the server");

        private final String peerClosed;

        Role(String peerClosed) {
            this.peerClosed = peerClosed;
        }
    }

    /** Receives byte counts for Bytes_received / Bytes_sent. */
    @FunctionalInterface
    public interface ByteCounter {
        /** Counts nothing. */
        ByteCounter NONE = (received, sent) -> { };

        void count(long received, long sent);
    }

    /** A logical packet and the sequence id of its last physical packet. */
    public record Message(byte[] payload, int lastSequenceId) {
    }

    private final Socket socket;
    private final Input in;
    private final OutputStream out;
    /** Whether a write to the socket is in progress, and since when (System.nanoTime): net_write_timeout. */
    private volatile boolean writing;
    private volatile long writeStart;
    private final Role role;
    private final ByteCounter counter;
    /** Written by the thread that reads requests, read by whichever thread reads. */
    private volatile int maxPacket;
    private int nextSeq;
    private long unreportedSent;

    /**
     * @param socket    the socket behind the streams, for timeouts and half-close; may be null
     * @param maxPacket the largest logical packet accepted until {@link #setMaxPacket} changes it
     */
    public PacketChannel(Socket socket, InputStream in, OutputStream out, Role role, ByteCounter counter,
                         int maxPacket) {
        this.socket = socket;
        this.in = new Input(in);
        this.out = new BufferedOutputStream(new TimedOutput(out), BUFFER);
        this.role = role;
        this.counter = counter;
        this.maxPacket = maxPacket;
    }

    /** The server's end of a client connection. */
    public static PacketChannel server(Socket socket, ByteCounter counter, int maxPacket) throws IOException {
        return new PacketChannel(socket, socket.getInputStream(), socket.getOutputStream(), Role.SERVER, counter,
                maxPacket);
    }

    /**
     * The server's end after the client's SSLRequest: TLS over the same socket (what the buffered
     * reader already took from the socket is the client's first TLS bytes), the handshake done,
     * the sequence going on.
     */
    public PacketChannel startTls(ServerTls tls) throws IOException {
        flush();
        byte[] early = in.readNBytes(in.available());
        javax.net.ssl.SSLSocket ssl = (javax.net.ssl.SSLSocket) tls.context().getSocketFactory()
                .createSocket(socket, new java.io.ByteArrayInputStream(early), true);
        ssl.setUseClientMode(false);
        ssl.setSSLParameters(tls.parameters());
        ssl.startHandshake();
        PacketChannel upgraded = new PacketChannel(ssl, ssl.getInputStream(), ssl.getOutputStream(), role, counter,
                maxPacket);
        upgraded.nextSeq = nextSeq;
        return upgraded;
    }

    /** The TLS session when the channel runs over TLS, else null. */
    public javax.net.ssl.SSLSession tlsSession() {
        return socket instanceof javax.net.ssl.SSLSocket ssl ? ssl.getSession() : null;
    }

    /** A client's end of a connection to a server: no size limit, no byte counts. */
    public static PacketChannel client(Socket socket) throws IOException {
        return new PacketChannel(socket, socket.getInputStream(), socket.getOutputStream(), Role.CLIENT,
                ByteCounter.NONE, Integer.MAX_VALUE);
    }

    /** The session's max_allowed_packet, which bounds every later read. */
    public void setMaxPacket(int maxPacket) {
        this.maxPacket = maxPacket;
    }

    /**
     * Reads the next packet of the current exchange (a client's request or reply, a server's
     * reply): the answer continues from its sequence id.
     *
     * @throws PacketsOutOfOrderException for a {@link Role#CLIENT}, when the server skipped ids
     * @throws PacketTooLargeException    when it is longer than the max packet
     * @throws EOFException               when the peer closed the connection
     */
    public byte[] readInSequence() throws IOException {
        Message m = read(maxPacket, role == Role.CLIENT);
        nextSeq = (m.lastSequenceId() + 1) & 0xFF;
        return m.payload();
    }

    /**
     * Reads one logical packet whatever its sequence id, without moving {@link
     * #nextSequenceId()} (a semisync ACK always arrives as seq 0, spec §4.5).
     *
     * @throws EOFException when the peer closed the connection
     * @throws IOException  on a socket error, a read timeout, or a packet longer than the max packet
     */
    public byte[] readPacket() throws IOException {
        return readMessage(maxPacket).payload();
    }

    /**
     * Reads one logical packet. The declared length is checked against {@code limit} before the
     * payload is read, and for split packets the running total is, as MySQL's my_net_read does.
     */
    public Message readMessage(int limit) throws IOException {
        return read(limit, false);
    }

    private Message read(int limit, boolean checkSequence) throws IOException {
        byte[] header = new byte[4];
        byte[] result = null;
        long total = 0;
        int expected = nextSeq;
        while (true) {
            readFully(header, result == null);
            int length = (header[0] & 0xFF) | (header[1] & 0xFF) << 8 | (header[2] & 0xFF) << 16;
            int seq = header[3] & 0xFF;
            if (checkSequence && seq != expected) {
                throw new PacketsOutOfOrderException();
            }
            expected = (seq + 1) & 0xFF;
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
                throw new EOFException(atBoundary && off == 0 ? role.peerClosed : "connection closed inside a packet");
            }
            off += n;
        }
    }

    /**
     * Whether bytes of a next packet are already here (buffered or in the socket), i.e. a read
     * would not block.
     */
    public boolean hasBufferedInput() throws IOException {
        // what the buffer holds answers without asking the socket (an ioctl per call)
        return in.holdsBytes() || in.available() > 0;
    }

    /** The buffered input, which tells whether its own buffer still holds bytes. */
    private static final class Input extends BufferedInputStream {
        Input(InputStream in) {
            super(in, BUFFER);
        }

        /** Read by the thread that reads this channel, which alone moves {@code pos} and {@code count}. */
        boolean holdsBytes() {
            return count > pos;
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
    public void finishOutput() throws IOException {
        flush();
        // TLS has no half-close (its close_notify ends both directions): the flush is all
        if (socket != null && !(socket instanceof javax.net.ssl.SSLSocket)) {
            socket.shutdownOutput();
        }
    }

    /** The sequence id the next written packet gets (0–255). */
    public int nextSequenceId() {
        return nextSeq;
    }

    /** Sets the sequence id of the next written packet, e.g. 0 for a new command, 1 after a semisync ACK request (§4.5). */
    public void setNextSequenceId(int sequenceId) {
        nextSeq = sequenceId & 0xFF;
    }

    /** The socket's output, noting when a write to it starts and ends (see {@link #writeBlockedNanos}). */
    private final class TimedOutput extends OutputStream {
        private final OutputStream socketOut;

        TimedOutput(OutputStream socketOut) {
            this.socketOut = socketOut;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            writeStart = System.nanoTime();
            writing = true;
            try {
                socketOut.write(b, off, len);
            } finally {
                writing = false;
            }
        }

        @Override
        public void flush() throws IOException {
            socketOut.flush();
        }

        @Override
        public void close() throws IOException {
            socketOut.close();
        }
    }

    /**
     * How long the write to the socket in progress has been blocked at {@code now} (System.nanoTime),
     * 0 when no write is in progress: a peer that stopped reading leaves it blocked. Any thread.
     */
    public long writeBlockedNanos(long now) {
        return writing ? now - writeStart : 0;
    }

    /**
     * Waits until the first byte of the peer's next packet is here, at most {@code timeout}
     * ({@link Duration#ZERO}: for ever), without reading it: MySQL waits for a client's next
     * command up to wait_timeout, and reads the command itself with net_read_timeout. Leaves
     * {@code timeout} as the read timeout.
     *
     * @throws java.net.SocketTimeoutException when nothing came in time
     * @throws EOFException when the peer closed the connection
     */
    public void awaitInput(Duration timeout) throws IOException {
        setReadTimeout(timeout);
        in.mark(1);
        if (in.read() < 0) throw new EOFException(role.peerClosed);
        in.reset();
    }

    /** Bounds every later blocking read; {@link Duration#ZERO} (or less) waits forever. */
    public void setReadTimeout(Duration timeout) throws IOException {
        if (socket != null) {
            long ms = timeout.toMillis();
            socket.setSoTimeout(ms <= 0 ? 0 : (int) Math.min(Integer.MAX_VALUE, ms));
        }
    }
}
