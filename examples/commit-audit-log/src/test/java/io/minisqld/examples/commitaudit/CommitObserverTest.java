package io.minisqld.examples.commitaudit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.minisqld.plugin.api.LogPosition;
import io.minisqld.plugin.api.observer.TransactionParam;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The observer and the file without a server. */
class CommitObserverTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-02-01T00:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    @Test
    void writesOneLinePerCommitAndCountsThem() throws Exception {
        Path path = dir.resolve("audit.log");
        LongAdder written = new LongAdder();
        try (AuditFile file = AuditFile.open(path)) {
            CommitObserver observer = new CommitObserver(file, CLOCK, written, true);
            observer.afterCommit(new TransactionParam(1, "", 5, true, LogPosition.of("mysql-bin.000001", 400)));
            observer.afterCommit(new TransactionParam(1, "", 6, true, null));
            // the line is in the file when the hook returns: the client's OK comes after it
            assertEquals(List.of("2025-02-01T00:00:00Z 1 5 mysql-bin.000001:400" + AuditLineTest.NO_CONTEXT,
                            "2025-02-01T00:00:00Z 1 6 -" + AuditLineTest.NO_CONTEXT),
                    Files.readAllLines(path));
            assertEquals(2, written.sum());
        }
    }

    @Test
    void disabledWritesNothingUntilEnabledAgain() throws Exception {
        Path path = dir.resolve("audit.log");
        LongAdder written = new LongAdder();
        try (AuditFile file = AuditFile.open(path)) {
            CommitObserver observer = new CommitObserver(file, CLOCK, written, false);
            observer.afterCommit(new TransactionParam(1, "", 5, true, LogPosition.of("mysql-bin.000001", 400)));
            assertEquals(List.of(), Files.readAllLines(path));
            observer.setEnabled(true);
            observer.afterCommit(new TransactionParam(1, "", 5, true, LogPosition.of("mysql-bin.000001", 500)));
            assertEquals(List.of("2025-02-01T00:00:00Z 1 5 mysql-bin.000001:500" + AuditLineTest.NO_CONTEXT),
                    Files.readAllLines(path));
            assertEquals(1, written.sum());
        }
    }

    @Test
    void appendsToAnExistingFile() throws Exception {
        Path path = Files.writeString(dir.resolve("audit.log"), "earlier line\n");
        try (AuditFile file = AuditFile.open(path)) {
            file.append("later line");
        }
        assertEquals(List.of("earlier line", "later line"), Files.readAllLines(path));
    }

    @Test
    void concurrentCommitsNeverInterleaveWithinALine() throws Exception {
        Path path = dir.resolve("audit.log");
        LongAdder written = new LongAdder();
        int threads = 8;
        int perThread = 500;
        try (AuditFile file = AuditFile.open(path)) {
            CommitObserver observer = new CommitObserver(file, CLOCK, written, true);
            List<Thread> started = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                long threadId = t + 1;
                Thread th = new Thread(() -> {
                    for (int i = 1; i <= perThread; i++) {
                        observer.afterCommit(new TransactionParam(1, "", threadId, true,
                                LogPosition.of("mysql-bin.000001", i)));
                    }
                });
                th.start();
                started.add(th);
            }
            for (Thread th : started) th.join();
        }
        List<String> lines = Files.readAllLines(path);
        assertEquals(threads * perThread, lines.size());
        assertEquals(threads * perThread, written.sum());
        Set<String> distinct = new HashSet<>(lines);
        assertEquals(threads * perThread, distinct.size());
        for (String line : lines) {
            assertEquals(true, line.matches("2025-02-01T00:00:00Z 1 [1-8] mysql-bin\\.000001:\\d+"
                    + java.util.regex.Pattern.quote(AuditLineTest.NO_CONTEXT)), line);
        }
    }

    @Test
    void aClosedFileRefusesAppends() throws Exception {
        AuditFile file = AuditFile.open(dir.resolve("audit.log"));
        file.close();
        file.close();
        assertThrows(IllegalStateException.class, () -> file.append("late"));
    }
}
