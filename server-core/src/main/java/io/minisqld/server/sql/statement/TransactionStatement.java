package io.minisqld.server.sql.statement;

/**
 * BEGIN [WORK], START TRANSACTION [characteristics], COMMIT [WORK] [AND [NO] CHAIN] [NO RELEASE] and
 * ROLLBACK [WORK] [AND [NO] CHAIN] [NO RELEASE] (RELEASE, which ends the connection, is refused). (ROLLBACK
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

    /**
     * COMMIT [WORK] [AND [NO] CHAIN]: with {@code chain} a transaction of the same characteristics
     * begins at once; null when the statement does not say (the session's {@code completion_type}).
     */
    record Commit(Boolean chain) implements TransactionStatement {
    }

    /** ROLLBACK [WORK] [AND [NO] CHAIN], {@code chain} as COMMIT's. */
    record Rollback(Boolean chain) implements TransactionStatement {
    }
}
