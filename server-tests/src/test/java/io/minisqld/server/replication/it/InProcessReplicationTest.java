package io.minisqld.server.replication.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minisqld.plugin.api.LogPosition;
import io.minisqld.testcommon.Poll;
import io.minisqld.testsupport.MinisqldHarness;
import io.minisqld.testsupport.Replication;
import io.minisqld.testsupport.SqlRunner;
import io.minisqld.testsupport.TcpProxy;
import io.minisqld.testsupport.Topology;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A minisqld source and two minisqld replicas in this JVM, shared by the tests of this class (each
 * test writes its own database and ends with both replicas caught up): replica-a connects straight
 * to the source with explicit coordinates, replica-b through a {@link TcpProxy} without
 * coordinates. The scenarios of the "done when": a mixed workload, STOP/START SLAVE of
 * each thread, FLUSH LOGS rotations, a network cut, and a source restart.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InProcessReplicationTest {
    /** The source's net_write_timeout: a dump to a vanished replica must end within it. */
    private static final int NET_WRITE_TIMEOUT = 4;

    private Topology topology;
    private MinisqldHarness source;
    private MinisqldHarness replicaA;
    private MinisqldHarness replicaB;
    private TcpProxy proxy;

    @BeforeAll
    void startServers() throws Exception {
        topology = Topology.temporary();
        source = topology.start(MinisqldHarness.inProcess().name("source").serverId(1).logBin()
                .options("--net-write-timeout=" + NET_WRITE_TIMEOUT));
        Replication.createReplicationUser(source);
        replicaA = topology.start(MinisqldHarness.inProcess().name("replica-a").serverId(2).logBin());
        replicaB = topology.start(MinisqldHarness.inProcess().name("replica-b").serverId(3).logBin());
        proxy = topology.add(new TcpProxy("replica-b", source.port()));
        Replication.startReplica(replicaA, source.port(), "MASTER_LOG_FILE='mysql-bin.000001'", "MASTER_LOG_POS=4");
        Replication.startReplica(replicaB, proxy.port());
    }

    @AfterAll
    void stopServers() throws Exception {
        topology.close();
    }

    private void awaitBothCaughtUp() throws SQLException, InterruptedException {
        Replication.awaitCaughtUp(replicaA, source);
        Replication.awaitCaughtUp(replicaB, source);
    }

    @Test
    @Order(1)
    void mixedWorkloadReachesBothReplicas() throws Exception {
        try (Connection c = source.newConnection()) {
            Workload.mixed(c, "mixed", 12);
        }
        awaitBothCaughtUp();
        for (MinisqldHarness replica : List.of(replicaA, replicaB)) {
            Replication.assertSameTables(source, replica, "mixed");
            try (Connection c = replica.newConnection()) {
                Workload.assertMixed(c, "mixed", 12);
            }
            Map<String, String> s = Replication.slaveStatus(replica);
            assertEquals("127.0.0.1", s.get("Master_Host"), s.toString());
            assertEquals("repl", s.get("Master_User"), s.toString());
            assertEquals("1", s.get("Connect_Retry"), s.toString());
            assertEquals("1", s.get("Master_Server_Id"), s.toString());
            assertEquals("0", s.get("Seconds_Behind_Master"), s.toString());
            assertEquals("0", s.get("Last_IO_Errno"), s.toString());
            assertEquals("", s.get("Last_IO_Error"), s.toString());
            assertEquals("0", s.get("Last_SQL_Errno"), s.toString());
            assertEquals("", s.get("Last_SQL_Error"), s.toString());
            // Idle states; the threads pass through others right after an event, so poll briefly.
            try (Connection c = replica.newConnection()) {
                Poll.until(replica.name() + "'s idle replication states", Duration.ofSeconds(5), () -> {
                    Map<String, String> now = Replication.slaveStatus(replica);
                    Set<String> threads = Set.copyOf(SqlRunner.on(c).rows("SHOW PROCESSLIST").stream()
                            .filter(r -> "system user".equals(r.get(1))).map(r -> r.get(6)).toList());
                    return "Waiting for master to send event".equals(now.get("Slave_IO_State"))
                            && "Slave has read all relay log; waiting for more updates".equals(now.get("Slave_SQL_Running_State"))
                            && threads.equals(Set.of("Waiting for master to send event",
                                    "Slave has read all relay log; waiting for more updates"));
                }, () -> rowsOrError(c, "SHOW PROCESSLIST") + "\n" + Replication.describe(replica, source));
            }
        }
        assertEquals(Set.of("2", "3"), slaveHostIds());
        try (Connection c = source.newConnection()) {
            assertEquals(List.of("Server_id", "Host", "Port", "Master_id", "Slave_UUID"),
                    SqlRunner.on(c).columns("SHOW SLAVE HOSTS"));
            // report_host is empty by default; report_port defaults to the replica's own port.
            for (MinisqldHarness replica : List.of(replicaA, replicaB)) {
                String uuid;
                try (Connection r = replica.newConnection()) {
                    uuid = SqlRunner.on(r).value("SELECT @@server_uuid");
                }
                assertTrue(SqlRunner.on(c).rows("SHOW SLAVE HOSTS").contains(List.of(String.valueOf(replica.serverId()), "",
                        String.valueOf(replica.port()), "1", uuid)), SqlRunner.on(c).rows("SHOW SLAVE HOSTS").toString());
            }
        }
        // 5.7's dump start line, for replica-a's explicit coordinates.
        assertTrue(Pattern.compile("\\[Note\\] Start binlog_dump to master_thread_id\\(\\d+\\) slave_server\\(2\\), "
                + "pos\\(mysql-bin\\.000001, 4\\)\n").matcher(source.errorLogText()).find(), Replication.tail(source));
        try (Connection c = source.newConnection()) {
            Poll.until("two idle dump threads on the source", Duration.ofSeconds(5), () -> {
                List<List<String>> dumps = MariaDbReplicationTest.dumpThreads(c);
                return dumps.size() == 2 && dumps.stream().allMatch(d -> "repl".equals(d.get(1))
                        && "Master has sent all binlog to slave; waiting for more updates".equals(d.get(6)));
            }, () -> rowsOrError(c, "SHOW PROCESSLIST"));
        }
    }

    @Test
    @Order(2)
    void stopAndStartEachThreadSeparately() throws Exception {
        try (Connection src = source.newConnection(); Connection rep = replicaA.newConnection()) {
            Workload.schema(src, "threads");
            awaitBothCaughtUp();

            SqlRunner.on(rep).executeAll("STOP SLAVE IO_THREAD");
            assertThreads(replicaA, "No", "Yes");
            // The replica closed its connection: the source's dump for it ends at its next write.
            Poll.until("the source to end replica-a's dump after STOP SLAVE IO_THREAD", Duration.ofSeconds(5),
                    () -> slaveHostIds().equals(Set.of("3")), () -> Replication.tail(source));
            LogPosition before = Replication.masterStatus(source);
            Workload.round(src, "threads", 1);
            Map<String, String> s = Replication.slaveStatus(replicaA);
            assertEquals(String.valueOf(before.offset()), s.get("Read_Master_Log_Pos"), s.toString());
            assertEquals("0", SqlRunner.on(rep).value("SELECT COUNT(*) FROM threads.items"));
            SqlRunner.on(rep).executeAll("START SLAVE IO_THREAD");
            Replication.awaitCaughtUp(replicaA, source);
            Replication.assertSameTables(source, replicaA, "threads");
            assertEquals(Set.of("2", "3"), slaveHostIds());

            SqlRunner.on(rep).executeAll("STOP SLAVE SQL_THREAD");
            assertThreads(replicaA, "Yes", "No");
            LogPosition executed = Replication.masterStatus(source);
            Workload.round(src, "threads", 2);
            LogPosition written = Replication.masterStatus(source);
            Poll.until("replica-a's IO thread to receive round 2 while its SQL thread is stopped", Replication.CATCH_UP,
                    () -> String.valueOf(written.offset()).equals(Replication.slaveStatus(replicaA).get("Read_Master_Log_Pos")),
                    () -> Replication.describe(replicaA, source));
            s = Replication.slaveStatus(replicaA);
            assertEquals(String.valueOf(executed.offset()), s.get("Exec_Master_Log_Pos"), s.toString());
            assertEquals("3", SqlRunner.on(rep).value("SELECT COUNT(*) FROM threads.items"));
            SqlRunner.on(rep).executeAll("START SLAVE SQL_THREAD");
            Replication.awaitCaughtUp(replicaA, source);

            SqlRunner.on(rep).executeAll("STOP SLAVE");
            assertThreads(replicaA, "No", "No");
            Workload.round(src, "threads", 3);
            SqlRunner.on(rep).executeAll("START SLAVE");
            awaitBothCaughtUp();
            Replication.assertSameTables(source, replicaA, "threads");
            Replication.assertSameTables(source, replicaB, "threads");
            assertEquals("9", SqlRunner.on(rep).value("SELECT COUNT(*) FROM threads.items"));
        }
    }

    @Test
    @Order(3)
    void flushLogsRotationsDuringTheWorkload() throws Exception {
        String first = Replication.masterStatus(source).file();
        try (Connection c = source.newConnection()) {
            Workload.schema(c, "rotations");
            for (int r = 1; r <= 6; r++) {
                Workload.round(c, "rotations", r);
                if (r % 2 == 0) SqlRunner.on(c).executeAll("FLUSH LOGS");
            }
            Workload.round(c, "rotations", 7);
        }
        String last = Replication.masterStatus(source).file();
        assertEquals(sequence(first) + 3, sequence(last), first + " -> " + last);
        awaitBothCaughtUp();
        for (MinisqldHarness replica : List.of(replicaA, replicaB)) {
            Replication.assertSameTables(source, replica, "rotations");
            assertEquals(last, Replication.slaveStatus(replica).get("Relay_Master_Log_File"));
        }
    }

    @Test
    @Order(4)
    void networkCutLeavesNoGhostDumpAndTheReplicaCatchesUp() throws Exception {
        try (Connection c = source.newConnection()) {
            Workload.schema(c, "cut");
        }
        awaitBothCaughtUp();
        proxy.cut();
        try (Connection c = source.newConnection()) {
            Workload.round(c, "cut", 1);
            Workload.round(c, "cut", 2);
        }
        Replication.awaitCaughtUp(replicaA, source);
        Poll.until("replica-b to notice the cut and retry", Duration.ofSeconds(10),
                () -> "Connecting".equals(Replication.slaveStatus(replicaB).get("Slave_IO_Running")),
                () -> Replication.describe(replicaB, source));
        // The source must drop replica-b's dump within net_write_timeout: no ghost replica.
        try (Connection c = source.newConnection()) {
            Poll.until("the source to end replica-b's dump thread", Duration.ofSeconds(NET_WRITE_TIMEOUT + 2),
                    () -> MariaDbReplicationTest.dumpThreads(c).size() == 1 && slaveHostIds().equals(Set.of("2")),
                    () -> "PROCESSLIST " + rowsOrError(c, "SHOW PROCESSLIST") + "\nSLAVE HOSTS "
                            + rowsOrError(c, "SHOW SLAVE HOSTS") + "\n" + Replication.tail(source));
        }
        try (Connection c = replicaB.newConnection()) {
            assertEquals("0", SqlRunner.on(c).value("SELECT COUNT(*) FROM cut.items"));
        }

        proxy.restore();
        awaitBothCaughtUp();
        Replication.assertSameTables(source, replicaB, "cut");
        assertEquals(Set.of("2", "3"), slaveHostIds());
        try (Connection c = source.newConnection()) {
            assertEquals(2, MariaDbReplicationTest.dumpThreads(c).size(), SqlRunner.on(c).rows("SHOW PROCESSLIST").toString());
        }
    }

    @Test
    @Order(5)
    void replicasReconnectAfterASourceRestart() throws Exception {
        try (Connection c = source.newConnection()) {
            Workload.schema(c, "restart");
            Workload.round(c, "restart", 1);
        }
        awaitBothCaughtUp();
        String before = Replication.masterStatus(source).file();
        source.stop();
        for (MinisqldHarness replica : List.of(replicaA, replicaB)) {
            Poll.until(replica.name() + " to notice the source went away", Duration.ofSeconds(10),
                    () -> "Connecting".equals(Replication.slaveStatus(replica).get("Slave_IO_Running")),
                    () -> Replication.tail(replica));
        }
        // replica-a connects straight to the source's closed port: MySQL's reconnect error.
        String retryError = "error reconnecting to master 'repl@127.0.0.1:" + source.port() + "' - retry-time: 1  retries: ";
        Poll.until("replica-a to report its failed reconnects", Duration.ofSeconds(10), () -> {
            Map<String, String> s = Replication.slaveStatus(replicaA);
            return "2003".equals(s.get("Last_IO_Errno")) && s.get("Last_IO_Error").startsWith(retryError);
        }, () -> Replication.describe(replicaA, source));
        assertTrue(Pattern.compile(Pattern.quote("[ERROR] Slave I/O for channel '': " + retryError) + "\\d+, Error_code: 2003\n")
                .matcher(replicaA.errorLogText()).find(), Replication.tail(replicaA));
        source.restart();
        try (Connection c = source.newConnection()) {
            Workload.round(c, "restart", 2);
        }
        // MySQL opens a new binlog file at every start.
        assertEquals(sequence(before) + 1, sequence(Replication.masterStatus(source).file()));
        awaitBothCaughtUp();
        Replication.assertSameTables(source, replicaA, "restart");
        Replication.assertSameTables(source, replicaB, "restart");
        assertEquals(Set.of("2", "3"), slaveHostIds());
        // A successful reconnect clears the reconnect error (5.7's connect_to_master) and says so.
        Map<String, String> s = Replication.slaveStatus(replicaA);
        assertEquals("0", s.get("Last_IO_Errno"), s.toString());
        assertEquals("", s.get("Last_IO_Error"), s.toString());
        assertTrue(replicaA.errorLogText().contains("[Note] Slave for channel '': connected to master 'repl@127.0.0.1:" + source.port()
                + "',replication resumed in log '" + before + "' at position "), Replication.tail(replicaA));
    }

    private void assertThreads(MinisqldHarness replica, String io, String sql) throws SQLException {
        Map<String, String> s = Replication.slaveStatus(replica);
        assertEquals(io, s.get("Slave_IO_Running"), s.toString());
        assertEquals(sql, s.get("Slave_SQL_Running"), s.toString());
    }

    private Set<String> slaveHostIds() throws SQLException {
        try (Connection c = source.newConnection()) {
            Set<String> ids = new TreeSet<>();
            for (List<String> r : SqlRunner.on(c).rows("SHOW SLAVE HOSTS")) {
                assertEquals("1", r.get(3), "Master_id: " + r);
                assertTrue(ids.add(r.get(0)), "replica listed twice: " + r);
            }
            return ids;
        }
    }

    private static String rowsOrError(Connection c, String sql) {
        try {
            return SqlRunner.on(c).rows(sql).toString();
        } catch (SQLException e) {
            return sql + " failed: " + e;
        }
    }

    private static int sequence(String binlogFile) {
        return Integer.parseInt(binlogFile.substring(binlogFile.lastIndexOf('.') + 1));
    }
}
