package io.minisqld.server.statements;

import io.minisqld.server.replication.replica.Applier;
import io.minisqld.server.session.Session;
import io.minisqld.server.sql.StatementText;

/**
 * What the replica's SQL thread applies goes through the same statement layer as a client's
 * statements: each event's text is lexed and parsed once, and an INSERT that followed an INTVAR
 * INSERT_ID event generates the source's AUTO_INCREMENT values.
 */
final class ReplicationApplier implements Applier {
    private final StatementExecutor executor;
    private final Transactions transactions;
    /** BEGIN, lexed once: every applied group starts with it. */
    private final StatementText begin;

    ReplicationApplier(StatementExecutor executor, Transactions transactions) {
        this.executor = executor;
        this.transactions = transactions;
        this.begin = executor.lexer().statement("BEGIN");
    }

    @Override
    public void begin(Session session) {
        executor.execute(session, begin);
    }

    @Override
    public void execute(Session session, String sql, Long insertId) {
        // INTVAR INSERT_ID works as SET insert_id does: the statement's first generated value
        if (insertId != null) session.variables().set("insert_id", insertId);
        executor.execute(session, executor.lexer().statement(sql));
    }

    @Override
    public long executeCounting(Session session, String sql) {
        return matchedRows(session, () -> executor.execute(session, executor.lexer().statement(sql)));
    }

    /** Runs a statement composed from a row event: the rows it matched (an UPDATE's found rows too). */
    static long matchedRows(Session session, java.util.function.Supplier<io.minisqld.server.result.StatementResult> run) {
        boolean foundRows = session.clientFoundRows();
        session.setClientFoundRows(true);
        try {
            return run.get() instanceof io.minisqld.server.result.OkResult ok ? ok.affectedRows() : 0;
        } finally {
            session.setClientFoundRows(foundRows);
        }
    }

    @Override
    public void commit(Session session) {
        transactions.commit(session);
    }

    @Override
    public void rollback(Session session) {
        transactions.rollback(session);
    }
}
