package io.minisqld.server.statements;

import io.minisqld.plugin.api.observer.TransactionContext;
import io.minisqld.plugin.api.observer.TransactionParam;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import io.minisqld.server.binlog.PendingEvent;
import io.minisqld.server.binlog.commit.BinlogService;
import io.minisqld.server.binlog.commit.GtidExecutedTable;
import io.minisqld.server.binlog.commit.TransactionCache;
import io.minisqld.server.binlog.event.QueryEvent;
import io.minisqld.server.gtid.Gtid;
import io.minisqld.server.error.ErrorCode;
import io.minisqld.server.error.SqlError;
import io.minisqld.server.result.OkResult;
import io.minisqld.server.result.StatementResult;
import io.minisqld.server.session.Session;
import io.minisqld.server.sql.StatementText;
import io.minisqld.server.sql.statement.TransactionStatement;

/**
 * Transaction boundaries as MySQL draws them: with autocommit on, a statement outside BEGIN …
 * COMMIT commits by itself; DDL and the account statements commit the open transaction first
 * (implicit commit); BEGIN commits a transaction that is already open. {@link #commit} is the one
 * place a transaction commits: through the binlog's commit pipeline when it wrote anything
 * (DESIGN.md's order), else an engine commit followed by after_commit. Runs on the session's thread.
 */
public final class Transactions {
    private final ServerContext server;
    private final ServerLocks locks;

    Transactions(ServerContext server, ServerLocks locks) {
        this.server = server;
        this.locks = locks;
    }

    /** BEGIN, START TRANSACTION, COMMIT and ROLLBACK. */
    StatementResult execute(Session s, TransactionStatement statement, StatementText text) {
        if (statement instanceof TransactionStatement.Begin begin) {
            // BEGIN commits a transaction that is already open and releases LOCK TABLES, as MySQL does
            if (s.inTransaction()) implicitCommit(s);
            locks.releaseTableLocks(s);
            s.setInTransaction(true);
            s.setReadOnlyTransaction(begin.readOnly() != null ? begin.readOnly() : s.nextTransactionReadOnly());
            if (begin.consistentSnapshot()) s.engine().startConsistentSnapshot();
        } else {
            Boolean said = statement instanceof TransactionStatement.Commit c ? c.chain()
                    : ((TransactionStatement.Rollback) statement).chain();
            boolean chain = said != null ? said : "CHAIN".equalsIgnoreCase(s.variables().string("completion_type"));
            String isolation = s.transactionIsolation();
            boolean readOnly = s.readOnlyTransaction();
            if (statement instanceof TransactionStatement.Commit) commit(s);
            else rollback(s);
            if (chain) {
                // AND CHAIN: the next transaction begins now, with the ended one's isolation and access mode
                if (!isolation.equals(s.transactionIsolation())) s.setNextTransactionIsolation(isolation);
                s.setInTransaction(true);
                s.setReadOnlyTransaction(readOnly);
            }
        }
        return OkResult.EMPTY;
    }

    /** Commits the session's transaction (see the class comment). */
    public void commit(Session s) {
        TransactionCache cache = s.binlogCache();
        Gtid gtid = gtidFor(s);
        boolean named = named(gtid);
        if (named && s.gtidSkipped()) {
            // B.5: the transaction of a GTID executed already ran none of its statements
            rollback(s);
            return;
        }
        // a client's SET gtid_next took the GTID already; an applier's is taken here
        boolean ownedBefore = named && gtid.equals(s.ownedGtid());
        if (named && !ownedBefore && !own(s, gtid)) {
            // B.5: a transaction whose GTID was executed already is skipped, its changes undone
            rollback(s);
            return;
        }
        boolean consumed = false;
        try {
            consumed = commitOwning(s, cache, gtid, named && (s.inTransaction() || !cache.isEmpty()
                    || s.transactionStartMicros() != 0));
        } finally {
            // a commit that used the GTID moved it into gtid_executed; anything else gives back
            // what this commit took (a read in autocommit mode leaves the client's GTID owned)
            if (named && consumed) s.setOwnedGtid(null);
            else if (named && !ownedBefore) server.gtids().release(gtid.uuid(), gtid.gno());
        }
    }

    /** Waits while another session owns the same GTID; false when it is executed already. */
    private boolean own(Session s, Gtid gtid) {
        long kills = s.kills();
        try {
            Boolean owned = server.gtids().own(gtid.uuid(), gtid.gno(), s.id(), () -> s.kills() != kills);
            if (owned == null) throw ErrorCode.ER_QUERY_INTERRUPTED.error();
            return owned;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ErrorCode.ER_QUERY_INTERRUPTED.error();
        }
    }

    /**
     * After {@code SET gtid_next}: a named GTID is owned from now on, as MySQL 5.7 owns it (a
     * second session naming it waits here until the owner commits or rolls back); one executed
     * already makes the next transaction a skipped one (B.5).
     */
    public void takeGtidNext(Session s) {
        s.setGtidSkipped(false);
        Gtid gtid = gtidFor(s);
        if (!named(gtid)) return;
        if (own(s, gtid)) s.setOwnedGtid(gtid);
        else s.setGtidSkipped(true);
    }

    /** Gives back the GTID the session owns (its transaction rolled back, or the client left). */
    public void releaseGtid(Session s) {
        Gtid owned = s.ownedGtid();
        if (owned == null) return;
        s.setOwnedGtid(null);
        server.gtids().release(owned.uuid(), owned.gno());
    }

    /**
     * Commits; {@code usesGtid} when the transaction takes the GTID gtid_next names (it changed
     * data or was begun explicitly; a read in autocommit mode leaves it for the next). Returns
     * whether the GTID was used.
     */
    private boolean commitOwning(Session s, TransactionCache cache, Gtid gtid, boolean usesGtid) {
        if (usesGtid) s.setGtidNextUsed(true);
        boolean logged = server.binlog() != null && (!cache.isEmpty() || usesGtid && logging(s) && s.inTransaction());
        // a commit of changes waits while another session holds the global read lock; one that
        // gives up (1205) leaves the transaction open, as MySQL's does
        ServerLocks.Registration commitLock = logged ? locks.commitStarts(s) : null;
        try {
            if (logged) {
                PendingEvent begin = BinlogEvents.query(s, serverIdFor(s),
                        cache.isEmpty() ? nowFor(s) : cache.firstTimestamp(), s.database(), "BEGIN");
                try {
                    TransactionContext context = server.observers().transaction().isEmpty() ? TransactionContext.UNKNOWN
                            : context(s, null);
                    if (cache.isEmpty()) {
                        // an empty transaction with gtid_next set: GTID, BEGIN, COMMIT, as MySQL's way to skip one
                        server.binlog().logEmptyTransaction(begin, BinlogEvents.query(s, serverIdFor(s),
                                nowFor(s), s.database(), "COMMIT"), s.id(), context, gtid);
                        s.engine().commit();
                    } else {
                        server.binlog().commit(s.engine(), cache, begin, s.id(), serverIdFor(s), context, gtid);
                    }
                } catch (SqlError e) {
                    rollback(s);
                    throw e;
                } finally {
                    locks.commitEnded(s, commitLock);
                }
            } else {
                // a GTID the binlog does not record is kept in mysql.gtid_executed, in the transaction (B.6)
                if (usesGtid) GtidExecutedTable.addInTransaction(s.engine(), gtid.uuid(), gtid.gno());
                s.engine().commit();
                if (usesGtid) {
                    server.gtids().committed(gtid.uuid(), gtid.gno());
                    server.gtidTable().get().added(server.variables().globalLong("gtid_executed_compression_period"));
                }
                if (!server.observers().transaction().isEmpty()) {
                    server.observers().transaction().afterCommit(transactionParam(s));
                }
            }
        } finally {
            cache.clear();
            s.transactionEnded();
            if (s.inTransaction()) s.transactionCharacteristicsUsed();
            s.setInTransaction(false);
        }
        return usesGtid;
    }

    /** Rolls back the session's transaction with the before_rollback and after_rollback hooks. */
    public void rollback(Session s) {
        if (named(gtidFor(s)) && (s.inTransaction() || !s.binlogCache().isEmpty() || s.ownedGtid() != null
                || s.gtidSkipped())) {
            s.setGtidNextUsed(true);
        }
        // ROLLBACK ends ownership, as COMMIT does (the GTID stays unexecuted)
        releaseGtid(s);
        s.setGtidSkipped(false);
        boolean hooks = !server.observers().transaction().isEmpty();
        TransactionCache cache = s.binlogCache();
        try {
            if (hooks) server.observers().transaction().beforeRollback(transactionParam(s));
            s.engine().rollback();
            if (hooks) server.observers().transaction().afterRollback(transactionParam(s));
            // the temporary tables the transaction made or dropped stay so: MySQL 5.7's warnings, and
            // their statements logged, each on its own, for the replicas to do the same
            if (cache.createdTemporaryTable()) s.warn(ErrorCode.ER_WARNING_NOT_COMPLETE_ROLLBACK_WITH_CREATED_TEMP_TABLE);
            if (cache.droppedTemporaryTable()) s.warn(ErrorCode.ER_WARNING_NOT_COMPLETE_ROLLBACK_WITH_DROPPED_TEMP_TABLE);
            for (PendingEvent ddl : List.copyOf(cache.temporaryTableDdl())) {
                if (ddl.body() instanceof QueryEvent q) logCommitted(s, q.database(), q.sql());
            }
        } finally {
            s.binlogCache().clear();
            s.transactionEnded();
            if (s.inTransaction()) s.transactionCharacteristicsUsed();
            s.setInTransaction(false);
        }
    }

    /**
     * At the session's end, the drop of the temporary tables its replicas were given (created in
     * STATEMENT or MIXED format), as MySQL 5.7 logs it: {@code DROP /*!40005 TEMPORARY *}{@code /
     * TABLE IF EXISTS …}; the replicas' applier would otherwise keep them, and a later session's
     * table of the same name stop it with 1050.
     */
    public void dropTemporaryTablesAtEnd(Session s) {
        if (!s.temporaryTablesLogged() || s.temporaryTables().isEmpty() || !logging(s)) return;
        StringBuilder sql = new StringBuilder("DROP /*!40005 TEMPORARY */ TABLE IF EXISTS ");
        String sep = "";
        for (String name : new java.util.TreeSet<>(s.temporaryTables())) {
            int dot = name.indexOf('.');
            sql.append(sep).append(io.minisqld.server.grant.AccountName.backquote(name.substring(0, dot))).append('.')
                    .append(io.minisqld.server.grant.AccountName.backquote(name.substring(dot + 1)));
            sep = ",";
        }
        logCommitted(s, null, sql.toString());
    }

    /** Commits the open transaction before a statement that commits implicitly. */
    void implicitCommit(Session s) {
        if (!s.inTransaction()) return;
        // B.5: the transaction gtid_next names cannot end by a statement's implicit commit (the
        // statement would then run without a GTID of its own); the transaction stays open
        if (named(gtidFor(s))) throw ErrorCode.ER_CANT_DO_IMPLICIT_COMMIT_IN_TRX_WHEN_GTID_NEXT_IS_SET.error();
        commit(s);
    }

    /** Asks the before_dml observers; a veto is 3100. */
    void beforeDml(Session s, String statement) {
        if (!server.observers().transaction().isEmpty() && !server.observers().transaction().beforeDml(
                new TransactionParam(server.serverId(), "", s.id(), true, null, context(s, statement)))) {
            throw ErrorCode.ER_BEFORE_DML_VALIDATION_ERROR.error();
        }
    }

    TransactionParam transactionParam(Session s) {
        return new TransactionParam(server.serverId(), "", s.id(), true, null, context(s, null));
    }

    /**
     * The hooks' view of the session's transaction: who, where, its logged statements (then
     * {@code next}, the statement about to run, when given), its rows and start. No XID yet.
     */
    static TransactionContext context(Session s, String next) {
        List<String> statements = new ArrayList<>(s.binlogCache().statements());
        if (next != null) statements.add(next);
        long began = s.transactionStartMicros() != 0 ? s.transactionStartMicros() : ServerValues.statementMicros(s);
        return new TransactionContext(s.user(), s.account().clientHost(), s.database(), statements,
                s.transactionRows(), Instant.ofEpochSecond(Math.floorDiv(began, 1_000_000),
                Math.floorMod(began, 1_000_000) * 1000L), 0, null, s.binlogCache().rowChanges());
    }

    /** Whether a transaction observer is installed: then each statement's changed rows are kept for it. */
    boolean observersWantRows() {
        return !server.observers().transaction().isEmpty();
    }

    /** Whether the session's changes go to the binlog (log_bin on, sql_log_bin on). */
    boolean logging(Session s) {
        return server.binlog() != null && s.variables().bool("sql_log_bin");
    }

    /** Writes a statement the engine already committed (DDL, accounts) as one QUERY event. */
    void logCommitted(Session s, String database, String sql) {
        Gtid next = gtidFor(s);
        if (named(next)) s.setGtidNextUsed(true);
        try {
            logCommittedAs(s, database, sql, next);
        } finally {
            // the statement used the GTID the session owned: ownership ends (a no-op once executed)
            if (named(next) && next.equals(s.ownedGtid())) releaseGtid(s);
        }
    }

    private void logCommittedAs(Session s, String database, String sql, Gtid next) {
        if (!logging(s)) {
            // a replicated statement the binlog does not record keeps its GTID in mysql.gtid_executed (B.6)
            if (named(next) && server.gtidTable().get() != null) {
                // one row, counted towards gtid_executed_compression_period as any transaction's (B.6)
                server.gtidTable().get().addCommitted(next.uuid(), next.gno());
                server.gtids().committed(next.uuid(), next.gno());
                server.gtidTable().get().added(server.variables().globalLong("gtid_executed_compression_period"));
            }
            return;
        }
        TransactionContext context = server.observers().transaction().isEmpty() ? TransactionContext.UNKNOWN
                : new TransactionContext(s.user(), s.account().clientHost(), database, List.of(sql), 0,
                Instant.ofEpochSecond(nowFor(s)), 0, null);
        server.binlog().logCommittedStatement(BinlogEvents.query(s, serverIdFor(s), nowFor(s), database, sql), s.id(),
                context, next);
    }

    /** Whether gtid_next names a GTID (neither AUTOMATIC nor ANONYMOUS). */
    static boolean named(Gtid gtid) {
        return gtid != null && gtid != BinlogService.ANONYMOUS;
    }

    /**
     * The GTID a session's next transaction is written with (B.5 gtid_next): null for AUTOMATIC
     * (gtid_mode decides), {@link BinlogService#ANONYMOUS}, or the one named.
     */
    static Gtid gtidFor(Session s) {
        String next = s.variables().string("gtid_next");
        if (next == null || next.equalsIgnoreCase("AUTOMATIC")) return null;
        if (next.equalsIgnoreCase("ANONYMOUS")) return BinlogService.ANONYMOUS;
        return Gtid.parse(next, "gtid_next");
    }

    /** The server id a session's events carry: the source's while it applies replicated events. */
    long serverIdFor(Session s) {
        Session.ReplicatedOrigin o = s.replicatedOrigin();
        return o == null ? server.serverId() : o.serverId();
    }

    /** The event time of a session's statements: the source's while it applies replicated events. */
    long nowFor(Session s) {
        return Math.floorDiv(ServerValues.statementMicros(s), 1_000_000);
    }
}
