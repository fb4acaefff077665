package io.minisqld.server.statements;

import io.minisqld.server.result.StatementResult;
import io.minisqld.server.session.Session;
import io.minisqld.server.sql.StatementText;
import io.minisqld.server.sql.statement.Statement;
import java.util.HashMap;
import java.util.Map;

/**
 * Statement type → its handler. A new statement is one record in the statement model, one
 * parser branch and one {@link #register} line here; nothing switches on keywords.
 */
final class DispatchTable {
    private final Map<Class<?>, StatementHandler<?>> handlers = new HashMap<>();

    /** Adds the handler of one statement type (a record of the statement model). */
    <S extends Statement> DispatchTable register(Class<S> type, StatementHandler<? super S> handler) {
        if (handlers.putIfAbsent(type, handler) != null) throw new IllegalStateException("two handlers for " + type);
        return this;
    }

    /** Runs {@code statement} with its type's handler. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    StatementResult dispatch(Session session, Statement statement, StatementText text) {
        StatementHandler handler = handlers.get(statement.getClass());
        if (handler == null) throw new IllegalStateException("no handler for " + statement.getClass().getName());
        return handler.execute(session, statement, text);
    }

    /** Whether every given type has a handler (a test checks the whole statement model). */
    boolean handles(Class<?> type) {
        return handlers.containsKey(type);
    }
}
