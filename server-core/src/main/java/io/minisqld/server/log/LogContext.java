package io.minisqld.server.log;

import java.util.concurrent.Callable;
import org.slf4j.MDC;

/**
 * The MDC keys that route and label error-log lines, and scopes that set them on the current
 * thread. Logback's MDC is not inherited by new threads: threads a server creates get the key
 * from {@link ServerThreadFactory}; the thread that starts a server uses {@link #enterServer}
 * or {@link #runAs}.
 */
public final class LogContext {

    /** MDC key naming the server an event belongs to (its {@link ErrorLog} key). */
    public static final String SERVER_KEY = "server";

    /** MDC key holding the connection id printed in each line (0 when absent). */
    public static final String CONNECTION_ID_KEY = "connection_id";

    private LogContext() {
    }

    /** A scope that puts back the MDC value it replaced; closing it never throws. */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    /** Sets the server key on this thread until the returned scope is closed. */
    public static Scope enterServer(String serverKey) {
        return put(SERVER_KEY, serverKey);
    }

    /** Sets the connection id on this thread (a connection's thread) until the scope is closed. */
    public static Scope enterConnection(long connectionId) {
        return put(CONNECTION_ID_KEY, Long.toString(connectionId));
    }

    /** Runs {@code action} on this thread with the server key set. */
    public static void runAs(String serverKey, Runnable action) {
        try (Scope ignored = enterServer(serverKey)) {
            action.run();
        }
    }

    /** Calls {@code action} on this thread with the server key set. */
    public static <T> T callAs(String serverKey, Callable<T> action) throws Exception {
        try (Scope ignored = enterServer(serverKey)) {
            return action.call();
        }
    }

    /** The server key of this thread, or {@code null}. */
    public static String currentServer() {
        return MDC.get(SERVER_KEY);
    }

    private static Scope put(String key, String value) {
        String previous = MDC.get(key);
        MDC.put(key, value);
        return () -> {
            if (previous == null) {
                MDC.remove(key);
            } else {
                MDC.put(key, previous);
            }
        };
    }
}
