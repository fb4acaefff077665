package io.minisqld.server.sql.statement;

import java.util.List;

/** SQL's prepared statements: PREPARE, EXECUTE and DEALLOCATE | DROP PREPARE. */
public sealed interface PreparedSql extends Statement {

    @Override
    default StatementKind kind() {
        if (this instanceof Prepare) return StatementKind.PREPARE_SQL;
        if (this instanceof Execute) return StatementKind.EXECUTE_SQL;
        return StatementKind.DEALLOCATE_SQL;
    }

    /**
     * PREPARE name FROM 'text' | @variable.
     *
     * @param text     the statement's text, or null when it is in {@code variable}
     * @param variable the user variable holding the text, or null
     */
    record Prepare(String name, String text, String variable) implements PreparedSql {
    }

    /** EXECUTE name [USING @a, @b, …]. */
    record Execute(String name, List<String> variables) implements PreparedSql {
        public Execute {
            variables = List.copyOf(variables);
        }
    }

    /** DEALLOCATE | DROP PREPARE name. */
    record Deallocate(String name) implements PreparedSql {
    }
}
