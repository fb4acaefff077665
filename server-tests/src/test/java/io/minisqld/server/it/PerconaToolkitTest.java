package io.minisqld.server.it;

import static io.minisqld.server.it.ConnectorScenarios.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minisqld.testcommon.Program;
import io.minisqld.testsupport.MinisqldHarness;
import io.minisqld.testsupport.Replication;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue "What MySQL's everyday tools need", done when: pt-table-checksum on a minisqld source with
 * two minisqld replicas reports 0 differences; after a row is changed directly on one replica (with
 * {@code sql_log_bin=0}) it reports exactly that table and chunk; pt-heartbeat and pt-slave-find
 * work. The tools (Debian's percona-toolkit) find the replicas through SHOW SLAVE HOSTS (item 6,
 * {@code report_host}), hash rows with CRC32 / CONCAT_WS / CONVERT(… USING …) / BIT_XOR, size their
 * chunks from EXPLAIN's rows and key_len (item 4), and wait for each replica with MASTER_POS_WAIT.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PerconaToolkitTest {
    private static final Path PT_TABLE_CHECKSUM = Path.of("/usr/bin/pt-table-checksum");
    private static final Path PT_SLAVE_FIND = Path.of("/usr/bin/pt-slave-find");
    private static final Path PT_HEARTBEAT = Path.of("/usr/bin/pt-heartbeat");
    private static final Path PT_ONLINE_SCHEMA_CHANGE = Path.of("/usr/bin/pt-online-schema-change");
    private static final Path PT_SHOW_GRANTS = Path.of("/usr/bin/pt-show-grants");
    private static final Path PT_DEADLOCK_LOGGER = Path.of("/usr/bin/pt-deadlock-logger");
    private static final Duration TOOL_TIMEOUT = Duration.ofSeconds(120);
    /** One line of pt-table-checksum's report: TS ERRORS DIFFS ROWS DIFF_ROWS CHUNKS SKIPPED TIME TABLE. */
    private static final Pattern REPORT_LINE = Pattern.compile(
            "(?m)^\\S+\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+\\S+\\s+(\\S+)$");

    @TempDir

    private static Path dir;
    private static MinisqldHarness source;
    private static MinisqldHarness replica1;
    private static MinisqldHarness replica2;

    @BeforeAll
    static void start() throws Exception {
        source = MinisqldHarness.inProcess().name("pt-source").in(dir).serverId(1).logBin().start();
        replica1 = MinisqldHarness.inProcess().name("pt-replica1").in(dir).serverId(2)
                .options("--report-host=127.0.0.1").start();
        replica2 = MinisqldHarness.inProcess().name("pt-replica2").in(dir).serverId(3)
                .options("--report-host=127.0.0.1").start();
        Replication.createReplicationUser(source);
        Replication.startReplica(replica1, source.port(), "MASTER_LOG_FILE='mysql-bin.000001'", "MASTER_LOG_POS=4");
        Replication.startReplica(replica2, source.port(), "MASTER_LOG_FILE='mysql-bin.000001'", "MASTER_LOG_POS=4");
        Random random = new Random(5);
        try (Connection c = source.newConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE app");
            st.execute("CREATE TABLE app.orders (id INT AUTO_INCREMENT PRIMARY KEY, n INT NOT NULL, b BLOB,"
                    + " note VARCHAR(40), at DATETIME, price DECIMAL(10,2), KEY by_n (n))");
            st.execute("CREATE TABLE app.small (code CHAR(3) NOT NULL PRIMARY KEY, label VARCHAR(20))");
            st.execute("INSERT INTO app.small VALUES ('abc', 'é and ✓'), ('xyz', NULL)");
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO app.orders (n, b, note, at, price) VALUES (?, ?, ?, '2026-01-02 03:04:05', ?)")) {
                for (int i = 0; i < 3000; i++) {
                    ps.setInt(1, random.nextInt(1000));
                    byte[] blob = new byte[random.nextInt(40)];
                    random.nextBytes(blob);
                    ps.setBytes(2, i % 7 == 0 ? null : blob);
                    ps.setString(3, "order ✓ " + i);
                    ps.setBigDecimal(4, java.math.BigDecimal.valueOf(random.nextInt(100000), 2));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
        Replication.awaitCaughtUp(replica1, source);
        Replication.awaitCaughtUp(replica2, source);
    }

    @AfterAll
    static void stop() {
        if (replica2 != null) replica2.close();
        if (replica1 != null) replica1.close();
        if (source != null) source.close();
    }

    private static Program.Result tableChecksum(String... more) throws Exception {
        // the replicas say binlog_format ROW (MySQL 5.7's default, here too) and log nothing onward: the
        // tool refuses that unless told, as it does with MySQL's (its checksums go as statements, its
        // session sets STATEMENT on the source)
        List<String> command = new ArrayList<>(List.of(Program.existing(PT_TABLE_CHECKSUM), "--no-version-check",
                "h=127.0.0.1,P=" + source.port() + ",u=root", "--databases=app", "--chunk-size=500", "--chunk-time=0",
                "--no-check-binlog-format"));
        command.addAll(List.of(more));
        return Program.run(command, null, TOOL_TIMEOUT);
    }

    /** TABLE → {ERRORS, DIFFS, ROWS, CHUNKS, SKIPPED} from pt-table-checksum's report. */
    private static java.util.Map<String, List<Integer>> report(Program.Result run) {
        java.util.Map<String, List<Integer>> out = new java.util.TreeMap<>();
        Matcher m = REPORT_LINE.matcher(run.stdout());
        while (m.find()) {
            out.put(m.group(7), List.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)), Integer.parseInt(m.group(5)), Integer.parseInt(m.group(6))));
        }
        return out;
    }

    @Test
    @Order(1)
    void checksumOfReplicasInStepFindsNoDifference() throws Exception {
        Program.Result run = tableChecksum();
        assertEquals(0, run.exitCode(), run.toString());
        java.util.Map<String, List<Integer>> report = report(run);
        assertEquals(java.util.Set.of("app.orders", "app.small"), report.keySet(), run.toString());
        // errors 0, diffs 0, every row, several chunks for the big table (EXPLAIN sized them), none skipped
        assertEquals(List.of(0, 0, 3000), report.get("app.orders").subList(0, 3), run.toString());
        assertTrue(report.get("app.orders").get(3) >= 6, "chunked by its primary key: " + run);
        assertEquals(0, report.get("app.orders").get(4), run.toString());
        assertEquals(List.of(0, 0, 2, 1, 0), report.get("app.small"), run.toString());
        // the checksums replicated as statements and were computed again on each replica
        for (MinisqldHarness replica : List.of(replica1, replica2)) {
            try (Connection c = replica.newConnection()) {
                List<List<String>> differing = rows(c, "SELECT tbl, chunk FROM percona.checksums"
                        + " WHERE this_crc <> master_crc OR this_cnt <> master_cnt");
                assertEquals(List.of(), differing, replica.name());
                assertEquals(List.of(List.of("3000")), rows(c,
                        "SELECT SUM(this_cnt) FROM percona.checksums WHERE tbl = 'orders'"), replica.name());
            }
        }
    }

    @Test
    @Order(2)
    void aRowChangedOnOneReplicaIsReportedAsItsTableAndChunk() throws Exception {
        int changedId = 1777;
        try (Connection c = replica2.newConnection(); Statement st = c.createStatement()) {
            st.execute("SET sql_log_bin = 0");
            assertEquals(1, st.executeUpdate("UPDATE app.orders SET note = 'changed on the replica' WHERE id = "
                    + changedId));
        }
        Program.Result run = tableChecksum();
        // pt-table-checksum's exit status has bit 16 set when it found differences
        assertEquals(16, run.exitCode() & 16, run.toString());
        java.util.Map<String, List<Integer>> report = report(run);
        assertEquals(List.of(0, 1, 3000), report.get("app.orders").subList(0, 3), run.toString());
        assertEquals(List.of(0, 0, 2, 1, 0), report.get("app.small"), run.toString());

        // the chunk whose primary-key range holds the changed row, from the boundaries the tool recorded
        int expectedChunk = -1;
        try (Connection c = source.newConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT chunk, lower_boundary, upper_boundary FROM percona.checksums"
                     + " WHERE db = 'app' AND tbl = 'orders' AND lower_boundary IS NOT NULL")) {
            while (rs.next()) {
                if (Integer.parseInt(rs.getString(2)) <= changedId && changedId <= Integer.parseInt(rs.getString(3))) {
                    expectedChunk = rs.getInt(1);
                }
            }
        }
        assertNotEquals(-1, expectedChunk, "a chunk covers id " + changedId);
        Program.Result check = tableChecksum("--replicate-check-only");
        assertEquals(16, check.exitCode() & 16, check.toString());
        Matcher m = Pattern.compile("(?m)^app\\.orders\\s+(\\d+)\\s+0\\s+1\\s+PRIMARY\\s+(\\d+)\\s+(\\d+)\\s*$")
                .matcher(check.stdout());
        assertTrue(m.find(), check.toString());
        assertEquals(expectedChunk, Integer.parseInt(m.group(1)), check.toString());
        assertTrue(Integer.parseInt(m.group(2)) <= changedId && changedId <= Integer.parseInt(m.group(3)),
                check.toString());
        assertEquals(1, check.stdout().split("Differences on", -1).length - 1, "one replica differs: " + check);
        assertTrue(!m.find(), "only one chunk differs: " + check);

        // put the row back as the source has it: the next check finds nothing again
        try (Connection c = replica2.newConnection(); Statement st = c.createStatement()) {
            st.execute("SET sql_log_bin = 0");
            st.executeUpdate("UPDATE app.orders SET note = 'order ✓ " + (changedId - 1) + "' WHERE id = " + changedId);
        }
        Program.Result again = tableChecksum();
        assertEquals(0, again.exitCode(), again.toString());
    }

    @Test
    @Order(3)
    void slaveFindShowsTheTopology() throws Exception {
        Program.Result run = Program.run(List.of(Program.existing(PT_SLAVE_FIND),
                "h=127.0.0.1,P=" + source.port() + ",u=root"), null, TOOL_TIMEOUT);
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.stdout().startsWith("127.0.0.1:" + source.port()), run.toString());
        assertTrue(run.stdout().contains("has 2 slaves connected"), run.toString());
        for (MinisqldHarness replica : List.of(replica1, replica2)) {
            assertTrue(run.stdout().contains("+- 127.0.0.1:" + replica.port()), run.toString());
        }
        assertTrue(run.stdout().contains("Slave status    0 seconds behind, running, no errors"), run.toString());
        assertTrue(run.stdout().contains("Slave mode      STRICT"), run.toString());
    }

    @Test
    @Order(4)
    void heartbeatWrittenOnTheSourceIsReadOnTheReplicas() throws Exception {
        Program.Result update = Program.run(List.of(Program.existing(PT_HEARTBEAT), "--no-version-check",
                "-h127.0.0.1", "-P" + source.port(), "-uroot", "-D", "app", "--create-table", "--update",
                "--run-time", "2", "--interval", "0.5"), null, TOOL_TIMEOUT);
        assertEquals(0, update.exitCode(), update.toString());
        Replication.awaitCaughtUp(replica1, source);
        Program.Result check = Program.run(List.of(Program.existing(PT_HEARTBEAT), "--no-version-check",
                "-h127.0.0.1", "-P" + replica1.port(), "-uroot", "-D", "app", "--check",
                "--master-server-id", "1"), null, TOOL_TIMEOUT);
        assertEquals(0, check.exitCode(), check.toString());
        // the delay in seconds since the last heartbeat the replica applied
        assertTrue(check.stdout().trim().matches("\\d+\\.\\d\\d"), check.toString());
        try (Connection c = replica1.newConnection()) {
            assertEquals(List.of(List.of("1")), rows(c, "SELECT server_id FROM app.heartbeat"));
        }
    }

    /**
     * MASTER_POS_WAIT(log_name, log_pos[, timeout]) as MySQL 5.7's manual describes it: the number
     * of transactions waited for (0 when already there), -1 after the timeout, NULL on a server that
     * is no replica, 1582 for a wrong argument count.
     */
    @Test
    @Order(5)
    void masterPosWaitWaitsForTheAppliedPosition() throws Exception {
        var position = Replication.masterStatus(source);
        try (Connection c = replica1.newConnection()) {
            assertEquals(List.of(List.of("0")), rows(c, "SELECT MASTER_POS_WAIT('" + position.file() + "', "
                    + position.offset() + ", 10)"));
            assertEquals(List.of(List.of("-1")), rows(c, "SELECT MASTER_POS_WAIT('" + position.file() + "', "
                    + (position.offset() + 1_000_000) + ", 0.2)"));
            SQLException wrong = assertThrows(SQLException.class, () -> rows(c, "SELECT MASTER_POS_WAIT('x')"));
            assertEquals(1582, wrong.getErrorCode());
            assertTrue(wrong.getMessage().endsWith(
                    "Incorrect parameter count in the call to native function 'MASTER_POS_WAIT'"), wrong.getMessage());
        }
        try (Connection c = source.newConnection()) {
            assertEquals(java.util.Collections.singletonList(java.util.Collections.singletonList(null)),
                    rows(c, "SELECT MASTER_POS_WAIT('" + position.file() + "', 4, 1)"), "not a replica: NULL");
        }
        // a wait for a position the source has not written yet ends when the replica applied it
        try (Connection waiter = replica2.newConnection()) {
            var waited = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    return rows(waiter, "SELECT MASTER_POS_WAIT('" + position.file() + "', "
                            + (position.offset() + 1) + ", 60), (SELECT COUNT(*) FROM app.small)");
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            try (Connection c = source.newConnection(); Statement st = c.createStatement()) {
                st.execute("INSERT INTO app.small VALUES ('new', 'after the wait began')");
            }
            List<List<String>> result = waited.get(60, java.util.concurrent.TimeUnit.SECONDS);
            assertTrue(Integer.parseInt(result.get(0).get(0)) >= 0, result.toString());
            assertEquals("3", result.get(0).get(1), "the row is there once the wait ends");
        }
    }

    /**
     * pt-online-schema-change adds a column to a table while a writer inserts and updates it: the
     * tool copies the rows in chunks into a new table, keeps it in step with triggers, swaps the
     * two with RENAME TABLE and drops the old one; every row (and every write) is kept, on the source
     * and on both replicas.
     */
    @Test
    @Order(6)
    void onlineSchemaChangeUnderWritesKeepsEveryRow() throws Exception {
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.atomic.AtomicInteger inserted = new java.util.concurrent.atomic.AtomicInteger();
        List<String> errors = java.util.Collections.synchronizedList(new ArrayList<>());
        Thread writer = new Thread(() -> {
            Random r = new Random(7);
            try (Connection c = source.newConnection(); Statement st = c.createStatement()) {
                while (!stop.get()) {
                    try {
                        st.executeUpdate("INSERT INTO app.orders (n, note) VALUES (" + r.nextInt(1000) + ", 'during osc')");
                        inserted.incrementAndGet();
                        st.executeUpdate("UPDATE app.orders SET n = n + 1 WHERE id = " + (1 + r.nextInt(3000)));
                        // a steady writer, not a flood: on two cores a flood keeps the replicas'
                        // appliers behind and the tool then waits for them (its --max-lag)
                        Thread.sleep(2);
                    } catch (SQLException e) {
                        errors.add(e.getErrorCode() + " " + e.getMessage());
                    }
                }
            } catch (SQLException e) {
                errors.add(e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        writer.start();
        Program.Result run;
        try {
            io.minisqld.testcommon.Poll.until("the writer wrote", Duration.ofSeconds(30), () -> inserted.get() >= 20);
            run = Program.run(List.of(Program.existing(PT_ONLINE_SCHEMA_CHANGE), "--no-version-check",
                    "--alter", "ADD COLUMN extra INT NOT NULL DEFAULT 7", "--chunk-size=500", "--max-lag=30",
                    "D=app,t=orders,h=127.0.0.1,P=" + source.port() + ",u=root", "--execute"), null, TOOL_TIMEOUT);
            io.minisqld.testcommon.Poll.until("the writer wrote after the swap", Duration.ofSeconds(30),
                    () -> inserted.get() >= 40);
        } finally {
            stop.set(true);
            writer.join(30_000);
        }
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.stdout().contains("Successfully altered `app`.`orders`."), run.toString());
        assertEquals(List.of(), errors, "the writer saw no error while the tool worked");
        try (Connection c = source.newConnection()) {
            assertEquals(List.of(List.of(Integer.toString(3000 + inserted.get()), Integer.toString(3000 + inserted.get()))),
                    rows(c, "SELECT COUNT(*), SUM(extra = 7) FROM app.orders"));
            assertEquals(List.of(), rows(c, "SHOW TRIGGERS FROM app"), "the tool's triggers are gone");
            assertEquals(List.of(List.of("heartbeat"), List.of("orders"), List.of("small")),
                    rows(c, "SHOW TABLES FROM app"), "the old table is gone");
        }
        for (MinisqldHarness replica : List.of(replica1, replica2)) {
            Replication.awaitCaughtUp(replica, source);
            Replication.assertSameTables(source, replica, "app");
        }
    }

    /**
     * pt-show-grants prints each account as SHOW CREATE USER and SHOW GRANTS give it; its output
     * loaded into another server makes the same accounts.
     */
    @Test
    @Order(7)
    void showGrantsCopiesTheAccounts() throws Exception {
        try (Connection c = source.newConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE USER reporter@'10.%' IDENTIFIED BY 'secret'");
            st.execute("GRANT SELECT, SHOW VIEW ON app.* TO reporter@'10.%'");
            st.execute("ALTER USER reporter@'10.%' ACCOUNT LOCK");
            st.execute("ALTER USER reporter@'10.%' PASSWORD EXPIRE INTERVAL 90 DAY");
            assertEquals(List.of(List.of("CREATE USER 'reporter'@'10.%' IDENTIFIED WITH 'mysql_native_password' AS"
                    + " '*14E65567ABDB5135D0CFD9A70B3032C179A49EE7' REQUIRE NONE PASSWORD EXPIRE INTERVAL 90 DAY ACCOUNT LOCK")),
                    rows(c, "SHOW CREATE USER reporter@'10.%'"));
        }
        Program.Result grants = Program.run(List.of(Program.existing(PT_SHOW_GRANTS),
                "h=127.0.0.1,P=" + source.port() + ",u=root"), null, TOOL_TIMEOUT);
        assertEquals(0, grants.exitCode(), grants.toString());
        assertTrue(grants.stdout().contains("-- Grants for 'reporter'@'10.%'\nCREATE USER IF NOT EXISTS 'reporter'@'10.%';\n"
                + "ALTER USER 'reporter'@'10.%' IDENTIFIED WITH 'mysql_native_password' AS"
                + " '*14E65567ABDB5135D0CFD9A70B3032C179A49EE7' REQUIRE NONE PASSWORD EXPIRE INTERVAL 90 DAY ACCOUNT LOCK;\n"),
                grants.stdout());
        try (MinisqldHarness copy = MinisqldHarness.inProcess().name("pt-grants-copy").in(dir).serverId(9).start()) {
            Program.Result load = copy.mariadb(grants.stdout());
            assertEquals(0, load.exitCode(), load.toString());
            try (Connection s = source.newConnection(); Connection c = copy.newConnection()) {
                assertEquals(rows(s, "SHOW CREATE USER reporter@'10.%'"), rows(c, "SHOW CREATE USER reporter@'10.%'"));
                assertEquals(rows(s, "SHOW GRANTS FOR reporter@'10.%'"), rows(c, "SHOW GRANTS FOR reporter@'10.%'"));
            }
        }
    }

    /**
     * pt-deadlock-logger reads the deadlock SHOW ENGINE INNODB STATUS prints under LATEST DETECTED
     * DEADLOCK (it was a 1064, and the tool stopped): each transaction of the cycle with its
     * connection, statement, table and lock, and the one rolled back, InnoDB's choice of equal
     * weights, the one whose statement closed the cycle.
     */
    @Test
    @Order(8)
    void deadlockLoggerReadsTheLatestDeadlock() throws Exception {
        try (Connection c = source.newConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE app.dl (id INT PRIMARY KEY, v INT)");
            st.execute("INSERT INTO app.dl VALUES (1, 0), (2, 0)");
        }
        long holderThread;
        long victimThread;
        try (Connection a = source.newConnection(); Connection b = source.newConnection();
             Statement sa = a.createStatement(); Statement sb = b.createStatement()) {
            holderThread = Long.parseLong(rows(a, "SELECT CONNECTION_ID()").get(0).get(0));
            victimThread = Long.parseLong(rows(b, "SELECT CONNECTION_ID()").get(0).get(0));
            a.setAutoCommit(false);
            b.setAutoCommit(false);
            sa.executeUpdate("UPDATE app.dl SET v = 10 WHERE id = 1");
            sb.executeUpdate("UPDATE app.dl SET v = 20 WHERE id = 2");
            java.util.concurrent.CompletableFuture<Integer> waiting = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    return sa.executeUpdate("UPDATE app.dl SET v = 10 WHERE id = 2");
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            // the holder's UPDATE waits for the row b holds before b's closes the cycle
            try (Connection c = source.newConnection(); Statement probe = c.createStatement()) {
                io.minisqld.testcommon.Poll.until("connection " + holderThread + " to wait for a row lock",
                        Duration.ofSeconds(30), () -> {
                            try (ResultSet rs = probe.executeQuery("SELECT COUNT(*) FROM information_schema.INNODB_TRX"
                                    + " WHERE trx_state = 'LOCK WAIT' AND trx_mysql_thread_id = " + holderThread)) {
                                return rs.next() && rs.getInt(1) == 1;
                            }
                        });
            }
            SQLException deadlock = assertThrows(SQLException.class, () -> sb.executeUpdate("UPDATE app.dl SET v = 20 WHERE id = 1"));
            assertEquals(1213, deadlock.getErrorCode(), deadlock.toString());
            assertEquals(1, waiting.get(30, java.util.concurrent.TimeUnit.SECONDS));
            a.commit();
            try (Connection c = source.newConnection()) {
                String status = rows(c, "SHOW ENGINE INNODB STATUS").get(0).get(2);
                assertTrue(status.contains("\n------------------------\nLATEST DETECTED DEADLOCK\n------------------------\n"), status);
                assertTrue(status.contains("MySQL thread id " + victimThread + ", query id "), status);
                assertTrue(status.contains("RECORD LOCKS table `app`.`dl` trx id "), status);
                assertTrue(status.endsWith("END OF INNODB MONITOR OUTPUT\n============================\n"), status);
            }
            Program.Result logged = Program.run(List.of(Program.existing(PT_DEADLOCK_LOGGER), "--no-version-check",
                    "h=127.0.0.1,P=" + source.port() + ",u=root", "--iterations", "1"), null, TOOL_TIMEOUT);
            assertEquals(0, logged.exitCode(), logged.toString());
            // server ts thread txn_id txn_time user hostname ip db tbl idx lock_type lock_mode wait_hold victim query
            java.util.Map<String, List<String>> byThread = new java.util.TreeMap<>();
            for (String line : logged.stdout().lines().skip(1).toList()) {
                String[] f = line.split(" ", 16);
                byThread.put(f[2], List.of(f[8], f[9], f[11], f[12], f[13], f[14], f[15]));
            }
            assertEquals(java.util.Map.of(
                    String.valueOf(holderThread), List.of("app", "dl", "RECORD", "X", "w", "0", "UPDATE app.dl SET v = 10 WHERE id = 2"),
                    String.valueOf(victimThread), List.of("app", "dl", "RECORD", "X", "w", "1", "UPDATE app.dl SET v = 20 WHERE id = 1")),
                    byThread, logged.stdout());
        }
    }
}
