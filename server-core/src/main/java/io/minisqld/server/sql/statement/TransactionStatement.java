package io.minisqld.server.sql.statement;

/**
 * BEGIN [WORK], START TRANSACTION [characteristics], COMMIT [WORK] and ROLLBACK [WORK]. (ROLLBACK
 * TO SAVEPOINT is the engine's: an {@link EngineStatement}.)
 */
public sealed interface TransactionStatement extends Statement {

    /** The kind of each statement of the family (its Com_ counter). */
    @Override
    default StatementKind kind() {
        if (this instanceof Begin) return StatementKind.BEGIN;
        if (this instanceof Commit) return StatementKind.COMMIT;
        if (this instanceof Rollback) return StatementKind.ROLLBACK;
        throw new IllegalStateException("no kind for " + getClass());
    }

    /**
     * BEGIN or START TRANSACTION [WITH CONSISTENT SNAPSHOT] [READ ONLY | READ WRITE].
     *
     * @param readOnly true for READ ONLY, false for READ WRITE, null for the session's
     *                 {@code transaction_read_only}
     * @param consistentSnapshot WITH CONSISTENT SNAPSHOT: every table's snapshot is taken now
     */
    record Begin(Boolean readOnly, boolean consistentSnapshot) implements TransactionStatement {
    }

    record Commit() implements TransactionStatement {
    }

    record Rollback() implements TransactionStatement {
    }
}
