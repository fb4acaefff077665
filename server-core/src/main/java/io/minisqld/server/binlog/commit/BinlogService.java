package io.minisqld.server.binlog.commit;

import io.minisqld.plugin.api.LogPosition;
import io.minisqld.plugin.api.observer.BinlogStorageParam;
import io.minisqld.plugin.api.observer.TransactionContext;
import io.minisqld.plugin.api.observer.TransactionParam;
import io.minisqld.server.binlog.BinlogFileInfo;
import io.minisqld.server.binlog.BinlogFileSet;
import io.minisqld.server.binlog.BinlogSettings;
import io.minisqld.server.binlog.PendingEvent;
import io.minisqld.server.binlog.event.EventFlags;
import io.minisqld.server.binlog.event.EventHeaderFields;
import io.minisqld.server.binlog.event.GtidEvent;
import io.minisqld.server.binlog.event.QueryEvent;
import io.minisqld.server.binlog.event.XidEvent;
import io.minisqld.server.engine.EngineSession;
import io.minisqld.server.engine.StorageEngine;
import io.minisqld.server.error.ErrorCode;
import io.minisqld.server.error.SqlError;
import io.minisqld.server.gtid.Gtid;
import io.minisqld.server.gtid.GtidSet;
import io.minisqld.server.gtid.GtidState;
import io.minisqld.server.observer.ObserverRegistry;
import io.minisqld.server.storage.FileLayer;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The binary log as the server's commit path (DESIGN.md "commit order"): a binlogged
 * transaction records its XID in the engine → {@code before_commit} → group commit (the leader
 * writes the group, {@code after_flush} once with the group's end, one fsync per
 * {@code sync_binlog}, publishes the new end, hands over the flush stage, {@code after_sync} once)
 * → engine commit → {@code after_commit} with the transaction's own end → OK.
 *
 * <p>DDL and account statements are committed by the engine as they run (MySQL 5.7's non-atomic
 * DDL); the engine is synced before the binlog records them, so recovery never needs to replay
 * them.
 *
 * <p>Readers (dump threads) see the binlog only up to {@link #publishedEnd()}, which moves after
 * after_flush and the sync. Thread-safety: the file set has its own lock; {@link #publishLock}
 * guards the published end and its condition; neither is held while calling hooks.
 */
public final class BinlogService implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(BinlogService.class);

    private final FileLayer layer;
    private final BinlogFileSet files;
    private final StorageEngine engine;
    private final ObserverRegistry observers;
    private final Clock clock;
    private final LongSupplier syncBinlog;
    private volatile LongSupplier syncDelayMicros = () -> 0;
    private volatile LongSupplier syncNoDelayCount = () -> 0;
    private final Runnable abortServer;
    private final long serverId;
    private final CommitWatermark watermark;
    private final GroupCommit<Ticket> groupCommit;
    private final GtidState gtids;
    /**
     * Serialises what numbers transactions within a file: the flush stage, FLUSH LOGS and RESET
     * MASTER (a rotation restarts the logical clock's numbers, B.4).
     */
    private final ReentrantLock fileLock = new ReentrantLock();
    /** The logical clock (B.4): the last sequence number handed out, absolute; flush stage only. */
    private long sequenceCounter;
    /** {@link #sequenceCounter} when the current file began: numbers in the file are relative to it. */
    private long fileOffset;
    /** The highest sequence number whose engine commit completed. */
    private final java.util.concurrent.atomic.AtomicLong maxCommitted = new java.util.concurrent.atomic.AtomicLong();
    private final ReentrantLock publishLock = new ReentrantLock();
    private final Condition publishedChanged = publishLock.newCondition();
    private volatile LogPosition published;
    private long groupsSinceSync;
    private LogPosition lastCheckpoint;
    private volatile boolean closed;
    /** What start-up recovery found, until {@link #finishRecovery} has re-applied it. */
    private BinlogRecovery.Outcome recovery;
    private GtidExecutedTable gtidTable;
    // status counters (SHOW GLOBAL STATUS LIKE 'Binlog%'): bumped by the leader, read by any thread
    private final LongAdder commitsWritten = new LongAdder();
    private final LongAdder groupsWritten = new LongAdder();
    private final LongAdder fsyncs = new LongAdder();

    private BinlogService(FileLayer layer, BinlogFileSet files, StorageEngine engine, ObserverRegistry observers,
                          Clock clock, LongSupplier syncBinlog, Runnable abortServer, long firstXid, GtidState gtids) {
        this.gtids = gtids;
        this.layer = layer;
        this.files = files;
        this.engine = engine;
        this.observers = observers;
        this.clock = clock;
        this.syncBinlog = syncBinlog;
        this.abortServer = abortServer;
        this.serverId = files.settings().serverId();
        this.published = files.end();
        this.lastCheckpoint = null;
        this.watermark = new CommitWatermark(firstXid, files.end());
        this.groupCommit = new GroupCommit<>(new Stages(), new GroupCommit.Delay() {
            @Override
            public long nanos() {
                long micros = syncDelayMicros.getAsLong();
                if (micros <= 0) return 0;
                // as MySQL 5.7: only a group that will sync waits (with sync_binlog=0, every group)
                long sync = syncBinlog.getAsLong();
                return sync == 0 || groupsSinceSync + 1 >= sync ? micros * 1000 : 0;
            }

            @Override
            public long count() {
                return syncNoDelayCount.getAsLong();
            }
        });
    }

    /**
     * Where {@code binlog_group_commit_sync_delay} (µs) and {@code
     * binlog_group_commit_sync_no_delay_count} are read, at each group (0 and 0 until set).
     */
    public void groupCommitDelay(LongSupplier delayMicros, LongSupplier noDelayCount) {
        this.syncDelayMicros = delayMicros;
        this.syncNoDelayCount = noDelayCount;
    }

    /**
     * Prepares crash recovery if the last binlog was left open (truncating a torn tail, finding
     * what the engine lacks), then opens a new binlog file, as mysqld does at every start. The
     * server re-applies what the engine lacks with {@link #finishRecovery} before it serves
     * anyone.
     */
    public static BinlogService open(FileLayer layer, BinlogSettings settings, StorageEngine engine,
                                     ObserverRegistry observers, Clock clock, LongSupplier syncBinlog,
                                     Runnable abortServer, GtidState gtids) throws IOException {
        BinlogRecovery.Outcome recovery = new BinlogRecovery(layer, settings, engine).run();
        GtidExecutedTable table = GtidExecutedTable.open(engine);
        GtidRecovery.recover(layer, settings, table.read(), gtids);
        BinlogFileSet files = BinlogFileSet.open(layer, settings, clock, gtids::logged);
        BinlogService service = new BinlogService(layer, files, engine, observers, clock, syncBinlog, abortServer,
                recovery.firstXid(), gtids);
        service.gtidTable = table;
        service.recovery = recovery;
        return service;
    }

    /**
     * Re-applies, through {@code replayer}, the binlogged transactions the engine lost in a crash,
     * then checkpoints: the new file starts a clean slate, nothing before it needs replaying.
     * Called once, before the server accepts connections or starts replicating.
     */
    public synchronized void finishRecovery(BinlogRecovery.Replayer replayer) {
        BinlogRecovery.Outcome r = recovery;
        if (r == null) throw new IllegalStateException("binlog recovery already finished");
        recovery = null;
        BinlogRecovery.replay(engine, r, replayer);
        checkpointNow();
    }

    public BinlogFileSet files() {
        return files;
    }

    public FileLayer layer() {
        return layer;
    }

    /**
     * {@code Binlog_commits} (MariaDB's name): transactions written to the binlog by group
     * commit, DML transactions and logged DDL/account statements alike.
     */
    public long commitsWritten() {
        return commitsWritten.sum();
    }

    /** {@code Binlog_group_commits} (MariaDB's name): groups written, one leader's flush each. */
    public long groupsWritten() {
        return groupsWritten.sum();
    }

    /**
     * {@code Binlog_fsyncs} (minisqld's own): fsyncs of the binlog done by group commit, at most
     * one per group with {@code sync_binlog=1}, none with {@code sync_binlog=0}.
     */
    public long fsyncs() {
        return fsyncs.sum();
    }

    /** What dump threads may read: the end of the last synced group. */
    public LogPosition publishedEnd() {
        return published;
    }

    /**
     * Waits until the published end differs from {@code seen} or the timeout passes; returns the
     * published end. Dump threads wait here instead of polling the disk.
     */
    public LogPosition awaitPublished(LogPosition seen, long timeout, TimeUnit unit) throws InterruptedException {
        long nanos = unit.toNanos(timeout);
        publishLock.lock();
        try {
            while (published.equals(seen) && nanos > 0 && !closed) {
                nanos = publishedChanged.awaitNanos(nanos);
            }
            return published;
        } finally {
            publishLock.unlock();
        }
    }

    private void publish(LogPosition end) {
        publishLock.lock();
        try {
            published = end;
            publishedChanged.signalAll();
        } finally {
            publishLock.unlock();
        }
    }

    /**
     * Commits a session's binlogged transaction in DESIGN.md's order. {@code begin} is the BEGIN
     * query event (with the session's status variables). Throws 3100 if before_commit fails (the
     * transaction is then rolled back), 1598 if the binlog cannot be written.
     */
    public void commit(EngineSession engineSession, TransactionCache cache, PendingEvent begin, long threadId) {
        commit(engineSession, cache, begin, threadId, serverId, TransactionContext.UNKNOWN);
    }

    /**
     * As {@link #commit(EngineSession, TransactionCache, PendingEvent, long)}, with the XID event
     * written under {@code originServerId}: a replica's SQL thread keeps the source's server id
     * in its own binlog (log_slave_updates), as MySQL does. The hooks get {@code context} with
     * the XID this commit writes.
     */
    public void commit(EngineSession engineSession, TransactionCache cache, PendingEvent begin, long threadId,
                       long originServerId, TransactionContext context) {
        commit(engineSession, cache, begin, threadId, originServerId, context, null);
    }

    /**
     * As {@link #commit(EngineSession, TransactionCache, PendingEvent, long, long, TransactionContext)},
     * the transaction written with {@code gtid}: null for what {@code gtid_mode} gives a new
     * transaction (B.2), {@link #ANONYMOUS} for none, or the GTID a replicated transaction or
     * {@code gtid_next} names.
     */
    public void commit(EngineSession engineSession, TransactionCache cache, PendingEvent begin, long threadId,
                       long originServerId, TransactionContext context, Gtid gtid) {
        long lastCommitted = maxCommitted.get();
        long xid = watermark.assignXid();
        try {
            engineSession.recordXid(xid);
        } catch (SqlError e) {
            watermark.abandon(xid);
            throw e;
        }
        TransactionContext withXid = context == TransactionContext.UNKNOWN ? context
                : new TransactionContext(context.user(), context.host(), context.database(), context.statements(),
                        context.rowsAffected(), context.startTime(), xid, context.gtid(), context.rowChanges());
        TransactionParam param = new TransactionParam(serverId, "", threadId, true, null, withXid);
        if (!observers.transaction().isEmpty() && !observers.transaction().beforeCommit(param)) {
            watermark.abandon(xid);
            throw ErrorCode.ER_RUN_HOOK_ERROR.error("before_commit");
        }
        List<PendingEvent> events = new ArrayList<>(cache.events().size() + 3);
        events.add(null); // the GTID event, numbered in the flush stage
        events.add(begin);
        events.addAll(cache.events());
        events.add(new PendingEvent(EventHeaderFields.of(clock.millis() / 1000, originServerId), new XidEvent(xid)));
        boolean statements = false;
        for (PendingEvent e : cache.events()) statements |= e.body() instanceof QueryEvent;
        Ticket ticket = new Ticket(events, xid, gtid, lastCommitted, statements, begin.header());
        groupCommit.commit(ticket);
        if (ticket.failure != null) {
            throw ticket.failure;
        }
        boolean engineCommitted = false;
        try {
            engineSession.commit();
            engineCommitted = true;
        } finally {
            // a transaction in the binlog that the engine did not commit stays outside every
            // checkpoint, so that recovery after a crash re-applies it
            if (engineCommitted) {
                watermark.engineCommitted(ticket.seq);
            } else {
                log.error("The engine failed to commit the binlogged transaction with XID {}; checkpoints stay before it", xid);
            }
            committed(ticket);
        }
        if (!observers.transaction().isEmpty()) {
            observers.transaction().afterCommit(new TransactionParam(serverId, "", threadId, true, ticket.end,
                    withGtid(withXid, ticket)));
        }
    }

    /**
     * Logs a statement the engine already committed (DDL, CREATE USER, …) as one QUERY event:
     * the engine is synced first, so a binlogged DDL is never missing from the engine.
     */
    public void logCommittedStatement(PendingEvent query, long threadId) {
        logCommittedStatement(query, threadId, TransactionContext.UNKNOWN);
    }

    /** As {@link #logCommittedStatement(PendingEvent, long)}, the hooks getting {@code context}. */
    public void logCommittedStatement(PendingEvent query, long threadId, TransactionContext context) {
        logCommittedStatement(query, threadId, context, null);
    }

    /** As {@link #logCommittedStatement(PendingEvent, long, TransactionContext)}, written with {@code gtid}. */
    public void logCommittedStatement(PendingEvent query, long threadId, TransactionContext context, Gtid gtid) {
        // MySQL 5.7 writes DDL through the same binlog commit, which runs before_commit; the DDL
        // itself cannot be undone any more (non-atomic DDL), so a failure only keeps it unlogged
        if (!observers.transaction().isEmpty()
                && !observers.transaction().beforeCommit(new TransactionParam(serverId, "", threadId, true, null, context))) {
            throw ErrorCode.ER_RUN_HOOK_ERROR.error("before_commit");
        }
        engine.sync();
        logWithoutEngineCommit(List.of(query), threadId, context, gtid);
    }

    /**
     * Logs a transaction that changed nothing but has a GTID of its own ({@code SET gtid_next};
     * BEGIN; COMMIT): GTID, BEGIN and COMMIT, as MySQL writes it to skip a transaction.
     */
    public void logEmptyTransaction(PendingEvent begin, PendingEvent commit, long threadId, TransactionContext context,
                                    Gtid gtid) {
        logWithoutEngineCommit(List.of(begin, commit), threadId, context, gtid);
    }

    /**
     * Writes {@code body} (after a GTID event numbered in the flush stage) through the group commit
     * for something with no engine transaction left to commit, then runs the after_commit hooks.
     */
    private void logWithoutEngineCommit(List<PendingEvent> body, long threadId, TransactionContext context, Gtid gtid) {
        List<PendingEvent> events = new ArrayList<>(body.size() + 1);
        events.add(null);
        events.addAll(body);
        Ticket ticket = new Ticket(events, 0, gtid, maxCommitted.get(), true, body.get(0).header());
        groupCommit.commit(ticket);
        if (ticket.failure != null) throw ticket.failure;
        committed(ticket);
        if (!observers.transaction().isEmpty()) {
            observers.transaction().afterCommit(new TransactionParam(serverId, "", threadId, true, ticket.end,
                    withGtid(context, ticket)));
        }
    }

    /** What a transaction written with it gets instead of a GTID: an ANONYMOUS_GTID event. */
    public static final Gtid ANONYMOUS = new Gtid(GtidEvent.NO_UUID, 0);

    /** The engine committed a ticket's transaction: the logical clock and gtid_executed move. */
    private void committed(Ticket t) {
        maxCommitted.accumulateAndGet(t.sequence, Math::max);
        if (t.assigned != null) gtids.committed(t.assigned.uuid(), t.assigned.gno());
    }

    /** What a binlog file's PREVIOUS_GTIDS event lists (empty for a file without one). */
    public GtidSet previousGtids(String file) throws IOException {
        return GtidRecovery.previousGtids(layer, files.path(file));
    }

    /** mysql.gtid_executed. */
    public GtidExecutedTable gtidTable() {
        return gtidTable;
    }

    /** The GTIDs this server executed, purged and logged. */
    public GtidState gtids() {
        return gtids;
    }

    /**
     * Gives the ticket its GTID event: its GTID (B.2: the one asked for, a new one when gtid_mode
     * assigns them, else anonymous) and its logical clock numbers relative to the file (B.4).
     * Flush stage, under {@link #fileLock}.
     */
    private void number(Ticket t) {
        long seq = ++sequenceCounter;
        t.sequence = seq;
        long lc = t.lastCommitted <= fileOffset ? 0 : t.lastCommitted - fileOffset;
        int flags = t.statements ? GtidEvent.FLAG_MAY_HAVE_SBR : 0;
        GtidEvent event;
        Gtid g = t.gtid;
        if (g == null && gtids.mode().assignsGtids()) g = new Gtid(gtids.serverUuid(), gtids.assign());
        else if (g != null && g != ANONYMOUS) gtids.logged(g.uuid(), g.gno());
        if (g == null || g == ANONYMOUS) {
            event = GtidEvent.anonymous(flags, lc, seq - fileOffset);
        } else {
            t.assigned = g;
            event = new GtidEvent(false, flags, g.uuid(), g.gno(), lc, seq - fileOffset);
        }
        EventHeaderFields h = t.firstHeader;
        t.events.set(0, new PendingEvent(new EventHeaderFields(h.timestamp(), h.serverId(),
                event.anonymous() ? EventFlags.IGNORABLE : 0), event));
    }

    /** The after_commit hooks' context with the GTID the flush stage gave the transaction (null when anonymous). */
    private static TransactionContext withGtid(TransactionContext c, Ticket t) {
        if (t.assigned == null || c == TransactionContext.UNKNOWN) return c;
        return new TransactionContext(c.user(), c.host(), c.database(), c.statements(), c.rowsAffected(), c.startTime(),
                c.xid(), t.assigned.toString(), c.rowChanges());
    }

    /** A rotation: the new file numbers its transactions from 1 again. Under {@link #fileLock}. */
    private void fileStarted() {
        fileOffset = sequenceCounter;
    }

    /** A transaction's events on their way through group commit. */
    private static final class Ticket implements GroupCommit.Member {
        final List<PendingEvent> events;
        final long xid;
        final Gtid gtid;
        final long lastCommitted;
        final boolean statements;
        final EventHeaderFields firstHeader;
        LogPosition end;
        long seq;
        long sequence;
        Gtid assigned;
        volatile RuntimeException failure;

        Ticket(List<PendingEvent> events, long xid, Gtid gtid, long lastCommitted, boolean statements,
               EventHeaderFields firstHeader) {
            this.events = events;
            this.xid = xid;
            this.gtid = gtid;
            this.lastCommitted = lastCommitted;
            this.statements = statements;
            this.firstHeader = firstHeader;
        }

        @Override
        public void fail(RuntimeException error) {
            if (failure == null) failure = error;
        }

        @Override
        public boolean done() {
            return end != null || failure != null;
        }
    }

    private final class Stages implements GroupCommit.Stages<Ticket> {
        @Override
        public void flushAndSync(List<Ticket> group) {
            if (closed) throw ErrorCode.ER_BINLOG_LOGGING_IMPOSSIBLE.error("the binary log is closed");
            fileLock.lock();
            try {
                flushAndSyncNumbered(group);
            } finally {
                fileLock.unlock();
            }
        }

        private void flushAndSyncNumbered(List<Ticket> group) {
            LogPosition end;
            try {
                for (Ticket t : group) {
                    number(t);
                    t.end = files.append(t.events);
                }
                end = group.get(group.size() - 1).end;
            } catch (IOException e) {
                throw fatal("flush", e);
            }
            if (!observers.binlogStorage().isEmpty()
                    && !observers.binlogStorage().afterFlush(new BinlogStorageParam(serverId, end))) {
                log.error("Failed to run 'after_flush' hooks");
                throw fatal("flush", null);
            }
            long sync = syncBinlog.getAsLong();
            if (sync > 0 && ++groupsSinceSync >= sync) {
                groupsSinceSync = 0;
                try {
                    files.force();
                } catch (IOException e) {
                    throw fatal("sync", e);
                }
                fsyncs.increment();
            }
            commitsWritten.add(group.size());
            groupsWritten.increment();
            for (Ticket t : group) {
                t.seq = watermark.flushed(t.xid, t.end);
            }
            publish(end);
            if (files.shouldRotate()) {
                try {
                    publish(files.rotate());
                    fileStarted();
                } catch (IOException e) {
                    throw fatal("flush", e);
                }
            }
        }

        @Override
        public void afterSync(List<Ticket> group) {
            if (observers.binlogStorage().isEmpty()) return;
            LogPosition end = group.get(group.size() - 1).end;
            if (!observers.binlogStorage().afterSync(new BinlogStorageParam(serverId, end))) {
                log.error("Failed to run 'after_sync' hooks");
                throw fatal("sync", null);
            }
        }
    }

    /** MySQL's binlog_error_action=ABORT_SERVER: a binlog that cannot be written stops the server. */
    private SqlError fatal(String stage, IOException cause) {
        log.error("An error occurred during {} stage of the commit. 'binlog_error_action' is set to 'ABORT_SERVER'. "
                + "Server is being stopped.{}", stage, cause == null ? "" : " (" + cause + ")");
        closed = true;
        abortServer.run();
        return ErrorCode.ER_BINLOG_LOGGING_IMPOSSIBLE.error("An error occurred during " + stage
                + " stage of the commit. 'binlog_error_action' is set to 'ABORT_SERVER'.");
    }

    /**
     * Records an engine checkpoint at the end of the fully engine-committed prefix of the binlog,
     * so that crash recovery starts there. Called periodically and at shutdown.
     */
    public synchronized void checkpointNow() {
        // a start that fails before recovery re-applied the lost transactions keeps them for the next
        if (recovery != null) return;
        CommitWatermark.Mark mark = watermark.mark();
        if (mark.prefixEnd().equals(lastCheckpoint)) return;
        engine.checkpoint(mark.prefixEnd(), mark.xidFloor());
        lastCheckpoint = mark.prefixEnd();
    }

    /** FLUSH LOGS: close the current file with a ROTATE event and continue in the next. */
    public void rotate() {
        fileLock.lock();
        try {
            publish(files.rotate());
            fileStarted();
        } catch (IOException e) {
            throw ErrorCode.ER_ERROR_WHEN_EXECUTING_COMMAND.error("FLUSH LOGS", e.getMessage());
        } finally {
            fileLock.unlock();
        }
    }

    /** RESET MASTER: every binlog file is deleted and numbering starts again at .000001. */
    public void reset() {
        fileLock.lock();
        try {
            // B.10: no GTID executed or purged any more, the table emptied, the first file lists none
            gtids.reset();
            gtidTable.clear();
            files.reset();
            fileStarted();
            publish(files.end());
            watermark.restartAt(files.end());
            checkpointNow();
        } catch (IOException e) {
            throw ErrorCode.ER_ERROR_WHEN_EXECUTING_COMMAND.error("RESET MASTER", e.getMessage());
        } finally {
            fileLock.unlock();
        }
    }

    public List<BinlogFileInfo> list() {
        try {
            return files.files();
        } catch (IOException e) {
            throw ErrorCode.ER_UNKNOWN_ERROR.error(e.getMessage());
        }
    }

    public List<String> purgeTo(String file) throws IOException {
        List<String> gone = files.purgeTo(file);
        purgedGtids();
        return gone;
    }

    public List<String> purgeBefore(Instant before) throws IOException {
        List<String> gone = files.purgeBefore(before);
        purgedGtids();
        return gone;
    }

    /** After a purge, gtid_purged gains what the oldest file left lists as before it (B.10). */
    private void purgedGtids() throws IOException {
        gtids.purgedUpTo(GtidRecovery.previousGtids(layer, files.path(files.fileNames().get(0))));
    }

    /**
     * SET GLOBAL gtid_purged (B.5): on a server that executed nothing, the set counts as executed
     * and purged; kept in mysql.gtid_executed, as no binlog file holds it.
     */
    public void setPurged(GtidSet set) {
        gtids.setPurged(set);
        gtidTable.add(set);
    }

    /** Clean shutdown: STOP event, in-use flag cleared, engine synced and checkpointed at the end. */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        try {
            checkpointNow();
            files.close();
        } catch (IOException | RuntimeException e) {
            log.error("closing the binary log: {}", e.toString());
        }
        publish(published);
    }
}
