package io.minisqld.examples.jsonaudit;

import io.minisqld.plugin.api.JsonText;
import io.minisqld.plugin.api.observer.AuditEvent;
import java.time.Instant;
import java.time.format.DateTimeFormatter;

/**
 * One audit event as one JSON object on one line: {@code time}, {@code event} (MySQL's subclass
 * name, {@code MYSQL_AUDIT_QUERY_START}) and the event's own fields, named as MySQL's structs
 * name them ({@code connection_id}, {@code query}, {@code status}, …).
 */
final class EventLine {
    private final StringBuilder b = new StringBuilder(160);

    private EventLine(Instant time, AuditEvent event) {
        b.append("{\"time\":\"").append(DateTimeFormatter.ISO_INSTANT.format(time)).append("\",\"event\":\"")
                .append(event.subclass().mysqlName()).append('"');
    }

    static String of(Instant time, AuditEvent event) {
        EventLine l = new EventLine(time, event);
        if (event instanceof AuditEvent.Connection c) {
            l.number("connection_id", c.connectionId()).number("status", c.status()).text("user", c.user())
                    .text("priv_user", c.privUser()).text("host", c.host()).text("ip", c.ip()).text("database", c.database());
        } else if (event instanceof AuditEvent.Query q) {
            l.number("connection_id", q.connectionId()).text("sql_command", q.sqlCommand()).text("query", q.query())
                    .number("status", q.status());
        } else if (event instanceof AuditEvent.TableAccess t) {
            l.number("connection_id", t.connectionId()).text("sql_command", t.sqlCommand()).text("database", t.database())
                    .text("table", t.table()).text("query", t.query());
        } else if (event instanceof AuditEvent.General g) {
            l.number("connection_id", g.threadId()).text("user", g.user()).text("sql_command", g.sqlCommand())
                    .text("query", g.query()).number("error_code", g.errorCode()).number("rows", g.rows());
        } else if (event instanceof AuditEvent.Command c) {
            l.number("connection_id", c.connectionId()).text("command", c.command()).number("status", c.status());
        } else if (event instanceof AuditEvent.ServerStartup s) {
            l.number("argc", s.argv().size());
        } else if (event instanceof AuditEvent.ServerShutdown s) {
            l.text("reason", s.reason()).number("exit_code", s.exitCode());
        }
        return l.b.append('}').toString();
    }

    private EventLine number(String name, long value) {
        b.append(",\"").append(name).append("\":").append(value);
        return this;
    }

    private EventLine text(String name, String value) {
        b.append(",\"").append(name).append("\":");
        JsonText.append(b, value);
        return this;
    }
}
