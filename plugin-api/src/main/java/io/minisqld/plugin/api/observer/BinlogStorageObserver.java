package io.minisqld.plugin.api.observer;

/**
 * Observes binlog writes (MySQL's {@code Binlog_storage_observer}). Both hooks run once per
 * commit group on the group-commit leader's thread, while the whole group waits; see the package
 * documentation for the rules on order, failure and locks.
 */
public interface BinlogStorageObserver {

    /**
     * Called once per flush stage of group commit, after the events of the whole group have been
     * written to the binlog file (not yet synced) and before dump threads may see the new binlog
     * end. {@link BinlogStorageParam#position()} is where the last transaction of the group ends.
     * Semisync records here the position the group's sessions will wait for.
     *
     * <p>Failure: treated as a binlog flush error (MySQL logs {@code Failed to run 'after_flush'
     * hooks} and applies {@code binlog_error_action}). The plugin must not block: every session of
     * the group is waiting.
     */
    default void afterFlush(BinlogStorageParam param) {
    }

    /**
     * Called once per commit group after the binlog has been synced and before the storage
     * engine commits the group (also when the sync was skipped). {@link BinlogStorageParam#position()}
     * is the end of the last flushed transaction of the group.
     *
     * <p>Failure: treated as a binlog sync error (MySQL logs {@code Failed to run 'after_sync'
     * hooks}). This is where semisync waits for the acknowledgement when
     * {@code rpl_semi_sync_master_wait_point=AFTER_SYNC}: blocking here is allowed and holds the
     * whole group's commit.
     */
    default void afterSync(BinlogStorageParam param) {
    }
}
