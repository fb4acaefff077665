package io.minisqld.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.minisqld.testsupport.MinisqldHarness;
import io.minisqld.testsupport.Replication;
import io.minisqld.testsupport.SqlRunner;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * CREATE TEMPORARY TABLE and DROP TEMPORARY TABLE inside a transaction, as MySQL 5.7's: "CREATE
 * TABLE and DROP TABLE statements do not commit a transaction if the TEMPORARY keyword is used"
 * (the manual's statements that cause an implicit commit). The transaction's earlier changes roll
 * back with it; the temporary table's creation or drop does not, and ROLLBACK says so with
 * warnings 1751 / 1752. In the binary log (STATEMENT format here) the statement stands in its
 * place inside the committed transaction, and a rolled-back transaction's temporary-table DDL is
 * still written, so a replica's later statements find the same tables (before, both statements
 * committed the open transaction: its rows stayed after ROLLBACK).
 */
class TemporaryTablesInTransactionsTest {
    private static ReplicatedPair pair;

    @BeforeAll
    static void start() throws Exception {
        pair = ReplicatedPair.start("temporary-trx", "CREATE DATABASE tt; CREATE TABLE tt.base (id INT PRIMARY KEY);");
    }

    @AfterAll
    static void stop() {
        if (pair != null) pair.close();
    }

    private static List<String> queriesAfter(SqlRunner sql, long pos) throws SQLException {
        List<String> out = new ArrayList<>();
        for (List<String> e : sql.rows("SHOW BINLOG EVENTS FROM " + pos)) {
            if (e.get(2).equals("Query") || e.get(2).equals("Xid")) out.add(e.get(2).equals("Xid") ? "COMMIT" : e.get(5));
        }
        return out;
    }

    /** A session of the source in database tt. */
    private static SqlRunner inDatabase(Connection c) throws SQLException {
        SqlRunner sql = SqlRunner.on(c);
        sql.executeAll("USE tt");
        return sql;
    }

    /** The replica, caught up, holds the source's rows. */
    private static void assertTheReplicaAgrees() throws SQLException {
        Replication.awaitCaughtUp(pair.replica, pair.source);
        Replication.assertSameTables(pair.source, pair.replica, "tt");
    }

    private static long position(SqlRunner sql) throws SQLException {
        return Long.parseLong(sql.row("SHOW MASTER STATUS").get("Position"));
    }

    @Test
    void rollbackUndoesTheRowsButNotTheTemporaryTable() throws Exception {
        try (Connection c = pair.source.newConnection()) {
            SqlRunner sql = inDatabase(c);
            long pos = position(sql);
            sql.executeAll("BEGIN", "INSERT INTO base VALUES (1)", "CREATE TEMPORARY TABLE t1 (a INT)",
                    "INSERT INTO t1 VALUES (10)", "ROLLBACK");
            assertEquals(List.of(List.of("Warning", "1751", "The creation of some temporary tables could not be rolled back.")),
                    sql.warnings());
            assertEquals(List.of(), sql.rows("SELECT id FROM base WHERE id = 1"));
            // the table stays, its rows went with the transaction (InnoDB's temporary tables are transactional)
            assertEquals(List.of(List.of("0")), sql.rows("SELECT COUNT(*) FROM t1"));
            // the binlog has the table's creation alone, not the rolled-back insert
            assertEquals(List.of("use `tt`; CREATE TEMPORARY TABLE t1 (a INT)"), queriesAfter(sql, pos));
            // the replica made it too: a statement reading it replicates
            sql.executeAll("INSERT INTO t1 VALUES (2)", "ALTER TABLE t1 ADD COLUMN b INT DEFAULT 9",
                    "INSERT INTO base SELECT a + b FROM t1");

            sql.executeAll("BEGIN", "INSERT INTO base VALUES (3)", "DROP TEMPORARY TABLE t1", "ROLLBACK");
            assertEquals(List.of(List.of("Warning", "1752",
                    "Some temporary tables were dropped, but these operations could not be rolled back.")), sql.warnings());
            sql.assertError("SELECT * FROM t1", 1146, "42S02", "Table 'tt.t1' doesn't exist");
            assertEquals(List.of(List.of("11")), sql.rows("SELECT id FROM base WHERE id < 20"));
        }
        assertTheReplicaAgrees();
    }

    @Test
    void aCommittedTransactionLogsTheStatementInItsPlace() throws Exception {
        try (Connection c = pair.source.newConnection()) {
            SqlRunner sql = inDatabase(c);
            long pos = position(sql);
            sql.executeAll("BEGIN", "INSERT INTO base VALUES (20)", "CREATE TEMPORARY TABLE t2 (a INT) ENGINE=InnoDB",
                    "INSERT INTO t2 VALUES (21), (22)", "INSERT INTO base SELECT a FROM t2", "DROP TEMPORARY TABLE t2",
                    "COMMIT");
            assertEquals(List.of(), sql.warnings());
            assertEquals(List.of("BEGIN", "use `tt`; INSERT INTO base VALUES (20)",
                    "use `tt`; CREATE TEMPORARY TABLE t2 (a INT) ENGINE=InnoDB", "use `tt`; INSERT INTO t2 VALUES (21), (22)",
                    "use `tt`; INSERT INTO base SELECT a FROM t2", "use `tt`; DROP TEMPORARY TABLE t2", "COMMIT"),
                    queriesAfter(sql, pos));
            // autocommit = 0: the statement opens the transaction, which ROLLBACK ends
            sql.executeAll("SET autocommit = 0", "INSERT INTO base VALUES (30)", "CREATE TEMPORARY TABLE t3 (a INT)",
                    "ROLLBACK", "SET autocommit = 1");
            assertEquals(List.of(), sql.rows("SELECT id FROM base WHERE id = 30"));
            // ROLLBACK TO SAVEPOINT keeps a temporary table made after the savepoint, and its statement logged
            sql.executeAll("BEGIN", "INSERT INTO base VALUES (40)", "SAVEPOINT s", "CREATE TEMPORARY TABLE t4 (a INT)",
                    "INSERT INTO base VALUES (41)", "ROLLBACK TO SAVEPOINT s", "INSERT INTO t4 VALUES (42)",
                    "INSERT INTO base SELECT a FROM t4", "COMMIT");
            assertEquals(List.of(List.of("20"), List.of("21"), List.of("22"), List.of("40"), List.of("42")),
                    sql.rows("SELECT id FROM base WHERE id >= 20 ORDER BY id"));
        }
        assertTheReplicaAgrees();
    }

    @Test
    void everyKindOfColumnAndKeyIsMadeWithoutCommitting() throws Exception {
        try (Connection c = pair.source.newConnection()) {
            SqlRunner sql = SqlRunner.on(c);
            sql.executeAll("USE tt", "CREATE TABLE shape (id INT AUTO_INCREMENT PRIMARY KEY, a VARCHAR(10) CHARACTER SET latin1,"
                    + " f FLOAT(6,2), KEY (a)) AUTO_INCREMENT = 10");
            // latin1 and case-sensitive columns, FLOAT(M,D), ENUM, SET, BIT, JSON, fractional
            // timestamps, keys, a table comment and counter: each made by its own engine statement
            sql.executeAll("BEGIN", "INSERT INTO base VALUES (50)",
                    "CREATE TEMPORARY TABLE t5 (id INT AUTO_INCREMENT PRIMARY KEY, a VARCHAR(10) CHARACTER SET latin1"
                            + " COMMENT 'c', f FLOAT(7,3), d DOUBLE(8,2), e ENUM('x','y'), s SET('a','b'), c CHAR(3)"
                            + " COLLATE utf8mb4_bin, b BIT(3), j JSON, ts TIMESTAMP(3) DEFAULT CURRENT_TIMESTAMP(3)"
                            + " ON UPDATE CURRENT_TIMESTAMP(3), KEY (a), UNIQUE KEY u (e)) COMMENT = 'tc'"
                            + " AUTO_INCREMENT = 7 DEFAULT CHARSET = latin1",
                    "INSERT INTO t5 (a, f, e) VALUES ('é', 2.5, 'y')",
                    "CREATE TEMPORARY TABLE t6 LIKE shape", "CREATE TEMPORARY TABLE t7 AS SELECT 1 AS one",
                    "CREATE TEMPORARY TABLE t9 AS SELECT id, a, f FROM shape",
                    "CREATE TEMPORARY TABLE IF NOT EXISTS t7 (x INT)", "DROP TEMPORARY TABLE IF EXISTS t7, nothere",
                    "ROLLBACK");
            assertEquals(List.of(), sql.rows("SELECT id FROM base WHERE id = 50"));
            sql.executeAll("INSERT INTO t5 (a, f, e) VALUES ('é', 2.5, 'y')", "INSERT INTO t6 (a) VALUES ('z')");
            // the id the rolled-back row took is not given again (InnoDB)
            assertEquals(List.of(List.of("8", "é", "2.500", "y")), sql.rows("SELECT id, a, f, e FROM t5"));
            assertEquals(List.of(List.of("1", "z")), sql.rows("SELECT id, a FROM t6"));
            // the copied columns' definitions, made without a commit
            assertEquals(List.of(List.of("id", "int(11)"), List.of("a", "varchar(10)"), List.of("f", "float(6,2)")),
                    sql.rows("SHOW COLUMNS FROM t9").stream().map(r -> r.subList(0, 2)).toList());
            sql.assertError("INSERT INTO t5 (a) VALUES ('ā')", 1366, "HY000",
                    "Incorrect string value: '\\xC4\\x81' for column 'a' at row 1");
            sql.executeAll("DROP TEMPORARY TABLE t5, t6");
        }
        // another session's DDL does not wait for this one's transaction
        try (Connection c = pair.source.newConnection(); Connection other = pair.source.newConnection()) {
            SqlRunner sql = SqlRunner.on(c);
            sql.executeAll("USE tt", "BEGIN", "INSERT INTO base VALUES (60)", "CREATE TEMPORARY TABLE t8 (a INT, KEY (a))");
            SqlRunner.on(other).executeAll("SET SESSION lock_wait_timeout = 5", "CREATE TABLE tt.other (id INT PRIMARY KEY)",
                    "DROP TABLE tt.other");
            sql.executeAll("COMMIT");
            assertEquals(List.of(List.of("60")), sql.rows("SELECT id FROM base WHERE id = 60"));
        }
        assertTheReplicaAgrees();
    }

    /**
     * A session's end drops its temporary tables on the replicas too: MySQL 5.7 logs "DROP
     * /*!40005 TEMPORARY *&#47; TABLE IF EXISTS …" for them (nothing was logged, so the replica's
     * applier kept the table and the next session's table of that name stopped it with 1050).
     */
    @Test
    void aSessionsEndDropsItsTemporaryTablesOnTheReplica() throws Exception {
        long pos;
        try (Connection c = pair.source.newConnection()) {
            SqlRunner sql = inDatabase(c);
            pos = position(sql);
            sql.executeAll("CREATE TEMPORARY TABLE same (a INT)", "INSERT INTO same VALUES (70)");
        }
        try (Connection c = pair.source.newConnection()) {
            SqlRunner sql = inDatabase(c);
            // the server ends the first session once it reads the disconnect: wait for its drop
            String drop = "DROP /*!40005 TEMPORARY */ TABLE IF EXISTS `tt`.`same`";
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (!queriesAfter(sql, pos).contains(drop) && System.nanoTime() < deadline) Thread.sleep(50);
            assertEquals(List.of("use `tt`; CREATE TEMPORARY TABLE same (a INT)", "BEGIN",
                    "use `tt`; INSERT INTO same VALUES (70)", "COMMIT", drop), queriesAfter(sql, pos));
            sql.executeAll("CREATE TEMPORARY TABLE same (a INT)", "INSERT INTO same VALUES (71)",
                    "INSERT INTO base SELECT a FROM same");
        }
        assertTheReplicaAgrees();
        try (Connection r = pair.replica.newConnection()) {
            assertEquals(List.of(List.of("71")), SqlRunner.on(r).rows("SELECT id FROM tt.base WHERE id = 71"));
        }
    }
}
