package io.minisqld.server.engine.h2;

import io.minisqld.server.engine.RowCapture;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Iterator;
import org.h2.api.DatabaseEventListener;
import org.h2.engine.Session;
import org.h2.engine.SessionLocal;
import org.h2.mvstore.tx.Transaction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A statement H2 runs again starts from where it first started.
 *
 * <p>Why: when a row a statement writes meets a unique key another open transaction holds
 * uncommitted (H2's "concurrent update", where InnoDB waits for that transaction), H2 runs the
 * whole statement again, over and over until the other transaction ends or the lock wait timeout
 * passes, without undoing what the failed attempt wrote. A multi-row INSERT or an INSERT … SELECT
 * whose third row met such a key inserted its first two rows once per attempt: 13,027 times in
 * 1.5 seconds (26,055 rows for a 3-row INSERT, no error) when those rows had no unique value of
 * their own, a false 1062 on its own first row when they had one. The rows the binary log
 * captured from the failed attempts would have been logged too.
 *
 * <p>What: H2 tells a database event listener when each attempt of a statement starts and when it
 * ends or fails for good. This listener keeps, per thread, the statements running (an attempt
 * that starts while the same statement, the same command text object, is still running is H2
 * running it again), the transaction's undo position where each first started, and where the
 * thread's row capture stood. Before another attempt it undoes what the failed one wrote, and
 * forgets the rows it captured; then it waits a moment (1 ms more each time, up to 20 ms) instead
 * of letting H2 spin. The wait still ends as H2's does: the other transaction ends, or
 * {@code innodb_lock_wait_timeout} passes (1205).
 *
 * <p>Uses H2's thread-local session (package-private): the engine refuses to start when it is
 * missing.
 */
final class H2StatementRetries implements DatabaseEventListener {
    private static final Logger LOG = LoggerFactory.getLogger(H2StatementRetries.class);
    private static final int MAX_PAUSE_MS = 20;
    private static final MethodHandle THREAD_SESSION;
    private static final ThreadLocal<ArrayDeque<Running>> RUNNING = ThreadLocal.withInitial(ArrayDeque::new);

    static {
        try {
            THREAD_SESSION = MethodHandles.privateLookupIn(SessionLocal.class, MethodHandles.lookup())
                    .findStatic(SessionLocal.class, "getThreadLocalSession", MethodType.methodType(Session.class));
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("Statement retries need H2 2.3.232's thread-local session: " + e, e);
        }
    }

    /** A statement running on this thread: where its first attempt started. */
    private static final class Running {
        final String sql;
        final SessionLocal session;
        final Transaction transaction;
        final long undoPosition;
        final long[] captured;
        int attempts = 1;

        Running(String sql, SessionLocal session, Transaction transaction, long undoPosition, long[] captured) {
            this.sql = sql;
            this.session = session;
            this.transaction = transaction;
            this.undoPosition = undoPosition;
            this.captured = captured;
        }
    }

    @Override
    public void setProgress(int state, String name, long x, long max) {
        try {
            if (state == STATE_STATEMENT_START) {
                started(name);
            } else if (state == STATE_STATEMENT_END) {
                ended(name);
            }
        } catch (RuntimeException e) {
            // H2 ignores a listener's exception: say it here
            LOG.error("Keeping track of statement attempts failed: {}", e.toString(), e);
        }
    }

    @Override
    public void exceptionThrown(SQLException e, String sql) {
        ended(sql);
    }

    private static void started(String sql) {
        SessionLocal session = threadSession();
        if (session == null || sql == null) return;
        ArrayDeque<Running> running = RUNNING.get();
        Running top = running.peek();
        Transaction transaction = session.getTransaction();
        if (top != null && top.sql == sql && top.session == session && top.transaction == transaction) {
            again(top, transaction);
            return;
        }
        running.push(new Running(sql, session, transaction, transaction.setSavepoint(), RowCapture.mark()));
    }

    /** H2 runs {@code statement} again after a failed attempt: undo the attempt, then pause. */
    private static void again(Running statement, Transaction transaction) {
        if (transaction.setSavepoint() > statement.undoPosition) {
            transaction.rollbackToSavepoint(statement.undoPosition);
            RowCapture.rewind(statement.captured);
            LOG.debug("Undid attempt {} of a statement H2 runs again: {}", statement.attempts, statement.sql);
        }
        statement.attempts++;
        try {
            Thread.sleep(Math.min(MAX_PAUSE_MS, statement.attempts - 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The statement ended (or failed for good): it and any that started after it and never ended. */
    private static void ended(String sql) {
        if (sql == null) return;
        ArrayDeque<Running> running = RUNNING.get();
        for (Iterator<Running> it = running.iterator(); it.hasNext(); ) {
            if (it.next().sql == sql) {
                while (running.pop().sql != sql) {
                    // statements above it in the stack
                }
                return;
            }
        }
    }

    private static SessionLocal threadSession() {
        try {
            return (SessionLocal) (Session) THREAD_SESSION.invokeExact();
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}
