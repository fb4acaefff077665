package io.minisqld.testsupport;

import io.minisqld.server.MiniSqlServer;
import io.minisqld.server.StartupException;
import io.minisqld.server.options.ServerOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * An in-process minisqld for a plugin's tests: a temporary folder holding {@code data/} (the
 * datadir) and {@code plugins/} (the plugin_dir, with copies of the jars under test), a server
 * listening on an ephemeral port of 127.0.0.1, the plugins INSTALLed, and JDBC connections to it
 * as {@code root@localhost} (MariaDB Connector/J). {@link #close()} stops the server and deletes
 * the folder.
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
 * <p>Not thread-safe: one test thread drives it. The connections it hands out may be used from
 * other threads, as JDBC allows.
 */
public final class MinisqldHarness implements SqlRunner, AutoCloseable {
    /** The error log's file name in the datadir, unless the options name another. */
    public static final String ERROR_LOG = "minisqld.err";

    private final Path root;
    private final Path datadir;
    private final Path pluginDir;
    private final List<String> arguments;
    private final List<Connection> opened = new ArrayList<>();
    private MiniSqlServer server;
    private Connection shared;

    private MinisqldHarness(Path root, Path datadir, Path pluginDir, List<String> arguments) {
        this.root = root;
        this.datadir = datadir;
        this.pluginDir = pluginDir;
        this.arguments = List.copyOf(arguments);
    }

    /** A builder: add plugin jars, plugins to install and server options, then {@link Builder#start()}. */
    public static Builder builder() {
        return new Builder();
    }

    /** The running server object (variables, status, sessions), for what SQL cannot show. */
    public MiniSqlServer server() {
        return server;
    }

    /** The TCP port on 127.0.0.1 (changes at {@link #restart()}). */
    public int port() {
        return server.port();
    }

    public Path datadir() {
        return datadir;
    }

    public Path pluginDir() {
        return pluginDir;
    }

    /** The error log file (server start-up lines, plugin messages, failed hooks). */
    public Path errorLog() {
        return Path.of(server.variables().globalString("log_error"));
    }

    /** The command-line arguments the server was started with. */
    public List<String> arguments() {
        return arguments;
    }

    /** A JDBC URL for {@code user} (no password) with no default database. */
    public String jdbcUrl(String user) {
        return "jdbc:mariadb://127.0.0.1:" + port() + "/?user=" + user + "&password=";
    }

    /** The shared connection the {@link SqlRunner} helpers use, opened on first use. */
    @Override
    public Connection connection() throws SQLException {
        if (shared == null || shared.isClosed()) shared = newConnection();
        return shared;
    }

    /** A new connection as {@code root@localhost}; closed by {@link #close()} if the test has not. */
    public Connection newConnection() throws SQLException {
        return track(DriverManager.getConnection(jdbcUrl("root")));
    }

    /** A new connection as {@code user} with {@code password}; closed by {@link #close()} if the test has not. */
    public Connection newConnection(String user, String password) throws SQLException {
        return track(DriverManager.getConnection(
                "jdbc:mariadb://127.0.0.1:" + port() + "/", user, password == null ? "" : password));
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
        return server.plugins().classLoader(pluginName);
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
        long deadline = System.nanoTime() + timeout.toNanos();
        while (loader.get() != null) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the class loader of " + pluginName + "'s library is still reachable "
                        + timeout + " after UNINSTALL: something (an observer, a thread, a callback) holds it");
            }
            System.gc();
            // a little garbage so that collectors that skip explicit GC requests still run
            byte[][] pressure = new byte[32][];
            for (int i = 0; i < pressure.length; i++) pressure[i] = new byte[64 * 1024];
            Thread.onSpinWait();
        }
    }

    /**
     * Stops the server (closing every connection) and starts it again on the same datadir and
     * plugin_dir with the same options: plugins come back from {@code mysql.plugin}, as after a
     * real restart. The port changes.
     */
    public void restart() throws StartupException {
        stopServer();
        server = MiniSqlServer.start(ServerOptions.ofCommandLine(arguments.toArray(String[]::new)));
    }

    /** Stops the server and deletes the datadir, the plugin_dir and their folder. */
    @Override
    public void close() {
        try {
            stopServer();
        } finally {
            deleteTree(root);
        }
    }

    private Connection track(Connection c) {
        opened.add(c);
        return c;
    }

    /** Closes the connections, then the server; a connection that fails to close is reported after the server stopped. */
    private void stopServer() {
        IllegalStateException failure = null;
        for (Connection c : opened) {
            try {
                c.close();
            } catch (SQLException e) {
                if (failure == null) failure = new IllegalStateException("closing a test connection failed", e);
                else failure.addSuppressed(e);
            }
        }
        opened.clear();
        shared = null;
        if (server != null) {
            server.close();
            server = null;
        }
        if (failure != null) throw failure;
    }

    private static void deleteTree(Path top) {
        if (!Files.exists(top)) return;
        try (Stream<Path> paths = Files.walk(top)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + top, e);
        }
    }

    /** What to start: jars, plugins to install, options. Reusable: each {@link #start()} is a new server. */
    public static final class Builder {
        private final List<Jar> jars = new ArrayList<>();
        private final List<Install> installs = new ArrayList<>();
        private final List<String> options = new ArrayList<>();

        private Builder() {
        }

        /** Copies {@code jar} into the plugin_dir under its own file name. */
        public Builder plugin(Path jar) {
            return plugin(jar, jar.getFileName().toString());
        }

        /**
         * Copies {@code jar} into the plugin_dir as {@code fileName}: the SONAME {@code x.so} finds
         * {@code x.jar}, so a build output such as {@code target/my-plugin-1.0.jar} can be offered
         * as {@code my_plugin.jar}.
         */
        public Builder plugin(Path jar, String fileName) {
            Objects.requireNonNull(jar, "jar");
            if (fileName.contains("/") || fileName.contains("\\")) {
                throw new IllegalArgumentException("a file name, not a path: " + fileName);
            }
            jars.add(new Jar(jar, fileName));
            return this;
        }

        /** After start-up, runs {@code INSTALL PLUGIN name SONAME 'soname'} (in the order given). */
        public Builder install(String name, String soname) {
            installs.add(new Install(Objects.requireNonNull(name), Objects.requireNonNull(soname)));
            return this;
        }

        /**
         * More command-line options, after the harness's own ({@code --no-defaults --datadir
         * --port=0 --plugin-dir --log-error}); a later option wins, as in MySQL. E.g.
         * {@code "--log-bin=mysql-bin", "--server-id=1"} or {@code "--loose-my-plugin-enabled=OFF"}.
         */
        public Builder options(String... more) {
            options.addAll(List.of(more));
            return this;
        }

        /**
         * Creates the folders, copies the jars, starts the server and runs the INSTALLs. On any
         * failure the server is stopped and the folders deleted before the exception is thrown.
         *
         * @throws IOException      a jar is missing or cannot be copied
         * @throws StartupException the server refused its options
         * @throws SQLException     an INSTALL failed
         */
        public MinisqldHarness start() throws IOException, StartupException, SQLException {
            for (Jar j : jars) {
                if (!Files.isRegularFile(j.source())) {
                    throw new IOException("plugin jar " + j.source().toAbsolutePath()
                            + " does not exist (was the plugin packaged before the tests ran?)");
                }
            }
            Path root = Files.createTempDirectory("minisqld-test-");
            Path datadir = root.resolve("data");
            Path pluginDir = Files.createDirectory(root.resolve("plugins"));
            List<String> args = new ArrayList<>(List.of("--no-defaults", "--datadir=" + datadir, "--port=0",
                    "--bind-address=127.0.0.1", "--plugin-dir=" + pluginDir, "--log-error=" + ERROR_LOG));
            args.addAll(options);
            MinisqldHarness harness = new MinisqldHarness(root, datadir, pluginDir, args);
            try {
                for (Jar j : jars) {
                    Files.copy(j.source(), pluginDir.resolve(j.fileName()), StandardCopyOption.REPLACE_EXISTING);
                }
                harness.server = MiniSqlServer.start(ServerOptions.ofCommandLine(args.toArray(String[]::new)));
                for (Install i : installs) harness.install(i.name(), i.soname());
                return harness;
            } catch (IOException | StartupException | SQLException | RuntimeException e) {
                try {
                    harness.close();
                } catch (RuntimeException cleanup) {
                    e.addSuppressed(cleanup);
                }
                throw e;
            }
        }
    }

    private record Jar(Path source, String fileName) {
    }

    private record Install(String name, String soname) {
    }
}
