package io.minisqld.server.replication.replica;

import io.minisqld.plugin.api.LogPosition;
import io.minisqld.server.replication.client.MysqlClient;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * An IO thread's shared state: what SHOW SLAVE STATUS shows of it, its stop request, the thread
 * and its live connection.
 *
 * <p>Threads: sessions (START/STOP SLAVE, SHOW SLAVE STATUS) and the IO thread itself; every field
 * is guarded by {@code lock}, which is never held while doing I/O or calling hooks, nor while
 * taking another lock. Its condition lets a stop cut a retry wait short.
 */
final class IoThreadState {
    /** MySQL's Last_IO_Error_Timestamp format. */
    private static final DateTimeFormatter ERROR_TIME = DateTimeFormatter.ofPattern("yyMMdd HH:mm:ss", Locale.ROOT);

    /** What stop() acts on: the thread to join and the connection to close (may be null). */
    record Stopping(Thread thread, MysqlClient connection) {
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition stopSignal = lock.newCondition();
    private String running = "No";
    private String state = "";
    private LogPosition read;
    private long masterServerId;
    private String masterUuid = "";
    private int lastErrno;
    private String lastError = "";
    private String lastErrorTimestamp = "";
    private boolean stopRequested;
    private Thread thread;
    /** The live connection, closed by a stop to unblock a read. */
    private MysqlClient connection;

    IoThreadState(LogPosition read) {
        this.read = read;
    }

    /**
     * Starts a thread unless one runs: Slave_IO_Running {@code Connecting}, the state
     * {@code connecting}, Last_IO_Errno/Error cleared, as START SLAVE does.
     */
    void start(String connecting, Supplier<Thread> newThread) {
        lock.lock();
        try {
            if (thread != null) return;
            stopRequested = false;
            running = "Connecting";
            state = connecting;
            clearErrorLocked();
            thread = newThread.get();
            thread.start();
        } finally {
            lock.unlock();
        }
    }

    /** Asks the thread to stop and wakes a retry wait; null when no thread runs. */
    Stopping requestStop() {
        lock.lock();
        try {
            if (thread == null) return null;
            stopRequested = true;
            stopSignal.signalAll();
            return new Stopping(thread, connection);
        } finally {
            lock.unlock();
        }
    }

    /** The thread's end: Slave_IO_Running {@code No}, no state, no connection. */
    void ended() {
        lock.lock();
        try {
            running = "No";
            state = "";
            connection = null;
            thread = null;
        } finally {
            lock.unlock();
        }
    }

    boolean alive() {
        lock.lock();
        try {
            return thread != null;
        } finally {
            lock.unlock();
        }
    }

    boolean stopping() {
        lock.lock();
        try {
            return stopRequested;
        } finally {
            lock.unlock();
        }
    }

    /** Waits {@code nanos}; false when a stop came first. */
    boolean sleep(long nanos) {
        lock.lock();
        try {
            while (!stopRequested && nanos > 0) {
                try {
                    nanos = stopSignal.awaitNanos(nanos);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return !stopRequested;
        } finally {
            lock.unlock();
        }
    }

    /** Makes {@code c} the live connection, clearing the last error; false (and nothing kept) when stopping. */
    boolean connected(MysqlClient c) {
        lock.lock();
        try {
            if (stopRequested) return false;
            connection = c;
            clearErrorLocked();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Forgets {@code c} if it is still the live connection. */
    void disconnected(MysqlClient c) {
        lock.lock();
        try {
            if (connection == c) connection = null;
        } finally {
            lock.unlock();
        }
    }

    void state(String s) {
        lock.lock();
        try {
            state = s;
        } finally {
            lock.unlock();
        }
    }

    void running(String r) {
        lock.lock();
        try {
            running = r;
        } finally {
            lock.unlock();
        }
    }

    void masterUuid(String uuid) {
        lock.lock();
        try {
            masterUuid = uuid;
        } finally {
            lock.unlock();
        }
    }

    void masterServerId(long id) {
        lock.lock();
        try {
            masterServerId = id;
        } finally {
            lock.unlock();
        }
    }

    /** Master_Log_File / Read_Master_Log_Pos: received and synced to the relay log up to here. */
    void read(LogPosition synced) {
        lock.lock();
        try {
            read = synced;
        } finally {
            lock.unlock();
        }
    }

    /** Last_IO_Errno / Last_IO_Error, stamped now. */
    void error(int errno, String message) {
        lock.lock();
        try {
            lastErrno = errno;
            lastError = message;
            lastErrorTimestamp = LocalDateTime.now().format(ERROR_TIME);
        } finally {
            lock.unlock();
        }
    }

    IoThreadStatus snapshot() {
        lock.lock();
        try {
            return new IoThreadStatus(running, state, read, masterServerId, masterUuid, lastErrno, lastError,
                    lastErrorTimestamp);
        } finally {
            lock.unlock();
        }
    }

    private void clearErrorLocked() {
        lastErrno = 0;
        lastError = "";
        lastErrorTimestamp = "";
    }
}
