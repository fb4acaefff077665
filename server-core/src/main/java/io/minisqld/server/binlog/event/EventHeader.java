package io.minisqld.server.binlog.event;

/**
 * The 19-byte common header of a binlog v4 event (protocol.md §3.2).
 *
 * @param timestamp    seconds since the epoch (statement start on the originating server; 0 in artificial events)
 * @param type         the type byte (see {@link EventType}; may be one it does not list)
 * @param serverId     the originating server's {@code server_id}
 * @param eventLength  header + body + checksum bytes
 * @param nextPosition {@code log_pos}: the offset right after this event in its file (0 in artificial events)
 * @param flags        {@link EventFlags} bits
 */
public record EventHeader(long timestamp, int type, long serverId, long eventLength, long nextPosition, int flags) {
    /** Length of the common header in binlog v4. */
    public static final int LENGTH = 19;
    /** Offset of the flags field inside the header (the in-use flag of an FDE is at file offset 4 + 17). */
    public static final int FLAGS_OFFSET = 17;

    /** This header with other flags. */
    public EventHeader withFlags(int newFlags) {
        return new EventHeader(timestamp, type, serverId, eventLength, nextPosition, newFlags);
    }
}
