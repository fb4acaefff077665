package io.minisqld.server.wire;

/**
 * Asks the client to authenticate again with another plugin and a new scramble (spec §1.4.4):
 * 0xFE, plugin name, scramble, and the trailing NUL the official client expects.
 *
 * @param scramble the new scramble, without the trailing NUL
 */
public record AuthSwitchRequest(String plugin, byte[] scramble) {
    /** The plugin a bare 0xFE (the pre-4.1 "use the old password" request) stands for. */
    public static final String OLD_PASSWORD = "mysql_old_password";

    public byte[] encode() {
        return new ByteWriter(64).int1(0xFE).nulString(plugin).bytes(scramble).int1(0).toByteArray();
    }

    /**
     * Decodes the request as a client reads it (first byte 0xFE): a packet of that byte alone is
     * the old-password request; trailing NULs are not part of the scramble.
     *
     * @throws MalformedPacketException when the plugin name has no NUL terminator
     */
    public static AuthSwitchRequest decode(byte[] payload) {
        ByteReader r = new ByteReader(payload, 1);
        String plugin = payload.length > 1 ? r.nulString() : OLD_PASSWORD;
        return new AuthSwitchRequest(plugin, HandshakeV10.withoutTrailingNuls(r.restBytes()));
    }
}
