package io.minisqld.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.minisqld.testsupport.MinisqldHarness;
import io.minisqld.testsupport.SqlRunner;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * MySQL 5.7's floating-point columns (issue "No silent data loss"): FLOAT and FLOAT(p) with p ≤ 24
 * hold 4-byte floats and print them with 6 significant digits; REAL (without REAL_AS_FLOAT, which
 * the server refuses), DOUBLE and FLOAT(p) with 25 ≤ p ≤ 53 hold 8-byte doubles. The engine's own
 * names are the other way round (its REAL is 4 bytes, its FLOAT 8): a REAL column lost half its
 * digits and a FLOAT column printed digits MySQL never stores. Values as a MySQL 5.7 client reads
 * them in the text protocol; SHOW CREATE TABLE names the types as MySQL does.
 */
class FloatingPointColumnsTest {
    private static MinisqldHarness server;
    private static Connection connection;
    private static Statement st;

    @BeforeAll
    static void start() throws Exception {
        server = MinisqldHarness.inProcess().name("floats").serverId(1).start();
        connection = Driver.MARIADB.connect(server, "");
        st = connection.createStatement();
        st.execute("CREATE DATABASE fp");
        st.execute("USE fp");
        st.execute("CREATE TABLE t (id INT PRIMARY KEY, f FLOAT, r REAL, d DOUBLE, f10 FLOAT(10), f30 FLOAT(30))");
        st.execute("INSERT INTO t VALUES (1, 3.14159265, 3.14159265, 3.14159265, 3.14159265, 3.14159265),"
                + " (2, 1.1, 1.1, 1.1, 1.1, 1.1), (3, 123456789, 123456789, 123456789, 123456789, 123456789)");
    }

    @AfterAll
    static void stop() throws Exception {
        connection.close();
        server.close();
    }

    /** The first row of a query, as the client reads its values. */
    private static List<String> row(String sql) throws SQLException {
        return SqlRunner.on(connection).rows(sql).get(0);
    }

    @Test
    void floatKeepsSixSignificantDigitsAndRealIsDouble() throws Exception {
        assertEquals(List.of("3.14159", "3.14159265", "3.14159265", "3.14159", "3.14159265"),
                row("SELECT f, r, d, f10, f30 FROM t WHERE id = 1"));
        assertEquals(List.of("1.1", "1.1", "1.1", "1.1", "1.1"), row("SELECT f, r, d, f10, f30 FROM t WHERE id = 2"));
        assertEquals(List.of("123457000", "123456789", "123456789", "123457000", "123456789"),
                row("SELECT f, r, d, f10, f30 FROM t WHERE id = 3"));
    }

    @Test
    void showCreateTableNamesTheTypesAsMySqlDoes() throws Exception {
        String create = row("SHOW CREATE TABLE t").get(1);
        assertEquals(List.of("`f` float DEFAULT NULL", "`r` double DEFAULT NULL", "`d` double DEFAULT NULL",
                "`f10` float DEFAULT NULL", "`f30` double DEFAULT NULL"),
                create.lines().map(String::strip).filter(l -> l.startsWith("`") && !l.startsWith("`id`"))
                        .map(l -> l.endsWith(",") ? l.substring(0, l.length() - 1) : l).toList());
    }

    /**
     * A DOUBLE or FLOAT made text is written as MySQL writes it (1, 1e20, FLOAT's 6 significant
     * digits), and a comparison's truth as 1 or 0: the engine wrote 1.0, 1.0E20 and TRUE, so
     * CONCAT, CAST(… AS CHAR), GROUP_CONCAT, IFNULL with a string, an INSERT … SELECT and an
     * UPDATE into a VARCHAR column gave, and stored, other text than MySQL's without a word. Expected values
     * are MariaDB 10.11's for the same statements.
     */
    @Test
    void doublesAndTruthsBecomeTextAsMysqlWritesThem() throws Exception {
        st.execute("CREATE TABLE dt (id INT PRIMARY KEY, f FLOAT, d DOUBLE)");
        st.execute("INSERT INTO dt VALUES (1, 3.14159265, 1), (2, 1.1, 1e20)");
        String query = "SELECT CONCAT(d, '|', f), CAST(d AS CHAR), CONVERT(d * 2, CHAR), GROUP_CONCAT(d),"
                + " CONCAT(1 = 1, d IS NULL), IFNULL(d, '') FROM dt WHERE id = %d GROUP BY id";
        assertEquals(List.of("1|3.14159", "1", "2", "1", "10", "1"), row(String.format(query, 1)));
        assertEquals(List.of("1e20|1.1", "1e20", "2e20", "1e20", "10", "1e20"), row(String.format(query, 2)));
        assertEquals(List.of("215"), row("SELECT CONCAT(SQRT(4), 1e0, 2.5e0 * 2)"));
        st.execute("CREATE TABLE dv (id INT, v VARCHAR(30))");
        st.execute("INSERT INTO dv SELECT id, d FROM dt");
        st.execute("INSERT INTO dv (v, id) SELECT f * 2 AS twice, 3 FROM dt WHERE id = 2");
        assertEquals(List.of("1;1e20;2.200000047683716"), row("SELECT GROUP_CONCAT(v ORDER BY id, v SEPARATOR ';') FROM dv"));
        st.execute("UPDATE dv SET v = 2.5e0 * 2, id = 4 WHERE id = 3");
        assertEquals(List.of("5"), row("SELECT v FROM dv WHERE id = 4"));
        st.execute("UPDATE dv SET dv.v = 1 = 1 WHERE id = 4");
        assertEquals(List.of("1"), row("SELECT v FROM dv WHERE id = 4"));
        st.execute("DROP TABLE dt, dv");
    }
}
