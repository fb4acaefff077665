package io.minisqld.semisync.tests;

import io.minisqld.server.MiniSqlServer;
import io.minisqld.server.options.DefaultFileLocations;
import io.minisqld.server.options.OptionReader;
import io.minisqld.server.options.ServerOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * One minisqld in this JVM for a semisync test: its own datadir and error log under the test's
 * folder, the binlog on ({@code --log-bin=mysql-bin}), {@code plugin_dir} pointing at the folder
 * Maven copied the semisync jars into, and a loopback port that stays the same across
 * {@link #restart()}.
 */
final class Node implements AutoCloseable {
    static final String ERROR_LOG = "error.log";

    private final String name;
    private final long serverId;
    private final Path datadir;
    private final List<String> extraOptions;
    private int port;
    /** The running server, null while stopped. */
    private MiniSqlServer server;

    private Node(String name, long serverId, Path datadir, List<String> extraOptions) {
        this.name = name;
        this.serverId = serverId;
        this.datadir = datadir;
        this.extraOptions = List.copyOf(extraOptions);
    }

    /** Starts a node with a fresh datadir {@code <dir>/<name>}; {@code extra} are more command-line options. */
    static Node start(Path dir, String name, long serverId, String... extra) throws Exception {
        Path datadir = dir.resolve(name);
        Files.createDirectories(datadir);
        Node node = new Node(name, serverId, datadir, List.of(extra));
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
        String[] argv = args.toArray(String[]::new);
        // ofCommandLine reads no file: an option file goes through mysqld's own reader
        server = MiniSqlServer.start(defaults.equals("--no-defaults") ? ServerOptions.ofCommandLine(argv)
                : new OptionReader(DefaultFileLocations.none(), datadir).read(argv));
        port = server.port();
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

    /** The running server; fails while stopped. */
    MiniSqlServer server() {
        if (server == null) throw new IllegalStateException(name + " is not running");
        return server;
    }

    /** A new JDBC connection as root. */
    Connection connect() throws SQLException {
        return Sql.connect(port, "root", "");
    }

    /** Shuts the server down cleanly. */
    void stop() {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    /** Starts the stopped server again on the same datadir and port. */
    void restart() throws Exception {
        if (server != null) throw new IllegalStateException(name + " is running");
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
