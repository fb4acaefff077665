package io.minisqld.server.replication.replica;

import io.minisqld.plugin.api.LogPosition;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * MASTER_POS_WAIT: sessions that wait for the SQL thread to have applied up to a source binlog
 * position. The SQL thread calls {@link #advanced} after each applied group or position step;
 * waiters are woken by it (no polling of the position), and look at their session's kill flag
 * between wake-ups.
 */
final class AppliedPositionWaits {
    /** How often a waiter whom nothing woke looks at its kill flag and at the SQL thread's state. */
    private static final long CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final Object monitor = new Object();
    private volatile int waiting;
    private final AtomicLong groups = new AtomicLong();

    /**
     * Told by the SQL thread after it moved its applied position (a volatile write, before this
     * reads {@code waiting}; a waiter counts itself before it reads the position, so one of the two
     * sees the other).
     */
    void advanced(boolean groupApplied) {
        if (groupApplied) groups.incrementAndGet();
        if (waiting == 0) return;
        synchronized (monitor) {
            monitor.notifyAll();
        }
    }

    /** What a wait ended with. */
    sealed interface Outcome {
        /** Reached, after {@code groups} transactions were applied while waiting (0: already there). */
        record Reached(long groups) implements Outcome {
        }

        record TimedOut() implements Outcome {
        }

        /** The SQL thread is not running, or stopped during the wait. */
        record NotRunning() implements Outcome {
        }

        record Killed() implements Outcome {
        }
    }

    /**
     * Waits until {@code applied} is at or past {@code target} in the source's binlog order (file
     * name, then offset).
     *
     * @param timeoutNanos 0 or less: no timeout
     */
    Outcome await(LogPosition target, long timeoutNanos, Supplier<LogPosition> applied, BooleanSupplier running,
                  BooleanSupplier killed) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutNanos;
        synchronized (monitor) {
            long start = groups.get();
            waiting++;
            try {
                while (true) {
                    if (!running.getAsBoolean()) return new Outcome.NotRunning();
                    if (target.isAtOrBefore(applied.get())) return new Outcome.Reached(groups.get() - start);
                    if (killed.getAsBoolean()) return new Outcome.Killed();
                    long wait = CHECK_NANOS;
                    if (timeoutNanos > 0) {
                        long left = deadline - System.nanoTime();
                        if (left <= 0) return new Outcome.TimedOut();
                        wait = Math.min(wait, left);
                    }
                    TimeUnit.NANOSECONDS.timedWait(monitor, wait);
                }
            } finally {
                waiting--;
            }
        }
    }
}
