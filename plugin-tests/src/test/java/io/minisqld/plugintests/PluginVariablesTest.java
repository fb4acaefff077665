package io.minisqld.plugintests;

import static io.minisqld.plugintests.Fixtures.assertFails;
import static io.minisqld.plugintests.Fixtures.executeClean;
import static io.minisqld.plugintests.Fixtures.executeWithWarnings;
import static io.minisqld.plugintests.Fixtures.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minisqld.testsupport.MinisqldHarness;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * System and status variables a plugin declares (spec plugin-framework.md §C): named
 * {@code <plugin>_<name>}, set with SET GLOBAL, read with SELECT @@global and SHOW VARIABLES,
 * clamped with warning 1292, refused with 1231, unknown (1193) once the plugin is uninstalled;
 * status variables in SHOW STATUS and INFORMATION_SCHEMA.GLOBAL_STATUS.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PluginVariablesTest {
    private MinisqldHarness server;
    private Connection c;

    @BeforeAll
    void start() throws Exception {
        server = Fixtures.withAllFixtures().start();
        c = server.connection();
        server.execute("CREATE DATABASE vt");
        server.execute("CREATE TABLE vt.t (id INT PRIMARY KEY)");
    }

    @AfterAll
    void stop() {
        if (server != null) server.close();
    }

    @BeforeEach
    void install() throws SQLException {
        executeClean(c, "INSTALL PLUGIN test_good SONAME 'test_good.so'");
    }

    @AfterEach
    void uninstall() throws SQLException {
        server.execute("UNINSTALL PLUGIN IF EXISTS test_good");
    }

    @Test
    void variablesAppearWithThePluginPrefixAndDefaults() throws Exception {
        assertEquals(List.of(row("test_good_flag", "OFF"), row("test_good_limit", "10"), row("test_good_mode", "FAST")),
                server.rows("SHOW VARIABLES LIKE 'test_good%'"));
        assertEquals(List.of(row("test_good_limit", "10")), server.rows("SHOW GLOBAL VARIABLES LIKE 'test_good_limit'"));
        assertEquals(List.of(row("0", "10", "FAST")),
                server.rows("SELECT @@global.test_good_flag, @@global.test_good_limit, @@global.test_good_mode"));
        assertEquals(List.of(row("TEST_GOOD_LIMIT", "10")), server.rows(
                "SELECT VARIABLE_NAME, VARIABLE_VALUE FROM INFORMATION_SCHEMA.GLOBAL_VARIABLES "
                        + "WHERE VARIABLE_NAME = 'test_good_limit'"));
    }

    @Test
    void setGlobalChangesTheValueAndCallsThePluginsUpdate() throws Exception {
        executeClean(c, "SET GLOBAL test_good_flag = ON");
        executeClean(c, "SET GLOBAL test_good_limit = 42");
        executeClean(c, "SET GLOBAL test_good_mode = 'paranoid'");
        assertEquals(List.of(row("1", "42", "PARANOID")),
                server.rows("SELECT @@global.test_good_flag, @@global.test_good_limit, @@global.test_good_mode"));
        assertEquals(List.of(row("test_good_flag", "ON"), row("test_good_limit", "42"), row("test_good_mode", "PARANOID")),
                server.rows("SHOW VARIABLES LIKE 'test_good%'"));
        executeClean(c, "SET GLOBAL test_good_mode = 1");
        assertEquals("SAFE", server.value("SELECT @@global.test_good_mode"));
        executeClean(c, "SET GLOBAL test_good_flag = 0");
        assertEquals("OFF", server.globalVariable("test_good_flag").orElseThrow());
        assertEquals(List.of(row("Test_good_flag_updates", "2")), server.rows("SHOW STATUS LIKE 'Test_good_flag_updates'"));
        executeClean(c, "SET GLOBAL test_good_limit = DEFAULT");
        assertEquals("10", server.value("SELECT @@global.test_good_limit"));
    }

    @Test
    void outOfRangeIntegersAreClampedWithWarning1292() throws Exception {
        assertEquals(List.of(row("Warning", "1292", "Truncated incorrect test_good_limit value: '500'")),
                executeWithWarnings(c, "SET GLOBAL test_good_limit = 500"));
        assertEquals("100", server.value("SELECT @@global.test_good_limit"));
        assertEquals(List.of(row("Warning", "1292", "Truncated incorrect test_good_limit value: '0'")),
                executeWithWarnings(c, "SET GLOBAL test_good_limit = 0"));
        assertEquals("1", server.value("SELECT @@global.test_good_limit"));
    }

    @Test
    void badValuesAre1231And1232() throws Exception {
        assertFails(server, "SET GLOBAL test_good_mode = 'bogus'", 1231, "42000",
                "Variable 'test_good_mode' can't be set to the value of 'bogus'");
        assertFails(server, "SET GLOBAL test_good_mode = 3", 1231, "42000",
                "Variable 'test_good_mode' can't be set to the value of '3'");
        assertFails(server, "SET GLOBAL test_good_flag = 'maybe'", 1231, "42000",
                "Variable 'test_good_flag' can't be set to the value of 'maybe'");
        assertFails(server, "SET GLOBAL test_good_limit = 'ten'", 1232, "42000",
                "Incorrect argument type to variable 'test_good_limit'");
        assertEquals(List.of(row("0", "10", "FAST")),
                server.rows("SELECT @@global.test_good_flag, @@global.test_good_limit, @@global.test_good_mode"));
    }

    @Test
    void globalOnlyVariablesRefuseSessionScope() throws Exception {
        assertFails(server, "SET SESSION test_good_limit = 5", 1229, "HY000",
                "Variable 'test_good_limit' is a GLOBAL variable and should be set with SET GLOBAL");
        assertFails(server, "SET test_good_limit = 5", 1229, "HY000",
                "Variable 'test_good_limit' is a GLOBAL variable and should be set with SET GLOBAL");
        assertFails(server, "SELECT @@session.test_good_limit", 1238, "HY000",
                "Variable 'test_good_limit' is a GLOBAL variable");
        assertEquals("10", server.value("SELECT @@test_good_limit"));
    }

    @Test
    void afterUninstallTheVariablesAreUnknown() throws Exception {
        executeClean(c, "SET GLOBAL test_good_limit = 77");
        executeClean(c, "UNINSTALL PLUGIN test_good");
        assertFails(server, "SELECT @@global.test_good_limit", 1193, "HY000", "Unknown system variable 'test_good_limit'");
        assertFails(server, "SET GLOBAL test_good_flag = ON", 1193, "HY000", "Unknown system variable 'test_good_flag'");
        assertEquals(List.of(), server.rows("SHOW VARIABLES LIKE 'test_good%'"));
        assertEquals(List.of(), server.rows("SHOW STATUS LIKE 'Test_good%'"));
        // a new INSTALL starts from the declared defaults (values live with the plugin, spec §C.4)
        executeClean(c, "INSTALL PLUGIN test_good SONAME 'test_good.so'");
        assertEquals("10", server.value("SELECT @@global.test_good_limit"));
    }

    @Test
    void theObserverCountsCommitsIntoItsStatusVariable() throws Exception {
        // whatever one SHOW STATUS itself commits is measured first, so the difference is exact
        long idle = -commits() + commits();
        long before = commits();
        try (Statement st = c.createStatement()) {
            for (int i = 1; i <= 3; i++) st.execute("INSERT INTO vt.t VALUES (" + i + ")");
        }
        assertEquals(3 + idle, commits() - before, "three autocommit INSERTs are three commits");
        server.execute("DELETE FROM vt.t");
    }

    @Test
    void statusVariablesShowInShowStatusAndGlobalStatus() throws Exception {
        assertEquals(List.of("Test_good_commits", "Test_good_flag_updates"),
                server.rows("SHOW GLOBAL STATUS LIKE 'Test_good%'").stream().map(r -> r.get(0)).toList());
        assertEquals(List.of("Test_good_commits", "Test_good_flag_updates"),
                server.rows("SHOW SESSION STATUS LIKE 'test_good%'").stream().map(r -> r.get(0)).toList());
        assertEquals(List.of(row("TEST_GOOD_FLAG_UPDATES", "0")), server.rows(
                "SELECT VARIABLE_NAME, VARIABLE_VALUE FROM INFORMATION_SCHEMA.GLOBAL_STATUS "
                        + "WHERE VARIABLE_NAME LIKE 'test_good_flag%'"));
        long shownBefore = commits();
        long inTable = Long.parseLong(server.value(
                "SELECT VARIABLE_VALUE FROM INFORMATION_SCHEMA.GLOBAL_STATUS WHERE VARIABLE_NAME = 'TEST_GOOD_COMMITS'"));
        long shownAfter = commits();
        assertTrue(shownBefore <= inTable && inTable <= shownAfter, shownBefore + " <= " + inTable + " <= " + shownAfter);
    }

    private long commits() throws SQLException {
        return Long.parseLong(server.globalStatus("Test_good_commits").orElseThrow());
    }
}
