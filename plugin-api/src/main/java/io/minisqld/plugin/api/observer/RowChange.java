package io.minisqld.plugin.api.observer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One row a transaction changed, as the storage engine changed it (plugin API 1.2): what a
 * ROW-format binary log records, given to transaction hooks in {@link TransactionContext#rowChanges()}
 * whatever the binlog format. Rows a trigger or a foreign key's cascade changed are there too,
 * each in its own table.
 *
 * <p>Values, one per column, null for SQL NULL: {@code Long} for integer and YEAR columns
 * ({@code BigDecimal} for BIGINT UNSIGNED), {@code Boolean} for {@code tinyint(1)} / BOOLEAN,
 * {@code BigDecimal} for DECIMAL, {@code Float} / {@code Double}, {@code String} for text (CHAR,
 * VARCHAR, TEXT, ENUM, JSON), {@code byte[]} for binary strings and BLOBs, {@code LocalDate},
 * {@code LocalTime} and {@code LocalDateTime} for DATE, TIME and DATETIME / TIMESTAMP.
 *
 * @param database  the table's database
 * @param table     the table's name
 * @param operation what happened to the row
 * @param columns   the table's column names, in order
 * @param types     each column's type as SHOW COLUMNS prints it ({@code int(11)}, {@code varchar(20)})
 * @param before    the row before the change (UPDATE, DELETE), else empty
 * @param after     the row after the change (INSERT, UPDATE), else empty
 */
public record RowChange(String database, String table, Operation operation, List<String> columns,
                        List<String> types, List<Object> before, List<Object> after) {
    /** What happened to the row. */
    public enum Operation { INSERT, UPDATE, DELETE }

    public RowChange {
        columns = List.copyOf(columns);
        types = List.copyOf(types);
        before = values(before);
        after = values(after);
    }

    /** The values unmodifiable, NULLs kept (which {@code List.copyOf} refuses). */
    private static List<Object> values(List<Object> values) {
        return values == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(values));
    }
}
