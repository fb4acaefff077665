package io.minisqld.server.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minisqld.testcommon.Program;
import io.minisqld.testsupport.DatabaseServer;
import io.minisqld.testsupport.MariaDbServer;
import io.minisqld.testsupport.MinisqldHarness;
import io.minisqld.testsupport.Replication;
import io.minisqld.testsupport.Topology;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A query is bytes in the connection's character set, and what a client stores is what it reads
 * back, byte for byte: every byte value 0x00–0xFF through the clients people use (Python's
 * mysqlclient, PHP's mysqli, MariaDB Connector/J's setBytes, the mariadb CLI with a piped
 * script) into BLOB and VARBINARY columns, into a latin1 column through a latin1 connection and
 * into a utf8mb4 column as characters; bytes that are no character refused from a text column
 * with MySQL's 1366; and a mariadb-dump without --hex-blob restoring random blobs exactly. A
 * minisqld replica and a MariaDB 10.11 replica hold the same bytes afterwards: the binlog carries
 * each statement as the bytes the client sent, in the character set Q_CHARSET names.
 */
class BinaryDataTest {
    private static final Path PYTHON = ClientScripts.PYTHON;
    private static final Path PHP = ClientScripts.PHP;
    private static final Path MARIADB_DUMP = Path.of("/usr/bin/mariadb-dump");
    private static final byte[] ALL_BYTES = new byte[256];

    static {
        for (int i = 0; i < 256; i++) ALL_BYTES[i] = (byte) i;
    }

    private static Topology topology;
    private static MinisqldHarness server;
    private static MinisqldHarness replica;
    private static MariaDbServer mariadbReplica;

    @BeforeAll
    static void start() throws Exception {
        topology = Topology.temporary();
        List<MinisqldHarness> servers = topology.sourceAndReplicas(MinisqldHarness.inProcess(),
                MinisqldHarness.inProcess(), 1);
        server = servers.get(0);
        replica = servers.get(1);
        mariadbReplica = topology.mariadb("mariadb-replica", 3, false);
        Replication.startReplica(mariadbReplica, server.port());
        try (Connection c = Driver.MARIADB.connect(server, ""); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE bx");
            st.execute("CREATE TABLE bx.bytes (id INT PRIMARY KEY, b BLOB, vb VARBINARY(300), "
                    + "t VARCHAR(300) CHARACTER SET utf8mb4, l VARCHAR(300) CHARACTER SET latin1)");
        }
    }

    @AfterAll
    static void stop() throws Exception {
        topology.close();
    }

    /**
     * Each replica, once caught up, holds every row of {@code database.table} column for column
     * with the bytes the source holds.
     */
    private static void assertReplicasHoldTheSameBytes(String database, String table) throws Exception {
        List<List<String>> expected = rowsAsHex(server, database, table);
        for (DatabaseServer r : List.of(replica, mariadbReplica)) {
            Replication.awaitCaughtUp(r, server);
            assertEquals(expected, rowsAsHex(r, database, table), database + "." + table + " on " + r.name());
        }
    }

    private static List<List<String>> rowsAsHex(DatabaseServer s, String database, String table) throws SQLException {
        List<List<String>> rows = new ArrayList<>();
        try (Connection c = s.newConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT * FROM `" + database + "`.`" + table + "` ORDER BY 1")) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>(n);
                for (int i = 1; i <= n; i++) {
                    if (rs.getMetaData().getColumnType(i) == java.sql.Types.INTEGER) {
                        row.add(rs.getString(i));
                        continue;
                    }
                    byte[] b = rs.getBytes(i);
                    row.add(b == null ? "NULL" : HexFormat.of().formatHex(b));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    /** Column {@code column} of row {@code id}, as the bytes JDBC reads. */
    private static byte[] stored(int id, String column) throws SQLException {
        try (Connection c = Driver.MARIADB.connect(server, "bx"); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT " + column + " FROM bytes WHERE id = " + id)) {
            assertTrue(rs.next(), "row " + id);
            return rs.getBytes(1);
        }
    }

    private static Program.Result script(Path interpreter, String suffix, String code) throws Exception {
        return ClientScripts.script(interpreter, suffix, code, server.port(), Duration.ofSeconds(60));
    }

    @Test
    void pythonMysqlclientBytesParametersComeBackExactly() throws Exception {
        Program.Result r = script(PYTHON, ".py", """
                import MySQLdb
                c = MySQLdb.connect(host='127.0.0.1', port=@PORT@, user='root', passwd='', db='bx', charset='utf8mb4')
                cur = c.cursor()
                data = bytes(range(256))
                text = ''.join(chr(i) for i in range(256))
                cur.execute("INSERT INTO bytes (id, b, vb, t) VALUES (%s, %s, %s, %s)", (1, data, data, text))
                c.commit()
                cur.execute("SELECT b, vb, t FROM bytes WHERE id = 1")
                b, vb, t = cur.fetchone()
                print(b == data, vb == data, t == text)
                """);
        assertEquals("True True True", r.stdout().strip(), r.toString());
        assertArrayEquals(ALL_BYTES, stored(1, "b"));
        assertArrayEquals(ALL_BYTES, stored(1, "vb"));
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 256; i++) text.append((char) i);
        assertArrayEquals(text.toString().getBytes(StandardCharsets.UTF_8), stored(1, "t"),
                "U+0000–U+00FF stored as utf8mb4 characters");
        assertReplicasHoldTheSameBytes("bx", "bytes");
    }

    @Test
    void phpRealEscapeStringIntoBlobsAndALatin1ColumnAndTheRefusalOfBadText() throws Exception {
        Program.Result r = script(PHP, ".php", """
                <?php
                mysqli_report(MYSQLI_REPORT_ERROR | MYSQLI_REPORT_STRICT);
                $d = ''; for ($i = 0; $i < 256; $i++) $d .= chr($i);
                $m = new mysqli('127.0.0.1', 'root', '', 'bx', @PORT@);
                $m->set_charset('utf8mb4');
                $e = $m->real_escape_string($d);
                $m->query("INSERT INTO bytes (id, b, vb) VALUES (2, '$e', '$e')");
                $row = $m->query("SELECT b, vb FROM bytes WHERE id = 2")->fetch_row();
                echo $row[0] === $d ? "blob" : "BAD", " ", $row[1] === $d ? "varbinary" : "BAD", "\\n";
                $l = new mysqli('127.0.0.1', 'root', '', 'bx', @PORT@);
                $l->set_charset('latin1');
                $l->query("INSERT INTO bytes (id, l) VALUES (3, '" . $l->real_escape_string($d) . "')");
                $row = $l->query("SELECT l FROM bytes WHERE id = 3")->fetch_row();
                echo $row[0] === $d ? "latin1" : "BAD", "\\n";
                try {
                    $m->query("INSERT INTO bytes (id, t) VALUES (4, '" . $m->real_escape_string("ok\\xff\\x80") . "')");
                    echo "accepted\\n";
                } catch (mysqli_sql_exception $x) {
                    echo $x->getCode(), " ", $x->getMessage(), "\\n";
                }
                """);
        assertEquals("blob varbinary\nlatin1\n1366 Incorrect string value: '\\xFF\\x80' for column 't' at row 1",
                r.stdout().strip(), r.toString());
        assertArrayEquals(ALL_BYTES, stored(2, "b"));
        try (Connection c = Driver.MARIADB.connect(server, "bx"); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM bytes WHERE id = 4")) {
            rs.next();
            assertEquals(0, rs.getInt(1), "the refused row is not stored");
        }
        assertReplicasHoldTheSameBytes("bx", "bytes");
    }

    /**
     * A session keeps the tables it described (their columns decide how an INSERT's string
     * literals are stored) until any session changes a schema: after another connection alters
     * the table, the first sees the new columns at once.
     */
    @Test
    void aTableAnotherSessionAlteredIsDescribedAnew() throws Exception {
        try (Connection a = Driver.MARIADB.connect(server, "bx"); Statement sa = a.createStatement();
             Connection b = Driver.MARIADB.connect(server, "bx"); Statement sb = b.createStatement()) {
            sa.execute("CREATE TABLE altered (id INT PRIMARY KEY, v VARCHAR(10))");
            sa.execute("INSERT INTO altered VALUES (1, 'x')");
            assertEquals("id int(11), v varchar(10)", columns(sa, "altered"));
            sb.execute("ALTER TABLE altered ADD COLUMN vb VARBINARY(10)");
            assertEquals("id int(11), v varchar(10), vb varbinary(10)", columns(sa, "altered"));
            sa.execute("INSERT INTO altered VALUES (2, 'y', 'z')");
            sb.execute("DROP TABLE altered");
            sb.execute("CREATE TABLE altered (id INT PRIMARY KEY)");
            assertEquals("id int(11)", columns(sa, "altered"));
            sa.execute("DROP TABLE altered");
        }
    }

    private static String columns(Statement st, String table) throws SQLException {
        StringBuilder out = new StringBuilder();
        try (ResultSet rs = st.executeQuery("SHOW COLUMNS FROM " + table)) {
            while (rs.next()) out.append(out.isEmpty() ? "" : ", ").append(rs.getString(1)).append(' ').append(rs.getString(2));
        }
        return out.toString();
    }

    @Test
    void connectorJSetBytesAndItsBinaryIntroducerWithABlank() throws Exception {
        try (Connection c = Driver.MARIADB.connect(server, "bx");
             PreparedStatement ps = c.prepareStatement("INSERT INTO bytes (id, b, vb) VALUES (?, ?, ?)")) {
            ps.setInt(1, 5);
            ps.setBytes(2, ALL_BYTES);
            ps.setBytes(3, ALL_BYTES);
            ps.executeUpdate();
        }
        assertArrayEquals(ALL_BYTES, stored(5, "b"));
        assertArrayEquals(ALL_BYTES, stored(5, "vb"));
        try (Connection c = Driver.MARIADB.connect(server, "bx"); Statement st = c.createStatement()) {
            st.execute("INSERT INTO bytes (id, b) VALUES (6, _binary 'abc')");
        }
        assertArrayEquals("abc".getBytes(StandardCharsets.US_ASCII), stored(6, "b"));
        assertReplicasHoldTheSameBytes("bx", "bytes");
    }

    /**
     * Issue "Server-side prepared statements", item 4: an executed prepared statement is logged as
     * MySQL logs it in STATEMENT format, its values as literals with the bytes bound ({@code _binary}
     * before a BLOB parameter), so both replicas store the same bytes; SQL EXECUTE … USING too.
     */
    @Test
    void serverPreparedStatementsAreLoggedWithTheirValuesAsLiterals() throws Exception {
        byte[] reversed = new byte[256];
        for (int i = 0; i < 256; i++) reversed[i] = ALL_BYTES[255 - i];
        String text = "it's \\ ✓ \0 nul\n\r\u001A end";
        long executes;
        try (Connection c = Driver.MARIADB.connect(server, null)) {
            executes = Long.parseLong(ConnectorScenarios.rows(c, "SHOW GLOBAL STATUS LIKE 'Com_stmt_execute'").get(0).get(1));
        }
        try (Connection c = java.sql.DriverManager.getConnection(Driver.MARIADB.url(server.port(), "bx", "root", "")
                + "&useServerPrepStmts=true");
             PreparedStatement ps = c.prepareStatement("INSERT INTO bytes (id, b, vb, t, l) VALUES (?, ?, ?, ?, ?)")) {
            ps.setInt(1, 20);
            ps.setBytes(2, ALL_BYTES);
            ps.setBytes(3, reversed);
            ps.setString(4, text);
            ps.setString(5, "café");
            assertEquals(1, ps.executeUpdate());
            try (Statement st = c.createStatement()) {
                st.execute("SET @id = 21, @t = 'quote '' and backslash \\\\'");
                st.execute("PREPARE ins FROM 'INSERT INTO bytes (id, t, l) VALUES (?, ?, ?)'");
                st.execute("EXECUTE ins USING @id, @t, @t");
                st.execute("DEALLOCATE PREPARE ins");
            }
        }
        try (Connection c = Driver.MARIADB.connect(server, null)) {
            long now = Long.parseLong(ConnectorScenarios.rows(c, "SHOW GLOBAL STATUS LIKE 'Com_stmt_execute'").get(0).get(1));
            assertEquals(executes + 2, now, "one COM_STMT_EXECUTE and one EXECUTE");
        }
        assertArrayEquals(ALL_BYTES, stored(20, "b"));
        assertArrayEquals(reversed, stored(20, "vb"));
        assertArrayEquals(text.getBytes(StandardCharsets.UTF_8), stored(20, "t"));
        assertArrayEquals("café".getBytes(StandardCharsets.UTF_8), stored(20, "l"), "latin1 text read back in utf8mb4");
        assertArrayEquals("quote ' and backslash \\".getBytes(StandardCharsets.UTF_8), stored(21, "t"));
        assertReplicasHoldTheSameBytes("bx", "bytes");
    }

    @Test
    void theMariadbCliPipedScriptKeepsEveryByte() throws Exception {
        ByteArrayOutputStream script = new ByteArrayOutputStream();
        script.writeBytes("INSERT INTO bytes (id, b, vb) VALUES (7, '".getBytes(StandardCharsets.US_ASCII));
        for (byte b : ALL_BYTES) {
            // the escapes mysql_real_escape_string writes; every other byte goes as it is
            switch (b) {
                case 0 -> script.writeBytes("\\0".getBytes(StandardCharsets.US_ASCII));
                case '\'' -> script.writeBytes("\\'".getBytes(StandardCharsets.US_ASCII));
                case '\\' -> script.writeBytes("\\\\".getBytes(StandardCharsets.US_ASCII));
                case '\n' -> script.writeBytes("\\n".getBytes(StandardCharsets.US_ASCII));
                case '\r' -> script.writeBytes("\\r".getBytes(StandardCharsets.US_ASCII));
                case 0x1A -> script.writeBytes("\\Z".getBytes(StandardCharsets.US_ASCII));
                default -> script.write(b);
            }
        }
        script.writeBytes("', X'00FF10');\n".getBytes(StandardCharsets.US_ASCII));
        Path file = Files.createTempFile("minisqld-binary-", ".sql");
        try {
            Files.write(file, script.toByteArray());
            Program.Result r = Program.run(List.of("/bin/sh", "-c", Program.existing(Program.MARIADB)
                    + " --no-defaults --default-character-set=utf8mb4 -h127.0.0.1 -P" + server.port()
                    + " -uroot bx < " + file), null, Duration.ofSeconds(60));
            assertEquals(0, r.exitCode(), r.toString());
        } finally {
            Files.deleteIfExists(file);
        }
        assertArrayEquals(ALL_BYTES, stored(7, "b"));
        assertArrayEquals(new byte[] {0, (byte) 0xFF, 0x10}, stored(7, "vb"));
        assertReplicasHoldTheSameBytes("bx", "bytes");
    }

    @Test
    void aDumpWithoutHexBlobRestoresRandomBlobsExactly() throws Exception {
        Random random = new Random(20261204);
        try (Connection c = Driver.MARIADB.connect(server, "bx")) {
            try (Statement st = c.createStatement()) {
                st.execute("CREATE TABLE blobs (id INT PRIMARY KEY, b LONGBLOB)");
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO blobs VALUES (?, ?)")) {
                for (int i = 1; i <= 50; i++) {
                    byte[] b = new byte[random.nextInt(2000)];
                    random.nextBytes(b);
                    ps.setInt(1, i);
                    ps.setBytes(2, b);
                    ps.executeUpdate();
                }
            }
        }
        Path dump = Files.createTempFile("minisqld-dump-", ".sql");
        try {
            // the locking and tablespace queries of a plain dump are the everyday-tools issue's
            Program.Result d = Program.run(List.of("/bin/sh", "-c", Program.existing(MARIADB_DUMP)
                    + " --no-defaults -h127.0.0.1 -P" + server.port() + " -uroot --skip-lock-tables --no-tablespaces"
                    + " --skip-add-locks --skip-disable-keys bx blobs > " + dump), null, Duration.ofSeconds(60));
            assertEquals(0, d.exitCode(), d.toString());
            try (Connection c = Driver.MARIADB.connect(server, ""); Statement st = c.createStatement()) {
                st.execute("CREATE DATABASE restored");
            }
            Program.Result r = Program.run(List.of("/bin/sh", "-c", Program.existing(Program.MARIADB)
                    + " --no-defaults -h127.0.0.1 -P" + server.port() + " -uroot restored < " + dump), null,
                    Duration.ofSeconds(60));
            assertEquals(0, r.exitCode(), r.toString());
        } finally {
            Files.deleteIfExists(dump);
        }
        assertEquals(checksum("bx"), checksum("restored"));
        assertReplicasHoldTheSameBytes("bx", "blobs");
        assertReplicasHoldTheSameBytes("restored", "blobs");
    }

    /** SHA-256 over every row's id and blob, in id order. */
    private static String checksum(String database) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        int rows = 0;
        try (Connection c = Driver.MARIADB.connect(server, database); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT id, b FROM blobs ORDER BY id")) {
            while (rs.next()) {
                sha.update(Integer.toString(rs.getInt(1)).getBytes(StandardCharsets.US_ASCII));
                sha.update(rs.getBytes(2));
                rows++;
            }
        }
        assertEquals(50, rows, database);
        return HexFormat.of().formatHex(sha.digest());
    }

    @Test
    void setNamesChangesHowTheNextQueriesAreRead() throws Exception {
        try (Connection c = Driver.MARIADB.connect(server, "bx"); Statement st = c.createStatement()) {
            st.execute("SET NAMES latin1");
            try (ResultSet rs = st.executeQuery("SELECT @@character_set_client, @@character_set_results")) {
                rs.next();
                assertEquals("latin1 latin1", rs.getString(1) + " " + rs.getString(2));
            }
            SQLException e = assertThrows(SQLException.class, () -> st.execute("SET NAMES klingon"));
            assertEquals(1115, e.getErrorCode());
        }
    }

    /**
     * UPPER / LOWER of a binary string leave it as it is, CONCAT / CONCAT_WS with a binary argument
     * give a binary string, GROUP_CONCAT of one too, and RIGHT, REPLACE, REVERSE, LPAD, RPAD,
     * INSERT, REPEAT, RTRIM, SUBSTRING_INDEX work on its bytes, as MySQL's: the engine made text of the bytes, so an
     * {@code UPDATE … SET b = CONCAT(b, 'x')} stored U+FFFD's three bytes for each byte that was no
     * UTF-8, without a word, and the replicas got those bytes too.
     */
    @Test
    void caseMappingAndConcatKeepABinaryStringsBytes() throws Exception {
        try (Connection c = Driver.MARIADB.connect(server, "bx"); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE concat_bytes (id INT PRIMARY KEY, b BLOB, vb VARBINARY(20))");
            st.execute("INSERT INTO concat_bytes VALUES (1, 0x00FF80, 0xC3)");
            st.executeUpdate("UPDATE concat_bytes SET b = UPPER(CONCAT(b, 'x', 5)), vb = CONCAT_WS(0x2C, LOWER(vb), 'A')");
            assertEquals("00ff807835", HexFormat.of().formatHex(concatBytesColumn(st, "b")));
            assertEquals("c32c41", HexFormat.of().formatHex(concatBytesColumn(st, "vb")));
            try (ResultSet rs = st.executeQuery("SELECT HEX(CONCAT(b, NULL)), HEX(UPPER(x'61FF')), UPPER('abc') FROM concat_bytes")) {
                assertTrue(rs.next());
                assertEquals(java.util.Arrays.asList(null, "61FF", "ABC"),
                        java.util.Arrays.asList(rs.getString(1), rs.getString(2), rs.getString(3)));
            }
            // the string functions that work character by character work on its bytes (expected: MariaDB 10.11's)
            st.execute("INSERT INTO concat_bytes VALUES (2, 0x41FF42C3, NULL)");
            try (ResultSet rs = st.executeQuery("SELECT HEX(RIGHT(b, 2)), HEX(REPLACE(b, 'A', 'Z')), HEX(REVERSE(b)),"
                    + " HEX(LPAD(b, 6, 'x')), HEX(RPAD(b, 5, 0xEE)), HEX(INSERT(b, 2, 1, 'q')), HEX(RTRIM(b)),"
                    + " HEX(REPEAT(b, 2)), HEX(SUBSTRING_INDEX(b, 'B', 1)), HEX(REVERSE(RIGHT(b, 2)))"
                    + " FROM concat_bytes WHERE id = 2")) {
                assertTrue(rs.next());
                List<String> got = new ArrayList<>();
                for (int i = 1; i <= 10; i++) got.add(rs.getString(i));
                assertEquals(List.of("42C3", "5AFF42C3", "C342FF41", "787841FF42C3", "41FF42C3EE", "417142C3", "41FF42C3",
                        "41FF42C341FF42C3", "41FF", "C342"), got);
            }
            try (ResultSet rs = st.executeQuery("SELECT HEX(GROUP_CONCAT(b ORDER BY id SEPARATOR 0x00)),"
                    + " HEX(GROUP_CONCAT(DISTINCT vb)) FROM concat_bytes")) {
                assertTrue(rs.next());
                assertEquals(List.of("00FF807835" + "00" + "41FF42C3", "C32C41"), List.of(rs.getString(1), rs.getString(2)));
            }
            try (ResultSet rs = st.executeQuery("SELECT HEX(ELT(2, 'a', b)), HEX(MAKE_SET(3, b, 0x00)),"
                    + " HEX(EXPORT_SET(2, 0xFF, b, 0x2C, 2)) FROM concat_bytes WHERE id = 2")) {
                assertTrue(rs.next());
                assertEquals(List.of("41FF42C3", "41FF42C32C00", "41FF42C32CFF"),
                        List.of(rs.getString(1), rs.getString(2), rs.getString(3)));
            }
            st.executeUpdate("UPDATE concat_bytes SET vb = REVERSE(b) WHERE id = 2");
        }
        assertReplicasHoldTheSameBytes("bx", "concat_bytes");
    }

    private static byte[] concatBytesColumn(Statement st, String column) throws SQLException {
        try (ResultSet rs = st.executeQuery("SELECT " + column + " FROM concat_bytes WHERE id = 1")) {
            assertTrue(rs.next());
            return rs.getBytes(1);
        }
    }
}
