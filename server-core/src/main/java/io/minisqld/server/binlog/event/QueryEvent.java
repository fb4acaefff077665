package io.minisqld.server.binlog.event;

/**
 * QUERY_EVENT (type 2, protocol.md §3.5): a statement as text with the session context a replica
 * needs to run it the same way. Texts are UTF-8 on the wire.
 *
 * @param threadId  the originating connection id (the replica's pseudo_thread_id)
 * @param execTime  seconds the statement took (MySQL writes the difference to the event timestamp)
 * @param errorCode 0, or the error the source got and the replica must expect
 * @param database  the default database, {@code ""} for none (CREATE/DROP DATABASE also write "")
 * @param sql       the statement text
 * @param status    the status variables
 */
public record QueryEvent(long threadId, long execTime, int errorCode, String database, String sql,
                         QueryStatusVariables status) implements EventBody {

    public QueryEvent {
        if (database == null) database = "";
    }

    @Override
    public int typeCode() {
        return EventType.QUERY.code();
    }
}
