package io.minisqld.server.engine.h2;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Field;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import io.minisqld.testcommon.Poll;
import org.h2.engine.SessionLocal;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.db.Store;
import org.h2.mvstore.tx.Transaction;
import org.h2.mvstore.tx.TransactionStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rollback must never undo another transaction's committed change (H2RollbackGuard says how H2
 * does). Each case runs on a plain H2 database twice: as H2 ships, where it shows the loss (so the
 * case can fail), and with the guard the engine installs, where the committed change stays.
 */
class H2RollbackGuardTest {
    @TempDir
    Path dir;

    private PlainH2 h2;
    private final ExecutorService other = Executors.newSingleThreadExecutor();

    @BeforeEach
    void open() {
        h2 = new PlainH2(dir);
    }

    @AfterEach
    void close() throws SQLException {
        other.shutdownNow();
        h2.close();
    }

    /**
     * The rollback campaign's lost update, made to happen on every run: while a transaction's
     * rollback writes a counter's old value back, another session increments the counter and
     * commits, and the store is written (which moves the undo log's root, so H2 decides the same
     * undo record again).
     */
    @Test
    void aRetriedRollbackStepKeepsTheIncrementCommittedMeanwhile() throws Exception {
        assertEquals(0, counterAfterRetriedRollback(false), "plain H2 puts the old value back over the commit");
        assertEquals(1, counterAfterRetriedRollback(true), "the increment committed during the rollback");
    }

    private int counterAfterRetriedRollback(boolean guarded) throws Exception {
        Connection admin = open("retry" + guarded, guarded);
        run(admin, "CREATE TABLE counter(id INT PRIMARY KEY, n INT)", "INSERT INTO counter VALUES (1, 0)");
        Connection victim = connect("retry" + guarded);
        Connection incrementer = connect("retry" + guarded);
        victim.setAutoCommit(false);
        run(victim, "UPDATE counter SET n = n + 100 WHERE id = 1");
        MVStore store = PlainH2.store(admin).getMvStore();
        boolean[] first = {true};
        interceptRollback(victim, () -> {
            if (!first[0]) return;
            first[0] = false;
            // the old value (0) is back and the row free: another session increments and commits
            other.submit(() -> run(incrementer, "UPDATE counter SET n = n + 1 WHERE id = 1")).get(10, TimeUnit.SECONDS);
            store.commit();
        });
        victim.rollback();
        return counter(admin);
    }

    /**
     * An UPDATE that waited for a row its holder then deleted logs an undo record for the absent
     * row; rolling its transaction back must not delete the row another session inserted and
     * committed with that key since.
     */
    @Test
    void aRollbackKeepsARowInsertedAfterItsUpdateFoundTheRowDeleted() throws Exception {
        assertEquals(0, rowsAfterStrayRollback(false), "plain H2 deletes the row committed since");
        assertEquals(1, rowsAfterStrayRollback(true), "the row inserted and committed by another session");
    }

    private int rowsAfterStrayRollback(boolean guarded) throws Exception {
        String name = "stray" + guarded;
        Connection admin = open(name, guarded);
        run(admin, "CREATE TABLE t(id INT PRIMARY KEY, v INT)", "INSERT INTO t VALUES (5, 0)");
        Connection updater = connect(name);
        Connection deleter = connect(name);
        updater.setAutoCommit(false);
        deleter.setAutoCommit(false);
        run(updater, "INSERT INTO t VALUES (100, 0)");
        run(deleter, "DELETE FROM t WHERE id = 5");
        Future<Integer> update = other.submit(() -> updater.createStatement().executeUpdate(
                "UPDATE t SET v = 1 WHERE id = 5"));
        awaitWaiting(updater);
        deleter.commit();
        assertEquals(0, update.get(10, TimeUnit.SECONDS), "the row was deleted while the UPDATE waited");
        run(admin, "INSERT INTO t VALUES (5, 42)");
        updater.rollback();
        try (ResultSet rs = admin.createStatement().executeQuery("SELECT COUNT(*) FROM t WHERE id = 5 AND v = 42")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private Connection open(String name, boolean guarded) throws SQLException {
        Connection admin = connect(name);
        if (guarded) {
            Store store = PlainH2.store(admin);
            H2RollbackGuard.install(store.getMvStore(), store.getTransactionStore());
        }
        return admin;
    }

    private Connection connect(String name) throws SQLException {
        return h2.connect(name);
    }

    private static Void run(Connection c, String... sql) throws SQLException {
        return PlainH2.run(c, sql);
    }

    private static int counter(Connection c) throws SQLException {
        try (ResultSet rs = c.createStatement().executeQuery("SELECT n FROM counter WHERE id = 1")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** Waits until the session's transaction waits for another's row (H2's blocker is set). */
    private static void awaitWaiting(Connection c) {
        SessionLocal session = PlainH2.session(c);
        Poll.until("the UPDATE to wait for the deleting transaction", java.time.Duration.ofSeconds(10), () -> {
            Transaction t = session.getTransaction();
            return t != null && t.getBlockerId() != 0;
        });
    }

    interface Step {
        void run() throws Exception;
    }

    /** Runs {@code step} each time the session's rollback has written a row's old value back. */
    private static void interceptRollback(Connection c, Step step) throws Exception {
        Transaction t = PlainH2.session(c).getTransaction();
        Field listener = Transaction.class.getDeclaredField("listener");
        listener.setAccessible(true);
        TransactionStore.RollbackListener h2 = (TransactionStore.RollbackListener) listener.get(t);
        listener.set(t, (TransactionStore.RollbackListener) (map, key, previous, restored) -> {
            h2.onRollback(map, key, previous, restored);
            try {
                step.run();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
