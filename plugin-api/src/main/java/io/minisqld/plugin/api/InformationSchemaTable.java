package io.minisqld.plugin.api;

import java.util.List;

/**
 * The table a plugin of type {@link PluginType#INFORMATION_SCHEMA} adds to
 * {@code information_schema} (MySQL's {@code ST_SCHEMA_TABLE}, plugin API 1.1): named after the
 * plugin, from its INSTALL (or start-up) to its UNINSTALL. Queries read it as any table: columns
 * in SELECT, WHERE, ORDER BY, GROUP BY, joins with other tables.
 */
public interface InformationSchemaTable {
    /** The columns, in order. */
    List<Column> columns();

    /**
     * The rows as a query of {@code session} sees them now, one value per column: a {@code Long}
     * (or {@code Integer}) for an {@link ColumnKind#INTEGER} column, a {@code String} for a
     * {@link ColumnKind#TEXT} one, or null. Called on the querying session's thread, once per
     * query that reads the table.
     */
    List<List<Object>> rows(SessionView session);

    /** A column: its name (upper case, as MySQL's own) and kind. */
    record Column(String name, ColumnKind kind) {
    }

    /** BIGINT or VARCHAR, as information_schema's own columns are. */
    enum ColumnKind { INTEGER, TEXT }
}
