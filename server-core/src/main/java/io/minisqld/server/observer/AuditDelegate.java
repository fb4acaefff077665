package io.minisqld.server.observer;

import static io.minisqld.plugin.api.observer.ObserverFamily.AUDIT;

import io.minisqld.plugin.api.PluginRefusal;
import io.minisqld.plugin.api.observer.AuditEvent;
import io.minisqld.plugin.api.observer.AuditEventSubclass;
import io.minisqld.plugin.api.observer.AuditObserver;
import io.minisqld.server.error.ErrorCode;
import io.minisqld.server.error.SqlError;

/**
 * The audit plugins' observers (MySQL's {@code mysql_audit_notify}): each event goes to every
 * observer subscribed to its subclass, in registration order. An abortable event that one of
 * them refuses (a non-zero return, or a {@link PluginRefusal}) fails with 3164 or the plugin's
 * own error once all were told; other failures are logged and ignored.
 */
public final class AuditDelegate extends ObserverDelegate<AuditObserver> {
    /** One notification and what the observers answered. */
    private static final class Call {
        final AuditEvent event;
        int refusedWith;
        PluginRefusal refusal;

        Call(AuditEvent event) {
            this.event = event;
        }
    }

    private static final Hook<AuditObserver, Call> EVENT_NOTIFY = new Hook<>(AUDIT, "event_notify", (o, call) -> {
        if (!o.subscriptions().contains(call.event.subclass())) return;
        try {
            int rc = o.notify(call.event);
            if (rc != 0 && call.refusedWith == 0) call.refusedWith = rc;
        } catch (PluginRefusal r) {
            if (call.refusal == null) call.refusal = r;
        }
    });

    AuditDelegate(ObserverRegistry owner) {
        super(AUDIT, owner);
    }

    /**
     * Tells the audit observers of {@code event}; call {@link #isEmpty()} first to build no event
     * when no audit plugin is installed.
     *
     * @throws SqlError for an abortable event an observer refused: the plugin's own error, or
     *                  3164 {@code Aborted by Audit API ('<subclass>';<value>).}
     */
    public void notify(AuditEvent event) {
        if (isEmpty()) return;
        Call call = new Call(event);
        run(EVENT_NOTIFY, call);
        AuditEventSubclass subclass = event.subclass();
        if (!subclass.abortable()) return;
        if (call.refusal != null) {
            throw new SqlError(call.refusal.errorNumber(), call.refusal.sqlState(), call.refusal.getMessage());
        }
        if (call.refusedWith != 0) throw ErrorCode.ER_AUDIT_API_ABORT.error(subclass.mysqlName(), call.refusedWith);
    }
}
