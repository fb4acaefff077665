package io.minisqld.server.result;

/**
 * One column of a result set, as a ColumnDefinition41 describes it (protocol spec §1.6).
 *
 * @param charset collation id: 33 utf8_general_ci for text, 63 binary for numbers and blobs
 * @param flags   {@link #NOT_NULL}, {@link #BINARY}, {@link #NUM}, …
 */
public record Column(String schema, String table, String orgTable, String name, String orgName,
                     int charset, long length, ColumnType type, int flags, int decimals) {
    public static final int NOT_NULL = 0x0001;
    public static final int PRI_KEY = 0x0002;
    public static final int UNIQUE_KEY = 0x0004;
    public static final int MULTIPLE_KEY = 0x0008;
    public static final int BLOB_FLAG = 0x0010;
    public static final int UNSIGNED = 0x0020;
    public static final int ZEROFILL = 0x0040;
    public static final int BINARY = 0x0080;
    public static final int AUTO_INCREMENT = 0x0200;
    public static final int NUM = 0x8000;

    public static final int UTF8_GENERAL_CI = 33;
    public static final int UTF8MB4_GENERAL_CI = 45;
    public static final int BINARY_CHARSET = 63;

    /** A text column with no table, as SHOW statements and SELECT @@var return. */
    public static Column text(String name) {
        return new Column("", "", "", name, "", UTF8_GENERAL_CI, 256 * 3, ColumnType.VAR_STRING, 0, 0);
    }

    /** A text column that can never be NULL. */
    public static Column textNotNull(String name) {
        return new Column("", "", "", name, "", UTF8_GENERAL_CI, 256 * 3, ColumnType.VAR_STRING, NOT_NULL, 0);
    }

    /** A 64-bit integer column with no table. */
    public static Column bigint(String name) {
        return new Column("", "", "", name, "", BINARY_CHARSET, 21, ColumnType.LONGLONG, BINARY | NUM, 0);
    }

    /** The same column under another label. */
    public Column withName(String label) {
        return new Column(schema, table, orgTable, label, orgName, charset, length, type, flags, decimals);
    }
}
