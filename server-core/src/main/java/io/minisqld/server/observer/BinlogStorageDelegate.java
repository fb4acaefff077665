package io.minisqld.server.observer;

import io.minisqld.plugin.api.observer.BinlogStorageObserver;
import io.minisqld.plugin.api.observer.BinlogStorageParam;

/**
 * Dispatches {@link BinlogStorageObserver} hooks (MySQL's {@code binlog_storage_delegate}), called
 * by the group-commit leader once per group (spec semisync.md §1.5).
 */
public final class BinlogStorageDelegate extends ObserverDelegate<BinlogStorageObserver> {

    BinlogStorageDelegate(ObserverRegistry owner) {
        super(owner);
    }

    /**
     * {@code after_flush} with the group's end position, before dump threads see it; on false
     * MySQL logs {@code Failed to run 'after_flush' hooks} and treats it as a flush error.
     */
    public boolean afterFlush(BinlogStorageParam param) {
        return run("after_flush", BinlogStorageObserver::afterFlush, param);
    }

    /**
     * {@code after_sync} with the group's end position, after the sync and before the engine
     * commit; on false MySQL logs {@code Failed to run 'after_sync' hooks} and treats it as a sync
     * error.
     */
    public boolean afterSync(BinlogStorageParam param) {
        return run("after_sync", BinlogStorageObserver::afterSync, param);
    }
}
