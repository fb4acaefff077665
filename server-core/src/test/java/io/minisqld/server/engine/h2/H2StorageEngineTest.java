package io.minisqld.server.engine.h2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minisqld.server.engine.EngineSession.EngineResult;
import io.minisqld.server.engine.EngineSession;
import io.minisqld.server.engine.TableInfo;
import io.minisqld.server.engine.VirtualTable;
import io.minisqld.server.error.SqlError;
import io.minisqld.server.result.Column;
import io.minisqld.server.result.ColumnType;
import io.minisqld.server.result.RowsResult;
import io.minisqld.testcommon.Poll;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class H2StorageEngineTest {
    @TempDir
    Path dir;

    private H2StorageEngine engine;
    private EngineSession s;

    @BeforeEach
    void open() {
        engine = new H2StorageEngine(dir);
        engine.createDatabase("test", false);
        s = engine.openSession(7);
        s.useDatabase("test");
    }

    @AfterEach
    void close() {
        engine.close();
    }

    private RowsResult query(EngineSession session, String sql) {
        EngineResult r = session.executeInternal(sql);
        assertTrue(r instanceof EngineSession.Rows, sql + " gave " + r);
        return ((EngineSession.Rows) r).rows();
    }

    private static List<List<String>> table(RowsResult r) {
        List<List<String>> out = new ArrayList<>();
        for (int i = 0; i < r.rows().size(); i++) {
            List<String> row = new ArrayList<>();
            for (int j = 0; j < r.columns().size(); j++) row.add(r.text(i, j));
            out.add(row);
        }
        return out;
    }

    private static List<String> labels(RowsResult r) {
        return r.columns().stream().map(Column::name).toList();
    }

    private void assertError(int number, String state, String message, EngineSession session, String sql) {
        SqlError e = assertThrows(SqlError.class, () -> session.executeInternal(sql), sql);
        assertEquals(number + " " + state + " " + message, e.number() + " " + e.sqlState() + " " + e.getMessage());
    }

    @Test
    void databasesAreSchemasAsTyped() {
        assertEquals(List.of("mysql", "test"), engine.databases());
        assertTrue(engine.createDatabase("Shop", false));
        assertFalse(engine.createDatabase("Shop", true));
        SqlError exists = assertThrows(SqlError.class, () -> engine.createDatabase("Shop", false));
        assertEquals("1007 HY000 Can't create database 'Shop'; database exists",
                exists.number() + " " + exists.sqlState() + " " + exists.getMessage());
        assertEquals(List.of("Shop", "mysql", "test"), engine.databases());
        assertFalse(engine.databaseExists("shop"));
        SqlError otherCase = assertThrows(SqlError.class, () -> s.useDatabase("shop"));
        assertEquals("1049 Unknown database 'shop'", otherCase.number() + " " + otherCase.getMessage());
        s.executeInternal("CREATE TABLE Shop.items (id int)");
        assertEquals(1, engine.dropDatabase("Shop", false));
        assertEquals(-1, engine.dropDatabase("Shop", true));
        SqlError absent = assertThrows(SqlError.class, () -> engine.dropDatabase("Shop", false));
        assertEquals("1008 HY000 Can't drop database 'Shop'; database doesn't exist",
                absent.number() + " " + absent.sqlState() + " " + absent.getMessage());
        SqlError unknown = assertThrows(SqlError.class, () -> s.useDatabase("nodb"));
        assertEquals("1049 42000 Unknown database 'nodb'",
                unknown.number() + " " + unknown.sqlState() + " " + unknown.getMessage());
    }

    @Test
    void ddlDmlAndSelectWithMySqlLabelsTypesAndValues() {
        s.executeInternal("CREATE TABLE t1 (id int AUTO_INCREMENT PRIMARY KEY, v varchar(20) NOT NULL, d double, "
                + "p decimal(10,2), ts datetime, b boolean, bin varbinary(4)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4");
        EngineResult ins = s.executeInternal("INSERT INTO t1 (v, d, p, ts, b, bin) VALUES "
                + "('it\\'s', 0.1, 12.5, '2020-01-02 03:04:05', true, x'41'), (\"two\", 1e20, -1, NULL, false, NULL)");
        assertEquals(new EngineSession.Update(2, 1, 2, 2, 0), ins);
        s.commit();
        RowsResult r = query(s, "SELECT ID, t1.v, 1+1, COUNT(*), d, p, ts, b, bin FROM t1 GROUP BY id ORDER BY id");
        assertEquals(List.of("ID", "v", "1+1", "COUNT(*)", "d", "p", "ts", "b", "bin"), labels(r));
        assertEquals(List.of(
                Arrays.asList("1", "it's", "2", "1", "0.1", "12.50", "2020-01-02 03:04:05", "1", "A"),
                Arrays.asList("2", "two", "2", "1", "1e20", "-1.00", null, "0", null)), table(r));
        Column id = r.columns().get(0);
        assertEquals(ColumnType.LONG, id.type());
        assertEquals("test", id.schema());
        assertEquals("t1", id.orgTable());
        assertEquals("id", id.orgName());
        // a table's number column: NUM without BINARY, as MySQL sends it
        assertEquals(Column.NOT_NULL | Column.PRI_KEY | Column.AUTO_INCREMENT | Column.NUM, id.flags());
        assertEquals(63, id.charset());
        assertEquals(ColumnType.VAR_STRING, r.columns().get(1).type());
        assertEquals(Column.NOT_NULL, r.columns().get(1).flags());
        assertEquals(ColumnType.LONGLONG, r.columns().get(3).type());
        assertEquals(ColumnType.DOUBLE, r.columns().get(4).type());
        assertEquals(ColumnType.NEWDECIMAL, r.columns().get(5).type());
        assertEquals(2, r.columns().get(5).decimals());
        assertEquals(ColumnType.DATETIME, r.columns().get(6).type());
        assertEquals(ColumnType.TINY, r.columns().get(7).type());
        assertEquals(ColumnType.BLOB, r.columns().get(8).type());
        assertEquals(63, r.columns().get(8).charset());

        assertEquals(EngineSession.Update.of(1), s.executeInternal("UPDATE t1 SET v = 'x' WHERE id = 2"));
        assertEquals(EngineSession.Update.of(1), s.executeInternal("DELETE FROM t1 WHERE id = 1"));
        s.rollback();
        assertEquals(List.of(List.of("it's"), List.of("two")), table(query(s, "SELECT v FROM t1 ORDER BY id")));
    }

    @Test
    void errorsCarryMySqlsNumbersStatesAndMessages() {
        s.executeInternal("CREATE TABLE t1 (id int PRIMARY KEY, v varchar(5), k int NOT NULL, u int, UNIQUE KEY uk (u))");
        s.executeInternal("CREATE TABLE t2 (a int, b varchar(5), PRIMARY KEY (a, b), c int, UNIQUE KEY (c))");
        s.executeInternal("INSERT INTO t1 VALUES (1, 'a', 1, 1)");
        s.executeInternal("INSERT INTO t2 VALUES (1, 'x', 1)");
        assertError(1062, "23000", "Duplicate entry '1' for key 'PRIMARY'", s, "INSERT INTO t1 VALUES (1, 'b', 1, 2)");
        assertError(1062, "23000", "Duplicate entry '1' for key 'uk'", s, "INSERT INTO t1 VALUES (2, 'b', 1, 1)");
        assertError(1062, "23000", "Duplicate entry '1-x' for key 'PRIMARY'", s, "INSERT INTO t2 VALUES (1, 'x', 2)");
        assertError(1062, "23000", "Duplicate entry '1' for key 'c'", s, "INSERT INTO t2 VALUES (2, 'y', 1)");
        assertError(1146, "42S02", "Table 'test.t9' doesn't exist", s, "SELECT * FROM t9");
        assertError(1146, "42S02", "Table 'mysql.t9' doesn't exist", s, "SELECT * FROM mysql.t9");
        assertError(1049, "42000", "Unknown database 'nodb'", s, "SELECT * FROM nodb.t9");
        assertError(1109, "42S02", "Unknown table 'nosuch' in information_schema", s,
                "SELECT * FROM information_schema.nosuch");
        assertError(1050, "42S01", "Table 't1' already exists", s, "CREATE TABLE t1 (x int)");
        assertError(1051, "42S02", "Unknown table 'test.t9'", s, "DROP TABLE t9");
        assertError(1054, "42S22", "Unknown column 'nosuch' in 'field list'", s, "SELECT nosuch FROM t1");
        assertError(1054, "42S22", "Unknown column 'nosuch' in 'where clause'", s, "SELECT * FROM t1 WHERE nosuch = 1");
        assertError(1048, "23000", "Column 'k' cannot be null", s, "INSERT INTO t1 VALUES (3, 'a', NULL, 3)");
        assertError(1406, "22001", "Data too long for column 'v' at row 1", s, "INSERT INTO t1 VALUES (3, 'abcdefgh', 1, 3)");
        assertError(1366, "HY000", "Incorrect integer value: 'abc' for column 'id' at row 1", s,
                "INSERT INTO t1 (id, k) VALUES ('abc', 1)");
        assertError(1264, "22003", "Out of range value for column 'id' at row 1", s,
                "INSERT INTO t1 (id, k) VALUES (99999999999, 1)");
        assertError(1064, "42000", "You have an error in your SQL syntax; check the manual that corresponds to your "
                + "MySQL server version for the right syntax to use near 'selec 1' at line 1", s, "selec 1");
        assertError(1064, "42000", "You have an error in your SQL syntax; check the manual that corresponds to your "
                + "MySQL server version for the right syntax to use near 'garbage' at line 2", s,
                "SELECT * FROM t1\nWHERE id = 1 garbage");
    }

    @Test
    void keyNamesAreScopedToTheirTableAsInMySql() {
        s.executeInternal("CREATE TABLE sbtest1 (id int PRIMARY KEY, k int, UNIQUE KEY uk (k))");
        s.executeInternal("CREATE TABLE sbtest2 (id int PRIMARY KEY, k int, UNIQUE KEY uk (k))");
        s.executeInternal("CREATE INDEX k_1 ON sbtest1(k)");
        s.executeInternal("CREATE INDEX k_1 ON sbtest2(k)");
        s.executeInternal("ALTER TABLE sbtest2 ADD KEY k_2 (id, k), ADD COLUMN v varchar(3)");
        s.executeInternal("INSERT INTO sbtest2 VALUES (1, 1, 'a')");
        assertError(1062, "23000", "Duplicate entry '1' for key 'uk'", s, "INSERT INTO sbtest2 VALUES (2, 1, 'b')");
        assertEquals(List.of("PRIMARY", "uk", "k_1", "k_2"),
                s.describe("test", "sbtest2").indexes().stream().map(TableInfo.IndexInfo::name).toList());
        assertError(1061, "42000", "Duplicate key name 'k_1'", s, "CREATE INDEX k_1 ON sbtest1(id)");
        s.executeInternal("DROP INDEX k_1 ON sbtest1");
        assertError(1091, "42000", "Can't DROP 'k_1'; check that column/key exists", s, "DROP INDEX k_1 ON sbtest1");
        assertEquals(EngineSession.Update.of(1), s.executeInternal("INSERT INTO sbtest1 VALUES (1, 1)"));
    }

    @Test
    void createTableLikeAndTableOptionsOnlyAlterTable() {
        s.executeInternal("CREATE TABLE a (id int AUTO_INCREMENT PRIMARY KEY, k int, UNIQUE KEY uk (k), KEY kk (k))");
        s.executeInternal("INSERT INTO a (k) VALUES (1)");
        assertEquals(EngineSession.Update.of(0), s.executeInternal("ALTER TABLE a ENGINE=InnoDB, DEFAULT CHARSET=utf8mb4"));
        s.executeInternal("ALTER TABLE a AUTO_INCREMENT = 10");
        assertEquals(new EngineSession.Update(1, 10, 10), s.executeInternal("INSERT INTO a (k) VALUES (2)"));
        s.executeInternal("ALTER TABLE a AUTO_INCREMENT = 3");
        assertEquals(new EngineSession.Update(1, 11, 11), s.executeInternal("INSERT INTO a (k) VALUES (3)"));
        s.executeInternal("CREATE TABLE b LIKE a");
        assertEquals(s.describe("test", "a").createStatement().replace("`a`", "`b`"),
                s.describe("test", "b").createStatement());
        assertEquals(new EngineSession.Update(1, 1, 1), s.executeInternal("INSERT INTO b (k) VALUES (1)"));
        assertError(1146, "42S02", "Table 'test.nosuch' doesn't exist", s, "ALTER TABLE nosuch ENGINE=InnoDB");
    }

    @Test
    void noDatabaseSelected() {
        EngineSession none = engine.openSession(8);
        assertEquals(null, none.database());
        assertError(1046, "3D000", "No database selected", none, "SELECT * FROM t1");
        assertError(1046, "3D000", "No database selected", none, "CREATE TABLE t1 (id int)");
        none.executeInternal("CREATE TABLE test.t1 (id int)");
        assertEquals(List.of(), table(query(none, "SELECT * FROM test.t1")));
        assertEquals(List.of(List.of("1")), table(query(none, "SELECT 1")));
        none.close();
    }

    @Test
    void virtualTablesAnswerAnySelectForTheQueryingSession() {
        engine.registerVirtualTable("PLUGINS", new VirtualTable() {
            @Override
            public List<VirtualColumn> columns() {
                return List.of(VirtualColumn.text("PLUGIN_NAME"), VirtualColumn.text("PLUGIN_STATUS"),
                        VirtualColumn.number("SESSION"));
            }

            @Override
            public List<List<Object>> rows(long sessionId) {
                return List.of(Arrays.asList("rpl_semi_sync_slave", "ACTIVE", sessionId),
                        Arrays.asList("InnoDB", "ACTIVE", sessionId),
                        Arrays.asList("rpl_semi_sync_master", "DISABLED", sessionId));
            }
        });
        RowsResult r = query(s, "SELECT PLUGIN_NAME, PLUGIN_STATUS FROM INFORMATION_SCHEMA.PLUGINS "
                + "WHERE PLUGIN_NAME LIKE '%semi%' ORDER BY PLUGIN_NAME");
        assertEquals(List.of("PLUGIN_NAME", "PLUGIN_STATUS"), labels(r));
        assertEquals(List.of(List.of("rpl_semi_sync_master", "DISABLED"), List.of("rpl_semi_sync_slave", "ACTIVE")),
                table(r));
        RowsResult aliased = query(s, "select p.plugin_name, p.session from information_schema.`Plugins` p "
                + "where p.plugin_status = 'ACTIVE' order by 1");
        assertEquals(List.of("plugin_name", "session"), labels(aliased));
        assertEquals(List.of(List.of("InnoDB", "7"), List.of("rpl_semi_sync_slave", "7")), table(aliased));
        assertEquals(ColumnType.LONGLONG, aliased.columns().get(1).type());
        RowsResult grouped = query(s, "SELECT PLUGIN_STATUS, COUNT(*) FROM information_schema.plugins "
                + "GROUP BY PLUGIN_STATUS ORDER BY PLUGIN_STATUS");
        assertEquals(List.of(List.of("ACTIVE", "2"), List.of("DISABLED", "1")), table(grouped));
    }

    @Test
    void informationSchemaDescribesDatabasesTablesAndColumns() {
        s.executeInternal("CREATE TABLE t1 (id int AUTO_INCREMENT PRIMARY KEY, name varchar(20) NOT NULL DEFAULT 'x')");
        s.executeInternal("INSERT INTO t1 (name) VALUES ('a'), ('b')");
        assertEquals(List.of(List.of("information_schema"), List.of("mysql"), List.of("test")),
                table(query(s, "SELECT SCHEMA_NAME FROM information_schema.SCHEMATA ORDER BY SCHEMA_NAME")));
        assertEquals(List.of(List.of("t1", "BASE TABLE", "InnoDB", "2")),
                table(query(s, "SELECT TABLE_NAME, TABLE_TYPE, ENGINE, TABLE_ROWS FROM information_schema.TABLES "
                        + "WHERE TABLE_SCHEMA = 'test'")));
        assertEquals(List.of(Arrays.asList("id", "1", null, "NO", "int", "int(11)", "PRI", "auto_increment"),
                        Arrays.asList("name", "2", "x", "NO", "varchar", "varchar(20)", "", "")),
                table(query(s, "SELECT COLUMN_NAME, ORDINAL_POSITION, COLUMN_DEFAULT, IS_NULLABLE, DATA_TYPE, "
                        + "COLUMN_TYPE, COLUMN_KEY, EXTRA FROM information_schema.COLUMNS "
                        + "WHERE TABLE_SCHEMA = 'test' AND TABLE_NAME = 't1' ORDER BY ORDINAL_POSITION")));
    }

    @Test
    void describeGivesMySqlTypesKeysAndShowCreateTable() {
        s.executeInternal("CREATE TABLE t (id int NOT NULL AUTO_INCREMENT, big bigint, name varchar(20) DEFAULT 'n', "
                + "c char(120), price decimal(10,2) NOT NULL DEFAULT '0.00', created datetime, "
                + "changed timestamp DEFAULT CURRENT_TIMESTAMP, body text, x double, flag tinyint, "
                + "e enum('a','b'), PRIMARY KEY (id), UNIQUE KEY uname (name), KEY kc (c, big))");
        TableInfo t = s.describe("test", "t");
        assertEquals(List.of(
                new TableInfo.ColumnInfo("id", "int(11)", false, null, "auto_increment", "PRI"),
                new TableInfo.ColumnInfo("big", "bigint(20)", true, null, "", ""),
                new TableInfo.ColumnInfo("name", "varchar(20)", true, "n", "", "UNI"),
                new TableInfo.ColumnInfo("c", "char(120)", true, null, "", "MUL"),
                new TableInfo.ColumnInfo("price", "decimal(10,2)", false, "0.00", "", ""),
                new TableInfo.ColumnInfo("created", "datetime", true, null, "", ""),
                new TableInfo.ColumnInfo("changed", "timestamp", true, "CURRENT_TIMESTAMP", "", ""),
                new TableInfo.ColumnInfo("body", "text", true, null, "", ""),
                new TableInfo.ColumnInfo("x", "double", true, null, "", ""),
                new TableInfo.ColumnInfo("flag", "tinyint(4)", true, null, "", ""),
                new TableInfo.ColumnInfo("e", "enum('a','b')", true, null, "", "")), t.columns());
        assertEquals("CREATE TABLE `t` (\n"
                + "  `id` int(11) NOT NULL AUTO_INCREMENT,\n"
                + "  `big` bigint(20) DEFAULT NULL,\n"
                + "  `name` varchar(20) DEFAULT 'n',\n"
                + "  `c` char(120) DEFAULT NULL,\n"
                + "  `price` decimal(10,2) NOT NULL DEFAULT '0.00',\n"
                + "  `created` datetime DEFAULT NULL,\n"
                + "  `changed` timestamp NULL DEFAULT CURRENT_TIMESTAMP,\n"
                + "  `body` text,\n"
                + "  `x` double DEFAULT NULL,\n"
                + "  `flag` tinyint(4) DEFAULT NULL,\n"
                + "  `e` enum('a','b') DEFAULT NULL,\n"
                + "  PRIMARY KEY (`id`),\n"
                + "  UNIQUE KEY `uname` (`name`),\n"
                + "  KEY `kc` (`c`,`big`)\n"
                + ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4", t.createStatement());
        assertEquals(List.of("t"), s.tables("test").stream().map(TableInfo::name).toList());
        SqlError absent = assertThrows(SqlError.class, () -> s.describe("test", "nope"));
        assertEquals("1146 Table 'test.nope' doesn't exist", absent.number() + " " + absent.getMessage());
    }

    @Test
    void repeatableReadKeepsTheFirstSnapshot() {
        s.executeInternal("CREATE TABLE t (id int PRIMARY KEY, v int)");
        s.executeInternal("INSERT INTO t VALUES (1, 10)");
        s.commit();
        EngineSession other = engine.openSession(9);
        other.useDatabase("test");
        s.setIsolationLevel("REPEATABLE-READ");
        other.setIsolationLevel("REPEATABLE-READ");
        assertEquals(List.of(List.of("10")), table(query(s, "SELECT v FROM t")));
        other.executeInternal("UPDATE t SET v = 20 WHERE id = 1");
        other.executeInternal("INSERT INTO t VALUES (2, 30)");
        other.commit();
        assertEquals(List.of(List.of("10")), table(query(s, "SELECT v FROM t ORDER BY id")));
        s.commit();
        assertEquals(List.of(List.of("20"), List.of("30")), table(query(s, "SELECT v FROM t ORDER BY id")));
        other.close();
    }

    @Test
    void readCommittedSeesCommittedRows() {
        s.executeInternal("CREATE TABLE t (id int PRIMARY KEY, v int)");
        s.executeInternal("INSERT INTO t VALUES (1, 10)");
        s.commit();
        EngineSession other = engine.openSession(9);
        other.useDatabase("test");
        s.setIsolationLevel("READ-COMMITTED");
        assertEquals(List.of(List.of("10")), table(query(s, "SELECT v FROM t")));
        other.executeInternal("UPDATE t SET v = 20 WHERE id = 1");
        other.commit();
        assertEquals(List.of(List.of("20")), table(query(s, "SELECT v FROM t")));
        other.close();
    }

    @Test
    void lockWaitTimeoutIs1205() {
        s.executeInternal("CREATE TABLE t (id int PRIMARY KEY, v int)");
        s.executeInternal("INSERT INTO t VALUES (1, 10)");
        s.commit();
        EngineSession other = engine.openSession(9);
        other.useDatabase("test");
        other.setLockWaitTimeout(1);
        s.executeInternal("UPDATE t SET v = 11 WHERE id = 1");
        assertError(1205, "HY000", "Lock wait timeout exceeded; try restarting transaction", other,
                "UPDATE t SET v = 12 WHERE id = 1");
        s.commit();
        other.rollback();
        other.close();
    }

    @Test
    void deadlockIs1213() throws Exception {
        s.executeInternal("CREATE TABLE t (id int PRIMARY KEY, v int)");
        s.executeInternal("INSERT INTO t VALUES (1, 10), (2, 20)");
        s.commit();
        EngineSession other = engine.openSession(9);
        other.useDatabase("test");
        // the engine's own sessions table, read past the server's SQL (which refuses it as none of MySQL's)
        java.sql.Connection watcher = engine.connect();
        s.executeInternal("UPDATE t SET v = 11 WHERE id = 1");
        other.executeInternal("UPDATE t SET v = 21 WHERE id = 2");
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<EngineResult> blocked = pool.submit(() -> other.executeInternal("UPDATE t SET v = 12 WHERE id = 1"));
            Poll.until("the second update to wait for the first one's lock", Duration.ofSeconds(20), () -> {
                try (java.sql.Statement st = watcher.createStatement(); java.sql.ResultSet rs = st.executeQuery(
                        "SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS WHERE BLOCKER_ID IS NOT NULL")) {
                    rs.next();
                    return rs.getInt(1) == 1;
                }
            });
            SqlError mine = null;
            try {
                s.executeInternal("UPDATE t SET v = 22 WHERE id = 2");
            } catch (SqlError e) {
                mine = e;
            }
            SqlError theirs = null;
            try {
                blocked.get(20, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                theirs = (SqlError) e.getCause();
            }
            SqlError victim = mine != null ? mine : theirs;
            assertTrue(mine == null || theirs == null, "one transaction survives");
            assertEquals("1213 40001 Deadlock found when trying to get lock; try restarting transaction",
                    victim.number() + " " + victim.sqlState() + " " + victim.getMessage());
            // the victim's whole transaction is rolled back, so the survivor's updates go through
            EngineSession survivor = mine == null ? s : other;
            survivor.commit();
            EngineSession reader = engine.openSession(10);
            List<List<String>> rows = table(query(reader, "SELECT v FROM test.t ORDER BY id"));
            reader.close();
            assertEquals(mine == null ? List.of(List.of("11"), List.of("22")) : List.of(List.of("12"), List.of("21")),
                    rows);
        } finally {
            pool.shutdownNow();
        }
        s.rollback();
        other.rollback();
        other.close();
        watcher.close();
    }

    @Test
    void cancelInterruptsTheRunningStatementWith1317() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            // H2 cannot cancel a lock wait, but it does cancel a running statement
            Future<SqlError> running = pool.submit(() -> assertThrows(SqlError.class,
                    () -> s.executeInternal("WITH RECURSIVE r (n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r"
                            + " WHERE n < 2000000000) SELECT COUNT(*) FROM r")));
            // a cancel before the statement runs is lost: cancel until it ends
            Poll.until("the statement to be interrupted", Duration.ofSeconds(20), () -> {
                s.cancel();
                return running.isDone();
            });
            SqlError e = running.get(20, TimeUnit.SECONDS);
            assertEquals("1317 70100 Query execution was interrupted",
                    e.number() + " " + e.sqlState() + " " + e.getMessage());
        } finally {
            pool.shutdownNow();
        }
        assertEquals(List.of(List.of("1")), table(query(s, "SELECT 1")));
    }

    @Test
    void sleepReturnsZeroAndOneWhenKilled() throws Exception {
        RowsResult r = query(s, "SELECT SLEEP(0)");
        assertEquals(List.of("SLEEP(0)"), labels(r));
        assertEquals(List.of(List.of("0")), table(r));
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<RowsResult> sleeping = pool.submit(() -> query(s, "SELECT SLEEP(30)"));
            Poll.until("the SLEEP to be interrupted", Duration.ofSeconds(20), () -> {
                s.cancel();
                return sleeping.isDone();
            });
            assertEquals(List.of(List.of("1")), table(sleeping.get(20, TimeUnit.SECONDS)));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void reopenKeepsDataAndDatabases() {
        engine.createDatabase("shop", false);
        s.executeInternal("CREATE TABLE shop.items (id int AUTO_INCREMENT PRIMARY KEY, name varchar(10))");
        s.executeInternal("INSERT INTO shop.items (name) VALUES ('pen')");
        s.commit();
        engine.close();
        engine = new H2StorageEngine(dir);
        assertEquals(List.of("mysql", "shop", "test"), engine.databases());
        EngineSession again = engine.openSession(1);
        again.useDatabase("shop");
        assertEquals(List.of(List.of("1", "pen")), table(query(again, "SELECT id, name FROM items")));
        assertEquals(new EngineSession.Update(1, 2, 2), again.executeInternal("INSERT INTO items (name) VALUES ('ink')"));
        again.commit();
    }

    /**
     * A crash while a transaction that changed a string-keyed table is open, with its change
     * already written to the file: H2 2.3 alone refused to open such a store ("Incompatible key
     * type … for index PRIMARY_KEY_…", H2LeftoverTransactions); the engine starts, the change is
     * rolled back, the committed row and the key's case-insensitive comparison are kept.
     */
    @Test
    void aCrashWithAnOpenTransactionOnAStringKeyLeavesAStoreThatOpens() {
        s.executeInternal("CREATE TABLE info (channel varchar(64) NOT NULL PRIMARY KEY, pos bigint NOT NULL)");
        s.executeInternal("INSERT INTO info VALUES ('Main', 1), ('other', 5)");
        s.commit();
        EngineSession open = engine.openSession(8);
        open.useDatabase("test");
        open.executeInternal("UPDATE info SET pos = 2 WHERE channel = 'Main'");
        open.executeInternal("INSERT INTO info VALUES ('third', 3)");
        // the engine's next store write takes the open transaction's changes to the file
        engine.sync();
        engine.crashForTesting();
        engine = new H2StorageEngine(dir);
        EngineSession again = engine.openSession(1);
        again.useDatabase("test");
        assertEquals(List.of(List.of("Main", "1"), List.of("other", "5")),
                table(query(again, "SELECT channel, pos FROM info ORDER BY channel")));
        assertEquals(List.of(List.of("1")), table(query(again, "SELECT pos FROM info WHERE channel = 'MAIN'")));
        assertError(1062, "23000", "Duplicate entry 'other' for key 'PRIMARY'", again, "INSERT INTO info VALUES ('other', 9)");
    }

    /**
     * A restart right after {@code crashForTesting} once found the file "already in use": the
     * crashed store closed it a moment after the power-off returned. The wait it now ends with
     * returns once no channel of this JVM holds the file's lock, and says so when one keeps it.
     */
    @Test
    void theCrashWaitReturnsOnceTheFileLockIsReleasedAndNamesTheFileWhenItIsNot() throws Exception {
        Path file = dir.resolve("held.mv.db");
        java.nio.file.Files.write(file, new byte[16]);
        try (java.nio.channels.FileChannel holder = java.nio.channels.FileChannel.open(file,
                java.nio.file.StandardOpenOption.READ, java.nio.file.StandardOpenOption.WRITE)) {
            java.nio.channels.FileLock lock = holder.lock();
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> H2StorageEngine.awaitFileReleased(file, 200));
            assertEquals("the crashed store still holds " + file + " after 200 ms", e.getMessage());
            ExecutorService releaser = Executors.newSingleThreadExecutor();
            try {
                java.util.concurrent.atomic.AtomicBoolean releasing = new java.util.concurrent.atomic.AtomicBoolean();
                releaser.submit(() -> {
                    Thread.sleep(300);
                    releasing.set(true);
                    lock.release();
                    return null;
                });
                H2StorageEngine.awaitFileReleased(file, 10_000);
                assertTrue(releasing.get(), "returned while the lock was still held");
            } finally {
                releaser.shutdownNow();
            }
        }
    }

    /**
     * CI once found a replica's datadir "already in use" when the test started it again after
     * {@code crashForTesting}: a thread of the crashed server (an applier opening its next session)
     * connected to H2 after the power-off, and H2 opened the file again for it. A connection asked
     * for after a crash or a close is refused now, and the file stays free for the next server.
     */
    @Test
    void noConnectionOpensTheFileAgainAfterACrash() throws Exception {
        engine.crashForTesting();
        java.sql.SQLException refused = assertThrows(java.sql.SQLException.class, () -> engine.connect());
        assertEquals(90098, refused.getErrorCode());
        SqlError session = assertThrows(SqlError.class, () -> engine.openSession(7));
        assertEquals(1053, session.number());
        engine = new H2StorageEngine(dir);
        EngineSession again = engine.openSession(1);
        assertEquals(List.of(List.of("1")), table(query(again, "SELECT 1")));
    }

    /**
     * CI found a replica restarted after {@code crashForTesting} refusing every new session with
     * "Database may be already in use": a thread of the crashed database, inside H2's power-off
     * when the crash began, went on later and took the database of the same files out of H2's
     * registry (H2 removes the entry by file name), so H2 tried to open the files a second time.
     * The engine puts its open database back and the session opens.
     */
    @Test
    void aSessionOpensWhenACrashedDatabaseTookThisOneOutOfH2sRegistry() throws Exception {
        java.lang.reflect.Field registry = org.h2.engine.Engine.class.getDeclaredField("DATABASES");
        registry.setAccessible(true);
        String name;
        synchronized (registry.get(null)) {
            name = ((java.util.Map<?, ?>) registry.get(null)).keySet().stream().map(String::valueOf)
                    .filter(n -> n.startsWith(dir.toAbsolutePath().toString())).findFirst().orElseThrow();
        }
        // what the crashed database's late thread does at the end of H2's power-off
        java.lang.reflect.Method close = org.h2.engine.Engine.class.getDeclaredMethod("close", String.class);
        close.setAccessible(true);
        close.invoke(null, name);
        EngineSession again = engine.openSession(11);
        assertEquals(List.of(List.of("1")), table(query(again, "SELECT 1")));
    }

    @Test
    void systemSessionWorksInTheMysqlDatabase() {
        EngineSession sys = engine.systemSession();
        assertEquals("mysql", sys.database());
        sys.executeInternal("CREATE TABLE plugin (name varchar(64) PRIMARY KEY, dl varchar(128))");
        sys.executeInternal("INSERT INTO plugin VALUES ('rpl_semi_sync_master', 'semisync_master.so')");
        sys.commit();
        assertEquals(List.of(List.of("semisync_master.so")),
                table(query(s, "SELECT dl FROM mysql.plugin WHERE name = 'rpl_semi_sync_master'")));
    }

    /**
     * Text compares as utf8mb4_general_ci ('e' = 'é', '_' after the letters); a data directory
     * created before that recorded H2's English collation, whose order its text indexes keep: it
     * goes on comparing so, and every value stays found through its key.
     */
    @Test
    void aDataDirectoryFromBeforeGeneralCiKeepsItsEnglishOrder(@TempDir Path older) throws Exception {
        assertEquals(List.of(List.of("1", "0")), table(query(s, "SELECT 'e' = 'é', 'a b' > 'ab'")));
        List<String> words = List.of("_x", "-y", "a", "é", "e", "f", "ab", "a b", "a-b", "z", "[", "1");
        try (java.sql.Connection c = new org.h2.Driver().connect("jdbc:h2:" + older.resolve("minisqld")
                + ";MODE=MySQL;DATABASE_TO_UPPER=FALSE;CASE_INSENSITIVE_IDENTIFIERS=TRUE;USER=sa", new java.util.Properties());
             java.sql.Statement st = c.createStatement()) {
            st.execute("SET COLLATION ENGLISH STRENGTH SECONDARY");
            st.execute("CREATE SCHEMA old");
            st.execute("CREATE TABLE old.words (w VARCHAR(10) PRIMARY KEY)");
            for (String w : words) st.execute("INSERT INTO old.words VALUES ('" + w + "')");
        }
        H2StorageEngine legacy = new H2StorageEngine(older);
        try {
            EngineSession o = legacy.openSession(2);
            assertEquals(List.of(List.of("0", "1")), table(query(o, "SELECT 'e' = 'é', 'a b' > 'ab'")));
            for (String w : words) {
                assertEquals(List.of(List.of(w)), table(query(o, "SELECT w FROM old.words WHERE w = '" + w + "'")), w);
            }
            // the English collation passes over a hyphen
            assertEquals(List.of(List.of("_x"), List.of("["), List.of("1"), List.of("a"), List.of("ab"), List.of("a b"),
                            List.of("a-b"), List.of("e"), List.of("é"), List.of("f"), List.of("-y"), List.of("z")),
                    table(query(o, "SELECT w FROM old.words ORDER BY w")));
        } finally {
            legacy.close();
        }
    }
}
