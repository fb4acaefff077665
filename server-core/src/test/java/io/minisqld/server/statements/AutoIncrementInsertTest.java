package io.minisqld.server.statements;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.minisqld.server.engine.AutoIncrement;
import io.minisqld.server.engine.EngineQuery;
import io.minisqld.server.engine.TableInfo;
import io.minisqld.server.engine.h2.MySqlToH2;
import io.minisqld.server.error.ErrorCode;
import io.minisqld.server.sql.QueryLexer;
import io.minisqld.server.sql.StatementText;
import io.minisqld.server.sql.statement.EngineStatement;
import io.minisqld.server.sql.statement.Statement;
import io.minisqld.server.sql.statement.StatementParser;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/**
 * Where an INSERT's AUTO_INCREMENT values go, and the values the engine then sees, while the
 * binlog keeps the statement as sent (MySQL writes INTVAR INSERT_ID beside it).
 */
class AutoIncrementInsertTest {
    private static final QueryLexer LEXER = new QueryLexer();
    private static final TableInfo T = new TableInfo("app", "t", false, List.of(
            new TableInfo.ColumnInfo("id", "int(11)", false, null, "auto_increment", "PRI"),
            new TableInfo.ColumnInfo("v", "varchar(20)", true, null, "", "")), List.of(), "");
    private static final TableInfo PLAIN = new TableInfo("app", "p", false, List.of(
            new TableInfo.ColumnInfo("a", "int(11)", false, null, "", "PRI")), List.of(), "");
    private static final BiFunction<String, String, TableInfo> DESCRIBE = (db, table) -> switch (table) {
        case "t" -> T;
        case "p" -> PLAIN;
        default -> throw ErrorCode.ER_BAD_TABLE_ERROR.error(table);
    };

    private static AutoIncrementInsert plan(StatementText text, boolean noAutoValueOnZero) {
        Statement st = StatementParser.parse(text, "app");
        return st instanceof EngineStatement e
                ? AutoIncrementInsert.of(e, "app", noAutoValueOnZero, DESCRIBE) : null;
    }

    private static AutoIncrementInsert plan(String sql, boolean noAutoValueOnZero) {
        return plan(LEXER.statement(sql), noAutoValueOnZero);
    }

    /** The engine's text once the generated values are written in; the binlog's text must not change. */
    private static String engineText(String sql, Long... generated) {
        StatementText text = LEXER.statement(sql);
        EngineQuery.Builder query = EngineQuery.of(text);
        plan(text, false).write(text, query, Arrays.asList(generated));
        EngineQuery q = query.build();
        assertEquals(sql, q.mysqlText(), "the binlog keeps the statement as sent");
        return MySqlToH2.translate(q, n -> null).sql();
    }

    @Test
    void nullZeroDefaultAndOmittedGenerateExplicitValuesStay() {
        assertEquals(Arrays.asList(null, 100L, null, null),
                plan("INSERT INTO t VALUES (NULL, 'a'), (100, 'b'), (0, 'c'), (DEFAULT, 'd')", false).rows());
        assertEquals(Arrays.asList(null, 100L, 0L, null),
                plan("INSERT INTO t VALUES (NULL, 'a'), (100, 'b'), (0, 'c'), (DEFAULT, 'd')", true).rows(),
                "NO_AUTO_VALUE_ON_ZERO stores 0");
        assertEquals("INSERT INTO t VALUES (3, 'a'), (100, 'b'), (101, 'c'), (102, 'd')",
                engineText("INSERT INTO t VALUES (NULL, 'a'), (100, 'b'), (0, 'c'), (DEFAULT, 'd')", 3L, 101L, 102L));
    }

    @Test
    void aColumnListWithoutTheColumnGetsIt() {
        assertEquals("INSERT INTO t (v, `id`) VALUES ('a', 7), ('b', 12)",
                engineText("INSERT INTO t (v) VALUES ('a'), ('b')", 7L, 12L));
        assertEquals(Arrays.asList(null, null), plan("INSERT INTO app.t (v) VALUES ('a'), ('b')", false).rows());
    }

    @Test
    void setForm() {
        assertEquals("INSERT INTO t SET v = 'x', `id` = 9", engineText("INSERT INTO t SET v = 'x'", 9L));
        assertEquals("INSERT INTO t SET id = 9, v = 'x'", engineText("INSERT INTO t SET id = NULL, v = 'x'", 9L));
        assertEquals(List.of(5L), plan("INSERT INTO t SET id = 5, v = 'x'", false).rows());
    }

    @Test
    void formsLeftToTheEngine() {
        for (String sql : List.of("INSERT INTO t (v) SELECT v FROM t", "INSERT INTO p VALUES (1)",
                "INSERT INTO missing VALUES (1)", "UPDATE t SET v = 'x'", "INSERT INTO t VALUES (1 + 1, 'x')",
                "INSERT INTO t VALUES (?, 'x')")) {
            assertNull(plan(sql, false), sql);
        }
    }

    @Test
    void nextValuesFollowIncrementAndOffsetAsMySql() {
        // MySQL 5.7 manual, "auto_increment_increment": offset 5, increment 10 → 5, 15, 25 …
        assertEquals(5, AutoIncrement.next(0, 10, 5));
        assertEquals(15, AutoIncrement.next(5, 10, 5));
        assertEquals(105, AutoIncrement.next(100, 10, 5));
        // an offset above the increment is ignored
        assertEquals(10, AutoIncrement.next(3, 10, 20));
        assertEquals(4, AutoIncrement.next(3, 1, 200));
        assertEquals(200, AutoIncrement.next(3, 300, 200));
        assertEquals(500, AutoIncrement.next(200, 300, 200));
    }
}
