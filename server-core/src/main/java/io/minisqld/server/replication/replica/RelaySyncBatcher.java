package io.minisqld.server.replication.replica;

import io.minisqld.plugin.api.LogPosition;
import java.io.IOException;
import java.util.function.Consumer;

/**
 * When the IO thread forces the relay log. A position is reported as read (in SHOW SLAVE STATUS,
 * to {@link IoThreadConfig#onSynced()}, and to {@code after_queue_event}) only after the relay
 * log bytes up to it are forced, and one sync covers a burst: the thread syncs when the socket
 * holds no further data (the source is waiting for new commits) or after {@value
 * #MAX_UNSYNCED_EVENTS} events, so neither the SQL thread nor SHOW SLAVE STATUS lags far behind a
 * long burst.
 *
 * <p>IO thread only.
 */
final class RelaySyncBatcher {
    /** Unsynced events after which a burst is synced anyway. */
    static final int MAX_UNSYNCED_EVENTS = 256;

    private final RelayLog relayLog;
    private final Consumer<LogPosition> onSynced;
    private int unsynced;

    /** @param onSynced told the position the relay log is now durable up to, after each sync */
    RelaySyncBatcher(RelayLog relayLog, Consumer<LogPosition> onSynced) {
        this.relayLog = relayLog;
        this.onSynced = onSynced;
    }

    /** Counts a received event; our own events move the position, which must be published too. */
    void counted(ReceivedEventRules.Queued queued) {
        switch (queued) {
            case APPENDED -> unsynced++;
            case SKIPPED_OWN -> unsynced = Math.max(unsynced, 1);
            case IGNORED -> {
            }
        }
    }

    /** Whether the burst reached its size limit and must be synced whatever the socket holds. */
    boolean full() {
        return unsynced >= MAX_UNSYNCED_EVENTS;
    }

    /** Whether everything received is synced. */
    boolean synced() {
        return unsynced == 0;
    }

    /** Syncs what was queued, then publishes {@code received} as read. */
    void syncIfNeeded(LogPosition received) throws IoFatalError {
        if (unsynced == 0) return;
        try {
            relayLog.sync();
        } catch (IOException e) {
            throw IoFatalError.relayWriteFailure(e);
        }
        unsynced = 0;
        onSynced.accept(received);
    }
}
