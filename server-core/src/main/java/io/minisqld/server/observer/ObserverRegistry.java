package io.minisqld.server.observer;

import io.minisqld.plugin.api.observer.ObserverFamily;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One server's replication observers (MySQL's delegates of {@code rpl_handler.cc}, created with
 * the server as {@code delegates_init} does): one {@link ObserverDelegate} per
 * {@link ObserverFamily}. Plugins register through their init context, which calls
 * {@code registry.of(family).register(observer, pluginName)}, and unregister in deinit. Call sites
 * run a hook by name through the typed delegates, e.g. {@code if
 * (!observers.transaction().beforeCommit(param)) throw
 * ErrorCode.ER_RUN_HOOK_ERROR.error("before_commit");}, or, for a family without one,
 * {@code observers.run(hook, param)}.
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
    private final AuditDelegate audit = new AuditDelegate(this);

    /**
     * Every family's delegate, in creation order; copy-on-write, read without a lock. A family
     * without a typed delegate gets a plain {@link ObserverDelegate} the first time it is named
     * ({@link #of}), appended under {@link #addingFamily}.
     */
    private volatile ObserverDelegate<?>[] delegates =
            {transaction, binlogStorage, serverState, binlogTransmit, relayIo, audit};

    /**
     * Serialises appending to {@link #delegates}. May be taken while holding an observer lock
     * (a hook naming another family); nothing else is taken while holding it.
     */
    private final Object addingFamily = new Object();

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

    /** Audit plugins' observers: connection, query, general, table access, command, start-up and shutdown events. */
    public AuditDelegate audit() {
        return audit;
    }

    /** The observers of {@code family} (the typed delegate for the families of the plugin API). */
    @SuppressWarnings("unchecked")
    public <O> ObserverDelegate<O> of(ObserverFamily<O> family) {
        for (ObserverDelegate<?> d : delegates) {
            if (d.family() == family) return (ObserverDelegate<O>) d;
        }
        synchronized (addingFamily) {
            for (ObserverDelegate<?> d : delegates) {
                if (d.family().equals(family)) return (ObserverDelegate<O>) d;
            }
            ObserverDelegate<O> added = new ObserverDelegate<>(family, this);
            ObserverDelegate<?>[] next = Arrays.copyOf(delegates, delegates.length + 1);
            next[delegates.length] = added;
            delegates = next;
            return added;
        }
    }

    /** Runs {@code hook} on the observers of its family ({@link ObserverDelegate#run}). */
    public <O, P> boolean run(Hook<O, P> hook, P param) {
        return of(hook.family()).run(hook, param);
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
        for (ObserverDelegate<?> delegate : delegates) {
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
        for (ObserverDelegate<?> delegate : delegates) {
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
        if (insideHook()) {
            throw new IllegalStateException("cannot " + action + " a replication observer from inside a replication hook");
        }
    }
}
