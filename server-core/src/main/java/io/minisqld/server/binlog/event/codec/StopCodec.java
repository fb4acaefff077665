package io.minisqld.server.binlog.event.codec;

import io.minisqld.server.binlog.event.StopEvent;
import io.minisqld.server.binlog.event.EventType;
import io.minisqld.server.wire.ByteReader;
import io.minisqld.server.wire.ByteWriter;

/** STOP body (§3.9): empty. */
final class StopCodec implements EventBodyCodec<StopEvent> {
    @Override
    public int type() {
        return EventType.STOP.code();
    }

    @Override
    public Class<StopEvent> bodyClass() {
        return StopEvent.class;
    }

    @Override
    public void encode(StopEvent e, ByteWriter out) {
        // STOP has an empty body.
    }

    @Override
    public StopEvent decode(ByteReader in, DecodeContext context) throws EventFormatException {
        return new StopEvent();
    }
}
