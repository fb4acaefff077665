package io.minisqld.server.observer;

import static io.minisqld.plugin.api.observer.ObserverFamily.BINLOG_STORAGE;

import io.minisqld.plugin.api.observer.BinlogStorageObserver;
import io.minisqld.plugin.api.observer.BinlogStorageParam;

/**
 * The {@link BinlogStorageObserver} hooks (MySQL's {@code binlog_storage_delegate}), by name for
 * the group-commit leader, which runs them once per group (spec semisync.md §1.5).
 */
public final class BinlogStorageDelegate extends ObserverDelegate<BinlogStorageObserver> {

    /** What after_flush and after_sync are given: the group's end position in the binlog. */
    public record GroupEnd(BinlogStorageParam param, String logFile, long logPos) {
    }

    public static final Hook<BinlogStorageObserver, GroupEnd> AFTER_FLUSH = new Hook<>(BINLOG_STORAGE, "after_flush",
            (o, a) -> o.afterFlush(a.param(), a.logFile(), a.logPos()));
    public static final Hook<BinlogStorageObserver, GroupEnd> AFTER_SYNC = new Hook<>(BINLOG_STORAGE, "after_sync",
            (o, a) -> o.afterSync(a.param(), a.logFile(), a.logPos()));

    BinlogStorageDelegate(ObserverRegistry owner) {
        super(BINLOG_STORAGE, owner);
    }

    /**
     * {@code after_flush} with the group's end position, before dump threads see it; on false
     * MySQL logs {@code Failed to run 'after_flush' hooks} and treats it as a flush error.
     */
    public boolean afterFlush(BinlogStorageParam param, String logFile, long logPos) {
        return isEmpty() || run(AFTER_FLUSH, new GroupEnd(param, logFile, logPos));
    }

    /**
     * {@code after_sync} with the group's end position, after the sync and before the engine
     * commit; on false MySQL logs {@code Failed to run 'after_sync' hooks} and treats it as a sync
     * error.
     */
    public boolean afterSync(BinlogStorageParam param, String logFile, long logPos) {
        return isEmpty() || run(AFTER_SYNC, new GroupEnd(param, logFile, logPos));
    }
}
