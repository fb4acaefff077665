package io.minisqld.testsupport;

import io.minisqld.server.MiniSqlServer;
import io.minisqld.server.StartupException;
import io.minisqld.server.options.DefaultFileLocations;
import io.minisqld.server.options.OptionFileException;
import io.minisqld.server.options.OptionReader;
import io.minisqld.server.options.ServerOptions;
import io.minisqld.server.storage.FileLayer;
import io.minisqld.testcommon.Poll;
import io.minisqld.testcommon.Program;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ref.WeakReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * One minisqld for a test, the project's one server fixture: in this JVM ({@link #inProcess()})
 * or as its own {@code java … io.minisqld.server.Main} process ({@link #asProcess()}), with a
 * folder holding {@code data/} (the datadir) and {@code plugins/} (the plugin_dir, with copies of
 * the jars under test), listening on 127.0.0.1 on a port that stays the same across
 * {@link #restart()}, the plugins INSTALLed, and JDBC connections to it as {@code root@localhost}
 * (MariaDB Connector/J). {@link #close()} stops the server and deletes the folder it created.
 *
 * <pre>{@code
 * try (MinisqldHarness server = MinisqldHarness.builder()
 *         .plugin(Path.of("target/my_plugin.jar"))
 *         .install("my_plugin", "my_plugin.so")
 *         .options("--log-bin=mysql-bin", "--server-id=1")
 *         .start()) {
 *     server.execute("CREATE TABLE test.t (id INT PRIMARY KEY)");
 *     assertEquals(Optional.of("ON"), server.globalVariable("my_plugin_enabled"));
 * }
 * }</pre>
 *
 * <p>A source with replicas: {@link Topology#sourceAndReplicas}. Several servers in one JVM share
 * nothing: every harness is an object with its own folder, port and server.
 *
 * <p>Not thread-safe: one test thread drives it. The connections it hands out may be used from
 * other threads, as JDBC allows.
 */
public final class MinisqldHarness implements DatabaseServer, SqlRunner, AutoCloseable {
    /** The error log's file name in the datadir, unless the options name another. */
    public static final String ERROR_LOG = "minisqld.err";
    /** How long a server process may take to accept connections, crash recovery included; only catches a hang. */
    private static final Duration PROCESS_START = Duration.ofSeconds(90);

    private final String name;
    private final boolean inProcess;
    private final Path root;
    /** Whether {@link #close()} deletes {@link #root}: true unless the test chose the folder ({@link HarnessBuilder#in}). */
    private final boolean ownsRoot;
    private final Path datadir;
    private final Path pluginDir;
    private final Path optionFile;
    /** Where an in-process server's files go; null for the server's default (real files). */
    private FileLayer fileLayer;
    /** The command-line options after the harness's own ones (and after {@code --port}). */
    private final List<String> options;
    /** Every connection handed out and not yet seen closed; closed with the server. */
    private final Set<Connection> opened = new LinkedHashSet<>();
    private int port;
    private int starts;
    /** The error log's length when the server last started: {@link #errorLogSinceStart()} begins there. */
    private long errorLogAtStart;
    /** The running server in this JVM, null while stopped or for a process. */
    private MiniSqlServer server;
    /** The server process, null before the first start or for an in-process server. */
    private ServerProcess process;
    private Connection shared;

    MinisqldHarness(HarnessBuilder b, Path root, boolean ownsRoot) {
        this.name = b.name;
        this.inProcess = b.inProcess;
        this.root = root;
        this.ownsRoot = ownsRoot;
        this.datadir = root.resolve("data");
        this.pluginDir = root.resolve("plugins");
        this.optionFile = b.optionFile;
        this.fileLayer = b.fileLayer;
        List<String> own = new ArrayList<>();
        if (b.serverId != null) own.add("--server-id=" + b.serverId);
        if (b.logBin) own.add("--log-bin=mysql-bin");
        own.addAll(b.options);
        this.options = List.copyOf(own);
    }

    /** A builder for an in-process server (the same as {@link #inProcess()}). */
    public static HarnessBuilder builder() {
        return inProcess();
    }

    /** A builder for a server in this JVM, started through {@link MiniSqlServer#start}. */
    public static HarnessBuilder inProcess() {
        return new HarnessBuilder(true);
    }

    /**
     * A builder for a server in its own JVM process, started the way {@code bin/minisqld} starts it;
     * for tests of signals, process exit and crashes. {@link #server()} is not available then.
     */
    public static HarnessBuilder asProcess() {
        return new HarnessBuilder(false);
    }


    @Override
    public String name() {
        return name;
    }

    /** The running in-process server object (variables, status, sessions), for what SQL cannot show. */
    public MiniSqlServer server() {
        if (server == null) {
            throw new IllegalStateException(name + (inProcess ? " is not running" : " runs as a process"));
        }
        return server;
    }

    /** The server's process (its pid, exit status), for a server started {@link #asProcess()}. */
    public Process process() {
        if (process == null) throw new IllegalStateException(name + " is not a server process");
        return process.process();
    }

    /** The TCP port on 127.0.0.1; the same after {@link #restart()}. */
    @Override
    public int port() {
        return port;
    }

    /** {@code server_id} as the command line sets it (0, the server's default, if it does not). */
    @Override
    public long serverId() {
        String last = null;
        for (String o : options) {
            if (o.startsWith("--server-id=") || o.startsWith("--server_id=")) last = o.substring("--server-id=".length());
        }
        return last == null ? 0 : Long.parseLong(last);
    }

    /** The folder holding the datadir, the plugin_dir and a server process's console output. */
    public Path folder() {
        return root;
    }

    public Path datadir() {
        return datadir;
    }

    public Path pluginDir() {
        return pluginDir;
    }

    /** The error log file (server start-up lines, plugin messages, failed hooks). */
    public Path errorLog() {
        String file = ERROR_LOG;
        for (String o : options) {
            if (o.startsWith("--log-error=") || o.startsWith("--log_error=")) file = o.substring("--log-error=".length());
        }
        return datadir.resolve(file);
    }

    /** The error log's text so far, across restarts; empty before the server wrote one. */
    @Override
    public String errorLogText() throws IOException {
        return new String(errorLogBytes(), StandardCharsets.UTF_8);
    }

    /** What the error log gained since the server last started (the lines of this start). */
    public String errorLogSinceStart() throws IOException {
        byte[] all = errorLogBytes();
        int from = (int) Math.min(errorLogAtStart, all.length);
        return new String(all, from, all.length - from, StandardCharsets.UTF_8);
    }

    /** The last lines of the error log and, for a process, its console output: for failure messages. */
    public String diagnostics() {
        StringBuilder b = new StringBuilder("--- ").append(name).append(" error log (last lines)\n");
        try {
            List<String> lines = errorLogText().lines().toList();
            b.append(String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()))).append('\n');
        } catch (IOException e) {
            b.append("(unreadable: ").append(e).append(")\n");
        }
        if (process != null) b.append("--- ").append(name).append(" console\n").append(process.console());
        return b.toString();
    }

    /** The command-line arguments of the last start. */
    public List<String> arguments() {
        List<String> args = new ArrayList<>(List.of(optionFile == null ? "--no-defaults" : "--defaults-file=" + optionFile,
                "--datadir=" + datadir, "--port=" + port, "--bind-address=127.0.0.1", "--plugin-dir=" + pluginDir,
                "--log-error=" + ERROR_LOG,
                // no certificates at each test server's first start (three RSA keys): a test that
                // wants TLS asks for it with --auto-generate-certs=ON or ssl_cert / ssl_key
                "--auto-generate-certs=OFF"));
        args.addAll(options);
        return args;
    }

    /** Whether the server is up (not yet stopped, killed or ended by itself). */
    public boolean running() {
        return server != null || (process != null && process.alive());
    }

    /** A JDBC URL for {@code user} (no password) with no default database. */
    public String jdbcUrl(String user) {
        return jdbcUrl(user, "");
    }

    /** A JDBC URL for {@code user} (no password) with {@code database} as the default database. */
    public String jdbcUrl(String user, String database) {
        return DatabaseServer.jdbcUrl(port, database, user);
    }

    /** The shared connection the {@link SqlRunner} helpers use, opened on first use. */
    @Override
    public Connection connection() throws SQLException {
        if (shared == null || shared.isClosed()) shared = newConnection();
        return shared;
    }

    /** A new connection as {@code root@localhost}; closed with the server if the test has not closed it. */
    @Override
    public Connection newConnection() throws SQLException {
        return track(DriverManager.getConnection(jdbcUrl("root")));
    }

    /** A new connection as {@code user} with {@code password}; closed with the server if the test has not closed it. */
    public Connection newConnection(String user, String password) throws SQLException {
        return track(DriverManager.getConnection(
                "jdbc:mariadb://127.0.0.1:" + port + "/?connectTimeout=10000", user, password == null ? "" : password));
    }

    /**
     * Runs the real {@code mariadb} client as root against this server,
     * {@code mariadb --no-defaults -h127.0.0.1 -P<port> -uroot <args>}, with {@code stdin} (or
     * nothing) as its input.
     */
    public Program.Result mariadb(String stdin, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Program.existing(Program.MARIADB), "--no-defaults", "-h127.0.0.1",
                "-P" + port, "-uroot"));
        cmd.addAll(Arrays.asList(args));
        return Program.run(cmd, stdin, Duration.ofSeconds(30));
    }

    /** {@code INSTALL PLUGIN name SONAME 'soname'} on the shared connection. */
    public void install(String name, String soname) throws SQLException {
        execute("INSTALL PLUGIN " + name + " SONAME '" + soname.replace("'", "''") + "'");
    }

    /** {@code UNINSTALL PLUGIN name} on the shared connection. */
    public void uninstall(String name) throws SQLException {
        execute("UNINSTALL PLUGIN " + name);
    }

    /**
     * The class loader of an installed plugin's library, for leak tests. Hold it only through a
     * {@link WeakReference}, or the test itself keeps the library alive.
     */
    public Optional<ClassLoader> pluginClassLoader(String pluginName) {
        return server().plugins().classLoader(pluginName);
    }

    /**
     * Uninstalls {@code pluginName}, the last installed plugin of its library, and checks that
     * nothing keeps the library loaded: its class loader must become unreachable (observers,
     * variable callbacks, threads, thread locals and timers all gone) within {@code timeout},
     * while the test applies GC pressure.
     *
     * @throws AssertionError if the plugin has no class loader (not installed from a jar) or the
     *                        class loader is still reachable after {@code timeout}
     */
    public void uninstallAndAssertUnloaded(String pluginName, Duration timeout) throws SQLException {
        WeakReference<ClassLoader> loader = new WeakReference<>(pluginClassLoader(pluginName)
                .orElseThrow(() -> new AssertionError("plugin " + pluginName + " has no library class loader")));
        uninstall(pluginName);
        Poll.untilCollected("the class loader of " + pluginName + "'s library to become unreachable after UNINSTALL"
                + " (something such as an observer, a thread or a callback holds it)", timeout, List.of(loader));
    }

    /**
     * Stops the server if it runs (closing every connection) and starts it again on the same
     * datadir, plugin_dir and port with the same options: plugins come back from
     * {@code mysql.plugin}, as after a real restart. Also starts a {@link #stop() stopped} or
     * {@link #kill() killed} server again.
     */
    public void restart() throws StartupException {
        if (running()) stop();
        try {
            launch();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@link #restart()} with the server's files going through {@code layer} from now on (in this
     * JVM only): e.g. real files again after a simulated power loss.
     */
    public void restart(FileLayer layer) throws StartupException {
        if (!inProcess) throw new IllegalStateException("a file layer needs an in-process server");
        if (running()) stop();
        fileLayer = Objects.requireNonNull(layer);
        restart();
    }

    /**
     * Shuts the server down cleanly and waits for it: {@link MiniSqlServer#close()} in this JVM,
     * SIGTERM for a process; then closes the connections handed out. The server goes first, as a
     * real shutdown does: a connection whose statement is still running (a commit waiting for a
     * semisync acknowledgement) could not be closed before the server ended that statement. The
     * datadir stays.
     */
    public void stop() {
        try {
            if (server != null) {
                MiniSqlServer s = server;
                server = null;
                s.close();
            }
            if (process != null && process.alive()) {
                try {
                    process.stop();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while stopping " + name, e);
                }
            }
        } finally {
            closeConnections();
        }
    }

    /**
     * Ends the server without any shutdown work, as a crash would: SIGKILL for a process; in this
     * JVM {@link MiniSqlServer#crashForTesting()} (listener closed, engine abandoned with what it
     * had not written, replication threads aborted). The connections handed out are closed
     * afterwards (they see the crash first). {@link #restart()} starts it again.
     */
    public void kill() throws InterruptedException {
        if (server != null) {
            MiniSqlServer s = server;
            server = null;
            s.crashForTesting();
            crashedInProcess = true;
        }
        if (process != null && process.alive()) process.kill();
        closeConnections();
    }

    /**
     * Waits until a server process ends by itself (after {@code SHUTDOWN} or
     * {@code mariadb-admin shutdown}) and returns its exit status.
     */
    public int awaitExit(Duration timeout) throws InterruptedException {
        if (process == null) throw new IllegalStateException(name + " is not a server process");
        return process.awaitExit(timeout);
    }

    /** Stops the server and deletes the folder the harness created (not one the test chose). */
    @Override
    public void close() {
        try {
            stop();
        } finally {
            try {
                if (process != null && process.alive()) process.kill();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                if (ownsRoot) deleteTree(root);
            }
        }
    }

    @Override
    public String toString() {
        return name + "(" + (inProcess ? "in-process" : "process") + ", server_id " + serverId() + ", port " + port + ")";
    }

    /** The builder's first start: on {@code port} (0: an ephemeral one, for an in-process server). */
    void firstStart(int port) throws IOException, StartupException {
        this.port = port;
        launch();
    }

    /** How long a restart after an in-process crash waits for the crashed store to let go of its file. */
    private static final java.time.Duration CRASHED_STORE_RELEASE = java.time.Duration.ofSeconds(10);
    /** The last stop was {@link #kill()} of a server in this JVM. */
    private boolean crashedInProcess;

    private void launch() throws IOException, StartupException {
        starts++;
        errorLogAtStart = Files.exists(errorLog()) ? Files.size(errorLog()) : 0;
        List<String> args = arguments();
        if (inProcess) {
            String[] argv = args.toArray(String[]::new);
            long deadline = System.nanoTime() + CRASHED_STORE_RELEASE.toNanos();
            while (true) {
                try {
                    server = fileLayer == null ? MiniSqlServer.start(serverOptions(argv))
                            : MiniSqlServer.start(serverOptions(argv), fileLayer);
                    break;
                } catch (StartupException e) {
                    // a server crashed in this JVM (kill()) leaves its store to threads that may still
                    // be letting go of the file; a process's crash frees it at once, which this waits for
                    boolean held = crashedInProcess && String.valueOf(e.getMessage()).contains("already in use");
                    if (!held || System.nanoTime() > deadline) throw e;
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                        throw e;
                    }
                }
            }
            crashedInProcess = false;
            port = server.port();
            return;
        }
        process = ServerProcess.start(name, MinisqldCommand.of(args), root, root.resolve("console-" + starts + ".txt"));
        boolean ready;
        try {
            ready = process.awaitAcceptingConnections(port, PROCESS_START, this::diagnostics);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.process().destroyForcibly();
            throw new StartupException("interrupted while " + name + " started", e);
        }
        if (!ready) {
            throw new StartupException(name + " exited with status " + process.process().exitValue()
                    + " before it accepted connections\n" + diagnostics(), null);
        }
    }

    /** The command line as mysqld reads it; an option file goes through mysqld's own reader. */
    private ServerOptions serverOptions(String[] argv) throws StartupException {
        if (optionFile == null) return ServerOptions.ofCommandLine(argv);
        try {
            return new OptionReader(DefaultFileLocations.none(), root).read(argv);
        } catch (OptionFileException e) {
            throw new StartupException(e.getMessage(), e);
        }
    }

    private byte[] errorLogBytes() throws IOException {
        Path log = errorLog();
        return Files.exists(log) ? Files.readAllBytes(log) : new byte[0];
    }

    private Connection track(Connection c) {
        synchronized (opened) {
            opened.removeIf(MinisqldHarness::closed);
            opened.add(c);
        }
        return c;
    }

    private static boolean closed(Connection c) {
        try {
            return c.isClosed();
        } catch (SQLException e) {
            return true;
        }
    }

    /** Closes every connection handed out, once the server is gone: failures to close are expected then. */
    private void closeConnections() {
        List<Connection> all;
        synchronized (opened) {
            all = new ArrayList<>(opened);
            opened.clear();
        }
        shared = null;
        for (Connection c : all) {
            try {
                c.close();
            } catch (SQLException serverGone) {
                // nothing left to release on the client side
            }
        }
    }


    /**
     * Deletes {@code top} and everything in it; nothing if it does not exist. For folders a test
     * created itself and shares between servers ({@link HarnessBuilder#in}).
     */
    public static void deleteTree(Path top) {
        if (!Files.exists(top)) return;
        try (Stream<Path> paths = Files.walk(top)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + top, e);
        }
    }
}
