package io.minisqld.server.binlog.event;

/** XID_EVENT (type 16, §3.6): commits the transaction opened by the preceding BEGIN. */
public record XidEvent(long xid) implements EventBody {
    @Override
    public int typeCode() {
        return EventType.XID.code();
    }
}
