package io.minisqld.server.binlog.event.codec;

import io.minisqld.server.binlog.event.EventType;
import io.minisqld.server.binlog.event.RowsQueryEvent;
import io.minisqld.server.wire.ByteReader;
import io.minisqld.server.wire.ByteWriter;
import java.nio.charset.StandardCharsets;

/**
 * ROWS_QUERY body: a length byte that readers skip (MySQL stores the length's low byte, so texts
 * longer than 255 bytes are read to the event's end), then the text.
 */
final class RowsQueryCodec implements EventBodyCodec<RowsQueryEvent> {
    @Override
    public int type() {
        return EventType.ROWS_QUERY.code();
    }

    @Override
    public Class<RowsQueryEvent> bodyClass() {
        return RowsQueryEvent.class;
    }

    @Override
    public void encode(RowsQueryEvent e, ByteWriter out) {
        byte[] text = e.sql().getBytes(StandardCharsets.UTF_8);
        out.int1(text.length & 0xFF).bytes(text);
    }

    @Override
    public RowsQueryEvent decode(ByteReader in, DecodeContext context) throws EventFormatException {
        in.skip(1);
        return new RowsQueryEvent(in.restString());
    }
}
