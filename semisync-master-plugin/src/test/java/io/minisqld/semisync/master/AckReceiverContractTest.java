package io.minisqld.semisync.master;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minisqld.plugin.api.LogPosition;
import io.minisqld.testcommon.Poll;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.IntUnaryOperator;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What every {@link AckReceiver} does (spec §2.7), run against each implementation: replies read
 * from a replica's connection release the waiting commits, nothing is read while the receiver is
 * stopped, a connection that quits or breaks is no longer read, and starting again reads the
 * registered connections again. What only one implementation does is in its own test
 * ({@link SingleThreadAckReceiverTest}).
 */
class AckReceiverContractTest {
    /** Only catches a hang. */
    static final Duration WAIT = Duration.ofSeconds(10);
    private final RecordingLog log = new RecordingLog();

    /** How a test builds an implementation. */
    @FunctionalInterface
    interface Factory {
        AckReceiver create(SemiSyncMaster master, ThreadFactory threads, MasterLog log);
    }

    /**
     * An implementation under the contract: how to build it, how many registered connections it
     * reads now, whether a reader thread of it is alive, and how many reader threads serve N replicas.
     */
    record Implementation(String name, Factory factory, ToIntFunction<AckReceiver> reading,
                          Predicate<AckReceiver> alive, IntUnaryOperator threadsFor) {
        AckReceiver create(SemiSyncMaster master, ThreadFactory threads, MasterLog log) {
            return factory.create(master, threads, log);
        }

        int connectionsRead(AckReceiver receiver) {
            return reading.applyAsInt(receiver);
        }

        boolean readerAlive(AckReceiver receiver) {
            return alive.test(receiver);
        }

        int readerThreads(int replicas) {
            return threadsFor.applyAsInt(replicas);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Implementation> implementations() {
        return Stream.of(
                new Implementation("single thread", SingleThreadAckReceiver::new,
                        r -> single(r).threadAlive() ? single(r).readConnections() : 0,
                        r -> single(r).threadAlive(), replicas -> 1),
                new Implementation("thread per replica", ThreadPerReplicaAckReceiver::new,
                        r -> perReplica(r).activeReaders(), r -> perReplica(r).activeReaders() > 0,
                        replicas -> replicas));
    }

    private static SingleThreadAckReceiver single(AckReceiver r) {
        return (SingleThreadAckReceiver) r;
    }

    private static ThreadPerReplicaAckReceiver perReplica(AckReceiver r) {
        return (ThreadPerReplicaAckReceiver) r;
    }

    private static LogPosition pos(long offset) {
        return LogPosition.of("mysql-bin.000001", offset);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("implementations")
    void repliesReadFromTheConnectionReleaseTheWaitingCommit(Implementation impl) throws Exception {
        SemiSyncMaster master = new SemiSyncMaster(log, 60_000, 1, true);
        master.enable();
        AckReceiver receiver = impl.create(master, Thread::new, log);
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
        assertEquals(0, impl.connectionsRead(receiver));
        receiver.stop();
        assertFalse(impl.readerAlive(receiver));
        assertTrue(log.lines().contains("[ERROR] Read semi-sync reply magic number error"), log.lines().toString());
        assertTrue(log.lines().containsAll(List.of("[Note] Starting ack receiver thread",
                "[Note] Stopping ack receiver thread")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("implementations")
    void theRepliesOfEveryReplicaCountForWaitForSlaveCountTwo(Implementation impl) throws Exception {
        SemiSyncMaster master = new SemiSyncMaster(log, 60_000, 2, true);
        master.enable();
        Set<Thread> threads = ConcurrentHashMap.newKeySet();
        AckReceiver receiver = impl.create(master, r -> {
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
        assertEquals(impl.readerThreads(3), threads.size(), "reader threads for three replicas");

        receiver.remove(a);
        receiver.remove(b);
        receiver.remove(c);
        assertEquals(0, impl.connectionsRead(receiver));
        receiver.stop();
        assertFalse(impl.readerAlive(receiver));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("implementations")
    void readingRunsOnlyWhileStartedAndAConnectionThatQuitsOrBreaksIsNoLongerRead(Implementation impl)
            throws Exception {
        SemiSyncMaster master = new SemiSyncMaster(log, 60_000, 1, true);
        AckReceiver receiver = impl.create(master, Thread::new, log);
        FakeReplicaConnection a = new FakeReplicaConnection(7);
        FakeReplicaConnection b = new FakeReplicaConnection(8);
        receiver.add(2, a);
        receiver.add(3, b);
        assertFalse(impl.readerAlive(receiver), "disabled: nothing reads");
        assertEquals(0, impl.connectionsRead(receiver), "disabled: nothing reads");
        receiver.start();
        receiver.start();
        assertTrue(impl.readerAlive(receiver));
        assertEquals(2, impl.connectionsRead(receiver));
        b.reply(new byte[]{0x01}); // COM_QUIT: the replica leaves; no error is logged
        Poll.until("b no longer read", WAIT, () -> impl.connectionsRead(receiver) == 1);
        a.breakConnection();
        Poll.until("a no longer read", WAIT, () -> impl.connectionsRead(receiver) == 0);
        receiver.stop();
        assertFalse(impl.readerAlive(receiver));
        assertEquals(0, impl.connectionsRead(receiver));

        receiver.start(); // enabled again: the registered connections are read again; a's is still broken
        Poll.until("b read again, a's broken connection ended again", WAIT, () -> impl.connectionsRead(receiver) == 1);
        b.breakConnection();
        Poll.until("both ended again", WAIT, () -> impl.connectionsRead(receiver) == 0);
        receiver.remove(a);
        receiver.remove(b);
        receiver.stop();
        assertFalse(impl.readerAlive(receiver));
        assertEquals(0, impl.connectionsRead(receiver));
        assertEquals(List.of("[Note] Starting ack receiver thread", "[Note] Stopping ack receiver thread",
                "[Note] Starting ack receiver thread", "[Note] Stopping ack receiver thread"), log.lines());
    }
}
