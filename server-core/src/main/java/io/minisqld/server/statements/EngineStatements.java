package io.minisqld.server.statements;

import io.minisqld.server.engine.EngineQuery;
import io.minisqld.server.engine.EngineSession;
import io.minisqld.server.error.ErrorCode;
import io.minisqld.server.error.SqlError;
import io.minisqld.server.result.OkResult;
import io.minisqld.server.result.RowsResult;
import io.minisqld.server.result.StatementResult;
import io.minisqld.server.session.Session;
import io.minisqld.server.sql.StatementText;
import io.minisqld.server.sql.statement.EngineStatement;
import io.minisqld.server.sql.statement.SqlSpan;

/**
 * Runs the statements the storage engine executes: checks the tables' privileges, commits
 * implicitly before DDL, asks the before_dml observers, puts the server's values in, runs the
 * engine, and then logs and commits as autocommit says (a deadlock rolls back the whole
 * transaction, as InnoDB does; other errors only the statement).
 */
final class EngineStatements {
    private final ServerContext server;
    private final Transactions transactions;
    private final ServerValues values;

    EngineStatements(ServerContext server, Transactions transactions, ServerValues values) {
        this.server = server;
        this.transactions = transactions;
        this.values = values;
    }

    StatementResult execute(Session s, EngineStatement st, StatementText text) {
        return execute(s, st, (EngineQuery.Builder b) -> { });
    }

    /** Runs the statement with extra edits of the server's (a replicated INSERT's AUTO_INCREMENT values). */
    StatementResult execute(Session s, EngineStatement st, java.util.function.Consumer<EngineQuery.Builder> edits) {
        long started = transactions.nowFor(s);
        TablePrivileges.check(server.accounts(), s, st.tables());
        if (st.implicitCommit()) transactions.implicitCommit(s);
        if (st.loggedInTransaction()) transactions.beforeDml(s);
        EngineQuery.Builder builder = values.query(s, st.span());
        edits.accept(builder);
        EngineQuery query = builder.build();
        EngineSession.EngineResult result;
        try {
            result = s.engine().execute(query);
        } catch (SqlError e) {
            if (e.number() == ErrorCode.ER_LOCK_DEADLOCK.number()) {
                // InnoDB rolls back the whole transaction on a deadlock
                transactions.rollback(s);
            } else if (!s.inTransaction() && s.autocommit()) {
                s.engine().rollback();
            }
            throw e;
        }
        long insertId = result instanceof EngineSession.Update u ? u.firstGeneratedId() : 0;
        if (st.implicitCommit()) {
            // DDL committed in the engine as it ran (MySQL 5.7's non-atomic DDL); then it is logged
            s.engine().commit();
            s.setInTransaction(false);
            transactions.logCommitted(s, s.database(), query.mysqlText());
        } else {
            if (st.loggedInTransaction() && transactions.logging(s)) {
                s.binlogCache().add(BinlogEvents.statement(s, transactions.serverIdFor(s), started, query.mysqlText(),
                        insertId));
            }
            if (s.autocommit() && !s.inTransaction()) {
                transactions.commit(s);
            } else if (!s.autocommit()) {
                s.setInTransaction(true);
            }
        }
        if (result instanceof EngineSession.Update u) {
            if (u.firstGeneratedId() != 0) s.setLastInsertId(u.firstGeneratedId());
            return new OkResult(u.affectedRows(), u.firstGeneratedId(), null);
        }
        return ((EngineSession.Rows) result).rows();
    }

    /**
     * Runs a query the server composed around part of a client's statement (the value of
     * {@code SET @x = expr}, the condition of {@code SHOW VARIABLES WHERE …}), in the session's
     * engine transaction.
     */
    RowsResult query(Session s, StatementText prefix, SqlSpan span, StatementText suffix) {
        EngineSession.EngineResult r = s.engine().execute(values.composed(s, prefix, span, suffix));
        if (!(r instanceof EngineSession.Rows rows)) throw new IllegalStateException("not a query: " + prefix);
        if (s.autocommit() && !s.inTransaction()) s.engine().commit();
        return rows.rows();
    }

    ServerValues values() {
        return values;
    }
}
