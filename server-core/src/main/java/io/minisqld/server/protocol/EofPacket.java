package io.minisqld.server.protocol;

import io.minisqld.server.wire.ByteWriter;

/** The classic 5-byte EOF packet (spec §1.5): 0xFE, warning count, status flags. */
public record EofPacket(int warnings, int status) {
    public byte[] encode() {
        return new ByteWriter(5).int1(0xFE).int2(warnings).int2(status).toByteArray();
    }
}
