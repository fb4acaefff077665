package io.minisqld.server.replication.replica;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.minisqld.server.MiniSqlServer;
import io.minisqld.server.options.ServerOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * An in-process minisqld for the replica tests: a datadir that survives restarts (and simulated
 * crashes), an ephemeral loopback port, an error log file, JDBC as root, and what the tests share
 * (rows, SHOW SLAVE STATUS as a map, errors and warnings, polling with a deadline).
 */
final class ReplicaTestServer implements AutoCloseable {
    static final String ERROR_LOG = "replica-test.err";
    static final Duration CATCH_UP = Duration.ofSeconds(60);

    private final Path datadir;
    private final long serverId;
    private final List<String> extra;
    private MiniSqlServer server;

    private ReplicaTestServer(Path datadir, long serverId, List<String> extra) {
        this.datadir = datadir;
        this.serverId = serverId;
        this.extra = extra;
    }

    /** A server with {@code --server-id=<id>} and {@code extra} options, in a new datadir. */
    static ReplicaTestServer start(String name, long serverId, String... extra) throws Exception {
        Path dir = Files.createTempDirectory("minisqld-replica-" + name + "-");
        ReplicaTestServer s = new ReplicaTestServer(dir, serverId, List.of(extra));
        s.restart();
        return s;
    }

    /** Starts (again) on the same datadir. */
    void restart() throws Exception {
        List<String> args = new ArrayList<>(List.of("--no-defaults", "--datadir=" + datadir, "--port=0",
                "--server-id=" + serverId, "--log-error=" + ERROR_LOG));
        args.addAll(extra);
        server = MiniSqlServer.start(ServerOptions.ofCommandLine(args.toArray(String[]::new)));
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

    Connection connect() throws SQLException {
        return connect("root", "");
    }

    Connection connect(String user, String password) throws SQLException {
        return DriverManager.getConnection(String.format("jdbc:mariadb://127.0.0.1:%d/?user=%s&password=%s",
                server.port(), user, password));
    }

    String errorLog() throws IOException {
        return Files.readString(datadir.resolve(ERROR_LOG));
    }

    /** Stops the server, keeping its datadir. */
    void stop() {
        server.close();
    }

    @Override
    public void close() throws IOException {
        server.close();
        if (!Files.exists(datadir)) return;
        try (Stream<Path> paths = Files.walk(datadir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    // --- shared helpers

    static List<List<String>> rows(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            ResultSetMetaData md = rs.getMetaData();
            List<List<String>> out = new ArrayList<>();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= md.getColumnCount(); i++) row.add(rs.getString(i));
                out.add(row);
            }
            return out;
        }
    }

    static List<String> columns(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            ResultSetMetaData md = rs.getMetaData();
            List<String> out = new ArrayList<>();
            for (int i = 1; i <= md.getColumnCount(); i++) out.add(md.getColumnLabel(i));
            return out;
        }
    }

    static void exec(Connection c, String... statements) throws SQLException {
        try (Statement st = c.createStatement()) {
            for (String s : statements) st.execute(s);
        }
    }

    /** Runs one statement and returns its warnings as "Level code message". */
    static List<String> execWarnings(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
            List<String> out = new ArrayList<>();
            for (List<String> w : rows(c, "SHOW WARNINGS")) out.add(String.join(" ", w));
            return out;
        }
    }

    /** SHOW SLAVE STATUS as column → value (empty when the statement returns no row). */
    static Map<String, String> slaveStatus(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SHOW SLAVE STATUS")) {
            Map<String, String> out = new LinkedHashMap<>();
            if (!rs.next()) return out;
            ResultSetMetaData md = rs.getMetaData();
            for (int i = 1; i <= md.getColumnCount(); i++) out.put(md.getColumnLabel(i), rs.getString(i));
            return out;
        }
    }

    /** SHOW MASTER STATUS's File and Position. */
    static List<String> masterStatus(Connection c) throws SQLException {
        List<List<String>> r = rows(c, "SHOW MASTER STATUS");
        assertEquals(1, r.size(), "SHOW MASTER STATUS rows: " + r);
        return List.of(r.get(0).get(0), r.get(0).get(1));
    }

    static void assertError(Connection c, String sql, int code, String sqlState, String message) {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
            fail(sql + " succeeded; expected ERROR " + code);
        } catch (SQLException e) {
            assertEquals(code, e.getErrorCode(), sql + ": " + e.getMessage());
            assertEquals(sqlState, e.getSQLState(), sql + ": " + e.getMessage());
            assertTrue(e.getMessage().endsWith(message), sql + ": got '" + e.getMessage() + "', want '" + message + "'");
        }
    }

    static void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) fail("timed out after " + timeout + " waiting for " + what);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }

    /** Waits until the replica has executed everything the source has logged (positions equal). */
    static void awaitCaughtUp(ReplicaTestServer source, ReplicaTestServer replica) throws SQLException {
        try (Connection s = source.connect(); Connection r = replica.connect()) {
            List<String> m = masterStatus(s);
            String[] last = new String[1];
            await("replica at " + m, CATCH_UP, () -> {
                try {
                    Map<String, String> st = slaveStatus(r);
                    last[0] = st.toString();
                    if (!"".equals(st.get("Last_SQL_Error")) && st.get("Last_SQL_Error") != null) {
                        fail("SQL thread stopped: " + st.get("Last_SQL_Error"));
                    }
                    return m.get(0).equals(st.get("Relay_Master_Log_File"))
                            && m.get(1).equals(st.get("Exec_Master_Log_Pos"));
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
        }
    }

    /** Every row of every table of {@code database}, ordered, for comparing a replica with its source. */
    static Map<String, List<List<String>>> tables(Connection c, String database) throws SQLException {
        Map<String, List<List<String>>> out = new LinkedHashMap<>();
        for (List<String> t : rows(c, "SHOW TABLES FROM `" + database + "`")) {
            out.put(t.get(0), rows(c, "SELECT * FROM `" + database + "`.`" + t.get(0) + "` ORDER BY 1"));
        }
        return out;
    }

    /** CHANGE MASTER TO the source as repl/pw with fast retries. */
    static String changeMaster(ReplicaTestServer source, String... more) {
        String base = "CHANGE MASTER TO MASTER_HOST='127.0.0.1', MASTER_PORT=" + source.port()
                + ", MASTER_USER='repl', MASTER_PASSWORD='pw', MASTER_CONNECT_RETRY=1";
        return more.length == 0 ? base : base + ", " + String.join(", ", Arrays.asList(more));
    }

    static void createReplUser(ReplicaTestServer source) throws SQLException {
        try (Connection c = source.connect()) {
            exec(c, "CREATE USER 'repl'@'%' IDENTIFIED BY 'pw'", "GRANT REPLICATION SLAVE ON *.* TO 'repl'@'%'");
        }
    }

    static List<String> warnings(SQLWarning w) {
        List<String> out = new ArrayList<>();
        for (; w != null; w = w.getNextWarning()) out.add(w.getErrorCode() + " " + w.getMessage());
        return out;
    }
}
