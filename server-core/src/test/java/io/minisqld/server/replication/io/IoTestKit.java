package io.minisqld.server.replication.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.minisqld.plugin.api.LogPosition;
import io.minisqld.server.MiniSqlServer;
import io.minisqld.server.binlog.BinlogReader;
import io.minisqld.server.binlog.PositionedEvent;
import io.minisqld.server.options.ServerOptions;
import io.minisqld.server.replication.replica.IoThread;
import io.minisqld.server.replication.replica.IoThreadConfig;
import io.minisqld.server.replication.replica.MasterInfo;
import io.minisqld.server.replication.replica.RelayLog;
import io.minisqld.server.replication.replica.SourceSettings;
import io.minisqld.server.storage.FileLayer;
import io.minisqld.server.storage.RealFileLayer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * What the IO thread tests share: a source (an in-process minisqld with {@code --log-bin} and
 * server_id 1 on a fixed loopback port, so it can restart at the same address) with a
 * replication account, a replica server (server_id 2, no binlog) whose error log, observers and
 * thread factory the IO thread uses, and the replica's relay log in the replica's datadir.
 */
final class IoTestKit implements AutoCloseable {
    static final String REPL_USER = "repl";
    static final String REPL_PASSWORD = "slavepass";
    static final String RELAY_BASENAME = "io-test-relay-bin";

    final Path dir;
    final int sourcePort;
    MiniSqlServer source;
    final MiniSqlServer replica;
    final List<LogPosition> synced = new CopyOnWriteArrayList<>();
    private final java.util.concurrent.atomic.AtomicInteger nextId = new java.util.concurrent.atomic.AtomicInteger();
    RelayLog relayLog;
    IoThread io;

    private IoTestKit(Path dir, int sourcePort, MiniSqlServer source, MiniSqlServer replica) {
        this.dir = dir;
        this.sourcePort = sourcePort;
        this.source = source;
        this.replica = replica;
    }

    static IoTestKit start(String name, String... replicaOptions) throws Exception {
        Path dir = Files.createTempDirectory("minisqld-io-" + name + "-");
        int port = freePort();
        MiniSqlServer source = startSource(dir, port);
        List<String> args = new ArrayList<>(List.of("--no-defaults", "--datadir=" + dir.resolve("replica"), "--port=0",
                "--server-id=2", "--log-error=replica.err"));
        args.addAll(List.of(replicaOptions));
        MiniSqlServer replica = MiniSqlServer.start(ServerOptions.ofCommandLine(args.toArray(String[]::new)));
        IoTestKit kit = new IoTestKit(dir, port, source, replica);
        try (Connection c = kit.sourceConnection()) {
            exec(c, "CREATE USER '" + REPL_USER + "'@'%' IDENTIFIED BY '" + REPL_PASSWORD + "'",
                    "GRANT REPLICATION SLAVE ON *.* TO '" + REPL_USER + "'@'%'");
        }
        return kit;
    }

    private static MiniSqlServer startSource(Path dir, int port) throws Exception {
        return MiniSqlServer.start(ServerOptions.ofCommandLine("--no-defaults", "--datadir=" + dir.resolve("source"),
                "--port=" + port, "--bind-address=127.0.0.1", "--server-id=1", "--log-bin=mysql-bin",
                "--log-error=source.err"));
    }

    /** Stops the source and starts it again on the same datadir and port. */
    void restartSource() throws Exception {
        source.close();
        source = startSource(dir, sourcePort);
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    SourceSettings settings(int port, String password, int connectRetry, double heartbeatPeriod) {
        return new SourceSettings("127.0.0.1", port, REPL_USER, password, connectRetry, heartbeatPeriod, 86400);
    }

    /** Opens the relay log (real files) and an IO thread with these settings, not yet started. */
    IoThread newIoThread(SourceSettings settings, long serverId, long netTimeoutSeconds) throws IOException {
        return newIoThread(new RealFileLayer(), settings, MasterInfo.SOURCE_START, serverId, netTimeoutSeconds);
    }

    IoThread newIoThread(FileLayer layer, SourceSettings settings, LogPosition startAt, long serverId,
                         long netTimeoutSeconds) throws IOException {
        if (relayLog == null) {
            relayLog = RelayLog.open(layer, replica.datadir(), RELAY_BASENAME, 2, replica.version());
        }
        io = new IoThread(new IoThreadConfig(settings, startAt, serverId, relayLog, replica.observers(),
                new io.minisqld.server.log.ServerThreadFactory(replica.serverKey(), "slave-io"), synced::add, null,
                netTimeoutSeconds), 3306);
        return io;
    }

    Connection sourceConnection() throws SQLException {
        return DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + sourcePort + "/?user=root&password=");
    }

    /** SHOW MASTER STATUS of the source. */
    LogPosition masterStatus() throws SQLException {
        try (Connection c = sourceConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SHOW MASTER STATUS")) {
            if (!rs.next()) fail("SHOW MASTER STATUS returned no row");
            return new LogPosition(rs.getString(1), rs.getLong(2));
        }
    }

    /** Waits until the IO thread reports the source's SHOW MASTER STATUS position as read. */
    void awaitCaughtUp() throws SQLException {
        LogPosition target = masterStatus();
        await("IO thread read up to " + target + " (status " + io.status() + ")", Duration.ofSeconds(30),
                () -> io.status().read().equals(target));
    }

    String replicaLog() throws IOException {
        return Files.readString(replica.datadir().resolve("replica.err"));
    }

    Path sourceBinlog(String file) {
        return source.datadir().resolve(file);
    }

    /** Every event of a relay log file after the relay log's own FDE, in order. */
    static List<PositionedEvent> relayEvents(FileLayer layer, Path file) throws IOException {
        try (BinlogReader r = BinlogReader.open(layer, file, false)) {
            List<PositionedEvent> all = r.readAll(4, r.size());
            return all.subList(1, all.size());
        }
    }

    static void exec(Connection c, String... statements) throws SQLException {
        try (Statement st = c.createStatement()) {
            for (String s : statements) st.execute(s);
        }
    }

    /** A small mixed workload on the source: a database, a table, inserts, an update, a delete. */
    void workload(String db, int rows) throws SQLException {
        try (Connection c = sourceConnection()) {
            exec(c, "CREATE DATABASE IF NOT EXISTS " + db,
                    "CREATE TABLE IF NOT EXISTS " + db + ".t (id INT PRIMARY KEY, v VARCHAR(20))");
            for (int i = 0; i < rows; i++) {
                exec(c, "INSERT INTO " + db + ".t VALUES (" + nextId.incrementAndGet() + ", 'row " + i + "')");
            }
            exec(c, "UPDATE " + db + ".t SET v = 'changed' WHERE v = 'row 0'", "DELETE FROM " + db + ".t WHERE v = 'row 1'");
        }
    }

    static void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) fail("timed out after " + timeout + " waiting for " + what);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }

    static int count(String text, String needle) {
        int n = 0;
        for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) n++;
        return n;
    }

    static void assertStatus(IoThread io, String running, int errno, String error) {
        assertEquals(running, io.status().running(), io.status().toString());
        assertEquals(errno, io.status().lastErrno(), io.status().toString());
        assertEquals(error, io.status().lastError(), io.status().toString());
    }

    @Override
    public void close() throws Exception {
        try {
            if (io != null) io.stop();
            if (relayLog != null) relayLog.close();
        } finally {
            try {
                source.close();
            } finally {
                replica.close();
                try (Stream<Path> paths = Files.walk(dir)) {
                    for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
                }
            }
        }
    }
}
