package io.minisqld.server.durability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minisqld.server.storage.ForgetfulFileLayer;
import io.minisqld.server.storage.RealFileLayer;
import io.minisqld.testsupport.MinisqldHarness;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * A simulated power loss under concurrent commits, in one JVM: the server writes its binlog
 * through a {@link ForgetfulFileLayer} with {@code sync_binlog=1}; eight JDBC writers commit
 * autocommit INSERTs and BEGIN … COMMIT transactions; at a random moment the engine dies as in a
 * crash (H2's SHUTDOWN IMMEDIATELY loses what it had not written) and every binlog byte never
 * forced vanishes. The restarted server must show every acknowledged transaction exactly once,
 * no row the binlog lacks, and a binlog of whole transactions; its error log must show the crash
 * recovery.
 *
 * <p>Each round is a fresh server. {@code -Dcrash.seed=N} repeats a run's random choices (the
 * threads' interleaving still varies); {@code -Dpowerloss.rounds=N} changes the number of rounds.
 */
class PowerLossTest {
    private static final int WRITERS = 8;
    private static final String STEM = "mysql-bin";

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path tmp;

    @Test
    void acknowledgedCommitsSurviveAPowerLossAndNothingUnbinloggedAppears() throws Exception {
        int rounds = Integer.getInteger("powerloss.rounds", 10);
        long seed = Long.getLong("crash.seed", System.nanoTime());
        System.out.println("PowerLossTest: seed " + seed + " (repeat with -Dcrash.seed=" + seed + "), " + rounds + " rounds");
        Random seeds = new Random(seed);
        for (int round = 1; round <= rounds; round++) {
            runRound(round, seed, seeds.nextLong());
        }
    }

    private static String url(MinisqldHarness server, String database) {
        return server.jdbcUrl("root", database) + "&socketTimeout=30000";
    }

    private void runRound(int round, long seed, long roundSeed) throws Exception {
        Random random = new Random(roundSeed);
        long delay = 100 + random.nextInt(600);
        ForgetfulFileLayer forgetful = new ForgetfulFileLayer();
        try (MinisqldHarness server = MinisqldHarness.inProcess().name("round-" + round).in(tmp).serverId(1)
                .options("--log-bin=" + STEM, "--sync-binlog=1").fileLayer(forgetful).start()) {
            Path datadir = server.datadir();
            String context = "PowerLossTest round " + round + " (seed " + seed + ", round seed " + roundSeed
                    + ", crash after " + delay + " ms, datadir " + datadir + ")";
            System.out.println(context);

            Workload workload = new Workload(WRITERS, roundSeed);
            Workload.createSchema(url(server, ""));
            Workload.Run run = workload.start(url(server, Workload.DATABASE));
            run.awaitCrashMoment(delay, 30_000);
            run.crashing();
            server.kill();
            forgetful.powerLoss();
            run.stopAndJoin(60_000);
            assertEquals(List.of(), run.unexpectedErrors(), context);

            server.restart(new RealFileLayer());
            BinlogAudit binlog = BinlogAudit.read(datadir, STEM);
            List<String> problems;
            try (Connection c = DriverManager.getConnection(url(server, ""))) {
                problems = DurabilityCheck.problems(Workload.tableRows(c), binlog, workload.acknowledged(),
                        workload.attempted());
            }
            String report = DurabilityCheck.report(context, problems, binlog, run.inDoubt(),
                    workload.acknowledged().size());
            String log = server.errorLogSinceStart();
            System.out.println("  acknowledged " + workload.acknowledged().size() + ", binlogged "
                    + binlog.transactions().size() + ", in doubt " + run.inDoubt().size() + "; "
                    + DurabilityCheck.recoveryLines(log));
            assertEquals(List.of(), problems, report);
            // the last binlog file was open when the power failed: recovery must run
            assertTrue(log.contains("[Note] Starting crash recovery..."), report + "--- error log\n" + log);
            assertTrue(log.contains("[Note] Crash recovery finished."), report + "--- error log\n" + log);
        }
    }
}
