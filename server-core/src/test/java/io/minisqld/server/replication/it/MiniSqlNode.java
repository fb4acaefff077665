package io.minisqld.server.replication.it;

import static org.junit.jupiter.api.Assertions.fail;

import io.minisqld.server.MiniSqlServer;
import io.minisqld.server.options.ServerOptions;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * One minisqld in a replication test, in this JVM ({@link Mode#IN_PROCESS}, through
 * {@link MiniSqlServer#start}) or as a separate {@code java … io.minisqld.server.Main} process
 * ({@link Mode#PROCESS}), with the binlog on ({@code --log-bin=mysql-bin}), its own datadir and
 * error log under the test's folder, and a loopback port that stays the same across
 * {@link #restart()} and {@link #kill9()} so replicas and sources find it again.
 */
final class MiniSqlNode implements Node {
    /** Where the node runs. */
    enum Mode { IN_PROCESS, PROCESS }

    static final String ERROR_LOG = "error.log";

    private final String name;
    private final Mode mode;
    private final long serverId;
    private final Path datadir;
    private final List<String> extraOptions;
    private int port;
    /** The running server in {@link Mode#IN_PROCESS}, null while stopped. */
    private MiniSqlServer server;
    /** The running server in {@link Mode#PROCESS}, null while stopped. */
    private Process process;
    private Path console;
    private int starts;

    private MiniSqlNode(String name, Mode mode, long serverId, Path datadir, List<String> extraOptions) {
        this.name = name;
        this.mode = mode;
        this.serverId = serverId;
        this.datadir = datadir;
        this.extraOptions = List.copyOf(extraOptions);
    }

    /** Starts a node with a fresh datadir {@code <dir>/<name>}; {@code extra} are more command-line options. */
    static MiniSqlNode start(Path dir, String name, Mode mode, long serverId, String... extra) throws Exception {
        Path datadir = dir.resolve(name);
        Files.createDirectories(datadir);
        MiniSqlNode node = new MiniSqlNode(name, mode, serverId, datadir, List.of(extra));
        node.port = mode == Mode.PROCESS ? freePort() : 0;
        node.launch();
        return node;
    }

    private List<String> options() {
        List<String> args = new ArrayList<>(List.of("--no-defaults", "--datadir=" + datadir, "--port=" + port,
                "--bind-address=127.0.0.1", "--server-id=" + serverId, "--log-bin=mysql-bin",
                "--log-error=" + ERROR_LOG));
        args.addAll(extraOptions);
        return args;
    }

    private void launch() throws Exception {
        starts++;
        if (mode == Mode.IN_PROCESS) {
            server = MiniSqlServer.start(ServerOptions.ofCommandLine(options().toArray(String[]::new)));
            port = server.port();
            return;
        }
        List<String> cmd = new ArrayList<>(List.of(javaExecutable().toString(), "-Xmx192m", "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-cp", serverClassPath(), "io.minisqld.server.Main"));
        cmd.addAll(options());
        console = datadir.getParent().resolve(name + "-console-" + starts + ".txt");
        process = new ProcessBuilder(cmd).directory(datadir.toFile()).redirectErrorStream(true)
                .redirectOutput(console.toFile()).start();
        // A test JVM that dies without closing its topology must not leave servers running.
        Process started = process;
        Runtime.getRuntime().addShutdownHook(new Thread(started::destroyForcibly));
        long deadline = System.nanoTime() + PROCESS_START.toNanos();
        while (true) {
            if (!process.isAlive()) fail(name + " exited with " + process.exitValue() + "\n" + diagnostics());
            try (Connection c = connect()) {
                return;
            } catch (java.sql.SQLException notYet) {
                if (System.nanoTime() > deadline) fail(name + " not accepting connections within " + PROCESS_START + "\n" + diagnostics());
                process.waitFor(100, TimeUnit.MILLISECONDS);
            }
        }
    }

    @Override
    public String name() {
        return name;
    }

    Mode mode() {
        return mode;
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public long serverId() {
        return serverId;
    }

    Path datadir() {
        return datadir;
    }

    boolean running() {
        return server != null || process != null;
    }

    /** The in-process server (for observers and the binlog service); fails for a process node. */
    MiniSqlServer server() {
        if (mode != Mode.IN_PROCESS || server == null) throw new IllegalStateException(name + " is not running in this JVM");
        return server;
    }

    /** The OS process id of a running {@link Mode#PROCESS} node. */
    long pid() {
        if (process == null) throw new IllegalStateException(name + " is not a running process");
        return process.pid();
    }

    /** Shuts the server down cleanly (SIGTERM for a process) and waits for it to end. */
    void stop() throws InterruptedException {
        if (server != null) {
            server.close();
            server = null;
        }
        if (process != null) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                fail(name + " still running 30 s after SIGTERM\n" + diagnostics());
            }
            process = null;
        }
    }

    /**
     * Ends the server without any shutdown work: SIGKILL for a process; for an in-process server
     * {@link MiniSqlServer#crashForTesting()}, which closes the listener and abandons the engine.
     */
    void kill9() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly();
            if (!process.waitFor(30, TimeUnit.SECONDS)) fail(name + " survived SIGKILL for 30 s");
            process = null;
        }
        if (server != null) {
            server.crashForTesting();
            server = null;
        }
    }

    /** Starts the stopped (or killed) server again on the same datadir and port. */
    void restart() throws Exception {
        if (running()) throw new IllegalStateException(name + " is running");
        launch();
    }

    @Override
    public String errorLog() throws IOException {
        Path log = datadir.resolve(ERROR_LOG);
        return Files.exists(log) ? Files.readString(log) : "";
    }

    /** The error log and, for a process, what it printed on its console. */
    String diagnostics() {
        StringBuilder b = new StringBuilder("--- ").append(name).append(" error log\n");
        try {
            b.append(errorLog());
            if (console != null && Files.exists(console)) b.append("--- console\n").append(Files.readString(console));
        } catch (IOException e) {
            b.append("(unreadable: ").append(e).append(")");
        }
        return b.toString();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            stop();
        } finally {
            if (process != null) process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Override
    public String toString() {
        return name + "(" + mode + ", server_id " + serverId + ", port " + port + ")";
    }

    // --- process plumbing

    /** A port that was free a moment ago, for a server in another process that must be told its port. */
    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    static Path javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    /**
     * The class path of the server's main classes and runtime libraries (PF4J included, not the
     * test classes, so the child uses the server's own logback.xml), as {@code it/TestServer} builds it.
     */
    static String serverClassPath() {
        Set<String> entries = new LinkedHashSet<>();
        for (String cls : List.of("io.minisqld.server.Main", "io.minisqld.plugin.api.variables.SystemVariable",
                "org.h2.Driver", "org.slf4j.Logger", "ch.qos.logback.classic.Logger", "ch.qos.logback.core.Appender",
                "org.pf4j.Plugin", "com.github.zafarkhaja.semver.Version")) {
            try {
                Class<?> c = Class.forName(cls, false, MiniSqlNode.class.getClassLoader());
                entries.add(Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
            } catch (ReflectiveOperationException | java.net.URISyntaxException e) {
                throw new IllegalStateException("cannot locate " + cls, e);
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    /** How long a process node may take to come up on this (shared, 2-core) machine. */
    static final Duration PROCESS_START = Duration.ofSeconds(60);
}
