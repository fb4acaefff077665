package io.minisqld.server.replication.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.minisqld.testcommon.Program;
import io.minisqld.testsupport.MariaDbServer;
import io.minisqld.testsupport.MinisqldHarness;
import io.minisqld.testsupport.SqlRunner;
import io.minisqld.testsupport.Topology;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Point-in-time recovery as MySQL users do it: {@code mariadb-binlog <binlog> | mariadb} replays a
 * binlog into another server. The output's session settings (pseudo_slave_mode, pseudo_thread_id,
 * numeric collation ids, MariaDB's check_constraint_checks …), its SET TIMESTAMP with microseconds
 * and SET @@RAND_SEED lines, and its BINLOG '…' statements (a format description, then table maps
 * and row events, applied as the replica applies them) all run, and the tables end identical.
 */
class BinlogReplayTest {
    private Topology topology;

    @BeforeEach
    void setUp() throws Exception {
        topology = Topology.temporary();
    }

    @AfterEach
    void tearDown() throws Exception {
        topology.close();
    }

    private static Program.Result replay(Path binlog, MinisqldHarness into) throws Exception {
        Program.Result dump = Program.run(List.of(Program.existing(Program.MARIADB_BINLOG), binlog.toString()), null,
                Duration.ofSeconds(60));
        assertEquals(0, dump.exitCode(), dump.toString());
        Program.Result applied = into.mariadb(dump.stdout());
        assertEquals(0, applied.exitCode(), applied.toString());
        return applied;
    }

    @Test
    void aMinisqldBinlogReplaysIntoAnotherServer() throws Exception {
        MinisqldHarness source = topology.start(MinisqldHarness.inProcess().name("pitr-source").serverId(1).logBin());
        String rows = "SELECT id, v, r, n, HEX(b), c FROM app.t ORDER BY id";
        try (Connection c = source.newConnection()) {
            SqlRunner.on(c).executeAll("CREATE DATABASE app", "CREATE TABLE app.t (id INT AUTO_INCREMENT PRIMARY KEY,"
                    + " v VARCHAR(20), r DOUBLE, n DATETIME(6), b BLOB, c BIGINT,"
                    + " d DATETIME(6) DEFAULT CURRENT_TIMESTAMP(6))",
                    "SET @x = 'hey'", "INSERT INTO app.t (v, r, n, b, c) VALUES (@x, RAND(), NOW(6), X'00FF7F', CONNECTION_ID()),"
                    + " ('two', RAND(3), NOW(), NULL, NULL)",
                    "UPDATE app.t SET v = CONCAT(v, '!') WHERE id = 1", "BEGIN", "DELETE FROM app.t WHERE id = 2",
                    "INSERT INTO app.t (v) VALUES ('\\u00e9t\\u00e9')", "COMMIT");
        }
        MinisqldHarness target = topology.start(MinisqldHarness.inProcess().name("pitr-target").serverId(2));
        replay(source.datadir().resolve("mysql-bin.000001"), target);
        String all = "SELECT id, v, r, n, HEX(b), c, d FROM app.t ORDER BY id";
        List<List<String>> expected;
        try (Connection c = source.newConnection()) {
            expected = SqlRunner.on(c).rows(all);
        }
        assertEquals(2, expected.size());
        try (Connection c = target.newConnection()) {
            assertEquals(expected, SqlRunner.on(c).rows(all));
        }
    }

    @Test
    void aMariaDbRowBinlogReplaysThroughBinlogStatements() throws Exception {
        MariaDbServer primary = topology.mariadb("pitr-mariadb", 51, true, "--binlog-format=ROW",
                "--character-set-server=utf8mb4", "--collation-server=utf8mb4_general_ci");
        try (Connection c = primary.newConnection()) {
            // the server's default sql_mode (the JDBC session's adds IGNORE_SPACE, which this server refuses)
            SqlRunner.on(c).executeAll("SET SESSION sql_mode = DEFAULT", "CREATE DATABASE app",
                    "CREATE TABLE app.t (id INT PRIMARY KEY, v VARCHAR(20), d DECIMAL(10,3), n DATETIME(6))",
                    "INSERT INTO app.t VALUES (1, 'one', -1.5, '2024-01-02 03:04:05.678901'), (2, 'two', 2, NULL),"
                    + " (3, 'tr\\u00e9s', 3.25, NOW(6))", "UPDATE app.t SET v = 'ONE' WHERE id = 1",
                    "DELETE FROM app.t WHERE id = 2");
        }
        MinisqldHarness target = topology.start(MinisqldHarness.inProcess().name("pitr-row-target").serverId(3));
        replay(primary.dir().resolve("data").resolve("mysql-bin.000001"), target);
        String all = "SELECT id, v, d, n FROM app.t ORDER BY id";
        List<List<String>> expected;
        try (Connection c = primary.newConnection()) {
            expected = SqlRunner.on(c).rows(all);
        }
        assertEquals(2, expected.size());
        try (Connection c = target.newConnection()) {
            assertEquals(expected, SqlRunner.on(c).rows(all));
        }
        // BINLOG needs SUPER, and row events come after a format description
        byte[] writeRows = new byte[27];
        writeRows[4] = 23;
        writeRows[9] = 27;
        try (Connection c = target.newConnection()) {
            java.sql.SQLException e = SqlRunner.on(c).error("BINLOG '"
                    + java.util.Base64.getEncoder().encodeToString(writeRows) + "'");
            assertEquals(1609, e.getErrorCode());
            assertEquals("The BINLOG statement of type `Write_rows_v1` was not preceded by a format description BINLOG"
                    + " statement.", SqlRunner.serverMessage(e));
        }
    }
}
