package io.minisqld.server.binlog.event;

/**
 * What a writer chooses in a header; the framing computes the rest (type from the body, length,
 * next position).
 *
 * @param timestamp seconds since the epoch (the statement's start time, as MySQL writes it)
 * @param serverId  the originating server's id (a replica writing replicated events keeps the source's id)
 * @param flags     {@link EventFlags} bits
 */
public record EventHeaderFields(long timestamp, long serverId, int flags) {
    /** Fields with no flags. */
    public static EventHeaderFields of(long timestamp, long serverId) {
        return new EventHeaderFields(timestamp, serverId, 0);
    }
}
