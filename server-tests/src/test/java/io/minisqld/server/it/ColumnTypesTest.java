package io.minisqld.server.it;

import static io.minisqld.server.it.ConnectorScenarios.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minisqld.testsupport.MinisqldHarness;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Column types whose values H2 would otherwise change without a word: a JSON column stores the
 * document the client gives (objects, arrays, scalars, NULL) and refuses text that is not JSON with
 * MySQL's 3140 (H2's own JSON type stored a string given to it as a JSON string: the document
 * quoted); a BIT column keeps its bits; a YEAR column keeps MySQL's range.
 */
class ColumnTypesTest {
    @Test
    void aJsonColumnKeepsTheDocument() throws Exception {
        try (MinisqldHarness server = MinisqldHarness.inProcess().name("json").serverId(1).start();
             Connection c = server.newConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE js");
            st.execute("CREATE TABLE js.t (id INT PRIMARY KEY, j JSON)");
            st.execute("INSERT INTO js.t VALUES (1, '{\"a\": 1, \"b\": [1, 2]}'), (2, '[1, \"x\"]'), (3, NULL),"
                    + " (4, '42')");
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO js.t VALUES (5, ?)")) {
                ps.setString(1, "{\"name\": \"ünï ✓\"}");
                ps.executeUpdate();
            }
            assertEquals(List.of(Arrays.asList("1", "{\"a\": 1, \"b\": [1, 2]}"), Arrays.asList("2", "[1, \"x\"]"),
                    Arrays.asList("3", null), Arrays.asList("4", "42"), Arrays.asList("5", "{\"name\": \"ünï ✓\"}")),
                    rows(c, "SELECT id, j FROM js.t ORDER BY id"));
            assertTrue(rows(c, "SHOW CREATE TABLE js.t").get(0).get(1).contains("`j` json"));
            SQLException bad = assertThrows(SQLException.class, () -> st.execute("INSERT INTO js.t VALUES (6, '{bad')"));
            assertEquals(3140, bad.getErrorCode());
            assertEquals("22032", bad.getSQLState());
            assertEquals(List.of(List.of("5")), rows(c, "SELECT COUNT(*) FROM js.t"));
        }
    }

    /**
     * A VARCHAR(n) holds n characters, as MySQL's: five emoji fit a VARCHAR(5) (they had been 1406,
     * the engine counting UTF-16 units), a sixth character is 1406 naming the column (INSERT IGNORE
     * cuts to five, with 1265), SHOW CREATE TABLE and information_schema say varchar(5), and an
     * ALTER TABLE to a length a row does not fit is MySQL's 1265 naming the row, the table left as
     * it was; a later ALTER and a CHANGE keep the count in characters.
     */
    @Test
    void aVarcharCountsCharactersNotUtf16Units() throws Exception {
        try (MinisqldHarness server = MinisqldHarness.inProcess().name("varchars").serverId(1).start();
             Connection c = server.newConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE vc");
            st.execute("CREATE TABLE vc.t (id INT PRIMARY KEY, s VARCHAR(5), b VARCHAR(4) COLLATE utf8mb4_bin,"
                    + " l VARCHAR(3) CHARACTER SET latin1)");
            String five = "😀😀😀😀😀";
            st.execute("INSERT INTO vc.t VALUES (1, '" + five + "', '😀é😀x', 'abc')");
            assertEquals(List.of(List.of(five, "5", "😀é😀x")), rows(c, "SELECT s, CHAR_LENGTH(s), b FROM vc.t"));
            for (String tooLong : List.of("INSERT INTO vc.t (id, s) VALUES (2, 'abcdef')",
                    "UPDATE vc.t SET b = CONCAT(b, 'y')", "INSERT INTO vc.t (id, s) VALUES (3, '" + five + "😀')")) {
                SQLException e = assertThrows(SQLException.class, () -> st.execute(tooLong), tooLong);
                assertEquals(1406, e.getErrorCode(), tooLong);
                assertTrue(e.getMessage().matches(".*Data too long for column '[sb]' at row 1"), e.getMessage());
            }
            st.execute("INSERT IGNORE INTO vc.t (id, s) VALUES (4, '" + five + "😀')");
            assertEquals(List.of(List.of(five)), rows(c, "SELECT s FROM vc.t WHERE id = 4"));
            assertTrue(rows(c, "SHOW CREATE TABLE vc.t").get(0).get(1).contains("`s` varchar(5) DEFAULT NULL"));
            assertEquals(List.of(List.of("b", "4", "16"), List.of("l", "3", "3"), List.of("s", "5", "20")),
                    rows(c, "SELECT COLUMN_NAME, CHARACTER_MAXIMUM_LENGTH, CHARACTER_OCTET_LENGTH FROM"
                            + " information_schema.COLUMNS WHERE TABLE_SCHEMA = 'vc' AND DATA_TYPE = 'varchar' ORDER BY 1"));
            st.execute("INSERT INTO vc.t (id, s) VALUES (5, 'ab')");
            SQLException shorter = assertThrows(SQLException.class, () -> st.execute("ALTER TABLE vc.t MODIFY s VARCHAR(4)"));
            assertEquals(1265, shorter.getErrorCode());
            assertTrue(shorter.getMessage().endsWith("Data truncated for column 's' at row 1"), shorter.getMessage());
            assertTrue(rows(c, "SHOW CREATE TABLE vc.t").get(0).get(1).contains("`s` varchar(5) DEFAULT NULL"));
            st.execute("ALTER TABLE vc.t CHANGE s s2 VARCHAR(6)");
            st.execute("INSERT INTO vc.t (id, s2) VALUES (6, '" + five + "😀')");
            SQLException seven = assertThrows(SQLException.class,
                    () -> st.execute("INSERT INTO vc.t (id, s2) VALUES (7, '" + five + "😀😀')"));
            assertEquals(1406, seven.getErrorCode());
            assertTrue(rows(c, "SHOW CREATE TABLE vc.t").get(0).get(1).contains("`s2` varchar(6) DEFAULT NULL"));
        }
    }

    /**
     * CREATE TABLE t [AS] SELECT … (MySQL 5.7 manual, 13.1.18.4): AS is optional, and the columns
     * are named as MySQL labels the select items; column definitions before the SELECT are refused.
     */
    @Test
    void createTableSelect() throws Exception {
        try (MinisqldHarness server = MinisqldHarness.inProcess().name("ctas").serverId(1).start();
             Connection c = server.newConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE cs");
            st.execute("CREATE TABLE cs.t SELECT 1, 'x', 2 AS b");
            assertEquals(List.of(List.of("1"), List.of("x"), List.of("b")), ConnectorScenarios.rows(c,
                    "SELECT COLUMN_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = 'cs' AND TABLE_NAME = 't'"
                            + " ORDER BY ORDINAL_POSITION"));
            assertEquals(List.of(List.of("1", "x", "2")), ConnectorScenarios.rows(c, "SELECT * FROM cs.t"));
            st.execute("CREATE TABLE cs.u (SELECT b FROM cs.t)");
            assertEquals(List.of(List.of("2")), ConnectorScenarios.rows(c, "SELECT * FROM cs.u"));
            // AS before the parenthesized query, as MySQL's grammar allows (it was 1064)
            st.execute("CREATE TABLE cs.u2 AS (SELECT b FROM cs.t UNION ALL SELECT 3)");
            assertEquals(List.of(List.of("2"), List.of("3")), ConnectorScenarios.rows(c, "SELECT * FROM cs.u2 ORDER BY b"));
            // DROP VIEW names several views, missing ones too with IF EXISTS
            st.execute("CREATE VIEW cs.v1 AS SELECT 1 AS a");
            st.execute("create view cs.v2 (a) as select 2");
            // VIEW_DEFINITION is the view's query, whatever the case of its AS (it was the whole
            // CREATE statement for a lower-case "as")
            assertEquals(List.of(List.of("v1", "SELECT 1 AS a"), List.of("v2", "select 2")), ConnectorScenarios.rows(c,
                    "SELECT TABLE_NAME, VIEW_DEFINITION FROM information_schema.VIEWS WHERE TABLE_SCHEMA = 'cs'"
                            + " ORDER BY TABLE_NAME"));
            st.execute("DROP VIEW IF EXISTS cs.v0, cs.v1, cs.v2");
            assertEquals(List.of(List.of("0")), ConnectorScenarios.rows(c,
                    "SELECT COUNT(*) FROM information_schema.VIEWS WHERE TABLE_SCHEMA = 'cs'"));
            // TRUNCATE's TABLE is optional
            st.execute("TRUNCATE cs.u");
            assertEquals(List.of(List.of("0")), ConnectorScenarios.rows(c, "SELECT COUNT(*) FROM cs.u"));
            SQLException e = assertThrows(SQLException.class, () -> st.execute("CREATE TABLE cs.v (a INT) SELECT 1 AS b"));
            assertEquals(1235, e.getErrorCode());
        }
    }

    /** MySQL's non-reserved words name columns: year, month, day, hour, minute, second (9.3 Keywords). */
    @Test
    void timeUnitWordsNameColumns() throws Exception {
        try (MinisqldHarness server = MinisqldHarness.inProcess().name("words").serverId(1).start();
             Connection c = server.newConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE w");
            st.execute("CREATE TABLE w.t (id INT PRIMARY KEY, year INT, month INT, day INT, hour INT, minute INT,"
                    + " second INT, KEY k (year, month))");
            st.execute("INSERT INTO w.t (id, year, month, day, hour, minute, second) VALUES (1, 2024, 2, 29, 23, 59, 58)");
            st.execute("UPDATE w.t SET second = second + 1 WHERE year = 2024 AND month = 2");
            assertEquals(List.of(List.of("2024", "2", "29", "23", "59", "59", "2024-02-29")),
                    ConnectorScenarios.rows(c, "SELECT year, month, day, hour, minute, second,"
                            + " DATE(CONCAT(year, '-', month, '-', day)) FROM w.t WHERE day = 29 ORDER BY year"));
            // the functions and interval units of the same names still work
            assertEquals(List.of(List.of("2024", "2024-03-29", "3", "12")), ConnectorScenarios.rows(c,
                    "SELECT YEAR('2024-02-29'), DATE_ADD('2024-02-29', INTERVAL 1 MONTH), EXTRACT(DAY FROM '2024-02-03'),"
                            + " HOUR('2024-02-29 12:00:00')"));
        }
    }

    /**
     * BIT(M), M from 1 to 64 (MySQL 5.7 manual 11.1.5, Bit-Value Type): the column holds M bits, a
     * client receives them as (M + 7) / 8 bytes of type BIT, an expression reads them as a number;
     * a value of more bits is 1406, a width past 64 is 1439. It was refused past BIT(1) (1235).
     */
    @Test
    void bitColumnsHoldTheirBitsAndSetColumnsTheirMembers() throws Exception {
        try (MinisqldHarness server = MinisqldHarness.inProcess().name("bits").serverId(1).start();
             Connection c = server.newConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE bits");
            st.execute("CREATE TABLE bits.w (id INT PRIMARY KEY, f BIT(3), b BIT(8), d BIT(64) DEFAULT b'1010')");
            st.execute("INSERT INTO bits.w VALUES (1, b'101', 255, 18446744073709551615), (2, 0, b'10000000', 0)");
            st.execute("INSERT INTO bits.w (id) VALUES (3)");
            assertEquals(List.of("BIT 05", "BIT ff", "BIT ffffffffffffffff"),
                    bitsAsSent(st, "SELECT f, b, d FROM bits.w WHERE id = 1"));
            try (java.sql.ResultSet rs = st.executeQuery("SELECT b FROM bits.w WHERE id = 1")) {
                assertTrue(rs.next());
                assertEquals(255, rs.getLong(1));
            }
            assertEquals(List.of(Arrays.asList("1", "5", "255", "18446744073709551615", "101", "1"),
                            Arrays.asList("2", "0", "128", "0", "0", "0"),
                            Arrays.asList("3", null, null, "10", null, null)),
                    rows(c, "SELECT id, f + 0, b + 0, d + 0, BIN(f), b = 255 FROM bits.w ORDER BY id"));
            SQLException tooLong = assertThrows(SQLException.class, () -> st.execute("INSERT INTO bits.w VALUES (4, 8, 0, 0)"));
            assertEquals(1406, tooLong.getErrorCode());
            assertTrue(tooLong.getMessage().endsWith("Data too long for column 'f' at row 1"), tooLong.getMessage());
            tooLong = assertThrows(SQLException.class, () -> st.execute("UPDATE bits.w SET b = b + 1 WHERE id > 0"));
            assertTrue(tooLong.getMessage().endsWith("Data too long for column 'b' at row 1"), tooLong.getMessage());
            assertEquals(List.of(List.of("255"), List.of("128")), rows(c, "SELECT b + 0 FROM bits.w WHERE id < 3 ORDER BY id"));
            st.execute("UPDATE bits.w SET f = f ^ 7 WHERE id = 1");
            assertEquals(List.of(List.of("2")), rows(c, "SELECT f + 0 FROM bits.w WHERE id = 1"));
            // a string's bytes are the bits, as mariadb-dump writes a BIT value ('5' is 0x35, 53;
            // '\1\0' is '1' and NUL, 0x3100); the engine read '5' as 5
            st.execute("INSERT INTO bits.w (id, b, d) VALUES (5, 'a', '\\0\\0\\0\\0\\0\\0\\1\\0'), (6, '5', _binary 'ab')");
            assertEquals(List.of(List.of("97", "12544"), List.of("53", "24930")),
                    rows(c, "SELECT b + 0, d + 0 FROM bits.w WHERE id > 4 ORDER BY id"));
            tooLong = assertThrows(SQLException.class, () -> st.execute("INSERT INTO bits.w (id, f) VALUES (7, 'a')"));
            assertTrue(tooLong.getMessage().endsWith("Data too long for column 'f' at row 1"), tooLong.getMessage());
            st.execute("DELETE FROM bits.w WHERE id > 4");
            // read through a view, the column is still sent as a BIT (the view's columns have no type of their own)
            st.execute("CREATE VIEW bits.wv AS SELECT id, b FROM bits.w");
            assertEquals(List.of("BIT ff"), bitsAsSent(st, "SELECT b FROM bits.wv WHERE id = 1"));
            // a variable given a BIT column's value holds its number
            st.execute("SELECT b INTO @bits FROM bits.w WHERE id = 1");
            assertEquals(List.of(List.of("256")), rows(c, "SELECT @bits + 1"));
            SQLException wide = assertThrows(SQLException.class,
                    () -> st.execute("CREATE TABLE bits.x (id INT PRIMARY KEY, flags BIT(65))"));
            assertEquals(1439, wide.getErrorCode());
            assertTrue(wide.getMessage().endsWith("Display width out of range for column 'flags' (max = 64)"),
                    wide.getMessage());
            st.execute("ALTER TABLE bits.w ADD COLUMN e BIT(12) NOT NULL DEFAULT b'111'");
            String create = rows(c, "SHOW CREATE TABLE bits.w").get(0).get(1);
            assertTrue(create.contains("`f` bit(3) DEFAULT NULL,\n  `b` bit(8) DEFAULT NULL,\n  `d` bit(64) DEFAULT b'1010',\n"
                    + "  `e` bit(12) NOT NULL DEFAULT b'111'"), create);
            assertEquals(List.of(Arrays.asList("bit(3)", "bit", "3", null), Arrays.asList("bit(64)", "bit", "64", "b'1010'"),
                            Arrays.asList("bit(12)", "bit", "12", "b'111'")),
                    rows(c, "SELECT COLUMN_TYPE, DATA_TYPE, NUMERIC_PRECISION, COLUMN_DEFAULT FROM information_schema.COLUMNS"
                            + " WHERE TABLE_SCHEMA = 'bits' AND TABLE_NAME = 'w' AND COLUMN_NAME IN ('f', 'd', 'e')"
                            + " ORDER BY ORDINAL_POSITION"));
            // SET('a', …): its members in declared order, once each, in declared case; a number
            // chooses members by its bits; another member is MySQL's strict-mode 1265
            st.execute("CREATE TABLE bits.s (id INT PRIMARY KEY, tags SET('red', 'green', 'blue'))");
            st.execute("INSERT INTO bits.s VALUES (1, 'blue,red'), (2, 'GREEN,green'), (3, ''), (4, 5), (5, NULL)");
            st.execute("UPDATE bits.s SET tags = 'green,red' WHERE id = 3");
            assertEquals(List.of(List.of("1", "red,blue"), List.of("2", "green"), List.of("3", "red,green"),
                    List.of("4", "red,blue"), List.of("5", "-")), rows(c, "SELECT id, COALESCE(tags, '-') FROM bits.s ORDER BY id"));
            SQLException set = assertThrows(SQLException.class,
                    () -> st.execute("INSERT INTO bits.s VALUES (6, 'red,pink')"));
            assertEquals(1265, set.getErrorCode());
            assertEquals("01000", set.getSQLState());
            assertTrue(set.getMessage().endsWith("Data truncated for column 'tags' at row 1"), set.getMessage());
            assertThrows(SQLException.class, () -> st.execute("UPDATE bits.s SET tags = 8 WHERE id = 1"));
            assertEquals(List.of(List.of("1"), List.of("3"), List.of("4")),
                    rows(c, "SELECT id FROM bits.s WHERE FIND_IN_SET('red', tags) ORDER BY id"));
            assertTrue(rows(c, "SHOW CREATE TABLE bits.s").get(0).get(1)
                    .contains("`tags` set('red','green','blue') DEFAULT NULL"));
            // a SET in arithmetic, beside a number, beside a bitwise operator and in ORDER BY is its
            // number, its members' bits (MySQL 5.7 manual 11.4.6: "If you retrieve a SET value in a
            // numeric context, the value retrieved has bits set corresponding to the set members");
            // the engine refused it (1105) and ordered the text ('green' before 'red,blue')
            assertEquals(List.of(List.of("5", "1", "1", "1"), List.of("2", "0", "0", "0"),
                            List.of("3", "0", "1", "1"), List.of("5", "1", "1", "1")),
                    rows(c, "SELECT tags + 0, tags = 5, tags & 1, tags > 2 FROM bits.s WHERE id < 5 ORDER BY id"));
            assertEquals(List.of(List.of("5"), List.of("2"), List.of("3"), List.of("1"), List.of("4")),
                    rows(c, "SELECT id FROM bits.s ORDER BY tags, id"));
            st.execute("CREATE TABLE bits.t (id INT PRIMARY KEY, flag BIT(1))");
            // b'…' as mariadb-dump writes a BIT column's values
            st.execute("INSERT INTO bits.t VALUES (1, 1), (2, 0), (3, b'1'), (4, b'0')");
            assertEquals(List.of(List.of("1", "1"), List.of("2", "0"), List.of("3", "1"), List.of("4", "0")),
                    rows(c, "SELECT id, flag + 0 FROM bits.t ORDER BY id"));
            // a BIT(1) holds one bit: 2 is refused (the engine's boolean stored it as 1)
            tooLong = assertThrows(SQLException.class, () -> st.execute("INSERT INTO bits.t VALUES (5, 2)"));
            assertTrue(tooLong.getMessage().endsWith("Data too long for column 'flag' at row 1"), tooLong.getMessage());
            assertEquals(List.of(List.of("1"), List.of("3")), rows(c, "SELECT id FROM bits.t WHERE flag ORDER BY id"));
            // BIN, OCT and CONV of the column are its number's digits (BIN(flag) was 0 for b'1')
            assertEquals(List.of(List.of("1", "1", "1"), List.of("0", "0", "0")),
                    rows(c, "SELECT BIN(flag), OCT(flag), CONV(flag, 10, 2) FROM bits.t WHERE id IN (1, 2) ORDER BY id"));
            // it stays bit(1), not MySQL's BOOLEAN (tinyint(1)), so ROW format logs it as BIT
            assertTrue(rows(c, "SHOW CREATE TABLE bits.t").get(0).get(1).contains("`flag` bit(1) DEFAULT NULL"));
            st.execute("CREATE TABLE bits.b (id INT PRIMARY KEY, ok BOOLEAN)");
            assertTrue(rows(c, "SHOW CREATE TABLE bits.b").get(0).get(1).contains("`ok` tinyint(1) DEFAULT NULL"));
        }
    }

    /** Each column of the query's one row as a client receives it: its type's name and its bytes in hex. */
    private static List<String> bitsAsSent(Statement st, String sql) throws SQLException {
        try (java.sql.ResultSet rs = st.executeQuery(sql)) {
            assertTrue(rs.next(), sql);
            List<String> out = new java.util.ArrayList<>();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                out.add(rs.getMetaData().getColumnTypeName(i) + " " + java.util.HexFormat.of().formatHex(rs.getBytes(i)));
            }
            return out;
        }
    }

    /**
     * A date with a time of day stored into a DATE column is its date, with MySQL's Note 1265 when
     * the time is not midnight (MySQL 5.7 manual 11.3.7); H2 refused it. An invalid date stays an
     * error. And text longer than its column only by trailing spaces.
     */
    @Test
    void aDateColumnTakesTheDateOfADateWithATimeAndTextLosesItsExcessSpaces() throws Exception {
        try (MinisqldHarness server = MinisqldHarness.inProcess().name("dates").serverId(1).start();
             Connection c = server.newConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE dd");
            st.execute("CREATE TABLE dd.t (id INT PRIMARY KEY, d DATE)");
            st.execute("INSERT INTO dd.t VALUES (1, '2020-02-29 10:11:12')");
            assertEquals(List.of(List.of("Note", "1265", "Data truncated for column 'd' at row 1")),
                    rows(c, "SHOW WARNINGS"));
            st.execute("INSERT INTO dd.t VALUES (2, '2020-03-01 00:00:00')");
            assertEquals(List.of(), rows(c, "SHOW WARNINGS"));
            st.execute("UPDATE dd.t SET d = '2021-01-31 23:59:59.5' WHERE id = 2");
            assertEquals(List.of(List.of("1", "2020-02-29"), List.of("2", "2021-01-31")),
                    rows(c, "SELECT id, d FROM dd.t ORDER BY id"));
            SQLException bad = assertThrows(SQLException.class,
                    () -> st.execute("INSERT INTO dd.t VALUES (3, '2020-02-30 10:00:00')"));
            assertEquals(1292, bad.getErrorCode());
            // (11.4.1) trailing spaces beyond a VARCHAR's length are cut with Note 1265, beyond a
            // CHAR's without one; other characters beyond it stay 1406 (H2 refused the spaces too)
            st.execute("CREATE TABLE dd.s (id INT PRIMARY KEY, c CHAR(3), v VARCHAR(3))");
            st.execute("INSERT INTO dd.s VALUES (1, 'ab    ', 'é     ')");
            assertEquals(List.of(List.of("Note", "1265", "Data truncated for column 'v' at row 1")),
                    rows(c, "SHOW WARNINGS"));
            assertEquals(List.of(List.of("[ab]", "[é  ]")), rows(c, "SELECT CONCAT('[', c, ']'), CONCAT('[', v, ']') FROM dd.s"));
            SQLException longer = assertThrows(SQLException.class,
                    () -> st.execute("INSERT INTO dd.s VALUES (2, 'abc', 'abcd ')"));
            assertEquals(1406, longer.getErrorCode());
        }
    }

    /**
     * A table's and a column's COMMENT are kept and shown where MySQL shows them: SHOW CREATE
     * TABLE (quotes doubled, backslashes escaped), SHOW FULL COLUMNS, INFORMATION_SCHEMA.COLUMNS and
     * TABLES, SHOW TABLE STATUS. The engine kept them and the server showed none.
     */
    @Test
    void commentsOfTablesAndColumnsAreShown() throws Exception {
        try (MinisqldHarness server = MinisqldHarness.inProcess().name("comments").serverId(1).start();
             Connection c = server.newConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE cm");
            st.execute("CREATE TABLE cm.t (id INT PRIMARY KEY COMMENT 'the key', note VARCHAR(10) COMMENT 'it''s')"
                    + " ENGINE=InnoDB COMMENT='orders'");
            String create = rows(c, "SHOW CREATE TABLE cm.t").get(0).get(1);
            assertTrue(create.contains("`id` int(11) NOT NULL COMMENT 'the key'"), create);
            assertTrue(create.contains("`note` varchar(10) DEFAULT NULL COMMENT 'it''s'"), create);
            assertTrue(create.endsWith(" DEFAULT CHARSET=utf8mb4 COMMENT='orders'"), create);
            assertEquals(List.of(List.of("id", "the key"), List.of("note", "it's")),
                    rows(c, "SELECT COLUMN_NAME, COLUMN_COMMENT FROM INFORMATION_SCHEMA.COLUMNS"
                            + " WHERE TABLE_SCHEMA = 'cm' ORDER BY ORDINAL_POSITION"));
            assertEquals(List.of(List.of("orders")),
                    rows(c, "SELECT TABLE_COMMENT FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'cm'"));
            assertEquals("the key", rows(c, "SHOW FULL COLUMNS FROM cm.t").get(0).get(8));
            assertEquals("orders", rows(c, "SHOW TABLE STATUS FROM cm").get(0).get(17));
            // ALTER TABLE … COMMENT changes it (it was taken and ignored); a table of another
            // default set keeps its comment beside the set
            st.execute("ALTER TABLE cm.t COMMENT = 'paid orders'");
            st.execute("CREATE TABLE cm.l (x VARCHAR(3)) DEFAULT CHARSET=latin1 COMMENT='latin'");
            st.execute("ALTER TABLE cm.l COMMENT = 'latin 2', ENGINE = InnoDB");
            assertEquals(List.of(List.of("l", "latin 2", "latin1_swedish_ci"), List.of("t", "paid orders", "utf8mb4_general_ci")),
                    rows(c, "SELECT TABLE_NAME, TABLE_COMMENT, TABLE_COLLATION FROM INFORMATION_SCHEMA.TABLES"
                            + " WHERE TABLE_SCHEMA = 'cm' ORDER BY TABLE_NAME"));
        }
    }

    /**
     * ALTER TABLE … ADD PRIMARY KEY makes the key's columns NOT NULL, as MySQL does (the engine
     * refused a key over a nullable column, 1105), and over rows holding NULL fails with MySQL's
     * 1138 "Invalid use of NULL value", the table unchanged.
     */
    @Test
    void addingAPrimaryKeyMakesItsColumnsNotNull() throws Exception {
        try (MinisqldHarness server = MinisqldHarness.inProcess().name("add-pk").serverId(1).start();
             Connection c = server.newConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE pk");
            st.execute("CREATE TABLE pk.t (id INT, a INT)");
            st.execute("INSERT INTO pk.t VALUES (1, 1), (2, 1)");
            st.execute("ALTER TABLE pk.t ADD CONSTRAINT pk_x PRIMARY KEY (id, a), ADD COLUMN b INT");
            String create = rows(c, "SHOW CREATE TABLE pk.t").get(0).get(1);
            assertTrue(create.contains("`id` int(11) NOT NULL,\n  `a` int(11) NOT NULL,"), create);
            assertTrue(create.contains("PRIMARY KEY (`id`,`a`)"), create);
            SQLException e = assertThrows(SQLException.class, () -> st.execute("INSERT INTO pk.t VALUES (NULL, 1, 1)"));
            assertEquals(1048, e.getErrorCode());
            st.execute("CREATE TABLE pk.n (id INT)");
            st.execute("INSERT INTO pk.n VALUES (NULL)");
            e = assertThrows(SQLException.class, () -> st.execute("ALTER TABLE pk.n ADD PRIMARY KEY (id)"));
            assertEquals(1138, e.getErrorCode());
            assertTrue(e.getMessage().endsWith("Invalid use of NULL value"), e.getMessage());
            assertEquals(List.of(List.of("id", "YES")), rows(c, "SELECT COLUMN_NAME, IS_NULLABLE FROM INFORMATION_SCHEMA.COLUMNS"
                    + " WHERE TABLE_SCHEMA = 'pk' AND TABLE_NAME = 'n'"));
        }
    }

    /**
     * A string that names no member of an ENUM is MySQL's strict-mode 1265 naming the column and
     * the row (it was 1105 with the engine's text); a member in another case, or with trailing
     * spaces, and an index go in. MariaDB 10.11 answers the same.
     */
    @Test
    void aStringThatIsNoMemberOfAnEnumIsDataTruncated() throws Exception {
        try (MinisqldHarness server = MinisqldHarness.inProcess().name("enum").serverId(1).start();
             Connection c = server.newConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE en");
            st.execute("CREATE TABLE en.t (id INT PRIMARY KEY, e ENUM('small', 'it''s') NOT NULL)");
            st.execute("INSERT INTO en.t VALUES (1, 'SMALL'), (2, 'it''s  '), (3, '2')");
            assertEquals(List.of(List.of("small"), List.of("it's"), List.of("it's")), rows(c, "SELECT e FROM en.t ORDER BY id"));
            SQLException e = assertThrows(SQLException.class, () -> st.execute("INSERT INTO en.t VALUES (4, 'small'), (5, 'big')"));
            assertEquals(1265, e.getErrorCode());
            assertTrue(e.getMessage().endsWith("Data truncated for column 'e' at row 2"), e.getMessage());
            assertEquals(List.of(List.of("3")), rows(c, "SELECT COUNT(*) FROM en.t"));
        }
    }

    /**
     * YEAR keeps MySQL's range (0, 1901 to 2155: 1264 outside it), shows as year(4) and is sent as
     * MySQL sends it: type YEAR, four digits (MySQL 5.7 manual 11.3.3).
     */
    @Test
    void aYearColumnKeepsItsRange() throws Exception {
        try (MinisqldHarness server = MinisqldHarness.inProcess().name("years").serverId(1).start();
             Connection c = server.newConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE yr");
            st.execute("CREATE TABLE yr.t (id INT PRIMARY KEY, y YEAR, y4 YEAR(4))");
            st.execute("INSERT INTO yr.t VALUES (1, 2021, 1901), (2, NULL, 2155)");
            assertEquals(List.of(Arrays.asList("1", "2021", "1901"), Arrays.asList("2", null, "2155")),
                    rows(c, "SELECT * FROM yr.t ORDER BY id"));
            assertTrue(rows(c, "SHOW CREATE TABLE yr.t").get(0).get(1).contains("`y` year(4) DEFAULT NULL"));
            SQLException out = assertThrows(SQLException.class, () -> st.execute("INSERT INTO yr.t VALUES (3, 3000, 2000)"));
            assertEquals(1264, out.getErrorCode());
            assertEquals(List.of(List.of("2")), rows(c, "SELECT COUNT(*) FROM yr.t"));
            // MySQL 5.7 manual 11.2.4: a string of one or two digits is a year of 2000 to 2069 ('0' to
            // '69') or 1970 to 1999 ('70' to '99'); '0' was stored as 0
            st.execute("INSERT INTO yr.t (id, y) VALUES (10, '0'), (11, '69'), (12, '70'), (13, ' 5 '), (14, '2020')");
            st.execute("UPDATE yr.t SET y4 = '99' WHERE id = 10");
            assertEquals(List.of(Arrays.asList("10", "2000", "1999"), Arrays.asList("11", "2069", null),
                    Arrays.asList("12", "1970", null), Arrays.asList("13", "2005", null), Arrays.asList("14", "2020", null)).toString(),
                    rows(c, "SELECT id, y + 0, y4 + 0 FROM yr.t WHERE id >= 10 ORDER BY id").toString());
            // so is a number of one or two digits, 1 to 69 and 70 to 99 (0 stays 0, shown 0000, as the
            // column's ZEROFILL); the engine refused them with 1264
            st.execute("INSERT INTO yr.t (id, y) VALUES (20, 0), (21, 5), (22, 69), (23, 70), (24, 99)");
            st.execute("UPDATE yr.t SET y4 = 1 WHERE id = 20");
            assertEquals(List.of(List.of("20", "0000", "2001"), List.of("21", "2005", "-"), List.of("22", "2069", "-"),
                            List.of("23", "1970", "-"), List.of("24", "1999", "-")),
                    rows(c, "SELECT id, y, COALESCE(y4, '-') FROM yr.t WHERE id >= 20 ORDER BY id"));
            try (java.sql.ResultSet rs = st.executeQuery("SELECT y FROM yr.t WHERE id = 20")) {
                assertEquals("YEAR", rs.getMetaData().getColumnTypeName(1));
                assertEquals(4, rs.getMetaData().getPrecision(1));
            }
            st.execute("CREATE VIEW yr.v AS SELECT id, y FROM yr.t");
            assertEquals(List.of(List.of("0000")), rows(c, "SELECT y FROM yr.v WHERE id = 20"));
            // text that is no year: 1366 without a number, 1265 with more after it, as MySQL's
            // strict mode (each was 1105); INSERT IGNORE stores 0000 or the number, warning so
            SQLException word = assertThrows(SQLException.class, () -> st.execute("INSERT INTO yr.t (id, y) VALUES (30, 'abc')"));
            assertEquals(1366, word.getErrorCode());
            assertTrue(word.getMessage().endsWith("Incorrect integer value: 'abc' for column 'y' at row 1"), word.getMessage());
            SQLException tail = assertThrows(SQLException.class, () -> st.execute("INSERT INTO yr.t (id, y) VALUES (30, '12x')"));
            assertEquals(1265, tail.getErrorCode());
            st.execute("INSERT IGNORE INTO yr.t (id, y) VALUES (30, 'abc'), (31, '12x'), (32, '2020 x')");
            assertEquals(List.of(List.of("Warning", "1366", "Incorrect integer value: 'abc' for column 'y' at row 1"),
                    List.of("Warning", "1265", "Data truncated for column 'y' at row 2"),
                    List.of("Warning", "1265", "Data truncated for column 'y' at row 3")), rows(c, "SHOW WARNINGS"));
            assertEquals(List.of(List.of("30", "0000"), List.of("31", "2012"), List.of("32", "2020")),
                    rows(c, "SELECT id, y FROM yr.t WHERE id >= 30 ORDER BY id"));
        }
    }

    /**
     * TEXT(n) and BLOB(n) are the smallest TEXT (BLOB) type holding n characters of the column's set
     * (n bytes), as MySQL 5.7's manual says of TEXT[(M)]: a TEXT(10) of utf8mb4 is a TINYTEXT (40
     * bytes fit in 255), of latin1 a TEXT(300) is a TEXT. It was a VARCHAR(n): a 20-character value
     * was refused with 1406, and cut to 10 outside strict mode.
     */
    @Test
    void aSizedTextOrBlobIsTheSmallestTypeThatHoldsIt() throws Exception {
        try (MinisqldHarness server = MinisqldHarness.inProcess().name("sizedlob").serverId(1).start();
             Connection c = server.newConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE sl");
            st.execute("CREATE TABLE sl.t (id INT PRIMARY KEY, a TEXT(10), b BLOB(5), c TEXT(100), d TEXT(300) CHARACTER SET latin1,"
                    + " e TEXT(70000), f TEXT(10) COLLATE utf8mb4_bin, g BLOB(70000))");
            assertEquals("CREATE TABLE `t` (\n  `id` int(11) NOT NULL,\n  `a` tinytext,\n  `b` tinyblob,\n  `c` text,\n"
                    + "  `d` text CHARACTER SET latin1,\n  `e` mediumtext,\n  `f` tinytext CHARACTER SET utf8mb4 COLLATE utf8mb4_bin,\n"
                    + "  `g` mediumblob,\n  PRIMARY KEY (`id`)\n) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4",
                    rows(c, "SHOW CREATE TABLE sl.t").get(0).get(1));
            st.execute("INSERT INTO sl.t (id, a, b, f) VALUES (1, REPEAT('a', 20), 'abcdefghij', 'AbC')");
            assertEquals(List.of(List.of("20", "10")), rows(c, "SELECT CHAR_LENGTH(a), LENGTH(b) FROM sl.t"));
            // the _bin collation still tells case
            assertEquals(List.of(List.of("0")), rows(c, "SELECT COUNT(*) FROM sl.t WHERE f = 'abc'"));
            st.execute("CREATE TABLE sl.l (v TEXT(100)) DEFAULT CHARSET = latin1");
            assertTrue(rows(c, "SHOW CREATE TABLE sl.l").get(0).get(1).contains("`v` tinytext"));
            st.execute("ALTER TABLE sl.l ADD COLUMN w BLOB(300), MODIFY v TEXT(300)");
            assertEquals(List.of(List.of("v", "text"), List.of("w", "blob")),
                    rows(c, "SELECT COLUMN_NAME, DATA_TYPE FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = 'sl'"
                            + " AND TABLE_NAME = 'l' ORDER BY ORDINAL_POSITION"));
        }
    }

    /**
     * CREATE TABLE … SELECT: "Retained attributes are NULL (or NOT NULL) and, for those columns that
     * have them, CHARACTER SET, COLLATION, COMMENT, and the DEFAULT clause" (MySQL 5.7's manual,
     * 13.1.18.4), the type being the column's. The engine had made each column of its own type: a
     * TINYINT UNSIGNED copy was a SMALLINT that took -5, a SET a VARCHAR that took any text, a
     * TIMESTAMP a DATETIME; NOT NULL and DEFAULT were gone. A column under an outer join may hold
     * NULL, so it is not NOT NULL; an expression's column keeps the engine's type.
     */
    @Test
    void createTableSelectKeepsTheCopiedColumnsDefinitions() throws Exception {
        try (MinisqldHarness server = MinisqldHarness.inProcess().name("ctaskeep").serverId(1).start();
             Connection c = server.newConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE ck");
            st.execute("CREATE TABLE ck.s (id INT AUTO_INCREMENT PRIMARY KEY, a TINYINT UNSIGNED NOT NULL DEFAULT 3,"
                    + " l VARCHAR(5) CHARACTER SET latin1 NOT NULL DEFAULT 'q' COMMENT 'hi', st SET('a','b'), y YEAR,"
                    + " ts TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), k CHAR(3) COLLATE utf8mb4_bin)");
            st.execute("INSERT INTO ck.s (a, l, st, y, k) VALUES (7, 'é', 'b,a', 2001, 'Ab')");
            st.execute("CREATE TABLE ck.d AS SELECT s.*, a + 1 AS b FROM ck.s");
            assertEquals("CREATE TABLE `d` (\n  `id` int(11) NOT NULL DEFAULT '0',\n"
                    + "  `a` tinyint(3) unsigned NOT NULL DEFAULT '3',\n"
                    + "  `l` varchar(5) CHARACTER SET latin1 NOT NULL DEFAULT 'q' COMMENT 'hi',\n"
                    + "  `st` set('a','b') DEFAULT NULL,\n  `y` year(4) DEFAULT NULL,\n"
                    + "  `ts` timestamp(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),\n"
                    + "  `k` char(3) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin DEFAULT NULL,\n  `b` int(11) DEFAULT NULL\n"
                    + ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4", rows(c, "SHOW CREATE TABLE ck.d").get(0).get(1));
            assertEquals(List.of(List.of("1", "7", "é", "a,b", "2001", "Ab", "8")),
                    rows(c, "SELECT id, a, l, st, y, k, b FROM ck.d"));
            SQLException range = assertThrows(SQLException.class, () -> st.execute("INSERT INTO ck.d (a) VALUES (-5)"));
            assertEquals(1264, range.getErrorCode());
            SQLException set = assertThrows(SQLException.class, () -> st.execute("INSERT INTO ck.d (st) VALUES ('z')"));
            assertEquals(1265, set.getErrorCode());
            SQLException notNull = assertThrows(SQLException.class, () -> st.execute("INSERT INTO ck.d (l) VALUES (NULL)"));
            assertEquals(1048, notNull.getErrorCode());
            // the copy of a case-sensitive column still tells case
            assertEquals(List.of(List.of("0")), rows(c, "SELECT COUNT(*) FROM ck.d WHERE k = 'ab'"));
            // a column of an outer join's table may be NULL there: it keeps its type, not NOT NULL
            st.execute("CREATE TABLE ck.o SELECT x.a AS xa FROM ck.s LEFT JOIN ck.s x ON x.id = s.id + 1");
            assertEquals(List.of(Arrays.asList("xa", "tinyint(3) unsigned", "YES", "3")),
                    rows(c, "SELECT COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE, COLUMN_DEFAULT FROM information_schema.COLUMNS"
                            + " WHERE TABLE_SCHEMA = 'ck' AND TABLE_NAME = 'o'"));
            assertEquals(List.of(Arrays.asList((String) null)), rows(c, "SELECT xa FROM ck.o"));
        }
    }

    /**
     * A default of the current time is CURRENT_TIMESTAMP with the column's fractional digits, as
     * MySQL requires them (a dump's {@code timestamp(3) … DEFAULT CURRENT_TIMESTAMP} is MySQL's 1067);
     * a nullable TIMESTAMP says NULL, as MySQL 5.7 prints it. {@code DEFAULT NOW(6)} of a DATETIME
     * was shown as the text {@code 'LOCALTIMESTAMP(6)'}.
     */
    @Test
    void aCurrentTimeDefaultIsShownWithItsDigits() throws Exception {
        try (MinisqldHarness server = MinisqldHarness.inProcess().name("nowdef").serverId(1).start();
             Connection c = server.newConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE nd");
            st.execute("CREATE TABLE nd.t (ts TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),"
                    + " d DATETIME(6) DEFAULT NOW(6), t0 TIMESTAMP NULL DEFAULT CURRENT_TIMESTAMP, t1 TIMESTAMP NULL,"
                    + " v VARCHAR(20) DEFAULT 'CURRENT_TIMESTAMP')");
            assertEquals("CREATE TABLE `t` (\n"
                    + "  `ts` timestamp(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),\n"
                    + "  `d` datetime(6) DEFAULT CURRENT_TIMESTAMP(6),\n  `t0` timestamp NULL DEFAULT CURRENT_TIMESTAMP,\n"
                    + "  `t1` timestamp NULL DEFAULT NULL,\n  `v` varchar(20) DEFAULT 'CURRENT_TIMESTAMP'\n"
                    + ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4", rows(c, "SHOW CREATE TABLE nd.t").get(0).get(1));
            assertEquals(List.of(List.of("d", "CURRENT_TIMESTAMP(6)")), rows(c, "SELECT COLUMN_NAME, COLUMN_DEFAULT"
                    + " FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = 'nd' AND COLUMN_NAME = 'd'"));
            st.execute("INSERT INTO nd.t () VALUES ()");
            assertEquals(List.of(List.of("23", "26")), rows(c, "SELECT LENGTH(CONCAT(ts, '')), LENGTH(CONCAT(d, '')) FROM nd.t"));
        }
    }

    /**
     * An ENUM ordered against a string compares its member's text, as MySQL's manual says of MAX()
     * ("MySQL currently compares ENUM and SET columns by their string value rather than by the
     * string's relative position"), and as it compares an ENUM with a string constant; beside a
     * number it is the member's position; ORDER BY keeps the positions. The engine compared
     * positions with a string ({@code e < 'b'} missed 'a' of ENUM('b','a','c'), MIN was 'b') and
     * refused a number (1105).
     */
    @Test
    void anEnumComparesAsTextBesideAStringAndAsItsPositionBesideANumber() throws Exception {
        try (MinisqldHarness server = MinisqldHarness.inProcess().name("enumcmp").serverId(1).start();
             Connection c = server.newConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE ec");
            st.execute("CREATE TABLE ec.t (id INT PRIMARY KEY, e ENUM('b', 'a', 'c'))");
            st.execute("INSERT INTO ec.t VALUES (1, 'a'), (2, 'b'), (3, 'c'), (4, NULL)");
            assertEquals(List.of(List.of("1")), rows(c, "SELECT id FROM ec.t WHERE e < 'b'"));
            assertEquals(List.of(List.of("1"), List.of("2")), rows(c, "SELECT id FROM ec.t WHERE 'b' >= t.e ORDER BY id"));
            assertEquals(List.of(List.of("1"), List.of("2")), rows(c, "SELECT id FROM ec.t WHERE e BETWEEN 'a' AND 'b' ORDER BY id"));
            assertEquals(List.of(List.of("c", "a")), rows(c, "SELECT MAX(e), MIN(e) FROM ec.t"));
            assertEquals(List.of(List.of("2")), rows(c, "SELECT id FROM ec.t WHERE e < 2"));
            assertEquals(List.of(List.of("1"), List.of("3")), rows(c, "SELECT id FROM ec.t WHERE e IN (2, 3) ORDER BY id"));
            assertEquals(List.of(List.of("4"), List.of("2"), List.of("1"), List.of("3")), rows(c, "SELECT id FROM ec.t ORDER BY e"));
        }
    }

    /**
     * TINYINT(1), and BOOL / BOOLEAN, which MySQL makes TINYINT(1): a TINYINT that keeps any value
     * of its range (7 stays 7) and whose display width, 1, is sent with its results, so both
     * Connector/Js read it as a truth ({@code getObject} a Boolean), as from MySQL. BOOL had been the
     * engine's BOOLEAN, which stored 7 as 1 without a word; TINYINT(1) had lost its width (shown
     * tinyint(4), read as an Integer).
     */
    @Test
    void tinyintOfWidthOneAndBoolKeepTheirValuesAndReadAsTruths() throws Exception {
        try (MinisqldHarness server = MinisqldHarness.inProcess().name("tinyint1").serverId(1).start();
             Connection c = server.newConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE tb");
            st.execute("CREATE TABLE tb.t (id INT PRIMARY KEY, f TINYINT(1) NOT NULL DEFAULT 0, b BOOL, n TINYINT, w TINYINT(3))");
            assertEquals("CREATE TABLE `t` (\n  `id` int(11) NOT NULL,\n  `f` tinyint(1) NOT NULL DEFAULT '0',\n"
                    + "  `b` tinyint(1) DEFAULT NULL,\n  `n` tinyint(4) DEFAULT NULL,\n  `w` tinyint(4) DEFAULT NULL,\n"
                    + "  PRIMARY KEY (`id`)\n) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4", rows(c, "SHOW CREATE TABLE tb.t").get(0).get(1));
            st.execute("INSERT INTO tb.t VALUES (1, 1, 7, 5, 5), (2, 0, -3, 0, 0), (3, TRUE, FALSE, 1, 1)");
            assertEquals(List.of(List.of("1", "1", "7"), List.of("2", "0", "-3"), List.of("3", "1", "0")),
                    rows(c, "SELECT id, f, b FROM tb.t ORDER BY id"));
            assertEquals(List.of(List.of("1"), List.of("3")), rows(c, "SELECT id FROM tb.t WHERE f = TRUE ORDER BY id"));
            SQLException range = assertThrows(SQLException.class, () -> st.execute("INSERT INTO tb.t (id, b) VALUES (4, 300)"));
            assertEquals(1264, range.getErrorCode());
            for (Driver driver : Driver.values()) {
                try (Connection j = driver.connect(server, "tb"); Statement js = j.createStatement();
                     java.sql.ResultSet rs = js.executeQuery("SELECT f, b, n FROM t WHERE id = 1")) {
                    rs.next();
                    assertEquals(Boolean.TRUE, rs.getObject(1), driver.name());
                    assertEquals(1, rs.getMetaData().getPrecision(1), driver.name());
                    assertEquals(7, rs.getInt(2), driver.name());
                    assertTrue(!(rs.getObject(3) instanceof Boolean), driver.name());
                }
            }
        }
    }
}
