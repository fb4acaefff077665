package io.minisqld.semisync.master;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minisqld.testcommon.Poll;
import java.util.concurrent.ThreadFactory;
import org.junit.jupiter.api.Test;

/**
 * The {@link AckReceiverContract} for one thread reading every replica, and what only it does: the
 * thread stays alive with nothing left to read, waiting for a new replica.
 */
class SingleThreadAckReceiverTest extends AckReceiverContract {
    @Override
    AckReceiver newReceiver(SemiSyncMaster master, ThreadFactory threads, MasterLog log) {
        return new SingleThreadAckReceiver(master, threads, log);
    }

    /** The registered connections not yet ended, while the thread runs. */
    @Override
    int connectionsRead(AckReceiver receiver) {
        SingleThreadAckReceiver single = (SingleThreadAckReceiver) receiver;
        return single.threadAlive() ? single.readConnections() : 0;
    }

    @Override
    boolean readerAlive(AckReceiver receiver) {
        return ((SingleThreadAckReceiver) receiver).threadAlive();
    }

    @Override
    int readerThreads(int replicas) {
        return 1;
    }

    @Test
    void withNothingLeftToReadTheThreadWaitsForANewReplica() throws Exception {
        SemiSyncMaster master = new SemiSyncMaster(log, 60_000, 1, true);
        SingleThreadAckReceiver receiver = new SingleThreadAckReceiver(master, Thread::new, log);
        FakeReplicaConnection a = new FakeReplicaConnection(7);
        receiver.add(2, a);
        receiver.start();
        a.breakConnection();
        Poll.until("a no longer read", WAIT, () -> receiver.readConnections() == 0);
        assertTrue(receiver.threadAlive(), "with nothing to read the thread waits for a new replica");
        FakeReplicaConnection b = new FakeReplicaConnection(8);
        receiver.add(3, b);
        assertEquals(1, receiver.readConnections());
        receiver.remove(a);
        receiver.remove(b);
        receiver.stop();
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
}
