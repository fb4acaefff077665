package io.minisqld.server.binlog.rows;

import io.minisqld.server.charset.MysqlCharset;
import io.minisqld.server.engine.TableInfo;
import io.minisqld.server.error.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A column's type as SHOW COLUMNS prints it ({@link TableInfo.ColumnInfo#mysqlType()}) → its
 * binlog type and metadata (row-events-gtid-mts.md §A.4). A CHAR(n) or VARCHAR(n) holds up to n
 * times its character set's longest character in bytes (4n in utf8mb4, n in latin1).
 */
final class ColumnTypes {
    /** A type name, its parenthesised arguments (if any), then UNSIGNED / ZEROFILL words. */
    private static final Pattern TYPE = Pattern.compile("([a-z]+)(?:\\((.*)\\))?((?: unsigned| zerofill)*)",
            Pattern.DOTALL | Pattern.CASE_INSENSITIVE);

    private ColumnTypes() {
    }

    static BinlogColumn of(TableInfo.ColumnInfo column) {
        String declared = column.mysqlType().trim();
        Matcher m = TYPE.matcher(declared);
        if (!m.matches()) throw refused(column);
        String name = m.group(1).toLowerCase(Locale.ROOT);
        // the arguments keep their case: ENUM's values
        String args = m.group(2);
        String flags = m.group(3).toLowerCase(Locale.ROOT);
        boolean unsigned = flags.contains("unsigned") || flags.contains("zerofill");
        MysqlCharset named = column.charset() == null ? null : MysqlCharset.named(column.charset());
        MysqlCharset charset = named == null ? MysqlCharset.UTF8MB4 : named;
        return switch (name) {
            case "tinyint" -> plain(column, BinlogColumn.TINY, unsigned);
            case "smallint" -> plain(column, BinlogColumn.SHORT, unsigned);
            case "mediumint" -> plain(column, BinlogColumn.INT24, unsigned);
            case "int", "integer" -> plain(column, BinlogColumn.LONG, unsigned);
            case "bigint" -> plain(column, BinlogColumn.LONGLONG, unsigned);
            case "float" -> new BinlogColumn(column.name(), BinlogColumn.FLOAT, 4, column.nullable(), unsigned, null,
                    null);
            case "double" -> new BinlogColumn(column.name(), BinlogColumn.DOUBLE, 8, column.nullable(), unsigned, null,
                    null);
            case "decimal" -> decimal(column, args, unsigned);
            case "varchar" -> varying(column, chars(column, args, 65535 / charset.maxBytes()) * charset.maxBytes(),
                    charset);
            case "varbinary" -> varying(column, chars(column, args, 65535), null);
            case "char" -> fixed(column, chars(column, args, 255) * charset.maxBytes(), charset);
            case "binary" -> fixed(column, chars(column, args, 255), null);
            case "tinytext", "tinyblob" -> blob(column, 1, name.endsWith("text") ? charset : null);
            case "text", "blob" -> blob(column, 2, name.endsWith("text") ? charset : null);
            case "mediumtext", "mediumblob" -> blob(column, 3, name.endsWith("text") ? charset : null);
            case "longtext", "longblob" -> blob(column, 4, name.endsWith("text") ? charset : null);
            // JSON as MariaDB logs it (its JSON is LONGTEXT): the document's text in a 4-byte-length BLOB
            case "json" -> blob(column, 4, MysqlCharset.UTF8MB4);
            case "date" -> plain(column, BinlogColumn.DATE, false);
            case "year" -> plain(column, BinlogColumn.YEAR, false);
            case "time" -> temporal(column, BinlogColumn.TIME2, args);
            case "datetime" -> temporal(column, BinlogColumn.DATETIME2, args);
            case "timestamp" -> temporal(column, BinlogColumn.TIMESTAMP2, args);
            case "enum" -> enumeration(column, args);
            case "set" -> set(column, args);
            case "bit" -> bit(column, args);
            default -> throw refused(column);
        };
    }

    /** The column's type in SQL words, for messages ({@code int unsigned}, {@code varchar(20)}, {@code time(3)}). */
    static String sqlName(BinlogColumn c) {
        int m = c.metadata();
        String sign = c.unsigned() ? " unsigned" : "";
        return switch (c.type()) {
            case BinlogColumn.TINY -> "tinyint" + sign;
            case BinlogColumn.SHORT -> "smallint" + sign;
            case BinlogColumn.INT24 -> "mediumint" + sign;
            case BinlogColumn.LONG -> "int" + sign;
            case BinlogColumn.LONGLONG -> "bigint" + sign;
            case BinlogColumn.FLOAT -> "float" + sign;
            case BinlogColumn.DOUBLE -> "double" + sign;
            case BinlogColumn.NEWDECIMAL -> "decimal(" + (m >> 8) + "," + (m & 0xFF) + ")" + sign;
            case BinlogColumn.VARCHAR -> c.text() ? "varchar(" + m / c.charset().maxBytes() + ")" : "varbinary(" + m + ")";
            case BinlogColumn.STRING -> c.realType() == BinlogColumn.ENUM ? "enum"
                    : c.realType() == BinlogColumn.SET ? "set"
                    : c.text() ? "char(" + c.maxBytes() / c.charset().maxBytes() + ")" : "binary(" + c.maxBytes() + ")";
            case BinlogColumn.BLOB -> new String[] {"tiny", "", "medium", "long"}[m - 1] + (c.text() ? "text" : "blob");
            case BinlogColumn.DATE -> "date";
            case BinlogColumn.YEAR -> "year";
            case BinlogColumn.TIME2 -> "time" + (m > 0 ? "(" + m + ")" : "");
            case BinlogColumn.DATETIME2 -> "datetime" + (m > 0 ? "(" + m + ")" : "");
            case BinlogColumn.TIMESTAMP2 -> "timestamp" + (m > 0 ? "(" + m + ")" : "");
            case BinlogColumn.BIT -> "bit(" + bits(c) + ")";
            default -> "binlog type " + c.type();
        };
    }

    /** A BIT column's width. */
    static int bits(BinlogColumn c) {
        return (c.metadata() >> 8) + 8 * (c.metadata() & 0xFF);
    }

    /** What the binlog cannot carry: 1235, naming the column and its type. */
    static io.minisqld.server.error.SqlError refused(TableInfo.ColumnInfo column) {
        return ErrorCode.ER_NOT_SUPPORTED_YET.error("row-based binary logging of column '" + column.name()
                + "' of type " + column.mysqlType());
    }

    private static BinlogColumn plain(TableInfo.ColumnInfo column, int type, boolean unsigned) {
        return new BinlogColumn(column.name(), type, 0, column.nullable(), unsigned, null, null);
    }

    private static int number(TableInfo.ColumnInfo column, String digits) {
        try {
            return Integer.parseInt(digits.trim());
        } catch (NumberFormatException e) {
            throw refused(column);
        }
    }

    /** The length of a CHAR / VARCHAR / BINARY / VARBINARY, at most {@code max} (MySQL's limit in utf8mb4 or bytes). */
    private static int chars(TableInfo.ColumnInfo column, String args, int max) {
        if (args == null) return 1;
        int n = number(column, args);
        if (n < 0 || n > max) throw refused(column);
        return n;
    }

    private static BinlogColumn decimal(TableInfo.ColumnInfo column, String args, boolean unsigned) {
        int precision = 10;
        int scale = 0;
        if (args != null) {
            String[] ps = args.split(",");
            if (ps.length > 2) throw refused(column);
            precision = number(column, ps[0]);
            if (ps.length == 2) scale = number(column, ps[1]);
        }
        // MySQL's DECIMAL: precision 1 to 65, scale 0 to 30 and at most the precision
        if (precision < 1 || precision > 65 || scale < 0 || scale > 30 || scale > precision) throw refused(column);
        return new BinlogColumn(column.name(), BinlogColumn.NEWDECIMAL, precision << 8 | scale, column.nullable(),
                unsigned, null, null);
    }

    private static BinlogColumn varying(TableInfo.ColumnInfo column, int maxBytes, MysqlCharset text) {
        // the metadata holds the maximum in two bytes
        if (maxBytes > 65535) throw refused(column);
        return new BinlogColumn(column.name(), BinlogColumn.VARCHAR, maxBytes, column.nullable(), false, text, null);
    }

    /** CHAR / BINARY: STRING, metadata {@code real_type ^ ((L & 0x300) >> 4)} then {@code L & 0xFF} (field.cc:7487). */
    private static BinlogColumn fixed(TableInfo.ColumnInfo column, int maxBytes, MysqlCharset text) {
        int byte0 = BinlogColumn.STRING ^ ((maxBytes & 0x300) >> 4);
        return new BinlogColumn(column.name(), BinlogColumn.STRING, byte0 << 8 | (maxBytes & 0xFF), column.nullable(),
                false, text, null);
    }

    private static BinlogColumn blob(TableInfo.ColumnInfo column, int lengthBytes, MysqlCharset text) {
        return new BinlogColumn(column.name(), BinlogColumn.BLOB, lengthBytes, column.nullable(), false, text, null);
    }

    private static BinlogColumn temporal(TableInfo.ColumnInfo column, int type, String args) {
        int fsp = args == null ? 0 : number(column, args);
        if (fsp < 0 || fsp > 6) throw refused(column);
        return new BinlogColumn(column.name(), type, fsp, column.nullable(), false, null, null);
    }

    /** SET: STRING whose metadata names the real type SET and the bits' width, 1 to 4 or 8 bytes (field.cc). */
    private static BinlogColumn set(TableInfo.ColumnInfo column, String args) {
        List<String> members = quotedList(column, args);
        if (members.isEmpty() || members.size() > 64) throw refused(column);
        int width = (members.size() + 7) / 8;
        if (width > 4) width = 8;
        return new BinlogColumn(column.name(), BinlogColumn.STRING, BinlogColumn.SET << 8 | width, column.nullable(),
                false, null, members);
    }

    /** ENUM: STRING whose metadata names the real type ENUM and the index's width, 1 or 2 bytes (field.cc:9368). */
    private static BinlogColumn enumeration(TableInfo.ColumnInfo column, String args) {
        List<String> values = quotedList(column, args);
        if (values.isEmpty() || values.size() > 65535) throw refused(column);
        int width = values.size() < 256 ? 1 : 2;
        return new BinlogColumn(column.name(), BinlogColumn.STRING, BinlogColumn.ENUM << 8 | width, column.nullable(),
                false, null, values);
    }

    private static BinlogColumn bit(TableInfo.ColumnInfo column, String args) {
        int bits = args == null ? 1 : number(column, args);
        if (bits < 1 || bits > 64) throw refused(column);
        return new BinlogColumn(column.name(), BinlogColumn.BIT, (bits % 8) << 8 | bits / 8, column.nullable(),
                false, null, null);
    }

    /** The values of {@code 'a','b'}: each single-quoted, a quote inside doubled. */
    private static List<String> quotedList(TableInfo.ColumnInfo column, String args) {
        List<String> out = new ArrayList<>();
        if (args == null) return out;
        int i = 0;
        while (i < args.length()) {
            char c = args.charAt(i);
            if (c == ',' || Character.isWhitespace(c)) {
                i++;
                continue;
            }
            if (c != '\'') throw refused(column);
            StringBuilder value = new StringBuilder();
            i++;
            while (true) {
                if (i >= args.length()) throw refused(column);
                char d = args.charAt(i);
                if (d == '\'' && i + 1 < args.length() && args.charAt(i + 1) == '\'') {
                    value.append('\'');
                    i += 2;
                } else if (d == '\'') {
                    i++;
                    break;
                } else {
                    value.append(d);
                    i++;
                }
            }
            out.add(value.toString());
        }
        return out;
    }
}
