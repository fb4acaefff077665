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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * minisqld and a real MariaDB 10.11 (Debian's mariadb-server) replicating in both directions, as
 * DESIGN.md promises: a MariaDB replica of a minisqld source (file/position mode,
 * {@code MASTER_USE_GTID=no}), and a minisqld replica of a MariaDB primary that logs statements
 * ({@code --log-bin --binlog-format=STATEMENT}) with MariaDB's own events in its binlog (GTID,
 * GTID list, binlog checkpoint).
 */
class MariaDbReplicationTest {
    @TempDir
    Path dir;
    private Topology topology;

    @BeforeEach
    void setUp() {
        topology = Topology.in(dir);
    }

    @AfterEach
    void tearDown() throws Exception {
        topology.close();
    }

    @Test
    void mariaDbRunsInTheTestFolderAndStopsByItsPid() throws Exception {
        MariaDbServer mariadb = MariaDbServer.start(dir, "plain", 11, true);
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
