package io.minisqld.server;

import io.minisqld.server.log.LogContext;
import io.minisqld.server.log.ServerThreadFactory;
import io.minisqld.server.session.Session;
import io.minisqld.server.session.SessionManager;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.MDC;

/**
 * SHUTDOWN and COM_SHUTDOWN: the requesting client is answered first, then the server stops on
 * another thread, as mysqld answers COM_SHUTDOWN and then its main thread shuts down.
 */
final class AsyncShutdown {
    private final SessionManager sessions;
    private final ServerThreadFactory threads;

    AsyncShutdown(SessionManager sessions, ServerThreadFactory threads) {
        this.sessions = sessions;
        this.threads = threads;
    }

    /**
     * Runs {@code close} on a new thread once the requester's OK/EOF has had its chance to reach
     * the client. Called on the requesting connection's thread, whose log context names it.
     */
    void start(Runnable close) {
        String requester = MDC.get(LogContext.CONNECTION_ID_KEY);
        threads.newThread(() -> {
            awaitAnswered(requester);
            close.run();
        }, "minisqld-shutdown").start();
    }

    /** Waits (at most 2 s) until the requesting session has gone or has been idle a moment. */
    private void awaitAnswered(String connectionId) {
        if (connectionId == null) return;
        long id;
        try {
            id = Long.parseLong(connectionId);
        } catch (NumberFormatException e) {
            return;
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        long idleSince = 0;
        while (System.nanoTime() < deadline) {
            Session s = sessions.get(id).orElse(null);
            if (s == null) return;
            if (s.command().equals("Sleep")) {
                if (idleSince == 0) idleSince = System.nanoTime();
                else if (System.nanoTime() - idleSince > TimeUnit.MILLISECONDS.toNanos(300)) return;
            } else {
                idleSince = 0;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }
}
