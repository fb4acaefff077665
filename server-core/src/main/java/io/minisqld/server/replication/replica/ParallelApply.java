package io.minisqld.server.replication.replica;

import io.minisqld.server.binlog.PositionedEvent;
import io.minisqld.server.binlog.event.EventBody;
import io.minisqld.server.binlog.event.GtidEvent;
import io.minisqld.server.binlog.event.IntvarEvent;
import io.minisqld.server.binlog.event.QueryEvent;
import io.minisqld.server.binlog.event.RandEvent;
import io.minisqld.server.binlog.event.RowsEvent;
import io.minisqld.server.binlog.event.TableMapEvent;
import io.minisqld.server.binlog.event.UserVarEvent;
import io.minisqld.server.binlog.event.XidEvent;
import io.minisqld.server.engine.StorageEngine;
import io.minisqld.server.error.ErrorCode;
import io.minisqld.server.error.SqlError;
import io.minisqld.server.session.Session;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ThreadFactory;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The multi-threaded applier (row-events-gtid-mts.md part C): the SQL thread becomes the
 * coordinator, which reads and groups the relay log as before and hands each transaction it may
 * run beside others to one of {@code slave_parallel_workers} worker threads, at most one queued
 * transaction per worker (C.3 step 4).
 *
 * <p>When a transaction may start (C.3, C.6):
 * <ul>
 *   <li>LOGICAL_CLOCK: once every transaction of the same source file whose {@code sequence_number}
 *       is at most its {@code last_committed} has committed here. A transaction without clock
 *       numbers, with {@code last_committed} 0, or whose numbers do not follow the previous
 *       transaction's, first waits for all workers (a barrier), as 5.7's coordinator does.</li>
 *   <li>DATABASE: once no running transaction touches one of its databases (the TABLE_MAP
 *       databases of its row events). A transaction with statements, whose databases a minisqld
 *       source does not record, is a barrier.</li>
 * </ul>
 * What is not one whole transaction (DDL, a statement of its own) is not given to a worker: the
 * coordinator waits for all workers ({@link #drain}) and applies it itself.
 *
 * <p>Commit order: workers always commit in the relay log's order (C.5), each in the engine
 * transaction that also records its position in {@code mysql.slave_relay_log_info}. So the
 * recorded position never has gaps after it, and a replica killed during parallel apply restarts
 * from it with no gap and no duplicate, whatever {@code slave_preserve_commit_order} says. A
 * worker that failed stops those after it from committing (they roll back, 3030 in the error log)
 * while those before it still commit; the coordinator then stops with 5.7's "Coordinator stopped"
 * error carrying the worker's error number.
 *
 * <p>Threads: {@link #schedule}, {@link #drain}, {@link #allIdle}, {@link #syncIfNeeded} and
 * {@link #close} are called by the coordinator; the workers run {@link Worker#run}. All shared
 * state is guarded by {@link #monitor}; workers commit inside their turn, outside the monitor.
 */
final class ParallelApply {
    private static final Logger log = LoggerFactory.getLogger(ParallelApply.class);

    static final String STATE_WORKER_IDLE = "Waiting for an event from Coordinator";
    static final String STATE_WORKER_TURN = "Waiting for preceding transaction to commit";
    static final String STATE_DEPENDENT = "Waiting for dependent transaction to commit";
    static final String STATE_DRAIN = "Waiting for slave workers to process their queues";
    static final String STATE_QUEUE = "Waiting for Slave Worker queue";
    static final String STATE_PARTITION = "Waiting for Slave Worker to release partition";

    /**
     * What START SLAVE read: the number of workers, DATABASE or LOGICAL_CLOCK, and where the
     * workers' sessions (PROCESSLIST entries) come from and go.
     */
    record Settings(int workers, boolean byDatabase, Supplier<Session> sessions, Consumer<Session> closeSession,
                    ThreadFactory threads) {
    }

    /** What the workers share with the coordinator. */
    record Shared(Applier applier, StorageEngine engine, BooleanSupplier binlogged, int syncEvery,
                  Consumer<RelayLogInfo> committed, TransactionRetries retries) {
    }

    /** One transaction given to a worker, numbered in relay-log order by {@code ticket}. */
    private record Job(long ticket, List<PositionedEvent> group, RelayLogInfo next, long sequence, Set<String> databases,
                       String masterFile, long endLogPos) {
    }

    /** The first failure (lowest ticket) among the workers. */
    private record Failure(long ticket, int errno, String coordinatorMessage) {
    }

    private final Settings settings;
    private final Shared shared;
    private final Object monitor = new Object();
    private final List<Worker> workers = new ArrayList<>();

    // guarded by monitor
    private long lastTicket;
    private long committedTicket;
    /** LOGICAL_CLOCK: the sequence number of the newest group committed in the current segment. */
    private long committedSequence;
    /** LOGICAL_CLOCK: every group below this sequence number was committed before the segment began. */
    private long segmentBase;
    private final List<Job> running = new ArrayList<>();
    private Failure failure;
    private boolean closing;
    private int unsynced;

    // coordinator only
    /** LOGICAL_CLOCK: the previous scheduled group's sequence number; -1 when a barrier comes next. */
    private long previousSequence = -1;

    ParallelApply(Settings settings, Shared shared) {
        this.settings = settings;
        this.shared = shared;
        for (int i = 1; i <= settings.workers(); i++) {
            Worker w = new Worker(i, settings.sessions().get());
            workers.add(w);
            Thread t = settings.threads().newThread(w);
            t.setName("minisqld-slave-worker-" + i);
            t.start();
        }
    }

    /**
     * Whether a group can go to a worker: a whole transaction (it ends with XID or COMMIT) and,
     * in DATABASE mode, one whose databases are known. Coordinator only.
     */
    boolean parallelizable(List<PositionedEvent> group) {
        EventBody last = group.get(group.size() - 1).body();
        boolean whole = last instanceof XidEvent
                || last instanceof QueryEvent q && q.sql().strip().equalsIgnoreCase("COMMIT");
        if (!whole) return false;
        return !settings.byDatabase() || databases(group) != null;
    }

    /** A barrier comes next: the coordinator applied something itself or moved to another source file. */
    void newSegment() {
        previousSequence = -1;
    }

    /**
     * Gives a group (one that {@link #parallelizable} accepted) to a worker once it may start,
     * waiting for that as C.3 and C.6 say. Throws the coordinator's error once a worker failed.
     */
    void schedule(List<PositionedEvent> group, RelayLogInfo next, String masterFile, long endLogPos, Session coordinator)
            throws ApplyFailure {
        Set<String> dbs = settings.byDatabase() ? databases(group) : Set.of();
        long lastCommitted = 0;
        long sequence = 0;
        if (!settings.byDatabase()) {
            if (group.get(0).body() instanceof GtidEvent g) {
                lastCommitted = g.lastCommitted();
                sequence = g.sequenceNumber();
            }
            // C.3 step 2: a barrier for a group without numbers, the first of a segment, or a break in them
            boolean barrier = previousSequence < 0 || sequence == 0 || lastCommitted == 0 || sequence <= lastCommitted
                    || sequence != previousSequence + 1;
            if (barrier) {
                drain(coordinator);
                synchronized (monitor) {
                    segmentBase = sequence;
                    committedSequence = 0;
                }
            }
            previousSequence = sequence == 0 ? -1 : sequence;
        }
        synchronized (monitor) {
            while (true) {
                throwIfFailed(coordinator);
                Worker idle = idleWorker();
                boolean ready = settings.byDatabase() ? !partitionBusy(dbs)
                        : lastCommitted < segmentBase || lastCommitted <= committedSequence;
                if (ready && idle != null) {
                    Job job = new Job(++lastTicket, group, next, sequence, dbs, masterFile, endLogPos);
                    running.add(job);
                    idle.job = job;
                    monitor.notifyAll();
                    return;
                }
                coordinator.setState(!ready ? (settings.byDatabase() ? STATE_PARTITION : STATE_DEPENDENT) : STATE_QUEUE);
                await();
            }
        }
    }

    /**
     * Waits until every group given to a worker has committed (C.2's SYNC events: before the
     * coordinator applies something itself). Throws the coordinator's error once a worker failed.
     */
    void drain(Session coordinator) throws ApplyFailure {
        synchronized (monitor) {
            while (!running.isEmpty()) {
                throwIfFailed(coordinator);
                coordinator.setState(STATE_DRAIN);
                await();
            }
            throwIfFailed(coordinator);
        }
    }

    /** Whether no worker has a group (Seconds_Behind_Master is 0 only then). */
    boolean allIdle() {
        synchronized (monitor) {
            return running.isEmpty();
        }
    }

    /** Makes what the workers committed without the binlog durable (the coordinator has nothing to do). */
    void syncIfNeeded() {
        synchronized (monitor) {
            if (unsynced == 0) return;
            unsynced = 0;
        }
        shared.engine().sync();
    }

    /**
     * Stops the workers once they finished what they have (STOP SLAVE, an error, the end of the
     * SQL thread), and ends their sessions.
     */
    void close() {
        synchronized (monitor) {
            while (!running.isEmpty()) await();
            closing = true;
            monitor.notifyAll();
        }
        for (Worker w : workers) {
            try {
                w.done.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            settings.closeSession().accept(w.session);
        }
        syncIfNeeded();
    }

    /** Once a worker failed, and those before it committed: the coordinator's error (C.2). */
    private void throwIfFailed(Session coordinator) throws ApplyFailure {
        if (failure == null) return;
        // the groups before the failed one still commit: wait for them before stopping
        while (running.stream().anyMatch(j -> j.ticket < failure.ticket)) await();
        throw new ApplyFailure(failure.errno, failure.coordinatorMessage);
    }

    private Worker idleWorker() {
        for (Worker w : workers) {
            if (w.job == null) return w;
        }
        return null;
    }

    private boolean partitionBusy(Set<String> dbs) {
        for (Job j : running) {
            for (String db : j.databases) {
                if (dbs.contains(db)) return true;
            }
        }
        return false;
    }

    private void await() {
        try {
            monitor.wait(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the slave workers", e);
        }
    }

    /**
     * The databases a group changes, lower-cased, or null when they are not known: C.6 takes them
     * from TABLE_MAP events and from a QUERY event's Q_UPDATED_DB_NAMES, which a minisqld source
     * does not write, so a group with statements is not partitioned.
     */
    static Set<String> databases(List<PositionedEvent> group) {
        Set<String> dbs = new HashSet<>();
        for (PositionedEvent e : group) {
            EventBody b = e.body();
            if (b instanceof TableMapEvent t) {
                dbs.add(t.database().toLowerCase(Locale.ROOT));
            } else if (b instanceof QueryEvent q) {
                String sql = q.sql().strip();
                if (!sql.equalsIgnoreCase("BEGIN") && !sql.equalsIgnoreCase("COMMIT")) return null;
            } else if (!(b instanceof GtidEvent || b instanceof RowsEvent || b instanceof XidEvent
                    || b instanceof IntvarEvent || b instanceof RandEvent || b instanceof UserVarEvent
                    || b instanceof io.minisqld.server.binlog.event.RowsQueryEvent
                    || b instanceof io.minisqld.server.binlog.event.AnnotateRowsEvent
                    || b instanceof io.minisqld.server.binlog.event.MariadbGtidEvent)) {
                return null;
            }
        }
        return dbs;
    }

    /** The transaction's name in 5.7's messages: its GTID, or ANONYMOUS. */
    private static String transactionName(List<PositionedEvent> group) {
        return group.get(0).body() instanceof GtidEvent g && !g.anonymous() ? g.gtidText() : "ANONYMOUS";
    }

    /** One worker thread: applies the group it is given in its own session, commits in its turn. */
    private final class Worker implements Runnable {
        final int id;
        final Session session;
        final java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        /** The group given to this worker, null while idle (guarded by monitor). */
        Job job;

        Worker(int id, Session session) {
            this.id = id;
            this.session = session;
            session.setCommand("Connect");
            session.setState(STATE_WORKER_IDLE);
        }

        @Override
        public void run() {
            try {
                while (true) {
                    Job next;
                    synchronized (monitor) {
                        while (job == null && !closing) await();
                        if (job == null) return;
                        next = job;
                    }
                    apply(next);
                    synchronized (monitor) {
                        job = null;
                        running.remove(next);
                        monitor.notifyAll();
                    }
                    session.setState(STATE_WORKER_IDLE);
                }
            } catch (RuntimeException e) {
                log.error("Slave worker thread {} for channel '' ended: {}", id, e.toString());
            } finally {
                done.countDown();
            }
        }

        /**
         * Applies the worker's group; a failure with a temporary error is rolled back and the group
         * applied again up to slave_transaction_retries times ({@link TransactionRetries}).
         */
        private void apply(Job j) {
            for (int retries = 0; ; retries++) {
                Exception failed = applyOnce(j);
                if (failed == null) return;
                SqlError err = error(failed);
                if (shared.retries().retry(err.number(), retries, () -> stopping(j))) {
                    log.warn("Slave SQL for channel '': Worker {} failed executing transaction '{}' at master log {}, "
                                    + "end_log_pos {}; {}, Error_code: {}; applying it again (retry {})", id,
                            transactionName(j.group), j.masterFile, j.endLogPos, err.getMessage(), err.number(),
                            retries + 1);
                    continue;
                }
                if (retries > 0 && TransactionRetries.temporary(err.number())) {
                    failed(j, new SqlError(err.number(), err.sqlState(),
                            TransactionRetries.givingUp("worker thread", retries)));
                } else {
                    failed(j, failed);
                }
                return;
            }
        }

        /**
         * Whether a retry's pause ends: the workers are being stopped, or a group before {@code j}
         * failed (a later group's failure waits for this one, as for any earlier group).
         */
        private boolean stopping(Job j) {
            synchronized (monitor) {
                return closing || failure != null && failure.ticket < j.ticket;
            }
        }

        /** One try of the group: null when it committed (or gave way to an earlier failure), else its failure, rolled back. */
        private Exception applyOnce(Job j) {
            Applier applier = shared.applier();
            session.setState(SqlThread.STATE_APPLYING);
            try {
                applier.begin(session);
                GroupStatements.apply(session, applier, shared.engine(), j.group);
                if (!awaitTurn(j)) {
                    applier.rollback(session);
                    log.warn("Slave SQL for channel '': Worker {} failed executing transaction '{}' at master log {}, "
                                    + "end_log_pos {}; {}", id, transactionName(j.group), j.masterFile, j.endLogPos,
                            ErrorCode.ER_SLAVE_WORKER_STOPPED_PREVIOUS_THD_ERROR.message());
                    return null;
                }
                boolean viaBinlog = shared.binlogged().getAsBoolean() && !session.binlogCache().isEmpty();
                ReplicaTables.writeRelayIn(session.engine(), j.next);
                boolean synced = false;
                if (session.inTransaction()) {
                    applier.commit(session);
                } else {
                    session.engine().commit();
                    shared.engine().sync();
                    synced = true;
                }
                committed(j, !viaBinlog && !synced);
                return null;
            } catch (GroupStatements.Failure | RuntimeException failed) {
                try {
                    if (session.inTransaction()) applier.rollback(session);
                    else session.engine().rollback();
                } catch (RuntimeException engineGone) {
                    // the engine failed under the worker: nothing to undo any more
                }
                return failed;
            } finally {
                session.variables().set("gtid_next", "AUTOMATIC");
                session.setGtidNextUsed(false);
                session.setReplicatedOrigin(null);
                session.setCommand("Connect");
            }
        }

        /** Waits until every group before this one committed; false when one of them failed (C.5). */
        private boolean awaitTurn(Job j) {
            synchronized (monitor) {
                if (committedTicket != j.ticket - 1) session.setState(STATE_WORKER_TURN);
                while (committedTicket != j.ticket - 1) {
                    if (failure != null && failure.ticket < j.ticket) return false;
                    await();
                }
                return true;
            }
        }

        private void committed(Job j, boolean unsyncedCommit) {
            boolean sync = false;
            synchronized (monitor) {
                committedTicket = j.ticket;
                if (j.sequence > committedSequence) committedSequence = j.sequence;
                if (unsyncedCommit && ++unsynced >= shared.syncEvery()) {
                    unsynced = 0;
                    sync = true;
                }
                // the applied position moves in commit order, inside the turn
                shared.committed().accept(j.next);
                monitor.notifyAll();
            }
            if (sync) shared.engine().sync();
        }

        private static SqlError error(Exception failed) {
            return failed instanceof GroupStatements.Failure f ? f.error()
                    : failed instanceof SqlError s ? s : ErrorCode.ER_UNKNOWN_ERROR.error(failed.toString());
        }

        private void failed(Job j, Exception failed) {
            SqlError err = error(failed);
            QueryEvent q = failed instanceof GroupStatements.Failure f ? f.query() : null;
            String detail = q == null ? err.getMessage() : String.format("Error '%s' on query. Default database: '%s'. "
                    + "Query: '%s'", err.getMessage(), q.database(), q.sql());
            String where = String.format("Worker %d failed executing transaction '%s' at master log %s, end_log_pos %d",
                    id, transactionName(j.group), j.masterFile, j.endLogPos);
            log.error("Slave SQL for channel '': {}; {}, Error_code: {}", where, detail, err.number());
            String coordinator = "Coordinator stopped because there were error(s) in the worker(s). The most recent "
                    + "failure being: " + where + ". See error log and/or performance_schema."
                    + "replication_applier_status_by_worker table for more details about this failure or others, if any.";
            synchronized (monitor) {
                if (failure == null || j.ticket < failure.ticket) failure = new Failure(j.ticket, err.number(), coordinator);
                monitor.notifyAll();
            }
        }
    }
}
