package io.minisqld.server.observer;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One server's replication observers: the five delegates of MySQL's {@code rpl_handler.cc}
 * ({@link #transaction()}, {@link #binlogStorage()}, {@link #serverState()},
 * {@link #binlogTransmit()}, {@link #relayIo()}), created with the server (MySQL's
 * {@code delegates_init}). Plugins register through their init context
 * ({@code registry.transaction().register(observer, pluginName)}) and unregister in deinit; the
 * server's call sites dispatch through the typed methods, e.g.
 * {@code if (!observers.transaction().beforeCommit(param)) throw
 * ErrorCode.ER_RUN_HOOK_ERROR.error("before_commit");}.
 *
 * <p>Thread-safe. The lock rule of each family is stated on {@link ObserverDelegate}; across
 * families: no thread registers or unregisters while inside any hook of this registry.
 */
public final class ObserverRegistry {
    private final TransactionDelegate transaction = new TransactionDelegate(this);
    private final BinlogStorageDelegate binlogStorage = new BinlogStorageDelegate(this);
    private final ServerStateDelegate serverState = new ServerStateDelegate(this);
    private final BinlogTransmitDelegate binlogTransmit = new BinlogTransmitDelegate(this);
    private final RelayIoDelegate relayIo = new RelayIoDelegate(this);
    private final List<ObserverDelegate<?>> all =
            List.of(transaction, binlogStorage, serverState, binlogTransmit, relayIo);
    /** Per plugin (lower-case name, as plugin names are case-insensitive), its running hook calls. */
    private final Map<String, PluginUse> uses = new ConcurrentHashMap<>();

    /** Transaction observers: before_dml, before_commit, before_rollback, after_commit, after_rollback. */
    public TransactionDelegate transaction() {
        return transaction;
    }

    /** Binlog storage observers: after_flush, after_sync. */
    public BinlogStorageDelegate binlogStorage() {
        return binlogStorage;
    }

    /** Server state observers: recovery, before_handle_connection, shutdown. */
    public ServerStateDelegate serverState() {
        return serverState;
    }

    /** Binlog transmit observers, called by dump threads. */
    public BinlogTransmitDelegate binlogTransmit() {
        return binlogTransmit;
    }

    /** Relay IO observers, called by the replica's IO thread. */
    public RelayIoDelegate relayIo() {
        return relayIo;
    }

    /**
     * Removes every observer, of every family, that the named plugin registered; for the plugin
     * registry after a plugin's deinit, so that a plugin that forgot to unregister is never called
     * once its class loader is closed. Waits for running hooks as {@code unregister} does.
     *
     * @return how many observers were removed (0 when deinit cleaned up properly)
     * @throws IllegalStateException if called from inside a hook
     */
    public int unregisterPlugin(String pluginName) {
        refuseInsideHook("unregister");
        int removed = 0;
        for (ObserverDelegate<?> delegate : all) {
            removed += delegate.unregisterPlugin(pluginName);
        }
        return removed;
    }

    /**
     * The in-flight counter of a plugin's hook calls, shared by all families: UNINSTALL PLUGIN
     * finds the plugin busy while it is above zero (warning 1620) and asks it to reap the plugin
     * when the last running call ends ({@link PluginUse#whenIdle}).
     */
    public PluginUse use(String pluginName) {
        return uses.computeIfAbsent(pluginName.toLowerCase(Locale.ROOT), k -> new PluginUse());
    }

    /** True if the current thread is inside a hook of any family (it must not register or unregister). */
    public boolean insideHook() {
        for (ObserverDelegate<?> delegate : all) {
            if (delegate.heldByCurrentThread()) return true;
        }
        return false;
    }

    /**
     * Registering from inside a hook would wait for the write lock while this thread holds the
     * read lock of the same family (ReentrantReadWriteLock does not upgrade), or of another family
     * that another thread may be trying to change: a deadlock. Refuse it instead.
     */
    void refuseInsideHook(String action) {
        for (ObserverDelegate<?> delegate : all) {
            if (delegate.heldByCurrentThread()) {
                throw new IllegalStateException("cannot " + action + " a replication observer from inside a replication hook");
            }
        }
    }
}
