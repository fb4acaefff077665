package io.minisqld.server.replication.replica;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * {@code slave_transaction_retries}: a replicated transaction that fails with a temporary error
 * (a lock wait timeout, 1205, or a deadlock, 1213 — a client of the replica holding a row lock, or
 * another worker) is rolled back and applied again, up to that many times, as MySQL 5.7's SQL thread
 * and its workers do; between tries the thread sleeps 1 s, 2 s, … up to 5 s. Each retry counts in
 * {@code Slave_retried_transactions}. When the retries are used up the thread stops with the error's
 * number and MySQL's "retried transaction N time(s) in vain" text.
 */
final class TransactionRetries {
    /** MySQL's MAX_SLAVE_RETRY_PAUSE, in seconds. */
    private static final long MAX_PAUSE_SECONDS = 5;
    private static final long PAUSE_STEP_MILLIS = 100;

    private final LongSupplier limit;
    private final AtomicLong retried = new AtomicLong();

    /** @param limit the current value of slave_transaction_retries */
    TransactionRetries(LongSupplier limit) {
        this.limit = limit;
    }

    /** Slave_retried_transactions: retries since the server started. */
    long retried() {
        return retried.get();
    }

    /**
     * After a failure with {@code errno} that was rolled back: whether to apply the transaction
     * again. True after a pause, when the error is temporary and fewer than slave_transaction_retries
     * retries were made ({@code retriesSoFar}); false at once otherwise, or when {@code stopping}
     * turns true during the pause.
     */
    boolean retry(int errno, int retriesSoFar, BooleanSupplier stopping) {
        if (!temporary(errno) || retriesSoFar >= limit.getAsLong()) return false;
        retried.incrementAndGet();
        long pause = TimeUnit.SECONDS.toMillis(Math.min(retriesSoFar + 1L, MAX_PAUSE_SECONDS));
        for (long slept = 0; slept < pause; slept += PAUSE_STEP_MILLIS) {
            if (stopping.getAsBoolean()) return false;
            try {
                // MySQL's applier sleeps between retries (min(retries, 5) s); in steps, so that
                // STOP SLAVE ends the pause at once
                Thread.sleep(PAUSE_STEP_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return !stopping.getAsBoolean();
    }

    /** Whether MySQL's applier retries a transaction that failed with {@code errno}. */
    static boolean temporary(int errno) {
        return errno == 1205 || errno == 1213;
    }

    /** The error once {@code retries} retries failed too: {@code who} is "Slave SQL thread" or "worker thread". */
    static String givingUp(String who, long retries) {
        return who + " retried transaction " + retries + " time(s) in vain, giving up. Consider raising the value of"
                + " the slave_transaction_retries variable.";
    }
}
