package io.minisqld.server.replication.source;

import io.minisqld.plugin.api.observer.ReplicaConnection;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * The plugin-facing {@link ReplicaConnection} of one dump: writes go through the dump thread's
 * guarded writer; reads come from a reader thread started with the dump, which reads whole
 * packets from the socket into a queue. A read that times out therefore never consumes part of a
 * packet, and the dump thread itself never reads (protocol.md §2.2: stray COM_PING/COM_QUIT
 * packets just wait in the queue, the oldest dropped beyond {@link #QUEUE_LIMIT}). The reader
 * also sees the replica close its side at once, so a dump waiting for events without heartbeats
 * ends instead of lingering as a ghost replica until the next write.
 *
 * <p>Threads: {@link #flush()} and {@link #resetSequence()} belong to the dump thread (inside its
 * hooks); {@link #readPacket} to one plugin thread at a time; the reader thread only fills the
 * queue and reports the end of the connection. The queue is the only shared state.
 */
final class DumpConnection implements ReplicaConnection {
    /** What the reader thread puts in the queue: a payload, or the failure that ended reading. */
    private sealed interface Received permits Packet, Failure {
    }

    private record Packet(byte[] payload) implements Received {
    }

    private record Failure(IOException error) implements Received {
    }

    /** The dump's guarded write side, which a plugin's {@link #flush()} goes through. */
    @FunctionalInterface
    interface Flush {
        void flush() throws IOException;
    }

    /** Unread packets kept for a plugin; a replica that sends more than this loses the oldest. */
    static final int QUEUE_LIMIT = 1024;

    private final long threadId;
    private final ReplicaLink link;
    private final Flush writer;
    private final ThreadFactory threads;
    private final Runnable onClosed;
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();

    /**
     * @param onClosed called once, on the reader thread, when the replica closed the connection or
     *                 it broke
     */
    DumpConnection(long threadId, ReplicaLink link, Flush writer, ThreadFactory threads, Runnable onClosed) {
        this.threadId = threadId;
        this.link = link;
        this.writer = writer;
        this.threads = threads;
        this.onClosed = onClosed;
    }

    /** Starts the reader thread; it ends when the connection closes. */
    void startReader() {
        Thread reader = threads.newThread(this::readLoop);
        reader.setName("minisqld-dump-reader-" + threadId);
        reader.setDaemon(true);
        reader.start();
    }

    @Override
    public Optional<byte[]> readPacket(Duration timeout) throws IOException {
        Received r;
        try {
            r = received.poll(Math.max(0, timeout.toNanos()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
        if (r == null) return Optional.empty();
        if (r instanceof Failure f) {
            // every later call fails the same way: the connection is gone for good
            received.add(f);
            throw new IOException(f.error().getMessage(), f.error());
        }
        return Optional.of(((Packet) r).payload());
    }

    private void readLoop() {
        while (true) {
            try {
                keep(new Packet(link.readPacket()));
            } catch (IOException e) {
                keep(new Failure(e));
                onClosed.run();
                return;
            }
        }
    }

    private void keep(Received r) {
        while (received.size() >= QUEUE_LIMIT) received.poll();
        received.add(r);
    }

    @Override
    public void flush() throws IOException {
        writer.flush();
    }

    @Override
    public void resetSequence() {
        // MySQL's net_clear() then pkt_nr++: the replica's reply took sequence 0 (protocol.md §4.5)
        link.setNextSequenceId(1);
    }

    @Override
    public long threadId() {
        return threadId;
    }
}
