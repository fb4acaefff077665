package io.minisqld.server.binlog.commit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minisqld.plugin.api.LogPosition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The checkpoint's two halves (DESIGN.md, crash recovery): recovery starts reading the binlog at
 * the checkpoint's position and looks up, in the engine's XID records, every transaction after it;
 * the checkpoint prunes the records below its floor. A floor above the XID of any transaction after
 * the position makes a committed transaction look lost, and recovery applies it a second time
 * (a replica with log_slave_updates once refused to start with 1062 that way).
 */
class CommitWatermarkTest {
    private static final String FILE = "mysql-bin.000001";

    @Test
    void prefixAndFloorOfOneMark() {
        CommitWatermark w = new CommitWatermark(10, LogPosition.of(FILE, 4));
        long a = w.assignXid();
        long b = w.assignXid();
        long seqB = w.flushed(b, LogPosition.of(FILE, 200));
        long seqA = w.flushed(a, LogPosition.of(FILE, 300));
        w.engineCommitted(seqA);
        // b, first in the binlog, has not committed in the engine: nothing is covered yet
        assertEquals(new CommitWatermark.Mark(LogPosition.of(FILE, 4), 10), w.mark());
        w.engineCommitted(seqB);
        assertEquals(new CommitWatermark.Mark(LogPosition.of(FILE, 300), 12), w.mark());
        long c = w.assignXid();
        // handed out, not in the binlog yet: its record must survive a checkpoint
        assertEquals(c, w.mark().xidFloor());
        w.abandon(c);
        assertEquals(13, w.mark().xidFloor());
    }

    @Test
    void noMarkPrunesTheRecordOfATransactionAfterItsPosition() throws Exception {
        CommitWatermark w = new CommitWatermark(1, LogPosition.of(FILE, 4));
        Map<Long, Long> endOf = new ConcurrentHashMap<>();
        AtomicLong offset = new AtomicLong(4);
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> committers = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            Thread committer = new Thread(() -> {
                while (!stop.get()) {
                    long xid = w.assignXid();
                    long seq;
                    // the flush stage writes one transaction at a time, in binlog order
                    synchronized (offset) {
                        long end = offset.addAndGet(100);
                        endOf.put(xid, end);
                        seq = w.flushed(xid, LogPosition.of(FILE, end));
                    }
                    Thread.yield();
                    w.engineCommitted(seq);
                }
            });
            committers.add(committer);
            committer.start();
        }
        List<CommitWatermark.Mark> marks = new ArrayList<>();
        // enough commits for the race to show (a few hundred ms here); the deadline only catches a hang
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (endOf.size() < 3000 && System.nanoTime() < deadline) {
            marks.add(w.mark());
            Thread.yield();
        }
        stop.set(true);
        for (Thread t : committers) t.join();
        assertTrue(endOf.size() >= 3000, "committed " + endOf.size());
        // ends are 104, 204, …: the lowest XID of the transactions from each end on
        int n = endOf.size();
        long[] lowestFrom = new long[n + 1];
        lowestFrom[n] = Long.MAX_VALUE;
        long[] xidAt = new long[n];
        endOf.forEach((xid, end) -> xidAt[(int) ((end - 104) / 100)] = xid);
        for (int i = n - 1; i >= 0; i--) lowestFrom[i] = Math.min(lowestFrom[i + 1], xidAt[i]);
        for (CommitWatermark.Mark m : marks) {
            // the first transaction after the mark's position is the one ending 100 bytes later
            int next = (int) ((m.prefixEnd().offset() + 100 - 104) / 100);
            assertTrue(lowestFrom[next] >= m.xidFloor(), "XID " + lowestFrom[next] + " is after the mark " + m
                    + " but below its floor");
        }
    }
}
