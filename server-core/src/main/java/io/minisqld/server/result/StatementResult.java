package io.minisqld.server.result;

/** What one statement gives its client: an OK packet or a result set. Errors are thrown as SqlError. */
public sealed interface StatementResult permits OkResult, RowsResult, ProcedureResult {
}
