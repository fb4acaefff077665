package io.minisqld.plugin.api.observer;

import java.util.List;

/**
 * One audit event (MySQL 5.7's {@code mysql_event_*} structs, plugin API 1.1), of the class its
 * {@link #subclass()} names. Values are the server's own: a plugin may keep them.
 */
public sealed interface AuditEvent {
    /** Which event this is. */
    AuditEventSubclass subclass();

    /**
     * GENERAL: LOG before a statement runs, ERROR when it failed, RESULT when it succeeded, STATUS
     * after it either way ({@code mysql_event_general}).
     *
     * @param errorCode  the statement's error number, 0 on success
     * @param threadId   the connection id
     * @param user       MySQL's {@code priv_user[user] @ host [ip]}
     * @param command    the command's name, {@code Query}
     * @param query      the statement's text
     * @param charset    the character set it was sent in
     * @param time       when, in seconds since 1970
     * @param rows       rows affected or sent (0 when it failed)
     * @param host       the client's host
     * @param sqlCommand the statement kind, MySQL's lower-case name ({@code select}, {@code insert}, …)
     * @param ip         the client's address
     */
    record General(AuditEventSubclass subclass, int errorCode, long threadId, String user, String command,
                   String query, String charset, long time, long rows, String host, String sqlCommand, String ip)
            implements AuditEvent {
    }

    /**
     * CONNECTION: CONNECT once the client authenticated (or failed to: {@code status} is then the
     * error, 1045), DISCONNECT when it ends, CHANGE_USER after COM_CHANGE_USER ({@code mysql_event_connection}).
     *
     * @param status         0, or the error number the connection attempt got
     * @param connectionId   the connection id
     * @param user           the user name the client gave
     * @param privUser       the account's user part ({@code CURRENT_USER()} before the @)
     * @param host           the client's host
     * @param ip             the client's address
     * @param database       the default database the client asked for, or empty
     * @param connectionType 1 (TCP/IP) or 4 (SSL), as MySQL numbers them
     */
    record Connection(AuditEventSubclass subclass, int status, long connectionId, String user, String privUser,
                      String host, String ip, String database, int connectionType) implements AuditEvent {
    }

    /**
     * TABLE_ACCESS: READ, INSERT, UPDATE or DELETE of one table by a statement, before it runs
     * ({@code mysql_event_table_access}).
     */
    record TableAccess(AuditEventSubclass subclass, long connectionId, String sqlCommand, String query,
                       String database, String table) implements AuditEvent {
    }

    /**
     * COMMAND: START before the server runs a client's command, END after it ({@code
     * mysql_event_command}).
     *
     * @param status    0, or the command's error number (END)
     * @param commandId the protocol's command byte (3 COM_QUERY, 22 COM_STMT_PREPARE, …)
     * @param command   its name as PROCESSLIST shows it ({@code Query}, {@code Execute}, …)
     */
    record Command(AuditEventSubclass subclass, int status, long connectionId, int commandId, String command)
            implements AuditEvent {
    }

    /**
     * QUERY: START before a client's statement runs (NESTED_START for one a stored program or
     * EXECUTE runs), STATUS_END after it with its outcome ({@code mysql_event_query}).
     *
     * @param status 0, or the statement's error number (the END subclasses)
     */
    record Query(AuditEventSubclass subclass, long connectionId, String sqlCommand, String query, String charset,
                 int status) implements AuditEvent {
    }

    /** SERVER_STARTUP: the server is ready for connections, with its command line. */
    record ServerStartup(AuditEventSubclass subclass, List<String> argv) implements AuditEvent {
        public ServerStartup {
            argv = List.copyOf(argv);
        }
    }

    /** SERVER_SHUTDOWN: the server begins to shut down. */
    record ServerShutdown(AuditEventSubclass subclass, String reason, int exitCode) implements AuditEvent {
    }
}
