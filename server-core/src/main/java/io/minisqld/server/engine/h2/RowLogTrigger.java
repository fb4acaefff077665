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

    public RowLogTrigger() {
        super(PREFIX);
    }

    /** The table's name and columns. */
    record Shape(String table, List<String> columns) {
    }

    @Override
    public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
        if (newRow != null) refuseNonFinite(conn, newRow);
        if (!RowCapture.active()) return;
        Shape s = shape(conn);
        RowCapture.record(schema(), s.table(), s.columns(), oldRow, newRow);
    }

    /**
     * A FLOAT or DOUBLE column holds finite numbers only, as MySQL's: H2 stores an overflow
     * ({@code '1e400'}, {@code 1e308 * 10}, {@code 'Infinity'}) as an infinity, MySQL refuses it
     * with 1264 and the statement changes nothing.
     */
    private void refuseNonFinite(Connection conn, Object[] row) throws SQLException {
        for (int i = 0; i < row.length; i++) {
            Object v = row[i];
            if (v instanceof Double d ? !Double.isFinite(d) : v instanceof Float f && !Float.isFinite(f)) {
                throw ErrorCode.ER_WARN_DATA_OUT_OF_RANGE.error(shape(conn).columns().get(i), 1);
            }
        }
    }

    @Override
    Shape describe(Connection conn, String table) throws SQLException {
        return new Shape(table, columnNames(conn, schema(), table));
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
