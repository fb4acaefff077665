package io.minisqld.server.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.minisqld.server.grant.NativePassword;
import io.minisqld.server.wire.ByteReader;
import io.minisqld.server.wire.ByteWriter;
import io.minisqld.server.wire.Capabilities;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A byte-level MySQL client for tests: writes and reads packets exactly as given. */
public final class RawClient implements AutoCloseable {
    public static final int DEFAULT_CAPS = Capabilities.CLIENT_LONG_PASSWORD | Capabilities.CLIENT_PROTOCOL_41
            | Capabilities.CLIENT_SECURE_CONNECTION | Capabilities.CLIENT_PLUGIN_AUTH
            | Capabilities.CLIENT_PLUGIN_AUTH_LENENC_CLIENT_DATA | Capabilities.CLIENT_CONNECT_WITH_DB
            | Capabilities.CLIENT_MULTI_RESULTS | Capabilities.CLIENT_TRANSACTIONS | Capabilities.CLIENT_CONNECT_ATTRS;

    public record Packet(int seq, byte[] payload) {
        public int first() {
            return payload.length == 0 ? -1 : payload[0] & 0xFF;
        }
    }

    public record Greeting(int protocol, String version, long connectionId, byte[] scramble, int capabilities,
                    int collation, int status, int authDataLength, String plugin) {
    }

    public record Err(int code, String sqlState, String message) {
    }

    public record Ok(long affectedRows, long lastInsertId, int status, int warnings, String info) {
    }

    public final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    public final Greeting greeting;
    /** Bytes this client has read and written, headers included. */
    long bytesRead;
    long bytesWritten;

    private RawClient(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(20_000);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
        Packet p = read();
        assertEquals(0, p.seq(), "greeting sequence id");
        greeting = parseGreeting(p.payload());
    }

    public static RawClient connect(int port) throws IOException {
        return new RawClient(port);
    }

    /** Connects and logs in as root without a password. */
    public static RawClient login(int port, int extraCaps) throws IOException {
        RawClient c = connect(port);
        c.write(1, c.handshakeResponse(DEFAULT_CAPS | extraCaps, "root", new byte[0], null, "mysql_native_password"));
        Packet ok = c.read();
        assertEquals(2, ok.seq());
        assertEquals(0x00, ok.first(), "OK after login");
        return c;
    }

    private static Greeting parseGreeting(byte[] b) {
        ByteReader r = new ByteReader(b);
        int protocol = r.int1();
        String version = r.nulString();
        long id = r.int4();
        byte[] part1 = r.bytes(8);
        r.skip(1);
        int capsLow = r.int2();
        int collation = r.int1();
        int status = r.int2();
        int capsHigh = r.int2();
        int authLen = r.int1();
        r.skip(10);
        byte[] part2 = r.bytes(12);
        assertEquals(0, r.int1(), "NUL after the scramble");
        String plugin = r.nulString();
        byte[] scramble = new byte[20];
        System.arraycopy(part1, 0, scramble, 0, 8);
        System.arraycopy(part2, 0, scramble, 8, 12);
        return new Greeting(protocol, version, id, scramble, capsLow | capsHigh << 16, collation, status, authLen, plugin);
    }

    byte[] handshakeResponse(int caps, String user, byte[] token, String database, String plugin) {
        if (database == null) {
            caps &= ~Capabilities.CLIENT_CONNECT_WITH_DB; // as clients do when no schema is given
        }
        ByteWriter w = new ByteWriter();
        w.int4(caps).int4(16 << 20).int1(45).zeros(23).nulString(user);
        w.lenencBytes(token);
        if (database != null) {
            w.nulString(database);
        }
        if (plugin != null) {
            w.nulString(plugin);
        }
        if ((caps & Capabilities.CLIENT_CONNECT_ATTRS) != 0) {
            byte[] attrs = new ByteWriter().lenencString("_client_name").lenencString("RawClient").toByteArray();
            w.lenenc(attrs.length).bytes(attrs);
        }
        return w.toByteArray();
    }

    byte[] nativeToken(String password) {
        return NativePassword.token(password, greeting.scramble());
    }

    /** One physical packet; null if the server closed the connection. */
    public Packet read() throws IOException {
        byte[] header = new byte[4];
        try {
            in.readFully(header);
        } catch (EOFException e) {
            return null;
        }
        int len = (header[0] & 0xFF) | (header[1] & 0xFF) << 8 | (header[2] & 0xFF) << 16;
        byte[] payload = new byte[len];
        in.readFully(payload);
        bytesRead += 4 + len;
        return new Packet(header[3] & 0xFF, payload);
    }

    /** One logical packet, joining 16 MiB continuations; the seq is the last physical one's. */
    public Packet readMessage() throws IOException {
        Packet p = read();
        if (p == null || p.payload().length < 0xFFFFFF) {
            return p;
        }
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        all.write(p.payload());
        while (p.payload().length == 0xFFFFFF) {
            p = read();
            all.write(p.payload());
        }
        return new Packet(p.seq(), all.toByteArray());
    }

    /** Writes a logical packet from {@code seq} on, split at 0xFFFFFF; returns the next seq. */
    public int write(int seq, byte[] payload) throws IOException {
        int off = 0;
        while (true) {
            int n = Math.min(0xFFFFFF, payload.length - off);
            out.write(new byte[] {(byte) n, (byte) (n >>> 8), (byte) (n >>> 16), (byte) seq});
            out.write(payload, off, n);
            bytesWritten += 4 + n;
            seq = (seq + 1) & 0xFF;
            off += n;
            if (n < 0xFFFFFF) {
                break;
            }
        }
        out.flush();
        return seq;
    }

    public void writeBytes(byte[] raw) throws IOException {
        out.write(raw);
        out.flush();
    }

    public void command(int code, byte[] args) throws IOException {
        byte[] p = new byte[1 + args.length];
        p[0] = (byte) code;
        System.arraycopy(args, 0, p, 1, args.length);
        write(0, p);
    }

    public void query(String sql) throws IOException {
        command(0x03, sql.getBytes(StandardCharsets.UTF_8));
    }

    /** True once the server has closed its side. */
    public boolean closedByServer() throws IOException {
        try {
            return in.read() < 0;
        } catch (java.net.SocketException e) {
            // The server closed with our unread request bytes still queued, which resets the connection.
            return e.getMessage() != null && e.getMessage().contains("reset");
        }
    }

    public static Err err(Packet p) {
        ByteReader r = new ByteReader(p.payload());
        assertEquals(0xFF, r.int1(), "ERR packet expected");
        int code = r.int2();
        assertEquals('#', r.int1());
        String state = new String(r.bytes(5), StandardCharsets.US_ASCII);
        return new Err(code, state, r.restString());
    }

    public static Ok ok(Packet p) {
        ByteReader r = new ByteReader(p.payload());
        assertEquals(0x00, r.int1(), "OK packet expected");
        Ok ok = new Ok(r.lenenc(), r.lenenc(), r.int2(), r.int2(), r.hasRemaining() ? r.lenencString() : "");
        assertEquals(0, r.remaining(), "nothing after the info");
        return ok;
    }

    /** A text result set as read: the labels, rows (null for NULL), both EOFs' status flags. */
    public record ResultSet(List<String> labels, List<List<String>> rows, int firstEofStatus, int lastEofStatus, int lastSeq) {
    }

    public ResultSet readResultSet(int expectedFirstSeq) throws IOException {
        Packet count = read();
        assertEquals(expectedFirstSeq, count.seq(), "column count sequence id");
        int n = (int) new ByteReader(count.payload()).lenenc();
        List<String> labels = new ArrayList<>();
        int seq = count.seq();
        for (int i = 0; i < n; i++) {
            Packet def = read();
            assertEquals(++seq & 0xFF, def.seq());
            ByteReader r = new ByteReader(def.payload());
            assertEquals("def", r.lenencString());
            r.lenencString();
            r.lenencString();
            r.lenencString();
            labels.add(r.lenencString());
        }
        Packet eof = read();
        assertEquals(++seq & 0xFF, eof.seq());
        assertEquals(0xFE, eof.first());
        int firstStatus = new ByteReader(eof.payload(), 3).int2();
        List<List<String>> rows = new ArrayList<>();
        while (true) {
            Packet p = readMessage();
            seq = p.seq();
            if (p.first() == 0xFE && p.payload().length < 9) {
                return new ResultSet(labels, rows, firstStatus, new ByteReader(p.payload(), 3).int2(), seq);
            }
            ByteReader r = new ByteReader(p.payload());
            List<String> row = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                row.add(r.lenencString());
            }
            rows.add(row);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
