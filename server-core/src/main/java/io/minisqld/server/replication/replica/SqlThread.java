package io.minisqld.server.replication.replica;

import io.minisqld.plugin.api.LogPosition;
import io.minisqld.server.binlog.BinlogReader;
import io.minisqld.server.binlog.PositionedEvent;
import io.minisqld.server.binlog.event.EventBody;
import io.minisqld.server.binlog.event.IntvarEvent;
import io.minisqld.server.binlog.event.QueryEvent;
import io.minisqld.server.binlog.event.UserVarEvent;
import io.minisqld.server.engine.StorageEngine;
import io.minisqld.server.error.ErrorCode;
import io.minisqld.server.error.SqlError;
import io.minisqld.server.session.Session;
import io.minisqld.server.storage.FileLayer;
import java.io.IOException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The replica's SQL (applier) thread: reads the relay log up to its synced end, has the
 * {@link EventGrouper} group events into transactions, and applies each group through the
 * statement executor (in the source session's context, {@link SourceSessionContext}) in one engine
 * transaction that also records the group's end in {@code mysql.slave_relay_log_info} (crash-safe
 * replica, MySQL's {@code relay_log_info_repository=TABLE}). A group is applied only once it is
 * whole in the relay log, so STOP SLAVE SQL_THREAD never leaves half a transaction.
 *
 * <p>Positions follow protocol.md §2.3.2: Relay_Master_Log_File from ROTATE bodies,
 * Exec_Master_Log_Pos from each applied group's last header {@code log_pos} (and from events
 * outside groups, artificial ones excepted), Relay_Log_File/Pos the relay event after the group.
 *
 * <p>Threads: {@link #run} runs on its own thread; {@link #requestStop} and the status getters are
 * called from sessions. Status fields are volatile; the session and engine session are used by the
 * SQL thread only.
 */
final class SqlThread implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(SqlThread.class);
    private static final DateTimeFormatter ERROR_TIMESTAMP = DateTimeFormatter.ofPattern("yyMMdd HH:mm:ss");

    static final String STATE_READING = "Reading event from the relay log";
    static final String STATE_WAITING = "Slave has read all relay log; waiting for more updates";
    static final String STATE_APPLYING = "System lock";

    /** What the thread needs from the server. */
    record Config(RelayLog relayLog, FileLayer layer, Applier applier, StorageEngine engine,
                  Session session, LongSupplier ownServerId, BooleanSupplier binlogged,
                  BooleanSupplier relayLogPurge, ThreadFactory threads, AppliedPositionWaits waits,
                  io.minisqld.server.gtid.GtidState gtids, ParallelApply.Settings parallel,
                  TransactionRetries retries) {
    }

    private final Config config;
    private final Session session;
    /** What is committed: the position recorded with the last transaction applied (in order). */
    private volatile RelayLogInfo applied;
    /**
     * Where the coordinator is: the position after the last group it applied or gave to a worker.
     * Equal to {@link #applied} without workers, and whenever the workers have nothing.
     */
    private RelayLogInfo cursor;
    /** The workers (slave_parallel_workers &gt; 0), for the thread's run; null without them. */
    private ParallelApply workers;
    private volatile boolean stopRequested;
    private volatile boolean running;
    private volatile boolean idle;
    /**
     * Applied transactions committed in the engine but not yet synced: the replica's commits are
     * made durable together, as InnoDB's {@code innodb_flush_log_at_trx_commit=2} flushes its log
     * (once a second, {@code innodb_flush_log_at_timeout}'s default): while the thread waits for
     * more once {@link #SYNC_AFTER_NANOS} passed since the last sync, at most every {@link
     * #SYNC_EVERY} transactions, and at exit. The position is in the same transactions, so a crash
     * loses a suffix of both and the thread applies it again from the relay log (durable before
     * the IO thread counted it): no gap, no duplicate. A sync per transaction whenever the thread
     * caught up (one client on the source) put an engine fsync beside each binlog and relay log
     * fsync on the disk.
     */
    private int unsynced;
    static final int SYNC_EVERY = 1000;
    static final long SYNC_AFTER_NANOS = TimeUnit.SECONDS.toNanos(1);
    private long lastSync = System.nanoTime();
    /** Header timestamp of the group being applied (Seconds_Behind_Master), 0 when none. */
    private volatile long applyingTimestamp;
    private volatile SqlThreadFailure failure;
    private long skipCounter;
    private Thread thread;

    /** Where the master file name for events comes from: the last ROTATE seen. */
    private String masterFile;
    private final EventGrouper grouper = new EventGrouper();

    SqlThread(Config config, RelayLogInfo start, long skipCounter) {
        this.config = config;
        this.session = config.session();
        this.applied = start;
        this.cursor = start;
        this.masterFile = start.executed().file();
        this.skipCounter = skipCounter;
    }

    void start() {
        running = true;
        thread = config.threads().newThread(this);
        thread.setName("minisqld-slave-sql");
        thread.start();
    }

    /** STOP SLAVE SQL_THREAD: the thread ends between groups; waits until it has. */
    void requestStop() {
        stopRequested = true;
        awaitEnd();
    }

    boolean running() {
        return running;
    }

    /** Waits until the thread has ended (one that failed rolls back and saves its position first). */
    void awaitEnd() {
        Thread t = thread;
        if (t == null || t == Thread.currentThread()) return;
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The applied position (what the table holds once the current group commits). */
    RelayLogInfo applied() {
        return applied;
    }

    /** The error that stopped the thread, or null. */
    SqlThreadFailure failure() {
        return failure;
    }

    /** Seconds_Behind_Master while running: 0 when caught up, else now minus the group's event time. */
    long secondsBehind() {
        long ts = applyingTimestamp;
        if (idle || ts == 0) return 0;
        return Math.max(0, System.currentTimeMillis() / 1000 - ts);
    }

    /** Slave_SQL_Running_State. */
    String state() {
        return session.state();
    }

    @Override
    public void run() {
        RelayLogInfo start = applied;
        session.setCommand("Connect");
        log.info("Slave SQL thread for channel '' initialized, starting replication in log '{}' at position {}, "
                        + "relay log './{}' position: {}", start.executed().file().isEmpty() ? "FIRST"
                        : start.executed().file(), start.executed().offset(), start.relay().file(),
                start.relay().offset());
        try {
            ParallelApply.Settings parallel = config.parallel();
            if (parallel != null && parallel.workers() > 0) {
                workers = new ParallelApply(parallel, new ParallelApply.Shared(config.applier(), config.engine(),
                        config.binlogged(), SYNC_EVERY, next -> {
                            applied = next;
                            config.waits().advanced(true);
                        }, config.retries()));
            }
            loop();
            if (workers != null) workers.drain(session);
        } catch (ApplyFailure f) {
            fail(f.errno(), f.getMessage());
            log.error("Slave SQL for channel '': {}, Error_code: {}", f.getMessage(), f.errno());
            log.error("Error running query, slave SQL thread aborted. Fix the problem, and restart the slave SQL "
                    + "thread with \"SLAVE START\". We stopped at log '{}' position {}.", applied.executed().file(),
                    applied.executed().offset());
        } catch (IOException | RuntimeException e) {
            String msg = "Relay log read failure: Could not parse relay log event entry. " + e.getMessage();
            fail(ErrorCode.ER_UNKNOWN_ERROR.number(), msg);
            log.error("Slave SQL for channel '': {}, Error_code: {}", msg, ErrorCode.ER_UNKNOWN_ERROR.number());
        } finally {
            try {
                if (session.inTransaction()) config.applier().rollback(session);
            } catch (RuntimeException engineGone) {
                // the engine failed under the thread (a crash): nothing to undo any more
            }
            // the workers finish what they were given (in order; none after a failed one) and end
            if (workers != null) workers.close();
            session.setReplicatedOrigin(null);
            persistPosition();
            running = false;
            idle = false;
            session.setState("");
            log.info("Slave SQL thread for channel '' exiting, replication stopped in log '{}' at position {}",
                    applied.executed().file(), applied.executed().offset());
        }
    }

    private void fail(int errno, String message) {
        failure = new SqlThreadFailure(errno, message, LocalDateTime.now().format(ERROR_TIMESTAMP));
    }

    private void loop() throws IOException, ApplyFailure {
        RelayLog relay = config.relayLog();
        String file = applied.relay().file();
        BinlogReader reader = BinlogReader.open(config.layer(), relay.path(file), false);
        try {
            long pos = Math.max(applied.relay().offset(), reader.firstEventAfterFormatDescription());
            while (!stopRequested) {
                LogPosition synced = relay.syncedEnd();
                boolean complete = !synced.file().equals(file);
                long limit = complete ? reader.size() : synced.offset();
                if (pos >= limit) {
                    String next = complete ? nextFile(relay.files(), file) : null;
                    if (next != null) {
                        BinlogReader previous = reader;
                        reader.close();
                        file = next;
                        reader = BinlogReader.open(config.layer(), relay.path(file), false);
                        reader.carryTableMaps(previous);
                        pos = reader.firstEventAfterFormatDescription();
                        // the files before the next one go only once what was read from them is committed
                        drainWorkers();
                        if (!grouper.inGroup()) {
                            moved(cursor.withRelay(new LogPosition(file, pos)));
                            purge(file);
                        }
                        continue;
                    }
                    idle = !grouper.inGroup() && (workers == null || workers.allIdle());
                    if (idle) applyingTimestamp = 0;
                    // nothing more to apply now: what was applied becomes durable, a second after the last sync
                    if (unsynced > 0 && System.nanoTime() - lastSync >= SYNC_AFTER_NANOS) syncApplied();
                    if (workers != null) workers.syncIfNeeded();
                    session.setState(STATE_WAITING);
                    try {
                        relay.awaitSynced(synced, 100, TimeUnit.MILLISECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    continue;
                }
                idle = false;
                session.setState(STATE_READING);
                PositionedEvent e = reader.read(pos, limit);
                pos = e.endPosition();
                handle(grouper.take(e), new LogPosition(file, pos));
                // a statement applied ends with the session's state cleared; the thread is still reading
                session.setState(STATE_READING);
            }
        } finally {
            reader.close();
        }
    }

    private void syncApplied() {
        config.engine().sync();
        unsynced = 0;
        lastSync = System.nanoTime();
    }

    private static String nextFile(List<String> files, String current) {
        int i = files.indexOf(current);
        return i >= 0 && i + 1 < files.size() ? files.get(i + 1) : null;
    }

    /**
     * With workers: waits until what they were given is committed, before the coordinator moves
     * the position itself (C.2's SYNC events); what comes next starts a new segment.
     */
    private void drainWorkers() throws ApplyFailure {
        if (workers == null) return;
        workers.drain(session);
        workers.newSegment();
    }

    /** The coordinator moved the position itself (nothing is with the workers). */
    private void moved(RelayLogInfo next) {
        cursor = next;
        applied = next;
    }

    /** Does what the event's step says; {@code after} is the relay log position after the event. */
    private void handle(EventGrouper.Step step, LogPosition after) throws ApplyFailure {
        if (step instanceof EventGrouper.Step.Advance a) {
            drainWorkers();
            advance(after, a.logPos());
        } else if (step instanceof EventGrouper.Step.Rotate r) {
            drainWorkers();
            masterFile = r.file();
            moved(new RelayLogInfo(after, new LogPosition(r.file(), r.position()), cursor.recoverySkip()));
            config.waits().advanced(false);
        } else if (step instanceof EventGrouper.Step.Apply a) {
            apply(a.events(), after, a.logPos(), a.rolledBack());
        }
        // Step.Hold: the event waits in its group
    }

    /** Moves past events that belong to no group. */
    private void advance(LogPosition after, long logPos) {
        LogPosition exec = logPos > 0 ? new LogPosition(masterFile, logPos) : cursor.executed();
        moved(new RelayLogInfo(after, exec, cursor.recoverySkip()));
        config.waits().advanced(false);
    }

    private void apply(List<PositionedEvent> group, LogPosition after, long logPos, boolean rolledBack)
            throws ApplyFailure {
        RelayLogInfo next = new RelayLogInfo(after, logPos > 0 ? new LogPosition(masterFile, logPos)
                : cursor.executed(), cursor.recoverySkip());
        PositionedEvent first = group.get(0);
        long origin = first.header().serverId();
        if (first.body() instanceof io.minisqld.server.binlog.event.GtidEvent g) {
            // B.2: what this server's gtid_mode accepts from a source
            io.minisqld.server.gtid.GtidMode mode = config.gtids().mode();
            if (!g.anonymous() && !mode.acceptsGtids()) {
                var e = io.minisqld.server.error.ErrorCode.ER_CANT_SET_GTID_NEXT_TO_GTID_WHEN_GTID_MODE_IS_OFF.error();
                throw new ApplyFailure(e.number(), e.getMessage());
            }
            if (g.anonymous() && !mode.acceptsAnonymous()) {
                var e = io.minisqld.server.error.ErrorCode.ER_CANT_SET_GTID_NEXT_TO_ANONYMOUS_WHEN_GTID_MODE_IS_ON.error();
                throw new ApplyFailure(e.number(), e.getMessage());
            }
        }
        if (origin == config.ownServerId().getAsLong()) {
            // MySQL skips its own events (replicate_same_server_id=0)
            commitPositionOnly(next);
        } else if (next.recoverySkip() > 0) {
            // binlog crash recovery already re-applied this transaction (see RelayLogRecovery)
            commitPositionOnly(next.withRecoverySkip(next.recoverySkip() - 1));
        } else if (skipCounter > 0) {
            skipCounter--;
            commitPositionOnly(next);
        } else if (rolledBack) {
            commitPositionOnly(next);
        } else if (first.body() instanceof io.minisqld.server.binlog.event.GtidEvent g && !g.anonymous()
                && config.gtids().isExecuted(g.uuid(), g.gno())) {
            // B.5: a transaction whose GTID this server executed already is skipped
            commitPositionOnly(next);
        } else if (workers != null && workers.parallelizable(group)) {
            applyingTimestamp = first.header().timestamp();
            workers.schedule(group, next, masterFile, logPos, session);
            cursor = next;
        } else {
            drainWorkers();
            execute(group, next);
        }
        purge(after.file());
    }

    private void commitPositionOnly(RelayLogInfo next) throws ApplyFailure {
        drainWorkers();
        ReplicaTables.writeRelayIn(session.engine(), next);
        session.engine().commit();
        moved(next);
        config.waits().advanced(true);
    }

    /**
     * Applies a group the coordinator runs itself; a transaction that fails with a temporary error
     * is applied again up to slave_transaction_retries times ({@link TransactionRetries}).
     */
    private void execute(List<PositionedEvent> group, RelayLogInfo next) throws ApplyFailure {
        for (int retries = 0; ; retries++) {
            try {
                executeOnce(group, next);
                return;
            } catch (ApplyFailure failed) {
                // rolled back already; a DDL committed as it ran and is not applied again
                if (EventGrouper.appliedInTransaction(group)
                        && config.retries().retry(failed.errno(), retries, () -> stopRequested)) {
                    log.warn("Slave SQL for channel '': {}, Error_code: {}; applying the transaction again (retry {})",
                            failed.getMessage(), failed.errno(), retries + 1);
                    continue;
                }
                if (retries > 0 && TransactionRetries.temporary(failed.errno())) {
                    throw new ApplyFailure(failed.errno(), TransactionRetries.givingUp("Slave SQL thread", retries));
                }
                throw failed;
            }
        }
    }

    private void executeOnce(List<PositionedEvent> group, RelayLogInfo next) throws ApplyFailure {
        Applier applier = config.applier();
        applyingTimestamp = group.get(0).header().timestamp();
        session.setState(STATE_APPLYING);
        try {
            if (EventGrouper.appliedInTransaction(group)) applier.begin(session);
            GroupStatements.apply(session, applier, config.engine(), group);
            boolean viaBinlog = config.binlogged().getAsBoolean() && !session.binlogCache().isEmpty();
            if (session.inTransaction()) {
                ReplicaTables.writeRelayIn(session.engine(), next);
                applier.commit(session);
                // without the binlog the engine's commit is durable only once synced
                if (!viaBinlog && ++unsynced >= SYNC_EVERY) syncApplied();
            } else {
                // DDL committed as it ran (MySQL 5.7's non-atomic DDL): record the position at once
                ReplicaTables.writeRelayIn(session.engine(), next);
                session.engine().commit();
                config.engine().sync();
            }
            moved(next);
            config.waits().advanced(true);
        } catch (GroupStatements.Failure | SqlError failed) {
            if (session.inTransaction()) applier.rollback(session);
            else session.engine().rollback();
            SqlError err = failed instanceof GroupStatements.Failure f ? f.error() : (SqlError) failed;
            QueryEvent current = failed instanceof GroupStatements.Failure f ? f.query() : null;
            if (current == null && failed instanceof GroupStatements.Failure) {
                // a row event's failure says which event and table, as MySQL's does
                throw new ApplyFailure(err.number(), err.getMessage());
            }
            String db = current == null ? "" : current.database();
            String query = current == null ? "" : current.sql();
            throw new ApplyFailure(err.number(), String.format("Error '%s' on query. Default database: '%s'. "
                    + "Query: '%s'", err.getMessage(), db, query));
        } finally {
            session.variables().set("gtid_next", "AUTOMATIC");
            session.setGtidNextUsed(false);
            session.setReplicatedOrigin(null);
            session.setCommand("Connect");
            applyingTimestamp = 0;
        }
    }

    /** relay_log_purge: relay log files before the one being read are applied and go. */
    private void purge(String currentFile) {
        if (!config.relayLogPurge().getAsBoolean()) return;
        try {
            config.relayLog().purgeBefore(currentFile);
        } catch (IOException | RuntimeException e) {
            log.warn("Slave SQL for channel '': could not purge relay logs before '{}': {}", currentFile,
                    e.toString());
        }
    }

    /** Persists the in-memory position (events outside groups since the last commit) at exit. */
    void persistPosition() {
        try {
            ReplicaTables.writeRelayIn(session.engine(), applied);
            session.engine().commit();
            config.engine().sync();
        } catch (RuntimeException e) {
            try {
                session.engine().rollback();
            } catch (RuntimeException engineGone) {
                // reported below
            }
            log.warn("Slave SQL for channel '': could not record the position: {}", e.toString());
        }
    }
}
