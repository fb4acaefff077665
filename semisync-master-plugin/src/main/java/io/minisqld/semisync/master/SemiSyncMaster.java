package io.minisqld.semisync.master;

import static io.minisqld.semisync.master.SemiSyncTrace.at;

import io.minisqld.plugin.api.LogPosition;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The source side of semisynchronous replication (MySQL's {@code ReplSemiSyncMaster}, spec §2):
 * records the end position of each binlogged commit group, makes committing sessions wait until
 * enough replicas acknowledged it or {@code rpl_semi_sync_master_timeout} passed, switches
 * semisync OFF on a timeout and back ON when a replica catches up. The ON/OFF state and the
 * positions, with the transitions every path shares, are {@link SemiSyncState}'s; the counters
 * {@link MasterCounters}'; the trace lines {@link SemiSyncTrace}'s. This class runs the hooks in
 * order: enabling, replicas coming and going, commits waiting. It knows nothing of the plugin
 * framework: the plugin forwards hook calls here.
 *
 * <p>Concurrency: one lock guards every field below (MySQL's {@code LOCK_binlog_}), the state, the
 * counters, the active transactions and the ack container; waiting sessions sleep on
 * per-transaction conditions of that lock. No other lock is taken while it is held, and nothing
 * under it does network I/O. The configuration values read outside the lock are volatile.
 */
public final class SemiSyncMaster {
    private static final String COMMIT_TRX = "ReplSemiSyncMaster::commitTrx";
    private static final String COND_TIMEWAIT = "ReplSemiSyncMaster::cond_timewait()";
    /** What MySQL's cond_timewait returns when the wait timed out (ETIMEDOUT). */
    private static final int ETIMEDOUT = 110;

    private final ReentrantLock lock = new ReentrantLock();
    private final MasterLog log;
    private final SemiSyncTrace trace;
    private final ActiveTransactions active;

    private volatile long timeoutMillis;
    private volatile boolean waitNoSlave;

    // --- guarded by lock ---
    private final MasterCounters counters = new MasterCounters();
    private final SemiSyncState st;
    private AckContainer acks;
    /** Whether the active list exists, for the "initialized for transactions" note (spec §2.2). */
    private boolean activeAllocated;
    private boolean shuttingDown;
    /** Set when the plugin is being uninstalled: nothing may start waiting any more. */
    private boolean closed;
    /** Semisync replicas connected (Rpl_semi_sync_master_clients). */
    private long clients;

    /**
     * @param log               the error log
     * @param timeoutMillis     rpl_semi_sync_master_timeout
     * @param waitForSlaveCount rpl_semi_sync_master_wait_for_slave_count
     * @param waitNoSlave       rpl_semi_sync_master_wait_no_slave
     */
    public SemiSyncMaster(MasterLog log, long timeoutMillis, int waitForSlaveCount, boolean waitNoSlave) {
        this.log = log;
        this.trace = new SemiSyncTrace(log, SemiSyncTrace.NET_WAIT);
        this.active = new ActiveTransactions(lock::newCondition, trace);
        this.timeoutMillis = timeoutMillis;
        this.waitNoSlave = waitNoSlave;
        this.acks = new AckContainer(waitForSlaveCount, trace);
        this.st = new SemiSyncState(log, trace, active, counters);
    }

    /** {@code SET GLOBAL rpl_semi_sync_master_enabled = ON} (or enabled at start-up). */
    public void enable() {
        lock.lock();
        try {
            if (st.enabled) {
                return;
            }
            if (!activeAllocated) {
                activeAllocated = true;
                log.note("Semi-sync replication initialized for transactions.");
            }
            st.forgetPositions();
            st.enabled = true;
            st.on = waitNoSlave || clients >= acks.required();
            log.note("Semi-sync replication enabled on the master.");
        } finally {
            lock.unlock();
        }
    }

    /** {@code SET GLOBAL rpl_semi_sync_master_enabled = OFF}: waiters are released (switch_off). */
    public void disable() {
        lock.lock();
        try {
            if (!st.enabled) {
                return;
            }
            st.switchOff();
            active.clearUpTo(null);
            if (active.isEmpty()) {
                activeAllocated = false;
            }
            st.forgetPositions();
            acks.clear();
            st.enabled = false;
            log.note("Semi-sync replication disabled on the master.");
        } finally {
            lock.unlock();
        }
    }

    public boolean isEnabled() {
        lock.lock();
        try {
            return st.enabled;
        } finally {
            lock.unlock();
        }
    }

    public void setTimeoutMillis(long millis) {
        this.timeoutMillis = millis;
    }

    /** {@code SET GLOBAL rpl_semi_sync_master_trace_level}: which trace lines are written from now on. */
    public void setTraceLevel(long level) {
        trace.setLevel(level);
    }

    public long traceLevel() {
        return trace.level();
    }

    /** The trace, for the plugin's observers and ack receiver. */
    SemiSyncTrace trace() {
        return trace;
    }

    /** {@code SET GLOBAL rpl_semi_sync_master_wait_no_slave} (spec §2.13, §2.14). */
    public void setWaitNoSlave(boolean on) {
        lock.lock();
        try {
            waitNoSlave = on;
            if (!on) {
                // MySQL compares with 0 here, not with wait_for_slave_count − 1
                if (clients == 0 && st.on) {
                    st.switchOff();
                }
            } else if (!st.on && st.enabled) {
                st.on = true; // force_switch_on: no message, no check of the replicas
            }
        } finally {
            lock.unlock();
        }
    }

    /** {@code SET GLOBAL rpl_semi_sync_master_wait_for_slave_count}: outstanding acks are re-counted. */
    public void setWaitForSlaveCount(int count) {
        lock.lock();
        try {
            if (count == acks.required()) {
                return;
            }
            acks = acks.resized(count, position -> st.replied(0, position, false));
        } finally {
            lock.unlock();
        }
    }

    /**
     * A dump thread started. A semisync replica is counted and its start position taken as its
     * acknowledgement ("the replica has everything before the point it asks for").
     */
    public void replicaStarted(long serverId, LogPosition start, boolean semiSync) {
        if (semiSync) {
            lock.lock();
            try {
                clients++;
                handleAckLocked(serverId, start, false);
            } finally {
                lock.unlock();
            }
        }
        log.note("Start " + (semiSync ? "semi-sync" : "asynchronous") + " binlog_dump to slave (server_id: "
                + serverId + "), pos(" + start.file() + ", " + start.offset() + ")");
    }

    /** A dump thread ended (transmit_stop). */
    public void replicaStopped(long serverId, boolean semiSync) {
        log.note("Stop " + (semiSync ? "semi-sync" : "asynchronous") + " binlog_dump to slave (server_id: "
                + serverId + ")");
        if (!semiSync) {
            return;
        }
        lock.lock();
        try {
            clients--;
            if (st.enabled && st.on && clients == acks.required() - 1 && (!waitNoSlave || shuttingDown)) {
                if (shuttingDown && updatesUnacknowledged()) {
                    log.warning("SEMISYNC: Forced shutdown. Some updates might not be replicated.");
                }
                st.switchOff();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * The server began to shut down (MySQL's {@code abort_loop}): replica loss now switches OFF,
     * and waiting sessions are woken so that, with too few replicas, they warn "SEMISYNC: Forced
     * shutdown…" and switch OFF themselves (spec §2.11 step d), as MySQL's waiters do when
     * shutdown kills their connections.
     */
    public void shutdownStarted() {
        lock.lock();
        try {
            shuttingDown = true;
            active.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * The plugin is going away: sessions still waiting are released (switch_off) rather than
     * left to their timeout, since nothing could acknowledge them any more, and later commits no
     * longer wait.
     */
    public void close() {
        lock.lock();
        try {
            closed = true;
            if (counters.waitSessions > 0) {
                if (updatesUnacknowledged()) {
                    log.warning("SEMISYNC: Forced shutdown. Some updates might not be replicated.");
                }
                st.switchOff();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Whether replicas acknowledged less than the newest commit (when both are known). */
    private boolean updatesUnacknowledged() {
        return st.commitPos != null && st.replyPos != null && st.replyPos.isBefore(st.commitPos);
    }

    /** after_flush: a commit group now ends at {@code end} in the binlog (MySQL's writeTranxInBinlog). */
    public void transactionFlushed(LogPosition end) {
        lock.lock();
        try {
            st.flushed(end);
        } finally {
            lock.unlock();
        }
    }

    /**
     * before_send_event: whether the event ending at {@code eventEnd}, sent to replica
     * {@code serverId}, must carry the sync flag 0x01, asking the replica to acknowledge it (spec
     * §2.5; MySQL's updateSyncHeader).
     */
    public boolean requestsReply(long serverId, LogPosition eventEnd) {
        lock.lock();
        try {
            return st.syncRequired(serverId, eventEnd);
        } finally {
            lock.unlock();
        }
    }

    /** after_send_event sent a flagged event: one more reply requested (net_waits, per replica). */
    public void replyRequested() {
        lock.lock();
        try {
            counters.netWaits++;
        } finally {
            lock.unlock();
        }
    }

    /** Replica {@code serverId} has {@code position} in its relay log (a reply, or its start position). */
    public void handleAck(long serverId, LogPosition position) {
        lock.lock();
        try {
            handleAckLocked(serverId, position, false);
        } finally {
            lock.unlock();
        }
    }

    /**
     * The dump skipped the flagged event ending at {@code position} instead of sending it: the
     * replica cannot acknowledge it, so it counts as acknowledged (MySQL's skipSlaveReply).
     */
    public void handleSkipped(long serverId, LogPosition position) {
        lock.lock();
        try {
            handleAckLocked(serverId, position, true);
        } finally {
            lock.unlock();
        }
    }

    private void handleAckLocked(long serverId, LogPosition position, boolean skipped) {
        if (acks.required() == 1) {
            st.replied(serverId, position, skipped);
        } else {
            acks.ack(serverId, position).ifPresent(p -> st.replied(serverId, p, skipped));
        }
    }

    /**
     * Waits until the transaction ending at {@code end} is acknowledged, the timeout passes
     * (semisync then switches OFF) or semisync is switched off. Never fails: a commit that times
     * out still succeeds for its client.
     */
    public void commitTrx(LogPosition end, WaitStage stage) {
        trace.enter(COMMIT_TRX);
        lock.lock();
        try {
            if (!st.enabled || closed || end == null) {
                return;
            }
            Optional<ActiveTransactions.Node> found = active.findAtOrAfter(end);
            ActiveTransactions.Node node = found.orElse(null);
            boolean semiSyncTrx = true;
            long start = System.nanoTime();
            if (st.on) {
                trace.detail(COMMIT_TRX, "wait pos " + at(end) + ", repl(1)");
                // computed once per commit: a SET of the timeout affects waits started afterwards
                long timeout = timeoutMillis;
                long timeoutNanos = TimeUnit.MILLISECONDS.toNanos(timeout);
                while (st.on) {
                    if (st.acknowledged(end)) {
                        break;
                    }
                    if (node == null) {
                        semiSyncTrx = false; // flushed while OFF: nothing to wait for
                        break;
                    }
                    st.waitingFor(end);
                    if (shuttingDown && clients == acks.required() - 1) {
                        log.warning("SEMISYNC: Forced shutdown. Some updates might not be replicated.");
                        st.switchOff();
                        break;
                    }
                    trace.detail(COMMIT_TRX, "wait " + timeout + " ms for binlog sent " + at(st.waitPos));
                    boolean timedOut = awaitUntil(node, start, timeoutNanos, stage);
                    if (timedOut) {
                        log.warning("Timeout waiting for reply of binlog (file: " + end.file() + ", pos: "
                                + end.offset() + "), semi-sync up to file " + st.lastReply.file()
                                + ", position " + st.lastReply.offset() + ".");
                        counters.waitTimeouts++;
                        st.switchOff();
                    } else {
                        long elapsedMicros = (System.nanoTime() - start) / 1_000L;
                        if (elapsedMicros < 0) {
                            trace.general("Assessment of waiting time for commitTrx failed at wait position "
                                    + at(end));
                        }
                        counters.waited(elapsedMicros);
                    }
                }
            }
            if (st.on && semiSyncTrx) {
                counters.yesTx++;
            } else {
                counters.noTx++;
            }
            if (node != null && node.waiters() == 0) {
                active.clearUpTo(end);
            }
        } finally {
            lock.unlock();
            trace.exit(COMMIT_TRX, 0);
        }
    }

    /** One timed wait on the node; true if the timeout passed. Called with the lock held. */
    private boolean awaitUntil(ActiveTransactions.Node node, long start, long timeoutNanos, WaitStage stage) {
        counters.waitSessions++;
        node.addWaiter();
        stage.enter();
        boolean timedOut = true;
        trace.enter(COND_TIMEWAIT);
        try {
            long remaining = timeoutNanos - (System.nanoTime() - start);
            if (remaining > 0) {
                timedOut = node.condition().awaitNanos(remaining) <= 0;
            }
            return timedOut;
        } catch (InterruptedException e) {
            // the session was killed: stop waiting, as a timeout would, but keep the interrupt
            Thread.currentThread().interrupt();
            return true;
        } finally {
            trace.exit(COND_TIMEWAIT, timedOut ? ETIMEDOUT : 0);
            stage.exit();
            node.removeWaiter();
            if (counters.waitSessions > 0) { // RESET MASTER may have zeroed it meanwhile
                counters.waitSessions--;
            }
        }
    }

    /** after_reset_master: positions and counters are forgotten; status and clients stay. */
    public void resetMaster() {
        lock.lock();
        try {
            acks.clear();
            st.forgetPositions();
            active.clearUpTo(null);
            counters.resetMaster();
        } finally {
            lock.unlock();
        }
    }

    /** FLUSH STATUS: only the five plain counters are reset (MySQL's reset_status_vars). */
    public void flushStatus() {
        lock.lock();
        try {
            counters.flushStatus();
        } finally {
            lock.unlock();
        }
    }

    public MasterStatus status() {
        lock.lock();
        try {
            return counters.status(clients, st.on);
        } finally {
            lock.unlock();
        }
    }

    /** Commits whose wait ended in a timeout (MySQL's internal wait_timeouts; not exported). */
    public long waitTimeouts() {
        lock.lock();
        try {
            return counters.waitTimeouts;
        } finally {
            lock.unlock();
        }
    }

    /** How many transaction ends the waiting set holds (for tests and tracing). */
    public int activeTransactions() {
        lock.lock();
        try {
            return active.size();
        } finally {
            lock.unlock();
        }
    }
}
