package io.minisqld.server.binlog.event;

/**
 * HEARTBEAT_LOG_EVENT (type 27, §3.8): sent on the wire only, never written to a file; the
 * header's log_pos carries the current position in {@code logFile}.
 */
public record HeartbeatEvent(String logFile) implements EventBody {
    @Override
    public int typeCode() {
        return EventType.HEARTBEAT.code();
    }
}
