package io.minisqld.testsupport;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Small SQL helpers over one JDBC connection, for tests: run a statement, read rows as strings,
 * read one value, a status or system variable, or the error a statement fails with. Values are
 * read with {@link ResultSet#getString(int)}, so they are the text a MySQL client prints (SQL NULL
 * is Java null).
 */
public interface SqlRunner {

    /** The connection the helpers use (as {@code root@localhost}). Do not close it. */
    Connection connection() throws SQLException;

    /** The helpers over {@code connection} (any user's, any server's); closing it stays the caller's job. */
    static SqlRunner on(Connection connection) {
        return () -> connection;
    }

    /** Runs one statement; its results, if any, are discarded. */
    default void execute(String sql) throws SQLException {
        try (Statement st = connection().createStatement()) {
            st.execute(sql);
        }
    }

    /** Runs statements one after another on the same connection. */
    default void executeAll(String... statements) throws SQLException {
        for (String sql : statements) execute(sql);
    }

    /** The rows of a query, each a list of column values as text (null for SQL NULL). */
    default List<List<String>> rows(String sql) throws SQLException {
        try (Statement st = connection().createStatement(); ResultSet rs = st.executeQuery(sql)) {
            ResultSetMetaData md = rs.getMetaData();
            List<List<String>> rows = new ArrayList<>();
            while (rs.next()) {
                List<String> row = new ArrayList<>(md.getColumnCount());
                for (int i = 1; i <= md.getColumnCount(); i++) row.add(rs.getString(i));
                rows.add(Collections.unmodifiableList(row));
            }
            return Collections.unmodifiableList(rows);
        }
    }

    /**
     * The first column of the first row of a query (null for SQL NULL).
     *
     * @throws AssertionError if the query returns no row
     */
    default String value(String sql) throws SQLException {
        List<List<String>> rows = rows(sql);
        if (rows.isEmpty()) throw new AssertionError("no row from: " + sql);
        return rows.get(0).get(0);
    }

    /**
     * The one row of a query by column label, e.g. SHOW SLAVE STATUS or SHOW MASTER STATUS; an
     * empty map when it returns no row.
     *
     * @throws AssertionError if it returns more than one row
     */
    default Map<String, String> row(String sql) throws SQLException {
        try (Statement st = connection().createStatement(); ResultSet rs = st.executeQuery(sql)) {
            ResultSetMetaData md = rs.getMetaData();
            Map<String, String> row = new LinkedHashMap<>();
            if (!rs.next()) return Collections.unmodifiableMap(row);
            for (int i = 1; i <= md.getColumnCount(); i++) row.put(md.getColumnLabel(i), rs.getString(i));
            if (rs.next()) throw new AssertionError("more than one row from: " + sql);
            return Collections.unmodifiableMap(row);
        }
    }

    /** The column labels of a query's result. */
    default List<String> columns(String sql) throws SQLException {
        try (Statement st = connection().createStatement(); ResultSet rs = st.executeQuery(sql)) {
            ResultSetMetaData md = rs.getMetaData();
            List<String> labels = new ArrayList<>(md.getColumnCount());
            for (int i = 1; i <= md.getColumnCount(); i++) labels.add(md.getColumnLabel(i));
            return Collections.unmodifiableList(labels);
        }
    }

    /** A global status variable as SHOW GLOBAL STATUS prints it; empty if the server has none by that name. */
    default Optional<String> globalStatus(String name) throws SQLException {
        return named("SHOW GLOBAL STATUS LIKE '" + name.replace("'", "''") + "'", name);
    }

    /** A system variable's global value as SHOW GLOBAL VARIABLES prints it (ON/OFF for booleans); empty if unknown. */
    default Optional<String> globalVariable(String name) throws SQLException {
        return named("SHOW GLOBAL VARIABLES LIKE '" + name.replace("'", "''") + "'", name);
    }

    /**
     * The error a statement fails with, for asserting its number ({@link SQLException#getErrorCode()}),
     * SQLSTATE and message.
     *
     * @throws AssertionError if the statement succeeds
     */
    default SQLException error(String sql) throws SQLException {
        try (Statement st = connection().createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            return e;
        }
        throw new AssertionError("expected an error from: " + sql);
    }

    /**
     * Asserts that {@code sql} fails with MySQL's error number, SQLSTATE and message (the server's
     * text, see {@link #serverMessage}).
     */
    default void assertError(String sql, int code, String sqlState, String message) throws SQLException {
        SQLException e = error(sql);
        String seen = sql + ": got " + e.getErrorCode() + " (" + e.getSQLState() + ") " + e.getMessage();
        if (e.getErrorCode() != code || !sqlState.equals(e.getSQLState()) || !message.equals(serverMessage(e))) {
            throw new AssertionError(seen + "; expected " + code + " (" + sqlState + ") " + message, e);
        }
    }

    /**
     * The message the server sent, without what MariaDB Connector/J puts in front of it
     * ({@code "(conn=5) "}), for comparing with MySQL's exact text.
     */
    static String serverMessage(SQLException e) {
        String m = e.getMessage();
        if (m != null && m.startsWith("(conn=")) {
            int end = m.indexOf(") ");
            if (end > 0) return m.substring(end + 2);
        }
        return m;
    }

    /** {@code SHOW WARNINGS} after the last statement: rows of Level, Code, Message. */
    default List<List<String>> warnings() throws SQLException {
        return rows("SHOW WARNINGS");
    }

    private Optional<String> named(String show, String name) throws SQLException {
        // LIKE's '_' also matches other characters: keep only the row whose name is exactly ours
        for (List<String> row : rows(show)) {
            if (row.get(0).equalsIgnoreCase(name)) return Optional.ofNullable(row.get(1));
        }
        return Optional.empty();
    }
}
