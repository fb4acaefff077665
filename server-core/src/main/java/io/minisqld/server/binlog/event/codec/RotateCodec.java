package io.minisqld.server.binlog.event.codec;

import io.minisqld.server.binlog.event.RotateEvent;
import io.minisqld.server.binlog.event.EventType;
import io.minisqld.server.wire.ByteReader;
import io.minisqld.server.wire.ByteWriter;

/** ROTATE body (§3.7): 8-byte position, then the file name to the end of the body (no NUL). */
final class RotateCodec implements EventBodyCodec<RotateEvent> {
    @Override
    public int type() {
        return EventType.ROTATE.code();
    }

    @Override
    public Class<RotateEvent> bodyClass() {
        return RotateEvent.class;
    }

    @Override
    public void encode(RotateEvent e, ByteWriter out) {
        out.int8(e.position()).utf8(e.nextFile());
    }

    @Override
    public RotateEvent decode(ByteReader in, DecodeContext context) throws EventFormatException {
        long position = in.int8();
        return new RotateEvent(position, in.restString());
    }
}
