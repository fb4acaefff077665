package io.minisqld.server.replication.replica;

import io.minisqld.server.session.Session;

/**
 * How {@link RowApplier} runs the statements it composes from row events: the statement layer
 * implements it, for the SQL thread ({@link Applier}) and for a client's BINLOG statement.
 */
@FunctionalInterface
public interface RowStatements {
    /**
     * Runs a statement composed from a row event; the rows it matched (an UPDATE's found rows, not
     * only those it changed).
     */
    long executeCounting(Session session, String sql);
}
