package io.minisqld.server.protocol;

import io.minisqld.server.wire.ByteWriter;

/**
 * The server greeting, protocol version 10 (spec §1.4.1). The 20-byte scramble travels as 8
 * bytes, a filler, then 12 bytes and a NUL, with the auth-data length 21 that MariaDB
 * Connector/J relies on; the ten reserved bytes stay zero because capability bit 0 is set.
 */
record HandshakeV10(String serverVersion, long connectionId, byte[] scramble, int capabilities,
                    int collation, int status, String authPlugin) {

    byte[] encode() {
        if (scramble.length != Scramble.LENGTH) {
            throw new IllegalArgumentException("scramble must be " + Scramble.LENGTH + " bytes");
        }
        return new ByteWriter(96)
                .int1(0x0A)
                .nulString(serverVersion)
                .int4(connectionId)
                .bytes(scramble, 0, 8)
                .int1(0)
                .int2(capabilities & 0xFFFF)
                .int1(collation)
                .int2(status)
                .int2(capabilities >>> 16)
                .int1(Scramble.LENGTH + 1)
                .zeros(10)
                .bytes(scramble, 8, Scramble.LENGTH - 8)
                .int1(0)
                .nulString(authPlugin)
                .toByteArray();
    }
}
