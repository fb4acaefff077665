package io.minisqld.server.replication.client;

import io.minisqld.server.auth.NativePassword;
import io.minisqld.server.wire.ByteReader;
import io.minisqld.server.wire.ByteWriter;
import io.minisqld.server.wire.Capabilities;
import io.minisqld.server.wire.MalformedPacketException;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A MySQL protocol 4.1 client connection (protocol.md §1 from the client's side): handshake v10
 * with mysql_native_password (following an AuthSwitchRequest to it), COM_QUERY with text result
 * sets (every value as a string, NULL as null), and raw packets with sequence ids for the
 * replication commands.
 *
 * <p>Sequence ids: every command starts at 0 and the replies of a command exchange must continue
 * the sequence, else the reply is rejected as out of order; inside the binlog stream
 * ({@link #readStreamPacket()}) any sequence id is accepted, because semisync resets it
 * (protocol.md §4.5).
 *
 * <p>Threads: one thread uses a connection (the IO thread), except that {@link #close()} and
 * {@link #quit()} may be called from another thread to unblock a read; writes are serialised on
 * {@code writeLock} for that case.
 */
public final class MysqlClient implements Closeable {
    private static final int MAX_CHUNK = 0xFFFFFF;
    private static final int COM_QUIT = 0x01;
    private static final int COM_QUERY = 0x03;
    /** What this client asks for: protocol 4.1 with plugin auth, nothing the server must emulate. */
    private static final int CLIENT_FLAGS = Capabilities.CLIENT_LONG_PASSWORD | Capabilities.CLIENT_LONG_FLAG
            | Capabilities.CLIENT_PROTOCOL_41 | Capabilities.CLIENT_TRANSACTIONS
            | Capabilities.CLIENT_SECURE_CONNECTION | Capabilities.CLIENT_MULTI_RESULTS
            | Capabilities.CLIENT_PLUGIN_AUTH;
    private static final String NATIVE = "mysql_native_password";
    /** utf8mb4_general_ci. */
    private static final int COLLATION = 45;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final Object writeLock = new Object();
    private final String host;
    private String serverVersion;
    private long connectionId;
    /** The sequence id the next packet read or written carries; the IO thread's. */
    private int nextSeq;
    private volatile boolean closed;

    private MysqlClient(Socket socket, String host) throws IOException {
        this.socket = socket;
        this.host = host;
        this.in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
        this.out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
    }

    /**
     * Connects and authenticates.
     *
     * @param connectTimeout TCP connect timeout (MySQL's replica uses slave_net_timeout)
     * @param readTimeout    every later read fails with {@link ClientError#CR_SERVER_LOST} after it
     * @throws ClientErrorException the server could not be reached or the connection broke
     * @throws ServerErrorException the server refused the login (e.g. 1045 Access denied)
     */
    public static MysqlClient connect(String host, int port, String user, String password, Duration connectTimeout,
                                      Duration readTimeout) throws IOException, ServerErrorException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.setKeepAlive(true);
            socket.connect(new InetSocketAddress(host, port), timeoutMillis(connectTimeout));
        } catch (IOException e) {
            socket.close();
            // libmysqlclient reports the OS errno; 111 is ECONNREFUSED, 110 ETIMEDOUT.
            int errno = e instanceof SocketTimeoutException ? 110 : 111;
            ClientErrorException ce = ClientError.CR_CONN_HOST_ERROR.exception(host, errno);
            ce.initCause(e);
            throw ce;
        }
        MysqlClient client;
        try {
            socket.setSoTimeout(timeoutMillis(readTimeout));
            client = new MysqlClient(socket, host);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        try {
            client.handshake(user, password);
            return client;
        } catch (IOException | ServerErrorException | RuntimeException e) {
            client.close();
            throw e;
        }
    }

    private static int timeoutMillis(Duration d) {
        long ms = d.toMillis();
        return ms <= 0 ? 0 : (int) Math.min(Integer.MAX_VALUE, ms);
    }

    private void handshake(String user, String password) throws IOException, ServerErrorException {
        byte[] greeting = readReply("reading initial communication packet");
        if ((greeting[0] & 0xFF) == 0xFF) throw ServerErrorException.decode(greeting);
        ByteReader r = new ByteReader(greeting);
        byte[] scramble;
        String plugin = NATIVE;
        int serverCaps;
        try {
            int protocol = r.int1();
            if (protocol != 10) throw ClientError.CR_MALFORMED_PACKET.exception();
            serverVersion = r.nulString();
            connectionId = r.int4();
            byte[] part1 = r.bytes(8);
            r.skip(1);
            serverCaps = r.int2();
            byte[] part2 = new byte[0];
            if (r.hasRemaining()) {
                r.int1(); // collation
                r.int2(); // status
                serverCaps |= r.int2() << 16;
                int authLength = r.int1();
                r.skip(10);
                if ((serverCaps & Capabilities.CLIENT_SECURE_CONNECTION) != 0) {
                    part2 = r.bytes(Math.max(13, authLength - 8));
                }
                if ((serverCaps & Capabilities.CLIENT_PLUGIN_AUTH) != 0 && r.hasRemaining()) plugin = r.nulString();
            }
            scramble = stripNul(concat(part1, part2));
        } catch (MalformedPacketException e) {
            throw ClientError.CR_MALFORMED_PACKET.exception();
        }
        int flags = CLIENT_FLAGS & (serverCaps | Capabilities.CLIENT_LONG_PASSWORD);
        // An unknown default plugin (caching_sha2_password of a MySQL 8 server): answer with a
        // native token anyway; the server then switches us to mysql_native_password or refuses.
        byte[] token = NativePassword.token(password, scramble);
        ByteWriter w = new ByteWriter().int4(flags).int4(MAX_CHUNK).int1(COLLATION).zeros(23)
                .nulString(user).int1(token.length).bytes(token);
        if ((flags & Capabilities.CLIENT_PLUGIN_AUTH) != 0) w.nulString(NATIVE);
        writePacket(w.toByteArray());
        flush();
        while (true) {
            byte[] reply = readReply("reading authorization packet");
            int first = reply[0] & 0xFF;
            if (first == 0x00) return;
            if (first == 0xFF) throw ServerErrorException.decode(reply);
            if (first == 0xFE) {
                // AuthSwitchRequest (§1.4.4): plugin name, then the new scramble (with a trailing NUL).
                ByteReader s = new ByteReader(reply, 1);
                String wanted = reply.length > 1 ? s.nulString() : "mysql_old_password";
                if (!NATIVE.equals(wanted)) {
                    throw ClientError.CR_AUTH_PLUGIN_CANNOT_LOAD.exception(wanted, "plugin not supported by this client");
                }
                byte[] newScramble = stripNul(s.restBytes());
                writePacket(NativePassword.token(password, newScramble));
                flush();
                continue;
            }
            throw ClientError.CR_MALFORMED_PACKET.exception();
        }
    }

    /** The greeting's server version, e.g. {@code 5.7.44-minisqld-…} or {@code 5.5.5-10.11.6-MariaDB-…}. */
    public String serverVersion() {
        return serverVersion;
    }

    /** The connection id the server gave this connection in its greeting. */
    public long connectionId() {
        return connectionId;
    }

    /**
     * Runs one statement (COM_QUERY) and returns its rows: each row a list of column values as
     * text, null for SQL NULL; an empty list for a statement answered with OK. Only the first
     * result set of a multi-result answer is returned; later ones are read and dropped.
     *
     * @throws ServerErrorException the server answered with ERR
     */
    public List<List<String>> query(String sql) throws IOException, ServerErrorException {
        byte[] sqlBytes = sql.getBytes(StandardCharsets.UTF_8);
        writeCommand(new ByteWriter(sqlBytes.length + 1).int1(COM_QUERY).bytes(sqlBytes).toByteArray());
        List<List<String>> rows = null;
        while (true) {
            byte[] first = readReply("reading query result");
            int b = first[0] & 0xFF;
            if (b == 0xFF) throw ServerErrorException.decode(first);
            int status;
            if (b == 0x00) {
                ByteReader ok = new ByteReader(first, 1);
                ok.lenenc();
                ok.lenenc();
                status = ok.int2();
                if (rows == null) rows = List.of();
            } else if (b == 0xFB) {
                throw ClientError.CR_MALFORMED_PACKET.exception();
            } else {
                long columns = new ByteReader(first).lenenc();
                for (long i = 0; i < columns; i++) readReply("reading column definitions");
                byte[] eof = readReply("reading column definitions");
                if (!isEof(eof)) throw ClientError.CR_MALFORMED_PACKET.exception();
                List<List<String>> read = new ArrayList<>();
                while (true) {
                    byte[] p = readReply("reading rows");
                    if ((p[0] & 0xFF) == 0xFF) throw ServerErrorException.decode(p);
                    if (isEof(p)) {
                        status = p.length >= 5 ? (p[3] & 0xFF) | (p[4] & 0xFF) << 8 : 0;
                        break;
                    }
                    read.add(row(p, (int) columns));
                }
                if (rows == null) rows = read;
            }
            // SERVER_MORE_RESULTS_EXISTS: another result of the same statement follows.
            if ((status & 0x0008) == 0) return rows;
        }
    }

    private static boolean isEof(byte[] p) {
        return (p[0] & 0xFF) == 0xFE && p.length < 9;
    }

    private static List<String> row(byte[] payload, int columns) throws ClientErrorException {
        try {
            ByteReader r = new ByteReader(payload);
            List<String> row = new ArrayList<>(columns);
            for (int i = 0; i < columns; i++) {
                if ((payload[r.position()] & 0xFF) == 0xFB) {
                    r.skip(1);
                    row.add(null);
                } else {
                    row.add(r.lenencString());
                }
            }
            return row;
        } catch (MalformedPacketException | ArrayIndexOutOfBoundsException e) {
            throw ClientError.CR_MALFORMED_PACKET.exception();
        }
    }

    /**
     * Sends a command packet (sequence id 0) and flushes it; the reply continues at 1.
     */
    public void writeCommand(byte[] payload) throws IOException {
        synchronized (writeLock) {
            nextSeq = 0;
            writePacket(payload);
            flush();
        }
    }

    /**
     * Sends a packet with the given sequence id and flushes it: a semisync reply goes out with 0
     * (protocol.md §4.5). The reading side then expects {@code sequenceId + 1} next.
     */
    public void writePacket(byte[] payload, int sequenceId) throws IOException {
        synchronized (writeLock) {
            nextSeq = sequenceId & 0xFF;
            writePacket(payload);
            flush();
        }
    }

    /** Reads the reply to a command: OK returns, ERR throws. */
    public void readOk() throws IOException, ServerErrorException {
        byte[] p = readReply("reading command result");
        int b = p[0] & 0xFF;
        if (b == 0xFF) throw ServerErrorException.decode(p);
        if (b != 0x00) throw ClientError.CR_MALFORMED_PACKET.exception();
    }

    /**
     * Reads one logical packet of the binlog stream, whatever its sequence id (semisync resets
     * it); payload[0] is 0x00 (event), 0xFF (ERR) or 0xFE with length < 8 (EOF).
     */
    public byte[] readStreamPacket() throws IOException {
        return readLogical(false, "reading binlog event");
    }

    /**
     * Whether bytes of a next packet are already here (buffered or in the socket), i.e. a read
     * would not block: the IO thread syncs its relay log when the stream goes quiet.
     */
    public boolean hasBufferedInput() throws IOException {
        return !closed && in.available() > 0;
    }

    /** Changes the read timeout of later reads. */
    public void setReadTimeout(Duration timeout) throws IOException {
        socket.setSoTimeout(timeoutMillis(timeout));
    }

    /** Sends COM_QUIT (best effort) and closes the socket. Any thread. */
    public void quit() {
        if (closed) return;
        try {
            synchronized (writeLock) {
                nextSeq = 0;
                writePacket(new byte[] {COM_QUIT});
                flush();
            }
        } catch (IOException ignored) {
            // The connection is being abandoned anyway; closing below is what matters.
        }
        close();
    }

    /** Closes the socket; a read blocked in another thread fails at once. Any thread. */
    @Override
    public void close() {
        closed = true;
        try {
            socket.close();
        } catch (IOException ignored) {
            // Nothing left to release: a failing close of a socket leaves no resource behind.
        }
    }

    /** Whether {@link #close()} ran. */
    public boolean isClosed() {
        return closed;
    }

    // --- framing (§1.1)

    private byte[] readReply(String stage) throws IOException {
        return readLogical(true, stage);
    }

    private byte[] readLogical(boolean strict, String stage) throws IOException {
        byte[] header = new byte[4];
        byte[] result = null;
        while (true) {
            readFully(header, stage);
            int length = (header[0] & 0xFF) | (header[1] & 0xFF) << 8 | (header[2] & 0xFF) << 16;
            int seq = header[3] & 0xFF;
            if (strict && seq != nextSeq) {
                throw new ClientErrorException(1156, "Got packets out of order");
            }
            nextSeq = (seq + 1) & 0xFF;
            byte[] chunk = new byte[length];
            readFully(chunk, stage);
            result = result == null ? chunk : concat(result, chunk);
            if (length < MAX_CHUNK) {
                if (result.length == 0) throw ClientError.CR_MALFORMED_PACKET.exception();
                return result;
            }
        }
    }

    private void readFully(byte[] b, String stage) throws IOException {
        int off = 0;
        try {
            while (off < b.length) {
                int n = in.read(b, off, b.length - off);
                if (n < 0) throw new EOFException("connection closed by the server");
                off += n;
            }
        } catch (IOException e) {
            if (e instanceof ClientErrorException) throw e;
            ClientErrorException lost = stage.startsWith("reading initial")
                    || stage.startsWith("reading authorization")
                    ? ClientError.CR_SERVER_LOST_EXTENDED.exception(stage, 0)
                    : ClientError.CR_SERVER_LOST.exception();
            lost.initCause(e);
            throw lost;
        }
    }

    /** Writes a logical packet (split at 16 MiB) without flushing; caller holds writeLock or is the only writer. */
    private void writePacket(byte[] payload) throws IOException {
        synchronized (writeLock) {
            int off = 0;
            while (true) {
                int n = Math.min(payload.length - off, MAX_CHUNK);
                out.write(n & 0xFF);
                out.write((n >>> 8) & 0xFF);
                out.write((n >>> 16) & 0xFF);
                out.write(nextSeq);
                nextSeq = (nextSeq + 1) & 0xFF;
                out.write(payload, off, n);
                off += n;
                if (n < MAX_CHUNK) return;
            }
        }
    }

    private void flush() throws IOException {
        synchronized (writeLock) {
            out.flush();
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    private static byte[] stripNul(byte[] b) {
        int n = b.length;
        while (n > 0 && b[n - 1] == 0) n--;
        return n == b.length ? b : Arrays.copyOf(b, n);
    }

    @Override
    public String toString() {
        return "MysqlClient[" + host + ", id " + connectionId + "]";
    }
}
