package io.minisqld.server.engine.h2;

import io.minisqld.server.error.ErrorCode;
import io.minisqld.server.error.SqlError;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.h2.engine.SessionLocal;
import org.h2.schema.Schema;
import org.h2.table.Table;
import org.h2.table.TableView;

/**
 * The views over a table that DROP TABLE removes. MySQL drops the table and keeps its views, which
 * answer 1356 until a table of that name is back; H2 refuses the drop while a view depends on the
 * table (and its CASCADE would drop the views). So the views (and the views over them) are set
 * aside before the drop and made again after it as H2's FORCE views, invalid while their tables are
 * missing; after each CREATE, ALTER or RENAME the server compiles the invalid ones again
 * ({@link #recompile}), and those whose tables are back answer again.
 */
final class DependentViews {
    /** H2's message for a query of an invalid view: View "db.v" is invalid: "…". */
    private static final java.util.regex.Pattern INVALID =
            java.util.regex.Pattern.compile("^View \"((?:[^\"]|\"\")*)\" is invalid");

    private DependentViews() {
    }

    /** The views set aside: their H2 definitions, a view after those it reads. */
    record Detached(List<String> creates) {
        static final Detached NONE = new Detached(List.of());
    }

    /**
     * Drops the views that read the tables ({schema, name} each, as the engine spells them),
     * directly or through other views, keeping their definitions for {@link #restore}.
     */
    static Detached detach(Connection conn, List<String[]> tables) throws SQLException {
        return detach(conn, tables, null);
    }

    /**
     * For DROP DATABASE: drops the views of other databases that read the database's tables and
     * views, keeping their definitions for {@link #restore} (its own go with it).
     */
    static Detached detachOutside(Connection conn, String schema) throws SQLException {
        SessionLocal h2 = session(conn);
        Schema s = h2 == null ? null : h2.getDatabase().findSchema(schema);
        if (s == null) return Detached.NONE;
        List<String[]> tables = new ArrayList<>();
        for (Table t : s.getAllTablesAndViews(h2)) tables.add(new String[] {schema, t.getName()});
        return detach(conn, tables, schema);
    }

    private static Detached detach(Connection conn, List<String[]> tables, String dropped) throws SQLException {
        SessionLocal h2 = session(conn);
        if (h2 == null) return Detached.NONE;
        Set<TableView> found = new LinkedHashSet<>();
        List<Table> next = new ArrayList<>();
        for (String[] t : tables) {
            Schema schema = h2.getDatabase().findSchema(t[0]);
            Table table = schema == null ? null : schema.findTableOrView(h2, t[1]);
            if (table != null) next.add(table);
        }
        // a view the statement itself drops or renames is not set aside
        Set<Table> named = new java.util.HashSet<>(next);
        while (!next.isEmpty()) {
            List<Table> after = new ArrayList<>();
            for (Table t : next) {
                for (TableView v : t.getDependentViews()) {
                    if (!named.contains(v) && found.add(v)) after.add(v);
                }
            }
            next = after;
        }
        List<String> creates = new ArrayList<>();
        List<String> drops = new ArrayList<>();
        for (TableView v : found) {
            if (v.getSchema().getName().equals(dropped)) continue;
            creates.add(v.getCreateSQL());
            drops.add(0, "DROP VIEW IF EXISTS " + v.getSQL(org.h2.util.HasSQL.DEFAULT_SQL_FLAGS) + " CASCADE");
        }
        if (creates.isEmpty()) return Detached.NONE;
        try (Statement st = conn.createStatement()) {
            for (String drop : drops) st.execute(drop);
        }
        return new Detached(creates);
    }

    /** Makes the views set aside again: valid where their tables exist, else invalid until they do. */
    static void restore(Connection conn, Detached detached) throws SQLException {
        if (detached.creates().isEmpty()) return;
        try (Statement st = conn.createStatement()) {
            for (String create : detached.creates()) st.execute(create);
        }
        recompile(conn);
    }

    /** Compiles the invalid views again: those whose tables exist now answer again. */
    static void recompile(Connection conn) throws SQLException {
        SessionLocal h2 = session(conn);
        if (h2 == null) return;
        boolean changed = true;
        // a view over an invalid view compiles once that one does
        while (changed) {
            changed = false;
            for (Schema schema : h2.getDatabase().getAllSchemas()) {
                for (Table t : schema.getAllTablesAndViews(h2)) {
                    if (t instanceof TableView v && v.isInvalid()) {
                        try (Statement st = conn.createStatement()) {
                            st.execute("ALTER VIEW " + v.getSQL(org.h2.util.HasSQL.DEFAULT_SQL_FLAGS) + " RECOMPILE");
                            changed |= !v.isInvalid();
                        } catch (SQLException e) {
                            // its tables are still missing: it stays invalid
                        }
                    }
                }
            }
        }
    }

    /**
     * MySQL's 1356 for a query of a view whose tables are gone (H2's "View … is invalid"), naming
     * the view as {@code db.view}.
     */
    static SqlError invalid(String h2Message) {
        java.util.regex.Matcher m = INVALID.matcher(h2Message);
        String name = m.find() ? m.group(1).replace("\"\"", "\"") : "";
        int dot = name.indexOf('.');
        return ErrorCode.ER_VIEW_INVALID.error(dot < 0 ? "" : name.substring(0, dot), name.substring(dot + 1));
    }

    private static SessionLocal session(Connection conn) {
        return conn instanceof org.h2.jdbc.JdbcConnection jc && jc.getSession() instanceof SessionLocal sl ? sl : null;
    }
}
