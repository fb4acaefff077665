package io.minisqld.server.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real {@code mariadb} command-line client against the protocol layer and a fake server. */
class MariadbCliTest {
    private static final String CLI = "/usr/bin/mariadb";

    private FakeServer server;
    @TempDir
    Path tmp;

    @BeforeEach
    void start() throws IOException {
        server = new FakeServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private record Run(int exitCode, String stdout, String stderr) {
    }

    private Run cli(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(CLI, "--no-defaults", "-h127.0.0.1", "-P" + server.port()));
        command.addAll(List.of(args));
        Path out = tmp.resolve("out.txt");
        Path err = tmp.resolve("err.txt");
        Process p = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("mariadb did not finish: " + Files.readString(err));
        }
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void batchModePrintsTabSeparatedRows() throws Exception {
        Run r = cli("-uroot", "-e", "SELECT id, name FROM t");
        assertEquals(new Run(0, "id\tname\n1\talpha\n2\tNULL\n", ""), r);
    }

    @Test
    void tableModePrintsTheBoxedTable() throws Exception {
        Run r = cli("-uroot", "--table", "-e", "select @@version_comment limit 1; SELECT id, name FROM t");
        String expected = ""
                + "+------------------------+\n"
                + "| @@version_comment      |\n"
                + "+------------------------+\n"
                + "| minisqld protocol test |\n"
                + "+------------------------+\n"
                + "+----+-------+\n"
                + "| id | name  |\n"
                + "+----+-------+\n"
                + "|  1 | alpha |\n"
                + "|  2 | NULL  |\n"
                + "+----+-------+\n";
        assertEquals(new Run(0, expected, ""), r);
    }

    @Test
    void errorIsPrintedWithNumberAndSqlState() throws Exception {
        Run r = cli("-uroot", "-e", "select * from missing");
        // The 10.11 client echoes the failing statement of an -e batch before the error line.
        assertEquals(new Run(1, "", "--------------\nselect * from missing\n--------------\n\n"
                + "ERROR 1146 (42S02) at line 1: Table 'test.missing' doesn't exist\n"), r);
    }

    @Test
    void passwordAndDatabase() throws Exception {
        Run ok = cli("-uapp", "-ps3cret", "-Dtest", "-e", "SELECT 1");
        assertEquals(new Run(0, "1\n1\n", ""), ok);
        assertEquals("test", server.lastHandler().database);

        Run denied = cli("-uapp", "-pwrong", "-e", "SELECT 1");
        assertEquals(1, denied.exitCode());
        assertEquals("ERROR 1045 (28000): Access denied for user 'app'@'127.0.0.1' (using password: YES)\n", denied.stderr());
    }

    @Test
    void updateAndMultiStatementBatch() throws Exception {
        Run r = cli("-uroot", "-vv", "-e", "UPDATE t SET name = 'x'");
        assertTrue(r.stdout().contains("Query OK, 2 rows affected"), r.stdout());
        assertTrue(r.stdout().contains("Rows matched: 2  Changed: 2  Warnings: 0"), r.stdout());
        assertEquals(List.of("UPDATE t SET name = 'x'"), server.lastHandler().queries);
    }
}
