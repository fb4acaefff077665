package io.minisqld.server.replication.client;

import io.minisqld.server.wire.ErrPacket;

/**
 * The server answered with an ERR packet (protocol.md §1.5): MySQL's error number, SQLSTATE and
 * message as the server sent them.
 */
public final class ServerErrorException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int errorNumber;
    private final String sqlState;

    public ServerErrorException(int errorNumber, String sqlState, String message) {
        super(message);
        this.errorNumber = errorNumber;
        this.sqlState = sqlState;
    }

    /** MySQL's error number, e.g. 1045. */
    public int errorNumber() {
        return errorNumber;
    }

    /** The five-character SQLSTATE ({@code HY000} when the packet carried none). */
    public String sqlState() {
        return sqlState;
    }

    /** The error an ERR packet payload (first byte 0xFF) carries. */
    public static ServerErrorException decode(byte[] payload) {
        ErrPacket err = ErrPacket.decode(payload);
        return new ServerErrorException(err.number(), err.sqlState(), err.message());
    }
}
