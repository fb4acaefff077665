package io.minisqld.server.observer;

import io.minisqld.plugin.api.observer.ObserverFamily;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registered observers of one family and the running of its hooks (MySQL's {@code Delegate}
 * in {@code sql/rpl_handler.h}): the one mechanism behind every family. {@link #run} runs any
 * {@link Hook} of the family and returns whether every observer succeeded, so the caller applies
 * MySQL's consequence of a failure (spec semisync.md §1.3–1.7). The subclasses of the five
 * families of the plugin API only name their hooks: one line per hook
 * ({@code beforeCommit(param)} is {@code run(BEFORE_COMMIT, param)}), for the server's call sites;
 * a family without a subclass is an instance of this class ({@link ObserverRegistry#of}).
 *
 * <p>Dispatch follows spec §1.2: with no observer registered a hook costs one volatile read and
 * nothing else (no lock, no allocation; callers that build a parameter object may test
 * {@link #isEmpty()} first, MySQL's {@code NO_HOOK}). Otherwise the observers run in registration
 * order under the shared lock; the first one that throws a {@link RuntimeException} stops the
 * chain and is logged as MySQL 5.7 logs it: {@code Run function '<hook>' in plugin '<plugin>'
 * failed} at ERROR.
 *
 * @param <O> the observer interface
 */
public class ObserverDelegate<O> {
    private static final Logger LOG = LoggerFactory.getLogger(ObserverDelegate.class);

    /**
     * An observer and the plugin that registered it (MySQL's {@code Observer_info}), with the
     * plugin's in-flight counter that UNINSTALL PLUGIN consults (spec plugin-framework.md §A.5).
     */
    record Entry<T>(T observer, String pluginName, PluginUse use) {
    }

    private final ObserverFamily<O> family;
    private final ObserverRegistry owner;

    /**
     * Shared while hooks run, exclusive to register or unregister. Guards the membership of
     * {@link #entries}: once {@link #unregister} returns, no thread is inside a hook of that
     * observer and none will enter one, which is what makes {@code UNINSTALL PLUGIN} (deinit
     * unregistering from another thread) safe. Lock rule: a thread holding this lock in either
     * mode must not register or unregister observers of any family of the same registry (from
     * inside a hook that would deadlock on the write lock; {@link #register} and
     * {@link #unregister} refuse it with {@link IllegalStateException}). A hook may block (semisync
     * waits for its acknowledgement in after_commit/after_sync) and thereby delays an unregister
     * until it returns.
     */
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

    /**
     * Copy-on-write: replaced whole under the write lock, read without a lock only to test for
     * emptiness (the fast path), re-read under the read lock before calling observers so that an
     * observer unregistered while the dispatcher waited for the lock is never called.
     */
    private volatile Entry<O>[] entries;

    ObserverDelegate(ObserverFamily<O> family, ObserverRegistry owner) {
        this.family = family;
        this.owner = owner;
        this.entries = newArray(0);
    }

    /**
     * Adds an observer at the end of the call order (MySQL's {@code add_observer}).
     *
     * @param observer   the observer; identity decides whether it is already registered
     * @param pluginName the plugin's name as the failure log line prints it
     * @return false if this very observer is already registered (MySQL: "already exists"),
     *         nothing changed
     * @throws IllegalStateException if called from inside a hook of the same registry
     * @throws ClassCastException    if {@code observer} is not of the family's interface (a
     *                               caller that got around the generic type)
     */
    public final boolean register(O observer, String pluginName) {
        if (observer == null || pluginName == null) {
            throw new NullPointerException(observer == null ? "observer" : "pluginName");
        }
        family.observerType().cast(observer);
        owner.refuseInsideHook("register");
        lock.writeLock().lock();
        try {
            Entry<O>[] current = entries;
            for (Entry<O> e : current) {
                if (e.observer() == observer) {
                    return false;
                }
            }
            Entry<O>[] next = newArray(current.length + 1);
            System.arraycopy(current, 0, next, 0, current.length);
            next[current.length] = new Entry<>(observer, pluginName, owner.use(pluginName));
            entries = next;
            return true;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * Removes an observer (MySQL's {@code remove_observer}), waiting first until every hook
     * running on other threads has returned.
     *
     * @return false if the observer was not registered (nothing changed)
     * @throws IllegalStateException if called from inside a hook of the same registry
     */
    public final boolean unregister(O observer) {
        owner.refuseInsideHook("unregister");
        lock.writeLock().lock();
        try {
            Entry<O>[] current = entries;
            for (int i = 0; i < current.length; i++) {
                if (current[i].observer() == observer) {
                    Entry<O>[] next = newArray(current.length - 1);
                    System.arraycopy(current, 0, next, 0, i);
                    System.arraycopy(current, i + 1, next, i, current.length - i - 1);
                    entries = next;
                    return true;
                }
            }
            return false;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * Removes every observer the named plugin registered, waiting as {@link #unregister} does.
     *
     * @return how many were removed
     */
    final int unregisterPlugin(String pluginName) {
        lock.writeLock().lock();
        try {
            List<Entry<O>> kept = new ArrayList<>();
            for (Entry<O> e : entries) {
                if (!e.pluginName().equals(pluginName)) {
                    kept.add(e);
                }
            }
            int removed = entries.length - kept.size();
            if (removed > 0) {
                entries = kept.toArray(newArray(kept.size()));
            }
            return removed;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** The family whose observers these are. */
    public final ObserverFamily<O> family() {
        return family;
    }

    /** True when no observer is registered (MySQL's {@code NO_HOOK}): a hook would do nothing. */
    public final boolean isEmpty() {
        return entries.length == 0;
    }

    /** The names of the plugins of the registered observers, in call order (for diagnostics). */
    public final List<String> pluginNames() {
        List<String> names = new ArrayList<>();
        for (Entry<O> e : entries) {
            names.add(e.pluginName());
        }
        return names;
    }

    /** True if the current thread is inside a hook of this family. */
    final boolean heldByCurrentThread() {
        return lock.getReadHoldCount() > 0 || lock.isWriteLockedByCurrentThread();
    }

    /** For tests in this package: the lock itself. */
    final ReentrantReadWriteLock lock() {
        return lock;
    }

    /**
     * Runs {@code hook} on every registered observer, in registration order (MySQL's
     * {@code FOREACH_OBSERVER}).
     *
     * @return true if every observer returned normally (or none is registered); false if one
     *         threw, which stopped the chain and was logged
     */
    public final <P> boolean run(Hook<O, P> hook, P param) {
        if (entries.length == 0) {
            return true;
        }
        lock.readLock().lock();
        Runnable idle = null;
        try {
            for (Entry<O> e : entries) {
                e.use().enter();
                try {
                    hook.call().accept(e.observer(), param);
                } catch (RuntimeException failure) {
                    return failed(hook.name(), e, failure);
                } finally {
                    idle = exited(e, idle);
                }
            }
            return true;
        } finally {
            lock.readLock().unlock();
            if (idle != null) idle.run();
        }
    }

    /**
     * Ends one call into a plugin; collects the reap of a DELETED plugin whose last running call
     * this was, to run once this thread has left the read lock (deinit unregisters observers,
     * which needs the write lock).
     */
    private static Runnable exited(Entry<?> e, Runnable pending) {
        Runnable idle = e.use().exit();
        if (idle == null) return pending;
        if (pending == null) return idle;
        return () -> {
            pending.run();
            idle.run();
        };
    }

    private static boolean failed(String hook, Entry<?> entry, RuntimeException failure) {
        // MySQL 5.7 rpl_handler.cc: "Run function '%s' in plugin '%s' failed" at [ERROR]; the
        // exception carries the plugin's reason (MySQL plugins log it themselves before failing).
        LOG.error("Run function '{}' in plugin '{}' failed", hook, entry.pluginName(), failure);
        return false;
    }

    @SuppressWarnings("unchecked")
    private static <T> Entry<T>[] newArray(int length) {
        return (Entry<T>[]) new Entry<?>[length];
    }
}
