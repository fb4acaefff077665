package io.minisqld.plugin.api.observer;

/**
 * The source answered a query with an error packet (see {@link SourceConnection#query}). Carries
 * MySQL's error number, SQLSTATE and message as the source sent them, e.g. 1193 / HY000 "Unknown
 * system variable 'rpl_semi_sync_master_enabled'" from a source without the semisync plugin.
 */
public final class SourceQueryException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int errorNumber;
    private final String sqlState;

    public SourceQueryException(int errorNumber, String sqlState, String message) {
        super(message);
        this.errorNumber = errorNumber;
        this.sqlState = sqlState;
    }

    /** MySQL's error number, e.g. 1193 for {@code ER_UNKNOWN_SYSTEM_VARIABLE}. */
    public int errorNumber() {
        return errorNumber;
    }

    /** The five-character SQLSTATE, e.g. {@code HY000}. */
    public String sqlState() {
        return sqlState;
    }
}
