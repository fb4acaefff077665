package io.minisqld.server.replication.source;

import io.minisqld.server.error.SqlError;

/**
 * A fatal error of a dump: the ERR the replica gets. {@link #withPositions} once a file was
 * opened, when MySQL 5.7's {@code Binlog_sender::run} adds where the dump was.
 */
final class DumpFailure extends Exception {
    private static final long serialVersionUID = 1L;

    final SqlError error;
    final boolean withPositions;

    DumpFailure(SqlError error, boolean withPositions) {
        super(error.getMessage(), null, false, false);
        this.error = error;
        this.withPositions = withPositions;
    }
}
