package io.minisqld.server.sql.statement;

/**
 * BEGIN [WORK], START TRANSACTION [characteristics], COMMIT [WORK] and ROLLBACK [WORK]. (ROLLBACK
 * TO SAVEPOINT is the engine's: an {@link EngineStatement}.)
 */
public sealed interface TransactionStatement extends Statement {

    /** BEGIN or START TRANSACTION (WITH CONSISTENT SNAPSHOT, READ ONLY, READ WRITE are accepted). */
    record Begin() implements TransactionStatement {
        @Override
        public StatementKind kind() {
            return StatementKind.BEGIN;
        }
    }

    record Commit() implements TransactionStatement {
        @Override
        public StatementKind kind() {
            return StatementKind.COMMIT;
        }
    }

    record Rollback() implements TransactionStatement {
        @Override
        public StatementKind kind() {
            return StatementKind.ROLLBACK;
        }
    }
}
