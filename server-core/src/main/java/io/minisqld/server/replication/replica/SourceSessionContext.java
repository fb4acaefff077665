package io.minisqld.server.replication.replica;

import io.minisqld.server.binlog.PositionedEvent;
import io.minisqld.server.binlog.event.QueryEvent;
import io.minisqld.server.binlog.event.QueryStatusVariables;
import io.minisqld.server.binlog.event.SqlModes;
import io.minisqld.server.binlog.event.UserVarEvent;
import io.minisqld.server.charset.Collation;
import io.minisqld.server.engine.StorageEngine;
import io.minisqld.server.session.Session;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The source session's context that the SQL thread's session takes on before it runs a replicated
 * statement, as MySQL's {@code Query_log_event::do_apply_event} sets it (protocol.md §3.5): the
 * default database, the QUERY event's status variables (Q_FLAGS2, Q_SQL_MODE, Q_AUTO_INCREMENT,
 * Q_CHARSET, Q_TIME_ZONE), the origin (server id, timestamp), and the user variables a
 * USER_VAR event carries.
 */
final class SourceSessionContext {
    private SourceSessionContext() {
    }

    /** The source session's context for one statement: database, status variables, origin. */
    static void use(Session session, StorageEngine engine, QueryEvent q, PositionedEvent e) {
        String db = q.database();
        if (db.isEmpty()) {
            if (session.database() != null) session.setDatabase(null);
        } else if (!db.equals(session.database())) {
            // MySQL sets the name without checking it: MariaDB logs CREATE DATABASE x with x as the
            // default database, so a missing one means none (a table in it then fails as absent)
            if (engine.databaseExists(db)) session.setDatabase(db);
            else if (session.database() != null) session.setDatabase(null);
        }
        QueryStatusVariables st = q.status();
        var v = session.variables();
        if (st.flags2() != null) {
            long f = st.flags2();
            v.set("foreign_key_checks", (f & QueryStatusVariables.OPTION_NO_FOREIGN_KEY_CHECKS) == 0);
            v.set("unique_checks", (f & QueryStatusVariables.OPTION_RELAXED_UNIQUE_CHECKS) == 0);
            v.set("sql_auto_is_null", (f & QueryStatusVariables.OPTION_AUTO_IS_NULL) != 0);
        }
        if (st.sqlMode() != null) v.set("sql_mode", SqlModes.namesOf(st.sqlMode()));
        QueryStatusVariables.AutoIncrement ai = st.autoIncrement();
        v.set("auto_increment_increment", ai == null ? 1L : (long) ai.increment());
        v.set("auto_increment_offset", ai == null ? 1L : (long) ai.offset());
        if (st.charset() != null) {
            Collation client = Collation.byId(st.charset().client());
            Collation connection = Collation.byId(st.charset().connection());
            Collation server = Collation.byId(st.charset().server());
            if (client != null) v.set("character_set_client", client.charset().mysqlName());
            if (connection != null) {
                v.set("collation_connection", connection.name());
                v.set("character_set_connection", connection.charset().mysqlName());
            }
            if (server != null) {
                v.set("collation_server", server.name());
                v.set("character_set_server", server.charset().mysqlName());
            }
        }
        v.set("time_zone", st.timeZone() == null ? "SYSTEM" : st.timeZone());
        // the event's time with the microseconds a statement using NOW(6) carries (Q_MICROSECONDS / Q_HRNOW)
        session.setReplicatedOrigin(new Session.ReplicatedOrigin(e.header().serverId(), e.header().timestamp(),
                st.microseconds() == null ? 0 : st.microseconds()));
    }

    /** A USER_VAR event's variable, set in the session as the statement after it will read it. */
    static void setUserVariable(Session session, UserVarEvent uv) {
        session.userVariables().put(uv.name().toLowerCase(Locale.ROOT), valueOf(uv));
    }

    private static Object valueOf(UserVarEvent uv) {
        byte[] v = uv.value();
        if (v == null) return null;
        return switch (uv.valueType()) {
            case UserVarEvent.INT_RESULT -> {
                long x = 0;
                for (int i = Math.min(8, v.length) - 1; i >= 0; i--) x = (x << 8) | (v[i] & 0xFF);
                yield x;
            }
            case UserVarEvent.REAL_RESULT -> {
                long bits = 0;
                for (int i = Math.min(8, v.length) - 1; i >= 0; i--) bits = (bits << 8) | (v[i] & 0xFF);
                yield Double.longBitsToDouble(bits);
            }
            default -> new String(v, StandardCharsets.UTF_8);
        };
    }
}
