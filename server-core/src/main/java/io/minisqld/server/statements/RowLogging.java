package io.minisqld.server.statements;

import io.minisqld.server.binlog.PendingEvent;
import io.minisqld.server.binlog.event.EventHeaderFields;
import io.minisqld.server.binlog.event.RowsEvent;
import io.minisqld.server.binlog.event.RowsQueryEvent;
import io.minisqld.server.binlog.event.TableMapEvent;
import io.minisqld.server.binlog.rows.BinlogColumn;
import io.minisqld.server.binlog.rows.BinlogTables;
import io.minisqld.server.binlog.rows.RowImage;
import io.minisqld.server.binlog.rows.RowsEventEncoder;
import io.minisqld.server.engine.RowCapture;
import io.minisqld.server.engine.TableInfo;
import io.minisqld.server.error.ErrorCode;
import io.minisqld.server.session.Session;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A statement logged as rows (binlog_format ROW, or MIXED for an unsafe statement;
 * row-events-gtid-mts.md §A.1–§A.4): an optional ROWS_QUERY with its text
 * (binlog_rows_query_log_events), one TABLE_MAP per table it changed, then its row changes as
 * WRITE/UPDATE/DELETE_ROWS v2 events, one per run of changes of the same table and kind, split at
 * binlog_row_event_max_size, the last flagged STMT_END_F. The images hold the columns
 * binlog_row_image asks for.
 *
 * <p>Threads: {@link #events} runs on the statement's session thread; the table ids are shared.
 */
final class RowLogging {
    /** The header flag of an event a reader may skip when it does not know its type. */
    private static final int LOG_EVENT_IGNORABLE_F = 0x80;
    /** The next table id: a new one per table and column layout, as MySQL's for a changed table. */
    private final AtomicLong nextTableId = new AtomicLong(108);

    /** One table of the statement: its id, layout and map. */
    private record Table(TableMapEvent map, List<BinlogColumn> columns, List<Integer> primaryKey,
                         Map<String, Integer> positions) {
    }

    /**
     * The statement's events, or an empty list when it changed no row (MySQL logs nothing then).
     *
     * @param written the tables the statement names to write ("db\0table", lower case). The
     *                changes of another table that has a foreign key with a CASCADE or SET NULL
     *                action on a table the statement changed, not made by a trigger or function,
     *                are the engine's own and are not logged, as MySQL leaves InnoDB's to the
     *                replica's engine (it would make them twice)
     */
    List<PendingEvent> events(Session s, long serverId, long timestamp, String statementText,
                              List<RowCapture.Change> changes, Set<String> written) {
        Set<String> changedTables = new java.util.HashSet<>();
        for (RowCapture.Change c : changes) changedTables.add(key(c.database(), c.table()));
        Map<String, Boolean> cascades = new HashMap<>();
        List<RowCapture.Change> logged = new ArrayList<>(changes.size());
        for (RowCapture.Change c : changes) {
            String k = key(c.database(), c.table());
            if (c.nested() || written.contains(k)
                    || !cascades.computeIfAbsent(k, x -> followsByForeignKey(s, c.database(), c.table(), changedTables))) {
                logged.add(c);
            }
        }
        if (logged.isEmpty()) return List.of();
        Map<String, Table> tables = new LinkedHashMap<>();
        for (RowCapture.Change c : logged) {
            tables.computeIfAbsent(key(c.database(), c.table()), k -> table(s, c.database(), c.table()));
        }
        RowImage image = RowImage.valueOf(s.variables().string("binlog_row_image").toUpperCase(Locale.ROOT));
        int maxBytes = (int) Math.min(Integer.MAX_VALUE, s.variables().longValue("binlog_row_event_max_size"));
        EventHeaderFields header = EventHeaderFields.of(timestamp, serverId);
        List<PendingEvent> out = new ArrayList<>();
        if (s.variables().bool("binlog_rows_query_log_events")) {
            // an ignorable event (LOG_EVENT_IGNORABLE_F), as MySQL writes it: readers that do not know it skip it
            out.add(new PendingEvent(new EventHeaderFields(timestamp, serverId, LOG_EVENT_IGNORABLE_F),
                    new RowsQueryEvent(statementText)));
        }
        for (Table t : tables.values()) out.add(new PendingEvent(header, t.map()));
        int checks = (s.variables().bool("foreign_key_checks") ? 0 : RowsEventEncoder.NO_FOREIGN_KEY_CHECKS_F)
                | (s.variables().bool("unique_checks") ? 0 : RowsEventEncoder.RELAXED_UNIQUE_CHECKS_F);
        int i = 0;
        while (i < logged.size()) {
            RowCapture.Change first = logged.get(i);
            String k = key(first.database(), first.table());
            int j = i;
            while (j < logged.size() && logged.get(j).kind() == first.kind()
                    && key(logged.get(j).database(), logged.get(j).table()).equals(k)) {
                j++;
            }
            Table t = tables.get(k);
            List<Object[]> before = new ArrayList<>();
            List<Object[]> after = new ArrayList<>();
            BitSet changed = new BitSet();
            for (RowCapture.Change c : logged.subList(i, j)) {
                Object[] b = c.before() == null ? null : ordered(t, c, c.before());
                Object[] a = c.after() == null ? null : ordered(t, c, c.after());
                before.add(b);
                after.add(a);
                for (int col = 0; col < t.columns().size(); col++) {
                    if (b == null || a == null || !Objects.deepEquals(b[col], a[col])) changed.set(col);
                }
            }
            RowsEvent.Kind kind = switch (first.kind()) {
                case WRITE -> RowsEvent.Kind.WRITE;
                case UPDATE -> RowsEvent.Kind.UPDATE;
                case DELETE -> RowsEvent.Kind.DELETE;
            };
            BitSet beforeColumns = image.before(t.columns(), t.primaryKey());
            BitSet afterColumns = kind == RowsEvent.Kind.WRITE ? all(t.columns().size())
                    : image.after(t.columns(), changed);
            boolean last = j == logged.size();
            for (RowsEvent e : RowsEventEncoder.events(kind, t.map(), t.columns(), beforeColumns, afterColumns,
                    kind == RowsEvent.Kind.WRITE ? null : before, kind == RowsEvent.Kind.DELETE ? null : after,
                    maxBytes, last, checks)) {
                out.add(new PendingEvent(header, e));
            }
            i = j;
        }
        return out;
    }

    /** Whether the table has a foreign key that cascades (or sets NULL) from one of {@code changed}. */
    private static boolean followsByForeignKey(Session s, String database, String table, Set<String> changed) {
        String create = s.engine().describe(database, table).createStatement();
        if (create == null) return false;
        for (String line : create.split("\n")) {
            if (!line.contains("FOREIGN KEY") || !(line.contains("CASCADE") || line.contains("SET NULL"))) continue;
            java.util.regex.Matcher m = REFERENCES.matcher(line);
            if (!m.find()) continue;
            String parentDb = m.group(1) != null ? m.group(1).replace("``", "`") : database;
            if (changed.contains(key(parentDb, m.group(2).replace("``", "`")))) return true;
        }
        return false;
    }

    private static final java.util.regex.Pattern REFERENCES =
            java.util.regex.Pattern.compile("REFERENCES (?:`((?:[^`]|``)+)`\\.)?`((?:[^`]|``)+)`");

    private static BitSet all(int n) {
        BitSet b = new BitSet(n);
        b.set(0, n);
        return b;
    }

    /** The last description of each table seen and what was built from it. */
    private record Described(TableInfo info, Table table) {
    }

    /** Tables by {@link #key}: rebuilt only when a table's description changes. */
    private final Map<String, Described> described = new ConcurrentHashMap<>();

    private Table table(Session s, String database, String name) {
        TableInfo info = s.engine().describe(database, name);
        String k = key(database, info.name());
        Described d = described.get(k);
        // each session describes a table on its own: an equal description is the same table
        if (d != null && (d.info() == info || d.info().equals(info))) return d.table();
        List<BinlogColumn> columns = BinlogTables.columns(info);
        // the same columns keep their table id; a new layout gets a new one, as MySQL's reopened table
        long id = d != null && d.table().columns().equals(columns) ? d.table().map().tableId()
                : nextTableId.getAndIncrement();
        Map<String, Integer> positions = new HashMap<>();
        for (int i = 0; i < columns.size(); i++) positions.put(columns.get(i).name().toLowerCase(Locale.ROOT), i);
        Table t = new Table(BinlogTables.tableMap(id, database, info.name(), columns), columns,
                BinlogTables.primaryKey(info), positions);
        described.put(k, new Described(info, t));
        return t;
    }

    /**
     * The rows a statement changed as transaction observers see them (plugin API 1.2): every
     * captured change, in order, with the table's column types and the values in the API's types.
     */
    static List<io.minisqld.plugin.api.observer.RowChange> forObservers(Session s, List<RowCapture.Change> changes) {
        List<io.minisqld.plugin.api.observer.RowChange> out = new ArrayList<>(changes.size());
        Map<String, Map<String, String>> typesByTable = new HashMap<>();
        for (RowCapture.Change c : changes) {
            Map<String, String> types = typesByTable.computeIfAbsent(key(c.database(), c.table()), k -> {
                Map<String, String> m = new HashMap<>();
                for (TableInfo.ColumnInfo col : s.engine().describe(c.database(), c.table()).columns()) {
                    m.put(col.name().toLowerCase(Locale.ROOT), col.mysqlType());
                }
                return m;
            });
            List<String> columnTypes = new ArrayList<>(c.columns().size());
            for (String col : c.columns()) columnTypes.add(types.getOrDefault(col.toLowerCase(Locale.ROOT), ""));
            io.minisqld.plugin.api.observer.RowChange.Operation op = switch (c.kind()) {
                case WRITE -> io.minisqld.plugin.api.observer.RowChange.Operation.INSERT;
                case UPDATE -> io.minisqld.plugin.api.observer.RowChange.Operation.UPDATE;
                case DELETE -> io.minisqld.plugin.api.observer.RowChange.Operation.DELETE;
            };
            out.add(new io.minisqld.plugin.api.observer.RowChange(c.database(), c.table(), op, c.columns(), columnTypes,
                    apiValues(c.before()), apiValues(c.after())));
        }
        return out;
    }

    /** The engine's values in the API's types: integers as Long (the wider ones as they are). */
    private static List<Object> apiValues(Object[] row) {
        if (row == null) return null;
        List<Object> out = new ArrayList<>(row.length);
        for (Object v : row) {
            out.add(v instanceof Byte || v instanceof Short || v instanceof Integer ? Long.valueOf(((Number) v).longValue()) : v);
        }
        return out;
    }

    /** The captured values in the table's column order, checked to cover every column. */
    private static Object[] ordered(Table t, RowCapture.Change c, Object[] values) {
        Object[] out = new Object[t.columns().size()];
        boolean[] seen = new boolean[out.length];
        for (int i = 0; i < c.columns().size(); i++) {
            Integer p = t.positions().get(c.columns().get(i).toLowerCase(Locale.ROOT));
            if (p == null) continue;
            out[p] = values[i];
            seen[p] = true;
        }
        for (int p = 0; p < seen.length; p++) {
            if (!seen[p]) {
                throw ErrorCode.ER_UNKNOWN_ERROR.error("the row image of " + c.database() + "." + c.table()
                        + " lacks column " + t.columns().get(p).name() + "; the statement was not logged");
            }
        }
        return out;
    }

    static String key(String database, String table) {
        return (database + "\0" + table).toLowerCase(Locale.ROOT);
    }
}
