package io.minisqld.server.it;

import static io.minisqld.server.it.ConnectorScenarios.assertServerError;
import static io.minisqld.server.it.ConnectorScenarios.rows;
import static io.minisqld.server.it.ConnectorScenarios.scalar;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.minisqld.server.replication.client.MysqlClient;
import io.minisqld.server.wire.OkPacket;
import io.minisqld.server.wire.QueryCommand;
import io.minisqld.testsupport.MinisqldHarness;
import io.minisqld.testsupport.SqlRunner;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Multi-table UPDATE and DELETE and SELECT … GROUP BY … WITH ROLLUP, as MySQL 5.7 runs them
 * (reference manual 13.2.11 UPDATE, 13.2.2 DELETE, 12.20.2 GROUP BY Modifiers): the rows before
 * and after, the affected rows a client sees, and MySQL's errors for what the forms refuse.
 */
class MultiTableStatementsTest {
    private static MinisqldHarness server;
    /** A JDBC connection: MariaDB Connector/J asks for CLIENT_FOUND_ROWS (affected rows are the rows matched). */
    private static Connection connection;

    @BeforeAll
    static void start() throws Exception {
        server = MinisqldHarness.inProcess().name("multi").serverId(1).start();
        connection = Driver.MARIADB.connect(server, "");
        exec("CREATE DATABASE m", "USE m");
    }

    @AfterAll
    static void stop() throws Exception {
        connection.close();
        server.close();
    }

    @BeforeEach
    void tables() throws Exception {
        exec("DROP TABLE IF EXISTS items, categories, lines, orders, notes, audit",
                "CREATE TABLE categories (id INT PRIMARY KEY, name VARCHAR(20), rate DECIMAL(4,2))",
                "CREATE TABLE items (id INT PRIMARY KEY, category INT, price DECIMAL(8,2), label VARCHAR(30))",
                "INSERT INTO categories VALUES (1, 'books', 1.10), (2, 'food', 1.00), (3, 'toys', 2.00)",
                "INSERT INTO items VALUES (10, 1, 10.00, NULL), (11, 1, 20.00, NULL), (12, 2, 5.00, NULL),"
                        + " (13, 4, 7.00, NULL)");
    }

    private static void exec(String... statements) throws SQLException {
        SqlRunner.on(connection).executeAll(statements);
    }

    private static int update(String sql) throws SQLException {
        try (Statement st = connection.createStatement()) {
            return st.executeUpdate(sql);
        }
    }

    private static List<List<String>> table(String sql) throws SQLException {
        return rows(connection, sql);
    }

    /** One row of a result, NULLs allowed. */
    private static List<String> row(String... values) {
        return java.util.Arrays.asList(values);
    }

    private static void assertError(String sql, int code, String state, String message) {
        SQLException e = assertThrows(SQLException.class, () -> update(sql), sql);
        assertServerError(e, code, state, message);
    }

    @Test
    void updateSetsOneTablesColumnsFromAJoinedTable() throws Exception {
        assertEquals(2, update("UPDATE items JOIN categories ON items.category = categories.id"
                + " SET items.price = items.price * categories.rate, items.label = categories.name"
                + " WHERE categories.rate > 1"));
        assertEquals(List.of(row("10", "11.00", "books"), row("11", "22.00", "books"),
                row("12", "5.00", null), row("13", "7.00", null)),
                table("SELECT id, price, label FROM items ORDER BY id"));
        // the comma join with its condition in WHERE, aliases, columns without their table
        assertEquals(1, update("UPDATE items AS i, categories c SET label = name WHERE i.category = c.id AND c.id = 2"));
        assertEquals("food", scalar(connection, "SELECT label FROM items WHERE id = 12"));
        assertEquals(List.of(row("1", "books", "1.10"), row("2", "food", "1.00"), row("3", "toys", "2.00")),
                table("SELECT * FROM categories ORDER BY id"));
    }

    @Test
    void aRowMatchingSeveralJoinRowsIsUpdatedOnce() throws Exception {
        exec("CREATE TABLE lines (item INT, qty INT)", "INSERT INTO lines VALUES (10, 1), (10, 2), (10, 3), (12, 5)");
        // item 10 matches three lines: it is counted, and incremented, once
        assertEquals(2, update("UPDATE items JOIN lines ON lines.item = items.id SET items.price = items.price + 1"));
        assertEquals(List.of(row("10", "11.00"), row("11", "20.00"), row("12", "6.00"),
                row("13", "7.00")), table("SELECT id, price FROM items ORDER BY id"));
    }

    @Test
    void columnsOfSeveralTablesAreSetFromTheJoinAsRead() throws Exception {
        assertEquals(3, update("UPDATE items i JOIN categories c ON i.category = c.id"
                + " SET i.label = c.name, c.name = CONCAT(c.name, '!'), i.price = i.price + 100 WHERE c.id = 1"));
        // one category row and two item rows; each value is computed from the rows as the join read them
        assertEquals(List.of(row("10", "110.00", "books"), row("11", "120.00", "books")),
                table("SELECT id, price, label FROM items WHERE category = 1 ORDER BY id"));
        assertEquals("books!", scalar(connection, "SELECT name FROM categories WHERE id = 1"));
        // the same column set twice: the later value is stored
        update("UPDATE items, categories SET items.label = 'a', items.label = 'b' WHERE items.category = categories.id"
                + " AND items.id = 12");
        assertEquals("b", scalar(connection, "SELECT label FROM items WHERE id = 12"));
    }

    @Test
    void outerJoinRowsFilledWithNullsAreNotChanged() throws Exception {
        // item 13's category 4 does not exist: the LEFT JOIN's NULL side is no row to update
        assertEquals(6, update("UPDATE items LEFT JOIN categories ON categories.id = items.category"
                + " SET items.label = COALESCE(categories.name, 'none'), categories.rate = 0"));
        assertEquals(List.of(row("10", "books"), row("11", "books"), row("12", "food"),
                row("13", "none")), table("SELECT id, label FROM items ORDER BY id"));
        assertEquals(List.of(row("1", "0.00"), row("2", "0.00"), row("3", "2.00")),
                table("SELECT id, rate FROM categories ORDER BY id"));
        // a derived table read in the join; DEFAULT as a value
        assertEquals(2, update("UPDATE items JOIN (SELECT id FROM categories WHERE name = 'books') AS b"
                + " ON b.id = items.category SET items.label = DEFAULT"));
        assertEquals(List.of(row("10", null), row("11", null), row("12", "food")),
                table("SELECT id, label FROM items WHERE id < 13 ORDER BY id"));
    }

    /**
     * Without CLIENT_FOUND_ROWS (the mysql client's default) the affected rows are the rows
     * changed, and the OK packet's info says "Rows matched: n  Changed: m  Warnings: w".
     */
    @Test
    void affectedRowsAreTheRowsChangedUnlessTheClientAsksForTheRowsFound() throws Exception {
        try (MysqlClient raw = MysqlClient.connect("127.0.0.1", server.port(), "root", "", Duration.ofSeconds(5),
                Duration.ofSeconds(30))) {
            raw.query("USE m");
            OkPacket ok = ok(raw, "UPDATE items JOIN categories ON items.category = categories.id"
                    + " SET items.price = 10.00 WHERE categories.id = 1");
            assertEquals(1, ok.affectedRows());
            assertEquals("Rows matched: 2  Changed: 1  Warnings: 0", ok.info());
            ok = ok(raw, "UPDATE items, categories SET items.price = 10.00 WHERE items.category = categories.id"
                    + " AND categories.id = 1");
            assertEquals(0, ok.affectedRows());
            assertEquals("Rows matched: 2  Changed: 0  Warnings: 0", ok.info());
            assertEquals(List.of(row("0")), raw.query("SELECT ROW_COUNT()"));
        }
        // JDBC's connection asked for the rows found
        assertEquals(2, update("UPDATE items, categories SET items.price = 10.00 WHERE items.category = categories.id"
                + " AND categories.id = 1"));
        assertEquals("2", scalar(connection, "SELECT ROW_COUNT()"));
    }

    private static OkPacket ok(MysqlClient raw, String sql) throws Exception {
        raw.writeCommand(QueryCommand.utf8(sql).encode());
        return OkPacket.decode(raw.readStreamPacket());
    }

    @Test
    void deleteFromSeveralTablesCountsEveryRowDeleted() throws Exception {
        exec("CREATE TABLE lines (item INT, qty INT)", "INSERT INTO lines VALUES (10, 1), (10, 2), (11, 3), (12, 5)");
        // item 10 and its two lines, item 11 and its line
        assertEquals(5, update("DELETE items, lines FROM items JOIN lines ON lines.item = items.id"
                + " WHERE items.category = 1"));
        assertEquals(List.of(row("12"), row("13")), table("SELECT id FROM items ORDER BY id"));
        assertEquals(List.of(row("12", "5")), table("SELECT item, qty FROM lines"));
        // the USING form, deleting from one table of the join only
        assertEquals(1, update("DELETE FROM lines USING items, lines WHERE lines.item = items.id AND items.price = 5"));
        assertEquals("0", scalar(connection, "SELECT COUNT(*) FROM lines"));
        assertEquals("2", scalar(connection, "SELECT COUNT(*) FROM items"));
        assertEquals("3", scalar(connection, "SELECT COUNT(*) FROM categories"));
    }

    @Test
    void deleteNamesTablesByTheirAliasesAndSkipsOuterJoinNulls() throws Exception {
        // items without a category: the LEFT JOIN's NULL rows choose them, and c has no row to delete
        assertEquals(1, update("DELETE i, c FROM items AS i LEFT JOIN categories AS c ON c.id = i.category"
                + " WHERE c.id IS NULL"));
        assertEquals(List.of(row("10"), row("11"), row("12")), table("SELECT id FROM items ORDER BY id"));
        assertEquals("3", scalar(connection, "SELECT COUNT(*) FROM categories"));
        assertEquals(2, update("DELETE FROM i.* USING m.items i JOIN categories ON categories.id = i.category"
                + " WHERE categories.name = 'books'"));
        assertEquals(List.of(row("12")), table("SELECT id FROM items"));
        // a row found twice through the join is deleted (and counted) once
        exec("CREATE TABLE lines (item INT, qty INT)", "INSERT INTO lines VALUES (12, 1), (12, 2)");
        assertEquals(1, update("DELETE items FROM items JOIN lines ON lines.item = items.id"));
        assertEquals("0", scalar(connection, "SELECT COUNT(*) FROM items"));
    }

    @Test
    void refusedAsMySqlRefusesThem() throws Exception {
        assertError("UPDATE items JOIN categories ON items.category = categories.id SET items.price = 1 ORDER BY items.id",
                1221, "HY000", "Incorrect usage of UPDATE and ORDER BY");
        assertError("UPDATE items, categories SET items.price = 1 WHERE items.category = categories.id LIMIT 1",
                1221, "HY000", "Incorrect usage of UPDATE and LIMIT");
        assertError("DELETE items FROM items JOIN categories ON items.category = categories.id LIMIT 1",
                1064, "42000", "You have an error in your SQL syntax; check the manual that corresponds to your MySQL"
                        + " server version for the right syntax to use near 'LIMIT 1' at line 1");
        assertError("DELETE items FROM items AS i JOIN categories c ON i.category = c.id",
                1109, "42S02", "Unknown table 'items' in MULTI DELETE");
        assertError("DELETE x FROM items x JOIN categories x ON x.id = 1", 1066, "42000", "Not unique table/alias: 'x'");
        assertError("UPDATE items JOIN categories ON items.category = categories.id SET nothing.price = 1",
                1054, "42S22", "Unknown column 'nothing.price' in 'field list'");
        assertError("UPDATE items JOIN categories ON items.category = categories.id SET items.nothing = 1",
                1054, "42S22", "Unknown column 'items.nothing' in 'field list'");
        assertError("UPDATE items JOIN categories ON items.category = categories.id SET id = 1",
                1052, "23000", "Column 'id' in field list is ambiguous");
        // a query naming a column two of its tables have: MySQL 5.7's 1052 naming the clause (1105 before)
        assertError("SELECT id FROM items JOIN categories", 1052, "23000", "Column 'id' in field list is ambiguous");
        assertError("SELECT items.id FROM items JOIN categories WHERE id = 1",
                1052, "23000", "Column 'id' in where clause is ambiguous");
        assertError("SELECT items.price FROM items JOIN categories ORDER BY id",
                1052, "23000", "Column 'id' in order clause is ambiguous");
        assertError("UPDATE items JOIN (SELECT * FROM categories) c ON c.id = items.category SET c.rate = 1",
                1288, "HY000", "The target table c of the UPDATE is not updatable");
        assertError("UPDATE items JOIN (SELECT * FROM categories) ON 1 = 1 SET items.price = 1",
                1248, "42000", "Every derived table must have its own alias");
        assertError("UPDATE items USE INDEX (nokey) JOIN categories ON items.category = categories.id SET items.price = 1",
                1176, "42000", "Key 'nokey' doesn't exist in table 'items'");
        assertError("EXPLAIN UPDATE items JOIN categories ON items.category = categories.id SET items.price = 1",
                1235, "42000", "This version of MySQL doesn't yet support 'EXPLAIN of a multi-table UPDATE or DELETE'");
        // a failing row undoes the whole statement: nothing of it stays
        exec("CREATE TABLE notes (id INT PRIMARY KEY, v TINYINT)", "INSERT INTO notes VALUES (10, 1), (12, 100)");
        assertError("UPDATE items JOIN notes ON notes.id = items.id SET items.label = 'x', notes.v = notes.v * 2",
                1264, "22003", "Out of range value for column 'v' at row 1");
        assertEquals(List.of(row("10", "1"), row("12", "100")), table("SELECT id, v FROM notes ORDER BY id"));
        assertEquals("0", scalar(connection, "SELECT COUNT(*) FROM items WHERE label IS NOT NULL"));
    }

    @Test
    void safeUpdatesRefuseAJoinThatReadsATableWhole() throws Exception {
        try (Connection c = Driver.MARIADB.connect(server, "m"); Statement st = c.createStatement()) {
            st.execute("SET sql_safe_updates = 1");
            SQLException e = assertThrows(SQLException.class, () -> st.executeUpdate(
                    "UPDATE items JOIN categories ON items.category = categories.id SET items.price = 1"));
            assertServerError(e, 1175, "HY000", "You are using safe update mode and you tried to update a table"
                    + " without a WHERE that uses a KEY column");
            assertEquals(1, st.executeUpdate("UPDATE items JOIN categories ON items.category = categories.id"
                    + " SET items.price = 1 WHERE items.id = 10"));
            assertEquals(1, st.executeUpdate("DELETE items FROM items JOIN categories ON items.category = categories.id"
                    + " WHERE items.id = 10"));
        }
    }

    @Test
    void triggersFireForEachRowChanged() throws Exception {
        exec("CREATE TABLE audit (item INT, old_price DECIMAL(8,2), new_price DECIMAL(8,2))",
                "CREATE TRIGGER items_au AFTER UPDATE ON items FOR EACH ROW"
                        + " INSERT INTO audit VALUES (OLD.id, OLD.price, NEW.price)",
                "CREATE TRIGGER items_ad AFTER DELETE ON items FOR EACH ROW INSERT INTO audit VALUES (OLD.id, OLD.price, NULL)");
        try {
            update("UPDATE items JOIN categories ON items.category = categories.id SET items.price = items.price * 2"
                    + " WHERE categories.id = 1");
            update("DELETE items FROM items JOIN categories ON items.category = categories.id WHERE categories.id = 2");
            assertEquals(List.of(row("10", "10.00", "20.00"), row("11", "20.00", "40.00"),
                    row("12", "5.00", null)), table("SELECT * FROM audit ORDER BY item"));
        } finally {
            exec("DROP TRIGGER items_au", "DROP TRIGGER items_ad");
        }
        SQLException e = assertThrows(SQLException.class, () -> update("CREATE TRIGGER c_au AFTER UPDATE ON categories"
                + " FOR EACH ROW UPDATE items JOIN lines ON lines.item = items.id SET items.price = 0"));
        assertServerError(e, 1235, "42000",
                "This version of MySQL doesn't yet support 'multi-table UPDATE or DELETE in a trigger's body'");
    }

    @Test
    void lockTablesAsksWriteLocksOnlyForTheTablesChanged() throws Exception {
        try (Connection c = Driver.MARIADB.connect(server, "m"); Statement st = c.createStatement()) {
            st.execute("LOCK TABLES items WRITE, categories READ");
            try {
                assertEquals(2, st.executeUpdate("UPDATE items, categories SET items.price = categories.rate"
                        + " WHERE items.category = categories.id AND categories.id = 1"));
                SQLException e = assertThrows(SQLException.class, () -> st.executeUpdate(
                        "UPDATE items, categories SET categories.rate = 1 WHERE items.category = categories.id"));
                assertServerError(e, 1099, "HY000", "Table 'categories' was locked with a READ lock and can't be updated");
                e = assertThrows(SQLException.class, () -> st.executeUpdate(
                        "DELETE categories FROM items JOIN categories ON items.category = categories.id"));
                assertServerError(e, 1099, "HY000", "Table 'categories' was locked with a READ lock and can't be updated");
            } finally {
                st.execute("UNLOCK TABLES");
            }
        }
        assertEquals(List.of(row("10", "1.10"), row("11", "1.10")),
                table("SELECT id, price FROM items WHERE category = 1 ORDER BY id"));
    }

    @Test
    void theTablesChangedNeedTheirPrivilegeAndTheOthersSelect() throws Exception {
        exec("CREATE USER IF NOT EXISTS 'clerk'@'%' IDENTIFIED BY 'pw'", "GRANT SELECT, UPDATE, DELETE ON m.items TO 'clerk'@'%'");
        try (Connection c = Driver.MARIADB.connect(server, "m", "clerk", "pw"); Statement st = c.createStatement()) {
            SQLException e = assertThrows(SQLException.class, () -> st.executeUpdate("UPDATE items, categories"
                    + " SET items.label = categories.name WHERE items.category = categories.id"));
            assertServerError(e, 1142, "42000", "SELECT command denied to user 'clerk'@'localhost' for table 'categories'");
            exec("GRANT SELECT ON m.categories TO 'clerk'@'%'");
            assertEquals(3, st.executeUpdate("UPDATE items, categories SET items.label = categories.name"
                    + " WHERE items.category = categories.id"));
            e = assertThrows(SQLException.class, () -> st.executeUpdate("UPDATE items, categories"
                    + " SET categories.name = items.label WHERE items.category = categories.id"));
            assertServerError(e, 1142, "42000", "UPDATE command denied to user 'clerk'@'localhost' for table 'categories'");
            e = assertThrows(SQLException.class, () -> st.executeUpdate("DELETE items, categories FROM items"
                    + " JOIN categories ON items.category = categories.id"));
            assertServerError(e, 1142, "42000", "DELETE command denied to user 'clerk'@'localhost' for table 'categories'");
            assertEquals(2, st.executeUpdate("DELETE items FROM items JOIN categories ON items.category = categories.id"
                    + " WHERE categories.id = 1"));
        } finally {
            exec("DROP USER 'clerk'@'%'");
        }
    }

    /**
     * The join is a current read, as InnoDB's: it locks the rows it reads in every table, so
     * another transaction's change of a joined row waits for it (and the statement waits for
     * theirs).
     */
    @Test
    void theJoinLocksTheRowsItReads() throws Exception {
        try (Connection a = Driver.MARIADB.connect(server, "m"); Connection b = Driver.MARIADB.connect(server, "m");
             Statement sa = a.createStatement(); Statement sb = b.createStatement()) {
            sb.execute("SET innodb_lock_wait_timeout = 1");
            sa.execute("BEGIN");
            assertEquals(2, sa.executeUpdate("UPDATE items JOIN categories ON items.category = categories.id"
                    + " SET items.price = 0 WHERE categories.id = 1"));
            SQLException e = assertThrows(SQLException.class,
                    () -> sb.executeUpdate("UPDATE categories SET rate = 9 WHERE id = 1"));
            assertServerError(e, 1205, "HY000", "Lock wait timeout exceeded; try restarting transaction");
            // rows the join did not read are free
            assertEquals(1, sb.executeUpdate("UPDATE categories SET rate = 9 WHERE id = 3"));
            sa.execute("COMMIT");
            assertEquals(1, sb.executeUpdate("UPDATE categories SET rate = 9 WHERE id = 1"));
        }
        assertEquals(List.of(row("10", "0.00"), row("11", "0.00")),
                table("SELECT id, price FROM items WHERE category = 1 ORDER BY id"));
    }

    @Test
    void preparedMultiTableStatementsTakeTheirValues() throws Exception {
        try (Connection c = DriverManager.getConnection(Driver.MARIADB.url(server.port(), "m", "root", "")
                + "&useServerPrepStmts=true")) {
            try (var ps = c.prepareStatement("UPDATE items JOIN categories ON items.category = categories.id"
                    + " SET items.label = ? WHERE categories.name = ?")) {
                ps.setString(1, "cheap");
                ps.setString(2, "food");
                assertEquals(1, ps.executeUpdate());
            }
            assertEquals("cheap", scalar(c, "SELECT label FROM items WHERE id = 12"));
            SqlRunner.on(c).executeAll("PREPARE d FROM 'DELETE items FROM items JOIN categories"
                    + " ON items.category = categories.id WHERE categories.id = ?'", "SET @c = 1", "EXECUTE d USING @c",
                    "DEALLOCATE PREPARE d");
            assertEquals(List.of(row("12"), row("13")), rows(c, "SELECT id FROM items ORDER BY id"));
            // counted as MySQL counts them: SQLCOM_UPDATE_MULTI and SQLCOM_DELETE_MULTI
            assertEquals("1", ConnectorScenarios.status(c, "Com_update_multi"));
            assertEquals("1", ConnectorScenarios.status(c, "Com_delete_multi"));
        }
    }

    // WITH ROLLUP

    @Test
    void rollupAddsASuperAggregateRowAfterEachGroupAndAGrandTotal() throws Exception {
        exec("CREATE TABLE orders (yr INT, country VARCHAR(10), product VARCHAR(10), profit INT)",
                "INSERT INTO orders VALUES (2000, 'Finland', 'Computer', 1500), (2000, 'Finland', 'Phone', 100),"
                        + " (2001, 'Finland', 'Phone', 10), (2000, 'India', 'Calculator', 75),"
                        + " (2000, 'India', 'Computer', 1200), (2000, 'USA', 'Calculator', 75),"
                        + " (2001, 'USA', 'TV', 150), (2001, 'USA', 'Computer', 1200)");
        assertEquals(List.of(row("2000", "2950"), row("2001", "1360"), row(null, "4310")),
                table("SELECT yr, SUM(profit) AS profit FROM orders GROUP BY yr WITH ROLLUP"));
        assertEquals(row("yr", "profit"), SqlRunner.on(connection).columns(
                "SELECT yr, SUM(profit) AS profit FROM orders GROUP BY yr WITH ROLLUP"));
        assertEquals(List.of(
                row("2000", "Finland", "1600"), row("2000", "India", "1275"), row("2000", "USA", "75"),
                row("2000", null, "2950"),
                row("2001", "Finland", "10"), row("2001", "USA", "1350"), row("2001", null, "1360"),
                row(null, null, "4310")),
                table("SELECT yr, country, SUM(profit) FROM orders GROUP BY yr, country WITH ROLLUP"));
        // DESC sorts the groups the other way; each super-aggregate row still follows its group
        assertEquals(List.of(row("2001", "USA", "2"), row("2001", "Finland", "1"), row("2001", null, "3"),
                row("2000", "USA", "1"), row("2000", "India", "2"), row("2000", "Finland", "2"),
                row("2000", null, "5"), row(null, null, "8")),
                table("SELECT yr, country, COUNT(*) FROM orders GROUP BY yr DESC, country DESC WITH ROLLUP"));
        // HAVING sees the super-aggregate rows too; LIMIT counts them
        assertEquals(List.of(row("2000", "2950"), row(null, "4310")),
                table("SELECT yr, SUM(profit) AS p FROM orders GROUP BY yr WITH ROLLUP HAVING p > 2000"));
        assertEquals(List.of(row("2000", "2950"), row("2001", "1360")),
                table("SELECT yr, SUM(profit) FROM orders GROUP BY yr WITH ROLLUP LIMIT 2"));
        // by position and alias; a rolled-up column is NULL in an expression too, not inside an aggregate
        assertEquals(List.of(row("2000", "2001", "5"), row("2001", "2002", "3"), row(null, null, "8")),
                table("SELECT yr AS y, yr + 1, COUNT(yr) FROM orders GROUP BY 1 WITH ROLLUP"));
        assertEquals(List.of(row("2000", "5"), row("2001", "3"), row(null, "8")),
                table("SELECT yr AS y, COUNT(*) FROM orders GROUP BY y WITH ROLLUP"));
        // a server-side prepared statement describes the statement's columns only
        try (Connection c = DriverManager.getConnection(Driver.MARIADB.url(server.port(), "m", "root", "")
                + "&useServerPrepStmts=true");
             var ps = c.prepareStatement("SELECT yr, country, SUM(profit) + ? AS p FROM orders"
                     + " WHERE yr = 2001 GROUP BY yr, country WITH ROLLUP")) {
            assertEquals(3, ps.getMetaData().getColumnCount());
            ps.setInt(1, 1);
            try (var rs = ps.executeQuery()) {
                StringBuilder seen = new StringBuilder();
                while (rs.next()) {
                    seen.append(rs.getString(1)).append('/').append(rs.getString(2)).append('/').append(rs.getString(3))
                            .append(' ');
                }
                assertEquals("2001/Finland/11 2001/USA/1351 2001/null/1361 null/null/1361 ", seen.toString());
            }
        }
        // no group, no super-aggregate row
        assertEquals(List.of(), table("SELECT yr, COUNT(*) FROM orders WHERE yr > 3000 GROUP BY yr WITH ROLLUP"));
    }

    @Test
    void rollupSortsANullGroupFirst() throws Exception {
        exec("CREATE TABLE orders (yr INT, profit INT)", "INSERT INTO orders VALUES (2001, 1), (NULL, 2), (2000, 4)");
        assertEquals(List.of(row(null, "2"), row("2000", "4"), row("2001", "1"), row(null, "7")),
                table("SELECT yr, SUM(profit) FROM orders GROUP BY yr WITH ROLLUP"));
    }

    @Test
    void rollupRefusesWhatMySqlRefuses() throws Exception {
        exec("CREATE TABLE orders (yr INT, profit INT)");
        assertQueryError("SELECT yr, SUM(profit) FROM orders GROUP BY yr WITH ROLLUP ORDER BY yr",
                1221, "HY000", "Incorrect usage of CUBE/ROLLUP and ORDER BY");
        assertQueryError("SELECT DISTINCT yr, SUM(profit) FROM orders GROUP BY yr WITH ROLLUP",
                1221, "HY000", "Incorrect usage of WITH ROLLUP and DISTINCT");
        assertQueryError("SELECT yr, SUM(profit) FROM orders GROUP BY yr WITH CUBE",
                1235, "42000", "This version of MySQL doesn't yet support 'CUBE'");
        assertQueryError("SELECT * FROM (SELECT yr, SUM(profit) FROM orders GROUP BY yr WITH ROLLUP) t",
                1235, "42000", "This version of MySQL doesn't yet support"
                        + " 'WITH ROLLUP in a subquery, a UNION, a view or EXPLAIN'");
    }

    private static void assertQueryError(String sql, int code, String state, String message) {
        SQLException e = assertThrows(SQLException.class, () -> table(sql), sql);
        assertServerError(e, code, state, message);
    }
}
