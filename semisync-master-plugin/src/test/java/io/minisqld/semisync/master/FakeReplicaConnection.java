package io.minisqld.semisync.master;

import io.minisqld.plugin.api.observer.ReplicaConnection;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A dump connection whose replies the test queues; a queued null breaks the connection. */
final class FakeReplicaConnection implements ReplicaConnection {
    private static final byte[] BROKEN = new byte[0];
    private final long threadId;
    private final BlockingQueue<byte[]> replies = new LinkedBlockingQueue<>();
    final AtomicInteger flushes = new AtomicInteger();
    final AtomicInteger sequenceResets = new AtomicInteger();

    FakeReplicaConnection(long threadId) {
        this.threadId = threadId;
    }

    void reply(byte[] payload) {
        replies.add(payload);
    }

    void breakConnection() {
        replies.add(BROKEN);
    }

    @Override
    public Optional<byte[]> readPacket(Duration timeout) throws IOException {
        try {
            byte[] next = replies.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
            if (next == BROKEN) {
                replies.add(BROKEN); // stays broken
                throw new IOException("connection closed");
            }
            return Optional.ofNullable(next);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    @Override
    public void flush() {
        flushes.incrementAndGet();
    }

    @Override
    public void resetSequence() {
        sequenceResets.incrementAndGet();
    }

    @Override
    public long threadId() {
        return threadId;
    }
}
