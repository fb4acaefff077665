package io.minisqld.semisync.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minisqld.testcommon.Program;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code bin/semisync-soak}, the memory soak of a semisync pair under sysbench (issue 15's
 * 10-minute, 64-thread run, docs/benchmarks.md), run here for a few samples: the script starts
 * real minisqld processes with the plugin jars of {@code plugins/}, loads them with sysbench's
 * default {@code oltp_insert}, samples resident and live heap memory with {@code ps} and
 * {@code jcmd}, and then checks that no commit is left waiting ({@code
 * Rpl_semi_sync_master_wait_sessions} back to 0) and none fell back to asynchronous. (Whether
 * memory stays flat is judged from 6 samples on: the long run, not this one.)
 */
class SemisyncSoakScriptTest {
    private static final Path SOAK = Path.of("..", "bin", "semisync-soak").toAbsolutePath().normalize();
    private static final Pattern SAMPLE = Pattern.compile("(?m)^\\[[0-9:]+\\] (\\d+) (\\d+) (\\d+) (\\d+) (\\d+) (\\d+) (\\d+)$");

    @Test
    void shortSoakLeavesNoWaitingSessionAndSamplesMemory() throws Exception {
        Program.run(List.of(Program.existing(Program.SYSBENCH), "--version"), null, Duration.ofSeconds(10));
        Program.Result run = Program.run(List.of("env", "SAMPLE=4", "THREADS=16", SOAK.toString(), "16"), null,
                Duration.ofSeconds(240));
        String output = run.stdout() + run.stderr();
        assertEquals(0, run.exitCode(), output);
        assertTrue(output.contains("soak passed: wait sessions 0 after the load, no async fallback, memory not judged"), output);
        Matcher m = SAMPLE.matcher(output);
        int samples = 0;
        long lastCommits = -1;
        while (m.find()) {
            samples++;
            assertTrue(Long.parseLong(m.group(2)) > 0 && Long.parseLong(m.group(3)) > 0, "source memory: " + m.group());
            assertTrue(Long.parseLong(m.group(4)) > 0 && Long.parseLong(m.group(5)) > 0, "replica memory: " + m.group());
            long commits = Long.parseLong(m.group(7));
            assertTrue(commits > lastCommits, "commits go on between samples: " + m.group());
            lastCommits = commits;
        }
        assertTrue(samples >= 2, "samples taken during the load:\n" + output);
    }
}
