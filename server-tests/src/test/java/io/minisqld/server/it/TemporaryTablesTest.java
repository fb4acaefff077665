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
}
