package io.minisqld.server.protocol;

import io.minisqld.server.wire.ByteWriter;

/**
 * Asks the client to authenticate again with another plugin and a new scramble (spec §1.4.4):
 * 0xFE, plugin name, scramble, and the trailing NUL the official client expects.
 */
record AuthSwitchRequest(String plugin, byte[] scramble) {
    byte[] encode() {
        return new ByteWriter(64).int1(0xFE).nulString(plugin).bytes(scramble).int1(0).toByteArray();
    }
}
