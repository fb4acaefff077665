package io.minisqld.server.session;

import io.minisqld.server.auth.Account;
import io.minisqld.server.binlog.commit.TransactionCache;
import io.minisqld.server.charset.MysqlCharset;
import io.minisqld.server.engine.EngineSession;
import io.minisqld.server.error.ErrorCode;
import io.minisqld.server.error.SqlError;
import io.minisqld.server.variables.SessionStatus;
import io.minisqld.server.variables.SessionValues;
import io.minisqld.server.variables.Warnings;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One client session's state: who it is, its current database, variables, transaction and
 * warnings. Owned by its connection's thread; the PROCESSLIST fields are volatile because other
 * sessions read them, and {@link #kill} may be called from another thread.
 */
public final class Session implements Warnings {
    /** SERVER_STATUS_IN_TRANS. */
    public static final int STATUS_IN_TRANS = 0x0001;
    /** SERVER_STATUS_AUTOCOMMIT. */
    public static final int STATUS_AUTOCOMMIT = 0x0002;

    private final long id;
    private final String user;
    private final String host;
    private final Account account;
    /** The session's temporary tables, {@code db.table} lowercased (no privilege is checked on them). */
    private final java.util.Set<String> temporaryTables = new java.util.HashSet<>();
    private boolean temporaryTablesLogged;

    /** The definer a SQL SECURITY DEFINER routine runs as, null otherwise; the session's thread only. */
    private Account securityContext;
    /** Closes the client's connection (KILL CONNECTION); null for a session without one. */
    private final Runnable abortConnection;
    private final SessionValues variables;
    private final SessionStatus status = new SessionStatus();
    private final Map<String, Object> userVariables = new HashMap<>();
    private final TransactionCache binlogCache = new TransactionCache();
    private final PreparedStatements preparedStatements = new PreparedStatements();
    private final EngineSession engine;
    private final long connectedAtMillis = System.currentTimeMillis();

    private String database;
    private boolean inTransaction;
    private boolean readOnlyTransaction;
    /** SET TRANSACTION … without a scope: the next transaction's characteristics, or null. */
    private String nextIsolation;
    private Boolean nextReadOnly;
    private long lastInsertId;
    private long rowCount = -1;
    private List<Warning> warnings = new ArrayList<>();
    private boolean appendOwnWarnings;
    private List<Warning> pendingWarnings = new ArrayList<>();

    private volatile String command = "Sleep";
    private volatile String state = "";
    private volatile String info;
    private volatile long commandStartMillis = System.currentTimeMillis();
    private volatile boolean killed;
    /** Bumped by each KILL; two at once may count one, but the value changes either way, all a wait needs. */
    private volatile long kills;
    /** Set while the session applies another server's events (the replica's SQL thread). */
    private ReplicatedOrigin origin;
    /** When the running top-level statement began, in microseconds since the epoch (MySQL's start_time). */
    private long statementMicros;
    /** The open transaction's changed rows and its first change's statement time (0: none yet). */
    private long transactionRows;
    private long transactionStartMicros;
    /** RAND()'s generator: MySQL's, seeded per connection; a RAND event reseeds it. */
    private final io.minisqld.server.engine.MysqlRandom random = io.minisqld.server.engine.MysqlRandom.forSession();

    /**
     * @param abortConnection closes the client's connection from another thread, so that its own
     *                        thread ends the session; null for a session without a connection
     *                        (a replica's SQL thread)
     */
    public Session(long id, String user, String host, Account account, Runnable abortConnection,
                   SessionValues variables, EngineSession engine) {
        this.id = id;
        this.user = user;
        this.host = host;
        this.account = account;
        this.abortConnection = abortConnection;
        this.variables = variables;
        this.engine = engine;
    }

    public long id() {
        return id;
    }

    /** The user name the client logged in with. */
    public String user() {
        return user;
    }

    /** The client's host as MySQL names it (localhost for loopback), with the port for PROCESSLIST. */
    public String host() {
        return host;
    }

    /**
     * The account privileges are checked for: the matched one, or while a stored routine with SQL
     * SECURITY DEFINER runs, its definer (MySQL's security context; CURRENT_USER() names it too).
     */
    public Account account() {
        Account definer = securityContext;
        return definer != null ? definer : account;
    }

    /** The account the client logged in as, whatever routine runs. */
    public Account loginAccount() {
        return account;
    }

    /** Its temporary tables as {@code db.table}, lowercased; the session's thread only. */
    public java.util.Set<String> temporaryTables() {
        return temporaryTables;
    }

    /** Whether a CREATE TEMPORARY TABLE of the session reached the binlog: its replicas hold the table too. */
    public boolean temporaryTablesLogged() {
        return temporaryTablesLogged;
    }

    public void setTemporaryTablesLogged() {
        temporaryTablesLogged = true;
    }

    /** After the session's temporary tables were dropped all at once (COM_RESET_CONNECTION). */
    public void temporaryTablesDropped() {
        temporaryTables.clear();
        temporaryTablesLogged = false;
    }

    /** The definer the session runs as now, null when it runs as its login account. */
    public Account securityContext() {
        return securityContext;
    }

    /** Runs as {@code definer} (null: as the login account again); returns the context it replaces. */
    public Account switchSecurityContext(Account definer) {
        Account before = securityContext;
        securityContext = definer;
        return before;
    }

    public SessionValues variables() {
        return variables;
    }

    public SessionStatus status() {
        return status;
    }

    public Map<String, Object> userVariables() {
        return userVariables;
    }

    /** The binlog events of the open transaction. */
    public TransactionCache binlogCache() {
        return binlogCache;
    }

    /** The statements the session prepared (binary protocol and SQL PREPARE). */
    public PreparedStatements preparedStatements() {
        return preparedStatements;
    }

    public EngineSession engine() {
        return engine;
    }

    public String database() {
        return database;
    }

    public void setDatabase(String db) {
        engine.useDatabase(db);
        this.database = db;
    }

    /** The character set the client's queries are in (character_set_client). */
    public MysqlCharset clientCharset() {
        MysqlCharset cs = MysqlCharset.named(variables.string("character_set_client"));
        return cs == null ? MysqlCharset.UTF8MB4 : cs;
    }

    /**
     * The character set text results are sent in (character_set_results); NULL and binary mean
     * no conversion: the stored text's own bytes, which are UTF-8 (utf8mb4 columns).
     */
    public MysqlCharset resultsCharset() {
        MysqlCharset cs = MysqlCharset.named(variables.string("character_set_results"));
        return cs == null || cs == MysqlCharset.BINARY ? MysqlCharset.UTF8MB4 : cs;
    }

    public boolean autocommit() {
        return variables.bool("autocommit");
    }

    public boolean inTransaction() {
        return inTransaction;
    }

    public void setInTransaction(boolean open) {
        // a transaction autocommit=0 opened implicitly has the characteristics set for it
        if (open && !inTransaction) readOnlyTransaction = nextTransactionReadOnly();
        this.inTransaction = open;
        if (!open) readOnlyTransaction = false;
    }

    /**
     * A transaction ended (a COMMIT, a ROLLBACK, an autocommitted statement on tables): what SET
     * TRANSACTION gave it ends with it, and the session's own characteristics return.
     */
    public void transactionCharacteristicsUsed() {
        nextReadOnly = null;
        if (nextIsolation != null) {
            nextIsolation = null;
            engine.setIsolationLevel(variables.string("transaction_isolation"));
        }
    }

    /** The isolation level of the open transaction, or of the next one when none is open. */
    public String transactionIsolation() {
        return nextIsolation != null ? nextIsolation : variables.string("transaction_isolation");
    }

    /** Whether the next transaction starts READ ONLY. */
    public boolean nextTransactionReadOnly() {
        return nextReadOnly != null ? nextReadOnly : variables.bool("transaction_read_only");
    }

    /** SET TRANSACTION ISOLATION LEVEL … without a scope: the next transaction only. */
    public void setNextTransactionIsolation(String level) {
        nextIsolation = level;
        engine.setIsolationLevel(level);
    }

    /**
     * SET SESSION TRANSACTION ISOLATION LEVEL inside a transaction: the open transaction keeps
     * {@code level}, the session's new value applies from the next one.
     */
    public void keepTransactionIsolation(String level) {
        if (nextIsolation == null) nextIsolation = level;
    }

    /** SET TRANSACTION READ ONLY | READ WRITE without a scope: the next transaction only. */
    public void setNextTransactionReadOnly(boolean readOnly) {
        nextReadOnly = readOnly;
    }

    /** Whether the open transaction was started READ ONLY. */
    public boolean readOnlyTransaction() {
        return readOnlyTransaction;
    }

    /** START TRANSACTION READ ONLY: the transaction may change temporary tables only (1792). */
    public void setReadOnlyTransaction(boolean readOnly) {
        this.readOnlyTransaction = readOnly;
    }

    /**
     * ROW_COUNT(): what the last statement changed (its OK's affected rows; 0 for DDL and SET), -1
     * after one that returned rows or failed.
     */
    /** FOUND_ROWS(): the rows of the last SELECT (without its LIMIT with SQL_CALC_FOUND_ROWS). */
    private long foundRows;

    public long foundRows() {
        return foundRows;
    }

    public void setFoundRows(long rows) {
        this.foundRows = rows;
    }

    public long rowCount() {
        return rowCount;
    }

    public void setRowCount(long rows) {
        this.rowCount = rows;
    }

    public long lastInsertId() {
        return lastInsertId;
    }

    /**
     * The session's {@code gtid_next} named a GTID and a transaction used it (committed or rolled
     * back): until gtid_next is set again only SELECT, SET, SHOW and DO run (MySQL 5.7's UNDEFINED
     * GTID_NEXT; 1837).
     */
    private volatile boolean gtidNextUsed;

    public boolean gtidNextUsed() {
        return gtidNextUsed;
    }

    public void setGtidNextUsed(boolean used) {
        this.gtidNextUsed = used;
    }

    /**
     * The GTID this session owns since its {@code SET gtid_next} (B.5): no other session can take
     * it until this one commits or rolls back; null when it owns none.
     */
    private volatile io.minisqld.server.gtid.Gtid ownedGtid;

    public io.minisqld.server.gtid.Gtid ownedGtid() {
        return ownedGtid;
    }

    public void setOwnedGtid(io.minisqld.server.gtid.Gtid gtid) {
        this.ownedGtid = gtid;
        variables.set("gtid_owned", gtid == null ? "" : gtid.toString());
    }

    /**
     * {@code SET gtid_next} named a GTID executed already: the session's next transaction is
     * skipped, its statements answered OK without running (B.5).
     */
    private volatile boolean gtidSkipped;

    public boolean gtidSkipped() {
        return gtidSkipped;
    }

    public void setGtidSkipped(boolean skipped) {
        this.gtidSkipped = skipped;
    }

    /**
     * The account's password has expired (MySQL's sandbox mode): only SET, SET PASSWORD and ALTER
     * USER run until the password is changed; others get 1820.
     */
    private volatile boolean passwordExpired;

    public boolean passwordExpired() {
        return passwordExpired;
    }

    public void setPasswordExpired(boolean expired) {
        this.passwordExpired = expired;
    }

    /**
     * The client connected with CLIENT_FOUND_ROWS: an UPDATE's affected rows are the rows it
     * matched, not only those it changed (MySQL's rule; JDBC drivers ask for it by default).
     */
    private boolean clientFoundRows;

    public boolean clientFoundRows() {
        return clientFoundRows;
    }

    public void setClientFoundRows(boolean foundRows) {
        this.clientFoundRows = foundRows;
    }

    public void setLastInsertId(long id) {
        this.lastInsertId = id;
    }

    public int statusFlags() {
        int flags = 0;
        if (inTransaction) flags |= STATUS_IN_TRANS;
        if (autocommit()) flags |= STATUS_AUTOCOMMIT;
        return flags;
    }

    /** Starts a new statement: its warnings replace the previous statement's when it ends. */
    public void beginStatement(String sql) {
        java.time.Instant now = java.time.Instant.now();
        statementMicros = now.getEpochSecond() * 1_000_000 + now.getNano() / 1000;
        pendingWarnings = new ArrayList<>();
        command = "Query";
        state = "starting";
        info = sql;
        commandStartMillis = System.currentTimeMillis();
    }

    /**
     * A condition of a diagnostics statement, added to the previous statement's warnings it keeps
     * (GET DIAGNOSTICS of a condition number there is none of: Error 1758).
     */
    public void addDiagnosticsError(ErrorCode code) {
        pendingWarnings.add(new Warning("Error", code.number(), code.message()));
        appendOwnWarnings = true;
    }

    /** Ends a statement. Statements that only look at diagnostics keep the previous warnings. */
    public void endStatement(boolean keepPreviousWarnings) {
        if (!keepPreviousWarnings) {
            warnings = pendingWarnings;
        } else if (appendOwnWarnings) {
            List<Warning> both = new ArrayList<>(warnings);
            both.addAll(pendingWarnings);
            warnings = both;
        }
        appendOwnWarnings = false;
        command = "Sleep";
        state = "";
        info = null;
        commandStartMillis = System.currentTimeMillis();
    }

    /** Records an error as the statement's diagnostics (SHOW ERRORS / SHOW WARNINGS show it). */
    public void failStatement(SqlError error) {
        pendingWarnings.add(new Warning("Error", error.number(), error.getMessage()));
        warnings = pendingWarnings;
        command = "Sleep";
        state = "";
        info = null;
    }

    @Override
    public void warn(ErrorCode code, Object... args) {
        pendingWarnings.add(new Warning("Warning", code.number(), code.message(args)));
    }

    /** A warning with its own number and text (SIGNAL of an 01 SQLSTATE in a stored procedure). */
    public void warn(int number, String message) {
        pendingWarnings.add(new Warning("Warning", number, message));
    }

    /** A note, unless sql_notes is off: MySQL then records no Note-level condition at all. */
    @Override
    public void note(ErrorCode code, Object... args) {
        if (!variables.bool("sql_notes")) return;
        pendingWarnings.add(new Warning("Note", code.number(), code.message(args)));
    }

    /** A note with its own number and text, unless sql_notes is off. */
    public void note(int number, String message) {
        if (!variables.bool("sql_notes")) return;
        pendingWarnings.add(new Warning("Note", number, message));
    }

    /** The warnings of the last statement (SHOW WARNINGS). */
    public List<Warning> warnings() {
        return warnings;
    }

    public int warningCount() {
        return (int) warnings.stream().filter(w -> !w.level().equals("Error")).count();
    }

    /** Warnings recorded by the running statement so far. */
    public int pendingWarningCount() {
        return pendingWarnings.size();
    }

    // PROCESSLIST

    public String command() {
        return command;
    }

    public void setCommand(String command) {
        this.command = command;
        this.commandStartMillis = System.currentTimeMillis();
    }

    public String state() {
        return state;
    }

    /** The State column text while the session waits (a plugin's wait, a lock, …). */
    public void setState(String state) {
        this.state = state == null ? "" : state;
    }

    public String info() {
        return info;
    }

    public long secondsInCommand() {
        return (System.currentTimeMillis() - commandStartMillis) / 1000;
    }

    public long connectedAtMillis() {
        return connectedAtMillis;
    }

    /** KILL [CONNECTION]: stop the running statement and close the connection. */
    public void kill(boolean connectionToo) {
        if (connectionToo) killed = true;
        kills++;
        engine.cancel();
        if (connectionToo && abortConnection != null) abortConnection.run();
    }

    public boolean killed() {
        return killed;
    }

    /** Where LOAD DATA LOCAL INFILE reads the client's file during the current query; null outside one. */
    private java.util.function.Function<String, byte[]> localFiles;

    public void setLocalFiles(java.util.function.Function<String, byte[]> reader) {
        this.localFiles = reader;
    }

    /** The client's file, sent over the connection (1148 when the client offers none). */
    public byte[] localFile(String name) {
        if (localFiles == null) throw io.minisqld.server.error.ErrorCode.ER_NOT_ALLOWED_COMMAND.error();
        return localFiles.apply(name);
    }

    /**
     * How many KILL [QUERY|CONNECTION] this session has received: a wait the server runs itself
     * (not in the engine, whose statement {@code kill} cancels) ends when this changes.
     */
    public long kills() {
        return kills;
    }

    /**
     * Where the events this session applies came from: a replica's SQL thread binlogs them
     * (log_slave_updates) with the source's server id and event time, as MySQL keeps them.
     */
    public record ReplicatedOrigin(long serverId, long timestamp, int micros) {
    }

    /**
     * When the running statement began, in microseconds since the epoch: every NOW() of the
     * statement, and its binlog event's time, is this one instant. 0 before any statement.
     */
    public long statementMicros() {
        return statementMicros;
    }

    /** A data-changing statement of the open transaction ran, changing {@code rows}, begun at {@code micros}. */
    public void transactionChanged(long rows, long micros) {
        if (transactionStartMicros == 0) transactionStartMicros = micros;
        transactionRows += rows;
    }

    /** The transaction committed or rolled back. */
    public void transactionEnded() {
        transactionRows = 0;
        transactionStartMicros = 0;
    }

    public long transactionRows() {
        return transactionRows;
    }

    /** When the open transaction's first data-changing statement began, in microseconds; 0 before it. */
    public long transactionStartMicros() {
        return transactionStartMicros;
    }

    /** The session's RAND() generator. */
    public io.minisqld.server.engine.MysqlRandom random() {
        return random;
    }

    /** The origin of the events being applied, or null for a client's own statements. */
    public ReplicatedOrigin replicatedOrigin() {
        return origin;
    }

    /** Marks (or, with null, unmarks) the session as applying another server's events. */
    public void setReplicatedOrigin(ReplicatedOrigin origin) {
        this.origin = origin;
    }
}
