package io.minisqld.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minisqld.testsupport.MinisqldHarness;
import io.minisqld.testsupport.SqlRunner;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * MySQL's arithmetic and logical operators give MySQL's results (issue "No silent data loss",
 * nothing silently different): {@code /} divides exactly at the dividend's scale plus
 * div_precision_increment, a zero divisor is NULL in a query and 1365 in a strict-mode change,
 * {@code ||} and {@code &&} are OR and AND, {@code <=>} is NULL-safe equality, and the bitwise
 * operators work. Results as the mariadb client's text protocol carries them.
 */
class OperatorsTest {
    private static MinisqldHarness server;
    private static Connection connection;
    private static Statement st;

    @BeforeAll
    static void start() throws Exception {
        server = MinisqldHarness.inProcess().name("operators").serverId(1).start();
        connection = Driver.MARIADB.connect(server, "");
        st = connection.createStatement();
        st.execute("CREATE DATABASE ops");
        st.execute("USE ops");
        st.execute("CREATE TABLE t (i INT, d DECIMAL(10,2), f DOUBLE)");
        st.execute("INSERT INTO t VALUES (1, 1.50, 1.5)");
    }

    @AfterAll
    static void stop() throws Exception {
        connection.close();
        server.close();
    }

    private static java.util.List<String> row(String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            assertTrue(rs.next(), sql);
            java.util.List<String> out = new java.util.ArrayList<>();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) out.add(rs.getString(i));
            return out;
        }
    }

    private static String value(String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            assertTrue(rs.next(), sql);
            return rs.getString(1);
        }
    }

    /**
     * IFNULL, COALESCE, IF and CASE with a string result and a number or temporal column, arithmetic
     * or MAX / MIN of one (and a UNION's column of both) are strings, as MySQL types them (H2 alone took the number type and failed to convert the
     * string: 1105), and sort as strings.
     */
    @Test
    void resultsMixingStringsWithNumberOrTimeColumnsAreStrings() throws Exception {
        st.execute("CREATE TABLE mixed (id INT, a INT, dt DATETIME, m DECIMAL(6,2))");
        st.execute("INSERT INTO mixed VALUES (1, 5, '2020-01-02 03:04:05', 1.50), (2, NULL, NULL, NULL)");
        assertEquals("5,", column("SELECT IFNULL(a, '') FROM mixed ORDER BY id"));
        assertEquals("5,none", column("SELECT COALESCE(a, 'none') FROM mixed ORDER BY id"));
        assertEquals("5,x", column("SELECT CASE WHEN a IS NULL THEN 'x' ELSE a END FROM mixed ORDER BY id"));
        assertEquals("5,n", column("SELECT IF(a IS NULL, 'n', mixed.a) FROM mixed ORDER BY id"));
        assertEquals("7,n", column("SELECT IF(a IS NULL, 'n', 7) FROM mixed ORDER BY id"));
        assertEquals("2020-01-02 03:04:05,-", column("SELECT IFNULL(dt, '-') FROM mixed ORDER BY id"));
        assertEquals("1.50,-", column("SELECT IFNULL(m, '-') FROM mixed ORDER BY id"));
        // arithmetic and MAX / MIN beside a string (they were 1105 "Data conversion error")
        assertEquals("6,none", column("SELECT IFNULL(a + 1, 'none') FROM mixed ORDER BY id"));
        assertEquals("10,-", column("SELECT IF(a > 0, a * 2, '-') FROM mixed ORDER BY id"));
        assertEquals("0.500000,x", column("SELECT CASE WHEN m IS NULL THEN 'x' ELSE m / 3 END FROM mixed ORDER BY id"));
        assertEquals("z", value("SELECT IFNULL(1 / 0, 'z')"));
        assertEquals("5", value("SELECT IFNULL(MAX(a), 'none') FROM mixed"));
        // as strings, 'none' sorts after '5'
        assertEquals("5,none", column("SELECT IFNULL(x.a, 'none') AS v FROM mixed AS x ORDER BY v"));
        // UNION: a column of a number in one branch and a string literal in another is a string column
        assertEquals("5,n/a", column("SELECT a AS v FROM mixed WHERE id = 1 UNION ALL SELECT 'n/a' ORDER BY v"));
        assertEquals("1,a", column("SELECT 1 UNION ALL SELECT 'a'"));
        // a text column beside a number is a string too (H2 took the number and failed on 'abc')
        st.execute("CREATE TABLE named (id INT, name VARCHAR(10))");
        st.execute("INSERT INTO named VALUES (1, 'abc'), (2, NULL)");
        assertEquals("abc,0", column("SELECT COALESCE(name, 0) FROM named ORDER BY id"));
        st.execute("DROP TABLE named");
        // a call whose result is a number or a time, too
        assertEquals("none", column("SELECT IFNULL(SUM(a), 'none') FROM mixed WHERE id = 2"));
        assertEquals("5", column("SELECT IFNULL(SUM(a), 'none') FROM mixed"));
        assertEquals("1", column("SELECT COALESCE(COUNT(*), 'x') FROM mixed WHERE id = 2"));
        st.execute("DROP TABLE mixed");
    }

    private static String column(String sql) throws SQLException {
        StringBuilder out = new StringBuilder();
        try (ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) out.append(out.length() > 0 ? "," : "").append(rs.getString(1));
        }
        return out.toString();
    }

    /** Each row's values joined by commas (NULL as "NULL"). */
    private static List<String> rows(String sql) throws SQLException {
        List<String> out = new java.util.ArrayList<>();
        try (ResultSet rs = st.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= n; i++) row.append(i > 1 ? "," : "").append(rs.getString(i) == null ? "NULL" : rs.getString(i));
                out.add(row.toString());
            }
        }
        return out;
    }

    /**
     * HAVING in a query without GROUP BY or aggregates filters its rows and may name a select
     * alias (MySQL 5.7 manual 13.2.9: "The SQL standard requires that HAVING must reference only
     * columns in the GROUP BY clause or columns used in aggregate functions. However, MySQL supports
     * an extension"), the idiom of a distance search; the engine took it for grouping (1105). A
     * column named {@code qualify} (no keyword of MySQL's) stays usable.
     */
    @Test
    void havingWithoutGroupByFiltersRowsByTheirAliases() throws Exception {
        st.execute("CREATE TABLE places (id INT PRIMARY KEY, x INT, y INT, qualify INT)");
        st.execute("INSERT INTO places VALUES (1, 1, 1, 7), (2, 3, 4, 8), (3, 6, 8, 9), (4, 0, 2, 10)");
        assertEquals(List.of("1,1", "4,2", "2,5"),
                rows("SELECT id, ROUND(SQRT(x * x + y * y)) AS distance FROM places HAVING distance <= 5"
                        + " ORDER BY distance, id DESC"));
        assertEquals(List.of("2,5"), rows("SELECT id, ROUND(SQRT(x * x + y * y)) AS distance FROM places"
                + " WHERE qualify > 7 HAVING distance < 10 AND id < 3"));
        // with aggregates or GROUP BY, HAVING still filters the groups
        assertEquals(List.of("4"), rows("SELECT COUNT(*) FROM places HAVING COUNT(*) > 3"));
        assertEquals(List.of(), rows("SELECT x FROM places GROUP BY x HAVING COUNT(*) > 1"));
        st.execute("DROP TABLE places");
    }

    /** AVG(ALL col) is AVG(col): a DECIMAL at the column's scale plus four digits (it was the engine's DOUBLE). */
    @Test
    void avgOfAllValuesIsAvgOfTheColumn() throws Exception {
        assertEquals(List.of("1.6667", "1.6667", "1.5000", "5"),
                row("SELECT AVG(ALL a), AVG(a), AVG(DISTINCT a), SUM(ALL a) FROM (SELECT 1 a UNION ALL SELECT 2"
                        + " UNION ALL SELECT 2) t"));
    }

    @Test
    void divisionIsExactAtTheDividendsScalePlusFourDigits() throws Exception {
        assertEquals("0.3333", value("SELECT 1/3"));
        assertEquals("0.6667", value("SELECT 2/3"));
        assertEquals("2.5000", value("SELECT 10/4"));
        assertEquals("-1.5000", value("SELECT -6/4"));
        assertEquals("0.50000", value("SELECT 1.5/3"));
        assertEquals("0.3333", value("SELECT i/3 FROM t"));
        assertEquals("0.500000", value("SELECT d/3 FROM t"));
        assertEquals("0.5", value("SELECT f/3 FROM t"));
        assertEquals("1.5000", value("SELECT 2 * 3 / 4"));
        assertEquals("3", value("SELECT 7 DIV 2"));
        assertEquals("1", value("SELECT 7 MOD 2"));
    }

    /**
     * MySQL 5.7 manual 12.6.1 ("Arithmetic Operators"): "(14620 / 9432456) / (24250 / 9432456)
     * ... with the final result having 8 decimal places (0.60288653)". MySQL holds a quotient with
     * nine hidden digits (2/3 is 0.666666666) and rounds only what it shows, so {@code 2/3*3} is
     * 2.0000 and a percentage {@code a/b*100} 66.6667; rounding each quotient first gave 2.0001,
     * 66.6700 and 0.57692308, without a word. FLOOR and DIV cut the held value (1), as MySQL's.
     */
    @Test
    void aQuotientInsideArithmeticKeepsItsHiddenDigits() throws Exception {
        assertEquals(List.of("0.60288653", "2.0000", "1.0000", "10.0000", "1.0000", "100.0000", "2.499999999"),
                row("SELECT (14620 / 9432456) / (24250 / 9432456), 2/3*3, 1/3*3, 10/3*3, 1/3 + 1/3 + 1/3, 100/7*7,"
                        + " 2.5/3*3e0"));
        st.execute("CREATE TABLE pct (a INT, b INT, c DECIMAL(10,2), f FLOAT)");
        st.execute("INSERT INTO pct VALUES (2, 3, 1.50, 0.1)");
        assertEquals(List.of("66.6667", "2.0000", "1.500000", "0.44444444", "-2.0000", "3.5000", "0.06666666759341075"),
                row("SELECT a/b*100, a/b*3, c/b*b, (a/b)*(a/b), -(a/b)*3, a/b*3 + c, a/b*f FROM pct"));
        assertEquals(List.of("1", "1", "2", "66.7", "66.6667%"),
                row("SELECT FLOOR(a/b*3), a/b*3 DIV 1, CEIL(a/b*3), ROUND(a/b*100, 1), CONCAT(a/b*100, '%') FROM pct"));
        assertEquals(List.of("2,3"), rows("SELECT a, b FROM pct WHERE a/b*3 = 2"));
        // stored, the value is rounded to the column's scale from all its digits
        st.execute("UPDATE pct SET c = a/b*3");
        assertEquals("2.00", value("SELECT c FROM pct"));
        // 1 | 6 / 3 (an operator rewritten before the division around it) was 1105
        assertEquals(List.of("3", "2"), row("SELECT 1 | 6 / 3, 8 >> 6 / 3"));
        st.execute("DROP TABLE pct");
    }

    /**
     * MySQL 5.7 manual 12.6.1: "DIV: Integer division. Discards from the division result any
     * fractional part to the right of the decimal point", also of non-integer operands. Before,
     * {@code 7.5 DIV 2} was H2's exact 3.75.
     */
    /**
     * MySQL 5.7 manual 12.6.1 ("Arithmetic Operators": +, - and * of integers are computed with
     * BIGINT, 64-bit, precision): the engine computed in the columns' own type and refused a
     * product past it (1105 "Numeric value out of range").
     */
    @Test
    void integerArithmeticIsSixtyFourBits() throws Exception {
        st.execute("CREATE TABLE wide (id INT PRIMARY KEY, t TINYINT, s SMALLINT, n INT, u INT UNSIGNED)");
        st.execute("INSERT INTO wide VALUES (1, 127, 32767, 2000000000, 4294967295)");
        try (ResultSet rs = st.executeQuery("SELECT t * t, s * s, n * n, wide.n + n, u * 2, -n - n, t * 2 FROM wide")) {
            assertTrue(rs.next());
            assertEquals("16129,1073676289,4000000000000000000,4000000000,8589934590,-4000000000,254",
                    rs.getString(1) + "," + rs.getString(2) + "," + rs.getString(3) + "," + rs.getString(4) + ","
                            + rs.getString(5) + "," + rs.getString(6) + "," + rs.getString(7));
        }
        st.execute("DROP TABLE wide");
    }

    /**
     * MySQL 5.7 manual 12.2 ("Type Conversion in Expression Evaluation": a string compared with a
     * number compares as floating-point numbers). A text column compared with a number was 1105
     * "Data conversion error" at its first value that was no number, and a number column compared
     * with such a string literal likewise; now the text is the number it starts with (0 for none).
     */
    @Test
    void textComparedWithANumberComparesAsDoubles() throws Exception {
        st.execute("CREATE TABLE codes (id INT PRIMARY KEY, s VARCHAR(10), n INT)");
        st.execute("INSERT INTO codes VALUES (1, '10', 10), (2, '9', 9), (3, '1e1', 5), (4, ' 10', 3), (5, 'abc', 0)");
        assertEquals("1,3,4", ids("SELECT id FROM codes WHERE s = 10 ORDER BY id"));
        assertEquals("1,2,3,4", ids("SELECT id FROM codes WHERE s IN (10, 9) ORDER BY id"));
        assertEquals("1,3,4", ids("SELECT id FROM codes WHERE codes.s > 9 ORDER BY id"));
        assertEquals("2,5", ids("SELECT id FROM codes WHERE 9.5 > s ORDER BY id"));
        assertEquals("2,5", ids("SELECT id FROM codes WHERE s NOT BETWEEN 10 AND 11 ORDER BY id"));
        assertEquals("1", ids("SELECT id FROM codes WHERE n = '10abc'"));
        try (ResultSet rs = st.executeQuery("SHOW WARNINGS")) {
            assertTrue(rs.next());
            assertEquals("1292 Truncated incorrect DOUBLE value: '10abc'", rs.getInt(2) + " " + rs.getString(3));
        }
        // in arithmetic and SUM / AVG the text is that number too (1105 before)
        assertEquals("11,18,39,7.8", ids("SELECT s + 1 FROM codes WHERE id = 1 UNION ALL SELECT n + s FROM codes WHERE id = 2"
                + " UNION ALL SELECT SUM(s) FROM codes UNION ALL SELECT AVG(s) FROM codes"));
        // in a change, strict mode makes the warning an error, as MySQL's
        SQLException e = assertThrows(SQLException.class, () -> st.executeUpdate("UPDATE codes SET n = 1 WHERE n = '10abc'"));
        assertEquals(1292, e.getErrorCode());
        st.execute("DROP TABLE codes");
    }

    private static String ids(String sql) throws SQLException {
        StringBuilder out = new StringBuilder();
        try (ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) out.append(out.length() == 0 ? "" : ",").append(rs.getString(1));
        }
        return out.toString();
    }

    @Test
    void integerDivisionTruncatesWhateverTheOperandsTypes() throws Exception {
        assertEquals("3", value("SELECT 7.5 DIV 2"));
        assertEquals("-3", value("SELECT -7.5 DIV 2"));
        assertEquals("2", value("SELECT 7 DIV 2.5"));
        assertEquals("1", value("SELECT f DIV 1 FROM t"));
        assertEquals("0", value("SELECT d DIV 2 FROM t"));
        assertEquals("3", value("SELECT 100 DIV 10 DIV 3"));
        assertEquals("10", value("SELECT 1 + 7 DIV 2 * 3"));
        assertNull(value("SELECT 5 DIV 0"));
        SQLException e = assertThrows(SQLException.class, () -> st.executeUpdate("UPDATE t SET i = 5 DIV 0"));
        assertEquals(1365, e.getErrorCode());
        st.execute("CREATE TABLE divs (q BIGINT)");
        st.execute("INSERT INTO divs SELECT d * 5 DIV 1 FROM t");
        assertEquals("7", value("SELECT q FROM divs"));
        st.execute("DROP TABLE divs");
    }

    /**
     * MySQL 5.7 manual 12.6.2: MOD "returns the remainder", with the operands' precision ({@code
     * 7.5 MOD 2} is 1.5, {@code 1.10 % 1} is 0.10); H2 types the remainder as the divisor, so the
     * server gave the INTEGER 2 and 0.
     */
    @Test
    void theRemainderKeepsTheDividendsFraction() throws Exception {
        assertEquals("1.5", value("SELECT 7.5 MOD 2"));
        assertEquals("1.5", value("SELECT 7.5 % 2"));
        assertEquals("-1.5", value("SELECT -7.5 % 2"));
        assertEquals("1.5", value("SELECT MOD(7.5, 2)"));
        assertEquals("0.50", value("SELECT d % 1 FROM t"));
        assertEquals("0.50", value("SELECT MOD(t.d, i) FROM t"));
        assertEquals("0.5", value("SELECT f % 1 FROM t"));
        assertEquals("1", value("SELECT 7 % 3"));
        assertEquals("-1", value("SELECT -7 MOD 3"));
    }

    /**
     * MySQL 5.7 manual 12.20.1: AVG of an exact column is DECIMAL with the column's scale plus
     * div_precision_increment (4), of an approximate one DOUBLE. H2 gave AVG(INT) as a double
     * (2.3333333333333335) and AVG(DECIMAL(10,2)) with 12 decimals.
     */
    @Test
    void averagesHaveMysqlsPrecision() throws Exception {
        st.execute("CREATE TABLE av (a DECIMAL(10,2), b INT, c DOUBLE)");
        st.execute("INSERT INTO av VALUES (1.10, 1, 1.5), (2.25, 2, 2.5), (3.33, 4, 3.25)");
        assertEquals("2.226667", value("SELECT AVG(a) FROM av"));
        assertEquals("2.3333", value("SELECT AVG(b) FROM av"));
        assertEquals("2.3333", value("SELECT AVG(DISTINCT av.b) FROM av"));
        assertEquals("2.4166666666666665", value("SELECT AVG(c) FROM av"));
        assertNull(value("SELECT AVG(b) FROM av WHERE b > 9"));
        assertEquals("4", value("SELECT b FROM av GROUP BY b HAVING AVG(a) > 3"));
        // of an expression too, and over a window (H2 showed AVG(a * 2) as 4.453333333333 and
        // AVG(b + 0) as 2.3333333333)
        assertEquals(List.of("4.453333", "2.3333", "-2.226667", "4.833333333333333"),
                row("SELECT AVG(a * 2), AVG(b + 0), AVG(-a), AVG(c * 2) FROM av"));
        assertEquals(List.of("1,1.5000", "2,1.5000", "4,4.0000"),
                rows("SELECT b, AVG(b) OVER (PARTITION BY b > 2) FROM av ORDER BY b"));
        st.execute("DROP TABLE av");
    }

    /**
     * SUM and AVG of quotients add the values MySQL holds (three times 1/3 is 1.0000, not 0.9999;
     * AVG(1/3) was shown with thousands of zeros). Grouped, MySQL adds them in a temporary table
     * whose sums have the scale they show, and DISTINCT keeps the distinct values so: there the
     * sum of three 1/3 is 0.9999, as MySQL and MariaDB give it.
     */
    @Test
    void sumsOfQuotientsAddWhatMysqlHolds() throws Exception {
        st.execute("CREATE TABLE q (a INT, b INT, g INT)");
        st.execute("INSERT INTO q VALUES (1, 3, 1), (1, 3, 1), (1, 3, 1), (2, 7, 2)");
        assertEquals(List.of("1.2857", "0.32142857", "3.8571", "0.96428571", "0.30950000"),
                row("SELECT SUM(a/b), AVG(a/b), SUM(a/b*3), AVG(a/b*3), AVG(DISTINCT a/b) FROM q"));
        assertEquals(List.of("1,0.9999,0.33330000", "2,0.2857,0.28570000"),
                rows("SELECT g, SUM(a/b), AVG(a/b) FROM q GROUP BY g ORDER BY g"));
        assertEquals(List.of(), rows("SELECT g FROM q GROUP BY g HAVING SUM(a/b) = 1"));
        st.execute("DROP TABLE q");
    }

    /**
     * A number in exponent notation is a DOUBLE (MySQL 5.7 manual 9.1.2 "Numeric Literals"), so its
     * arithmetic is floating-point: {@code 0.1e0 + 0.2e0} is 0.30000000000000004 as in MySQL (H2
     * alone summed them exactly as DECFLOAT, 0.3), and what a DOUBLE column stores from it equals it.
     */
    @Test
    void exponentLiteralsAreDoubles() throws Exception {
        assertEquals("0.30000000000000004", value("SELECT 0.1e0 + 0.2e0"));
        st.execute("CREATE TABLE dbl (e DOUBLE, dflt DOUBLE DEFAULT 1.5e3)");
        st.execute("INSERT INTO dbl (e) VALUES (0.1e0 + 0.2e0)");
        assertEquals("1", value("SELECT e = 0.30000000000000004 FROM dbl"));
        assertEquals("1500", value("SELECT dflt FROM dbl"));
        st.execute("DROP TABLE dbl");
        // a result MySQL's DOUBLE cannot hold is 1690, never an "Infinity"; an undefined one is NULL
        SQLException e = assertThrows(SQLException.class, () -> value("SELECT 1e308 * 10"));
        assertEquals(1690, e.getErrorCode());
        assertTrue(e.getMessage().endsWith("DOUBLE value is out of range in '1e308 * 10'"), e.getMessage());
        assertNull(value("SELECT SQRT(-1)"));
        // outside a function's domain MySQL gives NULL (the engine's ACOS, LN, LOG were 1105)
        assertEquals(Arrays.asList(null, null, null, null, null, null, "3", "2"), row("SELECT ACOS(2), ASIN(-2), LN(0),"
                + " LOG(-1), LOG(1, 5), LOG10(0), LOG(2, 8), LOG10(100)"));
        // a table may still be named as those functions are: log (…) after TABLE or INTO is a table
        st.execute("CREATE DATABASE IF NOT EXISTS lg");
        try (Connection c2 = Driver.MARIADB.connect(server, "lg"); Statement s2 = c2.createStatement()) {
            s2.execute("CREATE TABLE log (id INT PRIMARY KEY, n DOUBLE)");
            s2.execute("INSERT INTO log (id, n) VALUES (1, LOG(2, 8))");
            try (ResultSet rs = s2.executeQuery("SELECT n FROM log")) {
                assertTrue(rs.next());
                assertEquals(3.0, rs.getDouble(1), 1e-9);
            }
        }
        st.execute("DROP DATABASE lg");
        // INTERVAL(N, N1, N2, …) (it was 1064), beside INTERVAL n unit
        assertEquals(List.of("2", "0", "-1", "3", "2024-01-03"), row("SELECT INTERVAL(5, 1, 3, 7), INTERVAL(0, 1),"
                + " INTERVAL(NULL, 1), INTERVAL(10, 1, 3, 7), DATE '2024-01-01' + INTERVAL (1 + 1) DAY"));
        // a DATE literal in arithmetic is its number, as a date column's (it was 1064 before INTERVAL,
        // an INTERVAL '1' DAY for a difference, the next day for + 1)
        assertEquals(List.of("1", "20240103"), row("SELECT DATE '2024-01-02' - DATE '2024-01-01', DATE '2024-01-02' + 1"));
    }

    /**
     * A FLOAT or DOUBLE column never holds an infinity: MySQL refuses an overflowing value with
     * 1264 and stores nothing of the statement (H2 alone stored Infinity and -Infinity).
     */
    @Test
    void anInfiniteValueIsOutOfRangeForFloatAndDoubleColumns() throws Exception {
        st.execute("CREATE TABLE inf (id INT, e DOUBLE, r FLOAT)");
        st.execute("INSERT INTO inf VALUES (1, 1.5, 2.5)");
        for (String sql : new String[] {"INSERT INTO inf (id, e) VALUES (2, '1e400')",
                "INSERT INTO inf (id, e) VALUES (3, 1), (4, '-1e309')", "INSERT INTO inf (id, e) VALUES (5, 1e308 * 10)",
                "INSERT INTO inf (id, e) VALUES (6, 'Infinity')", "UPDATE inf SET e = e * 1e308 * 1e308"}) {
            SQLException e = assertThrows(SQLException.class, () -> st.executeUpdate(sql), sql);
            assertEquals(1264, e.getErrorCode(), sql);
            assertEquals("22003", e.getSQLState(), sql);
            // the second row of (3, 1), (4, '-1e309') is row 2
            assertTrue(e.getMessage().endsWith("Out of range value for column 'e' at row " + (sql.contains("(4,") ? 2 : 1)),
                    e.getMessage());
        }
        for (String sql : new String[] {"INSERT INTO inf (id, r) VALUES (7, 1e39)", "INSERT INTO inf (id, r) VALUES (8, '-1e39')"}) {
            SQLException e = assertThrows(SQLException.class, () -> st.executeUpdate(sql), sql);
            assertEquals(1264, e.getErrorCode(), sql);
            assertTrue(e.getMessage().endsWith("Out of range value for column 'r' at row 1"), e.getMessage());
        }
        assertEquals("1 1.5 2.5", value("SELECT GROUP_CONCAT(CONCAT_WS(' ', id, e, r)) FROM inf"));
        st.execute("DROP TABLE inf");
    }

    /**
     * A string that is a number goes into a numeric column as that number, rounded half away from
     * zero for an integer column, as MySQL's strict mode takes it ('1.5' into an INT is 2; H2
     * refused it with 1366); text that is no number is 1366 with MySQL's type name (an integer
     * column is "integer", not "tinyint").
     */
    @Test
    void numericStringsGoIntoNumericColumnsAsNumbers() throws Exception {
        st.execute("CREATE TABLE ns (id INT PRIMARY KEY, i INT, b TINYINT, d DECIMAL(5,2))");
        st.execute("INSERT INTO ns VALUES (1, '1.5', '-2.5', ' 3.25 '), (2, '2.5e0', '.5', '1e1')");
        st.execute("UPDATE ns SET i = '7.7' WHERE id = 1");
        assertEquals("8 -3 3.25,3 1 10.00", value("SELECT GROUP_CONCAT(CONCAT_WS(' ', i, b, d) ORDER BY id) FROM ns"));
        SQLException e = assertThrows(SQLException.class, () -> st.executeUpdate("INSERT INTO ns (id, b) VALUES (3, 'x')"));
        assertEquals(1366, e.getErrorCode());
        assertTrue(e.getMessage().endsWith("Incorrect integer value: 'x' for column 'b' at row 1"), e.getMessage());
        st.execute("DROP TABLE ns");
    }

    /**
     * A string literal where MySQL wants a number (an arithmetic operand, a numeric function's
     * argument, compared with a number) is a DOUBLE of the number it starts with, 0 when none, with
     * warning 1292 when characters follow; INSERT and UPDATE refuse such a string (strict mode),
     * DELETE and SELECT warn. H2 refused each ('1.5' * 2: no INTEGER; '10' + '20': 1105).
     */
    @Test
    void stringLiteralsInArithmeticAreDoubles() throws Exception {
        assertEquals("30", value("SELECT '10' + '20'"));
        assertEquals("3", value("SELECT '1.5' * 2"));
        assertEquals("-5", value("SELECT -'5'"));
        assertEquals("100", value("SELECT ' 1e2 ' + 0"));
        assertEquals("3", value("SELECT '9' / '3'"));
        assertEquals("3", value("SELECT ABS('-3')"));
        assertEquals("2.6", value("SELECT ROUND('2.567', 1)"));
        assertEquals("3", value("SELECT FLOOR('3.7')"));
        assertEquals("1", value("SELECT '3' > 2"));
        assertEquals("[]", warnings());
        assertEquals("2", value("SELECT '2abc' + 0"));
        assertEquals("[Warning 1292 Truncated incorrect DOUBLE value: '2abc']", warnings());
        assertEquals("1", value("SELECT 'abc' + 1"));
        assertEquals("[Warning 1292 Truncated incorrect DOUBLE value: 'abc']", warnings());
        assertEquals("1", value("SELECT 'a' = 0"));
        // a date literal plus an interval stays date arithmetic
        assertEquals("2020-01-02", value("SELECT '2020-01-01' + INTERVAL 1 DAY"));
        st.execute("CREATE TABLE so (id INT PRIMARY KEY, f DOUBLE)");
        st.execute("INSERT INTO so VALUES (1, '1.5' + 1)");
        assertEquals("2.5", value("SELECT f FROM so"));
        SQLException e = assertThrows(SQLException.class, () -> st.executeUpdate("UPDATE so SET f = '2abc' + 1"));
        assertEquals(1292, e.getErrorCode());
        assertTrue(e.getMessage().endsWith("Truncated incorrect DOUBLE value: '2abc'"), e.getMessage());
        e = assertThrows(SQLException.class, () -> st.executeUpdate("INSERT INTO so VALUES (2, 'x' * 1)"));
        assertEquals(1292, e.getErrorCode());
        assertEquals("2.5", value("SELECT GROUP_CONCAT(f) FROM so"));
        assertEquals(0, st.executeUpdate("DELETE FROM so WHERE f = '2abc' + 0"));
        assertEquals("[Warning 1292 Truncated incorrect DOUBLE value: '2abc']", warnings());
        st.execute("DROP TABLE so");
    }

    /**
     * A string literal that is a whole operand of AND, OR, NOT or the condition of IF is read as a
     * number, true when not 0, with the same warning (MySQL 5.7 manual 12.3.3); the engine refused
     * to make a string a truth (1105). Values and warnings as MariaDB 10.11 gave them.
     */
    @Test
    void stringLiteralsInLogicalPlacesAreNumbers() throws Exception {
        try (ResultSet rs = st.executeQuery("SELECT 1 AND 'a', 'b' OR 0, NOT '0', IF('0', 1, 2), IF('2x', 1, 2), 1 AND '1'")) {
            assertTrue(rs.next());
            StringBuilder values = new StringBuilder();
            for (int i = 1; i <= 6; i++) values.append(rs.getString(i));
            assertEquals("001211", values.toString());
        }
        assertEquals("[Warning 1292 Truncated incorrect DOUBLE value: 'a', Warning 1292 Truncated incorrect DOUBLE value: 'b',"
                + " Warning 1292 Truncated incorrect DOUBLE value: '2x']", warnings());
        assertEquals("1", value("SELECT COUNT(*) FROM t WHERE i = 1 AND '1'"));
        assertEquals("0", value("SELECT COUNT(*) FROM t WHERE i = 1 AND '0'"));
        // BETWEEN's AND is no logical operator: its bounds stay strings
        assertEquals("1", value("SELECT 'b' BETWEEN 'a' AND 'c' AND 1"));
        assertEquals("0", value("SELECT 1 AND 'x' BETWEEN 'a' AND 'c'"));
    }

    /**
     * A string literal in an IN whose other side is number literals compares as a DOUBLE, with
     * MySQL's 1292 for text that is no number (it was 1105 "Data conversion error").
     */
    @Test
    void aStringInAnInListOfNumbersIsADouble() throws Exception {
        assertEquals(java.util.List.of("0", "1", "1", "0", "1"),
                row("SELECT 1 IN ('a'), 'a' IN (0), 1 IN ('1', 2), 2 NOT IN ('2x', 3), '3' IN (1, 2, 3)"));
        assertEquals("1", value("SELECT 'x' NOT IN (1, 2)"));
        assertEquals("[Warning 1292 Truncated incorrect DOUBLE value: 'x']", warnings());
    }

    private static String warnings() throws SQLException {
        java.util.List<String> out = new java.util.ArrayList<>();
        try (ResultSet rs = st.executeQuery("SHOW WARNINGS")) {
            while (rs.next()) out.add(rs.getString(1) + " " + rs.getInt(2) + " " + rs.getString(3));
        }
        return out.toString();
    }

    /**
     * A text, date or time column as a condition or a logical operand (MySQL reads it as a number,
     * true when not 0; a MariaDB 10.11 server gives the same rows): {@code WHERE b} of '3y' is
     * true, of 'x' false; {@code NOT c} of a date false; {@code b || 'x'} is OR. The engine refused
     * to make them truths (1105 "Data conversion error converting CHARACTER VARYING to BOOLEAN").
     * A simple CASE's WHEN value stays a value.
     */
    @Test
    void aTextOrDateColumnIsATruthAsItsNumber() throws Exception {
        st.execute("CREATE DATABASE IF NOT EXISTS tc");
        st.execute("CREATE TABLE tc.t (id INT PRIMARY KEY, b VARCHAR(20), c DATETIME)");
        st.execute("INSERT INTO tc.t VALUES (1, 'x', '2024-01-01 10:00:00'), (2, '3y', '2024-06-30 23:59:59'), (3, NULL, NULL)");
        assertEquals(List.of(List.of("2")), SqlRunner.on(connection).rows("SELECT id FROM tc.t WHERE b"));
        assertEquals(List.of(), SqlRunner.on(connection).rows("SELECT id FROM tc.t WHERE NOT c"));
        assertEquals(List.of(List.of("1"), List.of("2")), SqlRunner.on(connection).rows("SELECT id FROM tc.t WHERE c ORDER BY id"));
        assertEquals(List.of(List.of("1", "0", "1", "no", "F", "1"), List.of("2", "1", "0", "yes", "T", "2"),
                        Arrays.asList("3", null, null, "no", "F", "2")),
                SqlRunner.on(connection).rows("SELECT id, b || 'x', NOT b, CASE WHEN b THEN 'yes' ELSE 'no' END,"
                        + " IF(b, 'T', 'F'), CASE b WHEN 'x' THEN 1 ELSE 2 END FROM tc.t ORDER BY id"));
        st.execute("DROP DATABASE tc");
    }

    @Test
    void aZeroDivisorIsNullInAQueryAndAnErrorInAStrictChange() throws Exception {
        assertNull(value("SELECT 1/0"));
        // with MySQL's warning (ERROR_FOR_DIVISION_BY_ZERO), which was missing
        assertEquals("[Warning 1365 Division by 0]", warnings());
        assertNull(value("SELECT i/0 FROM t"));
        assertNull(value("SELECT i DIV 0 FROM t"));
        assertEquals("[Warning 1365 Division by 0]", warnings());
        assertNull(value("SELECT 1e0 / 0"));
        assertEquals("[Warning 1365 Division by 0]", warnings());
        SQLException e = assertThrows(SQLException.class, () -> st.executeUpdate("UPDATE t SET d = d / 0"));
        assertEquals(1365, e.getErrorCode());
        assertTrue(e.getMessage().endsWith("Division by 0"), e.getMessage());
        assertEquals("1.50", value("SELECT d FROM t"));
        // so is a remainder by zero (MySQL 5.7 manual 12.6.2, MOD(N, 0) returns NULL), which was 1365
        assertNull(value("SELECT i % 0 FROM t"));
        // with the warning where the divisor is a column or a number (it was silent)
        assertEquals("[Warning 1365 Division by 0]", warnings());
        assertNull(value("SELECT MOD(i, 0) FROM t"));
        assertEquals("[Warning 1365 Division by 0]", warnings());
        assertNull(value("SELECT i MOD (i - 1) FROM t"));
        assertNull(value("SELECT MOD(ABS(i), i - 1) FROM t"));
        assertEquals("1.5", value("SELECT MOD(7.5, 2)"));
        e = assertThrows(SQLException.class, () -> st.executeUpdate("UPDATE t SET i = MOD(i, 0)"));
        assertEquals(1365, e.getErrorCode());
        assertEquals("1", value("SELECT i FROM t"));
    }

    /**
     * Hex and bit literals are numbers in arithmetic (MySQL 5.7 manual, 9.1.4 Hexadecimal Literals:
     * "in numeric contexts … treated like a BIGINT UNSIGNED"); STRCMP and BIT_COUNT (12.5, 12.12).
     */
    @Test
    void hexLiteralsInArithmeticStrcmpAndBitCount() throws Exception {
        assertEquals("65", value("SELECT 0x41 + 0"));
        assertEquals("66", value("SELECT X'41' + 1"));
        assertEquals("5", value("SELECT 0b101 | 0"));
        // compared with a number or a number column it is a number too (both were 1105); with a
        // string or a binary column, its bytes
        assertEquals(List.of("1", "1", "1"), row("SELECT 0x41 = 65, 65 = 0x41, 0x41 = 'A'"));
        st.execute("CREATE TABLE hexes (id INT, b VARBINARY(4))");
        st.execute("INSERT INTO hexes VALUES (65, 'A'), (66, 'B')");
        assertEquals(List.of("65", "66", "65"), List.of(column("SELECT id FROM hexes WHERE id = 0x41"),
                column("SELECT id FROM hexes WHERE 0x42 = id"), column("SELECT id FROM hexes WHERE b = 0x41")));
        st.execute("DROP TABLE hexes");
        // stored into a number or YEAR column it is its number (each was 1105, the engine's bytes)
        st.execute("CREATE TABLE hexes (i INT, u BIGINT UNSIGNED, d DECIMAL(6,2), y YEAR, s VARCHAR(4))");
        st.execute("INSERT INTO hexes VALUES (0x10, 0xFFFFFFFFFFFFFFFE, 0x20, 0x7E8, 0x41)");
        assertEquals(List.of("16", "18446744073709551614", "32.00", "2024", "A"), row("SELECT * FROM hexes"));
        st.execute("DROP TABLE hexes");
        // X'…' and b'…' alike, as MySQL treats the spellings (X'31' into an INT was 1105; MariaDB
        // stores 1, the string '1'); a BIT column takes the bits; beyond eight bytes is out of range
        st.execute("CREATE TABLE hexes (i INT, y YEAR, b BIT(8))");
        st.execute("INSERT INTO hexes VALUES (X'31', X'07D0', X'41'), (b'110001', b'11111010000', b'1000001')");
        st.execute("UPDATE hexes SET i = i + X'01'");
        assertEquals(List.of("50", "2000", "65"), row("SELECT i, y, b + 0 FROM hexes LIMIT 1"));
        SQLException tooWide = assertThrows(SQLException.class,
                () -> st.executeUpdate("INSERT INTO hexes (i) VALUES (X'0102030405060708090A')"));
        assertEquals("1264 Out of range value for column 'i' at row 1", tooWide.getErrorCode() + " " + message(tooWide));
        st.execute("DROP TABLE hexes");
        assertEquals("18446744073709551615", value("SELECT 0xffffffffffffffff + 0"));
        assertEquals("18446744073709551610", value("SELECT ~5"));
        assertEquals("3", value("SELECT MOD(8, 5) | 0"));
        assertEquals("A", value("SELECT 0x41"));
        // cast to a number it is its number too (it was 0: its bytes read as text)
        assertEquals(List.of("16", "12594", "16", "16"), row("SELECT CAST(0x10 AS UNSIGNED), CAST(0x3132 AS SIGNED),"
                + " CONVERT(0x10, SIGNED), CAST(0x10 AS DECIMAL)"));
        assertEquals("-1", value("SELECT STRCMP('a', 'b')"));
        assertEquals("0", value("SELECT STRCMP('Text', 'text')"));
        assertEquals("1", value("SELECT STRCMP('b', 'a')"));
        assertNull(value("SELECT STRCMP(NULL, 'a')"));
        assertEquals("3", value("SELECT BIT_COUNT(7)"));
        assertEquals("2", value("SELECT BIT_COUNT(0x41)"));
    }

    @Test
    void logicalAndComparisonOperators() throws Exception {
        assertEquals("1", value("SELECT 1 || 0"));
        assertEquals("0", value("SELECT 0 || 0"));
        assertEquals("0", value("SELECT 1 && 0"));
        assertEquals("1", value("SELECT NULL <=> NULL"));
        assertEquals("0", value("SELECT 1 <=> NULL"));
        assertEquals("1", value("SELECT COUNT(*) FROM t WHERE i = 1 || i = 2"));
    }

    /**
     * XOR (MySQL 5.7 manual 12.3.3, "Logical Operators"): NULL when an operand is NULL, 1 when
     * exactly one operand is true; it binds more loosely than AND and NOT and more tightly than
     * OR (12.3.1). H2 has no logical XOR: every use was a 1064. Results checked against MariaDB 10.11.
     */
    @Test
    void xorIsTrueWhenExactlyOneOperandIs() throws Exception {
        assertEquals("0", value("SELECT 1 XOR 1"));
        assertEquals("1", value("SELECT 1 XOR 0"));
        assertNull(value("SELECT NULL XOR 1"));
        assertEquals("1", value("SELECT 1 XOR 1 XOR 1"));
        // OR binds more loosely, AND and NOT more tightly
        assertEquals("1", value("SELECT 1 OR 1 XOR 1"));
        assertEquals("1", value("SELECT 0 AND 1 XOR 1"));
        assertEquals("1", value("SELECT NOT 1 XOR 1"));
        assertEquals("1", value("SELECT 1 XOR NOT 1"));
        assertEquals("0", value("SELECT 1 = 1 XOR 2 = 2"));
        assertEquals("0", value("SELECT 3 NOT IN (1, 2) XOR 1"));
        assertEquals("1", value("SELECT 1 XOR 5 NOT BETWEEN 1 AND 9"));
        // a string is true by the number it starts with
        assertEquals("1", value("SELECT '0' XOR 1"));
        assertEquals("1", value("SELECT '2x' XOR 0"));
        assertEquals("1", value("SELECT 0.5 XOR 0"));
        st.execute("CREATE TABLE x (a INT, b INT)");
        st.execute("INSERT INTO x VALUES (1, 0), (0, 0), (1, 1), (NULL, 1)");
        assertEquals("1", value("SELECT COUNT(*) FROM x WHERE a XOR b"));
        assertEquals("2", value("SELECT COUNT(*) FROM x WHERE a XOR b AND a = 0"));
        st.execute("DROP TABLE x");
    }

    @Test
    void bitwiseOperators() throws Exception {
        assertEquals("1", value("SELECT 3 & 5"));
        assertEquals("7", value("SELECT 3 | 5"));
        assertEquals("6", value("SELECT 3 ^ 5"));
        assertEquals("8", value("SELECT 1 << 3"));
        assertEquals("2", value("SELECT 8 >> 2"));
        assertEquals("3", value("SELECT 1 | 2 & 3"));
    }

    /**
     * MySQL 5.7 manual 12.12, Bit Functions and Operators: "Bit functions and operators ... return
     * a BIGINT UNSIGNED", on 64 bits. The engine shifted an INTEGER's 32 bits, {@code 1 << 63} was
     * 0 and {@code (1 << 63) | 1} 1 without a word, and refused an operand past a BIGINT.
     */
    @Test
    void bitwiseOperatorsWorkOnSixtyFourUnsignedBits() throws Exception {
        assertEquals(List.of("9223372036854775808", "9223372036854775809", "4611686018427387904", "0", "0"),
                row("SELECT 1 << 63, (1 << 63) | 1, 9223372036854775808 >> 1, 1 << 64, 5 >> 70"));
        assertEquals(List.of("18446744073709551615", "1", "18446744073709551614", "18446744073709551615"),
                row("SELECT 18446744073709551615 | 0, 18446744073709551615 & 1, 0xffffffffffffffff ^ 1, -1 | 0"));
        assertEquals(List.of("18446744073709551610", "0", "3", "65"), row("SELECT ~5, ~18446744073709551615, 2.5 | 0, 0x41 | 0"));
        st.execute("CREATE TABLE bits (u BIGINT UNSIGNED, n INT)");
        st.execute("INSERT INTO bits VALUES (18446744073709551615, 6), (5, NULL)");
        assertEquals(List.of("18446744073709551615,18446744073709551614,9223372036854775807,6",
                        "5,4,2,NULL"),
                rows("SELECT u | 0, u ^ 1, u >> 1, n & u FROM bits ORDER BY u DESC"));
        st.execute("DROP TABLE bits");
    }

    /**
     * A condition is a number in MySQL, 1 or 0 (12.3.1: "Comparison operations result in a value
     * of 1 (TRUE), 0 (FALSE), or NULL"): beside a comparison or arithmetic it orders, adds and
     * compares as one. The engine's truth values did not: {@code 3 > (1 = 1)} and {@code (a > 1)
     * + (b > 1)} were errors.
     */
    @Test
    void aConditionIsTheNumberOneOrZeroBesideOtherOperators() throws Exception {
        assertEquals(List.of("1", "1", "2", "1", "1", "0", "0"),
                row("SELECT 3 > (1 = 1), (NULL <=> 0) < 2, (1 = 1) + (2 = 2), (1 = 1) BETWEEN 0 AND 2,"
                        + " (1 = 1) = '1', 5 = (1 < 2), (1 > 2) * 10"));
        st.execute("CREATE TABLE truths (a INT, b INT)");
        st.execute("INSERT INTO truths VALUES (1, 2), (3, 3), (NULL, 1)");
        assertEquals(List.of("NULL,1,NULL", "1,2,1", "3,3,2"),
                rows("SELECT a, b, (a > 1) + (b > 1) FROM truths ORDER BY b, a"));
        assertEquals(List.of("3"), rows("SELECT a FROM truths WHERE (a = b) > 0 AND (a > 1)"));
        st.execute("DROP TABLE truths");
    }

    /**
     * CAST(x AS UNSIGNED) and CONVERT(x, UNSIGNED) are 64-bit unsigned (MySQL 5.7 manual 12.10): a
     * negative value is 2^64 plus it, where the engine's BIGINT kept -1 as -1; bitwise operators
     * and functions read its 64 bits.
     */
    @Test
    void castToUnsignedWrapsNegativeValues() throws Exception {
        assertEquals("18446744073709551615", value("SELECT CAST(-1 AS UNSIGNED)"));
        assertEquals("18446744073709551614", value("SELECT CONVERT(-2, UNSIGNED INTEGER)"));
        assertEquals("5", value("SELECT CAST(5 AS UNSIGNED)"));
        assertEquals("-1", value("SELECT CAST(-1 AS SIGNED)"));
        // bitwise operators and functions take the 64 bits as they are
        assertEquals("18446744073709551615", value("SELECT BIT_XOR(CAST(-1 AS UNSIGNED))"));
        assertEquals("1", value("SELECT CAST(-1 AS UNSIGNED) & 1"));
        // a DECIMAL is rounded, then bounded to 0 … 2^64 - 1 with MySQL's warning (my_decimal2int):
        // -5.5 is 0, where it had been 2^64 - 6; a DOUBLE is its 64 bits (-5.5e0 rounds to -6)
        assertEquals(List.of("0", "0", "4", "18446744073709551615", "18446744073709551610"), row("SELECT CAST(-5.5 AS UNSIGNED),"
                + " CAST(-0.4 AS UNSIGNED), CONVERT(3.5, UNSIGNED), CAST(18446744073709551616.5 AS UNSIGNED),"
                + " CAST(-5.5e0 AS UNSIGNED)"));
        assertEquals("[Warning 1292 Truncated incorrect DECIMAL value: '', Warning 1292 Truncated incorrect DECIMAL value: '']",
                warnings());
    }

    /**
     * CAST(x AS SIGNED | UNSIGNED) of a string is the integer it starts with, as MySQL converts
     * strings to integers (12.10: "the result is an integer"; a MariaDB 10.11 server gives the same
     * values): {@code '12abc'} 12, {@code '3.7'} 3, {@code 'abc'} 0, a text column's values alike;
     * a DOUBLE rounds to even, a date is its number. The engine refused them (1105 "Data conversion
     * error converting "12abc"", "DATE to BIGINT").
     */
    @Test
    void castOfAStringToAnIntegerIsTheIntegerItStartsWith() throws Exception {
        assertEquals("12 0 3 1 12 18446744073709551611", String.join(" ", row("SELECT CAST('12abc' AS SIGNED),"
                + " CAST('abc' AS UNSIGNED), CONVERT('3.7', SIGNED), CAST('1e3' AS SIGNED INTEGER), CAST(' 12 ' AS SIGNED),"
                + " CAST('-5' AS UNSIGNED)")));
        assertEquals("2 4 -2 3 20240102 101112 -1", String.join(" ", row("SELECT CAST(2.5e0 AS SIGNED), CAST(3.5e0 AS SIGNED),"
                + " CAST(-2.5e0 AS SIGNED), CAST(2.5 AS SIGNED), CAST(DATE '2024-01-02' AS SIGNED), CAST(TIME '10:11:12' AS SIGNED),"
                + " CAST('99999999999999999999' AS SIGNED)")));
        assertEquals("18446744073709551615 -1", String.join(" ",
                row("SELECT CAST(18446744073709551615 AS UNSIGNED), CAST(18446744073709551615 AS SIGNED)")));
        st.execute("CREATE DATABASE IF NOT EXISTS cs");
        st.execute("CREATE TABLE cs.t (id INT PRIMARY KEY, v VARCHAR(10))");
        st.execute("INSERT INTO cs.t VALUES (1, '12abc'), (2, 'x'), (3, NULL)");
        assertEquals("12", value("SELECT SUM(CAST(v AS SIGNED)) FROM cs.t"));
        assertEquals("1", value("SELECT COUNT(*) FROM cs.t WHERE CAST(v AS UNSIGNED) = 12"));
        st.execute("DROP DATABASE cs");
    }

    /**
     * CAST(x AS DECIMAL(m,d)) and CAST(x AS DOUBLE) read a string or binary string as the number it
     * starts with, a date as its number, and a value beyond DECIMAL(m,d) as its largest one, with
     * MySQL's warnings (12.10 "Cast Functions"; a MariaDB 10.11 server gives the same values and
     * warnings): the engine refused a binary string, a date and text with more than a number in it
     * (1105), and a value too wide (1406). A DECIMAL without digits is DECIMAL(10,0).
     */
    @Test
    void castToDecimalOrDoubleReadsTextBinaryAndDatesAsMySqlDoes() throws Exception {
        // X'31' is its bytes read as text, 0x3132 a number (12594; it was read as the text '12')
        assertEquals(List.of("1.0", "12594", "15.00", "0.0", "20200102", "101112.00", "99.9", "-1.3", "1", "1.5"),
                row("SELECT CAST(x'31' AS DECIMAL(10,1)), CONVERT(0x3132, DECIMAL), CAST('1.5e1x' AS DECIMAL(5,2)),"
                        + " CAST('abc' AS DECIMAL(4,1)), CAST(DATE '2020-01-02' AS DECIMAL),"
                        + " CAST(TIME '10:11:12' AS DECIMAL(10,2)), CAST(1000 AS DECIMAL(3,1)), CAST(-1.25 AS DECIMAL(3,1)),"
                        + " CAST(x'31' AS DOUBLE), CAST('1.5y' AS DOUBLE)"));
        assertEquals("[Warning 1292 Truncated incorrect DECIMAL value: '1.5e1x',"
                + " Warning 1292 Truncated incorrect DECIMAL value: 'abc',"
                + " Warning 1264 Out of range value for column 'CAST(1000 AS DECIMAL(3,1))' at row 1,"
                + " Warning 1292 Truncated incorrect DOUBLE value: '1.5y']", warnings());
        try (ResultSet rs = st.executeQuery("SELECT CAST('12' AS DECIMAL), CAST('1.5' AS DECIMAL(5,2))")) {
            assertEquals(11, rs.getMetaData().getColumnDisplaySize(1));
            assertEquals(0, rs.getMetaData().getScale(1));
            assertEquals(2, rs.getMetaData().getScale(2));
        }
        // in a change, strict mode makes the warning the statement's error, and nothing is written
        st.execute("CREATE TABLE casts (i INT, d DECIMAL(5,1))");
        SQLException e = assertThrows(SQLException.class,
                () -> st.executeUpdate("INSERT INTO casts (d) VALUES (CAST('1x' AS DECIMAL))"));
        assertEquals("1292 Truncated incorrect DECIMAL value: '1x'", e.getErrorCode() + " " + message(e));
        e = assertThrows(SQLException.class, () -> st.executeUpdate("INSERT INTO casts (i) VALUES (CAST('12abc' AS SIGNED))"));
        assertEquals("1292 Truncated incorrect INTEGER value: '12abc'", e.getErrorCode() + " " + message(e));
        e = assertThrows(SQLException.class, () -> st.executeUpdate("INSERT INTO casts (d) VALUES (CAST(1000 AS DECIMAL(3,1)))"));
        assertEquals("1264 Out of range value for column 'CAST(1000 AS DECIMAL(3,1))' at row 1",
                e.getErrorCode() + " " + message(e));
        assertEquals("0", value("SELECT COUNT(*) FROM casts"));
        st.execute("INSERT INTO casts VALUES (CAST(' 7 ' AS SIGNED), CAST(x'32' AS DECIMAL(3,1)))");
        assertEquals(List.of("7", "2.0"), row("SELECT i, d FROM casts"));
        st.execute("DROP TABLE casts");
    }

    /**
     * DEFAULT(col) is the column's default value (MySQL 5.7 manual 12.19 "Miscellaneous Functions",
     * MariaDB's func_default test): in a query, and in ON DUPLICATE KEY UPDATE; NULL for a nullable
     * column without one, 1364 for a NOT NULL one. It was 1064.
     */
    @Test
    void defaultOfAColumnIsItsDefaultValue() throws Exception {
        st.execute("CREATE TABLE dflt (id INT PRIMARY KEY, s VARCHAR(10) DEFAULT 'def', n INT DEFAULT 10,"
                + " r DOUBLE DEFAULT 3.14, d DATE DEFAULT '2020-01-02', plain INT, needed INT NOT NULL)");
        st.execute("INSERT INTO dflt VALUES (1, '', 0, 0, NULL, 5, 6)");
        assertEquals(Arrays.asList("def", "10", "3.14", "2020-01-02", null),
                row("SELECT DEFAULT(s), DEFAULT(n), DEFAULT(dflt.r), DEFAULT(d), DEFAULT(plain) FROM dflt"));
        assertEquals("11", value("SELECT DEFAULT(n) + 1 FROM dflt"));
        st.execute("INSERT INTO dflt VALUES (1, 'x', 1, 1, NULL, 1, 1) ON DUPLICATE KEY UPDATE n = DEFAULT(n), s = DEFAULT(s)");
        assertEquals(List.of("def", "10"), row("SELECT s, n FROM dflt WHERE id = 1"));
        SQLException e = assertThrows(SQLException.class, () -> value("SELECT DEFAULT(needed) FROM dflt"));
        assertEquals("1364 Field 'needed' doesn't have a default value", e.getErrorCode() + " " + message(e));
        st.execute("DROP TABLE dflt");
    }

    /**
     * A string function's result in arithmetic is the DOUBLE it starts with, as MySQL reads a
     * string there (MariaDB's func_set and func_concat tests): {@code ELT(1, 1.1, 1.2) + 0} is 1.1,
     * {@code -CONCAT('3', 4)} -34; the engine failed converting it (1105).
     */
    @Test
    void aStringFunctionsResultInArithmeticIsItsNumber() throws Exception {
        assertEquals(List.of("1.1", "-34", "3", "2"),
                row("SELECT ELT(1, 1.1, 1.2) + 0, -CONCAT('3', 4), 2 * CONCAT('1.5', ''), ELT(2, 1, 2) | 0"));
    }

    /**
     * GREATEST and LEAST of numbers and strings compare them as numbers (MySQL 5.7 manual 12.3.2:
     * "If the arguments comprise a mix of numbers and strings, they are compared as numbers"), a
     * string that is no number with warning 1292; the engine refused the mix (1105).
     */
    @Test
    void greatestAndLeastOfNumbersAndStringsCompareNumbers() throws Exception {
        assertEquals(List.of("10", "0", "a"), row("SELECT GREATEST('10', 9), LEAST('a', 1), LEAST('b', 'a')"));
        assertEquals("[Warning 1292 Truncated incorrect DOUBLE value: 'a']", warnings());
    }

    /**
     * An aggregate in a WHERE condition or a GROUP BY list of its own query is 1111 "Invalid use of
     * group function", as MySQL's (the engine answered {@code WHERE SUM(i) > 1} with a row, and
     * {@code GROUP BY SUM(i)} was 1064); in a subquery there it is the subquery's, and allowed.
     */
    @Test
    void anAggregateInWhereOrGroupByIs1111() throws Exception {
        for (String sql : List.of("SELECT SUM(i) FROM t WHERE SUM(i) > 1", "SELECT i FROM t GROUP BY SUM(i)",
                "UPDATE t SET i = 1 WHERE COUNT(*) > 0", "SELECT i FROM t WHERE i > 0 AND (MAX(i) = 1)")) {
            SQLException e = assertThrows(SQLException.class, () -> st.execute(sql), sql);
            assertEquals("1111 Invalid use of group function", e.getErrorCode() + " " + message(e), sql);
        }
        assertEquals("1", value("SELECT i FROM t WHERE i = (SELECT MAX(i) FROM t) GROUP BY i HAVING COUNT(*) > 0"));
        assertEquals("1", value("SELECT COUNT(*) FROM t WHERE EXISTS (SELECT SUM(i) FROM t) GROUP BY i WITH ROLLUP"));
    }

    /** An error's message without the driver's "(conn=n) ". */
    private static String message(SQLException e) {
        return e.getMessage().replaceFirst("^\\(conn=\\d+\\) ", "");
    }

    /**
     * BIT_OR, BIT_AND and BIT_XOR read each value's 64 bits as the bitwise operators do (12.20.1):
     * a text column's number, a BIGINT UNSIGNED beyond 2^63, a decimal rounded; the engine's
     * refused all three (1105 "Invalid value … for parameter "bit function argument"").
     */
    @Test
    void bitAggregatesReadTextAndUnsignedValues() throws Exception {
        st.execute("CREATE TABLE bitagg (v VARCHAR(10), u BIGINT UNSIGNED, d DECIMAL(3,1))");
        st.execute("INSERT INTO bitagg VALUES ('5', 18446744073709551615, 1.5), ('6', 1, 2.0)");
        assertEquals(List.of("7", "1", "3", "18446744073709551614", "2"),
                row("SELECT BIT_OR(v), BIT_AND(u), BIT_XOR(v), BIT_XOR(u), BIT_AND(ALL d) FROM bitagg"));
        // COUNT(DISTINCT a, b): the distinct combinations of the rows where none is NULL (it was 1064)
        st.execute("INSERT INTO bitagg VALUES ('5', 18446744073709551615, 2.0), ('7', NULL, 1.5), ('5', 1, NULL)");
        assertEquals(List.of("3", "4", "3"),
                row("SELECT COUNT(DISTINCT v, u), COUNT(DISTINCT bitagg.v, d), COUNT(DISTINCT v, 'x', 1) FROM bitagg"));
        st.execute("DROP TABLE bitagg");
    }

    /**
     * Integer literals add and multiply in 64 bits, as MySQL's integers do (12.6.1): {@code
     * 2147483647 + 1} is 2147483648 (the engine's INTEGER refused it: 1105 "Numeric value out of
     * range"); past 64 bits it is MySQL's 1690 naming the expression, not 1105.
     */
    @Test
    void integerArithmeticIsSixtyFourBitsAndOverflowIs1690() throws Exception {
        assertEquals(List.of("2147483648", "4294967294", "-2147483649", "2"),
                row("SELECT 2147483647 + 1, 2147483647 * 2, -2147483648 - 1, 1 + 1"));
        SQLException e = assertThrows(SQLException.class, () -> value("SELECT 9223372036854775807 + 1"));
        assertEquals("1690 22003 BIGINT value is out of range in '(9223372036854775807 + 1)'",
                e.getErrorCode() + " " + e.getSQLState() + " " + message(e));
        st.execute("CREATE TABLE big (b BIGINT)");
        st.execute("INSERT INTO big VALUES (9223372036854775807)");
        e = assertThrows(SQLException.class, () -> value("SELECT b * 2 FROM big"));
        assertEquals("1690 BIGINT value is out of range in '(b * 2)'", e.getErrorCode() + " " + message(e));
        st.execute("DROP TABLE big");
    }

    /**
     * ROUND of a DOUBLE rounds half to even, as MySQL's manual says of approximate values ("round to
     * nearest even" on most systems; MariaDB 10.11 alike): ROUND(2.5e0) is 2 (it was 3); an exact
     * value still rounds half away from zero.
     */
    @Test
    void roundOfADoubleRoundsHalfToEven() throws Exception {
        assertEquals("2 4 -2 1.2 200 3 -2", String.join(" ", row("SELECT ROUND(2.5e0), ROUND(3.5e0), ROUND(-2.5e0),"
                + " ROUND(1.25e0, 1), ROUND(150e0, -2), ROUND(2.5), ROUND(-1.5)")));
        st.execute("CREATE DATABASE IF NOT EXISTS rd");
        st.execute("CREATE TABLE rd.t (id INT PRIMARY KEY, d DOUBLE)");
        st.execute("INSERT INTO rd.t VALUES (1, 0.5), (2, 1.5), (3, NULL)");
        assertEquals("0,2,", String.join(",", java.util.Arrays.asList(
                value("SELECT ROUND(d) FROM rd.t WHERE id = 1"), value("SELECT ROUND(d) FROM rd.t WHERE id = 2"),
                java.util.Objects.toString(value("SELECT ROUND(d, 0) FROM rd.t WHERE id = 3"), ""))));
        st.execute("DROP DATABASE rd");
    }

    /**
     * A user variable a query assigns with {@code :=} keeps the value it was given after the query,
     * and the query reads it row by row (MySQL 5.7 manual 9.4: "SELECT @t1:=(@t2:=1)+@t3:=4, …"; the
     * numbering idiom {@code @r := @r + 1}). The server had read the variable once before the query
     * and the engine kept the assignment to itself: {@code SELECT @x := 5; SELECT @x} gave NULL, the
     * numbering NULLs, without a word.
     */
    @Test
    void aQueryAssignsUserVariablesRowByRow() throws Exception {
        assertEquals("5", value("SELECT @x := 5"));
        assertEquals("5", value("SELECT @X"));
        st.execute("CREATE DATABASE IF NOT EXISTS uv");
        st.execute("CREATE TABLE uv.t (id INT PRIMARY KEY, n INT)");
        st.execute("INSERT INTO uv.t VALUES (1, 10), (2, 20), (3, 30)");
        assertEquals("1,2,3", column("SELECT @r := @r + 1 FROM uv.t, (SELECT @r := 0) z ORDER BY id"));
        assertEquals("3", value("SELECT @r"));
        st.execute("SET @a = 5");
        assertEquals(List.of("6", "10", "10"), row("SELECT @a + 1, @a := @a * 2, @a"));
        assertEquals("60", value("SELECT @total := SUM(n) FROM uv.t"));
        assertEquals("61", value("SELECT @total + 1"));
        // a data change that assigns one is refused (it read the variable once: every row the same number)
        SQLException refused = assertThrows(SQLException.class,
                () -> st.execute("UPDATE uv.t SET n = (@r := @r + 1)"));
        assertEquals(1235, refused.getErrorCode());
        assertEquals(List.of("10,20,30"), List.of(column("SELECT n FROM uv.t ORDER BY id")));
        st.execute("DROP DATABASE uv");
    }

    /**
     * "--" starts a comment only before a space or control character (MySQL 5.7 manual 9.6): else
     * it is two minus signs. The engine read any "--" as a comment: {@code SELECT 1--1} gave 1 (MySQL
     * 2), without a word, and {@code SELECT --1} a malformed answer.
     */
    @Test
    void twoMinusSignsBeforeANumberAreNoComment() throws Exception {
        assertEquals(List.of("2", "1", "0"), row("SELECT 1--1, --1, 3 - -3 -- a comment\n - 6"));
        // a SELECT of nothing is MySQL's syntax error (it was a result no client could read)
        for (String nothing : List.of("SELECT", "SELECT /* x */")) {
            SQLException e = assertThrows(SQLException.class, () -> value(nothing));
            assertEquals(1064, e.getErrorCode(), nothing);
        }
        assertEquals("1", value("SELECT 1"));
    }

    /** CAST(x AS CHAR) and CONVERT(x, BINARY) without a length keep the whole value (H2's CHAR is one character). */
    @Test
    void castToCharOrBinaryWithoutALengthKeepsTheWholeValue() throws Exception {
        assertEquals("123456", value("SELECT CAST(123456 AS CHAR)"));
        assertEquals("abc", value("SELECT CONVERT('abc', CHAR)"));
        assertEquals("xyz", value("SELECT CAST('xyz' AS BINARY)"));
        assertEquals("xy", value("SELECT CAST('xyz' AS CHAR(2))"));
    }
}
