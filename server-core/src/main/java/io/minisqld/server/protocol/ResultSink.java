package io.minisqld.server.protocol;

import io.minisqld.server.result.StatementResult;

/** Receives the result of each statement of a COM_QUERY, in order. */
public interface ResultSink {
    /**
     * @param result      the statement's OK or rows
     * @param statusFlags SERVER_STATUS_* flags after the statement (the sink adds MORE_RESULTS)
     * @param warnings    warnings the statement left
     * @param more        true if another statement of the same COM_QUERY follows
     */
    void send(StatementResult result, int statusFlags, int warnings, boolean more);

    /**
     * LOAD DATA LOCAL INFILE: asks the client for the file {@code name} (the 0xFB request) and
     * returns what it sends, whole; 1148 when the client did not offer CLIENT_LOCAL_FILES.
     */
    default byte[] localFile(String name) {
        throw io.minisqld.server.error.ErrorCode.ER_NOT_ALLOWED_COMMAND.error();
    }
}
