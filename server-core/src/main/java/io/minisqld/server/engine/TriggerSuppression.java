package io.minisqld.server.engine;

/**
 * While a replica applies a row event, the tables' triggers do not run (MySQL 5.7: the source's
 * row events already hold what its triggers changed, and a replica running them again would
 * change those rows twice). Per thread.
 */
public final class TriggerSuppression implements AutoCloseable {
    private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);

    private TriggerSuppression() {
    }

    /** Suppresses triggers on this thread until {@link #close()}. */
    public static TriggerSuppression begin() {
        DEPTH.get()[0]++;
        return new TriggerSuppression();
    }

    /** Whether the triggers of this thread's statements are off. */
    public static boolean active() {
        return DEPTH.get()[0] > 0;
    }

    @Override
    public void close() {
        DEPTH.get()[0]--;
    }
}
