package io.minisqld.semisync.master;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minisqld.plugin.api.LogPosition;
import io.minisqld.testcommon.Poll;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The scenarios of spec §2 against the algorithm alone: no server, no sockets. */
class SemiSyncMasterTest {
    private static final String BIN = "mysql-bin.000003";
    /** Only catches a hang. */
    private static final Duration WAIT = Duration.ofSeconds(10);
    private final RecordingLog log = new RecordingLog();
    private final ExecutorService sessions = Executors.newCachedThreadPool();

    @AfterEach
    void stopSessions() throws InterruptedException {
        sessions.shutdownNow();
        assertTrue(sessions.awaitTermination(10, TimeUnit.SECONDS));
    }

    private static LogPosition pos(long offset) {
        return LogPosition.of(BIN, offset);
    }

    private SemiSyncMaster enabledMaster(long timeoutMillis, int waitForSlaveCount) {
        SemiSyncMaster master = new SemiSyncMaster(log, timeoutMillis, waitForSlaveCount, true);
        master.enable();
        return master;
    }

    /** A session committing the transaction that ends at {@code end} (after_flush, then the wait). */
    private CompletableFuture<Void> commit(SemiSyncMaster master, long end) {
        master.transactionFlushed(pos(end));
        return CompletableFuture.runAsync(() -> master.commitTrx(pos(end), WaitStage.NONE), sessions);
    }


    @Test
    void enablingWithWaitNoSlaveTurnsStatusOnWithoutReplicas() {
        SemiSyncMaster master = enabledMaster(10_000, 1);
        assertEquals(List.of(
                "[Note] Semi-sync replication initialized for transactions.",
                "[Note] Semi-sync replication enabled on the master."), log.lines());
        assertTrue(master.status().status());
        assertEquals(0, master.status().clients());
    }

    @Test
    void replicaRegistrationLogsAndCountsItsStartPositionAsAnAck() {
        SemiSyncMaster master = enabledMaster(10_000, 1);
        log.clear();
        master.replicaStarted(2, pos(621), true);
        master.replicaStarted(3, pos(4), false);
        assertEquals(1, master.status().clients());
        master.replicaStopped(3, false);
        master.replicaStopped(2, true);
        assertEquals(0, master.status().clients());
        assertEquals(List.of(
                "[Note] Start semi-sync binlog_dump to slave (server_id: 2), pos(mysql-bin.000003, 621)",
                "[Note] Start asynchronous binlog_dump to slave (server_id: 3), pos(mysql-bin.000003, 4)",
                "[Note] Stop asynchronous binlog_dump to slave (server_id: 3)",
                "[Note] Stop semi-sync binlog_dump to slave (server_id: 2)"), log.lines());
        assertTrue(master.status().status(), "wait_no_slave=ON: losing the replica does not switch OFF");
    }

    @Test
    void anAckAtPReleasesEveryWaiterAtOrBelowPWhateverTheSession() throws Exception {
        SemiSyncMaster master = enabledMaster(60_000, 1);
        master.replicaStarted(2, pos(4), true);
        // one after the other, so that each waits at a higher position than the minimum
        CompletableFuture<Void> first = commit(master, 300);
        Poll.until("one waiting session", WAIT, () -> master.status().waitSessions() == 1);
        CompletableFuture<Void> second = commit(master, 500);
        Poll.until("two waiting sessions", WAIT, () -> master.status().waitSessions() == 2);
        CompletableFuture<Void> third = commit(master, 700);
        Poll.until("three waiting sessions", WAIT, () -> master.status().waitSessions() == 3);

        master.handleAck(2, pos(500));
        first.get(10, TimeUnit.SECONDS);
        second.get(10, TimeUnit.SECONDS);
        Poll.until("two sessions released", WAIT, () -> master.status().waitSessions() == 1);
        assertFalse(third.isDone());
        assertEquals(2, master.status().yesTx());

        master.handleAck(2, pos(700));
        third.get(10, TimeUnit.SECONDS);
        MasterStatus status = master.status();
        assertEquals(3, status.yesTx());
        assertEquals(0, status.noTx());
        assertEquals(0, status.waitSessions());
        assertEquals(0, master.activeTransactions(), "acknowledged transactions are forgotten");
        assertTrue(status.txWaits() >= 3);
        assertEquals(status.txWaitTime() / status.txWaits(), status.txAvgWaitTime());
        // 500 and 700 started waiting after 300: each not at or below the minimum waiting position
        assertEquals(0, status.waitPosBacktraverse());
    }

    @Test
    void aCommitAlreadyAcknowledgedDoesNotWait() {
        SemiSyncMaster master = enabledMaster(60_000, 1);
        master.replicaStarted(2, pos(4), true);
        master.transactionFlushed(pos(300));
        master.handleAck(2, pos(300));
        master.commitTrx(pos(300), WaitStage.NONE);
        assertEquals(1, master.status().yesTx());
        assertEquals(0, master.status().txWaits());
    }

    @Test
    void aTimeoutSwitchesOffAndACatchingUpReplicaSwitchesBackOn() throws Exception {
        SemiSyncMaster master = enabledMaster(50, 1);
        master.replicaStarted(2, pos(4), true);
        log.clear();

        commit(master, 300).get(10, TimeUnit.SECONDS); // nobody acknowledges: still succeeds
        assertEquals(List.of(
                "[Warning] Timeout waiting for reply of binlog (file: mysql-bin.000003, pos: 300), "
                        + "semi-sync up to file mysql-bin.000003, position 4.",
                "[Note] Semi-sync replication switched OFF."), log.lines());
        MasterStatus off = master.status();
        assertFalse(off.status());
        assertEquals(1, off.noTimes());
        assertEquals(1, off.noTx());
        assertEquals(0, off.yesTx());
        assertEquals(1, master.waitTimeouts());

        // while OFF a commit does not wait, and only an event at or after the newest commit asks for a reply
        commit(master, 500).get(10, TimeUnit.SECONDS);
        assertEquals(2, master.status().noTx());
        assertFalse(master.requestsReply(2, pos(300)));
        assertTrue(master.requestsReply(2, pos(500)));

        log.clear();
        master.handleAck(2, pos(300));
        assertFalse(master.status().status(), "behind the newest commit: stays OFF");
        master.handleAck(2, pos(500));
        assertTrue(master.status().status());
        assertEquals(List.of("[Note] Semi-sync replication switched ON at (mysql-bin.000003, 500)"), log.lines());
    }

    @Test
    void theTimeoutMessageShowsAnEmptyFileWhenNothingWasEverAcknowledged() throws Exception {
        SemiSyncMaster master = enabledMaster(0, 1);
        log.clear();
        commit(master, 300).get(10, TimeUnit.SECONDS);
        assertEquals("[Warning] Timeout waiting for reply of binlog (file: mysql-bin.000003, pos: 300), "
                + "semi-sync up to file , position 0.", log.lines().get(0));
    }

    @Test
    void theTimedOutSessionAndEveryOtherWaiterCountNoTx() throws Exception {
        SemiSyncMaster master = enabledMaster(60_000, 1);
        master.replicaStarted(2, pos(4), true);
        CompletableFuture<Void> a = commit(master, 300);
        CompletableFuture<Void> b = commit(master, 500);
        Poll.until("two waiting sessions", WAIT, () -> master.status().waitSessions() == 2);
        master.disable(); // switch_off wakes every waiter
        a.get(10, TimeUnit.SECONDS);
        b.get(10, TimeUnit.SECONDS);
        MasterStatus status = master.status();
        assertEquals(2, status.noTx());
        assertEquals(1, status.noTimes());
        assertFalse(status.status());
        assertEquals(1, status.clients(), "disabling keeps the replicas registered");
    }

    @Test
    void waitForSlaveCountTwoReleasesOnlyWhatTwoReplicasHave() throws Exception {
        SemiSyncMaster master = enabledMaster(60_000, 2);
        master.replicaStarted(2, pos(4), true);
        master.replicaStarted(3, pos(4), true);
        master.replicaStarted(4, pos(4), true);
        CompletableFuture<Void> t300 = commit(master, 300);
        CompletableFuture<Void> t500 = commit(master, 500);
        Poll.until("two waiting sessions", WAIT, () -> master.status().waitSessions() == 2);

        master.handleAck(2, pos(500));
        assertFalse(t300.isDone(), "one replica is not enough");
        master.handleAck(3, pos(300));
        t300.get(10, TimeUnit.SECONDS);
        assertFalse(t500.isDone());
        master.handleAck(4, pos(500));
        t500.get(10, TimeUnit.SECONDS);
        assertEquals(2, master.status().yesTx());
    }

    @Test
    void waitForSlaveCountThreeUsesTheSmallestOfTheThreeAcks() throws Exception {
        SemiSyncMaster master = enabledMaster(60_000, 3);
        for (long id = 2; id <= 4; id++) {
            master.replicaStarted(id, pos(4), true);
        }
        CompletableFuture<Void> t300 = commit(master, 300);
        CompletableFuture<Void> t500 = commit(master, 500);
        CompletableFuture<Void> t700 = commit(master, 700);
        Poll.until("three waiting sessions", WAIT, () -> master.status().waitSessions() == 3);

        master.handleAck(2, pos(700));
        master.handleAck(3, pos(300));
        assertFalse(t300.isDone());
        master.handleAck(4, pos(500)); // three replicas: all have 300
        t300.get(10, TimeUnit.SECONDS);
        assertFalse(t500.isDone(), "only two replicas have 500");
        master.handleAck(3, pos(700)); // 2 → 700, 4 → 500, 3 → 700: all have 500
        t500.get(10, TimeUnit.SECONDS);
        assertFalse(t700.isDone());
        master.handleAck(4, pos(700));
        t700.get(10, TimeUnit.SECONDS);
        assertEquals(3, master.status().yesTx());
    }

    @Test
    void loweringWaitForSlaveCountRecountsTheAcksAlreadyReceived() throws Exception {
        SemiSyncMaster master = enabledMaster(60_000, 2);
        master.replicaStarted(2, pos(4), true);
        master.replicaStarted(3, pos(4), true);
        CompletableFuture<Void> t300 = commit(master, 300);
        Poll.until("a waiting session", WAIT, () -> master.status().waitSessions() == 1);
        master.handleAck(2, pos(300));
        assertFalse(t300.isDone());
        master.setWaitForSlaveCount(1); // replica 2's ack alone now suffices
        t300.get(10, TimeUnit.SECONDS);
        assertEquals(1, master.status().yesTx());
    }

    @Test
    void withWaitNoSlaveOffLosingAReplicaBelowTheCountSwitchesOff() {
        SemiSyncMaster master = new SemiSyncMaster(log, 10_000, 1, false);
        master.enable();
        assertFalse(master.status().status(), "no replica yet");
        master.replicaStarted(2, pos(4), true);
        assertTrue(master.status().status(), "the replica's start position switched it ON");
        log.clear();
        master.replicaStopped(2, true);
        assertFalse(master.status().status());
        assertEquals(1, master.status().noTimes());
        assertEquals(List.of("[Note] Stop semi-sync binlog_dump to slave (server_id: 2)",
                "[Note] Semi-sync replication switched OFF."), log.lines());

        master.setWaitNoSlave(true); // force_switch_on: no message
        assertTrue(master.status().status());
        assertEquals(2, log.lines().size());
        master.setWaitNoSlave(false); // 0 clients and ON: switch_off
        assertFalse(master.status().status());
        assertEquals(2, master.status().noTimes());
    }

    @Test
    void theSyncFlagMarksOnlyTheEndOfAWaitedTransaction() throws Exception {
        SemiSyncMaster master = enabledMaster(60_000, 1);
        master.replicaStarted(2, pos(4), true);
        master.transactionFlushed(pos(300));
        master.transactionFlushed(pos(500));
        assertFalse(master.requestsReply(2, pos(250)), "an event inside the transaction");
        assertTrue(master.requestsReply(2, pos(300)));
        CompletableFuture<Void> t500 = CompletableFuture.runAsync(
                () -> master.commitTrx(pos(500), WaitStage.NONE), sessions);
        Poll.until("a waiting session", WAIT, () -> master.status().waitSessions() == 1);
        assertFalse(master.requestsReply(2, pos(300)), "someone waits for 500: its ack covers 300");
        assertTrue(master.requestsReply(2, pos(500)));
        master.handleAck(2, pos(500));
        t500.get(10, TimeUnit.SECONDS);
        assertFalse(master.requestsReply(2, pos(500)), "already acknowledged");
        master.replyRequested();
        assertEquals(1, master.status().netWaits());
        assertEquals(0, master.status().netWaitTime());
        assertEquals(0, master.status().netAvgWaitTime());
    }

    @Test
    void backtraverseCountsASessionWaitingAtOrBelowTheMinimum() throws Exception {
        SemiSyncMaster master = enabledMaster(60_000, 1);
        master.replicaStarted(2, pos(4), true);
        master.transactionFlushed(pos(300));
        master.transactionFlushed(pos(500));
        CompletableFuture<Void> t500 = CompletableFuture.runAsync(
                () -> master.commitTrx(pos(500), WaitStage.NONE), sessions);
        Poll.until("a waiting session", WAIT, () -> master.status().waitSessions() == 1);
        CompletableFuture<Void> t300 = CompletableFuture.runAsync(
                () -> master.commitTrx(pos(300), WaitStage.NONE), sessions);
        Poll.until("two waiting sessions", WAIT, () -> master.status().waitSessions() == 2);
        assertEquals(1, master.status().waitPosBacktraverse());
        master.handleAck(2, pos(500));
        t300.get(10, TimeUnit.SECONDS);
        t500.get(10, TimeUnit.SECONDS);
    }

    @Test
    void flushStatusResetsTheFivePlainCountersAndResetMasterTheOthersToo() throws Exception {
        SemiSyncMaster master = enabledMaster(0, 1);
        master.replicaStarted(2, pos(4), true);
        commit(master, 300).get(10, TimeUnit.SECONDS); // times out at once: no_tx 1, no_times 1
        master.setWaitNoSlave(true);                   // back ON
        master.setTimeoutMillis(60_000);
        CompletableFuture<Void> t500 = commit(master, 500);
        Poll.until("a waiting session", WAIT, () -> master.status().waitSessions() == 1);
        master.handleAck(2, pos(500));
        t500.get(10, TimeUnit.SECONDS);
        master.replyRequested();
        MasterStatus before = master.status();
        assertEquals(1, before.yesTx());
        assertEquals(1, before.noTx());
        assertEquals(1, before.noTimes());
        assertEquals(1, before.txWaits());

        master.flushStatus();
        MasterStatus flushed = master.status();
        assertEquals(0, flushed.yesTx());
        assertEquals(0, flushed.noTx());
        assertEquals(0, flushed.noTimes());
        assertEquals(1, flushed.txWaits(), "function-backed counters survive FLUSH STATUS");
        assertEquals(before.txWaitTime(), flushed.txWaitTime());
        assertEquals(1, flushed.netWaits());

        master.resetMaster();
        MasterStatus reset = master.status();
        assertEquals(0, reset.txWaits());
        assertEquals(0, reset.txWaitTime());
        assertEquals(0, reset.netWaits());
        assertTrue(reset.status(), "RESET MASTER keeps the status");
        assertEquals(1, reset.clients(), "and the clients");
    }

    @Test
    void aTransactionFlushedWhileDisabledDoesNotWaitOrCount() {
        SemiSyncMaster master = new SemiSyncMaster(log, 60_000, 1, true);
        master.transactionFlushed(pos(300));
        master.commitTrx(pos(300), WaitStage.NONE);
        assertEquals(0, master.status().noTx());
        assertEquals(0, master.status().yesTx());
        assertFalse(master.status().status());
    }

    @Test
    void shutdownWithTooFewReplicasReleasesWaitersWithMysqlsWarning() throws Exception {
        SemiSyncMaster master = enabledMaster(60_000, 1);
        master.transactionFlushed(pos(100));
        master.handleAck(9, pos(100));
        CompletableFuture<Void> t = commit(master, 300);
        Poll.until("a waiting session", WAIT, () -> master.status().waitSessions() == 1);
        log.clear();
        master.shutdownStarted();
        t.get(10, TimeUnit.SECONDS);
        assertEquals(List.of("[Warning] SEMISYNC: Forced shutdown. Some updates might not be replicated.",
                "[Note] Semi-sync replication switched OFF."), log.lines());
        assertEquals(1, master.status().noTx());
    }

    @Test
    void shutdownWaitsForTheLastReplicaToLeaveWhenEnoughAreConnected() throws Exception {
        SemiSyncMaster master = enabledMaster(60_000, 1);
        master.replicaStarted(2, pos(4), true);
        CompletableFuture<Void> t = commit(master, 300);
        Poll.until("a waiting session", WAIT, () -> master.status().waitSessions() == 1);
        master.shutdownStarted();
        Poll.until("the woken session to wait again", WAIT,
                () -> master.status().waitSessions() == 1 && master.status().txWaits() == 1);
        assertFalse(t.isDone());
        log.clear();
        master.replicaStopped(2, true); // even with wait_no_slave=ON during shutdown
        t.get(10, TimeUnit.SECONDS);
        assertEquals(List.of("[Note] Stop semi-sync binlog_dump to slave (server_id: 2)",
                "[Warning] SEMISYNC: Forced shutdown. Some updates might not be replicated.",
                "[Note] Semi-sync replication switched OFF."), log.lines());
    }

    @Test
    void closingReleasesWaiters() throws Exception {
        SemiSyncMaster master = enabledMaster(60_000, 1);
        CompletableFuture<Void> t = commit(master, 300);
        Poll.until("a waiting session", WAIT, () -> master.status().waitSessions() == 1);
        master.close();
        t.get(10, TimeUnit.SECONDS);
        assertEquals(1, master.status().noTx());
        master.transactionFlushed(pos(500));
        master.commitTrx(pos(500), WaitStage.NONE);
        assertEquals(1, master.status().noTx(), "after close nothing waits or counts");
    }
}
