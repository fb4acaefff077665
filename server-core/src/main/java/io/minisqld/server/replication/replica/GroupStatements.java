package io.minisqld.server.replication.replica;

import io.minisqld.server.binlog.PositionedEvent;
import io.minisqld.server.binlog.event.EventBody;
import io.minisqld.server.binlog.event.IntvarEvent;
import io.minisqld.server.binlog.event.QueryEvent;
import io.minisqld.server.binlog.event.RandEvent;
import io.minisqld.server.binlog.event.UserVarEvent;
import io.minisqld.server.engine.StorageEngine;
import io.minisqld.server.error.SqlError;
import io.minisqld.server.session.Session;
import java.util.List;

/**
 * Runs the statements of one logged transaction in a session, each in the context its events
 * carry (protocol.md §3.5 and §3.10): INTVAR INSERT_ID fixes the next INSERT's AUTO_INCREMENT
 * values, INTVAR LAST_INSERT_ID and USER_VAR set what the statement reads, RAND seeds RAND(), and the QUERY event's
 * status variables, database and timestamp are set as {@link SourceSessionContext} does. The
 * replica's SQL thread applies relay-log groups with it and start-up crash recovery re-applies
 * the binlog's lost transactions with it, so both reproduce what the binlog recorded.
 */
public final class GroupStatements {
    private GroupStatements() {
    }

    /** The statement that failed and its error. */
    public static final class Failure extends Exception {
        private final transient SqlError error;
        private final transient QueryEvent query;

        Failure(SqlError error, QueryEvent query) {
            super(error.getMessage(), error);
            this.error = error;
            this.query = query;
        }

        public SqlError error() {
            return error;
        }

        public QueryEvent query() {
            return query;
        }
    }

    /**
     * Runs the group's statements (BEGIN and COMMIT excepted) in the session's open transaction.
     * A statement that fails with the error the source recorded for it is expected and skipped.
     */
    public static void apply(Session session, Applier applier, StorageEngine engine, List<PositionedEvent> group)
            throws Failure {
        Long insertId = null;
        for (PositionedEvent e : group) {
            EventBody b = e.body();
            if (b instanceof io.minisqld.server.binlog.event.GtidEvent g) {
                // as MySQL's applier: the transaction is committed with the source's GTID (B.5 gtid_next)
                session.variables().set("gtid_next", g.gtidText());
            } else if (b instanceof IntvarEvent iv) {
                if (iv.kind() == IntvarEvent.Kind.INSERT_ID) insertId = iv.value();
                else session.setLastInsertId(iv.value());
            } else if (b instanceof io.minisqld.server.binlog.event.RowsEvent rows) {
                // logged onward (log_slave_updates) under the source's server id and time, as its statements are
                session.setReplicatedOrigin(new Session.ReplicatedOrigin(e.header().serverId(), e.header().timestamp(), 0));
                try {
                    RowApplier.apply(session, applier, rows);
                } catch (SqlError err) {
                    throw new Failure(err, null);
                }
            } else if (b instanceof RandEvent r) {
                // the source session's RAND() seeds before the statement: RAND() draws its values
                session.random().reseed(r.seed1(), r.seed2());
            } else if (b instanceof UserVarEvent uv) {
                SourceSessionContext.setUserVariable(session, uv);
            } else if (b instanceof QueryEvent q) {
                String sql = q.sql().strip();
                if (sql.equalsIgnoreCase("BEGIN") || sql.equalsIgnoreCase("COMMIT")) continue;
                SourceSessionContext.use(session, engine, q, e);
                Long statementInsertId = insertId;
                insertId = null;
                try {
                    applier.execute(session, q.sql(), statementInsertId);
                } catch (SqlError err) {
                    // the source got this error too and logged the statement anyway: expected
                    if (q.errorCode() == 0 || q.errorCode() != err.number()) throw new Failure(err, q);
                }
            }
        }
    }
}
