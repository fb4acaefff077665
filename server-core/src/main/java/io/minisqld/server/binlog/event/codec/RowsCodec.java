package io.minisqld.server.binlog.event.codec;

import io.minisqld.server.binlog.event.RowsEvent;
import io.minisqld.server.binlog.event.TableMapEvent;
import io.minisqld.server.wire.ByteReader;
import io.minisqld.server.wire.ByteWriter;

/**
 * The body of the six row event types (row-events-gtid-mts.md §A.4): table id (6 bytes), flags
 * (2), for version 2 the extra data (its length counts its own 2 bytes), then the rows part,
 * kept as sent; the statement's TABLE_MAP for the id is attached from the stream's context, and
 * the statement's last row event (STMT_END_F) ends its table maps.
 */
final class RowsCodec implements EventBodyCodec<RowsEvent> {
    private final int type;

    RowsCodec(int type) {
        this.type = type;
    }

    @Override
    public int type() {
        return type;
    }

    @Override
    public Class<RowsEvent> bodyClass() {
        return RowsEvent.class;
    }

    @Override
    public void encode(RowsEvent e, ByteWriter out) {
        out.intLE(e.tableId(), 6).int2(e.flags());
        if (e.version2()) out.int2(e.extraData().length + 2).bytes(e.extraData());
        out.bytes(e.rows());
    }

    @Override
    public RowsEvent decode(ByteReader in, DecodeContext context) throws EventFormatException {
        long tableId = context.postHeaderLength(type) == 6 ? in.int4() : in.intLE(6);
        int flags = in.int2();
        byte[] extra = new byte[0];
        if (type >= 30) {
            int extraLength = in.int2();
            extra = in.bytes(Math.max(0, extraLength - 2));
        }
        byte[] rows = in.restBytes();
        TableMapEvent map = (TableMapEvent) context.tableMaps().get(tableId);
        if ((flags & 1) != 0) context.tableMaps().clear();
        return new RowsEvent(type, tableId, flags, extra, rows, map);
    }
}
