package io.minisqld.server.replication.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A minisqld source in this JVM and two minisqld replicas as separate processes
 * ({@code java … io.minisqld.server.Main}), shared by the tests of this class: a mixed workload,
 * and a replica killed with SIGKILL in the middle of a stream of transactions that, restarted,
 * resumes replication by itself (MySQL starts the replication threads at server start) and ends
 * with every transaction applied exactly once; and a source process killed with SIGKILL under
 * a writer, whose replica follows it again after crash recovery.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProcessReplicationTest {
    private Path dir;
    private Topology topology;
    private MiniSqlNode source;
    private MiniSqlNode replicaA;
    private MiniSqlNode replicaB;

    @BeforeAll
    void startServers() throws Exception {
        dir = Files.createTempDirectory("minisqld-repl-process-");
        topology = new Topology(dir);
        source = topology.inProcess("source", 1);
        Topology.createReplicationUser(source);
        replicaA = topology.process("replica-a", 4);
        replicaB = topology.process("replica-b", 5);
        Topology.startReplica(replicaA, source.port());
        Topology.startReplica(replicaB, source.port(), "MASTER_LOG_FILE='mysql-bin.000001'", "MASTER_LOG_POS=4");
    }

    @AfterAll
    void stopServers() throws Exception {
        try {
            topology.close();
        } finally {
            MariaDbServer.deleteTree(dir);
        }
    }

    @Test
    @Order(1)
    void mixedWorkloadReachesReplicaProcesses() throws Exception {
        try (Connection c = source.connect()) {
            Workload.mixed(c, "mixed", 12);
        }
        for (MiniSqlNode replica : List.of(replicaA, replicaB)) {
            topology.awaitCaughtUp(replica, source);
            Topology.assertSameTables(source, replica, "mixed");
            try (Connection c = replica.connect()) {
                Workload.assertMixed(c, "mixed", 12);
            }
        }
    }

    @Test
    @Order(2)
    void replicaKilledWithSigkillResumesWithoutGapOrDuplicate() throws Exception {
        try (Connection c = source.connect()) {
            Workload.sequenceSchema(c, "seq");
        }
        topology.awaitCaughtUp(replicaA, source);
        // Twice: once while the replica streams live transactions, once while it is catching up
        // right after its restart.
        int written = killDuringStream(1);
        written = killDuringStream(written + 1);
        try (Connection c = source.connect()) {
            Workload.assertSequence(c, "seq", written, "source");
        }
        topology.awaitCaughtUp(replicaA, source);
        topology.awaitCaughtUp(replicaB, source);
        for (MiniSqlNode replica : List.of(replicaA, replicaB)) {
            try (Connection c = replica.connect()) {
                Workload.assertSequence(c, "seq", written, replica.name());
            }
            Topology.assertSameTables(source, replica, "seq");
        }
        Map<String, String> s = Topology.slaveStatus(replicaA);
        assertEquals("Yes", s.get("Slave_IO_Running"), s.toString());
        assertEquals("Yes", s.get("Slave_SQL_Running"), s.toString());
        assertTrue(replicaA.errorLog().contains("Slave SQL thread for channel '' initialized"), Topology.tail(replicaA));
    }

    @Test
    @Order(3)
    void replicaFollowsASourceKilledWithSigkill() throws Exception {
        MiniSqlNode crashing = topology.process("crashing-source", 6);
        Topology.createReplicationUser(crashing);
        try (Connection c = crashing.connect()) {
            Workload.sequenceSchema(c, "seq");
        }
        MiniSqlNode follower = topology.inProcess("follower", 7);
        Topology.startReplica(follower, crashing.port());
        topology.awaitCaughtUp(follower, crashing);

        // Write until the source dies under the writer; every acknowledged commit must survive.
        AtomicInteger acknowledged = new AtomicInteger();
        ExecutorService writer = Executors.newSingleThreadExecutor();
        try {
            Future<java.sql.SQLException> writes = writer.submit(() -> {
                try (Connection c = crashing.connect()) {
                    for (int n = 1; n < 20_000; n++) {
                        Workload.sequence(c, "seq", n, n);
                        acknowledged.set(n);
                    }
                } catch (java.sql.SQLException connectionLost) {
                    return connectionLost;
                }
                return null;
            });
            Sql.await("the source to commit 40 transactions", Topology.CATCH_UP, () -> acknowledged.get() >= 40);
            crashing.kill9();
            assertTrue(writes.get(1, TimeUnit.MINUTES) != null, "the writer finished before the kill");
        } finally {
            writer.shutdownNow();
        }
        crashing.restart();
        int recovered;
        try (Connection c = crashing.connect()) {
            recovered = Integer.parseInt(Sql.value(c, "SELECT COUNT(*) FROM seq.seq"));
            // The transaction in flight at the kill may or may not have reached the binlog.
            assertTrue(recovered == acknowledged.get() || recovered == acknowledged.get() + 1,
                    "acknowledged " + acknowledged.get() + ", recovered " + recovered);
            Workload.assertSequence(c, "seq", recovered, "restarted source");
            Workload.sequence(c, "seq", recovered + 1, recovered + 20);
        }
        topology.awaitCaughtUp(follower, crashing);
        try (Connection c = follower.connect()) {
            Workload.assertSequence(c, "seq", recovered + 20, follower.name());
        }
        Topology.assertSameTables(crashing, follower, "seq");
    }

    /**
     * Writes numbers from {@code from} on the source without pause, SIGKILLs replica-a once it
     * has applied 40 of them, lets the source write 50 more, then restarts replica-a: it must
     * resume by itself (MySQL starts the replication threads at server start).
     *
     * @return the last number written
     */
    private int killDuringStream(int from) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger last = new AtomicInteger(from - 1);
        ExecutorService writer = Executors.newSingleThreadExecutor();
        try {
            Future<?> writes = writer.submit(() -> {
                try (Connection c = source.connect()) {
                    for (int n = from; !stop.get() && n < from + 20_000; n++) {
                        Workload.sequence(c, "seq", n, n);
                        last.set(n);
                    }
                }
                return null;
            });
            try (Connection c = replicaA.connect()) {
                Sql.await("replica-a to apply up to " + (from + 39), Topology.CATCH_UP,
                        () -> Integer.parseInt(Sql.value(c, "SELECT COUNT(*) FROM seq.seq")) >= from + 39,
                        () -> topology.describe(replicaA, source));
            }
            replicaA.kill9();
            int atKill = last.get();
            Sql.await("the source to write 50 more transactions", Topology.CATCH_UP,
                    () -> last.get() >= atKill + 50 || writes.isDone());
            stop.set(true);
            writes.get(1, TimeUnit.MINUTES);
        } finally {
            stop.set(true);
            writer.shutdownNow();
        }
        replicaA.restart();
        return last.get();
    }
}
