package io.minisqld.server.binlog.event;

/**
 * TABLE_MAP_EVENT (type 19, row-events-gtid-mts.md §A.3): the table a statement's row events
 * name by {@code tableId}, with each column's type, type metadata and nullability.
 *
 * @param types    each column's MYSQL_TYPE_* code
 * @param metadata each column's metadata as one integer (0, 1 or 2 bytes, little-endian as sent,
 *                 except STRING's two bytes, real type first, kept as {@code byte0 << 8 | byte1})
 * @param body     the whole body as received, written back unchanged
 */
public record TableMapEvent(long tableId, int flags, String database, String table, int[] types, int[] metadata,
                            byte[] body) implements EventBody {
    @Override
    public int typeCode() {
        return EventType.TABLE_MAP.code();
    }

    public int columnCount() {
        return types.length;
    }
}
