package io.minisqld.server.binlog.event.codec;

import io.minisqld.server.binlog.event.XidEvent;
import io.minisqld.server.binlog.event.EventType;
import io.minisqld.server.wire.ByteReader;
import io.minisqld.server.wire.ByteWriter;

/** XID body (§3.6): the 8-byte xid. */
final class XidCodec implements EventBodyCodec<XidEvent> {
    @Override
    public int type() {
        return EventType.XID.code();
    }

    @Override
    public Class<XidEvent> bodyClass() {
        return XidEvent.class;
    }

    @Override
    public void encode(XidEvent e, ByteWriter out) {
        out.int8(e.xid());
    }

    @Override
    public XidEvent decode(ByteReader in, DecodeContext context) throws EventFormatException {
        return new XidEvent(in.int8());
    }
}
