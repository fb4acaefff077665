package io.minisqld.server.log;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Creates a server's threads with the MDC key {@value LogContext#SERVER_KEY} set for their whole
 * life, so that everything they log goes to that server's error log. Threads are named
 * {@code <prefix>-<n>}; an exception that escapes a thread is written to the server's log as an
 * {@code [ERROR]} line with its stack trace.
 */
public final class ServerThreadFactory implements ThreadFactory {

    private static final Logger LOG = LoggerFactory.getLogger(ServerThreadFactory.class);

    private final String serverKey;
    private final String namePrefix;
    private final boolean daemon;
    private final AtomicInteger counter = new AtomicInteger();

    /** Non-daemon threads, as mysqld's own threads keep the process alive. */
    public ServerThreadFactory(String serverKey, String namePrefix) {
        this(serverKey, namePrefix, false);
    }

    public ServerThreadFactory(String serverKey, String namePrefix, boolean daemon) {
        this.serverKey = serverKey;
        this.namePrefix = namePrefix;
        this.daemon = daemon;
    }

    public String serverKey() {
        return serverKey;
    }

    @Override
    public Thread newThread(Runnable task) {
        return newThread(task, namePrefix + "-" + counter.incrementAndGet());
    }

    /** A thread with a name of its own (e.g. a dump thread named after its replica). */
    public Thread newThread(Runnable task, String name) {
        Thread thread = new Thread(() -> runWithServerKey(task), name);
        thread.setDaemon(daemon);
        return thread;
    }

    private void runWithServerKey(Runnable task) {
        MDC.put(LogContext.SERVER_KEY, serverKey);
        try {
            task.run();
        } catch (RuntimeException e) {
            LOG.error("Thread '{}' ended with an uncaught exception", Thread.currentThread().getName(), e);
        } catch (Error e) {
            // Logged while the MDC still names the server, then left to the JVM's default handling.
            LOG.error("Thread '{}' ended with an uncaught error", Thread.currentThread().getName(), e);
            throw e;
        } finally {
            MDC.clear();
        }
    }
}
