package io.minisqld.plugintests;

import static io.minisqld.plugintests.Fixtures.assertFails;
import static io.minisqld.plugintests.Fixtures.executeClean;
import static io.minisqld.plugintests.Fixtures.executeWithWarnings;
import static io.minisqld.plugintests.Fixtures.loadedPlugins;
import static io.minisqld.plugintests.Fixtures.pluginTable;
import static io.minisqld.plugintests.Fixtures.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minisqld.server.MiniSqlServer;
import io.minisqld.server.options.OptionReader;
import io.minisqld.testsupport.MinisqldHarness;
import io.minisqld.testsupport.SqlRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plugins loaded at start-up (spec plugin-framework.md §A.6–A.8): plugin-load-add and plugin
 * variables from an option file, mysql.plugin rows across restarts, and the activation option
 * {@code --<plugin>=OFF|FORCE_PLUS_PERMANENT} with its LOAD_OPTION.
 */
class StartupLoadingTest {
    private static final String MINISQLD = "minisqld";
    @TempDir
    Path root;

    /** One server started from {@code my.cnf} alone, as {@code mysqld --defaults-file=my.cnf}. */
    private static final class CnfServer implements SqlRunner, AutoCloseable {
        private final MiniSqlServer server;
        private final Connection connection;

        CnfServer(Path cnf) throws Exception {
            server = MiniSqlServer.start(OptionReader.forSystem().read("--defaults-file=" + cnf));
            connection = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + server.port() + "/?user=root&password=");
        }

        @Override
        public Connection connection() {
            return connection;
        }

        @Override
        public void close() throws SQLException {
            try {
                connection.close();
            } finally {
                server.close();
            }
        }
    }

    @Test
    void optionFileLoadsThePluginAndItsVariableAndMysqlPluginSurvivesRestarts() throws Exception {
        Path plugins = Files.createDirectory(root.resolve("plugins"));
        for (String jar : List.of("test_good.jar", "test_two.jar", "test_blocker.jar")) {
            Files.copy(Fixtures.fixtureDir().resolve(jar), plugins.resolve(jar));
        }
        Path cnf = root.resolve("my.cnf");
        Files.writeString(cnf, """
                [mysqld]
                datadir = %s
                port = 0
                bind-address = 127.0.0.1
                plugin-dir = %s
                log-error = minisqld.err
                plugin-load-add = test_good=test_good.so
                loose-test-good-limit = 50
                loose-test-blocker-busy = ON
                loose-test-two-b = OFF
                """.formatted(root.resolve("data"), plugins));

        try (CnfServer s = new CnfServer(cnf)) {
            assertEquals(List.of(row("test_good", "ACTIVE", "REPLICATION", "test_good.so", "GPL")), loadedPlugins(s));
            assertEquals("50", s.value("SELECT @@global.test_good_limit"));
            assertEquals(List.of(row("test_good_limit", "50")), s.rows("SHOW VARIABLES LIKE 'test_good_limit'"));
            assertEquals(List.of(row("ON")), s.rows(
                    "SELECT LOAD_OPTION FROM INFORMATION_SCHEMA.PLUGINS WHERE PLUGIN_NAME = 'test_good'"));
            // plugin-load is for this run only: nothing in mysql.plugin (spec §A.7)
            assertEquals(List.of(), pluginTable(s));

            // an option-file value meant for a plugin applies when a later INSTALL loads it
            executeClean(s.connection(), "INSTALL PLUGIN test_blocker SONAME 'test_blocker.so'");
            // (installed in name order: MyISAM's 5.7 table scans them in insertion order, InnoDB's by name)
            executeClean(s.connection(), "INSTALL PLUGIN test_two_a SONAME 'test_two.so'");
            // the activation option in the option file applies to INSTALL too (spec §A.8)
            assertEquals(List.of(row("Warning", "1123", "Can't initialize function 'test_two_b'; Plugin is disabled")),
                    executeWithWarnings(s.connection(), "INSTALL PLUGIN test_two_b SONAME 'test_two.so'"));
            assertEquals(List.of(row("test_two_b", "DISABLED", "OFF")), s.rows("SELECT PLUGIN_NAME, PLUGIN_STATUS, "
                    + "LOAD_OPTION FROM INFORMATION_SCHEMA.PLUGINS WHERE PLUGIN_NAME = 'test_two_b'"));
            assertEquals("1", s.value("SELECT @@global.test_blocker_busy"));
            assertFails(s, "UNINSTALL PLUGIN test_blocker", 1883, "HY000",
                    "Plugin 'test_blocker' cannot be uninstalled now. The fixture is busy.");
            executeClean(s.connection(), "SET GLOBAL test_good_limit = 60");
        }

        try (CnfServer s = new CnfServer(cnf)) {
            // plugin-load first, then mysql.plugin rows (MySQL's start-up order)
            assertEquals(List.of(row("test_good", "ACTIVE", "REPLICATION", "test_good.so", "GPL"),
                    row("test_blocker", "ACTIVE", "DAEMON", "test_blocker.so", "GPL"),
                    row("test_two_a", "ACTIVE", "DAEMON", "test_two.so", "GPL"),
                    row("test_two_b", "DISABLED", "DAEMON", "test_two.so", "BSD")), loadedPlugins(s));
            assertEquals(List.of(row("test_blocker", "test_blocker.so"), row("test_two_a", "test_two.so"),
                    row("test_two_b", "test_two.so")), pluginTable(s));
            assertEquals("50", s.value("SELECT @@global.test_good_limit"));
            assertEquals("1", s.value("SELECT @@global.test_blocker_busy"));
            executeClean(s.connection(), "SET GLOBAL test_blocker_busy = OFF");
            executeClean(s.connection(), "UNINSTALL PLUGIN test_blocker");
            executeClean(s.connection(), "UNINSTALL PLUGIN test_two_a");
            executeClean(s.connection(), "UNINSTALL PLUGIN test_two_b");
            // a plugin-load plugin can be uninstalled for the rest of the run (its LOAD_OPTION is ON)
            executeClean(s.connection(), "UNINSTALL PLUGIN test_good");
            assertEquals(List.of(), loadedPlugins(s));
        }

        try (CnfServer s = new CnfServer(cnf)) {
            assertEquals(List.of(row("test_good", "ACTIVE", "REPLICATION", "test_good.so", "GPL")), loadedPlugins(s));
            assertEquals(List.of(), pluginTable(s));
        }
    }

    @Test
    void harnessRestartBringsBackInstalledPlugins() throws Exception {
        try (MinisqldHarness h = Fixtures.withAllFixtures().start()) {
            executeClean(h.connection(), "INSTALL PLUGIN test_good SONAME 'test_good.so'");
            executeClean(h.connection(), "INSTALL SONAME 'test_two.so'");
            h.restart();
            assertEquals(List.of(row("test_good", "ACTIVE", "REPLICATION", "test_good.so", "GPL"),
                    row("test_two_a", "ACTIVE", "DAEMON", "test_two.so", "GPL"),
                    row("test_two_b", "ACTIVE", "DAEMON", "test_two.so", "BSD")), loadedPlugins(h));
            assertEquals("10", h.value("SELECT @@global.test_good_limit"));
            executeClean(h.connection(), "UNINSTALL SONAME 'test_two.so'");
            h.restart();
            assertEquals(List.of(row("test_good", "ACTIVE", "REPLICATION", "test_good.so", "GPL")), loadedPlugins(h));
            assertEquals(List.of(row("test_good", "test_good.so")), pluginTable(h));
        }
    }

    /**
     * A misspelt option of a plugin (its prefix, no variable of that name) is warned about: at
     * start-up in the error log, as MySQL's "unknown variable" warning for a loose option, and at
     * INSTALL as a warning to the client; a known one is taken.
     */
    @Test
    void misspeltPluginOptionsAreWarnedAbout() throws Exception {
        try (MinisqldHarness h = Fixtures.withAllFixtures().options("--loose-test-good-limitt=5",
                "--loose-test-good-limit=7").start()) {
            assertTrue(h.errorLogText().contains("[Warning] " + MINISQLD + ": unknown variable 'loose-test-good-limitt=5'"),
                    h.errorLogText());
            assertEquals(List.of(row("Warning", "1105",
                            "unknown variable 'loose-test-good-limitt=5' (no variable of plugin 'test_good')")),
                    executeWithWarnings(h.connection(), "INSTALL PLUGIN test_good SONAME 'test_good.so'"));
            assertEquals(List.of(row("test_good_limit", "7")), h.rows("SHOW VARIABLES LIKE 'test_good_limit'"));
            // the plugin's own line (PluginContext.log()), in MySQL's form for plugins
            assertTrue(h.errorLogText().contains("[Note] Plugin test_good reported: 'counting commits, limit 7'"),
                    h.errorLogText());
        }
    }

    @Test
    void pluginLoadOfALibraryLoadsAllItsPlugins() throws Exception {
        try (MinisqldHarness h = Fixtures.withAllFixtures().options("--plugin-load=test_two.so").start()) {
            assertEquals(List.of(row("test_two_a", "ACTIVE", "DAEMON", "test_two.so", "GPL"),
                    row("test_two_b", "ACTIVE", "DAEMON", "test_two.so", "BSD")), loadedPlugins(h));
        }
    }

    @Test
    void forcePlusPermanentCannotBeUninstalled() throws Exception {
        try (MinisqldHarness h = Fixtures.withAllFixtures()
                .options("--plugin-load-add=test_good=test_good.so", "--test-good=FORCE_PLUS_PERMANENT").start()) {
            assertEquals(List.of(row("test_good", "ACTIVE", "FORCE_PLUS_PERMANENT")), h.rows(
                    "SELECT PLUGIN_NAME, PLUGIN_STATUS, LOAD_OPTION FROM INFORMATION_SCHEMA.PLUGINS "
                            + "WHERE PLUGIN_LIBRARY IS NOT NULL"));
            assertFails(h, "UNINSTALL PLUGIN test_good", 1702, "HY000",
                    "Plugin 'test_good' is force_plus_permanent and can not be unloaded");
            assertEquals(List.of(row("test_good", "ACTIVE", "REPLICATION", "test_good.so", "GPL")), loadedPlugins(h));
        }
    }

    @Test
    void activationOffRegistersTheLibraryDisabledWithoutVariables() throws Exception {
        try (MinisqldHarness h = Fixtures.withAllFixtures()
                .options("--plugin-load-add=test_good=test_good.so", "--test-good=OFF").start()) {
            assertEquals(List.of(row("test_good", "DISABLED", "REPLICATION", "test_good.so", "GPL")), loadedPlugins(h));
            assertEquals(List.of(row("OFF")), h.rows(
                    "SELECT LOAD_OPTION FROM INFORMATION_SCHEMA.PLUGINS WHERE PLUGIN_NAME = 'test_good'"));
            assertEquals(List.of(), h.rows("SHOW VARIABLES LIKE 'test_good%'"));
            assertEquals(List.of(), h.rows("SHOW STATUS LIKE 'Test_good%'"));
        }
    }
}
