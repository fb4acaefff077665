package io.minisqld.server.statements;

import io.minisqld.plugin.api.observer.AuditEventSubclass;
import io.minisqld.server.error.ErrorCode;
import io.minisqld.server.error.SqlError;
import io.minisqld.server.replication.replica.Applier;
import io.minisqld.server.replication.replica.ReplicaService;
import io.minisqld.server.result.StatementResult;
import io.minisqld.server.session.Session;
import io.minisqld.server.sql.QueryLexer;
import io.minisqld.server.sql.StatementText;
import io.minisqld.server.sql.statement.EngineStatement;
import io.minisqld.server.sql.statement.SetStatement;
import io.minisqld.server.sql.statement.Statement;
import io.minisqld.server.sql.statement.StatementParser;
import io.minisqld.server.sql.statement.TransactionStatement;
import java.util.List;

/**
 * Runs a session's statements: a query is lexed once into its statements, each is parsed into the
 * statement model and run by the handler its type maps to in the {@link DispatchTable}. Counts
 * {@code Questions} and the statement's {@code Com_…} counter, keeps the session's statement state
 * (PROCESSLIST, warnings) and leaves transaction boundaries to {@link Transactions}. Runs on the
 * session's thread.
 */
public final class StatementExecutor {
    private final ServerContext server;
    private final Transactions transactions;
    private final EngineStatements engine;
    private final AdminStatements admin;
    private final DispatchTable table = new DispatchTable();
    private final ReplicationApplier applier;
    private final StoredRoutines routines;
    private final WriteGuard writeGuard;
    private final PreparedStatementCommands prepared;
    private final ServerLocks locks = new ServerLocks();
    private final UserLocks userLocks = new UserLocks();

    /** The accounts privileges are checked against. */
    io.minisqld.server.auth.AccountStore accounts() {
        return server.accounts();
    }

    /**
     * @param replica the replication channel that CHANGE MASTER and START/STOP SLAVE drive, or null
     *                in a server without one
     */
    public StatementExecutor(ServerContext server, ReplicaService replica) {
        this.server = server;
        this.transactions = new Transactions(server, locks);
        this.engine = new EngineStatements(server, transactions, new ServerValues(server.variables(), server.version(), replica,
                userLocks, server.accountStatements()::passwordStrength, server.gtids()));
        this.routines = new StoredRoutines(server);
        this.admin = new AdminStatements(server, transactions, locks, routines);
        this.applier = new ReplicationApplier(this, transactions);
        this.writeGuard = new WriteGuard(server);
        ServerFiles files = new ServerFiles(server);
        SelectIntoCommands selectInto = new SelectIntoCommands(server, this, files);
        table.register(EngineStatement.class, (s, st, t) -> SelectIntoCommands.hasInto(st) ? selectInto.execute(s, st)
                        : engine.execute(s, st, t))
                .register(SetStatement.class, new SetStatements(server, transactions, engine)::execute)
                .register(TransactionStatement.Begin.class, transactions::execute)
                .register(TransactionStatement.Commit.class, transactions::execute)
                .register(TransactionStatement.Rollback.class, transactions::execute);
        admin.register(table);
        new ShowStatements(server, engine, locks).register(table);
        new BinlogStatements(server).register(table);
        BinlogEventStatements binlogEvents = new BinlogEventStatements(server, this);
        table.register(io.minisqld.server.sql.statement.AdminStatement.BinlogEvents.class,
                (s, st, t) -> binlogEvents.execute(s, st.base64()));
        new TableMaintenanceCommands(server, transactions).register(table);
        new LoadDataCommands(server, transactions, (session, text) -> run(session, text, new Statement[1], true), files)
                .register(table);
        new AccountCommands(server, transactions, routines).register(table);
        new PluginCommands(server, transactions).register(table);
        new ReplicaCommands(server, transactions, replica, applier).register(table);
        RoutineCommands routineCommands = new RoutineCommands(server, transactions, this, routines);
        routineCommands.register(table);
        // the engine evaluates a statement's calls of stored functions through the statement layer
        server.engine().storedFunctionInvoker(routineCommands.invoker());
        engine.values().storedFunctions(routineCommands::resolver);
        this.prepared = new PreparedStatementCommands(server, this, engine);
        prepared.register(table);
        table.requireHandlersForAll(Statement.class);
    }

    /** The statements of one COM_QUERY, lexed once (several with CLIENT_MULTI_STATEMENTS). */
    public List<StatementText> statements(String query, boolean multiStatements) {
        return server.lexer().statements(query, multiStatements);
    }

    public QueryLexer lexer() {
        return server.lexer();
    }

    /** The audit plugins' observers (the connection layer raises CONNECTION and COMMAND events). */
    public io.minisqld.server.observer.AuditDelegate audit() {
        return server.observers().audit();
    }

    /** Executes one statement for {@code s}. */
    public StatementResult execute(Session s, StatementText text) {
        if (text.isEmpty()) throw ErrorCode.ER_EMPTY_QUERY.error();
        server.status().count(s.status(), "Questions", 1);
        s.beginStatement(text.text());
        boolean audited = AuditNotes.on(server.observers().audit(), s);
        Statement[] parsed = new Statement[1];
        if (audited) {
            AuditNotes.general(server.observers().audit(), s, AuditEventSubclass.GENERAL_LOG, text.text(), null, 0, 0);
        }
        try {
            StatementResult r = run(s, text, parsed, false);
            s.endStatement(parsed[0].diagnostics());
            s.setRowCount(r instanceof io.minisqld.server.result.OkResult ok ? ok.affectedRows()
                    : r instanceof io.minisqld.server.result.ProcedureResult p ? p.ok().affectedRows() : -1);
            if (audited) {
                long rows = AuditNotes.rows(r);
                AuditNotes.general(server.observers().audit(), s, AuditEventSubclass.GENERAL_RESULT, text.text(),
                        parsed[0], 0, rows);
                AuditNotes.general(server.observers().audit(), s, AuditEventSubclass.GENERAL_STATUS, text.text(),
                        parsed[0], 0, rows);
            }
            return r;
        } catch (SqlError e) {
            s.failStatement(e);
            s.setRowCount(-1);
            if (audited) {
                AuditNotes.general(server.observers().audit(), s, AuditEventSubclass.GENERAL_ERROR, text.text(),
                        parsed[0], e.number(), 0);
                AuditNotes.general(server.observers().audit(), s, AuditEventSubclass.GENERAL_STATUS, text.text(),
                        parsed[0], e.number(), 0);
            }
            throw e;
        }
    }

    /**
     * Runs a prepared statement's text inside the statement that asked for it (SQL EXECUTE): counted
     * as its own kind, with the warnings and diagnostics of the EXECUTE around it.
     */
    StatementResult executeNested(Session s, StatementText text) {
        return run(s, text, new Statement[1], true);
    }

    /**
     * Parses, counts, checks and dispatches one statement; {@code parsed[0]} gets it once parsed.
     * Audit plugins hear of it once parsed (QUERY start, abortable) and when it ends.
     */
    private StatementResult run(Session s, StatementText text, Statement[] parsed, boolean nested) {
        // Queries counts every statement run, a stored program's and an EXECUTE's too (Questions: the client's)
        server.status().count(s.status(), "Queries", 1);
        boolean audited = AuditNotes.on(server.observers().audit(), s);
        int status = 0;
        boolean started = false;
        try {
            Statement statement = MultiTableColumns.resolve(s, StatementParser.parse(text, s.database()));
            parsed[0] = statement;
            // MAX_QUERIES_PER_HOUR / MAX_UPDATES_PER_HOUR count a client's statements, not a routine's
            if (!nested) server.accounts().countStatement(s.loginAccount(), statement.writes());
            if (audited) {
                started = true;
                AuditNotes.query(server.observers().audit(), s, nested ? AuditEventSubclass.QUERY_NESTED_START
                        : AuditEventSubclass.QUERY_START, text.text(), statement, 0);
            }
            return run(s, text, statement);
        } catch (SqlError e) {
            status = e.number();
            throw e;
        } finally {
            if (started) {
                AuditNotes.query(server.observers().audit(), s, nested ? AuditEventSubclass.QUERY_NESTED_STATUS_END
                        : AuditEventSubclass.QUERY_STATUS_END, text.text(), parsed[0], status);
            }
        }
    }

    /** What runs while gtid_next is undefined: statements that never take a GTID (MySQL's "innocent" ones). */
    private static boolean innocent(Statement statement) {
        io.minisqld.server.sql.statement.StatementKind k = statement.kind();
        return statement instanceof io.minisqld.server.sql.statement.SetStatement
                || statement instanceof io.minisqld.server.sql.statement.ShowStatement
                || k.name().startsWith("SHOW_")
                || k == io.minisqld.server.sql.statement.StatementKind.SELECT
                || k == io.minisqld.server.sql.statement.StatementKind.DO;
    }

    /** BEGIN, START TRANSACTION, COMMIT, ROLLBACK: they run in a skipped transaction too (B.5). */
    private static boolean endsOrBegins(Statement statement) {
        io.minisqld.server.sql.statement.StatementKind k = statement.kind();
        return k == io.minisqld.server.sql.statement.StatementKind.BEGIN
                || k == io.minisqld.server.sql.statement.StatementKind.COMMIT
                || k == io.minisqld.server.sql.statement.StatementKind.ROLLBACK;
    }

    /** Counts, checks and dispatches one parsed statement. */
    private StatementResult run(Session s, StatementText text, Statement statement) {
        ServerLocks.Registration locked = null;
        boolean changesPassword = statement instanceof io.minisqld.server.sql.statement.AccountStatement.SetPassword
                || statement instanceof io.minisqld.server.sql.statement.AccountStatement.AlterUser;
        if (s.passwordExpired() && !changesPassword
                && !(statement instanceof io.minisqld.server.sql.statement.SetStatement)) {
            // sandbox mode (MySQL 5.7's check in mysql_execute_command)
            throw ErrorCode.ER_MUST_CHANGE_PASSWORD.error();
        }
        if (s.gtidNextUsed() && !innocent(statement)) {
            // the named GTID was used by the last transaction; the next needs its own (B.5)
            throw ErrorCode.ER_GTID_NEXT_TYPE_UNDEFINED_GROUP.error(s.variables().string("gtid_next"));
        }
        if (s.gtidSkipped() && !innocent(statement) && !endsOrBegins(statement)) {
            // B.5: the GTID of this transaction is executed already: MySQL 5.7 answers its
            // statements OK without running them; in autocommit mode the statement was the transaction
            if (!s.inTransaction()) {
                s.setGtidSkipped(false);
                s.setGtidNextUsed(true);
            }
            return io.minisqld.server.result.OkResult.EMPTY;
        }
        try {
            String counter = statement.kind().counter();
            if (counter != null) server.status().count(s.status(), counter, 1);
            writeGuard.check(s, statement);
            List<ServerLocks.Request> held = metadataLocked(s, statement);
            if (held != null) {
                // a statement on these tables waits, then finds them renamed or with their triggers
                locks.awaitGlobalReadLockFree(s);
                locks.lockTables(s, held);
                try {
                    // a change, counted as one while it runs (FLUSH TABLES WITH READ LOCK waits for it)
                    locked = locks.statementStarts(s, List.of(), true);
                    return table.dispatch(s, statement, text);
                } finally {
                    locks.releaseTableLocks(s);
                }
            }
            if (!lockedByItself(statement)) {
                locked = locks.statementStarts(s, statement.tables(), statement.writes());
            }
            StatementResult result = table.dispatch(s, statement, text);
            // the password changed: the session leaves sandbox mode once its account's is no longer expired
            if (changesPassword && s.passwordExpired() && !s.account().internal()) {
                s.setPasswordExpired(server.accounts().passwordExpired(s.account().name(),
                        server.variables().globalLong("default_password_lifetime")));
            }
            return result;
        } finally {
            if (locked != null) locks.statementEnded(s, locked);
            // an autocommitted statement on tables is a transaction of its own, and uses up the
            // characteristics SET TRANSACTION gave the next transaction, whether it succeeds or not
            if (statement instanceof EngineStatement e && !e.tables().isEmpty() && !s.inTransaction()) {
                s.transactionCharacteristicsUsed();
            }
        }
    }

    /** COM_STMT_PREPARE: parses {@code text} once and keeps it for the session; its number. */
    public long prepare(Session s, StatementText text) {
        s.beginStatement(text.text());
        try {
            long id = prepared.prepare(s, text);
            s.endStatement(false);
            return id;
        } catch (SqlError e) {
            s.failStatement(e);
            throw e;
        }
    }

    /** A statement the session prepared with COM_STMT_PREPARE (1243 naming {@code function} when it has none). */
    public io.minisqld.server.session.PreparedStatement prepared(Session s, long id, String function) {
        return prepared.prepared(s, id, function);
    }

    /** COM_STMT_EXECUTE: runs prepared statement {@code id} with {@code values} for its markers. */
    public StatementResult executePrepared(Session s, long id, List<io.minisqld.server.result.ParameterValue> values) {
        return prepared.execute(s, id, values);
    }

    /** COM_STMT_CLOSE. */
    public void closePrepared(Session s, long id) {
        prepared.close(s, id);
    }

    /**
     * The tables a statement that changes them under running statements holds for WRITE for its
     * whole run, as MySQL's metadata locks hold them: every table RENAME TABLE names (old and new
     * names), the table CREATE TRIGGER adds a trigger to, and for DROP TRIGGER the tables of the
     * trigger's database (the statement does not name its table). Null for any other statement, and
     * for a session under LOCK TABLES (whose own locks apply).
     */
    private List<ServerLocks.Request> metadataLocked(Session s, Statement statement) {
        // only RENAME TABLE and the engine's other DDL (CREATE / DROP TRIGGER): a SELECT or an INSERT
        // pays no more than this test
        if (!(statement instanceof EngineStatement e)
                || (e.kind() != io.minisqld.server.sql.statement.StatementKind.RENAME_TABLE
                    && e.kind() != io.minisqld.server.sql.statement.StatementKind.OTHER_ENGINE)
                || locks.holdsTableLocks(s)) {
            return null;
        }
        List<io.minisqld.server.sql.Token> sig = e.text().significant();
        if (sig.size() < 3) return null;
        List<ServerLocks.Request> out = new java.util.ArrayList<>();
        if (e.kind() == io.minisqld.server.sql.statement.StatementKind.RENAME_TABLE) {
            for (int k = 2; k < sig.size(); k++) {
                io.minisqld.server.sql.Token t = sig.get(k);
                if (!t.isIdentifier() || t.is("TO")) continue;
                k = addTable(s, sig, k, out);
            }
            return out;
        }
        if (sig.get(0).is("DROP") && sig.get(1).is("TRIGGER")) {
            int k = sig.get(2).is("IF") ? 4 : 2;
            String db = k + 2 < sig.size() && sig.get(k + 1).isSymbol(".") ? sig.get(k).value() : s.database();
            if (db == null || !server.engine().databaseExists(db)) return null;
            for (io.minisqld.server.engine.TableInfo t : s.engine().tables(db)) {
                out.add(new ServerLocks.Request(db, t.name(), true));
            }
            return out;
        }
        if (!sig.get(0).is("CREATE")) return null;
        boolean trigger = false;
        for (int k = 1; k < sig.size(); k++) {
            if (!trigger) {
                trigger = sig.get(k).is("TRIGGER");
                if (sig.get(k).is("TABLE") || sig.get(k).is("VIEW") || k > 12) return null;
            } else if (sig.get(k).is("ON") && k + 1 < sig.size()) {
                addTable(s, sig, k + 1, out);
                return out;
            }
        }
        return null;
    }

    /** The [db.]table at sig index {@code k} as a WRITE request; the index of its last token. */
    private static int addTable(Session s, List<io.minisqld.server.sql.Token> sig, int k, List<ServerLocks.Request> out) {
        io.minisqld.server.sql.Token t = sig.get(k);
        if (k + 2 < sig.size() && sig.get(k + 1).isSymbol(".") && sig.get(k + 2).isIdentifier()) {
            out.add(new ServerLocks.Request(t.value(), sig.get(k + 2).value(), true));
            return k + 2;
        }
        if (s.database() != null) out.add(new ServerLocks.Request(s.database(), t.value(), true));
        return k;
    }

    /**
     * The lock statements take and release locks themselves; KILL must reach a session that waits
     * for a lock; the transaction statements end what a global read lock holds only at their commit.
     */
    private static boolean lockedByItself(Statement statement) {
        return statement instanceof io.minisqld.server.sql.statement.AdminStatement.LockTables
                || statement instanceof io.minisqld.server.sql.statement.AdminStatement.UnlockTables
                || statement instanceof io.minisqld.server.sql.statement.AdminStatement.FlushTablesWithReadLock
                || statement instanceof io.minisqld.server.sql.statement.AdminStatement.Kill
                || statement instanceof TransactionStatement;
    }

    /** The session ends or resets (COM_RESET_CONNECTION, COM_CHANGE_USER): its locks go, GET_LOCK's too. */
    public void releaseLocks(Session s) {
        locks.releaseAll(s);
        userLocks.releaseAll(s);
    }

    /** COM_INIT_DB behaves as USE. */
    public void initDb(Session s, String db) {
        s.beginStatement(null);
        try {
            admin.use(s, db);
            server.status().count(s.status(), "Com_change_db", 1);
            s.endStatement(false);
        } catch (SqlError e) {
            s.failStatement(e);
            throw e;
        }
    }

    /** COM_PROCESS_KILL behaves as KILL CONNECTION. */
    public void kill(Session s, long id, boolean connection) {
        admin.kill(s, id, connection);
    }

    /** Commits and rolls back sessions' transactions (a closing connection rolls back). */
    public Transactions transactions() {
        return transactions;
    }

    /** What the replica's SQL thread applies events through. */
    public Applier applier() {
        return applier;
    }

    /** How start-up crash recovery re-applies the binlogged transactions the engine lost. */
    public io.minisqld.server.binlog.commit.BinlogRecovery.Replayer crashRecoveryReplayer() {
        return new CrashRecoveryReplayer(server, applier);
    }

    /** The server's statement counters shown as 0 before anything is counted. */
    public static final List<String> COUNTERS = List.of("Questions", "Queries", "Com_select", "Com_insert", "Com_insert_select",
            "Com_update", "Com_delete", "Com_update_multi", "Com_delete_multi", "Com_replace", "Com_replace_select", "Com_truncate", "Com_set_option",
            "Com_show_variables", "Com_show_status", "Com_show_databases", "Com_show_tables", "Com_show_fields",
            "Com_show_create_table", "Com_show_warnings", "Com_show_errors", "Com_show_processlist",
            "Com_show_grants", "Com_change_db", "Com_begin", "Com_commit", "Com_rollback", "Com_create_db",
            "Com_drop_db", "Com_create_table", "Com_drop_table", "Com_alter_table", "Com_create_index",
            "Com_drop_index", "Com_create_view", "Com_drop_view", "Com_rename_table", "Com_kill", "Com_flush",
            "Com_shutdown", "Com_binlog", "Com_create_user", "Com_drop_user", "Com_alter_user", "Com_rename_user", "Com_grant",
            "Com_revoke", "Com_set_password", "Com_stmt_prepare", "Com_stmt_execute", "Com_stmt_close",
            "Com_stmt_fetch", "Com_stmt_reset", "Com_stmt_send_long_data", "Com_prepare_sql", "Com_execute_sql",
            "Com_dealloc_sql", "Com_change_user", "Com_do", "Com_check", "Com_analyze", "Com_optimize", "Com_repair",
            "Com_checksum");
}
