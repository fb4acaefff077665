package io.minisqld.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minisqld.testcommon.Blocked;
import io.minisqld.testsupport.MinisqldHarness;
import io.minisqld.testsupport.SqlRunner;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * MySQL's single-table UPDATE and DELETE. MySQL 5.7 manual 13.2.11 and 13.2.2: with ORDER BY and
 * LIMIT they change the first rows in that order. H2 ignored an UPDATE's ORDER BY (the LIMIT took whichever
 * rows it met first: {@code ORDER BY id DESC LIMIT 2} updated the two lowest ids) and refused a
 * DELETE's (1064). And an UPDATE's assignments run from left to right.
 */
class SingleTableWritesTest {
    private static MinisqldHarness server;
    private static Connection connection;
    private static SqlRunner sql;

    @BeforeAll
    static void start() throws Exception {
        server = MinisqldHarness.inProcess().name("single-table").serverId(1).logBin().start();
        connection = Driver.MARIADB.connect(server, "");
        sql = SqlRunner.on(connection);
        sql.executeAll("CREATE DATABASE ow", "USE ow");
    }

    @AfterAll
    static void stop() throws Exception {
        if (connection != null) connection.close();
        if (server != null) server.close();
    }

    /** The server's message, without the driver's "(conn=n) " before it. */
    private static String message(java.sql.SQLException e) {
        return e.getMessage().replaceFirst("^\\(conn=\\d+\\) ", "");
    }

    private static int update(String statement) throws Exception {
        try (Statement st = connection.createStatement()) {
            return st.executeUpdate(statement);
        }
    }

    /**
     * MySQL's affected rows of an UPDATE (mysql_affected_rows, C API manual): the rows it changed,
     * a row set to the values it has is not one of them, unless the client asked for the rows
     * matched (CLIENT_FOUND_ROWS, JDBC's default); ROW_COUNT() follows. The server answered the
     * rows matched to every client (a PHP or Python application saw 2 where MySQL says 0).
     */
    @Test
    void anUpdateAffectsTheRowsItChangedUnlessTheClientAsksForThoseMatched() throws Exception {
        sql.executeAll("CREATE TABLE ch (id INT PRIMARY KEY, v INT)", "INSERT INTO ch VALUES (1, 1), (2, 2), (3, 3)");
        try (Connection changed = java.sql.DriverManager.getConnection(
                Driver.MARIADB.url(server.port(), "ow", "root", "") + "&useAffectedRows=true");
             Statement st = changed.createStatement()) {
            assertEquals(0, st.executeUpdate("UPDATE ch SET v = v WHERE id < 3"));
            assertEquals(List.of(List.of("0")), SqlRunner.on(changed).rows("SELECT ROW_COUNT()"));
            assertEquals(1, st.executeUpdate("UPDATE ch SET v = 2 WHERE id < 3"));
            assertEquals(List.of(List.of("1")), SqlRunner.on(changed).rows("SELECT ROW_COUNT()"));
        }
        assertEquals(3, update("UPDATE ch SET v = 2"), "CLIENT_FOUND_ROWS: the rows matched");
        sql.execute("DROP TABLE ch");
    }

    @Test
    void theLimitTakesTheFirstRowsInTheOrderAsked() throws Exception {
        sql.executeAll("CREATE TABLE o (id INT PRIMARY KEY, v INT, s VARCHAR(5))",
                "INSERT INTO o VALUES (1, 40, 'a'), (2, 30, 'b'), (3, 20, 'c'), (4, 10, 'd')");
        assertEquals(2, update("UPDATE o SET s = 'x' ORDER BY id DESC LIMIT 2"));
        assertEquals(1, update("UPDATE LOW_PRIORITY o AS t SET t.s = 'y' WHERE t.v > 15 ORDER BY t.v, id LIMIT 1"));
        assertEquals(List.of(List.of("1", "a"), List.of("2", "b"), List.of("3", "y"), List.of("4", "x")),
                sql.rows("SELECT id, s FROM o ORDER BY id"));
        assertEquals(1, update("DELETE FROM o WHERE s <> 'a' ORDER BY v DESC LIMIT 1"));
        assertEquals(List.of(List.of("1"), List.of("3"), List.of("4")), sql.rows("SELECT id FROM o ORDER BY id"));
        assertEquals(3, update("DELETE FROM o ORDER BY v"));
        assertEquals(List.of(List.of("0")), sql.rows("SELECT COUNT(*) FROM o"));
        sql.execute("DROP TABLE o");
    }

    /**
     * Two sessions taking "the next free job" never take the same one: the second waits for the
     * first's row lock, and the row, no longer free when the first commits, is not taken again
     * (MySQL then takes the next free job; this server's statement changes no row, and the client
     * asks again).
     */
    @Test
    void twoSessionsNeverTakeTheSameRow() throws Exception {
        sql.executeAll("CREATE TABLE jobs (id INT PRIMARY KEY, owner VARCHAR(5))",
                "INSERT INTO jobs VALUES (1, NULL), (2, NULL), (3, NULL)");
        String take = "UPDATE jobs SET owner = '%s' WHERE owner IS NULL ORDER BY id LIMIT 1";
        try (Connection a = server.newConnection(); Connection b = server.newConnection()) {
            a.setAutoCommit(false);
            b.setAutoCommit(false);
            try (Statement sa = a.createStatement()) {
                sa.execute("USE ow");
                assertEquals(1, sa.executeUpdate(String.format(take, "A")));
            }
            long bId = Long.parseLong(SqlRunner.on(b).value("SELECT CONNECTION_ID()"));
            SqlRunner.on(b).execute("USE ow");
            CompletableFuture<Integer> bTakes = CompletableFuture.supplyAsync(() -> {
                try (Statement sb = b.createStatement()) {
                    return sb.executeUpdate(String.format(take, "B"));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            try (Statement probe = connection.createStatement()) {
                Blocked.waits("B's UPDATE", probe, bId, bTakes);
            }
            a.commit();
            int taken = bTakes.get(30, TimeUnit.SECONDS);
            b.commit();
            assertTrue(taken <= 1, "B took " + taken);
            List<List<String>> owners = sql.rows("SELECT id, owner FROM jobs WHERE owner IS NOT NULL ORDER BY id");
            assertEquals(List.of("1", "A"), owners.get(0));
            assertEquals(1 + taken, owners.size(), owners.toString());
            if (taken == 1) assertEquals(List.of("2", "B"), owners.get(1));
        }
        sql.execute("DROP TABLE jobs");
    }

    /**
     * MySQL 5.7 manual 13.2.11: "Single-table UPDATE assignments are generally evaluated from left
     * to right", each reading what the ones before it set ({@code SET col1 = col1 + 1, col2 = col1}
     * gives col2 the new col1). The engine read the row as it was (standard SQL), so the same
     * statement gave other values here than on a MySQL server, also on a replica applying it in
     * STATEMENT format.
     */
    @Test
    void laterAssignmentsReadWhatEarlierOnesSet() throws Exception {
        sql.executeAll("CREATE TABLE asg (id INT PRIMARY KEY, v INT, s VARCHAR(10), w INT)",
                "INSERT INTO asg VALUES (1, 10, 'a', 1), (2, 20, 'b', 2), (3, 30, 'c', 3), (4, 40, 'd', 4)",
                // the manual's example, and CONCAT of the new value
                "UPDATE asg SET v = v * 2, s = CONCAT(s, v) WHERE id = 1",
                // no swap in MySQL: both become the old w
                "UPDATE asg SET v = w, w = v WHERE id = 2",
                // qualified by the table's alias, and read twice
                "UPDATE asg AS t SET t.v = t.v + 1, t.w = t.v + v WHERE id = 3",
                // with ORDER BY … LIMIT, and a column set after the one read is not substituted
                "UPDATE asg SET s = v, v = v + 1, w = v ORDER BY id DESC LIMIT 1");
        assertEquals(List.of(List.of("1", "20", "a20", "1"), List.of("2", "2", "b", "2"), List.of("3", "31", "c", "62"),
                List.of("4", "41", "40", "41")), sql.rows("SELECT * FROM asg ORDER BY id"));
        sql.execute("DROP TABLE asg");
    }

    /**
     * VALUES(col) in ON DUPLICATE KEY UPDATE is the value the INSERT would have put there (MySQL 5.7
     * manual 13.2.5.2), also inside CONCAT and parentheses. Right after a parenthesis the engine
     * read {@code (VALUES(v))} as a one-row query of the old row's v: {@code CONCAT(v, VALUES(v))}
     * stored the old value twice ('aa' for 'a' and 'x'), without a word. The assignments are
     * evaluated from left to right, a later one reading what an earlier one set, as an UPDATE's.
     */
    @Test
    void valuesInOnDuplicateKeyUpdateIsTheInsertedValue() throws Exception {
        sql.executeAll("CREATE TABLE odku (id INT PRIMARY KEY AUTO_INCREMENT, k INT UNIQUE, v VARCHAR(10), n INT)",
                "INSERT INTO odku (k, v, n) VALUES (1, 'a', 1), (2, 'b', 2), (3, 'c', 3)",
                "INSERT INTO odku (k, v, n) VALUES (1, 'x', 4) ON DUPLICATE KEY UPDATE v = CONCAT(v, VALUES(v)), n = n + 1",
                "INSERT INTO odku (k, v, n) VALUES (2, 'y', 5) ON DUPLICATE KEY UPDATE v = (VALUES(v)), n = (VALUES(n) + 1) * 2",
                "INSERT INTO odku (k, v, n) SELECT 3, 'z', 6 ON DUPLICATE KEY UPDATE v = CONCAT(VALUES(v), v, VALUES(v))");
        assertEquals(List.of(List.of("1", "ax", "2"), List.of("2", "y", "12"), List.of("3", "zcz", "3")),
                sql.rows("SELECT k, v, n FROM odku ORDER BY k"));
        // the assignments are evaluated in order, as an UPDATE's: b reads the new n (it read the old one)
        sql.executeAll("ALTER TABLE odku ADD COLUMN b INT",
                "INSERT INTO odku (k, v, n) VALUES (1, 'w', 9) ON DUPLICATE KEY UPDATE n = n + 10, b = n, v = VALUES(v)");
        assertEquals(List.of(List.of("w", "12", "12")), sql.rows("SELECT v, n, b FROM odku WHERE k = 1"));
        sql.execute("DROP TABLE odku");
    }

    /**
     * A number assigned to a column that is no number (MySQL 5.7 manual 11.2 and 12.2, type
     * conversion on assignment): into a VARCHAR it is its digits, into a SET its members' bits,
     * into an ENUM the member it numbers, into a DATE or DATETIME its digits read as YYYYMMDD[hhmmss]
     * — in an UPDATE's SET (also a multi-table one's), an INSERT's SET, VALUES and ON DUPLICATE KEY
     * UPDATE. The server read the
     * assignment's {@code =} as a comparison: {@code UPDATE t SET code = 10} on a VARCHAR failed with
     * 1146 "Table 'ow.PUBLIC' doesn't exist", {@code SET e = 2} on an ENUM with 1064, and a number
     * into a DATE with 1105 anywhere.
     */
    @Test
    void aNumberAssignedToATextEnumSetOrDateColumnIsStoredAsThatType() throws Exception {
        sql.executeAll("CREATE TABLE na (id INT PRIMARY KEY, a VARCHAR(10), s SET('a','b'), e ENUM('x','y','z'), "
                        + "d DATE, dt DATETIME, t TIME)",
                "INSERT INTO na (id) VALUES (1), (2)",
                "UPDATE na SET a = 10, s = 3, e = 2, d = 20200101, dt = 20200101101010, t = 101112 WHERE id = 1",
                "UPDATE na SET na.a = 1.5e0, e = 'z' WHERE id = 2",
                "INSERT INTO na SET id = 3, a = 5, s = 1, e = 1, d = 211231",
                "INSERT INTO na VALUES (4, 7, 2, 3, 19991231, 19991231235959, 1234)",
                "INSERT INTO na (id) VALUES (2) ON DUPLICATE KEY UPDATE s = 2, e = 3, d = 20200229, a = 7");
        assertEquals(List.of(
                List.of("1", "10", "a,b", "y", "2020-01-01", "2020-01-01 10:10:10", "10:11:12"),
                List.of("2", "7", "b", "z", "2020-02-29", "null", "null"),
                List.of("3", "5", "a", "x", "2021-12-31", "null", "null"),
                List.of("4", "7", "b", "z", "1999-12-31", "1999-12-31 23:59:59", "00:12:34")),
                sql.rows("SELECT * FROM na ORDER BY id").stream()
                        .map(r -> r.stream().map(String::valueOf).toList()).toList());
        // and in a multi-table UPDATE
        sql.executeAll("CREATE TABLE nb (id INT PRIMARY KEY, w INT)", "INSERT INTO nb VALUES (3, 5)",
                "UPDATE na JOIN nb ON na.id = nb.id SET na.a = 11, na.e = 3, na.dt = 20211231010203 WHERE nb.w = 5");
        assertEquals(List.of("11", "z", "2021-12-31 01:02:03"), sql.rows("SELECT a, e, dt FROM na WHERE id = 3").get(0));
        // the second = of SET a = b = 1 compares
        sql.execute("UPDATE na SET a = e = 2 WHERE id = 1");
        assertEquals("1", sql.value("SELECT a FROM na WHERE id = 1"));
        // a number that numbers no member, and one that is no date: MySQL's strict-mode errors
        sql.assertError("UPDATE na SET e = 4 WHERE id = 1", 1265, "01000", "Data truncated for column 'e' at row 1");
        sql.assertError("INSERT INTO na (id, e) VALUES (5, 1), (6, 0)", 1265, "01000",
                "Data truncated for column 'e' at row 2");
        sql.assertError("INSERT INTO na (id, d) VALUES (5, 2020)", 1292, "22007",
                "Incorrect date value: '2020' for column 'd' at row 1");
        sql.assertError("INSERT INTO na (id) VALUES (1) ON DUPLICATE KEY UPDATE dt = 20201301", 1292, "22007",
                "Incorrect datetime value: '20201301' for column 'dt' at row 1");
        assertEquals("4", sql.value("SELECT COUNT(*) FROM na"));
        sql.execute("DROP TABLE na, nb");
    }

    /**
     * IGNORE makes a value that does not fit its column fit, with a warning, as MySQL's (MySQL 5.7
     * manual 13.2.5, "IGNORE": data conversions that would trigger errors abort the statement if
     * IGNORE is not specified; with IGNORE, invalid values are adjusted to the closest values):
     * a string longer than its CHAR / VARCHAR is cut (1265), an integer beyond its column's range
     * is the range's end (1264). The server refused them with strict mode's 1406 and 1264.
     */
    @Test
    void ignoreAdjustsAValueThatDoesNotFitWithAWarning() throws Exception {
        sql.executeAll("CREATE TABLE ig (id INT PRIMARY KEY, a VARCHAR(5) NOT NULL, n TINYINT UNSIGNED, m SMALLINT)");
        try (Statement st = connection.createStatement()) {
            st.execute("INSERT IGNORE INTO ig VALUES (1, 'abcdefg', 300, -40000), (2, '\u00e9\u20acab\u20acd', -5, 40000)");
            assertEquals(List.of(List.of("Warning", "1265", "Data truncated for column 'a' at row 1"),
                    List.of("Warning", "1264", "Out of range value for column 'n' at row 1"),
                    List.of("Warning", "1264", "Out of range value for column 'm' at row 1"),
                    List.of("Warning", "1265", "Data truncated for column 'a' at row 2"),
                    List.of("Warning", "1264", "Out of range value for column 'n' at row 2"),
                    List.of("Warning", "1264", "Out of range value for column 'm' at row 2")),
                    sql.rows("SHOW WARNINGS"));
            st.execute("UPDATE IGNORE ig SET a = 'zzzzzzzz', m = 99999 WHERE id = 1");
        }
        assertEquals(List.of(List.of("1", "zzzzz", "255", "32767"), List.of("2", "\u00e9\u20acab\u20ac", "0", "32767")),
                sql.rows("SELECT * FROM ig ORDER BY id"));
        // without IGNORE, strict mode's errors
        sql.assertError("INSERT INTO ig VALUES (3, 'abcdefg', 1, 1)", 1406, "22001", "Data too long for column 'a' at row 1");
        sql.assertError("INSERT INTO ig VALUES (3, 'a', -1, 1)", 1264, "22003", "Out of range value for column 'n' at row 1");
        sql.execute("DROP TABLE ig");
    }

    /**
     * A value refused in an INSERT of several rows names the row it is in, MySQL's "at row n"
     * (the diagnostics area's current row, which each row written advances): the server said "at
     * row 1" whichever row it was. Nothing of the statement stays.
     */
    @Test
    void aRefusedValueOfAManyRowInsertNamesItsRow() throws Exception {
        sql.executeAll("CREATE TABLE rn (id INT PRIMARY KEY, b VARCHAR(3), n TINYINT)");
        String values = "VALUES (1, 'a', 1), (2, 'b', 2), ";
        sql.assertError("INSERT INTO rn " + values + "(3, CONCAT('ab', 'cd'), 3)", 1406, "22001",
                "Data too long for column 'b' at row 3");
        sql.assertError("INSERT INTO rn " + values + "(3, 'c', 300)", 1264, "22003",
                "Out of range value for column 'n' at row 3");
        sql.assertError("INSERT INTO rn VALUES (1, 'a', 1), (2, 'b', CONCAT('x', 'y'))", 1366, "HY000",
                "Incorrect integer value: 'xy' for column 'n' at row 2");
        assertEquals("0", sql.value("SELECT COUNT(*) FROM rn"));
        sql.execute("INSERT INTO rn " + values + "(3, 'c', 100)");
        sql.executeAll("CREATE TABLE rn2 LIKE rn");
        sql.assertError("INSERT INTO rn2 SELECT id, b, n * 100 FROM rn ORDER BY id", 1264, "22003",
                "Out of range value for column 'n' at row 2");
        assertEquals("0", sql.value("SELECT COUNT(*) FROM rn2"));
    }

    /**
     * INSERT / UPDATE IGNORE of text into a number column, as MySQL's (IGNORE makes the strict
     * mode's error a warning): text that is no number stores 0 with 1366, a number with more after
     * it stores the number with 1265 (both failed as without IGNORE).
     */
    @Test
    void ignoreStoresTheNumberATextStartsWith() throws Exception {
        sql.executeAll("CREATE TABLE ig (i INT, d DECIMAL(5,2), f DOUBLE)",
                "INSERT IGNORE INTO ig VALUES ('abc', 'x', 'y'), ('12x', '1.5z', '2.5e1q')");
        assertEquals(List.of(List.of("Warning", "1366", "Incorrect integer value: 'abc' for column 'i' at row 1"),
                List.of("Warning", "1366", "Incorrect decimal value: 'x' for column 'd' at row 1"),
                List.of("Warning", "1366", "Incorrect double value: 'y' for column 'f' at row 1"),
                List.of("Warning", "1265", "Data truncated for column 'i' at row 2"),
                List.of("Warning", "1265", "Data truncated for column 'd' at row 2"),
                List.of("Warning", "1265", "Data truncated for column 'f' at row 2")), sql.warnings());
        assertEquals(List.of(List.of("0", "0.00", "0"), List.of("12", "1.50", "25")), sql.rows("SELECT * FROM ig"));
        sql.executeAll("UPDATE IGNORE ig SET i = '7 apples' WHERE i = 0");
        assertEquals(List.of(List.of("Warning", "1265", "Data truncated for column 'i' at row 1")), sql.warnings());
        assertEquals("7", sql.value("SELECT i FROM ig WHERE d = 0"));
        sql.assertError("INSERT INTO ig (i) VALUES ('abc')", 1366, "HY000", "Incorrect integer value: 'abc' for column 'i' at row 1");
    }

    /**
     * MySQL 5.7's UPDATE IGNORE (manual 13.2.11; IGNORE downgrades the error to a warning): a row
     * whose new values a unique key refuses keeps its values, with warning 1062, and the other rows
     * change. The server refused the whole statement with 1062.
     */
    @Test
    void updateIgnoreSkipsTheRowsAUniqueKeyRefuses() throws Exception {
        sql.executeAll("CREATE TABLE ui (id INT PRIMARY KEY, u INT, UNIQUE KEY uk (u))",
                "INSERT INTO ui VALUES (1, 1), (2, 2), (3, 3)");
        try (Statement st = connection.createStatement()) {
            assertEquals(3, st.executeUpdate("UPDATE IGNORE ui SET u = 9 WHERE id > 0"));
            List<String> warnings = new java.util.ArrayList<>();
            for (java.sql.SQLWarning w = st.getWarnings(); w != null; w = w.getNextWarning()) {
                warnings.add(w.getErrorCode() + " " + w.getMessage());
            }
            assertEquals(List.of("1062 Duplicate entry '9' for key 'uk'", "1062 Duplicate entry '9' for key 'uk'"),
                    warnings);
        }
        assertEquals(List.of(List.of("1", "9"), List.of("2", "2"), List.of("3", "3")),
                sql.rows("SELECT id, u FROM ui ORDER BY id"));
        // with ORDER BY and an alias: the rows in that order, the first one taking the value
        update("UPDATE IGNORE ui x SET x.u = 5 WHERE x.id < 3 ORDER BY x.id DESC");
        assertEquals(List.of(List.of("1", "9"), List.of("2", "5"), List.of("3", "3")),
                sql.rows("SELECT id, u FROM ui ORDER BY id"));
    }

    /**
     * MySQL's UPDATE writes its rows one at a time, each checked against the unique keys as it is
     * written (manual 13.2.11: "UPDATE t SET id = id + 1" fails with a duplicate-key error, "ORDER
     * BY id DESC" makes it succeed). The engine wrote all rows at once, so the statement succeeded,
     * and a MySQL or MariaDB replica applying its row events one at a time stopped with 1062; and it
     * wrote an ORDER BY's rows in its own order, so with ORDER BY id DESC the replica stopped too.
     */
    @Test
    void anUpdateChecksEachRowsUniqueKeysAsItWritesIt() throws Exception {
        sql.executeAll("CREATE TABLE shift (id INT PRIMARY KEY, u VARCHAR(5), UNIQUE KEY uk (u))",
                "INSERT INTO shift VALUES (1, 'a'), (2, 'B'), (3, 'c')");
        try (Statement st = connection.createStatement()) {
            java.sql.SQLException e = org.junit.jupiter.api.Assertions.assertThrows(java.sql.SQLException.class,
                    () -> st.executeUpdate("UPDATE shift SET id = id + 1"));
            assertEquals("1062 Duplicate entry '2' for key 'PRIMARY'", e.getErrorCode() + " " + message(e));
            // 'b' meets 'B', which the row after still holds (the key ignores case)
            e = org.junit.jupiter.api.Assertions.assertThrows(java.sql.SQLException.class,
                    () -> st.executeUpdate("UPDATE shift SET u = IF(u = 'a', 'b', CONCAT(u, 'x'))"));
            assertEquals("1062 Duplicate entry 'b' for key 'uk'", e.getErrorCode() + " " + message(e));
        }
        assertEquals(List.of(List.of("1", "a"), List.of("2", "B"), List.of("3", "c")),
                sql.rows("SELECT id, u FROM shift ORDER BY id"));
        // in the order asked: ascending meets the next row, descending frees each value before it is taken
        try (Statement st = connection.createStatement()) {
            java.sql.SQLException e = org.junit.jupiter.api.Assertions.assertThrows(java.sql.SQLException.class,
                    () -> st.executeUpdate("UPDATE shift SET id = id + 1 ORDER BY id"));
            assertEquals("1062 Duplicate entry '2' for key 'PRIMARY'", e.getErrorCode() + " " + message(e));
        }
        assertEquals(List.of(List.of("1"), List.of("2"), List.of("3")), sql.rows("SELECT id FROM shift ORDER BY id"));
        assertEquals(3, update("UPDATE shift SET id = id + 1 ORDER BY id DESC"));
        assertEquals(3, update("UPDATE shift SET id = id - 1"));
        assertEquals(3, update("UPDATE shift SET u = CONCAT(u, 'x')"));
        // IGNORE skips the rows whose value the next row still holds
        try (Statement st = connection.createStatement()) {
            // the rows matched, as the driver asks (CLIENT_FOUND_ROWS), skipped ones included
            assertEquals(3, st.executeUpdate("UPDATE IGNORE shift SET id = id + 1"));
            assertEquals("1062 Duplicate entry '2' for key 'PRIMARY'", st.getWarnings().getErrorCode() + " "
                    + message(st.getWarnings()));
        }
        assertEquals(List.of(List.of("1"), List.of("2"), List.of("4")), sql.rows("SELECT id FROM shift ORDER BY id"));
    }

    /**
     * MySQL's REPLACE (manual 13.2.8): the row a key meets is deleted and the new one inserted, so
     * a column the statement does not name takes its default. The engine's REPLACE updated the
     * named columns of the row it met and kept the others' old values: a stored row MySQL would not
     * have.
     */
    @Test
    void aReplaceGivesTheColumnsItDoesNotNameTheirDefaults() throws Exception {
        sql.executeAll("CREATE TABLE rd (id INT PRIMARY KEY, a INT, b INT DEFAULT 5, c VARCHAR(3))",
                "INSERT INTO rd VALUES (1, 1, 1, 'x'), (2, 2, 2, 'y')");
        assertEquals(3, update("REPLACE INTO rd (id, a) VALUES (1, 10), (3, 30)"));
        assertEquals(List.of(Arrays.asList("1", "10", "5", null), Arrays.asList("2", "2", "2", "y"),
                Arrays.asList("3", "30", "5", null)), sql.rows("SELECT * FROM rd ORDER BY id"));

        // REPLACE … SELECT too (pt-table-checksum's chunks): the old row's b and c were kept
        sql.executeAll("CREATE TABLE rs (id INT, a INT)", "INSERT INTO rs VALUES (2, 20), (4, 40)");
        assertEquals(3, update("REPLACE INTO rd (id, a) SELECT id, a FROM rs WHERE id > 1 ORDER BY id"));
        assertEquals(List.of(Arrays.asList("1", "10", "5", null), Arrays.asList("2", "20", "5", null),
                Arrays.asList("3", "30", "5", null), Arrays.asList("4", "40", "5", null)),
                sql.rows("SELECT * FROM rd ORDER BY id"));
        // a UNION takes no item of its own: refused, not stored with the old values
        sql.assertError("REPLACE INTO rd (id) SELECT 1 UNION SELECT 2", 1235, "42000", "This version of MySQL"
                + " doesn't yet support 'REPLACE ... SELECT of a UNION or a parenthesized SELECT naming fewer columns"
                + " than the table has'");
        sql.execute("CREATE TABLE rnn (id INT PRIMARY KEY, a INT NOT NULL)");
        sql.assertError("REPLACE INTO rnn (id) SELECT 1", 1364, "HY000", "Field 'a' doesn't have a default value");

        // a unique key without a primary key: refused by name (it was 1091 "Can't DROP 'PRIMARY_KEY_'")
        sql.execute("CREATE TABLE rnp (id INT, u INT, UNIQUE KEY (u))");
        sql.assertError("REPLACE INTO rnp VALUES (1, 1)", 1235, "42000",
                "This version of MySQL doesn't yet support 'REPLACE into a table with a unique key but no primary key'");
    }

    /**
     * MySQL's REPLACE deletes every row the new one meets on any unique key, then inserts it
     * (13.2.8: "If an old row in the table has the same value as a new row for a PRIMARY KEY or a
     * UNIQUE index, the old row is deleted before the new row is inserted"); the affected rows
     * count both. The engine's REPLACE met rows by the primary key only: a row meeting another
     * unique key was refused with 1062, and the row the primary key met was updated in place
     * where MySQL deletes it (its DELETE triggers fired, its foreign keys' ON DELETE done).
     */
    @Test
    void aReplaceDeletesTheRowsEveryUniqueKeyMeets() throws Exception {
        sql.executeAll("CREATE TABLE ru (id INT PRIMARY KEY, u VARCHAR(5), v INT, UNIQUE KEY (u), UNIQUE KEY (v))",
                "INSERT INTO ru VALUES (1, 'a', 1), (2, 'b', 2), (3, 'c', 3)",
                "CREATE TABLE ru_log (what VARCHAR(20))",
                "CREATE TRIGGER ru_del AFTER DELETE ON ru FOR EACH ROW INSERT INTO ru_log VALUES (CONCAT('delete ', OLD.id))",
                "CREATE TRIGGER ru_ins AFTER INSERT ON ru FOR EACH ROW INSERT INTO ru_log VALUES (CONCAT('insert ', NEW.id))");
        // row 4 meets row 1 on u ('A' = 'a') and row 2 on v; row 5 meets nothing; row 6 meets row 5 on u
        assertEquals(6, update("REPLACE INTO ru VALUES (4, 'A', 2), (5, 'é', 9), (6, 'E', 10)"));
        assertEquals(List.of(List.of("3", "c", "3"), List.of("4", "A", "2"), List.of("6", "E", "10")),
                sql.rows("SELECT * FROM ru ORDER BY id"));
        assertEquals(List.of(List.of("delete 1"), List.of("delete 2"), List.of("insert 4"), List.of("insert 5"),
                List.of("delete 5"), List.of("insert 6")), sql.rows("SELECT what FROM ru_log"));
        // REPLACE … SELECT meeting a row by the primary key and another by a unique key: the table
        // has a DELETE trigger, so MySQL deletes both (it would update the first in place otherwise)
        sql.execute("DELETE FROM ru_log");
        assertEquals(3, update("REPLACE INTO ru (id, u, v) SELECT 3, 'x', 10"));
        assertEquals(List.of(List.of("3", "x", "10"), List.of("4", "A", "2")), sql.rows("SELECT * FROM ru ORDER BY id"));
        assertEquals(List.of(List.of("delete 3"), List.of("delete 6"), List.of("insert 3")),
                sql.rows("SELECT what FROM ru_log"));

        // a foreign key ON DELETE CASCADE: replacing the parent's row deletes its children, as MySQL
        sql.executeAll("CREATE TABLE rp (id INT PRIMARY KEY, a INT)",
                "CREATE TABLE rc (id INT PRIMARY KEY, pid INT, FOREIGN KEY (pid) REFERENCES rp (id) ON DELETE CASCADE)",
                "INSERT INTO rp VALUES (1, 1), (2, 2)", "INSERT INTO rc VALUES (10, 1), (20, 2)");
        assertEquals(2, update("REPLACE INTO rp VALUES (1, 5)"));
        assertEquals(List.of(List.of("1", "5"), List.of("2", "2")), sql.rows("SELECT * FROM rp ORDER BY id"));
        assertEquals(List.of(List.of("20", "2")), sql.rows("SELECT * FROM rc"));
    }

    /**
     * A TEXT or BLOB column holds at most its type's bytes (TINY… 255, plain 65535, MEDIUM…
     * 16777215): MySQL's strict mode refuses a longer value with 1406. The engine's column has no
     * such bound: the value was stored whole with a STATEMENT binlog (and failed with a 1105 of the
     * ROW binlog's writer, quoting the whole value, with ROW).
     */
    @Test
    void aTextOrBlobValueLongerThanItsTypeIsRefused() throws Exception {
        sql.execute("CREATE TABLE tl (id INT PRIMARY KEY, t TEXT, tt TINYTEXT, b BLOB, m MEDIUMTEXT)");
        for (String format : List.of("ROW", "STATEMENT")) {
            sql.execute("SET SESSION binlog_format = " + format);
            sql.assertError("INSERT INTO tl (id, t) VALUES (1, REPEAT('x', 65536))", 1406, "22001",
                    "Data too long for column 't' at row 1");
            // bytes, not characters: 128 two-byte characters are 256 bytes
            sql.assertError("INSERT INTO tl (id, tt) VALUES (1, 'a'), (2, REPEAT('é', 128))", 1406, "22001",
                    "Data too long for column 'tt' at row 2");
            sql.assertError("INSERT INTO tl (id, b) VALUES (1, REPEAT('z', 70000))", 1406, "22001",
                    "Data too long for column 'b' at row 1");
            assertEquals("0", sql.value("SELECT COUNT(*) FROM tl"));
        }
        sql.execute("INSERT INTO tl VALUES (1, REPEAT('x', 65535), REPEAT('é', 127), REPEAT('z', 65535), REPEAT('m', 70000))");
        sql.assertError("UPDATE tl SET tt = CONCAT(tt, 'é')", 1406, "22001", "Data too long for column 'tt' at row 1");
        assertEquals(List.of(List.of("65535", "254", "65535", "70000")),
                sql.rows("SELECT LENGTH(t), LENGTH(tt), LENGTH(b), LENGTH(m) FROM tl"));
    }
}
