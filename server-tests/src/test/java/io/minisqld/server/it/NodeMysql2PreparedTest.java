package io.minisqld.server.it;

import static io.minisqld.server.it.ConnectorScenarios.rows;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minisqld.testcommon.Program;
import io.minisqld.testsupport.MinisqldHarness;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Node's mysql2 (the most used MySQL client for Node) through server-side prepared statements:
 * {@code connection.execute} with every kind of JavaScript value, {@code connection.prepare} /
 * {@code statement.execute} / {@code statement.close}, the errors a user sees, and a pool of 8
 * connections running 10,000 statements concurrently. The scripts are in {@code src/test/node}
 * ({@code npm ci} there installs mysql2 from package-lock.json; .ci/run does); each prints one
 * "OK" line per check, and what they stored is read back here through MariaDB Connector/J.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NodeMysql2PreparedTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String TEXT = "héllo 'wörld' \"quoted\" \\ back\\slash \\' ✓ ☃ 中文 😀 nul:\0 nl:\n cr:\r ctrl-z:\u001a";

    private MinisqldHarness server;

    @BeforeAll
    void startServer() throws Exception {
        server = MinisqldHarness.inProcess().name("node").serverId(1).start();
        try (Connection c = Driver.MARIADB.connect(server, null); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE db");
        }
    }

    @AfterAll
    void stopServer() {
        if (server != null) server.close();
    }

    private long status(String name) throws SQLException {
        try (Connection c = Driver.MARIADB.connect(server, null)) {
            return Long.parseLong(rows(c, "SHOW GLOBAL STATUS LIKE '" + name + "'").get(0).get(1));
        }
    }

    /**
     * COM_CHANGE_USER through mysql2's {@code changeUser}: same connection id, the new account,
     * user variables and prepared statements freed, the open transaction rolled back; a wrong
     * password gets 1045 and leaves the connection logged in as before.
     */
    @Test
    void changeUserLogsInAgainAndResetsTheSession() throws Exception {
        try (Connection c = Driver.MARIADB.connect(server, "db"); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE changed (id INT PRIMARY KEY, note VARCHAR(20))");
            st.execute("CREATE USER 'alice'@'%' IDENTIFIED BY 'alicepw'");
            st.execute("GRANT SELECT, INSERT ON db.* TO 'alice'@'%'");
        }
        assertOk(ClientScripts.node("change_user.js", server.port(), Duration.ofSeconds(60)), """
                OK same connection
                OK new account
                OK user variables gone
                OK database of the packet
                OK open transaction rolled back
                OK prepared statement freed
                OK wrong password
                OK still logged in as before
                """);
    }

    private static void assertOk(Program.Result r, String expectedLines) {
        assertEquals(expectedLines, r.stdout(), r.toString());
        assertEquals(0, r.exitCode(), r.toString());
    }

    @Test
    void executeEveryValuePrepareExecuteCloseAndErrors() throws Exception {
        Program.Result r = ClientScripts.node("prepared.js", server.port(), TIMEOUT);
        assertOk(r, """
                OK insert row 1: affectedRows 1
                OK insert row 2: affectedRows 1
                OK insert row 3: affectedRows 1
                OK insert row 4: affectedRows 1
                OK select returns 4 rows
                OK row 1 reads back equal
                OK row 2 reads back equal
                OK row 3 reads back equal
                OK row 4 reads back equal
                OK where s = ? and b = ? finds row 1
                OK where dt < ? finds rows 2 and 3
                OK where big = ? (BigInt) finds row 1
                OK where n <=> ? (null) finds row 1
                OK select ? echoes a string, a Buffer and null
                OK prepare: 2 and 1 parameters, 0 and 2 columns
                OK prepare: the server holds 2 more statements
                OK statement.execute insert 1
                OK statement.execute insert 2
                OK statement.execute insert 3
                OK statement.execute insert 4
                OK statement.execute insert 5
                OK statement.execute select id <= 0
                OK statement.execute select id <= 2
                OK statement.execute select id <= 5
                OK statement.close: both freed
                OK execute on a missing table
                OK prepare of a missing table
                OK prepare of an update of a missing table
                OK duplicate key
                OK syntax error
                OK the connection works after the errors
                """);
        // what the script stored, as the text protocol shows it
        try (Connection c = Driver.MARIADB.connect(server, "db")) {
            assertEquals(List.of(
                            Arrays.asList("1", "2147483647", "-9223372036854775808", "0.30000000000000004", null),
                            Arrays.asList("2", "-2147483648", "-1234567890123456789", "-1.5e300", "7"),
                            Arrays.asList("3", "0", "9223372036854775807", "6.02214076e23", "-1"),
                            Arrays.asList("4", "-1", "-1", "1e-7", "0")),
                    rows(c, "SELECT id, i, big, d, n FROM vals ORDER BY id"));
            byte[] all = new byte[256];
            for (int i = 0; i < 256; i++) all[i] = (byte) i;
            try (Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT id, s, b, dt FROM vals ORDER BY id")) {
                assertTrue(rs.next());
                assertEquals(TEXT, rs.getString(2));
                assertArrayEquals(TEXT.getBytes(StandardCharsets.UTF_8), rs.getBytes(2));
                assertArrayEquals(all, rs.getBytes(3));
                assertEquals(LocalDateTime.of(2024, 2, 29, 23, 59, 58, 123_000_000), rs.getObject(4, LocalDateTime.class));
                assertTrue(rs.next());
                assertEquals("", rs.getString(2));
                assertArrayEquals(new byte[0], rs.getBytes(3), "an empty Buffer is an empty BLOB, not NULL");
                assertEquals(LocalDateTime.of(1999, 12, 31, 0, 0), rs.getObject(4, LocalDateTime.class));
                assertTrue(rs.next());
                assertEquals("plain", rs.getString(2));
                assertArrayEquals(new byte[] {0, (byte) 0xFF, '\'', '\\'}, rs.getBytes(3));
                assertEquals(LocalDateTime.of(1970, 1, 1, 0, 0, 1, 999_000_000), rs.getObject(4, LocalDateTime.class));
                assertTrue(rs.next());
                assertEquals("'", rs.getString(2));
                assertArrayEquals(Arrays.copyOfRange(all, 128, 256), rs.getBytes(3));
                assertEquals(LocalDateTime.of(2038, 1, 19, 3, 14, 8), rs.getObject(4, LocalDateTime.class));
            }
            assertEquals(List.of(List.of("1", "item 1 ✓"), List.of("2", "item 2 ✓"), List.of("3", "item 3 ✓"),
                    List.of("4", "item 4 ✓"), List.of("5", "item 5 ✓")), rows(c, "SELECT id, label FROM items ORDER BY id"));
        }
    }

    @Test
    void aPoolOfEightRunsTenThousandStatementsConcurrently() throws Exception {
        long executes = status("Com_stmt_execute");
        Program.Result r = ClientScripts.node("pool.js", server.port(), TIMEOUT);
        assertOk(r, """
                OK 10000 pool.execute selects return ? + ? and ?
                OK 2000 concurrent pool.execute inserts
                OK count 2000 and sum 6003000
                """);
        long grown = status("Com_stmt_execute") - executes;
        assertTrue(grown >= 10_000 + 2000 + 1, "Com_stmt_execute grew by " + grown);
        try (Connection c = Driver.MARIADB.connect(server, "db")) {
            assertEquals(List.of(List.of("2000", "6003000", "1", "2000", "8")),
                    rows(c, "SELECT COUNT(*), SUM(v), MIN(id), MAX(id), COUNT(DISTINCT who) FROM pool_rows"));
            assertEquals(List.of(List.of("1234", "3702", "w2")), rows(c, "SELECT id, v, who FROM pool_rows WHERE id = 1234"));
        }
    }

    /**
     * mysql2 sends a JavaScript number as a DOUBLE parameter; MySQL types an expression of DOUBLE
     * parameters DOUBLE, computes it in floating point and mysql2 returns a number.
     */
    @Test
    void numberParametersAreDoubles() throws Exception {
        assertOk(ClientScripts.node("numbers.js", server.port(), TIMEOUT), """
                OK SELECT ? + ? AS v [41,1] is the number 42
                OK SELECT ? AS v [2.5] is the number 2.5
                OK SELECT ? * 3 AS v [0.1] is the number 0.30000000000000004
                """);
    }
}
