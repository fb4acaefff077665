package io.minisqld.plugin.api.observer;

import java.util.Set;

/**
 * An audit plugin's observer (MySQL's {@code st_mysql_audit}, plugin API 1.1), registered as
 * every observer is: {@code context.observers().register(ObserverFamily.AUDIT, observer)}. It
 * gets the events of the subclasses it subscribes to, on the thread of the session they concern
 * (the server's own thread for start-up and shutdown), possibly from several sessions at once.
 *
 * <p>Aborting (MySQL 5.7.8+): for an {@link AuditEventSubclass#abortable() abortable} event, a
 * non-zero return fails what it announces with ERROR 3164 (HY000) "Aborted by Audit API
 * ('MYSQL_AUDIT_TABLE_ACCESS_READ';1)." (the subclass and the value returned), and throwing
 * {@link io.minisqld.plugin.api.PluginRefusal} fails it with that error instead: the statement
 * does not run, or the connection is refused. For other events the return value is ignored. Any
 * other exception is logged ({@code Run function 'event_notify' in plugin '<name>' failed}) and
 * the event goes on.
 */
public interface AuditObserver {
    /** The subclasses this observer wants (MySQL's class mask); asked at every event. */
    Set<AuditEventSubclass> subscriptions();

    /** One event of a subscribed subclass; 0 to let it go on. */
    int notify(AuditEvent event);
}
