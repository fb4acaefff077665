package io.minisqld.server;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The project version, from the build (server-core's version.properties). */
final class Version {
    private Version() {
    }

    static String project() {
        try (InputStream in = Version.class.getResourceAsStream("/io/minisqld/server/version.properties")) {
            if (in == null) return "dev";
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "dev").replace("-SNAPSHOT", "");
        } catch (IOException e) {
            return "dev";
        }
    }
}
