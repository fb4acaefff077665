package io.minisqld.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minisqld.testcommon.Blocked;
import io.minisqld.testsupport.MinisqldHarness;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * InnoDB's locking rules (issue "No silent data loss", item 2): a plain SELECT reads the
 * transaction's consistent snapshot; UPDATE, DELETE, SELECT … FOR UPDATE / LOCK IN SHARE MODE and
 * INSERT … SELECT read the latest committed row and lock it, waiting for the transaction that holds
 * it; 1213 only for a real wait cycle, whose victim is the lighter transaction; 1205 after
 * innodb_lock_wait_timeout. Two real sessions over Connector/J, under REPEATABLE READ and READ
 * COMMITTED (this server runs without a binlog, where MySQL allows READ COMMITTED writes).
 */
class InnoDbLockingTest {
    private static MinisqldHarness server;
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final List<Connection> open = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        server = MinisqldHarness.inProcess().name("locking").serverId(1).start();
        try (Connection c = Driver.MARIADB.connect(server, ""); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE lk");
        }
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @BeforeEach
    void table() throws Exception {
        try (Connection c = Driver.MARIADB.connect(server, "lk"); Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS t, u, copy");
            st.execute("CREATE TABLE t (id INT PRIMARY KEY, k INT NOT NULL)");
            st.execute("INSERT INTO t VALUES (1, 10), (2, 20), (3, 30)");
        }
    }

    @AfterEach
    void close() throws Exception {
        for (Connection c : open) c.close();
        pool.shutdownNow();
        assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS), "a session stayed blocked");
    }

    private Statement session(String isolation) throws SQLException {
        Connection c = Driver.MARIADB.connect(server, "lk");
        open.add(c);
        Statement st = c.createStatement();
        st.execute("SET SESSION TRANSACTION ISOLATION LEVEL " + isolation);
        return st;
    }

    private static long one(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            assertTrue(rs.next(), sql);
            return rs.getLong(1);
        }
    }

    private static long connectionId(Statement st) throws SQLException {
        return one(st, "SELECT CONNECTION_ID()");
    }

    /** Runs a statement of session {@code st} on its own thread and returns once it is waiting for a lock. */
    private <T> Future<T> blocked(Statement st, Callable<T> statement) throws Exception {
        long id = connectionId(st);
        Future<T> f = pool.submit(statement);
        try (Connection c = Driver.MARIADB.connect(server, ""); Statement probe = c.createStatement()) {
            Blocked.waits("the statement", probe, id, f);
        }
        return f;
    }

    private static <T> T result(Future<T> f) throws Exception {
        return f.get(20, TimeUnit.SECONDS);
    }

    private static SQLException failure(Future<?> f) throws Exception {
        ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(20, TimeUnit.SECONDS));
        assertTrue(e.getCause() instanceof SQLException, String.valueOf(e.getCause()));
        return (SQLException) e.getCause();
    }

    @ParameterizedTest
    @ValueSource(strings = {"REPEATABLE READ", "READ COMMITTED"})
    void updateWaitsForTheHolderAndThenUpdatesTheCommittedRow(String isolation) throws Exception {
        Statement a = session(isolation);
        Statement b = session(isolation);
        b.execute("BEGIN");
        assertEquals(10, one(b, "SELECT k FROM t WHERE id = 1"));
        a.execute("BEGIN");
        a.executeUpdate("UPDATE t SET k = k + 1 WHERE id = 1");
        Future<Integer> update = blocked(b, () -> b.executeUpdate("UPDATE t SET k = k + 100 WHERE id = 1"));
        a.execute("COMMIT");
        assertEquals(1, result(update));
        // the session sees its own change, made on the row A committed
        assertEquals(111, one(b, "SELECT k FROM t WHERE id = 1"));
        b.execute("COMMIT");
        assertEquals(111, one(a, "SELECT k FROM t WHERE id = 1"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"REPEATABLE READ", "READ COMMITTED"})
    void updateProceedsWhenTheHolderRollsBack(String isolation) throws Exception {
        Statement a = session(isolation);
        Statement b = session(isolation);
        a.execute("BEGIN");
        a.executeUpdate("UPDATE t SET k = k + 1 WHERE id = 1");
        Future<Integer> update = blocked(b, () -> b.executeUpdate("UPDATE t SET k = k + 100 WHERE id = 1"));
        a.execute("ROLLBACK");
        assertEquals(1, result(update));
        assertEquals(110, one(a, "SELECT k FROM t WHERE id = 1"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"REPEATABLE READ", "READ COMMITTED"})
    void deleteWaitsAndDeletesTheCommittedRowOrNothingWhenItIsGone(String isolation) throws Exception {
        Statement a = session(isolation);
        Statement b = session(isolation);
        a.execute("BEGIN");
        a.executeUpdate("UPDATE t SET k = 21 WHERE id = 2");
        Future<Integer> delete = blocked(b, () -> b.executeUpdate("DELETE FROM t WHERE id = 2 AND k = 21"));
        a.execute("COMMIT");
        // the condition is evaluated on the row A committed, which it matches
        assertEquals(1, result(delete));

        a.execute("BEGIN");
        a.executeUpdate("DELETE FROM t WHERE id = 3");
        Future<Integer> second = blocked(b, () -> b.executeUpdate("DELETE FROM t WHERE id = 3"));
        a.execute("COMMIT");
        assertEquals(0, result(second));
        a.execute("BEGIN");
        a.executeUpdate("UPDATE t SET k = 11 WHERE id = 1");
        Future<Integer> third = blocked(b, () -> b.executeUpdate("DELETE FROM t WHERE id = 1"));
        a.execute("ROLLBACK");
        assertEquals(1, result(third));
        assertEquals(0, one(a, "SELECT COUNT(*) FROM t"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"REPEATABLE READ", "READ COMMITTED"})
    void selectForUpdateWaitsAndReadsTheCommittedRowWhilePlainSelectsKeepTheSnapshot(String isolation)
            throws Exception {
        Statement a = session(isolation);
        Statement b = session(isolation);
        b.execute("BEGIN");
        assertEquals(30, one(b, "SELECT k FROM t WHERE id = 3"));
        a.execute("BEGIN");
        a.executeUpdate("UPDATE t SET k = 31 WHERE id = 3");
        Future<Long> locking = blocked(b, () -> one(b, "SELECT k FROM t WHERE id = 3 FOR UPDATE"));
        a.execute("COMMIT");
        assertEquals(31, result(locking));
        // the row is B's now: A waits for it
        Future<Integer> update = blocked(a, () -> a.executeUpdate("UPDATE t SET k = 32 WHERE id = 3"));
        b.execute("COMMIT");
        assertEquals(1, result(update));
    }

    @ParameterizedTest
    @ValueSource(strings = {"REPEATABLE READ", "READ COMMITTED"})
    void lockInShareModeWaitsForTheWriterAndReadsWhatItCommitted(String isolation) throws Exception {
        Statement a = session(isolation);
        Statement b = session(isolation);
        b.execute("BEGIN");
        assertEquals(20, one(b, "SELECT k FROM t WHERE id = 2"));
        a.execute("BEGIN");
        a.executeUpdate("UPDATE t SET k = 22 WHERE id = 2");
        Future<Long> shared = blocked(b, () -> one(b, "SELECT k FROM t WHERE id = 2 LOCK IN SHARE MODE"));
        a.execute("COMMIT");
        assertEquals(22, result(shared));
        b.execute("COMMIT");
    }

    @ParameterizedTest
    @ValueSource(strings = {"REPEATABLE READ", "READ COMMITTED"})
    void groupedSelectForUpdateLocksTheRowsItReads(String isolation) throws Exception {
        Statement a = session(isolation);
        Statement b = session(isolation);
        a.execute("BEGIN");
        assertEquals(30, one(a, "SELECT SUM(k) FROM t WHERE id <= 2 FOR UPDATE"));
        Future<Integer> update = blocked(b, () -> b.executeUpdate("UPDATE t SET k = 0 WHERE id = 1"));
        a.execute("COMMIT");
        assertEquals(1, result(update));
    }

    @ParameterizedTest
    @ValueSource(strings = {"REPEATABLE READ", "READ COMMITTED"})
    void insertSelectReadsTheSourceRowsCommittedAfterItsWait(String isolation) throws Exception {
        Statement a = session(isolation);
        Statement b = session(isolation);
        b.execute("CREATE TABLE copy (id INT PRIMARY KEY, k INT)");
        b.execute("BEGIN");
        assertEquals(10, one(b, "SELECT k FROM t WHERE id = 1"));
        a.execute("BEGIN");
        a.executeUpdate("UPDATE t SET k = 12 WHERE id = 1");
        Future<Integer> insert = blocked(b, () -> b.executeUpdate("INSERT INTO copy SELECT id, k FROM t WHERE id = 1"));
        a.execute("COMMIT");
        assertEquals(1, result(insert));
        b.execute("COMMIT");
        // what a statement-based replica, applying A's commit first, also copies
        assertEquals(12, one(a, "SELECT k FROM copy WHERE id = 1"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"REPEATABLE READ", "READ COMMITTED"})
    void aRowAnotherTransactionChangedToMatchIsWaitedForAndTakenWhenItCommits(String isolation) throws Exception {
        Statement a = session(isolation);
        Statement b = session(isolation);
        a.execute("BEGIN");
        a.executeUpdate("UPDATE t SET k = 99 WHERE id = 1");
        Future<Integer> delete = blocked(b, () -> b.executeUpdate("DELETE FROM t WHERE k = 99"));
        a.execute("COMMIT");
        assertEquals(1, result(delete));

        a.execute("BEGIN");
        a.executeUpdate("UPDATE t SET k = 99 WHERE id = 2");
        Future<Integer> none = blocked(b, () -> b.executeUpdate("DELETE FROM t WHERE k = 99"));
        a.execute("ROLLBACK");
        assertEquals(0, result(none));

        a.execute("BEGIN");
        a.executeUpdate("INSERT INTO t VALUES (4, 98)");
        Future<Long> locking = blocked(b, () -> one(b, "SELECT COUNT(*) FROM t WHERE k = 98 FOR UPDATE"));
        a.execute("COMMIT");
        assertEquals(1, result(locking));
    }

    @Test
    void repeatableReadUpdateWaitsForARowAnotherTransactionInsertedThatMatches() throws Exception {
        Statement a = session("REPEATABLE READ");
        Statement b = session("REPEATABLE READ");
        a.execute("BEGIN");
        a.executeUpdate("INSERT INTO t VALUES (4, 99)");
        Future<Integer> update = blocked(b, () -> b.executeUpdate("UPDATE t SET k = 0 WHERE k = 99"));
        a.execute("COMMIT");
        assertEquals(1, result(update));
        assertEquals(0, one(a, "SELECT k FROM t WHERE id = 4"));
    }

    @Test
    void readCommittedUpdatePassesOverARowWhoseCommittedVersionDoesNotMatch() throws Exception {
        // InnoDB's semi-consistent read: the latest committed version decides, without waiting
        Statement a = session("READ COMMITTED");
        Statement b = session("READ COMMITTED");
        a.execute("BEGIN");
        a.executeUpdate("UPDATE t SET k = 99 WHERE id = 1");
        assertEquals(0, b.executeUpdate("UPDATE t SET k = 0 WHERE k = 99"));
        a.execute("COMMIT");
    }

    @Test
    void repeatableReadUpdateReadsRowsCommittedAfterTheSnapshot() throws Exception {
        Statement a = session("REPEATABLE READ");
        Statement b = session("REPEATABLE READ");
        b.execute("BEGIN");
        assertEquals(3, one(b, "SELECT COUNT(*) FROM t"));
        a.executeUpdate("INSERT INTO t VALUES (4, 40)");
        assertEquals(3, one(b, "SELECT COUNT(*) FROM t"));
        // a current read, as the replica's will be after the INSERT it applied first
        assertEquals(4, b.executeUpdate("UPDATE t SET k = k + 1"));
        assertEquals(41, one(b, "SELECT k FROM t WHERE id = 4"));
        assertEquals(4, one(b, "SELECT COUNT(*) FROM t"));
        b.execute("COMMIT");
    }

    /**
     * KILL QUERY of a statement waiting for a row lock: MySQL interrupts the wait with 1317 and the
     * statement changes nothing; the transaction goes on. (Here the statement returns when the
     * holder ends; before, it then made its change and reported success.)
     */
    @ParameterizedTest
    @ValueSource(strings = {"REPEATABLE READ", "READ COMMITTED"})
    void killQueryEndsAStatementWaitingForALockWithoutItsChange(String isolation) throws Exception {
        Statement a = session(isolation);
        Statement b = session(isolation);
        b.execute("BEGIN");
        b.executeUpdate("UPDATE t SET k = 21 WHERE id = 2");
        a.execute("BEGIN");
        a.executeUpdate("UPDATE t SET k = 11 WHERE id = 1");
        long waiter = connectionId(b);
        Future<Integer> waiting = blocked(b, () -> b.executeUpdate("UPDATE t SET k = 12 WHERE id = 1"));
        try (Connection c = Driver.MARIADB.connect(server, "lk"); Statement killer = c.createStatement()) {
            killer.execute("KILL QUERY " + waiter);
        }
        a.execute("COMMIT");
        SQLException e = failure(waiting);
        assertEquals(1317, e.getErrorCode(), e.getMessage());
        assertEquals(11, one(a, "SELECT k FROM t WHERE id = 1"), "the killed UPDATE's change");
        b.execute("COMMIT");
        assertEquals(21, one(a, "SELECT k FROM t WHERE id = 2"), "the waiter's transaction went on");

        // a locking read too: 1317, and it holds no lock afterwards
        a.execute("BEGIN");
        a.executeUpdate("UPDATE t SET k = 13 WHERE id = 1");
        b.execute("BEGIN");
        Future<Long> reading = blocked(b, () -> one(b, "SELECT k FROM t WHERE id = 1 FOR UPDATE"));
        try (Connection c = Driver.MARIADB.connect(server, "lk"); Statement killer = c.createStatement()) {
            killer.execute("KILL QUERY " + waiter);
        }
        a.execute("COMMIT");
        assertEquals(1317, failure(reading).getErrorCode());
        a.execute("BEGIN");
        assertEquals(1, a.executeUpdate("UPDATE t SET k = 14 WHERE id = 1"), "the row is free: the killed read took no lock");
        a.execute("COMMIT");
        b.execute("COMMIT");
    }

    @ParameterizedTest
    @ValueSource(strings = {"REPEATABLE READ", "READ COMMITTED"})
    void aUniqueKeyAnotherTransactionInsertedIsWaitedFor(String isolation) throws Exception {
        Statement a = session(isolation);
        Statement b = session(isolation);
        a.execute("CREATE TABLE u (id INT PRIMARY KEY, code VARCHAR(8), UNIQUE KEY code (code))");
        a.execute("BEGIN");
        a.executeUpdate("INSERT INTO u VALUES (1, 'x')");
        Future<Integer> duplicate = blocked(b, () -> b.executeUpdate("INSERT INTO u VALUES (2, 'x')"));
        a.execute("COMMIT");
        assertEquals(1062, failure(duplicate).getErrorCode());

        a.execute("BEGIN");
        a.executeUpdate("INSERT INTO u VALUES (3, 'y')");
        Future<Integer> proceeds = blocked(b, () -> b.executeUpdate("INSERT INTO u VALUES (4, 'y')"));
        a.execute("ROLLBACK");
        assertEquals(1, result(proceeds));
        assertEquals(4, one(a, "SELECT id FROM u WHERE code = 'y'"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"REPEATABLE READ", "READ COMMITTED"})
    void aCycleEndsWithExactlyOneDeadlockAndTheRequesterOfEqualWeightIsTheVictim(String isolation) throws Exception {
        Statement a = session(isolation);
        Statement b = session(isolation);
        a.execute("BEGIN");
        b.execute("BEGIN");
        a.executeUpdate("UPDATE t SET k = k + 1 WHERE id = 1");
        b.executeUpdate("UPDATE t SET k = k + 1 WHERE id = 2");
        Future<Integer> waiting = blocked(a, () -> a.executeUpdate("UPDATE t SET k = k + 1 WHERE id = 2"));
        SQLException deadlock = assertThrows(SQLException.class,
                () -> b.executeUpdate("UPDATE t SET k = k + 1 WHERE id = 1"));
        assertEquals(1213, deadlock.getErrorCode());
        assertEquals("40001", deadlock.getSQLState());
        assertTrue(deadlock.getMessage().endsWith("Deadlock found when trying to get lock; try restarting transaction"),
                deadlock.getMessage());
        // B's whole transaction was rolled back, which let A take row 2
        assertEquals(1, result(waiting));
        a.execute("COMMIT");
        assertEquals(11, one(b, "SELECT k FROM t WHERE id = 1"));
        assertEquals(21, one(b, "SELECT k FROM t WHERE id = 2"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"REPEATABLE READ", "READ COMMITTED"})
    void theLighterTransactionIsTheVictimEvenWhenTheHeavierClosesTheCycle(String isolation) throws Exception {
        Statement a = session(isolation);
        Statement b = session(isolation);
        a.execute("BEGIN");
        b.execute("BEGIN");
        a.executeUpdate("UPDATE t SET k = k + 1 WHERE id = 1");
        b.executeUpdate("UPDATE t SET k = k + 1 WHERE id IN (2, 3)");
        b.executeUpdate("INSERT INTO t VALUES (5, 50), (6, 60), (7, 70)");
        Future<Integer> lighter = blocked(a, () -> a.executeUpdate("UPDATE t SET k = k + 1 WHERE id = 2"));
        assertEquals(1, b.executeUpdate("UPDATE t SET k = k + 1 WHERE id = 1"));
        assertEquals(1213, failure(lighter).getErrorCode());
        b.execute("COMMIT");
        assertEquals(11, one(a, "SELECT k FROM t WHERE id = 1"));
        assertEquals(6, one(a, "SELECT COUNT(*) FROM t"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"REPEATABLE READ", "READ COMMITTED"})
    void aWaitLongerThanInnodbLockWaitTimeoutFailsTheStatementOnly(String isolation) throws Exception {
        Statement a = session(isolation);
        Statement b = session(isolation);
        b.execute("SET SESSION innodb_lock_wait_timeout = 1");
        a.execute("BEGIN");
        a.executeUpdate("UPDATE t SET k = 11 WHERE id = 1");
        b.execute("BEGIN");
        b.executeUpdate("UPDATE t SET k = 21 WHERE id = 2");
        SQLException timeout = assertThrows(SQLException.class, () -> b.executeUpdate("UPDATE t SET k = 12 WHERE id = 1"));
        assertEquals(1205, timeout.getErrorCode());
        assertTrue(timeout.getMessage().endsWith("Lock wait timeout exceeded; try restarting transaction"),
                timeout.getMessage());
        // innodb_rollback_on_timeout=OFF: the transaction and its earlier change go on
        b.execute("COMMIT");
        a.execute("COMMIT");
        assertEquals(21, one(a, "SELECT k FROM t WHERE id = 2"));
        assertEquals(11, one(a, "SELECT k FROM t WHERE id = 1"));
    }

    @Test
    void setTransactionWithoutAScopeSetsTheNextTransactionOnly() throws Exception {
        Statement a = session("REPEATABLE READ");
        Statement b = session("REPEATABLE READ");
        b.execute("SET TRANSACTION ISOLATION LEVEL READ COMMITTED");
        try (ResultSet rs = b.executeQuery("SELECT @@transaction_isolation")) {
            rs.next();
            assertEquals("REPEATABLE-READ", rs.getString(1));
        }
        b.execute("BEGIN");
        assertEquals(10, one(b, "SELECT k FROM t WHERE id = 1"));
        a.executeUpdate("UPDATE t SET k = 11 WHERE id = 1");
        assertEquals(11, one(b, "SELECT k FROM t WHERE id = 1"), "READ COMMITTED for this transaction");
        b.execute("COMMIT");
        b.execute("BEGIN");
        assertEquals(11, one(b, "SELECT k FROM t WHERE id = 1"));
        a.executeUpdate("UPDATE t SET k = 12 WHERE id = 1");
        assertEquals(11, one(b, "SELECT k FROM t WHERE id = 1"), "REPEATABLE READ again");
        b.execute("COMMIT");

        b.execute("SET TRANSACTION READ ONLY");
        SQLException e = assertThrows(SQLException.class, () -> b.executeUpdate("UPDATE t SET k = 0"));
        assertEquals(1792, e.getErrorCode());
        assertEquals(3, b.executeUpdate("UPDATE t SET k = 0"));
    }

    @Test
    void serializableIsRefusedNotRunAsSomethingElse() throws Exception {
        Statement a = session("REPEATABLE READ");
        for (String sql : List.of("SET SESSION TRANSACTION ISOLATION LEVEL SERIALIZABLE",
                "SET TRANSACTION ISOLATION LEVEL SERIALIZABLE", "SET transaction_isolation = 'SERIALIZABLE'")) {
            SQLException e = assertThrows(SQLException.class, () -> a.execute(sql));
            assertEquals(1235, e.getErrorCode(), sql);
            assertTrue(e.getMessage().endsWith("This version of MySQL doesn't yet support"
                    + " 'transaction_isolation = SERIALIZABLE'"), e.getMessage());
        }
    }

    /**
     * SHOW ENGINE INNODB STATUS needs PROCESS (1227 without, as MySQL's); MUTEX has no rows; an
     * engine the server does not have is 1286 (it was a 1064 for all three).
     */
    @Test
    void showEngineStatusAndInnodbTrxNeedProcess() throws Exception {
        try (Connection c = Driver.MARIADB.connect(server, "lk"); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SHOW ENGINE InnoDB STATUS")) {
                assertTrue(rs.next());
                assertEquals(List.of("Type", "Name", "Status"), List.of(rs.getMetaData().getColumnLabel(1),
                        rs.getMetaData().getColumnLabel(2), rs.getMetaData().getColumnLabel(3)));
                assertEquals("InnoDB", rs.getString(1));
                assertEquals("", rs.getString(2));
                assertTrue(rs.getString(3).contains(" INNODB MONITOR OUTPUT\n"), rs.getString(3));
            }
            try (ResultSet rs = st.executeQuery("SHOW ENGINE INNODB MUTEX")) {
                assertEquals(3, rs.getMetaData().getColumnCount());
                assertTrue(!rs.next());
            }
            SQLException unknown = assertThrows(SQLException.class, () -> st.executeQuery("SHOW ENGINE MyISAM STATUS"));
            assertEquals(1286, unknown.getErrorCode());
            assertEquals("Unknown storage engine 'MyISAM'", unknown.getMessage().replaceFirst("^\\(conn=\\d+\\) ", ""));
            st.execute("CREATE USER watcher@'%' IDENTIFIED BY 'pw'");
            st.execute("GRANT SELECT ON lk.* TO watcher@'%'");
        }
        try (Connection c = Driver.MARIADB.connect(server, "lk", "watcher", "pw"); Statement st = c.createStatement()) {
            for (String sql : List.of("SHOW ENGINE INNODB STATUS", "SELECT * FROM information_schema.INNODB_TRX")) {
                SQLException denied = assertThrows(SQLException.class, () -> st.executeQuery(sql));
                assertEquals(1227, denied.getErrorCode());
                assertEquals("Access denied; you need (at least one of) the PROCESS privilege(s) for this operation",
                        denied.getMessage().replaceFirst("^\\(conn=\\d+\\) ", ""));
            }
        }
    }

    /**
     * information_schema.INNODB_TRX and INNODB_LOCK_WAITS show who waits for whom, the query DBAs
     * run to find a blocker (they were 1109, unknown tables): the waiting autocommit UPDATE is
     * LOCK WAIT with its statement, the open transaction holding the row RUNNING; the session
     * asking is not listed. PROCESS is needed (1227).
     */
    @Test
    void innodbTrxShowsTheWaiterAndItsBlocker() throws Exception {
        Statement holder = session("REPEATABLE READ");
        Statement waiter = session("REPEATABLE READ");
        Statement watcher = session("REPEATABLE READ");
        long holderId = connectionId(holder);
        long waiterId = connectionId(waiter);
        holder.execute("BEGIN");
        holder.executeUpdate("UPDATE t SET k = 11 WHERE id = 1");
        Future<Integer> blocked = blocked(waiter, () -> waiter.executeUpdate("UPDATE t SET k = 12 WHERE id = 1"));
        List<String> row = List.of();
        try (ResultSet rs = watcher.executeQuery("SELECT r.trx_mysql_thread_id, r.trx_state, r.trx_query,"
                + " b.trx_mysql_thread_id, b.trx_state FROM information_schema.INNODB_LOCK_WAITS w"
                + " JOIN information_schema.INNODB_TRX r ON r.trx_id = w.requesting_trx_id"
                + " JOIN information_schema.INNODB_TRX b ON b.trx_id = w.blocking_trx_id")) {
            if (rs.next()) row = List.of(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5));
        }
        assertEquals(List.of(String.valueOf(waiterId), "LOCK WAIT", "UPDATE t SET k = 12 WHERE id = 1",
                String.valueOf(holderId), "RUNNING"), row);
        try (ResultSet rs = watcher.executeQuery("SELECT trx_mysql_thread_id, trx_isolation_level, trx_started IS NOT NULL"
                + " FROM information_schema.INNODB_TRX ORDER BY trx_mysql_thread_id")) {
            List<String> listed = new ArrayList<>();
            while (rs.next()) listed.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3));
            assertEquals(List.of(holderId + " REPEATABLE READ 1", waiterId + " REPEATABLE READ 1"), listed);
        }
        holder.execute("COMMIT");
        assertEquals(1, blocked.get(30, TimeUnit.SECONDS));
        try (ResultSet rs = watcher.executeQuery("SELECT COUNT(*) FROM information_schema.INNODB_TRX")) {
            rs.next();
            assertEquals(0, rs.getInt(1));
        }
    }

}
