package io.minisqld.semisync.master;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minisqld.testcommon.Poll;
import org.junit.jupiter.api.Test;

/**
 * What only the single-thread receiver does (the contract every receiver keeps is
 * {@link AckReceiverContractTest}): its thread stays alive with nothing left to read, waiting for a
 * new replica; and the system property that chooses the implementation.
 */
class SingleThreadAckReceiverTest {
    private final RecordingLog log = new RecordingLog();

    @Test
    void withNothingLeftToReadTheThreadWaitsForANewReplica() throws Exception {
        SemiSyncMaster master = new SemiSyncMaster(log, 60_000, 1, true);
        SingleThreadAckReceiver receiver = new SingleThreadAckReceiver(master, Thread::new, log);
        FakeReplicaConnection a = new FakeReplicaConnection(7);
        receiver.add(2, a);
        receiver.start();
        a.breakConnection();
        Poll.until("a no longer read", AckReceiverContractTest.WAIT, () -> receiver.readConnections() == 0);
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
