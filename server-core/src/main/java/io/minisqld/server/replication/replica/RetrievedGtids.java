package io.minisqld.server.replication.replica;

import io.minisqld.server.gtid.Gtid;
import io.minisqld.server.gtid.GtidSet;

/**
 * {@code Retrieved_Gtid_Set} (row-events B.9): the GTIDs of the transactions the relay log holds
 * whole. A transaction counts once its last event was queued, so an auto-positioned reconnect
 * asks again for one that was cut off. Emptied with the relay log.
 *
 * <p>Thread-safety: synchronized; the IO thread writes, SHOW SLAVE STATUS reads.
 */
final class RetrievedGtids {
    private GtidSet set = GtidSet.EMPTY;
    /** The GTID of the transaction being received, until its end. */
    private Gtid open;
    /** Whether the open transaction began with BEGIN (it then ends with XID or COMMIT). */
    private boolean begun;

    synchronized GtidSet set() {
        return set;
    }

    /** Whether a GTID transaction is being received (its QUERY events matter). */
    synchronized boolean inTransaction() {
        return open != null;
    }

    /** A GTID event was queued (null: an anonymous one). */
    synchronized void started(Gtid gtid) {
        open = gtid;
        begun = false;
    }

    /** A QUERY event was queued: BEGIN opens, COMMIT or a statement of its own ends the transaction. */
    synchronized void query(String sql) {
        if (open == null) return;
        if (sql.equalsIgnoreCase("BEGIN")) {
            begun = true;
        } else if (!begun || sql.equalsIgnoreCase("COMMIT")) {
            ended();
        }
    }

    /** An XID event was queued. */
    synchronized void ended() {
        if (open != null) set = set.with(open.uuid(), open.gno());
        open = null;
        begun = false;
    }

    /** A new dump: a transaction left open will come again whole. */
    synchronized void newStream() {
        open = null;
        begun = false;
    }

    /** The relay log was emptied. */
    synchronized void clear() {
        set = GtidSet.EMPTY;
        newStream();
    }
}
