package io.minisqld.server.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.minisqld.server.error.SqlError;
import org.junit.jupiter.api.Test;

/** max_connect_errors as MySQL's host cache applies it. */
class HostCacheTest {
    private long maxConnectErrors = 2;
    private final HostCache hosts = new HostCache(() -> maxConnectErrors);

    @Test
    void aHostIsBlockedAfterMaxConnectErrorsBrokenHandshakesUntilFlushHosts() {
        hosts.handshakeError("192.0.2.7");
        hosts.admit("192.0.2.7");
        hosts.handshakeError("192.0.2.7");
        SqlError e = assertThrows(SqlError.class, () -> hosts.admit("192.0.2.7"));
        assertEquals(1129, e.number());
        assertEquals("Host '192.0.2.7' is blocked because of many connection errors; unblock with 'mysqladmin "
                + "flush-hosts'", e.getMessage());
        hosts.admit("192.0.2.8");
        maxConnectErrors = 3;
        hosts.admit("192.0.2.7");
        maxConnectErrors = 2;
        hosts.flush();
        hosts.admit("192.0.2.7");
    }

    @Test
    void aSuccessfulLoginStartsTheCountAgain() {
        hosts.handshakeError("192.0.2.7");
        hosts.connected("192.0.2.7");
        hosts.handshakeError("192.0.2.7");
        hosts.admit("192.0.2.7");
    }

    @Test
    void loopbackConnectionsAreNeverCounted() {
        for (int i = 0; i < 5; i++) {
            hosts.handshakeError("127.0.0.1");
            hosts.handshakeError("::1");
        }
        hosts.admit("127.0.0.1");
        hosts.admit("::1");
    }
}
