package io.minisqld.server.session;

import io.minisqld.server.result.Column;
import io.minisqld.server.sql.StatementText;
import java.util.List;

/**
 * A statement prepared once and executed many times: its text lexed once with its {@code ?}
 * markers, and the columns its result has (empty when it returns none, or when they are known
 * only once it runs).
 */
public record PreparedStatement(StatementText template, int parameters, List<Column> columns) {
    public PreparedStatement {
        columns = List.copyOf(columns);
    }
}
