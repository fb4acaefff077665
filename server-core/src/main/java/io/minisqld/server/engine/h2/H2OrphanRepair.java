package io.minisqld.server.engine.h2;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongPredicate;
import org.h2.engine.Database;
import org.h2.engine.SessionLocal;
import org.h2.index.Index;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.db.MVIndex;
import org.h2.mvstore.db.MVTable;
import org.h2.mvstore.tx.TransactionStore;
import org.h2.result.Row;
import org.h2.schema.Schema;
import org.h2.table.Table;
import org.h2.value.VersionedValue;

/**
 * Settles row versions that a process kill left marked as uncommitted although no open
 * transaction owns them.
 *
 * <p>Why: after a SIGKILL, H2 2.3 can reopen a store holding values still marked with a
 * transaction id for which it restored no transaction (seen in the crash tests: a commit whose
 * cleanup had settled some of its values but not all). H2 does not resolve them: the first new
 * transaction that happens to get the same id treats them as its own, every other transaction
 * sees them as uncommitted and waits on their locks until its lock timeout.
 *
 * <p>The binlog decides, per transaction: if the transaction's marked versions include its XID
 * record and the binlog holds that XID, the transaction committed and its versions are completed;
 * otherwise they are rolled back (with the XID record, so crash recovery re-applies the
 * transaction from the binlog if it is there). Completing everything loses transactions whose
 * data was still marked but whose XID record was gone; rolling everything back duplicates
 * transactions whose data was settled but whose XID record was still marked: both were seen.
 *
 * <p>Runs at engine start, before any session begins a transaction. Uses H2 internals (the MVStore
 * maps behind each index): pinned to H2 2.3.x by the project's dependency.
 */
final class H2OrphanRepair {
    /** H2 2.x keeps the transaction id in the bits above the 40-bit log id of an operation id. */
    private static final int LOG_ID_BITS = 40;

    private H2OrphanRepair() {
    }

    /** A marked version and where it is. */
    private record Orphan(MVMap<Object, VersionedValue<Object>> map, Object key, VersionedValue<Object> value) {
    }

    /** How many versions were completed and rolled back. */
    record Outcome(int completed, int rolledBack) {
    }

    /**
     * @param xidTable  the table holding XID records (schema, table name)
     * @param xidLogged whether the binlog holds a complete transaction with that XID
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static Outcome settle(Connection conn, String xidSchema, String xidTable, LongPredicate xidLogged)
            throws SQLException {
        SessionLocal session = (SessionLocal) ((JdbcConnection) conn).getSession();
        Database db = session.getDatabase();
        TransactionStore ts = db.getStore().getTransactionStore();
        Set<Integer> open = new HashSet<>();
        // transactions H2 restored from their undo logs: H2 resolves those itself
        for (org.h2.mvstore.tx.Transaction t : ts.getOpenTransactions()) open.add(t.getId());
        Map<Integer, List<Orphan>> byTransaction = new HashMap<>();
        Map<Integer, Long> xidOf = new HashMap<>();
        for (Schema schema : db.getAllSchemas()) {
            for (Table table : schema.getAllTablesAndViews(session)) {
                if (!(table instanceof MVTable mv)) continue;
                boolean isXidTable = schema.getName().equalsIgnoreCase(xidSchema)
                        && table.getName().equalsIgnoreCase(xidTable);
                for (Index index : mv.getIndexes()) {
                    if (!(index instanceof MVIndex<?, ?> mvIndex)) continue;
                    MVMap<Object, VersionedValue<Object>> map = (MVMap) mvIndex.getMVMap();
                    Cursor<Object, VersionedValue<Object>> cursor = map.cursor(null);
                    while (cursor.hasNext()) {
                        Object key = cursor.next();
                        VersionedValue<Object> value = cursor.getValue();
                        if (value == null || value.getOperationId() == 0) continue;
                        int tx = (int) (value.getOperationId() >>> LOG_ID_BITS);
                        if (open.contains(tx)) continue;
                        byTransaction.computeIfAbsent(tx, t -> new ArrayList<>()).add(new Orphan(map, key, value));
                        if (isXidTable && index == mv.getScanIndex(session) && value.getCurrentValue() instanceof Row row) {
                            xidOf.put(tx, row.getValue(0).getLong());
                        }
                    }
                }
            }
        }
        int completed = 0;
        int rolledBack = 0;
        for (Map.Entry<Integer, List<Orphan>> e : byTransaction.entrySet()) {
            Long xid = xidOf.get(e.getKey());
            boolean commit = xid != null && xidLogged.test(xid);
            for (Orphan o : e.getValue()) {
                Object settled = commit ? o.value().getCurrentValue() : o.value().getCommittedValue();
                if (settled == null) {
                    o.map().remove(o.key());
                } else {
                    // a committed value is stored as the value itself (H2 2.x: Value extends VersionedValue)
                    o.map().put(o.key(), (VersionedValue<Object>) settled);
                }
                if (commit) completed++;
                else rolledBack++;
            }
        }
        return new Outcome(completed, rolledBack);
    }
}
