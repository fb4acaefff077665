package io.minisqld.testsupport;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The command line that starts minisqld's {@code Main} as its own process, with this JVM's classes. */
public final class MinisqldCommand {
    private MinisqldCommand() {
    }

    /**
     * The command that runs minisqld's {@code Main} with {@code arguments} in its own JVM: this
     * JVM's {@code java}, the server's classes and runtime libraries (not the test classes, so the
     * server uses its own logback.xml), a small heap and a quick start.
     */
    public static List<String> of(List<String> arguments) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", serverClassPath(),
                "io.minisqld.server.Main"));
        cmd.addAll(arguments);
        return cmd;
    }

    /** The server's classes and runtime libraries, each where this JVM loaded it from. */
    private static String serverClassPath() {
        Set<String> entries = new LinkedHashSet<>();
        for (String cls : List.of("io.minisqld.server.Main", "io.minisqld.plugin.api.variables.SystemVariable",
                "org.h2.Driver", "org.slf4j.Logger", "ch.qos.logback.classic.Logger", "ch.qos.logback.core.Appender",
                "org.pf4j.Plugin", "com.github.zafarkhaja.semver.Version")) {
            try {
                Class<?> c = Class.forName(cls, false, MinisqldCommand.class.getClassLoader());
                entries.add(Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
            } catch (ReflectiveOperationException | URISyntaxException e) {
                throw new IllegalStateException("cannot locate " + cls, e);
            }
        }
        return String.join(File.pathSeparator, entries);
    }
}
