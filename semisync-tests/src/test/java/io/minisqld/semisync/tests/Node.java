package io.minisqld.semisync.tests;

import io.minisqld.server.replication.it.MariaDbServer;
import io.minisqld.server.replication.it.Sql;
import io.minisqld.server.storage.ForgetfulFileLayer;

import static org.junit.jupiter.api.Assertions.fail;

import io.minisqld.server.MiniSqlServer;
import io.minisqld.server.options.DefaultFileLocations;
import io.minisqld.server.options.OptionReader;
import io.minisqld.server.options.ServerOptions;
import io.minisqld.server.storage.FileLayer;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * One minisqld for a semisync test, in this JVM (through {@link MiniSqlServer#start}) or as a
 * separate {@code java … io.minisqld.server.Main} process: its own datadir and error log under the
 * test's folder, the binlog on ({@code --log-bin=mysql-bin}), {@code plugin_dir} pointing at the folder
 * Maven copied the semisync jars into, and a loopback port that stays the same across
 * {@link #restart()}.
 */
final class Node implements AutoCloseable {
    static final String ERROR_LOG = "error.log";

    private final String name;
    private final long serverId;
    private final Path datadir;
    private final List<String> extraOptions;
    private final boolean ownProcess;
    /** The file layer of the next in-process start; null for the server's default (real files). */
    private FileLayer fileLayer;
    private int port;
    /** The running in-process server, null while stopped or for a process node. */
    private MiniSqlServer server;
    /** The running server process, null while stopped or for an in-process node. */
    private Process process;

    private Node(String name, long serverId, Path datadir, List<String> extraOptions, boolean ownProcess) {
        this.ownProcess = ownProcess;
        this.name = name;
        this.serverId = serverId;
        this.datadir = datadir;
        this.extraOptions = List.copyOf(extraOptions);
    }

    /** Starts a node with a fresh datadir {@code <dir>/<name>}; {@code extra} are more command-line options. */
    static Node start(Path dir, String name, long serverId, String... extra) throws Exception {
        Path datadir = dir.resolve(name);
        Files.createDirectories(datadir);
        Node node = new Node(name, serverId, datadir, List.of(extra), false);
        node.launch();
        return node;
    }

    /** Starts a node in its own JVM process on a free port, with a fresh datadir {@code <dir>/<name>}. */
    static Node startProcess(Path dir, String name, long serverId, String... extra) throws Exception {
        Path datadir = dir.resolve(name);
        Files.createDirectories(datadir);
        Node node = new Node(name, serverId, datadir, List.of(extra), true);
        node.port = MariaDbServer.freePort();
        node.launch();
        return node;
    }

    private void launch() throws Exception {
        // an option file given by the test replaces --no-defaults, and must come first as in mysqld
        String defaults = extraOptions.stream().filter(o -> o.startsWith("--defaults-file=")).findFirst()
                .orElse("--no-defaults");
        List<String> args = new ArrayList<>(List.of(defaults, "--datadir=" + datadir, "--port=" + port,
                "--bind-address=127.0.0.1", "--server-id=" + serverId, "--log-bin=mysql-bin",
                "--log-error=" + ERROR_LOG, "--plugin-dir=" + PluginJars.dir()));
        extraOptions.stream().filter(o -> !o.startsWith("--defaults-file=")).forEach(args::add);
        if (ownProcess) {
            launchProcess(args);
            return;
        }
        String[] argv = args.toArray(String[]::new);
        // ofCommandLine reads no file: an option file goes through mysqld's own reader
        ServerOptions options = defaults.equals("--no-defaults") ? ServerOptions.ofCommandLine(argv)
                : new OptionReader(DefaultFileLocations.none(), datadir).read(argv);
        server = fileLayer == null ? MiniSqlServer.start(options) : MiniSqlServer.start(options, fileLayer);
        port = server.port();
    }

    private void launchProcess(List<String> options) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx192m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", serverClassPath(),
                "io.minisqld.server.Main"));
        cmd.addAll(options);
        Path console = datadir.getParent().resolve(name + "-console.txt");
        process = new ProcessBuilder(cmd).directory(datadir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(console.toFile())).start();
        // a test JVM that dies without closing its cluster must not leave servers running
        Process started = process;
        Runtime.getRuntime().addShutdownHook(new Thread(started::destroyForcibly));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            if (!process.isAlive()) {
                fail(name + " exited with " + process.exitValue() + "\n" + Files.readString(console) + errorLog());
            }
            try (Connection c = connect()) {
                return;
            } catch (SQLException notYet) {
                if (System.nanoTime() > deadline) fail(name + " not accepting connections within 60 s\n" + errorLog());
                process.waitFor(100, TimeUnit.MILLISECONDS);
            }
        }
    }

    /** The class path of the server's classes and runtime libraries, without the test classes or plugins. */
    private static String serverClassPath() {
        Set<String> entries = new LinkedHashSet<>();
        for (String cls : List.of("io.minisqld.server.Main", "io.minisqld.plugin.api.variables.SystemVariable",
                "org.h2.Driver", "org.slf4j.Logger", "ch.qos.logback.classic.Logger", "ch.qos.logback.core.Appender",
                "org.pf4j.Plugin", "com.github.zafarkhaja.semver.Version")) {
            try {
                Class<?> c = Class.forName(cls, false, Node.class.getClassLoader());
                entries.add(Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
            } catch (ReflectiveOperationException | java.net.URISyntaxException e) {
                throw new IllegalStateException("cannot locate " + cls, e);
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    String name() {
        return name;
    }

    int port() {
        return port;
    }

    long serverId() {
        return serverId;
    }

    Path datadir() {
        return datadir;
    }

    /** The running in-process server; fails while stopped and for a process node. */
    MiniSqlServer server() {
        if (server == null) throw new IllegalStateException(name + " is not running in this JVM");
        return server;
    }

    /** A new JDBC connection as root. */
    Connection connect() throws SQLException {
        return Sql.connect(port, "root", "");
    }

    /** Shuts the server down cleanly (SIGTERM for a process) and waits for it to end. */
    void stop() {
        if (server != null) {
            server.close();
            server = null;
        }
        if (process != null) {
            Process p = process;
            process = null;
            p.destroy();
            try {
                if (!p.waitFor(30, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
                    fail(name + " still running 30 s after SIGTERM");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.destroyForcibly();
                throw new IllegalStateException("interrupted while stopping " + name, e);
            }
        }
    }

    /**
     * Ends the in-process server without any shutdown work ({@link MiniSqlServer#crashForTesting()}:
     * listener closed, engine abandoned, replication threads aborted).
     */
    void crash() {
        server().crashForTesting();
        server = null;
    }

    /** Starts the stopped server again on the same datadir and port, its files through {@code layer}. */
    void restart(FileLayer layer) throws Exception {
        fileLayer = layer;
        restart();
    }

    /** Starts an in-process node whose files go through {@code layer} (e.g. a {@link ForgetfulFileLayer}). */
    static Node start(Path dir, String name, long serverId, FileLayer layer, String... extra) throws Exception {
        Path datadir = dir.resolve(name);
        Files.createDirectories(datadir);
        Node node = new Node(name, serverId, datadir, List.of(extra), false);
        node.fileLayer = layer;
        node.launch();
        return node;
    }

    /** Starts the stopped server again on the same datadir and port. */
    void restart() throws Exception {
        if (server != null || process != null) throw new IllegalStateException(name + " is running");
        launch();
    }

    /** The error log so far (empty before the server wrote one). */
    String errorLog() throws IOException {
        Path log = datadir.resolve(ERROR_LOG);
        return Files.exists(log) ? Files.readString(log) : "";
    }

    @Override
    public void close() {
        stop();
    }

    @Override
    public String toString() {
        return name + "(server_id " + serverId + ", port " + port + ")";
    }
}
