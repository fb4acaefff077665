package io.minisqld.server.binlog.event;

/**
 * ROWS_QUERY_LOG_EVENT (type 29, MySQL 5.6+, written with {@code binlog_rows_query_log_events}):
 * the statement whose row events follow, for people reading the binlog; replicas ignore it.
 * Its body is one length byte (the text's length, modulo 256, as MySQL writes it) and the text.
 */
public record RowsQueryEvent(String sql) implements EventBody {
    @Override
    public int typeCode() {
        return EventType.ROWS_QUERY.code();
    }
}
