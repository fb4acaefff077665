package io.minisqld.server.observer;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registered observers of one family and the dispatch of its hooks (MySQL's {@code Delegate}
 * in {@code sql/rpl_handler.h}). The typed subclasses add one method per hook, which the server's
 * call sites use; each returns whether every observer succeeded, so the caller applies MySQL's
 * consequence of a failure (spec semisync.md §1.3–1.7).
 *
 * <p>Dispatch follows spec §1.2: with no observer registered a hook costs one volatile read and
 * nothing else (no lock, no allocation; callers that build a parameter object may test
 * {@link #isEmpty()} first, MySQL's {@code NO_HOOK}). Otherwise the observers run in registration
 * order under the shared lock; the first one that throws a {@link RuntimeException} stops the
 * chain and is logged as MySQL 5.7 logs it: {@code Run function '<hook>' in plugin '<plugin>'
 * failed} at ERROR.
 *
 * @param <T> the observer interface
 */
public abstract class ObserverDelegate<T> {
    private static final Logger LOG = LoggerFactory.getLogger(ObserverDelegate.class);

    /**
     * An observer and the plugin that registered it (MySQL's {@code Observer_info}), with the
     * plugin's in-flight counter that UNINSTALL PLUGIN consults (spec plugin-framework.md §A.5).
     */
    record Entry<T>(T observer, String pluginName, PluginUse use) {
    }

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
    private volatile Entry<T>[] entries;

    ObserverDelegate(ObserverRegistry owner) {
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
     */
    public final boolean register(T observer, String pluginName) {
        if (observer == null || pluginName == null) {
            throw new NullPointerException(observer == null ? "observer" : "pluginName");
        }
        owner.refuseInsideHook("register");
        lock.writeLock().lock();
        try {
            Entry<T>[] current = entries;
            for (Entry<T> e : current) {
                if (e.observer() == observer) {
                    return false;
                }
            }
            Entry<T>[] next = newArray(current.length + 1);
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
    public final boolean unregister(T observer) {
        owner.refuseInsideHook("unregister");
        lock.writeLock().lock();
        try {
            Entry<T>[] current = entries;
            for (int i = 0; i < current.length; i++) {
                if (current[i].observer() == observer) {
                    Entry<T>[] next = newArray(current.length - 1);
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
            List<Entry<T>> kept = new ArrayList<>();
            for (Entry<T> e : entries) {
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

    /** True when no observer is registered (MySQL's {@code NO_HOOK}): a hook would do nothing. */
    public final boolean isEmpty() {
        return entries.length == 0;
    }

    /** The names of the plugins of the registered observers, in call order (for diagnostics). */
    public final List<String> pluginNames() {
        List<String> names = new ArrayList<>();
        for (Entry<T> e : entries) {
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

    // One overload per hook shape, each with a non-capturing call target (a method reference
    // to the observer interface), so that dispatch allocates nothing.

    /** A hook taking the parameter object only. */
    @FunctionalInterface
    interface Call<T, P> {
        void call(T observer, P param);
    }

    /** A hook taking the parameter object and one more argument. */
    @FunctionalInterface
    interface Call2<T, P, A> {
        void call(T observer, P param, A arg);
    }

    /** A hook taking the parameter object and two more arguments. */
    @FunctionalInterface
    interface Call3<T, P, A, B> {
        void call(T observer, P param, A arg1, B arg2);
    }

    final <P> boolean run(String hook, Call<T, P> call, P param) {
        if (entries.length == 0) {
            return true;
        }
        lock.readLock().lock();
        Runnable idle = null;
        try {
            for (Entry<T> e : entries) {
                e.use().enter();
                try {
                    call.call(e.observer(), param);
                } catch (RuntimeException failure) {
                    return failed(hook, e, failure);
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

    final <P, A> boolean run(String hook, Call2<T, P, A> call, P param, A arg) {
        if (entries.length == 0) {
            return true;
        }
        lock.readLock().lock();
        Runnable idle = null;
        try {
            for (Entry<T> e : entries) {
                e.use().enter();
                try {
                    call.call(e.observer(), param, arg);
                } catch (RuntimeException failure) {
                    return failed(hook, e, failure);
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

    final <P, A, B> boolean run(String hook, Call3<T, P, A, B> call, P param, A arg1, B arg2) {
        if (entries.length == 0) {
            return true;
        }
        lock.readLock().lock();
        Runnable idle = null;
        try {
            for (Entry<T> e : entries) {
                e.use().enter();
                try {
                    call.call(e.observer(), param, arg1, arg2);
                } catch (RuntimeException failure) {
                    return failed(hook, e, failure);
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
