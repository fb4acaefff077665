package io.minisqld.plugin.api.observer;

/**
 * What the server passes to {@link TransactionObserver} hooks (MySQL's {@code Trans_param}).
 *
 * @param serverId        this server's {@code server_id}
 * @param serverUuid      this server's {@code server_uuid}
 * @param threadId        the connection id of the session whose transaction this is
 *                        ({@code CONNECTION_ID()})
 * @param realTransaction true when the commit or rollback ends the whole transaction (MySQL's
 *                        {@code TRANS_IS_REAL_TRANS}: the {@code all} flag is set, or there is
 *                        no multi-statement transaction open); false for the end of one
 *                        statement inside a transaction
 * @param logFile         base name of the binlog file (no directory) holding the transaction,
 *                        or null when the transaction wrote nothing to the binlog
 * @param logPos          end offset of the transaction in {@code logFile}, 0 when it wrote
 *                        nothing to the binlog
 */
public record TransactionParam(long serverId, String serverUuid, long threadId,
                               boolean realTransaction, String logFile, long logPos) {

    /** Whether the transaction wrote to the binlog (MySQL passes a null file and 0 otherwise). */
    public boolean logged() {
        return logFile != null && logPos != 0;
    }
}
