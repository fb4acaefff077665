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
     */
    public record ColumnInfo(String name, String mysqlType, boolean nullable, String defaultValue,
                             String extra, String key) {
    }

    /** @param name PRIMARY for the primary key */
    public record IndexInfo(String name, boolean unique, List<String> columns) {
    }
}
