package io.minisqld.server.engine.h2;

import java.sql.Connection;
import java.sql.SQLException;
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
 * <p>Why: after a SIGKILL, H2 2.3 can reopen a store holding values still marked with a
 * transaction id for which it restored no transaction (seen in the crash tests). H2 does not
 * resolve them: the first new transaction that happens to get the same id treats them as its
 * own, every other transaction sees them as uncommitted and waits on their locks until its lock
 * timeout. Whether such a transaction was committing cannot be told from the engine alone, so its
 * versions are rolled back, its XID record with them: the binlog then decides. Crash recovery
 * re-applies every binlogged transaction whose XID the engine lacks, and a transaction absent
 * from the binlog was never acknowledged. (Completing them instead was tried and lost
 * transactions whose XID record had already been settled.)
 *
 * <p>Runs at engine start, before any session begins a transaction. Uses H2 internals (the MVStore
 * maps behind each index): pinned to H2 2.3.x by the project's dependency.
 */
final class H2OrphanRepair {
    private H2OrphanRepair() {
    }

    /** Returns how many orphaned row versions were rolled back. */
    static int rollBackOrphans(Connection conn) throws SQLException {
        SessionLocal session = (SessionLocal) ((JdbcConnection) conn).getSession();
        Database db = session.getDatabase();
        TransactionStore ts = db.getStore().getTransactionStore();
        java.util.Set<Integer> open = new java.util.HashSet<>();
        // transactions H2 restored from their undo logs: H2 resolves those itself
        for (org.h2.mvstore.tx.Transaction t : ts.getOpenTransactions()) open.add(t.getId());
        int completed = 0;
        for (Schema schema : db.getAllSchemas()) {
            for (Table table : schema.getAllTablesAndViews(session)) {
                if (!(table instanceof MVTable mv)) continue;
                for (Index index : mv.getIndexes()) {
                    if (index instanceof MVIndex<?, ?> mvIndex) {
                        completed += rollBack(mvIndex.getMVMap(), open);
                    }
                }
            }
        }
        return completed;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int rollBack(MVMap<?, ?> rawMap, java.util.Set<Integer> open) {
        MVMap<Object, VersionedValue<Object>> map = (MVMap) rawMap;
        int n = 0;
        Cursor<Object, VersionedValue<Object>> cursor = map.cursor(null);
        while (cursor.hasNext()) {
            Object key = cursor.next();
            VersionedValue<Object> value = cursor.getValue();
            if (value == null || value.getOperationId() == 0) continue;
            // H2's operation id carries the transaction id in its upper 24 bits
            if (open.contains((int) (value.getOperationId() >>> 40))) continue;
            Object committed = value.getCommittedValue();
            if (committed == null) {
                map.remove(key);
            } else {
                // a committed value is stored as the value itself (H2 2.x: Value extends VersionedValue)
                map.put(key, (VersionedValue<Object>) committed);
            }
            n++;
        }
        return n;
    }
}
