package io.minisqld.plugintests;

import static io.minisqld.plugintests.Fixtures.assertFails;
import static io.minisqld.plugintests.Fixtures.executeClean;
import static io.minisqld.plugintests.Fixtures.executeWithWarnings;
import static io.minisqld.plugintests.Fixtures.jarOpen;
import static io.minisqld.plugintests.Fixtures.loadedPlugins;
import static io.minisqld.plugintests.Fixtures.pluginTable;
import static io.minisqld.plugintests.Fixtures.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minisqld.testsupport.MinisqldHarness;
import io.minisqld.testsupport.SqlRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * INSTALL PLUGIN, UNINSTALL PLUGIN, MariaDB's INSTALL/UNINSTALL SONAME and IF [NOT] EXISTS against
 * the fixture jars, with the errors of spec plugin-framework.md §A.9: numbers, SQLSTATEs, messages
 * and the warnings SHOW WARNINGS lists, and what each leaves in SHOW PLUGINS and mysql.plugin.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PluginStatementsTest {
    private MinisqldHarness server;
    private Connection c;

    @BeforeAll
    void start() throws Exception {
        server = Fixtures.withAllFixtures().start();
        c = server.connection();
    }

    @AfterAll
    void stop() {
        if (server != null) server.close();
    }

    /** Each test starts from a server with no loaded plugin: uninstall whatever a test left. */
    @AfterEach
    void uninstallAll() throws SQLException {
        for (List<String> r : server.rows("SELECT PLUGIN_NAME FROM INFORMATION_SCHEMA.PLUGINS "
                + "WHERE PLUGIN_LIBRARY IS NOT NULL AND PLUGIN_STATUS <> 'DELETED'")) {
            server.execute("UNINSTALL PLUGIN " + r.get(0));
        }
    }

    private Path jar(String name) {
        return server.pluginDir().resolve(name);
    }

    @Test
    void installWritesRowAndShowsLibraryAsTyped() throws Exception {
        executeClean(c, "INSTALL PLUGIN test_good SONAME 'test_good.so'");
        assertEquals(List.of(row("test_good", "ACTIVE", "REPLICATION", "test_good.so", "GPL")), loadedPlugins(server));
        assertEquals(List.of(row("test_good", "test_good.so")), pluginTable(server));
        assertTrue(jarOpen(jar("test_good.jar")), "the loaded library holds its jar");

        executeClean(c, "UNINSTALL PLUGIN test_good");
        assertEquals(List.of(), loadedPlugins(server));
        assertEquals(List.of(), pluginTable(server));
        assertFalse(jarOpen(jar("test_good.jar")), "the last plugin gone, the library is unloaded");
    }

    @Test
    void jarAndDllSonamesAreKeptAsTyped() throws Exception {
        executeClean(c, "INSTALL PLUGIN test_good SONAME 'test_good.jar'");
        assertEquals(List.of(row("test_good", "ACTIVE", "REPLICATION", "test_good.jar", "GPL")), loadedPlugins(server));
        assertEquals(List.of(row("test_good", "test_good.jar")), pluginTable(server));
        executeClean(c, "UNINSTALL PLUGIN test_good");
        executeClean(c, "INSTALL PLUGIN test_good SONAME 'test_good.dll'");
        assertEquals(List.of(row("test_good", "test_good.dll")), pluginTable(server));
    }

    @Test
    void pluginNamesAreCaseInsensitiveAndTheRowKeepsTheTypedName() throws Exception {
        executeClean(c, "INSTALL PLUGIN TEST_Good SONAME 'test_good.so'");
        // SHOW PLUGINS shows the declared name, mysql.plugin the typed one (spec §A.1)
        assertEquals(List.of(row("test_good", "ACTIVE", "REPLICATION", "test_good.so", "GPL")), loadedPlugins(server));
        assertEquals(List.of(row("TEST_Good", "test_good.so")), pluginTable(server));
        assertFails(server, "INSTALL PLUGIN TEST_GOOD SONAME 'test_good.so'", 1125, "HY000",
                "Function 'TEST_GOOD' already exists");
        executeClean(c, "UNINSTALL PLUGIN Test_GOOD");
        assertEquals(List.of(), pluginTable(server));
    }

    @Test
    void secondInstallIs1125AndIfNotExistsANote() throws Exception {
        executeClean(c, "INSTALL PLUGIN test_good SONAME 'test_good.so'");
        assertFails(server, "INSTALL PLUGIN test_good SONAME 'test_good.so'", 1125, "HY000",
                "Function 'test_good' already exists");
        assertEquals(List.of(row("Note", "1968", "Plugin 'test_good' already installed")),
                executeWithWarnings(c, "INSTALL PLUGIN IF NOT EXISTS test_good SONAME 'test_good.so'"));
        assertEquals(List.of(row("test_good", "test_good.so")), pluginTable(server));
    }

    @Test
    void uninstallOfUnknownIs1305AndIfExistsANote() throws Exception {
        assertFails(server, "UNINSTALL PLUGIN test_good", 1305, "42000", "PLUGIN test_good does not exist");
        assertFails(server, "UNINSTALL PLUGIN no_such_plugin", 1305, "42000", "PLUGIN no_such_plugin does not exist");
        assertEquals(List.of(row("Note", "1305", "PLUGIN no_such_plugin does not exist")),
                executeWithWarnings(c, "UNINSTALL PLUGIN IF EXISTS no_such_plugin"));
    }

    @Test
    void installSonameInstallsEveryPluginOfTheLibrary() throws Exception {
        executeClean(c, "INSTALL SONAME 'test_two.so'");
        assertEquals(List.of(row("test_two_a", "ACTIVE", "DAEMON", "test_two.so", "GPL"),
                row("test_two_b", "ACTIVE", "DAEMON", "test_two.so", "BSD")), loadedPlugins(server));
        assertEquals(List.of(row("test_two_a", "test_two.so"), row("test_two_b", "test_two.so")), pluginTable(server));

        executeClean(c, "UNINSTALL SONAME 'test_two.so'");
        assertEquals(List.of(), loadedPlugins(server));
        assertEquals(List.of(), pluginTable(server));
        assertFalse(jarOpen(jar("test_two.jar")));
        assertFails(server, "UNINSTALL SONAME 'test_two.so'", 1305, "42000", "SONAME test_two.so does not exist");
        assertEquals(List.of(row("Note", "1305", "SONAME test_two.so does not exist")),
                executeWithWarnings(c, "UNINSTALL SONAME IF EXISTS 'test_two.so'"));
    }

    @Test
    void oneLibraryServesTwoInstallsAndStaysLoadedUntilTheLastIsGone() throws Exception {
        executeClean(c, "INSTALL PLUGIN test_two_b SONAME 'test_two.so'");
        executeClean(c, "INSTALL PLUGIN test_two_a SONAME 'test_two.so'");
        assertEquals(List.of(row("test_two_b", "ACTIVE", "DAEMON", "test_two.so", "BSD"),
                row("test_two_a", "ACTIVE", "DAEMON", "test_two.so", "GPL")), loadedPlugins(server));
        executeClean(c, "UNINSTALL PLUGIN test_two_b");
        assertTrue(jarOpen(jar("test_two.jar")), "test_two_a still uses the library");
        executeClean(c, "UNINSTALL PLUGIN test_two_a");
        assertFalse(jarOpen(jar("test_two.jar")));
    }

    @Test
    void installSonameSkipsPluginsAlreadyInstalledFromTheSameLibrary() throws Exception {
        // MariaDB's plugin_add counts those as "dupes" and goes on (spec §A.2); a clash with another
        // library's plugin is 1125 (samePluginNameFromAnotherLibraryIs1125)
        executeClean(c, "INSTALL PLUGIN test_two_a SONAME 'test_two.so'");
        executeClean(c, "INSTALL SONAME 'test_two.so'");
        assertEquals(List.of(row("test_two_a", "ACTIVE", "DAEMON", "test_two.so", "GPL"),
                row("test_two_b", "ACTIVE", "DAEMON", "test_two.so", "BSD")), loadedPlugins(server));
        assertEquals(List.of(row("test_two_a", "test_two.so"), row("test_two_b", "test_two.so")), pluginTable(server));
    }

    @Test
    void sonameWithAPathIs1124() throws Exception {
        for (String soname : List.of("../test_good.so", "a/b.so", "/tmp/test_good.so", "a\\\\b.so", "..")) {
            assertFails(server, "INSTALL PLUGIN test_good SONAME '" + soname + "'", 1124, "HY000",
                    "No paths allowed for shared library");
        }
        assertFails(server, "INSTALL SONAME '../test_good.so'", 1124, "HY000", "No paths allowed for shared library");
        assertEquals(List.of(), loadedPlugins(server));
    }

    @Test
    void missingLibraryIs1126WithTheFullPath() throws Exception {
        assertFails(server, "INSTALL PLUGIN nope SONAME 'nope.so'", 1126, "HY000",
                "Can't open shared library '" + jar("nope.jar")
                        + "' (errno: 2 cannot open shared object file: No such file or directory)");
        assertFails(server, "INSTALL SONAME 'nope.so'", 1126, "HY000",
                "Can't open shared library '" + jar("nope.jar")
                        + "' (errno: 2 cannot open shared object file: No such file or directory)");
    }

    @Test
    void corruptJarIs1126() throws Exception {
        Path corrupt = jar("corrupt.jar");
        Files.write(corrupt, "this is not a zip file, just garbage bytes\n".repeat(20).getBytes());
        var e = server.error("INSTALL PLUGIN corrupt SONAME 'corrupt.so'");
        String m = Fixtures.stripConn(e.getMessage());
        assertEquals(1126, e.getErrorCode(), m);
        assertEquals("HY000", e.getSQLState());
        assertTrue(m.startsWith("Can't open shared library '" + corrupt + "' (errno: 0 ") && m.endsWith(")"), m);
        assertEquals(List.of(), loadedPlugins(server));
    }

    @Test
    void classMissingFromTheJarIs1126() throws Exception {
        var e = server.error("INSTALL PLUGIN test_missing_class SONAME 'test_missing_class.so'");
        String m = Fixtures.stripConn(e.getMessage());
        assertEquals(1126, e.getErrorCode(), m);
        assertEquals("HY000", e.getSQLState());
        assertTrue(m.startsWith("Can't open shared library '" + jar("test_missing_class.jar") + "' (errno: 0 ")
                && m.endsWith(")") && m.contains("NotInThisJar"), m);
        assertFalse(jarOpen(jar("test_missing_class.jar")));
    }

    /** test_good.jar's copy named {@code name} whose manifest also says {@code attribute: value}. */
    private Path withManifest(String name, String attribute, String value) throws Exception {
        Path copy = jar(name);
        try (java.util.jar.JarFile in = new java.util.jar.JarFile(jar("test_good.jar").toFile())) {
            java.util.jar.Manifest m = new java.util.jar.Manifest(in.getManifest());
            m.getMainAttributes().putValue(attribute, value);
            try (java.util.jar.JarOutputStream out = new java.util.jar.JarOutputStream(Files.newOutputStream(copy), m)) {
                for (java.util.Enumeration<java.util.jar.JarEntry> e = in.entries(); e.hasMoreElements(); ) {
                    java.util.jar.JarEntry entry = e.nextElement();
                    if (entry.getName().equals("META-INF/MANIFEST.MF")) continue;
                    out.putNextEntry(new java.util.jar.JarEntry(entry.getName()));
                    in.getInputStream(entry).transferTo(out);
                    out.closeEntry();
                }
            }
        }
        return copy;
    }

    /**
     * The build records the plugin API version a jar was compiled against (Plugin-Api-Version); a
     * jar of another major or of a newer minor, or one whose Plugin-Requires this server's version
     * does not meet, is 1126 naming both versions, and leaves nothing loaded.
     */
    @Test
    void aJarForAnotherPluginApiOrServerVersionIs1126() throws Exception {
        try (java.util.jar.JarFile good = new java.util.jar.JarFile(jar("test_good.jar").toFile())) {
            assertEquals("1.2", good.getManifest().getMainAttributes().getValue("Plugin-Api-Version"));
        }
        Path major = withManifest("test_api_two.jar", "Plugin-Api-Version", "2.0");
        assertFails(server, "INSTALL PLUGIN test_good SONAME 'test_api_two.so'", 1126, "HY000", "Can't open shared library '"
                + major + "' (errno: 0 built against plugin API 2.0, this server has plugin API 1.2 (another major version))");
        Path minor = withManifest("test_api_newer.jar", "Plugin-Api-Version", "1.3");
        assertFails(server, "INSTALL PLUGIN test_good SONAME 'test_api_newer.so'", 1126, "HY000", "Can't open shared library '"
                + minor + "' (errno: 0 built against plugin API 1.3, this server has plugin API 1.2 (the library's minor"
                + " version is newer))");
        Path requires = withManifest("test_requires.jar", "Plugin-Requires", ">=99.0.0");
        SQLException e = SqlRunner.on(c).error("INSTALL PLUGIN test_good SONAME 'test_requires.so'");
        assertEquals(1126, e.getErrorCode());
        assertTrue(e.getMessage().contains("' (errno: 0 requires minisqld >=99.0.0, this server is "), e.getMessage());
        assertEquals(List.of(), loadedPlugins(server));
        executeClean(c, "INSTALL PLUGIN test_good SONAME 'test_good.so'");
        executeClean(c, "UNINSTALL PLUGIN test_good");
        // a jar built against an older minor (1.1, before row changes; 1.0, before PluginRefusal,
        // logging, contexts …) loads
        withManifest("test_api_11.jar", "Plugin-Api-Version", "1.1");
        executeClean(c, "INSTALL PLUGIN test_good SONAME 'test_api_11.so'");
        executeClean(c, "UNINSTALL PLUGIN test_good");
        Path older = withManifest("test_api_older.jar", "Plugin-Api-Version", "1.0");
        executeClean(c, "INSTALL PLUGIN test_good SONAME 'test_api_older.so'");
        assertEquals(List.of(List.of("test_good", "ACTIVE", "test_api_older.so", "1.0")), SqlRunner.on(c).rows(
                "SELECT PLUGIN_NAME, PLUGIN_STATUS, PLUGIN_LIBRARY, PLUGIN_LIBRARY_VERSION FROM information_schema.PLUGINS"
                        + " WHERE PLUGIN_NAME = 'test_good'"));
        executeClean(c, "UNINSTALL PLUGIN test_good");
        for (Path p : List.of(major, minor, requires, older)) Files.delete(p);
    }

    @Test
    void jarWithoutDeclarationsIs1127() throws Exception {
        assertFails(server, "INSTALL PLUGIN test_not_a_plugin SONAME 'test_not_a_plugin.so'", 1127, "HY000",
                "Can't find symbol '_mysql_plugin_declarations_' in library");
        assertFails(server, "INSTALL SONAME 'test_not_a_plugin.so'", 1127, "HY000",
                "Can't find symbol '_mysql_plugin_declarations_' in library");
        assertFalse(jarOpen(jar("test_not_a_plugin.jar")));
    }

    @Test
    void nameNotInTheLibraryIs1127AndTheLibraryIsNotKept() throws Exception {
        assertFails(server, "INSTALL PLUGIN no_such SONAME 'test_good.so'", 1127, "HY000",
                "Can't find symbol 'no_such' in library");
        // MySQL's text names the symbol only; a warning says what the library declares
        SqlRunner.on(c).error("INSTALL PLUGIN no_such SONAME 'test_good.so'");
        assertEquals(List.of(row("Warning", "1105", "Library 'test_good.so' declares: test_good"),
                        row("Error", "1127", "Can't find symbol 'no_such' in library")),
                SqlRunner.on(c).rows("SHOW WARNINGS"));
        assertEquals(List.of(), loadedPlugins(server));
        assertFalse(jarOpen(jar("test_good.jar")));
    }

    @Test
    void initFailureIs1123AndLeavesNothingBehind() throws Exception {
        assertFails(server, "INSTALL PLUGIN test_init_fails SONAME 'test_init_fails.so'", 1123, "HY000",
                "Can't initialize function 'test_init_fails'; Plugin initialization function failed.");
        // what init threw reaches the client as a warning, and the error log gets its stack trace
        SqlRunner.on(c).error("INSTALL PLUGIN test_init_fails SONAME 'test_init_fails.so'");
        assertEquals(List.of(row("Warning", "1123", "Can't initialize function 'test_init_fails';"
                                + " java.lang.IllegalStateException: test_init_fails refuses to start"),
                        row("Error", "1123",
                                "Can't initialize function 'test_init_fails'; Plugin initialization function failed.")),
                SqlRunner.on(c).rows("SHOW WARNINGS"));
        assertTrue(server.errorLogText().contains("at io.minisqld.testplugins.initfails."), "the stack trace is logged");
        assertEquals(List.of(), loadedPlugins(server));
        assertEquals(List.of(), pluginTable(server));
        assertEquals(List.of(), server.rows("SHOW VARIABLES LIKE 'test_init_fails%'"));
        assertEquals(List.of(), server.rows("SHOW STATUS LIKE 'Test_init_fails%'"));
        assertFails(server, "SELECT @@global.test_init_fails_level", 1193, "HY000",
                "Unknown system variable 'test_init_fails_level'");
        assertFalse(server.server().observers().transaction().pluginNames().contains("test_init_fails"),
                "the observer init registered before failing is gone");
        assertFalse(jarOpen(jar("test_init_fails.jar")), "the library is unloaded");

        // the library itself is fine: another of its plugins installs (from a freshly loaded library)
        executeClean(c, "INSTALL PLUGIN test_init_ok SONAME 'test_init_fails.so'");
        assertEquals(List.of(row("test_init_ok", "ACTIVE", "DAEMON", "test_init_fails.so", "GPL")),
                loadedPlugins(server));
        assertEquals(List.of(row("Test_init_ok_running", "ON")), server.rows("SHOW STATUS LIKE 'Test_init_ok%'"));
        assertFails(server, "INSTALL PLUGIN test_init_fails SONAME 'test_init_fails.so'", 1123, "HY000",
                "Can't initialize function 'test_init_fails'; Plugin initialization function failed.");
        assertEquals(List.of(row("test_init_ok", "test_init_fails.so")), pluginTable(server));
    }

    @Test
    void installSonameWithAFailingInitIs1123() throws Exception {
        assertFails(server, "INSTALL SONAME 'test_init_fails.so'", 1123, "HY000",
                "Can't initialize function 'test_init_fails'; Plugin initialization function failed.");
        assertEquals(List.of(), server.rows("SHOW VARIABLES LIKE 'test_init_fails%'"));
        assertTrue(pluginTable(server).stream().noneMatch(r -> r.get(0).equals("test_init_fails")), "no row for it");
    }

    @Test
    void deinitFailureIsLoggedAndUninstallSucceeds() throws Exception {
        executeClean(c, "INSTALL PLUGIN test_deinit_fails SONAME 'test_deinit_fails.so'");
        assertEquals(List.of(row("test_deinit_fails_level", "3")), server.rows("SHOW VARIABLES LIKE 'test_deinit_fails%'"));
        executeClean(c, "UNINSTALL PLUGIN test_deinit_fails");
        assertEquals(List.of(), loadedPlugins(server));
        assertEquals(List.of(), pluginTable(server));
        assertEquals(List.of(), server.rows("SHOW VARIABLES LIKE 'test_deinit_fails%'"));
        assertFalse(server.server().observers().transaction().pluginNames().contains("test_deinit_fails"),
                "the server removed the observer the failed deinit left registered");
        assertFalse(jarOpen(jar("test_deinit_fails.jar")));
        String log = Files.readString(server.errorLog());
        assertTrue(log.lines().anyMatch(l -> l.contains("test_deinit_fails") && l.contains("deinit")),
                "the error log names the plugin whose deinit failed:\n" + log);
    }

    @Test
    void samePluginNameFromAnotherLibraryIs1125() throws Exception {
        executeClean(c, "INSTALL PLUGIN test_dup SONAME 'test_dup_a.so'");
        assertFails(server, "INSTALL PLUGIN test_dup SONAME 'test_dup_b.so'", 1125, "HY000",
                "Function 'test_dup' already exists");
        assertFails(server, "INSTALL SONAME 'test_dup_b.so'", 1125, "HY000", "Function 'test_dup' already exists");
        assertEquals(List.of(row("test_dup", "ACTIVE", "DAEMON", "test_dup_a.so", "PROPRIETARY")), loadedPlugins(server));
        assertFalse(jarOpen(jar("test_dup_b.jar")), "the refused library is not kept loaded");
        executeClean(c, "UNINSTALL PLUGIN test_dup");
        executeClean(c, "INSTALL PLUGIN test_dup SONAME 'test_dup_b.so'");
        assertEquals(List.of(row("test_dup", "ACTIVE", "DAEMON", "test_dup_b.so", "PROPRIETARY")), loadedPlugins(server));
    }

    @Test
    void builtInPluginsCannotBeUninstalled() throws Exception {
        for (String name : List.of("binlog", "InnoDB", "innodb", "mysql_native_password")) {
            assertFails(server, "UNINSTALL PLUGIN " + name, 1619, "HY000", "Built-in plugins cannot be deleted");
        }
        assertEquals(Fixtures.BUILTIN_ROWS, server.rows("SHOW PLUGINS"));
    }

    @Test
    void uninstallBlockerGives1883WithThePluginsReason() throws Exception {
        executeClean(c, "INSTALL PLUGIN test_blocker SONAME 'test_blocker.so'");
        executeClean(c, "SET GLOBAL test_blocker_busy = ON");
        assertFails(server, "UNINSTALL PLUGIN test_blocker", 1883, "HY000",
                "Plugin 'test_blocker' cannot be uninstalled now. The fixture is busy.");
        assertEquals(List.of(row("test_blocker", "ACTIVE", "DAEMON", "test_blocker.so", "GPL")), loadedPlugins(server));
        assertEquals(List.of(row("test_blocker", "test_blocker.so")), pluginTable(server));
        assertEquals("1", server.value("SELECT @@global.test_blocker_busy"));
        executeClean(c, "SET GLOBAL test_blocker_busy = OFF");
        executeClean(c, "UNINSTALL PLUGIN test_blocker");
        assertEquals(List.of(), loadedPlugins(server));
    }

    @Test
    void withoutPrivilegesOnMysqlPluginInstallAndUninstallAre1142() throws Exception {
        server.executeAll("CREATE USER 'bob'@'localhost'", "GRANT SELECT ON mysql.plugin TO 'bob'@'localhost'",
                "CREATE USER 'ann'@'localhost'", "GRANT INSERT ON mysql.plugin TO 'ann'@'localhost'");
        try (Connection bob = server.newConnection("bob", null); Connection ann = server.newConnection("ann", null)) {
            SqlRunner asBob = () -> bob;
            SqlRunner asAnn = () -> ann;
            assertFails(asBob, "INSTALL PLUGIN test_good SONAME 'test_good.so'", 1142, "42000",
                    "INSERT command denied to user 'bob'@'localhost' for table 'plugin'");
            assertFails(asBob, "INSTALL SONAME 'test_two.so'", 1142, "42000",
                    "INSERT command denied to user 'bob'@'localhost' for table 'plugin'");
            // the privilege is checked before the plugin is looked up (spec §A.3 step 1)
            assertFails(asBob, "UNINSTALL PLUGIN no_such_plugin", 1142, "42000",
                    "DELETE command denied to user 'bob'@'localhost' for table 'plugin'");
            assertEquals(List.of(row("0")), asBob.rows("SELECT COUNT(*) FROM mysql.plugin"));

            executeClean(ann, "INSTALL PLUGIN test_good SONAME 'test_good.so'");
            assertFails(asAnn, "UNINSTALL PLUGIN test_good", 1142, "42000",
                    "DELETE command denied to user 'ann'@'localhost' for table 'plugin'");
            assertFails(asBob, "UNINSTALL PLUGIN test_good", 1142, "42000",
                    "DELETE command denied to user 'bob'@'localhost' for table 'plugin'");
            assertEquals(List.of(row("test_good", "ACTIVE", "REPLICATION", "test_good.so", "GPL")), loadedPlugins(server));
        } finally {
            server.executeAll("DROP USER 'bob'@'localhost'", "DROP USER 'ann'@'localhost'");
        }
    }
}
