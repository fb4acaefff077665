package io.minisqld.server.protocol;

import java.util.Map;

/**
 * What a client said in its HandshakeResponse41 (and AuthSwitchResponse), for the server to
 * authenticate.
 *
 * @param scramble     the 20 bytes the auth response was computed against
 * @param authResponse the mysql_native_password token (empty for no password)
 * @param database     the database asked for with CLIENT_CONNECT_WITH_DB, or null
 * @param tls          the connection's TLS session (cipher, protocol, the client's certificate),
 *                     or null over plain TCP
 */
public record HandshakeResponse(long connectionId, String user, String remoteHost, byte[] scramble,
                                byte[] authResponse, String database, int capabilities, int collation,
                                Map<String, String> attributes, javax.net.ssl.SSLSession tls) {
    public HandshakeResponse(long connectionId, String user, String remoteHost, byte[] scramble, byte[] authResponse,
                             String database, int capabilities, int collation, Map<String, String> attributes) {
        this(connectionId, user, remoteHost, scramble, authResponse, database, capabilities, collation, attributes,
                null);
    }
}
