package io.minisqld.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minisqld.testcommon.Ports;
import io.minisqld.testcommon.Program;
import io.minisqld.testsupport.MinisqldCommand;
import io.minisqld.testsupport.MinisqldHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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

    /** A server process whose option file gives its server_id; the fixture adds datadir, port and error log. */
    private MinisqldHarness start() throws Exception {
        Path optionFile = Files.writeString(dir.resolve("my.cnf"), "[mysqld]\nserver_id = 1\n");
        return MinisqldHarness.asProcess().in(dir).optionFile(optionFile).start();
    }

    @Test
    void mariadbAdminShutdownStopsTheServer() throws Exception {
        try (MinisqldHarness s = start()) {
            Program.Result q = s.mariadb(null, "-N", "-e", "SELECT @@port, @@server_id");
            assertEquals(new Program.Result(0, s.port() + "\t1\n", ""), q);

            Program.Result admin = Program.run(List.of(Program.existing(Program.MARIADB_ADMIN), "--no-defaults",
                    "-h127.0.0.1", "-P" + s.port(), "-uroot", "shutdown"), null, Duration.ofSeconds(30));
            assertEquals(0, admin.exitCode(), admin + s.diagnostics());
            assertEquals(0, s.awaitExit(Duration.ofSeconds(30)), s.diagnostics());
            String log = s.errorLogText();
            assertTrue(READY.matcher(log).find(), log);
            assertTrue(NORMAL_SHUTDOWN.matcher(log).find(), log);
            assertTrue(SHUTDOWN_COMPLETE.matcher(log).find(), log);
            assertTrue(log.contains("\nVersion: '5.7.44-minisqld'"), log);
            assertTrue(log.contains("  port: " + s.port() + "  "), log);
        }
    }

    @Test
    void sigtermShutsDownCleanly() throws Exception {
        try (MinisqldHarness s = start()) {
            s.stop();
            int exit = s.process().exitValue();
            String log = s.errorLogText();
            assertTrue(NORMAL_SHUTDOWN.matcher(log).find(), log);
            assertTrue(SHUTDOWN_COMPLETE.matcher(log).find(), log);
            // mysqld handles SIGTERM as a normal shutdown and exits with status 0
            assertEquals(0, exit, "exit status after SIGTERM\n" + s.diagnostics());
        }
    }

    @Test
    void unknownOptionAbortsStartUp() throws Exception {
        Path errorLog = dir.resolve("error.log");
        Path optionFile = Files.writeString(dir.resolve("my.cnf"), "[mysqld]\n"
                + "port = " + Ports.freePort() + "\n"
                + "bind-address = 127.0.0.1\n"
                + "datadir = " + dir.resolve("data") + "\n"
                + "server_id = 1\n"
                + "log-error = " + errorLog + "\n"
                + "foo = bar\n");
        Program.Result run = Program.run(MinisqldCommand.of(List.of("--defaults-file=" + optionFile)), null,
                Duration.ofSeconds(60));
        String log = Files.exists(errorLog) ? Files.readString(errorLog) : "";
        String diagnostics = run + "--- error log\n" + log;
        assertEquals(1, run.exitCode(), diagnostics);
        assertTrue(Pattern.compile("(?m)^" + PREFIX + "\\[ERROR\\] minisqld: unknown variable 'foo=bar'$").matcher(log).find(),
                diagnostics);
        assertTrue(Pattern.compile("(?m)^" + PREFIX + "\\[ERROR\\] Aborting$").matcher(log).find(), diagnostics);
        assertTrue(!READY.matcher(log).find(), log);
    }
}
