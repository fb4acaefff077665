package io.minisqld.server.replication.client;

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

    /** Decodes an ERR packet payload (first byte 0xFF). */
    static ServerErrorException decode(byte[] payload) {
        int number = payload.length >= 3 ? (payload[1] & 0xFF) | (payload[2] & 0xFF) << 8 : 0;
        int at = 3;
        String state = "HY000";
        if (payload.length >= 9 && payload[3] == '#') {
            state = new String(payload, 4, 5, java.nio.charset.StandardCharsets.US_ASCII);
            at = 9;
        }
        String message = payload.length > at
                ? new String(payload, at, payload.length - at, java.nio.charset.StandardCharsets.UTF_8) : "";
        return new ServerErrorException(number, state, message);
    }
}
