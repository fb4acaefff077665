package io.minisqld.plugintests;

import static io.minisqld.plugintests.Fixtures.assertFails;
import static io.minisqld.plugintests.Fixtures.executeClean;
import static io.minisqld.plugintests.Fixtures.executeWithWarnings;
import static io.minisqld.plugintests.Fixtures.loadedPlugins;
import static io.minisqld.plugintests.Fixtures.pluginTable;
import static io.minisqld.plugintests.Fixtures.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.minisqld.testcommon.Poll;
import io.minisqld.testsupport.MinisqldHarness;
import io.minisqld.testsupport.SqlRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * UNINSTALL of a plugin that is in use (spec plugin-framework.md §A.5): a session is inside the
 * plugin's after_commit hook (held there by the fixture until the test deletes a gate file), so UNINSTALL marks it DELETED with warning 1620; its variables are
 * unknown at once, its name stays taken (1125), and it is gone when the hook returns.
 */
class PluginInUseTest {
    @TempDir
    Path gates;

    @Test
    void uninstallWhileAHookRunsLeavesItDeletedUntilTheHookReturns() throws Exception {
        Path gate = gates.resolve("gate");
        Path entered = gates.resolve("gate.entered");
        ExecutorService committer = Executors.newSingleThreadExecutor();
        try (MinisqldHarness h = Fixtures.withAllFixtures().start()) {
            Connection c = h.connection();
            h.executeAll("CREATE DATABASE iu", "CREATE TABLE iu.t (id INT PRIMARY KEY)");
            executeClean(c, "INSTALL PLUGIN test_slow_hook SONAME 'test_slow_hook.so'");
            Connection other = h.newConnection();
            String otherId = SqlRunner.on(other).rows("SELECT CONNECTION_ID()").get(0).get(0);
            executeClean(c, "SET GLOBAL test_slow_hook_gate = '" + gate + "'");
            executeClean(c, "SET GLOBAL test_slow_hook_hold_connection = " + otherId);
            Files.writeString(gate, "");
            Future<?> insert = committer.submit(() -> {
                try (Statement st = other.createStatement()) {
                    st.execute("INSERT INTO iu.t VALUES (1)");
                }
                return null;
            });
            Poll.until("the INSERT to enter after_commit", Duration.ofSeconds(30), () -> Files.exists(entered));

            assertEquals(List.of(row("Warning", "1620", "Plugin is busy and will be uninstalled on shutdown")),
                    executeWithWarnings(c, "UNINSTALL PLUGIN test_slow_hook"));
            assertEquals(List.of(row("test_slow_hook", "DELETED", "REPLICATION", "test_slow_hook.so", "GPL")),
                    loadedPlugins(h));
            assertEquals(List.of(), pluginTable(h));
            assertFails(h, "SELECT @@global.test_slow_hook_gate", 1193, "HY000",
                    "Unknown system variable 'test_slow_hook_gate'");
            assertFails(h, "INSTALL PLUGIN test_slow_hook SONAME 'test_slow_hook.so'", 1125, "HY000",
                    "Function 'test_slow_hook' already exists");
            // with the reason it exists still
            io.minisqld.testsupport.SqlRunner.on(c).error("INSTALL PLUGIN test_slow_hook SONAME 'test_slow_hook.so'");
            assertEquals(row("Warning", "1105", "Plugin 'test_slow_hook' is being uninstalled: a statement still runs one"
                    + " of its hooks; it leaves SHOW PLUGINS when that ends, then INSTALL works"),
                    io.minisqld.testsupport.SqlRunner.on(c).rows("SHOW WARNINGS").get(0));
            // DELETED is not "does not exist": a second UNINSTALL passes and warns again (spec §A.5)
            assertEquals(List.of(row("Warning", "1620", "Plugin is busy and will be uninstalled on shutdown")),
                    executeWithWarnings(c, "UNINSTALL PLUGIN test_slow_hook"));
            assertFalse(insert.isDone(), "the INSERT is still inside the hook");

            Files.delete(gate);
            insert.get(30, TimeUnit.SECONDS);
            Poll.until("the DELETED plugin to be reaped", Duration.ofSeconds(30),
                    () -> loadedPlugins(h).isEmpty());
            assertEquals(List.of(row("1")), h.rows("SELECT COUNT(*) FROM iu.t"));
            assertFalse(Fixtures.jarOpen(h.pluginDir().resolve("test_slow_hook.jar")), "the library is unloaded");
            executeClean(c, "INSTALL PLUGIN test_slow_hook SONAME 'test_slow_hook.so'");
            assertEquals(List.of(row("test_slow_hook", "ACTIVE", "REPLICATION", "test_slow_hook.so", "GPL")),
                    loadedPlugins(h));
        } finally {
            Files.deleteIfExists(gate);
            committer.shutdownNow();
            if (!committer.awaitTermination(30, TimeUnit.SECONDS)) throw new AssertionError("committer hangs");
        }
    }
}
