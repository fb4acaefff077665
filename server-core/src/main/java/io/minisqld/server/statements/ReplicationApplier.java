package io.minisqld.server.statements;

import io.minisqld.server.replication.replica.Applier;
import io.minisqld.server.session.Session;
import io.minisqld.server.sql.StatementText;

/**
 * What the replica's SQL thread applies goes through the same statement layer as a client's
 * statements: each event's text is lexed and parsed once, and an INSERT that followed an INTVAR
 * INSERT_ID event gets the source's AUTO_INCREMENT values written in.
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
        StatementText text = executor.lexer().statement(sql);
        if (insertId == null) {
            executor.execute(session, text);
            return;
        }
        executor.execute(session, text, query -> ReplicatedInsertIds.write(text, query, insertId,
                session.variables().longValue("auto_increment_increment"), session.database(),
                session.variables().string("sql_mode").contains("NO_AUTO_VALUE_ON_ZERO"),
                (db, table) -> session.engine().describe(db == null ? session.database() : db, table)));
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
