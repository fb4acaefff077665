package io.minisqld.server.binlog.commit;

import io.minisqld.plugin.api.LogPosition;
import io.minisqld.plugin.api.observer.BinlogStorageObserver;
import io.minisqld.plugin.api.observer.BinlogStorageParam;
import io.minisqld.plugin.api.observer.TransactionObserver;
import io.minisqld.plugin.api.observer.TransactionParam;
import io.minisqld.server.MiniSqlServer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A test-only replication observer (transaction and binlog-storage hooks) that records every call
 * in order. Hooks never throw unless told to (a throwing after_flush would stop the server), so a
 * test asserts on the recording afterwards, on its own thread.
 *
 * <p>Thread-safety: hooks run on session and group-commit leader threads; {@link #calls} is
 * guarded by this object's monitor, never held while a hook does anything else.
 */
class HookRecorder implements TransactionObserver, BinlogStorageObserver {
    static final String PLUGIN = "hook_recorder";

    /** One hook call: its name, the session (0 for the binlog-storage hooks) and the position it got. */
    record Call(String hook, long threadId, String file, long pos) {
        @Override
        public String toString() {
            return hook + "(" + threadId + ", " + file + ":" + pos + ")";
        }
    }

    private final List<Call> calls = new ArrayList<>();
    /** Each transaction hook's name and the context it got, in order. */
    private final List<java.util.Map.Entry<String, io.minisqld.plugin.api.observer.TransactionContext>> contexts =
            new ArrayList<>();
    private volatile String failingHook;

    /** Registers this recorder for both families on {@code server}. */
    HookRecorder register(MiniSqlServer server) {
        server.observers().transaction().register(this, PLUGIN);
        server.observers().binlogStorage().register(this, PLUGIN);
        return this;
    }

    void unregister(MiniSqlServer server) {
        server.observers().transaction().unregister(this);
        server.observers().binlogStorage().unregister(this);
    }

    /** Makes {@code hook} fail (throw) from now on, as a plugin that votes no. */
    void failIn(String hook) {
        failingHook = hook;
    }

    synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    synchronized List<Call> calls(Predicate<Call> filter) {
        return calls.stream().filter(filter).toList();
    }

    synchronized List<java.util.Map.Entry<String, io.minisqld.plugin.api.observer.TransactionContext>> contexts() {
        return List.copyOf(contexts);
    }

    synchronized int count(String hook) {
        return (int) calls.stream().filter(c -> c.hook().equals(hook)).count();
    }

    synchronized void clear() {
        calls.clear();
        contexts.clear();
    }

    private void record(String hook, long threadId, String file, long pos) {
        synchronized (this) {
            calls.add(new Call(hook, threadId, file, pos));
        }
        if (hook.equals(failingHook)) throw new IllegalStateException("test observer refuses " + hook);
    }

    private void record(String hook, long threadId, LogPosition position) {
        record(hook, threadId, position == null ? null : position.file(), position == null ? 0 : position.offset());
    }

    private void record(String hook, TransactionParam p) {
        synchronized (this) {
            contexts.add(java.util.Map.entry(hook, p.context()));
        }
        record(hook, p.threadId(), p.position());
    }

    @Override
    public void beforeDml(TransactionParam param) {
        record("before_dml", param);
    }

    @Override
    public void beforeCommit(TransactionParam param) {
        record("before_commit", param);
    }

    @Override
    public void beforeRollback(TransactionParam param) {
        record("before_rollback", param);
    }

    @Override
    public void afterCommit(TransactionParam param) {
        record("after_commit", param);
    }

    @Override
    public void afterRollback(TransactionParam param) {
        record("after_rollback", param);
    }

    @Override
    public void afterFlush(BinlogStorageParam param) {
        record("after_flush", 0, param.position());
    }

    @Override
    public void afterSync(BinlogStorageParam param) {
        record("after_sync", 0, param.position());
    }
}
