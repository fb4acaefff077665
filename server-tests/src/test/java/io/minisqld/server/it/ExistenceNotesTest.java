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
 * {@code SHOW WARNINGS} and the OK packet's warning count differed from MySQL's), and 1091 for
 * ALTER TABLE … DROP of a column that is not there (it was 1054).
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
}
