package io.minisqld.semisync.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where Maven copied {@code semisync_master.jar} and {@code semisync_slave.jar} (the
 * {@code pre-integration-test} phase of this module); every server here gets copies in its plugin_dir.
 */
final class PluginJars {
    private PluginJars() {
    }

    static Path master() {
        return jar("semisync_master.jar");
    }

    static Path slave() {
        return jar("semisync_slave.jar");
    }

    /** MySQL 8.0.26's names of the source side. */
    static Path source() {
        return jar("semisync_source.jar");
    }

    /** MySQL 8.0.26's names of the replica side. */
    static Path replica() {
        return jar("semisync_replica.jar");
    }

    private static Path jar(String name) {
        Path jar = Path.of(System.getProperty("minisqld.semisyncPluginDir", "target/plugin-dir"), name).toAbsolutePath();
        assertTrue(Files.isRegularFile(jar), jar
                + " is missing: package the plugin modules first (mvn -pl semisync-tests -am verify)");
        return jar;
    }
}
