package io.minisqld.server.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.minisqld.testsupport.MinisqldHarness;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Bad input on raw sockets against the real server: each bad connection gets an ERR packet or is
 * closed, and a JDBC session opened before keeps working and still sees its committed row.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RobustnessTest {
    private static final int CLIENT_LONG_PASSWORD = 0x1;
    private static final int CLIENT_PROTOCOL_41 = 0x200;
    private static final int CLIENT_TRANSACTIONS = 0x2000;
    private static final int CLIENT_SECURE_CONNECTION = 0x8000;
    private static final int CLIENT_MULTI_RESULTS = 0x20000;
    private static final int CLIENT_PLUGIN_AUTH = 0x80000;

    private MinisqldHarness server;
    private Connection bystander;

    @BeforeAll
    void start() throws Exception {
        server = MinisqldHarness.inProcess().name("robust").serverId(1).start();
        bystander = Driver.MARIADB.connect(server, null);
        try (Statement st = bystander.createStatement()) {
            st.execute("CREATE DATABASE test");
            st.execute("CREATE TABLE test.kept (id INT PRIMARY KEY, note VARCHAR(20))");
            st.execute("INSERT INTO test.kept VALUES (1, 'committed')");
        }
    }

    @AfterAll
    void stop() throws Exception {
        if (bystander != null) bystander.close();
        if (server != null) server.close();
    }

    /** After every abuse: the other session answers and the committed row is there. */
    @AfterEach
    void otherSessionsKeepWorking() throws Exception {
        assertTrue(bystander.isValid(5));
        assertEquals(List.of(List.of("1", "committed")), ConnectorScenarios.rows(bystander, "SELECT * FROM test.kept"));
        try (Connection fresh = Driver.MYSQL.connect(server, "test")) {
            assertEquals("1", ConnectorScenarios.scalar(fresh, "SELECT COUNT(*) FROM kept"));
        }
    }

    @Test
    void garbageInsteadOfHandshakeResponse() throws Exception {
        try (Raw raw = Raw.open(server.port())) {
            raw.readPacket(); // greeting
            raw.writePacket(1, "this is not a handshake response".getBytes(StandardCharsets.US_ASCII));
            raw.expectErrOrClose(1043, "08S01", "Bad handshake");
        }
    }

    @Test
    void truncatedPacketClosesTheConnection() throws Exception {
        try (Raw raw = Raw.open(server.port())) {
            raw.login();
            // a header announcing 100 bytes, then 10 bytes and the end of the stream
            raw.out.write(new byte[] {100, 0, 0, 0, 3, 'S', 'E', 'L', 'E', 'C', 'T', ' ', '1', ' '});
            raw.out.flush();
            raw.socket.shutdownOutput();
            raw.expectClosed();
        }
    }

    @Test
    void packetBiggerThanMaxAllowedPacketIs1153() throws Exception {
        try (Statement st = bystander.createStatement()) {
            st.execute("SET GLOBAL max_allowed_packet = 1024");
        }
        try (Raw raw = Raw.open(server.port())) {
            raw.login();
            byte[] query = new byte[2048];
            Arrays.fill(query, (byte) ' ');
            query[0] = 3;
            System.arraycopy("SELECT 1".getBytes(StandardCharsets.US_ASCII), 0, query, 1, 8);
            raw.writePacket(0, query);
            byte[] err = raw.readPacket();
            assertErr(err, 1153, "08S01", "Got a packet bigger than 'max_allowed_packet' bytes");
            raw.expectClosed();
        } finally {
            try (Statement st = bystander.createStatement()) {
                st.execute("SET GLOBAL max_allowed_packet = 4194304");
            }
        }
    }

    @Test
    void unknownCommandIs1047AndTheConnectionStaysUsable() throws Exception {
        try (Raw raw = Raw.open(server.port())) {
            raw.login();
            raw.writePacket(0, new byte[] {(byte) 0x7F, 1, 2, 3});
            assertErr(raw.readPacket(), 1047, "08S01", "Unknown command");
            assertEquals(List.of(List.of("2")), raw.query("SELECT 1 + 1"));
        }
    }

    @Test
    void malformedStatementIs1064AndTheConnectionStaysUsable() throws Exception {
        try (Raw raw = Raw.open(server.port())) {
            raw.login();
            raw.writePacket(0, command(3, "SELEC 1 FROM t"));
            assertErr(raw.readPacket(), 1064, "42000", "You have an error in your SQL syntax; check the manual that "
                    + "corresponds to your MySQL server version for the right syntax to use near 'SELEC 1 FROM t' at line 1");
            raw.writePacket(0, new byte[] {3});
            assertErr(raw.readPacket(), 1065, "42000", "Query was empty");
            assertEquals(List.of(List.of("committed")), raw.query("SELECT note FROM test.kept"));
        }
    }

    @Test
    void emptyPacketIsAnUnknownCommand() throws Exception {
        try (Raw raw = Raw.open(server.port())) {
            raw.login();
            // COM_INIT_DB with a database that does not exist, then a zero-length packet
            raw.writePacket(0, command(2, "nosuchdb"));
            assertErr(raw.readPacket(), 1049, "42000", "Unknown database 'nosuchdb'");
            // mysqld reads an empty packet as COM_SLEEP, which a client may not send: 1047, connection kept
            raw.writePacket(0, new byte[0]);
            assertErr(raw.readPacket(), 1047, "08S01", "Unknown command");
            assertEquals(List.of(List.of("3")), raw.query("SELECT 1 + 2"));
        }
    }

    /**
     * Issue "Server-side prepared statements": malformed COM_STMT_* packets get MySQL 5.7's ERR
     * (1835 for a command too short for its fixed part, 1243 for an unknown statement, 1210 for
     * parameters that do not fit the packet, 1421 for a fetch without a cursor), and the connection
     * goes on serving, prepared statements included.
     */
    @Test
    void malformedPreparedStatementPacketsGetMySqlsErrors() throws Exception {
        try (Raw raw = Raw.open(server.port())) {
            raw.login();
            raw.writePacket(0, command(0x16, "SELECT note FROM test.kept WHERE id = ? AND note <> ?"));
            byte[] ok = raw.readPacket();
            assertEquals(0, ok[0], Arrays.toString(ok));
            int id = ok[1] & 0xFF;
            assertEquals(1, ok[5] & 0xFF, "one column");
            assertEquals(2, ok[7] & 0xFF, "two parameters");
            for (int i = 0; i < 2 + 1 + 1 + 1; i++) raw.readPacket(); // 2 parameters, EOF, 1 column, EOF

            raw.writePacket(0, execute(99, 0, new byte[] {0, 1, 8, 0, (byte) 0xFD, 0}));
            assertErr(raw.readPacket(), 1243, "HY000", "Unknown prepared statement handler (99) given to mysqld_stmt_execute");
            raw.writePacket(0, new byte[] {0x17, (byte) id, 0});
            assertErr(raw.readPacket(), 1835, "HY000", "Malformed communication packet.");
            // no NULL bitmap at all
            raw.writePacket(0, execute(id, 0, new byte[0]));
            assertErr(raw.readPacket(), 1210, "HY000", "Incorrect arguments to mysqld_stmt_execute");
            // values never typed: no new-params-bound flag before
            raw.writePacket(0, execute(id, 0, new byte[] {0, 0}));
            assertErr(raw.readPacket(), 1210, "HY000", "Incorrect arguments to mysqld_stmt_execute");
            // LONGLONG announced, three bytes sent
            raw.writePacket(0, execute(id, 0, new byte[] {0, 1, 8, 0, (byte) 0xFD, 0, 1, 2, 3}));
            assertErr(raw.readPacket(), 1210, "HY000", "Incorrect arguments to mysqld_stmt_execute");
            // a string whose length runs past the packet's end
            raw.writePacket(0, execute(id, 0, new byte[] {0, 1, (byte) 0xFD, 0, (byte) 0xFD, 0, (byte) 200, 'a', 'b'}));
            assertErr(raw.readPacket(), 1210, "HY000", "Incorrect arguments to mysqld_stmt_execute");
            // a type no client sends
            raw.writePacket(0, execute(id, 0, new byte[] {0, 1, 0x42, 0, (byte) 0xFD, 0, 1, 1}));
            assertErr(raw.readPacket(), 1210, "HY000", "Incorrect arguments to mysqld_stmt_execute");
            raw.writePacket(0, new byte[] {0x1C, (byte) id, 0, 0, 0, 1, 0, 0, 0});
            assertErr(raw.readPacket(), 1421, "HY000", "The statement (" + id + ") has no open cursor.");
            raw.writePacket(0, new byte[] {0x1C, 99, 0, 0, 0, 1, 0, 0, 0});
            assertErr(raw.readPacket(), 1243, "HY000", "Unknown prepared statement handler (99) given to mysqld_stmt_fetch");
            raw.writePacket(0, new byte[] {0x1A, 99, 0, 0, 0});
            assertErr(raw.readPacket(), 1243, "HY000", "Unknown prepared statement handler (99) given to mysqld_stmt_reset");

            // the statement still works: id = 1 (LONGLONG), note <> 'x' (VAR_STRING); one binary row
            raw.writePacket(0, execute(id, 0, new byte[] {0, 1, 8, 0, (byte) 0xFD, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 'x'}));
            assertEquals(1, raw.readPacket()[0], "one column");
            raw.readPacket();
            assertEquals((byte) 0xFE, raw.readPacket()[0]);
            byte[] row = raw.readPacket();
            assertArrayEquals(new byte[] {0, 0, 9, 'c', 'o', 'm', 'm', 'i', 't', 't', 'e', 'd'}, row);
            assertEquals((byte) 0xFE, raw.readPacket()[0]);
            // with a read-only cursor the rows wait for COM_STMT_FETCH, and the types bound last are reused
            raw.writePacket(0, execute(id, 1, new byte[] {0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 'x'}));
            raw.readPacket();
            raw.readPacket();
            byte[] eof = raw.readPacket();
            assertEquals(0x40, eof[3] & 0x40, "SERVER_STATUS_CURSOR_EXISTS");
            raw.writePacket(0, new byte[] {0x1C, (byte) id, 0, 0, 0, 5, 0, 0, 0});
            assertArrayEquals(row, raw.readPacket());
            eof = raw.readPacket();
            assertEquals((byte) 0xFE, eof[0]);
            assertEquals(0x80, eof[3] & 0x80, "SERVER_STATUS_LAST_ROW_SENT");
            // closed: no answer, and the statement is gone
            raw.writePacket(0, new byte[] {0x19, (byte) id, 0, 0, 0});
            raw.writePacket(0, execute(id, 0, new byte[] {0, 0}));
            assertErr(raw.readPacket(), 1243, "HY000", "Unknown prepared statement handler (" + id
                    + ") given to mysqld_stmt_execute");
            assertEquals(List.of(List.of("committed")), raw.query("SELECT note FROM test.kept"));

            // COM_RESET_CONNECTION frees the session's statements, SQL PREPARE's and the protocol's,
            // and its temporary tables
            raw.writePacket(0, command(0x16, "SELECT 1"));
            int second = raw.readPacket()[1] & 0xFF;
            raw.readPacket();
            raw.readPacket();
            raw.writePacket(0, command(3, "PREPARE named FROM 'SELECT 1'"));
            assertEquals(0, raw.readPacket()[0], "OK to PREPARE");
            raw.writePacket(0, command(3, "CREATE TEMPORARY TABLE test.resettmp (a INT)"));
            assertEquals(0, raw.readPacket()[0], "OK to CREATE TEMPORARY TABLE");
            raw.writePacket(0, new byte[] {0x1F});
            assertEquals(0, raw.readPacket()[0], "OK to COM_RESET_CONNECTION");
            // and drops its temporary tables, as MySQL's (they had stayed)
            raw.writePacket(0, command(3, "SELECT * FROM test.resettmp"));
            assertErr(raw.readPacket(), 1146, "42S02", "Table 'test.resettmp' doesn't exist");
            raw.writePacket(0, command(3, "EXECUTE named"));
            assertErr(raw.readPacket(), 1243, "HY000", "Unknown prepared statement handler (named) given to EXECUTE");
            raw.writePacket(0, execute(second, 0, new byte[0]));
            assertErr(raw.readPacket(), 1243, "HY000", "Unknown prepared statement handler (" + second
                    + ") given to mysqld_stmt_execute");
        }
    }

    /**
     * COM_CHANGE_USER at the protocol level: a login as an account that does not exist gets 1045
     * and the connection stays logged in as before; a login as root (no password, the handshake's
     * scramble) answers OK and frees the session's prepared statements. A packet cut short is 1835.
     */
    @Test
    void changeUserRefusedKeepsTheLoginAndAcceptedResetsTheSession() throws Exception {
        try (Raw raw = Raw.open(server.port())) {
            raw.login();
            raw.writePacket(0, command(3, "PREPARE kept FROM 'SELECT 1'"));
            assertEquals(0, raw.readPacket()[0], "OK to PREPARE");
            raw.writePacket(0, new io.minisqld.server.wire.ChangeUserCommand("nosuch", new byte[0], null, 45,
                    "mysql_native_password").encode());
            assertErr(raw.readPacket(), 1045, "28000", "Access denied for user 'nosuch'@'localhost' (using password: NO)");
            assertEquals(List.of(List.of("root@localhost")), raw.query("SELECT CURRENT_USER()"));
            raw.writePacket(0, new io.minisqld.server.wire.ChangeUserCommand("root", new byte[0], "test", 45,
                    "mysql_native_password").encode());
            assertEquals(0, raw.readPacket()[0], "OK to COM_CHANGE_USER");
            assertEquals(List.of(List.of("root@localhost", "test")), raw.query("SELECT CURRENT_USER(), DATABASE()"));
            raw.writePacket(0, command(3, "EXECUTE kept"));
            assertErr(raw.readPacket(), 1243, "HY000", "Unknown prepared statement handler (kept) given to EXECUTE");
            raw.writePacket(0, new byte[] {0x11, 'r', 'o'});
            assertErr(raw.readPacket(), 1835, "HY000", "Malformed communication packet.");
            assertEquals(List.of(List.of("committed")), raw.query("SELECT note FROM test.kept"));
        }
    }

    /** COM_STMT_EXECUTE: statement id, flags, iteration count 1, then {@code rest}. */
    private static byte[] execute(int id, int flags, byte[] rest) {
        byte[] p = new byte[10 + rest.length];
        p[0] = 0x17;
        p[1] = (byte) id;
        p[5] = (byte) flags;
        p[6] = 1;
        System.arraycopy(rest, 0, p, 10, rest.length);
        return p;
    }

    private static byte[] command(int code, String text) {
        byte[] t = text.getBytes(StandardCharsets.UTF_8);
        byte[] p = new byte[t.length + 1];
        p[0] = (byte) code;
        System.arraycopy(t, 0, p, 1, t.length);
        return p;
    }

    static void assertErr(byte[] packet, int code, String state, String message) {
        assertEquals(0xFF, packet[0] & 0xFF, "not an ERR packet: " + Arrays.toString(packet));
        int number = (packet[1] & 0xFF) | (packet[2] & 0xFF) << 8;
        assertEquals('#', packet[3]);
        String sqlState = new String(packet, 4, 5, StandardCharsets.US_ASCII);
        String text = new String(packet, 9, packet.length - 9, StandardCharsets.UTF_8);
        assertEquals(code + " (" + state + ") " + message, number + " (" + sqlState + ") " + text);
    }

    /** A minimal protocol-4.1 client: framing, login as root without a password, text queries. */
    private static final class Raw implements AutoCloseable {
        final Socket socket;
        final DataInputStream in;
        final OutputStream out;
        int seq;

        private Raw(Socket socket) throws IOException {
            this.socket = socket;
            this.in = new DataInputStream(socket.getInputStream());
            this.out = socket.getOutputStream();
        }

        static Raw open(int port) throws IOException {
            Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
            s.setSoTimeout(5_000);
            return new Raw(s);
        }

        byte[] readPacket() throws IOException {
            byte[] header = new byte[4];
            in.readFully(header);
            int len = (header[0] & 0xFF) | (header[1] & 0xFF) << 8 | (header[2] & 0xFF) << 16;
            seq = (header[3] & 0xFF) + 1;
            byte[] payload = new byte[len];
            in.readFully(payload);
            return payload;
        }

        void writePacket(int sequence, byte[] payload) throws IOException {
            byte[] header = {(byte) payload.length, (byte) (payload.length >> 8), (byte) (payload.length >> 16),
                    (byte) sequence};
            out.write(header);
            out.write(payload);
            out.flush();
        }

        void login() throws IOException {
            byte[] greeting = readPacket();
            assertEquals(10, greeting[0], "protocol version");
            ByteArrayOutputStream p = new ByteArrayOutputStream();
            int caps = CLIENT_LONG_PASSWORD | CLIENT_PROTOCOL_41 | CLIENT_TRANSACTIONS | CLIENT_SECURE_CONNECTION
                    | CLIENT_MULTI_RESULTS | CLIENT_PLUGIN_AUTH;
            int4(p, caps);
            int4(p, 16 * 1024 * 1024);
            p.write(45);
            p.write(new byte[23]);
            p.writeBytes("root".getBytes(StandardCharsets.US_ASCII));
            p.write(0);
            p.write(0); // empty auth response: root has no password
            p.writeBytes("mysql_native_password".getBytes(StandardCharsets.US_ASCII));
            p.write(0);
            writePacket(1, p.toByteArray());
            byte[] ok = readPacket();
            assertEquals(0, ok[0], "login answer: " + Arrays.toString(ok));
        }

        /** COM_QUERY in the text protocol; the rows as strings. */
        List<List<String>> query(String sql) throws IOException {
            writePacket(0, command(3, sql));
            byte[] first = readPacket();
            if ((first[0] & 0xFF) == 0xFF) fail("query failed: " + new String(first, 9, first.length - 9, StandardCharsets.UTF_8));
            int columns = first[0] & 0xFF;
            for (int i = 0; i < columns; i++) readPacket();
            assertEof(readPacket());
            List<List<String>> rows = new ArrayList<>();
            while (true) {
                byte[] row = readPacket();
                if ((row[0] & 0xFF) == 0xFE && row.length < 9) break;
                List<String> values = new ArrayList<>();
                int pos = 0;
                for (int i = 0; i < columns; i++) {
                    int len = row[pos++] & 0xFF;
                    if (len == 0xFB) {
                        values.add(null);
                        continue;
                    }
                    assertTrue(len < 0xFB, "short values only");
                    values.add(new String(row, pos, len, StandardCharsets.UTF_8));
                    pos += len;
                }
                rows.add(values);
            }
            return rows;
        }

        /** An ERR with this error (and then the end of the stream), or the end of the stream at once. */
        void expectErrOrClose(int code, String state, String message) throws IOException {
            byte[] answer;
            try {
                answer = readPacket();
            } catch (EOFException e) {
                return;
            }
            assertErr(answer, code, state, message);
            expectClosed();
        }

        void expectClosed() throws IOException {
            InputStream raw = socket.getInputStream();
            try {
                int b = raw.read();
                assertEquals(-1, b, "the server should close the connection");
            } catch (java.net.SocketException e) {
                // a reset is a close as well
                assertTrue(e.getMessage().contains("reset"), e.toString());
            }
        }

        private static void assertEof(byte[] packet) {
            assertArrayEquals(new byte[] {(byte) 0xFE}, Arrays.copyOf(packet, 1), "EOF expected");
        }

        private static void int4(ByteArrayOutputStream p, int v) {
            p.write(v);
            p.write(v >> 8);
            p.write(v >> 16);
            p.write(v >> 24);
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
