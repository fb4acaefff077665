package io.minisqld.server.connection;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The connection counters of SHOW STATUS: Connections (every connection attempt, as MySQL counts
 * it; Threads_created too, one thread per connection), Aborted_connects, Aborted_clients,
 * Max_used_connections (the high-water mark of sessions, and when it was reached) and MySQL 5.7's
 * Connection_errors_*. Thread-safe: atomics, counted by the connections' threads.
 */
public final class ConnectionCounters {
    private final AtomicLong connections = new AtomicLong();
    private final AtomicLong abortedConnects = new AtomicLong();
    private final AtomicLong abortedClients = new AtomicLong();
    private final AtomicLong maxUsed = new AtomicLong();
    private volatile long maxUsedAtMillis;
    private final AtomicLong acceptErrors = new AtomicLong();
    private final AtomicLong internalErrors = new AtomicLong();
    private final AtomicLong maxConnectionsErrors = new AtomicLong();

    /** Max_used_connections: the most sessions open at once since start-up (or FLUSH STATUS). */
    public long maxUsedConnections() {
        return maxUsed.get();
    }

    /** When Max_used_connections was reached, epoch milliseconds; 0 before the first session. */
    public long maxUsedConnectionsAtMillis() {
        return maxUsedAtMillis;
    }

    /** A session was added: {@code open} are open now, it among them. */
    void sessionOpened(long open) {
        long before = maxUsed.getAndAccumulate(open, Math::max);
        if (open > before) maxUsedAtMillis = System.currentTimeMillis();
    }

    /** FLUSH STATUS: MySQL sets the high-water mark to the sessions open now. */
    public void resetMaxUsed(long open) {
        maxUsed.set(open);
        maxUsedAtMillis = System.currentTimeMillis();
    }

    /** Connection_errors_accept: accept() on the listening socket failed. */
    public long acceptErrors() {
        return acceptErrors.get();
    }

    void acceptError() {
        acceptErrors.incrementAndGet();
    }

    /** Connection_errors_internal: a connection refused because of an error in the server. */
    public long internalErrors() {
        return internalErrors.get();
    }

    void internalError() {
        internalErrors.incrementAndGet();
    }

    /** Connection_errors_max_connections: connections refused by max_connections (1040). */
    public long maxConnectionsErrors() {
        return maxConnectionsErrors.get();
    }

    void maxConnectionsError() {
        maxConnectionsErrors.incrementAndGet();
    }

    /** Sessions the server closed on a timeout (wait_timeout, net_read_timeout, net_write_timeout). */
    public long abortedClients() {
        return abortedClients.get();
    }

    void abortedClient() {
        abortedClients.incrementAndGet();
    }

    /** Connection attempts since start-up, successful or not. */
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
