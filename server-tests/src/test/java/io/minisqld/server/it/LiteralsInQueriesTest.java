package io.minisqld.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.minisqld.testsupport.MinisqldHarness;
import java.sql.Connection;
import java.sql.DriverManager;
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
 * String literals where MySQL reads them otherwise than as a string value: a select item's alias
 * written as a string ({@code COUNT(*) AS 'total'}, MySQL 5.7 manual 9.2, "a column alias may be
 * quoted with ' or \""), which was a 1064; and a date with a time compared with a DATE column
 * ({@code d >= '2020-01-01 00:00:00'}, compared as DATETIMEs, manual 12.3.2), which was 1292.
 * Expected values are MariaDB 10.11's for the same statements.
 */
class LiteralsInQueriesTest {
    private static MinisqldHarness server;
    private static Connection connection;
    private static Statement st;

    @BeforeAll
    static void start() throws Exception {
        server = MinisqldHarness.inProcess().name("literals").serverId(1).start();
        connection = Driver.MARIADB.connect(server, "");
        st = connection.createStatement();
        st.execute("CREATE DATABASE lq");
        st.execute("USE lq");
        st.execute("CREATE TABLE t (id INT PRIMARY KEY, d DATE, n INT)");
        st.execute("INSERT INTO t VALUES (1, '2020-01-31', 5), (2, '2020-02-01', 7)");
    }

    @AfterAll
    static void stop() throws Exception {
        connection.close();
        server.close();
    }

    /** Each row's values joined by commas, rows by semicolons; the labels first. */
    private static String result(ResultSet rs) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        List<String> labels = new ArrayList<>();
        for (int i = 1; i <= md.getColumnCount(); i++) labels.add(md.getColumnLabel(i));
        List<String> rows = new ArrayList<>();
        rows.add(String.join(",", labels));
        while (rs.next()) {
            List<String> values = new ArrayList<>();
            for (int i = 1; i <= md.getColumnCount(); i++) values.add(rs.getString(i));
            rows.add(String.join(",", values));
        }
        return String.join(";", rows);
    }

    private static String query(String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            return result(rs);
        }
    }

    @Test
    void aSelectItemsAliasMayBeAString() throws Exception {
        assertEquals("total;2", query("SELECT COUNT(*) AS 'total' FROM t"));
        assertEquals("total;2", query("SELECT COUNT(*) 'total' FROM t"));
        assertEquals("total;2", query("SELECT COUNT(*) AS \"total\" FROM t"));
        assertEquals("a b,x;1,6", query("SELECT id AS 'a b', n + 1 'x' FROM t WHERE id = 1"));
        // in a derived table, and named by the outer query
        assertEquals("s;3", query("SELECT x.s FROM (SELECT SUM(id) AS 's' FROM t) AS x"));
        // adjacent strings are still one string (labelled by its first part, as MySQL 5.7 does;
        // MariaDB by the whole), and a typed literal no alias
        assertEquals("a;ab", query("SELECT 'a' 'b'"));
        assertEquals("DATE '2020-01-02';2020-01-02", query("SELECT DATE '2020-01-02'"));
    }

    /**
     * The select list of a statement that starts with WITH is labelled as any other's, the item's
     * text as typed: the labels had been the engine's text (`COUNT(*)`, and
     * `SUBSTRING(LISTAGG(n) WITHIN GROUP (ORDER BY NULL) FROM 1 FOR 1024)` for GROUP_CONCAT(n)), so
     * a client reading a row by column name found nothing.
     */
    @Test
    void aWithStatementsColumnsAreLabelledAsTyped() throws Exception {
        assertEquals("count(*),group_concat(n);3,1,2,3", query("WITH RECURSIVE c (n) AS (SELECT 1 UNION ALL "
                + "SELECT n + 1 FROM c WHERE n < 3) SELECT count(*), group_concat(n) FROM c"));
        assertEquals("id,n + 1;1,6", query("WITH x AS (SELECT id, n FROM t) SELECT id, n + 1 FROM x WHERE id = 1"));
    }

    @Test
    void aDateWithATimeComparedWithADateColumnIsADatetime() throws Exception {
        assertEquals("id;1;2", query("SELECT id FROM t WHERE d >= '2020-01-01 00:00:00' ORDER BY id"));
        assertEquals("id;1", query("SELECT id FROM t WHERE d < '2020-02-01 00:00:00'"));
        assertEquals("id;2", query("SELECT id FROM t WHERE '2020-02-01 00:00:00' = d"));
        assertEquals("id", query("SELECT id FROM t WHERE d = '2020-01-31 00:00:01'"));
        assertEquals("id;1", query("SELECT id FROM t WHERE d IN ('2020-01-31 00:00:00', '2020-03-01 10:00:00')"));
        assertEquals("id;1;2", query("SELECT id FROM t WHERE d BETWEEN '2020-01-31 00:00:00' AND '2020-02-01 23:59:59'"
                + " ORDER BY id"));
        assertEquals(1, st.executeUpdate("UPDATE t SET n = n + 1 WHERE d > '2020-01-31 12:00:00'"));
        assertEquals("n;8", query("SELECT n FROM t WHERE id = 2"));
        // a client's parameter, through a server-side prepared statement
        try (Connection prepared = DriverManager.getConnection(
                Driver.MARIADB.url(server.port(), "lq", "root", "") + "&useServerPrepStmts=true");
             PreparedStatement ps = prepared.prepareStatement("SELECT id FROM t WHERE d < ? ORDER BY id")) {
            ps.setString(1, "2020-02-01 08:00:00");
            try (ResultSet rs = ps.executeQuery()) {
                assertEquals("id;1;2", result(rs));
            }
        }
    }
}
