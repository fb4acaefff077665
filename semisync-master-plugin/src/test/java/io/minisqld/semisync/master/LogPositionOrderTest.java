package io.minisqld.semisync.master;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minisqld.plugin.api.LogPosition;
import org.junit.jupiter.api.Test;

/**
 * Semisync orders positions with the server's {@link LogPosition}: by the file's sequence number,
 * then by offset. MySQL's semisync compares names with {@code strcmp}, which agrees while the
 * numbers keep six digits and breaks when {@code .999999} is followed by {@code .1000000}; this
 * plugin used to do the same.
 */
class LogPositionOrderTest {

    @Test
    void ordersByFileThenOffset() {
        LogPosition a = LogPosition.of("mysql-bin.000002", 900);
        LogPosition b = LogPosition.of("mysql-bin.000003", 4);
        LogPosition c = LogPosition.of("mysql-bin.000003", 621);
        assertTrue(a.isBefore(b));
        assertTrue(b.isBefore(c));
        assertTrue(c.isAtOrBefore(LogPosition.of("mysql-bin.000003", 621)));
        assertEquals(0, c.compareTo(LogPosition.of("mysql-bin.000003", 621)));
    }

    @Test
    void aLaterFileIsLaterByItsSequenceNumber() {
        assertTrue(LogPosition.of("mysql-bin.000009", 9000).isBefore(LogPosition.of("mysql-bin.000010", 4)));
        // "mysql-bin.1000000" < "mysql-bin.999999" as strings
        assertTrue(LogPosition.of("mysql-bin.999999", 9000).isBefore(LogPosition.of("mysql-bin.1000000", 4)));
    }

    @Test
    void anAckInTheNextFileReleasesAWaiterOfThePreviousOne() throws InterruptedException {
        RecordingLog log = new RecordingLog();
        SemiSyncMaster master = new SemiSyncMaster(log, 10_000, 1, true);
        master.enable();
        master.replicaStarted(2, LogPosition.of("mysql-bin.999999", 4), true);
        LogPosition commit = LogPosition.of("mysql-bin.999999", 900);
        master.transactionFlushed(commit);
        Thread waiter = new Thread(() -> master.commitTrx(commit, WaitStage.NONE));
        waiter.start();
        // the replica rotated with the source: its ack names the next file
        master.handleAck(2, LogPosition.of("mysql-bin.1000000", 154));
        waiter.join(5_000);
        assertFalse(waiter.isAlive(), "the waiter was not released by an ack in a later file");
        assertEquals(1, master.status().yesTx());
        assertEquals(0, master.waitTimeouts());
    }
}
