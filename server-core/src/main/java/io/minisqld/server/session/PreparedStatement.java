package io.minisqld.server.session;

import io.minisqld.server.result.Column;
import io.minisqld.server.sql.StatementText;
import java.util.List;

/**
 * A statement prepared once and executed many times: its text lexed once with its {@code ?}
 * markers, and the columns its result has (empty when it returns none, or when they are known
 * only once it runs), and which markers (0-based) stand for a LIMIT or OFFSET count.
 */
public record PreparedStatement(StatementText template, int parameters, List<Column> columns, int[] limitMarkers) {
    public PreparedStatement {
        columns = List.copyOf(columns);
    }
}
