package io.minisqld.semisync.master;

import static io.minisqld.semisync.master.SemiSyncTrace.at;

import io.minisqld.plugin.api.LogPosition;

/**
 * Whether semisync is enabled and ON, and the binlog positions it tracks (MySQL's
 * {@code ReplSemiSyncMaster} fields, spec §2): the end of the newest commit group flushed, the
 * newest position replicas acknowledged, the lowest position a session waits for; with the
 * transitions between them that every path shares: {@code switch_off}, {@code try_switch_on},
 * {@code reportReplyBinlog}, {@code writeTranxInBinlog}, {@code updateSyncHeader}.
 *
 * <p>Not thread-safe: every field and method is used with the {@link SemiSyncMaster}'s lock held.
 */
final class SemiSyncState {
    private static final String REPORT_REPLY = "ReplSemiSyncMaster::reportReplyBinlog";
    private static final String SWITCH_OFF = "ReplSemiSyncMaster::switch_off";
    private static final String TRY_SWITCH_ON = "ReplSemiSyncMaster::try_switch_on";
    private static final String WRITE_TRANX = "ReplSemiSyncMaster::writeTranxInBinlog";
    private static final String UPDATE_SYNC_HEADER = "ReplSemiSyncMaster::updateSyncHeader";
    private static final String COMMIT_TRX = "ReplSemiSyncMaster::commitTrx";

    private final MasterLog log;
    private final SemiSyncTrace trace;
    private final ActiveTransactions active;
    private final MasterCounters counters;

    /** rpl_semi_sync_master_enabled. */
    boolean enabled;
    /** Rpl_semi_sync_master_status: commits wait (ON) or not (OFF, after a timeout). */
    boolean on;
    /** The end of the newest commit group flushed while enabled. */
    LogPosition commitPos;
    /** The newest position acknowledged; forgotten at switch_off. */
    LogPosition replyPos;
    /** The reply-position buffer the timeout message prints: kept when replyPos is forgotten. */
    LogPosition lastReply = LogPosition.of("", 0);
    /** The lowest position a session waits for; unknown (null) when none or after a release. */
    LogPosition waitPos;

    SemiSyncState(MasterLog log, SemiSyncTrace trace, ActiveTransactions active, MasterCounters counters) {
        this.log = log;
        this.trace = trace;
        this.active = active;
        this.counters = counters;
    }

    /** Forgets the tracked positions (enable, disable, RESET MASTER). */
    void forgetPositions() {
        commitPos = null;
        replyPos = null;
        waitPos = null;
    }

    /** switch_off: commits stop waiting and every waiter is woken (spec §2.12). */
    void switchOff() {
        trace.enter(SWITCH_OFF);
        on = false;
        counters.noTimes++;
        waitPos = null;
        replyPos = null;
        log.note("Semi-sync replication switched OFF.");
        active.signalAll();
        trace.exit(SWITCH_OFF, 0);
    }

    /**
     * writeTranxInBinlog: a commit group now ends at {@code end}; while ON a session may wait for
     * it. An out-of-order end switches semisync OFF.
     */
    void flushed(LogPosition end) {
        trace.enter(WRITE_TRANX);
        int result = 0;
        if (enabled) {
            if (commitPos == null || commitPos.isBefore(end)) {
                commitPos = end;
            }
            if (on && !active.insert(end)) {
                log.warning("Semi-sync failed to insert tranx_node for binlog file: " + end.file()
                        + ", position: " + end.offset());
                result = -1;
                switchOff();
            }
        }
        trace.exit(WRITE_TRANX, result);
    }

    /**
     * updateSyncHeader: whether the event ending at {@code eventEnd}, sent to replica
     * {@code serverId}, asks for an acknowledgement (spec §2.5).
     */
    boolean syncRequired(long serverId, LogPosition eventEnd) {
        if (!enabled) {
            return false;
        }
        trace.enter(UPDATE_SYNC_HEADER);
        boolean sync = false;
        if (!on) {
            // OFF: ask a catching-up replica as soon as it reaches the newest commit (§2.13)
            sync = commitPos == null || !eventEnd.isBefore(commitPos);
            traceSync(serverId, eventEnd, sync);
        } else if (replyPos == null || !eventEnd.isAtOrBefore(replyPos)) {
            // not acknowledged yet; a waiter further on is released by the ack of a later event
            sync = (waitPos == null || !eventEnd.isBefore(waitPos)) && active.endsAt(eventEnd);
            traceSync(serverId, eventEnd, sync);
        }
        trace.exit(UPDATE_SYNC_HEADER, 0);
        return sync;
    }

    private void traceSync(long serverId, LogPosition eventEnd, boolean sync) {
        if (trace.detail()) {
            trace.detail(UPDATE_SYNC_HEADER, "server(" + serverId + "), " + at(eventEnd) + " sync(" + (sync ? 1 : 0)
                    + "), repl(" + (on ? 1 : 0) + ")");
        }
    }

    /**
     * reportReplyBinlog: replicas have {@code position} (or the dump skipped the event ending
     * there); the reply position only moves forward, and the waiters it covers are woken
     * (spec §2.10). While OFF, a reply at or past the newest commit switches semisync ON.
     */
    void replied(long serverId, LogPosition position, boolean skipped) {
        if (!enabled) {
            return;
        }
        trace.enter(REPORT_REPLY);
        if (!on) {
            trySwitchOn(position);
        }
        if (replyPos == null || !position.isBefore(replyPos)) {
            replyPos = position;
            lastReply = position;
            trace.detail(REPORT_REPLY, (skipped ? "Transaction skipped at " : "Got reply at ") + at(position));
            if (counters.waitSessions > 0 && (waitPos == null || !replyPos.isBefore(waitPos))) {
                waitPos = null;
                active.signalUpTo(replyPos);
                trace.detail(REPORT_REPLY, "signal all waiting threads.");
            }
        }
        trace.exit(REPORT_REPLY, 0);
    }

    private void trySwitchOn(LogPosition position) {
        trace.enter(TRY_SWITCH_ON);
        if (commitPos == null || !position.isBefore(commitPos)) {
            on = true;
            // MySQL 5.7's text (MariaDB adds "with slave (server_id: N)"), semisync.md §5.1
            log.note("Semi-sync replication switched ON at " + at(position));
        }
        trace.exit(TRY_SWITCH_ON, 0);
    }

    /** Whether replicas already acknowledged {@code end}. */
    boolean acknowledged(LogPosition end) {
        if (replyPos != null && !replyPos.isBefore(end)) {
            trace.detail(COMMIT_TRX, "Binlog reply is ahead " + at(replyPos) + ",");
            return true;
        }
        return false;
    }

    /** A session is about to wait for {@code end}: the wait position is the lowest waited for. */
    void waitingFor(LogPosition end) {
        if (waitPos == null) {
            waitPos = end;
            trace.detail(COMMIT_TRX, "init wait position " + at(waitPos) + ",");
        } else if (end.isAtOrBefore(waitPos)) {
            waitPos = end;
            counters.waitPosBacktraverse++; // MySQL counts equality too
            trace.detail(COMMIT_TRX, "move back wait position " + at(waitPos) + ",");
        }
    }
}
