package io.minisqld.plugin.api.observer;

import io.minisqld.plugin.api.LogPosition;

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
 * @param position        where the transaction ends in the binlog (the file holding it, the
 *                        offset after its last event), or null when it wrote nothing to the
 *                        binlog (MySQL passes a null file and 0 then)
 * @param context         who ran the transaction and what it did: user, host, database,
 *                        statements, rows, start time, XID (plugin API 1.1)
 */
public record TransactionParam(long serverId, String serverUuid, long threadId,
                               boolean realTransaction, LogPosition position, TransactionContext context) {

    /** A param without context ({@link TransactionContext#UNKNOWN}), as plugin API 1.0 built them. */
    public TransactionParam(long serverId, String serverUuid, long threadId, boolean realTransaction,
                            LogPosition position) {
        this(serverId, serverUuid, threadId, realTransaction, position, TransactionContext.UNKNOWN);
    }

    /** Whether the transaction wrote to the binlog, i.e. {@link #position()} is not null. */
    public boolean logged() {
        return position != null;
    }
}
