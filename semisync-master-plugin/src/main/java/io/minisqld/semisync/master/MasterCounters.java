package io.minisqld.semisync.master;

/**
 * The master's counters behind its status variables (spec §4.3) and the internal
 * {@code wait_timeouts}, with MySQL's two ways of zeroing them: RESET MASTER (positions and most
 * counters) and FLUSH STATUS (the five plain counters).
 *
 * <p>Not thread-safe: every use holds the {@link SemiSyncMaster}'s lock.
 */
final class MasterCounters {
    /** Commits acknowledged in time (yes_tx) and not (no_tx). */
    long yesTx;
    long noTx;
    /** Times semisync switched OFF (no_times). */
    long noTimes;
    /** Waits whose elapsed time came out negative (timefunc_failures). */
    long timefuncFailures;
    /** Times a waiter moved the wait position back (wait_pos_backtraverse). */
    long waitPosBacktraverse;
    /** Sessions waiting right now (wait_sessions). */
    long waitSessions;
    /** Waits that ended before the timeout, and their total time in microseconds. */
    long txWaits;
    long txWaitTime;
    /** Replies requested from replicas (net_waits). */
    long netWaits;
    /** Commits whose wait ended in a timeout (not exported, as in MySQL). */
    long waitTimeouts;

    /** A wait that ended before the timeout, {@code elapsedMicros} after it started. */
    void waited(long elapsedMicros) {
        if (elapsedMicros < 0) {
            timefuncFailures++;
        } else {
            txWaits++;
            txWaitTime += elapsedMicros;
        }
    }

    /** after_reset_master: everything but wait_timeouts (MySQL keeps it). */
    void resetMaster() {
        yesTx = 0;
        noTx = 0;
        noTimes = 0;
        timefuncFailures = 0;
        waitSessions = 0;
        waitPosBacktraverse = 0;
        txWaits = 0;
        txWaitTime = 0;
        netWaits = 0;
    }

    /** FLUSH STATUS: only the five plain counters (MySQL's reset_status_vars). */
    void flushStatus() {
        yesTx = 0;
        noTx = 0;
        noTimes = 0;
        timefuncFailures = 0;
        waitPosBacktraverse = 0;
    }

    /** The status variables now; the net wait times are always 0, as in MySQL 5.7. */
    MasterStatus status(long clients, boolean state) {
        return new MasterStatus(clients, state, yesTx, noTx, noTimes, txWaits, txWaitTime,
                txWaits == 0 ? 0 : txWaitTime / txWaits, netWaits, 0, 0, waitSessions,
                waitPosBacktraverse, timefuncFailures);
    }
}
