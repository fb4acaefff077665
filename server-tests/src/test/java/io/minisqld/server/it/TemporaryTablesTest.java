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
 * CREATE TEMPORARY TABLE as MySQL 5.7: a session's temporary tables are its own (no other session
 * sees them or their rows, each may have one of the same name), go away with the session, are
 * left out of SHOW TABLES, roll back with the transaction, and DROP TEMPORARY TABLE drops only them.
 */
class TemporaryTablesTest {
    private static MinisqldHarness server;

    @BeforeAll
    static void start() throws Exception {
        server = MinisqldHarness.inProcess().name("temporary").serverId(1).start();
        server.executeAll("CREATE DATABASE tmp", "CREATE TABLE tmp.base (id INT PRIMARY KEY)",
                "INSERT INTO tmp.base VALUES (1)");
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) server.close();
    }

    @Test
    void eachSessionHasItsOwnTemporaryTables() throws Exception {
        try (Connection a = server.newConnection(); Connection b = server.newConnection()) {
            SqlRunner sa = SqlRunner.on(a);
            SqlRunner sb = SqlRunner.on(b);
            sa.executeAll("USE tmp", "CREATE TEMPORARY TABLE t (v VARCHAR(10))", "INSERT INTO t VALUES ('mine-a')");
            sb.executeAll("USE tmp");
            sb.assertError("SELECT * FROM t", 1146, "42S02", "Table 'tmp.t' doesn't exist");
            sb.executeAll("CREATE TEMPORARY TABLE t (n INT, m INT)", "INSERT INTO t VALUES (1, 2)");
            assertEquals(List.of(List.of("mine-a")), sa.rows("SELECT * FROM t"));
            assertEquals(List.of(List.of("1", "2")), sb.rows("SELECT * FROM t"));
            assertEquals(List.of(List.of("base")), sa.rows("SHOW TABLES"));
            assertEquals(List.of(), sa.rows("SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = 'tmp'"
                    + " AND TABLE_NAME = 't'"));
            assertTrue(sa.rows("SHOW CREATE TABLE t").get(0).get(1).startsWith("CREATE TEMPORARY TABLE `t` ("),
                    sa.rows("SHOW CREATE TABLE t").toString());
            // rows of a temporary table roll back with the transaction, as InnoDB's
            sa.executeAll("BEGIN", "INSERT INTO t VALUES ('rolled')", "ROLLBACK");
            assertEquals(List.of(List.of("mine-a")), sa.rows("SELECT * FROM t"));
        }
        // gone with the session: a new one has no such table
        try (Connection c = server.newConnection()) {
            SqlRunner.on(c).assertError("SELECT * FROM tmp.t", 1146, "42S02", "Table 'tmp.t' doesn't exist");
        }
    }

    @Test
    void dropTemporaryTableDropsOnlyTheSessionsTemporaryTables() throws Exception {
        try (Connection a = server.newConnection()) {
            SqlRunner sa = SqlRunner.on(a);
            sa.executeAll("USE tmp", "CREATE TEMPORARY TABLE d1 (id INT)", "CREATE TEMPORARY TABLE d2 (id INT)");
            // a base table is no temporary table: 1051, and nothing is dropped
            sa.assertError("DROP TEMPORARY TABLE d1, base", 1051, "42S02", "Unknown table 'tmp.base'");
            assertEquals(List.of(List.of("0", "1")), sa.rows("SELECT (SELECT COUNT(*) FROM d1), (SELECT COUNT(*) FROM base)"));
            sa.assertError("DROP TEMPORARY TABLE nope1, tmp.nope2", 1051, "42S02", "Unknown table 'tmp.nope1,tmp.nope2'");
            sa.executeAll("DROP TEMPORARY TABLE IF EXISTS d1, base, nope");
            sa.assertError("SELECT * FROM d1", 1146, "42S02", "Table 'tmp.d1' doesn't exist");
            assertEquals(List.of(List.of("1")), sa.rows("SELECT id FROM base"));
            sa.executeAll("DROP TEMPORARY TABLE tmp.d2");
            sa.assertError("SELECT * FROM d2", 1146, "42S02", "Table 'tmp.d2' doesn't exist");
            // CREATE TEMPORARY TABLE … AS SELECT
            sa.executeAll("CREATE TEMPORARY TABLE copy AS SELECT id * 10 AS id FROM base");
            assertEquals(List.of(List.of("10")), sa.rows("SELECT id FROM copy"));
        }
    }

    /**
     * A temporary table's AUTO_INCREMENT counter is its own: each session's {@code t1} counts from
     * 1, TRUNCATE and ALTER TABLE … AUTO_INCREMENT move it, INSERT … SELECT moves past what it
     * stored. Before, the server read a temporary table's counter on a connection that cannot see
     * it: every INSERT generating a value failed with 1146 "Table 'null.t1' doesn't exist".
     */
    @Test
    void temporaryTablesCountTheirOwnAutoIncrementValues() throws Exception {
        try (Connection a = server.newConnection(); Connection b = server.newConnection()) {
            SqlRunner sa = SqlRunner.on(a);
            SqlRunner sb = SqlRunner.on(b);
            sa.executeAll("USE tmp", "CREATE TEMPORARY TABLE ai (a INT AUTO_INCREMENT PRIMARY KEY, v CHAR(1))",
                    "INSERT INTO ai (v) VALUES ('x'), ('y')");
            assertEquals(List.of(List.of("1")), sa.rows("SELECT LAST_INSERT_ID()"));
            sb.executeAll("USE tmp", "CREATE TEMPORARY TABLE ai (a INT AUTO_INCREMENT PRIMARY KEY, v CHAR(1))",
                    "INSERT INTO ai (v) VALUES ('p')");
            sa.executeAll("INSERT INTO ai (v) VALUES ('z')");
            sb.executeAll("INSERT INTO ai (v) VALUES ('q')");
            assertEquals(List.of(List.of("1", "x"), List.of("2", "y"), List.of("3", "z")), sa.rows("SELECT * FROM ai ORDER BY a"));
            assertEquals(List.of(List.of("1", "p"), List.of("2", "q")), sb.rows("SELECT * FROM ai ORDER BY a"));
            sa.executeAll("TRUNCATE TABLE ai", "INSERT INTO ai (v) VALUES ('t')", "INSERT INTO ai VALUES (10, 'e')",
                    "INSERT INTO ai (v) VALUES ('n')", "ALTER TABLE ai AUTO_INCREMENT = 100", "INSERT INTO ai (v) VALUES ('h')",
                    "INSERT INTO ai (v) SELECT 's' FROM tmp.base", "INSERT INTO ai (v) VALUES ('f')");
            assertEquals(List.of(List.of("1", "t"), List.of("10", "e"), List.of("11", "n"), List.of("100", "h"),
                    List.of("101", "s"), List.of("102", "f")), sa.rows("SELECT * FROM ai ORDER BY a"));
            // a base table of the same name made after the temporary one is gone counts from its own rows
            sa.executeAll("DROP TEMPORARY TABLE ai", "CREATE TABLE ai (a INT AUTO_INCREMENT PRIMARY KEY)",
                    "INSERT INTO ai VALUES (NULL)");
            assertEquals(List.of(List.of("1")), sa.rows("SELECT a FROM ai"));
            sa.executeAll("DROP TABLE ai");
        }
    }

    /**
     * ALTER TABLE of a temporary table as of any table (the engine rebuilds no temporary table:
     * adding, dropping or changing a column, renaming the table, and CREATE TEMPORARY TABLE …
     * SELECT of a table's columns were 1105 "Feature not supported: TEMP TABLE").
     */
    @Test
    void alterTableChangesATemporaryTableAsAnyTable() throws Exception {
        try (Connection a = server.newConnection(); Connection b = server.newConnection()) {
            SqlRunner sa = SqlRunner.on(a);
            sa.executeAll("USE tmp", "CREATE TEMPORARY TABLE al (id INT AUTO_INCREMENT PRIMARY KEY, v VARCHAR(5), KEY kv (v))",
                    "INSERT INTO al (v) VALUES ('a'), ('bb')",
                    "ALTER TABLE al ADD COLUMN n INT NOT NULL DEFAULT 7, MODIFY v VARCHAR(20) NOT NULL",
                    "ALTER TABLE al CHANGE n num BIGINT UNSIGNED", "ALTER TABLE al ADD UNIQUE KEY un (num, id), DROP KEY kv");
            assertEquals(List.of(List.of("1", "a", "7"), List.of("2", "bb", "7")), sa.rows("SELECT * FROM al ORDER BY id"));
            assertEquals("CREATE TEMPORARY TABLE `al` (\n"
                    + "  `id` int(11) NOT NULL AUTO_INCREMENT,\n"
                    + "  `v` varchar(20) NOT NULL,\n"
                    + "  `num` bigint(20) unsigned DEFAULT NULL,\n"
                    + "  PRIMARY KEY (`id`),\n"
                    + "  UNIQUE KEY `un` (`num`,`id`)\n"
                    + ") ENGINE=InnoDB AUTO_INCREMENT=3 DEFAULT CHARSET=utf8mb4", sa.rows("SHOW CREATE TABLE al").get(0).get(1));
            // the counter goes on; an ALTER the rows do not fit changes nothing, and names the table
            sa.executeAll("INSERT INTO al (v) VALUES ('c')");
            sa.assertError("ALTER TABLE al MODIFY v VARCHAR(1)", 1265, "01000", "Data truncated for column 'v' at row 2");
            sa.assertError("ALTER TABLE al DROP COLUMN nope", 1091, "42000", "Can't DROP 'nope'; check that column/key exists");
            assertEquals(List.of(List.of("1", "a", "7"), List.of("2", "bb", "7"), java.util.Arrays.asList("3", "c", null)),
                    sa.rows("SELECT * FROM al ORDER BY id"));
            // RENAME, alone or among other changes; another session's table of the new name is its own
            SqlRunner.on(b).executeAll("USE tmp", "CREATE TEMPORARY TABLE al2 (x INT)");
            sa.executeAll("ALTER TABLE al DROP KEY un, DROP COLUMN num, RENAME TO al2", "ALTER TABLE tmp.al2 RENAME al3");
            sa.assertError("SELECT * FROM al", 1146, "42S02", "Table 'tmp.al' doesn't exist");
            assertEquals(List.of(List.of("1", "a"), List.of("2", "bb"), List.of("3", "c")), sa.rows("SELECT * FROM al3 ORDER BY id"));
            assertEquals(List.of(List.of("base")), sa.rows("SHOW TABLES"));
            // CREATE TEMPORARY TABLE … SELECT keeps the copied columns' definitions
            sa.executeAll("CREATE TEMPORARY TABLE cp SELECT id, v FROM al3 WHERE id > 1");
            assertEquals(List.of(List.of("id", "int(11)", "NO"), List.of("v", "varchar(20)", "NO")),
                    sa.rows("SHOW COLUMNS FROM cp").stream().map(r -> r.subList(0, 3)).toList());
            assertEquals(List.of(List.of("2", "bb"), List.of("3", "c")), sa.rows("SELECT * FROM cp ORDER BY id"));
            // a key the rows do not fit: MySQL's 1062 naming the key (it named the engine's copy)
            sa.executeAll("INSERT INTO cp VALUES (2, 'x')");
            sa.assertError("ALTER TABLE cp ADD UNIQUE KEY ui (id)", 1062, "23000", "Duplicate entry '2' for key 'ui'");
            sa.assertError("ALTER TABLE cp ADD PRIMARY KEY (id)", 1062, "23000", "Duplicate entry '2' for key 'PRIMARY'");
        }
    }

    /**
     * Under LOCK TABLES a session makes and uses its temporary tables without naming them, as in
     * MySQL 5.7 (each was 1100 "Table 't' was not locked with LOCK TABLES").
     */
    @Test
    void lockTablesLeavesTemporaryTablesFree() throws Exception {
        try (Connection a = server.newConnection()) {
            SqlRunner sa = SqlRunner.on(a);
            sa.executeAll("USE tmp", "LOCK TABLES base READ", "CREATE TEMPORARY TABLE lk (id INT)",
                    "INSERT INTO lk SELECT id FROM base", "UPDATE lk SET id = id + 1");
            assertEquals(List.of(List.of("2")), sa.rows("SELECT id FROM lk"));
            sa.assertError("INSERT INTO base VALUES (9)", 1099, "HY000", "Table 'base' was locked with a READ lock and can't be updated");
            sa.executeAll("DROP TEMPORARY TABLE lk", "UNLOCK TABLES");
        }
    }
}
