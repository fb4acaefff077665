package io.minisqld.server.engine;

import java.util.List;

/**
 * A table as SHOW COLUMNS, SHOW CREATE TABLE and COM_FIELD_LIST need it.
 *
 * @param view true for a view (SHOW FULL TABLES says VIEW, SHOW CREATE TABLE shows CREATE VIEW)
 */
public record TableInfo(String database, String name, boolean view, List<ColumnInfo> columns,
                        List<IndexInfo> indexes, String createStatement) {

    /**
     * @param mysqlType   the MySQL type as SHOW COLUMNS prints it, e.g. {@code int(11)}, {@code varchar(20)}
     * @param defaultValue the default as SHOW COLUMNS prints it, null for none
     * @param extra       {@code auto_increment} or empty
     * @param charset     a text column's (CHAR, VARCHAR, TEXT) character set, MySQL's name; null for
     *                    the other types
     * @param comment     the column's COMMENT, empty for none
     */
    /** @param caseSensitive a text column of its set's {@code _bin} collation (else its set's default) */
    public record ColumnInfo(String name, String mysqlType, boolean nullable, String defaultValue,
                             String extra, String key, String charset, String comment, boolean caseSensitive) {
        /** A column of its set's default collation. */
        public ColumnInfo(String name, String mysqlType, boolean nullable, String defaultValue, String extra,
                          String key, String charset, String comment) {
            this(name, mysqlType, nullable, defaultValue, extra, key, charset, comment, false);
        }

        /** The column's collation's name, null for a column of no set. */
        public String collation() {
            io.minisqld.server.charset.MysqlCharset set = charset == null ? null
                    : io.minisqld.server.charset.MysqlCharset.named(charset);
            if (set == null) return null;
            return (caseSensitive ? io.minisqld.server.charset.Collation.bin(set)
                    : io.minisqld.server.charset.Collation.of(set)).name();
        }

        /** A column without a comment. */
        public ColumnInfo(String name, String mysqlType, boolean nullable, String defaultValue, String extra,
                          String key, String charset) {
            this(name, mysqlType, nullable, defaultValue, extra, key, charset, "");
        }

        /** A column of no character set, or a text column in utf8mb4. */
        public ColumnInfo(String name, String mysqlType, boolean nullable, String defaultValue, String extra,
                          String key) {
            this(name, mysqlType, nullable, defaultValue, extra, key, isText(mysqlType) ? "utf8mb4" : null);
        }

        /** The members of an {@code enum('a','b')} or {@code set(…)} column, as its type lists them; none for another. */
        public List<String> members() {
            List<String> out = new java.util.ArrayList<>();
            int open = mysqlType.indexOf('(');
            if (open < 0) return out;
            StringBuilder cur = null;
            for (int i = open + 1; i < mysqlType.length(); i++) {
                char c = mysqlType.charAt(i);
                if (cur == null) {
                    if (c == '\'') cur = new StringBuilder();
                } else if (c == '\'') {
                    if (i + 1 < mysqlType.length() && mysqlType.charAt(i + 1) == '\'') {
                        cur.append('\'');
                        i++;
                    } else {
                        out.add(cur.toString());
                        cur = null;
                    }
                } else {
                    cur.append(c);
                }
            }
            return out;
        }

        /** Whether a type (as SHOW COLUMNS prints it) is CHAR, VARCHAR or one of the TEXT types. */
        public static boolean isText(String mysqlType) {
            String t = mysqlType.toLowerCase(java.util.Locale.ROOT);
            return t.startsWith("char") || t.startsWith("varchar") || t.endsWith("text") && !t.contains("(");
        }
    }

    /** @param name PRIMARY for the primary key */
    public record IndexInfo(String name, boolean unique, List<String> columns) {
    }
}
