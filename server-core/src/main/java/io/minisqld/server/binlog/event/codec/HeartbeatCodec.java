package io.minisqld.server.binlog.event.codec;

import io.minisqld.server.binlog.event.HeartbeatEvent;
import io.minisqld.server.binlog.event.EventType;
import io.minisqld.server.wire.ByteReader;
import io.minisqld.server.wire.ByteWriter;

/** HEARTBEAT body (§3.8): the current file name, no NUL. */
final class HeartbeatCodec implements EventBodyCodec<HeartbeatEvent> {
    @Override
    public int type() {
        return EventType.HEARTBEAT.code();
    }

    @Override
    public Class<HeartbeatEvent> bodyClass() {
        return HeartbeatEvent.class;
    }

    @Override
    public void encode(HeartbeatEvent e, ByteWriter out) {
        out.utf8(e.logFile());
    }

    @Override
    public HeartbeatEvent decode(ByteReader in, DecodeContext context) throws EventFormatException {
        return new HeartbeatEvent(in.restString());
    }
}
