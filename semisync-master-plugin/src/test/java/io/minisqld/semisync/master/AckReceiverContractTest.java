package io.minisqld.semisync.master;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minisqld.testcommon.Poll;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What every {@link AckReceiver} does (spec §2.7), run against each implementation by a subclass:
 * replies read from a replica's connection release the waiting commits, nothing is read while the
 * receiver is stopped, a connection that quits or breaks is no longer read, and starting again
 * reads the registered connections again.
 */
abstract class AckReceiverContract {
    /** Only catches a hang. */
    static final Duration WAIT = Duration.ofSeconds(10);
    final RecordingLog log = new RecordingLog();

    /** The implementation under test. */
    abstract AckReceiver newReceiver(SemiSyncMaster master, ThreadFactory threads, MasterLog log);

    /** How many registered connections are being read now. */
    abstract int connectionsRead(AckReceiver receiver);

    /** Whether any reader thread of the receiver is alive. */
    abstract boolean readerAlive(AckReceiver receiver);

    /** How many reader threads serve {@code replicas} replicas. */
    abstract int readerThreads(int replicas);

    static BinlogPosition pos(long offset) {
        return BinlogPosition.of("mysql-bin.000001", offset);
    }

    @Test
    void repliesReadFromTheConnectionReleaseTheWaitingCommit() throws Exception {
        SemiSyncMaster master = new SemiSyncMaster(log, 60_000, 1, true);
        master.enable();
        AckReceiver receiver = newReceiver(master, Thread::new, log);
        FakeReplicaConnection connection = new FakeReplicaConnection(7);
        receiver.start();
        receiver.add(2, connection);
        master.replicaStarted(2, pos(4), true);
        master.transactionFlushed(pos(300));
        CompletableFuture<Void> commit = CompletableFuture.runAsync(() -> master.commitTrx(pos(300), WaitStage.NONE));
        Poll.until("a waiting session", WAIT, () -> master.status().waitSessions() == 1);

        connection.reply(new byte[]{0x01, 0x02}); // not a reply: logged, reading goes on
        connection.reply(AckPacket.encode(pos(300)));
        commit.get(10, TimeUnit.SECONDS);
        assertEquals(1, master.status().yesTx());

        receiver.remove(connection);
        assertEquals(0, connectionsRead(receiver));
        receiver.stop();
        assertFalse(readerAlive(receiver));
        assertTrue(log.lines().contains("[ERROR] Read semi-sync reply magic number error"), log.lines().toString());
        assertTrue(log.lines().containsAll(List.of("[Note] Starting ack receiver thread",
                "[Note] Stopping ack receiver thread")));
    }

    @Test
    void theRepliesOfEveryReplicaCountForWaitForSlaveCountTwo() throws Exception {
        SemiSyncMaster master = new SemiSyncMaster(log, 60_000, 2, true);
        master.enable();
        Set<Thread> threads = ConcurrentHashMap.newKeySet();
        AckReceiver receiver = newReceiver(master, r -> {
            Thread t = new Thread(r);
            threads.add(t);
            return t;
        }, log);
        FakeReplicaConnection a = new FakeReplicaConnection(7);
        FakeReplicaConnection b = new FakeReplicaConnection(8);
        FakeReplicaConnection c = new FakeReplicaConnection(9);
        receiver.start();
        receiver.add(2, a);
        receiver.add(3, b);
        receiver.add(4, c);
        master.replicaStarted(2, pos(4), true);
        master.replicaStarted(3, pos(4), true);
        master.replicaStarted(4, pos(4), true);
        master.transactionFlushed(pos(300));
        master.transactionFlushed(pos(600));
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> master.commitTrx(pos(300), WaitStage.NONE));
        CompletableFuture<Void> second = CompletableFuture.runAsync(() -> master.commitTrx(pos(600), WaitStage.NONE));
        Poll.until("two waiting sessions", WAIT, () -> master.status().waitSessions() == 2);

        // c is silent throughout, like a stopped replica: a and b decide
        a.reply(AckPacket.encode(pos(600)));
        b.reply(AckPacket.encode(pos(300)));
        first.get(10, TimeUnit.SECONDS);
        assertFalse(second.isDone(), "600 is acknowledged by one replica only");
        b.reply(AckPacket.encode(pos(600)));
        second.get(10, TimeUnit.SECONDS);
        assertEquals(2, master.status().yesTx());
        assertEquals(readerThreads(3), threads.size(), "reader threads for three replicas");

        receiver.remove(a);
        receiver.remove(b);
        receiver.remove(c);
        assertEquals(0, connectionsRead(receiver));
        receiver.stop();
        assertFalse(readerAlive(receiver));
    }

    @Test
    void readingRunsOnlyWhileStartedAndAConnectionThatQuitsOrBreaksIsNoLongerRead() throws Exception {
        SemiSyncMaster master = new SemiSyncMaster(log, 60_000, 1, true);
        AckReceiver receiver = newReceiver(master, Thread::new, log);
        FakeReplicaConnection a = new FakeReplicaConnection(7);
        FakeReplicaConnection b = new FakeReplicaConnection(8);
        receiver.add(2, a);
        receiver.add(3, b);
        assertFalse(readerAlive(receiver), "disabled: nothing reads");
        assertEquals(0, connectionsRead(receiver), "disabled: nothing reads");
        receiver.start();
        receiver.start();
        assertTrue(readerAlive(receiver));
        assertEquals(2, connectionsRead(receiver));
        b.reply(new byte[]{0x01}); // COM_QUIT: the replica leaves; no error is logged
        Poll.until("b no longer read", WAIT, () -> connectionsRead(receiver) == 1);
        a.breakConnection();
        Poll.until("a no longer read", WAIT, () -> connectionsRead(receiver) == 0);
        receiver.stop();
        assertFalse(readerAlive(receiver));
        assertEquals(0, connectionsRead(receiver));

        receiver.start(); // enabled again: the registered connections are read again; a's is still broken
        Poll.until("b read again, a's broken connection ended again", WAIT, () -> connectionsRead(receiver) == 1);
        b.breakConnection();
        Poll.until("both ended again", WAIT, () -> connectionsRead(receiver) == 0);
        receiver.remove(a);
        receiver.remove(b);
        receiver.stop();
        assertFalse(readerAlive(receiver));
        assertEquals(0, connectionsRead(receiver));
        assertEquals(List.of("[Note] Starting ack receiver thread", "[Note] Stopping ack receiver thread",
                "[Note] Starting ack receiver thread", "[Note] Stopping ack receiver thread"), log.lines());
    }
}
