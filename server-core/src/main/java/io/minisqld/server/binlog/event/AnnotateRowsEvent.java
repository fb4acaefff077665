package io.minisqld.server.binlog.event;

/** MariaDB's ANNOTATE_ROWS_EVENT (type 160, §3.11), decoded only: the SQL of the following row events. */
public record AnnotateRowsEvent(String sql) implements EventBody {
    @Override
    public int typeCode() {
        return EventType.ANNOTATE_ROWS.code();
    }
}
