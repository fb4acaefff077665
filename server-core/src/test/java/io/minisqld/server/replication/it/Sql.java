package io.minisqld.server.replication.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Shared with other modules' tests through server-core's test-jar (semisync-tests).
 *
 * <p>What the replication tests do through JDBC (MariaDB Connector/J, against minisqld and real
 * MariaDB alike): run statements, read rows as the text the client received, read one-row SHOW
 * output by column name, and poll with a deadline.
 */
public final class Sql {
    private Sql() {
    }

    /** A JDBC connection as {@code user} to a server on 127.0.0.1:{@code port}. */
    public static Connection connect(int port, String user, String password) throws SQLException {
        return DriverManager.getConnection(String.format(
                "jdbc:mariadb://127.0.0.1:%d/?user=%s&password=%s&connectTimeout=10000", port, user, password));
    }

    public static void exec(Connection c, String... statements) throws SQLException {
        try (Statement st = c.createStatement()) {
            for (String s : statements) {
                try {
                    st.execute(s);
                } catch (SQLException e) {
                    throw new SQLException(s + ": " + e.getMessage(), e.getSQLState(), e.getErrorCode(), e);
                }
            }
        }
    }

    /** Every row of a query, each value as the text the client received (NULL as null). */
    public static List<List<String>> rows(Connection c, String sql) throws SQLException {
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

    /** The rows of a query sorted as text, column by column (NULL first), for order-free comparison. */
    public static List<List<String>> sortedRows(Connection c, String sql) throws SQLException {
        List<List<String>> rows = new ArrayList<>(rows(c, sql));
        rows.sort(ROW_ORDER);
        return rows;
    }

    private static final Comparator<List<String>> ROW_ORDER = (a, b) -> {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            String x = a.get(i);
            String y = b.get(i);
            if (x == null && y == null) continue;
            if (x == null) return -1;
            if (y == null) return 1;
            int c = x.compareTo(y);
            if (c != 0) return c;
        }
        return Integer.compare(a.size(), b.size());
    };

    /** The single value of a one-row, one-column query. */
    public static String value(Connection c, String sql) throws SQLException {
        List<List<String>> r = rows(c, sql);
        assertEquals(1, r.size(), sql + " rows: " + r);
        assertEquals(1, r.get(0).size(), sql + " columns: " + r);
        return r.get(0).get(0);
    }

    /**
     * The one row of a SHOW statement (SHOW SLAVE STATUS, SHOW MASTER STATUS) by column label, or
     * an empty map when it returns no row.
     */
    public static Map<String, String> row(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            ResultSetMetaData md = rs.getMetaData();
            Map<String, String> out = new LinkedHashMap<>();
            if (!rs.next()) return out;
            for (int i = 1; i <= md.getColumnCount(); i++) out.put(md.getColumnLabel(i), rs.getString(i));
            assertTrue(!rs.next(), sql + " returned more than one row");
            return out;
        }
    }

    /** The column labels of a query's result. */
    public static List<String> columns(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            ResultSetMetaData md = rs.getMetaData();
            List<String> out = new ArrayList<>();
            for (int i = 1; i <= md.getColumnCount(); i++) out.add(md.getColumnLabel(i));
            return out;
        }
    }

    /** Asserts that {@code sql} fails with MySQL's error number, SQLSTATE and message. */
    public static void assertError(Connection c, String sql, int code, String sqlState, String message) {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
            fail(sql + " succeeded; expected ERROR " + code + " (" + sqlState + "): " + message);
        } catch (SQLException e) {
            assertEquals(code, e.getErrorCode(), sql + ": " + e.getMessage());
            assertEquals(sqlState, e.getSQLState(), sql + ": " + e.getMessage());
            assertTrue(e.getMessage().endsWith(message), sql + ": got '" + e.getMessage() + "', want '" + message + "'");
        }
    }

    /** A condition that may fail with an exception while it does not hold yet (a server restarting). */
    @FunctionalInterface
    public interface Probe {
        boolean holds() throws Exception;
    }

    /**
     * Polls {@code probe} until it holds or {@code timeout} passes; fails with {@code what} and the
     * last exception or {@code diagnostics} then.
     */
    public static void await(String what, Duration timeout, Probe probe, Diagnostics diagnostics) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        while (true) {
            try {
                if (probe.holds()) return;
                last = null;
            } catch (Exception e) {
                last = e;
            }
            if (System.nanoTime() > deadline) {
                AssertionError failure = new AssertionError("timed out after " + timeout + " waiting for " + what
                        + "\n" + diagnostics.describe(), last);
                throw failure;
            }
            if (Thread.interrupted()) throw new InterruptedException();
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
    }

    public static void await(String what, Duration timeout, Probe probe) throws InterruptedException {
        await(what, timeout, probe, () -> "");
    }

    /** What a failed wait prints about the servers involved. */
    @FunctionalInterface
    public interface Diagnostics {
        String describe();
    }
}
