package io.minisqld.examples.commitaudit;

import io.minisqld.plugin.api.LogPosition;
import io.minisqld.plugin.api.observer.TransactionParam;
import java.time.Instant;
import java.time.format.DateTimeFormatter;

/**
 * One line of the audit file, fields separated by one space:
 * {@code <UTC time> <server_id> <thread_id> <binlog file>:<end position>}, for example
 * {@code 2025-01-31T09:15:02.123Z 1 7 mysql-bin.000001:1024}. The last field is {@code -} when the
 * transaction wrote nothing to the binlog (binlog off, or nothing to log).
 *
 * @param time     when the server reported the commit
 * @param serverId the server's {@code server_id}
 * @param threadId the committing connection's id ({@code CONNECTION_ID()})
 * @param position where the transaction ends in the binlog, or null when it is not binlogged
 */
record AuditLine(Instant time, long serverId, long threadId, LogPosition position) {

    static AuditLine of(Instant time, TransactionParam param) {
        return new AuditLine(time, param.serverId(), param.threadId(), param.position());
    }

    String text() {
        String end = position == null ? "-" : position.file() + ":" + position.offset();
        return DateTimeFormatter.ISO_INSTANT.format(time) + " " + serverId + " " + threadId + " " + end;
    }
}
