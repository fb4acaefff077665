package io.minisqld.semisync.master;

import io.minisqld.plugin.api.observer.ReplicaConnection;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadFactory;

/**
 * An {@link AckReceiver} with one thread for all semisync replicas, as MySQL's {@code Ack_receiver}
 * has. {@link ReplicaConnection#readPacket} blocks on one connection only (the server's dump
 * connection is a queue its own socket reader fills), so the thread multiplexes this way:
 * <ol>
 *     <li>with no replica it sleeps on its monitor until one is added or it is stopped;</li>
 *     <li>with one replica it blocks on that connection like a per-replica reader;</li>
 *     <li>with several it first drains every connection without waiting ({@code readPacket(0)}
 *     returns at once); only when that sweep found nothing does it block, on the connection that
 *     replied most recently (a stopped replica is never chosen while another answers), for a slice
 *     that starts at {@link #MIN_SLICE} after any reply and doubles up to {@link #MAX_SLICE} while
 *     the replicas stay silent.</li>
 * </ol>
 * Every replica acknowledges every semisync event, so blocking on the most recently answering one
 * wakes the thread as soon as the first reply of a commit arrives; the sweep that follows picks up
 * the others. An idle source with several replicas costs at most one wake-up per {@link #MAX_SLICE},
 * never a spin. The price against {@link ThreadPerReplicaAckReceiver}: a reply from a replica other
 * than the one blocked on can wait up to one slice, which matters only when that replica alone
 * decides a commit ({@code wait_for_slave_count} above 1, or the usual one being slow).
 *
 * <p>Concurrency: the monitor of this object guards {@code running}, {@code thread},
 * {@code replicas} and {@code reading}; the thread holds it only to choose a connection, never
 * while reading or calling the master, so the master's lock is never taken inside it.
 */
public final class SingleThreadAckReceiver implements AckReceiver {
    /** The shortest block when several replicas are read; about one timer tick of LockSupport.parkNanos. */
    static final Duration MIN_SLICE = Duration.ofNanos(50_000);
    /** The longest block when several replicas are read. */
    static final Duration MAX_SLICE = Duration.ofMillis(5);
    /** How long one read of the only replica waits before the thread looks whether it should stop. */
    static final Duration POLL = Duration.ofMillis(100);
    private static final byte COM_QUIT = 0x01;

    private final SemiSyncMaster master;
    private final ThreadFactory threads;
    private final MasterLog log;

    // guarded by this
    private boolean running;
    private Thread thread;
    private final List<Replica> replicas = new ArrayList<>();
    /** The connection the thread is reading now, so {@link #remove} can wait until it is done. */
    private ReplicaConnection reading;

    public SingleThreadAckReceiver(SemiSyncMaster master, ThreadFactory threads, MasterLog log) {
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
            // enabled again: connections that broke or quit while it ran are tried once more,
            // as a new per-replica reader would
            replicas.forEach(r -> r.done = false);
            thread = threads.newThread(this::run);
            thread.start();
        }
    }

    @Override
    public void stop() {
        Thread t;
        synchronized (this) {
            if (!running) {
                return;
            }
            running = false;
            log.note("Stopping ack receiver thread");
            t = thread;
            thread = null;
            notifyAll();
        }
        join(t);
    }

    @Override
    public void add(long serverId, ReplicaConnection connection) {
        synchronized (this) {
            replicas.add(new Replica(serverId, connection));
            notifyAll();
        }
    }

    @Override
    public void remove(ReplicaConnection connection) {
        synchronized (this) {
            replicas.removeIf(r -> r.connection == connection);
            boolean interrupted = false;
            // a read lasts at most POLL, so this wait is bounded; the reader thread itself never calls remove
            while (reading == connection && Thread.currentThread() != thread) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    interrupted = true; // the wait must finish: the caller closes the connection next
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Whether the reader thread is alive (for tests). */
    synchronized boolean threadAlive() {
        return thread != null && thread.isAlive();
    }

    /** How many registered connections the thread still reads (for tests). */
    synchronized int readConnections() {
        return (int) replicas.stream().filter(r -> !r.done).count();
    }

    private static void join(Thread t) {
        if (t == null || t == Thread.currentThread()) {
            return;
        }
        boolean interrupted = false;
        while (true) {
            try {
                t.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** One registered replica; {@code done} and {@code lastReply} are guarded by the receiver. */
    private static final class Replica {
        final long serverId;
        final ReplicaConnection connection;
        boolean done;
        long lastReply;

        Replica(long serverId, ReplicaConnection connection) {
            this.serverId = serverId;
            this.connection = connection;
        }
    }

    private void run() {
        Thread self = Thread.currentThread();
        long sliceNanos = MIN_SLICE.toNanos();
        int next = 0;
        while (true) {
            List<Replica> live;
            synchronized (this) {
                while (thread == self && replicas.stream().allMatch(r -> r.done)) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (thread != self) {
                    return;
                }
                live = replicas.stream().filter(r -> !r.done).toList();
            }
            if (live.size() == 1) {
                read(live.get(0), POLL);
                continue;
            }
            boolean any = false;
            for (int i = 0; i < live.size(); i++) {
                Replica r = live.get((next + i) % live.size());
                // drain: one connection may hold several replies (one fsync acknowledged per batch)
                while (read(r, Duration.ZERO)) {
                    any = true;
                }
            }
            next++;
            if (any) {
                sliceNanos = MIN_SLICE.toNanos();
                continue;
            }
            Replica target = live.get(0);
            synchronized (this) {
                for (Replica r : live) {
                    if (r.lastReply > target.lastReply) {
                        target = r;
                    }
                }
            }
            if (read(target, Duration.ofNanos(sliceNanos))) {
                sliceNanos = MIN_SLICE.toNanos();
            } else {
                sliceNanos = Math.min(sliceNanos * 2, MAX_SLICE.toNanos());
            }
        }
    }

    /**
     * Reads one packet of {@code r} if it is still registered and handles it.
     *
     * @return whether a reply (well formed or not) was read
     */
    private boolean read(Replica r, Duration timeout) {
        synchronized (this) {
            if (r.done || !replicas.contains(r) || thread != Thread.currentThread()) {
                return false;
            }
            reading = r.connection;
        }
        Optional<byte[]> packet;
        try {
            packet = r.connection.readPacket(timeout);
        } catch (IOException e) {
            // ER_NET_READ_ERROR: the replica is gone; transmit_stop will remove it
            finishRead(r, true, false);
            return false;
        }
        if (packet.isEmpty()) {
            finishRead(r, false, false);
            return false;
        }
        byte[] payload = packet.get();
        if (payload.length == 1 && payload[0] == COM_QUIT) {
            // the replica is closing the connection (STOP SLAVE): not a malformed reply
            finishRead(r, true, false);
            return false;
        }
        try {
            master.handleAck(r.serverId, AckPacket.parse(payload));
        } catch (IllegalArgumentException e) {
            log.error(e.getMessage());
        } finally {
            // only now: remove() returns once no reply of this connection can still reach the master
            finishRead(r, false, true);
        }
        return true;
    }

    private synchronized void finishRead(Replica r, boolean done, boolean replied) {
        reading = null;
        if (done) {
            r.done = true;
        }
        if (replied) {
            r.lastReply = System.nanoTime();
        }
        notifyAll();
    }
}
