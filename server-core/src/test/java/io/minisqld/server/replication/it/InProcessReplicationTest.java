package io.minisqld.server.replication.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
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

    private Path dir;
    private Topology topology;
    private MiniSqlNode source;
    private MiniSqlNode replicaA;
    private MiniSqlNode replicaB;
    private TcpProxy proxy;

    @BeforeAll
    void startServers() throws Exception {
        dir = Files.createTempDirectory("minisqld-repl-inprocess-");
        topology = new Topology(dir);
        source = topology.inProcess("source", 1, "--net-write-timeout=" + NET_WRITE_TIMEOUT);
        Topology.createReplicationUser(source);
        replicaA = topology.inProcess("replica-a", 2);
        replicaB = topology.inProcess("replica-b", 3);
        proxy = topology.proxy("replica-b", source);
        Topology.startReplica(replicaA, source.port(), "MASTER_LOG_FILE='mysql-bin.000001'", "MASTER_LOG_POS=4");
        Topology.startReplica(replicaB, proxy.port());
    }

    @AfterAll
    void stopServers() throws Exception {
        try {
            topology.close();
        } finally {
            MariaDbServer.deleteTree(dir);
        }
    }

    private void awaitBothCaughtUp() throws SQLException, InterruptedException {
        topology.awaitCaughtUp(replicaA, source);
        topology.awaitCaughtUp(replicaB, source);
    }

    @Test
    @Order(1)
    void mixedWorkloadReachesBothReplicas() throws Exception {
        try (Connection c = source.connect()) {
            Workload.mixed(c, "mixed", 12);
        }
        awaitBothCaughtUp();
        for (MiniSqlNode replica : List.of(replicaA, replicaB)) {
            Topology.assertSameTables(source, replica, "mixed");
            try (Connection c = replica.connect()) {
                Workload.assertMixed(c, "mixed", 12);
            }
            Map<String, String> s = Topology.slaveStatus(replica);
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
            try (Connection c = replica.connect()) {
                Sql.await(replica.name() + "'s idle replication states", Duration.ofSeconds(5), () -> {
                    Map<String, String> now = Topology.slaveStatus(replica);
                    Set<String> threads = Set.copyOf(Sql.rows(c, "SHOW PROCESSLIST").stream()
                            .filter(r -> "system user".equals(r.get(1))).map(r -> r.get(6)).toList());
                    return "Waiting for master to send event".equals(now.get("Slave_IO_State"))
                            && "Slave has read all relay log; waiting for more updates".equals(now.get("Slave_SQL_Running_State"))
                            && threads.equals(Set.of("Waiting for master to send event",
                                    "Slave has read all relay log; waiting for more updates"));
                }, () -> rowsOrError(c, "SHOW PROCESSLIST") + "\n" + topology.describe(replica, source));
            }
        }
        assertEquals(Set.of("2", "3"), slaveHostIds());
        try (Connection c = source.connect()) {
            assertEquals(List.of("Server_id", "Host", "Port", "Master_id", "Slave_UUID"), Sql.columns(c, "SHOW SLAVE HOSTS"));
            // report_host is empty by default; report_port defaults to the replica's own port.
            for (MiniSqlNode replica : List.of(replicaA, replicaB)) {
                String uuid;
                try (Connection r = replica.connect()) {
                    uuid = Sql.value(r, "SELECT @@server_uuid");
                }
                assertTrue(Sql.rows(c, "SHOW SLAVE HOSTS").contains(List.of(String.valueOf(replica.serverId()), "",
                        String.valueOf(replica.port()), "1", uuid)), Sql.rows(c, "SHOW SLAVE HOSTS").toString());
            }
        }
        // 5.7's dump start line, for replica-a's explicit coordinates.
        assertTrue(Pattern.compile("\\[Note\\] Start binlog_dump to master_thread_id\\(\\d+\\) slave_server\\(2\\), "
                + "pos\\(mysql-bin\\.000001, 4\\)\n").matcher(source.errorLog()).find(), Topology.tail(source));
        try (Connection c = source.connect()) {
            Sql.await("two idle dump threads on the source", Duration.ofSeconds(5), () -> {
                List<List<String>> dumps = MariaDbReplicationTest.dumpThreads(c);
                return dumps.size() == 2 && dumps.stream().allMatch(d -> "repl".equals(d.get(1))
                        && "Master has sent all binlog to slave; waiting for more updates".equals(d.get(6)));
            }, () -> rowsOrError(c, "SHOW PROCESSLIST"));
        }
    }

    @Test
    @Order(2)
    void stopAndStartEachThreadSeparately() throws Exception {
        try (Connection src = source.connect(); Connection rep = replicaA.connect()) {
            Workload.schema(src, "threads");
            awaitBothCaughtUp();

            Sql.exec(rep, "STOP SLAVE IO_THREAD");
            assertThreads(replicaA, "No", "Yes");
            // The replica closed its connection: the source's dump for it ends at its next write.
            Sql.await("the source to end replica-a's dump after STOP SLAVE IO_THREAD", Duration.ofSeconds(5),
                    () -> slaveHostIds().equals(Set.of("3")), () -> Topology.tail(source));
            Topology.Position before = Topology.masterStatus(source);
            Workload.round(src, "threads", 1);
            Map<String, String> s = Topology.slaveStatus(replicaA);
            assertEquals(String.valueOf(before.pos()), s.get("Read_Master_Log_Pos"), s.toString());
            assertEquals("0", Sql.value(rep, "SELECT COUNT(*) FROM threads.items"));
            Sql.exec(rep, "START SLAVE IO_THREAD");
            topology.awaitCaughtUp(replicaA, source);
            Topology.assertSameTables(source, replicaA, "threads");
            assertEquals(Set.of("2", "3"), slaveHostIds());

            Sql.exec(rep, "STOP SLAVE SQL_THREAD");
            assertThreads(replicaA, "Yes", "No");
            Topology.Position executed = Topology.masterStatus(source);
            Workload.round(src, "threads", 2);
            Topology.Position written = Topology.masterStatus(source);
            Sql.await("replica-a's IO thread to receive round 2 while its SQL thread is stopped", Topology.CATCH_UP,
                    () -> String.valueOf(written.pos()).equals(Topology.slaveStatus(replicaA).get("Read_Master_Log_Pos")),
                    () -> topology.describe(replicaA, source));
            s = Topology.slaveStatus(replicaA);
            assertEquals(String.valueOf(executed.pos()), s.get("Exec_Master_Log_Pos"), s.toString());
            assertEquals("3", Sql.value(rep, "SELECT COUNT(*) FROM threads.items"));
            Sql.exec(rep, "START SLAVE SQL_THREAD");
            topology.awaitCaughtUp(replicaA, source);

            Sql.exec(rep, "STOP SLAVE");
            assertThreads(replicaA, "No", "No");
            Workload.round(src, "threads", 3);
            Sql.exec(rep, "START SLAVE");
            awaitBothCaughtUp();
            Topology.assertSameTables(source, replicaA, "threads");
            Topology.assertSameTables(source, replicaB, "threads");
            assertEquals("9", Sql.value(rep, "SELECT COUNT(*) FROM threads.items"));
        }
    }

    @Test
    @Order(3)
    void flushLogsRotationsDuringTheWorkload() throws Exception {
        String first = Topology.masterStatus(source).file();
        try (Connection c = source.connect()) {
            Workload.schema(c, "rotations");
            for (int r = 1; r <= 6; r++) {
                Workload.round(c, "rotations", r);
                if (r % 2 == 0) Sql.exec(c, "FLUSH LOGS");
            }
            Workload.round(c, "rotations", 7);
        }
        String last = Topology.masterStatus(source).file();
        assertEquals(sequence(first) + 3, sequence(last), first + " -> " + last);
        awaitBothCaughtUp();
        for (MiniSqlNode replica : List.of(replicaA, replicaB)) {
            Topology.assertSameTables(source, replica, "rotations");
            assertEquals(last, Topology.slaveStatus(replica).get("Relay_Master_Log_File"));
        }
    }

    @Test
    @Order(4)
    void networkCutLeavesNoGhostDumpAndTheReplicaCatchesUp() throws Exception {
        try (Connection c = source.connect()) {
            Workload.schema(c, "cut");
        }
        awaitBothCaughtUp();
        proxy.cut();
        try (Connection c = source.connect()) {
            Workload.round(c, "cut", 1);
            Workload.round(c, "cut", 2);
        }
        topology.awaitCaughtUp(replicaA, source);
        Sql.await("replica-b to notice the cut and retry", Duration.ofSeconds(10),
                () -> "Connecting".equals(Topology.slaveStatus(replicaB).get("Slave_IO_Running")),
                () -> topology.describe(replicaB, source));
        // The source must drop replica-b's dump within net_write_timeout: no ghost replica.
        try (Connection c = source.connect()) {
            Sql.await("the source to end replica-b's dump thread", Duration.ofSeconds(NET_WRITE_TIMEOUT + 2),
                    () -> MariaDbReplicationTest.dumpThreads(c).size() == 1 && slaveHostIds().equals(Set.of("2")),
                    () -> "PROCESSLIST " + rowsOrError(c, "SHOW PROCESSLIST") + "\nSLAVE HOSTS "
                            + rowsOrError(c, "SHOW SLAVE HOSTS") + "\n" + Topology.tail(source));
        }
        try (Connection c = replicaB.connect()) {
            assertEquals("0", Sql.value(c, "SELECT COUNT(*) FROM cut.items"));
        }

        proxy.restore();
        awaitBothCaughtUp();
        Topology.assertSameTables(source, replicaB, "cut");
        assertEquals(Set.of("2", "3"), slaveHostIds());
        try (Connection c = source.connect()) {
            assertEquals(2, MariaDbReplicationTest.dumpThreads(c).size(), Sql.rows(c, "SHOW PROCESSLIST").toString());
        }
    }

    @Test
    @Order(5)
    void replicasReconnectAfterASourceRestart() throws Exception {
        try (Connection c = source.connect()) {
            Workload.schema(c, "restart");
            Workload.round(c, "restart", 1);
        }
        awaitBothCaughtUp();
        String before = Topology.masterStatus(source).file();
        source.stop();
        for (MiniSqlNode replica : List.of(replicaA, replicaB)) {
            Sql.await(replica.name() + " to notice the source went away", Duration.ofSeconds(10),
                    () -> "Connecting".equals(Topology.slaveStatus(replica).get("Slave_IO_Running")),
                    () -> Topology.tail(replica));
        }
        // replica-a connects straight to the source's closed port: MySQL's reconnect error.
        String retryError = "error reconnecting to master 'repl@127.0.0.1:" + source.port() + "' - retry-time: 1  retries: ";
        Sql.await("replica-a to report its failed reconnects", Duration.ofSeconds(10), () -> {
            Map<String, String> s = Topology.slaveStatus(replicaA);
            return "2003".equals(s.get("Last_IO_Errno")) && s.get("Last_IO_Error").startsWith(retryError);
        }, () -> topology.describe(replicaA, source));
        assertTrue(Pattern.compile(Pattern.quote("[ERROR] Slave I/O for channel '': " + retryError) + "\\d+, Error_code: 2003\n")
                .matcher(replicaA.errorLog()).find(), Topology.tail(replicaA));
        source.restart();
        try (Connection c = source.connect()) {
            Workload.round(c, "restart", 2);
        }
        // MySQL opens a new binlog file at every start.
        assertEquals(sequence(before) + 1, sequence(Topology.masterStatus(source).file()));
        awaitBothCaughtUp();
        Topology.assertSameTables(source, replicaA, "restart");
        Topology.assertSameTables(source, replicaB, "restart");
        assertEquals(Set.of("2", "3"), slaveHostIds());
        // A successful reconnect clears the reconnect error (5.7's connect_to_master) and says so.
        Map<String, String> s = Topology.slaveStatus(replicaA);
        assertEquals("0", s.get("Last_IO_Errno"), s.toString());
        assertEquals("", s.get("Last_IO_Error"), s.toString());
        assertTrue(replicaA.errorLog().contains("[Note] Slave for channel '': connected to master 'repl@127.0.0.1:" + source.port()
                + "',replication resumed in log '" + before + "' at position "), Topology.tail(replicaA));
    }

    private void assertThreads(MiniSqlNode replica, String io, String sql) throws SQLException {
        Map<String, String> s = Topology.slaveStatus(replica);
        assertEquals(io, s.get("Slave_IO_Running"), s.toString());
        assertEquals(sql, s.get("Slave_SQL_Running"), s.toString());
    }

    private Set<String> slaveHostIds() throws SQLException {
        try (Connection c = source.connect()) {
            Set<String> ids = new TreeSet<>();
            for (List<String> r : Sql.rows(c, "SHOW SLAVE HOSTS")) {
                assertEquals("1", r.get(3), "Master_id: " + r);
                assertTrue(ids.add(r.get(0)), "replica listed twice: " + r);
            }
            return ids;
        }
    }

    private static String rowsOrError(Connection c, String sql) {
        try {
            return Sql.rows(c, sql).toString();
        } catch (SQLException e) {
            return sql + " failed: " + e;
        }
    }

    private static int sequence(String binlogFile) {
        return Integer.parseInt(binlogFile.substring(binlogFile.lastIndexOf('.') + 1));
    }
}
