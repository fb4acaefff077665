package io.minisqld.server.connection;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The connection counters of SHOW STATUS: Connections (and Threads_created, one thread per
 * connection), Aborted_connects and Aborted_clients. Thread-safe: atomics, counted by the connections' threads.
 */
public final class ConnectionCounters {
    private final AtomicLong connections = new AtomicLong();
    private final AtomicLong abortedConnects = new AtomicLong();
    private final AtomicLong abortedClients = new AtomicLong();

    /** Sessions the server closed on a timeout (wait_timeout, net_read_timeout, net_write_timeout). */
    public long abortedClients() {
        return abortedClients.get();
    }

    void abortedClient() {
        abortedClients.incrementAndGet();
    }

    /** Sessions opened since start-up. */
    public long connections() {
        return connections.get();
    }

    /** Connections that ended before or during authentication. */
    public long abortedConnects() {
        return abortedConnects.get();
    }

    /** FLUSH STATUS. */
    public void resetAbortedConnects() {
        abortedConnects.set(0);
    }

    void connected() {
        connections.incrementAndGet();
    }

    void abortedConnect() {
        abortedConnects.incrementAndGet();
    }
}
