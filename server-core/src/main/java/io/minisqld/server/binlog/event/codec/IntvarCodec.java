package io.minisqld.server.binlog.event.codec;

import io.minisqld.server.binlog.event.IntvarEvent;
import io.minisqld.server.binlog.event.EventType;
import io.minisqld.server.wire.ByteReader;
import io.minisqld.server.wire.ByteWriter;

/** INTVAR body (§3.10): 1-byte type (1 LAST_INSERT_ID, 2 INSERT_ID), 8-byte value. */
final class IntvarCodec implements EventBodyCodec<IntvarEvent> {
    @Override
    public int type() {
        return EventType.INTVAR.code();
    }

    @Override
    public Class<IntvarEvent> bodyClass() {
        return IntvarEvent.class;
    }

    @Override
    public void encode(IntvarEvent e, ByteWriter out) {
        out.int1(e.kind().code()).int8(e.value());
    }

    @Override
    public IntvarEvent decode(ByteReader in, DecodeContext context) throws EventFormatException {
        int kind = in.int1();
        long value = in.int8();
        try {
            return new IntvarEvent(IntvarEvent.Kind.of(kind), value);
        } catch (IllegalArgumentException bad) {
            throw new EventFormatException("unknown INTVAR type " + kind);
        }
    }
}
