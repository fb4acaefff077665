package io.minisqld.server.engine.h2;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.h2.engine.Database;
import org.h2.engine.SessionLocal;
import org.h2.index.Index;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.db.MVIndex;
import org.h2.mvstore.db.MVTable;
import org.h2.mvstore.tx.TransactionStore;
import org.h2.schema.Schema;
import org.h2.table.Table;
import org.h2.value.VersionedValue;

/**
 * Rolls back row versions that a process kill left marked as uncommitted although no open
 * transaction owns them.
 *
 * <p>Why: H2 writes a version of its store map by map while transactions go on changing them
 * ({@link H2StoreWrites}), so the file can hold a value a transaction wrote without the undo-log
 * record written just before it. H2 does not resolve such values: the first new transaction that
 * happens to get the same id treats them as its own, every other transaction sees them as
 * uncommitted and waits on their locks until its lock timeout.
 *
 * <p>Such a transaction had not committed when the version was written: {@link H2StoreWrites} never
 * writes the store while a commit runs, so a transaction that committed before the write is settled
 * in every map of it. Its values are rolled back (with its XID record, so that crash recovery applies
 * it again from the binary log if it is there, and a replica from its relay log).
 *
 * <p>Runs at engine start, before any session begins a transaction. Uses H2 internals (the MVStore
 * maps behind each index): pinned to H2 2.3.x by the project's dependency.
 */
final class H2OrphanRepair {
    /** H2 2.x keeps the transaction id in the bits above the 40-bit log id of an operation id. */
    private static final int LOG_ID_BITS = 40;

    private H2OrphanRepair() {
    }

    /** Rolls the marked versions back; returns how many there were. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static int rollBack(Connection conn) {
        SessionLocal session = (SessionLocal) ((JdbcConnection) conn).getSession();
        Database db = session.getDatabase();
        TransactionStore ts = db.getStore().getTransactionStore();
        Set<Integer> open = new HashSet<>();
        // transactions H2 restored from their undo logs: H2 resolves those itself
        for (org.h2.mvstore.tx.Transaction t : ts.getOpenTransactions()) open.add(t.getId());
        int rolledBack = 0;
        for (Schema schema : db.getAllSchemas()) {
            for (Table table : schema.getAllTablesAndViews(session)) {
                if (!(table instanceof MVTable mv)) continue;
                for (Index index : mv.getIndexes()) {
                    if (!(index instanceof MVIndex<?, ?> mvIndex)) continue;
                    MVMap<Object, VersionedValue<Object>> map = (MVMap) mvIndex.getMVMap();
                    List<Object> keys = new ArrayList<>();
                    List<Object> committed = new ArrayList<>();
                    Cursor<Object, VersionedValue<Object>> cursor = map.cursor(null);
                    while (cursor.hasNext()) {
                        Object key = cursor.next();
                        VersionedValue<Object> value = cursor.getValue();
                        if (value == null || value.getOperationId() == 0) continue;
                        if (open.contains((int) (value.getOperationId() >>> LOG_ID_BITS))) continue;
                        keys.add(key);
                        committed.add(value.getCommittedValue());
                    }
                    for (int i = 0; i < keys.size(); i++) {
                        Object before = committed.get(i);
                        if (before == null) {
                            map.remove(keys.get(i));
                        } else {
                            // a committed value is stored as the value itself (H2 2.x: Value extends VersionedValue)
                            map.put(keys.get(i), (VersionedValue<Object>) before);
                        }
                    }
                    rolledBack += keys.size();
                }
            }
        }
        return rolledBack;
    }
}
