package io.minisqld.server.result;

/** An OK packet's meaning: rows affected, the first generated id, and the optional info text. */
public record OkResult(long affectedRows, long lastInsertId, String info) implements StatementResult {
    public static final OkResult EMPTY = new OkResult(0, 0, null);

    public static OkResult affected(long rows) {
        return new OkResult(rows, 0, null);
    }
}
