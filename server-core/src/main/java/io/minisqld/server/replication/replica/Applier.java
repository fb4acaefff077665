package io.minisqld.server.replication.replica;

import io.minisqld.server.session.Session;

/**
 * How the SQL thread runs what it applies: the statement layer implements it (this package never
 * parses or executes SQL itself). Every method runs on the SQL thread, in its session, and throws
 * {@link io.minisqld.server.error.SqlError} as a client's statement would.
 */
public interface Applier extends RowStatements {

    /** Opens the transaction a group of events is applied in. */
    void begin(Session session);

    /**
     * Runs one statement of a QUERY event.
     *
     * @param insertId the value of the INTVAR INSERT_ID event before it, or null: the AUTO_INCREMENT
     *                 values the statement generated on the source (protocol.md §3.10)
     */
    void execute(Session session, String sql, Long insertId);

    /** Commits the group's transaction (through the binlog when the replica logs what it applies). */
    void commit(Session session);

    void rollback(Session session);
}
