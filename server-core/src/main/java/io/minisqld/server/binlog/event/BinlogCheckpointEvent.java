package io.minisqld.server.binlog.event;

/** MariaDB's BINLOG_CHECKPOINT_EVENT (type 161, §3.11), decoded only; replicas ignore it. */
public record BinlogCheckpointEvent(String file) implements EventBody {
    @Override
    public int typeCode() {
        return EventType.BINLOG_CHECKPOINT.code();
    }
}
