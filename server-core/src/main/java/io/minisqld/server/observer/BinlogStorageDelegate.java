package io.minisqld.server.observer;

import static io.minisqld.plugin.api.observer.ObserverFamily.BINLOG_STORAGE;

import io.minisqld.plugin.api.observer.BinlogStorageObserver;
import io.minisqld.plugin.api.observer.BinlogStorageParam;

/**
 * The {@link BinlogStorageObserver} hooks (MySQL's {@code binlog_storage_delegate}), by name for
 * the group-commit leader, which runs them once per group (spec semisync.md §1.5).
 */
public final class BinlogStorageDelegate extends ObserverDelegate<BinlogStorageObserver> {

    public static final Hook<BinlogStorageObserver, BinlogStorageParam> AFTER_FLUSH = new Hook<>(BINLOG_STORAGE,
            "after_flush", BinlogStorageObserver::afterFlush);
    public static final Hook<BinlogStorageObserver, BinlogStorageParam> AFTER_SYNC = new Hook<>(BINLOG_STORAGE,
            "after_sync", BinlogStorageObserver::afterSync);

    BinlogStorageDelegate(ObserverRegistry owner) {
        super(BINLOG_STORAGE, owner);
    }

    /**
     * {@code after_flush} with the group's end position (in the param), before dump threads see it; on false
     * MySQL logs {@code Failed to run 'after_flush' hooks} and treats it as a flush error.
     */
    public boolean afterFlush(BinlogStorageParam param) {
        return isEmpty() || run(AFTER_FLUSH, param);
    }

    /**
     * {@code after_sync} with the group's end position, after the sync and before the engine
     * commit; on false MySQL logs {@code Failed to run 'after_sync' hooks} and treats it as a sync
     * error.
     */
    public boolean afterSync(BinlogStorageParam param) {
        return isEmpty() || run(AFTER_SYNC, param);
    }
}
