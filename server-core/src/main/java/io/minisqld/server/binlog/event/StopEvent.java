package io.minisqld.server.binlog.event;

/** STOP_EVENT (type 3, §3.9): empty; the last event of a file closed at a clean shutdown. */
public record StopEvent() implements EventBody {
    @Override
    public int typeCode() {
        return EventType.STOP.code();
    }
}
