package io.minisqld.testcommon;

import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.Future;

/**
 * A statement another thread runs must be waiting (for a row lock, a unique key, a GTID another
 * session owns): the only way to see that it waits is that it has started and not ended.
 */
public final class Blocked {
    /** Long enough for a statement that would not wait to have ended on a loaded 2-core machine. */
    private static final long SETTLE_MS = 300;

    private Blocked() {
    }

    /**
     * Returns once session {@code connectionId} runs its statement (its INFO in
     * information_schema.PROCESSLIST, read through {@code probe}, another session's statement) and,
     * a moment later, {@code statement} has still not ended.
     *
     * @throws AssertionError naming {@code what} when the statement ended instead of waiting
     */
    public static void waits(String what, Statement probe, long connectionId, Future<?> statement) {
        Poll.until("session " + connectionId + " to run " + what, Duration.ofSeconds(30), () -> {
            if (statement.isDone()) return true;
            try (ResultSet rs = probe.executeQuery("SELECT INFO FROM information_schema.PROCESSLIST WHERE ID = "
                    + connectionId)) {
                return rs.next() && rs.getString(1) != null;
            }
        });
        try {
            // a statement that would not wait ends at once: this is that moment, not a wait for a condition
            Thread.sleep(SETTLE_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while checking that " + what + " waits", e);
        }
        if (!statement.isDone()) return;
        try {
            statement.get();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new AssertionError(what + " failed instead of waiting: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new AssertionError(what + " did not wait");
    }
}
