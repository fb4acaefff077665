package io.minisqld.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minisqld.testcommon.Poll;
import io.minisqld.testsupport.MinisqldHarness;
import io.minisqld.testsupport.SqlRunner;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What a JDBC user sees from minisqld, run once per connector (MariaDB Connector/J 3.x, MySQL
 * Connector/J 9.x) against one server per class: rows, metadata, transactions, errors with MySQL
 * 5.7's numbers, SQLSTATEs and texts, warnings, variables, SHOW and information_schema, KILL.
 * Every test uses its own tables and puts back any global variable it changes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ConnectorScenarios {
    private MinisqldHarness server;

    abstract Driver driver();

    @BeforeAll
    void startServer() throws Exception {
        server = MinisqldHarness.inProcess().name(driver().name().toLowerCase()).serverId(1).start();
        try (Connection c = connect(null); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE test");
            st.execute("CREATE TABLE test.e (id INT PRIMARY KEY, name VARCHAR(20) NOT NULL, short VARCHAR(3))");
            st.execute("INSERT INTO test.e VALUES (1, 'one', 'a')");
            st.execute("CREATE USER 'reader'@'%' IDENTIFIED BY 'readpw'");
            st.execute("GRANT SELECT ON *.* TO 'reader'@'%'");
        }
    }

    @AfterAll
    void stopServer() throws Exception {
        if (server != null) server.close();
    }

    Connection connect(String db) throws SQLException {
        return driver().connect(server, db);
    }

    // --- connecting

    @Test
    void connectsWithAndWithoutDatabase() throws Exception {
        try (Connection c = connect("test")) {
            assertEquals("test", scalar(c, "SELECT DATABASE()"));
            assertEquals("test", c.getCatalog());
        }
        try (Connection c = connect(null)) {
            assertNull(scalar(c, "SELECT DATABASE()"));
            assertEquals(1, ((Number) scalarObject(c, "SELECT 1")).intValue());
        }
    }

    @Test
    void unknownDatabaseInUrlIs1049() {
        SQLException e = assertThrows(SQLException.class, () -> connect("nosuchdb").close());
        assertServerError(e, 1049, "42000", "Unknown database 'nosuchdb'");
    }

    @Test
    void wrongPasswordIs1045() throws Exception {
        try (Connection c = connect(null); Statement st = c.createStatement()) {
            st.execute("CREATE USER 'pwuser'@'%' IDENTIFIED BY 'right'");
        }
        try (Connection ok = driver().connect(server, null, "pwuser", "right")) {
            assertEquals("pwuser@%", scalar(ok, "SELECT CURRENT_USER()"));
        }
        SQLException e = assertThrows(SQLException.class,
                () -> driver().connect(server, null, "pwuser", "wrong").close());
        assertServerError(e, 1045, "28000", "Access denied for user 'pwuser'@'localhost' (using password: YES)");
    }

    @Test
    void serverFunctions() throws Exception {
        try (Connection c = connect("test"); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT VERSION(), DATABASE(), USER(), CURRENT_USER(), CONNECTION_ID()")) {
            assertTrue(rs.next());
            assertEquals(server.server().version(), rs.getString(1));
            assertEquals("5.7.44-minisqld", rs.getString(1));
            assertEquals("test", rs.getString(2));
            assertEquals("root@localhost", rs.getString(3));
            assertEquals("root@localhost", rs.getString(4));
            long id = rs.getLong(5);
            assertTrue(id > 0);
            assertEquals(List.of(List.of(Long.toString(id), "test")),
                    rows(c, "SELECT ID, DB FROM information_schema.PROCESSLIST WHERE ID = CONNECTION_ID()"));
        }
    }

    // --- rows and metadata

    /**
     * Issue "What MySQL's everyday tools need", item 2: JDBC's getPrimaryKeys and getIndexInfo
     * (SHOW KEYS / information_schema.STATISTICS underneath) give what MySQL gives for the schema.
     */
    @Test
    void primaryKeysAndIndexesThroughDatabaseMetaData() throws Exception {
        try (Connection c = connect("test"); Statement st = c.createStatement()) {
            String table = "idx_" + driver().name().toLowerCase();
            st.execute("CREATE TABLE " + table + " (id INT PRIMARY KEY, u VARCHAR(10) NOT NULL,"
                    + " a INT, b INT, UNIQUE KEY uq (u), KEY ab (a, b))");
            java.sql.DatabaseMetaData md = c.getMetaData();
            List<String> pk = new java.util.ArrayList<>();
            try (ResultSet rs = md.getPrimaryKeys("test", null, table)) {
                while (rs.next()) pk.add(rs.getString("COLUMN_NAME") + " " + rs.getInt("KEY_SEQ") + " " + rs.getString("PK_NAME"));
            }
            assertEquals(List.of("id 1 PRIMARY"), pk);
            List<String> indexes = new java.util.ArrayList<>();
            try (ResultSet rs = md.getIndexInfo("test", null, table, false, false)) {
                while (rs.next()) {
                    indexes.add(rs.getString("INDEX_NAME") + " " + rs.getBoolean("NON_UNIQUE") + " "
                            + rs.getInt("ORDINAL_POSITION") + " " + rs.getString("COLUMN_NAME"));
                }
            }
            assertEquals(List.of("PRIMARY false 1 id", "uq false 1 u", "ab true 1 a", "ab true 2 b"), indexes);
            assertEquals(List.of(java.util.Arrays.asList(table, "0", "PRIMARY", "1", "id", "A", null, null, null, "", "BTREE", "", ""),
                    java.util.Arrays.asList(table, "0", "uq", "1", "u", "A", null, null, null, "", "BTREE", "", ""),
                    java.util.Arrays.asList(table, "1", "ab", "1", "a", "A", null, null, null, "YES", "BTREE", "", ""),
                    java.util.Arrays.asList(table, "1", "ab", "2", "b", "A", null, null, null, "YES", "BTREE", "", "")),
                    rows(c, "SHOW INDEX FROM " + table));
            assertEquals(List.of("ab"), rows(c, "SHOW KEYS FROM " + table + " FROM test WHERE Seq_in_index = 2").stream()
                    .map(r -> r.get(2)).toList());
            SQLException missing = assertThrows(SQLException.class, () -> rows(c, "SHOW INDEXES IN nosuch"));
            assertServerError(missing, 1146, "42S02", "Table 'test.nosuch' doesn't exist");
        }
    }


    @Test
    void createInsertSelectUpdateDeleteWithMetadata() throws Exception {
        try (Connection c = connect("test"); Statement st = c.createStatement()) {
            assertEquals(0, st.executeUpdate("CREATE TABLE items (id INT NOT NULL AUTO_INCREMENT PRIMARY KEY, "
                    + "name VARCHAR(20), price DECIMAL(10,2), added DATETIME)"));
            assertEquals(1, st.executeUpdate("INSERT INTO items (name, price, added) VALUES "
                    + "('apple', 1.50, '2024-01-02 03:04:05')", Statement.RETURN_GENERATED_KEYS));
            try (ResultSet keys = st.getGeneratedKeys()) {
                assertTrue(keys.next());
                assertEquals(1, keys.getLong(1));
                assertFalse(keys.next());
            }
            assertEquals(2, st.executeUpdate("INSERT INTO items (name, price, added) VALUES "
                    + "('banana', 12.25, NULL), ('cherry', 0.05, '1999-12-31 23:59:59')", Statement.RETURN_GENERATED_KEYS));
            try (ResultSet keys = st.getGeneratedKeys()) {
                assertTrue(keys.next());
                assertEquals(2, keys.getLong(1));
            }
            assertEquals(3L, ((Number) scalarObject(c, "SELECT LAST_INSERT_ID() + 1")).longValue());

            try (ResultSet rs = st.executeQuery("SELECT id, name AS label, price, added FROM items ORDER BY id")) {
                ResultSetMetaData md = rs.getMetaData();
                assertEquals(4, md.getColumnCount());
                assertEquals(List.of("id", "label", "price", "added"),
                        List.of(md.getColumnLabel(1), md.getColumnLabel(2), md.getColumnLabel(3), md.getColumnLabel(4)));
                assertEquals("name", md.getColumnName(2));
                assertEquals(Types.INTEGER, md.getColumnType(1));
                assertEquals(Types.VARCHAR, md.getColumnType(2));
                assertEquals(Types.DECIMAL, md.getColumnType(3));
                assertEquals(Types.TIMESTAMP, md.getColumnType(4));
                assertEquals(driver() == Driver.MYSQL ? "INT" : "INTEGER", md.getColumnTypeName(1));
                assertEquals("VARCHAR", md.getColumnTypeName(2));
                assertEquals("DECIMAL", md.getColumnTypeName(3));
                assertEquals("DATETIME", md.getColumnTypeName(4));
                assertEquals(ResultSetMetaData.columnNoNulls, md.isNullable(1));
                assertEquals(ResultSetMetaData.columnNullable, md.isNullable(2));
                assertTrue(md.isAutoIncrement(1));
                assertEquals(2, md.getScale(3));

                assertTrue(rs.next());
                assertEquals(1, rs.getInt(1));
                assertEquals("apple", rs.getString("label"));
                assertEquals(new BigDecimal("1.50"), rs.getBigDecimal(3));
                assertEquals(Timestamp.valueOf(LocalDateTime.of(2024, 1, 2, 3, 4, 5)), rs.getTimestamp(4));
                assertEquals("2024-01-02 03:04:05", rs.getString(4));
                assertTrue(rs.next());
                assertEquals("banana", rs.getString(2));
                assertEquals(new BigDecimal("12.25"), rs.getBigDecimal(3));
                assertNull(rs.getTimestamp(4));
                assertTrue(rs.wasNull());
                assertTrue(rs.next());
                assertEquals(new BigDecimal("0.05"), rs.getBigDecimal(3));
                assertFalse(rs.next());
            }
            assertEquals(2, st.executeUpdate("UPDATE items SET price = price + 1 WHERE id >= 2"));
            // both connectors set CLIENT_FOUND_ROWS (useAffectedRows=false): matched rows, not changed ones
            assertEquals(1, st.executeUpdate("UPDATE items SET name = 'apple' WHERE id = 1"),
                    "an UPDATE that matches a row without changing it, with CLIENT_FOUND_ROWS");
            assertEquals(1, st.executeUpdate("DELETE FROM items WHERE name = 'cherry'"));
            assertEquals(0, st.executeUpdate("DELETE FROM items WHERE id = 99"));
            assertEquals(List.of(List.of("1", "apple", "1.50"), List.of("2", "banana", "13.25")),
                    rows(c, "SELECT id, name, price FROM items ORDER BY id"));
        }
    }

    @Test
    void stringComparisonsFollowTheCaseInsensitiveDefaultCollation() throws Exception {
        try (Connection c = connect("test")) {
            // utf8mb4_general_ci, MySQL's default: comparisons and LIKE ignore case
            assertEquals(List.of(List.of("1", "1", "0")), rows(c, "SELECT 'abc' = 'ABC', 'abc' LIKE 'A%', 'abc' = 'abd'"));
            assertEquals(List.of(List.of("1")), rows(c, "SELECT id FROM e WHERE name = 'ONE'"));
        }
    }

    @Test
    void mySqlKeywordsThatAreNotReservedWorkAsAliases() throws Exception {
        try (Connection c = connect(null)) {
            assertEquals(List.of("value", "user", "status"), labels(c, "SELECT 1 AS value, 2 AS user, 3 AS status"));
            assertEquals(List.of(List.of("1", "2", "3")), rows(c, "SELECT 1 AS value, 2 AS user, 3 AS status"));
        }
    }

    // --- transactions

    @Test
    void commitAndRollbackSeenFromAnotherConnection() throws Exception {
        try (Connection a = connect("test"); Connection b = connect("test"); Statement sa = a.createStatement()) {
            sa.execute("CREATE TABLE tx (id INT PRIMARY KEY)");
            a.setAutoCommit(false);
            sa.executeUpdate("INSERT INTO tx VALUES (1)");
            assertEquals("1", scalar(a, "SELECT COUNT(*) FROM tx"));
            assertEquals("0", scalar(b, "SELECT COUNT(*) FROM tx"), "uncommitted row visible to another session");
            a.commit();
            assertEquals("1", scalar(b, "SELECT COUNT(*) FROM tx"));
            sa.executeUpdate("INSERT INTO tx VALUES (2)");
            a.rollback();
            assertEquals("1", scalar(a, "SELECT COUNT(*) FROM tx"));
            assertEquals("1", scalar(b, "SELECT COUNT(*) FROM tx"));
            a.setAutoCommit(true);
        }
    }

    @Test
    void repeatableReadKeepsTheSnapshot() throws Exception {
        try (Connection a = connect("test"); Connection b = connect("test"); Statement sb = b.createStatement()) {
            sb.execute("CREATE TABLE rr (id INT PRIMARY KEY)");
            sb.executeUpdate("INSERT INTO rr VALUES (1)");
            assertEquals(Connection.TRANSACTION_REPEATABLE_READ, a.getTransactionIsolation());
            a.setAutoCommit(false);
            assertEquals("1", scalar(a, "SELECT COUNT(*) FROM rr"));
            sb.executeUpdate("INSERT INTO rr VALUES (2)");
            assertEquals("2", scalar(b, "SELECT COUNT(*) FROM rr"));
            assertEquals("1", scalar(a, "SELECT COUNT(*) FROM rr"), "REPEATABLE-READ snapshot lost");
            a.commit();
            assertEquals("2", scalar(a, "SELECT COUNT(*) FROM rr"));
            a.setAutoCommit(true);
        }
    }

    @Test
    void transactionIsolationVariable() throws Exception {
        try (Connection c = connect(null)) {
            assertEquals("REPEATABLE-READ", scalar(c, "SELECT @@session.transaction_isolation"));
            assertEquals("REPEATABLE-READ", scalar(c, "SELECT @@global.tx_isolation"));
            c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            assertEquals("READ-COMMITTED", scalar(c, "SELECT @@session.transaction_isolation"));
            assertEquals("REPEATABLE-READ", scalar(c, "SELECT @@global.transaction_isolation"));
        }
    }

    @Test
    void lockWaitTimeoutIs1205() throws Exception {
        try (Connection a = connect("test"); Connection b = connect("test");
                Statement sa = a.createStatement(); Statement sb = b.createStatement()) {
            sa.execute("CREATE TABLE lk (id INT PRIMARY KEY, v INT)");
            sa.executeUpdate("INSERT INTO lk VALUES (1, 0)");
            a.setAutoCommit(false);
            assertEquals(1, sa.executeUpdate("UPDATE lk SET v = 1 WHERE id = 1"));
            sb.execute("SET SESSION innodb_lock_wait_timeout = 1");
            assertEquals("1", scalar(b, "SELECT @@session.innodb_lock_wait_timeout"));
            long start = System.nanoTime();
            SQLException e = assertThrows(SQLException.class, () -> sb.executeUpdate("UPDATE lk SET v = 2 WHERE id = 1"));
            // the server sends HY000 as MySQL 5.7 does; MySQL Connector/J reports 1205 as 40001 itself
            assertServerError(e, 1205, driver() == Driver.MYSQL ? "40001" : "HY000",
                    "Lock wait timeout exceeded; try restarting transaction");
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(10));
            a.rollback();
            a.setAutoCommit(true);
            assertEquals(1, sb.executeUpdate("UPDATE lk SET v = 2 WHERE id = 1"));
        }
    }

    // --- session basics

    @Test
    void isValidPings() throws Exception {
        Connection c = connect(null);
        assertTrue(c.isValid(5));
        c.close();
        assertFalse(c.isValid(5));
    }

    @Test
    void userVariables() throws Exception {
        try (Connection c = connect(null); Statement st = c.createStatement()) {
            st.execute("SET @x = 5");
            assertEquals("5", scalar(c, "SELECT @x"));
            st.execute("SET @s = 'text', @y = @x + 1");
            assertEquals(List.of(List.of("text", "6")), rows(c, "SELECT @s, @y"));
            assertNull(scalar(c, "SELECT @never_set"));
        }
    }

    // --- errors

    static Stream<Arguments> statementErrors() {
        return Stream.of(
                Arguments.of("SELECT * FROM t9", 1146, "42S02", "Table 'test.t9' doesn't exist"),
                Arguments.of("SELEC 1", 1064, "42000", "You have an error in your SQL syntax; check the manual that "
                        + "corresponds to your MySQL server version for the right syntax to use near 'SELEC 1' at line 1"),
                Arguments.of("INSERT INTO e VALUES (1, 'again', NULL)", 1062, "23000", "Duplicate entry '1' for key 'PRIMARY'"),
                Arguments.of("SELECT nosuch FROM e", 1054, "42S22", "Unknown column 'nosuch' in 'field list'"),
                Arguments.of("INSERT INTO e (id, name) VALUES (2, NULL)", 1048, "23000", "Column 'name' cannot be null"),
                // a NOT NULL column without a default left out of the column list (was 1048)
                Arguments.of("INSERT INTO e (id) VALUES (2)", 1364, "HY000", "Field 'name' doesn't have a default value"),
                Arguments.of("INSERT INTO e SET id = 2, short = 'x'", 1364, "HY000", "Field 'name' doesn't have a default value"),
                // a number followed by other characters (was 1366, as for text that is no number)
                Arguments.of("INSERT INTO e VALUES ('5x', 'n', NULL)", 1265, "01000", "Data truncated for column 'id' at row 1"),
                Arguments.of("INSERT INTO e VALUES (6, 'n', NULL), ('7.5 apples', 'm', NULL)", 1265, "01000",
                        "Data truncated for column 'id' at row 2"),
                Arguments.of("INSERT INTO e VALUES (3, 'x', 'abcd')", 1406, "22001", "Data too long for column 'short' at row 1"),
                Arguments.of("CREATE TABLE e (a INT)", 1050, "42S01", "Table 'e' already exists"),
                Arguments.of("SELECT @@nosuch", 1193, "HY000", "Unknown system variable 'nosuch'"),
                Arguments.of("SET GLOBAL nosuch = 1", 1193, "HY000", "Unknown system variable 'nosuch'"),
                Arguments.of("SET GLOBAL port = 1", 1238, "HY000", "Variable 'port' is a read only variable"),
                Arguments.of("SET SESSION max_connections = 5", 1229, "HY000",
                        "Variable 'max_connections' is a GLOBAL variable and should be set with SET GLOBAL"),
                Arguments.of("SET autocommit = 'maybe'", 1231, "42000", "Variable 'autocommit' can't be set to the value of 'maybe'"),
                Arguments.of("SET autocommit = 1.5", 1232, "42000", "Incorrect argument type to variable 'autocommit'"),
                Arguments.of("USE nosuchdb", 1049, "42000", "Unknown database 'nosuchdb'"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("statementErrors")
    void statementErrorsCarryMySqlNumbersStatesAndTexts(String sql, int code, String state, String message)
            throws Exception {
        try (Connection c = connect("test"); Statement st = c.createStatement()) {
            SQLException e = assertThrows(SQLException.class, () -> st.execute(sql));
            assertServerError(e, code, state, message);
            // the session stays usable after an error
            assertEquals("1", scalar(c, "SELECT COUNT(*) FROM e"));
        }
    }

    @Test
    void setGlobalWithoutSuperIs1227() throws Exception {
        try (Connection c = driver().connect(server, null, "reader", "readpw"); Statement st = c.createStatement()) {
            assertEquals("one", scalar(c, "SELECT name FROM test.e WHERE id = 1"));
            SQLException e = assertThrows(SQLException.class, () -> st.execute("SET GLOBAL max_connections = 10"));
            assertServerError(e, 1227, "42000",
                    "Access denied; you need (at least one of) the SUPER privilege(s) for this operation");
        }
    }

    // --- warnings and variables

    @Test
    void clampedGlobalGivesWarning1292() throws Exception {
        try (Connection c = connect(null); Statement st = c.createStatement()) {
            String before = scalar(c, "SELECT @@global.max_connections");
            assertEquals("151", before);
            try {
                st.execute("SET GLOBAL max_connections = 0");
                SQLWarning w = st.getWarnings();
                assertNotNull(w, "Statement.getWarnings() after a clamped SET");
                assertEquals(1292, w.getErrorCode());
                assertEquals("Truncated incorrect max_connections value: '0'", stripConn(w.getMessage()));
                assertNull(w.getNextWarning());
                assertEquals(List.of(List.of("Warning", "1292", "Truncated incorrect max_connections value: '0'")),
                        rows(c, "SHOW WARNINGS"));
                assertEquals("1", scalar(c, "SELECT @@global.max_connections"));
                assertEquals(List.of(List.of("max_connections", "1")), rows(c, "SHOW GLOBAL VARIABLES LIKE 'max_connections'"));
            } finally {
                st.execute("SET GLOBAL max_connections = " + before);
            }
            assertEquals(List.of(), rows(c, "SHOW WARNINGS"));
        }
    }

    @Test
    void maxConnectionsIsEnforced() throws Exception {
        try (Connection admin = connect(null); Statement st = admin.createStatement()) {
            Poll.until("only this test's connection", Duration.ofSeconds(10),
                    () -> "1".equals(scalar(admin, "SELECT COUNT(*) FROM information_schema.PROCESSLIST")));
            st.execute("SET GLOBAL max_connections = 2");
            try (Connection second = connect(null)) {
                assertTrue(second.isValid(5));
                // the connection beyond max_connections is kept for an account with SUPER; 'reader' has none
                SQLException e = assertThrows(SQLException.class,
                        () -> driver().connect(server, null, "reader", "readpw").close());
                assertServerError(e, 1040, "08004", "Too many connections");
            } finally {
                st.execute("SET GLOBAL max_connections = 151");
            }
            try (Connection again = driver().connect(server, null, "reader", "readpw")) {
                assertTrue(again.isValid(5));
            }
        }
    }

    @Test
    void showVariablesAndStatusWithLikeAndWhere() throws Exception {
        try (Connection c = connect(null)) {
            assertEquals(List.of(List.of("have_dynamic_loading", "YES")),
                    rows(c, "SHOW VARIABLES LIKE 'have_dynamic_loading'"));
            assertEquals(List.of("Variable_name", "Value"), labels(c, "SHOW VARIABLES LIKE 'have_dynamic_loading'"));
            assertEquals(List.of(List.of("auto_increment_increment", "1"), List.of("auto_increment_offset", "1")),
                    rows(c, "SHOW SESSION VARIABLES LIKE 'auto_increment%'"));
        }
    }

    @Test
    void showVariablesWhere() throws Exception {
        try (Connection c = connect(null)) {
            assertEquals(List.of(List.of("port", Integer.toString(server.port())), List.of("server_id", "1")),
                    rows(c, "SHOW VARIABLES WHERE Variable_name IN ('port', 'server_id')"));
            assertEquals(List.of(List.of("max_connections", "151")),
                    rows(c, "SHOW GLOBAL VARIABLES WHERE Variable_name LIKE 'max_conn%' AND Value > 100"));
        }
    }

    @Test
    void showStatusLikeAndWhere() throws Exception {
        try (Connection c = connect(null)) {
            assertEquals(List.of(List.of("Com_show_tables", "0")), rows(c, "SHOW SESSION STATUS LIKE 'Com_show_tables'"));
            assertEquals(List.of("Variable_name", "Value"), labels(c, "SHOW STATUS LIKE 'Com_show_tables'"));
            List<List<String>> threads = rows(c, "SHOW GLOBAL STATUS WHERE Variable_name = 'Threads_connected'");
            assertEquals(1, threads.size());
            assertEquals("Threads_connected", threads.get(0).get(0));
            assertTrue(Integer.parseInt(threads.get(0).get(1)) >= 1);
        }
    }

    @Test
    void statementCountersMoveAndFlushStatusResetsThem() throws Exception {
        try (Connection c = connect("test"); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE counted (id INT)");
            long questions = Long.parseLong(status(c, "Questions"));
            long inserts = Long.parseLong(status(c, "Com_insert"));
            // MySQL Connector/J runs SELECTs of its own while connecting; they count too
            long selects = Long.parseLong(status(c, "Com_select"));
            st.executeUpdate("INSERT INTO counted VALUES (1)");
            st.executeUpdate("INSERT INTO counted VALUES (2)");
            scalar(c, "SELECT COUNT(*) FROM counted");
            assertEquals(inserts + 2, Long.parseLong(status(c, "Com_insert")));
            // two SHOW STATUS, two INSERTs, one SELECT, two SHOW STATUS; the first read counted itself
            assertEquals(questions + 7, Long.parseLong(status(c, "Questions")));
            assertEquals(selects + 1, Long.parseLong(status(c, "Com_select")));
            // Queries counts the statements a stored procedure runs too (MySQL 5.7's; it was absent)
            st.execute("CREATE PROCEDURE counted_twice() BEGIN INSERT INTO counted VALUES (3); INSERT INTO counted"
                    + " VALUES (4); END");
            long queries = Long.parseLong(status(c, "Queries"));
            long asked = Long.parseLong(status(c, "Questions"));
            st.execute("CALL counted_twice()");
            // the CALL and its two INSERTs; one SHOW STATUS before each read
            assertEquals(queries + 5, Long.parseLong(status(c, "Queries")));
            assertEquals(asked + 3, Long.parseLong(status(c, "Questions")));
            st.execute("FLUSH STATUS");
            assertEquals("0", status(c, "Com_select"));
            assertEquals("0", status(c, "Com_insert"));
            scalar(c, "SELECT 1");
            assertEquals("1", status(c, "Com_select"));
        }
    }

    @Test
    void showDatabasesTablesColumnsCreateTable() throws Exception {
        try (Connection c = connect("test"); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE showdb");
            st.execute("CREATE TABLE showdb.s1 (id INT NOT NULL AUTO_INCREMENT, name VARCHAR(20) NOT NULL DEFAULT 'x', "
                    + "amount DECIMAL(10,2), at DATETIME, PRIMARY KEY (id))");
            st.execute("CREATE TABLE showdb.s2 (a INT)");
            List<List<String>> dbs = rows(c, "SHOW DATABASES");
            assertEquals(List.of("Database"), labels(c, "SHOW DATABASES"));
            assertTrue(dbs.contains(List.of("information_schema")), dbs.toString());
            assertTrue(dbs.contains(List.of("mysql")), dbs.toString());
            assertTrue(dbs.contains(List.of("showdb")), dbs.toString());
            assertTrue(dbs.contains(List.of("test")), dbs.toString());
            assertEquals(List.of(List.of("showdb")), rows(c, "SHOW DATABASES LIKE 'show%'"));
            assertEquals(List.of("Database (show%)"), labels(c, "SHOW DATABASES LIKE 'show%'"));

            assertEquals(List.of(List.of("s1"), List.of("s2")), rows(c, "SHOW TABLES FROM showdb"));
            assertEquals(List.of("Tables_in_showdb"), labels(c, "SHOW TABLES FROM showdb"));
            st.execute("USE showdb");
            assertEquals(List.of(List.of("s2")), rows(c, "SHOW TABLES LIKE '%2'"));
            assertEquals(List.of("Tables_in_showdb (%2)"), labels(c, "SHOW TABLES LIKE '%2'"));

            assertEquals(List.of("Field", "Type", "Null", "Key", "Default", "Extra"), labels(c, "SHOW COLUMNS FROM s1"));
            assertEquals(List.of(
                    row("id", "int(11)", "NO", "PRI", null, "auto_increment"),
                    row("name", "varchar(20)", "NO", "", "x", ""),
                    row("amount", "decimal(10,2)", "YES", "", null, ""),
                    row("at", "datetime", "YES", "", null, "")), rows(c, "SHOW COLUMNS FROM s1"));

            assertEquals(List.of("Table", "Create Table"), labels(c, "SHOW CREATE TABLE s1"));
            assertEquals(List.of(List.of("s1", "CREATE TABLE `s1` (\n"
                    + "  `id` int(11) NOT NULL AUTO_INCREMENT,\n"
                    + "  `name` varchar(20) NOT NULL DEFAULT 'x',\n"
                    + "  `amount` decimal(10,2) DEFAULT NULL,\n"
                    + "  `at` datetime DEFAULT NULL,\n"
                    + "  PRIMARY KEY (`id`)\n"
                    + ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4")), rows(c, "SHOW CREATE TABLE s1"));
            SQLException e = assertThrows(SQLException.class, () -> st.executeQuery("SHOW CREATE TABLE nosuch"));
            assertServerError(e, 1146, "42S02", "Table 'showdb.nosuch' doesn't exist");
        }
    }

    @Test
    void showProcesslist() throws Exception {
        try (Connection c = connect("test"); Connection other = connect(null)) {
            long me = Long.parseLong(scalar(c, "SELECT CONNECTION_ID()"));
            long them = Long.parseLong(scalar(other, "SELECT CONNECTION_ID()"));
            assertEquals(List.of("Id", "User", "Host", "db", "Command", "Time", "State", "Info"),
                    labels(c, "SHOW PROCESSLIST"));
            Map<Long, List<String>> byId = new LinkedHashMap<>();
            for (List<String> r : rows(c, "SHOW PROCESSLIST")) byId.put(Long.parseLong(r.get(0)), r);
            List<String> mine = byId.get(me);
            assertNotNull(mine, byId.toString());
            assertEquals("root", mine.get(1));
            assertTrue(mine.get(2).matches("localhost:\\d+"), mine.get(2));
            assertEquals("test", mine.get(3));
            assertEquals("Query", mine.get(4));
            assertEquals("SHOW PROCESSLIST", mine.get(7));
            List<String> theirs = byId.get(them);
            assertNotNull(theirs, byId.toString());
            assertNull(theirs.get(3));
            assertEquals("Sleep", theirs.get(4));
            assertNull(theirs.get(7));
        }
    }

    @Test
    void killEndsAnotherConnection() throws Exception {
        try (Connection killer = connect(null); Connection victim = connect(null); Statement ks = killer.createStatement()) {
            long id = Long.parseLong(scalar(victim, "SELECT CONNECTION_ID()"));
            ks.execute("KILL " + id);
            assertThrows(SQLException.class, () -> scalar(victim, "SELECT 1"));
            assertFalse(victim.isValid(2));
            assertEquals("1", scalar(killer, "SELECT 1"));
            Poll.until("the killed session to leave the process list", Duration.ofSeconds(10), () -> "0".equals(
                    scalar(killer, "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE ID = " + id)));
            SQLException e = assertThrows(SQLException.class, () -> ks.execute("KILL " + id));
            assertServerError(e, 1094, "HY000", "Unknown thread id: " + id);
        }
    }

    @Test
    void killQueryInterruptsASleepingStatement() throws Exception {
        // MySQL 5.7: "When SLEEP() is the only thing invoked by a query that is interrupted, it
        // returns 1 and the query itself returns no error." (A statement waiting for a row lock
        // cannot be interrupted in this engine; it ends at innodb_lock_wait_timeout.)
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (Connection waiter = connect("test"); Connection killer = connect(null);
                Statement ws = waiter.createStatement()) {
            long id = Long.parseLong(scalar(waiter, "SELECT CONNECTION_ID()"));
            Future<String> sleeping = pool.submit(() -> {
                try (ResultSet r = ws.executeQuery("SELECT SLEEP(20)")) {
                    r.next();
                    return r.getString(1);
                }
            });
            Poll.until("the SLEEP to be running", Duration.ofSeconds(10), () -> "SELECT SLEEP(20)"
                    .equals(scalar(killer, "SELECT INFO FROM information_schema.PROCESSLIST WHERE ID = " + id)));
            killer.createStatement().execute("KILL QUERY " + id);
            assertEquals("1", sleeping.get(10, TimeUnit.SECONDS), "an interrupted SLEEP returns 1");
            // KILL QUERY leaves the connection open
            assertEquals("2", scalar(waiter, "SELECT 1 + 1"));
        } finally {
            pool.shutdownNow();
        }
    }

    // --- information_schema

    @Test
    void informationSchemaGlobalVariablesLikeIsCaseInsensitive() throws Exception {
        try (Connection c = connect("test")) {
            assertEquals(List.of(List.of("MAX_CONNECTIONS", "151")),
                    rows(c, "SELECT VARIABLE_NAME, VARIABLE_VALUE FROM information_schema.GLOBAL_VARIABLES "
                            + "WHERE VARIABLE_NAME = 'max_connections'"));
            // utf8_general_ci's order, as MariaDB 10.11 answers: '_' after the letters
            assertEquals(List.of(List.of("MAX_CONNECTIONS", "151"), List.of("MAX_CONNECT_ERRORS", "100")),
                    rows(c, "SELECT VARIABLE_NAME, VARIABLE_VALUE FROM information_schema.GLOBAL_VARIABLES "
                            + "WHERE VARIABLE_NAME LIKE 'max_conn%' ORDER BY VARIABLE_NAME"));
        }
    }

    @Test
    void informationSchemaSessionVariablesWithAlias() throws Exception {
        try (Connection c = connect("test")) {
            String sql = "SELECT VARIABLE_NAME AS name, VARIABLE_VALUE AS value "
                    + "FROM information_schema.SESSION_VARIABLES WHERE VARIABLE_NAME LIKE 'AUTO_INCREMENT_INC%' ORDER BY name";
            assertEquals(List.of("name", "value"), labels(c, sql));
            assertEquals(List.of(List.of("AUTO_INCREMENT_INCREMENT", "1")), rows(c, sql));
            c.createStatement().execute("SET SESSION auto_increment_increment = 5");
            assertEquals(List.of(List.of("AUTO_INCREMENT_INCREMENT", "5")), rows(c, sql));
            assertEquals("1", scalar(c, "SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_VARIABLES "
                    + "WHERE VARIABLE_NAME = 'AUTO_INCREMENT_INCREMENT'"));
            // MariaDB's SYSTEM_VARIABLES (its first four columns): the session's value beside the global one
            assertEquals(List.of(List.of("AUTO_INCREMENT_INCREMENT", "5", "1", "SESSION")), rows(c, "SELECT VARIABLE_NAME,"
                    + " SESSION_VALUE, GLOBAL_VALUE, VARIABLE_SCOPE FROM information_schema.SYSTEM_VARIABLES"
                    + " WHERE VARIABLE_NAME = 'auto_increment_increment'"));
            assertEquals(List.of(java.util.Arrays.asList("VERSION_COMMENT", null, "GLOBAL")), rows(c, "SELECT VARIABLE_NAME,"
                    + " SESSION_VALUE, VARIABLE_SCOPE FROM information_schema.SYSTEM_VARIABLES WHERE VARIABLE_NAME = 'version_comment'"));
        }
    }

    @Test
    void informationSchemaStatus() throws Exception {
        try (Connection c = connect("test")) {
            assertEquals(List.of(List.of("COM_SELECT")), rows(c, "SELECT VARIABLE_NAME AS n FROM "
                    + "information_schema.GLOBAL_STATUS WHERE VARIABLE_NAME LIKE 'COM_SEL%' ORDER BY n"));
            assertEquals(List.of(List.of("COM_SHOW_TABLES", "0")), rows(c, "SELECT VARIABLE_NAME, VARIABLE_VALUE FROM "
                    + "information_schema.SESSION_STATUS WHERE VARIABLE_NAME LIKE 'COM_SHOW_TABLES' ORDER BY 1"));
            assertEquals(List.of(List.of("COM_SELECT")), rows(c, "SELECT VARIABLE_NAME AS n FROM "
                    + "information_schema.SESSION_STATUS WHERE VARIABLE_NAME LIKE 'com_sel%' ORDER BY n"));
        }
    }

    @Test
    void informationSchemaProcesslist() throws Exception {
        try (Connection c = connect("test")) {
            long id = Long.parseLong(scalar(c, "SELECT CONNECTION_ID()"));
            assertEquals(List.of(List.of(Long.toString(id), "test", "Query")),
                    rows(c, "SELECT ID, DB, COMMAND FROM information_schema.PROCESSLIST WHERE ID = " + id + " ORDER BY ID"));
            assertEquals(List.of(List.of(Long.toString(id), "root")),
                    rows(c, "SELECT ID, USER FROM information_schema.PROCESSLIST WHERE ID = " + id));
            assertEquals(List.of(List.of(Long.toString(id))), rows(c,
                    "SELECT p.ID AS i FROM information_schema.PROCESSLIST p WHERE p.USER LIKE 'ro%' AND p.ID = " + id));
        }
    }

    @Test
    void informationSchemaPlugins() throws Exception {
        try (Connection c = connect(null)) {
            assertEquals(List.of(List.of("InnoDB", "ACTIVE", "STORAGE ENGINE")),
                    rows(c, "SELECT PLUGIN_NAME AS name, PLUGIN_STATUS, PLUGIN_TYPE FROM information_schema.PLUGINS "
                            + "WHERE PLUGIN_NAME = 'InnoDB' ORDER BY name"));
            assertEquals(List.of(List.of("InnoDB", "ACTIVE")),
                    rows(c, "SELECT PLUGIN_NAME, PLUGIN_STATUS FROM information_schema.PLUGINS "
                            + "WHERE PLUGIN_NAME LIKE 'inno%' ORDER BY PLUGIN_NAME"));
        }
    }

    // --- accounts

    @Test
    void createUserGrantShowGrants() throws Exception {
        try (Connection c = connect(null); Statement st = c.createStatement()) {
            st.execute("CREATE USER 'g1'@'localhost' IDENTIFIED BY 'pw'");
            st.execute("GRANT SELECT, INSERT ON test.* TO 'g1'@'localhost'");
            assertEquals(List.of("Grants for g1@localhost"), labels(c, "SHOW GRANTS FOR 'g1'@'localhost'"));
            assertEquals(List.of(List.of("GRANT USAGE ON *.* TO 'g1'@'localhost'"),
                            List.of("GRANT SELECT, INSERT ON `test`.* TO 'g1'@'localhost'")),
                    rows(c, "SHOW GRANTS FOR 'g1'@'localhost'"));
            SQLException e = assertThrows(SQLException.class, () -> st.execute("CREATE USER 'g1'@'localhost'"));
            assertServerError(e, 1396, "HY000", "Operation CREATE USER failed for 'g1'@'localhost'");
            // the privilege tables of information_schema, as MySQL derives them from the grant tables
            st.execute("GRANT UPDATE ON test.e TO 'g1'@'localhost' WITH GRANT OPTION");
            assertEquals(List.of(List.of("'g1'@'localhost'", "def", "USAGE", "NO")),
                    rows(c, "SELECT * FROM information_schema.USER_PRIVILEGES WHERE GRANTEE = \"'g1'@'localhost'\""));
            assertEquals(List.of(List.of("test", "INSERT", "NO"), List.of("test", "SELECT", "NO")),
                    rows(c, "SELECT TABLE_SCHEMA, PRIVILEGE_TYPE, IS_GRANTABLE FROM information_schema.SCHEMA_PRIVILEGES"
                            + " WHERE GRANTEE = \"'g1'@'localhost'\" ORDER BY 2"));
            assertEquals(List.of(List.of("test", "e", "UPDATE", "YES")),
                    rows(c, "SELECT TABLE_SCHEMA, TABLE_NAME, PRIVILEGE_TYPE, IS_GRANTABLE"
                            + " FROM information_schema.TABLE_PRIVILEGES WHERE GRANTEE = \"'g1'@'localhost'\""));
            assertEquals(List.of(List.of("YES")), rows(c, "SELECT DISTINCT IS_GRANTABLE FROM information_schema.USER_PRIVILEGES"
                    + " WHERE GRANTEE = \"'root'@'localhost'\""));
            st.execute("REVOKE UPDATE, GRANT OPTION ON test.e FROM 'g1'@'localhost'");
            try (Connection g = driver().connect(server, "test", "g1", "pw")) {
                assertEquals(List.of(List.of("GRANT USAGE ON *.* TO 'g1'@'localhost'"),
                        List.of("GRANT SELECT, INSERT ON `test`.* TO 'g1'@'localhost'")), rows(g, "SHOW GRANTS"));
                assertEquals("one", scalar(g, "SELECT name FROM e WHERE id = 1"));
            }
        }
    }

    // --- helpers

    /** Asserts the server's error as the driver reports it: number, SQLSTATE and MySQL's text. */
    static void assertServerError(SQLException e, int code, String state, String message) {
        SQLException server = e;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && s.getErrorCode() == code) {
                server = s;
                break;
            }
        }
        String seen = "got " + server.getErrorCode() + " (" + server.getSQLState() + ") " + server.getMessage();
        assertEquals(code, server.getErrorCode(), seen);
        assertEquals(state, server.getSQLState(), seen);
        assertEquals(message, stripConn(server.getMessage()), seen);
    }

    /**
     * The server's message without what MariaDB Connector/J adds around it: "(conn=N) " in front and,
     * for errors while connecting, "Could not connect to address=(…) : " before that.
     */
    static String stripConn(String message) {
        String m = message;
        // MySQL Connector/J's MysqlDataTruncation puts this in front of 1406's text
        if (m.startsWith("Data truncation: ")) m = m.substring("Data truncation: ".length());
        int connect = m.indexOf(") : ");
        if (m.startsWith("Could not connect to") && connect > 0) m = m.substring(connect + 4);
        return m.replaceFirst("^\\(conn=\\d+\\) ", "");
    }

    static List<String> row(String... values) {
        return java.util.Arrays.asList(values);
    }

    static List<List<String>> rows(Connection c, String sql) throws SQLException {
        return SqlRunner.on(c).rows(sql);
    }

    static List<String> labels(Connection c, String sql) throws SQLException {
        return SqlRunner.on(c).columns(sql);
    }

    static String scalar(Connection c, String sql) throws SQLException {
        return SqlRunner.on(c).value(sql);
    }

    static Object scalarObject(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            assertTrue(rs.next(), "no row from " + sql);
            return rs.getObject(1);
        }
    }

    static String status(Connection c, String name) throws SQLException {
        List<List<String>> r = rows(c, "SHOW SESSION STATUS LIKE '" + name + "'");
        assertEquals(1, r.size(), name + ": " + r);
        return r.get(0).get(1);
    }
}
