package io.minisqld.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.minisqld.testsupport.MinisqldHarness;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A binary string compared with a string compares bytes (MySQL 5.7 manual 12.3.2, "Comparison
 * Functions and Operators", and 12.10, "The BINARY operator"): {@code varbinary_col = 'abc'}
 * finds the row holding those bytes and tells case, {@code BINARY name = 'Abc'} is the
 * case-sensitive test, {@code LIKE BINARY} matches bytes. Before, every comparison of a BINARY,
 * VARBINARY or BLOB column with a string literal (also a client's string parameter) failed with
 * 1105 "Values of types … are not comparable", the BINARY operator was a 1064, and a binary
 * column's LIKE ignored case. Each expected value is what MariaDB 10.11 answered to the same
 * statement.
 */
class BinaryComparisonsTest {
    private static MinisqldHarness server;
    private static Connection connection;
    private static Statement st;

    @BeforeAll
    static void start() throws Exception {
        server = MinisqldHarness.inProcess().name("binary-comparisons").serverId(1).start();
        connection = Driver.MARIADB.connect(server, "");
        st = connection.createStatement();
        st.execute("CREATE DATABASE bc");
        st.execute("USE bc");
        st.execute("CREATE TABLE t (id INT PRIMARY KEY, a VARCHAR(5), b VARBINARY(5), c BLOB, d BINARY(3))");
        st.execute("INSERT INTO t VALUES (1, 'a', 'a', 'a', 'a'), (2, 'B', 'B', 'B', 'B')");
    }

    @AfterAll
    static void stop() throws Exception {
        connection.close();
        server.close();
    }

    /** Each row's values joined by commas, rows by semicolons. */
    private static String rows(String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            List<String> rows = new ArrayList<>();
            while (rs.next()) {
                List<String> values = new ArrayList<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) values.add(rs.getString(i));
                rows.add(String.join(",", values));
            }
            return String.join(";", rows);
        }
    }

    private static String row(String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rs.next()) {
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) values.add(rs.getString(i));
            }
            return String.join(",", values);
        }
    }

    @Test
    void binaryColumnsComparedWithStringLiteralsCompareBytes() throws Exception {
        assertEquals("0,1,1,0,1", row("SELECT b = 'A', b = 'a', 'a' = b, b <> 'a', b < 'b' FROM t WHERE id = 1"));
        assertEquals("1", row("SELECT id FROM t WHERE b = 'a'"));
        assertEquals("", row("SELECT id FROM t WHERE b = 'b'"));
        assertEquals("1,1,0", row("SELECT b IN ('a'), b NOT IN ('A', 'b'), b IN ('A') FROM t WHERE id = 1"));
        assertEquals("1", row("SELECT COUNT(*) FROM t WHERE b BETWEEN 'a' AND 'b'"));
        assertEquals("1,2", row("SELECT id FROM t WHERE c = 'a' OR c = 'B' ORDER BY id"));
        // BINARY(3) holds 'a' padded with zero bytes
        assertEquals("0,610000,1", row("SELECT d = 'a', HEX(d), d = 'a\\0\\0' FROM t WHERE id = 1"));
        // LIKE on a binary column matches bytes: case counts
        assertEquals("", row("SELECT id FROM t WHERE b LIKE 'b%'"));
        assertEquals("2", row("SELECT id FROM t WHERE b LIKE 'B%'"));
        assertEquals("1", row("SELECT id FROM t WHERE c NOT LIKE 'B%'"));
        // a binary column beside a text column compares the text's bytes (was 1105)
        st.execute("CREATE TABLE u (id INT PRIMARY KEY, a VARCHAR(5), b VARBINARY(5))");
        st.execute("INSERT INTO u VALUES (1, 'a', 'a'), (2, 'b', 'B')");
        assertEquals("1,1,1;2,0,0", rows("SELECT id, b = a, a = b FROM u ORDER BY id"));
        assertEquals("1", row("SELECT COUNT(*) FROM u x JOIN u y ON x.b = y.a"));
        st.execute("DROP TABLE u");
        // and so do a change's conditions
        assertEquals(0, st.executeUpdate("UPDATE t SET a = 'x' WHERE b = 'A'"));
        assertEquals(0, st.executeUpdate("DELETE FROM t WHERE c = 'b'"));
        assertEquals("a,B", row("SELECT a FROM t ORDER BY id"));
    }

    @Test
    void theBinaryOperatorMakesAComparisonCaseSensitive() throws Exception {
        assertEquals("1,0,0,1", row("SELECT BINARY 'a' = BINARY 'a', BINARY 'a' = 'A', 'A' = BINARY 'a', BINARY 'a' = 'a'"));
        assertEquals("2", row("SELECT id FROM t WHERE BINARY a = 'B'"));
        assertEquals("", row("SELECT id FROM t WHERE BINARY a = 'b'"));
        assertEquals("", row("SELECT id FROM t WHERE a = BINARY 'b'"));
        assertEquals("2", row("SELECT id FROM t WHERE t.a = BINARY 'B'"));
        assertEquals("2", row("SELECT id FROM t WHERE BINARY a IN ('B', 'x')"));
        assertEquals("B,a", row("SELECT a FROM t ORDER BY BINARY a"));
        assertEquals("C3A9,2", row("SELECT HEX(BINARY 'é'), LENGTH(BINARY 'é')"));
        // LIKE BINARY, and LIKE with the operator on its left
        assertEquals("0,1,1,1", row("SELECT 'abc' LIKE BINARY 'A%', 'abc' LIKE BINARY 'a%', 'abc' NOT LIKE BINARY 'A%',"
                + " 'abc' LIKE BINARY 'a_c'"));
        assertEquals("", row("SELECT id FROM t WHERE BINARY a LIKE 'b%'"));
        assertEquals("2", row("SELECT id FROM t WHERE BINARY a LIKE CONCAT('B', '%')"));
        assertEquals("1", row("SELECT id FROM t WHERE BINARY a NOT LIKE 'B%'"));
        // with ESCAPE too (it was left to the engine's LIKE, which ignored case)
        assertEquals("0,1,0", row("SELECT 'abc' LIKE BINARY 'a|%' ESCAPE '|', 'a%' LIKE BINARY 'a|%' ESCAPE '|',"
                + " 'A%' LIKE BINARY 'a|%' ESCAPE '|'"));
        assertEquals("", row("SELECT id FROM t WHERE b LIKE 'b|%' ESCAPE '|' OR b LIKE 'b%' ESCAPE '|'"));
        assertEquals("2", row("SELECT id FROM t WHERE b LIKE 'B%' ESCAPE '|'"));
    }

    @Test
    void castsHexAndBinaryLiteralsAreBinaryStrings() throws Exception {
        assertEquals("0,1,0,1", row("SELECT CAST('a' AS BINARY) = 'A', CONVERT('a' USING binary) = 'a',"
                + " CONVERT('a', BINARY) = 'A', UNHEX('61') = 'a'"));
        assertEquals("1,0,1,0,0", row("SELECT x'61' = 'a', x'61' = 'A', 0x61 = 'a', _binary'a' = 'A', 'a' = _binary 'A'"));
        assertEquals("0,1", row("SELECT b = _binary'A', b IN (_binary'a', _binary'B') FROM t WHERE id = 1"));
        assertEquals("1", row("SELECT COUNT(*) FROM t WHERE b BETWEEN _binary'A' AND _binary'Z'"));
        // a _binary literal beside a text column compares bytes (it compared the text, ignoring case)
        assertEquals("", row("SELECT id FROM t WHERE a = _binary'A'"));
        assertEquals("1", row("SELECT id FROM t WHERE _binary'a' = t.a"));
    }

    /**
     * A client's string parameter is a string literal in the statement the server runs; its bytes
     * parameter (Connector/J's setBytes) a {@code _binary} one. Both find the row by its bytes.
     */
    @Test
    void clientParametersFindBinaryValues() throws Exception {
        try (PreparedStatement ps = connection.prepareStatement("SELECT id FROM t WHERE b = ?")) {
            ps.setString(1, "B");
            assertEquals(List.of(2), ids(ps));
            ps.setString(1, "b");
            assertEquals(List.of(), ids(ps));
            ps.setBytes(1, "a".getBytes(StandardCharsets.UTF_8));
            assertEquals(List.of(1), ids(ps));
        }
        try (PreparedStatement ps = connection.prepareStatement("SELECT id FROM t WHERE a = ?")) {
            ps.setBytes(1, "b".getBytes(StandardCharsets.UTF_8));
            assertEquals(List.of(), ids(ps));
            ps.setBytes(1, "B".getBytes(StandardCharsets.UTF_8));
            assertEquals(List.of(2), ids(ps));
        }
        try (Connection serverPrepared = java.sql.DriverManager.getConnection(
                Driver.MARIADB.url(server.port(), "bc", "root", "") + "&useServerPrepStmts=true");
             PreparedStatement ps = serverPrepared.prepareStatement("SELECT id FROM t WHERE c = ? OR b = ?")) {
            ps.setString(1, "a");
            ps.setBytes(2, "B".getBytes(StandardCharsets.UTF_8));
            assertEquals(List.of(1, 2), ids(ps));
        }
    }

    private static List<Integer> ids(PreparedStatement ps) throws SQLException {
        List<Integer> ids = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) ids.add(rs.getInt(1));
        }
        ids.sort(null);
        return ids;
    }
}
