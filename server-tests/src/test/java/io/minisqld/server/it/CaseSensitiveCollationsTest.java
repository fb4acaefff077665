package io.minisqld.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.minisqld.testsupport.MinisqldHarness;
import io.minisqld.testsupport.Replication;
import io.minisqld.testsupport.SqlRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Columns of a case-sensitive collation ({@code utf8mb4_bin}, {@code latin1_bin}, {@code ascii_bin},
 * {@code latin1_general_cs}) compare as MySQL 5.7's {@code _bin} collations do — by code point,
 * trailing spaces not counting (manual 10.8.5: 5.7's collations are PAD SPACE) — in WHERE, ORDER BY,
 * GROUP BY, DISTINCT, MIN/MAX, LIKE and unique keys, whether the collation is the column's, its
 * table's default or its database's (manual 10.3.4, "Column Character Set and Collation"). The
 * server had taken the clause and compared such a column ignoring case, without a word: {@code
 * WHERE token = 'abc'} found 'ABC' too, and a unique key refused 'A' beside 'a' (1062). Also
 * {@code expr COLLATE name} in a query (1064 before), and the replica of a source in ROW format.
 */
class CaseSensitiveCollationsTest {
    @TempDir
    private static Path dir;
    private static MinisqldHarness source;
    private static MinisqldHarness replica;
    private static Connection connection;
    private static SqlRunner sql;

    @BeforeAll
    static void start() throws Exception {
        source = MinisqldHarness.inProcess().name("collations-source").in(dir).serverId(1).logBin().start();
        replica = MinisqldHarness.inProcess().name("collations-replica").in(dir).serverId(2).start();
        Replication.createReplicationUser(source);
        Replication.startReplica(replica, source.port(), "MASTER_LOG_FILE='mysql-bin.000001'", "MASTER_LOG_POS=4");
        connection = Driver.MARIADB.connect(source, "");
        sql = SqlRunner.on(connection);
        sql.executeAll("CREATE DATABASE cl", "USE cl");
    }

    @AfterAll
    static void stop() throws Exception {
        connection.close();
        try {
            replica.close();
        } finally {
            source.close();
        }
    }

    private static String showCreate(String table) throws Exception {
        return sql.rows("SHOW CREATE TABLE " + table).get(0).get(1);
    }

    @Test
    void aBinColumnTellsCaseInEveryComparison() throws Exception {
        sql.executeAll("CREATE TABLE tokens (id INT PRIMARY KEY, t VARCHAR(10) COLLATE utf8mb4_bin, KEY (t))",
                "INSERT INTO tokens VALUES (1, 'abc'), (2, 'ABC'), (3, 'abd'), (4, 'Abc ')");
        assertEquals(List.of(List.of("1")), sql.rows("SELECT id FROM tokens WHERE t = 'abc'"));
        // trailing spaces do not count (PAD SPACE), case does
        assertEquals(List.of(List.of("4")), sql.rows("SELECT id FROM tokens WHERE t = 'Abc'"));
        assertEquals(List.of(List.of("1"), List.of("3")), sql.rows("SELECT id FROM tokens WHERE t LIKE 'ab%' ORDER BY id"));
        assertEquals(List.of(List.of("1"), List.of("3")), sql.rows("SELECT id FROM tokens WHERE t IN ('abc', 'abd') ORDER BY id"));
        // by code point: upper case first
        assertEquals(List.of(List.of("ABC"), List.of("Abc "), List.of("abc"), List.of("abd")),
                sql.rows("SELECT t FROM tokens ORDER BY t"));
        assertEquals(List.of(List.of("4")), sql.rows("SELECT COUNT(DISTINCT t) FROM tokens"));
        assertEquals(List.of(List.of("ABC", "abd")), sql.rows("SELECT MIN(t), MAX(t) FROM tokens"));
        assertEquals(List.of(List.of("ABC"), List.of("Abc "), List.of("abc")),
                sql.rows("SELECT t FROM tokens WHERE t BETWEEN 'A' AND 'abc' ORDER BY t"));
        // a bound differing from the other in case only keeps its range (H2 would make it t = 'A')
        assertEquals(List.of(List.of("ABC"), List.of("Abc ")), sql.rows("SELECT t FROM tokens WHERE t BETWEEN 'A' AND 'a' ORDER BY t"));
        // beside a column of the default collation, the _bin one decides (MySQL's coercion rule)
        sql.executeAll("CREATE TABLE plain (id INT PRIMARY KEY, p VARCHAR(10))", "INSERT INTO plain VALUES (1, 'abc')");
        assertEquals(List.of(List.of("1")), sql.rows("SELECT tokens.id FROM tokens JOIN plain ON tokens.t = plain.p"));
        assertEquals(List.of(List.of("1"), List.of("2"), List.of("4")),
                sql.rows("SELECT id FROM tokens WHERE t COLLATE utf8mb4_general_ci = 'abc' ORDER BY id"));
    }

    @Test
    void aUniqueKeyOfABinColumnTakesValuesThatDifferInCase() throws Exception {
        sql.executeAll("CREATE TABLE codes (id INT PRIMARY KEY, c VARCHAR(8) CHARACTER SET latin1 COLLATE latin1_bin UNIQUE,"
                        + " h CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL, u TEXT COLLATE utf8mb4_bin,"
                        + " g VARCHAR(8) CHARACTER SET latin1 COLLATE latin1_general_cs, UNIQUE KEY hk (h))",
                "INSERT INTO codes VALUES (1, 'a', 'f00d', 'x', 'q'), (2, 'A', 'F00D', 'X', 'Q')");
        sql.assertError("INSERT INTO codes VALUES (3, 'a', 'beef', 'y', 'r')", 1062, "23000", "Duplicate entry 'a' for key 'c'");
        assertEquals(List.of(List.of("2")), sql.rows("SELECT id FROM codes WHERE h = 'F00D'"));
        assertEquals(List.of(List.of("2", "2")), sql.rows("SELECT COUNT(DISTINCT u), COUNT(DISTINCT g) FROM codes"));
        // a CHAR keeps no trailing spaces, as MySQL gives it back
        sql.execute("UPDATE codes SET h = CONCAT(h, '  ') WHERE id = 1");
        assertEquals(List.of(List.of("[f00d]")), sql.rows("SELECT CONCAT('[', h, ']') FROM codes WHERE id = 1"));
        assertEquals("CREATE TABLE `codes` (\n"
                + "  `id` int(11) NOT NULL,\n"
                + "  `c` varchar(8) CHARACTER SET latin1 COLLATE latin1_bin DEFAULT NULL,\n"
                + "  `h` char(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,\n"
                + "  `u` text CHARACTER SET utf8mb4 COLLATE utf8mb4_bin,\n"
                + "  `g` varchar(8) CHARACTER SET latin1 COLLATE latin1_bin DEFAULT NULL,\n"
                + "  PRIMARY KEY (`id`),\n"
                // a unique key over NOT NULL columns before the others, as MySQL lists them
                + "  UNIQUE KEY `hk` (`h`),\n"
                + "  UNIQUE KEY `c` (`c`)\n"
                + ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4", showCreate("codes"));
        assertEquals(List.of(List.of("id", "NULL"), List.of("c", "latin1_bin"), List.of("h", "ascii_bin"),
                        List.of("u", "utf8mb4_bin"), List.of("g", "latin1_bin")),
                sql.rows("SELECT COLUMN_NAME, COALESCE(COLLATION_NAME, 'NULL') FROM information_schema.COLUMNS"
                        + " WHERE TABLE_SCHEMA = 'cl' AND TABLE_NAME = 'codes' ORDER BY ORDINAL_POSITION"));
        assertEquals("ascii_bin", sql.rows("SHOW FULL COLUMNS FROM codes LIKE 'h'").get(0).get(2));
        // the replica, applying the rows, keeps both too
        Replication.awaitCaughtUp(replica, source);
        Replication.assertSameTables(source, replica, "cl");
        try (Connection r = Driver.MARIADB.connect(replica, "cl")) {
            assertEquals(List.of(List.of("2")), SqlRunner.on(r).rows("SELECT id FROM codes WHERE c = 'A'"));
        }
    }

    @Test
    void aTablesOrDatabasesBinDefaultIsItsNewColumnsCollation() throws Exception {
        sql.executeAll("CREATE TABLE keyed (id INT PRIMARY KEY, k VARCHAR(5), n CHAR(2)) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin",
                "ALTER TABLE keyed ADD m VARCHAR(5), ADD ci VARCHAR(5) CHARACTER SET utf8mb4",
                "INSERT INTO keyed VALUES (1, 'a', 'a', 'a', 'a'), (2, 'A', 'A', 'A', 'A')");
        assertEquals(List.of(List.of("2", "2", "2", "1")),
                sql.rows("SELECT COUNT(DISTINCT k), COUNT(DISTINCT n), COUNT(DISTINCT m), COUNT(DISTINCT ci) FROM keyed"));
        assertEquals("CREATE TABLE `keyed` (\n"
                + "  `id` int(11) NOT NULL,\n"
                + "  `k` varchar(5) COLLATE utf8mb4_bin DEFAULT NULL,\n"
                + "  `n` char(2) COLLATE utf8mb4_bin DEFAULT NULL,\n"
                + "  `m` varchar(5) COLLATE utf8mb4_bin DEFAULT NULL,\n"
                + "  `ci` varchar(5) CHARACTER SET utf8mb4 DEFAULT NULL,\n"
                + "  PRIMARY KEY (`id`)\n"
                + ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin", showCreate("keyed"));
        assertEquals("utf8mb4_bin", sql.value("SELECT TABLE_COLLATION FROM information_schema.TABLES"
                + " WHERE TABLE_SCHEMA = 'cl' AND TABLE_NAME = 'keyed'"));
        // MODIFY without a collation gives the column the table's; CONVERT TO every text column its own
        sql.execute("ALTER TABLE keyed MODIFY ci VARCHAR(6)");
        assertEquals("2", sql.value("SELECT COUNT(DISTINCT ci) FROM keyed"));
        sql.execute("DELETE FROM keyed WHERE id = 2");
        sql.execute("ALTER TABLE keyed CONVERT TO CHARACTER SET utf8mb4");
        sql.execute("INSERT INTO keyed VALUES (2, 'A', 'A', 'A', 'A')");
        assertEquals(List.of(List.of("1", "1", "1", "1")),
                sql.rows("SELECT COUNT(DISTINCT k), COUNT(DISTINCT n), COUNT(DISTINCT m), COUNT(DISTINCT ci) FROM keyed"));
        assertEquals(") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4", last(showCreate("keyed")));
        assertEquals("  `n` char(2) DEFAULT NULL,", showCreate("keyed").split("\n")[3]);

        sql.execute("CREATE DATABASE clbin /*!40100 DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin */");
        assertEquals("CREATE DATABASE `clbin` /*!40100 DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin */",
                sql.rows("SHOW CREATE DATABASE clbin").get(0).get(1));
        assertEquals("utf8mb4_bin", sql.value("SELECT DEFAULT_COLLATION_NAME FROM information_schema.SCHEMATA"
                + " WHERE SCHEMA_NAME = 'clbin'"));
        sql.executeAll("CREATE TABLE clbin.t (v VARCHAR(3))", "INSERT INTO clbin.t VALUES ('a'), ('A')");
        assertEquals("2", sql.value("SELECT COUNT(DISTINCT v) FROM clbin.t"));
        assertEquals(") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin", last(showCreate("clbin.t")));
        Replication.awaitCaughtUp(replica, source);
        Replication.assertSameTables(source, replica, "clbin");
    }

    private static String last(String createTable) {
        String[] lines = createTable.split("\n");
        return lines[lines.length - 1];
    }

    /**
     * A string function compares its arguments under the {@code _bin} collation when one of them has
     * it (manual 10.8.4, "Collation Coercibility in Expressions"), as REGEXP does (manual 12.7.2:
     * case-sensitive for a case-sensitive collation or a binary string). They ignored case.
     */
    @Test
    void stringFunctionsAndRegexpTellCaseForABinArgument() throws Exception {
        sql.executeAll("CREATE TABLE names (id INT PRIMARY KEY, n VARCHAR(10) COLLATE utf8mb4_bin, b VARBINARY(10))",
                "INSERT INTO names VALUES (1, 'abc', 'abc'), (2, 'ABC', 'ABC')");
        assertEquals(List.of(List.of("0", "2", "0", "0", "1"), List.of("2", "0", "1", "1", "0")),
                sql.rows("SELECT LOCATE('B', n), INSTR(n, 'b'), FIELD('ABC', n), FIND_IN_SET('ABC', n), STRCMP(n, 'ABC')"
                        + " FROM names ORDER BY id"));
        assertEquals(List.of(List.of("1")), sql.rows("SELECT id FROM names WHERE n REGEXP '^a'"));
        assertEquals(List.of(List.of("2")), sql.rows("SELECT id FROM names WHERE n NOT RLIKE '^a'"));
        assertEquals(List.of(List.of("2")), sql.rows("SELECT id FROM names WHERE b REGEXP '^A'"));
        // text of the default collation still ignores case
        assertEquals(List.of(List.of("1", "3")), sql.rows("SELECT 'ABC' REGEXP '^a', LOCATE('C', 'abc')"));
        assertEquals(1139, sql.error("SELECT 'a' REGEXP '('").getErrorCode());
    }

    /** MySQL 5.7 manual 10.8.1 ("Using COLLATE in SQL Statements"): the value compares as the collation named. */
    @Test
    void collateInAQueryChoosesHowAValueCompares() throws Exception {
        assertEquals(List.of(List.of("0", "0", "1", "1")), sql.rows("SELECT 'a' = 'A' COLLATE utf8mb4_bin,"
                + " 'a' COLLATE utf8mb4_bin = 'A', 'a' = 'A' COLLATE utf8mb4_general_ci, CONCAT('a', 'b') COLLATE utf8mb4_bin = 'ab'"));
        sql.executeAll("CREATE TABLE words (id INT PRIMARY KEY, w VARCHAR(10))", "INSERT INTO words VALUES (1, 'abc'), (2, 'ABC')");
        assertEquals(List.of(List.of("1")), sql.rows("SELECT id FROM words WHERE w = 'abc' COLLATE utf8mb4_bin"));
        assertEquals(List.of(List.of("2")), sql.rows("SELECT id FROM words WHERE words.w COLLATE utf8mb4_bin LIKE 'A%'"));
        assertEquals(List.of(List.of("2"), List.of("1")), sql.rows("SELECT id FROM words ORDER BY w COLLATE utf8mb4_bin"));
        sql.assertError("SELECT 'a' COLLATE nosuch_ci", 1273, "HY000", "Unknown collation: 'nosuch_ci'");
    }
}
