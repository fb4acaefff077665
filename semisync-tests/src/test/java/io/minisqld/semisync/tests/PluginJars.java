package io.minisqld.semisync.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where Maven copied {@code semisync_master.jar} and {@code semisync_slave.jar} (the
 * {@code pre-integration-test} phase of this module), the plugin_dir of every server here.
 */
final class PluginJars {
    static final String MASTER_JAR = "semisync_master.jar";
    static final String SLAVE_JAR = "semisync_slave.jar";

    private PluginJars() {
    }

    static Path dir() {
        Path dir = Path.of(System.getProperty("minisqld.semisyncPluginDir", "target/plugin-dir")).toAbsolutePath();
        for (String jar : new String[] {MASTER_JAR, SLAVE_JAR}) {
            assertTrue(Files.isRegularFile(dir.resolve(jar)), dir.resolve(jar)
                    + " is missing: package the plugin modules first (mvn -pl semisync-tests -am verify)");
        }
        return dir;
    }
}
