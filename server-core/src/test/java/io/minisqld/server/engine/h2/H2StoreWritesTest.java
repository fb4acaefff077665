package io.minisqld.server.engine.h2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minisqld.server.engine.EngineSession;
import io.minisqld.server.result.RowsResult;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A crash leaves each transaction whole in the engine's files: what the kill -9 campaigns of the
 * replica (row-events-gtid-mts.md C, "crash-safe positions after kill -9: no gap, no duplicate")
 * need of the engine. H2StoreWrites says why H2 alone does not give it.
 *
 * <p>The engine runs in a child JVM killed with SIGKILL, as a server is: a crash inside the test's
 * own JVM ({@code crashForTesting}) cannot stop every thread of the engine at one instant, and once
 * in a few hundred rounds it left the old store holding the file when the next round opened it.
 */
class H2StoreWritesTest {
    private static final int WRITERS = 4;
    private static final String COUNTS = "counts ";
    private static final String WRITING = "writing";

    @TempDir
    Path dir;

    /**
     * Writers commit transactions that insert a row into each of two tables and count it in a
     * third while the store is written as often as it can be; the process is killed at a random
     * moment (what is not in the file is lost). Each transaction must be in the file whole or not
     * at all, round after round on the same files: the next round's process reads the counts right
     * after its engine recovered them.
     */
    @Test
    void aCrashKeepsEveryTransactionWholeOrNotAtAll() throws Exception {
        long seed = Long.getLong("storewrites.seed", System.nanoTime());
        int rounds = Integer.getInteger("storewrites.rounds", 25);
        Random random = new Random(seed);
        long committed = 0;
        for (int round = 1; round <= rounds + 1; round++) {
            String where = "round " + round + " of seed " + seed + " (-Dstorewrites.seed)";
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), Writer.class.getName(), dir.toString(),
                    round > rounds ? "check" : "write")
                    .redirectErrorStream(true).start();
            try {
                BlockingQueue<String> lines = lines(child);
                String counts = awaitLine(lines, COUNTS, where);
                List<String> values = Arrays.asList(counts.substring(COUNTS.length()).split(" "));
                long n = Long.parseLong(values.get(2));
                assertEquals(List.of(values.get(2), values.get(2), values.get(2), "0"), values,
                        "rows in a, rows in b, the counter, rows of a without their row in b, " + where);
                assertTrue(n >= committed, "the counter went back from " + committed + " to " + n + ", " + where);
                committed = n;
                if (round > rounds) break;
                awaitLine(lines, WRITING, where);
                // a random moment of the writing to kill at (the round's point, not a wait for a condition)
                Thread.sleep(50 + random.nextInt(200));
            } finally {
                child.destroyForcibly();
                assertTrue(child.waitFor(30, TimeUnit.SECONDS), "the killed process did not end");
            }
        }
        assertTrue(committed > 0 || rounds < 3, "nothing reached the file in " + rounds + " rounds");
    }

    /** The child's output, line by line (read on a thread of its own, so the child never blocks). */
    private static BlockingQueue<String> lines(Process child) {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) lines.add(line);
            } catch (java.io.IOException ended) {
                // the child was killed
            }
        });
        reader.setDaemon(true);
        reader.start();
        return lines;
    }

    private static String awaitLine(BlockingQueue<String> lines, String prefix, String where)
            throws InterruptedException {
        List<String> seen = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            String line = lines.poll(1, TimeUnit.SECONDS);
            if (line == null) continue;
            if (line.startsWith(prefix)) return line;
            seen.add(line);
        }
        assertNotNull(null, "no '" + prefix + "' line from the engine's process, " + where + "; it wrote: " + seen);
        return null;
    }

    /**
     * The engine's process: opens the engine in {@code args[0]} (creating the tables the first
     * time), prints the counts the last crash left, then ({@code args[1]} = write) commits from
     * {@value #WRITERS} threads while another writes and syncs the store, until it is killed.
     */
    public static final class Writer {
        public static void main(String[] args) throws Exception {
            H2StorageEngine engine = new H2StorageEngine(Path.of(args[0]));
            EngineSession setup = engine.openSession(1);
            if (!engine.databaseExists("test")) {
                engine.createDatabase("test", false);
                setup.useDatabase("test");
                setup.executeInternal("CREATE TABLE a (id bigint PRIMARY KEY, v varchar(40), KEY (v))");
                setup.executeInternal("CREATE TABLE b (id bigint PRIMARY KEY, w varchar(40), KEY (w))");
                setup.executeInternal("CREATE TABLE counter (id int PRIMARY KEY, n bigint NOT NULL)");
                setup.executeInternal("INSERT INTO counter VALUES (1, 0)");
                setup.commit();
                engine.sync();
            }
            setup.useDatabase("test");
            // one statement: the three numbers must come from one snapshot
            RowsResult counts = ((EngineSession.Rows) setup.executeInternal(
                    "SELECT (SELECT COUNT(*) FROM a), (SELECT COUNT(*) FROM b), (SELECT n FROM counter WHERE id = 1),"
                            + " (SELECT COUNT(*) FROM a LEFT JOIN b ON a.id = b.id WHERE b.id IS NULL),"
                            + " (SELECT COALESCE(MAX(id), 0) FROM a)")).rows();
            setup.commit();
            System.out.println(COUNTS + counts.text(0, 0) + " " + counts.text(0, 1) + " " + counts.text(0, 2) + " "
                    + counts.text(0, 3));
            if (!args[1].equals("write")) {
                engine.close();
                return;
            }
            AtomicLong nextId = new AtomicLong(Long.parseLong(counts.text(0, 4)) + 1);
            for (int w = 0; w < WRITERS; w++) {
                EngineSession s = engine.openSession(10 + w);
                s.useDatabase("test");
                s.setLockWaitTimeout(2);
                daemon(() -> write(s, nextId));
            }
            daemon(() -> {
                while (true) engine.sync();
            });
            System.out.println(WRITING);
            // the process ends only by the test's SIGKILL
            Thread.currentThread().join();
        }

        private static void daemon(Runnable body) {
            Thread t = new Thread(body);
            t.setDaemon(true);
            t.start();
        }

        private static void write(EngineSession s, AtomicLong nextId) {
            while (true) {
                try {
                    long id = nextId.getAndIncrement();
                    s.executeInternal("INSERT INTO a VALUES (" + id + ", 'a" + id + "')");
                    s.executeInternal("INSERT INTO b VALUES (" + id + ", 'b" + id + "')");
                    s.executeInternal("UPDATE counter SET n = n + 1 WHERE id = 1");
                    s.commit();
                } catch (RuntimeException e) {
                    // a lock wait timeout on a slow machine: the transaction is given up
                    s.rollback();
                }
            }
        }
    }
}
