package io.minisqld.server.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minisqld.testcommon.Program;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The real {@code mariadb} command-line client against the protocol layer and a fake server. */
class MariadbCliTest {
    @RegisterExtension
    final FakeServer server = new FakeServer();

    private Program.Result cli(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Program.existing(Program.MARIADB), "--no-defaults", "-h127.0.0.1",
                "-P" + server.port()));
        command.addAll(List.of(args));
        return Program.run(command, null, Duration.ofSeconds(30));
    }

    @Test
    void batchModePrintsTabSeparatedRows() throws Exception {
        Program.Result r = cli("-uroot", "-e", "SELECT id, name FROM t");
        assertEquals(new Program.Result(0, "id\tname\n1\talpha\n2\tNULL\n", ""), r);
    }

    @Test
    void tableModePrintsTheBoxedTable() throws Exception {
        Program.Result r = cli("-uroot", "--table", "-e", "select @@version_comment limit 1; SELECT id, name FROM t");
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
        assertEquals(new Program.Result(0, expected, ""), r);
    }

    @Test
    void errorIsPrintedWithNumberAndSqlState() throws Exception {
        Program.Result r = cli("-uroot", "-e", "select * from missing");
        // The 10.11 client echoes the failing statement of an -e batch before the error line.
        assertEquals(new Program.Result(1, "", "--------------\nselect * from missing\n--------------\n\n"
                + "ERROR 1146 (42S02) at line 1: Table 'test.missing' doesn't exist\n"), r);
    }

    @Test
    void passwordAndDatabase() throws Exception {
        Program.Result ok = cli("-uapp", "-ps3cret", "-Dtest", "-e", "SELECT 1");
        assertEquals(new Program.Result(0, "1\n1\n", ""), ok);
        assertEquals("test", server.lastHandler().database);

        Program.Result denied = cli("-uapp", "-pwrong", "-e", "SELECT 1");
        assertEquals(1, denied.exitCode());
        assertEquals("ERROR 1045 (28000): Access denied for user 'app'@'127.0.0.1' (using password: YES)\n", denied.stderr());
    }

    @Test
    void updateAndMultiStatementBatch() throws Exception {
        Program.Result r = cli("-uroot", "-vv", "-e", "UPDATE t SET name = 'x'");
        assertTrue(r.stdout().contains("Query OK, 2 rows affected"), r.stdout());
        assertTrue(r.stdout().contains("Rows matched: 2  Changed: 2  Warnings: 0"), r.stdout());
        assertEquals(List.of("UPDATE t SET name = 'x'"), server.lastHandler().queries);
    }
}
