package io.minisqld.server.error;

/**
 * An error as a MySQL client sees it: number, SQLSTATE and message. Thrown anywhere below the
 * protocol layer, which turns it into an ERR packet. Build one from {@link ErrorCode}, or from
 * numbers that came from elsewhere (a source server's reply, a plugin's failure).
 */
public final class SqlError extends RuntimeException {
    private final int number;
    private final String sqlState;

    public SqlError(int number, String sqlState, String message) {
        super(message, null, false, false);
        this.number = number;
        this.sqlState = sqlState;
    }

    public SqlError(int number, String sqlState, String message, Throwable cause) {
        super(message, cause, false, false);
        this.number = number;
        this.sqlState = sqlState;
    }

    public int number() {
        return number;
    }

    public String sqlState() {
        return sqlState;
    }

    @Override
    public String toString() {
        return "ERROR " + number + " (" + sqlState + "): " + getMessage();
    }
}
