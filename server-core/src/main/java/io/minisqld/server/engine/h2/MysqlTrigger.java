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
    /** Written only under the trigger's lock (load). */
    private volatile String table;
    private boolean before;
    private TriggerBody.Event event;
    private String bodyText;
    /** The body parsed for the table's columns as they were at the last fire; rows of sessions share it. */
    private volatile Prepared prepared;

    private record Prepared(List<String> columns, TriggerBody body) {
    }

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

    private Prepared prepare(Connection conn, int width) throws SQLException {
        Prepared p = prepared;
        if (p != null && p.columns().size() == width) return p;
        synchronized (this) {
            p = prepared;
            if (p != null && p.columns().size() == width) return p;
            p = load(conn);
            prepared = p;
            return p;
        }
    }

    /** The table's name and columns now (RENAME TABLE and ALTER TABLE may have changed them), and the body for them. */
    private Prepared load(Connection conn) throws SQLException {
        String table = this.table;
        try (PreparedStatement ps = conn.prepareStatement("SELECT EVENT_OBJECT_TABLE FROM INFORMATION_SCHEMA.TRIGGERS"
                + " WHERE TRIGGER_SCHEMA = ? AND TRIGGER_NAME = ?")) {
            ps.setString(1, schema);
            ps.setString(2, name);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) table = rs.getString(1);
            }
        }
        List<String> names = new ArrayList<>();
        for (String c : TableTrigger.columnNames(conn, schema, table)) names.add(c.toLowerCase(Locale.ROOT));
        this.table = table;
        return new Prepared(names, TriggerBody.parse(bodyText, names, event, before));
    }

    @Override
    public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
        // a replica applying a row event: the source's triggers' changes are in the events
        if (io.minisqld.server.engine.TriggerSuppression.active()) return;
        Prepared p = prepare(conn, (newRow != null ? newRow : oldRow).length);
        String current = conn.getSchema();
        boolean switchSchema = !schema.equals(current);
        // the body's changes belong to the statement that fired it (ROW format logs them)
        io.minisqld.server.engine.RowCapture.enterNested();
        try {
            if (switchSchema) conn.setSchema(schema);
            p.body().run(conn, new TriggerBody.Row(p.columns(), oldRow, newRow, (db, t, highest) -> generated(conn,
                    db == null ? schema : db, t, highest)));
        } catch (SqlError e) {
            throw new BodyError(e);
        } finally {
            io.minisqld.server.engine.RowCapture.exitNested();
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
                engine.countersOf(conn, db, info.name()).generated(db, info.name(), c.name(), highest);
            }
        }
    }

    @Override
    public String toString() {
        return schema + "." + name;
    }
}
