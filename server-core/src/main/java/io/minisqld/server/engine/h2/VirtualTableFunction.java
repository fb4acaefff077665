package io.minisqld.server.engine.h2;

import io.minisqld.server.engine.VirtualTable;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.h2.tools.SimpleResultSet;

/**
 * The H2 table function behind every {@code information_schema} virtual table. H2 can only call a
 * static method, so this class holds the project's one allowed static map: engine key → engine.
 */
public final class VirtualTableFunction {
    /** Engine key → engine; an engine adds itself when it opens and removes itself when it closes. */
    private static final Map<String, H2StorageEngine> ENGINES = new ConcurrentHashMap<>();

    /** The alias name, in schema PUBLIC. */
    static final String ALIAS = "minisqld_virtual_table";

    private VirtualTableFunction() {
    }

    static void register(String key, H2StorageEngine engine) {
        ENGINES.put(key, engine);
    }

    static void unregister(String key) {
        ENGINES.remove(key);
    }

    /** The open engine whose H2 database {@code conn} is a session of (a trigger finds its server so), or null. */
    static H2StorageEngine engineOf(Connection conn) {
        if (!(conn instanceof org.h2.jdbc.JdbcConnection jc) || !(jc.getSession() instanceof org.h2.engine.SessionLocal s)) {
            return null;
        }
        for (H2StorageEngine engine : ENGINES.values()) {
            if (engine.owns(s.getDatabase())) return engine;
        }
        return null;
    }

    /** The SQL that makes the function callable; run once per database at start-up. */
    static String createAliasSql() {
        return "CREATE ALIAS IF NOT EXISTS PUBLIC.\"" + ALIAS + "\" FOR '" + VirtualTableFunction.class.getName()
                + ".rows'";
    }

    /** A value as its column holds it: BIGINT as Long, VARCHAR as String (booleans as 1/0). */
    private static Object value(Object v, boolean integer) {
        if (v == null) return null;
        if (v instanceof Boolean b) return integer ? (Object) (b ? 1L : 0L) : (b ? "1" : "0");
        if (integer) return v instanceof Number n ? (Object) n.longValue() : Long.valueOf(v.toString().trim());
        return v.toString();
    }

    /** The call that stands for {@code information_schema.<table>} in a session's statement. */
    static String callSql(String key, String table, long sessionId) {
        return "PUBLIC.\"" + ALIAS + "\"(" + MySqlToH2.quote(key) + ", " + MySqlToH2.quote(table) + ", "
                + sessionId + ")";
    }

    /**
     * Called by H2: the rows of one virtual table for one session. H2 first calls it with a
     * "jdbc:columnlist:connection" connection to learn the columns; it gets no rows then.
     */
    public static ResultSet rows(Connection conn, String key, String table, long sessionId) throws SQLException {
        H2StorageEngine engine = ENGINES.get(key);
        if (engine == null) throw new SQLException("minisqld engine " + key + " is closed");
        VirtualTable vt = engine.virtualTable(table);
        if (vt == null) throw new SQLException("Unknown virtual table " + table);
        SimpleResultSet rs = new SimpleResultSet();
        for (VirtualTable.VirtualColumn c : vt.columns()) {
            if (c.integer()) {
                rs.addColumn(c.name(), Types.BIGINT, 19, 0);
            } else {
                rs.addColumn(c.name(), Types.VARCHAR, 65535, 0);
            }
        }
        if ("jdbc:columnlist:connection".equals(conn.getMetaData().getURL())) return rs;
        List<List<Object>> rows = vt instanceof MetadataTable m ? m.rows(conn) : vt.rows(sessionId);
        List<VirtualTable.VirtualColumn> columns = vt.columns();
        VirtualTable.RowFilter filter = engine.rowFilter(table);
        for (List<Object> row : rows) {
            if (filter != null && !filter.visible(sessionId, row)) continue;
            Object[] values = new Object[columns.size()];
            for (int i = 0; i < values.length && i < row.size(); i++) {
                values[i] = value(row.get(i), columns.get(i).integer());
            }
            rs.addRow(values);
        }
        return rs;
    }
}
