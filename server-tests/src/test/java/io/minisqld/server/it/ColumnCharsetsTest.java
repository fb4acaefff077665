package io.minisqld.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minisqld.testsupport.MinisqldHarness;
import io.minisqld.testsupport.SqlRunner;
import java.sql.Connection;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The character sets of columns, tables and databases as MySQL 5.7 keeps them (a column's
 * {@code CHARACTER SET} / {@code CHARSET} / {@code COLLATE}, else its table's {@code DEFAULT
 * CHARSET}, else its database's): shown by SHOW CREATE TABLE, SHOW FULL COLUMNS, SHOW CREATE
 * DATABASE and information_schema, carried through ALTER TABLE, and enforced in strict mode — a
 * character the column's set lacks is 1366 "Incorrect string value", nothing stored. The server had
 * accepted the clauses and stored every column as utf8mb4, so a latin1 column took any character
 * and was logged in ROW format as utf8mb4 (RowFormatBinlogTest shows the replicas now).
 */
class ColumnCharsetsTest {
    private static MinisqldHarness server;
    private static Connection connection;
    private static SqlRunner sql;

    /** MySQL's strict-mode refusal of bytes that are no character of the column's set: 1366. */
    private static void assertIncorrectString(String statement, String bytes, String column, int row) throws Exception {
        sql.assertError(statement, 1366, "HY000",
                "Incorrect string value: '" + bytes + "' for column '" + column + "' at row " + row);
    }

    @BeforeAll
    static void start() throws Exception {
        server = MinisqldHarness.inProcess().name("charsets").serverId(1).start();
        connection = Driver.MARIADB.connect(server, "");
        sql = SqlRunner.on(connection);
        sql.executeAll("CREATE DATABASE cs", "USE cs");
    }

    @AfterAll
    static void stop() throws Exception {
        connection.close();
        server.close();
    }

    private static String showCreate(String table) throws Exception {
        return sql.rows("SHOW CREATE TABLE " + table).get(0).get(1);
    }

    @Test
    void tableAndColumnSetsAreKeptAndShownAsMysqlShowsThem() throws Exception {
        sql.execute("CREATE TABLE shown (id INT PRIMARY KEY, a VARCHAR(10), b VARCHAR(10) CHARACTER SET utf8mb4,"
                + " c TEXT, d CHAR(3) CHARSET ascii, e VARCHAR(5) COLLATE utf8_bin, n INT) DEFAULT CHARSET=latin1");
        assertEquals("CREATE TABLE `shown` (\n"
                + "  `id` int(11) NOT NULL,\n"
                + "  `a` varchar(10) DEFAULT NULL,\n"
                + "  `b` varchar(10) CHARACTER SET utf8mb4 DEFAULT NULL,\n"
                + "  `c` text,\n"
                + "  `d` char(3) CHARACTER SET ascii DEFAULT NULL,\n"
                + "  `e` varchar(5) CHARACTER SET utf8 COLLATE utf8_bin DEFAULT NULL,\n"
                + "  `n` int(11) DEFAULT NULL,\n"
                + "  PRIMARY KEY (`id`)\n"
                + ") ENGINE=InnoDB DEFAULT CHARSET=latin1", showCreate("shown"));
        assertEquals(List.of(List.of("id", "NULL"), List.of("a", "latin1_swedish_ci"), List.of("b", "utf8mb4_general_ci"),
                        List.of("c", "latin1_swedish_ci"), List.of("d", "ascii_general_ci"), List.of("e", "utf8_bin"),
                        List.of("n", "NULL")),
                fullColumns("shown"));
        assertEquals(List.of(List.of("a", "latin1", "latin1_swedish_ci", "10", "10"),
                        List.of("b", "utf8mb4", "utf8mb4_general_ci", "10", "40"),
                        List.of("c", "latin1", "latin1_swedish_ci", "65535", "65535"),
                        List.of("d", "ascii", "ascii_general_ci", "3", "3"),
                        List.of("e", "utf8", "utf8_bin", "5", "15")),
                sql.rows("SELECT COLUMN_NAME, CHARACTER_SET_NAME, COLLATION_NAME, CHARACTER_MAXIMUM_LENGTH,"
                        + " CHARACTER_OCTET_LENGTH FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = 'cs'"
                        + " AND TABLE_NAME = 'shown' AND CHARACTER_SET_NAME IS NOT NULL ORDER BY ORDINAL_POSITION"));
        assertEquals("latin1_swedish_ci", sql.value("SELECT TABLE_COLLATION FROM information_schema.TABLES"
                + " WHERE TABLE_SCHEMA = 'cs' AND TABLE_NAME = 'shown'"));
        // CREATE TABLE … LIKE copies the sets
        sql.execute("CREATE TABLE shown_copy LIKE shown");
        assertEquals(showCreate("shown").replace("`shown`", "`shown_copy`"), showCreate("shown_copy"));
    }

    /**
     * information_schema.COLUMNS' lengths of the other string types, as MySQL 5.7 gives them (they
     * were NULL, and a SET had no character set): a binary string's and a BLOB's in bytes, an
     * ENUM's longest member, a SET's members and the commas between them, each times the set's
     * longest character.
     */
    @Test
    void binaryBlobEnumAndSetColumnsHaveMysqlsLengths() throws Exception {
        sql.execute("CREATE TABLE lengths (u BINARY(4), v VARBINARY(8), b BLOB, tb TINYBLOB, mb MEDIUMBLOB, lb LONGBLOB,"
                + " e ENUM('a', 'bcd', 'é''s'), s SET('x', 'yy', 'zzz'))");
        assertEquals(List.of(Arrays.asList("u", "4", "4", null), Arrays.asList("v", "8", "8", null),
                        Arrays.asList("b", "65535", "65535", null), Arrays.asList("tb", "255", "255", null),
                        Arrays.asList("mb", "16777215", "16777215", null),
                        Arrays.asList("lb", "4294967295", "4294967295", null),
                        Arrays.asList("e", "3", "12", "utf8mb4"), Arrays.asList("s", "8", "32", "utf8mb4")),
                sql.rows("SELECT COLUMN_NAME, CHARACTER_MAXIMUM_LENGTH, CHARACTER_OCTET_LENGTH, CHARACTER_SET_NAME"
                        + " FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = 'cs' AND TABLE_NAME = 'lengths'"
                        + " ORDER BY ORDINAL_POSITION"));
    }

    /**
     * A hex literal stored into a text column is the column's characters, as MySQL's binary string
     * converted to the column's set: X'C3A9' into a utf8mb4 column is é, X'E9' into a latin1 one
     * is é, and bytes that are no character of the set are strict mode's 1366 naming them, the
     * column and the row; an introducer reads the bytes in its set (_latin1 X'E9' is é). The engine
     * had made every such byte U+FFFD and stored that without a word (X'FF' stored EF BF BD).
     */
    @Test
    void hexLiteralsStoredIntoTextAreTheColumnsCharacters() throws Exception {
        sql.execute("CREATE TABLE hexes (id INT AUTO_INCREMENT PRIMARY KEY, s VARCHAR(10) CHARACTER SET utf8mb4,"
                + " l VARCHAR(10) CHARACTER SET latin1, b VARBINARY(4))");
        sql.execute("INSERT INTO hexes (s) VALUES (X'C3A9'), (0x41), (_latin1 X'E9'), (_utf8mb4 X'C3A9')");
        sql.execute("INSERT INTO hexes (l, b) VALUES (X'E9', X'FF')");
        assertEquals(List.of(Arrays.asList("é", null, null), Arrays.asList("A", null, null),
                        Arrays.asList("é", null, null), Arrays.asList("é", null, null), Arrays.asList(null, "é", "FF")),
                sql.rows("SELECT s, l, HEX(b) FROM hexes ORDER BY id"));
        assertIncorrectString("INSERT INTO hexes (s) VALUES (X'FF')", "\\xFF", "s", 1);
        assertIncorrectString("INSERT INTO hexes (s) VALUES ('ok'), (X'41FF42')", "\\xFFB", "s", 2);
        assertIncorrectString("UPDATE hexes SET s = 0xFE WHERE id = 1", "\\xFE", "s", 1);
        // nothing of the refused statements is stored
        assertEquals(List.of(List.of("C3A9")), sql.rows("SELECT HEX(s) FROM hexes WHERE id = 1"));
        assertEquals(List.of(List.of("5")), sql.rows("SELECT COUNT(*) FROM hexes"));
        assertEquals(List.of(List.of("é")), sql.rows("SELECT _latin1 X'E9'"));
    }

    /**
     * A binary string that is no literal, stored into a text column, is its bytes read as UTF-8 as
     * well: a VARBINARY column's value (UPDATE … SET s = b, INSERT … SELECT b), UNHEX(…),
     * CONCAT(…, X'FF'), ON DUPLICATE KEY UPDATE; ALTER TABLE … MODIFY / CHANGE of a VARBINARY
     * column to VARCHAR reads its rows first. Bytes that are no character are 1366 naming the
     * column and row, and nothing changes; the engine had stored U+FFFD for each. (SET s = b had
     * been 1064: the assignment was read as a comparison of a text and a binary column.)
     */
    @Test
    void binaryStringsStoredIntoTextAreTheirCharactersOr1366() throws Exception {
        sql.execute("CREATE TABLE bins (id INT PRIMARY KEY, s VARCHAR(10) CHARACTER SET utf8mb4, b VARBINARY(4))");
        sql.execute("INSERT INTO bins VALUES (1, NULL, X'FF'), (2, NULL, X'41'), (3, NULL, X'C3A9')");
        assertIncorrectString("UPDATE bins SET s = b WHERE id = 1", "\\xFF", "s", 1);
        sql.execute("UPDATE bins SET s = b WHERE id > 1");
        assertIncorrectString("INSERT INTO bins (id, s) SELECT 4, b FROM bins WHERE id = 1", "\\xFF", "s", 1);
        sql.execute("INSERT INTO bins (id, s) SELECT id + 10, b FROM bins WHERE id > 1");
        assertIncorrectString("INSERT INTO bins (id, s) VALUES (5, CONCAT('a', X'FF'))", "\\xFF", "s", 1);
        assertIncorrectString("INSERT INTO bins (id, s) VALUES (5, UNHEX('FF'))", "\\xFF", "s", 1);
        sql.execute("INSERT INTO bins (id, s) VALUES (6, UNHEX('C3A9'))");
        sql.assertError("INSERT INTO bins (id, s) VALUES (6, 'z') ON DUPLICATE KEY UPDATE s = UNHEX('FE')", 1366,
                "HY000", "Incorrect string value: '\\xFE' for column 's' at row 1");
        assertEquals(List.of(Arrays.asList("1", null), List.of("2", "A"), List.of("3", "é"), List.of("6", "é"),
                        List.of("12", "A"), List.of("13", "é")), sql.rows("SELECT id, s FROM bins ORDER BY id"));
        assertIncorrectString("ALTER TABLE bins MODIFY b VARCHAR(4)", "\\xFF", "b", 1);
        assertTrue(showCreate("bins").contains("`b` varbinary(4) DEFAULT NULL"), showCreate("bins"));
        sql.execute("DELETE FROM bins WHERE id = 1");
        sql.execute("ALTER TABLE bins CHANGE b t VARCHAR(4)");
        assertEquals(List.of(List.of("2", "A"), List.of("3", "é")), sql.rows("SELECT id, t FROM bins WHERE id < 4 ORDER BY id"));
    }

    /**
     * LENGTH, OCTET_LENGTH, BIT_LENGTH and HEX of a latin1 or ascii column count and show the
     * column's bytes in its set, as MySQL's (é€ in latin1 is E9 80: 2 bytes; they gave its UTF-8,
     * 5 bytes, so a WHERE LENGTH(l) > 3 chose other rows than MySQL's).
     */
    @Test
    void lengthAndHexOfASingleByteSetColumnCountItsSetsBytes() throws Exception {
        sql.execute("CREATE TABLE lens (id INT PRIMARY KEY, l VARCHAR(10) CHARACTER SET latin1,"
                + " a VARCHAR(5) CHARACTER SET ascii, u VARCHAR(5) CHARACTER SET utf8mb4)");
        sql.execute("INSERT INTO lens VALUES (1, 'é€', 'ab', 'é'), (2, 'abcd', 'x', 'abcd')");
        assertEquals(List.of(List.of("2", "2", "16", "E980", "2", "6162", "2", "C3A9", "16")),
                sql.rows("SELECT LENGTH(l), OCTET_LENGTH(l), BIT_LENGTH(l), HEX(l), LENGTH(a), HEX(lens.a), LENGTH(u),"
                        + " HEX(u), BIT_LENGTH(u) FROM lens WHERE id = 1"));
        assertEquals(List.of(List.of("2")), sql.rows("SELECT id FROM lens WHERE LENGTH(l) > 3"));
    }

    /** SHOW FULL COLUMNS' Field and Collation (NULL for a column of no set). */
    private static List<List<String>> fullColumns(String table) throws Exception {
        List<List<String>> out = new java.util.ArrayList<>();
        for (List<String> r : sql.rows("SHOW FULL COLUMNS FROM " + table)) {
            out.add(List.of(r.get(0), r.get(2) == null ? "NULL" : r.get(2)));
        }
        return out;
    }

    @Test
    void aCharacterTheColumnsSetLacksIsRefusedWith1366() throws Exception {
        sql.execute("CREATE TABLE strict1 (id INT PRIMARY KEY, l VARCHAR(10) CHARACTER SET latin1,"
                + " a VARCHAR(10) CHARACTER SET ascii, u3 VARCHAR(10) CHARACTER SET utf8, u4 VARCHAR(10))");
        // latin1 is Windows-1252 in MySQL: € and Ÿ are latin1 characters
        sql.execute("INSERT INTO strict1 VALUES (1, '€éÿŸ', 'plain', 'ñ中', '中😀')");
        assertEquals(List.of(List.of("1", "€éÿŸ", "plain", "ñ中", "中😀")), sql.rows("SELECT * FROM strict1"));
        assertIncorrectString("INSERT INTO strict1 (id, l) VALUES (2, 'a中b')", "\\xE4\\xB8\\xADb", "l", 1);
        assertIncorrectString("INSERT INTO strict1 (id, a) VALUES (2, 'é')", "\\xC3\\xA9", "a", 1);
        assertIncorrectString("INSERT INTO strict1 (id, u3) VALUES (2, 'x😀')", "\\xF0\\x9F\\x98\\x80", "u3", 1);
        assertIncorrectString("UPDATE strict1 SET l = CONCAT(l, '中') WHERE id = 1", "\\xE4\\xB8\\xAD", "l", 1);
        // nothing of the refused statements is stored, and the server goes on
        assertEquals(List.of(List.of("1", "€éÿŸ")), sql.rows("SELECT id, l FROM strict1"));
        sql.execute("INSERT INTO strict1 (id, l) SELECT 2, CONCAT(l, '!') FROM strict1 WHERE id = 1");
        assertEquals("€éÿŸ!", sql.value("SELECT l FROM strict1 WHERE id = 2"));
    }

    @Test
    void alterTableCarriesAndChangesTheSets() throws Exception {
        sql.execute("CREATE TABLE altered (id INT PRIMARY KEY, v VARCHAR(10)) CHARACTER SET = latin1");
        // a new column takes the table's set
        sql.execute("ALTER TABLE altered ADD COLUMN w VARCHAR(5), ADD COLUMN x VARCHAR(5) CHARACTER SET utf8mb4");
        sql.execute("INSERT INTO altered VALUES (1, 'é', 'ü', '中')");
        assertIncorrectString("INSERT INTO altered VALUES (2, 'a', '中', 'b')", "\\xE4\\xB8\\xAD", "w", 1);
        // MODIFY redefines the column: without a set it takes the table's; rows that do not fit refuse it
        assertIncorrectString("ALTER TABLE altered MODIFY x VARCHAR(5)", "\\xE4\\xB8\\xAD", "x", 1);
        assertEquals("  `x` varchar(5) CHARACTER SET utf8mb4 DEFAULT NULL,", showCreate("altered").split("\n")[4]);
        sql.execute("ALTER TABLE altered MODIFY v VARCHAR(12) CHARACTER SET utf8mb4");
        assertIncorrectString("ALTER TABLE altered CHANGE w w2 VARCHAR(6) CHARACTER SET ascii", "\\xC3\\xBC", "w2", 1);
        sql.execute("UPDATE altered SET w = 'u'");
        sql.execute("ALTER TABLE altered CHANGE w w2 VARCHAR(6) CHARACTER SET ascii");
        assertIncorrectString("UPDATE altered SET w2 = 'é'", "\\xC3\\xA9", "w2", 1);
        sql.execute("UPDATE altered SET w2 = 'ok', v = '中'");
        // a table option alone changes the default for columns added later, not the columns
        sql.execute("ALTER TABLE altered DEFAULT CHARSET = utf8");
        assertEquals("CREATE TABLE `altered` (\n"
                + "  `id` int(11) NOT NULL,\n"
                + "  `v` varchar(12) CHARACTER SET utf8mb4 DEFAULT NULL,\n"
                + "  `w2` varchar(6) CHARACTER SET ascii DEFAULT NULL,\n"
                + "  `x` varchar(5) CHARACTER SET utf8mb4 DEFAULT NULL,\n"
                + "  PRIMARY KEY (`id`)\n"
                + ") ENGINE=InnoDB DEFAULT CHARSET=utf8", showCreate("altered"));
        // CONVERT TO changes every text column and the default
        sql.execute("ALTER TABLE altered CONVERT TO CHARACTER SET utf8mb4");
        assertEquals("CREATE TABLE `altered` (\n"
                + "  `id` int(11) NOT NULL,\n"
                + "  `v` varchar(12) DEFAULT NULL,\n"
                + "  `w2` varchar(6) DEFAULT NULL,\n"
                + "  `x` varchar(5) DEFAULT NULL,\n"
                + "  PRIMARY KEY (`id`)\n"
                + ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4", showCreate("altered"));
        sql.execute("UPDATE altered SET w2 = '中'");
        // a column made another type loses its set
        sql.execute("CREATE TABLE retyped (id INT PRIMARY KEY, v VARCHAR(10) CHARACTER SET latin1)");
        sql.execute("ALTER TABLE retyped MODIFY v INT");
        sql.execute("ALTER TABLE retyped MODIFY v VARCHAR(10)");
        sql.execute("INSERT INTO retyped VALUES (1, '中')");
        assertEquals("  `v` varchar(10) DEFAULT NULL,", showCreate("retyped").split("\n")[2]);
    }

    @Test
    void aDatabasesSetIsItsNewTablesDefault() throws Exception {
        sql.execute("CREATE DATABASE l1 /*!40100 DEFAULT CHARACTER SET latin1 */");
        assertEquals("CREATE DATABASE `l1` /*!40100 DEFAULT CHARACTER SET latin1 */",
                sql.rows("SHOW CREATE DATABASE l1").get(0).get(1));
        assertEquals(List.of("latin1", "latin1_swedish_ci"), sql.rows("SELECT DEFAULT_CHARACTER_SET_NAME,"
                + " DEFAULT_COLLATION_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = 'l1'").get(0));
        sql.execute("CREATE TABLE l1.t (v VARCHAR(3))");
        sql.execute("CREATE TABLE l1.u (v VARCHAR(3)) CHARSET utf8mb4");
        assertEquals(") ENGINE=InnoDB DEFAULT CHARSET=latin1", last(showCreate("l1.t")));
        assertEquals(") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4", last(showCreate("l1.u")));
        sql.execute("CREATE DATABASE u8 COLLATE utf8mb4_unicode_ci");
        assertEquals("CREATE DATABASE `u8` /*!40100 DEFAULT CHARACTER SET utf8mb4 */",
                sql.rows("SHOW CREATE DATABASE u8").get(0).get(1));
    }

    private static String last(String createTable) {
        String[] lines = createTable.split("\n");
        return lines[lines.length - 1];
    }

    @Test
    void aColumnNamedCharsetAndQueriesInCreateTableAreLeftAlone() throws Exception {
        // charset is no reserved word: a column may have that name
        sql.execute("CREATE TABLE named (id INT PRIMARY KEY, charset VARCHAR(32), collate2 INT)");
        sql.execute("ALTER TABLE named MODIFY charset VARCHAR(64) CHAR SET latin1");
        sql.execute("ALTER TABLE named ALTER COLUMN charset SET DEFAULT 'utf8mb4'");
        sql.execute("ALTER TABLE named ADD (a VARCHAR(10) CHARSET latin1, b INT), ADD INDEX charset_i (charset)");
        assertEquals(List.of(List.of("charset", "latin1"), List.of("a", "latin1")), sql.rows("SELECT COLUMN_NAME,"
                + " CHARACTER_SET_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = 'cs' AND TABLE_NAME = 'named'"
                + " AND CHARACTER_SET_NAME IS NOT NULL ORDER BY ORDINAL_POSITION"));
        sql.execute("INSERT INTO named (id) VALUES (1)");
        assertEquals("utf8mb4", sql.value("SELECT charset FROM named"));
        // a column CREATE TABLE … SELECT makes from its query keeps its own set, not the table's
        sql.execute("CREATE TABLE src (v VARCHAR(10))");
        sql.execute("INSERT INTO src VALUES ('中')");
        sql.execute("CREATE TABLE copied DEFAULT CHARSET=latin1 SELECT v FROM src");
        assertEquals("中", sql.value("SELECT v FROM copied"));
        assertEquals("utf8mb4", sql.value("SELECT CHARACTER_SET_NAME FROM information_schema.COLUMNS"
                + " WHERE TABLE_SCHEMA = 'cs' AND TABLE_NAME = 'copied'"));
        // a temporary table keeps its columns' sets too
        sql.execute("CREATE TEMPORARY TABLE temp1 (v VARCHAR(5) CHARACTER SET latin1, w VARCHAR(5))");
        sql.execute("INSERT INTO temp1 VALUES ('é', '中')");
        assertIncorrectString("INSERT INTO temp1 VALUES ('中', 'x')", "\\xE4\\xB8\\xAD", "v", 1);
        sql.execute("DROP TEMPORARY TABLE temp1");
        sql.assertError("CREATE TABLE bad6 (v VARCHAR(3) CHARACTER SET latin1 NOT NULL COLLATE utf8_bin)", 1253, "42000",
                "COLLATION 'utf8_bin' is not valid for CHARACTER SET 'latin1'");
    }

    @Test
    void unknownOrMismatchedSetsAndCollationsAreMysqlsErrors() throws Exception {
        sql.assertError("CREATE TABLE bad1 (v VARCHAR(3) CHARACTER SET nosuch)", 1115, "42000",
                "Unknown character set: 'nosuch'");
        sql.assertError("CREATE TABLE bad2 (v VARCHAR(3) COLLATE nosuch_ci)", 1273, "HY000", "Unknown collation: 'nosuch_ci'");
        sql.assertError("CREATE TABLE bad3 (v VARCHAR(3) CHARACTER SET latin1 COLLATE utf8mb4_bin)", 1253, "42000",
                "COLLATION 'utf8mb4_bin' is not valid for CHARACTER SET 'latin1'");
        sql.assertError("CREATE TABLE bad4 (v VARCHAR(3)) DEFAULT CHARSET=koi8r", 1235, "42000",
                "This version of MySQL doesn't yet support 'character set 'koi8r''");
        sql.assertError("CREATE DATABASE bad5 CHARACTER SET latin1 COLLATE utf8_bin", 1253, "42000",
                "COLLATION 'utf8_bin' is not valid for CHARACTER SET 'latin1'");
        assertEquals(List.of(), sql.rows("SELECT TABLE_NAME FROM information_schema.TABLES"
                + " WHERE TABLE_SCHEMA = 'cs' AND TABLE_NAME LIKE 'bad%'"));
    }

    /**
     * MySQL 5.7 manual 10.8.5 ("Trailing Space Handling in Comparisons": all of 5.7's collations are
     * PAD SPACE): trailing spaces do not count when strings are compared, grouped or kept unique,
     * though a VARCHAR keeps them; LIKE counts them. Before, {@code WHERE v = 'trail'} missed a
     * stored 'trail  ' and a unique key took both.
     */
    @Test
    void trailingSpacesDoNotCountInComparisons() throws Exception {
        sql.executeAll("CREATE TABLE pad (id INT PRIMARY KEY, v VARCHAR(10), u VARCHAR(10), UNIQUE KEY (u))",
                "INSERT INTO pad VALUES (1, 'trail  ', 'k'), (2, 'trail', 'k2'), (3, 'Trail ', NULL)");
        assertEquals(List.of(List.of("1"), List.of("2"), List.of("3")), sql.rows("SELECT id FROM pad WHERE v = 'trail' ORDER BY id"));
        assertEquals(List.of(List.of("1", "1", "0", "1")),
                sql.rows("SELECT 'a' = 'a  ', 'a ' <= 'a', 'a ' > 'a', 'a' IN ('x', 'a ')"));
        assertEquals(List.of(List.of("3")), sql.rows("SELECT COUNT(*) FROM pad GROUP BY v"));
        assertEquals(List.of(List.of("1")), sql.rows("SELECT COUNT(DISTINCT v) FROM pad"));
        assertEquals(List.of(List.of("2")), sql.rows("SELECT id FROM pad WHERE v LIKE 'trail'"));
        // the value keeps its spaces
        assertEquals(List.of(List.of("[trail  ]")), sql.rows("SELECT CONCAT('[', v, ']') FROM pad WHERE id = 1"));
        // one of them only in a unique key (the message names the stored value; MySQL's the new one)
        sql.assertError("INSERT INTO pad VALUES (4, 'x', 'k ')", 1062, "23000", "Duplicate entry 'k' for key 'u'");
        sql.execute("DROP TABLE pad");
    }
}
