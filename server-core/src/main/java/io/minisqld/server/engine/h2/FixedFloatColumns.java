package io.minisqld.server.engine.h2;

import io.minisqld.server.error.ErrorCode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * FLOAT(M,D) and DOUBLE(M,D) columns ({@link ColumnDomains#fixedFloat}): before each insert and
 * update of a row, a value is rounded to D decimals and bounded by M digits, as MySQL 5.7's
 * Field_real::truncate_double stores it — the fraction scaled by 10^D and rounded to the nearest
 * even, and a value beyond ±(10^(M-D) - 10^-D) refused with 1264 "Out of range value for column".
 * The trigger is on every table with such a column ({@link #reconcile}).
 */
public final class FixedFloatColumns extends TableTrigger<FixedFloatColumns.Shape> {
    /** H2 names of these triggers start with this (never a MySQL trigger's name). */
    static final String PREFIX = "#fixed#";

    public FixedFloatColumns() {
        super(PREFIX);
    }

    /** The positions of the table's FLOAT(M,D) and DOUBLE(M,D) columns, their names, M and D. */
    record Shape(int[] positions, List<String> names, int[] m, int[] d) {
    }

    @Override
    public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
        if (newRow == null) return;
        Shape shape = shape(conn);
        for (int k = 0; k < shape.positions().length; k++) {
            int i = shape.positions()[k];
            if (i >= newRow.length || !(newRow[i] instanceof Number n)) continue;
            double v = n.doubleValue();
            if (!Double.isFinite(v)) continue;
            double rounded = truncate(v, shape.m()[k], shape.d()[k]);
            if (Double.isNaN(rounded)) {
                throw ErrorCode.ER_WARN_DATA_OUT_OF_RANGE.error(shape.names().get(k), RowLogTrigger.currentRow());
            }
            newRow[i] = newRow[i] instanceof Float ? (Object) (float) rounded : (Object) rounded;
        }
    }

    /** {@code v} rounded to {@code d} decimals as MySQL rounds it; NaN when it is beyond M digits. */
    static double truncate(double v, int m, int d) {
        double scale = Math.pow(10, d);
        double max = Math.pow(10, m - d) - 1.0 / scale;
        double whole = Math.floor(v);
        double r = whole + Math.rint((v - whole) * scale) / scale;
        return r > max || r < -max ? Double.NaN : r;
    }

    @Override
    Shape describe(Connection conn, String table) throws SQLException {
        List<Integer> positions = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<int[]> digits = new ArrayList<>();
        try (PreparedStatement ps = conn.prepareStatement("SELECT COLUMN_NAME, DOMAIN_NAME FROM INFORMATION_SCHEMA.COLUMNS"
                + " WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION")) {
            ps.setString(1, schema());
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                for (int i = 0; rs.next(); i++) {
                    int[] md = ColumnDomains.fixedDigits(rs.getString(2));
                    if (md == null) continue;
                    positions.add(i);
                    names.add(rs.getString(1));
                    digits.add(md);
                }
            }
        }
        return new Shape(positions.stream().mapToInt(Integer::intValue).toArray(), List.copyOf(names),
                digits.stream().mapToInt(x -> x[0]).toArray(), digits.stream().mapToInt(x -> x[1]).toArray());
    }

    /**
     * Creates the trigger on every base table with a FLOAT(M,D) or DOUBLE(M,D) column that lacks
     * one. Runs on a connection outside any transaction (H2's CREATE TRIGGER commits).
     */
    static void reconcile(Connection conn) throws SQLException {
        List<String[]> missing = new ArrayList<>();
        try (Statement st = conn.createStatement();
             ResultSet rs = st.executeQuery("SELECT DISTINCT c.TABLE_SCHEMA, c.TABLE_NAME FROM INFORMATION_SCHEMA.COLUMNS c"
                     + " WHERE (c.DOMAIN_NAME LIKE 'minisqld\\_float\\_%' OR c.DOMAIN_NAME LIKE 'minisqld\\_double\\_%')"
                     + " AND NOT EXISTS (SELECT 1 FROM INFORMATION_SCHEMA.TRIGGERS g"
                     + " WHERE g.EVENT_OBJECT_SCHEMA = c.TABLE_SCHEMA AND g.EVENT_OBJECT_TABLE = c.TABLE_NAME"
                     + " AND g.JAVA_CLASS = '" + FixedFloatColumns.class.getName() + "')")) {
            while (rs.next()) missing.add(new String[] {rs.getString(1), rs.getString(2)});
        }
        for (String[] t : missing) create(conn, t[0], t[1], FixedFloatColumns.class, PREFIX, "BEFORE INSERT, UPDATE");
    }
}
