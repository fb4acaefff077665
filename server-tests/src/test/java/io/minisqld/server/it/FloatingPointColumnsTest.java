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

    /**
     * MySQL compares a FLOAT with a number as DOUBLEs (Arg_comparator::compare_real): the FLOAT
     * stored from 1.1 is 1.100000023841858, not 1.1, so {@code f = 1.1} finds no row and
     * {@code f > 1.1} finds it (a MariaDB 10.11 server alike). The engine compared the float's
     * shortest text and found it equal, so WHERE, IN and BETWEEN chose other rows than MySQL's.
     */
    @Test
    void aFloatComparedWithANumberIsItsExactDouble() throws Exception {
        assertEquals(List.of(), SqlRunner.on(connection).rows("SELECT id FROM t WHERE f = 1.1"));
        assertEquals(List.of(List.of("2")), SqlRunner.on(connection).rows("SELECT id FROM t WHERE r = 1.1"));
        assertEquals(List.of(List.of("2")), SqlRunner.on(connection).rows("SELECT id FROM t WHERE f > 1.1 AND f < 2"));
        assertEquals(List.of(), SqlRunner.on(connection).rows("SELECT id FROM t WHERE 1.1 = f10 OR f IN (1.1, 2)"));
        // the FLOAT stored from 123456789 is 123456792
        assertEquals(List.of(), SqlRunner.on(connection).rows("SELECT id FROM t WHERE f BETWEEN 123456788 AND 123456790"));
        assertEquals(List.of(List.of("3")),
                SqlRunner.on(connection).rows("SELECT id FROM t WHERE f BETWEEN 123456790 AND 123456793"));
    }

    /**
     * FLOAT(M,D) and DOUBLE(M,D) (REAL(M,D), DOUBLE PRECISION(M,D)), as a MySQL 5.7 dump writes them
     * (they had been 1064): a value is stored rounded to D decimals (Field_real::truncate_double:
     * the fraction rounded to the nearest even, so 1.23456 is 1.235 and -1.25 is -1.2) and shown with
     * them, a value past M digits is 1264, SHOW CREATE TABLE and information_schema give M and D, a
     * comparison with a number is equal within half the last decimal (compare_real_fixed), and M past
     * 255, D past 30 or M below D are MySQL's 1439, 1425 and 1427. Values are a MariaDB 10.11
     * server's for the same statements.
     */
    @Test
    void floatAndDoubleWithDigitsRoundAsTheyAreStored() throws Exception {
        st.execute("CREATE TABLE md (id INT, a DOUBLE(10,3), b FLOAT(7,2) UNSIGNED NOT NULL DEFAULT '1.5',"
                + " c REAL(5,2), d DOUBLE PRECISION(6,1), p DECIMAL(10,2) NOT NULL DEFAULT 0)");
        st.execute("INSERT INTO md (id, a, b, c, d) VALUES (1, 1.23456, 1.235, 2.555, -1.25), (3, NULL, 99999.99, -999.994, NULL)");
        assertEquals(List.of(List.of("1", "1.235", "1.24", "2.56", "-1.2", "0.00"),
                        java.util.Arrays.asList("3", null, "99999.99", "-999.99", null, "0.00")),
                SqlRunner.on(connection).rows("SELECT * FROM md ORDER BY id"));
        for (String tooBig : List.of("INSERT INTO md (id, b) VALUES (2, 100000)", "UPDATE md SET c = -999.996")) {
            SQLException e = org.junit.jupiter.api.Assertions.assertThrows(SQLException.class, () -> st.execute(tooBig));
            assertEquals(1264, e.getErrorCode(), tooBig);
            org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("Out of range value for column"), e.getMessage());
        }
        st.execute("UPDATE md SET a = a * 2 WHERE id = 1");
        assertEquals(List.of(List.of("1")), SqlRunner.on(connection).rows("SELECT id FROM md WHERE b = 1.24 AND a = 2.47"));
        assertEquals(List.of("`a` double(10,3) DEFAULT NULL", "`b` float(7,2) unsigned NOT NULL DEFAULT '1.50'",
                        "`c` double(5,2) DEFAULT NULL", "`d` double(6,1) DEFAULT NULL", "`p` decimal(10,2) NOT NULL DEFAULT '0.00'"),
                row("SHOW CREATE TABLE md").get(1).lines().map(String::strip)
                        .filter(l -> l.startsWith("`") && !l.startsWith("`id`"))
                        .map(l -> l.endsWith(",") ? l.substring(0, l.length() - 1) : l).toList());
        assertEquals(List.of(List.of("a", "10", "3"), List.of("b", "7", "2")), SqlRunner.on(connection).rows(
                "SELECT COLUMN_NAME, NUMERIC_PRECISION, NUMERIC_SCALE FROM information_schema.COLUMNS"
                        + " WHERE TABLE_SCHEMA = 'fp' AND TABLE_NAME = 'md' AND COLUMN_NAME IN ('a', 'b') ORDER BY 1"));
        // a temporary table's columns round alike (its trigger is made by the session that owns it)
        st.execute("CREATE TEMPORARY TABLE mdt (d DOUBLE(6,1))");
        st.execute("INSERT INTO mdt VALUES (2.25)");
        assertEquals(List.of(List.of("2.2", "1")), SqlRunner.on(connection).rows("SELECT d, d = 2.2 FROM mdt"));
        st.execute("DROP TEMPORARY TABLE mdt");
        for (Object[] bad : new Object[][] {{"FLOAT(256,2)", 1439, "Display width out of range for column 'x' (max = 255)"},
                {"DOUBLE(40,31)", 1425, "Too big scale 31 specified for column 'x'. Maximum is 30."},
                {"FLOAT(5,6)", 1427, "For float(M,D), double(M,D) or decimal(M,D), M must be >= D (column 'x')."}}) {
            SQLException e = org.junit.jupiter.api.Assertions.assertThrows(SQLException.class,
                    () -> st.execute("CREATE TABLE bad (x " + bad[0] + ")"));
            assertEquals(bad[1], e.getErrorCode());
            org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().endsWith(") " + bad[2]), e.getMessage());
        }
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

    /** The client's view of one column of a query's first row: its JDBC type name and value. */
    private static List<String> typed(String sql) throws SQLException {
        try (java.sql.ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            List<String> out = new java.util.ArrayList<>();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                out.add(rs.getMetaData().getColumnTypeName(i) + " " + rs.getString(i));
            }
            return out;
        }
    }

    /**
     * MySQL's SUM and AVG of a DOUBLE or FLOAT, and arithmetic with a DOUBLE operand, are DOUBLEs,
     * computed as doubles; SUM of integers is a DECIMAL. The engine computed a DOUBLE with a DECIMAL
     * exactly and the server sent a DECIMAL: 1e300 came back written out in 301 digits, 0.1 + 0.2
     * summed as 0.3, 0.1 * 1.5 as 0.15, and SUM of an INT column as a BIGINT (Python's mysqlclient gives 6 where MySQL gives Decimal('6')).
     * Expected values and types are MariaDB 10.11's for the same statements.
     */
    @Test
    void sumsAndQuotientsOfDoublesAreDoubles() throws Exception {
        st.execute("CREATE TABLE sums (i INT, f DOUBLE, r FLOAT, d DECIMAL(10,2))");
        st.execute("INSERT INTO sums VALUES (1, 0.1, 0.5, 1.10), (2, 0.2, 0.25, 2.20), (3, 1e300, 1e30, NULL)");
        assertEquals(List.of("DOUBLE 0.30000000000000004", "DOUBLE 0.15000000000000002", "DOUBLE 0.75",
                "DOUBLE 0.05", "DOUBLE 0.050000000000000044", "DOUBLE 0.15000000000000002", "DOUBLE 0.15000000000000002",
                "DOUBLE -0.4"),
                typed("SELECT SUM(f), AVG(f), SUM(r), f / 2, (f + 1) / 2 - 0.5, SUM(f) / 2, f * 1.5, f - 0.5"
                        + " FROM sums WHERE i < 3"));
        assertEquals(List.of("DOUBLE 1e300", "DOUBLE 1.5e300", "DOUBLE 1e300"), typed("SELECT f - 0.5, f * 1.5, 0.5 + f FROM sums WHERE i = 3"));
        assertEquals(List.of("DOUBLE 1e300", "DOUBLE 3.3333333333333335e299", "DOUBLE 1e300"),
                typed("SELECT SUM(f), AVG(f), SUM(DISTINCT f) FROM sums"));
        assertEquals(List.of("DOUBLE 0.03333333333333333", "DOUBLE 2.499999999", "DOUBLE 0.06666666660000001"),
                typed("SELECT f / 3, 2.5 / 3 * 3e0, i / 3 * (f + 0.1) FROM sums WHERE i = 1"));
        assertEquals(List.of("DECIMAL 6", "DECIMAL 3.30", "DECIMAL 2.0000", "DECIMAL 3.0000", "DOUBLE null"),
                typed("SELECT SUM(i), SUM(d), AVG(i), SUM(i) / 2, SUM(NULL) FROM sums"));
        assertEquals(List.of("DOUBLE 0.1", "DECIMAL 1"),
                typed("SELECT SUM(f) OVER w, SUM(i) OVER w FROM sums WINDOW w AS (ORDER BY i)"));
        // text is read as a DOUBLE: SUM, AVG, arithmetic and ROUND of a VARCHAR column (ROUND was 1105)
        st.execute("CREATE TABLE texts (v VARCHAR(5))");
        st.execute("INSERT INTO texts VALUES ('2.5'), ('1')");
        assertEquals(List.of("DOUBLE 3.5", "DOUBLE 1.75"), typed("SELECT SUM(v), AVG(v) FROM texts"));
        assertEquals(List.of("DOUBLE 1.25", "DOUBLE 3.75", "DOUBLE 2"),
                typed("SELECT v / 2, v * 1.5, ROUND(v) FROM texts WHERE v = '2.5'"));
        assertEquals("sum(f) over w", st.executeQuery("SELECT sum(f) over w FROM sums WINDOW w AS (ORDER BY i)")
                .getMetaData().getColumnLabel(1));
    }
}
