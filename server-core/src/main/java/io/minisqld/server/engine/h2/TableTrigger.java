package io.minisqld.server.engine.h2;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.h2.api.Trigger;

/**
 * An H2 trigger of the engine's own (not a MySQL trigger) that needs to know its table: the
 * table's name and what the trigger reads of it ({@code S}) are read when it first fires and again
 * after any DDL (RENAME and ALTER TABLE keep the trigger but may change both).
 *
 * @param <S> what the trigger knows of its table
 */
abstract class TableTrigger<S> implements Trigger {
    private final String prefix;
    private String schema;
    private String name;
    private volatile Known<S> known;

    /** What was read of the table, as of a schema generation. */
    private record Known<S>(long generation, S shape) {
    }

    /** {@code prefix}: how the H2 names of this kind of trigger start. */
    TableTrigger(String prefix) {
        this.prefix = prefix;
    }

    @Override
    public final void init(Connection conn, String schemaName, String triggerName, String tableName, boolean before,
                           int type) {
        this.schema = schemaName;
        this.name = triggerName;
    }

    final String schema() {
        return schema;
    }

    /** What the trigger knows of its table now: read again once the schema changed. */
    final S shape(Connection conn) throws SQLException {
        H2StorageEngine engine = VirtualTableFunction.engineOf(conn);
        long generation = engine == null ? -1 : engine.schemaGeneration();
        Known<S> k = known;
        if (k != null && k.generation() == generation && generation >= 0) return k.shape();
        // the queries below are commands of their own: when they end, H2 forgets the time of the
        // statement that fired the trigger, and its next row's DEFAULT CURRENT_TIMESTAMP would read
        // the clock again (a replica's rows would not get the source's time)
        org.h2.engine.SessionLocal h2 = conn instanceof org.h2.jdbc.JdbcConnection jc
                && jc.getSession() instanceof org.h2.engine.SessionLocal sl ? sl : null;
        Object time = h2 == null ? null : H2EngineSession.commandTime(h2);
        S shape;
        try {
            shape = describe(conn, tableOf(conn, schema, name, prefix, getClass()));
        } finally {
            if (h2 != null) H2EngineSession.restoreCommandTime(h2, time);
        }
        known = new Known<>(generation, shape);
        return shape;
    }

    /** Reads what the trigger needs of {@code table}. */
    abstract S describe(Connection conn, String table) throws SQLException;

    /**
     * Makes sure {@code table} has a trigger of {@code triggerClass} (named from {@code prefix}) before
     * each insert and update of a row.
     */
    static void ensureTrigger(Connection conn, String schema, String table, Class<? extends TableTrigger<?>> triggerClass,
                              String prefix) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("SELECT 1 FROM INFORMATION_SCHEMA.TRIGGERS"
                + " WHERE EVENT_OBJECT_SCHEMA = ? AND EVENT_OBJECT_TABLE = ? AND JAVA_CLASS = ?")) {
            ps.setString(1, schema);
            ps.setString(2, table);
            ps.setString(3, triggerClass.getName());
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) return;
            }
        }
        create(conn, schema, table, triggerClass, prefix, "BEFORE INSERT, UPDATE");
    }

    /**
     * Creates a trigger of {@code triggerClass} on {@code table}, named from {@code prefix}, at
     * {@code when} ({@code "BEFORE INSERT, UPDATE"}, …), for each row.
     */
    static void create(Connection conn, String schema, String table, Class<? extends TableTrigger<?>> triggerClass,
                       String prefix, String when) throws SQLException {
        try (java.sql.Statement st = conn.createStatement()) {
            TemporaryTableDdl.execute(st, "CREATE TRIGGER IF NOT EXISTS " + H2StorageEngine.ident(schema) + "."
                    + H2StorageEngine.ident(prefix + table.toLowerCase(java.util.Locale.ROOT) + "#"
                            + Long.toHexString(System.nanoTime()))
                    + " " + when + " ON " + H2StorageEngine.ident(schema) + "." + H2StorageEngine.ident(table)
                    + " FOR EACH ROW CALL \"" + triggerClass.getName() + "\"");
        }
    }

    /** A table's column names in their order, as a trigger's rows hold them. */
    static List<String> columnNames(Connection conn, String schema, String table) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (PreparedStatement ps = conn.prepareStatement("SELECT COLUMN_NAME FROM INFORMATION_SCHEMA.COLUMNS"
                + " WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION")) {
            ps.setString(1, schema);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) columns.add(rs.getString(1));
            }
        }
        return List.copyOf(columns);
    }

    /**
     * The table a trigger of ours is on now. H2's ALTER TABLE copies the table and its triggers
     * under names prefixed with the copy's: the trigger is known by the unique end of the name it
     * was created with (from {@code prefix} on).
     */
    private static String tableOf(Connection conn, String schema, String name, String prefix, Class<?> triggerClass)
            throws SQLException {
        String unique = name.substring(Math.max(0, name.indexOf(prefix)));
        String table = null;
        try (PreparedStatement ps = conn.prepareStatement("SELECT EVENT_OBJECT_TABLE, TRIGGER_NAME FROM"
                + " INFORMATION_SCHEMA.TRIGGERS WHERE TRIGGER_SCHEMA = ? AND JAVA_CLASS = ?")) {
            ps.setString(1, schema);
            ps.setString(2, triggerClass.getName());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (rs.getString(2).endsWith(unique)) table = rs.getString(1);
                }
            }
        }
        if (table == null) throw new SQLException("trigger " + schema + "." + name + " has no table");
        return table;
    }
}
