package io.minisqld.server.replication.client;

import java.io.IOException;

/**
 * The connection failed on the client side (a {@link ClientError}): cannot connect, lost
 * connection, malformed packet. An {@link IOException}, so the IO thread treats it as a network
 * error and reconnects.
 */
public final class ClientErrorException extends IOException {
    private static final long serialVersionUID = 1L;

    private final int errorNumber;

    ClientErrorException(int errorNumber, String message) {
        super(message);
        this.errorNumber = errorNumber;
    }

    /** The {@code CR_*} number, e.g. 2003. */
    public int errorNumber() {
        return errorNumber;
    }
}
