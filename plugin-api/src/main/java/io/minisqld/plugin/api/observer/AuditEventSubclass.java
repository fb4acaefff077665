package io.minisqld.plugin.api.observer;

/**
 * MySQL 5.7's audit event classes and subclasses ({@code plugin_audit.h}): the subclass's bit in
 * its class's subscription mask, the name MySQL gives it (as error 3164 prints it), and whether a
 * plugin may abort what the event announces (MySQL 5.7.8+: the statement, or the connection,
 * then fails).
 */
public enum AuditEventSubclass {
    GENERAL_LOG(AuditEventClass.GENERAL, 1, false),
    GENERAL_ERROR(AuditEventClass.GENERAL, 1 << 1, false),
    GENERAL_RESULT(AuditEventClass.GENERAL, 1 << 2, false),
    GENERAL_STATUS(AuditEventClass.GENERAL, 1 << 3, false),
    CONNECTION_CONNECT(AuditEventClass.CONNECTION, 1, true),
    CONNECTION_DISCONNECT(AuditEventClass.CONNECTION, 1 << 1, false),
    CONNECTION_CHANGE_USER(AuditEventClass.CONNECTION, 1 << 2, true),
    TABLE_ACCESS_READ(AuditEventClass.TABLE_ACCESS, 1, true),
    TABLE_ACCESS_INSERT(AuditEventClass.TABLE_ACCESS, 1 << 1, true),
    TABLE_ACCESS_UPDATE(AuditEventClass.TABLE_ACCESS, 1 << 2, true),
    TABLE_ACCESS_DELETE(AuditEventClass.TABLE_ACCESS, 1 << 3, true),
    COMMAND_START(AuditEventClass.COMMAND, 1, true),
    COMMAND_END(AuditEventClass.COMMAND, 1 << 1, false),
    QUERY_START(AuditEventClass.QUERY, 1, true),
    QUERY_NESTED_START(AuditEventClass.QUERY, 1 << 1, true),
    QUERY_STATUS_END(AuditEventClass.QUERY, 1 << 2, false),
    QUERY_NESTED_STATUS_END(AuditEventClass.QUERY, 1 << 3, false),
    SERVER_STARTUP_STARTUP(AuditEventClass.SERVER_STARTUP, 1, false),
    SERVER_SHUTDOWN_SHUTDOWN(AuditEventClass.SERVER_SHUTDOWN, 1, false);

    private final AuditEventClass eventClass;
    private final int bit;
    private final boolean abortable;

    AuditEventSubclass(AuditEventClass eventClass, int bit, boolean abortable) {
        this.eventClass = eventClass;
        this.bit = bit;
        this.abortable = abortable;
    }

    public AuditEventClass eventClass() {
        return eventClass;
    }

    /** The subclass's bit in its class's mask ({@code MYSQL_AUDIT_QUERY_START} is 1). */
    public int bit() {
        return bit;
    }

    /** Whether a plugin may abort it. */
    public boolean abortable() {
        return abortable;
    }

    /** MySQL's name: {@code MYSQL_AUDIT_QUERY_START}. */
    public String mysqlName() {
        return "MYSQL_AUDIT_" + name();
    }

    /** MySQL's audit event classes that this server reports. */
    public enum AuditEventClass { GENERAL, CONNECTION, TABLE_ACCESS, COMMAND, QUERY, SERVER_STARTUP, SERVER_SHUTDOWN }
}
