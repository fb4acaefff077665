package io.minisqld.testsupport;

import io.minisqld.testcommon.Ports;
import io.minisqld.testcommon.Program;
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
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A real MariaDB 10.11 server ({@code /usr/sbin/mariadbd} from Debian's mariadb-server) for
 * interoperability tests: a MariaDB replica of a minisqld source, or a minisqld replica of a
 * MariaDB primary ({@link Replication} wires them). Everything it writes lives in its folder: a
 * datadir copied from a template that {@code mariadb-install-db} initialises once per JVM (root
 * without a password), the socket, the pid file and the error log; it never reads an option file
 * ({@code --no-defaults}) and never touches {@code /var/lib/mysql}. It listens on a free loopback
 * port and is stopped by its pid: SIGTERM, a wait, then SIGKILL. A missing MariaDB fails the test;
 * it never skips.
 */
public final class MariaDbServer implements DatabaseServer {
    /** Small InnoDB files keep the template (and each per-test copy) at about 25 MB instead of 110 MB. */
    private static final List<String> SMALL_INNODB = List.of("--innodb-log-file-size=8M",
            "--innodb-buffer-pool-size=32M");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final String name;
    private final long serverId;
    private final Path dir;
    private final List<String> command;
    private int port;
    private ServerProcess process;

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
        String mariadbd = Program.existing(Program.MARIADBD);
        Path dir = parent.resolve(name);
        Files.createDirectories(dir);
        copyTree(Template.DATADIR, dir.resolve("data"));
        List<String> cmd = new ArrayList<>(List.of(mariadbd, "--no-defaults", "--user=root",
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
            port = Ports.freePort();
            List<String> cmd = new ArrayList<>(command);
            cmd.add("--port=" + port);
            process = ServerProcess.start(name, cmd, dir, dir.resolve("console.txt"));
            if (process.awaitAcceptingConnections(port, START_TIMEOUT, this::diagnostics)) return;
            boolean bindFailure = errorLogText().contains("Can't start server: Bind on TCP/IP port");
            if (!bindFailure || attempt == 3) throw new AssertionError(name + " did not start\n" + diagnostics());
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
    public long serverId() {
        return serverId;
    }

    @Override
    public Connection newConnection() throws SQLException {
        return DriverManager.getConnection(DatabaseServer.jdbcUrl(port, "", "root"));
    }

    /** The folder holding everything this server writes. */
    public Path dir() {
        return dir;
    }

    /** The pid mariadbd wrote to its pid file (the process this helper started). */
    public long pid() throws IOException {
        return Long.parseLong(Files.readString(dir.resolve("mariadbd.pid"), StandardCharsets.US_ASCII).trim());
    }

    @Override
    public String errorLogText() throws IOException {
        Path log = dir.resolve("error.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    /** The error log, for failure messages. */
    public String diagnostics() {
        try {
            return "--- " + name + " error log\n" + errorLogText();
        } catch (IOException e) {
            return "--- " + name + " error log unreadable: " + e;
        }
    }

    /** Stops the server by its pid: SIGTERM, up to 30 s for its shutdown, then SIGKILL; then deletes its folder. */
    @Override
    public void close() throws IOException, InterruptedException {
        try {
            stopProcess();
        } finally {
            MinisqldHarness.deleteTree(dir);
        }
    }

    private void stopProcess() throws InterruptedException, IOException {
        if (process == null || !process.alive()) return;
        // mariadbd runs as the child itself (no mysqld_safe), so its pid file names the child's pid.
        long started = process.process().pid();
        long written = Files.exists(dir.resolve("mariadbd.pid")) ? pid() : started;
        try {
            process.stop();
        } catch (AssertionError stillRunning) {
            // killed after the grace period: as good as stopped for the tests that follow
        }
        if (written != started) throw new AssertionError(name + ": pid file said " + written
                + " but the started process was " + started);
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
                String installDb = Program.existing(Program.MARIADB_INSTALL_DB);
                Path root = Files.createTempDirectory("minisqld-mariadb-template-");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> MinisqldHarness.deleteTree(root)));
                Path datadir = root.resolve("data");
                List<String> cmd = new ArrayList<>(List.of(installDb, "--no-defaults", "--datadir=" + datadir,
                        "--user=root", "--auth-root-authentication-method=normal", "--skip-test-db",
                        "--skip-name-resolve"));
                cmd.addAll(SMALL_INNODB);
                Program.Result r = Program.run(cmd, null, Duration.ofSeconds(120));
                if (r.exitCode() != 0) throw new AssertionError("mariadb-install-db failed\n" + r);
                return datadir;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while initialising the MariaDB template", e);
            }
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
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
}
