package io.minisqld.server.protocol;

import io.minisqld.server.error.SqlError;
import io.minisqld.server.result.Column;
import java.time.Duration;
import java.util.List;

/**
 * Everything with meaning that a client connection asks for, after it has authenticated. The
 * protocol layer decodes commands and encodes answers; it never interprets SQL. Every method
 * runs on the connection's own thread; an {@link SqlError} thrown becomes an ERR packet and the
 * connection goes on.
 */
public interface CommandHandler {

    /**
     * A client's command is about to run (audit plugins' COMMAND start): may refuse it with an
     * error, which the client gets instead of the command's answer.
     */
    default void commandStarted(int command) {
    }

    /** The command ran; {@code status} is its error number, 0 if it answered without one. */
    default void commandEnded(int command, int status) {
    }


    /**
     * COM_QUERY, as the bytes the client sent (in its character_set_client). The text may hold
     * several statements separated by ';' when the client asked for
     * CLIENT_MULTI_STATEMENTS. Each statement's result goes to {@code sink} in order; an error
     * stops the rest and is thrown.
     */
    void query(byte[] sql, boolean multiStatements, ResultSink sink);

    /**
     * COM_STMT_PREPARE: parses {@code sql} (bytes in character_set_client) once and keeps it for
     * the connection under a new id (1295 for a statement that cannot be prepared, 1064 for bad
     * syntax, 1461 past max_prepared_stmt_count).
     */
    default Prepared prepare(byte[] sql) {
        throw io.minisqld.server.error.ErrorCode.ER_UNSUPPORTED_PS.error();
    }

    /**
     * COM_STMT_EXECUTE: runs prepared statement {@code id} with {@code values} in place of its
     * markers (1243 for an unknown id, naming {@code command}).
     */
    default io.minisqld.server.result.StatementResult execute(long id, List<io.minisqld.server.result.ParameterValue> values) {
        throw io.minisqld.server.error.ErrorCode.ER_UNKNOWN_STMT_HANDLER.error(id, "mysqld_stmt_execute");
    }

    /** COM_STMT_CLOSE: forgets statement {@code id} (an unknown id is ignored; the command has no answer). */
    default void closeStatement(long id) {
    }

    /** A command the protocol layer answers itself (COM_STMT_FETCH, RESET, SEND_LONG_DATA) counts its status counter. */
    default void count(String statusCounter) {
    }

    /** The characters of bytes the client sent in its character_set_client (bytes that are none kept). */
    default String clientText(byte[] bytes) {
        return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * A prepared statement: its id, its number of {@code ?} markers, the columns its result has
     * (empty when it returns none or they are known only once it runs) and the warnings preparing left.
     */
    record Prepared(long id, int parameters, List<Column> columns, int warnings) {
    }

    /**
     * COM_CHANGE_USER: log in again as {@code login}'s account (1045, 1049 as at connect); the
     * connection's state is reset either way.
     */
    default void changeUser(HandshakeResponse login) {
        throw io.minisqld.server.error.ErrorCode.ER_UNKNOWN_COM_ERROR.error();
    }

    /**
     * COM_REFRESH: the FLUSH of each flag set (REFRESH_GRANT 0x01, LOG 0x02, TABLES 0x04, HOSTS
     * 0x08, STATUS 0x10, THREADS 0x20, SLAVE 0x40, MASTER 0x80), as {@code mysqladmin flush-…} sends.
     */
    default void refresh(int flags) {
        throw io.minisqld.server.error.ErrorCode.ER_UNKNOWN_COM_ERROR.error();
    }

    /** COM_DEBUG: the server's state to the error log (SUPER). */
    default void debug() {
        throw io.minisqld.server.error.ErrorCode.ER_UNKNOWN_COM_ERROR.error();
    }

    /** COM_STATISTICS: the line {@code mysqladmin status} prints. */
    default String statistics() {
        throw io.minisqld.server.error.ErrorCode.ER_UNKNOWN_COM_ERROR.error();
    }

    /** COM_INIT_DB: switch the current database (1049 if it does not exist). */
    void initDb(String database);

    /** COM_FIELD_LIST: the columns of a table, each with its default value (may be null). */
    List<FieldInfo> fieldList(String table, String wildcard);

    /** COM_PING: nothing to do but answer OK; a server shutting down throws 1053. */
    void ping();

    /** COM_SHUTDOWN: stop the server (needs the SHUTDOWN privilege). */
    void shutdown();

    /** COM_PROCESS_KILL: end connection {@code id}. */
    void kill(long id);

    /** COM_RESET_CONNECTION: roll back and return the session to its initial state. */
    void resetConnection();

    /** The connection is going away (COM_QUIT, EOF, socket error or KILL): release everything. */
    void close();

    /** SERVER_STATUS_* flags for the next OK/EOF (IN_TRANS, AUTOCOMMIT, …). */
    int statusFlags();

    /** Warnings left by the last statement, for the OK/EOF warning count. */
    int warningCount();

    /** The session's max_allowed_packet: a larger incoming packet gets ERR 1153 and a close. */
    int maxAllowedPacket();

    /**
     * The session's network timeouts, read before each command: MySQL waits up to wait_timeout for
     * the next command, reads a command with net_read_timeout, and gives up a write blocked longer
     * than net_write_timeout; then the connection is closed.
     */
    default Timeouts timeouts() {
        return Timeouts.NONE;
    }

    /**
     * The connection is closed for {@code reason} ("Got timeout reading communication packets"):
     * MySQL counts it in Aborted_clients and notes it in the error log.
     */
    default void aborted(String reason) {
    }

    /** wait_timeout, net_read_timeout and net_write_timeout; {@link Duration#ZERO} waits for ever. */
    record Timeouts(Duration waitForCommand, Duration read, Duration write) {
        public static final Timeouts NONE = new Timeouts(Duration.ZERO, Duration.ZERO, Duration.ZERO);
    }

    /** A column and the default value COM_FIELD_LIST appends. */
    record FieldInfo(Column column, String defaultValue) {}
}
