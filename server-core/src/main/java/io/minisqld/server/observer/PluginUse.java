package io.minisqld.server.observer;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * How many hook calls into one plugin's observers are running right now: MySQL's plugin
 * {@code ref_count} as far as observers take references (spec plugin-framework.md §A.5). The
 * plugin registry asks for an action to run once the plugin is idle ({@link #whenIdle}); if a
 * hook is running, the thread that ends the last running call runs it after leaving the
 * dispatch, as MySQL reaps a DELETED plugin in the unlocking thread.
 *
 * <p>Thread-safety: lock-free. The pending action is claimed by exactly one thread: either
 * {@link #whenIdle} (no call running) or the dispatcher whose {@link #exit} brought the count
 * to zero; both race through one {@code getAndSet}/{@code compareAndSet} on {@link #onIdle}.
 */
public final class PluginUse {
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicReference<Runnable> onIdle = new AtomicReference<>();

    void enter() {
        inFlight.incrementAndGet();
    }

    /** Ends one call; returns the pending idle action if this thread must run it, else null. */
    Runnable exit() {
        if (inFlight.decrementAndGet() == 0 && onIdle.get() != null) {
            return onIdle.getAndSet(null);
        }
        return null;
    }

    /** Hook calls into the plugin running now. */
    public int inFlight() {
        return inFlight.get();
    }

    /**
     * Arranges for {@code action} to run once no hook of the plugin is running.
     *
     * @return true if nothing is running and the caller must run {@code action} itself now;
     *         false if a running call will run it when it ends (on that thread)
     */
    public boolean whenIdle(Runnable action) {
        onIdle.set(action);
        if (inFlight.get() == 0) {
            return onIdle.compareAndSet(action, null);
        }
        return false;
    }

    /** Forgets a pending action (the plugin was reaped another way, e.g. at shutdown). */
    public boolean cancelPending() {
        return onIdle.getAndSet(null) != null;
    }
}
