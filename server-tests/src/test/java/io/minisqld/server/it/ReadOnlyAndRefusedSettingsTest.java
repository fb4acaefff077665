package io.minisqld.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minisqld.server.StartupException;
import io.minisqld.testsupport.MinisqldHarness;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Nothing accepted and then ignored: {@code read_only}, {@code super_read_only} and READ ONLY
 * transactions refuse writes with MySQL's errors; a value MySQL allows and this server cannot yet
 * honour ({@code binlog_format} ROW or MIXED before row events exist, {@code gtid_mode} ON before
 * GTIDs exist) is refused with 1235 at SET and at start-up, never stored and shown.
 */
class ReadOnlyAndRefusedSettingsTest {
    private static MinisqldHarness server;

    @BeforeAll
    static void start() throws Exception {
        server = MinisqldHarness.inProcess().name("readonly").serverId(1).options("--log-bin=mysql-bin").start();
        try (Connection c = Driver.MARIADB.connect(server, ""); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE ro");
            st.execute("CREATE TABLE ro.t (id INT PRIMARY KEY)");
            st.execute("CREATE USER app IDENTIFIED BY 'pw'");
            st.execute("GRANT ALL ON ro.* TO app");
        }
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static void assertError(int code, String message, Executable action) {
        SQLException e = assertThrows(SQLException.class, action);
        assertEquals(code, e.getErrorCode(), e.getMessage());
        assertEquals(message, e.getMessage().replaceAll("^\\(conn=\\d+\\) ", ""));
    }

    private static String global(Statement st, String name) throws SQLException {
        try (ResultSet rs = st.executeQuery("SELECT @@GLOBAL." + name)) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void statementBinlogRefusesWritesUnderReadCommittedAsInnoDbDoes() throws Exception {
        try (Connection c = Driver.MARIADB.connect(server, "ro"); Statement st = c.createStatement()) {
            st.execute("SET SESSION binlog_format = STATEMENT");
            st.execute("SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED");
            String refusal = "Cannot execute statement: impossible to write to binary log since BINLOG_FORMAT ="
                    + " STATEMENT and at least one table uses a storage engine limited to row-based logging. InnoDB"
                    + " is limited to row-logging when transaction isolation level is READ COMMITTED or READ"
                    + " UNCOMMITTED.";
            assertError(1665, refusal, () -> st.executeUpdate("INSERT INTO t VALUES (1665)"));
            st.execute("SET SESSION TRANSACTION ISOLATION LEVEL READ UNCOMMITTED");
            assertError(1665, refusal, () -> st.executeUpdate("DELETE FROM t"));
            // reads are not logged, and a session that does not log may write
            try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM t WHERE id = 1665")) {
                rs.next();
                assertEquals(0, rs.getInt(1));
            }
            st.execute("SET SESSION sql_log_bin = 0");
            assertEquals(1, st.executeUpdate("INSERT INTO t VALUES (1665)"));
            assertEquals(1, st.executeUpdate("DELETE FROM t WHERE id = 1665"));
            // in ROW format (the default) such a write is logged as its rows
            st.execute("SET SESSION sql_log_bin = 1");
            st.execute("SET SESSION binlog_format = ROW");
            assertEquals(1, st.executeUpdate("INSERT INTO t VALUES (1666)"));
            assertEquals(1, st.executeUpdate("DELETE FROM t WHERE id = 1666"));
        }
    }

    @Test
    void readOnlyRefusesWritesOfAccountsWithoutSuperAndSuperReadOnlyOfEveryone() throws Exception {
        try (Connection root = Driver.MARIADB.connect(server, "ro"); Statement r = root.createStatement();
             Connection app = Driver.MARIADB.connect(server, "ro", "app", "pw");
             Statement a = app.createStatement()) {
            try {
                r.execute("SET GLOBAL read_only = ON");
                assertError(1290, "The MySQL server is running with the --read-only option so it cannot execute "
                        + "this statement", () -> a.execute("INSERT INTO t VALUES (1)"));
                assertError(1290, "The MySQL server is running with the --read-only option so it cannot execute "
                        + "this statement", () -> a.execute("CREATE TABLE t2 (id INT)"));
                try (ResultSet rs = a.executeQuery("SELECT COUNT(*) FROM t")) {
                    assertTrue(rs.next(), "reads go on");
                }
                r.execute("INSERT INTO t VALUES (1)");

                r.execute("SET GLOBAL super_read_only = ON");
                assertEquals("1", global(r, "read_only"), "super_read_only turns read_only on");
                assertError(1290, "The MySQL server is running with the --super-read-only option so it cannot "
                        + "execute this statement", () -> r.execute("INSERT INTO t VALUES (2)"));
                r.execute("SET GLOBAL read_only = OFF");
                assertEquals("0", global(r, "super_read_only"), "read_only off turns super_read_only off");
                a.execute("INSERT INTO t VALUES (3)");
            } finally {
                r.execute("SET GLOBAL read_only = OFF");
            }
        }
    }

    @Test
    void readOnlyTransactionsRefuseWrites() throws Exception {
        try (Connection c = Driver.MARIADB.connect(server, "ro"); Statement st = c.createStatement()) {
            st.execute("START TRANSACTION READ ONLY");
            assertError(1792, "Cannot execute statement in a READ ONLY transaction.",
                    () -> st.execute("INSERT INTO t VALUES (10)"));
            st.execute("SELECT * FROM t");
            st.execute("COMMIT");
            st.execute("SET SESSION TRANSACTION READ ONLY");
            assertError(1792, "Cannot execute statement in a READ ONLY transaction.",
                    () -> st.execute("DELETE FROM t"));
            st.execute("SET SESSION TRANSACTION READ WRITE");
            st.execute("START TRANSACTION READ WRITE");
            st.execute("INSERT INTO t VALUES (11)");
            st.execute("ROLLBACK");
        }
    }

    @Test
    void binlogFormatIsSetGloballyForNewSessionsAndAnUnknownOneIsRefused() throws Exception {
        try (Connection c = Driver.MARIADB.connect(server, "ro"); Statement st = c.createStatement()) {
            // ROW is the default, as in MySQL 5.7
            assertEquals("ROW", global(st, "binlog_format"));
            try {
                st.execute("SET GLOBAL binlog_format = 'STATEMENT'");
                assertEquals("STATEMENT", global(st, "binlog_format"));
                try (Connection other = Driver.MARIADB.connect(server, "ro"); Statement o = other.createStatement();
                     ResultSet rs = o.executeQuery("SELECT @@SESSION.binlog_format")) {
                    rs.next();
                    assertEquals("STATEMENT", rs.getString(1), "a new session takes the global value");
                }
                // this session keeps the value it started with
                try (ResultSet rs = st.executeQuery("SELECT @@SESSION.binlog_format")) {
                    rs.next();
                    assertEquals("ROW", rs.getString(1));
                }
                assertError(1231, "Variable 'binlog_format' can't be set to the value of 'ROWS'",
                        () -> st.execute("SET SESSION binlog_format = 'ROWS'"));
            } finally {
                st.execute("SET GLOBAL binlog_format = 'ROW'");
            }
            assertEquals("ROW", global(st, "binlog_format"));
        }
    }

    @Test
    void startUpRefusesWhatItCannotHonour() throws Exception {
        for (String option : new String[] {"--sql-mode=ANSI", "--sql-mode=NO_BACKSLASH_ESCAPES", "--event-scheduler=ON", "--query-cache-type=ON",
                "--default-storage-engine=MyISAM", "--lc-messages=de_DE", "--character-set-server=latin1",
                "--max-sort-length=2048"}) {
            StartupException e = assertThrows(StartupException.class,
                    () -> MinisqldHarness.inProcess().name("refused").options(option).start().close());
            assertTrue(e.getMessage().startsWith("This version of MySQL doesn't yet support '"), e.getMessage());
        }
        // gtid_mode ON without enforce_gtid_consistency ON: MySQL 5.7 refuses to start (row-events B.2)
        StartupException gtid = assertThrows(StartupException.class,
                () -> MinisqldHarness.inProcess().name("gtid").options("--gtid-mode=ON").start().close());
        assertTrue(gtid.getMessage().contains("GTID_MODE = ON requires ENFORCE_GTID_CONSISTENCY = ON."), gtid.getMessage());
        // taken now: a start-up div_precision_increment is every session's
        try (MinisqldHarness six = MinisqldHarness.inProcess().name("div6").options("--div-precision-increment=6").start()) {
            assertEquals(java.util.List.of(java.util.List.of("0.333333")), six.rows("SELECT 1/3"));
        }
    }
}
