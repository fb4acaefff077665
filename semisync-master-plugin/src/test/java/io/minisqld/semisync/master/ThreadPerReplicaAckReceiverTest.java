package io.minisqld.semisync.master;

import java.util.concurrent.ThreadFactory;

/** The {@link AckReceiverContract} for one reader thread per replica. */
class ThreadPerReplicaAckReceiverTest extends AckReceiverContract {
    @Override
    AckReceiver newReceiver(SemiSyncMaster master, ThreadFactory threads, MasterLog log) {
        return new ThreadPerReplicaAckReceiver(master, threads, log);
    }

    @Override
    int connectionsRead(AckReceiver receiver) {
        return ((ThreadPerReplicaAckReceiver) receiver).activeReaders();
    }

    @Override
    boolean readerAlive(AckReceiver receiver) {
        return ((ThreadPerReplicaAckReceiver) receiver).activeReaders() > 0;
    }

    @Override
    int readerThreads(int replicas) {
        return replicas;
    }
}
