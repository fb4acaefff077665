package io.minisqld.server.engine;

import io.minisqld.server.sql.StatementText;

/** String literals for the SQL the server sends its own engine (system tables, relay positions, plugins). */
public final class SqlLiteral {
    private SqlLiteral() {
    }

    /** {@code value} as a MySQL string literal ({@link StatementText#quote}); null as {@code ''}. */
    public static String quote(String value) {
        return value == null ? "''" : StatementText.quote(value);
    }
}
