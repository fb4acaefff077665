package io.minisqld.plugintests;

import static io.minisqld.plugintests.Fixtures.executeClean;
import static io.minisqld.plugintests.Fixtures.loadedPlugins;
import static io.minisqld.plugintests.Fixtures.row;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.minisqld.testsupport.MinisqldHarness;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each library has its own class loader (issue requirement 8): two libraries bundling different
 * versions of the same third-party classes (commons-lang3 3.12.0 and 3.17.0, shaded unrelocated)
 * run side by side, each seeing its own copy.
 */
class ClassLoaderIsolationTest {
    @Test
    void twoVersionsOfOneLibraryWorkSideBySide() throws Exception {
        try (MinisqldHarness h = Fixtures.withAllFixtures().start()) {
            executeClean(h.connection(), "INSTALL PLUGIN test_dep_v1 SONAME 'test_dep_v1.so'");
            executeClean(h.connection(), "INSTALL PLUGIN test_dep_v2 SONAME 'test_dep_v2.so'");
            assertEquals(List.of(row("test_dep_v1", "ACTIVE", "DAEMON", "test_dep_v1.so", "GPL"),
                    row("test_dep_v2", "ACTIVE", "DAEMON", "test_dep_v2.so", "GPL")), loadedPlugins(h));
            assertEquals(List.of(row("Test_dep_v1_has_system_properties", "OFF"), row("Test_dep_v1_lang3_version", "3.12.0"),
                    row("Test_dep_v2_has_system_properties", "ON"), row("Test_dep_v2_lang3_version", "3.17.0")),
                    h.rows("SHOW GLOBAL STATUS LIKE 'Test_dep_v%'"));
            // each description went through its own StringUtils.capitalize
            assertEquals(List.of(row("Bundles commons-lang3 3.12.0"), row("Bundles commons-lang3 3.17.0")), h.rows(
                    "SELECT PLUGIN_DESCRIPTION FROM INFORMATION_SCHEMA.PLUGINS WHERE PLUGIN_NAME LIKE 'test\\_dep%' "
                            + "ORDER BY PLUGIN_NAME"));
            executeClean(h.connection(), "UNINSTALL PLUGIN test_dep_v1");
            assertEquals(List.of(row("Test_dep_v2_lang3_version", "3.17.0")),
                    h.rows("SHOW GLOBAL STATUS LIKE 'Test_dep_v%version'"));
        }
    }
}
