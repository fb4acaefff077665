package io.minisqld.server.result;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A text-protocol result set, fully materialised. Each row holds one value per column in its
 * text rendering (UTF-8 bytes), or null for SQL NULL.
 */
public record RowsResult(List<Column> columns, List<byte[][]> rows) implements StatementResult {
    public RowsResult {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
    }

    /** Builds rows from Java values: null, byte[], or anything whose toString is its text. */
    public static RowsResult of(List<Column> columns, List<? extends List<?>> values) {
        List<byte[][]> rows = new ArrayList<>(values.size());
        for (List<?> v : values) {
            byte[][] row = new byte[v.size()][];
            for (int i = 0; i < row.length; i++) {
                row[i] = encode(v.get(i));
            }
            rows.add(row);
        }
        return new RowsResult(columns, rows);
    }

    public static byte[] encode(Object value) {
        if (value == null) return null;
        if (value instanceof byte[] b) return b;
        if (value instanceof Boolean b) return (b ? "1" : "0").getBytes(StandardCharsets.US_ASCII);
        return value.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The value at (row, column) as text, for tests and internal callers. */
    public String text(int row, int column) {
        byte[] b = rows.get(row)[column];
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }
}
