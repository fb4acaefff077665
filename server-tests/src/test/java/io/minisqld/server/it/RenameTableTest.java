package io.minisqld.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minisqld.testsupport.MinisqldHarness;
import io.minisqld.testsupport.SqlRunner;
import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * RENAME TABLE as MySQL 5.7 runs it (the same statements as MariaDB's {@code main/rename.test}):
 * the pairs in order, so one statement can swap tables; a statement that fails at any pair renames
 * nothing and is not logged. Before, the pairs ran one H2 statement after another and a failure
 * at the last left the first ones done: {@code RENAME TABLE t3 TO t4, t2 TO t3, t1 TO t2, t4 TO t2}
 * answered 1050 and left {@code t1} gone.
 */
class RenameTableTest {
    private static MinisqldHarness server;
    private static Connection connection;
    private static SqlRunner sql;

    @BeforeAll
    static void start() throws Exception {
        server = MinisqldHarness.inProcess().name("rename").serverId(1).logBin().start();
        connection = server.newConnection();
        sql = SqlRunner.on(connection);
        sql.executeAll("CREATE DATABASE rn", "CREATE DATABASE other", "USE rn");
    }

    @AfterAll
    static void stop() throws Exception {
        if (connection != null) connection.close();
        if (server != null) server.close();
    }

    private static List<List<String>> contents() throws Exception {
        return sql.rows("SELECT 't1', (SELECT v FROM t1) UNION ALL SELECT 't2', (SELECT v FROM t2)"
                + " UNION ALL SELECT 't3', (SELECT v FROM t3)");
    }

    @Test
    void pairsRunInOrderAndAFailingStatementRenamesNothing() throws Exception {
        sql.executeAll("CREATE TABLE t1 (v VARCHAR(8))", "INSERT INTO t1 VALUES ('one')",
                "CREATE TABLE t2 (v VARCHAR(8))", "INSERT INTO t2 VALUES ('two')",
                "CREATE TABLE t3 (v VARCHAR(8))", "INSERT INTO t3 VALUES ('three')");
        // a rotation through a name that is free only in between
        sql.execute("RENAME TABLE t3 TO t4, t2 TO t3, t1 TO t2, t4 TO t1");
        assertEquals(List.of(List.of("t1", "three"), List.of("t2", "one"), List.of("t3", "two")), contents());
        List<String> logged = events();
        assertEquals(1, logged.size(), logged.toString());

        sql.assertError("RENAME TABLE t1 TO t2", 1050, "42S01", "Table 't2' already exists");
        sql.assertError("RENAME TABLE t1 TO t1", 1050, "42S01", "Table 't1' already exists");
        // the last pair fails after three that would have worked
        sql.assertError("RENAME TABLE t3 TO t4, t2 TO t3, t1 TO t2, t4 TO t2", 1050, "42S01", "Table 't2' already exists");
        sql.assertError("RENAME TABLE t3 TO t4, t5 TO t3, t1 TO t2, t4 TO t1", 1146, "42S02", "Table 'rn.t5' doesn't exist");
        sql.assertError("RENAME TABLE t1 TO other.t1", 1235, "42000",
                "This version of MySQL doesn't yet support 'RENAME TABLE to another database'");
        assertEquals(List.of(List.of("t1", "three"), List.of("t2", "one"), List.of("t3", "two")), contents());
        assertEquals(List.of(List.of("t1"), List.of("t2"), List.of("t3")), sql.rows("SHOW TABLES"));
        assertEquals(logged, events(), "a failed RENAME TABLE is not logged");
        sql.executeAll("DROP TABLE t1, t2, t3");
    }

    @Test
    void viewsAndAutoIncrementCountersGoWithTheirNewNames() throws Exception {
        sql.executeAll("CREATE TABLE a (id INT AUTO_INCREMENT PRIMARY KEY)", "INSERT INTO a VALUES (NULL), (NULL), (NULL)",
                "DELETE FROM a", "CREATE VIEW va AS SELECT COUNT(*) AS n FROM a");
        sql.execute("RENAME TABLE a TO b, va TO vb");
        // the counter moved with the table (InnoDB's does): 4, not MAX(id) + 1 of an empty table
        sql.execute("INSERT INTO b VALUES (NULL)");
        assertEquals(List.of(List.of("4")), sql.rows("SELECT id FROM b"));
        assertTrue(sql.rows("SHOW CREATE VIEW vb").get(0).get(1).contains("VIEW `vb`"), sql.rows("SHOW CREATE VIEW vb").toString());
        // a temporary table cannot be renamed in MySQL 5.7: it is no table RENAME TABLE knows
        sql.executeAll("CREATE TEMPORARY TABLE tmp (x INT)");
        sql.assertError("RENAME TABLE tmp TO tmp2", 1146, "42S02", "Table 'rn.tmp' doesn't exist");
        sql.executeAll("DROP TEMPORARY TABLE tmp", "DROP VIEW vb", "DROP TABLE b");
    }

    private static List<String> events() throws Exception {
        return sql.rows("SHOW BINLOG EVENTS").stream().map(r -> r.get(5)).filter(i -> i.contains("RENAME TABLE t3")).toList();
    }
}
