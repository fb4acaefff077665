package io.minisqld.server.it;

import static io.minisqld.server.it.ConnectorScenarios.assertServerError;
import static io.minisqld.server.it.ConnectorScenarios.rows;
import static io.minisqld.server.it.ConnectorScenarios.scalar;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.minisqld.testcommon.Poll;
import io.minisqld.testsupport.MinisqldHarness;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue "What MySQL's everyday tools need", item 1: FLUSH TABLES WITH READ LOCK, LOCK TABLES …
 * READ | WRITE and UNLOCK TABLES with MySQL 5.7's semantics, seen from two real sessions: what
 * waits (PROCESSLIST shows the wait's state), what fails with which error, what a release lets
 * through, and lock_wait_timeout's 1205.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExplicitLocksTest {
    private MinisqldHarness server;
    private final ExecutorService pool = Executors.newCachedThreadPool();

    @BeforeAll
    void start() throws Exception {
        server = MinisqldHarness.inProcess().name("locks").serverId(1).logBin().start();
        try (Connection c = Driver.MARIADB.connect(server, null); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE lk");
            st.execute("CREATE USER 'nolock'@'%' IDENTIFIED BY 'pw'");
            st.execute("GRANT SELECT, INSERT ON lk.* TO 'nolock'@'%'");
        }
    }

    @AfterAll
    void stop() throws Exception {
        pool.shutdownNow();
        if (server != null) server.close();
    }

    private Connection connect() throws SQLException {
        return Driver.MARIADB.connect(server, "lk");
    }

    private static long id(Connection c) throws SQLException {
        return Long.parseLong(scalar(c, "SELECT CONNECTION_ID()"));
    }

    /** Waits until session {@code id} shows {@code state} in PROCESSLIST: it is blocked there. */
    private void awaitState(long id, String state) {
        Poll.until("session " + id + " in state " + state, Duration.ofSeconds(10), () -> {
            try (Connection c = connect()) {
                return rows(c, "SELECT STATE FROM information_schema.PROCESSLIST WHERE ID = " + id)
                        .equals(List.of(List.of(state)));
            }
        });
    }

    private Future<?> inBackground(Connection c, String sql) {
        return pool.submit(() -> {
            try (Statement st = c.createStatement()) {
                st.execute(sql);
            }
            return null;
        });
    }

    @Test
    void globalReadLockHoldsOtherSessionsChangesUntilUnlock() throws Exception {
        try (Connection holder = connect(); Connection writer = connect(); Statement h = holder.createStatement()) {
            h.execute("CREATE TABLE grl (id INT PRIMARY KEY)");
            h.execute("FLUSH TABLES WITH READ LOCK");
            List<List<String>> position = rows(holder, "SHOW MASTER STATUS");
            long writerId = id(writer);
            Future<?> insert = inBackground(writer, "INSERT INTO grl VALUES (1)");
            awaitState(writerId, "Waiting for global read lock");
            // reads go on; the binlog does not move while the lock is held
            assertEquals("0", scalar(holder, "SELECT COUNT(*) FROM grl"));
            assertEquals(position, rows(holder, "SHOW MASTER STATUS"));
            // the holder's own change is refused
            SQLException own = assertThrows(SQLException.class, () -> h.execute("INSERT INTO grl VALUES (2)"));
            assertServerError(own, 1223, "HY000", "Can't execute the query because you have a conflicting read lock");
            assertFalse(insert.isDone());
            h.execute("UNLOCK TABLES");
            insert.get(10, TimeUnit.SECONDS);
            assertEquals("1", scalar(holder, "SELECT COUNT(*) FROM grl"));
        }
    }

    /** RENAME TABLE and CREATE TRIGGER are changes: they wait while another session holds the global read lock. */
    @Test
    void renameAndTriggerDdlWaitForTheGlobalReadLock() throws Exception {
        try (Connection holder = connect(); Connection ddl = connect(); Statement h = holder.createStatement()) {
            h.execute("CREATE TABLE ren_a (id INT PRIMARY KEY)");
            h.execute("FLUSH TABLES WITH READ LOCK");
            long ddlId = id(ddl);
            Future<?> rename = inBackground(ddl, "RENAME TABLE ren_a TO ren_b");
            awaitState(ddlId, "Waiting for global read lock");
            // the holder still reads the table under its old name
            assertEquals("0", scalar(holder, "SELECT COUNT(*) FROM ren_a"));
            h.execute("UNLOCK TABLES");
            rename.get(10, TimeUnit.SECONDS);
            h.execute("FLUSH TABLES WITH READ LOCK");
            Future<?> trigger = inBackground(ddl, "CREATE TRIGGER ren_t BEFORE INSERT ON ren_b FOR EACH ROW SET NEW.id = 1");
            awaitState(ddlId, "Waiting for global read lock");
            h.execute("UNLOCK TABLES");
            trigger.get(10, TimeUnit.SECONDS);
            assertEquals("1", scalar(holder, "SELECT COUNT(*) FROM information_schema.TRIGGERS WHERE TRIGGER_NAME = 'ren_t'"));
        }
    }

    /** KILL QUERY ends a lock wait with 1317 (MySQL's ER_QUERY_INTERRUPTED); the session goes on. */
    @Test
    void killQueryEndsALockWait() throws Exception {
        try (Connection holder = connect(); Connection writer = connect(); Connection admin = connect();
             Statement h = holder.createStatement()) {
            h.execute("CREATE TABLE killed (id INT PRIMARY KEY)");
            h.execute("FLUSH TABLES WITH READ LOCK");
            long writerId = id(writer);
            Future<?> insert = inBackground(writer, "INSERT INTO killed VALUES (1)");
            awaitState(writerId, "Waiting for global read lock");
            try (Statement a = admin.createStatement()) {
                a.execute("KILL QUERY " + writerId);
            }
            java.util.concurrent.ExecutionException e = assertThrows(java.util.concurrent.ExecutionException.class,
                    () -> insert.get(10, TimeUnit.SECONDS));
            assertServerError((SQLException) e.getCause(), 1317, "70100", "Query execution was interrupted");
            h.execute("UNLOCK TABLES");
            assertEquals("0", scalar(writer, "SELECT COUNT(*) FROM killed"));
        }
    }

    @Test
    void aWaitEndsAfterLockWaitTimeoutWith1205AndACommitWaitsToo() throws Exception {
        try (Connection holder = connect(); Connection writer = connect(); Statement h = holder.createStatement();
             Statement w = writer.createStatement()) {
            h.execute("CREATE TABLE tmo (id INT PRIMARY KEY)");
            w.execute("SET SESSION lock_wait_timeout = 1");
            w.execute("BEGIN");
            w.execute("INSERT INTO tmo VALUES (1)");
            h.execute("FLUSH TABLES WITH READ LOCK");
            // the open transaction's commit waits for the lock, then gives up and leaves it open
            SQLException commit = assertThrows(SQLException.class, () -> w.execute("COMMIT"));
            assertServerError(commit, 1205, "HY000", "Lock wait timeout exceeded; try restarting transaction");
            SQLException insert = assertThrows(SQLException.class, () -> w.execute("INSERT INTO tmo VALUES (2)"));
            assertServerError(insert, 1205, "HY000", "Lock wait timeout exceeded; try restarting transaction");
            h.execute("UNLOCK TABLES");
            w.execute("INSERT INTO tmo VALUES (3)");
            assertEquals(List.of(), rows(holder, "SELECT id FROM tmo"));
            w.execute("COMMIT");
            assertEquals(List.of(List.of("1"), List.of("3")), rows(holder, "SELECT id FROM tmo ORDER BY id"));
            // what the binlog has is what was committed: the rows of the two inserts that ran, as ROW
            // format logs them
            assertEquals(2, rows(holder, "SHOW BINLOG EVENTS").stream()
                    .filter(r -> r.get(2).equals("Table_map") && r.get(5).endsWith(".tmo)")).count());
        }
    }

    @Test
    void readLockLetsOthersReadAndHoldsTheirWrites() throws Exception {
        try (Connection holder = connect(); Connection other = connect(); Statement h = holder.createStatement()) {
            h.execute("CREATE TABLE r1 (id INT PRIMARY KEY)");
            h.execute("CREATE TABLE r2 (id INT PRIMARY KEY)");
            h.execute("INSERT INTO r1 VALUES (1)");
            h.execute("LOCK TABLES r1 READ");
            assertEquals("1", scalar(holder, "SELECT COUNT(*) FROM r1"));
            SQLException write = assertThrows(SQLException.class, () -> h.execute("INSERT INTO r1 VALUES (2)"));
            assertServerError(write, 1099, "HY000", "Table 'r1' was locked with a READ lock and can't be updated");
            SQLException notLocked = assertThrows(SQLException.class, () -> h.execute("SELECT * FROM r2"));
            assertServerError(notLocked, 1100, "HY000", "Table 'r2' was not locked with LOCK TABLES");
            assertEquals("1", scalar(other, "SELECT COUNT(*) FROM r1"));
            long otherId = id(other);
            Future<?> insert = inBackground(other, "INSERT INTO r1 VALUES (3)");
            awaitState(otherId, "Waiting for table metadata lock");
            h.execute("UNLOCK TABLES");
            insert.get(10, TimeUnit.SECONDS);
            assertEquals("2", scalar(holder, "SELECT COUNT(*) FROM r1"));
        }
    }

    @Test
    void writeLockHoldsOthersReadsAndEndsWithTheSession() throws Exception {
        Connection holder = connect();
        try (Connection other = connect(); Statement h = holder.createStatement()) {
            h.execute("CREATE TABLE w1 (id INT PRIMARY KEY)");
            h.execute("LOCK TABLES w1 WRITE");
            h.execute("INSERT INTO w1 VALUES (1)");
            long otherId = id(other);
            Future<?> read = inBackground(other, "SELECT * FROM w1");
            awaitState(otherId, "Waiting for table metadata lock");
            // a closed connection releases its locks
            holder.close();
            read.get(10, TimeUnit.SECONDS);
            assertEquals("1", scalar(other, "SELECT COUNT(*) FROM w1"));
        } finally {
            holder.close();
        }
    }

    @Test
    void beginReleasesTableLocksButNotTheGlobalReadLock() throws Exception {
        try (Connection holder = connect(); Connection other = connect(); Statement h = holder.createStatement();
             Statement o = other.createStatement()) {
            h.execute("CREATE TABLE b1 (id INT PRIMARY KEY)");
            h.execute("LOCK TABLES b1 WRITE");
            h.execute("START TRANSACTION");
            assertEquals("0", scalar(other, "SELECT COUNT(*) FROM b1"));
            h.execute("COMMIT");
            h.execute("FLUSH TABLES WITH READ LOCK");
            h.execute("START TRANSACTION WITH CONSISTENT SNAPSHOT");
            o.execute("SET SESSION lock_wait_timeout = 1");
            SQLException held = assertThrows(SQLException.class, () -> o.execute("INSERT INTO b1 VALUES (1)"));
            assertEquals(1205, held.getErrorCode());
            h.execute("UNLOCK TABLES");
            o.execute("INSERT INTO b1 VALUES (1)");
            h.execute("COMMIT");
        }
    }

    /**
     * START TRANSACTION WITH CONSISTENT SNAPSHOT takes the snapshot at once, for every table: what
     * other sessions commit afterwards is not seen, whichever table is read first (what makes
     * mariadb-dump --single-transaction agree with the binlog position it took under the global
     * read lock).
     */
    @Test
    void aConsistentSnapshotIsTakenAtStartForEveryTable() throws Exception {
        try (Connection reader = connect(); Connection writer = connect(); Statement r = reader.createStatement();
             Statement w = writer.createStatement()) {
            w.execute("CREATE TABLE s1 (id INT PRIMARY KEY)");
            w.execute("CREATE TABLE s2 (id INT PRIMARY KEY)");
            w.execute("INSERT INTO s1 VALUES (1)");
            r.execute("START TRANSACTION WITH CONSISTENT SNAPSHOT");
            w.execute("INSERT INTO s1 VALUES (2)");
            w.execute("INSERT INTO s2 VALUES (2)");
            assertEquals(List.of(List.of("1")), rows(reader, "SELECT id FROM s1"));
            assertEquals(List.of(), rows(reader, "SELECT id FROM s2"));
            r.execute("COMMIT");
            assertEquals("2", scalar(reader, "SELECT COUNT(*) FROM s1"));
            // without WITH CONSISTENT SNAPSHOT, a table's rows are read as of its first read (as InnoDB's)
            r.execute("START TRANSACTION");
            w.execute("INSERT INTO s2 VALUES (3)");
            assertEquals("2", scalar(reader, "SELECT COUNT(*) FROM s2"));
            r.execute("COMMIT");
        }
    }

    @Test
    void lockTablesNeedsTheLockTablesPrivilegeAndExistingTables() throws Exception {
        try (Connection root = connect(); Statement st = root.createStatement()) {
            st.execute("CREATE TABLE p1 (id INT PRIMARY KEY)");
            SQLException missing = assertThrows(SQLException.class, () -> st.execute("LOCK TABLES nosuch READ"));
            assertServerError(missing, 1146, "42S02", "Table 'lk.nosuch' doesn't exist");
        }
        try (Connection c = Driver.MARIADB.connect(server, "lk", "nolock", "pw"); Statement st = c.createStatement()) {
            SQLException denied = assertThrows(SQLException.class, () -> st.execute("LOCK TABLES p1 READ"));
            // LOCK TABLES is a database privilege: MySQL's check_access refuses it with 1044, naming the account
            assertServerError(denied, 1044, "42000", "Access denied for user 'nolock'@'%' to database 'lk'");
            SQLException reload = assertThrows(SQLException.class, () -> st.execute("FLUSH TABLES WITH READ LOCK"));
            assertServerError(reload, 1227, "42000",
                    "Access denied; you need (at least one of) the RELOAD privilege(s) for this operation");
        }
    }
}
