package io.minisqld.examples.commitaudit;

import io.minisqld.plugin.api.JsonText;
import io.minisqld.plugin.api.LogPosition;
import io.minisqld.plugin.api.observer.TransactionContext;
import io.minisqld.plugin.api.observer.TransactionParam;
import java.time.Instant;
import java.time.format.DateTimeFormatter;

/**
 * One line of the audit file, fields separated by one space:
 * {@code <UTC time> <server_id> <thread_id> <binlog file>:<end position> user=<user>@<host>
 * db=<database> rows=<rows changed> xid=<xid> start=<UTC time> statements=<JSON array>}, for
 * example {@code 2025-01-31T09:15:02.123Z 1 7 mysql-bin.000001:1024 user=app@localhost db=shop
 * rows=1 xid=12 start=2025-01-31T09:15:02.101Z statements=["INSERT INTO t VALUES (1)"]}. The
 * position is {@code -} when the transaction wrote nothing to the binlog (binlog off, or nothing to
 * log), and so is the database when none was selected. The fields after the position come from
 * the hook's {@link TransactionContext}.
 *
 * @param time     when the server reported the commit
 * @param serverId the server's {@code server_id}
 * @param threadId the committing connection's id ({@code CONNECTION_ID()})
 * @param position where the transaction ends in the binlog, or null when it is not binlogged
 * @param context  who committed and what: user, host, database, rows, XID, start, statements
 */
record AuditLine(Instant time, long serverId, long threadId, LogPosition position, TransactionContext context) {

    static AuditLine of(Instant time, TransactionParam param) {
        return new AuditLine(time, param.serverId(), param.threadId(), param.position(), param.context());
    }

    String text() {
        String end = position == null ? "-" : position.file() + ":" + position.offset();
        StringBuilder b = new StringBuilder();
        b.append(DateTimeFormatter.ISO_INSTANT.format(time)).append(' ').append(serverId).append(' ').append(threadId)
                .append(' ').append(end)
                .append(" user=").append(context.user()).append('@').append(context.host())
                .append(" db=").append(context.database() == null ? "-" : context.database())
                .append(" rows=").append(context.rowsAffected())
                .append(" xid=").append(context.xid())
                .append(" start=").append(DateTimeFormatter.ISO_INSTANT.format(context.startTime()))
                .append(" statements=[");
        for (int i = 0; i < context.statements().size(); i++) {
            if (i > 0) b.append(',');
            JsonText.append(b, context.statements().get(i));
        }
        return b.append(']').toString();
    }
}
