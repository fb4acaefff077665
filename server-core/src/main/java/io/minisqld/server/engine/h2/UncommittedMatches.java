package io.minisqld.server.engine.h2;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.h2.engine.SessionLocal;
import org.h2.message.DbException;
import org.h2.mvstore.db.MVTable;
import org.h2.mvstore.tx.Transaction;
import org.h2.result.Row;
import org.h2.result.SearchRow;
import org.h2.schema.Schema;
import org.h2.table.Table;
import org.h2.value.Value;

/**
 * The rows of one table that match a locking statement's condition in the version another open
 * transaction wrote. InnoDB's scan meets such a row and waits for its lock, then evaluates the
 * condition on what was committed; H2 evaluates the condition on the committed version only and
 * passes the row over, so the statement would change fewer rows than on a statement-based replica,
 * which applies it after that other transaction. They are found by a READ UNCOMMITTED read on a
 * connection of their own and locked in the session's transaction, waiting as InnoDB waits (with
 * its timeout and its deadlock detection); the statement then runs on what their writers committed.
 */
final class UncommittedMatches implements AutoCloseable {
    private final H2StorageEngine engine;
    private final Supplier<SessionLocal> session;
    /** READ UNCOMMITTED, autocommit: reads only, holds nothing. */
    private Connection dirty;
    private String dirtySchema;
    /** The transaction this class locked rows in, and how many lock records it added there. */
    private Transaction lockedIn;
    private long locks;

    UncommittedMatches(H2StorageEngine engine, Supplier<SessionLocal> session) {
        this.engine = engine;
        this.session = session;
    }

    /** Locks the rows {@code probe} matches in another open transaction's version, waiting for them. */
    void lockMatching(LockingReads.Probe probe, String database) throws SQLException {
        SessionLocal s = session.get();
        if (!othersHaveChanges(s)) return;
        String schema = probe.schema() != null ? probe.schema() : database;
        if (schema == null) return;
        List<Long> ids = rowIds(probe.rowIdsSql(), schema);
        if (ids.isEmpty()) return;
        if (!(find(s, schema, probe.table()) instanceof MVTable table)) return;
        Transaction tx = s.getTransaction();
        if (tx != lockedIn) {
            lockedIn = tx;
            locks = 0;
        }
        for (long id : ids) {
            Row row = table.createRow(new Value[table.getColumns().length], SearchRow.MEMORY_CALCULATE);
            row.setKey(id);
            locks++;
            try {
                table.lockRow(s, row, -1);
            } catch (DbException e) {
                throw e.getSQLException();
            }
        }
    }

    /**
     * The lock records this class added to {@code tx}: the statement locks the same rows again, and
     * InnoDB counts a lock once in a transaction's weight.
     */
    long extraLockRecords(Transaction tx) {
        return tx == lockedIn ? locks : 0;
    }

    private static boolean othersHaveChanges(SessionLocal s) {
        Transaction own = s.getTransaction();
        for (Transaction tx : s.getDatabase().getStore().getTransactionStore().getOpenTransactions()) {
            if (tx != own && tx.hasChanges()) return true;
        }
        return false;
    }

    private List<Long> rowIds(String sql, String schema) throws SQLException {
        if (dirty == null) {
            dirty = engine.connect();
            dirty.setAutoCommit(true);
            dirty.setTransactionIsolation(Connection.TRANSACTION_READ_UNCOMMITTED);
        }
        List<Long> ids = new ArrayList<>();
        try (Statement st = dirty.createStatement()) {
            if (!schema.equals(dirtySchema)) {
                st.execute("SET SCHEMA " + H2StorageEngine.ident(schema));
                dirtySchema = schema;
            }
            try (ResultSet rs = st.executeQuery(sql)) {
                while (rs.next()) ids.add(rs.getLong(1));
            }
        }
        return ids;
    }

    private static Table find(SessionLocal s, String schemaName, String tableName) {
        Schema schema = s.getDatabase().findSchema(schemaName);
        if (schema == null) {
            for (Schema candidate : s.getDatabase().getAllSchemas()) {
                if (candidate.getName().equalsIgnoreCase(schemaName)) schema = candidate;
            }
        }
        if (schema == null) return null;
        Table table = schema.findTableOrView(s, tableName);
        if (table != null) return table;
        for (Table candidate : schema.getAllTablesAndViews(s)) {
            if (candidate.getName().equalsIgnoreCase(tableName)) return candidate;
        }
        return null;
    }

    @Override
    public void close() {
        if (dirty == null) return;
        try {
            dirty.close();
        } catch (SQLException e) {
            // nothing of the session's is held there
        }
        dirty = null;
    }
}
