package io.minisqld.server.engine.h2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.minisqld.server.engine.EngineQuery;
import io.minisqld.server.error.SqlError;
import io.minisqld.server.sql.QueryLexer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * JSON text, paths and the translation of JSON calls without a server: MySQL's parser messages
 * and byte offsets (rapidjson's), MySQL's printed form, the path grammar's error offsets, the order
 * a wildcard path selects in, and the H2 text of {@code ->}, {@code ->>} and nested calls.
 */
class JsonTextTest {
    private static String normalized(String text) throws JsonText.SyntaxError {
        return JsonText.write(JsonText.parse(text));
    }

    private static String error(String text) {
        JsonText.SyntaxError e = assertThrows(JsonText.SyntaxError.class, () -> JsonText.parse(text), text);
        return e.getMessage() + " @" + e.position();
    }

    @Test
    void writesMySqlsNormalizedForm() throws Exception {
        assertEquals("{\"b\": 1, \"aa\": [1, 2.5, \"x\"], \"é\": {}}",
                normalized("{\"é\":{},\"aa\":[1,2.5,\"x\"],\"b\":1,\"b\":2}"));
        assertEquals("[true, false, null, -1, 9223372036854775807, 9223372036854775808, -9.223372036854776e18]",
                normalized(" [true,false,null,-1,9223372036854775807,9223372036854775808,-9223372036854775809] "));
        assertEquals("\"a\\\"b\\\\c\\n\\u0001\u001f/é\"", normalized("\"a\\\"b\\\\c\\n\\u0001\\u001f\\/\\u00e9\""));
        assertEquals("\"\uD83D\uDE00\"", normalized("\"\\ud83d\\ude00\""));
        assertEquals("[0, -0, 1e-7, 100]", normalized("[-0, -0.0, 1e-7, 1E2]"));
    }

    @Test
    void refusesWithRapidJsonsMessagesAndOffsets() {
        assertEquals("The document is empty. @2", error("  "));
        assertEquals("Invalid value. @0", error("abc"));
        assertEquals("Invalid value. @3", error("nul"));
        assertEquals("Invalid value. @1", error("-"));
        assertEquals("The document root must not be followed by other values. @1", error("01"));
        assertEquals("Missing a name for object member. @1", error("{1:2}"));
        assertEquals("Missing a colon after a name of object member. @5", error("{\"a\" 1}"));
        assertEquals("Missing a comma or '}' after an object member. @6", error("{\"a\":1]"));
        assertEquals("Invalid value. @3", error("[1,]"));
        assertEquals("Missing a comma or ']' after an array element. @3", error("[1 2]"));
        assertEquals("Missing a closing quotation mark in string. @4", error("\"abc"));
        assertEquals("Invalid encoding in string. @2", error("\"a\nb\""));
        assertEquals("Invalid escape character in string. @2", error("\"a\\x\""));
        assertEquals("Incorrect hex digit after \\u escape in string. @1", error("\"\\u00g0\""));
        assertEquals("The surrogate pair in string is invalid. @1", error("\"\\ud83d\""));
        assertEquals("Miss fraction part in number. @2", error("1.e5"));
        assertEquals("Miss exponent in number. @2", error("1e"));
        assertEquals("Number too big to be stored in double. @0", error("1e999"));
        // offsets count UTF-8 bytes
        assertEquals("Invalid value. @7", error("[\"é\", x]"));
        SqlError deep = assertThrows(SqlError.class, () -> JsonText.parse("[".repeat(100) + "1" + "]".repeat(100)));
        assertEquals(3157, deep.number());
    }

    @Test
    void prettyPrintsTwoSpacesALevel() throws Exception {
        assertEquals("{\n  \"a\": [\n    1,\n    {}\n  ],\n  \"b\": []\n}",
                JsonText.pretty(JsonText.parse("{\"b\":[],\"a\":[1,{}]}")));
    }

    private static int pathError(String path) {
        SqlError e = assertThrows(SqlError.class, () -> JsonPath.parse(path), path);
        assertEquals(3143, e.number(), path);
        return Integer.parseInt(e.getMessage().replaceAll("\\D", ""));
    }

    @Test
    void pathErrorsAreAtMySqlsOffset() {
        assertEquals(0, pathError(""));
        assertEquals(1, pathError("x"));
        assertEquals(9, pathError("$.zh-Hant"));
        assertEquals(4, pathError("$.1a"));
        assertEquals(2, pathError("$[a]"));
        assertEquals(4, pathError("$[1x]"));
        assertEquals(3, pathError("$[1"));
        assertEquals(3, pathError("$**"));
        assertEquals(5, pathError("$ ** "));
        assertEquals(3, pathError("$***.a"));
        assertEquals(4, pathError("$.\"\""));
        assertEquals(1, pathError("$a"));
    }

    private static List<String> selected(String doc, String path) throws Exception {
        List<String> out = new ArrayList<>();
        for (JsonPath.Match m : JsonPath.parse(path).seek(JsonText.parse(doc))) {
            out.add(JsonPath.write(m.location()) + "=" + JsonText.write(m.value()));
        }
        return out;
    }

    @Test
    void pathsSelectInDocumentOrderEachPlaceOnce() throws Exception {
        assertEquals(List.of("$.a=1", "$.\"b c\"=[2]"), selected("{\"b c\": [2], \"a\": 1}", "$ . * "));
        assertEquals(List.of("$[1][0]=3", "$[1][1]=4"), selected("[1, [3, 4]]", "$[1][*]"));
        assertEquals(List.of("$.a.b=1", "$.c.b=2"), selected("{\"a\": {\"b\": 1}, \"c\": {\"b\": 2}}", "$**.b"));
        assertEquals(List.of("$[0]=[1]", "$[0][0]=1"), selected("[[1]]", "$**[0]"));
        assertEquals(List.of("$=\"x\""), selected("\"x\"", "$[0][0]"));
        assertEquals(List.of("$.\"a.b\"=1"), selected("{\"a.b\": 1}", "$.\"a.b\""));
    }

    private static String h2(String mysql) {
        String sql = MySqlToH2.translate(EngineQuery.of(new QueryLexer().statement(mysql)).build(), n -> null).sql();
        return sql.replace("PUBLIC.\"minisqld_json_", "").replace("\"(", "(").replaceAll("\\s+", " ").trim();
    }

    @Test
    void arrowsAndNestedCallsTranslate() {
        assertEquals("SELECT extract(c, '$.a'), unquote(extract(t.c, '$.b')) FROM t",
                h2("SELECT c->'$.a' AS `c->'$.a'`, t.c->>'$.b' AS x FROM t").replaceAll(" AS `[^`]*`| AS x", ""));
        assertEquals("SELECT object('a', typed(array(1)), 'b', typed(cast('[1]' )), 'c', 'x')",
                h2("SELECT JSON_OBJECT('a', JSON_ARRAY(1), 'b', CAST('[1]' AS JSON), 'c', 'x') AS o").replace(" AS o", ""));
        assertEquals("SELECT id AS `id` FROM t WHERE extract(c, '$.n') = quote('x') AND extract(c, '$.m') IN (quote('a'), quote('b'))",
                h2("SELECT id FROM t WHERE c->'$.n' = 'x' AND c->'$.m' IN ('a', 'b')"));
    }
}
