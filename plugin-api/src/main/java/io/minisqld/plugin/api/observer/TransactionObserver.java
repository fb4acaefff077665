package io.minisqld.plugin.api.observer;

/**
 * Observes transactions of client sessions (MySQL's {@code Trans_observer}). Every method is a
 * no-op by default; override only what the plugin needs.
 *
 * <p>All hooks run on the thread of the session whose transaction it is (a client's, or a
 * replica's SQL thread applying its source's transactions), {@link #afterCommit} included: the
 * group-commit leader writes and syncs the group, then each member calls its own after_commit.
 * Every hook gets the transaction's {@link TransactionContext} in {@link TransactionParam#context()}.
 * See the package documentation for the rules on order, failure and locks that every hook follows.
 *
 * <p>{@code before_commit} runs only for a transaction the binary log records: with
 * {@code log_bin} off, or {@code sql_log_bin=0} in the session, or nothing changed, a commit calls
 * {@code after_commit} alone (with a null position), as MySQL, whose before_commit is part of the
 * binary log's commit.
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
     * wrote nothing to the binlog), on the session's own thread.
     *
     * <p>Failure is ignored (MySQL: "the return value is currently ignored by the server"). This
     * is where semisync waits for the replica's acknowledgement when
     * {@code rpl_semi_sync_master_wait_point=AFTER_COMMIT}: blocking here is allowed and delays
     * only this client's OK.
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
