package io.minisqld.plugin.api.observer;

/**
 * Observes transactions of client sessions (MySQL's {@code Trans_observer}). Every method is a
 * no-op by default; override only what the plugin needs.
 *
 * <p>All hooks run on the session thread of the transaction, except {@link #afterCommit}, which
 * may run on the group-commit leader's thread for every member of its group. See the package
 * documentation for the rules on order, failure and locks that every hook follows.
 */
public interface TransactionObserver {

    /**
     * Called for every DML statement, when its tables are opened and before it changes anything
     * (MySQL's {@code before_dml}).
     *
     * <p>Failure: the statement fails with {@code ER_BEFORE_DML_VALIDATION_ERROR} (3098, HY000)
     * "The table does not comply with the requirements by an external plugin." (in MySQL the
     * plugin votes through an {@code out} parameter; here throwing is the vote). The plugin must
     * not block.
     */
    default void beforeDml(TransactionParam param) {
    }

    /**
     * Called during binlog commit, only if the transaction logged something, before its events
     * are written to the binlog (before group commit). {@link TransactionParam#position()} is not
     * known yet (null). Runs on the committing session's thread.
     *
     * <p>Failure: the commit fails with {@code ER_RUN_HOOK_ERROR} (3100, HY000) "Error on observer
     * while running replication hook 'before_commit'." and the transaction is rolled back. The
     * plugin must not block for long: the session is holding its row locks.
     */
    default void beforeCommit(TransactionParam param) {
    }

    /**
     * Called at the start of a rollback, before the storage engine rolls back (statement or
     * whole transaction, see {@link TransactionParam#realTransaction()}). Failure is ignored.
     */
    default void beforeRollback(TransactionParam param) {
    }

    /**
     * Called after the storage engine committed the transaction and before the client gets its
     * OK, once per transaction, with the transaction's final binlog end position (null if it
     * wrote nothing to the binlog). Runs on the group-commit leader's thread for each member of
     * the group, or on the session's own thread for transactions outside group commit.
     *
     * <p>Failure is ignored (MySQL: "the return value is currently ignored by the server"). This
     * is where semisync waits for the replica's acknowledgement when
     * {@code rpl_semi_sync_master_wait_point=AFTER_COMMIT}: blocking here is allowed and delays
     * only this client's OK (and, when the leader calls it, the rest of the group's).
     */
    default void afterCommit(TransactionParam param) {
    }

    /**
     * Called after the storage engine rolled back a statement or a transaction, on the session's
     * thread. If the rolled-back transaction nevertheless wrote to the binlog,
     * {@link TransactionParam#position()} says where (semisync then waits as after a commit).
     * Failure is ignored.
     */
    default void afterRollback(TransactionParam param) {
    }
}
