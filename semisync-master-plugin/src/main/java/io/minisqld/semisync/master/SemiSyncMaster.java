package io.minisqld.semisync.master;

import io.minisqld.plugin.api.LogPosition;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The source side of semisynchronous replication (MySQL's {@code ReplSemiSyncMaster}, spec §2):
 * records the end position of each binlogged commit group, makes committing sessions wait until
 * enough replicas acknowledged it or {@code rpl_semi_sync_master_timeout} passed, switches
 * semisync OFF on a timeout and back ON when a replica catches up, and keeps the status counters.
 * It knows nothing of the plugin framework: the plugin forwards hook calls here.
 *
 * <p>Concurrency: one lock guards every field below (MySQL's {@code LOCK_binlog_}); waiting
 * sessions sleep on per-transaction conditions of that lock. No other lock is taken while it is
 * held, and nothing under it does network I/O. The configuration values read outside the lock
 * are volatile.
 */
public final class SemiSyncMaster {
    private final ReentrantLock lock = new ReentrantLock();
    private final MasterLog log;
    private final ActiveTransactions active = new ActiveTransactions(lock::newCondition);

    private volatile long timeoutMillis;
    private volatile boolean waitNoSlave;
    private volatile long traceLevel = 32;

    // --- guarded by lock ---
    private AckContainer acks;
    private boolean enabled;
    /** Whether the active list exists, for the "initialized for transactions" note (spec §2.2). */
    private boolean activeAllocated;
    private boolean state;
    private boolean shuttingDown;
    /** Set when the plugin is being uninstalled: nothing may start waiting any more. */
    private boolean closed;
    private LogPosition replyPos;
    /** The reply-position buffer the timeout message prints: kept when replyPos is forgotten. */
    private LogPosition lastReply = LogPosition.of("", 0);
    private LogPosition waitPos;
    private LogPosition commitPos;
    private long clients;
    private long yesTx;
    private long noTx;
    private long noTimes;
    private long timefuncFailures;
    private long waitPosBacktraverse;
    private long waitSessions;
    private long txWaits;
    private long txWaitTime;
    private long netWaits;
    private long waitTimeouts;

    /**
     * @param log               the error log
     * @param timeoutMillis     rpl_semi_sync_master_timeout
     * @param waitForSlaveCount rpl_semi_sync_master_wait_for_slave_count
     * @param waitNoSlave       rpl_semi_sync_master_wait_no_slave
     */
    public SemiSyncMaster(MasterLog log, long timeoutMillis, int waitForSlaveCount, boolean waitNoSlave) {
        this.log = log;
        this.timeoutMillis = timeoutMillis;
        this.waitNoSlave = waitNoSlave;
        this.acks = new AckContainer(waitForSlaveCount);
    }

    // ------------------------------------------------------------------ enable / disable (§2.2)

    /** {@code SET GLOBAL rpl_semi_sync_master_enabled = ON} (or enabled at start-up). */
    public void enable() {
        lock.lock();
        try {
            if (enabled) {
                return;
            }
            if (!activeAllocated) {
                activeAllocated = true;
                log.note("Semi-sync replication initialized for transactions.");
            }
            commitPos = null;
            replyPos = null;
            waitPos = null;
            enabled = true;
            state = waitNoSlave || clients >= acks.required();
            log.note("Semi-sync replication enabled on the master.");
        } finally {
            lock.unlock();
        }
    }

    /** {@code SET GLOBAL rpl_semi_sync_master_enabled = OFF}: waiters are released (switch_off). */
    public void disable() {
        lock.lock();
        try {
            if (!enabled) {
                return;
            }
            switchOff();
            active.clearUpTo(null);
            if (active.isEmpty()) {
                activeAllocated = false;
            }
            commitPos = null;
            replyPos = null;
            waitPos = null;
            acks.clear();
            enabled = false;
            log.note("Semi-sync replication disabled on the master.");
        } finally {
            lock.unlock();
        }
    }

    public boolean isEnabled() {
        lock.lock();
        try {
            return enabled;
        } finally {
            lock.unlock();
        }
    }

    // ------------------------------------------------------------------ configuration (§4.1)

    public void setTimeoutMillis(long millis) {
        this.timeoutMillis = millis;
    }

    public void setTraceLevel(long level) {
        this.traceLevel = level;
    }

    public long traceLevel() {
        return traceLevel;
    }

    /** {@code SET GLOBAL rpl_semi_sync_master_wait_no_slave} (spec §2.13, §2.14). */
    public void setWaitNoSlave(boolean on) {
        lock.lock();
        try {
            waitNoSlave = on;
            if (!on) {
                // MySQL compares with 0 here, not with wait_for_slave_count − 1
                if (clients == 0 && state) {
                    switchOff();
                }
            } else if (!state && enabled) {
                state = true; // force_switch_on: no message, no check of the replicas
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
            acks = acks.resized(count, position -> reportReplyBinlog(0, position));
        } finally {
            lock.unlock();
        }
    }

    // ------------------------------------------------------------------ replicas (§2.3, §2.14)

    /**
     * A dump thread started. A semisync replica is counted and its start position taken as its
     * acknowledgement ("the replica has everything before the point it asks for").
     */
    public void replicaStarted(long serverId, LogPosition start, boolean semiSync) {
        if (semiSync) {
            lock.lock();
            try {
                clients++;
                handleAckLocked(serverId, start);
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
            if (enabled && state && clients == acks.required() - 1 && (!waitNoSlave || shuttingDown)) {
                if (shuttingDown && commitPos != null && replyPos != null && replyPos.isBefore(commitPos)) {
                    log.warning("SEMISYNC: Forced shutdown. Some updates might not be replicated.");
                }
                switchOff();
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
            if (waitSessions > 0) {
                if (commitPos != null && replyPos != null && replyPos.isBefore(commitPos)) {
                    log.warning("SEMISYNC: Forced shutdown. Some updates might not be replicated.");
                }
                switchOff();
            }
        } finally {
            lock.unlock();
        }
    }

    // ------------------------------------------------------------------ binlog side (§2.4, §2.5)

    /** after_flush: a commit group now ends at {@code end} in the binlog. */
    public void transactionFlushed(LogPosition end) {
        lock.lock();
        try {
            if (!enabled) {
                return;
            }
            if (commitPos == null || commitPos.isBefore(end)) {
                commitPos = end;
            }
            if (state && !active.insert(end)) {
                log.warning("Semi-sync failed to insert tranx_node for binlog file: " + end.file()
                        + ", position: " + end.offset());
                switchOff();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * before_send_event: whether the event ending at {@code eventEnd} must carry the sync flag
     * 0x01, asking the replica to acknowledge it (spec §2.5).
     */
    public boolean requestsReply(LogPosition eventEnd) {
        lock.lock();
        try {
            if (!enabled) {
                return false;
            }
            if (state) {
                if (replyPos != null && eventEnd.isAtOrBefore(replyPos)) {
                    return false;
                }
                if (waitPos != null && eventEnd.isBefore(waitPos)) {
                    return false;
                }
                return active.endsAt(eventEnd);
            }
            // OFF: ask a catching-up replica as soon as it reaches the newest commit (§2.13)
            return commitPos == null || !eventEnd.isBefore(commitPos);
        } finally {
            lock.unlock();
        }
    }

    /** after_send_event sent a flagged event: one more reply requested (net_waits, per replica). */
    public void replyRequested() {
        lock.lock();
        try {
            netWaits++;
        } finally {
            lock.unlock();
        }
    }

    // ------------------------------------------------------------------ acknowledgements (§2.9, §2.10)

    /** Replica {@code serverId} has {@code position} in its relay log (a reply, or its start position). */
    public void handleAck(long serverId, LogPosition position) {
        lock.lock();
        try {
            handleAckLocked(serverId, position);
        } finally {
            lock.unlock();
        }
    }

    private void handleAckLocked(long serverId, LogPosition position) {
        if (acks.required() == 1) {
            reportReplyBinlog(serverId, position);
        } else {
            acks.ack(serverId, position).ifPresent(p -> reportReplyBinlog(serverId, p));
        }
    }

    private void reportReplyBinlog(long serverId, LogPosition position) {
        if (!enabled) {
            return;
        }
        if (!state) {
            trySwitchOn(serverId, position);
        }
        if (replyPos != null && position.isBefore(replyPos)) {
            return;
        }
        replyPos = position;
        lastReply = position;
        if (waitSessions > 0 && (waitPos == null || !replyPos.isBefore(waitPos))) {
            waitPos = null;
            active.signalUpTo(replyPos);
        }
    }

    private void trySwitchOn(long serverId, LogPosition position) {
        if (commitPos == null || !position.isBefore(commitPos)) {
            state = true;
            // MySQL 5.7's text (MariaDB adds "with slave (server_id: N)"), semisync.md §5.1
            log.note("Semi-sync replication switched ON at (" + position.file() + ", " + position.offset()
                    + ")");
        }
    }

    private void switchOff() {
        state = false;
        noTimes++;
        waitPos = null;
        replyPos = null;
        log.note("Semi-sync replication switched OFF.");
        active.signalAll();
    }

    // ------------------------------------------------------------------ the wait (§2.11)

    /**
     * Waits until the transaction ending at {@code end} is acknowledged, the timeout passes
     * (semisync then switches OFF) or semisync is switched off. Never fails: a commit that times
     * out still succeeds for its client.
     */
    public void commitTrx(LogPosition end, WaitStage stage) {
        lock.lock();
        try {
            if (!enabled || closed || end == null) {
                return;
            }
            Optional<ActiveTransactions.Node> found = active.findAtOrAfter(end);
            ActiveTransactions.Node node = found.orElse(null);
            boolean semiSyncTrx = true;
            long start = System.nanoTime();
            if (state) {
                // computed once per commit: a SET of the timeout affects waits started afterwards
                long timeoutNanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
                while (state) {
                    if (replyPos != null && !replyPos.isBefore(end)) {
                        break;
                    }
                    if (node == null) {
                        semiSyncTrx = false; // flushed while OFF: nothing to wait for
                        break;
                    }
                    if (waitPos == null) {
                        waitPos = end;
                    } else if (end.isAtOrBefore(waitPos)) {
                        waitPos = end;
                        waitPosBacktraverse++; // MySQL counts equality too
                    }
                    if (shuttingDown && clients == acks.required() - 1) {
                        log.warning("SEMISYNC: Forced shutdown. Some updates might not be replicated.");
                        switchOff();
                        break;
                    }
                    boolean timedOut = awaitUntil(node, start, timeoutNanos, stage);
                    if (timedOut) {
                        log.warning("Timeout waiting for reply of binlog (file: " + end.file() + ", pos: "
                                + end.offset() + "), semi-sync up to file " + lastReply.file()
                                + ", position " + lastReply.offset() + ".");
                        waitTimeouts++;
                        switchOff();
                    } else {
                        long elapsedMicros = (System.nanoTime() - start) / 1_000L;
                        if (elapsedMicros < 0) {
                            timefuncFailures++;
                        } else {
                            txWaits++;
                            txWaitTime += elapsedMicros;
                        }
                    }
                }
            }
            if (state && semiSyncTrx) {
                yesTx++;
            } else {
                noTx++;
            }
            if (node != null && node.waiters() == 0) {
                active.clearUpTo(end);
            }
        } finally {
            lock.unlock();
        }
    }

    /** One timed wait on the node; true if the timeout passed. Called with the lock held. */
    private boolean awaitUntil(ActiveTransactions.Node node, long start, long timeoutNanos, WaitStage stage) {
        waitSessions++;
        node.addWaiter();
        stage.enter();
        try {
            long remaining = timeoutNanos - (System.nanoTime() - start);
            if (remaining <= 0) {
                return true;
            }
            return node.condition().awaitNanos(remaining) <= 0;
        } catch (InterruptedException e) {
            // the session was killed: stop waiting, as a timeout would, but keep the interrupt
            Thread.currentThread().interrupt();
            return true;
        } finally {
            stage.exit();
            node.removeWaiter();
            if (waitSessions > 0) { // RESET MASTER may have zeroed it meanwhile
                waitSessions--;
            }
        }
    }

    // ------------------------------------------------------------------ RESET MASTER, FLUSH STATUS (§2.15)

    /** after_reset_master: positions and counters are forgotten; status and clients stay. */
    public void resetMaster() {
        lock.lock();
        try {
            acks.clear();
            waitPos = null;
            replyPos = null;
            commitPos = null;
            active.clearUpTo(null);
            yesTx = 0;
            noTx = 0;
            noTimes = 0;
            timefuncFailures = 0;
            waitSessions = 0;
            waitPosBacktraverse = 0;
            txWaits = 0;
            txWaitTime = 0;
            netWaits = 0;
        } finally {
            lock.unlock();
        }
    }

    /** FLUSH STATUS: only the five plain counters are reset (MySQL's reset_status_vars). */
    public void flushStatus() {
        lock.lock();
        try {
            yesTx = 0;
            noTx = 0;
            noTimes = 0;
            timefuncFailures = 0;
            waitPosBacktraverse = 0;
        } finally {
            lock.unlock();
        }
    }

    // ------------------------------------------------------------------ status (§4.3)

    public MasterStatus status() {
        lock.lock();
        try {
            return new MasterStatus(clients, state, yesTx, noTx, noTimes, txWaits, txWaitTime,
                    txWaits == 0 ? 0 : txWaitTime / txWaits, netWaits, 0, 0, waitSessions,
                    waitPosBacktraverse, timefuncFailures);
        } finally {
            lock.unlock();
        }
    }

    /** Commits whose wait ended in a timeout (MySQL's internal wait_timeouts; not exported). */
    public long waitTimeouts() {
        lock.lock();
        try {
            return waitTimeouts;
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
