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
 * cannot: an infinite FLOAT or DOUBLE, a TIMESTAMP out of its range, a TEXT or BLOB too long.
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
     * does not count (MySQL's error for a row it changes in a table after the first says row 1);
     * only a REPLACE counts its rows updated to the values they had ({@link #unchangedRows}); an
     * UPDATE in the engine's row order has its unique keys checked in that order ({@code keyOrder},
     * {@link UpdateKeyOrder}).
     */
    static void statementStarts(boolean counts, boolean replace, boolean keyOrder) {
        long[] written = WRITTEN.get();
        written[0] = counts ? 0 : -1;
        written[1] = replace ? 0 : -1;
        UpdateKeyOrder.statementStarts(keyOrder);
    }

    /**
     * The rows the running statement updated to the values they had: the engine's REPLACE counts
     * such a row twice (deleted and inserted), MySQL's once.
     */
    static long unchangedRows() {
        return Math.max(0, WRITTEN.get()[1]);
    }

    /**
     * The row of the running statement a value error is about, MySQL's "at row n": the one after
     * those it has written (an INSERT of several rows checks each before it writes it; the engine's
     * UPDATE checks all rows before it writes any, so its errors say row 1).
     */
    static long currentRow() {
        return Math.max(0, WRITTEN.get()[0]) + 1;
    }

    /**
     * The table's name and columns, and which of them are MySQL TIMESTAMPs.
     *
     * @param byteLimits each column's most bytes, a TEXT or BLOB type's (TINY… 255, plain 65535,
     *                   MEDIUM… 16777215), 0 for another type
     * @param bitWidths each column's bits, a BIT(N) column's N, 0 for another type
     * @param uniqueKeys the primary and unique keys, checked in an UPDATE's order ({@link UpdateKeyOrder})
     */
    record Shape(String table, List<String> columns, boolean[] timestamps, long[] byteLimits, int[] bitWidths,
                 List<UpdateKeyOrder.UniqueKey> uniqueKeys) {
    }

    @Override
    public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
        if (newRow != null) {
            refuseUnstorable(conn, newRow);
            long[] written = WRITTEN.get();
            if (written[0] >= 0) written[0]++;
            if (written[1] >= 0 && oldRow != null && java.util.Arrays.deepEquals(oldRow, newRow)) written[1]++;
            if (oldRow != null && UpdateKeyOrder.checking()) {
                Shape s = shape(conn);
                if (!s.uniqueKeys().isEmpty()) {
                    UpdateKeyOrder.updated(schema(), s.table(), s.uniqueKeys(), oldRow, newRow);
                }
            }
        }
        if (!RowCapture.active()) return;
        Shape s = shape(conn);
        RowCapture.record(schema(), s.table(), s.columns(), oldRow, newRow);
    }

    /**
     * What H2 would store and MySQL refuses, the statement then changing nothing: an infinite FLOAT
     * or DOUBLE (H2 stores {@code '1e400'}, {@code 1e308 * 10}, {@code 'Infinity'} as one; MySQL:
     * 1264), and a TIMESTAMP outside 1970-01-01 00:00:01 … 2038-01-19 03:14:07 UTC (H2's column
     * holds DATETIME's range; MySQL: 1292), read in the server's zone as the column holds it, and a
     * TEXT or BLOB value of more bytes than its type holds (H2's column has no such bound; MySQL:
     * 1406), counted in UTF-8.
     */
    private void refuseUnstorable(Connection conn, Object[] row) throws SQLException {
        Shape known = null;
        for (int i = 0; i < row.length; i++) {
            Object v = row[i];
            if (v instanceof String || v instanceof byte[] || v instanceof java.sql.Blob || v instanceof java.sql.Clob) {
                if (known == null) known = shape(conn);
                long limit = i < known.byteLimits().length ? known.byteLimits()[i] : 0;
                if (limit > 0 && longerThan(v, limit)) {
                    // a TEXT or BLOB value longer than its type holds: MySQL's strict mode refuses it
                    throw ErrorCode.ER_DATA_TOO_LONG.error(known.columns().get(i), RowLogTrigger.currentRow());
                }
                continue;
            }
            if (v instanceof Long || v instanceof java.math.BigDecimal) {
                if (known == null) known = shape(conn);
                int bits = i < known.bitWidths().length ? known.bitWidths()[i] : 0;
                if (bits > 0 && !fitsBits(v, bits)) {
                    // a number of more bits than a BIT(N) column holds (a negative one has 64): MySQL 1406
                    throw ErrorCode.ER_DATA_TOO_LONG.error(known.columns().get(i), RowLogTrigger.currentRow());
                }
                continue;
            }
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

    /**
     * The most bytes a column of MySQL's TEXT or BLOB types holds (its sized domain, else the
     * engine's unbounded text or binary that stands for TEXT and BLOB); 0 for other columns.
     */
    private static long byteLimit(String domainType, String dataType, long maxLength) {
        if (domainType != null) {
            return switch (domainType) {
                case "TINYTEXT", "TINYBLOB" -> 255;
                case "MEDIUMTEXT", "MEDIUMBLOB" -> 16_777_215;
                default -> 0;
            };
        }
        return switch (dataType == null ? "" : dataType) {
            case "CHARACTER VARYING", "VARCHAR_IGNORECASE", "BINARY VARYING" -> maxLength >= 1_000_000_000L ? 65_535 : 0;
            case "BINARY LARGE OBJECT" -> 65_535;
            default -> 0;
        };
    }

    /** Whether a BIT(bits) column's value, a BIGINT or (BIT(64)) a NUMERIC(20), is of no more bits. */
    private static boolean fitsBits(Object v, int bits) {
        if (v instanceof Long l) return l >= 0 && (bits >= 63 || l >>> bits == 0);
        java.math.BigDecimal d = (java.math.BigDecimal) v;
        return d.signum() >= 0 && d.toBigInteger().bitLength() <= bits;
    }

    /** Bytes of {@code s} in UTF-8, the text's own encoding. */
    private static long utf8Length(String s) {
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            n += c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isHighSurrogate(c) ? 2 : Character.isLowSurrogate(c) ? 2 : 3;
        }
        return n;
    }

    /** Whether a TEXT or BLOB column's value {@code v} has more than {@code limit} bytes. */
    private static boolean longerThan(Object v, long limit) throws SQLException {
        if (v instanceof String text) return text.length() > limit || text.length() * 3L > limit && utf8Length(text) > limit;
        if (v instanceof byte[] bytes) return bytes.length > limit;
        if (v instanceof java.sql.Blob blob) return blob.length() > limit;
        if (v instanceof java.sql.Clob clob) {
            long chars = clob.length();
            return chars > limit || chars * 3 > limit
                    && utf8Length(clob.getSubString(1, (int) Math.min(Integer.MAX_VALUE, chars))) > limit;
        }
        return false;
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
        List<Long> limits = new ArrayList<>();
        List<Integer> bits = new ArrayList<>();
        List<Boolean> exact = new ArrayList<>();
        try (java.sql.PreparedStatement ps = conn.prepareStatement("SELECT COLUMN_NAME, DOMAIN_NAME, DATA_TYPE,"
                + " CHARACTER_MAXIMUM_LENGTH FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?"
                + " ORDER BY ORDINAL_POSITION")) {
            ps.setString(1, schema());
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    columns.add(rs.getString(1));
                    String domainType = ColumnDomains.mysqlType(rs.getString(2));
                    timestamps.add("MYSQL TIMESTAMP".equals(domainType));
                    limits.add(byteLimit(domainType, rs.getString(3), rs.getLong(4)));
                    bits.add(ColumnDomains.bitWidth(rs.getString(2)));
                    // a case-sensitive collation's text is the engine's VARCHAR_IGNORECASE (PerThreadCollation)
                    exact.add("VARCHAR_IGNORECASE".equals(rs.getString(3)));
                }
            }
        }
        boolean[] isTimestamp = new boolean[timestamps.size()];
        for (int i = 0; i < isTimestamp.length; i++) isTimestamp[i] = timestamps.get(i);
        long[] byteLimits = new long[limits.size()];
        for (int i = 0; i < byteLimits.length; i++) byteLimits[i] = limits.get(i);
        int[] bitWidths = bits.stream().mapToInt(Integer::intValue).toArray();
        return new Shape(table, List.copyOf(columns), isTimestamp, byteLimits, bitWidths,
                uniqueKeys(conn, table, columns, exact));
    }

    /** The table's primary and unique keys, by MySQL's names, with their columns' positions. */
    private List<UpdateKeyOrder.UniqueKey> uniqueKeys(Connection conn, String table, List<String> columns,
                                                      List<Boolean> exact) throws SQLException {
        List<UpdateKeyOrder.UniqueKey> keys = new ArrayList<>();
        for (io.minisqld.server.engine.TableInfo.IndexInfo index
                : new TableMetadata(conn, () -> -1L).indexesByH2Name(schema(), table).values()) {
            if (!index.unique()) continue;
            int[] positions = new int[index.columns().size()];
            boolean[] byCodePoint = new boolean[positions.length];
            for (int i = 0; i < positions.length; i++) {
                int p = -1;
                for (int c = 0; c < columns.size() && p < 0; c++) {
                    if (columns.get(c).equalsIgnoreCase(index.columns().get(i))) p = c;
                }
                if (p < 0) return List.of();
                positions[i] = p;
                byCodePoint[i] = exact.get(p);
            }
            keys.add(new UpdateKeyOrder.UniqueKey(index.name(), positions, byCodePoint));
        }
        return List.copyOf(keys);
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
        for (String[] t : missing) create(conn, t[0], t[1], RowLogTrigger.class, PREFIX, "AFTER INSERT, UPDATE, DELETE");
        return missing.size();
    }
}
