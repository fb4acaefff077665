package io.minisqld.server.it;

import static io.minisqld.server.it.ConnectorScenarios.rows;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minisqld.testcommon.Program;
import io.minisqld.testsupport.MinisqldHarness;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * PHP's two MySQL APIs through server-side prepared statements (php-cli with mysqlnd): mysqli's
 * prepare / bind_param (i, d, s, b) / send_long_data / execute / get_result and execute_query,
 * with a 20 MiB blob that can only arrive as long data (max_allowed_packet is 4 MiB), and PDO
 * with ATTR_EMULATE_PREPARES off binding ints, strings, a LOB and null. The scripts are in
 * {@code src/test/php}; each prints one "OK" line per check, and what they stored is read back
 * here through MariaDB Connector/J.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PhpPreparedTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String TEXT = "héllo 'wörld' \"quoted\" \\ back\\slash ✓ ☃ 中文 😀 nul:\0 nl:\n ctrl-z:\u001a";

    private MinisqldHarness server;

    @BeforeAll
    void startServer() throws Exception {
        server = MinisqldHarness.inProcess().name("php").serverId(1).start();
        try (Connection c = Driver.MARIADB.connect(server, null); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE db");
        }
    }

    @AfterAll
    void stopServer() {
        if (server != null) server.close();
    }

    private static void assertOk(Program.Result r, String expectedLines) {
        assertEquals(expectedLines, r.stdout(), r.toString());
        assertEquals(0, r.exitCode(), r.toString());
    }

    private static byte[] allBytes() {
        byte[] all = new byte[256];
        for (int i = 0; i < 256; i++) all[i] = (byte) i;
        return all;
    }

    @Test
    void mysqliBindParamLongDataGetResultAndExecuteQuery() throws Exception {
        Program.Result r = ClientScripts.php("mysqli.php", server.port(), TIMEOUT);
        assertOk(r, """
                OK max_allowed_packet is 4 MiB
                OK prepare: 5 parameters
                OK execute with a 20 MiB long-data blob
                OK executed twice more
                OK get_result: the blob comes back with the md5 sent
                OK get_result: LENGTH(b) is 20 MiB
                OK get_result: i, d and s
                OK get_result: row 2
                OK get_result: row 3, b bound to null without long data is NULL
                OK bind_result: the blob with the md5 sent
                OK execute_query select
                OK execute_query insert
                OK duplicate key
                OK prepare of a missing table
                """);
        try (Connection c = Driver.MARIADB.connect(server, "db")) {
            assertEquals(List.of(
                            Arrays.asList("1", "-9223372036854775808", "0.30000000000000004", TEXT, "20971520"),
                            Arrays.asList("2", "9223372036854775807", "-2.5e-300", "", "4"),
                            Arrays.asList("3", "-1", "1e20", "'", null),
                            Arrays.asList("4", "-42", null, TEXT, null)),
                    rows(c, "SELECT id, i, d, s, LENGTH(b) FROM php_vals ORDER BY id"));
        }
        assertEquals(List.of(List.of("max_allowed_packet", "4194304")), globalMaxAllowedPacket(), "the script set it back");
        // a row bigger than max_allowed_packet is read with a larger one, as in MySQL
        setGlobalMaxAllowedPacket(64 << 20);
        try (Connection c = Driver.MARIADB.connect(server, "db"); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT b FROM php_vals WHERE id <= 2 ORDER BY id")) {
            assertTrue(rs.next());
            byte[] stored = rs.getBytes(1);
            assertTrue(Arrays.equals(blob(), stored), "the 20 MiB blob through the text protocol: "
                    + (stored == null ? "NULL" : stored.length + " bytes, first difference at " + Arrays.mismatch(blob(), stored)));
            assertTrue(rs.next());
            assertArrayEquals(new byte[] {0, (byte) 0xFF, '\'', '\\'}, rs.getBytes(1));
        } finally {
            setGlobalMaxAllowedPacket(4 << 20);
        }
    }

    /** The blob mysqli.php sends (its blob()). */
    private static byte[] blob() {
        byte[] base = new byte[65536];
        for (int k = 0; k < base.length; k++) base[k] = (byte) (k * 7 + (k >> 8));
        ByteBuffer b = ByteBuffer.allocate(320 * 65536);
        for (int i = 0; i < 320; i++) b.putInt(i).put(base, 4, base.length - 4);
        return b.array();
    }

    private List<List<String>> globalMaxAllowedPacket() throws SQLException {
        try (Connection c = Driver.MARIADB.connect(server, null)) {
            return rows(c, "SHOW GLOBAL VARIABLES LIKE 'max_allowed_packet'");
        }
    }

    /** COM_CHANGE_USER through mysqli::change_user, with a 1045 for a wrong password. */
    @Test
    void mysqliChangeUser() throws Exception {
        try (Connection c = Driver.MARIADB.connect(server, "db"); Statement st = c.createStatement()) {
            st.execute("CREATE USER 'phpuser'@'%' IDENTIFIED BY 'phppw'");
            st.execute("GRANT SELECT ON db.* TO 'phpuser'@'%'");
        }
        assertOk(ClientScripts.php("change_user.php", server.port(), TIMEOUT), """
                OK prepared before
                OK change_user
                OK same connection
                OK new account
                OK user variables gone
                OK database
                OK wrong password refused
                """);
    }

    private void setGlobalMaxAllowedPacket(int bytes) throws SQLException {
        try (Connection c = Driver.MARIADB.connect(server, null); Statement st = c.createStatement()) {
            st.execute("SET GLOBAL max_allowed_packet = " + bytes);
        }
    }

    @Test
    void pdoNativePreparesBindFetchAndErrors() throws Exception {
        Program.Result r = ClientScripts.php("pdo.php", server.port(), TIMEOUT);
        assertOk(r, """
                OK insert 1
                OK insert 2
                OK insert 3
                OK the 3 inserts and the SHOW were COM_STMT_EXECUTEs
                OK fetchAll returns what was bound, ints as ints
                OK the statement executed again
                OK where s = ? and b = ?, bindColumn as a LOB
                OK prepare of a missing table
                OK duplicate key
                OK the connection works after the errors
                """);
        try (Connection c = Driver.MARIADB.connect(server, "db")) {
            assertEquals(List.of(
                            Arrays.asList("1", "-9223372036854775808", TEXT, null),
                            Arrays.asList("2", "0", "", "5"),
                            Arrays.asList("3", "-42", "'", null)),
                    rows(c, "SELECT id, n, s, z FROM pdo_rows ORDER BY id"));
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT b FROM pdo_rows ORDER BY id")) {
                assertTrue(rs.next());
                assertArrayEquals(allBytes(), rs.getBytes(1));
                assertTrue(rs.next());
                assertArrayEquals(new byte[0], rs.getBytes(1), "an empty LOB is an empty BLOB, not NULL");
                assertTrue(rs.next());
                assertArrayEquals("\0'\\\"".getBytes(StandardCharsets.ISO_8859_1), rs.getBytes(1));
            }
        }
    }
}
