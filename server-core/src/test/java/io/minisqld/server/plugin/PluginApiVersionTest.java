package io.minisqld.server.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minisqld.plugin.api.PluginLibrary;
import io.minisqld.server.error.SqlError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The rule a plugin jar's recorded API version is held to (docs/writing-plugins.md, "API
 * versions"): the same major and a minor no newer than the server's; and the build's recorded
 * version is the API's own.
 */
class PluginApiVersionTest {
    /** A server of plugin API 1.3. */
    private static final int API_1_3 = 0x0103;

    @Test
    void olderAndEqualMinorsAreTakenANewerMinorOrAnotherMajorIs1126() {
        Pf4jLibraryLoader.checkApiVersion("x.jar", "1.0", API_1_3);
        Pf4jLibraryLoader.checkApiVersion("x.jar", "1.3", API_1_3);
        Pf4jLibraryLoader.checkApiVersion("x.jar", null, API_1_3);
        SqlError newer = assertThrows(SqlError.class, () -> Pf4jLibraryLoader.checkApiVersion("x.jar", "1.4", API_1_3));
        assertEquals(1126, newer.number());
        assertEquals("Can't open shared library 'x.jar' (errno: 0 built against plugin API 1.4, this server has plugin"
                + " API 1.3 (the library's minor version is newer))", newer.getMessage());
        SqlError major = assertThrows(SqlError.class, () -> Pf4jLibraryLoader.checkApiVersion("x.jar", "2.0", API_1_3));
        assertTrue(major.getMessage().contains("built against plugin API 2.0, this server has plugin API 1.3 (another"
                + " major version)"), major.getMessage());
        assertThrows(SqlError.class, () -> Pf4jLibraryLoader.checkApiVersion("x.jar", "one", API_1_3));
    }

    @Test
    void theBuildRecordsTheApisOwnVersion() throws Exception {
        Matcher m = Pattern.compile("<minisqld.plugin-api.version>(\\d+)\\.(\\d+)</minisqld.plugin-api.version>")
                .matcher(Files.readString(Path.of("..", "pom.xml")));
        assertTrue(m.find(), "the parent pom names the plugin API version");
        assertEquals(PluginLibrary.INTERFACE_VERSION, Integer.parseInt(m.group(1)) << 8 | Integer.parseInt(m.group(2)));
    }
}
