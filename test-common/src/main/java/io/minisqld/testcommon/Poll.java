package io.minisqld.testcommon;

import java.lang.ref.Reference;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * Waiting in tests: checks a condition every few milliseconds until it holds, and fails with a
 * message naming what the test waited for when it does not hold within the timeout.
 *
 * <p>The timeout only catches a hang: a test never asserts how long something took, so timeouts
 * are generous (the tests share a 2-core machine). A condition may throw while it does not hold
 * yet (a server restarting refuses connections): an {@link Exception} counts as "not yet" and the
 * last one becomes the cause of the timeout failure. An {@link Error} (a failed assertion inside
 * the condition, for a state that can never turn good) ends the wait at once.
 *
 * <pre>{@code
 * Poll.until("replica to apply 40 rows", Duration.ofSeconds(60),
 *         () -> replica.value("SELECT COUNT(*) FROM d.t").equals("40"));
 * }</pre>
 */
public final class Poll {
    /** Between two checks: short against the time a test waits, long against a check's cost. */
    private static final Duration INTERVAL = Duration.ofMillis(10);

    private Poll() {
    }

    /** What a test waits for; may throw while it does not hold yet. */
    @FunctionalInterface
    public interface Condition {
        boolean holds() throws Exception;
    }

    /**
     * Returns once {@code condition} holds.
     *
     * @throws AssertionError "timed out after {@code timeout} waiting for {@code description}"
     *                        (or "interrupted while waiting for …")
     */
    public static void until(String description, Duration timeout, Condition condition) {
        until(description, timeout, condition, () -> "");
    }

    /**
     * Returns once {@code condition} holds; on a timeout the failure message also carries
     * {@code diagnostics} (e.g. the servers' states and error logs), computed only then.
     */
    public static void until(String description, Duration timeout, Condition condition, Supplier<String> diagnostics) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        while (true) {
            try {
                if (condition.holds()) return;
                last = null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + description, e);
            } catch (Exception e) {
                last = e;
            }
            if (System.nanoTime() - deadline > 0) {
                String more = diagnostics.get();
                throw new AssertionError("timed out after " + timeout + " waiting for " + description
                        + (more == null || more.isEmpty() ? "" : "\n" + more), last);
            }
            LockSupport.parkNanos(INTERVAL.toNanos());
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + description);
            }
        }
    }

    /**
     * Returns once nothing strongly reaches the referents of {@code references} any more (e.g. the
     * class loader of an uninstalled plugin library), asking for a garbage collection at every check.
     */
    public static void untilCollected(String description, Duration timeout, Collection<? extends Reference<?>> references) {
        List<? extends Reference<?>> refs = List.copyOf(references);
        until(description, timeout, () -> {
            System.gc();
            // a little garbage, so that collectors that skip explicit requests still run
            byte[][] pressure = new byte[32][];
            for (int i = 0; i < pressure.length; i++) pressure[i] = new byte[64 * 1024];
            return refs.stream().allMatch(r -> r.get() == null);
        }, () -> refs.stream().filter(r -> r.get() != null).count() + " of " + refs.size() + " still reachable");
    }
}
