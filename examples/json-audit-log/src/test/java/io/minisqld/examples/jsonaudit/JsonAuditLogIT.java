package io.minisqld.examples.jsonaudit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minisqld.testsupport.MinisqldExtension;
import io.minisqld.testsupport.SqlRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The packaged AUDIT plugin in a real server (see CommitAuditLogIT for how the jar gets here):
 * a scripted session's connection, statements with their text and error codes, table accesses
 * and disconnection are in the file; a denied table makes the client's statement fail with
 * 3164; the file rotates.
 */
@Tag("packaged-jar")
class JsonAuditLogIT {
    static final Path JAR = Path.of(System.getProperty("json_audit_log.jar", "../../plugins/json_audit_log.jar"));
    private static final Pattern ID = Pattern.compile("\"connection_id\":(\\d+)");

    @RegisterExtension
    MinisqldExtension server = MinisqldExtension.withPlugin(JAR).install("json_audit_log", "json_audit_log.so");

    private List<String> lines() throws IOException {
        return Files.readAllLines(server.datadir().resolve("audit.json"));
    }

    /** The lines of one connection, each reduced to its event and the given fields' text. */
    private List<String> of(long connection) throws IOException {
        return lines().stream().filter(l -> {
            Matcher m = ID.matcher(l);
            return m.find() && Long.parseLong(m.group(1)) == connection;
        }).map(l -> l.replaceAll("^\\{\"time\":\"[^\"]+\",", "{")).toList();
    }

    @Test
    void aScriptedSessionIsRecordedEventByEvent() throws Exception {
        server.executeAll("CREATE DATABASE app", "CREATE TABLE app.t (id INT PRIMARY KEY, v INT)");
        long id;
        try (Connection c = server.newConnection(); Statement st = c.createStatement()) {
            var rs = st.executeQuery("SELECT CONNECTION_ID()");
            rs.next();
            id = rs.getLong(1);
            st.execute("INSERT INTO app.t VALUES (1, 10)");
            SQLException e = org.junit.jupiter.api.Assertions.assertThrows(SQLException.class,
                    () -> st.executeQuery("SELECT nope FROM app.t"));
            assertEquals(1054, e.getErrorCode());
        }
        io.minisqld.testcommon.Poll.until("the disconnect's line", java.time.Duration.ofSeconds(10),
                () -> String.join("", of(id)).contains("MYSQL_AUDIT_CONNECTION_DISCONNECT"));
        List<String> got = of(id);
        assertEquals(List.of(
                "{\"event\":\"MYSQL_AUDIT_CONNECTION_CONNECT\",\"connection_id\":" + id + ",\"status\":0,\"user\":\"root\","
                        + "\"priv_user\":\"root\",\"host\":\"localhost\",\"ip\":\"127.0.0.1\",\"database\":\"\"}",
                "{\"event\":\"MYSQL_AUDIT_QUERY_START\",\"connection_id\":" + id + ",\"sql_command\":\"select\","
                        + "\"query\":\"SELECT CONNECTION_ID()\",\"status\":0}",
                "{\"event\":\"MYSQL_AUDIT_QUERY_STATUS_END\",\"connection_id\":" + id + ",\"sql_command\":\"select\","
                        + "\"query\":\"SELECT CONNECTION_ID()\",\"status\":0}",
                "{\"event\":\"MYSQL_AUDIT_QUERY_START\",\"connection_id\":" + id + ",\"sql_command\":\"insert\","
                        + "\"query\":\"INSERT INTO app.t VALUES (1, 10)\",\"status\":0}",
                "{\"event\":\"MYSQL_AUDIT_TABLE_ACCESS_INSERT\",\"connection_id\":" + id + ",\"sql_command\":\"insert\","
                        + "\"database\":\"app\",\"table\":\"t\",\"query\":\"INSERT INTO app.t VALUES (1, 10)\"}",
                "{\"event\":\"MYSQL_AUDIT_QUERY_STATUS_END\",\"connection_id\":" + id + ",\"sql_command\":\"insert\","
                        + "\"query\":\"INSERT INTO app.t VALUES (1, 10)\",\"status\":0}",
                "{\"event\":\"MYSQL_AUDIT_QUERY_START\",\"connection_id\":" + id + ",\"sql_command\":\"select\","
                        + "\"query\":\"SELECT nope FROM app.t\",\"status\":0}",
                "{\"event\":\"MYSQL_AUDIT_TABLE_ACCESS_READ\",\"connection_id\":" + id + ",\"sql_command\":\"select\","
                        + "\"database\":\"app\",\"table\":\"t\",\"query\":\"SELECT nope FROM app.t\"}",
                "{\"event\":\"MYSQL_AUDIT_QUERY_STATUS_END\",\"connection_id\":" + id + ",\"sql_command\":\"select\","
                        + "\"query\":\"SELECT nope FROM app.t\",\"status\":1054}",
                "{\"event\":\"MYSQL_AUDIT_CONNECTION_DISCONNECT\",\"connection_id\":" + id + ",\"status\":0,\"user\":\"root\","
                        + "\"priv_user\":\"root\",\"host\":\"localhost\",\"ip\":\"127.0.0.1\",\"database\":\"\"}"),
                // the driver's own statements at connect (set sql_mode=…, SELECT @@…) aside
                got.stream().filter(l -> !l.contains("\"sql_command\":\"set_option\"") && !l.contains("SELECT @@"))
                        .toList());
    }

    @Test
    void aDeniedTableFailsTheStatementWith3164AndRunsNothing() throws Exception {
        server.executeAll("CREATE DATABASE app", "CREATE TABLE app.secret (id INT PRIMARY KEY)",
                "INSERT INTO app.secret VALUES (1)", "SET GLOBAL json_audit_log_deny_tables = 'app.secret'");
        SQLException read = server.error("SELECT * FROM app.secret");
        assertEquals(3164, read.getErrorCode());
        assertEquals("HY000", read.getSQLState());
        assertEquals("Aborted by Audit API ('MYSQL_AUDIT_TABLE_ACCESS_READ';1).", SqlRunner.serverMessage(read));
        SQLException insert = server.error("INSERT INTO app.secret VALUES (2)");
        assertEquals("Aborted by Audit API ('MYSQL_AUDIT_TABLE_ACCESS_INSERT';1).", SqlRunner.serverMessage(insert));
        server.execute("SET GLOBAL json_audit_log_deny_tables = ''");
        assertEquals(List.of(List.of("1")), server.rows("SELECT id FROM app.secret"));
        assertTrue(lines().stream().anyMatch(l -> l.contains("MYSQL_AUDIT_QUERY_STATUS_END")
                && l.contains("INSERT INTO app.secret VALUES (2)") && l.contains("\"status\":3164")));
    }

    /** SERVER_SHUTDOWN when the server stops, SERVER_STARTUP when it is ready again (the plugin loads from mysql.plugin). */
    @Test
    void shutdownAndStartupAreRecorded() throws Exception {
        server.harness().restart();
        List<String> events = lines().stream().map(l -> l.replaceAll("^.*\"event\":\"([A-Z_]+)\".*$", "$1"))
                .filter(e -> e.startsWith("MYSQL_AUDIT_SERVER")).toList();
        assertEquals(List.of("MYSQL_AUDIT_SERVER_SHUTDOWN_SHUTDOWN", "MYSQL_AUDIT_SERVER_STARTUP_STARTUP"), events);
        assertTrue(lines().stream().anyMatch(l -> l.contains("MYSQL_AUDIT_SERVER_SHUTDOWN_SHUTDOWN")
                && l.contains("\"reason\":\"shutdown\"")), lines().toString());
    }

    @Test
    void theEventsFilterAndRotation() throws Exception {
        server.execute("SET GLOBAL json_audit_log_events = 'CONNECTION'");
        int before = lines().size();
        server.execute("CREATE DATABASE quiet");
        assertEquals(before, lines().size(), "no QUERY line once only CONNECTION is written");
        try (Connection c = server.newConnection()) {
            c.isValid(1);
        }
        io.minisqld.testcommon.Poll.until("a CONNECT and a DISCONNECT line", java.time.Duration.ofSeconds(10),
                () -> lines().size() >= before + 2);
        server.execute("SET GLOBAL json_audit_log_events = 'QUERY'");
        server.execute("SET GLOBAL json_audit_log_rotate_on_size = 500");
        for (int i = 0; i < 20; i++) server.execute("SELECT " + i);
        Path rotated = server.datadir().resolve("audit.json.1");
        assertTrue(Files.exists(rotated), "rotated to audit.json.1");
        assertTrue(Files.size(server.datadir().resolve("audit.json")) < 1000);
        assertTrue(Files.readString(server.datadir().resolve("audit.json")).contains("SELECT 19"));
        // three rotated files are kept (json_audit_log_rotations), the oldest dropped
        assertTrue(Files.exists(server.datadir().resolve("audit.json.3")));
        assertTrue(!Files.exists(server.datadir().resolve("audit.json.4")));
        server.execute("SET GLOBAL json_audit_log_events = ''");
        long written = Long.parseLong(server.globalStatus("Json_audit_log_events_written").orElseThrow());
        assertTrue(written >= 40, "two QUERY lines per SELECT at least: " + written);
        assertEquals(java.util.Optional.of(String.valueOf(written)), server.globalStatus("Json_audit_log_events_written"),
                "nothing is written once no class is");
    }
}
