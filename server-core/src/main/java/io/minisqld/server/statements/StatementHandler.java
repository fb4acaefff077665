package io.minisqld.server.statements;

import io.minisqld.server.result.StatementResult;
import io.minisqld.server.session.Session;
import io.minisqld.server.sql.StatementText;
import io.minisqld.server.sql.statement.Statement;

/** Executes one kind of parsed statement for a session; an entry of the {@link DispatchTable}. */
@FunctionalInterface
interface StatementHandler<S extends Statement> {
    /**
     * @param text the statement's tokens, for what must be logged or quoted as the client wrote it
     */
    StatementResult execute(Session session, S statement, StatementText text);
}
