package io.minisqld.server.engine.h2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minisqld.server.engine.EngineSession;
import io.minisqld.server.result.RowsResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A crash leaves each transaction whole in the engine's files: what the kill -9 campaigns of the
 * replica (row-events-gtid-mts.md C, "crash-safe positions after kill -9: no gap, no duplicate")
 * need of the engine. H2StoreWrites says why H2 alone does not give it.
 */
class H2StoreWritesTest {
    private static final int WRITERS = 4;

    @TempDir
    Path dir;

    /**
     * Writers commit transactions that insert a row into each of two tables and count it in a
     * third while the store is written as often as it can be; the engine "crashes" at a random
     * moment (H2's SHUTDOWN IMMEDIATELY: what is not in the file is lost). Each transaction must be
     * in the file whole or not at all, round after round on the same files.
     */
    @Test
    void aCrashKeepsEveryTransactionWholeOrNotAtAll() throws Exception {
        long seed = Long.getLong("storewrites.seed", System.nanoTime());
        int rounds = Integer.getInteger("storewrites.rounds", 25);
        Random random = new Random(seed);
        H2StorageEngine engine = new H2StorageEngine(dir);
        engine.createDatabase("test", false);
        EngineSession setup = engine.openSession(1);
        setup.useDatabase("test");
        setup.executeInternal("CREATE TABLE a (id bigint PRIMARY KEY, v varchar(40), KEY (v))");
        setup.executeInternal("CREATE TABLE b (id bigint PRIMARY KEY, w varchar(40), KEY (w))");
        setup.executeInternal("CREATE TABLE counter (id int PRIMARY KEY, n bigint NOT NULL)");
        setup.executeInternal("INSERT INTO counter VALUES (1, 0)");
        setup.commit();
        engine.sync();
        for (int round = 1; round <= rounds; round++) {
            AtomicLong nextId = new AtomicLong(count(engine, "SELECT COALESCE(MAX(id), 0) FROM a") + 1);
            AtomicBoolean stop = new AtomicBoolean();
            List<Thread> threads = new ArrayList<>();
            H2StorageEngine running = engine;
            for (int w = 0; w < WRITERS; w++) {
                EngineSession s = running.openSession(10 + w);
                s.useDatabase("test");
                // a writer waiting for the counter's lock when the engine crashes ends soon
                s.setLockWaitTimeout(2);
                threads.add(started(() -> write(s, nextId, stop)));
            }
            threads.add(started(() -> {
                while (!stop.get()) {
                    try {
                        running.sync();
                    } catch (RuntimeException crashed) {
                        return;
                    }
                }
            }));
            // a random moment of the writing to crash at (the round's point, not a wait for a condition)
            Thread.sleep(50 + random.nextInt(200));
            engine.crashForTesting();
            stop.set(true);
            for (Thread t : threads) {
                t.join(30_000);
                assertFalse(t.isAlive(), "a writer still runs after the crash");
            }
            engine = new H2StorageEngine(dir);
            // one statement: nothing else runs, but the three numbers must come from one snapshot
            List<String> counts = row(engine, "SELECT (SELECT COUNT(*) FROM a), (SELECT COUNT(*) FROM b),"
                    + " (SELECT n FROM counter WHERE id = 1),"
                    + " (SELECT COUNT(*) FROM a LEFT JOIN b ON a.id = b.id WHERE b.id IS NULL)");
            String where = "round " + round + " of seed " + seed + " (-Dstorewrites.seed)";
            long n = Long.parseLong(counts.get(2));
            assertEquals(List.of(counts.get(2), counts.get(2), counts.get(2), "0"), counts,
                    "rows in a, rows in b, the counter, rows of a without their row in b, " + where);
            assertTrue(n > 0 || round < 3, "nothing reached the file in " + round + " rounds");
        }
        engine.close();
    }

    private static Thread started(Runnable body) {
        Thread t = new Thread(body);
        t.start();
        return t;
    }

    private static void write(EngineSession s, AtomicLong nextId, AtomicBoolean stop) {
        while (!stop.get()) {
            try {
                long id = nextId.getAndIncrement();
                s.executeInternal("INSERT INTO a VALUES (" + id + ", 'a" + id + "')");
                s.executeInternal("INSERT INTO b VALUES (" + id + ", 'b" + id + "')");
                s.executeInternal("UPDATE counter SET n = n + 1 WHERE id = 1");
                s.commit();
            } catch (RuntimeException e) {
                // after the crash: the engine went away under the writer (a lock wait ends
                // within its timeout); before it, a lock wait timeout on a slow machine
                if (stop.get()) return;
                try {
                    s.rollback();
                } catch (RuntimeException gone) {
                    return;
                }
            }
        }
    }

    private static long count(H2StorageEngine engine, String sql) {
        return Long.parseLong(row(engine, sql).get(0));
    }

    private static List<String> row(H2StorageEngine engine, String sql) {
        EngineSession s = engine.openSession(2);
        try {
            s.useDatabase("test");
            RowsResult rows = ((EngineSession.Rows) s.executeInternal(sql)).rows();
            List<String> values = new ArrayList<>();
            for (int i = 0; i < rows.columns().size(); i++) values.add(rows.text(0, i));
            s.commit();
            return values;
        } finally {
            s.close();
        }
    }
}
