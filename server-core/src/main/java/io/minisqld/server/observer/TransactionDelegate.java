package io.minisqld.server.observer;

import io.minisqld.plugin.api.observer.TransactionObserver;
import io.minisqld.plugin.api.observer.TransactionParam;

/**
 * Dispatches {@link TransactionObserver} hooks (MySQL's {@code transaction_delegate}). Each
 * method returns true when every observer succeeded (or none is registered); what the caller does
 * on false is MySQL's rule in spec semisync.md §1.3, repeated on each method.
 */
public final class TransactionDelegate extends ObserverDelegate<TransactionObserver> {

    TransactionDelegate(ObserverRegistry owner) {
        super(owner);
    }

    /** {@code before_dml}; on false fail the statement with {@code ErrorCode.ER_BEFORE_DML_VALIDATION_ERROR.error()} (3098). */
    public boolean beforeDml(TransactionParam param) {
        return run("before_dml", TransactionObserver::beforeDml, param);
    }

    /**
     * {@code before_commit}, only for transactions that wrote to the binlog, before group commit;
     * on false fail the commit with {@code ErrorCode.ER_RUN_HOOK_ERROR.error("before_commit")}
     * (3100) and roll the transaction back.
     */
    public boolean beforeCommit(TransactionParam param) {
        return run("before_commit", TransactionObserver::beforeCommit, param);
    }

    /** {@code before_rollback}, before the engine rolls back; the result is ignored by MySQL. */
    public boolean beforeRollback(TransactionParam param) {
        return run("before_rollback", TransactionObserver::beforeRollback, param);
    }

    /** {@code after_commit}, after the engine commit and before the OK; the result is ignored by MySQL. */
    public boolean afterCommit(TransactionParam param) {
        return run("after_commit", TransactionObserver::afterCommit, param);
    }

    /** {@code after_rollback}, after the engine rolled back; the result is ignored by MySQL. */
    public boolean afterRollback(TransactionParam param) {
        return run("after_rollback", TransactionObserver::afterRollback, param);
    }
}
