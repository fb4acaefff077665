package io.minisqld.server.binlog.event.codec;

import io.minisqld.server.binlog.event.GtidEvent;
import io.minisqld.server.gtid.GtidSet;
import io.minisqld.server.wire.ByteReader;
import io.minisqld.server.wire.ByteWriter;

/**
 * GTID and ANONYMOUS_GTID bodies (row-events-gtid-mts.md B.3): flags, UUID bytes, GNO, then the
 * logical clock (typecode 2, last_committed, sequence_number). A 5.6 event ends before the clock
 * and 8.0's adds fields after it: both are read, the clock only when its typecode says so.
 */
final class GtidCodec implements EventBodyCodec<GtidEvent> {
    private static final int LOGICAL_TIMESTAMP_TYPECODE = 2;
    private final int type;

    GtidCodec(int type) {
        this.type = type;
    }

    @Override
    public int type() {
        return type;
    }

    @Override
    public Class<GtidEvent> bodyClass() {
        return GtidEvent.class;
    }

    @Override
    public void encode(GtidEvent e, ByteWriter out) {
        out.int1(e.flags());
        out.bytes(e.anonymous() ? new byte[16] : GtidSet.uuidBytes(e.uuid()));
        out.int8(e.anonymous() ? 0 : e.gno());
        out.int1(LOGICAL_TIMESTAMP_TYPECODE).int8(e.lastCommitted()).int8(e.sequenceNumber());
    }

    @Override
    public GtidEvent decode(ByteReader in, DecodeContext context) {
        int flags = in.int1();
        String uuid = GtidSet.uuidText(in.bytes(16));
        long gno = in.int8();
        long lastCommitted = 0;
        long sequence = 0;
        if (in.remaining() >= 17 && in.int1() == LOGICAL_TIMESTAMP_TYPECODE) {
            lastCommitted = in.int8();
            sequence = in.int8();
        }
        return new GtidEvent(type == 34, flags, uuid, gno, lastCommitted, sequence);
    }
}
