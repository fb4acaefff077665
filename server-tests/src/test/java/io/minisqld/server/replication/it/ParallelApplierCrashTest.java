package io.minisqld.server.replication.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.minisqld.testsupport.MinisqldHarness;
import io.minisqld.testsupport.Replication;
import io.minisqld.testsupport.SqlRunner;
import io.minisqld.testsupport.Topology;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Crash safety of the multi-threaded applier (row-events-gtid-mts.md C.7): two replica processes
 * with {@code slave_parallel_workers=4} (LOGICAL_CLOCK; one also logging what it applies, with
 * slave_preserve_commit_order) are killed with SIGKILL while they apply a backlog of concurrent
 * commits and the source goes on writing; restarted, they resume by themselves from their recorded
 * positions (file and offset, no GTIDs to hide a mistake) and end with every transaction exactly
 * once: a transaction applied twice stops the replica with 1062 on its row, one left out shows in
 * the tables and in the per-writer counters. {@code -Dmts.rounds=N} repeats it (bin/mts-crash-test
 * runs 20 rounds); the build runs 2.
 */
class ParallelApplierCrashTest {
    private static final int WRITERS = 8;
    private static final int PER_ROUND = 120;

    @Test
    void replicasKilledDuringParallelApplyResumeWithoutGapOrDuplicate() throws Exception {
        int rounds = Integer.getInteger("mts.rounds", 2);
        long seed = Long.getLong("mts.seed", System.nanoTime());
        Random random = new Random(seed);
        try (Topology topology = Topology.temporary()) {
            MinisqldHarness source = topology.start(MinisqldHarness.inProcess().name("source").serverId(1).logBin());
            Replication.createReplicationUser(source);
            try (Connection c = source.newConnection()) {
                Workload.writersSchema(c, "mts", WRITERS);
            }
            MinisqldHarness plain = topology.start(MinisqldHarness.asProcess().name("replica-workers").serverId(2)
                    .logBin().options("--slave-parallel-workers=4", "--slave-parallel-type=LOGICAL_CLOCK"));
            MinisqldHarness logging = topology.start(MinisqldHarness.asProcess().name("replica-workers-logging")
                    .serverId(3).logBin().options("--slave-parallel-workers=4", "--slave-parallel-type=LOGICAL_CLOCK",
                            "--log-slave-updates", "--slave-preserve-commit-order=ON"));
            List<MinisqldHarness> replicas = List.of(plain, logging);
            for (MinisqldHarness r : replicas) Replication.startReplica(r, source.port());
            // the schema first: a replicated DDL statement commits apart from its position (MySQL 5.7's
            // non-atomic DDL), so a kill in between would apply it again (docs/compatibility.md)
            for (MinisqldHarness r : replicas) Replication.awaitCaughtUp(r, source);
            int written = 0;
            for (int round = 1; round <= rounds; round++) {
                System.out.printf("round %d of %d (seed %d)%n", round, rounds, seed);
                for (MinisqldHarness r : replicas) execute(r, "STOP SLAVE SQL_THREAD");
                ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
                try {
                    List<Future<?>> done = Workload.startWriters(source, writers, "mts", WRITERS, written, PER_ROUND);
                    // a backlog builds up, then the workers apply it while the source goes on
                    Thread.sleep(200 + random.nextInt(300));
                    for (MinisqldHarness r : replicas) execute(r, "START SLAVE SQL_THREAD");
                    Thread.sleep(random.nextInt(400));
                    for (MinisqldHarness r : replicas) {
                        System.out.printf("killing %s at %s%n", r.name(), Replication.slaveStatus(r).get("Exec_Master_Log_Pos"));
                        r.kill();
                    }
                    for (Future<?> f : done) f.get();
                } finally {
                    writers.shutdownNow();
                }
                written += PER_ROUND;
                for (MinisqldHarness r : replicas) r.restart();
                for (MinisqldHarness r : replicas) {
                    Replication.awaitCaughtUp(r, source);
                    try {
                        Replication.assertSameTables(source, r, "mts");
                    } catch (AssertionError differs) {
                        throw new AssertionError("round " + round + ": " + differs.getMessage() + "\n"
                                + Replication.tail(r), differs);
                    }
                    Map<String, String> status = Replication.slaveStatus(r);
                    assertEquals("0", status.get("Last_SQL_Errno"), status.toString());
                    try (Connection c = r.newConnection()) {
                        assertEquals(String.valueOf(WRITERS * written), SqlRunner.on(c).value("SELECT SUM(n) FROM mts.c"),
                                r.name() + " after round " + round);
                    }
                }
            }
        }
    }

    private static void execute(MinisqldHarness server, String sql) throws Exception {
        try (Connection c = server.newConnection()) {
            SqlRunner.on(c).execute(sql);
        }
    }
}
