package io.minisqld.server.binlog.event.codec;

import io.minisqld.server.binlog.event.RandEvent;
import io.minisqld.server.binlog.event.EventType;
import io.minisqld.server.wire.ByteReader;
import io.minisqld.server.wire.ByteWriter;

/** RAND body (§3.10): two 8-byte seeds. */
final class RandCodec implements EventBodyCodec<RandEvent> {
    @Override
    public int type() {
        return EventType.RAND.code();
    }

    @Override
    public Class<RandEvent> bodyClass() {
        return RandEvent.class;
    }

    @Override
    public void encode(RandEvent e, ByteWriter out) {
        out.int8(e.seed1()).int8(e.seed2());
    }

    @Override
    public RandEvent decode(ByteReader in, DecodeContext context) throws EventFormatException {
        return new RandEvent(in.int8(), in.int8());
    }
}
