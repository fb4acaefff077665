package io.minisqld.server.binlog.commit;

import io.minisqld.server.binlog.PendingEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * The binlog events of a session's open transaction (MySQL's binlog transaction cache): each
 * successful data-changing statement's QUERY event, preceded by its INTVAR when it generated an
 * AUTO_INCREMENT value. BEGIN and XID are added at commit. Used by its session's thread only.
 */
public final class TransactionCache {
    private final List<PendingEvent> events = new ArrayList<>();
    private long firstTimestamp;

    public boolean isEmpty() {
        return events.isEmpty();
    }

    /** Adds a statement's events, in order. */
    public void add(List<PendingEvent> statementEvents) {
        if (events.isEmpty() && !statementEvents.isEmpty()) firstTimestamp = statementEvents.get(0).header().timestamp();
        events.addAll(statementEvents);
    }

    /** The statements' events, without BEGIN and XID. */
    public List<PendingEvent> events() {
        return events;
    }

    /** When the transaction's first statement started (the BEGIN event's timestamp). */
    public long firstTimestamp() {
        return firstTimestamp;
    }

    public void clear() {
        events.clear();
    }
}
