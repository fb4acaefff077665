package io.minisqld.server.statements;

import io.minisqld.server.engine.EngineQuery;
import io.minisqld.server.engine.TableInfo;
import io.minisqld.server.error.SqlError;
import io.minisqld.server.sql.StatementText;
import io.minisqld.server.sql.Token;
import io.minisqld.server.sql.TokenType;
import io.minisqld.server.sql.statement.ColumnValues;
import io.minisqld.server.sql.statement.EngineStatement;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The values an INSERT or REPLACE gives its table's AUTO_INCREMENT column, row by row, so that
 * the server can write the values it generates into the statement (see
 * {@link io.minisqld.server.engine.AutoIncrement}): a row that gives NULL, DEFAULT or 0 (unless
 * NO_AUTO_VALUE_ON_ZERO), or omits the column, gets the next value; an explicit number moves the
 * counter. A replicated INSERT gets the values its INTVAR INSERT_ID event names (protocol.md
 * §3.10) the same way, through {@code insert_id}.
 *
 * <p>Why in the statement: H2 has no per-statement "next value", stores an explicit 0 as 0, and
 * ignores {@code auto_increment_increment}; an explicit value is honoured by H2 and, in its MySQL
 * mode, moves its identity past it. The values are edits for the engine only: the binlog keeps
 * the statement as the client sent it, with an INTVAR INSERT_ID event, as MySQL does.
 *
 * <p>Handled: the VALUES and SET forms ({@link ColumnValues}). Anything else (INSERT … SELECT, a
 * row giving an expression or a parameter for the column) is left to the engine, which generates
 * from its identity.
 */
final class AutoIncrementInsert {
    /** Where one row's value of the column goes, or what it is. */
    private sealed interface Slot {
    }

    /** The row gives NULL, DEFAULT or 0: tokens [first, last] get the generated value. */
    private record Generated(Token first, Token last) implements Slot {
    }

    /** The row omits the column: the value goes before the row's closing parenthesis. */
    private record Omitted(Token rowClose, boolean emptyRow) implements Slot {
    }

    /** The SET form omits the column: {@code , col = value} goes after the list's last token. */
    private record Appended(Token after) implements Slot {
    }

    /** The row stores an explicit value. */
    private record Explicit(long value) implements Slot {
    }

    private final String database;
    private final String table;
    private final String column;
    /** The column list's closing parenthesis when the list lacks the column (it is added), else null. */
    private final Token columnListClose;
    private final List<Slot> slots;

    private AutoIncrementInsert(String database, String table, String column, Token columnListClose,
                                List<Slot> slots) {
        this.database = database;
        this.table = table;
        this.column = column;
        this.columnListClose = columnListClose;
        this.slots = slots;
    }

    String database() {
        return database;
    }

    String table() {
        return table;
    }

    String column() {
        return column;
    }

    /** Per row: null where it generates a value, else its explicit value. */
    List<Long> rows() {
        List<Long> rows = new ArrayList<>(slots.size());
        for (Slot s : slots) rows.add(s instanceof Explicit e ? e.value() : null);
        return rows;
    }

    /** The explicit value of the last row, or 0 when it generated one. */
    long lastExplicit() {
        return slots.isEmpty() || !(slots.get(slots.size() - 1) instanceof Explicit e) ? 0 : e.value();
    }

    /**
     * The statement's AUTO_INCREMENT rows, or null when it is no INSERT form handled here or its
     * table has no AUTO_INCREMENT column.
     *
     * @param describe (database or null, table) → the table, throwing SqlError when it does not exist
     */
    static AutoIncrementInsert of(EngineStatement statement, String currentDatabase, boolean noAutoValueOnZero,
                                  BiFunction<String, String, TableInfo> describe) {
        ColumnValues values = statement.values();
        if (values == null || !(statement.verb().equals("INSERT") || statement.verb().equals("REPLACE"))) return null;
        TableInfo info;
        try {
            info = describe.apply(values.database(), values.table());
        } catch (SqlError e) {
            return null;
        }
        String autoColumn = null;
        int autoPosition = -1;
        for (int i = 0; i < info.columns().size(); i++) {
            if ("auto_increment".equalsIgnoreCase(info.columns().get(i).extra())) {
                autoColumn = info.columns().get(i).name();
                autoPosition = i;
            }
        }
        if (autoColumn == null) return null;
        String database = values.database() != null ? values.database() : currentDatabase;
        boolean listLacksColumn = values.columns() != null
                && values.columns().stream().noneMatch(autoColumn::equalsIgnoreCase);
        List<Slot> slots = new ArrayList<>();
        for (ColumnValues.Row row : values.rows()) {
            ColumnValues.Value v = valueOf(row, autoColumn, values.columns() == null ? autoPosition : -1);
            Slot s;
            if (v != null) {
                s = slot(v.tokens(), noAutoValueOnZero);
            } else if (values.valuesForm()) {
                s = listLacksColumn ? new Omitted(row.close(), row.values().isEmpty()) : null;
            } else {
                s = new Appended(row.close());
            }
            if (s == null) return null;
            slots.add(s);
        }
        return new AutoIncrementInsert(database, info.name(), autoColumn, listLacksColumn ? values.columnListClose()
                : null, slots);
    }

    /** Whether the significant token before {@code close} is "(": an empty list. */
    private static boolean previousIsOpen(StatementText text, Token close) {
        List<Token> sig = text.significant();
        for (int i = 1; i < sig.size(); i++) {
            if (sig.get(i) == close) return sig.get(i - 1).isSymbol("(");
        }
        return false;
    }

    /** The row's value for the column: by name, or at {@code position} when the INSERT names no columns. */
    private static ColumnValues.Value valueOf(ColumnValues.Row row, String column, int position) {
        for (ColumnValues.Value v : row.values()) {
            if (v.column() != null ? v.column().equalsIgnoreCase(column) : v.position() == position) return v;
        }
        return null;
    }

    /** What one row's value is; null for anything but NULL, DEFAULT or an integer literal. */
    private static Slot slot(List<Token> v, boolean noAutoValueOnZero) {
        if (v.isEmpty()) return null;
        boolean negative = v.size() == 2 && v.get(0).isSymbol("-");
        Token x = v.get(v.size() - 1);
        if (v.size() == 1 && (x.is("NULL") || x.is("DEFAULT"))) return new Generated(x, x);
        if ((v.size() == 1 || negative) && x.type() == TokenType.NUMBER && x.text().matches("[0-9]+(\\.0*)?")) {
            long n;
            try {
                n = Long.parseLong(x.text().replaceAll("\\..*", ""));
            } catch (NumberFormatException e) {
                return null;
            }
            if (n == 0 && !noAutoValueOnZero) return new Generated(v.get(0), x);
            return new Explicit(negative ? -n : n);
        }
        return null;
    }

    /**
     * Writes the generated values into the statement for the engine only.
     *
     * @param generated one value per generating row, in order
     */
    void write(StatementText text, EngineQuery.Builder query, List<Long> generated) {
        Map<Token, Integer> index = new IdentityHashMap<>();
        for (int i = 0; i < text.tokens().size(); i++) index.put(text.tokens().get(i), i);
        // INSERT INTO t () VALUES (): the list and its rows are empty, the column goes in alone
        boolean emptyList = columnListClose != null && previousIsOpen(text, columnListClose);
        if (columnListClose != null) {
            query.insertBeforeForEngine(index.get(columnListClose), (emptyList ? "" : ", ") + quote(column));
        }
        int next = 0;
        for (Slot s : slots) {
            if (s instanceof Explicit) continue;
            long v = generated.get(next++);
            if (s instanceof Generated g) {
                query.replaceForEngine(index.get(g.first()), index.get(g.last()),
                        new EngineQuery.NumberLiteral(Long.toString(v)));
            } else if (s instanceof Omitted o) {
                query.insertBeforeForEngine(index.get(o.rowClose()), (o.emptyRow() ? "" : ", ") + v);
            } else if (s instanceof Appended a) {
                query.insertBeforeForEngine(index.get(a.after()) + 1, ", " + quote(column) + " = " + v);
            }
        }
    }

    private static String quote(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }
}
