package io.minisqld.server.engine;

/** String literals for the SQL the server sends its own engine (system tables, relay positions, plugins). */
public final class SqlLiteral {
    private SqlLiteral() {
    }

    /** {@code value} as a MySQL string literal: quotes doubled, backslashes escaped; null as {@code ''}. */
    public static String quote(String value) {
        if (value == null) return "''";
        return "'" + value.replace("\\", "\\\\").replace("'", "''") + "'";
    }
}
