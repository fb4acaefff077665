package io.minisqld.plugin.api.observer;

import java.time.Instant;
import java.util.List;

/**
 * Who ran a transaction and what it did, as a {@link TransactionParam} carries it to every
 * transaction hook (plugin API 1.1; its row changes since 1.2). A snapshot: it does not change
 * after the hook gets it, and a plugin may keep it.
 *
 * @param user         the session's user name as the client logged in ({@code USER()} before the @)
 * @param host         the client's host ({@code USER()} after the @)
 * @param database     the session's current database, or null when none is selected
 * @param statements   the transaction's data-changing statements, in order, as the binary log
 *                     holds them (the server's values, such as {@code LAST_INSERT_ID()} or user
 *                     variables, already in the text). {@code before_dml} gets those logged so
 *                     far followed by the statement about to run, as the client sent it; the
 *                     hooks of a statement the server commits and logs on its own (DDL, account
 *                     statements) get that statement. Empty when the binary log is off or
 *                     {@code sql_log_bin} is 0
 * @param rowsAffected the rows the transaction's statements changed so far (what their OK
 *                     packets said, summed)
 * @param startTime    when the transaction's first data-changing statement began (the
 *                     statement's time, as its NOW() and its binlog event have it)
 * @param xid          the XID its commit wrote to the binary log, 0 when none (before the commit,
 *                     for a statement the engine commits itself such as DDL, and without a binlog)
 * @param gtid         the transaction's GTID (`uuid:n`) at after_commit when it has one, else null
 * @param rowChanges   the rows its statements changed so far, in the order the engine changed them
 *                     (plugin API 1.2), whatever {@code binlog_format} is; empty when the binary
 *                     log is off or {@code sql_log_bin} is 0, and for DDL
 */
public record TransactionContext(String user, String host, String database, List<String> statements,
                                 long rowsAffected, Instant startTime, long xid, String gtid,
                                 List<RowChange> rowChanges) {

    /** What a hook gets for a transaction the server knows nothing more of (a test's own param). */
    public static final TransactionContext UNKNOWN =
            new TransactionContext("", "", null, List.of(), 0, Instant.EPOCH, 0, null);

    public TransactionContext {
        statements = List.copyOf(statements);
        rowChanges = rowChanges == null ? List.of() : List.copyOf(rowChanges);
    }

    /** A context without row changes (plugin API 1.1's constructor, kept for plugins built against it). */
    public TransactionContext(String user, String host, String database, List<String> statements, long rowsAffected,
                              Instant startTime, long xid, String gtid) {
        this(user, host, database, statements, rowsAffected, startTime, xid, gtid, List.of());
    }
}
