package io.minisqld.server.binlog;

import io.minisqld.server.binlog.event.EventBody;
import io.minisqld.server.binlog.event.EventHeaderFields;

/** An event to append: the header fields the writer chooses and the body; the position is assigned at append. */
public record PendingEvent(EventHeaderFields header, EventBody body) {
    /** An event with no header flags. */
    public static PendingEvent of(long timestamp, long serverId, EventBody body) {
        return new PendingEvent(EventHeaderFields.of(timestamp, serverId), body);
    }
}
