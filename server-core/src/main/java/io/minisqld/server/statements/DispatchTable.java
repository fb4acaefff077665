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

    /**
     * Checks that every concrete type of the sealed {@code root} hierarchy has a handler: a
     * statement the parser can produce and nobody executes is a programming error, found when
     * the server starts rather than when a client first sends it.
     */
    void requireHandlersForAll(Class<?> root) {
        if (root.isSealed()) {
            for (Class<?> sub : root.getPermittedSubclasses()) requireHandlersForAll(sub);
        } else if (!handlers.containsKey(root)) {
            throw new IllegalStateException("no handler for " + root.getName());
        }
    }
}
