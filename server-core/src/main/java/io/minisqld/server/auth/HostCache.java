package io.minisqld.server.auth;

import io.minisqld.server.error.ErrorCode;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * MySQL's host cache as far as {@code max_connect_errors} goes: per client address, the
 * handshakes broken off in a row since its last successful connection; a host that reached
 * max_connect_errors is refused with 1129 until FLUSH HOSTS. A refused login is not a connection
 * error (MySQL counts it apart, and it does not block). Loopback addresses are never counted: MySQL
 * does not use the host cache for TCP connections over a loopback interface.
 *
 * <p>Thread-safe: a concurrent map of atomic counters, used by every connection's thread.
 */
public final class HostCache {
    private final Map<String, AtomicLong> errors = new ConcurrentHashMap<>();
    private final LongSupplier maxConnectErrors;

    /** @param maxConnectErrors the global max_connect_errors, read at each connection */
    public HostCache(LongSupplier maxConnectErrors) {
        this.maxConnectErrors = maxConnectErrors;
    }

    /** 1129 when the host is blocked. */
    public void admit(String ip) {
        AtomicLong n = errors.get(ip);
        if (n != null && n.get() >= maxConnectErrors.getAsLong()) throw ErrorCode.ER_HOST_IS_BLOCKED.error(ip);
    }

    /** A handshake from {@code ip} broke off (a timeout, a malformed or missing answer). */
    public void handshakeError(String ip) {
        if (ip == null || ip.isEmpty() || isLoopback(ip)) return;
        errors.computeIfAbsent(ip, k -> new AtomicLong()).incrementAndGet();
    }

    /** A client of {@code ip} logged in: its count starts again from 0. */
    public void connected(String ip) {
        if (ip != null) errors.remove(ip);
    }

    /** FLUSH HOSTS: every host is unblocked. */
    public void flush() {
        errors.clear();
    }

    private static boolean isLoopback(String ip) {
        try {
            // a literal address: no name lookup happens
            return InetAddress.getByName(ip).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
