package io.minisqld.server.replication.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minisqld.plugin.api.observer.BinlogRelayIoObserver;
import io.minisqld.plugin.api.observer.ReadEvent;
import io.minisqld.plugin.api.observer.RelayIoParam;
import io.minisqld.testcommon.Poll;
import io.minisqld.testsupport.MariaDbServer;
import io.minisqld.testsupport.MinisqldHarness;
import io.minisqld.testsupport.Replication;
import io.minisqld.testsupport.SqlRunner;
import io.minisqld.testsupport.Topology;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * minisqld and a real MariaDB 10.11 (Debian's mariadb-server) replicating in both directions, as
 * DESIGN.md promises: a MariaDB replica of a minisqld source (file/position mode,
 * {@code MASTER_USE_GTID=no}), and a minisqld replica of a MariaDB primary that logs statements
 * ({@code --log-bin --binlog-format=STATEMENT}) with MariaDB's own events in its binlog (GTID,
 * GTID list, binlog checkpoint).
 */
class MariaDbReplicationTest {
    @RegisterExtension
    final Topology topology = Topology.perTest();

    @Test
    void mariaDbRunsInTheTestFolderAndStopsByItsPid() throws Exception {
        MariaDbServer mariadb = MariaDbServer.start(topology.dir(), "plain", 11, true);
        Path home = mariadb.dir();
        long pid;
        try (Connection c = mariadb.newConnection()) {
            List<String> r = SqlRunner.on(c)
                    .rows("SELECT @@version, @@server_id, @@datadir, @@log_bin, @@binlog_format, @@port").get(0);
            assertTrue(r.get(0).startsWith("10.11."), r.toString());
            assertEquals(List.of("11", home.resolve("data") + "/", "1", "STATEMENT", String.valueOf(mariadb.port())),
                    r.subList(1, 6));
            pid = mariadb.pid();
            assertTrue(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "mariadbd pid " + pid);
        } finally {
            mariadb.close();
        }
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "mariadbd still running");
        assertFalse(Files.exists(home), home + " left behind");
    }

    @Test
    void realMariaDbReplicaFollowsAMinisqldSource() throws Exception {
        MinisqldHarness source = topology.start(MinisqldHarness.inProcess().name("source").serverId(1).logBin());
        Replication.createReplicationUser(source);
        try (Connection c = source.newConnection()) {
            Workload.mixed(c, "before_start", 6);
        }
        MariaDbServer replica = topology.mariadb("mariadb-replica", 21, false);
        try (Connection c = replica.newConnection()) {
            SqlRunner.on(c).executeAll(
                    Replication.changeMasterTo(source.port(), Replication.FAST_HEARTBEAT, "MASTER_USE_GTID=no"),
                    "START SLAVE");
        }
        try (Connection c = source.newConnection()) {
            Workload.mixed(c, "while_running", 6);
            SqlRunner.on(c).executeAll("FLUSH LOGS");
            Workload.round(c, "while_running", 7);
            // row-events-gtid-mts.md §A.10: RAND() through the RAND event's seeds (MariaDB's generator
            // is MySQL's), NOW(6) and a DEFAULT CURRENT_TIMESTAMP(6) through the event time
            SqlRunner.on(c).executeAll("CREATE DATABASE det", "CREATE TABLE det.t (id INT PRIMARY KEY, r DOUBLE,"
                    + " s DOUBLE, n6 DATETIME(6), c DATETIME(6) DEFAULT CURRENT_TIMESTAMP(6))",
                    "INSERT INTO det.t (id, r, s, n6) VALUES (1, RAND(), RAND(5), NOW(6)), (2, RAND(), RAND(5), NOW(6))");
        }
        Replication.awaitCaughtUp(replica, source);
        String detRows = "SELECT id, CAST(r * 1000000000000 AS SIGNED), CAST(s * 1000000000000 AS SIGNED), n6, c"
                + " FROM det.t ORDER BY id";
        List<List<String>> det;
        try (Connection c = source.newConnection()) {
            det = SqlRunner.on(c).rows(detRows);
        }
        assertEquals(2, det.size());
        try (Connection c = replica.newConnection()) {
            assertEquals(det, SqlRunner.on(c).rows(detRows));
        }
        Replication.assertSameTables(source, replica, "before_start");
        Replication.assertSameTables(source, replica, "while_running");
        try (Connection c = replica.newConnection()) {
            Workload.assertMixed(c, "before_start", 6);
            // Idle now: MariaDB checks each heartbeat's file and position against what it has read
            // (a wrong one stops its IO thread with ER_SLAVE_HEARTBEAT_FAILURE).
            long seen = heartbeats(c);
            Poll.until("two heartbeats at MASTER_HEARTBEAT_PERIOD=1", Duration.ofSeconds(10),
                    () -> heartbeats(c) >= seen + 2, () -> Replication.describe(replica, source));
        }

        Map<String, String> status = Replication.slaveStatus(replica);
        assertEquals("Yes", status.get("Slave_IO_Running"), status.toString());
        assertEquals("Yes", status.get("Slave_SQL_Running"), status.toString());
        assertEquals("0", status.get("Last_IO_Errno"), status.toString());
        assertEquals("", status.get("Last_IO_Error"), status.toString());
        assertEquals("0", status.get("Last_SQL_Errno"), status.toString());
        assertEquals("", status.get("Last_SQL_Error"), status.toString());
        assertEquals("No", status.get("Using_Gtid"), status.toString());
        assertEquals("1", status.get("Master_Server_Id"), status.toString());
        assertEquals("mysql-bin.000002", status.get("Master_Log_File"), status.toString());

        try (Connection c = source.newConnection()) {
            List<List<String>> hosts = SqlRunner.on(c).rows("SHOW SLAVE HOSTS");
            assertEquals(1, hosts.size(), hosts.toString());
            assertEquals("21", hosts.get(0).get(0), hosts.toString());
            assertEquals("1", hosts.get(0).get(3), hosts.toString());
            assertEquals(1, dumpThreads(c).size(), SqlRunner.on(c).rows("SHOW PROCESSLIST").toString());
        }

        // MariaDB's STOP SLAVE kills its dump on the source (it sends KILL): no ghost replica stays.
        try (Connection c = replica.newConnection()) {
            SqlRunner.on(c).executeAll("STOP SLAVE");
        }
        try (Connection c = source.newConnection()) {
            Poll.until("the source to end MariaDB's dump thread after STOP SLAVE", Duration.ofSeconds(10),
                    () -> dumpThreads(c).isEmpty() && SqlRunner.on(c).rows("SHOW SLAVE HOSTS").isEmpty(),
                    () -> Replication.describe(replica, source));
        }
    }

    @Test
    void minisqldReplicaFollowsARealMariaDbPrimary() throws Exception {
        MariaDbServer primary = topology.mariadb("mariadb-primary", 31, true);
        Replication.createReplicationUser(primary);
        MinisqldHarness replica = topology.start(MinisqldHarness.inProcess().name("replica").serverId(32).logBin());
        HeartbeatCounter counter = new HeartbeatCounter();
        replica.server().observers().relayIo().register(counter, "test_heartbeat_counter");
        Replication.startReplica(replica, primary.port(), "MASTER_LOG_FILE='mysql-bin.000001'", "MASTER_LOG_POS=4");
        // MariaDB's heartbeats (MASTER_HEARTBEAT_PERIOD=1) reach the IO thread, which keeps running.
        Poll.until("two heartbeats from MariaDB", Duration.ofSeconds(10), () -> counter.count() >= 2,
                () -> Replication.describe(replica, primary));
        try (Connection c = primary.newConnection()) {
            Workload.mixed(c, "before_flush", 6);
            Workload.assertMixed(c, "before_flush", 6);
            SqlRunner.on(c).executeAll("FLUSH LOGS");
            Workload.mixed(c, "after_flush", 6);
        }
        Replication.awaitCaughtUp(replica, primary);
        Replication.assertSameTables(primary, replica, "before_flush");
        Replication.assertSameTables(primary, replica, "after_flush");
        try (Connection c = replica.newConnection()) {
            Workload.assertMixed(c, "before_flush", 6);
        }
        Map<String, String> status = Replication.slaveStatus(replica);
        assertEquals("0", status.get("Last_IO_Errno"), status.toString());
        assertEquals("0", status.get("Last_SQL_Errno"), status.toString());
        assertEquals("31", status.get("Master_Server_Id"), status.toString());
        assertEquals("mysql-bin.000002", status.get("Relay_Master_Log_File"), status.toString());
    }

    /**
     * row-events-gtid-mts.md §A.4–A.6: a minisqld replica applies the row events of a real MariaDB
     * 10.11 primary in ROW format (version 1 row events, every column type at its extremes,
     * inserts, updates and deletes by primary key and, without one, by the whole row) and in
     * MIXED format (MariaDB's default, which logs unsafe statements such as UUID() as rows): the
     * tables end identical, UUID()'s values included.
     */
    @Test
    void minisqldReplicaAppliesRowEventsOfARealMariaDbPrimary() throws Exception {
        MariaDbServer primary = topology.mariadb("mariadb-row-primary", 41, true, "--binlog-format=ROW",
                "--character-set-server=utf8mb4", "--collation-server=utf8mb4_general_ci");
        Replication.createReplicationUser(primary);
        MinisqldHarness replica = topology.start(MinisqldHarness.inProcess().name("row-replica").serverId(42).logBin());
        Replication.startReplica(replica, primary.port(), "MASTER_LOG_FILE='mysql-bin.000001'", "MASTER_LOG_POS=4");
        String rows = "SELECT id, ti, tu, si, mi, bi, bu, d, dn, f, db, c, vc, tx, HEX(bl), HEX(vb), dt, tm, dtm, ts, y,"
                + " e, bt + 0, bw + 0, n FROM rt.t ORDER BY id";
        try (Connection c = primary.newConnection()) {
            SqlRunner.on(c).executeAll("CREATE DATABASE rt", "CREATE TABLE rt.t (id INT PRIMARY KEY, ti TINYINT,"
                    + " tu TINYINT UNSIGNED, si SMALLINT, mi MEDIUMINT, bi BIGINT, bu BIGINT UNSIGNED, d DECIMAL(20,6),"
                    + " dn DECIMAL(5,2), f FLOAT, db DOUBLE, c CHAR(10), vc VARCHAR(300), tx TEXT, bl BLOB,"
                    + " vb VARBINARY(20), dt DATE, tm TIME(3), dtm DATETIME(6), ts TIMESTAMP(2) NULL, y YEAR,"
                    + " e ENUM('a','b','c'), bt BIT(1), bw BIT(10), n INT NULL)",
                    "INSERT INTO rt.t VALUES (1, -128, 255, -32768, -8388608, -9223372036854775808, 18446744073709551615,"
                    + " -12345678901234.123456, 999.99, 1.5, -2.5e100, 'h\u00e9llo', REPEAT('v', 300), 'text \u2713',"
                    + " X'00FF10', X'0001', '2024-02-29', '23:59:59.999', '2024-12-31 23:59:59.123456',"
                    + " '2024-06-01 12:00:00.25', 2024, 'b', b'1', b'1000000001', NULL),"
                    + " (2, 127, 0, 32767, 8388607, 9223372036854775807, 0, 0.000001, -0.01, -0.25, 0, '', '', '',"
                    + " '', '', '1000-01-01', '00:00:00.001', '1000-01-01 00:00:00.000000', NULL, 1901, 'c', b'0',"
                    + " 0, 7)",
                    "UPDATE rt.t SET vc = 'changed', n = n + 1, tm = '12:34:56.789', bw = 1023 WHERE id = 2",
                    "INSERT INTO rt.t (id) VALUES (3)", "DELETE FROM rt.t WHERE id = 3",
                    "CREATE TABLE rt.nopk (a INT, b VARCHAR(10))",
                    "INSERT INTO rt.nopk VALUES (1, 'p'), (1, 'p'), (2, 'q')",
                    "UPDATE rt.nopk SET b = 'z' WHERE a = 1 LIMIT 1", "DELETE FROM rt.nopk WHERE a = 2",
                    // a latin1 column: MariaDB logs its latin1 bytes, which the replica's latin1 column takes
                    "CREATE TABLE rt.l (id INT PRIMARY KEY, l VARCHAR(10) CHARACTER SET latin1, u VARCHAR(10))",
                    "INSERT INTO rt.l VALUES (1, '\u20ac\u00e9\u00ff', '\u4e2d'), (2, 'x', 'y')",
                    "UPDATE rt.l SET l = '\u0178' WHERE id = 2",
                    // a SET column: MariaDB logs its bits, the replica stores the members
                    "CREATE TABLE rt.s (id INT PRIMARY KEY, s SET('a','b','c'))",
                    "INSERT INTO rt.s VALUES (1, 'c,a'), (2, ''), (3, 'b')", "UPDATE rt.s SET s = 'a,b,c' WHERE id = 3");
            SqlRunner.on(c).executeAll("SET GLOBAL binlog_format = MIXED");
        }
        try (Connection c = primary.newConnection()) {
            SqlRunner.on(c).executeAll("CREATE TABLE rt.u (id INT PRIMARY KEY, u VARCHAR(36))",
                    "INSERT INTO rt.u VALUES (1, UUID()), (2, UUID())", "INSERT INTO rt.u VALUES (3, 'safe')");
        }
        Replication.awaitCaughtUp(replica, primary);
        Map<String, String> status = Replication.slaveStatus(replica);
        assertEquals("0", status.get("Last_SQL_Errno"), status.toString());
        List<List<String>> atPrimary;
        try (Connection c = primary.newConnection()) {
            atPrimary = SqlRunner.on(c).rows(rows);
        }
        assertEquals(2, atPrimary.size());
        try (Connection c = replica.newConnection()) {
            assertEquals(atPrimary, SqlRunner.on(c).rows(rows));
        }
        // the table without a primary key, and UUID()'s values, which MIXED logged as rows
        for (String q : List.of("SELECT a, b FROM rt.nopk ORDER BY a, b", "SELECT id, u FROM rt.u ORDER BY id",
                "SELECT id, l, u FROM rt.l ORDER BY id", "SELECT id, s FROM rt.s ORDER BY id")) {
            List<List<String>> expected;
            try (Connection c = primary.newConnection()) {
                expected = SqlRunner.on(c).rows(q);
            }
            if (q.contains("rt.s")) {
                assertEquals(List.of(List.of("1", "a,c"), List.of("2", ""), List.of("3", "a,b,c")), expected);
            }
            if (q.contains("rt.l")) {
                assertEquals(List.of(List.of("1", "\u20ac\u00e9\u00ff", "\u4e2d"), List.of("2", "\u0178", "y")), expected);
            }
            try (Connection c = replica.newConnection()) {
                assertEquals(expected, SqlRunner.on(c).rows(q), q);
            }
        }
    }

    /** §A.6: a row the replica does not have stops its SQL thread with 1032, as MySQL's does. */
    @Test
    void aRowEventForAMissingRowStopsTheReplicaWith1032() throws Exception {
        MariaDbServer primary = topology.mariadb("mariadb-row-1032", 43, true, "--binlog-format=ROW");
        Replication.createReplicationUser(primary);
        MinisqldHarness replica = topology.start(MinisqldHarness.inProcess().name("row-1032").serverId(44));
        Replication.startReplica(replica, primary.port(), "MASTER_LOG_FILE='mysql-bin.000001'", "MASTER_LOG_POS=4");
        try (Connection c = primary.newConnection()) {
            SqlRunner.on(c).executeAll("CREATE DATABASE m", "CREATE TABLE m.t (id INT PRIMARY KEY, v INT)",
                    "INSERT INTO m.t VALUES (1, 1), (2, 2)");
        }
        Replication.awaitCaughtUp(replica, primary);
        try (Connection c = replica.newConnection()) {
            SqlRunner.on(c).executeAll("DELETE FROM m.t WHERE id = 2");
        }
        try (Connection c = primary.newConnection()) {
            SqlRunner.on(c).executeAll("UPDATE m.t SET v = 20 WHERE id = 2");
        }
        Poll.until("the SQL thread to stop", Duration.ofSeconds(20),
                () -> "No".equals(Replication.slaveStatus(replica).get("Slave_SQL_Running")));
        Map<String, String> status = Replication.slaveStatus(replica);
        assertEquals("1032", status.get("Last_SQL_Errno"), status.toString());
        assertEquals("Could not execute Update_rows event on table m.t; Can't find record in 't', Error_code: 1032;"
                + " handler error HA_ERR_KEY_NOT_FOUND", status.get("Last_SQL_Error"));
    }

    /** Counts the HEARTBEAT events the replica's IO thread reads. */
    static final class HeartbeatCounter implements BinlogRelayIoObserver {
        private final AtomicInteger heartbeats = new AtomicInteger();

        @Override
        public void afterReadEvent(RelayIoParam param, ReadEvent event) {
            if (event.length() > 4 && (event.get(4) & 0xFF) == 27) heartbeats.incrementAndGet();
        }

        int count() {
            return heartbeats.get();
        }
    }

    /** MariaDB's count of heartbeats its replica received. */
    private static long heartbeats(Connection c) throws java.sql.SQLException {
        return Long.parseLong(SqlRunner.on(c).rows("SHOW GLOBAL STATUS LIKE 'Slave_received_heartbeats'").get(0).get(1));
    }

    /** The rows of SHOW PROCESSLIST whose Command is Binlog Dump. */
    static List<List<String>> dumpThreads(Connection c) throws java.sql.SQLException {
        return SqlRunner.on(c).rows("SHOW PROCESSLIST").stream().filter(r -> "Binlog Dump".equals(r.get(4))).toList();
    }
}
