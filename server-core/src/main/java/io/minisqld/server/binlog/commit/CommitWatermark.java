package io.minisqld.server.binlog.commit;

import io.minisqld.plugin.api.LogPosition;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.TreeMap;

/**
 * Tracks how far the binlog is applied in the engine, for checkpoints: the longest prefix of
 * binlogged transactions whose engine commits have all finished, and the lowest XID not yet
 * covered by a checkpoint (XID records below it can be pruned).
 *
 * <p>Thread-safety: every method is synchronized on this object; each commit calls it three
 * times for a few map operations, which never block on I/O.
 */
final class CommitWatermark {
    /** A binlogged unit (a transaction or a DDL statement) in binlog order. */
    private static final class Entry {
        final long seq;
        final long xid;
        final LogPosition end;
        boolean engineDone;

        Entry(long seq, long xid, LogPosition end, boolean engineDone) {
            this.seq = seq;
            this.xid = xid;
            this.end = end;
            this.engineDone = engineDone;
        }
    }

    /** XIDs handed out whose transactions are not yet in the binlog (or were abandoned). */
    private final TreeMap<Long, Integer> unflushedXids = new TreeMap<>();
    /** Binlogged units after the last checkpoint's prefix, in binlog order. */
    private final Deque<Entry> entries = new ArrayDeque<>();
    private final TreeMap<Long, Entry> bySeq = new TreeMap<>();
    private long nextSeq = 1;
    private LogPosition prefixEnd;
    private long nextXid;

    CommitWatermark(long firstXid, LogPosition start) {
        this.nextXid = firstXid;
        this.prefixEnd = start;
    }

    /** A new XID for a committing transaction. */
    synchronized long assignXid() {
        long xid = nextXid++;
        unflushedXids.merge(xid, 1, Integer::sum);
        return xid;
    }

    /** The transaction with {@code xid} will not reach the binlog (before_commit failed, …). */
    synchronized void abandon(long xid) {
        unflushedXids.remove(xid);
    }

    /** The leader wrote a unit; {@code xid} 0 for DDL, which the engine already made durable. Returns its sequence. */
    synchronized long flushed(long xid, LogPosition end) {
        if (xid != 0) unflushedXids.remove(xid);
        Entry e = new Entry(nextSeq++, xid, end, xid == 0);
        entries.addLast(e);
        bySeq.put(e.seq, e);
        advance();
        return e.seq;
    }

    /** The unit's engine commit finished. */
    synchronized void engineCommitted(long seq) {
        Entry e = bySeq.get(seq);
        if (e != null) {
            e.engineDone = true;
            advance();
        }
    }

    private void advance() {
        while (!entries.isEmpty() && entries.peekFirst().engineDone) {
            Entry e = entries.pollFirst();
            bySeq.remove(e.seq);
            prefixEnd = e.end;
        }
    }

    /**
     * Where a checkpoint may be recorded: the end of the longest fully engine-committed prefix and
     * the lowest XID of any transaction not inside it (XID records below it are not needed). Read
     * together: a floor read after the prefix moved on would exceed the XIDs of transactions that
     * recovery, starting at the older prefix, still looks up, and pruning below it would make them
     * look lost and be applied a second time.
     */
    synchronized Mark mark() {
        long floor = nextXid;
        if (!unflushedXids.isEmpty()) floor = Math.min(floor, unflushedXids.firstKey());
        for (Entry e : entries) {
            if (e.xid != 0) floor = Math.min(floor, e.xid);
        }
        return new Mark(prefixEnd, floor);
    }

    /** A checkpoint's position and XID floor, as {@link #mark} read them at one moment. */
    record Mark(LogPosition prefixEnd, long xidFloor) {
    }

    /** The position the binlog continues at after a rotation or RESET MASTER with nothing in flight. */
    synchronized void restartAt(LogPosition position) {
        if (entries.isEmpty()) prefixEnd = position;
    }
}
