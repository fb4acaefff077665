package io.minisqld.server.wire;

import static io.minisqld.server.wire.Capabilities.CLIENT_PLUGIN_AUTH;
import static io.minisqld.server.wire.Capabilities.CLIENT_SECURE_CONNECTION;

/**
 * COM_CHANGE_USER (0x11): log in again as another account on the same connection. After the
 * command byte: the user (str&lt;NUL&gt;), the auth response (a length byte and the bytes with
 * CLIENT_SECURE_CONNECTION, else str&lt;NUL&gt;), the database (str&lt;NUL&gt;), then, if more
 * follows, the collation (int&lt;2&gt;) and with CLIENT_PLUGIN_AUTH the plugin that computed the
 * response (str&lt;NUL&gt;); connection attributes after it are not read.
 *
 * @param collation the client's collation id, 0 when the packet has none
 * @param authPlugin null when the packet names none
 */
public record ChangeUserCommand(String user, byte[] authResponse, String database, int collation, String authPlugin) {

    /**
     * @param capabilities the capabilities the connection agreed on
     * @throws MalformedPacketException if a field is cut short
     */
    public static ChangeUserCommand decode(byte[] payload, int capabilities) {
        ByteReader r = new ByteReader(payload, 1);
        String user = r.nulString();
        byte[] auth = (capabilities & CLIENT_SECURE_CONNECTION) != 0 ? r.bytes(r.int1()) : r.nulBytes();
        String database = r.hasRemaining() ? r.nulString() : "";
        int collation = r.remaining() >= 2 ? r.int2() : 0;
        String plugin = (capabilities & CLIENT_PLUGIN_AUTH) != 0 && r.hasRemaining() ? r.nulString() : null;
        return new ChangeUserCommand(user, auth, database.isEmpty() ? null : database, collation, plugin);
    }

    /** The packet as a client sends it (CLIENT_SECURE_CONNECTION and CLIENT_PLUGIN_AUTH). */
    public byte[] encode() {
        ByteWriter w = new ByteWriter(64 + authResponse.length).int1(Command.CHANGE_USER.code()).nulString(user)
                .int1(authResponse.length).bytes(authResponse).nulString(database == null ? "" : database)
                .int2(collation);
        if (authPlugin != null) w.nulString(authPlugin);
        return w.toByteArray();
    }
}
