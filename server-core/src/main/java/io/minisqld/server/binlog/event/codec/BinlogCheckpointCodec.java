package io.minisqld.server.binlog.event.codec;

import io.minisqld.server.binlog.event.BinlogCheckpointEvent;
import io.minisqld.server.binlog.event.EventType;
import io.minisqld.server.wire.ByteReader;
import io.minisqld.server.wire.ByteWriter;
import java.nio.charset.StandardCharsets;

/** MariaDB BINLOG_CHECKPOINT body (§3.11): 4-byte name length, name. */
final class BinlogCheckpointCodec implements EventBodyCodec<BinlogCheckpointEvent> {
    @Override
    public int type() {
        return EventType.BINLOG_CHECKPOINT.code();
    }

    @Override
    public Class<BinlogCheckpointEvent> bodyClass() {
        return BinlogCheckpointEvent.class;
    }

    @Override
    public void encode(BinlogCheckpointEvent e, ByteWriter out) {
        byte[] name = e.file().getBytes(StandardCharsets.UTF_8);
        out.int4(name.length).bytes(name);
    }

    @Override
    public BinlogCheckpointEvent decode(ByteReader in, DecodeContext context) throws EventFormatException {
        return new BinlogCheckpointEvent(in.utf8((int) in.int4()));
    }
}
