package io.minisqld.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.minisqld.testsupport.MinisqldHarness;
import io.minisqld.testsupport.SqlRunner;
import java.sql.Connection;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * MySQL 5.7 manual 13.2.9.2 "JOIN Clause": the columns a join names in {@code USING (…)} are one
 * column of the joined rows ("coalesced": the left table's in an inner or left join, the right
 * table's in a right join), which the query names without a table. The engine saw two and refused
 * {@code SELECT n FROM a JOIN b USING (n)} with 1052 "Column 'n' in field list is ambiguous".
 * The answers are a MariaDB 10.11 server's for the same statements.
 */
class JoinUsingColumnsTest {
    private static MinisqldHarness server;
    private static Connection connection;
    private static SqlRunner sql;

    @BeforeAll
    static void start() throws Exception {
        server = MinisqldHarness.inProcess().name("using").serverId(1).start();
        connection = Driver.MARIADB.connect(server, "");
        sql = SqlRunner.on(connection);
        sql.executeAll("CREATE DATABASE ju", "USE ju", "CREATE TABLE ua (n INT, m INT, a INT)",
                "CREATE TABLE ub (n INT, m INT, b INT)", "CREATE TABLE uc (n INT, c INT)",
                "INSERT INTO ua VALUES (1, 1, 1), (2, 2, 2)", "INSERT INTO ub VALUES (1, 1, 10), (3, 3, 30)",
                "INSERT INTO uc VALUES (1, 100)");
    }

    @AfterAll
    static void stop() throws Exception {
        connection.close();
        server.close();
    }

    @Test
    void aUsingColumnIsOneColumnOfTheJoin() throws Exception {
        assertEquals(List.of(List.of("1", "1", "10")), sql.rows("SELECT n, a, b FROM ua JOIN ub USING (n) ORDER BY n"));
        assertEquals(List.of(List.of("1", "1", "10"), Arrays.asList("2", "2", null)),
                sql.rows("SELECT n, a, b FROM ua LEFT JOIN ub USING (n) ORDER BY n"));
        // a right join's column is the right table's
        assertEquals(List.of(List.of("1", "1", "10"), Arrays.asList("3", null, "30")),
                sql.rows("SELECT n, a, b FROM ua RIGHT JOIN ub USING (n) ORDER BY n"));
        assertEquals(List.of(List.of("2", "1"), List.of("1", "1")),
                sql.rows("SELECT n, COUNT(*) FROM ua x LEFT JOIN ub USING (n) WHERE n > 0 GROUP BY n HAVING n > 0"
                        + " ORDER BY n DESC"));
        // several columns, a chain of joins, the table still named where the query names it
        assertEquals(List.of(List.of("1", "1", "1", "10", "100", "1")),
                sql.rows("SELECT n, m, a, b, c, ua.n FROM ua JOIN ub USING (n, m) JOIN uc USING (n)"));
        // a subquery's own column, and an item's alias in ORDER BY, are left to what they name
        assertEquals(List.of(List.of("1", "1")),
                sql.rows("SELECT n, (SELECT COUNT(*) FROM uc WHERE n = 1) FROM ua JOIN ub USING (n)"));
        assertEquals(List.of(List.of("1")), sql.rows("SELECT a AS n FROM ua JOIN ub USING (n) ORDER BY n"));
    }

    /**
     * A NATURAL join joins on the columns its tables share, each one column as with USING; the
     * engine had no NATURAL LEFT or RIGHT JOIN (1064). A multi-table UPDATE or DELETE names them
     * the same way in its WHERE.
     */
    @Test
    void aNaturalJoinsColumnsAreItsTablesSharedOnes() throws Exception {
        assertEquals(List.of(List.of("1", "1", "1", "10")), sql.rows("SELECT n, m, a, b FROM ua NATURAL JOIN ub"));
        assertEquals(List.of(Arrays.asList("1", "1", "10"), Arrays.asList("2", "2", null)),
                sql.rows("SELECT n, a, b FROM ua NATURAL LEFT JOIN ub ORDER BY n"));
        assertEquals(List.of(Arrays.asList("1", "1", "10"), Arrays.asList("3", null, "30")),
                sql.rows("SELECT n, a, b FROM ua NATURAL RIGHT OUTER JOIN ub ORDER BY n"));
        assertEquals(List.of("n", "m", "a", "b"), sql.columns("SELECT * FROM ua NATURAL JOIN ub"));
        sql.executeAll("CREATE TABLE wa (n INT, a INT)", "CREATE TABLE wb (n INT, b INT)",
                "INSERT INTO wa VALUES (1, 1), (2, 2)", "INSERT INTO wb VALUES (1, 10), (2, 20)",
                "UPDATE wa JOIN wb USING (n) SET a = b WHERE n = 1", "DELETE wa FROM wa NATURAL JOIN wb WHERE n = 2");
        assertEquals(List.of(List.of("1", "10")), sql.rows("SELECT * FROM wa"));
    }
}
