package io.minisqld.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.minisqld.testsupport.MinisqldHarness;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * MySQL 5.7's JSON functions, against the examples of the 5.7 manual (12.17 "JSON Functions" and
 * 11.5 "The JSON Data Type"), with the text a client reads: MySQL's normalized JSON (keys sorted
 * shortest first, {@code ", "} and {@code ": "}), NULL for a NULL argument and for a path that
 * selects nothing, and MySQL's errors for bad JSON text (3141), bad paths (3143) and the rest.
 */
class JsonFunctionsTest {
    private static MinisqldHarness server;
    private static Connection connection;

    @BeforeAll
    static void start() throws Exception {
        server = MinisqldHarness.inProcess().name("json").serverId(1).start();
        connection = server.newConnection();
        try (Statement st = connection.createStatement()) {
            st.execute("CREATE DATABASE js");
            st.execute("USE js");
            // 12.17.3, "column->path": the manual's jemp and tj10 tables
            st.execute("CREATE TABLE js.jemp (id INT PRIMARY KEY, c JSON, g INT)");
            st.execute("INSERT INTO js.jemp VALUES (1, '{\"id\": \"1\", \"name\": \"Fred\"}', 1),"
                    + " (2, '{\"id\": \"2\", \"name\": \"Wilma\"}', 2), (3, '{\"id\": \"3\", \"name\": \"Barney\"}', 3),"
                    + " (4, '{\"id\": \"4\", \"name\": \"Betty\"}', 4), (5, NULL, 5)");
            st.execute("CREATE TABLE js.tj10 (id INT PRIMARY KEY, a JSON, b INT)");
            st.execute("INSERT INTO js.tj10 VALUES (1, '[3,10,5,17,44]', 33), (2, '[3,10,5,17,[22,44,66]]', 0)");
        }
    }

    @AfterAll
    static void stop() throws Exception {
        connection.close();
        server.close();
    }

    private static String value(String sql) throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static List<String> column(String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) out.add(rs.getString(1));
        }
        return out;
    }

    private static void check(Map<String, String> expected) throws SQLException {
        for (Map.Entry<String, String> e : expected.entrySet()) {
            assertEquals(e.getValue(), value(e.getKey()), e.getKey());
        }
    }

    private static void refused(String sql, int number, String sqlState, String message) {
        SQLException e = assertThrows(SQLException.class, () -> value(sql), sql);
        assertEquals(number, e.getErrorCode(), sql + ": " + e.getMessage());
        assertEquals(sqlState, e.getSQLState(), sql);
        assertEquals(message, e.getMessage().replaceFirst("^\\([^)]*\\) ", ""), sql);
    }

    /** 12.17.2, "Functions That Create JSON Values", and 11.5, "Normalization, Merging, and Autowrapping of JSON Values". */
    @Test
    void creatingValues() throws Exception {
        Map<String, String> e = new LinkedHashMap<>();
        e.put("SELECT JSON_ARRAY(1, 'abc', NULL, TRUE)", "[1, \"abc\", null, true]");
        e.put("SELECT JSON_ARRAY()", "[]");
        e.put("SELECT JSON_OBJECT('id', 87, 'name', 'carrot')", "{\"id\": 87, \"name\": \"carrot\"}");
        e.put("SELECT JSON_OBJECT()", "{}");
        // 5.7: of duplicate keys the first wins; keys sort shorter first, then bytewise
        e.put("SELECT JSON_OBJECT('key1', 1, 'key2', 'abc', 'key1', 'def')", "{\"key1\": 1, \"key2\": \"abc\"}");
        e.put("SELECT JSON_OBJECT('bb', 1, 'a', 2, 'ab', 3)", "{\"a\": 2, \"ab\": 3, \"bb\": 1}");
        e.put("SELECT JSON_QUOTE('null'), JSON_QUOTE('\"null\"')", "\"null\"");
        e.put("SELECT JSON_QUOTE('\"null\"')", "\"\\\"null\\\"\"");
        e.put("SELECT JSON_QUOTE('[1, 2, 3]')", "\"[1, 2, 3]\"");
        e.put("SELECT JSON_QUOTE(NULL)", null);
        // the SQL types of the values: DECIMAL, DOUBLE, date and time; a JSON function's result nests
        e.put("SELECT JSON_ARRAY(1.50, 1e2, 2.5e-3)", "[1.50, 100, 0.0025]");
        e.put("SELECT JSON_ARRAY(DATE '2015-01-01', TIME '11:30:24', TIMESTAMP '2015-07-27 09:43:47')",
                "[\"2015-01-01\", \"11:30:24.000000\", \"2015-07-27 09:43:47.000000\"]");
        e.put("SELECT JSON_OBJECT('a', JSON_ARRAY(1, 2), 'b', JSON_OBJECT('c', NULL), 'd', '[1]')",
                "{\"a\": [1, 2], \"b\": {\"c\": null}, \"d\": \"[1]\"}");
        e.put("SELECT JSON_ARRAY(1 = 1, 1 = 0, 'a\\tb\"c\\\\')", "[true, false, \"a\\tb\\\"c\\\\\"]");
        // CAST(… AS JSON) reads JSON text; 11.5: a document comes back normalized by the functions
        e.put("SELECT JSON_ARRAY(CAST('{\"b\":1,\"a\":[true,false]}' AS JSON))", "[{\"a\": [true, false], \"b\": 1}]");
        e.put("SELECT JSON_EXTRACT('{\"x\": 17, \"x\": \"red\", \"x\": [3, 5, 7]}', '$')", "{\"x\": 17}");
        e.put("SELECT JSON_EXTRACT('[1.0, 1e100, 0.1, 123456789012345678901, -0, 18446744073709551615]', '$')",
                "[1, 1e100, 0.1, 1.2345678901234568e20, 0, 18446744073709551615]");
        check(e);
    }

    /** 12.17.3, "Functions That Search JSON Values", and 11.5, "Searching and Modifying JSON Values" (the path syntax). */
    @Test
    void searching() throws Exception {
        Map<String, String> e = new LinkedHashMap<>();
        String j = "'{\"a\": 1, \"b\": 2, \"c\": {\"d\": 4}}'";
        e.put("SELECT JSON_CONTAINS(" + j + ", '1', '$.a')", "1");
        e.put("SELECT JSON_CONTAINS(" + j + ", '1', '$.b')", "0");
        e.put("SELECT JSON_CONTAINS(" + j + ", '{\"d\": 4}', '$.a')", "0");
        e.put("SELECT JSON_CONTAINS(" + j + ", '{\"d\": 4}', '$.c')", "1");
        e.put("SELECT JSON_CONTAINS(" + j + ", '{\"d\": 4}', '$.x')", null);
        // in an array, a scalar is looked for among the scalars, an array or object among its own kind
        e.put("SELECT JSON_CONTAINS('[1, [2, 3], {\"k\": \"v\"}]', '[{\"k\": \"v\"}, 1, [3]]')", "1");
        e.put("SELECT JSON_CONTAINS('[1, [2, 3]]', '3')", "0");
        e.put("SELECT JSON_CONTAINS('[1, 2]', '1.0')", "1");
        e.put("SELECT JSON_CONTAINS(NULL, '1')", null);
        e.put("SELECT JSON_CONTAINS_PATH(" + j + ", 'one', '$.a', '$.e')", "1");
        e.put("SELECT JSON_CONTAINS_PATH(" + j + ", 'all', '$.a', '$.e')", "0");
        e.put("SELECT JSON_CONTAINS_PATH(" + j + ", 'one', '$.c.d')", "1");
        e.put("SELECT JSON_CONTAINS_PATH(" + j + ", 'one', '$.a.d')", "0");
        e.put("SELECT JSON_CONTAINS_PATH(" + j + ", 'ONE', NULL)", null);
        e.put("SELECT JSON_EXTRACT('[10, 20, [30, 40]]', '$[1]')", "20");
        e.put("SELECT JSON_EXTRACT('[10, 20, [30, 40]]', '$[1]', '$[0]')", "[20, 10]");
        e.put("SELECT JSON_EXTRACT('[10, 20, [30, 40]]', '$[2][*]')", "[30, 40]");
        e.put("SELECT JSON_EXTRACT('[10, 20, [30, 40]]', '$[3]')", null);
        e.put("SELECT JSON_EXTRACT('[10, 20, [30, 40]]', NULL)", null);
        e.put("SELECT JSON_EXTRACT(NULL, '$[0]')", null);
        e.put("SELECT JSON_EXTRACT('{\"a\": 1, \"b\": 2, \"c\": [3, 4, 5]}', '$.*')", "[1, 2, [3, 4, 5]]");
        e.put("SELECT JSON_EXTRACT('{\"a\": 1, \"b\": 2, \"c\": [3, 4, 5]}', '$.c[*]')", "[3, 4, 5]");
        e.put("SELECT JSON_EXTRACT('{\"a\": {\"b\": 1}, \"c\": {\"b\": 2}}', '$**.b')", "[1, 2]");
        e.put("SELECT JSON_EXTRACT('{\"a\": [1]}', '$.a[*]')", "[1]");
        e.put("SELECT JSON_EXTRACT('{\"id\": 14, \"name\": \"Aztalan\"}', '$.name')", "\"Aztalan\"");
        e.put("SELECT JSON_EXTRACT('{\"a b\": 1, \"$x\": [true]}', '$.\"a b\"', '$.$x[0]')", "[1, true]");
        // a cell [0] of a value that is no array is the value itself (auto-wrapping)
        e.put("SELECT JSON_EXTRACT('{\"a\": 1}', '$[0].a')", "1");
        e.put("SELECT JSON_KEYS('{\"a\": 1, \"b\": {\"c\": 30}}')", "[\"a\", \"b\"]");
        e.put("SELECT JSON_KEYS('{\"a\": 1, \"b\": {\"c\": 30}}', '$.b')", "[\"c\"]");
        e.put("SELECT JSON_KEYS('[1]')", null);
        String s = "'[\"abc\", [{\"k\": \"10\"}, \"def\"], {\"x\":\"abc\"}, {\"y\":\"bcd\"}]'";
        e.put("SELECT JSON_SEARCH(" + s + ", 'one', 'abc')", "\"$[0]\"");
        e.put("SELECT JSON_SEARCH(" + s + ", 'all', 'abc')", "[\"$[0]\", \"$[2].x\"]");
        e.put("SELECT JSON_SEARCH(" + s + ", 'all', 'ghi')", null);
        e.put("SELECT JSON_SEARCH(" + s + ", 'all', '10')", "\"$[1][0].k\"");
        e.put("SELECT JSON_SEARCH(" + s + ", 'all', '10', NULL, '$')", "\"$[1][0].k\"");
        e.put("SELECT JSON_SEARCH(" + s + ", 'all', '10', NULL, '$[*]')", "\"$[1][0].k\"");
        e.put("SELECT JSON_SEARCH(" + s + ", 'all', '10', NULL, '$**.k')", "\"$[1][0].k\"");
        e.put("SELECT JSON_SEARCH(" + s + ", 'all', '10', NULL, '$[*][0].k')", "\"$[1][0].k\"");
        e.put("SELECT JSON_SEARCH(" + s + ", 'all', '10', NULL, '$[1]')", "\"$[1][0].k\"");
        e.put("SELECT JSON_SEARCH(" + s + ", 'all', 'abc', NULL, '$[2]')", "\"$[2].x\"");
        e.put("SELECT JSON_SEARCH(" + s + ", 'all', '%a%')", "[\"$[0]\", \"$[2].x\"]");
        e.put("SELECT JSON_SEARCH(" + s + ", 'all', '%b%')", "[\"$[0]\", \"$[2].x\", \"$[3].y\"]");
        e.put("SELECT JSON_SEARCH(" + s + ", 'all', '%b%', NULL, '$[0]')", "\"$[0]\"");
        e.put("SELECT JSON_SEARCH(" + s + ", 'all', '%b%', NULL, '$[2]')", "\"$[2].x\"");
        e.put("SELECT JSON_SEARCH(" + s + ", 'all', '%b%', NULL, '$[1]')", null);
        e.put("SELECT JSON_SEARCH(" + s + ", 'all', '%b%', '', '$[1]')", null);
        e.put("SELECT JSON_SEARCH(" + s + ", 'all', '%b%', '', '$[3]')", "\"$[3].y\"");
        e.put("SELECT JSON_SEARCH(" + s + ", 'one', NULL)", null);
        check(e);
    }

    /** 12.17.3, "column->path" and "column->>path", on the manual's tables. */
    @Test
    void arrowOperatorsOnAJsonColumn() throws Exception {
        assertEquals(List.of("\"3\"", "\"4\"", "\"2\""),
                column("SELECT c->\"$.id\" FROM js.jemp WHERE g > 1 AND c IS NOT NULL ORDER BY c->\"$.name\""));
        assertEquals(List.of("\"Barney\"", "\"Betty\""), column("SELECT c->'$.name' AS name FROM js.jemp WHERE g > 2 AND g < 5"));
        assertEquals(List.of("Barney", "Betty"),
                column("SELECT JSON_UNQUOTE(c->'$.name') AS name FROM js.jemp WHERE g > 2 AND g < 5"));
        assertEquals(List.of("Barney", "Betty"), column("SELECT c->>'$.name' AS name FROM js.jemp WHERE g > 2 AND g < 5"));
        assertEquals(List.of("Wilma"), column("SELECT j.c->>'$.name' FROM js.jemp j WHERE j.c->>'$.name' LIKE 'W%'"));
        List<String> nulls = new ArrayList<>();
        nulls.add(null);
        assertEquals(nulls, column("SELECT c->'$.name' FROM js.jemp WHERE id = 5"));
        assertEquals(nulls, column("SELECT c->'$.nothing' FROM js.jemp WHERE id = 1"));
        assertEquals(List.of("44", "[22, 44, 66]"), column("SELECT a->\"$[4]\" FROM js.tj10 ORDER BY id"));
        assertEquals(List.of("1", "2"), column("SELECT id FROM js.tj10 WHERE a->\"$[0]\" = 3 ORDER BY id"));
        assertEquals(List.of("2"), column("SELECT id FROM js.tj10 WHERE a->'$[4][1]' IS NOT NULL"));
        // a string compared with a JSON value is a JSON string (12.17.3: "JSON_EXTRACT(c, '$.name') = 'x'")
        assertEquals(List.of("2"), column("SELECT id FROM js.jemp WHERE c->'$.name' = 'Wilma'"));
        assertEquals(List.of("1"), column("SELECT id FROM js.jemp WHERE 'Fred' = JSON_EXTRACT(c, '$.name')"));
        assertEquals(List.of("1", "4"), column("SELECT id FROM js.jemp WHERE c->'$.name' IN ('Fred', 'Betty') ORDER BY id"));
        assertEquals(List.of("2", "3"),
                column("SELECT id FROM js.jemp WHERE c->'$.name' NOT IN ('Fred', 'Betty') ORDER BY id"));
        assertEquals(List.of("3"), column("SELECT id FROM js.jemp WHERE c->'$.id' = '3'"));
        assertEquals(List.of("1"), column("SELECT id FROM js.jemp WHERE c->>'$.name' = 'Fred'"));
        // bound values, in the text protocol and as a server-side prepared statement
        try (Connection serverSide = java.sql.DriverManager.getConnection(
                Driver.MARIADB.url(server.port(), "js", "root", "") + "&useServerPrepStmts=true")) {
            for (Connection c : List.of(connection, serverSide)) {
                try (java.sql.PreparedStatement ps = c.prepareStatement(
                        "SELECT JSON_EXTRACT(c, ?), JSON_OBJECT(?, c->'$.id') FROM js.jemp WHERE c->'$.name' = ?")) {
                    ps.setString(1, "$.id");
                    ps.setString(2, "k");
                    ps.setString(3, "Barney");
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        assertEquals("\"3\"", rs.getString(1));
                        assertEquals("{\"k\": \"3\"}", rs.getString(2));
                    }
                }
            }
        }
        // -> binds tighter than any operator, and its result is of the JSON type inside a JSON function
        assertEquals("6", value("SELECT a->'$[0]' * 2 FROM js.tj10 WHERE id = 1"));
        assertEquals("{\"x\": [22, 44, 66]}", value("SELECT JSON_OBJECT('x', a->'$[4]') FROM js.tj10 WHERE id = 2"));
        // the label is the expression as typed
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT c->'$.name', c->>'$.id' FROM js.jemp WHERE id = 1")) {
            rs.next();
            assertEquals("c->'$.name'", rs.getMetaData().getColumnLabel(1));
            assertEquals("c->>'$.id'", rs.getMetaData().getColumnLabel(2));
            assertEquals("1", rs.getString(2));
        }
    }

    /** A JSON function's result stored into a JSON column (11.5, "Searching and Modifying JSON Values"), and read back. */
    @Test
    void storingAFunctionsResult() throws Exception {
        try (Statement st = connection.createStatement()) {
            st.execute("CREATE TABLE js.docs (id INT PRIMARY KEY, c JSON)");
            st.execute("INSERT INTO js.docs VALUES (1, JSON_OBJECT('id', 4, 'name', 'Betty'))");
            st.execute("UPDATE js.docs SET c = JSON_SET(c, '$.name', 'Pebbles', '$.tags', JSON_ARRAY('a', 'b')) WHERE id = 1");
        }
        assertEquals("{\"id\": 4, \"name\": \"Pebbles\", \"tags\": [\"a\", \"b\"]}", value("SELECT c FROM js.docs WHERE id = 1"));
        assertEquals("b", value("SELECT c->>'$.tags[1]' FROM js.docs WHERE id = 1"));
        assertEquals("1", value("SELECT COUNT(*) FROM js.docs WHERE JSON_CONTAINS(c, '\"a\"', '$.tags')"));
        // a JSON column is a JSON value in a JSON function, a text column a string
        assertEquals("[{\"id\": 4, \"name\": \"Pebbles\", \"tags\": [\"a\", \"b\"]}, \"1\"]",
                value("SELECT JSON_ARRAY(d.c, CAST(d.id AS CHAR)) FROM js.docs AS d WHERE d.id = 1"));
        assertEquals("{\"a\": [3, 10, 5, 17, 44], \"n\": \"Fred\"}",
                value("SELECT JSON_OBJECT('a', a, 'n', c->>'$.name') FROM js.tj10, js.jemp WHERE tj10.id = 1 AND jemp.id = 1"));
    }

    /** 12.20.1, "Aggregate (GROUP BY) Function Descriptions" (5.7.22): JSON_ARRAYAGG and JSON_OBJECTAGG. */
    @Test
    void aggregates() throws Exception {
        try (Statement st = connection.createStatement()) {
            st.execute("CREATE TABLE js.t3 (o_id INT, attribute VARCHAR(10), `value` VARCHAR(10))");
            st.execute("INSERT INTO js.t3 VALUES (2, 'color', 'red'), (2, 'fabric', 'silk'), (3, 'color', 'green'),"
                    + " (3, 'shape', 'square')");
        }
        assertEquals(List.of("2 [\"color\", \"fabric\"]", "3 [\"color\", \"shape\"]"),
                column("SELECT CONCAT(o_id, ' ', JSON_ARRAYAGG(attribute)) FROM js.t3 GROUP BY o_id ORDER BY o_id"));
        assertEquals(List.of("{\"color\": \"red\", \"fabric\": \"silk\"}", "{\"color\": \"green\", \"shape\": \"square\"}"),
                column("SELECT JSON_OBJECTAGG(attribute, `value`) FROM js.t3 GROUP BY o_id ORDER BY o_id"));
        assertEquals("[[1], [1]]", value("SELECT JSON_ARRAYAGG(JSON_ARRAY(1)) FROM js.t3 WHERE o_id = 2"));
        // a number key with a text value, each keeping its type (the pair had been made one type: 1105)
        assertEquals("{\"2\": \"red\", \"3\": \"green\"}",
                value("SELECT JSON_OBJECTAGG(o_id, `value`) FROM js.t3 WHERE attribute = 'color'"));
        assertEquals("{\"red\": 2, \"silk\": 2}", value("SELECT JSON_OBJECTAGG(`value`, o_id) FROM js.t3 WHERE o_id = 2"));
        List<String> none = new ArrayList<>();
        none.add(null);
        assertEquals(none, column("SELECT JSON_ARRAYAGG(o_id) FROM js.t3 WHERE o_id > 10"));
    }

    /** 12.17.4, "Functions That Modify JSON Values". */
    @Test
    void modifying() throws Exception {
        Map<String, String> e = new LinkedHashMap<>();
        String a = "'[\"a\", [\"b\", \"c\"], \"d\"]'";
        e.put("SELECT JSON_ARRAY_APPEND(" + a + ", '$[1]', 1)", "[\"a\", [\"b\", \"c\", 1], \"d\"]");
        e.put("SELECT JSON_ARRAY_APPEND(" + a + ", '$[0]', 2)", "[[\"a\", 2], [\"b\", \"c\"], \"d\"]");
        e.put("SELECT JSON_ARRAY_APPEND(" + a + ", '$[1][0]', 3)", "[\"a\", [[\"b\", 3], \"c\"], \"d\"]");
        String o = "'{\"a\": 1, \"b\": [2, 3], \"c\": 4}'";
        e.put("SELECT JSON_ARRAY_APPEND(" + o + ", '$.b', 'x')", "{\"a\": 1, \"b\": [2, 3, \"x\"], \"c\": 4}");
        e.put("SELECT JSON_ARRAY_APPEND(" + o + ", '$.c', 'y')", "{\"a\": 1, \"b\": [2, 3], \"c\": [4, \"y\"]}");
        e.put("SELECT JSON_ARRAY_APPEND('{\"a\": 1}', '$', 'z')", "[{\"a\": 1}, \"z\"]");
        String i = "'[\"a\", {\"b\": [1, 2]}, [3, 4]]'";
        e.put("SELECT JSON_ARRAY_INSERT(" + i + ", '$[1]', 'x')", "[\"a\", \"x\", {\"b\": [1, 2]}, [3, 4]]");
        e.put("SELECT JSON_ARRAY_INSERT(" + i + ", '$[100]', 'x')", "[\"a\", {\"b\": [1, 2]}, [3, 4], \"x\"]");
        e.put("SELECT JSON_ARRAY_INSERT(" + i + ", '$[1].b[0]', 'x')", "[\"a\", {\"b\": [\"x\", 1, 2]}, [3, 4]]");
        e.put("SELECT JSON_ARRAY_INSERT(" + i + ", '$[2][1]', 'y')", "[\"a\", {\"b\": [1, 2]}, [3, \"y\", 4]]");
        e.put("SELECT JSON_ARRAY_INSERT(" + i + ", '$[0]', 'x', '$[2][1]', 'y')", "[\"x\", \"a\", {\"b\": [1, 2]}, [3, 4]]");
        String j = "'{ \"a\": 1, \"b\": [2, 3]}'";
        e.put("SELECT JSON_INSERT(" + j + ", '$.a', 10, '$.c', '[true, false]')", "{\"a\": 1, \"b\": [2, 3], \"c\": \"[true, false]\"}");
        e.put("SELECT JSON_INSERT(" + j + ", '$.a', 10, '$.c', CAST('[true, false]' AS JSON))",
                "{\"a\": 1, \"b\": [2, 3], \"c\": [true, false]}");
        e.put("SELECT JSON_SET(" + j + ", '$.a', 10, '$.c', '[true, false]')", "{\"a\": 10, \"b\": [2, 3], \"c\": \"[true, false]\"}");
        e.put("SELECT JSON_REPLACE(" + j + ", '$.a', 10, '$.c', '[true, false]')", "{\"a\": 10, \"b\": [2, 3]}");
        e.put("SELECT JSON_SET(" + j + ", '$.b[5]', 4, '$.a[1]', 5, '$.x.y', 6)", "{\"a\": [1, 5], \"b\": [2, 3, 4]}");
        e.put("SELECT JSON_SET(" + j + ", '$.a', NULL)", "{\"a\": null, \"b\": [2, 3]}");
        e.put("SELECT JSON_SET(" + j + ", NULL, 1)", null);
        e.put("SELECT JSON_SET('\"x\"', '$[0]', 'a')", "\"a\"");
        e.put("SELECT JSON_SET('1', '$', JSON_ARRAY(2))", "[2]");
        String k = "'[\"a\", {\"b\": [true, false]}, [10, 20]]'";
        e.put("SELECT JSON_SET(" + k + ", '$[1].b[0]', 1, '$[2][2]', 2)", "[\"a\", {\"b\": [1, false]}, [10, 20, 2]]");
        e.put("SELECT JSON_INSERT(" + k + ", '$[1].b[0]', 1, '$[2][2]', 2)", "[\"a\", {\"b\": [true, false]}, [10, 20, 2]]");
        e.put("SELECT JSON_REPLACE(" + k + ", '$[1].b[0]', 1, '$[2][2]', 2)", "[\"a\", {\"b\": [1, false]}, [10, 20]]");
        e.put("SELECT JSON_REMOVE(" + k + ", '$[2]', '$[1].b[1]', '$[1].b[1]')", "[\"a\", {\"b\": [true]}]");
        e.put("SELECT JSON_REMOVE(" + a + ", '$[1]')", "[\"a\", \"d\"]");
        e.put("SELECT JSON_REMOVE('{\"a\": 1, \"b\": 2}', '$.a', '$.z')", "{\"b\": 2}");
        e.put("SELECT JSON_MERGE('[1, 2]', '[true, false]')", "[1, 2, true, false]");
        e.put("SELECT JSON_MERGE('{\"name\": \"x\"}', '{\"id\": 47}')", "{\"id\": 47, \"name\": \"x\"}");
        e.put("SELECT JSON_MERGE('1', 'true')", "[1, true]");
        e.put("SELECT JSON_MERGE('[1, 2]', '{\"id\": 47}')", "[1, 2, {\"id\": 47}]");
        e.put("SELECT JSON_MERGE('{ \"a\": 1, \"b\": 2 }', '{ \"a\": 3, \"c\": 4 }')", "{\"a\": [1, 3], \"b\": 2, \"c\": 4}");
        e.put("SELECT JSON_MERGE_PRESERVE('{ \"a\": 1, \"b\": 2 }', '{ \"a\": 3, \"c\": 4 }', '{ \"a\": 5, \"d\": 6 }')",
                "{\"a\": [1, 3, 5], \"b\": 2, \"c\": 4, \"d\": 6}");
        e.put("SELECT JSON_MERGE('[1]', NULL)", null);
        e.put("SELECT JSON_MERGE_PATCH('[1, 2]', '[true, false]')", "[true, false]");
        e.put("SELECT JSON_MERGE_PATCH('{\"name\": \"x\"}', '{\"id\": 47}')", "{\"id\": 47, \"name\": \"x\"}");
        e.put("SELECT JSON_MERGE_PATCH('1', 'true')", "true");
        e.put("SELECT JSON_MERGE_PATCH('[1, 2]', '{\"id\": 47}')", "{\"id\": 47}");
        e.put("SELECT JSON_MERGE_PATCH('{ \"a\": 1, \"b\":2 }','{ \"a\": 3, \"c\":4 }','{ \"a\": 5, \"d\":6 }')",
                "{\"a\": 5, \"b\": 2, \"c\": 4, \"d\": 6}");
        e.put("SELECT JSON_MERGE_PATCH('{\"a\":1, \"b\":2}', '{\"b\":null}')", "{\"a\": 1}");
        e.put("SELECT JSON_MERGE_PATCH('{\"a\":{\"x\":1}}', '{\"a\":{\"y\":2}}')", "{\"a\": {\"x\": 1, \"y\": 2}}");
        e.put("SELECT JSON_UNQUOTE('\"abc\"')", "abc");
        e.put("SELECT JSON_UNQUOTE('[1, 2, 3]')", "[1, 2, 3]");
        e.put("SELECT JSON_UNQUOTE('\"\\\\t\\\\u0032\"')", "\t2");
        e.put("SELECT JSON_UNQUOTE(JSON_EXTRACT('{\"a\": \"x\\\\\"y\"}', '$.a'))", "x\"y");
        e.put("SELECT JSON_UNQUOTE(NULL)", null);
        check(e);
    }

    /** 12.17.5, "Functions That Return JSON Value Attributes", and 12.17.6, "JSON Utility Functions". */
    @Test
    void attributes() throws Exception {
        Map<String, String> e = new LinkedHashMap<>();
        e.put("SELECT CONCAT(JSON_DEPTH('{}'), JSON_DEPTH('[]'), JSON_DEPTH('true'))", "111");
        e.put("SELECT CONCAT(JSON_DEPTH('[10, 20]'), JSON_DEPTH('[[], {}]'))", "22");
        e.put("SELECT JSON_DEPTH('[10, {\"a\": 20}]')", "3");
        e.put("SELECT JSON_LENGTH('[1, 2, {\"a\": 3}]')", "3");
        e.put("SELECT JSON_LENGTH('{\"a\": 1, \"b\": {\"c\": 30}}')", "2");
        e.put("SELECT JSON_LENGTH('{\"a\": 1, \"b\": {\"c\": 30}}', '$.b')", "1");
        e.put("SELECT JSON_LENGTH('{\"a\": 1}', '$.b')", null);
        String j = "'{\"a\": [10, true]}'";
        e.put("SELECT JSON_TYPE(" + j + ")", "OBJECT");
        e.put("SELECT JSON_TYPE(JSON_EXTRACT(" + j + ", '$.a'))", "ARRAY");
        e.put("SELECT JSON_TYPE(JSON_EXTRACT(" + j + ", '$.a[0]'))", "INTEGER");
        e.put("SELECT JSON_TYPE(JSON_EXTRACT(" + j + ", '$.a[1]'))", "BOOLEAN");
        e.put("SELECT JSON_TYPE(NULL)", null);
        e.put("SELECT JSON_TYPE('\"x\"')", "STRING");
        e.put("SELECT JSON_TYPE('null')", "NULL");
        e.put("SELECT JSON_TYPE('1.5')", "DOUBLE");
        e.put("SELECT JSON_TYPE('18446744073709551615')", "UNSIGNED INTEGER");
        e.put("SELECT JSON_VALID('{\"a\": 1}')", "1");
        e.put("SELECT CONCAT(JSON_VALID('hello'), JSON_VALID('\"hello\"'))", "01");
        e.put("SELECT JSON_VALID(NULL)", null);
        e.put("SELECT JSON_PRETTY('123')", "123");
        e.put("SELECT JSON_PRETTY('[1,3,5]')", "[\n  1,\n  3,\n  5\n]");
        e.put("SELECT JSON_PRETTY('{\"a\":\"10\",\"b\":\"15\",\"x\":\"25\"}')",
                "{\n  \"a\": \"10\",\n  \"b\": \"15\",\n  \"x\": \"25\"\n}");
        e.put("SELECT JSON_PRETTY('[\"a\",1,{\"key1\": \"value1\"},\"5\",\"77\" ,{\"key2\":[\"value3\",\"valueX\", \"valueY\"]},\"j\", \"2\" ]')",
                "[\n  \"a\",\n  1,\n  {\n    \"key1\": \"value1\"\n  },\n  \"5\",\n  \"77\",\n  {\n    \"key2\": [\n      \"value3\",\n"
                        + "      \"valueX\",\n      \"valueY\"\n    ]\n  },\n  \"j\",\n  \"2\"\n]");
        e.put("SELECT JSON_PRETTY('{\"a\": [], \"b\": {}}')", "{\n  \"a\": [],\n  \"b\": {}\n}");
        check(e);
    }

    /** MySQL's errors for bad JSON text, bad paths, bad arguments; 1305 for what is not there (yet). */
    @Test
    void refusals() {
        refused("SELECT JSON_EXTRACT('{\"a\": 1', '$.a')", 3141, "22032",
                "Invalid JSON text in argument 1 to function json_extract: \"Missing a comma or '}' after an object member.\" at position 7.");
        refused("SELECT JSON_EXTRACT('abc', '$')", 3141, "22032",
                "Invalid JSON text in argument 1 to function json_extract: \"Invalid value.\" at position 0.");
        refused("SELECT JSON_CONTAINS('[1]', '[1', '$')", 3141, "22032",
                "Invalid JSON text in argument 2 to function json_contains: \"Missing a comma or ']' after an array element.\" at position 2.");
        refused("SELECT JSON_VALID('x') + JSON_LENGTH('')", 3141, "22032",
                "Invalid JSON text in argument 1 to function json_length: \"The document is empty.\" at position 0.");
        refused("SELECT JSON_TYPE('[1, 2] 3')", 3141, "22032",
                "Invalid JSON text in argument 1 to function json_type: \"The document root must not be followed by other values.\" at position 7.");
        refused("SELECT JSON_UNQUOTE('\"a\\\\xb\"')", 3141, "22032",
                "Invalid JSON text in argument 1 to function json_unquote: \"Invalid escape character in string.\" at position 2.");
        refused("SELECT c->'$.a' FROM js.jemp WHERE id = 1 AND JSON_EXTRACT('[tru]', '$') IS NULL", 3141, "22032",
                "Invalid JSON text in argument 1 to function json_extract: \"Invalid value.\" at position 4.");
        refused("SELECT JSON_SET('{}', '$.zh-Hant', 'x')", 3143, "42000",
                "Invalid JSON path expression. The error is around character position 9.");
        refused("SELECT JSON_EXTRACT('[1]', '$[')", 3143, "42000",
                "Invalid JSON path expression. The error is around character position 2.");
        refused("SELECT JSON_EXTRACT('[1]', 'a')", 3143, "42000",
                "Invalid JSON path expression. The error is around character position 1.");
        refused("SELECT JSON_EXTRACT('[1]', '$**')", 3143, "42000",
                "Invalid JSON path expression. The error is around character position 3.");
        refused("SELECT c->'a' FROM js.jemp", 3143, "42000",
                "Invalid JSON path expression. The error is around character position 1.");
        refused("SELECT JSON_SET('[1]', '$[*]', 2)", 3149, "42000",
                "In this situation, path expressions may not contain the * and ** tokens.");
        refused("SELECT JSON_TYPE(1)", 3146, "22032",
                "Invalid data type for JSON data in argument 1 to function json_type; a JSON string or JSON type is required.");
        refused("SELECT JSON_CONTAINS_PATH('[1]', 'some', '$[0]')", 3154, "42000",
                "The oneOrAll argument to json_contains_path may take these values: 'one' or 'all'.");
        refused("SELECT JSON_REMOVE('[1]', '$')", 3153, "42000", "The path expression '$' is not allowed in this context.");
        refused("SELECT JSON_OBJECT(NULL, 1)", 3158, "22032", "JSON documents may not contain NULL member names.");
        refused("SELECT JSON_ARRAY_INSERT('[1]', '$.a', 2)", 3165, "42000",
                "A path expression is not a path to a cell in an array.");
        refused("SELECT JSON_EXTRACT('[1]')", 1582, "42000",
                "Incorrect parameter count in the call to native function 'JSON_EXTRACT'");
        refused("SELECT json_object('a')", 1582, "42000", "Incorrect parameter count in the call to native function 'json_object'");
        refused("SELECT JSON_SET('[1]', '$[0]')", 1582, "42000", "Incorrect parameter count in the call to native function 'JSON_SET'");
        // not supported: MySQL 5.7.22's JSON_STORAGE_SIZE, as an unknown function is refused
        refused("SELECT JSON_STORAGE_SIZE('[]')", 1305, "42000", "FUNCTION js.json_storage_size does not exist");
    }
}
