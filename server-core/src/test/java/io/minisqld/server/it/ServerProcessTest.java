package io.minisqld.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.minisqld.server.it.TestServer.CliResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * minisqld as a separate process, started the way an operator starts it ({@code Main} with
 * {@code --defaults-file}): its error log in MySQL 5.7's format, shutdown through
 * {@code mariadb-admin shutdown} and through SIGTERM, and a start-up refused for an unknown option.
 */
class ServerProcessTest {
    /** MySQL 5.7's error-log line prefix: UTC time with microseconds, thread id, severity. */
    private static final String PREFIX = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z \\d+ ";
    private static final Pattern READY = Pattern.compile("(?m)^" + PREFIX + "\\[Note\\] minisqld: ready for connections\\.$");
    private static final Pattern SHUTDOWN_COMPLETE = Pattern.compile("(?m)^" + PREFIX + "\\[Note\\] minisqld: Shutdown complete$");
    private static final Pattern NORMAL_SHUTDOWN = Pattern.compile("(?m)^" + PREFIX + "\\[Note\\] minisqld: Normal shutdown$");

    @TempDir
    Path dir;

    /** A server process with its option file, error log and captured stdout/stderr. */
    private record ServerProcess(Process process, int port, Path errorLog, Path console) {
        String log() throws IOException {
            return Files.exists(errorLog) ? Files.readString(errorLog) : "";
        }

        String diagnostics() throws IOException {
            return "--- error log\n" + log() + "--- console\n" + Files.readString(console);
        }
    }

    private ServerProcess launch(String... extraOptionLines) throws Exception {
        int port = TestServer.freePort();
        Path errorLog = dir.resolve("error.log");
        StringBuilder cnf = new StringBuilder("[mysqld]\n")
                .append("port = ").append(port).append('\n')
                .append("bind-address = 127.0.0.1\n")
                .append("datadir = ").append(dir.resolve("data")).append('\n')
                .append("server_id = 1\n")
                .append("log-error = ").append(errorLog).append('\n');
        for (String line : extraOptionLines) cnf.append(line).append('\n');
        Path optionFile = dir.resolve("my.cnf");
        Files.writeString(optionFile, cnf);
        Path console = dir.resolve("console.txt");
        Process p = new ProcessBuilder(List.of(TestServer.javaExecutable().toString(), "-Xmx256m", "-cp",
                TestServer.serverClassPath(), "io.minisqld.server.Main", "--defaults-file=" + optionFile))
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(console.toFile()).start();
        return new ServerProcess(p, port, errorLog, console);
    }

    private static void awaitReady(ServerProcess s) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!READY.matcher(s.log()).find()) {
            if (!s.process().isAlive()) fail("server exited with " + s.process().exitValue() + "\n" + s.diagnostics());
            if (System.nanoTime() > deadline) fail("server not ready within 60 s\n" + s.diagnostics());
            Thread.sleep(50);
        }
    }

    private static int awaitExit(ServerProcess s) throws Exception {
        if (!s.process().waitFor(30, TimeUnit.SECONDS)) fail("server still running 30 s after shutdown\n" + s.diagnostics());
        return s.process().exitValue();
    }

    private static void stopIfRunning(ServerProcess s) throws InterruptedException {
        if (s.process().isAlive()) {
            s.process().destroyForcibly();
            s.process().waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void mariadbAdminShutdownStopsTheServer() throws Exception {
        ServerProcess s = launch();
        try {
            awaitReady(s);
            CliResult q = TestServer.run(List.of(TestServer.existing(TestServer.MARIADB), "--no-defaults", "-h127.0.0.1",
                    "-P" + s.port(), "-uroot", "-N", "-e", "SELECT @@port, @@server_id"), null, Duration.ofSeconds(30));
            assertEquals(new CliResult(0, s.port() + "\t1\n", ""), q);

            CliResult admin = TestServer.run(List.of(TestServer.existing(TestServer.MARIADB_ADMIN), "--no-defaults",
                    "-h127.0.0.1", "-P" + s.port(), "-uroot", "shutdown"), null, Duration.ofSeconds(30));
            assertEquals(0, admin.exitCode(), admin + s.diagnostics());
            assertEquals(0, awaitExit(s), s.diagnostics());
            String log = s.log();
            assertTrue(READY.matcher(log).find(), log);
            assertTrue(NORMAL_SHUTDOWN.matcher(log).find(), log);
            assertTrue(SHUTDOWN_COMPLETE.matcher(log).find(), log);
            assertTrue(log.contains("\nVersion: '5.7.44-minisqld-"), log);
            assertTrue(log.contains("  port: " + s.port() + "  "), log);
        } finally {
            stopIfRunning(s);
        }
    }

    @Test
    void sigtermShutsDownCleanly() throws Exception {
        ServerProcess s = launch();
        try {
            awaitReady(s);
            s.process().destroy();
            int exit = awaitExit(s);
            String log = s.log();
            assertTrue(NORMAL_SHUTDOWN.matcher(log).find(), log);
            assertTrue(SHUTDOWN_COMPLETE.matcher(log).find(), log);
            // mysqld handles SIGTERM as a normal shutdown and exits with status 0
            assertEquals(0, exit, "exit status after SIGTERM\n" + s.diagnostics());
        } finally {
            stopIfRunning(s);
        }
    }

    @Test
    void unknownOptionAbortsStartUp() throws Exception {
        ServerProcess s = launch("foo = bar");
        try {
            int exit = awaitExit(s);
            assertEquals(1, exit, s.diagnostics());
            String log = s.log();
            assertTrue(Pattern.compile("(?m)^" + PREFIX + "\\[ERROR\\] minisqld: unknown variable 'foo=bar'$").matcher(log).find(),
                    s.diagnostics());
            assertTrue(Pattern.compile("(?m)^" + PREFIX + "\\[ERROR\\] Aborting$").matcher(log).find(), s.diagnostics());
            assertTrue(!READY.matcher(log).find(), log);
        } finally {
            stopIfRunning(s);
        }
    }
}
