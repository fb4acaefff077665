package io.minisqld.server.binlog.event.codec;

import io.minisqld.server.binlog.event.GtidListEvent;
import io.minisqld.server.binlog.event.EventType;
import io.minisqld.server.wire.ByteReader;
import io.minisqld.server.wire.ByteWriter;
import java.util.ArrayList;
import java.util.List;

/** MariaDB GTID_LIST body (§3.11): count (low 28 bits) and flags (top 4), then domain, server, seq_no per entry. */
final class GtidListCodec implements EventBodyCodec<GtidListEvent> {
    @Override
    public int type() {
        return EventType.GTID_LIST.code();
    }

    @Override
    public Class<GtidListEvent> bodyClass() {
        return GtidListEvent.class;
    }

    @Override
    public void encode(GtidListEvent e, ByteWriter out) {
        out.int4(((long) e.flags() << 28) | e.gtids().size());
        for (GtidListEvent.Gtid g : e.gtids()) out.int4(g.domainId()).int4(g.serverId()).int8(g.seqNo());
    }

    @Override
    public GtidListEvent decode(ByteReader in, DecodeContext context) throws EventFormatException {
        long countAndFlags = in.int4();
        int count = (int) (countAndFlags & 0x0FFF_FFFF);
        List<GtidListEvent.Gtid> gtids = new ArrayList<>();
        for (int i = 0; i < count; i++) gtids.add(new GtidListEvent.Gtid(in.int4(), in.int4(), in.int8()));
        return new GtidListEvent((int) (countAndFlags >>> 28), gtids);
    }
}
