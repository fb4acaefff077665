package io.minisqld.examples.commitaudit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minisqld.testsupport.MinisqldExtension;
import io.minisqld.testsupport.MinisqldHarness;
import io.minisqld.testsupport.SqlRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The packaged plugin in a real server, driven over JDBC as a user would. Runs after
 * {@code package} (see the module's pom): the jar is the one the build wrote to
 * {@code plugins/commit_audit_log.jar}, copied into each test server's own plugin_dir. The tag
 * keeps the test-phase run away from it (the pom selects it by tag after package).
 */
@Tag("packaged-jar")
class CommitAuditLogIT {
    /** Where the build wrote the jar (set by the pom); the module directory's view otherwise. */
    static final Path JAR = Path.of(System.getProperty("commit_audit_log.jar", "../../plugins/commit_audit_log.jar"));

    /** A fresh server per test, binlog on, the plugin installed from its MySQL-style SONAME. */
    @RegisterExtension
    MinisqldExtension server = MinisqldExtension.withPlugin(JAR)
            .options("--log-bin=mysql-bin", "--server-id=1")
            .install("commit_audit_log", "commit_audit_log.so");

    @Test
    void installedPluginShowsInShowPluginsAndInformationSchema() throws Exception {
        assertEquals(List.of(List.of("commit_audit_log", "ACTIVE", "AUDIT", "commit_audit_log.so", "GPL")),
                server.rows("SHOW PLUGINS").stream().filter(r -> r.get(0).equals("commit_audit_log")).toList());
        assertEquals(List.of(List.of("1.0", "minisqld", "Writes one line per committed transaction", "ON")),
                server.rows("SELECT PLUGIN_VERSION, PLUGIN_AUTHOR, PLUGIN_DESCRIPTION, LOAD_OPTION"
                        + " FROM INFORMATION_SCHEMA.PLUGINS WHERE PLUGIN_NAME = 'commit_audit_log'"));
        assertEquals(Optional.of("ON"), server.globalVariable("commit_audit_log_enabled"));
        assertEquals(Optional.of("commit_audit.log"), server.globalVariable("commit_audit_log_file"));
        assertTrue(Files.isRegularFile(auditFile()), "init creates the file");
        server.execute("SET GLOBAL commit_audit_log_enabled = OFF");
        assertEquals(Optional.of(String.valueOf(lines().size())), server.globalStatus("Commit_audit_log_events_written"));
    }

    @Test
    void oneLinePerCommitWithThePositionShowMasterStatusReports() throws Exception {
        server.executeAll("CREATE DATABASE app", "CREATE TABLE app.t (id INT PRIMARY KEY, v INT)");
        String connectionId = server.value("SELECT CONNECTION_ID()");
        int before = lines().size();

        server.execute("INSERT INTO app.t VALUES (1, 10)");
        String afterInsert = masterPosition();

        try (Statement st = server.connection().createStatement()) {
            st.execute("BEGIN");
            st.execute("INSERT INTO app.t VALUES (2, 20)");
            st.execute("UPDATE app.t SET v = v + 1");
            st.execute("COMMIT");
        }
        String afterTransaction = masterPosition();

        try (Statement st = server.connection().createStatement()) {
            st.execute("BEGIN");
            st.execute("INSERT INTO app.t VALUES (3, 30)");
            st.execute("ROLLBACK");
        }

        List<String> added = lines().subList(before, lines().size());
        // statements that wrote nothing (SHOW MASTER STATUS) may add lines ending in '-'; every
        // line with a position is one of our two commits, the rollback has none
        List<String> binlogged = added.stream().filter(l -> !l.endsWith(" -")).toList();
        assertEquals(2, binlogged.size(), "one line per committed write, none for the rollback: " + added);
        assertLine(binlogged.get(0), connectionId, afterInsert);
        assertLine(binlogged.get(1), connectionId, afterTransaction);
        for (String line : added) assertTrue(line.split(" ")[2].equals(connectionId), line);
    }

    /**
     * The hook's context (plugin API 1.1): the committing user and host, the database, the rows the
     * transaction changed, the XID its commit wrote and its statements as the binlog holds them.
     */
    @Test
    void eachLineNamesTheUserDatabaseRowsXidAndStatements() throws Exception {
        server.executeAll("CREATE DATABASE app", "CREATE TABLE app.t (id INT PRIMARY KEY, v INT)", "USE app",
                "INSERT INTO t VALUES (1, 10)");
        String user = server.value("SELECT USER()");
        int before = lines().size();
        try (Statement st = server.connection().createStatement()) {
            st.execute("BEGIN");
            st.execute("INSERT INTO t VALUES (2, 20)");
            st.execute("UPDATE t SET v = v + 1");
            st.execute("COMMIT");
        }
        List<String> binlogged = binlogged(lines().subList(before, lines().size()));
        assertEquals(1, binlogged.size(), binlogged.toString());
        List<List<String>> events = server.rows("SHOW BINLOG EVENTS IN '" + server.rows("SHOW MASTER STATUS").get(0).get(0) + "'");
        String xid = events.get(events.size() - 1).get(5).replaceAll("\\D", "");
        String line = binlogged.get(0);
        String context = line.substring(line.indexOf(" user="));
        assertTrue(context.matches(" user=" + java.util.regex.Pattern.quote(user) + " db=app rows=3 xid=" + xid
                + " start=\\S+ statements=\\[\"INSERT INTO t VALUES \\(2, 20\\)\",\"UPDATE t SET v = v \\+ 1\"\\]"), line);
        // the transaction began with its first statement, before the commit was reported
        java.time.Instant start = java.time.Instant.parse(context.replaceAll(".* start=(\\S+) .*", "$1"));
        assertTrue(!start.isAfter(java.time.Instant.parse(line.split(" ")[0])), line);
    }

    /**
     * The library's INFORMATION_SCHEMA plugin (plugin API 1.1): a table named after the plugin,
     * read with WHERE, ORDER BY and a JOIN, there from INSTALL to UNINSTALL.
     */
    @Test
    void theUsersTableCountsCommitsPerAccount() throws Exception {
        server.installPlugin("COMMIT_AUDIT_LOG_USERS", "commit_audit_log.so");
        assertEquals(List.of(List.of("COMMIT_AUDIT_LOG_USERS", "ACTIVE", "INFORMATION SCHEMA", "commit_audit_log.so")),
                server.rows("SHOW PLUGINS").stream().filter(r -> r.get(0).equals("COMMIT_AUDIT_LOG_USERS"))
                        .map(r -> r.subList(0, 4)).toList());
        server.executeAll("CREATE DATABASE app", "CREATE TABLE app.t (id INT PRIMARY KEY)",
                "INSERT INTO app.t VALUES (1), (2), (3)", "DELETE FROM app.t WHERE id = 3",
                "CREATE USER 'other'@'%' IDENTIFIED BY 'pw'", "GRANT ALL ON app.* TO 'other'@'%'");
        String[] me = server.value("SELECT USER()").split("@");
        try (Connection other = java.sql.DriverManager.getConnection(
                server.harness().jdbcUrl("other", "app").replace("password=&", "password=pw&"));
             Statement st = other.createStatement()) {
            st.execute("INSERT INTO t VALUES (10)");
        }
        // CREATE DATABASE, CREATE TABLE, INSERT, DELETE, CREATE USER, GRANT: 6 commits, 4 rows
        assertEquals(List.of(List.of("other", "1", "1"), List.of(me[0], "6", "4")), server.rows(
                "SELECT USER, COMMITS, ROWS_CHANGED FROM information_schema.COMMIT_AUDIT_LOG_USERS"
                        + " WHERE COMMITS > 0 ORDER BY COMMITS"));
        assertEquals(List.of(List.of("other", "1", "N")), server.rows("SELECT u.USER, u.COMMITS, m.Select_priv"
                + " FROM information_schema.COMMIT_AUDIT_LOG_USERS u JOIN mysql.user m ON m.User = u.USER"
                + " WHERE u.USER = 'other'"));
        server.uninstallPlugin("COMMIT_AUDIT_LOG_USERS");
        SQLException gone = server.error("SELECT * FROM information_schema.COMMIT_AUDIT_LOG_USERS");
        assertEquals(1109, gone.getErrorCode(), SqlRunner.serverMessage(gone));
    }

    @Test
    void eachSessionIsNamedByItsConnectionId() throws Exception {
        server.executeAll("CREATE DATABASE app", "CREATE TABLE app.t (id INT PRIMARY KEY)");
        try (Connection other = server.newConnection(); Statement st = other.createStatement()) {
            var rs = st.executeQuery("SELECT CONNECTION_ID()");
            rs.next();
            String otherId = rs.getString(1);
            st.execute("INSERT INTO app.t VALUES (1)");
            List<String> binlogged = binlogged(lines());
            assertLine(binlogged.get(binlogged.size() - 1), otherId, masterPosition());
        }
    }

    @Test
    void settingEnabledOffStopsLinesAndOnResumesThem() throws Exception {
        server.executeAll("CREATE DATABASE app", "CREATE TABLE app.t (id INT PRIMARY KEY)");
        String connectionId = server.value("SELECT CONNECTION_ID()");

        server.execute("SET GLOBAL commit_audit_log_enabled = OFF");
        int before = lines().size();
        assertEquals("0", server.value("SELECT @@global.commit_audit_log_enabled"));
        server.execute("INSERT INTO app.t VALUES (1)");
        server.execute("INSERT INTO app.t VALUES (2)");
        assertEquals(before, lines().size(), "nothing at all while disabled");

        server.execute("SET GLOBAL commit_audit_log_enabled = ON");
        server.execute("INSERT INTO app.t VALUES (3)");
        List<String> binlogged = binlogged(lines().subList(before, lines().size()));
        assertEquals(1, binlogged.size(), binlogged.toString());
        assertLine(binlogged.get(0), connectionId, masterPosition());
    }

    @Test
    void statusCountsLinesAndFlushStatusResetsIt() throws Exception {
        server.executeAll("CREATE DATABASE app", "CREATE TABLE app.t (id INT PRIMARY KEY)");
        for (int i = 1; i <= 3; i++) server.execute("INSERT INTO app.t VALUES (" + i + ")");
        // disabled, the statements reading the counter add no line: counter and file must agree
        server.execute("SET GLOBAL commit_audit_log_enabled = OFF");
        assertEquals(Optional.of(String.valueOf(lines().size())), server.globalStatus("Commit_audit_log_events_written"));
        assertEquals(5, binlogged(lines()).size(), "CREATE DATABASE, CREATE TABLE and three INSERTs");

        server.execute("FLUSH STATUS");
        assertEquals(Optional.of("0"), server.globalStatus("Commit_audit_log_events_written"));
        int atFlush = lines().size();

        server.execute("SET GLOBAL commit_audit_log_enabled = ON");
        server.execute("INSERT INTO app.t VALUES (4)");
        server.execute("SET GLOBAL commit_audit_log_enabled = OFF");
        assertEquals(Optional.of(String.valueOf(lines().size() - atFlush)),
                server.globalStatus("Commit_audit_log_events_written"));
        assertEquals(6, binlogged(lines()).size(), "FLUSH STATUS resets the counter, not the file");
    }

    @Test
    void fileIsReadOnly() throws SQLException {
        SQLException e = server.error("SET GLOBAL commit_audit_log_file = 'other.log'");
        assertEquals(1238, e.getErrorCode());
        assertEquals("HY000", e.getSQLState());
        assertEquals("Variable 'commit_audit_log_file' is a read only variable", SqlRunner.serverMessage(e));
    }

    @Test
    void uninstallRemovesVariablesStatusAndHook() throws Exception {
        server.executeAll("CREATE DATABASE app", "CREATE TABLE app.t (id INT PRIMARY KEY)");
        server.uninstallPlugin("commit_audit_log");
        int afterUninstall = lines().size();

        SQLException e = server.error("SELECT @@commit_audit_log_enabled");
        assertEquals(1193, e.getErrorCode());
        assertEquals("HY000", e.getSQLState());
        assertEquals("Unknown system variable 'commit_audit_log_enabled'", SqlRunner.serverMessage(e));
        assertEquals(Optional.empty(), server.globalVariable("commit_audit_log_file"));
        assertEquals(Optional.empty(), server.globalStatus("Commit_audit_log_events_written"));
        assertFalse(server.rows("SHOW PLUGINS").stream().anyMatch(r -> r.get(0).equals("commit_audit_log")));

        server.execute("INSERT INTO app.t VALUES (1)");
        assertEquals(afterUninstall, lines().size(), "no line once the plugin is gone");

        // deinit closed the file: a new INSTALL appends to it
        server.installPlugin("commit_audit_log", "commit_audit_log.so");
        server.execute("INSERT INTO app.t VALUES (2)");
        assertEquals(1, binlogged(lines().subList(afterUninstall, lines().size())).size());
    }

    @Test
    void uninstallLeavesNothingHoldingTheLibrary() throws Exception {
        server.executeAll("CREATE DATABASE app", "CREATE TABLE app.t (id INT PRIMARY KEY)",
                "INSERT INTO app.t VALUES (1)", "SET GLOBAL commit_audit_log_enabled = OFF",
                "SET GLOBAL commit_audit_log_enabled = ON");
        server.globalStatus("Commit_audit_log_events_written");
        // the observer, the variables' callbacks, the status supplier and the open file all go
        server.harness().uninstallAndAssertUnloaded("commit_audit_log", Duration.ofSeconds(30));
        // and the file was closed: it can be moved away and a new INSTALL starts a new one
        Files.move(auditFile(), server.datadir().resolve("commit_audit.log.1"));
        server.installPlugin("commit_audit_log", "commit_audit_log.so");
        server.execute("INSERT INTO app.t VALUES (2)");
        assertEquals(1, binlogged(lines()).size());
    }

    @Test
    void aRestartedServerLoadsThePluginFromMysqlPlugin() throws Exception {
        server.executeAll("CREATE DATABASE app", "CREATE TABLE app.t (id INT PRIMARY KEY)");
        assertEquals(List.of(List.of("commit_audit_log", "commit_audit_log.so")),
                server.rows("SELECT name, dl FROM mysql.plugin"));
        server.harness().restart();
        assertEquals(List.of(List.of("commit_audit_log", "ACTIVE", "commit_audit_log.so")), server.rows(
                "SELECT PLUGIN_NAME, PLUGIN_STATUS, PLUGIN_LIBRARY FROM INFORMATION_SCHEMA.PLUGINS"
                        + " WHERE PLUGIN_NAME = 'commit_audit_log'"));
        int before = lines().size();
        server.execute("INSERT INTO app.t VALUES (1)");
        List<String> binlogged = binlogged(lines().subList(before, lines().size()));
        assertEquals(1, binlogged.size(), binlogged.toString());
        assertLine(binlogged.get(0), server.value("SELECT CONNECTION_ID()"), masterPosition());
    }

    @Test
    void withoutTheBinlogTheLineSaysDash() throws Exception {
        try (MinisqldHarness noBinlog = MinisqldHarness.builder().plugin(JAR)
                .install("commit_audit_log", "commit_audit_log.so").options("--server-id=9").start()) {
            noBinlog.executeAll("CREATE DATABASE app", "CREATE TABLE app.t (id INT PRIMARY KEY)");
            noBinlog.execute("INSERT INTO app.t VALUES (1)");
            List<String> all = Files.readAllLines(noBinlog.datadir().resolve("commit_audit.log"));
            String last = all.get(all.size() - 1);
            // no binlog: no position and no statements, but who committed and the rows still
            assertTrue(last.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z 9 "
                    + noBinlog.value("SELECT CONNECTION_ID()") + " - user=root@\\S+ db=- rows=1 xid=0 start=\\S+ statements=\\[\\]"),
                    last);
        }
    }

    @Test
    void optionFileFormsApplyAtInstall() throws Exception {
        try (MinisqldHarness configured = MinisqldHarness.builder().plugin(JAR)
                .options("--log-bin=mysql-bin", "--server-id=1", "--loose-commit-audit-log-enabled=OFF",
                        "--loose-commit-audit-log-file=audit-trail.log")
                .install("commit_audit_log", "commit_audit_log.so").start()) {
            assertEquals(Optional.of("OFF"), configured.globalVariable("commit_audit_log_enabled"));
            assertEquals(Optional.of("audit-trail.log"), configured.globalVariable("commit_audit_log_file"));
            Path file = configured.datadir().resolve("audit-trail.log");
            configured.execute("CREATE DATABASE app");
            assertEquals(List.of(), Files.readAllLines(file), "enabled=OFF from the options");
            configured.execute("SET GLOBAL commit_audit_log_enabled = ON");
            configured.execute("CREATE TABLE app.t (id INT PRIMARY KEY)");
            assertEquals(1, binlogged(Files.readAllLines(file)).size());
        }
    }

    private Path auditFile() {
        return server.datadir().resolve("commit_audit.log");
    }

    private List<String> lines() throws IOException {
        return Files.readAllLines(auditFile());
    }

    /** The lines of transactions that wrote to the binlog (the others have '-' for a position). */
    private static List<String> binlogged(List<String> lines) {
        return lines.stream().filter(l -> !l.split(" ")[3].equals("-")).toList();
    }

    /** SHOW MASTER STATUS as {@code file:position}. */
    private String masterPosition() throws SQLException {
        List<String> row = server.rows("SHOW MASTER STATUS").get(0);
        return row.get(0) + ":" + row.get(1);
    }

    private static void assertLine(String line, String connectionId, String position) {
        assertTrue(line.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z 1 " + connectionId + " "
                + position.replace(".", "\\.") + " user=.*"), "line " + line + " for connection " + connectionId + " at " + position);
    }
}
