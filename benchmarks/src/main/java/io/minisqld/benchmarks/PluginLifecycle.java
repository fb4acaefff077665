package io.minisqld.benchmarks;

import io.minisqld.plugin.api.observer.TransactionParam;
import io.minisqld.server.MiniSqlServer;
import io.minisqld.server.options.ServerOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What the plugin framework costs (docs/benchmarks.md, "Plugin INSTALL/UNINSTALL"), against an
 * in-process server without binlog whose plugin_dir holds the {@code test_good} fixture (a
 * transaction observer counting commits): INSTALL PLUGIN and UNINSTALL PLUGIN latency through JDBC
 * (each alone, and the pair), and the per-commit cost of the installed observer: the after_commit
 * dispatch into the plugin's class loader, and a whole autocommit INSERT, each with and without
 * {@code test_good} installed.
 *
 * <p>The fixture jar is {@code test-plugins/good/target/test-plugin-good-*.jar} relative to the
 * working directory (the repository root), or the file named by {@code -Dminisqld.bench.goodJar}
 * (pass it with {@code -jvmArgsAppend}).
 */
@BenchmarkMode(Mode.AverageTime)
public class PluginLifecycle {

    /** One server for the whole trial; test_good is installed or not as the benchmark's state says. */
    @State(Scope.Benchmark)
    public static class Server {
        MiniSqlServer server;
        Connection admin;
        Path root;

        @Setup(Level.Trial)
        public void start() throws Exception {
            root = Files.createTempDirectory("minisqld-bench-plugins-");
            Path plugins = Files.createDirectory(root.resolve("plugins"));
            Files.copy(goodJar(), plugins.resolve("test_good.jar"));
            server = MiniSqlServer.start(ServerOptions.ofCommandLine("--no-defaults", "--datadir=" + root.resolve("data"),
                    "--port=0", "--bind-address=127.0.0.1", "--server-id=1", "--plugin-dir=" + plugins,
                    "--log-error=minisqld.err"));
            admin = connect();
            execute(admin, "CREATE DATABASE IF NOT EXISTS bench");
            execute(admin, "CREATE TABLE IF NOT EXISTS bench.t (id INT NOT NULL AUTO_INCREMENT PRIMARY KEY, v INT)");
        }

        Connection connect() throws SQLException {
            return DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + server.port() + "/?user=root&password=");
        }

        @TearDown(Level.Trial)
        public void stop() throws Exception {
            try {
                admin.close();
            } finally {
                server.close();
                deleteTree(root);
            }
        }
    }

    /** For {@link #install}: test_good is absent before each call and uninstalled after it. */
    @State(Scope.Thread)
    public static class Absent {
        @TearDown(Level.Invocation)
        public void uninstall(Server s) throws SQLException {
            execute(s.admin, "UNINSTALL PLUGIN test_good");
        }
    }

    /** For {@link #uninstall}: test_good is installed before each call. */
    @State(Scope.Thread)
    public static class Present {
        @Setup(Level.Invocation)
        public void install(Server s) throws SQLException {
            execute(s.admin, "INSTALL PLUGIN test_good SONAME 'test_good.so'");
        }
    }

    /** For the per-commit benchmarks: test_good installed for the whole trial, or not. */
    @State(Scope.Thread)
    public static class Observer {
        @Param({"none", "test_good"})
        public String observer;
        final TransactionParam commit = new TransactionParam(1, "", 7, true, null);
        Connection client;
        Statement insert;

        @Setup(Level.Trial)
        public void setUp(Server s) throws SQLException {
            if (observer.equals("test_good")) execute(s.admin, "INSTALL PLUGIN test_good SONAME 'test_good.so'");
            client = s.connect();
            insert = client.createStatement();
        }

        /** Each parameter value is its own trial with its own server, which takes test_good down with it. */
        @TearDown(Level.Trial)
        public void tearDown() throws SQLException {
            insert.close();
            client.close();
        }
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public void install(Server s, Absent a) throws SQLException {
        execute(s.admin, "INSTALL PLUGIN test_good SONAME 'test_good.so'");
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public void uninstall(Server s, Present p) throws SQLException {
        execute(s.admin, "UNINSTALL PLUGIN test_good");
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public void installThenUninstall(Server s) throws SQLException {
        execute(s.admin, "INSTALL PLUGIN test_good SONAME 'test_good.so'");
        execute(s.admin, "UNINSTALL PLUGIN test_good");
    }

    /** The after_commit dispatch the server runs per commit, into the plugin's observer if installed. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public boolean afterCommitHook(Server s, Observer o) {
        return s.server.observers().transaction().afterCommit(o.commit);
    }

    /** A whole autocommit INSERT through JDBC (engine commit, no binlog), with or without the observer. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public boolean autocommitInsert(Observer o) throws SQLException {
        return o.insert.execute("INSERT INTO bench.t (v) VALUES (1)");
    }

    static void execute(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    static Path goodJar() throws IOException {
        String given = System.getProperty("minisqld.bench.goodJar");
        if (given != null) return Path.of(given);
        Path target = Path.of("test-plugins", "good", "target");
        try (Stream<Path> files = Files.list(target)) {
            List<Path> jars = files.filter(p -> p.getFileName().toString().matches("test-plugin-good-.*\\.jar")).toList();
            if (jars.size() != 1) throw new IOException("expected one test-plugin-good jar in " + target.toAbsolutePath()
                    + ", found " + jars + " (run mvn package in the repository root first)");
            return jars.get(0);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IOException(target.toAbsolutePath() + " is missing: run from the repository root after mvn package", e);
        }
    }

    static void deleteTree(Path top) {
        if (top == null || !Files.exists(top)) return;
        try (Stream<Path> paths = Files.walk(top)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
