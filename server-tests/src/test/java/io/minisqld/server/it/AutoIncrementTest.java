package io.minisqld.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minisqld.testcommon.Program;
import io.minisqld.testsupport.DatabaseServer;
import io.minisqld.testsupport.MariaDbServer;
import io.minisqld.testsupport.MinisqldHarness;
import io.minisqld.testsupport.Replication;
import io.minisqld.testsupport.SqlRunner;
import io.minisqld.testsupport.Topology;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * AUTO_INCREMENT as MySQL 5.7 with InnoDB's {@code innodb_autoinc_lock_mode = 1}: NULL, DEFAULT, 0
 * and an omitted column generate (0 is stored with NO_AUTO_VALUE_ON_ZERO), an explicit value moves
 * the counter, a multi-row INSERT takes consecutive values and LAST_INSERT_ID() is its first,
 * {@code auto_increment_increment} / {@code auto_increment_offset} shape the values, and
 * {@code SET insert_id} fixes the next one. What a client sees: rows, LAST_INSERT_ID(), the OK
 * packet's insert id (JDBC's generated keys). A minisqld replica and a MariaDB 10.11 replica of the
 * server end up with the same ids: each statement is logged with its INTVAR INSERT_ID and the
 * session's increment and offset (Q_AUTO_INCREMENT).
 */
class AutoIncrementTest {
    private static Topology topology;
    private static MinisqldHarness server;
    private static List<DatabaseServer> replicas;

    @BeforeAll
    static void start() throws Exception {
        topology = Topology.temporary();
        List<MinisqldHarness> servers = topology.sourceAndReplicas(MinisqldHarness.inProcess(),
                MinisqldHarness.inProcess(), 1);
        server = servers.get(0);
        MariaDbServer mariadb = topology.mariadb("mariadb-replica", 3, false);
        Replication.startReplica(mariadb, server.port());
        replicas = List.of(servers.get(1), mariadb);
        try (Connection c = Driver.MARIADB.connect(server, ""); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE ai");
        }
    }

    @AfterAll
    static void stop() throws Exception {
        topology.close();
    }

    private static void assertReplicasHoldTheSameRows() throws SQLException {
        for (DatabaseServer r : replicas) {
            Replication.awaitCaughtUp(r, server);
            Replication.assertSameTables(server, r, "ai");
        }
    }

    private static List<Long> ids(Statement st, String table) throws SQLException {
        List<Long> out = new ArrayList<>();
        try (ResultSet rs = st.executeQuery("SELECT id FROM " + table + " ORDER BY id")) {
            while (rs.next()) out.add(rs.getLong(1));
        }
        return out;
    }

    private static long lastInsertId(Statement st) throws SQLException {
        try (ResultSet rs = st.executeQuery("SELECT LAST_INSERT_ID()")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The OK packet's insert id, as Connector/J reports it. */
    private static long okInsertId(Statement st, String sql) throws SQLException {
        st.executeUpdate(sql, Statement.RETURN_GENERATED_KEYS);
        try (ResultSet keys = st.getGeneratedKeys()) {
            return keys.next() ? keys.getLong(1) : 0;
        }
    }

    /**
     * information_schema.TABLES.AUTO_INCREMENT and SHOW TABLE STATUS's Auto_increment are the
     * value the counter gives next, NULL for a table without an AUTO_INCREMENT column (MySQL 5.7
     * manual 24.25, "The next AUTO_INCREMENT value"); they were always NULL.
     */
    @Test
    void tableStatusShowsTheNextCounterValue() throws Exception {
        try (Connection c = Driver.MARIADB.connect(server, "ai"); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE st_next (id INT AUTO_INCREMENT PRIMARY KEY, v INT) AUTO_INCREMENT = 100");
            st.execute("CREATE TABLE st_fresh (id BIGINT AUTO_INCREMENT PRIMARY KEY)");
            st.execute("CREATE TABLE st_none (id INT PRIMARY KEY)");
            st.execute("INSERT INTO st_next (v) VALUES (1), (2)");
            List<String> next = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("SELECT TABLE_NAME, AUTO_INCREMENT FROM information_schema.TABLES"
                    + " WHERE TABLE_SCHEMA = 'ai' AND TABLE_NAME LIKE 'st\\_%' ORDER BY TABLE_NAME")) {
                while (rs.next()) next.add(rs.getString(1) + "=" + rs.getString(2));
            }
            assertEquals(List.of("st_fresh=1", "st_next=102", "st_none=null"), next);
            try (ResultSet rs = st.executeQuery("SHOW TABLE STATUS LIKE 'st_next'")) {
                assertTrue(rs.next());
                assertEquals("102", rs.getString("Auto_increment"));
            }
        }
    }

    @Test
    void zeroNullDefaultAndOmittedGenerateAndExplicitValuesMoveTheCounter() throws Exception {
        try (Connection c = Driver.MARIADB.connect(server, "ai"); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE t1 (id INT AUTO_INCREMENT PRIMARY KEY, v VARCHAR(10))");
            assertEquals(1, okInsertId(st, "INSERT INTO t1 (id, v) VALUES (0, 'zero')"));
            assertEquals(1, lastInsertId(st));
            assertEquals(2, okInsertId(st, "INSERT INTO t1 VALUES (NULL, 'null'), (DEFAULT, 'default')"));
            assertEquals(2, lastInsertId(st), "a multi-row INSERT reports its first generated value");
            assertEquals(4, okInsertId(st, "INSERT INTO t1 (v) VALUES ('omitted')"));
            // an explicit value: the OK packet shows it, LAST_INSERT_ID() keeps the last generated one
            assertEquals(100, okInsertId(st, "INSERT INTO t1 VALUES (100, 'explicit')"));
            assertEquals(4, lastInsertId(st));
            assertEquals(101, okInsertId(st, "INSERT INTO t1 VALUES (NULL, 'after'), (50, 'below'), (0, 'next')"));
            assertEquals(List.of(1L, 2L, 3L, 4L, 50L, 100L, 101L, 102L), ids(st, "t1"));
            // an empty column list: every column its default (it was 1064 on a table with a counter)
            assertEquals(103, okInsertId(st, "INSERT INTO t1 () VALUES (), ()"));
            assertEquals(103, lastInsertId(st));
            assertEquals(List.of(1L, 2L, 3L, 4L, 50L, 100L, 101L, 102L, 103L, 104L), ids(st, "t1"));
            st.execute("SET SESSION sql_mode = CONCAT(@@sql_mode, ',NO_AUTO_VALUE_ON_ZERO')");
            st.execute("INSERT INTO t1 VALUES (0, 'zero kept')");
            try (ResultSet rs = st.executeQuery("SELECT v FROM t1 WHERE id = 0")) {
                assertTrue(rs.next(), "NO_AUTO_VALUE_ON_ZERO stores 0");
                assertEquals("zero kept", rs.getString(1));
            }
        }
        assertReplicasHoldTheSameRows();
    }

    /**
     * A one-row INSERT … ON DUPLICATE KEY UPDATE that met an existing row inserted nothing:
     * LAST_INSERT_ID() keeps its value, as MySQL's (it had become the id the insert would have
     * taken, a row that does not exist), and the OK packet carries no such id; the counter still
     * moves past it, as InnoDB's. {@code id = LAST_INSERT_ID(id)} gives the row's id, the idiom
     * for an upsert's id. Replicas hold the same rows.
     */
    @Test
    void anUpsertThatUpdatedKeepsLastInsertId() throws Exception {
        try (Connection c = Driver.MARIADB.connect(server, "ai"); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE up (id INT AUTO_INCREMENT PRIMARY KEY, k INT UNIQUE, n INT)");
            assertEquals(1, okInsertId(st, "INSERT INTO up (k, n) VALUES (1, 1), (2, 2)"));
            assertEquals(0, okInsertId(st, "INSERT INTO up (k, n) VALUES (2, 5) ON DUPLICATE KEY UPDATE n = n + 1"));
            assertEquals(1, lastInsertId(st));
            // no change at all (0 rows affected)
            st.execute("INSERT INTO up (k, n) VALUES (2, 5) ON DUPLICATE KEY UPDATE n = n");
            assertEquals(1, lastInsertId(st));
            assertEquals(2, okInsertId(st, "INSERT INTO up (k, n) VALUES (2, 5) ON DUPLICATE KEY UPDATE id = LAST_INSERT_ID(id)"));
            assertEquals(2, lastInsertId(st));
            // an upsert that inserts reports its id
            assertEquals(6, okInsertId(st, "INSERT INTO up (k, n) VALUES (3, 3) ON DUPLICATE KEY UPDATE n = 0"));
            assertEquals(6, lastInsertId(st));
            assertEquals(List.of(1L, 2L, 6L), ids(st, "up"));
        }
        assertReplicasHoldTheSameRows();
    }

    /**
     * CREATE TABLE … AUTO_INCREMENT = n starts the table's counter at n (MySQL 5.7 manual 13.1.18,
     * "the initial AUTO_INCREMENT value for the table"); every mysqldump table carries it. The
     * option was dropped and the counter started at 1, so a restored dump reused ids of rows
     * deleted before the dump; and SHOW CREATE TABLE did not show the counter, so a dump of this
     * server lost it. CREATE TABLE IF NOT EXISTS of an existing table leaves its counter.
     * Replicas run the same statement and generate the same ids.
     */
    @Test
    void createTableAutoIncrementOptionStartsTheCounter() throws Exception {
        try (Connection c = Driver.MARIADB.connect(server, "ai"); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE t5 (id INT AUTO_INCREMENT PRIMARY KEY, v INT) ENGINE=InnoDB AUTO_INCREMENT=100"
                    + " DEFAULT CHARSET=utf8mb4");
            assertEquals(100, okInsertId(st, "INSERT INTO t5 (v) VALUES (1)"));
            st.execute("CREATE TABLE IF NOT EXISTS t5 (id INT AUTO_INCREMENT PRIMARY KEY, v INT) AUTO_INCREMENT=7");
            assertEquals(101, okInsertId(st, "INSERT INTO t5 (v) VALUES (2)"));
            st.execute("CREATE TEMPORARY TABLE t6 (id INT AUTO_INCREMENT PRIMARY KEY) AUTO_INCREMENT = 9");
            assertEquals(9, okInsertId(st, "INSERT INTO t6 VALUES ()"));
            assertEquals(List.of(100L, 101L), ids(st, "t5"));
            // SHOW CREATE TABLE shows where the counter stands, as MySQL does, so a dump keeps it
            try (ResultSet rs = st.executeQuery("SHOW CREATE TABLE t5")) {
                assertTrue(rs.next());
                assertTrue(rs.getString(2).endsWith("\n) ENGINE=InnoDB AUTO_INCREMENT=102 DEFAULT CHARSET=utf8mb4"),
                        rs.getString(2));
            }
            st.execute("CREATE TABLE t7 (id INT AUTO_INCREMENT PRIMARY KEY)");
            try (ResultSet rs = st.executeQuery("SHOW CREATE TABLE t7")) {
                assertTrue(rs.next());
                assertTrue(rs.getString(2).endsWith("\n) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4"), rs.getString(2));
            }
        }
        assertReplicasHoldTheSameRows();
    }

    /**
     * LAST_INSERT_ID(expr) (MySQL 5.7 manual 12.15): returns expr and remembers it as the next
     * LAST_INSERT_ID() and the OK packet's insert id, the sequence-table idiom {@code UPDATE seq
     * SET id = LAST_INSERT_ID(id + 1)}; a statement that does not evaluate it leaves the value.
     * The value was returned but not remembered (LAST_INSERT_ID() stayed 0).
     */
    @Test
    void lastInsertIdOfAnExpressionIsRememberedAsASequence() throws Exception {
        try (Connection c = Driver.MARIADB.connect(server, "ai"); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE seq (id INT NOT NULL)");
            st.execute("INSERT INTO seq VALUES (0)");
            st.execute("CREATE TABLE orders (id INT PRIMARY KEY, v VARCHAR(10))");
            assertEquals(1, okInsertId(st, "UPDATE seq SET id = LAST_INSERT_ID(id + 1)"));
            assertEquals(1, lastInsertId(st));
            assertEquals(2, okInsertId(st, "UPDATE seq SET id = LAST_INSERT_ID(id + 1)"));
            st.execute("INSERT INTO orders VALUES (LAST_INSERT_ID(), 'second')");
            st.executeUpdate("UPDATE seq SET id = LAST_INSERT_ID(id + 1) WHERE id > 100");
            assertEquals(2, lastInsertId(st), "no row matched: the value stays");
            try (ResultSet rs = st.executeQuery("SELECT LAST_INSERT_ID(42)")) {
                rs.next();
                assertEquals(42, rs.getLong(1));
            }
            assertEquals(42, lastInsertId(st));
            assertEquals(List.of(2L), ids(st, "orders"));
        }
        assertReplicasHoldTheSameRows();
    }

    @Test
    void incrementAndOffsetShapeTheValuesPerSession() throws Exception {
        try (Connection c = Driver.MARIADB.connect(server, "ai"); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE t2 (id INT AUTO_INCREMENT PRIMARY KEY, v INT)");
            st.execute("INSERT INTO t2 (v) VALUES (1), (2), (3)");
            // MySQL 5.7 manual, auto_increment_increment: offset 5, increment 10 after 1..3 → 5, 15, 25
            st.execute("SET @@auto_increment_increment = 10, @@auto_increment_offset = 5");
            st.execute("INSERT INTO t2 (v) VALUES (4), (5), (6)");
            assertEquals(5, lastInsertId(st));
            assertEquals(List.of(1L, 2L, 3L, 5L, 15L, 25L), ids(st, "t2"));
            try (ResultSet rs = st.executeQuery("SELECT @@innodb_autoinc_lock_mode")) {
                rs.next();
                assertEquals(1, rs.getInt(1));
            }
        }
        try (Connection c = Driver.MARIADB.connect(server, "ai"); Statement st = c.createStatement()) {
            st.execute("INSERT INTO t2 (v) VALUES (7)");
            assertEquals(26, lastInsertId(st), "another session keeps the default increment");
        }
        assertReplicasHoldTheSameRows();
    }

    @Test
    void setInsertIdFixesTheNextGeneratedValueOnce() throws Exception {
        try (Connection c = Driver.MARIADB.connect(server, "ai"); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE t3 (id INT AUTO_INCREMENT PRIMARY KEY, v INT)");
            st.execute("SET insert_id = 42");
            st.execute("INSERT INTO t3 (v) VALUES (1), (2)");
            st.execute("INSERT INTO t3 (v) VALUES (3)");
            assertEquals(List.of(42L, 43L, 44L), ids(st, "t3"));
            st.execute("SET last_insert_id = 7");
            assertEquals(7, lastInsertId(st));
        }
        assertReplicasHoldTheSameRows();
    }

    @Test
    void sysbenchOltpInsertWithDefaultOptionsRunsWithoutErrors() throws Exception {
        List<String> base = List.of(Program.existing(Program.SYSBENCH), "oltp_insert", "--db-driver=mysql",
                "--mysql-host=127.0.0.1", "--mysql-port=" + server.port(), "--mysql-user=root",
                "--mysql-db=ai", "--tables=1", "--table-size=100", "--db-ps-mode=disable");
        List<String> prepare = new ArrayList<>(base);
        prepare.add("prepare");
        Program.Result p = Program.run(prepare, null, java.time.Duration.ofSeconds(120));
        assertEquals(0, p.exitCode(), p.toString());
        List<String> run = new ArrayList<>(base);
        run.addAll(List.of("--time=2", "--threads=4", "run"));
        Program.Result r = Program.run(run, null, java.time.Duration.ofSeconds(120));
        assertEquals(0, r.exitCode(), r.toString());
        // sysbench prints "ignored errors: 0 (0.00 per sec.)" when no query failed
        assertTrue(r.stdout().contains("ignored errors:                      0 "), r.stdout());
        try (Connection c = Driver.MARIADB.connect(server, "ai"); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*), COUNT(DISTINCT id), MIN(id) > 0 FROM sbtest1")) {
            rs.next();
            assertTrue(rs.getLong(1) > 100, "the run inserted rows");
            assertEquals(rs.getLong(1), rs.getLong(2));
            assertTrue(rs.getBoolean(3), "id 0 generated, never stored");
        }
    }

    /**
     * An INSERT refused for a value of its first (or only) row takes no AUTO_INCREMENT value, as
     * InnoDB takes them when it writes a row: after a too-long string (1406), a NULL in a NOT NULL
     * column (1048), a bad number (1366), an out-of-range YEAR (1264, naming the column) and a
     * column without a default (1364), the next row gets 1, as on MySQL (each had used one up);
     * a duplicate key (InnoDB wrote the row first) and a later row's error still use theirs up.
     * The replicas hold the same ids.
     */
    @Test
    void anInsertRefusedBeforeItWroteARowTakesNoValue() throws Exception {
        try (Connection c = Driver.MARIADB.connect(server, "ai"); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE refused (id INT AUTO_INCREMENT PRIMARY KEY, v VARCHAR(3) NOT NULL, n INT,"
                    + " y YEAR, u INT UNIQUE, must INT NOT NULL)");
            SqlRunner sql = SqlRunner.on(c);
            sql.assertError("INSERT INTO refused (v, must) VALUES ('abcd', 1)", 1406, "22001",
                    "Data too long for column 'v' at row 1");
            sql.assertError("INSERT INTO refused (v, must) VALUES (NULL, 1)", 1048, "23000", "Column 'v' cannot be null");
            sql.assertError("INSERT INTO refused (v, n, must) VALUES ('a', 'x', 1)", 1366, "HY000",
                    "Incorrect integer value: 'x' for column 'n' at row 1");
            sql.assertError("INSERT INTO refused (v, y, must) VALUES ('a', 1900, 1)", 1264, "22003",
                    "Out of range value for column 'y' at row 1");
            sql.assertError("INSERT INTO refused (v) VALUES ('a')", 1364, "HY000", "Field 'must' doesn't have a default value");
            st.execute("INSERT INTO refused (v, u, must) VALUES ('a', 1, 1)");
            sql.assertError("INSERT INTO refused (v, u, must) VALUES ('b', 1, 1)", 1062, "23000",
                    "Duplicate entry '1' for key 'u'");
            sql.assertError("INSERT INTO refused (v, must) VALUES ('c', 1), ('dddd', 1)", 1406, "22001",
                    "Data too long for column 'v' at row 2");
            st.execute("INSERT INTO refused (v, must) VALUES ('e', 1)");
            assertEquals(List.of(List.of("1", "a"), List.of("5", "e")), sql.rows("SELECT id, v FROM refused ORDER BY id"));
        }
        assertReplicasHoldTheSameRows();
    }
}
