package io.minisqld.testsupport;

import io.minisqld.server.StartupException;
import io.minisqld.server.storage.FileLayer;
import io.minisqld.testcommon.Ports;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What to start: where, how, which jars, plugins and options. Reusable: each {@link #start()}
 * is a new server; {@link #copy()} gives an independent builder to vary.
 */
public final class HarnessBuilder {
    final boolean inProcess;
    String name = "minisqld";
    Path parent;
    Long serverId;
    boolean logBin;
    Path optionFile;
    FileLayer fileLayer;
    final List<Jar> jars = new ArrayList<>();
    final List<Install> installs = new ArrayList<>();
    final List<String> options = new ArrayList<>();

    HarnessBuilder(boolean inProcess) {
        this.inProcess = inProcess;
    }

    /** An independent builder with everything configured so far. */
    public HarnessBuilder copy() {
        HarnessBuilder b = new HarnessBuilder(inProcess);
        b.name = name;
        b.parent = parent;
        b.serverId = serverId;
        b.logBin = logBin;
        b.optionFile = optionFile;
        b.fileLayer = fileLayer;
        b.jars.addAll(jars);
        b.installs.addAll(installs);
        b.options.addAll(options);
        return b;
    }

    /** The server's name in messages and, with {@link #in}, its folder's name; default "minisqld". */
    public HarnessBuilder name(String name) {
        this.name = fileName(name);
        return this;
    }

    /**
     * Puts the server's folder at {@code <parent>/<name>} (created if missing) and leaves it
     * there at {@link MinisqldHarness#close()}, e.g. in a JUnit {@code @TempDir} that keeps
     * a failed run's files. By default the folder is a new temporary one, deleted at close.
     */
    public HarnessBuilder in(Path parent) {
        this.parent = Objects.requireNonNull(parent);
        return this;
    }

    /** {@code --server-id=<id>} (the server's default is 0). */
    public HarnessBuilder serverId(long id) {
        this.serverId = id;
        return this;
    }

    /** {@code --log-bin=mysql-bin}: the binary log on, files {@code mysql-bin.000001…} in the datadir. */
    public HarnessBuilder logBin() {
        this.logBin = true;
        return this;
    }

    /** Reads {@code file} as mysqld does ({@code --defaults-file}) instead of {@code --no-defaults}. */
    public HarnessBuilder optionFile(Path file) {
        this.optionFile = file.toAbsolutePath();
        return this;
    }

    /** In this JVM only: the server's files go through {@code layer} (e.g. one that forgets unsynced writes). */
    public HarnessBuilder fileLayer(FileLayer layer) {
        if (!inProcess) throw new IllegalStateException("a file layer needs an in-process server");
        this.fileLayer = Objects.requireNonNull(layer);
        return this;
    }

    /** Copies {@code jar} into the plugin_dir under its own file name. */
    public HarnessBuilder plugin(Path jar) {
        return plugin(jar, jar.getFileName().toString());
    }

    /**
     * Copies {@code jar} into the plugin_dir as {@code fileName}: the SONAME {@code x.so} finds
     * {@code x.jar}, so a build output such as {@code target/my-plugin-1.0.jar} can be offered
     * as {@code my_plugin.jar}.
     */
    public HarnessBuilder plugin(Path jar, String fileName) {
        Objects.requireNonNull(jar, "jar");
        jars.add(new Jar(jar, fileName(fileName)));
        return this;
    }

    /** After the first start, runs {@code INSTALL PLUGIN name SONAME 'soname'} (in the order given). */
    public HarnessBuilder install(String name, String soname) {
        installs.add(new Install(Objects.requireNonNull(name), Objects.requireNonNull(soname)));
        return this;
    }

    /**
     * More command-line options, after the harness's own ({@code --no-defaults --datadir
     * --port --bind-address=127.0.0.1 --plugin-dir --log-error}, then {@code --server-id} and
     * {@code --log-bin} when asked for); a later option wins, as in MySQL. E.g.
     * {@code "--log-bin=mysql-bin", "--server-id=1"} or {@code "--loose-my-plugin-enabled=OFF"}.
     */
    public HarnessBuilder options(String... more) {
        options.addAll(List.of(more));
        return this;
    }

    /**
     * Creates the folders, copies the jars, starts the server (a process: until it accepts
     * connections) and runs the INSTALLs. On any failure the server is stopped and the folder
     * it created deleted before the exception is thrown.
     *
     * @throws IOException      a jar is missing or cannot be copied
     * @throws StartupException the server refused its options (a process: exited before it was ready)
     * @throws SQLException     an INSTALL failed
     */
    public MinisqldHarness start() throws IOException, StartupException, SQLException {
        for (Jar j : jars) {
            if (!Files.isRegularFile(j.source())) {
                throw new IOException("plugin jar " + j.source().toAbsolutePath()
                        + " does not exist (was the plugin packaged before the tests ran?)");
            }
        }
        Path root = parent == null ? Files.createTempDirectory("minisqld-test-" + name + "-")
                : Files.createDirectories(parent.resolve(name));
        MinisqldHarness harness = new MinisqldHarness(this, root, parent == null);
        try {
            Files.createDirectories(harness.pluginDir());
            for (Jar j : jars) {
                Files.copy(j.source(), harness.pluginDir().resolve(j.fileName()), StandardCopyOption.REPLACE_EXISTING);
            }
            harness.firstStart(inProcess ? 0 : Ports.freePort());
            for (Install i : installs) harness.install(i.name(), i.soname());
            return harness;
        } catch (IOException | StartupException | SQLException | RuntimeException | Error e) {
            try {
                harness.close();
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    private static String fileName(String name) {
        if (name.isEmpty() || name.contains("/") || name.contains("\\")) {
            throw new IllegalArgumentException("a file name, not a path: " + name);
        }
        return name;
    }

    private record Jar(Path source, String fileName) {
    }

    private record Install(String name, String soname) {
    }
}
