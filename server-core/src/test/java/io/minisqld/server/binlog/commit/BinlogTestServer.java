package io.minisqld.server.binlog.commit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.minisqld.server.MiniSqlServer;
import io.minisqld.server.options.ServerOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * One in-process minisqld with the binary log on ({@code --log-bin=mysql-bin --server-id=1}), a
 * temporary datadir, an ephemeral loopback port and an error log file, plus what the binlog
 * tests share: JDBC (MariaDB Connector/J) as root, rows as strings, runs of the real
 * {@code mariadb-binlog}, and polling with a deadline.
 */
final class BinlogTestServer implements AutoCloseable {
    static final Path MARIADB_BINLOG = Path.of("/usr/bin/mariadb-binlog");
    static final String ERROR_LOG = "binlog-test.err";

    private final MiniSqlServer server;
    private final Path datadir;

    private BinlogTestServer(MiniSqlServer server, Path datadir) {
        this.server = server;
        this.datadir = datadir;
    }

    /** A server with the binlog on; {@code extra} are more command-line options. */
    static BinlogTestServer start(String name, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("--log-bin=mysql-bin"));
        args.addAll(Arrays.asList(extra));
        return startWithout(name, args.toArray(String[]::new));
    }

    /** A server with only the given options (no binlog unless they ask for it). */
    static BinlogTestServer startWithout(String name, String... options) throws Exception {
        Path datadir = Files.createTempDirectory("minisqld-binlog-" + name + "-");
        List<String> args = new ArrayList<>(List.of("--no-defaults", "--datadir=" + datadir, "--port=0",
                "--server-id=1", "--log-error=" + ERROR_LOG));
        args.addAll(Arrays.asList(options));
        MiniSqlServer server = MiniSqlServer.start(ServerOptions.ofCommandLine(args.toArray(String[]::new)));
        return new BinlogTestServer(server, datadir);
    }

    MiniSqlServer server() {
        return server;
    }

    BinlogService binlog() {
        return server.binlog();
    }

    Path datadir() {
        return datadir;
    }

    Path file(String name) {
        return datadir.resolve(name);
    }

    Connection connect() throws SQLException {
        return connect("", "root", "");
    }

    Connection connect(String database) throws SQLException {
        return connect(database, "root", "");
    }

    Connection connect(String database, String user, String password) throws SQLException {
        return DriverManager.getConnection(String.format("jdbc:mariadb://127.0.0.1:%d/%s?user=%s&password=%s",
                server.port(), database, user, password));
    }

    /** The error log's text so far. */
    String errorLog() throws IOException {
        return Files.readString(datadir.resolve(ERROR_LOG));
    }

    @Override
    public void close() throws IOException {
        server.close();
        if (!Files.exists(datadir)) return;
        try (Stream<Path> paths = Files.walk(datadir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    // --- what the tests share

    /** Every row of a query, each value as the text the client received (NULL as null). */
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

    /** The column labels of a query's result. */
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

    /** SHOW MASTER STATUS's File and Position. */
    static List<String> masterStatus(Connection c) throws SQLException {
        List<List<String>> r = rows(c, "SHOW MASTER STATUS");
        assertEquals(1, r.size(), "SHOW MASTER STATUS rows: " + r);
        return List.of(r.get(0).get(0), r.get(0).get(1));
    }

    /** One row of SHOW BINLOG EVENTS. */
    record EventRow(String logName, long pos, String eventType, long serverId, long endLogPos, String info) {
        static EventRow of(List<String> r) {
            return new EventRow(r.get(0), Long.parseLong(r.get(1)), r.get(2), Long.parseLong(r.get(3)),
                    Long.parseLong(r.get(4)), r.get(5));
        }
    }

    static List<EventRow> binlogEvents(Connection c, String sql) throws SQLException {
        return rows(c, sql).stream().map(EventRow::of).toList();
    }

    /** Asserts that {@code sql} fails with MySQL's error number, SQLSTATE and message. */
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

    /** MySQL's mysql_native_password hash: '*' and the upper-case hex of SHA1(SHA1(password)). */
    static String nativePasswordHash(String password) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            byte[] stage1 = sha1.digest(password.getBytes(StandardCharsets.UTF_8));
            return "*" + HexFormat.of().formatHex(sha1.digest(stage1)).toUpperCase(Locale.ROOT);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What a program printed (stdout and stderr together) and how it ended. */
    record Run(int exit, String out) {
    }

    /** Runs the real {@code mariadb-binlog} with {@code args}; fails (never skips) when it is missing. */
    static Run mariadbBinlog(String... args) throws IOException, InterruptedException {
        assertTrue(Files.isExecutable(MARIADB_BINLOG), MARIADB_BINLOG + " is missing: install mariadb-client");
        List<String> cmd = new ArrayList<>();
        cmd.add(MARIADB_BINLOG.toString());
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile("mariadb-binlog", ".txt");
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile());
            pb.environment().put("TZ", "UTC");
            pb.environment().put("LC_ALL", "C");
            Process p = pb.start();
            p.getOutputStream().close();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
                fail("mariadb-binlog did not finish: " + Files.readString(out));
            }
            return new Run(p.exitValue(), Files.readString(out));
        } finally {
            Files.deleteIfExists(out);
        }
    }

    /** Polls {@code condition} until it holds; fails with {@code what} after {@code timeout}. */
    static void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) fail("timed out after " + timeout + " waiting for " + what);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
        }
    }
}
