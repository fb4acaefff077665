package io.minisqld.server.replication.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.minisqld.testsupport.SqlRunner;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.List;

/**
 * A byte-level replica for the dump tests: logs in with the client protocol (no password),
 * runs simple statements, sends COM_REGISTER_SLAVE and COM_BINLOG_DUMP exactly as protocol.md §2
 * lays them out, and reads the stream packet by packet with the sequence ids.
 */
final class DumpClient implements AutoCloseable {
    /** CLIENT_LONG_PASSWORD | PROTOCOL_41 | SECURE_CONNECTION | PLUGIN_AUTH | TRANSACTIONS. */
    private static final int CAPS = 0x1 | 0x200 | 0x8000 | 0x80000 | 0x2000;

    record Packet(int seq, byte[] payload) {
        int first() {
            return payload.length == 0 ? -1 : payload[0] & 0xFF;
        }

        /** The event bytes of an event packet after {@code skip} header bytes (the OK byte included). */
        byte[] event(int skip) {
            byte[] e = new byte[payload.length - skip];
            System.arraycopy(payload, skip, e, 0, e.length);
            return e;
        }
    }

    record Err(int code, String sqlState, String message) {
    }

    final Socket socket;
    final long connectionId;
    private final DataInputStream in;
    private final OutputStream out;

    private DumpClient(int port, String user, int receiveBuffer) throws IOException {
        socket = new Socket();
        // set before connecting, so that the TCP window the server sees stays small
        if (receiveBuffer > 0) socket.setReceiveBufferSize(receiveBuffer);
        socket.connect(new java.net.InetSocketAddress("127.0.0.1", port));
        socket.setSoTimeout(20_000);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
        Packet greeting = read();
        ByteBuffer g = ByteBuffer.wrap(greeting.payload()).order(ByteOrder.LITTLE_ENDIAN);
        g.get();
        while (g.get() != 0) {
            // server version
        }
        connectionId = g.getInt() & 0xFFFFFFFFL;
        ByteArrayOutputStream hs = new ByteArrayOutputStream();
        hs.writeBytes(le4(CAPS));
        hs.writeBytes(le4(16 << 20));
        hs.write(45);
        hs.writeBytes(new byte[23]);
        hs.writeBytes(user.getBytes(StandardCharsets.UTF_8));
        hs.write(0);
        hs.write(0); // empty auth response: no password
        hs.writeBytes("mysql_native_password".getBytes(StandardCharsets.UTF_8));
        hs.write(0);
        write(1, hs.toByteArray());
        Packet ok = read();
        assertEquals(0x00, ok.first(), "OK after login as " + user);
    }

    static DumpClient login(int port, String user) throws IOException {
        return new DumpClient(port, user, 0);
    }

    /** Logs in with a small socket receive buffer: a replica that stops reading blocks the source soon. */
    static DumpClient loginWithReceiveBuffer(int port, String user, int bytes) throws IOException {
        return new DumpClient(port, user, bytes);
    }

    /**
     * The PROCESSLIST row (Id, User, Host, db, Command, Time, State, Info) of connection {@code id}
     * on {@code server}, or null when it has none.
     */
    static List<String> processlistRow(SqlRunner server, long id) throws SQLException {
        for (List<String> r : server.rows("SHOW PROCESSLIST")) {
            if (Long.parseLong(r.get(0)) == id) return r;
        }
        return null;
    }

    static byte[] le4(long v) {
        return new byte[] {(byte) v, (byte) (v >>> 8), (byte) (v >>> 16), (byte) (v >>> 24)};
    }

    /** Runs a statement that returns OK (SET …); fails on ERR. */
    void execute(String sql) throws IOException {
        command(0x03, sql.getBytes(StandardCharsets.UTF_8));
        Packet p = read();
        if (p.first() == 0xFF) fail(sql + ": " + err(p));
        if (p.first() != 0x00) {
            // a result set: skip column definitions and rows up to the second EOF
            int eofs = 0;
            while (eofs < 2) {
                p = read();
                if (p.first() == 0xFE && p.payload().length < 9) eofs++;
            }
        }
    }

    /** COM_REGISTER_SLAVE (§2.1). */
    void registerSlave(long serverId, String host, int port) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(le4(serverId));
        byte[] h = host.getBytes(StandardCharsets.UTF_8);
        b.write(h.length);
        b.writeBytes(h);
        b.write(4);
        b.writeBytes("repl".getBytes(StandardCharsets.UTF_8));
        b.write(0);
        b.write(port & 0xFF);
        b.write(port >>> 8);
        b.writeBytes(le4(0));
        b.writeBytes(le4(0));
        command(0x15, b.toByteArray());
    }

    /** COM_BINLOG_DUMP (§2.2). */
    void dump(long position, int flags, long serverId, String file) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(le4(position));
        b.write(flags & 0xFF);
        b.write(flags >>> 8);
        b.writeBytes(le4(serverId));
        b.writeBytes(file.getBytes(StandardCharsets.UTF_8));
        command(0x12, b.toByteArray());
    }

    void command(int code, byte[] args) throws IOException {
        byte[] p = new byte[1 + args.length];
        p[0] = (byte) code;
        System.arraycopy(args, 0, p, 1, args.length);
        write(0, p);
    }

    void write(int seq, byte[] payload) throws IOException {
        out.write(new byte[] {(byte) payload.length, (byte) (payload.length >>> 8), (byte) (payload.length >>> 16),
                (byte) seq});
        out.write(payload);
        out.flush();
    }

    /** One packet; null when the server closed the connection. */
    Packet read() throws IOException {
        byte[] header = new byte[4];
        try {
            in.readFully(header);
        } catch (EOFException e) {
            return null;
        }
        int len = (header[0] & 0xFF) | (header[1] & 0xFF) << 8 | (header[2] & 0xFF) << 16;
        byte[] payload = new byte[len];
        in.readFully(payload);
        return new Packet(header[3] & 0xFF, payload);
    }

    static Err err(Packet p) {
        ByteBuffer b = ByteBuffer.wrap(p.payload()).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0xFF, b.get() & 0xFF, "ERR packet expected");
        int code = b.getShort() & 0xFFFF;
        assertEquals('#', b.get());
        byte[] state = new byte[5];
        b.get(state);
        byte[] msg = new byte[b.remaining()];
        b.get(msg);
        return new Err(code, new String(state, StandardCharsets.US_ASCII), new String(msg, StandardCharsets.UTF_8));
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
