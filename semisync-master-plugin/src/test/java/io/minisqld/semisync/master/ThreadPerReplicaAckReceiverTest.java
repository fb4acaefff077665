package io.minisqld.semisync.master;

import io.minisqld.plugin.api.LogPosition;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ThreadPerReplicaAckReceiverTest {
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
    void repliesReadFromTheConnectionReleaseTheWaitingCommit() throws Exception {
        SemiSyncMaster master = new SemiSyncMaster(log, 60_000, 1, true);
        master.enable();
        ThreadPerReplicaAckReceiver receiver = new ThreadPerReplicaAckReceiver(master, Thread::new, log);
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
        assertEquals(0, receiver.activeReaders());
        receiver.stop();
        assertTrue(log.lines().contains("[ERROR] Read semi-sync reply magic number error"), log.lines().toString());
        assertTrue(log.lines().containsAll(List.of("[Note] Starting ack receiver thread",
                "[Note] Stopping ack receiver thread")));
    }

    @Test
    void readersRunOnlyWhileStartedAndABrokenConnectionEndsItsReader() throws Exception {
        SemiSyncMaster master = new SemiSyncMaster(log, 60_000, 1, true);
        ThreadPerReplicaAckReceiver receiver = new ThreadPerReplicaAckReceiver(master, Thread::new, log);
        FakeReplicaConnection a = new FakeReplicaConnection(7);
        FakeReplicaConnection b = new FakeReplicaConnection(8);
        receiver.add(2, a);
        receiver.add(3, b);
        assertEquals(0, receiver.activeReaders(), "disabled: nothing reads");
        receiver.start();
        receiver.start();
        assertEquals(2, receiver.activeReaders());
        b.reply(new byte[]{0x01}); // COM_QUIT: the replica leaves; no error is logged
        b.breakConnection();
        await("the broken connection's reader to end", () -> receiver.activeReaders() == 1);
        receiver.stop();
        assertEquals(0, receiver.activeReaders());
        receiver.start(); // enabled again: the registered connections are read again
        await("a's reader back, b's ended again", () -> receiver.activeReaders() == 1);
        receiver.remove(a);
        receiver.remove(b);
        receiver.stop();
        assertEquals(0, receiver.activeReaders());
        assertEquals(List.of("[Note] Starting ack receiver thread", "[Note] Stopping ack receiver thread",
                "[Note] Starting ack receiver thread", "[Note] Stopping ack receiver thread"), log.lines());
    }
}
