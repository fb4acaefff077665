package io.minisqld.server.connection;

import io.minisqld.server.engine.TableInfo;
import io.minisqld.server.error.ErrorCode;
import io.minisqld.server.log.LogContext;
import io.minisqld.server.protocol.CommandHandler;
import io.minisqld.server.protocol.ResultSink;
import io.minisqld.server.result.Column;
import io.minisqld.server.result.ColumnType;
import io.minisqld.server.result.StatementResult;
import io.minisqld.server.session.Session;
import io.minisqld.server.sql.LikePattern;
import io.minisqld.server.sql.StatementText;
import io.minisqld.server.statements.StatementExecutor;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adapts one client connection's commands to the session and the statement executor. Runs on the
 * connection's thread.
 */
final class ClientSessionHandler implements CommandHandler {
    private static final Logger log = LoggerFactory.getLogger(ClientSessionHandler.class);

    private final SessionOpener.Services server;
    private final SessionOpener opener;
    private final io.minisqld.server.protocol.ClientConnection connection;
    /** Replaced by COM_CHANGE_USER. */
    private Session session;
    private final StatementExecutor executor;
    private final LogContext.Scope connectionScope;
    private boolean closed;

    ClientSessionHandler(SessionOpener.Services server, Session session, StatementExecutor executor,
                         SessionOpener opener, io.minisqld.server.protocol.ClientConnection connection) {
        this.opener = opener;
        this.connection = connection;
        this.server = server;
        this.session = session;
        this.executor = executor;
        this.connectionScope = LogContext.enterConnection(session.id());
    }

    @Override
    public void query(byte[] sql, boolean multiStatements, ResultSink sink) {
        checkNotShuttingDown();
        // a query is bytes in character_set_client, decoded so that nothing is lost (MysqlCharset)
        String text = session.clientCharset().decode(sql);
        // without CLIENT_MULTI_STATEMENTS a second statement is a syntax error (nothing runs), as in MySQL
        List<StatementText> statements = multiStatements ? executor.statements(text, true)
                : List.of(executor.lexer().single(text));
        if (statements.isEmpty()) {
            // a query made only of an empty executable comment (/*!*/, which mariadb-binlog's output
            // sends after a client command such as \C) or of MariaDB-only ones (/*M!100101 SET
            // @@session.skip_parallel_replication=0*/, a comment to a MySQL server) does nothing,
            // as MariaDB answers it: MariaDB's scripts replay here (MySQL 5.7 would say 1065)
            if (text.strip().matches("(/\\*!\\d*\\s*\\*/|/\\*M![^*]*(\\*(?!/)[^*]*)*\\*/|\\s)+;?")) {
                sink.send(io.minisqld.server.result.OkResult.EMPTY, session.statusFlags(), session.warningCount(), false);
                return;
            }
            throw ErrorCode.ER_EMPTY_QUERY.error();
        }
        session.setLocalFiles(sink::localFile);
        try {
            for (int i = 0; i < statements.size(); i++) {
                StatementResult r = executor.execute(session, statements.get(i));
                sink.send(r, session.statusFlags(), session.warningCount(), i + 1 < statements.size());
            }
        } finally {
            session.setLocalFiles(null);
        }
    }

    @Override
    public Prepared prepare(byte[] sql) {
        checkNotShuttingDown();
        StatementText text = executor.lexer().single(session.clientCharset().decode(sql));
        long id = executor.prepare(session, text);
        io.minisqld.server.session.PreparedStatement p = executor.prepared(session, id, "mysqld_stmt_prepare");
        return new Prepared(id, p.parameters(), p.columns(), session.warningCount());
    }

    @Override
    public StatementResult execute(long id, List<io.minisqld.server.result.ParameterValue> values) {
        checkNotShuttingDown();
        return executor.executePrepared(session, id, values);
    }

    @Override
    public void closeStatement(long id) {
        executor.closePrepared(session, id);
    }

    @Override
    public void count(String statusCounter) {
        server.status().count(session.status(), statusCounter, 1);
    }

    @Override
    public String clientText(byte[] bytes) {
        return session.clientCharset().decode(bytes);
    }

    /**
     * COM_CHANGE_USER: the connection starts again as a new session of the account that logs in
     * (same connection id). As in MySQL, the current session is reset first whatever the outcome
     * (its transaction rolled back, user variables and prepared statements freed); a refused login
     * leaves it logged in as before.
     */
    @Override
    public void changeUser(io.minisqld.server.protocol.HandshakeResponse login) {
        checkNotShuttingDown();
        resetConnection();
        Session next = opener.reopen(login, connection);
        Session previous = session;
        server.sessions().add(next);
        server.sessions().remove(previous);
        session = next;
        try {
            previous.engine().close();
        } catch (RuntimeException e) {
            log.debug("closing engine session {}", previous.id(), e);
        }
        server.status().count(session.status(), "Com_change_user", 1);
        opener.connected(io.minisqld.plugin.api.observer.AuditEventSubclass.CONNECTION_CHANGE_USER, session);
    }

    /**
     * COM_STATISTICS: MySQL's one line of server figures, as {@code mysqladmin status} prints it.
     * Questions counts the whole server's statements, as MySQL's line does; no slow query log
     * exists (0) and the engine keeps no table cache (Opens and Open tables 0, Flush tables 1 as
     * after MySQL's start).
     */
    @Override
    public String statistics() {
        long uptime = 0;
        for (java.util.Map.Entry<String, String> e : server.status().show(null)) {
            if (e.getKey().equals("Uptime")) uptime = Long.parseLong(e.getValue());
        }
        long questions = server.status().globalCounter("Questions");
        long rate = questions * 1000 / Math.max(1, uptime);
        return String.format(java.util.Locale.ROOT, "Uptime: %d  Threads: %d  Questions: %d  Slow queries: 0  Opens: 0"
                + "  Flush tables: 1  Open tables: 0  Queries per second avg: %d.%03d", uptime,
                server.sessions().count(), questions, rate / 1000, rate % 1000);
    }

    /** COM_REFRESH runs the FLUSH its flags name, with FLUSH's privilege check and logging. */
    @Override
    public void refresh(int flags) {
        checkNotShuttingDown();
        java.util.List<String> items = new java.util.ArrayList<>();
        String[] names = {"PRIVILEGES", "LOGS", "TABLES", "HOSTS", "STATUS", "", null, null};
        for (int bit = 0; bit < names.length; bit++) {
            if ((flags & (1 << bit)) == 0) continue;
            // REFRESH_SLAVE and REFRESH_MASTER would reset replication (RESET SLAVE / MASTER), which
            // only those statements do here
            if (names[bit] == null) throw ErrorCode.ER_NOT_SUPPORTED_YET.error("COM_REFRESH flag 0x" + Integer.toHexString(1 << bit));
            // REFRESH_THREADS empties the thread cache, and there is none (a thread per connection)
            if (!names[bit].isEmpty()) items.add(names[bit]);
        }
        if (items.isEmpty()) return;
        executor.execute(session, executor.statements("FLUSH " + String.join(", ", items), false).get(0));
    }

    /** COM_DEBUG (SUPER): the connections and what they run, to the error log, as MySQL prints its state there. */
    @Override
    public void debug() {
        if (!server.accounts().hasGlobal(session.account(), io.minisqld.server.grant.Privilege.SUPER)) {
            throw ErrorCode.ER_SPECIFIC_ACCESS_DENIED_ERROR.error("SUPER");
        }
        StringBuilder out = new StringBuilder("Status information:\n\nCurrent dir: \nRunning threads: ")
                .append(server.sessions().count()).append('\n');
        for (Session s : server.sessions().all()) {
            out.append("  ").append(s.id()).append(' ').append(s.user()).append(' ').append(s.command()).append(' ')
                    .append(s.state()).append('\n');
        }
        log.info(out.toString());
    }

    @Override
    public void initDb(String database) {
        checkNotShuttingDown();
        executor.initDb(session, database);
    }

    @Override
    public List<FieldInfo> fieldList(String table, String wildcard) {
        if (session.database() == null) throw ErrorCode.ER_NO_DB_ERROR.error();
        TableInfo info = session.engine().describe(session.database(), table);
        LikePattern like = wildcard == null || wildcard.isEmpty() ? null : new LikePattern(wildcard);
        List<FieldInfo> fields = new ArrayList<>();
        for (TableInfo.ColumnInfo c : info.columns()) {
            if (like != null && !like.matches(c.name())) continue;
            boolean numeric = c.mysqlType().matches("(?i)(tiny|small|medium|big)?int.*|decimal.*|double.*|float.*");
            ColumnType type = numeric ? ColumnType.LONGLONG : ColumnType.VAR_STRING;
            int flags = (c.nullable() ? 0 : Column.NOT_NULL) | ("PRI".equals(c.key()) ? Column.PRI_KEY : 0)
                    | (numeric ? Column.NUM | Column.BINARY : 0);
            Column col = new Column(info.database(), info.name(), info.name(), c.name(), c.name(),
                    numeric ? Column.BINARY_CHARSET : Column.UTF8_GENERAL_CI, numeric ? 20 : 255 * 3, type, flags, 0);
            fields.add(new FieldInfo(col, c.defaultValue()));
        }
        return fields;
    }

    @Override
    public void ping() {
        checkNotShuttingDown();
    }

    @Override
    public void shutdown() {
        executor.execute(session, executor.statements("SHUTDOWN", false).get(0));
    }

    @Override
    public void kill(long id) {
        executor.kill(session, id, true);
    }

    @Override
    public void resetConnection() {
        if (session.inTransaction()) executor.transactions().rollback(session);
        executor.transactions().releaseGtid(session);
        // MySQL drops the session's temporary tables, on its replicas too
        executor.transactions().dropTemporaryTablesAtEnd(session);
        for (String table : java.util.List.copyOf(session.temporaryTables())) {
            int dot = table.indexOf('.');
            session.engine().executeInternal("DROP TEMPORARY TABLE IF EXISTS "
                    + io.minisqld.server.grant.AccountName.backquote(table.substring(0, dot)) + "."
                    + io.minisqld.server.grant.AccountName.backquote(table.substring(dot + 1)));
        }
        if (!session.temporaryTables().isEmpty()) session.engine().commit();
        session.temporaryTablesDropped();
        session.userVariables().clear();
        session.preparedStatements().clear();
        executor.releaseLocks(session);
    }

    /** MySQL's command names (PROCESSLIST's Command), by command byte. */
    private static final String[] COMMAND_NAMES = {"Sleep", "Quit", "Init DB", "Query", "Field List", "Create DB",
        "Drop DB", "Refresh", "Shutdown", "Statistics", "Processlist", "Connect", "Kill", "Debug", "Ping", "Time",
        "Delayed insert", "Change user", "Binlog Dump", "Table Dump", "Connect Out", "Register Slave", "Prepare",
        "Execute", "Long Data", "Close stmt", "Reset stmt", "Set option", "Fetch", "Daemon", "Binlog Dump GTID",
        "Reset Connection"};

    @Override
    public void commandStarted(int command) {
        commandEvent(io.minisqld.plugin.api.observer.AuditEventSubclass.COMMAND_START, command, 0);
    }

    @Override
    public void commandEnded(int command, int status) {
        try {
            commandEvent(io.minisqld.plugin.api.observer.AuditEventSubclass.COMMAND_END, command, status);
        } catch (RuntimeException e) {
            log.debug("audit of a command's end", e);
        }
    }

    private void commandEvent(io.minisqld.plugin.api.observer.AuditEventSubclass subclass, int command, int status) {
        if (executor.audit().isEmpty() || closed) return;
        executor.audit().notify(new io.minisqld.plugin.api.observer.AuditEvent.Command(subclass, status, session.id(),
                command, command < COMMAND_NAMES.length ? COMMAND_NAMES[command] : "Error"));
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        try {
            if (session.inTransaction()) executor.transactions().rollback(session);
            // a GTID the client owned (SET gtid_next) is free for others again
            executor.transactions().releaseGtid(session);
            executor.transactions().dropTemporaryTablesAtEnd(session);
        } catch (RuntimeException e) {
            // the engine may already be closed by a shutdown; nothing is committed by a disconnect
        }
        executor.releaseLocks(session);
        session.preparedStatements().clear();
        server.sessions().remove(session);
        try {
            opener.connected(io.minisqld.plugin.api.observer.AuditEventSubclass.CONNECTION_DISCONNECT, session);
        } catch (RuntimeException e) {
            log.debug("audit of the disconnect of {}", session.id(), e);
        }
        try {
            session.engine().close();
        } catch (RuntimeException e) {
            log.debug("closing engine session {}", session.id(), e);
        }
        connectionScope.close();
    }

    private void checkNotShuttingDown() {
        if (server.shuttingDown().getAsBoolean()) throw ErrorCode.ER_SERVER_SHUTDOWN.error();
    }

    @Override
    public int statusFlags() {
        return session.statusFlags();
    }

    @Override
    public int warningCount() {
        return session.warningCount();
    }

    @Override
    public Timeouts timeouts() {
        return new Timeouts(seconds("wait_timeout"), seconds("net_read_timeout"), seconds("net_write_timeout"));
    }

    private java.time.Duration seconds(String variable) {
        return java.time.Duration.ofSeconds(session.variables().longValue(variable));
    }

    /** MySQL 5.7 notes each aborted connection in the error log (when log_warnings > 1) and counts it. */
    @Override
    public void aborted(String reason) {
        server.counters().abortedClient();
        log.info(ErrorCode.ER_NEW_ABORTING_CONNECTION.message(session.id(),
                session.database() == null ? "unconnected" : session.database(), session.user(),
                session.account().clientHost(), reason));
    }

    @Override
    public int maxAllowedPacket() {
        return (int) Math.min(Integer.MAX_VALUE, session.variables().longValue("max_allowed_packet"));
    }
}
