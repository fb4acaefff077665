package io.minisqld.server.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The error log in MySQL 5.7's line format, one file per server in one JVM. */
class ErrorLogTest {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorLogTest.class);
    private static final String TIMESTAMP = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{6}Z";

    @TempDir
    Path dir;

    private static List<String> lines(Path file) throws IOException {
        return Files.readAllLines(file, StandardCharsets.UTF_8);
    }

    /** Asserts the line is "{timestamp} {rest}" and returns nothing else to check. */
    private static void assertLine(String expectedRest, String line) {
        assertTrue(Pattern.matches(TIMESTAMP + " " + Pattern.quote(expectedRest), line),
                () -> "expected '<timestamp> " + expectedRest + "' but was '" + line + "'");
    }

    @Test
    void layoutWritesMysqlLineExactly() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        LoggingEvent event = new LoggingEvent("x", context.getLogger("x"), Level.INFO,
                "Server hostname (bind-address): '{}'; port: {}", null, new Object[] {"127.0.0.1", 3307});
        event.setInstant(Instant.parse("2026-01-05T10:03:40.104327891Z"));
        event.setMDCPropertyMap(Map.of(LogContext.CONNECTION_ID_KEY, "5"));
        assertEquals("2026-01-05T10:03:40.104327Z 5 [Note] Server hostname (bind-address): '127.0.0.1'; port: 3307"
                + System.lineSeparator(), new MysqlErrorLogLayout().doLayout(event));

        LoggingEvent warning = new LoggingEvent("x", context.getLogger("x"), Level.WARN, "w", null, null);
        warning.setInstant(Instant.parse("2019-01-05T10:03:40Z"));
        warning.setMDCPropertyMap(Map.of());
        assertEquals("2019-01-05T10:03:40.000000Z 0 [Warning] w" + System.lineSeparator(),
                new MysqlErrorLogLayout().doLayout(warning));
        assertEquals("[ERROR]", MysqlErrorLogLayout.label(Level.ERROR));
        assertEquals("[Note]", MysqlErrorLogLayout.label(Level.DEBUG));
    }

    @Test
    void eventsOfARegisteredServerLandInItsFile() throws Exception {
        Path file = dir.resolve("source.err");
        try (ErrorLog log = ErrorLog.open("errorlog-test-single", file)) {
            assertEquals(file, log.file().orElseThrow());
            LogContext.runAs("errorlog-test-single", () -> {
                LOG.info("ready for connections. Version: '{}'", "5.7.44-minisqld");
                LOG.warn("root@localhost is created with an empty password !");
                LOG.debug("not written");
                try (LogContext.Scope c = LogContext.enterConnection(5)) {
                    LOG.error("Slave I/O: error connecting to master, Error_code: {}", 2003);
                }
                LOG.info("after the connection scope");
            });
        }
        List<String> lines = lines(file);
        assertEquals(4, lines.size(), () -> String.join("\n", lines));
        assertLine("0 [Note] ready for connections. Version: '5.7.44-minisqld'", lines.get(0));
        assertLine("0 [Warning] root@localhost is created with an empty password !", lines.get(1));
        assertLine("5 [ERROR] Slave I/O: error connecting to master, Error_code: 2003", lines.get(2));
        assertLine("0 [Note] after the connection scope", lines.get(3));
    }

    @Test
    void stackTraceFollowsTheLine() throws Exception {
        Path file = dir.resolve("trace.err");
        try (ErrorLog log = ErrorLog.open("errorlog-test-trace", file)) {
            LogContext.runAs("errorlog-test-trace",
                    () -> LOG.error("Plugin '{}' init function returned error.", "x", new IllegalStateException("boom")));
        }
        List<String> lines = lines(file);
        assertLine("0 [ERROR] Plugin 'x' init function returned error.", lines.get(0));
        assertEquals("java.lang.IllegalStateException: boom", lines.get(1));
        assertTrue(lines.get(2).startsWith("\tat io.minisqld.server.log.ErrorLogTest"), lines.get(2));
    }

    @Test
    void twoServersWriteToTheirOwnFiles() throws Exception {
        Path source = dir.resolve("source.err");
        Path replica = dir.resolve("replica.err");
        try (ErrorLog a = ErrorLog.open("errorlog-test-source", source);
             ErrorLog b = ErrorLog.open("errorlog-test-replica", replica)) {
            LogContext.runAs("errorlog-test-source", () -> LOG.info("I am the source"));
            LogContext.runAs("errorlog-test-replica", () -> LOG.info("I am the replica"));
            try (LogContext.Scope s = LogContext.enterServer("errorlog-test-source")) {
                LOG.info("source again");
                LogContext.runAs("errorlog-test-replica", () -> LOG.info("nested replica"));
                assertEquals("errorlog-test-source", LogContext.currentServer());
            }
        }
        List<String> sourceLines = lines(source);
        List<String> replicaLines = lines(replica);
        assertEquals(2, sourceLines.size());
        assertLine("0 [Note] I am the source", sourceLines.get(0));
        assertLine("0 [Note] source again", sourceLines.get(1));
        assertEquals(2, replicaLines.size());
        assertLine("0 [Note] I am the replica", replicaLines.get(0));
        assertLine("0 [Note] nested replica", replicaLines.get(1));
    }

    @Test
    void threadsOfTheServerThreadFactoryAreRouted() throws Exception {
        Path file = dir.resolve("threads.err");
        try (ErrorLog log = ErrorLog.open("errorlog-test-threads", file)) {
            ServerThreadFactory factory = new ServerThreadFactory("errorlog-test-threads", "dump");
            Thread thread = factory.newThread(() -> {
                try (LogContext.Scope c = LogContext.enterConnection(12)) {
                    LOG.info("Start binlog_dump to master_thread_id({}) slave_server(2), pos(mysql-bin.000001, 4)",
                            12);
                }
            });
            assertEquals("dump-1", thread.getName());
            thread.start();
            thread.join(10_000);

            ExecutorService pool = Executors.newFixedThreadPool(2, factory);
            pool.submit(() -> LOG.info("from a pool thread")).get(10, TimeUnit.SECONDS);
            Thread failing = factory.newThread(() -> {
                throw new IllegalArgumentException("bad");
            }, "failing");
            failing.start();
            failing.join(10_000);
            pool.shutdown();
            assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
        }
        List<String> lines = lines(file);
        assertLine("12 [Note] Start binlog_dump to master_thread_id(12) slave_server(2), pos(mysql-bin.000001, 4)",
                lines.get(0));
        assertLine("0 [Note] from a pool thread", lines.get(1));
        assertLine("0 [ERROR] Thread 'failing' ended with an uncaught exception", lines.get(2));
        assertEquals("java.lang.IllegalArgumentException: bad", lines.get(3));
    }

    @Test
    void eventsWithoutARegisteredServerGoToStderr() throws Exception {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        Path file = dir.resolve("closed.err");
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            LOG.info("no server key");
            ErrorLog log = ErrorLog.open("errorlog-test-closed", file);
            log.close();
            LogContext.runAs("errorlog-test-closed", () -> LOG.warn("after close"));
            try (ErrorLog stderrLog = ErrorLog.open("errorlog-test-stderr", null)) {
                assertTrue(stderrLog.file().isEmpty());
                LogContext.runAs("errorlog-test-stderr", () -> LOG.error("to stderr"));
            }
        } finally {
            System.setErr(original);
        }
        List<String> lines = captured.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(3, lines.size(), () -> String.join("\n", lines));
        assertLine("0 [Note] no server key", lines.get(0));
        assertLine("0 [Warning] after close", lines.get(1));
        assertLine("0 [ERROR] to stderr", lines.get(2));
        assertEquals(List.of(), lines(file));
    }

    @Test
    void reopenLetsTheFileBeRotated() throws Exception {
        Path file = dir.resolve("rotate.err");
        try (ErrorLog log = ErrorLog.open("errorlog-test-rotate", file)) {
            LogContext.runAs("errorlog-test-rotate", () -> LOG.info("before"));
            Files.move(file, dir.resolve("rotate.err.1"));
            log.reopen();
            LogContext.runAs("errorlog-test-rotate", () -> LOG.info("after"));
        }
        assertLine("0 [Note] before", lines(dir.resolve("rotate.err.1")).get(0));
        List<String> lines = lines(file);
        assertEquals(1, lines.size());
        assertLine("0 [Note] after", lines.get(0));
    }

    @Test
    void aServerKeyCanBeOpenedOnlyOnce() throws Exception {
        try (ErrorLog log = ErrorLog.open("errorlog-test-dup", dir.resolve("a.err"))) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> ErrorLog.open("errorlog-test-dup", dir.resolve("b.err")));
            assertEquals("an error log is already open for server 'errorlog-test-dup'", e.getMessage());
        }
        ErrorLog.open("errorlog-test-dup", dir.resolve("c.err")).close();
    }
}
