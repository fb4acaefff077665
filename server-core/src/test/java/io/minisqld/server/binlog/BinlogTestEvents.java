package io.minisqld.server.binlog;

import io.minisqld.server.binlog.event.EventFlags;
import io.minisqld.server.binlog.event.EventHeaderFields;
import io.minisqld.server.binlog.event.IntvarEvent;
import io.minisqld.server.binlog.event.QueryEvent;
import io.minisqld.server.binlog.event.QueryStatusVariables;
import io.minisqld.server.binlog.event.QueryStatusVariables.Charset;
import io.minisqld.server.binlog.event.SqlModes;
import io.minisqld.server.binlog.event.XidEvent;

import java.util.List;

/** The statements the binlog tests write, as MySQL 5.7 would log them for a session with thread id 7. */
final class BinlogTestEvents {
    static final long TS = 1_700_000_000L;
    static final long SERVER_ID = 1;
    static final long THREAD = 7;
    static final QueryStatusVariables VARS = QueryStatusVariables.mysql57(0,
            SqlModes.bitsOf("ONLY_FULL_GROUP_BY,STRICT_TRANS_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,"
                    + "ERROR_FOR_DIVISION_BY_ZERO,NO_AUTO_CREATE_USER,NO_ENGINE_SUBSTITUTION"),
            1, 1, new Charset(33, 33, 8), null);

    private BinlogTestEvents() {
    }

    static PendingEvent query(String db, String sql) {
        return PendingEvent.of(TS, SERVER_ID, new QueryEvent(THREAD, 0, 0, db, sql, VARS));
    }

    static List<PendingEvent> createDatabase(String db) {
        return List.of(new PendingEvent(new EventHeaderFields(TS, SERVER_ID, EventFlags.SUPPRESS_USE),
                new QueryEvent(THREAD, 0, 0, "", "CREATE DATABASE " + db, VARS)));
    }

    static List<PendingEvent> ddl(String db, String sql) {
        return List.of(query(db, sql));
    }

    /** BEGIN, INTVAR INSERT_ID, the INSERT, XID. */
    static List<PendingEvent> insertTransaction(String db, String sql, long insertId, long xid) {
        return List.of(query(db, "BEGIN"),
                PendingEvent.of(TS, SERVER_ID, new IntvarEvent(IntvarEvent.Kind.INSERT_ID, insertId)),
                query(db, sql),
                PendingEvent.of(TS, SERVER_ID, new XidEvent(xid)));
    }
}
