package io.minisqld.server.it;

import static io.minisqld.server.it.ConnectorScenarios.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minisqld.testsupport.MinisqldHarness;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue "What MySQL's everyday tools need", item 4: EXPLAIN in MySQL 5.7's columns (id,
 * select_type, table, partitions, type, possible_keys, key, key_len, ref, rows, filtered, Extra),
 * which pt-table-checksum sizes its chunks by (rows) and checks its index use with (key, key_len),
 * and index hints accepted (USE / FORCE / IGNORE INDEX|KEY [FOR …]).
 */
class ExplainTest {
    private static MinisqldHarness server;
    private static Connection connection;

    @BeforeAll
    static void start() throws Exception {
        server = MinisqldHarness.inProcess().name("explain").serverId(1).start();
        connection = server.newConnection();
        try (Statement st = connection.createStatement()) {
            st.execute("CREATE DATABASE ex");
            st.execute("CREATE TABLE ex.big (id INT PRIMARY KEY, k INT NOT NULL, s VARCHAR(40), KEY by_k (k))");
            StringBuilder insert = new StringBuilder("INSERT INTO ex.big VALUES ");
            for (int i = 1; i <= 500; i++) insert.append(i > 1 ? "," : "").append("(").append(i).append(",")
                    .append(i % 50).append(",'r").append(i).append("')");
            st.execute(insert.toString());
            st.execute("CREATE TABLE ex.c (id INT PRIMARY KEY, bid INT, u INT, UNIQUE KEY uu (u))");
            st.execute("INSERT INTO ex.c VALUES (1, 10, 100), (2, 20, 200)");
            st.execute("CREATE TABLE ex.comp (a INT NOT NULL, b VARCHAR(10) NOT NULL, c DATETIME,"
                    + " PRIMARY KEY (a, b), KEY kc (c))");
        }
    }

    @AfterAll
    static void stop() throws Exception {
        connection.close();
        server.close();
    }

    /** The rows of EXPLAIN, each as its twelve values (NULL as null). */
    private static List<List<String>> explain(String statement) throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("EXPLAIN " + statement)) {
            ResultSetMetaData md = rs.getMetaData();
            List<String> labels = new ArrayList<>();
            for (int i = 1; i <= md.getColumnCount(); i++) labels.add(md.getColumnLabel(i));
            assertEquals(List.of("id", "select_type", "table", "partitions", "type", "possible_keys", "key", "key_len",
                    "ref", "rows", "filtered", "Extra"), labels);
            List<List<String>> out = new ArrayList<>();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= 12; i++) row.add(rs.getString(i));
                out.add(row);
            }
            return out;
        }
    }

    private static List<String> row(String... values) {
        return Arrays.asList(values);
    }

    @Test
    void singleTableAccessTypesKeysAndRows() throws Exception {
        // a primary-key range: its rows counted from the index
        assertEquals(List.of(row("1", "SIMPLE", "big", null, "range", "PRIMARY", "PRIMARY", "4", null, "100",
                "100.00", "Using where")), explain("SELECT * FROM ex.big WHERE id > 400"));
        assertEquals(List.of(row("1", "SIMPLE", "big", null, "const", "PRIMARY", "PRIMARY", "4", "const", "1",
                "100.00", "Using where")), explain("SELECT * FROM ex.big WHERE id = 5"));
        assertEquals(List.of(row("1", "SIMPLE", "big", null, "ref", "by_k", "by_k", "4", "const", "10",
                "100.00", "Using where")), explain("SELECT s FROM ex.big WHERE k = 7"));
        assertEquals(List.of(row("1", "SIMPLE", "big", null, "index", null, "by_k", "4", null, "500",
                "100.00", "Using index")), explain("SELECT k FROM ex.big ORDER BY k"));
        assertEquals(List.of(row("1", "SIMPLE", "big", null, "ALL", null, null, null, null, "500",
                "100.00", "Using where")), explain("SELECT * FROM ex.big WHERE s LIKE 'r1%'"));
        assertEquals(List.of(row("1", "SIMPLE", null, null, null, null, null, null, null, null, null,
                "No tables used")), explain("SELECT 1 + 1"));
    }

    /** key_len: 4 for INT, 4×10+2 for a utf8mb4 VARCHAR(10), 5+1 for a nullable DATETIME. */
    @Test
    void keyLengthCountsTheKeyPartsUsed() throws Exception {
        assertEquals("46", explain("SELECT * FROM ex.comp WHERE a = 1 AND b = 'x'").get(0).get(7));
        assertEquals("const,const", explain("SELECT * FROM ex.comp WHERE a = 1 AND b = 'x'").get(0).get(8));
        assertEquals("4", explain("SELECT * FROM ex.comp WHERE a = 1").get(0).get(7));
        assertEquals("ref", explain("SELECT * FROM ex.comp WHERE a = 1").get(0).get(4));
        assertEquals("6", explain("SELECT * FROM ex.comp WHERE c > '2020-01-01'").get(0).get(7));
    }

    @Test
    void joinsSubqueriesAndWrites() throws Exception {
        List<List<String>> join = explain("SELECT * FROM ex.c JOIN ex.big b ON b.id = c.bid");
        assertEquals(2, join.size(), join.toString());
        assertEquals(row("1", "SIMPLE", "c", null, "ALL", null, null, null, null, "2", "100.00", null), join.get(0));
        assertEquals(row("1", "SIMPLE", "b", null, "eq_ref", "PRIMARY", "PRIMARY", "4", "ex.c.bid", "1", "100.00",
                "Using where"), join.get(1));
        List<List<String>> sub = explain("SELECT * FROM ex.big WHERE k IN (SELECT u FROM ex.c)");
        assertEquals(List.of("1", "PRIMARY", "big"), sub.get(0).subList(0, 3), sub.toString());
        assertEquals(List.of("2", "SUBQUERY", "c"), sub.get(1).subList(0, 3), sub.toString());
        assertEquals(row("1", "UPDATE", "big", null, "range", "PRIMARY", "PRIMARY", "4", null, "4", "100.00",
                "Using where"), explain("UPDATE ex.big SET s = 'x' WHERE id BETWEEN 3 AND 6").get(0));
        assertEquals("DELETE", explain("DELETE FROM ex.big WHERE id = 3").get(0).get(1));
        // EXPLAIN ran nothing
        assertEquals(List.of(List.of("r3", "r4")), rows(connection,
                "SELECT GROUP_CONCAT(s ORDER BY id) FROM ex.big WHERE id IN (3, 4)").stream()
                .map(r -> List.of(r.get(0).split(","))).toList());
    }

    @Test
    void modifiersAndIndexHints() throws Exception {
        assertEquals(explain("SELECT * FROM ex.big WHERE id > 400"),
                explain("EXTENDED SELECT * FROM ex.big WHERE id > 400"));
        assertEquals(explain("SELECT * FROM ex.big WHERE id > 400"),
                explain("FORMAT=TRADITIONAL SELECT * FROM ex.big WHERE id > 400"));
        SQLException json = assertThrows(SQLException.class, () -> explain("FORMAT=JSON SELECT 1"));
        assertEquals(1235, json.getErrorCode());
        assertTrue(json.getMessage().endsWith("This version of MySQL doesn't yet support 'EXPLAIN FORMAT=JSON'"),
                json.getMessage());
        // pt-table-checksum's chunk query: the hint is accepted and the rows are the same
        assertEquals(List.of(List.of("11")), rows(connection, "SELECT /*!40001 SQL_NO_CACHE */ COUNT(*) FROM ex.big"
                + " FORCE INDEX(`PRIMARY`) WHERE ((`id` >= '10')) AND ((`id` <= '20'))"));
        assertEquals(List.of(List.of("10")), rows(connection, "SELECT COUNT(*) FROM ex.big b USE INDEX (by_k)"
                + " IGNORE KEY FOR ORDER BY (PRIMARY) WHERE k = 3"));
        assertEquals(List.of(List.of("r1")), rows(connection, "SELECT s FROM ex.big USE KEY FOR JOIN () ORDER BY id"
                + " LIMIT 1"));
        assertEquals("PRIMARY", explain("SELECT id FROM ex.big FORCE INDEX (PRIMARY) WHERE id >= 10 AND id <= 20")
                .get(0).get(6));
        // a hint naming an index the table does not have is MySQL's 1176
        for (String sql : List.of("SELECT * FROM ex.big FORCE INDEX (nope) WHERE id = 1",
                "SELECT * FROM ex.big AS b USE INDEX (by_k) IGNORE INDEX (nope) WHERE id = 1")) {
            SQLException unknown = assertThrows(SQLException.class, () -> rows(connection, sql), sql);
            assertEquals(1176, unknown.getErrorCode(), sql);
            assertTrue(unknown.getMessage().endsWith("Key 'nope' doesn't exist in table 'big'"), unknown.getMessage());
        }
    }

    /**
     * FOUND_ROWS() (MySQL 5.7's manual): after SELECT SQL_CALC_FOUND_ROWS … LIMIT, the rows without
     * the LIMIT; after a SELECT without it, the rows that SELECT returned.
     */
    @Test
    void foundRowsCountsWhatTheLimitLeftOut() throws Exception {
        try (Statement st = connection.createStatement()) {
            try (java.sql.ResultSet rs = st.executeQuery("SELECT SQL_CALC_FOUND_ROWS id FROM ex.big WHERE k = 7"
                    + " ORDER BY id LIMIT 3")) {
                int n = 0;
                while (rs.next()) n++;
                assertEquals(3, n);
            }
        }
        assertEquals(List.of(List.of("10")), rows(connection, "SELECT FOUND_ROWS()"));
        rows(connection, "SELECT SQL_CALC_FOUND_ROWS b.id, c.id FROM ex.big b JOIN ex.c c ON c.bid = b.id LIMIT 1");
        assertEquals(List.of(List.of("2")), rows(connection, "SELECT FOUND_ROWS()"), "two columns named id; two rows");
        rows(connection, "SELECT id FROM ex.big WHERE id < 5 LIMIT 10");
        assertEquals(List.of(List.of("4")), rows(connection, "SELECT FOUND_ROWS()"));
    }

    /**
     * MySQL 5.7 manual, SELECT: "To retrieve all rows from a certain offset up to the end of the
     * result set, you can use some large number for the second parameter": LIMIT 95,
     * 18446744073709551615. It had been 1105 "Numeric value out of range".
     */
    @Test
    void theManualsLargestLimitTakesEveryRowFromTheOffset() throws Exception {
        assertEquals(List.of(List.of("3"), List.of("4")),
                rows(connection, "SELECT id FROM ex.big WHERE id < 5 ORDER BY id LIMIT 2, 18446744073709551615"));
        assertEquals(List.of(List.of("4")),
                rows(connection, "SELECT id FROM ex.big WHERE id < 5 ORDER BY id LIMIT 18446744073709551615 OFFSET 3"));
    }
}
