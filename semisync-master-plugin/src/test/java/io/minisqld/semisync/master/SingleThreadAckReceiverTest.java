package io.minisqld.semisync.master;

import io.minisqld.plugin.api.LogPosition;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SingleThreadAckReceiverTest {
    private final RecordingLog log = new RecordingLog();

    private static LogPosition pos(long offset) {
        return LogPosition.of("mysql-bin.000001", offset);
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(1);
        }
    }

    @Test
    void repliesReadFromTheOnlyConnectionReleaseTheWaitingCommit() throws Exception {
        SemiSyncMaster master = new SemiSyncMaster(log, 60_000, 1, true);
        master.enable();
        SingleThreadAckReceiver receiver = new SingleThreadAckReceiver(master, Thread::new, log);
        FakeReplicaConnection connection = new FakeReplicaConnection(7);
        receiver.start();
        receiver.add(2, connection);
        master.replicaStarted(2, pos(4), true);
        master.transactionFlushed(pos(300));
        CompletableFuture<Void> commit = CompletableFuture.runAsync(() -> master.commitTrx(pos(300), WaitStage.NONE));
        await("a waiting session", () -> master.status().waitSessions() == 1);

        connection.reply(new byte[]{0x01, 0x02}); // not a reply: logged, reading goes on
        connection.reply(AckPacket.encode(pos(300)));
        commit.get(10, TimeUnit.SECONDS);
        assertEquals(1, master.status().yesTx());

        receiver.remove(connection);
        assertEquals(0, receiver.readConnections());
        receiver.stop();
        assertFalse(receiver.threadAlive());
        assertTrue(log.lines().contains("[ERROR] Read semi-sync reply magic number error"), log.lines().toString());
        assertTrue(log.lines().containsAll(List.of("[Note] Starting ack receiver thread",
                "[Note] Stopping ack receiver thread")));
    }

    @Test
    void oneThreadReadsTheRepliesOfEveryReplicaForWaitForSlaveCountTwo() throws Exception {
        SemiSyncMaster master = new SemiSyncMaster(log, 60_000, 2, true);
        master.enable();
        Set threads = new Set();
        SingleThreadAckReceiver receiver = new SingleThreadAckReceiver(master, r -> threads.add(new Thread(r)), log);
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
        await("two waiting sessions", () -> master.status().waitSessions() == 2);

        // c is silent throughout, like a stopped replica: a and b decide
        a.reply(AckPacket.encode(pos(600)));
        b.reply(AckPacket.encode(pos(300)));
        first.get(10, TimeUnit.SECONDS);
        assertFalse(second.isDone(), "600 is acknowledged by one replica only");
        b.reply(AckPacket.encode(pos(600)));
        second.get(10, TimeUnit.SECONDS);
        assertEquals(2, master.status().yesTx());
        assertEquals(1, threads.size(), "one reader thread serves all three replicas");

        receiver.remove(a);
        receiver.remove(b);
        receiver.remove(c);
        assertEquals(0, receiver.readConnections());
        receiver.stop();
        assertFalse(receiver.threadAlive());
    }

    @Test
    void theThreadRunsOnlyWhileStartedAndABrokenConnectionIsNoLongerRead() throws Exception {
        SemiSyncMaster master = new SemiSyncMaster(log, 60_000, 1, true);
        SingleThreadAckReceiver receiver = new SingleThreadAckReceiver(master, Thread::new, log);
        FakeReplicaConnection a = new FakeReplicaConnection(7);
        FakeReplicaConnection b = new FakeReplicaConnection(8);
        receiver.add(2, a);
        receiver.add(3, b);
        assertFalse(receiver.threadAlive(), "disabled: nothing reads");
        receiver.start();
        receiver.start();
        assertTrue(receiver.threadAlive());
        assertEquals(2, receiver.readConnections());
        b.reply(new byte[]{0x01}); // COM_QUIT: the replica leaves; no error is logged
        await("b no longer read", () -> receiver.readConnections() == 1);
        a.breakConnection();
        await("a no longer read", () -> receiver.readConnections() == 0);
        assertTrue(receiver.threadAlive(), "with nothing to read the thread waits for a new replica");
        receiver.stop();
        assertFalse(receiver.threadAlive());
        receiver.start(); // enabled again: the registered connections are tried again; both fail at once
        b.breakConnection();
        await("both ended again", () -> receiver.readConnections() == 0);
        receiver.remove(a);
        receiver.remove(b);
        receiver.stop();
        assertFalse(receiver.threadAlive());
        assertEquals(List.of("[Note] Starting ack receiver thread", "[Note] Stopping ack receiver thread",
                "[Note] Starting ack receiver thread", "[Note] Stopping ack receiver thread"), log.lines());
    }

    @Test
    void theSystemPropertyValueChoosesTheImplementation() {
        SemiSyncMaster master = new SemiSyncMaster(log, 60_000, 1, true);
        assertInstanceOf(SingleThreadAckReceiver.class,
                SemiSyncMasterPlugin.ackReceiver("single_thread", master, Thread::new, log));
        assertInstanceOf(SingleThreadAckReceiver.class,
                SemiSyncMasterPlugin.ackReceiver("SINGLE_THREAD", master, Thread::new, log));
        assertInstanceOf(ThreadPerReplicaAckReceiver.class,
                SemiSyncMasterPlugin.ackReceiver("thread_per_replica", master, Thread::new, log));
        assertInstanceOf(ThreadPerReplicaAckReceiver.class,
                SemiSyncMasterPlugin.ackReceiver(null, master, Thread::new, log), "the default");
        assertInstanceOf(ThreadPerReplicaAckReceiver.class,
                SemiSyncMasterPlugin.ackReceiver("epoll", master, Thread::new, log), "an unknown value: the default");
    }

    /** The threads a receiver created. */
    private static final class Set {
        private final java.util.Set<Thread> threads = ConcurrentHashMap.newKeySet();

        Thread add(Thread t) {
            threads.add(t);
            return t;
        }

        int size() {
            return threads.size();
        }
    }
}
