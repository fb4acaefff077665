package io.minisqld.server.it;

import static io.minisqld.server.it.ConnectorScenarios.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minisqld.testsupport.MinisqldHarness;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue "What MySQL's everyday tools need", item 3 (locking functions): GET_LOCK, RELEASE_LOCK,
 * IS_FREE_LOCK, IS_USED_LOCK, RELEASE_ALL_LOCKS as MySQL 5.7's manual describes them (several
 * locks per session, the same lock taken twice, names without case, deadlock 3058, 3057 for a bad
 * name, release at the session's end).
 */
class UserLocksTest {
    private static MinisqldHarness server;

    @BeforeAll
    static void start() throws Exception {
        server = MinisqldHarness.inProcess().name("user-locks").serverId(1).start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String value(Connection c, String sql) throws SQLException {
        return rows(c, sql).get(0).get(0);
    }

    private static long id(Connection c) throws SQLException {
        return Long.parseLong(value(c, "SELECT CONNECTION_ID()"));
    }

    @Test
    void locksAreHeldPerSessionAndCounted() throws Exception {
        try (Connection a = server.newConnection(); Connection b = server.newConnection()) {
            assertEquals("1", value(a, "SELECT GET_LOCK('lock1', 10)"));
            assertEquals("1", value(a, "SELECT GET_LOCK('LOCK2', 10)"));
            assertEquals("1", value(a, "SELECT GET_LOCK('lock1', 10)"));
            assertEquals(Arrays.asList("0", "0", "1"), rows(b, "SELECT IS_FREE_LOCK('lock1'), IS_FREE_LOCK('lock2'),"
                    + " IS_FREE_LOCK('lock3')").get(0));
            assertEquals(Long.toString(id(a)), value(b, "SELECT IS_USED_LOCK('Lock1')"));
            assertEquals(Arrays.asList((String) null), rows(b, "SELECT IS_USED_LOCK('lock3')").get(0));
            // another session's lock: 0 after the timeout, and RELEASE_LOCK does not release it
            assertEquals("0", value(b, "SELECT GET_LOCK('lock2', 0.2)"));
            assertEquals("0", value(b, "SELECT RELEASE_LOCK('lock2')"));
            assertEquals(Arrays.asList((String) null), rows(b, "SELECT RELEASE_LOCK('lock3')").get(0));
            // taken twice: released after two RELEASE_LOCKs
            assertEquals("1", value(a, "SELECT RELEASE_LOCK('lock1')"));
            assertEquals("0", value(b, "SELECT IS_FREE_LOCK('lock1')"));
            assertEquals("1", value(a, "SELECT RELEASE_LOCK('lock1')"));
            assertEquals("1", value(b, "SELECT IS_FREE_LOCK('lock1')"));
            assertEquals("1", value(a, "SELECT GET_LOCK('lock1', 0)"));
            assertEquals("2", value(a, "SELECT RELEASE_ALL_LOCKS()"));
            assertEquals("0", value(a, "SELECT RELEASE_ALL_LOCKS()"));
        }
    }

    @Test
    void aWaitEndsWhenTheHolderReleasesOrDisconnects() throws Exception {
        try (Connection a = server.newConnection(); Connection b = server.newConnection()) {
            assertEquals("1", value(a, "SELECT GET_LOCK('handoff', 10)"));
            CompletableFuture<String> waiter = CompletableFuture.supplyAsync(() -> {
                try {
                    return value(b, "SELECT GET_LOCK('handoff', 60)");
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            io.minisqld.testcommon.Poll.until("b waits for the lock", java.time.Duration.ofSeconds(10),
                    () -> rows(a, "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE STATE = 'User lock'")
                            .get(0).get(0).equals("1"));
            a.close();
            assertEquals("1", waiter.get(30, TimeUnit.SECONDS), "a's end released the lock");
            assertEquals("1", value(b, "SELECT RELEASE_LOCK('handoff')"));
        }
    }

    @Test
    void deadlocksAndBadNamesAreErrors() throws Exception {
        try (Connection a = server.newConnection(); Connection b = server.newConnection()) {
            assertEquals("1", value(a, "SELECT GET_LOCK('x', 10)"));
            assertEquals("1", value(b, "SELECT GET_LOCK('y', 10)"));
            CompletableFuture<String> aWaits = CompletableFuture.supplyAsync(() -> {
                try {
                    return value(a, "SELECT GET_LOCK('y', 60)");
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            io.minisqld.testcommon.Poll.until("a waits for y", java.time.Duration.ofSeconds(10),
                    () -> rows(b, "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE STATE = 'User lock'")
                            .get(0).get(0).equals("1"));
            SQLException deadlock = assertThrows(SQLException.class, () -> value(b, "SELECT GET_LOCK('x', 60)"));
            assertEquals(3058, deadlock.getErrorCode());
            assertEquals("40001", deadlock.getSQLState());
            assertEquals("1", value(b, "SELECT RELEASE_LOCK('y')"));
            assertEquals("1", aWaits.get(30, TimeUnit.SECONDS));
            SQLException tooLong = assertThrows(SQLException.class,
                    () -> value(a, "SELECT GET_LOCK('" + "n".repeat(65) + "', 1)"));
            assertEquals(3057, tooLong.getErrorCode());
            assertTrue(tooLong.getMessage().endsWith("Incorrect user-level lock name '" + "n".repeat(65) + "'."),
                    tooLong.getMessage());
            SQLException nullName = assertThrows(SQLException.class, () -> value(a, "SELECT GET_LOCK(NULL, 1)"));
            assertEquals(3057, nullName.getErrorCode());
            SQLException count = assertThrows(SQLException.class, () -> value(a, "SELECT GET_LOCK('x')"));
            assertEquals(1582, count.getErrorCode());
        }
    }

    /** A server-side prepared GET_LOCK takes the lock when executed, not when prepared. */
    @Test
    void aPreparedGetLockLocksAtEachExecution() throws Exception {
        String url = Driver.MARIADB.url(server.port(), "mysql", "root", "") + "&useServerPrepStmts=true";
        try (Connection a = java.sql.DriverManager.getConnection(url); Connection b = server.newConnection();
             java.sql.PreparedStatement lock = a.prepareStatement("SELECT GET_LOCK(?, ?)")) {
            assertEquals("1", value(b, "SELECT IS_FREE_LOCK('prepared')"), "preparing took nothing");
            lock.setString(1, "prepared");
            lock.setInt(2, 5);
            try (java.sql.ResultSet rs = lock.executeQuery()) {
                assertTrue(rs.next());
                assertEquals(1, rs.getLong(1));
            }
            assertEquals("0", value(b, "SELECT IS_FREE_LOCK('prepared')"));
            assertEquals("1", value(a, "SELECT RELEASE_LOCK('prepared')"));
        }
    }

    @Test
    void killQueryEndsAWait() throws Exception {
        try (Connection a = server.newConnection(); Connection b = server.newConnection();
             Connection admin = server.newConnection()) {
            assertEquals("1", value(a, "SELECT GET_LOCK('k', 10)"));
            long waiterId = id(b);
            CompletableFuture<Integer> waiter = CompletableFuture.supplyAsync(() -> {
                try {
                    value(b, "SELECT GET_LOCK('k', -1)");
                    return 0;
                } catch (SQLException e) {
                    return e.getErrorCode();
                }
            });
            io.minisqld.testcommon.Poll.until("b waits", java.time.Duration.ofSeconds(10),
                    () -> rows(admin, "SELECT STATE FROM information_schema.PROCESSLIST WHERE ID = " + waiterId)
                            .get(0).get(0).equals("User lock"));
            try (Statement st = admin.createStatement()) {
                st.execute("KILL QUERY " + waiterId);
            }
            assertEquals(1317, waiter.get(30, TimeUnit.SECONDS));
            assertEquals(List.of(List.of("1")), rows(b, "SELECT 1"), "the session goes on");
        }
    }
}
