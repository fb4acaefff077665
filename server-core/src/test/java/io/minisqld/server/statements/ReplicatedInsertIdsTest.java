package io.minisqld.server.statements;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.minisqld.server.engine.EngineQuery;
import io.minisqld.server.engine.TableInfo;
import io.minisqld.server.sql.QueryLexer;
import io.minisqld.server.sql.StatementText;
import io.minisqld.server.error.ErrorCode;
import java.util.List;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/** INTVAR INSERT_ID written into replicated INSERTs. */
class ReplicatedInsertIdsTest {
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

    private static String rewrite(String sql, long id, long step) {
        return rewrite(sql, id, step, false);
    }

    /** The statement as the binlog and the engine see it once the ids are written in. */
    private static String rewrite(String sql, long id, long step, boolean noAutoValueOnZero) {
        StatementText text = LEXER.statement(sql);
        EngineQuery.Builder query = EngineQuery.of(text);
        ReplicatedInsertIds.write(text, query, id, step, "app", noAutoValueOnZero, DESCRIBE);
        return query.build().mysqlText();
    }

    @Test
    void columnListWithoutTheIdGetsIt() {
        assertEquals("INSERT INTO t (v, `id`) VALUES ('a', 7), ('b', 8)",
                rewrite("INSERT INTO t (v) VALUES ('a'), ('b')", 7, 1));
        assertEquals("INSERT INTO app.t (v, `id`) VALUES ('a', 7), ('b', 12)",
                rewrite("INSERT INTO app.t (v) VALUES ('a'), ('b')", 7, 5));
    }

    @Test
    void nullZeroAndDefaultGenerateExplicitValuesStay() {
        assertEquals("INSERT INTO t VALUES (3, 'a'), (100, 'b'), (4, 'c'), (5, 'd')",
                rewrite("INSERT INTO t VALUES (NULL, 'a'), (100, 'b'), (0, 'c'), (DEFAULT, 'd')", 3, 1));
        assertEquals("INSERT INTO t VALUES (0, 'a')",
                rewrite("INSERT INTO t VALUES (0, 'a')", 3, 1, true));
    }

    @Test
    void setForm() {
        assertEquals("INSERT INTO t SET v = 'x', `id` = 9", rewrite("INSERT INTO t SET v = 'x'", 9, 1));
        assertEquals("INSERT INTO t SET id = 9, v = 'x'", rewrite("INSERT INTO t SET id = NULL, v = 'x'", 9, 1));
    }

    @Test
    void formsLeftAlone() {
        for (String sql : List.of("INSERT INTO t (v) SELECT v FROM t", "INSERT INTO p VALUES (1)",
                "INSERT INTO missing VALUES (1)", "UPDATE t SET v = 'x'")) {
            assertEquals(sql, rewrite(sql, 5, 1));
        }
    }
}
