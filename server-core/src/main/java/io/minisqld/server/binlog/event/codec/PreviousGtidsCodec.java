package io.minisqld.server.binlog.event.codec;

import io.minisqld.server.binlog.event.EventType;
import io.minisqld.server.binlog.event.PreviousGtidsEvent;
import io.minisqld.server.gtid.GtidSet;
import io.minisqld.server.wire.ByteReader;
import io.minisqld.server.wire.ByteWriter;

/** PREVIOUS_GTIDS body: the GTID set in its binary form (row-events-gtid-mts.md B.3). */
final class PreviousGtidsCodec implements EventBodyCodec<PreviousGtidsEvent> {
    @Override
    public int type() {
        return EventType.PREVIOUS_GTIDS.code();
    }

    @Override
    public Class<PreviousGtidsEvent> bodyClass() {
        return PreviousGtidsEvent.class;
    }

    @Override
    public void encode(PreviousGtidsEvent e, ByteWriter out) {
        out.bytes(e.gtids().encode());
    }

    @Override
    public PreviousGtidsEvent decode(ByteReader in, DecodeContext context) throws EventFormatException {
        byte[] body = in.restBytes();
        try {
            return new PreviousGtidsEvent(GtidSet.decode(body, 0, body.length));
        } catch (IllegalArgumentException e) {
            throw new EventFormatException("Previous_gtids: " + e.getMessage());
        }
    }
}
