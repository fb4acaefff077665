package io.minisqld.server.engine.h2;

import io.minisqld.server.engine.EngineQuery;
import io.minisqld.server.engine.EngineSession;
import io.minisqld.server.engine.TableInfo;
import io.minisqld.server.error.ErrorCode;
import io.minisqld.server.sql.Token;
import io.minisqld.server.sql.statement.MultiTableChange;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * A multi-table UPDATE or DELETE, which H2 does not have, as MySQL 5.7 runs it: the join is read
 * once, and each row of each table the statement changes is changed once, even where it matches
 * several rows of the join (the first of them gives an UPDATE its values). Rows the join fills
 * with NULLs (the missing side of an outer join) are not changed.
 *
 * <p>On H2: one query reads the join, with the current committed rows locked (FOR UPDATE, as the
 * current read InnoDB's statement makes) and every value the SET list gives computed there,
 * before any table changes. Then each table's rows are changed one by one through their row ids,
 * an UPDATE returning the row as stored (after BEFORE triggers) to tell a changed row from one
 * set to the values it had. It all runs in the statement's transaction behind a savepoint: an
 * error undoes the whole statement, as InnoDB's statement rollback does.
 *
 * <p>Where MySQL's result depends on its join order, this one does not: every value is computed
 * from the join's rows as read, so a SET value naming a column an earlier assignment sets reads the
 * column's old value (MySQL gives the new one for the table it updates while it reads the join).
 */
final class MultiTableWrites {
    /**
     * One table the statement changes; column numbers are the join query's, from 1.
     *
     * @param table    the table as H2 names it
     * @param rowId    its row id's column
     * @param presence a column that is NULL only where the join filled the table's side with NULLs,
     *                 or 0 to tell that by the row id (0 there)
     * @param columns  UPDATE: the columns it sets
     * @param values   UPDATE: for each column, the join query's column of its value, or 0 for DEFAULT
     * @param old      UPDATE: the join query's column of each column's value before the change
     */
    private record Target(String table, int rowId, int presence, List<String> columns, List<Integer> values,
                          List<Integer> old) {
    }

    private final boolean delete;
    private final List<Target> targets;

    private MultiTableWrites(boolean delete, List<Target> targets) {
        this.delete = delete;
        this.targets = targets;
    }

    /**
     * The statement's join query, as its translation (errors in it point into the client's
     * statement), carrying the plan that changes the rows.
     *
     * @param h2       the whole statement translated token by token
     * @param h2Starts where each token's text starts in {@code h2}
     * @param h2Ends   where it ends
     */
    static MySqlToH2.Translation translation(EngineQuery query, MultiTableChange change,
                                             BiFunction<String, String, TableInfo> describe, String h2,
                                             int[] h2Starts, int[] h2Ends) {
        List<Token> all = query.tokens();
        Map<Token, Integer> index = new IdentityHashMap<>();
        for (int i = 0; i < all.size(); i++) index.put(all.get(i), i);
        Query select = new Query(h2, h2Starts, h2Ends, all, index);
        select.text("SELECT ");
        List<Target> targets = new ArrayList<>();
        int column = 0;
        List<Integer> changed = change.changed();
        List<List<Integer>> valueSlots = new ArrayList<>();
        for (int r : changed) {
            MultiTableChange.Reference ref = change.references().get(r);
            TableInfo info = describe.apply(ref.database(), ref.table());
            if (info.view()) {
                throw ErrorCode.ER_NOT_SUPPORTED_YET.error("a view changed by a multi-table " + change.verb());
            }
            String qualifier = qualifier(ref);
            select.text(column == 0 ? "" : ", ").text(qualifier + "._ROWID_");
            int rowId = ++column;
            int presence = 0;
            for (TableInfo.ColumnInfo c : info.columns()) {
                if (!c.nullable()) {
                    select.text(", " + qualifier + "." + H2StorageEngine.ident(c.name()));
                    presence = ++column;
                    break;
                }
            }
            List<String> columns = new ArrayList<>();
            List<Integer> old = new ArrayList<>();
            List<Integer> slots = new ArrayList<>();
            for (int k = 0; k < change.assignments().size(); k++) {
                MultiTableChange.Assignment a = change.assignments().get(k);
                if (a.reference() != r) continue;
                String name = columnName(info, a);
                int at = columns.indexOf(name);
                if (at >= 0) {
                    // the same column set twice: the later value is what MySQL stores
                    slots.set(at, k);
                    continue;
                }
                columns.add(name);
                slots.add(k);
                select.text(", " + qualifier + "." + H2StorageEngine.ident(name));
                old.add(++column);
            }
            valueSlots.add(slots);
            String table = (ref.database() != null ? H2StorageEngine.ident(ref.database()) + "." : "")
                    + H2StorageEngine.ident(info.name());
            targets.add(new Target(table, rowId, presence, columns, new ArrayList<>(), old));
        }
        if (!change.delete()) {
            Map<Integer, Integer> valueColumn = new java.util.HashMap<>();
            for (int k = 0; k < change.assignments().size(); k++) {
                MultiTableChange.Assignment a = change.assignments().get(k);
                if (a.toDefault()) continue;
                select.text(", ").tokens(a.valueFirst(), a.valueLast());
                valueColumn.put(k, ++column);
            }
            for (int t = 0; t < targets.size(); t++) {
                for (int k : valueSlots.get(t)) targets.get(t).values().add(valueColumn.getOrDefault(k, 0));
            }
        }
        select.text(" FROM ").tokens(change.joinFirst(), change.joinLast());
        if (change.whereFirst() != null) select.text(" WHERE ").tokens(change.whereFirst(), change.whereLast());
        select.text(" FOR UPDATE");
        return new MySqlToH2.Translation(select.sql.toString(), List.of(select.sql.toString()), query.origin(),
                change.verb(), select.starts(), select.tokens, true, null, null, List.of(),
                new MultiTableWrites(change.delete(), List.copyOf(targets)), 0, select.sql.toString(), null);
    }

    /** How the join query names a reference: its alias, or its [database.]table. */
    private static String qualifier(MultiTableChange.Reference ref) {
        if (ref.alias() != null) return H2StorageEngine.ident(ref.alias());
        return (ref.database() != null ? H2StorageEngine.ident(ref.database()) + "." : "")
                + H2StorageEngine.ident(ref.table());
    }

    /** The table's spelling of an assigned column; 1054 when the table has none of that name. */
    private static String columnName(TableInfo info, MultiTableChange.Assignment a) {
        for (TableInfo.ColumnInfo c : info.columns()) {
            if (c.name().equalsIgnoreCase(a.column())) return c.name();
        }
        throw ErrorCode.ER_BAD_FIELD_ERROR.error(a.written(), "field list");
    }

    /**
     * Runs the statement: reads the join (its query is {@code join}), then changes each table.
     *
     * @param running told each H2 statement as it starts (KILL QUERY cancels it)
     * @return the rows deleted, or the rows an UPDATE matched and changed
     */
    EngineSession.EngineResult run(Connection conn, String join, Consumer<Statement> running) throws SQLException {
        Savepoint savepoint = conn.setSavepoint();
        try {
            List<Map<Long, Object[]>> rows = read(conn, join, running);
            EngineSession.EngineResult result = delete ? delete(conn, rows, running) : update(conn, rows, running);
            conn.releaseSavepoint(savepoint);
            return result;
        } catch (SQLException | RuntimeException e) {
            try {
                conn.rollback(savepoint);
            } catch (SQLException undo) {
                e.addSuppressed(undo);
            }
            throw e;
        }
    }

    /** Per table, its rows the join matched (the first join row each): row id → the join row. */
    private List<Map<Long, Object[]>> read(Connection conn, String join, Consumer<Statement> running)
            throws SQLException {
        List<Map<Long, Object[]>> out = new ArrayList<>();
        for (int t = 0; t < targets.size(); t++) out.add(new LinkedHashMap<>());
        try (Statement st = conn.createStatement()) {
            running.accept(st);
            try (ResultSet rs = st.executeQuery(join)) {
                int width = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    Object[] row = null;
                    for (int t = 0; t < targets.size(); t++) {
                        Target target = targets.get(t);
                        long id = rs.getLong(target.rowId());
                        boolean present = target.presence() > 0 ? rs.getObject(target.presence()) != null : id != 0;
                        if (!present || out.get(t).containsKey(id)) continue;
                        if (row == null) {
                            row = new Object[width + 1];
                            for (int c = 1; c <= width; c++) row[c] = value(rs.getObject(c));
                        }
                        out.get(t).put(id, row);
                    }
                }
            }
        }
        return out;
    }

    private EngineSession.EngineResult delete(Connection conn, List<Map<Long, Object[]>> rows,
                                              Consumer<Statement> running) throws SQLException {
        long deleted = 0;
        for (int t = 0; t < targets.size(); t++) {
            try (PreparedStatement ps = conn.prepareStatement("DELETE FROM " + targets.get(t).table()
                    + " WHERE _ROWID_ = ?")) {
                running.accept(ps);
                for (long id : rows.get(t).keySet()) {
                    ps.setLong(1, id);
                    deleted += ps.executeUpdate();
                }
            }
        }
        return EngineSession.Update.of(deleted);
    }

    private EngineSession.EngineResult update(Connection conn, List<Map<Long, Object[]>> rows,
                                              Consumer<Statement> running) throws SQLException {
        long matched = 0;
        long changed = 0;
        for (int t = 0; t < targets.size(); t++) {
            Target target = targets.get(t);
            StringBuilder sql = new StringBuilder("SELECT ");
            StringBuilder set = new StringBuilder();
            for (int c = 0; c < target.columns().size(); c++) {
                String name = H2StorageEngine.ident(target.columns().get(c));
                sql.append(c == 0 ? "" : ", ").append(name);
                set.append(c == 0 ? "" : ", ").append(name).append(target.values().get(c) == 0 ? " = DEFAULT" : " = ?");
            }
            sql.append(" FROM FINAL TABLE (UPDATE ").append(target.table()).append(" SET ").append(set)
                    .append(" WHERE _ROWID_ = ?)");
            try (PreparedStatement ps = conn.prepareStatement(sql.toString())) {
                running.accept(ps);
                for (Map.Entry<Long, Object[]> e : rows.get(t).entrySet()) {
                    Object[] row = e.getValue();
                    int p = 0;
                    for (int value : target.values()) {
                        if (value > 0) ps.setObject(++p, row[value]);
                    }
                    ps.setLong(++p, e.getKey());
                    matched++;
                    try (ResultSet stored = ps.executeQuery()) {
                        if (stored.next() && differs(stored, row, target)) changed++;
                    }
                }
            }
        }
        return new EngineSession.MatchedUpdate(matched, changed);
    }

    /** Whether the row as stored differs from its values before (MySQL compares the records). */
    private static boolean differs(ResultSet stored, Object[] row, Target target) throws SQLException {
        for (int c = 0; c < target.old().size(); c++) {
            if (!Objects.deepEquals(value(stored.getObject(c + 1)), row[target.old().get(c)])) return true;
        }
        return false;
    }

    /** A value that outlives its result set and compares by content (LOBs read whole). */
    private static Object value(Object v) throws SQLException {
        if (v instanceof Blob b) return b.getBytes(1, (int) b.length());
        if (v instanceof Clob c) return c.getSubString(1, (int) c.length());
        return v;
    }

    /** Builds the join query from the statement's translated text, remembering where each client token lands. */
    private static final class Query {
        private final String h2;
        private final int[] h2Starts;
        private final int[] h2Ends;
        private final List<Token> all;
        private final Map<Token, Integer> index;
        final StringBuilder sql = new StringBuilder();
        final List<Token> tokens = new ArrayList<>();
        private final List<Integer> starts = new ArrayList<>();

        Query(String h2, int[] h2Starts, int[] h2Ends, List<Token> all, Map<Token, Integer> index) {
            this.h2 = h2;
            this.h2Starts = h2Starts;
            this.h2Ends = h2Ends;
            this.all = all;
            this.index = index;
        }

        Query text(String s) {
            sql.append(s);
            return this;
        }

        /** The translated text of the client's tokens [first, last]. */
        Query tokens(Token first, Token last) {
            int from = index.get(first);
            int to = index.get(last);
            int h2From = h2Starts[from];
            int base = sql.length();
            for (int k = from; k <= to; k++) {
                tokens.add(all.get(k));
                starts.add(base + h2Starts[k] - h2From);
            }
            sql.append(h2, h2From, h2Ends[to]);
            return this;
        }

        int[] starts() {
            int[] out = new int[starts.size()];
            for (int i = 0; i < out.length; i++) out[i] = starts.get(i);
            return out;
        }
    }
}
