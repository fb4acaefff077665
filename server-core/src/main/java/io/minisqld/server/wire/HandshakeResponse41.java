package io.minisqld.server.wire;

import io.minisqld.server.wire.ByteReader;
import io.minisqld.server.wire.MalformedPacketException;

import static io.minisqld.server.wire.Capabilities.*;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The client's HandshakeResponse41 (spec §1.4.2), decoded.
 *
 * @param clientCapabilities the flags exactly as the client sent them
 * @param authPlugin         the client's plugin name, or null when CLIENT_PLUGIN_AUTH is off
 */
public record HandshakeResponse41(int clientCapabilities, long maxPacketSize, int collation, String user,
                                  byte[] authResponse, String database, String authPlugin,
                                  Map<String, String> attributes) {

    /** An SSLRequest is the fixed 32-byte prefix of a handshake response, with CLIENT_SSL. */
    public static final int SSL_REQUEST_LENGTH = 32;

    public static boolean isSslRequest(byte[] payload) {
        if (payload.length != SSL_REQUEST_LENGTH) {
            return false;
        }
        return (new ByteReader(payload).int4() & CLIENT_SSL) != 0;
    }

    /**
     * Decodes a response; the optional trailing fields are read only when both sides agreed on
     * the capability that adds them.
     *
     * @throws MalformedPacketException if a field is cut short or the client lacks protocol 4.1
     */
    public static HandshakeResponse41 decode(byte[] payload, int serverCapabilities) {
        ByteReader r = new ByteReader(payload);
        int client = (int) r.int4();
        if ((client & CLIENT_PROTOCOL_41) == 0) {
            throw new MalformedPacketException("client does not speak protocol 4.1");
        }
        int caps = client & serverCapabilities;
        long maxPacket = r.int4();
        int collation = r.int1();
        r.skip(23);
        String user = r.nulString();
        byte[] auth;
        if ((caps & CLIENT_PLUGIN_AUTH_LENENC_CLIENT_DATA) != 0) {
            auth = r.lenencBytes();
            if (auth == null) {
                throw new MalformedPacketException("auth response length is NULL");
            }
        } else if ((caps & CLIENT_SECURE_CONNECTION) != 0) {
            auth = r.bytes(r.int1());
        } else {
            auth = r.nulBytes();
        }
        String database = null;
        if ((caps & CLIENT_CONNECT_WITH_DB) != 0 && r.hasRemaining()) {
            database = r.nulString();
            if (database.isEmpty()) {
                database = null;
            }
        }
        String plugin = null;
        if ((caps & CLIENT_PLUGIN_AUTH) != 0 && r.hasRemaining()) {
            plugin = r.nulString();
        }
        Map<String, String> attrs = Map.of();
        if ((caps & CLIENT_CONNECT_ATTRS) != 0 && r.hasRemaining()) {
            attrs = parseAttributes(r);
        }
        return new HandshakeResponse41(client, maxPacket, collation, user, auth, database, plugin, attrs);
    }

    /**
     * Encodes the response as a client sends it; the optional fields follow the capabilities it
     * sends, which must already be limited to what the server offered.
     */
    public byte[] encode() {
        int caps = clientCapabilities;
        ByteWriter w = new ByteWriter(64 + authResponse.length).int4(caps).int4(maxPacketSize).int1(collation).zeros(23)
                .nulString(user);
        if ((caps & CLIENT_PLUGIN_AUTH_LENENC_CLIENT_DATA) != 0) {
            w.lenencBytes(authResponse);
        } else if ((caps & CLIENT_SECURE_CONNECTION) != 0) {
            w.int1(authResponse.length).bytes(authResponse);
        } else {
            w.bytes(authResponse).int1(0);
        }
        if ((caps & CLIENT_CONNECT_WITH_DB) != 0) {
            w.nulString(database == null ? "" : database);
        }
        if ((caps & CLIENT_PLUGIN_AUTH) != 0) {
            w.nulString(authPlugin == null ? "" : authPlugin);
        }
        if ((caps & CLIENT_CONNECT_ATTRS) != 0) {
            ByteWriter attrs = new ByteWriter();
            attributes.forEach((key, value) -> attrs.lenencString(key).lenencString(value));
            w.lenencBytes(attrs.toByteArray());
        }
        return w.toByteArray();
    }

    private static Map<String, String> parseAttributes(ByteReader r) {
        long total = r.lenenc();
        if (total < 0 || total > r.remaining()) {
            throw new MalformedPacketException("connect attributes length " + total + " exceeds the packet");
        }
        int end = r.position() + (int) total;
        Map<String, String> attrs = new LinkedHashMap<>();
        while (r.position() < end) {
            String key = r.lenencString();
            String value = r.lenencString();
            if (key == null || r.position() > end) {
                throw new MalformedPacketException("connect attribute overruns its block");
            }
            attrs.put(key, value);
        }
        return Collections.unmodifiableMap(attrs);
    }
}
