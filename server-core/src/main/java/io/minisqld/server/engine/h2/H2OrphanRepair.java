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
 * Completes row versions that a process kill left marked as uncommitted although their
 * transaction's undo log is gone.
 *
 * <p>Why: H2 2.3 commits a transaction by marking its undo log committed, then clearing the
 * uncommitted mark of each value, then dropping the undo log. After a SIGKILL the reopened store
 * can hold values still marked with a transaction id but no undo log for it (seen in the crash
 * tests). H2 does not resolve them: the first new transaction that happens to get the same id
 * treats them as its own, every other transaction sees them as uncommitted and waits on their
 * locks until its lock timeout. An undo log is written before the value it protects and dropped
 * only after every value was settled, so a marked value without an undo log belongs to a
 * transaction that was committing; this finishes that commit.
 *
 * <p>Runs at engine start, before any session begins a transaction. Uses H2 internals (the MVStore
 * maps behind each index): pinned to H2 2.3.x by the project's dependency.
 */
final class H2OrphanRepair {
    private H2OrphanRepair() {
    }

    /** Returns how many orphaned row versions were completed. */
    static int completeOrphanedCommits(Connection conn) throws SQLException {
        SessionLocal session = (SessionLocal) ((JdbcConnection) conn).getSession();
        Database db = session.getDatabase();
        TransactionStore ts = db.getStore().getTransactionStore();
        if (!ts.getOpenTransactions().isEmpty()) {
            // transactions restored from undo logs exist: H2 rolls those back itself; do not guess
            return 0;
        }
        int completed = 0;
        for (Schema schema : db.getAllSchemas()) {
            for (Table table : schema.getAllTablesAndViews(session)) {
                if (!(table instanceof MVTable mv)) continue;
                for (Index index : mv.getIndexes()) {
                    if (index instanceof MVIndex<?, ?> mvIndex) {
                        completed += complete(mvIndex.getMVMap());
                    }
                }
            }
        }
        return completed;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int complete(MVMap<?, ?> rawMap) {
        MVMap<Object, VersionedValue<Object>> map = (MVMap) rawMap;
        int n = 0;
        Cursor<Object, VersionedValue<Object>> cursor = map.cursor(null);
        while (cursor.hasNext()) {
            Object key = cursor.next();
            VersionedValue<Object> value = cursor.getValue();
            if (value == null || value.getOperationId() == 0) continue;
            Object current = value.getCurrentValue();
            if (current == null) {
                map.remove(key);
            } else {
                // a committed value is stored as the value itself (H2 2.x: Value extends VersionedValue)
                map.put(key, (VersionedValue<Object>) current);
            }
            n++;
        }
        return n;
    }
}
