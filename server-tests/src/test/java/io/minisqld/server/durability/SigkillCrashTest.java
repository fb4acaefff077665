package io.minisqld.server.durability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * minisqld killed with SIGKILL under concurrent commits, round after round on one data
 * directory: the server runs as its own process ({@code io.minisqld.server.Main}, binlog on,
 * {@code sync_binlog=1} by default), eight JDBC writers commit, the process is killed at a random
 * moment, restarted on the same datadir, checked, and written to again in the next round. After
 * every restart: every acknowledged transaction (of all rounds) is present exactly once, the
 * table holds exactly what the binlog holds, every binlog file holds whole transactions, and the
 * error log shows {@code Starting crash recovery...} (the killed server's last binlog file was
 * left open).
 *
 * <p>{@code -Dcrash.rounds=N} (default 4, what {@code mvn verify} runs) sets the number of kills;
 * {@code bin/crash-test N} runs this class alone for a long run (200 by default). The long run
 * fails: see docs/binlog.md, "Known defect", for how often and why. {@code -Dcrash.seed=N} repeats a run's random choices
 * (the writers' interleaving and the kill's exact instant still vary).
 */
class SigkillCrashTest {
    private static final int WRITERS = 8;
    private static final String STEM = "mysql-bin";
    /** What Process reports for a child ended by signal 9 on Linux: 128 + 9. */
    private static final int KILLED_BY_SIGKILL = 137;

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path tmp;

    private static String url(MinisqldHarness server, String database) {
        return server.jdbcUrl("root", database) + "&socketTimeout=30000";
    }

    @Test
    void acknowledgedCommitsSurviveRepeatedSigkills() throws Exception {
        int rounds = Integer.getInteger("crash.rounds", 4);
        long seed = Long.getLong("crash.seed", System.nanoTime());
        Random random = new Random(seed);
        Workload workload = new Workload(WRITERS, seed);
        try (MinisqldHarness server = MinisqldHarness.asProcess().name("crashing").in(tmp).serverId(1)
                .options("--log-bin=" + STEM).start()) {
            Path datadir = server.datadir();
            System.out.println("SigkillCrashTest: seed " + seed + " (repeat with -Dcrash.seed=" + seed + "), " + rounds
                    + " rounds, datadir " + datadir);
            Workload.createSchema(url(server, ""));
            for (int round = 1; round <= rounds; round++) {
                long delay = 200 + random.nextInt(800);
                String context = "SigkillCrashTest round " + round + " of " + rounds + " (seed " + seed + ", kill after "
                        + delay + " ms of writing, datadir " + datadir + ", error log " + server.errorLog() + ")";
                Workload.Run run = workload.start(url(server, Workload.DATABASE));
                run.awaitCrashMoment(delay, 30_000);
                run.crashing();
                server.kill();
                // kill -9: Process.destroyForcibly sends SIGKILL on Linux, which the exit status proves
                assertEquals(KILLED_BY_SIGKILL, server.process().exitValue(),
                        "exit status of a process ended by SIGKILL\n" + server.diagnostics());
                run.stopAndJoin(60_000);
                assertEquals(List.of(), run.unexpectedErrors(), context);
                boolean leftOpen = BinlogAudit.lastFileInUse(datadir, STEM);

                server.restart();
                BinlogAudit binlog = BinlogAudit.read(datadir, STEM);
                List<String> problems;
                try (Connection c = DriverManager.getConnection(url(server, ""))) {
                    problems = DurabilityCheck.problems(Workload.tableRows(c), binlog, workload.acknowledged(),
                            workload.attempted());
                }
                String log = server.errorLogSinceStart();
                String report = DurabilityCheck.report(context, problems, binlog, run.inDoubt(),
                        workload.acknowledged().size());
                System.out.println("round " + round + ": kill after " + delay + " ms, acknowledged "
                        + run.acknowledgedCount() + " (total " + workload.acknowledged().size() + "), binlogged "
                        + binlog.transactions().size() + ", in doubt " + run.inDoubt().size() + "; "
                        + DurabilityCheck.recoveryLines(log));
                assertEquals(List.of(), problems, report);
                assertTrue(leftOpen, "the killed server's last binlog file should have been left open\n" + report);
                assertTrue(log.contains("[Note] Starting crash recovery..."), report + "--- error log\n" + log);
                assertTrue(log.contains("[Note] Crash recovery finished."), report + "--- error log\n" + log);
            }
        }
    }
}
