package io.minisqld.server.engine.h2;

import io.minisqld.server.engine.EngineTransaction;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.h2.engine.SessionLocal;
import org.h2.index.Index;
import org.h2.mvstore.tx.Transaction;
import org.h2.schema.Schema;
import org.h2.table.Table;

/**
 * The engine's open transactions as information_schema.INNODB_TRX lists them: each of H2's open
 * transactions with the session that owns it (its connection, isolation level, running statement
 * and the time its first statement started), its weight (the undo log's length, as InnoDB's
 * victim choice weighs it), and, while it waits for a row, the transaction holding it and the
 * row's table.
 */
final class OpenTransactions {
    private OpenTransactions() {
    }

    static List<EngineTransaction> list(SessionLocal h2, Collection<H2EngineSession> sessions) {
        Map<Integer, H2EngineSession> byH2Session = byH2Session(sessions);
        List<EngineTransaction> out = new ArrayList<>();
        for (Transaction tx : h2.getDatabase().getStore().getTransactionStore().getOpenTransactions()) {
            if (tx.getStatus() == Transaction.STATUS_CLOSED) continue;
            H2EngineSession owner = byH2Session.get(InnoDbLocking.owner(tx));
            Transaction blocker = InnoDbLocking.blocker(tx);
            String map = blocker == null ? null : InnoDbLocking.blockingMap(tx);
            Table table = map == null ? null : tableOfMap(h2, mapId(map));
            String state = switch (tx.getStatus()) {
                case Transaction.STATUS_OPEN, Transaction.STATUS_PREPARED -> blocker != null ? "LOCK WAIT" : "RUNNING";
                case Transaction.STATUS_COMMITTED -> "COMMITTING";
                default -> "ROLLING BACK";
            };
            long weight = Math.max(0, tx.setSavepoint() - (owner == null ? 0 : owner.extraLockRecords(tx)));
            out.add(new EngineTransaction(tx.getId(), state, owner == null ? null : owner.transactionStarted(tx), weight,
                    owner == null ? 0 : owner.sessionId(), owner == null ? null : owner.runningStatement(),
                    owner == null ? null : owner.isolationName(), blocker == null ? 0 : blocker.getId(),
                    table == null ? null : table.getSchema().getName(), table == null ? null : table.getName()));
        }
        return out;
    }

    /** The sessions by the id of their H2 session, the owner H2 records in a transaction ({@link InnoDbLocking#owner}). */
    static Map<Integer, H2EngineSession> byH2Session(Collection<H2EngineSession> sessions) {
        Map<Integer, H2EngineSession> out = new HashMap<>();
        for (H2EngineSession s : sessions) out.put(s.h2SessionId(), s);
        return out;
    }

    /** The id in an H2 map name ("table.12", "index.7"); -1 for another name. */
    private static int mapId(String name) {
        int dot = name.lastIndexOf('.');
        try {
            return dot < 0 ? -1 : Integer.parseInt(name.substring(dot + 1));
        } catch (NumberFormatException other) {
            return -1;
        }
    }

    /** The table whose rows (or one of whose indexes) H2 keeps in the map of id {@code id}, or null. */
    static Table tableOfMap(SessionLocal h2, int id) {
        for (Table t : h2.getDatabase().getAllTablesAndViews()) {
            if (t.getId() == id) return t;
        }
        for (Schema schema : h2.getDatabase().getAllSchemas()) {
            for (Index index : schema.getAllIndexes()) {
                if (index.getId() == id) return index.getTable();
            }
        }
        return null;
    }
}
