package io.minisqld.server.statements;

import io.minisqld.plugin.api.observer.AuditEvent;
import io.minisqld.plugin.api.observer.AuditEventSubclass;
import io.minisqld.server.grant.Privilege;
import io.minisqld.server.observer.AuditDelegate;
import io.minisqld.server.result.OkResult;
import io.minisqld.server.result.ProcedureResult;
import io.minisqld.server.result.RowsResult;
import io.minisqld.server.result.StatementResult;
import io.minisqld.server.session.Session;
import io.minisqld.server.sql.statement.EngineStatement;
import io.minisqld.server.sql.statement.Statement;
import io.minisqld.server.sql.statement.TableRef;
import java.util.Locale;

/**
 * The audit events a client's statements raise (the statement layer's part of MySQL's
 * {@code mysql_audit_notify} calls): GENERAL around each top-level statement, QUERY start and end
 * (nested inside stored programs and EXECUTE), TABLE_ACCESS for each table a statement reads or
 * writes. The server's own sessions (a replica's SQL thread) raise none. Nothing is built when no
 * audit plugin is installed.
 */
final class AuditNotes {
    private AuditNotes() {
    }

    /** Whether {@code s}'s statements are audited now. */
    static boolean on(AuditDelegate audit, Session s) {
        return !audit.isEmpty() && !s.account().internal();
    }

    /** MySQL's name of the statement's kind: {@code select}, {@code insert}, {@code create_table}, … */
    static String sqlCommand(Statement st) {
        String counter = st == null ? null : st.kind().counter();
        return counter == null ? "" : counter.substring("Com_".length()).toLowerCase(Locale.ROOT);
    }

    static String ip(Session s) {
        String host = s.account().clientHost();
        return host.equals("localhost") ? "127.0.0.1" : host;
    }

    static void general(AuditDelegate audit, Session s, AuditEventSubclass subclass, String query, Statement st,
                        int error, long rows) {
        audit.notify(new AuditEvent.General(subclass, error, s.id(), s.account().name().user() + "[" + s.user()
                + "] @ " + s.account().clientHost() + " [" + ip(s) + "]", "Query", query, s.clientCharset().mysqlName(),
                System.currentTimeMillis() / 1000, rows, s.account().clientHost(), sqlCommand(st), ip(s)));
    }

    static void query(AuditDelegate audit, Session s, AuditEventSubclass subclass, String query, Statement st,
                      int status) {
        audit.notify(new AuditEvent.Query(subclass, s.id(), sqlCommand(st), query, s.clientCharset().mysqlName(),
                status));
    }

    /** The rows a result reports: affected for an OK, sent for a result set. */
    static long rows(StatementResult r) {
        if (r instanceof OkResult ok) return ok.affectedRows();
        if (r instanceof RowsResult rows) return rows.rows().size();
        if (r instanceof ProcedureResult p) return p.ok().affectedRows();
        return 0;
    }

    /** TABLE_ACCESS for each table the statement reads or writes, before it runs; abortable. */
    static void tableAccess(AuditDelegate audit, Session s, EngineStatement st, String query) {
        for (TableRef t : st.tables()) {
            AuditEventSubclass subclass = access(t.needed());
            if (subclass == null) continue;
            audit.notify(new AuditEvent.TableAccess(subclass, s.id(), sqlCommand(st), query,
                    t.database() != null ? t.database() : s.database(), t.table()));
        }
    }

    private static AuditEventSubclass access(Privilege needed) {
        if (needed == null) return null;
        return switch (needed) {
            case SELECT -> AuditEventSubclass.TABLE_ACCESS_READ;
            case INSERT -> AuditEventSubclass.TABLE_ACCESS_INSERT;
            case UPDATE -> AuditEventSubclass.TABLE_ACCESS_UPDATE;
            case DELETE -> AuditEventSubclass.TABLE_ACCESS_DELETE;
            default -> null;
        };
    }
}
