package io.minisqld.server.protocol;

/** What the server may do to a client connection from another thread (KILL, shutdown). */
public interface ClientConnection {
    long id();

    /** The peer's address, e.g. 127.0.0.1:51234. */
    String remoteAddress();

    /** Closes the socket; the connection's thread sees it and ends the session. */
    void abort();
}
