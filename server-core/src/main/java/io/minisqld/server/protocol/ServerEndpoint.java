package io.minisqld.server.protocol;

import io.minisqld.server.error.SqlError;

/** What the protocol listener needs from the server it fronts. */
public interface ServerEndpoint {
    /** A new, never reused connection id (the handshake's thread id). */
    long nextConnectionId();

    /** The version string of the handshake, e.g. 5.7.44-minisqld-0.1.0. */
    String serverVersion();

    /**
     * Checks the credentials and opens a session. Throws SqlError 1045 (wrong password), 1049
     * (unknown database) or 1040 (too many connections); the protocol sends it and closes.
     */
    CommandHandler open(HandshakeResponse response, ClientConnection connection) throws SqlError;

    /** Called when a connection ends before or during authentication (Aborted_connects). */
    void abortedConnect();

    /** Counts bytes for Bytes_received / Bytes_sent. */
    void countBytes(long received, long sent);
}
