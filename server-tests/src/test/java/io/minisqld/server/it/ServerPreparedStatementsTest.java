package io.minisqld.server.it;

import static io.minisqld.server.it.ConnectorScenarios.assertServerError;
import static io.minisqld.server.it.ConnectorScenarios.rows;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minisqld.testsupport.MinisqldHarness;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Server-side prepared statements (protocol spec §1.8, issue "Server-side prepared statements")
 * through both Connector/Js with the binary protocol forced on: MariaDB Connector/J with
 * {@code useServerPrepStmts=true}, MySQL Connector/J with {@code useServerPrepStmts=true
 * &emulateUnsupportedPstmts=false&cachePrepStmts=true}, so that a statement the server could not
 * prepare fails instead of falling back to client-side emulation. Every value goes through
 * COM_STMT_EXECUTE's binary parameters and comes back in binary result rows.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServerPreparedStatementsTest {
    private MinisqldHarness server;

    @BeforeAll
    void startServer() throws Exception {
        server = MinisqldHarness.inProcess().name("ps").serverId(1).start();
        try (Connection c = connect(Driver.MARIADB, null); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE ps");
        }
    }

    @AfterAll
    void stopServer() throws Exception {
        if (server != null) server.close();
    }

    private Connection connect(Driver driver, String db) throws SQLException {
        String url = driver.url(server.port(), db, "root", "") + (driver == Driver.MARIADB ? "&useServerPrepStmts=true"
                : "&useServerPrepStmts=true&emulateUnsupportedPstmts=false&cachePrepStmts=true");
        return DriverManager.getConnection(url);
    }

    private long status(String name) throws SQLException {
        try (Connection c = connect(Driver.MARIADB, null)) {
            return Long.parseLong(rows(c, "SHOW GLOBAL STATUS LIKE '" + name + "'").get(0).get(1));
        }
    }

    @ParameterizedTest
    @EnumSource(Driver.class)
    void everySetterRoundTripsByteExact(Driver driver) throws Exception {
        String table = "types_" + driver.name().toLowerCase();
        byte[] blob = new byte[70_000];
        new Random(7).nextBytes(blob);
        byte[] small = {0, 1, (byte) 0x80, (byte) 0xFF, '\'', '\\', '\n', 0x1A};
        try (Connection c = connect(driver, "ps")) {
            try (Statement st = c.createStatement()) {
                st.execute("CREATE TABLE " + table + " (id INT PRIMARY KEY, ti TINYINT, si SMALLINT, bi BIGINT,"
                        + " ub BIGINT UNSIGNED, f FLOAT, d DOUBLE, dec1 DECIMAL(20,6), s VARCHAR(100), vb VARBINARY(20),"
                        + " b LONGBLOB, dt DATETIME(6), da DATE, tm TIME(3), n INT)");
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setInt(1, 1);
                ps.setByte(2, (byte) -128);
                ps.setShort(3, (short) 32767);
                ps.setLong(4, Long.MIN_VALUE);
                ps.setBigDecimal(5, new BigDecimal("18446744073709551615"));
                ps.setFloat(6, 1.5f);
                ps.setDouble(7, 0.1 + 0.2);
                ps.setBigDecimal(8, new BigDecimal("-12345678901234.123456"));
                ps.setString(9, "héllo 'wörld' \\ ✓ 😀");
                ps.setBytes(10, small);
                ps.setBinaryStream(11, new ByteArrayInputStream(blob), blob.length);
                ps.setTimestamp(12, Timestamp.valueOf(LocalDateTime.of(2024, 2, 29, 23, 59, 58, 123_456_000)));
                ps.setDate(13, Date.valueOf("1999-12-31"));
                ps.setTime(14, Time.valueOf("12:34:56"));
                ps.setNull(15, Types.INTEGER);
                assertEquals(1, ps.executeUpdate());
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT ti, si, bi, ub, f, d, dec1, s, vb, b, dt, da, tm, n"
                    + " FROM " + table + " WHERE id = ?")) {
                ps.setInt(1, 1);
                try (ResultSet rs = ps.executeQuery()) {
                    assertTrue(rs.next());
                    assertEquals(-128, rs.getByte(1));
                    assertEquals(32767, rs.getShort(2));
                    assertEquals(Long.MIN_VALUE, rs.getLong(3));
                    assertEquals(new BigDecimal("18446744073709551615"), rs.getBigDecimal(4));
                    assertEquals(1.5f, rs.getFloat(5));
                    assertEquals(0.1 + 0.2, rs.getDouble(6));
                    assertEquals(new BigDecimal("-12345678901234.123456"), rs.getBigDecimal(7));
                    assertEquals("héllo 'wörld' \\ ✓ 😀", rs.getString(8));
                    assertArrayEquals(small, rs.getBytes(9));
                    assertArrayEquals(blob, rs.getBytes(10));
                    assertEquals(Timestamp.valueOf(LocalDateTime.of(2024, 2, 29, 23, 59, 58, 123_456_000)),
                            rs.getTimestamp(11));
                    assertEquals(Date.valueOf("1999-12-31"), rs.getDate(12));
                    assertEquals(Time.valueOf("12:34:56"), rs.getTime(13));
                    assertNull(rs.getObject(14));
                    assertFalse(rs.next());
                }
            }
            // the same values as the text protocol shows them: nothing was re-interpreted on the way in
            assertEquals(List.of(List.of("-128", "32767", "-9223372036854775808", "18446744073709551615", "1.5",
                            "0.30000000000000004", "-12345678901234.123456", "2024-02-29 23:59:58.123456", "1999-12-31",
                            "héllo 'wörld' \\ ✓ 😀")),
                    textRows(driver, "SELECT ti, si, bi, ub, f, d, dec1, dt, da, s FROM ps." + table));
            try (Connection text = driver.connect(server, "ps"); Statement st = text.createStatement();
                    ResultSet rs = st.executeQuery("SELECT vb, b FROM " + table)) {
                assertTrue(rs.next());
                assertArrayEquals(small, rs.getBytes(1));
                assertArrayEquals(blob, rs.getBytes(2));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Driver.class)
    void metadataBeforeExecuteBatchesAndGeneratedKeys(Driver driver) throws Exception {
        String table = "batch_" + driver.name().toLowerCase();
        try (Connection c = connect(driver, "ps")) {
            try (Statement st = c.createStatement()) {
                st.execute("CREATE TABLE " + table + " (id INT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(20) NOT NULL,"
                        + " price DECIMAL(6,2))");
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT id, name AS label, price FROM " + table
                    + " WHERE id > ? ORDER BY id")) {
                ResultSetMetaData md = ps.getMetaData();
                assertNotNull(md, "the columns are known before the statement runs");
                assertEquals(3, md.getColumnCount());
                assertEquals("label", md.getColumnLabel(2));
                assertEquals(Types.INTEGER, md.getColumnType(1));
                assertEquals(Types.VARCHAR, md.getColumnType(2));
                assertEquals(Types.DECIMAL, md.getColumnType(3));
                assertEquals(1, ps.getParameterMetaData().getParameterCount());
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " (name, price) VALUES (?, ?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                ps.setString(1, "first");
                ps.setBigDecimal(2, new BigDecimal("1.25"));
                assertEquals(1, ps.executeUpdate());
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    assertTrue(keys.next());
                    assertEquals(1, keys.getLong(1));
                }
                for (int i = 0; i < 5; i++) {
                    ps.setString(1, "b" + i);
                    ps.setNull(2, Types.DECIMAL);
                    ps.addBatch();
                }
                int[] counts = ps.executeBatch();
                assertEquals(5, counts.length);
                for (int n : counts) assertTrue(n == 1 || n == Statement.SUCCESS_NO_INFO, "batch count " + n);
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT id, name, price FROM " + table + " WHERE id > ? ORDER BY id")) {
                ps.setInt(1, 4);
                try (ResultSet rs = ps.executeQuery()) {
                    assertTrue(rs.next());
                    assertEquals(5, rs.getInt(1));
                    assertEquals("b3", rs.getString(2));
                    assertNull(rs.getBigDecimal(3));
                    assertTrue(rs.next());
                    assertEquals("b4", rs.getString(2));
                    assertFalse(rs.next());
                }
                // executed again with another value: the statement is prepared once
                ps.setInt(1, 0);
                try (ResultSet rs = ps.executeQuery()) {
                    int n = 0;
                    while (rs.next()) n++;
                    assertEquals(6, n);
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Driver.class)
    void errorsAreMySqlsAndTheStatementStaysUsable(Driver driver) throws Exception {
        try (Connection c = connect(driver, "ps")) {
            SQLException unknown = assertThrows(SQLException.class, () -> c.prepareStatement("SELECT * FROM nosuch WHERE a = ?").executeQuery());
            assertServerError(unknown, 1146, "42S02", "Table 'ps.nosuch' doesn't exist");
            SQLException syntax = assertThrows(SQLException.class, () -> {
                PreparedStatement p = c.prepareStatement("SELECT ? FROM");
                p.setInt(1, 1);
                p.executeQuery();
            });
            assertEquals(1064, syntax.getErrorCode());
            assertEquals("42000", syntax.getSQLState());
            assertTrue(syntax.getMessage().contains("You have an error in your SQL syntax"), syntax.getMessage());
            try (Statement st = c.createStatement()) {
                st.execute("CREATE TABLE uniq_" + driver.name() + " (id INT PRIMARY KEY)");
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO uniq_" + driver.name() + " VALUES (?)")) {
                ps.setInt(1, 7);
                ps.executeUpdate();
                SQLException dup = assertThrows(SQLException.class, ps::executeUpdate);
                assertServerError(dup, 1062, "23000", "Duplicate entry '7' for key 'PRIMARY'");
                ps.setInt(1, 8);
                assertEquals(1, ps.executeUpdate());
            }
            // a LIMIT count must be a number of rows: 1210, as MySQL's (the engine's 1105 named its own clause)
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM uniq_" + driver.name() + " ORDER BY id LIMIT ?, ?")) {
                ps.setInt(1, 1);
                ps.setString(2, "5");
                try (java.sql.ResultSet rs = ps.executeQuery()) {
                    assertTrue(rs.next());
                    assertEquals(8, rs.getInt(1));
                    assertFalse(rs.next());
                }
                ps.setInt(2, -1);
                assertServerError(assertThrows(SQLException.class, ps::executeQuery), 1210, "HY000",
                        "Incorrect arguments to mysqld_stmt_execute");
                ps.setString(2, "qwe");
                assertServerError(assertThrows(SQLException.class, ps::executeQuery), 1210, "HY000",
                        "Incorrect arguments to mysqld_stmt_execute");
            }
            try (Statement st = c.createStatement()) {
                st.execute("PREPARE lim FROM 'SELECT 1 LIMIT ? OFFSET ?'");
                st.execute("SET @n = 1, @o = NULL");
                assertServerError(assertThrows(SQLException.class, () -> st.execute("EXECUTE lim USING @n, @o")), 1210,
                        "HY000", "Incorrect arguments to EXECUTE");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Driver.class)
    void countersAndStatementsFreedOnClose(Driver driver) throws Exception {
        long prepares = status("Com_stmt_prepare");
        long executes = status("Com_stmt_execute");
        long closes = status("Com_stmt_close");
        try (Connection c = connect(driver, "ps")) {
            try (PreparedStatement ps = c.prepareStatement("SELECT ? + 1")) {
                for (int i = 0; i < 3; i++) {
                    ps.setInt(1, i);
                    try (ResultSet rs = ps.executeQuery()) {
                        assertTrue(rs.next());
                        assertEquals(i + 1, rs.getInt(1));
                    }
                }
                assertTrue(status("Prepared_stmt_count") >= 1);
            }
        }
        assertEquals(prepares + 1, status("Com_stmt_prepare"));
        assertEquals(executes + 3, status("Com_stmt_execute"));
        assertTrue(status("Com_stmt_close") >= closes, "closed or freed with the connection");
        assertEquals(0, status("Prepared_stmt_count"), "a closed connection holds no statement");
    }

    /**
     * COM_STMT_FETCH: MySQL Connector/J with {@code useCursorFetch=true} opens a read-only cursor
     * (CURSOR_TYPE_READ_ONLY) and reads the result a fetch size at a time.
     */
    @org.junit.jupiter.api.Test
    void mysqlConnectorReadsThroughACursorAFetchSizeAtATime() throws Exception {
        try (Connection c = DriverManager.getConnection(Driver.MYSQL.url(server.port(), "ps", "root", "")
                + "&useServerPrepStmts=true&useCursorFetch=true&defaultFetchSize=3")) {
            try (Statement st = c.createStatement()) {
                st.execute("CREATE TABLE cursor_rows (id INT PRIMARY KEY, label VARCHAR(10))");
                st.execute("INSERT INTO cursor_rows VALUES (1, 'a'), (2, 'b'), (3, 'c'), (4, 'd'), (5, 'e'),"
                        + " (6, 'f'), (7, 'g'), (8, 'h'), (9, 'i'), (10, 'j')");
            }
            long fetches = status("Com_stmt_fetch");
            try (PreparedStatement ps = c.prepareStatement("SELECT id, label FROM cursor_rows WHERE id > ? ORDER BY id")) {
                ps.setFetchSize(3);
                ps.setInt(1, 0);
                StringBuilder seen = new StringBuilder();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) seen.append(rs.getInt(1)).append(rs.getString(2)).append(' ');
                }
                assertEquals("1a 2b 3c 4d 5e 6f 7g 8h 9i 10j ", seen.toString());
            }
            // ten rows three at a time: four fetches
            assertEquals(fetches + 4, status("Com_stmt_fetch"));
        }
    }

    /** max_prepared_stmt_count bounds the statements the whole server holds (1461). */
    @org.junit.jupiter.api.Test
    void theServerHoldsAtMostMaxPreparedStmtCountStatements() throws Exception {
        try (Connection admin = connect(Driver.MARIADB, null); Statement st = admin.createStatement()) {
            st.execute("SET GLOBAL max_prepared_stmt_count = 2");
            try (Connection c = connect(Driver.MYSQL, "ps")) {
                PreparedStatement first = c.prepareStatement("SELECT 1 + ?");
                PreparedStatement second = c.prepareStatement("SELECT 2 + ?");
                assertEquals(2, status("Prepared_stmt_count"));
                SQLException full = assertThrows(SQLException.class, () -> c.prepareStatement("SELECT 3 + ?"));
                assertServerError(full, 1461, "42000",
                        "Can't create more than max_prepared_stmt_count statements (current value: 2)");
                first.close();
                second.close();
            } finally {
                st.execute("SET GLOBAL max_prepared_stmt_count = DEFAULT");
            }
            assertEquals(List.of(List.of("16382")), rows(admin, "SELECT @@global.max_prepared_stmt_count"));
        }
    }

    /** A value alone or in an expression of the select list: its value back, labelled with the ? typed (as MySQL). */
    @ParameterizedTest
    @EnumSource(Driver.class)
    void boundValuesInTheSelectListAreLabelledAsTyped(Driver driver) throws Exception {
        try (Connection c = connect(driver, "ps");
             PreparedStatement ps = c.prepareStatement("SELECT ?, ? + 1, ? IS NULL, CONCAT(?, 'b')")) {
            for (int round = 0; round < 2; round++) {
                ps.setString(1, "x'y" + round);
                ps.setLong(2, 41 + round);
                ps.setNull(3, Types.VARCHAR);
                ps.setBytes(4, new byte[] {'a'});
                try (ResultSet rs = ps.executeQuery()) {
                    ResultSetMetaData md = rs.getMetaData();
                    assertEquals(List.of("?", "? + 1", "? IS NULL", "CONCAT(?, 'b')"), List.of(md.getColumnLabel(1),
                            md.getColumnLabel(2), md.getColumnLabel(3), md.getColumnLabel(4)));
                    assertTrue(rs.next());
                    assertEquals("x'y" + round, rs.getString(1));
                    assertEquals(42 + round, rs.getLong(2));
                    assertEquals(1, rs.getInt(3));
                    assertEquals("ab", rs.getString(4));
                }
            }
        }
    }

    /** The result of a plain COM_QUERY, as text, through MariaDB Connector/J without server-side preparing. */
    private List<List<String>> textRows(Driver driver, String sql) throws SQLException {
        try (Connection c = driver.connect(server, null)) {
            return rows(c, sql);
        }
    }

    /**
     * Protocol spec §1.8 (COM_STMT_PREPARE takes one statement) and MySQL's grammar (a ';' only
     * before the end of the input): without CLIENT_MULTI_STATEMENTS (both drivers' default) a
     * second statement in a query or a prepared statement is 1064 at its first word and nothing
     * of the text runs. Before, every statement of the text ran: an application that relies on
     * the server refusing stacked statements had them executed.
     */
    @ParameterizedTest
    @EnumSource(Driver.class)
    void aSecondStatementWithoutMultiStatementsIsASyntaxErrorAndNothingRuns(Driver driver) throws Exception {
        String table = "stacked_" + driver.name().toLowerCase();
        String near = "You have an error in your SQL syntax; check the manual that corresponds to your MySQL server version"
                + " for the right syntax to use near ";
        try (Connection c = connect(driver, "ps"); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE " + table + " (a INT)");
            SQLException query = assertThrows(SQLException.class,
                    () -> st.execute("INSERT INTO " + table + " VALUES (1); DELETE FROM " + table));
            assertServerError(query, 1064, "42000", near + "'DELETE FROM " + table + "' at line 1");
            SQLException prepared = assertThrows(SQLException.class, () -> {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " VALUES (?); INSERT INTO " + table
                        + " VALUES (3)")) {
                    ps.setInt(1, 2);
                    ps.executeUpdate();
                }
            });
            assertServerError(prepared, 1064, "42000", near + "'INSERT INTO " + table + " VALUES (3)' at line 1");
            SQLException sqlPrepare = assertThrows(SQLException.class, () -> st.execute("PREPARE s FROM 'select 1; select2'"));
            assertServerError(sqlPrepare, 1064, "42000", near + "'select2' at line 1");
            assertEquals(List.of(List.of("0")), rows(c, "SELECT COUNT(*) FROM " + table));
            // one statement with its ';', and a routine whose body has semicolons of its own, are one statement
            st.execute("INSERT INTO " + table + " VALUES (4);");
            st.execute("CREATE PROCEDURE " + table + "_p() BEGIN INSERT INTO " + table + " VALUES (5); INSERT INTO "
                    + table + " VALUES (6); END");
            st.execute("CALL " + table + "_p()");
            assertEquals(List.of(List.of("4"), List.of("5"), List.of("6")), rows(c, "SELECT a FROM " + table + " ORDER BY a"));
        }
        // a client that asks for several statements gets them all run
        try (Connection c = DriverManager.getConnection(driver.url(server.port(), "ps", "root", "") + "&allowMultiQueries=true");
             Statement st = c.createStatement()) {
            st.execute("INSERT INTO " + table + " VALUES (7); INSERT INTO " + table + " VALUES (8)");
            assertEquals(List.of(List.of("5")), rows(c, "SELECT COUNT(*) FROM " + table));
        }
    }
}
