package io.minisqld.server.engine.h2;

import io.minisqld.server.charset.MysqlCharset;
import io.minisqld.server.error.ErrorCode;
import io.minisqld.server.error.SqlError;
import io.minisqld.server.result.Column;
import io.minisqld.server.result.ColumnType;
import io.minisqld.server.result.RowsResult;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** An H2 result set as MySQL's text protocol shows it: MySQL column types and MySQL's renderings. */
final class H2Results {
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);

    private H2Results() {
    }

    /** How one column is rendered. */
    private enum Kind { BOOLEAN, BIT, YEAR, INTEGER, DECIMAL, DOUBLE, FLOAT, TEXT, BINARY, DATE, TIME, DATETIME, TEMPORAL_TEXT }

    /** What the server knows of a real table's column beyond what H2's result metadata says. */
    interface TableColumns {
        /** Given (schema, table, column), the PRI_KEY / UNIQUE_KEY / MULTIPLE_KEY, UNSIGNED and ZEROFILL flags; may be 0. */
        int flags(String[] schemaTableColumn);

        /** The column's declared MySQL integer type when H2 holds it in another ({@link NumericColumns}), else null. */
        NumericColumns.IntegerType integerType(String[] schemaTableColumn);

        /**
         * The column's domain ({@link ColumnDomains}: a TINYINT(1), whose display width clients read
         * as a truth, a BIT(N), a YEAR …), null for a column of none.
         */
        default String domain(String[] schemaTableColumn) {
            return null;
        }
    }

    /**
     * @param tableColumns flags and declared types of real columns; may be null
     */
    static RowsResult convert(ResultSet rs, TableColumns tableColumns, MysqlCharset results)
            throws SQLException {
        return convert(rs, tableColumns, results, null);
    }

    /**
     * As {@link #convert(ResultSet, TableColumns, MysqlCharset)}, the columns typed by {@code
     * hints} where the engine's type is not MySQL's ({@link ResultTypes}).
     */
    static RowsResult convert(ResultSet rs, TableColumns tableColumns, MysqlCharset results,
                              List<ResultTypes.Hint> hints) throws SQLException {
        Described d = describe(rs.getMetaData(), tableColumns, results, hints);
        int n = d.columns().size();
        List<byte[][]> rows = new ArrayList<>();
        while (rs.next()) {
            byte[][] row = new byte[n][];
            for (int i = 0; i < n; i++) {
                row[i] = render(rs, i + 1, d.kinds()[i], d.scales()[i], results, d.columns().get(i));
            }
            rows.add(row);
        }
        return new RowsResult(d.columns(), rows);
    }

    /** A result's columns as MySQL describes them, with how each one's values are rendered. */
    record Described(List<Column> columns, Kind[] kinds, int[] scales) {
    }

    /**
     * The columns a result will have, from H2's metadata alone (a prepared statement's, before it
     * runs).
     */
    static Described describe(ResultSetMetaData md, TableColumns tableColumns, MysqlCharset results,
                              List<ResultTypes.Hint> hints) throws SQLException {
        // text goes back in character_set_results; binary means the stored text's own (UTF-8) bytes
        int textCharset = results == MysqlCharset.BINARY ? Column.BINARY_CHARSET : results.defaultCollation();
        int bytesPerChar = results == MysqlCharset.BINARY ? 4 : results.maxBytes();
        int n = md.getColumnCount();
        List<Column> columns = new ArrayList<>(n);
        Kind[] kinds = new Kind[n];
        int[] scales = new int[n];
        for (int i = 1; i <= n; i++) {
            int sqlType = md.getColumnType(i);
            String typeName = md.getColumnTypeName(i).toUpperCase(Locale.ROOT);
            String label = md.getColumnLabel(i);
            String schema = nz(md.getSchemaName(i));
            String table = nz(md.getTableName(i));
            if (table.equals(VirtualTableFunction.ALIAS)) {
                schema = "information_schema";
                table = "";
            }
            String orgName = table.isEmpty() ? "" : nz(md.getColumnName(i));
            long precision = md.getPrecision(i);
            int scale = md.getScale(i);
            scales[i - 1] = scale;
            int flags = md.isNullable(i) == ResultSetMetaData.columnNoNulls ? Column.NOT_NULL : 0;
            if (md.isAutoIncrement(i)) flags |= Column.AUTO_INCREMENT;
            String[] stc = new String[] {schema, table, orgName};
            boolean real = !table.isEmpty() && tableColumns != null;
            if (real) flags |= tableColumns.flags(stc);
            NumericColumns.IntegerType declared = real && (flags & Column.UNSIGNED) != 0
                    || real && typeName.equals("INTEGER") ? tableColumns.integerType(stc) : null;
            int charset = textCharset;
            ColumnType type;
            long length;
            int decimals = 0;
            Kind kind;
            String domain = real ? tableColumns.domain(stc) : null;
            int bits = ColumnDomains.bitWidth(domain);
            if (bits > 0) {
                // a BIT(N) column's value is its bits, (N + 7) / 8 bytes, high byte first, as MySQL sends
                // it; in an expression it is a number (b + 0)
                type = ColumnType.BIT;
                length = bits;
                charset = Column.BINARY_CHARSET;
                flags |= Column.UNSIGNED;
                kind = Kind.BIT;
                scales[i - 1] = bits;
            } else if ("YEAR".equals(ColumnDomains.mysqlType(domain))) {
                // a YEAR column: type YEAR, four digits, 0 shown as 0000 (its ZEROFILL)
                type = ColumnType.YEAR;
                length = 4;
                flags |= Column.UNSIGNED | Column.ZEROFILL;
                kind = Kind.YEAR;
            } else if (declared != null) {
                boolean unsigned = (flags & Column.UNSIGNED) != 0;
                type = switch (declared) {
                    case TINYINT -> ColumnType.TINY;
                    case SMALLINT -> ColumnType.SHORT;
                    case MEDIUMINT -> ColumnType.INT24;
                    case INT -> ColumnType.LONG;
                    case BIGINT -> ColumnType.LONGLONG;
                };
                length = unsigned ? declared.unsignedWidth : declared.signedWidth;
                kind = Kind.INTEGER;
            } else if (typeName.startsWith("ENUM")) {
                type = ColumnType.STRING;
                length = Math.max(1, precision) * bytesPerChar;
                kind = Kind.TEXT;
            } else {
                switch (sqlType) {
                    case Types.INTEGER -> { type = ColumnType.LONG; length = 11; kind = Kind.INTEGER; }
                    case Types.BIGINT -> { type = ColumnType.LONGLONG; length = 20; kind = Kind.INTEGER; }
                    case Types.SMALLINT -> { type = ColumnType.SHORT; length = 6; kind = Kind.INTEGER; }
                    case Types.TINYINT -> {
                        type = ColumnType.TINY;
                        // Connector/J reads a TINYINT of length 1 as a BOOLEAN, as from MySQL
                        length = ColumnDomains.isTinyint1(domain) ? 1 : 4;
                        kind = Kind.INTEGER;
                    }
                    case Types.BOOLEAN, Types.BIT -> { type = ColumnType.TINY; length = 1; kind = Kind.BOOLEAN; }
                    case Types.DECIMAL, Types.NUMERIC -> {
                        type = ColumnType.NEWDECIMAL;
                        decimals = Math.max(0, scale);
                        length = Math.min(Integer.MAX_VALUE, precision + (decimals > 0 ? 2 : 1));
                        kind = Kind.DECIMAL;
                    }
                    case Types.DOUBLE, Types.FLOAT, Types.REAL -> {
                        boolean single = sqlType == Types.REAL;
                        type = single ? ColumnType.FLOAT : ColumnType.DOUBLE;
                        kind = single ? Kind.FLOAT : Kind.DOUBLE;
                        int[] fixed = ColumnDomains.fixedDigits(domain);
                        // a FLOAT(M,D) or DOUBLE(M,D) column: M digits, D of them decimals, shown so
                        length = fixed != null ? fixed[0] : single ? 12 : 22;
                        decimals = fixed != null ? fixed[1] : 31;
                        if (fixed != null) scales[i - 1] = fixed[1];
                    }
                    case Types.CHAR, Types.NCHAR -> { type = ColumnType.STRING; length = precision * bytesPerChar; kind = Kind.TEXT; }
                    case Types.CLOB, Types.NCLOB, Types.LONGVARCHAR -> {
                        type = ColumnType.BLOB;
                        length = 4294967295L;
                        flags |= Column.BLOB_FLAG;
                        kind = Kind.TEXT;
                    }
                    case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> {
                        type = ColumnType.BLOB;
                        charset = Column.BINARY_CHARSET;
                        length = Math.min(precision, 4294967295L);
                        flags |= Column.BINARY | Column.BLOB_FLAG;
                        kind = Kind.BINARY;
                    }
                    case Types.DATE -> { type = ColumnType.DATE; length = 10; charset = Column.BINARY_CHARSET; flags |= Column.BINARY; kind = Kind.DATE; }
                    case Types.TIME, Types.TIME_WITH_TIMEZONE -> {
                        type = ColumnType.TIME;
                        decimals = Math.max(0, scale);
                        length = 10 + (decimals > 0 ? decimals + 1 : 0);
                        charset = Column.BINARY_CHARSET;
                        flags |= Column.BINARY;
                        kind = Kind.TIME;
                    }
                    case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> {
                        type = ColumnType.DATETIME;
                        decimals = Math.max(0, scale);
                        length = 19 + (decimals > 0 ? decimals + 1 : 0);
                        charset = Column.BINARY_CHARSET;
                        flags |= Column.BINARY;
                        kind = Kind.DATETIME;
                    }
                    case Types.NULL -> { type = ColumnType.NULL; length = 0; charset = Column.BINARY_CHARSET; kind = Kind.TEXT; }
                    default -> {
                        type = ColumnType.VAR_STRING;
                        length = Math.min(precision, 65535) * bytesPerChar;
                        kind = Kind.TEXT;
                    }
                }
            }
            ResultTypes.Hint hint = hints != null && i <= hints.size() ? hints.get(i - 1) : null;
            if (hint != null && hint.temporal() && kind == Kind.TEXT && type == ColumnType.VAR_STRING) {
                // the server's date and time functions give MySQL's text; their type is MySQL's too
                type = hint.type();
                length = hint.length();
                decimals = hint.decimals();
                charset = Column.BINARY_CHARSET;
                flags |= Column.BINARY;
                kind = Kind.TEMPORAL_TEXT;
            } else if (hint != null && hint.type() == ColumnType.DOUBLE && kind == Kind.DOUBLE && decimals >= 31) {
                // a DOUBLE MySQL shows with fixed decimals
                decimals = hint.decimals();
            } else if (hint != null && hint.type() == ColumnType.NEWDECIMAL && kind == Kind.DECIMAL && decimals > 30) {
                // a quotient or average whose decimals the engine leaves open: MySQL's
                decimals = hint.decimals();
                length = hint.length();
            } else if (hint != null && hint.unsigned() && kind == Kind.DECIMAL) {
                // an exact number of 64 unsigned bits: MySQL's BIGINT UNSIGNED
                type = hint.type();
                length = hint.length();
                decimals = 0;
                flags |= Column.UNSIGNED;
                kind = Kind.INTEGER;
            }
            if (type.numeric()) {
                charset = Column.BINARY_CHARSET;
                // a table's number column is NUM alone, an expression's BINARY NUM, as MySQL's (Connector/J
                // reads a BINARY TINYINT(1) as bytes, not as a truth)
                flags |= Column.NUM | (table.isEmpty() ? Column.BINARY : 0);
            }
            kinds[i - 1] = kind;
            columns.add(new Column(schema, table, table, label, orgName, charset, Math.max(0, length), type, flags,
                    decimals));
        }
        return new Described(columns, kinds, scales);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static byte[] render(ResultSet rs, int i, Kind kind, int scale, MysqlCharset results, Column column)
            throws SQLException {
        String text;
        switch (kind) {
            case BINARY -> {
                return rs.getBytes(i);
            }
            case BIT -> {
                Object o = rs.getObject(i);
                if (o == null) return null;
                long bits = o instanceof Boolean b ? (b ? 1 : 0)
                        : o instanceof BigDecimal d ? d.toBigInteger().longValue() : ((Number) o).longValue();
                byte[] out = new byte[(scale + 7) / 8];
                for (int k = out.length - 1; k >= 0; k--, bits >>>= 8) out[k] = (byte) bits;
                return out;
            }
            case YEAR -> {
                int y = rs.getInt(i);
                if (rs.wasNull()) return null;
                text = String.format(Locale.ROOT, "%04d", y);
            }
            case BOOLEAN -> {
                boolean b = rs.getBoolean(i);
                if (rs.wasNull()) return null;
                text = b ? "1" : "0";
            }
            case DOUBLE -> {
                double d = rs.getDouble(i);
                if (rs.wasNull() || Double.isNaN(d)) return null;
                if (Double.isInfinite(d)) throw outOfRange(column);
                text = column.decimals() < 31 ? fixed(d, column.decimals()) : formatDouble(d);
            }
            case FLOAT -> {
                float f = rs.getFloat(i);
                if (rs.wasNull() || Float.isNaN(f)) return null;
                if (Float.isInfinite(f)) throw outOfRange(column);
                text = column.decimals() < 31 ? fixed(f, column.decimals()) : formatFloat(f);
            }
            case DECIMAL -> {
                BigDecimal d = rs.getBigDecimal(i);
                if (d == null) return null;
                // MySQL shows a DECIMAL value with its column's decimals (COALESCE(SUM(price), 0) is 0.00)
                if (scale > d.scale() && scale <= 30) d = d.setScale(scale);
                text = d.toPlainString();
            }
            case DATE -> {
                LocalDate d = rs.getObject(i, LocalDate.class);
                if (d == null) return null;
                text = d.toString();
            }
            case TIME -> {
                LocalTime t = rs.getObject(i, LocalTime.class);
                if (t == null) return null;
                text = TIME.format(t) + fraction(t.getNano(), scale);
            }
            case TEMPORAL_TEXT -> {
                text = rs.getString(i);
            }
            case DATETIME -> {
                Object o = rs.getObject(i);
                if (o == null) return null;
                LocalDateTime t = o instanceof OffsetDateTime odt ? odt.toLocalDateTime()
                        : rs.getObject(i, LocalDateTime.class);
                text = DATE_TIME.format(t) + fraction(t.getNano(), scale);
            }
            default -> {
                String s = rs.getString(i);
                return s == null ? null : results.encode(s);
            }
        }
        return text == null ? null : text.getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * MySQL's answer to a floating-point result H2 computed as an infinity ({@code 1e308 * 10},
     * {@code EXP(1000)}): 1690 naming the expression (MySQL never sends an infinity; a NaN, which
     * its functions answer with NULL, is sent as NULL).
     */
    private static SqlError outOfRange(Column column) {
        return ErrorCode.ER_DATA_OUT_OF_RANGE.error("DOUBLE", column.name());
    }

    /** A FLOAT(M,D) or DOUBLE(M,D) column's value, as MySQL prints it: its exact value with D decimals. */
    private static String fixed(double v, int decimals) {
        return new BigDecimal(v).setScale(decimals, java.math.RoundingMode.HALF_EVEN).toPlainString();
    }

    /** MySQL prints exactly the type's fractional digits, none for fsp 0. */
    private static String fraction(int nanos, int scale) {
        if (scale <= 0) return "";
        String nine = String.format(Locale.ROOT, "%09d", nanos);
        return "." + nine.substring(0, Math.min(9, scale));
    }

    /**
     * MySQL prints a double with the fewest digits that read back the same, in plain notation for
     * ordinary magnitudes and as {@code 1.5e-7} / {@code 1e20} beyond them.
     */
    static String formatDouble(double d) {
        return formatShortest(Double.toString(d), d);
    }

    /**
     * A FLOAT as MySQL prints it: its exact value rounded to 6 significant digits (FLT_DIG), e.g.
     * 3.14159265 stored as 3.14159, 123456789 as 123457000.
     */
    static String formatFloat(float f) {
        if (Float.isNaN(f) || Float.isInfinite(f) || f == 0) return formatShortest(Float.toString(f), f);
        BigDecimal six = new BigDecimal((double) f).round(new java.math.MathContext(6, java.math.RoundingMode.HALF_EVEN));
        return formatShortest(six.toString(), f);
    }

    private static String formatShortest(String javaText, double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) return javaText;
        if (value == 0) return (1 / value < 0) ? "-0" : "0";
        BigDecimal bd = new BigDecimal(javaText).stripTrailingZeros();
        double abs = Math.abs(value);
        if (abs >= 1e-4 && abs < 1e15) {
            return bd.toPlainString();
        }
        String unscaled = bd.unscaledValue().abs().toString();
        int exponent = unscaled.length() - 1 - bd.scale();
        StringBuilder b = new StringBuilder();
        if (bd.signum() < 0) b.append('-');
        b.append(unscaled.charAt(0));
        if (unscaled.length() > 1) b.append('.').append(unscaled, 1, unscaled.length());
        b.append('e').append(exponent);
        return b.toString();
    }
}
