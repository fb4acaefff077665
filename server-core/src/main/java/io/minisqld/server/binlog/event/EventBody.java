package io.minisqld.server.binlog.event;

/**
 * The body of a binlog event (what follows the 19-byte header, without the checksum): one record
 * per event type. Encoding and decoding live in {@code event.codec}, one codec per type.
 */
public sealed interface EventBody permits FormatDescriptionEvent, QueryEvent, XidEvent, RotateEvent, StopEvent,
        IntvarEvent, RandEvent, UserVarEvent, HeartbeatEvent, MariadbGtidEvent, GtidListEvent,
        BinlogCheckpointEvent, AnnotateRowsEvent, GtidEvent, PreviousGtidsEvent, TableMapEvent, RowsEvent, RowsQueryEvent, UnknownEvent {

    /** The header's type byte for this body. */
    int typeCode();
}
