package io.minisqld.server.binlog.event.codec;

import io.minisqld.server.binlog.event.AnnotateRowsEvent;
import io.minisqld.server.binlog.event.EventType;
import io.minisqld.server.wire.ByteReader;
import io.minisqld.server.wire.ByteWriter;

/** MariaDB ANNOTATE_ROWS body (§3.11): the SQL text. */
final class AnnotateRowsCodec implements EventBodyCodec<AnnotateRowsEvent> {
    @Override
    public int type() {
        return EventType.ANNOTATE_ROWS.code();
    }

    @Override
    public Class<AnnotateRowsEvent> bodyClass() {
        return AnnotateRowsEvent.class;
    }

    @Override
    public void encode(AnnotateRowsEvent e, ByteWriter out) {
        out.utf8(e.sql());
    }

    @Override
    public AnnotateRowsEvent decode(ByteReader in, DecodeContext context) throws EventFormatException {
        return new AnnotateRowsEvent(in.restString());
    }
}
