package io.minisqld.server.replication.it;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real MariaDB 10.11 server ({@code /usr/sbin/mariadbd} from Debian's mariadb-server) for the
 * interoperability tests. Everything it writes lives under the test's folder: a datadir copied
 * from a template that {@code mariadb-install-db} initialises once per JVM (root without a
 * password), the socket, the pid file and the error log; it never reads an option file
 * ({@code --no-defaults}) and never touches {@code /var/lib/mysql}. It listens on a free loopback
 * port and is stopped by its pid: SIGTERM, a wait, then SIGKILL. A missing MariaDB fails the test
 * (.ci/run installs mariadb-server); it never skips. Other modules' tests (semisync-tests) use it
 * through server-core's test-jar.
 */
public final class MariaDbServer implements Node {
    static final Path MARIADBD = Path.of("/usr/sbin/mariadbd");
    static final Path INSTALL_DB = Path.of("/usr/bin/mariadb-install-db");
    /** Small InnoDB files keep the template (and each per-test copy) at about 25 MB instead of 110 MB. */
    private static final List<String> SMALL_INNODB = List.of("--innodb-log-file-size=8M",
            "--innodb-buffer-pool-size=32M");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final String name;
    private final long serverId;
    private final Path dir;
    private final List<String> command;
    private int port;
    private Process process;

    private MariaDbServer(String name, long serverId, Path dir, List<String> command) {
        this.name = name;
        this.serverId = serverId;
        this.dir = dir;
        this.command = command;
    }

    /**
     * Starts MariaDB in {@code <parent>/<name>} with a copy of the template datadir.
     *
     * @param logBin with {@code --log-bin=mysql-bin --binlog-format=STATEMENT} (a primary)
     * @param extra  more mariadbd options
     */
    public static MariaDbServer start(Path parent, String name, long serverId, boolean logBin, String... extra)
            throws IOException, InterruptedException {
        assertTrue(Files.isExecutable(MARIADBD), MARIADBD + " is missing: these tests need Debian's mariadb-server (.ci/run installs it)");
        Path dir = parent.resolve(name);
        Files.createDirectories(dir);
        copyTree(Template.DATADIR, dir.resolve("data"));
        List<String> cmd = new ArrayList<>(List.of(MARIADBD.toString(), "--no-defaults", "--user=root",
                "--datadir=" + dir.resolve("data"), "--bind-address=127.0.0.1", "--socket=" + dir.resolve("sock"),
                "--pid-file=" + dir.resolve("mariadbd.pid"), "--log-error=" + dir.resolve("error.log"),
                "--server-id=" + serverId, "--skip-name-resolve"));
        cmd.addAll(SMALL_INNODB);
        if (logBin) cmd.addAll(List.of("--log-bin=mysql-bin", "--binlog-format=STATEMENT"));
        cmd.addAll(List.of(extra));
        MariaDbServer server = new MariaDbServer(name, serverId, dir, List.copyOf(cmd));
        server.launch();
        return server;
    }

    /** Binds to a free port; another process may take the port between the probe and the bind, so retry. */
    private void launch() throws IOException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            port = MiniSqlNode.freePort();
            List<String> cmd = new ArrayList<>(command);
            cmd.add("--port=" + port);
            process = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("console.txt").toFile())).start();
            // A test JVM that dies without closing its topology must not leave mariadbd running.
            Process started = process;
            Runtime.getRuntime().addShutdownHook(new Thread(started::destroyForcibly));
            if (awaitReady()) return;
            boolean bindFailure = errorLog().contains("Can't start server: Bind on TCP/IP port");
            if (!bindFailure || attempt == 3) fail(name + " did not start\n" + diagnostics());
        }
    }

    /** True once it accepts connections, false if it exited first. */
    private boolean awaitReady() throws InterruptedException, IOException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            if (!process.isAlive()) return false;
            try (Connection c = connect()) {
                return true;
            } catch (SQLException notYet) {
                if (System.nanoTime() > deadline) {
                    stopProcess();
                    fail(name + " not accepting connections within " + START_TIMEOUT + "\n" + diagnostics());
                }
                process.waitFor(100, TimeUnit.MILLISECONDS);
            }
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public Connection connect() throws SQLException {
        return Node.super.connect();
    }

    /** A loopback port that was free a moment ago. */
    public static int freePort() throws IOException {
        return MiniSqlNode.freePort();
    }

    @Override
    public long serverId() {
        return serverId;
    }

    Path dir() {
        return dir;
    }

    /** The pid mariadbd wrote to its pid file (the process this helper started). */
    long pid() throws IOException {
        return Long.parseLong(Files.readString(dir.resolve("mariadbd.pid"), StandardCharsets.US_ASCII).trim());
    }

    @Override
    public String errorLog() throws IOException {
        Path log = dir.resolve("error.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    public String diagnostics() {
        try {
            return "--- " + name + " error log\n" + errorLog();
        } catch (IOException e) {
            return "--- " + name + " error log unreadable: " + e;
        }
    }

    /** Stops the server by its pid: SIGTERM, up to 30 s for its shutdown, then SIGKILL. */
    void stopProcess() throws InterruptedException, IOException {
        if (process == null) return;
        // mariadbd runs as the child itself (no mysqld_safe), so its pid file names the child's pid.
        ProcessHandle h = process.toHandle();
        long written = Files.exists(dir.resolve("mariadbd.pid")) ? pid() : h.pid();
        h.destroy();
        if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            h.destroyForcibly();
            process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
        process = null;
        if (written != h.pid()) fail(name + ": pid file said " + written + " but the started process was " + h.pid());
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            stopProcess();
        } finally {
            deleteTree(dir);
        }
    }

    @Override
    public String toString() {
        return name + "(MariaDB, server_id " + serverId + ", port " + port + ")";
    }

    /**
     * The datadir {@code mariadb-install-db} initialised for this JVM; made on first use and deleted
     * at exit. It is written once and only read afterwards (copied per server).
     */
    private static final class Template {
        static final Path DATADIR = create();

        private static Path create() {
            try {
                assertTrue(Files.isExecutable(INSTALL_DB), INSTALL_DB + " is missing: install Debian's mariadb-server");
                Path root = Files.createTempDirectory("minisqld-mariadb-template-");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        deleteTree(root);
                    } catch (IOException e) {
                        System.err.println("cannot delete " + root + ": " + e);
                    }
                }));
                Path datadir = root.resolve("data");
                List<String> cmd = new ArrayList<>(List.of(INSTALL_DB.toString(), "--no-defaults",
                        "--datadir=" + datadir, "--user=root", "--auth-root-authentication-method=normal",
                        "--skip-test-db", "--skip-name-resolve"));
                cmd.addAll(SMALL_INNODB);
                Path out = root.resolve("install.log");
                Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
                if (!p.waitFor(120, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor();
                    fail("mariadb-install-db did not finish within 120 s\n" + Files.readString(out));
                }
                if (p.exitValue() != 0) fail("mariadb-install-db exited with " + p.exitValue() + "\n" + Files.readString(out));
                return datadir;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while initialising the MariaDB template", e);
            }
        }
    }

    static void copyTree(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(to.resolve(from.relativize(d)));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
                Files.copy(f, to.resolve(from.relativize(f)), StandardCopyOption.COPY_ATTRIBUTES);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) return;
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
