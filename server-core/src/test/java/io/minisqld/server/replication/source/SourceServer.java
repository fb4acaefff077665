package io.minisqld.server.replication.source;

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
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * An in-process replication source for the dump tests: {@code --log-bin=mysql-bin --server-id=1},
 * a temporary datadir, an ephemeral loopback port, an error log file; JDBC as root and the small
 * helpers the tests share.
 */
final class SourceServer implements AutoCloseable {
    static final String ERROR_LOG = "source.err";

    private final MiniSqlServer server;
    private final Path datadir;

    private SourceServer(MiniSqlServer server, Path datadir) {
        this.server = server;
        this.datadir = datadir;
    }

    static SourceServer start(String name, String... extra) throws Exception {
        Path datadir = Files.createTempDirectory("minisqld-source-" + name + "-");
        List<String> args = new ArrayList<>(List.of("--no-defaults", "--datadir=" + datadir, "--port=0",
                "--server-id=1", "--log-error=" + ERROR_LOG, "--log-bin=mysql-bin"));
        args.addAll(Arrays.asList(extra));
        return new SourceServer(MiniSqlServer.start(ServerOptions.ofCommandLine(args.toArray(String[]::new))), datadir);
    }

    MiniSqlServer server() {
        return server;
    }

    int port() {
        return server.port();
    }

    Path file(String name) {
        return datadir.resolve(name);
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + server.port() + "/?user=root&password=");
    }

    String errorLog() throws IOException {
        return Files.readString(datadir.resolve(ERROR_LOG));
    }

    /** Runs statements as root on a fresh connection. */
    void exec(String... statements) throws SQLException {
        try (Connection c = connect(); Statement st = c.createStatement()) {
            for (String s : statements) st.execute(s);
        }
    }

    /** Every row of a query as text, as root. */
    List<List<String>> rows(String sql) throws SQLException {
        try (Connection c = connect()) {
            return rows(c, sql);
        }
    }

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

    /** The PROCESSLIST row of a connection (Id, User, Host, db, Command, Time, State, Info), or null. */
    List<String> processlistRow(long id) throws SQLException {
        for (List<String> r : rows("SHOW PROCESSLIST")) {
            if (Long.parseLong(r.get(0)) == id) return r;
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        server.close();
        try (Stream<Path> paths = Files.walk(datadir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    /** Polls {@code condition} until it holds; fails with {@code what} after {@code timeout}. */
    static void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) fail("timed out after " + timeout + " waiting for " + what);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }

    /** {@link #await} for conditions that query the server. */
    interface SqlCondition {
        boolean holds() throws Exception;
    }

    static void awaitSql(String what, Duration timeout, SqlCondition condition) {
        await(what, timeout, () -> {
            try {
                return condition.holds();
            } catch (Exception e) {
                throw new AssertionError(what + ": " + e, e);
            }
        });
    }
}
