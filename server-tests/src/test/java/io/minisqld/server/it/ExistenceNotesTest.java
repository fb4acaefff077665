package io.minisqld.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.minisqld.testsupport.MinisqldHarness;
import io.minisqld.testsupport.SqlRunner;
import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The notes MySQL 5.7 leaves when IF [NOT] EXISTS passes over a name (they had been silent, so
 * {@code SHOW WARNINGS} and the OK packet's warning count differed from MySQL's), 1091 for
 * ALTER TABLE … DROP of a column that is not there (it was 1054), ALTER TABLE's other column
 * errors, and the rows CREATE TABLE … SELECT reports.
 */
class ExistenceNotesTest {
    private static MinisqldHarness server;
    private static Connection connection;
    private static SqlRunner sql;

    @BeforeAll
    static void start() throws Exception {
        server = MinisqldHarness.inProcess().name("existence-notes").serverId(1).start();
        connection = Driver.MARIADB.connect(server, "");
        sql = SqlRunner.on(connection);
        sql.executeAll("CREATE DATABASE en", "USE en", "CREATE TABLE t (id INT PRIMARY KEY)");
    }

    @AfterAll
    static void stop() throws Exception {
        connection.close();
        server.close();
    }

    /** The notes the statement left, as SHOW WARNINGS lists them. */
    private static List<List<String>> notesOf(String statement) throws Exception {
        sql.execute(statement);
        return sql.rows("SHOW WARNINGS");
    }

    private static List<List<String>> note(int code, String message) {
        return List.of(List.of("Note", Integer.toString(code), message));
    }

    @Test
    void ifExistsAndIfNotExistsLeaveMysqlsNotes() throws Exception {
        assertEquals(note(1050, "Table 't' already exists"), notesOf("CREATE TABLE IF NOT EXISTS t (id INT PRIMARY KEY)"));
        // CREATE … SELECT of a table that exists inserts nothing
        assertEquals(note(1050, "Table 't' already exists"), notesOf("CREATE TABLE IF NOT EXISTS t AS SELECT 5 AS id"));
        assertEquals(List.of(List.of("0")), sql.rows("SELECT COUNT(*) FROM t"));
        assertEquals(List.of(List.of("Note", "1051", "Unknown table 'en.nope'"), List.of("Note", "1051",
                "Unknown table 'en.nope2'")), notesOf("DROP TABLE IF EXISTS nope, nope2"));
        sql.execute("CREATE TEMPORARY TABLE tmp (id INT)");
        assertEquals(note(1050, "Table 'tmp' already exists"), notesOf("CREATE TEMPORARY TABLE IF NOT EXISTS tmp (id INT)"));
        assertEquals(List.of(), notesOf("DROP TABLE IF EXISTS tmp"));
        assertEquals(note(1051, "Unknown table 'en.tmp'"), notesOf("DROP TEMPORARY TABLE IF EXISTS tmp"));
        assertEquals(note(1360, "Trigger does not exist"), notesOf("DROP TRIGGER IF EXISTS no_trigger"));
        assertEquals(note(3162, "User 'nobody_here'@'%' does not exist."), notesOf("DROP USER IF EXISTS 'nobody_here'@'%'"));
        assertEquals(note(3162, "User 'nobody_here'@'%' does not exist."),
                notesOf("ALTER USER IF EXISTS 'nobody_here'@'%' ACCOUNT LOCK"));
        sql.execute("CREATE USER 'someone'@'%'");
        assertEquals(note(3163, "User 'someone'@'%' already exists."), notesOf("CREATE USER IF NOT EXISTS 'someone'@'%'"));
        sql.execute("DROP USER 'someone'@'%'");
    }

    @Test
    void droppingAColumnThatIsNotThereIs1091() throws Exception {
        sql.assertError("ALTER TABLE t DROP COLUMN nope", 1091, "42000", "Can't DROP 'nope'; check that column/key exists");
        sql.assertError("ALTER TABLE t DROP nope", 1091, "42000", "Can't DROP 'nope'; check that column/key exists");
        sql.assertError("SELECT nope FROM t", 1054, "42S22", "Unknown column 'nope' in 'field list'");
    }

    /**
     * ALTER TABLE's errors for columns as MySQL 5.7's: an unknown column names the table (it named
     * 'field list'), a column added twice is 1060 (it was 1105 with the engine's message).
     */
    @Test
    void alterTableOfAnUnknownOrDuplicateColumnIsMysqlsError() throws Exception {
        sql.executeAll("CREATE TABLE a (id INT PRIMARY KEY, v INT)");
        sql.assertError("ALTER TABLE a CHANGE nope z INT", 1054, "42S22", "Unknown column 'nope' in 'a'");
        sql.assertError("ALTER TABLE en.a MODIFY nope INT", 1054, "42S22", "Unknown column 'nope' in 'a'");
        sql.assertError("ALTER TABLE a ADD COLUMN v INT", 1060, "42S21", "Duplicate column name 'v'");
        // moving a column the table keeps is refused (it was 1064); a new one goes where asked
        sql.assertError("ALTER TABLE a MODIFY v BIGINT AFTER id", 1235, "42000", "This version of MySQL doesn't yet"
                + " support 'CHANGE or MODIFY of a column with FIRST or AFTER (moving a column)'");
        sql.executeAll("ALTER TABLE a ADD COLUMN w INT FIRST, DROP COLUMN w");
        // MySQL takes a dropped column out of the keys of several columns; refused here, never half done
        sql.executeAll("ALTER TABLE a ADD UNIQUE KEY uv (v, id)");
        sql.assertError("ALTER TABLE a DROP COLUMN v", 1235, "42000", "This version of MySQL doesn't yet support"
                + " 'dropping a column that a key of several columns includes; drop or change the key first'");
        sql.executeAll("ALTER TABLE a DROP KEY uv, DROP COLUMN v");
        // a key the rows do not fit names the key (it named the engine's index, uk_INDEX_…)
        sql.executeAll("INSERT INTO a VALUES (1), (2)", "ALTER TABLE a ADD COLUMN w INT DEFAULT 5");
        sql.assertError("ALTER TABLE a ADD UNIQUE KEY uk (w)", 1062, "23000", "Duplicate entry '5' for key 'uk'");
        sql.assertError("ALTER TABLE a ADD UNIQUE KEY (w)", 1062, "23000", "Duplicate entry '5' for key 'w'");
        sql.executeAll("DROP TABLE a");
    }

    /** CREATE TABLE … SELECT reports the rows it inserted, as MySQL's (it reported none). */
    @Test
    void createTableSelectCountsItsRows() throws Exception {
        sql.executeAll("CREATE TABLE src (id INT PRIMARY KEY)", "INSERT INTO src VALUES (1), (2), (3)");
        try (java.sql.Statement st = connection.createStatement()) {
            assertEquals(2, st.executeUpdate("CREATE TABLE copy1 SELECT id FROM src WHERE id > 1"));
            assertEquals(3, st.executeUpdate("CREATE TEMPORARY TABLE copy2 AS SELECT id * 2 AS d FROM src"));
            assertEquals(0, st.executeUpdate("CREATE TABLE copy3 SELECT id FROM src WHERE id > 5"));
        }
        sql.executeAll("DROP TABLE src, copy1, copy3", "DROP TEMPORARY TABLE copy2");
    }

    /** A UNION's ORDER BY of what its result has not is MySQL 5.7's 1250 or 1054 (both were 1105). */
    @Test
    void unionOrderedByANameItsResultHasNotIsMysqlsError() throws Exception {
        sql.executeAll("CREATE TABLE u1 (a INT, b INT)", "CREATE TABLE u2 (a INT, b INT)");
        sql.assertError("(SELECT a, b FROM u1) UNION ALL (SELECT a, b FROM u2) ORDER BY u1.b", 1250, "42000",
                "Table 'u1' from one of the SELECTs cannot be used in global ORDER clause");
        sql.assertError("SELECT a FROM u1 UNION SELECT a FROM u2 ORDER BY b", 1054, "42S22",
                "Unknown column 'b' in 'order clause'");
        assertEquals(List.of(), sql.rows("SELECT a FROM u1 UNION SELECT a FROM u2 ORDER BY a DESC"));
        sql.executeAll("DROP TABLE u1, u2");
    }
}
