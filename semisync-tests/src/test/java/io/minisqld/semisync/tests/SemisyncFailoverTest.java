package io.minisqld.semisync.tests;

import static io.minisqld.semisync.tests.Cluster.awaitStatus;
import static io.minisqld.semisync.tests.Cluster.exec;
import static io.minisqld.semisync.tests.Cluster.ids;
import static io.minisqld.semisync.tests.Cluster.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minisqld.testcommon.Program;
import io.minisqld.testsupport.MinisqldHarness;
import io.minisqld.testsupport.Replication;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Lossless failover (issue 17, docs/failover.md): a source and two semisync replicas as processes,
 * gtid_mode ON, AFTER_SYNC; 8 writers insert unique ids; the source is killed with SIGKILL at a
 * random moment; {@code bin/failover} promotes the replica that holds everything and re-points
 * the other with MASTER_AUTO_POSITION=1. Every id whose commit returned OK is on the new source
 * and on the re-pointed replica, both tables are identical, and the new source takes semisync
 * writes. Odd rounds keep the second replica's IO thread stopped for part of the run, so it is
 * behind when the source dies.
 *
 * <p>{@code -Dfailover.rounds=N} (default 2, what {@code mvn verify} runs; {@code bin/failover-test}
 * runs more) and {@code -Dfailover.seed=S} repeat a run.
 */
class SemisyncFailoverTest {
    private static final Path FAILOVER = Path.of("..", "bin", "failover").toAbsolutePath().normalize();

    @RegisterExtension
    final Cluster cluster = new Cluster();

    private static String[] options(String... more) {
        return Cluster.failoverOptions(more);
    }

    @Test
    void everyAcknowledgedCommitSurvivesTheSourcesDeath() throws Exception {
        int rounds = Integer.getInteger("failover.rounds", 2);
        long seed = Long.getLong("failover.seed", System.nanoTime());
        Random random = new Random(seed);
        for (int round = 1; round <= rounds; round++) {
            String where = "round " + round + " of " + rounds + " (seed " + seed + ")";
            System.out.println("SemisyncFailoverTest " + where);
            oneRound(round, random.nextLong(), round % 2 == 0, where);
        }
    }

    private void oneRound(int round, long roundSeed, boolean secondBehind, String where) throws Exception {
        Random random = new Random(roundSeed);
        long t0 = System.nanoTime();
        java.util.function.Consumer<String> stage = what -> System.out.printf("  %6d ms %s%n",
                (System.nanoTime() - t0) / 1_000_000, what);
        // semisync is switched on once the replicas are there: before, each commit would wait out the timeout
        MinisqldHarness source = cluster.startProcess("source-" + round, 1, options());
        MinisqldHarness a = cluster.startProcess("a-" + round, 2, options("--rpl-semi-sync-slave-enabled=1",
                "--read-only=ON"));
        MinisqldHarness b = cluster.startProcess("b-" + round, 3, options("--rpl-semi-sync-slave-enabled=1",
                "--read-only=ON"));
        Replication.createReplicationUser(source);
        exec(source, "CREATE DATABASE d", "CREATE TABLE d.t (id BIGINT PRIMARY KEY, w INT)");
        for (MinisqldHarness r : List.of(a, b)) Replication.startReplica(r, source.port(), "MASTER_AUTO_POSITION=1");
        exec(source, "SET GLOBAL rpl_semi_sync_master_enabled = 1");
        awaitStatus(source, "Rpl_semi_sync_master_clients", "2");
        awaitStatus(source, "Rpl_semi_sync_master_status", "ON");
        stage.accept("topology up");

        Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
        Set<Long> attempted = ConcurrentHashMap.newKeySet();
        Cluster.writeThenKill(source, secondBehind ? b : null, random, attempted, acknowledged);
        stage.accept("source killed, writers ended");
        assertTrue(!acknowledged.isEmpty(), where + ": no commit was acknowledged before the kill");

        Path topology = cluster.dir().resolve("topology-" + round);
        Files.writeString(topology, String.join("\n", "# " + where, "source=127.0.0.1:" + source.port(),
                "replica=127.0.0.1:" + b.port(), "replica=127.0.0.1:" + a.port(), "user=root", "password=",
                "repl_user=" + Replication.USER, "repl_password=" + Replication.PASSWORD, ""));
        Program.Result run = Program.run(List.of(FAILOVER.toString(), topology.toString()), null, Duration.ofSeconds(180));
        assertEquals(0, run.exitCode(), where + ": bin/failover\n" + run.output());
        stage.accept("bin/failover done");
        String chosen = run.stdout().strip();
        MinisqldHarness promoted = chosen.endsWith(":" + a.port()) ? a : b;
        MinisqldHarness other = promoted == a ? b : a;
        if (secondBehind) assertEquals(a, promoted, where + ": the replica that was behind cannot be the candidate");

        Set<Long> onPromoted = Cluster.assertLosslessFailover(where, promoted, other, acknowledged, attempted);
        stage.accept("checked");
        System.out.println("  " + acknowledged.size() + " acknowledged, " + onPromoted.size() + " on the new source "
                + promoted.name() + (secondBehind ? " (the other replica was behind)" : ""));
        a.stop();
        b.stop();
        stage.accept("stopped");
    }

    /**
     * bin/failover refuses what would lose or invent transactions: a source that still answers,
     * and replicas none of which holds everything the others received (here an errant transaction
     * on one replica, which the other lacks, while the other is ahead of it from the source).
     */
    @Test
    void failoverRefusesWhenNoReplicaIsKnownToHoldEverything() throws Exception {
        MinisqldHarness source = cluster.start("source", 1, options());
        MinisqldHarness a = cluster.start("a", 2, options());
        MinisqldHarness b = cluster.start("b", 3, options());
        Replication.createReplicationUser(source);
        exec(source, "CREATE DATABASE d", "CREATE TABLE d.t (id BIGINT PRIMARY KEY, w INT)");
        for (MinisqldHarness r : List.of(a, b)) Replication.startReplica(r, source.port(), "MASTER_AUTO_POSITION=1");
        String target = value(source, "SELECT @@GLOBAL.gtid_executed");
        for (MinisqldHarness r : List.of(a, b)) {
            assertEquals("0", value(r, "SELECT WAIT_FOR_EXECUTED_GTID_SET('" + target + "', 30)"));
        }
        Path topology = cluster.dir().resolve("topology");
        Files.writeString(topology, String.join("\n", "source=127.0.0.1:" + source.port(),
                "replica=127.0.0.1:" + a.port(), "replica=127.0.0.1:" + b.port(), "user=root",
                "repl_user=" + Replication.USER, "repl_password=" + Replication.PASSWORD, ""));
        Program.Result alive = Program.run(List.of(FAILOVER.toString(), topology.toString()), null, Duration.ofSeconds(60));
        assertEquals(1, alive.exitCode(), alive.output());
        assertTrue(alive.stderr().contains("REFUSED: the source 127.0.0.1:" + source.port() + " still answers"),
                alive.output());

        exec(a, "INSERT INTO d.t VALUES (-5, 0)", "STOP SLAVE");
        exec(source, "INSERT INTO d.t VALUES (1, 1)");
        String now = value(source, "SELECT @@GLOBAL.gtid_executed");
        assertEquals("0", value(b, "SELECT WAIT_FOR_EXECUTED_GTID_SET('" + now + "', 30)"));
        source.stop();
        Program.Result refused = Program.run(List.of(FAILOVER.toString(), topology.toString()), null,
                Duration.ofSeconds(60));
        assertEquals(1, refused.exitCode(), refused.output());
        assertTrue(refused.stderr().contains("REFUSED: no replica holds every transaction the others received"),
                refused.output());
        // nothing was changed: both replicas still point at the old source
        for (MinisqldHarness r : List.of(a, b)) {
            assertEquals(String.valueOf(source.port()), Replication.slaveStatus(r).get("Master_Port"), r.name());
        }
    }
}
