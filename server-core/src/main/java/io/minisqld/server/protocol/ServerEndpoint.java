package io.minisqld.server.protocol;

import io.minisqld.server.error.SqlError;
import java.time.Duration;

/** What the protocol listener needs from the server it fronts. */
public interface ServerEndpoint {
    /** A new, never reused connection id (the handshake's thread id). */
    long nextConnectionId();

    /** The version string of the handshake, e.g. 5.7.44-minisqld. */
    String serverVersion();

    /**
     * Checks the credentials and opens a session. Throws SqlError 1045 (wrong password), 1049
     * (unknown database) or 1040 (too many connections); the protocol sends it and closes.
     */
    CommandHandler open(HandshakeResponse response, ClientConnection connection) throws SqlError;

    /** Called when a connection ends before or during authentication (Aborted_connects). */
    void abortedConnect();

    /** connect_timeout: how long a client has to finish the handshake. */
    /** The TLS clients may switch to with an SSLRequest, or null when TLS is off. */
    default io.minisqld.server.wire.ServerTls tls() {
        return null;
    }

    /** accept() on the listening socket failed (Connection_errors_accept). */
    default void acceptFailed() {
    }

    /** A login failed on an error of the server's own (Connection_errors_internal). */
    default void internalError() {
    }

    /** A client completed a TLS handshake (Ssl_accepts). */
    default void tlsAccepted() {
    }

    default Duration connectTimeout() {
        return Duration.ofSeconds(10);
    }

    /**
     * Before the greeting: 1129 when the client's host is blocked for too many connection errors
     * (max_connect_errors); the protocol sends it instead of the greeting and closes.
     */
    default void admit(String host) throws SqlError {
    }

    /** The handshake with a client of {@code host} broke off (a refused login does not count). */
    default void handshakeError(String host) {
    }

    /** Counts bytes for Bytes_received / Bytes_sent. */
    void countBytes(long received, long sent);
}
