package io.minisqld.server.it;

import static io.minisqld.server.it.ConnectorScenarios.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minisqld.testcommon.Program;
import io.minisqld.testsupport.MinisqldHarness;
import io.minisqld.testsupport.Replication;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue "What MySQL's everyday tools need", item 4 and done when: LOAD DATA LOCAL INFILE from the
 * {@code mariadb} CLI and from Connector/J (both), with MySQL's field and line rules, the OK's
 * Records / Deleted / Skipped / Warnings line, warnings 1261 and 1262, and the rows replicated;
 * {@code local_infile} OFF and a client that does not offer its files are 1148, a server-side
 * file (secure_file_priv NULL) is 1290.
 */
class LoadDataTest {
    @TempDir
    private static Path dir;
    private static MinisqldHarness source;
    private static MinisqldHarness replica;

    @BeforeAll
    static void start() throws Exception {
        source = MinisqldHarness.inProcess().name("load-source").in(dir).serverId(1).logBin().start();
        replica = MinisqldHarness.inProcess().name("load-replica").in(dir).serverId(2).start();
        Replication.createReplicationUser(source);
        Replication.startReplica(replica, source.port(), "MASTER_LOG_FILE='mysql-bin.000001'", "MASTER_LOG_POS=4");
        try (Connection c = source.newConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE ld");
            st.execute("CREATE TABLE ld.t (id INT PRIMARY KEY, name VARCHAR(40), qty INT DEFAULT 9)");
            st.execute("CREATE TABLE ld.j (id INT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(40))");
        }
    }

    @AfterAll
    static void stop() {
        if (replica != null) replica.close();
        if (source != null) source.close();
    }

    private static List<String> row(String... values) {
        return Arrays.asList(values);
    }

    @Test
    void theMariadbClientLoadsAFileWithMySqlsRules() throws Exception {
        Path tsv = dir.resolve("items.tsv");
        Files.writeString(tsv, "1\tapple\t5\n2\t\"pear\"\t\\N\n3\tfig\\tx\t7\n");
        Path csv = dir.resolve("items.csv");
        Files.writeString(csv, "id,name,qty\r\n10,\"kiwi, green\",3\r\n11,\"say \"\"hi\"\" ✓\",NULL\r\n12,plum\r\n");
        Program.Result r = source.mariadb(null, "--local-infile=1", "-vvv", "ld", "-e",
                "LOAD DATA LOCAL INFILE '" + tsv + "' INTO TABLE t;"
                        + " LOAD DATA LOCAL INFILE '" + csv + "' INTO TABLE t CHARACTER SET utf8mb4 FIELDS TERMINATED BY ','"
                        + " OPTIONALLY ENCLOSED BY '\"' LINES TERMINATED BY '\\r\\n' IGNORE 1 LINES;"
                        + " SHOW WARNINGS;");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.stdout().contains("Records: 3  Deleted: 0  Skipped: 0  Warnings: 0"), r.stdout());
        assertTrue(r.stdout().contains("Records: 3  Deleted: 0  Skipped: 0  Warnings: 1"), r.stdout());
        assertTrue(r.stdout().contains("| Warning | 1261 | Row 3 doesn't contain data for all columns |"), r.stdout());
        try (Connection c = source.newConnection()) {
            assertEquals(List.of(row("1", "apple", "5"), row("2", "\"pear\"", null), row("3", "fig\tx", "7"),
                    row("10", "kiwi, green", "3"), row("11", "say \"hi\" ✓", null), row("12", "plum", "9")),
                    rows(c, "SELECT * FROM ld.t WHERE id <= 12 ORDER BY id"));
        }
        // IGNORE skips the rows whose key is taken; REPLACE replaces them (and counts the deleted)
        Program.Result again = source.mariadb(null, "--local-infile=1", "-vvv", "ld", "-e",
                "LOAD DATA LOCAL INFILE '" + tsv + "' IGNORE INTO TABLE t;"
                        + " LOAD DATA LOCAL INFILE '" + tsv + "' REPLACE INTO TABLE t (id, name);");
        assertEquals(0, again.exitCode(), again.toString());
        // each skipped row is its warning 1062, as MySQL's
        assertTrue(again.stdout().contains("Records: 3  Deleted: 0  Skipped: 3  Warnings: 3"), again.stdout());
        assertTrue(again.stdout().contains("Records: 3  Deleted: 3  Skipped: 0  Warnings: 3"), again.stdout());
        Replication.awaitCaughtUp(replica, source);
        Replication.assertSameTables(source, replica, "ld");
    }

    @Test
    void bothConnectorJsLoadFromTheClient() throws Exception {
        Path file = dir.resolve("names.txt");
        Files.writeString(file, "\\N\tann\n\\N\tbo\n", StandardCharsets.UTF_8);
        String mariadb = Driver.MARIADB.url(source.port(), "ld", "root", "") + "&allowLocalInfile=true";
        String mysql = Driver.MYSQL.url(source.port(), "ld", "root", "") + "&allowLoadLocalInfile=true";
        for (String url : List.of(mariadb, mysql)) {
            try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
                assertEquals(2, st.executeUpdate("LOAD DATA LOCAL INFILE '" + file + "' INTO TABLE j"));
            }
        }
        try (Connection c = source.newConnection()) {
            // NULL for the AUTO_INCREMENT column: the next values, as MySQL gives them
            assertEquals(List.of(row("1", "ann"), row("2", "bo"), row("3", "ann"), row("4", "bo")),
                    rows(c, "SELECT * FROM ld.j ORDER BY id"));
        }
        Replication.awaitCaughtUp(replica, source);
        Replication.assertSameTables(source, replica, "ld");
    }

    @Test
    void refusedWhereMySqlRefusesIt() throws Exception {
        Path file = dir.resolve("one.txt");
        Files.writeString(file, "100\tx\t1\n");
        // the client did not offer its files
        Program.Result noLocal = source.mariadb(null, "--local-infile=0", "ld", "-e",
                "LOAD DATA LOCAL INFILE '" + file + "' INTO TABLE t");
        assertTrue(noLocal.output().contains("The used command is not allowed with this MySQL version"), noLocal.toString());
        try (Connection c = source.newConnection(); Statement st = c.createStatement()) {
            SQLException serverFile = assertThrows(SQLException.class,
                    () -> st.execute("LOAD DATA INFILE '" + file + "' INTO TABLE ld.t"));
            assertEquals(1290, serverFile.getErrorCode());
            assertTrue(serverFile.getMessage().endsWith("The MySQL server is running with the --secure-file-priv option"
                    + " so it cannot execute this statement"), serverFile.getMessage());
            st.execute("SET GLOBAL local_infile = OFF");
            try {
                Program.Result off = source.mariadb(null, "--local-infile=1", "ld", "-e",
                        "LOAD DATA LOCAL INFILE '" + file + "' INTO TABLE t");
                assertTrue(off.output().contains("ERROR 1148 (42000)"), off.toString());
            } finally {
                st.execute("SET GLOBAL local_infile = ON");
            }
            assertEquals(List.of(List.of("0")), rows(c, "SELECT COUNT(*) FROM ld.t WHERE id = 100"));
        }
    }
}
