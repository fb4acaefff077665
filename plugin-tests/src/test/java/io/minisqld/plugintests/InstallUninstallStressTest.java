package io.minisqld.plugintests;

import static io.minisqld.plugintests.Fixtures.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.minisqld.plugin.api.variables.SystemVariable;
import io.minisqld.testcommon.Poll;
import io.minisqld.testsupport.MinisqldHarness;
import java.lang.ref.WeakReference;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The stress test: four sessions commit autocommit INSERTs without pause while another
 * session installs and uninstalls {@code test_good} (a transaction observer) 200 times. No commit
 * may fail, nothing may deadlock (every wait is bounded), an INSTALL meeting the previous instance
 * still DELETED gets 1125 and is retried, and afterwards the class loaders of all 200 instances
 * can be collected (weak references clear after bounded {@code System.gc()} polling).
 */
class InstallUninstallStressTest {
    private static final int CYCLES = 200;
    private static final int WRITERS = 4;
    private static final Duration BOUND = Duration.ofSeconds(60);

    @Test
    void concurrentCommitsSurviveTwoHundredInstallUninstallCyclesAndLoadersAreCollected() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        AtomicBoolean stop = new AtomicBoolean();
        List<WeakReference<ClassLoader>> loaders = new ArrayList<>();
        int retries = 0;
        int busyWarnings = 0;
        try (MinisqldHarness h = Fixtures.withAllFixtures().start()) {
            h.executeAll("CREATE DATABASE st", "CREATE TABLE st.t (id INT NOT NULL AUTO_INCREMENT PRIMARY KEY, w INT)");
            List<Future<Integer>> writers = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                Connection c = h.newConnection();
                int writer = w;
                writers.add(pool.submit(() -> {
                    int committed = 0;
                    try (Statement st = c.createStatement()) {
                        while (!stop.get()) {
                            st.execute("INSERT INTO st.t (w) VALUES (" + writer + ")");
                            committed++;
                        }
                    }
                    return committed;
                }));
            }

            Connection admin = h.newConnection();
            ClassLoader testLoader = getClass().getClassLoader();
            for (int i = 0; i < CYCLES; i++) {
                retries += install(admin);
                WeakReference<ClassLoader> loader = loaderOf(h);
                assertNotSame(testLoader, loader.get(), "test_good must come from its own class loader");
                loaders.add(loader);
                List<List<String>> warnings = Fixtures.executeWithWarnings(admin, "UNINSTALL PLUGIN test_good");
                for (List<String> warning : warnings) {
                    assertEquals(row("Warning", "1620", "Plugin is busy and will be uninstalled on shutdown"), warning);
                    busyWarnings++;
                }
                for (Future<Integer> f : writers) {
                    if (f.isDone()) f.get(); // a writer that stopped early failed: report its error now
                }
            }

            stop.set(true);
            long committed = 0;
            for (Future<Integer> f : writers) committed += f.get(BOUND.toSeconds(), TimeUnit.SECONDS);
            assertTrue(committed > 0, "the writers committed while plugins came and went");
            assertEquals(List.of(row(Long.toString(committed))), h.rows("SELECT COUNT(*) FROM st.t"),
                    "every acknowledged commit is in the table");
            Poll.until("the last instance to be reaped", BOUND, () -> Fixtures.loadedPlugins(h).isEmpty());
            assertEquals(List.of(), Fixtures.pluginTable(h));
            System.out.printf("stress: %d commits, %d INSTALL retries after 1125, %d UNINSTALL warnings 1620%n",
                    committed, retries, busyWarnings);
            Poll.untilCollected("every test_good class loader to become unreachable", BOUND, loaders);
        } finally {
            stop.set(true);
            pool.shutdownNow();
            if (!pool.awaitTermination(BOUND.toSeconds(), TimeUnit.SECONDS)) fail("writers did not end: deadlock?");
        }
    }

    /** INSTALLs test_good, retrying while the previous instance is still DELETED (1125); returns the retries. */
    private static int install(Connection admin) {
        int[] retries = {0};
        Poll.until("the DELETED test_good to be reaped, so that INSTALL succeeds", BOUND, () -> {
            try (Statement st = admin.createStatement()) {
                st.execute("INSTALL PLUGIN test_good SONAME 'test_good.so'");
                return true;
            } catch (SQLException e) {
                if (e.getErrorCode() != 1125) throw new AssertionError("INSTALL PLUGIN test_good failed", e);
                Fixtures.assertError(e, 1125, "HY000", "Function 'test_good' already exists");
                retries[0]++;
                return false;
            }
        });
        return retries[0];
    }

    /**
     * The class loader of the installed test_good: the class of its {@code flag} variable's update
     * callback is defined by it. Only a weak reference leaves this method.
     */
    private static WeakReference<ClassLoader> loaderOf(MinisqldHarness h) {
        SystemVariable flag = h.server().variables().spec("test_good_flag")
                .orElseThrow(() -> new AssertionError("test_good_flag is not registered"));
        if (flag.update() == null) fail("the server dropped test_good_flag's update callback; no way to reach the loader");
        return new WeakReference<>(flag.update().getClass().getClassLoader());
    }
}
