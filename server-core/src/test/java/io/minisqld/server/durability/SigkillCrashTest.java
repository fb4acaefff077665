package io.minisqld.server.durability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
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
 * <p>{@code -Dcrash.rounds=N} (default 20) sets the number of kills; {@code bin/crash-test N}
 * runs this class alone for a long run. {@code -Dcrash.seed=N} repeats a run's random choices
 * (the writers' interleaving and the kill's exact instant still vary).
 */
class SigkillCrashTest {
    private static final int WRITERS = 8;
    private static final String STEM = "mysql-bin";
    /** What Process reports for a child ended by signal 9 on Linux: 128 + 9. */
    private static final int KILLED_BY_SIGKILL = 137;

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path tmp;

    /** One server process and the file its stdout and stderr (its error log) go to. */
    private record ServerProcess(Process process, int port, Path log) {
        String logText() throws IOException {
            return Files.exists(log) ? Files.readString(log) : "";
        }

        String url(String database) {
            return "jdbc:mariadb://127.0.0.1:" + port + "/" + database
                    + "?user=root&password=&connectTimeout=10000&socketTimeout=30000";
        }
    }

    @Test
    void acknowledgedCommitsSurviveRepeatedSigkills() throws Exception {
        int rounds = Integer.getInteger("crash.rounds", 20);
        long seed = Long.getLong("crash.seed", System.nanoTime());
        Path datadir = tmp.resolve("data");
        System.out.println("SigkillCrashTest: seed " + seed + " (repeat with -Dcrash.seed=" + seed + "), " + rounds
                + " rounds, datadir " + datadir);
        Random random = new Random(seed);
        Workload workload = new Workload(WRITERS, seed);
        ServerProcess server = launch(datadir, 0);
        try {
            awaitReady(server, "SigkillCrashTest first start (seed " + seed + ")");
            Workload.createSchema(server.url(""));
            for (int round = 1; round <= rounds; round++) {
                long delay = 200 + random.nextInt(800);
                String context = "SigkillCrashTest round " + round + " of " + rounds + " (seed " + seed + ", kill after "
                        + delay + " ms of writing, datadir " + datadir + ", error log " + tmp.resolve("start-" + round + ".log") + ")";
                Workload.Run run = workload.start(server.url(Workload.DATABASE));
                run.awaitCrashMoment(delay, 30_000);
                run.crashing();
                kill(server);
                run.stopAndJoin(60_000);
                assertEquals(List.of(), run.unexpectedErrors(), context);
                boolean leftOpen = BinlogAudit.lastFileInUse(datadir, STEM);

                server = launch(datadir, round);
                awaitReady(server, context);
                BinlogAudit binlog = BinlogAudit.read(datadir, STEM);
                List<String> problems;
                try (Connection c = DriverManager.getConnection(server.url(""))) {
                    problems = DurabilityCheck.problems(Workload.tableRows(c), binlog, workload.acknowledged(),
                            workload.attempted());
                }
                String log = server.logText();
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
        } finally {
            stop(server);
        }
    }

    private ServerProcess launch(Path datadir, int start) throws IOException {
        int port = freePort();
        Path log = tmp.resolve("start-" + start + ".log");
        List<String> cmd = new ArrayList<>(List.of(javaExecutable().toString(), "-Xmx256m", "-XX:+UseSerialGC",
                // a short-lived server: start-up time matters more than peak speed
                "-XX:TieredStopAtLevel=1", "-cp", serverClassPath(), "io.minisqld.server.Main", "--no-defaults",
                "--datadir=" + datadir, "--port=" + port, "--server-id=1", "--log-bin=" + STEM));
        Process p = new ProcessBuilder(cmd).directory(tmp.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        return new ServerProcess(p, port, log);
    }

    /** Waits for the start-up to finish; a recovery that never ends fails here with the binlog listing. */
    private static void awaitReady(ServerProcess s, String context) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!s.logText().contains("ready for connections")) {
            if (!s.process().isAlive()) fail(context + "\nserver exited with " + s.process().exitValue() + "\n" + s.logText());
            if (System.nanoTime() > deadline) {
                Path datadir = s.log().getParent().resolve("data");
                fail(context + "\nserver not ready within 90 s (recovery stuck?); binlog files: "
                        + BinlogAudit.read(datadir, STEM).files() + "\n--- error log\n" + s.logText());
            }
            Thread.sleep(20);
        }
    }

    /** kill -9: Process.destroyForcibly sends SIGKILL on Linux, which the exit status proves. */
    private static void kill(ServerProcess s) throws Exception {
        s.process().destroyForcibly();
        if (!s.process().waitFor(30, TimeUnit.SECONDS)) fail("server still alive 30 s after SIGKILL");
        assertEquals(KILLED_BY_SIGKILL, s.process().exitValue(), "exit status of a process ended by SIGKILL\n" + s.logText());
    }

    /** SIGTERM (a clean shutdown) at the end; SIGKILL if it does not stop. */
    private static void stop(ServerProcess s) throws InterruptedException {
        if (!s.process().isAlive()) return;
        s.process().destroy();
        if (!s.process().waitFor(30, TimeUnit.SECONDS)) {
            s.process().destroyForcibly();
            s.process().waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static Path javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    /** The server's main classes and runtime libraries (not the test classes: the child uses the server's logback.xml). */
    private static String serverClassPath() {
        Set<String> entries = new LinkedHashSet<>();
        for (String name : List.of("io.minisqld.server.Main", "io.minisqld.plugin.api.variables.SystemVariable",
                "org.h2.Driver", "org.slf4j.Logger", "ch.qos.logback.classic.Logger", "ch.qos.logback.core.Appender",
                "org.pf4j.Plugin", "com.github.zafarkhaja.semver.Version")) {
            try {
                Class<?> c = Class.forName(name, false, SigkillCrashTest.class.getClassLoader());
                entries.add(Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
            } catch (ReflectiveOperationException | java.net.URISyntaxException e) {
                throw new IllegalStateException("cannot locate " + name, e);
            }
        }
        return String.join(File.pathSeparator, entries);
    }
}
