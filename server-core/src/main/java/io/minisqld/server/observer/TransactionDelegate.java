package io.minisqld.server.observer;

import static io.minisqld.plugin.api.observer.ObserverFamily.TRANSACTION;

import io.minisqld.plugin.api.observer.TransactionObserver;
import io.minisqld.plugin.api.observer.TransactionParam;

/**
 * The {@link TransactionObserver} hooks (MySQL's {@code transaction_delegate}), by name for the
 * server's call sites. Each method returns true when every observer succeeded (or none is
 * registered); what the caller does on false is MySQL's rule in spec semisync.md §1.3, repeated on
 * each method.
 */
public final class TransactionDelegate extends ObserverDelegate<TransactionObserver> {
    public static final Hook<TransactionObserver, TransactionParam> BEFORE_DML =
            new Hook<>(TRANSACTION, "before_dml", TransactionObserver::beforeDml);
    public static final Hook<TransactionObserver, TransactionParam> BEFORE_COMMIT =
            new Hook<>(TRANSACTION, "before_commit", TransactionObserver::beforeCommit);
    public static final Hook<TransactionObserver, TransactionParam> BEFORE_ROLLBACK =
            new Hook<>(TRANSACTION, "before_rollback", TransactionObserver::beforeRollback);
    public static final Hook<TransactionObserver, TransactionParam> AFTER_COMMIT =
            new Hook<>(TRANSACTION, "after_commit", TransactionObserver::afterCommit);
    public static final Hook<TransactionObserver, TransactionParam> AFTER_ROLLBACK =
            new Hook<>(TRANSACTION, "after_rollback", TransactionObserver::afterRollback);

    TransactionDelegate(ObserverRegistry owner) {
        super(TRANSACTION, owner);
    }

    /** {@code before_dml}; on false fail the statement with {@code ErrorCode.ER_BEFORE_DML_VALIDATION_ERROR.error()} (3098). */
    public boolean beforeDml(TransactionParam param) {
        return run(BEFORE_DML, param);
    }

    /**
     * {@code before_commit}, only for transactions that wrote to the binlog, before group commit;
     * on false fail the commit with {@code ErrorCode.ER_RUN_HOOK_ERROR.error("before_commit")}
     * (3100) and roll the transaction back.
     */
    public boolean beforeCommit(TransactionParam param) {
        return run(BEFORE_COMMIT, param);
    }

    /** {@code before_rollback}, before the engine rolls back; the result is ignored by MySQL. */
    public boolean beforeRollback(TransactionParam param) {
        return run(BEFORE_ROLLBACK, param);
    }

    /** {@code after_commit}, after the engine commit and before the OK; the result is ignored by MySQL. */
    public boolean afterCommit(TransactionParam param) {
        return run(AFTER_COMMIT, param);
    }

    /** {@code after_rollback}, after the engine rolled back; the result is ignored by MySQL. */
    public boolean afterRollback(TransactionParam param) {
        return run(AFTER_ROLLBACK, param);
    }
}
