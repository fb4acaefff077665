package io.minisqld.server.binlog.rows;

/**
 * A value that its column cannot hold as the binlog writes it: of another Java type than the
 * engine gives for the column, or out of the type's range. Writing it would log other data than
 * was stored, so the row event is not written ({@link RowsEventEncoder} reports it as 1105).
 */
final class ValueMismatch extends RuntimeException {
    ValueMismatch(String message) {
        super(message, null, false, false);
    }
}
