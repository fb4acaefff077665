package io.minisqld.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minisqld.testcommon.Program;
import io.minisqld.testsupport.MinisqldHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue "What MySQL's everyday tools need", item 7: {@code bin/conformance} runs tests of MariaDB's
 * regression suite (Debian's mariadb-test) against a running minisqld and reports each as PASS,
 * FAIL (with where it stopped) or SKIP (what the suite says it needs), the main failure causes and
 * the total. Three tests whose outcome is known: mysqltest_256 passes (it checks the test
 * language), view needs partitioning (SKIP), select stops at optimizer_switch (FAIL, 1193). The
 * whole list's number is in docs/compatibility.md.
 */
class ConformanceRunnerTest {
    private static final Path RUNNER = Path.of("..", "bin", "conformance").toAbsolutePath().normalize();

    @Test
    void theRunnerReportsEachTestAndTheTotal(@TempDir Path dir) throws Exception {
        Program.existing(Path.of("/usr/bin/mariadb-test"));
        Path list = dir.resolve("three.list");
        Files.writeString(list, "# known outcomes\nmysqltest_256\nview\nselect\n");
        try (MinisqldHarness server = MinisqldHarness.inProcess().name("conformance").in(dir).serverId(1).start()) {
            Program.Result run = Program.run(List.of(Program.existing(RUNNER), "--port",
                    Integer.toString(server.port()), "--list", list.toString()), null, Duration.ofSeconds(120));
            assertEquals(0, run.exitCode(), run.toString());
            List<String> lines = run.stdout().lines().toList();
            assertEquals("PASS mysqltest_256", lines.get(0), run.toString());
            assertEquals("SKIP view: Test requires partitioning", lines.get(1), run.toString());
            assertTrue(lines.get(2).startsWith("FAIL select: ") && lines.get(2).contains("(1193)"), run.toString());
            assertEquals("main failure causes:", lines.get(3), run.toString());
            assertEquals("conformance: 1 of 3 passed (33%)", lines.get(lines.size() - 1), run.toString());
        }
    }
}
