package io.minisqld.server.statements;

import io.minisqld.server.binlog.PendingEvent;
import io.minisqld.server.binlog.event.EventHeaderFields;
import io.minisqld.server.binlog.event.IntvarEvent;
import io.minisqld.server.binlog.event.QueryEvent;
import io.minisqld.server.binlog.event.QueryStatusVariables;
import io.minisqld.server.binlog.event.RandEvent;
import io.minisqld.server.binlog.event.SqlModes;
import io.minisqld.server.charset.Collation;
import io.minisqld.server.charset.MysqlCharset;
import io.minisqld.server.session.Session;
import io.minisqld.server.variables.SessionValues;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the binlog events of a session's statements with the context MySQL 5.7 writes
 * (protocol.md §3.5, §3.10): the default database, Q_FLAGS2, Q_SQL_MODE, Q_AUTO_INCREMENT,
 * Q_CHARSET, Q_TIME_ZONE, Q_HRNOW (microseconds), an INTVAR INSERT_ID before a statement that generated
 * AUTO_INCREMENT values and a RAND event before one that calls RAND(). The statement text is the one the engine ran, with the server's values
 * (user variables, DATABASE(), CONNECTION_ID(), …) already substituted as literals, so a replica
 * gets the same values without USER_VAR events.
 */
final class BinlogEvents {
    private BinlogEvents() {
    }

    /** The id Q_CHARSET gives a session's character set or collation (utf8mb4_general_ci if unknown). */
    static int collationId(String name) {
        Collation c = Collation.byName(name);
        return c == null ? Collation.of(MysqlCharset.UTF8MB4).id() : c.id();
    }

    static QueryStatusVariables status(Session s) {
        SessionValues v = s.variables();
        long flags2 = 0;
        if (!v.bool("autocommit")) flags2 |= QueryStatusVariables.OPTION_NOT_AUTOCOMMIT;
        if (v.bool("sql_auto_is_null")) flags2 |= QueryStatusVariables.OPTION_AUTO_IS_NULL;
        if (!v.bool("foreign_key_checks")) flags2 |= QueryStatusVariables.OPTION_NO_FOREIGN_KEY_CHECKS;
        if (!v.bool("unique_checks")) flags2 |= QueryStatusVariables.OPTION_RELAXED_UNIQUE_CHECKS;
        String tz = v.string("time_zone");
        return QueryStatusVariables.mysql57(flags2, SqlModes.bitsOf(v.string("sql_mode")),
                (int) v.longValue("auto_increment_increment"), (int) v.longValue("auto_increment_offset"),
                new QueryStatusVariables.Charset(collationId(v.string("character_set_client")),
                        collationId(v.string("collation_connection")), collationId(v.string("collation_server"))),
                tz == null || tz.equalsIgnoreCase("SYSTEM") ? null : tz);
    }

    static PendingEvent query(Session s, long serverId, long timestamp, String database, String sql) {
        QueryEvent q = new QueryEvent(s.id(), 0, 0, database == null ? "" : database, sql, status(s));
        return new PendingEvent(EventHeaderFields.of(timestamp, serverId), q);
    }

    /**
     * A data-changing statement's events: INTVAR INSERT_ID when it generated ids, RAND with the
     * session's seeds before the statement when it calls RAND(), then the QUERY, carrying the
     * statement time's microseconds when it asked the time with fractional seconds.
     *
     * @param micros    the statement's time in microseconds since the epoch
     * @param randSeeds the RAND() seeds before the statement ran ({seed1, seed2}), or null
     */
    static List<PendingEvent> statement(Session s, long serverId, long micros, String sql, long insertId,
                                        long[] randSeeds, boolean fractionalTime) {
        List<PendingEvent> events = new ArrayList<>(3);
        long timestamp = Math.floorDiv(micros, 1_000_000);
        if (insertId != 0) {
            events.add(new PendingEvent(EventHeaderFields.of(timestamp, serverId),
                    new IntvarEvent(IntvarEvent.Kind.INSERT_ID, insertId)));
        }
        if (randSeeds != null) {
            events.add(new PendingEvent(EventHeaderFields.of(timestamp, serverId), new RandEvent(randSeeds[0], randSeeds[1])));
        }
        QueryStatusVariables status = status(s);
        if (fractionalTime) status = status.withMicroseconds((int) Math.floorMod(micros, 1_000_000));
        QueryEvent q = new QueryEvent(s.id(), 0, 0, s.database() == null ? "" : s.database(), sql, status);
        events.add(new PendingEvent(EventHeaderFields.of(timestamp, serverId), q));
        return events;
    }
}
