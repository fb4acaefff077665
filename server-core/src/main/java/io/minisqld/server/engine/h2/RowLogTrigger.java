package io.minisqld.server.engine.h2;

import io.minisqld.server.engine.RowCapture;
import io.minisqld.server.error.ErrorCode;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The H2 trigger on every table that reports each changed row to the thread's {@link RowCapture}
 * (the source of ROW-format row images: the engine's own before and after values, after defaults,
 * AUTO_INCREMENT and BEFORE triggers). Without an open capture it does nothing. Created on every
 * table (at start-up for tables made before, after each DDL for new ones, {@link #reconcile});
 * never listed as a MySQL trigger. The table's current name and columns are read again after any
 * DDL (RENAME and ALTER TABLE keep the trigger). It also refuses what H2 would store and MySQL
 * cannot: an infinite FLOAT or DOUBLE.
 */
public final class RowLogTrigger extends TableTrigger<RowLogTrigger.Shape> {
    /** H2 names of these triggers start with this; MySQL trigger names never do (they are listed from the server's table). */
    static final String PREFIX = "#rows#";

    /**
     * Rows the running statement of this thread has written so far (inserted, or updated), and of
     * those the updates that left the row as it was.
     */
    private static final ThreadLocal<long[]> WRITTEN = ThreadLocal.withInitial(() -> new long[2]);

    public RowLogTrigger() {
        super(PREFIX);
    }

    /**
     * A statement starts on this thread: it has written no row yet. A multi-table UPDATE or DELETE
     * does not count (MySQL's error for a row it changes in a table after the first says row 1).
     */
    static void statementStarts(boolean counts) {
        long[] written = WRITTEN.get();
        written[0] = counts ? 0 : -1;
        written[1] = 0;
    }

    /**
     * The rows the running statement updated to the values they had: the engine's REPLACE counts
     * such a row twice (deleted and inserted), MySQL's once.
     */
    static long unchangedRows() {
        return WRITTEN.get()[1];
    }

    /**
     * The row of the running statement a value error is about, MySQL's "at row n": the one after
     * those it has written (an INSERT of several rows checks each before it writes it; the engine's
     * UPDATE checks all rows before it writes any, so its errors say row 1).
     */
    static long currentRow() {
        return Math.max(0, WRITTEN.get()[0]) + 1;
    }

    /** The table's name and columns, and which of them are MySQL TIMESTAMPs. */
    record Shape(String table, List<String> columns, boolean[] timestamps) {
    }

    @Override
    public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
        if (newRow != null) {
            refuseUnstorable(conn, newRow);
            long[] written = WRITTEN.get();
            if (written[0] >= 0) written[0]++;
            if (oldRow != null && java.util.Arrays.deepEquals(oldRow, newRow)) written[1]++;
        }
        if (!RowCapture.active()) return;
        Shape s = shape(conn);
        RowCapture.record(schema(), s.table(), s.columns(), oldRow, newRow);
    }

    /**
     * What H2 would store and MySQL refuses, the statement then changing nothing: an infinite FLOAT
     * or DOUBLE (H2 stores {@code '1e400'}, {@code 1e308 * 10}, {@code 'Infinity'} as one; MySQL:
     * 1264), and a TIMESTAMP outside 1970-01-01 00:00:01 … 2038-01-19 03:14:07 UTC (H2's column
     * holds DATETIME's range; MySQL: 1292), read in the server's zone as the column holds it.
     */
    private void refuseUnstorable(Connection conn, Object[] row) throws SQLException {
        Shape known = null;
        for (int i = 0; i < row.length; i++) {
            Object v = row[i];
            if (v instanceof Double d ? !Double.isFinite(d) : v instanceof Float f && !Float.isFinite(f)) {
                throw ErrorCode.ER_WARN_DATA_OUT_OF_RANGE.error(shape(conn).columns().get(i), RowLogTrigger.currentRow());
            }
            if (v instanceof java.time.LocalDateTime t) {
                if (known == null) known = shape(conn);
                if (i < known.timestamps().length && known.timestamps()[i]) {
                    long seconds = t.atZone(java.time.ZoneId.systemDefault()).toEpochSecond();
                    if (seconds < 1 || seconds > 0x7FFF_FFFFL) {
                        throw ErrorCode.ER_TRUNCATED_WRONG_VALUE_FOR_COLUMN.error("datetime",
                                shown(t), known.columns().get(i), RowLogTrigger.currentRow());
                    }
                }
            }
        }
    }

    /** A date and time as MySQL prints one, with microseconds when it has a fraction. */
    private static String shown(java.time.LocalDateTime t) {
        String text = String.format(Locale.ROOT, "%04d-%02d-%02d %02d:%02d:%02d", t.getYear(), t.getMonthValue(),
                t.getDayOfMonth(), t.getHour(), t.getMinute(), t.getSecond());
        return t.getNano() == 0 ? text : text + String.format(Locale.ROOT, ".%06d", t.getNano() / 1000);
    }

    @Override
    Shape describe(Connection conn, String table) throws SQLException {
        List<String> columns = new ArrayList<>();
        List<Boolean> timestamps = new ArrayList<>();
        try (java.sql.PreparedStatement ps = conn.prepareStatement("SELECT COLUMN_NAME, DOMAIN_NAME FROM"
                + " INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION")) {
            ps.setString(1, schema());
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    columns.add(rs.getString(1));
                    timestamps.add("MYSQL TIMESTAMP".equals(ColumnDomains.mysqlType(rs.getString(2))));
                }
            }
        }
        boolean[] isTimestamp = new boolean[timestamps.size()];
        for (int i = 0; i < isTimestamp.length; i++) isTimestamp[i] = timestamps.get(i);
        return new Shape(table, List.copyOf(columns), isTimestamp);
    }

    /**
     * Creates the trigger on every base table of the user's databases (and {@code mysql}) that
     * lacks one. Runs on a connection outside any transaction (H2's CREATE TRIGGER commits).
     *
     * @return how many it created
     */
    static int reconcile(Connection conn) throws SQLException {
        List<String[]> missing = new ArrayList<>();
        try (Statement st = conn.createStatement();
             ResultSet rs = st.executeQuery("SELECT t.TABLE_SCHEMA, t.TABLE_NAME FROM INFORMATION_SCHEMA.TABLES t"
                     + " WHERE t.TABLE_TYPE = 'BASE TABLE' AND t.TABLE_SCHEMA NOT IN ('INFORMATION_SCHEMA', 'PUBLIC', '"
                     + H2StorageEngine.NO_DATABASE_SCHEMA + "', '" + H2StorageEngine.INTERNAL_SCHEMA + "')"
                     + " AND NOT EXISTS (SELECT 1 FROM INFORMATION_SCHEMA.TRIGGERS g"
                     + " WHERE g.EVENT_OBJECT_SCHEMA = t.TABLE_SCHEMA AND g.EVENT_OBJECT_TABLE = t.TABLE_NAME"
                     + " AND g.JAVA_CLASS = '" + RowLogTrigger.class.getName() + "')")) {
            while (rs.next()) missing.add(new String[] {rs.getString(1), rs.getString(2)});
        }
        for (String[] t : missing) {
            try (Statement st = conn.createStatement()) {
                st.execute("CREATE TRIGGER IF NOT EXISTS " + H2StorageEngine.ident(t[0]) + "."
                        + H2StorageEngine.ident(PREFIX + t[1].toLowerCase(Locale.ROOT) + "#" + Long.toHexString(System.nanoTime()))
                        + " AFTER INSERT, UPDATE, DELETE ON " + H2StorageEngine.ident(t[0]) + "."
                        + H2StorageEngine.ident(t[1]) + " FOR EACH ROW CALL \"" + RowLogTrigger.class.getName() + "\"");
            }
        }
        return missing.size();
    }
}
