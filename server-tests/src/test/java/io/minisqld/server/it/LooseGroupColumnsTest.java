package io.minisqld.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.minisqld.testsupport.MinisqldHarness;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * MySQL 5.7's GROUP BY without ONLY_FULL_GROUP_BY, this server's sql_mode (manual 12.20.3 "MySQL
 * Handling of GROUP BY"): a select list, HAVING or ORDER BY may name a column that is neither
 * grouped nor aggregated, and gets one of the group's values. The engine answered such a query
 * only while the rows of each group held the same value, and otherwise failed it with 1105 "Column
 * "b" must be in the GROUP BY list", so a query that ran on the test data failed on other rows.
 * Here it is MIN of the group's values, through the MariaDB Connector/J.
 */
class LooseGroupColumnsTest {
    private static MinisqldHarness server;
    private static Connection connection;
    private static Statement st;

    @BeforeAll
    static void start() throws Exception {
        server = MinisqldHarness.inProcess().name("loose").serverId(1).logBin().start();
        connection = Driver.MARIADB.connect(server, "");
        st = connection.createStatement();
        st.execute("CREATE DATABASE lg");
        st.execute("USE lg");
        st.execute("CREATE TABLE t (a INT, b INT, c VARCHAR(5), `day` INT)");
        st.execute("INSERT INTO t VALUES (1, 5, 'x', 1), (1, 2, 'y', 3), (2, 3, 'z', 2)");
    }

    @AfterAll
    static void stop() throws Exception {
        connection.close();
        server.close();
    }

    private static List<String> rows(String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            return rows(rs);
        }
    }

    private static List<String> rows(ResultSet rs) throws SQLException {
        List<String> out = new ArrayList<>();
        int n = rs.getMetaData().getColumnCount();
        while (rs.next()) {
            StringBuilder row = new StringBuilder();
            for (int i = 1; i <= n; i++) row.append(i > 1 ? " " : "").append(rs.getString(i));
            out.add(row.toString());
        }
        return out;
    }

    @Test
    void aColumnNeitherGroupedNorAggregatedIsOneOfItsGroupsValues() throws Exception {
        assertEquals(List.of("1 2 x 2", "2 3 z 1"), rows("SELECT a, b, c, COUNT(*) FROM t GROUP BY a ORDER BY a"));
        // its label is the column's, as typed
        try (ResultSet rs = st.executeQuery("SELECT a, b FROM t GROUP BY a")) {
            assertEquals("b", rs.getMetaData().getColumnLabel(2));
        }
        // an aggregate without GROUP BY makes one group
        assertEquals(List.of("1 3"), rows("SELECT a, COUNT(*) FROM t"));
        // HAVING and ORDER BY name it too; expressions of it; a position or an alias in GROUP BY
        assertEquals(List.of("2 4", "1 3"), rows("SELECT a, b + 1 x FROM t GROUP BY a HAVING b > 0 ORDER BY b DESC"));
        assertEquals(List.of("1 2", "2 3"), rows("SELECT a, b FROM t GROUP BY 1 ORDER BY 1"));
        assertEquals(List.of("2 2", "3 3"), rows("SELECT a + 1 y, b FROM t GROUP BY y ORDER BY y"));
        // a column named as an INTERVAL unit, used as a column and as the unit
        assertEquals(List.of("1 1 2024-01-02", "2 2 2024-01-03"),
                rows("SELECT a, `day`, DATE_ADD('2024-01-01', INTERVAL day DAY) FROM t GROUP BY a ORDER BY a"));
    }

    /**
     * A name in HAVING that is a select item's alias and a column of the table too is the alias,
     * unless GROUP BY names it (MySQL 5.7 manual 12.20.3): {@code SUM(b) AS b … HAVING b > 5} keeps
     * the groups whose sum passes. The server read the column: 1105 "Column must be in the GROUP BY
     * list". In GROUP BY such a name is the column.
     */
    @Test
    void aHavingNameThatIsAnAliasAndAColumnIsTheAlias() throws Exception {
        assertEquals(List.of("1 7"), rows("SELECT a, SUM(b) AS b FROM t GROUP BY a HAVING b > 5 ORDER BY a"));
        assertEquals(List.of("1 x 2"), rows("SELECT a, MIN(c) c, COUNT(*) AS `day` FROM t GROUP BY a "
                + "HAVING `day` > 1 AND c = 'x'"));
        // GROUP BY looks at the table's columns first (the engine took the alias: 1105 "Invalid use
        // of aggregate function"); a name GROUP BY names is the column in HAVING too
        assertEquals(List.of("3", "7"), rows("SELECT SUM(b) AS a FROM t GROUP BY a ORDER BY a"));
        assertEquals(List.of("3", "7"), rows("SELECT SUM(b) AS a FROM t x GROUP BY a ORDER BY a"));
        assertEquals(List.of("3"), rows("SELECT SUM(b) AS a FROM t GROUP BY a HAVING a > 1"));
    }

    @Test
    void selectStarOfOneTableAndAViewGroupTheSameWay() throws Exception {
        assertEquals(List.of("1 2 x 1", "2 3 z 2"), rows("SELECT * FROM t GROUP BY a ORDER BY a"));
        assertEquals(List.of("1 2 x 1", "2 3 z 2"), rows("SELECT q.* FROM t q GROUP BY q.a ORDER BY 1"));
        // a view's definition keeps its loose column, whatever rows come later
        st.execute("CREATE TABLE v_base (g INT, v INT)");
        st.execute("CREATE VIEW loose_v AS SELECT g, v FROM v_base GROUP BY g");
        st.execute("INSERT INTO v_base VALUES (1, 10), (1, 20)");
        assertEquals(List.of("1 10"), rows("SELECT * FROM loose_v"));
    }

    @Test
    void writesAndPreparedStatementsReadTheSameGroups() throws Exception {
        st.execute("CREATE TABLE copy (a INT, b INT)");
        assertEquals(2, st.executeUpdate("INSERT INTO copy SELECT a, b FROM t GROUP BY a"));
        assertEquals(List.of("1 2", "2 3"), rows("SELECT * FROM copy ORDER BY a"));
        st.execute("CREATE TABLE made SELECT a, c FROM t GROUP BY a");
        assertEquals(List.of("1 x", "2 z"), rows("SELECT * FROM made ORDER BY a"));
        try (Connection ps = java.sql.DriverManager.getConnection(Driver.MARIADB.url(server.port(), "lg", "root", "")
                + "&useServerPrepStmts=true");
             PreparedStatement p = ps.prepareStatement("SELECT a, b FROM t WHERE b > ? GROUP BY a ORDER BY a")) {
            p.setInt(1, 1);
            try (ResultSet rs = p.executeQuery()) {
                assertEquals(List.of("1 2", "2 3"), rows(rs));
            }
        }
    }

    /** A query the engine runs as written (each group's rows agree) keeps the column's table in its metadata. */
    @Test
    void aColumnWhoseGroupsAgreeKeepsItsTable() throws Exception {
        try (ResultSet rs = st.executeQuery("SELECT a, `day` FROM t WHERE b > 2 GROUP BY a ORDER BY a")) {
            ResultSetMetaData md = rs.getMetaData();
            assertEquals("t", md.getTableName(2));
            assertEquals(List.of("1 1", "2 2"), rows(rs));
        }
    }

    /**
     * sql_mode ONLY_FULL_GROUP_BY (MySQL 5.7 manual 12.20.3), as Laravel sets it on every
     * connection: a column neither grouped nor aggregated is MySQL's 1055 naming the select or ORDER
     * BY item, and 1140 without GROUP BY; a column that depends on the grouped primary key is taken.
     * Setting the mode was refused with 1235, so such an application could not connect.
     */
    @Test
    void onlyFullGroupByRefusesColumnsNeitherGroupedNorAggregated() throws Exception {
        try (Connection c = Driver.MARIADB.connect(server, "lg"); Statement s = c.createStatement()) {
            s.execute("SET SESSION sql_mode = 'ONLY_FULL_GROUP_BY,STRICT_TRANS_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,"
                    + "ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION'");
            assertRefused(s, "SELECT a, b FROM t GROUP BY a", 1055, "Expression #2 of SELECT list is not in GROUP BY"
                    + " clause and contains nonaggregated column 'lg.t.b' which is not functionally dependent on columns"
                    + " in GROUP BY clause; this is incompatible with sql_mode=only_full_group_by");
            assertRefused(s, "SELECT x.a FROM t x GROUP BY x.a ORDER BY x.c", 1055, "Expression #1 of ORDER BY clause is"
                    + " not in GROUP BY clause and contains nonaggregated column 'lg.x.c' which is not functionally"
                    + " dependent on columns in GROUP BY clause; this is incompatible with sql_mode=only_full_group_by");
            assertRefused(s, "SELECT b, COUNT(*) FROM t", 1140, "In aggregated query without GROUP BY, expression #1 of"
                    + " SELECT list contains nonaggregated column 'lg.t.b'; this is incompatible with"
                    + " sql_mode=only_full_group_by");
            s.execute("CREATE TABLE keyed (id INT PRIMARY KEY, v INT)");
            s.execute("INSERT INTO keyed VALUES (1, 10), (2, 20)");
            try (ResultSet rs = s.executeQuery("SELECT id, v FROM keyed GROUP BY id ORDER BY id")) {
                assertEquals(List.of("1 10", "2 20"), rows(rs));
            }
            try (ResultSet rs = s.executeQuery("SELECT a, MAX(b), COUNT(*) FROM t GROUP BY a ORDER BY a")) {
                assertEquals(List.of("1 5 2", "2 3 1"), rows(rs));
            }
        }
    }

    private static void assertRefused(Statement s, String sql, int code, String message) {
        SQLException e = org.junit.jupiter.api.Assertions.assertThrows(SQLException.class, () -> s.executeQuery(sql), sql);
        assertEquals(code + " " + message, e.getErrorCode() + " " + e.getMessage().replaceFirst("^\\(conn=\\d+\\) ", ""));
    }
}
