package io.minisqld.semisync.master;

import io.minisqld.plugin.api.LogPosition;
import org.junit.jupiter.api.Test;

import java.util.concurrent.locks.ReentrantLock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ActiveTransactionsTest {
    private final ReentrantLock lock = new ReentrantLock();
    private final ActiveTransactions active = new ActiveTransactions(lock::newCondition, new SemiSyncTrace(new RecordingLog(), 0));

    private static LogPosition pos(long offset) {
        return LogPosition.of("mysql-bin.000001", offset);
    }

    @Test
    void keepsBinlogOrderAndRefusesOutOfOrderInserts() {
        assertTrue(active.insert(pos(300)));
        assertTrue(active.insert(pos(500)));
        assertFalse(active.insert(pos(500)), "same position twice");
        assertFalse(active.insert(pos(400)), "behind the tail");
        assertTrue(active.insert(LogPosition.of("mysql-bin.000002", 4)));
        assertEquals(3, active.size());
    }

    @Test
    void findsTheNodeOfTheGroupHoldingAPosition() {
        active.insert(pos(300));
        active.insert(pos(700));
        assertEquals(pos(300), active.findAtOrAfter(pos(300)).orElseThrow().position());
        assertEquals(pos(700), active.findAtOrAfter(pos(450)).orElseThrow().position());
        assertTrue(active.findAtOrAfter(pos(701)).isEmpty());
        assertTrue(active.endsAt(pos(700)));
        assertFalse(active.endsAt(pos(450)));
    }

    @Test
    void clearingStopsAtTheFirstNodeWithWaiters() {
        active.insert(pos(100));
        active.insert(pos(200));
        active.insert(pos(300));
        active.findAtOrAfter(pos(200)).orElseThrow().addWaiter();
        assertEquals(1, active.clearUpTo(pos(300)));
        assertEquals(2, active.size());
        active.findAtOrAfter(pos(200)).orElseThrow().removeWaiter();
        assertEquals(1, active.clearUpTo(pos(250)));
        assertEquals(1, active.size());
        assertEquals(1, active.clearUpTo(null));
        assertTrue(active.isEmpty());
    }
}
