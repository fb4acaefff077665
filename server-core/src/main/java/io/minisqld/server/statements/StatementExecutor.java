package io.minisqld.server.statements;

import io.minisqld.plugin.api.observer.TransactionParam;
import io.minisqld.server.auth.Privilege;
import io.minisqld.server.binlog.PendingEvent;
import io.minisqld.server.binlog.commit.TransactionCache;
import io.minisqld.server.engine.EngineSession;
import io.minisqld.server.error.ErrorCode;
import io.minisqld.server.error.SqlError;
import io.minisqld.server.plugin.PluginStatements;
import io.minisqld.server.result.OkResult;
import io.minisqld.server.result.RowsResult;
import io.minisqld.server.result.StatementResult;
import io.minisqld.server.session.Session;
import io.minisqld.server.sql.Lexer;
import io.minisqld.server.sql.Token;
import io.minisqld.server.sql.TokenType;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes one statement: the statements the server owns (SET, SHOW, USE, transactions, KILL,
 * FLUSH, SHUTDOWN, databases, accounts) are executed here; everything else goes to the storage
 * engine after server values are substituted. Runs on the session's thread.
 *
 * <p>Transactions follow MySQL: with autocommit on, each statement outside BEGIN … COMMIT commits
 * by itself; DDL and the account statements commit the open transaction first (implicit commit);
 * a deadlock rolls back the whole transaction, other errors only the statement.
 */
public final class StatementExecutor {
    private static final Logger log = LoggerFactory.getLogger(StatementExecutor.class);

    /** Statements after which MySQL 5.7 commits implicitly (and before which it commits the open transaction). */
    private static final Set<String> IMPLICIT_COMMIT = Set.of("CREATE", "ALTER", "DROP", "RENAME", "TRUNCATE",
            "GRANT", "REVOKE", "LOCK", "UNLOCK", "ANALYZE", "OPTIMIZE", "REPAIR", "CHECK");

    /** Statements written into the open transaction's binlog cache (statement-based logging). */
    private static final Set<String> LOGGED_IN_TRANSACTION = Set.of("INSERT", "UPDATE", "DELETE", "REPLACE",
            "SAVEPOINT", "RELEASE", "ROLLBACK", "LOAD");

    private final ServerContext server;
    private final Substituter substituter;
    private final ShowStatements show;
    private final SetStatements set;
    private final BinlogStatements binlogStatements;
    private final PluginStatements plugins;
    /** Sessions applying another server's events (the replica's SQL thread), by session id. */
    private final Map<Long, ReplicatedOrigin> origins = new ConcurrentHashMap<>();
    /** CHANGE MASTER, START/STOP/RESET SLAVE, SHOW SLAVE STATUS; null until the replica service is attached. */
    private volatile ReplicaStatementRunner replica;

    /**
     * Where the events a session applies came from: a replica's SQL thread binlogs them
     * (log_slave_updates) with the source's server id and event time, as MySQL keeps them.
     */
    public record ReplicatedOrigin(long serverId, long timestamp) {
    }

    /** The replica's statements, routed here and run by the replica service. */
    public interface ReplicaStatementRunner {
        /** Whether {@code tokens} start one of the replica statements. */
        boolean handles(List<Token> tokens);

        StatementResult execute(Session s, String sql, List<Token> tokens);
    }

    public StatementExecutor(ServerContext server) {
        this(server, null);
    }

    /** @param plugins INSTALL/UNINSTALL PLUGIN and SHOW PLUGINS; null in a server without a plugin registry */
    public StatementExecutor(ServerContext server, PluginStatements plugins) {
        this.server = server;
        this.plugins = plugins;
        this.substituter = new Substituter(server.variables(), server.version());
        this.show = new ShowStatements(server, this);
        this.set = new SetStatements(server, this);
        this.binlogStatements = new BinlogStatements(server, this);
    }

    /** SHOW SLAVE HOSTS / SHOW REPLICA HOSTS, answered by the replication source; null until attached. */
    private volatile java.util.function.Function<Session, StatementResult> slaveHosts;

    /** Attaches SHOW SLAVE HOSTS (the replication source is created after the executor). */
    public void attachSlaveHosts(java.util.function.Function<Session, StatementResult> showSlaveHosts) {
        this.slaveHosts = showSlaveHosts;
    }

    /** Attaches the replica statements (the replica service is created after the executor). */
    public void attachReplica(ReplicaStatementRunner runner) {
        this.replica = runner;
    }

    /**
     * Marks (or, with null, unmarks) {@code s} as applying events of another server: until unmarked,
     * what it binlogs carries {@code origin}'s server id and timestamp.
     */
    public void setReplicatedOrigin(Session s, ReplicatedOrigin origin) {
        if (origin == null) origins.remove(s.id());
        else origins.put(s.id(), origin);
    }

    private long serverIdFor(Session s) {
        ReplicatedOrigin o = origins.get(s.id());
        return o == null ? server.serverId() : o.serverId();
    }

    private long nowFor(Session s) {
        ReplicatedOrigin o = origins.get(s.id());
        return o == null ? System.currentTimeMillis() / 1000 : o.timestamp();
    }

    /** Executes one statement (no trailing ';' needed) for {@code s}. */
    public StatementResult execute(Session s, String sql) {
        List<Token> tokens = Lexer.significant(sql);
        while (!tokens.isEmpty() && tokens.get(tokens.size() - 1).isSymbol(";")) {
            tokens = tokens.subList(0, tokens.size() - 1);
        }
        if (tokens.isEmpty()) throw ErrorCode.ER_EMPTY_QUERY.error();
        server.status().count(s.status(), "Questions", 1);
        Token first = tokens.get(0);
        String kw = first.type() == TokenType.WORD ? first.upper() : "";
        boolean diagnostics = isDiagnostics(tokens);
        s.beginStatement(sql);
        try {
            StatementResult r = route(s, sql, tokens, kw);
            s.endStatement(diagnostics);
            return r;
        } catch (SqlError e) {
            s.failStatement(e);
            throw e;
        }
    }

    private static boolean wordsAt(List<Token> t, String... words) {
        if (t.size() < words.length) return false;
        for (int i = 0; i < words.length; i++) {
            if (!t.get(i).is(words[i])) return false;
        }
        return true;
    }

    private static boolean isDiagnostics(List<Token> t) {
        if (t.size() >= 2 && t.get(0).is("SHOW")) {
            Token w = t.get(1);
            return w.is("WARNINGS") || w.is("ERRORS") || w.is("COUNT");
        }
        if (t.size() >= 2 && t.get(0).is("SELECT")) {
            String v = t.get(1).type() == TokenType.SYSTEM_VAR ? t.get(1).value().toLowerCase(Locale.ROOT) : "";
            return v.endsWith("warning_count") || v.endsWith("error_count");
        }
        return false;
    }

    private StatementResult route(Session s, String sql, List<Token> tokens, String kw) {
        Parser p = new Parser(sql, tokens);
        if (PluginStatements.handles(tokens)) {
            if (plugins == null) throw ErrorCode.ER_NOT_SUPPORTED_YET.error("plugins");
            // INSTALL and UNINSTALL PLUGIN commit implicitly in MySQL 5.7
            if (!kw.equals("SHOW")) implicitCommit(s);
            return plugins.execute(s, sql, tokens);
        }
        ReplicaStatementRunner replicaRunner = replica;
        if (replicaRunner != null && replicaRunner.handles(tokens)) {
            return replicaRunner.execute(s, sql, tokens);
        }
        switch (kw) {
            case "SET":
                if (tokens.size() > 1 && tokens.get(1).is("PASSWORD")) {
                    return accountStatement(s, sql, tokens);
                }
                server.status().count(s.status(), "Com_set_option", 1);
                return set.execute(s, p);
            case "SHOW":
                if (tokens.size() > 1 && tokens.get(1).is("GRANTS")) {
                    server.status().count(s.status(), "Com_show_grants", 1);
                    return accountStatement(s, sql, tokens);
                }
                if (wordsAt(tokens, "SHOW", "MASTER", "STATUS") || wordsAt(tokens, "SHOW", "BINARY", "LOG", "STATUS")) {
                    server.status().count(s.status(), "Com_show_master_status", 1);
                    p.next();
                    p.next();
                    if (p.accept("LOG")) p.next(); else p.next();
                    return binlogStatements.masterStatus(s, p);
                }
                if (wordsAt(tokens, "SHOW", "BINARY", "LOGS") || wordsAt(tokens, "SHOW", "MASTER", "LOGS")) {
                    server.status().count(s.status(), "Com_show_binlogs", 1);
                    p.next();
                    p.next();
                    p.next();
                    return binlogStatements.binaryLogs(s, p);
                }
                if ((wordsAt(tokens, "SHOW", "SLAVE", "HOSTS") || wordsAt(tokens, "SHOW", "REPLICA", "HOSTS"))
                        && slaveHosts != null) {
                    server.status().count(s.status(), "Com_show_slave_hosts", 1);
                    p.next();
                    p.next();
                    p.next();
                    p.expectEnd();
                    return slaveHosts.apply(s);
                }
                if (wordsAt(tokens, "SHOW", "BINLOG", "EVENTS")) {
                    server.status().count(s.status(), "Com_show_binlog_events", 1);
                    p.next();
                    p.next();
                    p.next();
                    return binlogStatements.binlogEvents(s, p);
                }
                return show.execute(s, p);
            case "RESET":
                if (wordsAt(tokens, "RESET", "MASTER")) {
                    server.status().count(s.status(), "Com_reset", 1);
                    p.next();
                    p.next();
                    return binlogStatements.resetMaster(s, p);
                }
                break;
            case "PURGE":
                server.status().count(s.status(), "Com_purge", 1);
                return binlogStatements.purge(s, p);
            case "USE":
                p.next();
                String db = p.identifier();
                p.expectEnd();
                return use(s, db);
            case "BEGIN":
                p.next();
                p.accept("WORK");
                p.expectEnd();
                return begin(s);
            case "START":
                if (tokens.size() > 1 && tokens.get(1).is("TRANSACTION")) {
                    p.next();
                    p.next();
                    // WITH CONSISTENT SNAPSHOT, READ ONLY, READ WRITE: accepted; the engine's snapshot is taken at the first read
                    return begin(s);
                }
                break;
            case "COMMIT":
                p.next();
                p.accept("WORK");
                p.expectEnd();
                server.status().count(s.status(), "Com_commit", 1);
                commit(s);
                return OkResult.EMPTY;
            case "ROLLBACK":
                if (tokens.size() > 1 && (tokens.get(1).is("TO") || (tokens.size() > 2 && tokens.get(2).is("TO")))) {
                    return engineStatement(s, sql, tokens, kw);
                }
                p.next();
                p.accept("WORK");
                p.expectEnd();
                server.status().count(s.status(), "Com_rollback", 1);
                rollback(s);
                return OkResult.EMPTY;
            case "KILL":
                return kill(s, p);
            case "FLUSH":
                return flush(s, p);
            case "SHUTDOWN":
                p.next();
                p.expectEnd();
                requirePrivilege(s, Privilege.SHUTDOWN, "SHUTDOWN");
                server.status().count(s.status(), "Com_shutdown", 1);
                server.shutdown().run();
                return OkResult.EMPTY;
            case "CREATE":
            case "DROP":
                if (tokens.size() > 1 && (tokens.get(1).is("DATABASE") || tokens.get(1).is("SCHEMA"))) {
                    return database(s, p, kw.equals("CREATE"));
                }
                if (tokens.size() > 1 && tokens.get(1).is("USER")) {
                    return accountStatement(s, sql, tokens);
                }
                break;
            case "ALTER":
            case "RENAME":
                if (tokens.size() > 1 && tokens.get(1).is("USER")) {
                    return accountStatement(s, sql, tokens);
                }
                break;
            case "GRANT":
            case "REVOKE":
                return accountStatement(s, sql, tokens);
            default:
                break;
        }
        return engineStatement(s, sql, tokens, kw);
    }

    private StatementResult use(Session s, String db) {
        if (!db.equalsIgnoreCase("information_schema") && !server.engine().databaseExists(db)) {
            throw ErrorCode.ER_BAD_DB_ERROR.error(db);
        }
        if (!server.accounts().canUseDatabase(s.account(), db)) {
            throw ErrorCode.ER_DBACCESS_DENIED_ERROR.error(s.user(), s.account().clientHost(), db);
        }
        s.setDatabase(db.equalsIgnoreCase("information_schema") ? "information_schema" : db);
        server.status().count(s.status(), "Com_change_db", 1);
        return OkResult.EMPTY;
    }

    /** COM_INIT_DB behaves as USE. */
    public void initDb(Session s, String db) {
        s.beginStatement(null);
        try {
            use(s, db);
            s.endStatement(false);
        } catch (SqlError e) {
            s.failStatement(e);
            throw e;
        }
    }

    private StatementResult begin(Session s) {
        server.status().count(s.status(), "Com_begin", 1);
        // BEGIN commits a transaction that is already open, as MySQL does
        if (s.inTransaction()) commit(s);
        s.setInTransaction(true);
        return OkResult.EMPTY;
    }

    /**
     * Commits the session's transaction: through the binlog's commit pipeline when it wrote
     * anything (DESIGN.md's order), else an engine commit followed by after_commit.
     */
    public void commit(Session s) {
        TransactionCache cache = s.binlogCache();
        try {
            if (server.binlog() != null && !cache.isEmpty()) {
                PendingEvent begin = BinlogEvents.query(s, serverIdFor(s), cache.firstTimestamp(), s.database(),
                        "BEGIN");
                try {
                    server.binlog().commit(s.engine(), cache, begin, s.id(), serverIdFor(s));
                } catch (SqlError e) {
                    rollback(s);
                    throw e;
                }
            } else {
                s.engine().commit();
                if (!server.observers().transaction().isEmpty()) {
                    server.observers().transaction().afterCommit(transactionParam(s));
                }
            }
        } finally {
            cache.clear();
            s.setInTransaction(false);
        }
    }

    private TransactionParam transactionParam(Session s) {
        return new TransactionParam(server.serverId(), "", s.id(), true, null, 0);
    }

    /** Rolls back the session's transaction with the before_rollback and after_rollback hooks. */
    public void rollback(Session s) {
        boolean hooks = !server.observers().transaction().isEmpty();
        try {
            if (hooks) server.observers().transaction().beforeRollback(transactionParam(s));
            s.engine().rollback();
            if (hooks) server.observers().transaction().afterRollback(transactionParam(s));
        } finally {
            s.binlogCache().clear();
            s.setInTransaction(false);
        }
    }

    /** Whether the session's changes go to the binlog (log_bin on, sql_log_bin on). */
    private boolean logging(Session s) {
        return server.binlog() != null && s.variables().bool("sql_log_bin");
    }

    /** Writes a statement the engine already committed (DDL, accounts) as one QUERY event. */
    private void logCommitted(Session s, String database, String sql) {
        if (!logging(s)) return;
        long now = nowFor(s);
        server.binlog().logCommittedStatement(BinlogEvents.query(s, serverIdFor(s), now, database, sql), s.id());
    }

    private StatementResult database(Session s, Parser p, boolean create) {
        p.next();
        p.next();
        boolean cond = false;
        if (p.accept("IF")) {
            if (create) p.expect("NOT");
            p.expect("EXISTS");
            cond = true;
        }
        String name = p.identifier();
        // CHARACTER SET / COLLATE options are accepted: every database stores Unicode
        implicitCommit(s);
        requirePrivilege(s, create ? Privilege.CREATE : Privilege.DROP, create ? "CREATE" : "DROP", name);
        if (create) {
            server.status().count(s.status(), "Com_create_db", 1);
            boolean created = server.engine().createDatabase(name, cond);
            logCommitted(s, "", p.text(0, p.size()));
            if (!created) {
                s.note(ErrorCode.ER_DB_CREATE_EXISTS, name);
                return OkResult.EMPTY;
            }
            return OkResult.affected(1);
        }
        server.status().count(s.status(), "Com_drop_db", 1);
        int dropped = server.engine().dropDatabase(name, cond);
        logCommitted(s, "", p.text(0, p.size()));
        if (dropped < 0) {
            s.note(ErrorCode.ER_DB_DROP_EXISTS, name);
            return OkResult.EMPTY;
        }
        if (name.equalsIgnoreCase(s.database())) s.setDatabase(null);
        return OkResult.affected(dropped);
    }

    private StatementResult kill(Session s, Parser p) {
        p.next();
        boolean connection = true;
        if (p.accept("QUERY")) connection = false;
        else p.accept("CONNECTION");
        Token idToken = p.next();
        if (idToken.type() != TokenType.NUMBER) throw p.syntaxError();
        p.expectEnd();
        server.status().count(s.status(), "Com_kill", 1);
        kill(s, Long.parseLong(idToken.text()), connection);
        return OkResult.EMPTY;
    }

    /** KILL [QUERY] id: 1094 for an unknown id, 1095 for another user's session without SUPER. */
    public void kill(Session s, long id, boolean connection) {
        Session target = server.sessions().get(id)
                .orElseThrow(() -> ErrorCode.ER_NO_SUCH_THREAD.error(Long.toString(id)));
        if (!target.user().equals(s.user()) && !server.accounts().hasGlobal(s.account(), Privilege.SUPER)) {
            throw ErrorCode.ER_KILL_DENIED_ERROR.error(Long.toString(id));
        }
        target.kill(connection);
    }

    private StatementResult flush(Session s, Parser p) {
        p.next();
        boolean local = p.accept("NO_WRITE_TO_BINLOG") || p.accept("LOCAL");
        boolean logged = false;
        requirePrivilege(s, Privilege.RELOAD, "RELOAD");
        server.status().count(s.status(), "Com_flush", 1);
        do {
            Token t = p.next();
            switch (t.upper()) {
                case "STATUS" -> {
                    server.status().flush(s.status());
                    logged = true;
                }
                case "PRIVILEGES" -> {
                    server.accounts().reload();
                    logged = true;
                }
                case "TABLES", "HOSTS", "LOGS", "BINARY", "ENGINE", "ERROR", "GENERAL", "RELAY", "SLOW",
                     "QUERY", "USER_RESOURCES", "OPTIMIZER_COSTS" -> {
                    if (t.is("BINARY") || t.is("ENGINE") || t.is("ERROR") || t.is("GENERAL")
                            || t.is("RELAY") || t.is("SLOW")) p.accept("LOGS");
                    if (t.is("QUERY")) p.accept("CACHE");
                    // FLUSH LOGS and FLUSH BINARY LOGS close the binlog file and open the next
                    if ((t.is("LOGS") || t.is("BINARY")) && server.binlog() != null) server.binlog().rotate();
                    if (t.is("TABLES")) logged = true;
                }
                default -> throw p.syntaxError();
            }
        } while (p.acceptSymbol(","));
        p.expectEnd();
        // MySQL writes FLUSH PRIVILEGES / STATUS / TABLES to the binlog unless LOCAL; never FLUSH LOGS
        if (logged && !local) logCommitted(s, s.database(), p.text(0, p.size()));
        return OkResult.EMPTY;
    }

    private StatementResult accountStatement(Session s, String sql, List<Token> tokens) {
        Token first = tokens.get(0);
        if (!first.is("SHOW")) {
            implicitCommit(s);
            String counter = "Com_" + (first.upper() + (tokens.size() > 1 && tokens.get(1).is("USER") ? "_user" : ""))
                    .toLowerCase(Locale.ROOT);
            if (first.is("SET")) counter = "Com_set_password";
            server.status().count(s.status(), counter, 1);
        }
        StatementResult r = server.accountStatements().execute(sql, s.account());
        if (!first.is("SHOW")) logCommitted(s, s.database(), AccountLogText.rewrite(sql));
        return r;
    }

    private void implicitCommit(Session s) {
        if (s.inTransaction()) commit(s);
    }

    void requirePrivilege(Session s, Privilege priv, String name) {
        if (!server.accounts().hasGlobal(s.account(), priv)) {
            throw ErrorCode.ER_SPECIFIC_ACCESS_DENIED_ERROR.error(name);
        }
    }

    private void requirePrivilege(Session s, Privilege priv, String name, String db) {
        if (!server.accounts().has(s.account(), priv, db, null)) {
            throw ErrorCode.ER_DBACCESS_DENIED_ERROR.error(s.user(), s.account().clientHost(), db);
        }
    }

    /** A statement for the engine: substitute server values, run it, commit as autocommit says. */
    private StatementResult engineStatement(Session s, String sql, List<Token> tokens, String kw) {
        boolean ddl = IMPLICIT_COMMIT.contains(kw);
        boolean dml = LOGGED_IN_TRANSACTION.contains(kw);
        long started = nowFor(s);
        String comCounter = comCounter(tokens, kw);
        if (comCounter != null) server.status().count(s.status(), comCounter, 1);
        TablePrivileges.check(server.accounts(), s, tokens, kw);
        if (ddl) implicitCommit(s);
        if (dml && !server.observers().transaction().isEmpty()
                && !server.observers().transaction().beforeDml(transactionParam(s))) {
            throw ErrorCode.ER_BEFORE_DML_VALIDATION_ERROR.error();
        }
        String text = substituter.substitute(s, sql);
        EngineSession.EngineResult result;
        try {
            result = s.engine().execute(text);
        } catch (SqlError e) {
            if (e.number() == ErrorCode.ER_LOCK_DEADLOCK.number()) {
                // InnoDB rolls back the whole transaction on a deadlock
                rollback(s);
            } else if (!s.inTransaction() && s.autocommit()) {
                s.engine().rollback();
            }
            throw e;
        }
        long insertId = result instanceof EngineSession.Update u ? u.firstGeneratedId() : 0;
        if (ddl) {
            // DDL committed in the engine as it ran (MySQL 5.7's non-atomic DDL); then it is logged
            s.engine().commit();
            s.setInTransaction(false);
            logCommitted(s, s.database(), text);
        } else {
            if (dml && logging(s)) {
                s.binlogCache().add(BinlogEvents.statement(s, serverIdFor(s), started, text, insertId));
            }
            if (s.autocommit() && !s.inTransaction()) {
                commit(s);
            } else if (!s.autocommit()) {
                s.setInTransaction(true);
            }
        }
        if (result instanceof EngineSession.Update u) {
            if (u.firstGeneratedId() != 0) s.setLastInsertId(u.firstGeneratedId());
            return new OkResult(u.affectedRows(), u.firstGeneratedId(), null);
        }
        return ((EngineSession.Rows) result).rows();
    }

    private static String comCounter(List<Token> tokens, String kw) {
        String second = tokens.size() > 1 && tokens.get(1).type() == TokenType.WORD ? tokens.get(1).upper() : "";
        return switch (kw) {
            case "SELECT" -> "Com_select";
            case "INSERT" -> hasSelect(tokens) ? "Com_insert_select" : "Com_insert";
            case "REPLACE" -> hasSelect(tokens) ? "Com_replace_select" : "Com_replace";
            case "UPDATE" -> "Com_update";
            case "DELETE" -> "Com_delete";
            case "TRUNCATE" -> "Com_truncate";
            case "CREATE", "DROP", "ALTER" -> switch (second) {
                case "TABLE", "TEMPORARY" -> "Com_" + kw.toLowerCase(Locale.ROOT) + "_table";
                case "INDEX", "UNIQUE", "VIEW" -> "Com_" + kw.toLowerCase(Locale.ROOT) + "_"
                        + (second.equals("UNIQUE") ? "index" : second.toLowerCase(Locale.ROOT));
                default -> null;
            };
            case "RENAME" -> "Com_rename_table";
            default -> null;
        };
    }

    private static boolean hasSelect(List<Token> tokens) {
        for (Token t : tokens) {
            if (t.is("SELECT")) return true;
        }
        return false;
    }

    /** Runs a query the server composed, in the session's engine transaction. */
    RowsResult queryInternal(Session s, String sql) {
        EngineSession.EngineResult r = s.engine().execute(sql);
        if (!(r instanceof EngineSession.Rows rows)) throw new IllegalStateException("not a query: " + sql);
        if (s.autocommit() && !s.inTransaction()) s.engine().commit();
        return rows.rows();
    }

    Substituter substituter() {
        return substituter;
    }

    /** The server's statement counters shown as 0 before anything is counted. */
    public static final List<String> COUNTERS = List.of("Questions", "Com_select", "Com_insert", "Com_insert_select",
            "Com_update", "Com_delete", "Com_replace", "Com_replace_select", "Com_truncate", "Com_set_option",
            "Com_show_variables", "Com_show_status", "Com_show_databases", "Com_show_tables", "Com_show_fields",
            "Com_show_create_table", "Com_show_warnings", "Com_show_errors", "Com_show_processlist",
            "Com_show_grants", "Com_change_db", "Com_begin", "Com_commit", "Com_rollback", "Com_create_db",
            "Com_drop_db", "Com_create_table", "Com_drop_table", "Com_alter_table", "Com_create_index",
            "Com_drop_index", "Com_create_view", "Com_drop_view", "Com_rename_table", "Com_kill", "Com_flush",
            "Com_shutdown", "Com_create_user", "Com_drop_user", "Com_alter_user", "Com_rename_user", "Com_grant",
            "Com_revoke", "Com_set_password");

    static Logger log() {
        return log;
    }
}
