package io.minisqld.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minisqld.testcommon.Program;
import io.minisqld.testsupport.MinisqldHarness;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The real {@code mariadb} command-line client (10.11) against one server: what it prints in batch
 * mode, in {@code --table} mode and on errors, byte for byte, and a script piped to its stdin.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MariadbClientTest {
    private MinisqldHarness server;

    @BeforeAll
    void start() throws Exception {
        server = MinisqldHarness.inProcess().name("cli").serverId(1).start();
        Program.Result r = server.mariadb(null, "-e", "CREATE DATABASE test; "
                + "CREATE TABLE test.fruit (id INT NOT NULL PRIMARY KEY, name VARCHAR(10), qty INT, price DECIMAL(6,2)); "
                + "INSERT INTO test.fruit VALUES (1, 'apple', 5, 1.50), (2, 'banana', 120, 12.25), (10, 'kiwi', NULL, 0.30)");
        assertEquals(0, r.exitCode(), r.toString());
    }

    @AfterAll
    void stop() throws Exception {
        if (server != null) server.close();
    }

    @Test
    void batchOutputIsTabSeparatedWithHeader() throws Exception {
        Program.Result r = server.mariadb(null, "-e", "SHOW VARIABLES LIKE 'have_dynamic_loading'");
        assertEquals(new Program.Result(0, "Variable_name\tValue\nhave_dynamic_loading\tYES\n", ""), r);
    }

    @Test
    void tableModeDrawsMySqlBoxes() throws Exception {
        Program.Result r = server.mariadb(null, "--table", "-e", "SHOW VARIABLES LIKE 'have_dynamic_loading'");
        assertEquals(new Program.Result(0, """
                +----------------------+-------+
                | Variable_name        | Value |
                +----------------------+-------+
                | have_dynamic_loading | YES   |
                +----------------------+-------+
                """, ""), r);
    }

    @Test
    void tableModeRightAlignsNumbers() throws Exception {
        Program.Result r = server.mariadb(null, "--table", "test", "-e", "SELECT id, name, qty, price FROM fruit ORDER BY id");
        assertEquals(new Program.Result(0, """
                +----+--------+------+-------+
                | id | name   | qty  | price |
                +----+--------+------+-------+
                |  1 | apple  |    5 |  1.50 |
                |  2 | banana |  120 | 12.25 |
                | 10 | kiwi   | NULL |  0.30 |
                +----+--------+------+-------+
                """, ""), r);
    }

    @Test
    void batchOutputOfUserTable() throws Exception {
        Program.Result r = server.mariadb(null, "test", "-e", "SELECT name, qty FROM fruit WHERE id < 10 ORDER BY id");
        assertEquals(new Program.Result(0, "name\tqty\napple\t5\nbanana\t120\n", ""), r);
        Program.Result skipNames = server.mariadb(null, "-N", "test", "-e", "SELECT COUNT(*) FROM fruit");
        assertEquals(new Program.Result(0, "3\n", ""), skipNames);
    }

    /**
     * Issue "Server-side prepared statements", item 2: SQL PREPARE … FROM 'text' | @variable,
     * EXECUTE … USING and DEALLOCATE | DROP PREPARE from the CLI, with MySQL's errors for a wrong
     * number of values (1210), an unknown name (1243) and a statement that cannot be prepared
     * (1295), and the statements' counters.
     */
    @Test
    void sqlPrepareExecuteAndDeallocate() throws Exception {
        Program.Result r = server.mariadb(null, "test", "-e", "PREPARE byId FROM 'SELECT name, qty FROM fruit WHERE id = ?';"
                + " SET @id = 2; EXECUTE byId USING @id; SET @id = 10; EXECUTE byId USING @id;"
                + " SET @text = 'SELECT COUNT(*) AS n FROM fruit WHERE qty > ? AND name <> ?', @q = 4, @n = 'kiwi';"
                + " PREPARE counted FROM @text; EXECUTE counted USING @q, @n; DROP PREPARE counted;"
                + " DEALLOCATE PREPARE byId;"
                + " SHOW SESSION STATUS WHERE Variable_name IN ('Com_prepare_sql', 'Com_execute_sql', 'Com_dealloc_sql',"
                + " 'Com_stmt_prepare', 'Com_stmt_execute', 'Com_stmt_close')");
        assertEquals(new Program.Result(0, "name\tqty\nbanana\t120\nname\tqty\nkiwi\tNULL\nn\n2\n"
                + "Variable_name\tValue\nCom_dealloc_sql\t2\nCom_execute_sql\t3\nCom_prepare_sql\t2\n"
                + "Com_stmt_close\t2\nCom_stmt_execute\t3\nCom_stmt_prepare\t2\n", ""), r);
        Program.Result wrongCount = server.mariadb(null, "test", "-e",
                "PREPARE p FROM 'SELECT ? + ?'; SET @a = 1; EXECUTE p USING @a");
        assertEquals(1, wrongCount.exitCode(), wrongCount.toString());
        assertEquals("ERROR 1210 (HY000) at line 1: Incorrect arguments to EXECUTE", lastLine(wrongCount.stderr()));
        Program.Result unknown = server.mariadb(null, "test", "-e", "EXECUTE nosuch");
        assertEquals("ERROR 1243 (HY000) at line 1: Unknown prepared statement handler (nosuch) given to EXECUTE",
                lastLine(unknown.stderr()));
        Program.Result nested = server.mariadb(null, "test", "-e", "PREPARE p FROM 'PREPARE q FROM ''SELECT 1'''");
        assertEquals("ERROR 1295 (HY000) at line 1: This command is not supported in the prepared statement protocol yet",
                lastLine(nested.stderr()));
        Program.Result lock = server.mariadb(null, "test", "-e", "PREPARE p FROM 'LOCK TABLES fruit READ'");
        assertEquals("ERROR 1295 (HY000) at line 1: This command is not supported in the prepared statement protocol yet",
                lastLine(lock.stderr()));
        // an unset variable prepares the text NULL, which MySQL refuses at PREPARE (it had been
        // prepared, and refused only at EXECUTE)
        Program.Result unset = server.mariadb(null, "test", "-e", "PREPARE p FROM @never_set");
        assertEquals("ERROR 1064 (42000) at line 1: You have an error in your SQL syntax; check the manual that"
                + " corresponds to your MySQL server version for the right syntax to use near 'NULL' at line 1",
                lastLine(unset.stderr()));
        Program.Result words = server.mariadb(null, "test", "-e", "PREPARE p FROM 'fruit salad'; EXECUTE p");
        assertEquals("ERROR 1064 (42000) at line 1: You have an error in your SQL syntax; check the manual that"
                + " corresponds to your MySQL server version for the right syntax to use near 'fruit salad' at line 1",
                lastLine(words.stderr()));
    }

    private static String lastLine(String text) {
        String trimmed = text.strip();
        return trimmed.substring(trimmed.lastIndexOf('\n') + 1);
    }

    /**
     * COM_STATISTICS: {@code mariadb-admin status} prints MySQL's line of figures (it printed
     * "Unknown command" before).
     */
    @Test
    void mariadbAdminStatusPrintsTheServersFigures() throws Exception {
        Program.Result r = Program.run(List.of(Program.existing(Program.MARIADB_ADMIN), "-h127.0.0.1",
                "-P" + server.port(), "-uroot", "status"), null, java.time.Duration.ofSeconds(30));
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.stdout().matches("Uptime: \\d+  Threads: [1-9]\\d*  Questions: \\d+  Slow queries: 0  Opens: 0"
                + "  Flush tables: 1  Open tables: 0  Queries per second avg: \\d+\\.\\d{3}\n"), r.stdout());
    }

    /**
     * COM_REFRESH and COM_DEBUG: {@code mariadb-admin flush-hosts flush-status flush-privileges
     * flush-tables flush-threads refresh debug} succeed, each flush counted in Com_flush.
     */
    @Test
    void mariadbAdminFlushesRefreshesAndDebugs() throws Exception {
        long before = Long.parseLong(server.mariadb(null, "-N", "-e", "SHOW GLOBAL STATUS LIKE 'Com_flush'")
                .stdout().split("\t")[1].strip());
        Program.Result r = Program.run(List.of(Program.existing(Program.MARIADB_ADMIN), "-h127.0.0.1",
                "-P" + server.port(), "-uroot", "flush-hosts", "flush-status", "flush-privileges", "flush-tables",
                "flush-threads", "refresh", "debug"), null, java.time.Duration.ofSeconds(30));
        assertEquals(new Program.Result(0, "", ""), r);
        long after = Long.parseLong(server.mariadb(null, "-N", "-e", "SHOW GLOBAL STATUS LIKE 'Com_flush'")
                .stdout().split("\t")[1].strip());
        assertTrue(after >= before + 5, before + " then " + after);
    }

    /** DO evaluates its expressions and answers OK, no rows; counted in Com_do. */
    @Test
    void doEvaluatesAndAnswersOk() throws Exception {
        Program.Result r = server.mariadb(null, "test", "-N", "-e", "DO 1 + 1, SLEEP(0); SELECT 'after';"
                + " SHOW SESSION STATUS LIKE 'Com_do'");
        assertEquals(new Program.Result(0, "after\nCom_do\t1\n", ""), r);
        Program.Result bad = server.mariadb(null, "test", "-e", "DO (SELECT id FROM nosuch)");
        assertEquals(1, bad.exitCode(), bad.toString());
        assertTrue(bad.stderr().contains("ERROR 1146 (42S02) at line 1: Table 'test.nosuch' doesn't exist"), bad.stderr());
    }

    /** ROW_COUNT(): the last statement's affected rows, 0 after DDL, -1 after a result set (MySQL's manual). */
    @Test
    void rowCountIsTheLastStatementsAffectedRows() throws Exception {
        Program.Result r = server.mariadb(null, "test", "-N", "-e", "CREATE TABLE rc (id INT PRIMARY KEY);"
                + " SELECT ROW_COUNT(); INSERT INTO rc VALUES (1), (2), (3); SELECT ROW_COUNT();"
                + " UPDATE rc SET id = id + 10 WHERE id > 1; SELECT ROW_COUNT(); SELECT ROW_COUNT();"
                + " DELETE FROM rc WHERE id = 99; SELECT ROW_COUNT()");
        assertEquals(new Program.Result(0, "0\n3\n2\n-1\n0\n", ""), r);
    }

    @Test
    void errorLineAndExitCode() throws Exception {
        Program.Result r = server.mariadb(null, "test", "-e", "SELECT * FROM t9");
        assertEquals(1, r.exitCode(), r.toString());
        // the 10.11 client echoes the failing statement between dashes, on stderr like the error line
        assertEquals("--------------\nSELECT * FROM t9\n--------------\n\n"
                + "ERROR 1146 (42S02) at line 1: Table 'test.t9' doesn't exist\n", r.stderr());
        assertEquals("", r.stdout());
    }

    @Test
    void pipedScript() throws Exception {
        String script = """
                CREATE TABLE script_t (id INT NOT NULL AUTO_INCREMENT PRIMARY KEY, note VARCHAR(20));
                INSERT INTO script_t (note) VALUES ('first'), ('second');
                -- a comment line
                SELECT id, note FROM script_t ORDER BY id;
                UPDATE script_t SET note = 'changed' WHERE id = 2; SELECT note FROM script_t WHERE id = 2;
                SELECT @@max_connections, DATABASE();
                """;
        Program.Result r = server.mariadb(script, "test");
        assertEquals(new Program.Result(0,
                "id\tnote\n1\tfirst\n2\tsecond\nnote\nchanged\n@@max_connections\tDATABASE()\n151\ttest\n", ""), r);
    }

    @Test
    void pipedScriptStopsAtTheFirstError() throws Exception {
        String script = """
                SELECT 1 AS one;
                USE test;
                SELECT * FROM nosuch;
                SELECT 2 AS two;
                """;
        Program.Result r = server.mariadb(script);
        assertEquals(1, r.exitCode(), r.toString());
        assertEquals("one\n1\n", r.stdout());
        assertEquals("--------------\nSELECT * FROM nosuch\n--------------\n\n"
                + "ERROR 1146 (42S02) at line 3: Table 'test.nosuch' doesn't exist\n", r.stderr());
    }

    @Test
    void pipedScriptInTableMode() throws Exception {
        Program.Result r = server.mariadb(
                "SHOW VARIABLES LIKE 'have_dynamic_loading';\nSHOW STATUS LIKE 'Com_show_tables';\n", "--table");
        assertEquals(new Program.Result(0, """
                +----------------------+-------+
                | Variable_name        | Value |
                +----------------------+-------+
                | have_dynamic_loading | YES   |
                +----------------------+-------+
                +-----------------+-------+
                | Variable_name   | Value |
                +-----------------+-------+
                | Com_show_tables | 0     |
                +-----------------+-------+
                """, ""), r);
    }

    /**
     * MySQL's INSERT IGNORE (sql_insert.cc, write_record): a row a duplicate key refuses is skipped
     * with warning 1062 naming the key, and the OK of a many-row INSERT says "Records: n
     * Duplicates: d  Warnings: w" (ER_INSERT_INFO), an INSERT … SELECT's whatever its rows. The server
     * skipped such rows without a word (of a SELECT's rows too). A
     * REPLACE by the same values counts 1 row where MySQL updates in place (the table's one unique
     * key), 2 where it deletes and inserts (another unique key follows the one met).
     */
    @Test
    void insertIgnoreWarnsOfEachDuplicateAndCountsThem() throws Exception {
        Program.Result r = server.mariadb(null, "-vv", "--show-warnings", "test", "-e",
                "CREATE TABLE ign (id INT PRIMARY KEY, u VARCHAR(5), UNIQUE KEY uk (u)); "
                        + "INSERT IGNORE INTO ign VALUES (1,'a'),(1,'b'),(2,'a'),(3,'c'); SELECT * FROM ign; "
                        + "INSERT INTO ign VALUES (4,'d'),(5,'e'); REPLACE INTO ign VALUES (5,'f'),(6,'g'); "
                        + "REPLACE INTO ign VALUES (4,'d'),(7,'h'); CREATE TABLE rep (id INT PRIMARY KEY, v INT); "
                        + "INSERT INTO rep VALUES (1, 1); REPLACE INTO rep VALUES (1, 1), (2, 2); "
                        + "INSERT IGNORE INTO rep SELECT id + 1, v FROM rep; INSERT IGNORE INTO ign SELECT 8, 'i'");
        assertEquals(new Program.Result(0, """
                --------------
                CREATE TABLE ign (id INT PRIMARY KEY, u VARCHAR(5), UNIQUE KEY uk (u))
                --------------

                Query OK, 0 rows affected

                --------------
                INSERT IGNORE INTO ign VALUES (1,'a'),(1,'b'),(2,'a'),(3,'c')
                --------------

                Query OK, 2 rows affected, 2 warnings
                Records: 4  Duplicates: 2  Warnings: 2

                Warning (Code 1062): Duplicate entry '1' for key 'PRIMARY'
                Warning (Code 1062): Duplicate entry 'a' for key 'uk'
                --------------
                SELECT * FROM ign
                --------------

                id	u
                1	a
                3	c
                2 rows in set

                --------------
                INSERT INTO ign VALUES (4,'d'),(5,'e')
                --------------

                Query OK, 2 rows affected
                Records: 2  Duplicates: 0  Warnings: 0

                --------------
                REPLACE INTO ign VALUES (5,'f'),(6,'g')
                --------------

                Query OK, 3 rows affected
                Records: 2  Duplicates: 1  Warnings: 0

                --------------
                REPLACE INTO ign VALUES (4,'d'),(7,'h')
                --------------

                Query OK, 3 rows affected
                Records: 2  Duplicates: 1  Warnings: 0

                --------------
                CREATE TABLE rep (id INT PRIMARY KEY, v INT)
                --------------

                Query OK, 0 rows affected

                --------------
                INSERT INTO rep VALUES (1, 1)
                --------------

                Query OK, 1 row affected

                --------------
                REPLACE INTO rep VALUES (1, 1), (2, 2)
                --------------

                Query OK, 2 rows affected
                Records: 2  Duplicates: 0  Warnings: 0

                --------------
                INSERT IGNORE INTO rep SELECT id + 1, v FROM rep
                --------------

                Query OK, 1 row affected, 1 warning
                Records: 2  Duplicates: 1  Warnings: 1

                Warning (Code 1062): Duplicate entry '2' for key 'PRIMARY'
                --------------
                INSERT IGNORE INTO ign SELECT 8, 'i'
                --------------

                Query OK, 1 row affected
                Records: 1  Duplicates: 0  Warnings: 0

                Bye
                """, ""), r);
    }
}
