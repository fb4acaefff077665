package io.minisqld.server.binlog.event.codec;

import io.minisqld.server.binlog.event.EventType;
import io.minisqld.server.binlog.event.TableMapEvent;
import io.minisqld.server.wire.ByteReader;
import io.minisqld.server.wire.ByteWriter;

/**
 * TABLE_MAP body (row-events-gtid-mts.md §A.3): table id (6 bytes), flags (2), database and table
 * names (length byte, name, NUL), column count (lenenc), the types (one byte each), the metadata
 * (lenenc length, then per type 0–2 bytes), the nullability bitmap, then optional metadata
 * (ignored). The map goes into the stream's context for the row events after it.
 */
final class TableMapCodec implements EventBodyCodec<TableMapEvent> {
    @Override
    public int type() {
        return EventType.TABLE_MAP.code();
    }

    @Override
    public Class<TableMapEvent> bodyClass() {
        return TableMapEvent.class;
    }

    @Override
    public void encode(TableMapEvent e, ByteWriter out) {
        out.bytes(e.body());
    }

    @Override
    public TableMapEvent decode(ByteReader in, DecodeContext context) throws EventFormatException {
        byte[] body = in.restBytes();
        ByteReader r = new ByteReader(body);
        long tableId = context.postHeaderLength(type()) == 6 ? r.int4() : r.intLE(6);
        int flags = r.int2();
        String database = r.utf8(r.int1());
        r.skip(1);
        String table = r.utf8(r.int1());
        r.skip(1);
        int n = (int) r.lenenc();
        int[] types = new int[n];
        for (int i = 0; i < n; i++) types[i] = r.int1();
        r.lenenc();
        int[] metadata = new int[n];
        for (int i = 0; i < n; i++) metadata[i] = metadata(types[i], r);
        TableMapEvent map = new TableMapEvent(tableId, flags, database, table, types, metadata, body);
        context.tableMaps().put(tableId, map);
        return map;
    }

    /** One column's metadata (MySQL's Field::do_save_field_metadata per type). */
    static int metadata(int type, ByteReader r) {
        return switch (type) {
            // FLOAT, DOUBLE, BLOB, JSON, GEOMETRY, TIMESTAMP2, DATETIME2, TIME2: one byte
            case 4, 5, 252, 245, 255, 17, 18, 19 -> r.int1();
            // VARCHAR, VAR_STRING: max length; BIT: bits then bytes; NEWDECIMAL: precision, scale
            case 15, 253 -> r.int2();
            case 16, 246 -> r.int1() << 8 | r.int1();
            // STRING, ENUM, SET: real type, then length (kept in that order)
            case 254, 247, 248 -> r.int1() << 8 | r.int1();
            default -> 0;
        };
    }
}
