package io.minisqld.server.binlog.event.codec;

import io.minisqld.server.binlog.event.MariadbGtidEvent;
import io.minisqld.server.binlog.event.EventType;
import io.minisqld.server.wire.ByteReader;
import io.minisqld.server.wire.ByteWriter;

/** MariaDB GTID body (§3.11): seq_no, domain id, flags2, commit id or 6 zero bytes, optional trailing fields. */
final class MariadbGtidCodec implements EventBodyCodec<MariadbGtidEvent> {
    @Override
    public int type() {
        return EventType.MARIADB_GTID.code();
    }

    @Override
    public Class<MariadbGtidEvent> bodyClass() {
        return MariadbGtidEvent.class;
    }

    @Override
    public void encode(MariadbGtidEvent e, ByteWriter out) {
        out.int8(e.seqNo()).int4(e.domainId()).int1(e.flags2());
        if ((e.flags2() & MariadbGtidEvent.FL_GROUP_COMMIT_ID) != 0) {
            out.int8(e.commitId());
        } else {
            out.zeros(6);
        }
    }

    @Override
    public MariadbGtidEvent decode(ByteReader in, DecodeContext context) throws EventFormatException {
        long seqNo = in.int8();
        long domain = in.int4();
        int flags2 = in.int1();
        long commitId = (flags2 & MariadbGtidEvent.FL_GROUP_COMMIT_ID) != 0 ? in.int8() : 0;
        // XA ids and 10.5+ extra flags may follow; the event length bounds them and nothing here needs them.
        return new MariadbGtidEvent(seqNo, domain, flags2, commitId);
    }
}
