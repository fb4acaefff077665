package io.minisqld.semisync.master;

import io.minisqld.plugin.api.LogPosition;
import io.minisqld.plugin.api.observer.ReplicaConnection;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadFactory;

/**
 * An {@link AckReceiver} with one reader thread per semisync replica. MySQL polls all dump sockets
 * from one thread; here a connection is read only through {@link ReplicaConnection#readPacket},
 * which blocks on one connection, so one thread polling N connections in turn would add up to N
 * poll intervals of latency to an acknowledgement. A thread per replica reads each reply as soon
 * as it arrives; the poll interval only bounds how long {@link #remove} and {@link #stop} wait.
 * (The server already reads each dump socket on a thread of its own and queues the packets, so a
 * single plugin thread could not save that thread; it could only poll the queues in turn.)
 *
 * <p>Concurrency: the monitor of this object guards {@code running} and {@code readers}; it is
 * never held while joining a reader or calling the master, so readers never wait for it while
 * holding the master's lock.
 */
public final class ThreadPerReplicaAckReceiver implements AckReceiver {
    /** How long one read waits before the reader looks whether it should stop. */
    static final Duration POLL = Duration.ofMillis(100);
    /** What a replica's client library sends when it closes the connection. */
    private static final byte COM_QUIT = 0x01;

    private final SemiSyncMaster master;
    private final ThreadFactory threads;
    private final MasterLog log;

    // guarded by this
    private boolean running;
    private final Map<ReplicaConnection, Reader> readers = new IdentityHashMap<>();

    public ThreadPerReplicaAckReceiver(SemiSyncMaster master, ThreadFactory threads, MasterLog log) {
        this.master = master;
        this.threads = threads;
        this.log = log;
    }

    @Override
    public void start() {
        synchronized (this) {
            if (running) {
                return;
            }
            running = true;
            log.note("Starting ack receiver thread");
            readers.values().forEach(Reader::start);
        }
    }

    @Override
    public void stop() {
        List<Reader> stopping;
        synchronized (this) {
            if (!running) {
                return;
            }
            running = false;
            log.note("Stopping ack receiver thread");
            stopping = new ArrayList<>(readers.values());
            stopping.forEach(Reader::requestStop);
        }
        stopping.forEach(Reader::join);
    }

    @Override
    public void add(long serverId, ReplicaConnection connection) {
        synchronized (this) {
            Reader reader = new Reader(serverId, connection);
            readers.put(connection, reader);
            if (running) {
                reader.start();
            }
        }
    }

    @Override
    public void remove(ReplicaConnection connection) {
        Reader reader;
        synchronized (this) {
            reader = readers.remove(connection);
            if (reader == null) {
                return;
            }
            reader.requestStop();
        }
        reader.join();
    }

    /** The reader threads alive now (for tests). */
    synchronized int activeReaders() {
        return (int) readers.values().stream().filter(Reader::alive).count();
    }

    /** Reads one replica's replies until asked to stop or the connection breaks. */
    private final class Reader implements Runnable {
        private final long serverId;
        private final ReplicaConnection connection;
        private volatile boolean stopRequested;
        private Thread thread;

        Reader(long serverId, ReplicaConnection connection) {
            this.serverId = serverId;
            this.connection = connection;
        }

        /** Called with the receiver's monitor held. */
        void start() {
            stopRequested = false;
            thread = threads.newThread(this);
            thread.start();
        }

        /** Called with the receiver's monitor held. */
        void requestStop() {
            stopRequested = true;
        }

        boolean alive() {
            return thread != null && thread.isAlive();
        }

        void join() {
            Thread t;
            synchronized (ThreadPerReplicaAckReceiver.this) {
                t = thread;
            }
            if (t == null || t == Thread.currentThread()) {
                return;
            }
            boolean interrupted = false;
            while (true) {
                try {
                    t.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true; // the join must finish: the caller closes the connection next
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void run() {
            while (!stopRequested) {
                Optional<byte[]> packet;
                try {
                    packet = connection.readPacket(POLL);
                } catch (IOException e) {
                    return; // ER_NET_READ_ERROR: the replica is gone; transmit_stop will remove it
                }
                if (packet.isEmpty()) {
                    continue;
                }
                if (packet.get().length == 1 && packet.get()[0] == COM_QUIT) {
                    return; // the replica is closing the connection (STOP SLAVE): not a malformed reply
                }
                LogPosition position;
                try {
                    position = AckPacket.parse(packet.get());
                } catch (IllegalArgumentException e) {
                    log.error(e.getMessage());
                    continue;
                }
                master.handleAck(serverId, position);
            }
        }
    }
}
