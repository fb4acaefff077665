package io.minisqld.server.engine.h2;

import io.minisqld.server.error.SqlError;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.h2.api.Trigger;

/**
 * The H2 trigger that runs a MySQL trigger: H2 creates one per trigger (at CREATE TRIGGER and when
 * the database opens) and calls it for each row; its body comes from the server's trigger table
 * ({@link Triggers}) and runs in the row's session and transaction, with the trigger's database as
 * the current one, as MySQL runs it.
 */
public final class MysqlTrigger implements Trigger {
    private String schema;
    private String name;
    private String table;
    private boolean before;
    private TriggerBody.Event event;
    private String bodyText;
    private List<String> columns;
    private TriggerBody body;

    /** An error of the trigger's body, carried through H2 to the statement that fired it. */
    static final class BodyError extends SQLException {
        private final transient SqlError error;

        BodyError(SqlError error) {
            super(error.getMessage(), error.sqlState(), error.number());
            this.error = error;
        }

        SqlError error() {
            return error;
        }
    }

    @Override
    public void init(Connection conn, String schemaName, String triggerName, String tableName, boolean before,
                     int type) throws SQLException {
        this.schema = schemaName;
        this.name = triggerName;
        this.table = tableName;
        this.before = before;
        this.event = (type & INSERT) != 0 ? TriggerBody.Event.INSERT : (type & UPDATE) != 0 ? TriggerBody.Event.UPDATE
                : TriggerBody.Event.DELETE;
        try (PreparedStatement ps = conn.prepareStatement("SELECT body FROM " + Triggers.TABLE
                + " WHERE trigger_schema = ? AND trigger_name = ?")) {
            ps.setString(1, schemaName);
            ps.setString(2, triggerName);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) throw new SQLException("no definition for trigger " + schemaName + "." + triggerName);
                bodyText = rs.getString(1);
            }
        }
    }

    private void prepare(Connection conn, int width) throws SQLException {
        if (body != null && columns.size() == width) return;
        // the table's name and columns now (RENAME TABLE and ALTER TABLE may have changed them)
        try (PreparedStatement ps = conn.prepareStatement("SELECT EVENT_OBJECT_TABLE FROM INFORMATION_SCHEMA.TRIGGERS"
                + " WHERE TRIGGER_SCHEMA = ? AND TRIGGER_NAME = ?")) {
            ps.setString(1, schema);
            ps.setString(2, name);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) table = rs.getString(1);
            }
        }
        List<String> names = new ArrayList<>();
        try (PreparedStatement ps = conn.prepareStatement("SELECT COLUMN_NAME FROM INFORMATION_SCHEMA.COLUMNS"
                + " WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION")) {
            ps.setString(1, schema);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) names.add(rs.getString(1).toLowerCase(Locale.ROOT));
            }
        }
        columns = names;
        body = TriggerBody.parse(bodyText, names, event, before);
    }

    @Override
    public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
        prepare(conn, (newRow != null ? newRow : oldRow).length);
        String current = conn.getSchema();
        boolean switchSchema = !schema.equals(current);
        try {
            if (switchSchema) conn.setSchema(schema);
            body.run(conn, new TriggerBody.Row(columns, oldRow, newRow, (db, t, highest) -> generated(conn,
                    db == null ? schema : db, t, highest)));
        } catch (SqlError e) {
            throw new BodyError(e);
        } finally {
            if (switchSchema) conn.setSchema(current);
        }
    }

    /** AUTO_INCREMENT values the body's INSERT made move the server's counter past them. */
    private static void generated(Connection conn, String db, String table, long highest) throws SQLException {
        H2StorageEngine engine = VirtualTableFunction.engineOf(conn);
        if (engine == null) return;
        io.minisqld.server.engine.TableInfo info = TableMetadata.uncached(conn).describe(db, table);
        if (info == null) return;
        for (io.minisqld.server.engine.TableInfo.ColumnInfo c : info.columns()) {
            if ("auto_increment".equalsIgnoreCase(c.extra())) {
                engine.autoIncrement().generated(db, info.name(), c.name(), highest);
            }
        }
    }

    @Override
    public String toString() {
        return schema + "." + name;
    }
}
