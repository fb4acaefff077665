package io.minisqld.server.it;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.minisqld.server.MiniSqlServer;
import io.minisqld.server.options.ServerOptions;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
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
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * One in-process minisqld on an ephemeral loopback port with its own temporary datadir, plus the
 * helpers the integration tests share: JDBC URLs for both connectors, runs of the real
 * {@code mariadb} client and other programs, and polling with a deadline.
 */
final class TestServer implements AutoCloseable {
    /** The real MariaDB command-line client; the tests fail (never skip) when it is missing. */
    static final Path MARIADB = Path.of("/usr/bin/mariadb");
    static final Path MARIADB_ADMIN = Path.of("/usr/bin/mariadb-admin");
    static final Path SYSBENCH = Path.of("/usr/bin/sysbench");

    /** The two JDBC drivers the project promises to work with (DESIGN.md, "Who uses it"). */
    enum Driver {
        MARIADB("jdbc:mariadb://127.0.0.1:%d/%s?user=%s&password=%s"),
        MYSQL("jdbc:mysql://127.0.0.1:%d/%s?user=%s&password=%s&useSSL=false&allowPublicKeyRetrieval=true");

        private final String template;

        Driver(String template) {
            this.template = template;
        }

        String url(int port, String database, String user, String password) {
            return String.format(template, port, database == null ? "" : database, user,
                    password == null ? "" : password);
        }
    }

    private final MiniSqlServer server;
    private final Path datadir;

    private TestServer(MiniSqlServer server, Path datadir) {
        this.server = server;
        this.datadir = datadir;
    }

    /** Starts a server with a fresh datadir; {@code extraOptions} are command-line options. */
    static TestServer start(String name, String... extraOptions) throws Exception {
        Path datadir = Files.createTempDirectory("minisqld-it-" + name + "-");
        List<String> args = new ArrayList<>(List.of("--no-defaults", "--datadir=" + datadir, "--port=0",
                "--server-id=1"));
        args.addAll(Arrays.asList(extraOptions));
        MiniSqlServer server = MiniSqlServer.start(ServerOptions.ofCommandLine(args.toArray(String[]::new)));
        return new TestServer(server, datadir);
    }

    MiniSqlServer server() {
        return server;
    }

    int port() {
        return server.port();
    }

    Path datadir() {
        return datadir;
    }

    String url(Driver driver, String database) {
        return driver.url(port(), database, "root", "");
    }

    Connection connect(Driver driver, String database) throws SQLException {
        return DriverManager.getConnection(url(driver, database));
    }

    Connection connect(Driver driver, String database, String user, String password) throws SQLException {
        return DriverManager.getConnection(driver.url(port(), database, user, password));
    }

    /** Runs {@code mariadb -h127.0.0.1 -P<port> -uroot <args>} with {@code stdin} piped in (or none). */
    CliResult mariadb(String stdin, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(existing(MARIADB), "--no-defaults", "-h127.0.0.1",
                "-P" + port(), "-uroot"));
        cmd.addAll(Arrays.asList(args));
        return run(cmd, stdin, Duration.ofSeconds(30));
    }

    @Override
    public void close() throws IOException {
        server.close();
        deleteTree(datadir);
    }

    // --- shared helpers

    /** What a program printed and how it ended. */
    record CliResult(int exitCode, String stdout, String stderr) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }

    static String existing(Path program) {
        assertTrue(Files.isExecutable(program), program + " is required for these tests and is missing");
        return program.toString();
    }

    /** Runs a program to its end within {@code timeout}; output goes to files so no pipe can fill up. */
    static CliResult run(List<String> cmd, String stdin, Duration timeout) throws IOException, InterruptedException {
        Path out = Files.createTempFile("minisqld-it-out", ".txt");
        Path err = Files.createTempFile("minisqld-it-err", ".txt");
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
            pb.environment().put("LC_ALL", "C");
            pb.environment().put("TERM", "dumb");
            Process p = pb.start();
            if (stdin != null) p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
            p.getOutputStream().close();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly().waitFor();
                fail(cmd + " did not finish within " + timeout + "\n" + Files.readString(out) + Files.readString(err));
            }
            return new CliResult(p.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** A port that was free a moment ago, for a server in another process that must be told its port. */
    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Polls {@code condition} until it holds or {@code timeout} passes; fails with {@code what} then. */
    static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) fail("timed out after " + timeout + " waiting for " + what);
            Thread.sleep(20);
        }
    }

    /**
     * The class path of the server's main classes and runtime libraries (not the test classes, so
     * that the child uses the server's own logback.xml), for {@code java -cp … io.minisqld.server.Main}.
     */
    static String serverClassPath() {
        Set<String> entries = new LinkedHashSet<>();
        for (String name : List.of("io.minisqld.server.Main", "io.minisqld.plugin.api.variables.SystemVariable",
                "org.h2.Driver", "org.slf4j.Logger", "ch.qos.logback.classic.Logger", "ch.qos.logback.core.Appender",
                "org.pf4j.Plugin", "com.github.zafarkhaja.semver.Version")) {
            try {
                Class<?> c = Class.forName(name, false, TestServer.class.getClassLoader());
                entries.add(Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
            } catch (ReflectiveOperationException | java.net.URISyntaxException e) {
                throw new IllegalStateException("cannot locate " + name, e);
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    static Path javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) return;
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
