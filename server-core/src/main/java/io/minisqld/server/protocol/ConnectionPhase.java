package io.minisqld.server.protocol;

import io.minisqld.server.error.ErrorCode;
import io.minisqld.server.error.SqlError;
import io.minisqld.server.result.Column;
import io.minisqld.server.wire.AuthSwitchRequest;
import io.minisqld.server.wire.ChangeUserCommand;
import io.minisqld.server.wire.Capabilities;
import io.minisqld.server.wire.HandshakeResponse41;
import io.minisqld.server.wire.HandshakeV10;
import io.minisqld.server.wire.MalformedPacketException;
import io.minisqld.server.wire.PacketChannel;
import io.minisqld.server.wire.ServerStatus;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection phase (spec §1.4): greeting, HandshakeResponse41, an AuthSwitchRequest when the
 * client offered another plugin than mysql_native_password, then the server decides through
 * {@link ServerEndpoint#open}. The final OK is the caller's, so that a handler it got is always
 * closed.
 */
final class ConnectionPhase {
    static final String NATIVE_PASSWORD = "mysql_native_password";

    /** utf8_general_ci, MySQL 5.7's default collation for utf8 clients. */
    static final int SERVER_COLLATION = Column.UTF8_GENERAL_CI;

    /** Bound for the handshake packets, before the session's max_allowed_packet applies. */
    static final int HANDSHAKE_MAX_PACKET = 1 << 20;

    private static final Logger log = LoggerFactory.getLogger(ConnectionPhase.class);

    private final ServerEndpoint endpoint;
    private final Scramble scrambles;

    ConnectionPhase(ServerEndpoint endpoint, Scramble scrambles) {
        this.endpoint = endpoint;
        this.scrambles = scrambles;
    }

    /** A client the server accepted: its session and the capabilities both sides share. */
    /** @param scramble the handshake's scramble, which a COM_CHANGE_USER response is computed with */
    record Accepted(CommandHandler handler, int capabilities, byte[] scramble, PacketChannel channel) {
    }

    /**
     * Runs the exchange up to the server's decision.
     *
     * @return the accepted session, or null when an ERR was sent and the connection must close
     */
    Accepted authenticate(PacketChannel channel, ProtocolConnection connection) throws IOException {
        byte[] scramble = scrambles.next();
        channel.setMaxPacket(HANDSHAKE_MAX_PACKET);
        channel.setNextSequenceId(0);
        io.minisqld.server.wire.ServerTls tls = endpoint.tls();
        int capabilities = Capabilities.SERVER_CAPABILITIES | (tls != null ? Capabilities.CLIENT_SSL : 0);
        channel.writePacket(new HandshakeV10(endpoint.serverVersion(), connection.id(), scramble,
                capabilities, SERVER_COLLATION, ServerStatus.AUTOCOMMIT, NATIVE_PASSWORD).encode());
        channel.flush();

        byte[] payload = channel.readInSequence();
        javax.net.ssl.SSLSession tlsSession = null;
        if (HandshakeResponse41.isSslRequest(payload)) {
            if (tls == null) {
                // CLIENT_SSL is not advertised, so a client asking for TLS anyway cannot be served
                log.debug("connection {}: SSLRequest refused, TLS is not enabled", connection.id());
                return refuse(channel, ErrorCode.ER_HANDSHAKE_ERROR.error());
            }
            // the SSLRequest's TLS handshake, then the handshake response over TLS (protocol.md §1.5)
            channel = channel.startTls(tls);
            endpoint.tlsAccepted();
            tlsSession = channel.tlsSession();
            payload = channel.readInSequence();
        }
        HandshakeResponse41 response;
        try {
            response = HandshakeResponse41.decode(payload, capabilities);
        } catch (MalformedPacketException e) {
            log.debug("connection {}: bad handshake: {}", connection.id(), e.getMessage());
            return refuse(channel, ErrorCode.ER_HANDSHAKE_ERROR.error());
        }

        byte[] authResponse = response.authResponse();
        String plugin = response.authPlugin();
        if (plugin != null && !plugin.isEmpty() && !NATIVE_PASSWORD.equals(plugin)) {
            // Only mysql_native_password is implemented: ask the client to switch (spec §1.4.4),
            // and verify its answer against the new scramble.
            log.debug("connection {}: client offered {}, switching it to {}", connection.id(), plugin, NATIVE_PASSWORD);
            scramble = scrambles.next();
            channel.writePacket(new AuthSwitchRequest(NATIVE_PASSWORD, scramble).encode());
            channel.flush();
            authResponse = channel.readInSequence();
        }

        HandshakeResponse request = new HandshakeResponse(connection.id(), response.user(), connection.remoteHost(),
                scramble, emptyTokenAsEmpty(authResponse), response.database(),
                response.clientCapabilities() & capabilities, response.collation(),
                response.attributes(), tlsSession);
        try {
            CommandHandler handler = endpoint.open(request, connection);
            if (handler == null) {
                throw new IllegalStateException("ServerEndpoint.open returned null");
            }
            return new Accepted(handler, request.capabilities(), scramble, channel);
        } catch (SqlError e) {
            return refuse(channel, e);
        } catch (RuntimeException e) {
            log.error("connection {}: opening the session failed", connection.id(), e);
            endpoint.internalError();
            return refuse(channel, ErrorCode.ER_UNKNOWN_ERROR.error(String.valueOf(e.getMessage())));
        }
    }

    /**
     * COM_CHANGE_USER's login: a response computed with mysql_native_password and the handshake's
     * scramble is checked as it is (MySQL does not send the scramble again); a client that used
     * another plugin is switched to mysql_native_password with a new scramble first (§1.4.4).
     */
    HandshakeResponse changeUser(PacketChannel channel, ProtocolConnection connection, ChangeUserCommand command,
                                 byte[] scramble, int capabilities) throws IOException {
        byte[] authResponse = command.authResponse();
        String plugin = command.authPlugin();
        if (plugin != null && !plugin.isEmpty() && !NATIVE_PASSWORD.equals(plugin)) {
            scramble = scrambles.next();
            channel.writePacket(new AuthSwitchRequest(NATIVE_PASSWORD, scramble).encode());
            channel.flush();
            authResponse = channel.readInSequence();
        }
        return new HandshakeResponse(connection.id(), command.user(), connection.remoteHost(), scramble,
                emptyTokenAsEmpty(authResponse), command.database(), capabilities, command.collation(),
                java.util.Map.of(), channel.tlsSession());
    }

    /** Sends the ERR under the next sequence id; the caller closes and counts Aborted_connects. */
    private Accepted refuse(PacketChannel channel, SqlError error) throws IOException {
        channel.writeError(error);
        channel.flush();
        return null;
    }

    /** Some clients send a single 0x00 for an empty password (spec §1.4.3). */
    private static byte[] emptyTokenAsEmpty(byte[] token) {
        if (token.length == 1 && token[0] == 0) {
            return new byte[0];
        }
        return token;
    }
}
