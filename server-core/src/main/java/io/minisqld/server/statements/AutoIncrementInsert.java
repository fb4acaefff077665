package io.minisqld.server.statements;

import io.minisqld.server.engine.EngineQuery;
import io.minisqld.server.engine.TableInfo;
import io.minisqld.server.error.SqlError;
import io.minisqld.server.sql.StatementText;
import io.minisqld.server.sql.Token;
import io.minisqld.server.sql.TokenType;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Where an INSERT or REPLACE puts the values of its table's AUTO_INCREMENT column, row by row, so
 * that the server can write the values it generates into the statement (see
 * {@link io.minisqld.server.engine.AutoIncrement}): a row that gives NULL, DEFAULT or 0 (unless
 * NO_AUTO_VALUE_ON_ZERO), or omits the column, gets the next value; an explicit number moves the
 * counter. A replicated INSERT gets the values its INTVAR INSERT_ID event names (protocol.md
 * §3.10) the same way.
 *
 * <p>Why in the statement: H2 has no per-statement "next value", stores an explicit 0 as 0, and
 * ignores {@code auto_increment_increment}; an explicit value is honoured by H2 and, in its MySQL
 * mode, moves its identity past it. The values are edits for the engine only: the binlog keeps
 * the statement as the client sent it, with an INTVAR INSERT_ID event, as MySQL does.
 *
 * <p>Handled: {@code INSERT|REPLACE [modifiers] [INTO] t [(cols)] VALUES|VALUE (…), …} and
 * {@code … SET col = …}. Anything else (INSERT … SELECT, a row giving an expression or a
 * parameter for the column) is left to the engine, which generates from its identity.
 */
final class AutoIncrementInsert {
    /** Where one row's value of the column goes, or what it is. */
    private sealed interface Slot {
    }

    /** The row gives NULL, DEFAULT or 0: tokens [first, last] get the generated value. */
    private record Generated(Token first, Token last) implements Slot {
    }

    /** The row omits the column: the value goes before the row's closing parenthesis. */
    private record Omitted(Token rowClose) implements Slot {
    }

    /** The SET form omits the column: {@code , col = value} goes after token {@code after}. */
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
     * The statement's AUTO_INCREMENT rows, or null when it is no form handled here or its table
     * has no AUTO_INCREMENT column.
     *
     * @param describe (database or null, table) → the table, throwing SqlError when it does not exist
     */
    static AutoIncrementInsert of(StatementText text, String currentDatabase, boolean noAutoValueOnZero,
                                  BiFunction<String, String, TableInfo> describe) {
        List<Token> t = text.significant();
        int k = 0;
        if (t.isEmpty() || !(t.get(0).is("INSERT") || t.get(0).is("REPLACE"))) return null;
        k++;
        while (k < t.size() && (t.get(k).is("LOW_PRIORITY") || t.get(k).is("DELAYED") || t.get(k).is("HIGH_PRIORITY")
                || t.get(k).is("IGNORE"))) {
            k++;
        }
        if (k < t.size() && t.get(k).is("INTO")) k++;
        if (k >= t.size() || !t.get(k).isIdentifier()) return null;
        String db = null;
        String table = t.get(k).value();
        k++;
        if (k + 1 < t.size() && t.get(k).isSymbol(".") && t.get(k + 1).isIdentifier()) {
            db = table;
            table = t.get(k + 1).value();
            k += 2;
        }
        TableInfo info;
        try {
            info = describe.apply(db, table);
        } catch (SqlError e) {
            return null;
        }
        String autoColumn = null;
        int autoIndex = -1;
        for (int i = 0; i < info.columns().size(); i++) {
            if ("auto_increment".equalsIgnoreCase(info.columns().get(i).extra())) {
                autoColumn = info.columns().get(i).name();
                autoIndex = i;
            }
        }
        if (autoColumn == null) return null;
        String database = db != null ? db : currentDatabase;
        if (k < t.size() && t.get(k).is("SET")) {
            List<Slot> slot = setForm(t, k + 1, autoColumn, noAutoValueOnZero);
            return slot == null ? null : new AutoIncrementInsert(database, info.name(), autoColumn, null, slot);
        }
        Token columnListClose = null;
        if (k < t.size() && t.get(k).isSymbol("(")) {
            if (k + 1 < t.size() && t.get(k + 1).is("SELECT")) return null;
            List<List<Token>> cols = elements(t, k);
            if (cols == null) return null;
            int close = closing(t, k);
            autoIndex = -1;
            for (int i = 0; i < cols.size(); i++) {
                List<Token> c = cols.get(i);
                if (c.size() == 1 && c.get(0).value().equalsIgnoreCase(autoColumn)) autoIndex = i;
            }
            if (autoIndex < 0) columnListClose = t.get(close);
            k = close + 1;
        }
        if (k >= t.size() || !(t.get(k).is("VALUES") || t.get(k).is("VALUE"))) return null;
        k++;
        List<Slot> slots = new ArrayList<>();
        while (k < t.size() && t.get(k).isSymbol("(")) {
            int close = closing(t, k);
            if (close < 0) return null;
            List<List<Token>> values = elements(t, k);
            if (values == null) return null;
            if (columnListClose != null) {
                slots.add(new Omitted(t.get(close)));
            } else {
                if (autoIndex >= values.size()) return null;
                Slot s = slot(values.get(autoIndex), noAutoValueOnZero);
                if (s == null) return null;
                slots.add(s);
            }
            k = close + 1;
            if (k < t.size() && t.get(k).isSymbol(",")) k++;
            else break;
        }
        if (slots.isEmpty()) return null;
        return new AutoIncrementInsert(database, info.name(), autoColumn, columnListClose, slots);
    }

    /** {@code col = expr, …} up to ON DUPLICATE KEY UPDATE or the end: one row. */
    private static List<Slot> setForm(List<Token> t, int k, String autoColumn, boolean noAutoValueOnZero) {
        int depth = 0;
        int end = t.size();
        for (int i = k; i < t.size(); i++) {
            Token x = t.get(i);
            if (x.isSymbol("(")) depth++;
            else if (x.isSymbol(")")) depth--;
            else if (depth == 0 && x.is("ON")) {
                end = i;
                break;
            }
        }
        if (end == k) return null;
        for (List<Token> a : split(t, k, end)) {
            if (a.size() >= 3 && a.get(0).isIdentifier() && a.get(0).value().equalsIgnoreCase(autoColumn)
                    && a.get(1).isSymbol("=")) {
                Slot s = slot(a.subList(2, a.size()), noAutoValueOnZero);
                return s == null ? null : List.of(s);
            }
        }
        return List.of(new Appended(t.get(end - 1)));
    }

    /** What one row's value is; null for anything but NULL, DEFAULT or an integer literal. */
    private static Slot slot(List<Token> v, boolean noAutoValueOnZero) {
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
        if (columnListClose != null) query.insertBeforeForEngine(index.get(columnListClose), ", " + quote(column));
        int next = 0;
        for (Slot s : slots) {
            if (s instanceof Explicit) continue;
            long v = generated.get(next++);
            if (s instanceof Generated g) {
                query.replaceForEngine(index.get(g.first()), index.get(g.last()),
                        new EngineQuery.NumberLiteral(Long.toString(v)));
            } else if (s instanceof Omitted o) {
                query.insertBeforeForEngine(index.get(o.rowClose()), ", " + v);
            } else if (s instanceof Appended a) {
                query.insertBeforeForEngine(index.get(a.after()) + 1, ", " + quote(column) + " = " + v);
            }
        }
    }

    /** The top-level comma-separated elements inside the parenthesis at {@code open}; null if unbalanced. */
    private static List<List<Token>> elements(List<Token> t, int open) {
        int close = closing(t, open);
        if (close < 0) return null;
        return split(t, open + 1, close);
    }

    private static List<List<Token>> split(List<Token> t, int from, int to) {
        List<List<Token>> out = new ArrayList<>();
        List<Token> cur = new ArrayList<>();
        int depth = 0;
        for (int i = from; i < to; i++) {
            Token x = t.get(i);
            if (x.isSymbol("(")) depth++;
            if (x.isSymbol(")")) depth--;
            if (depth == 0 && x.isSymbol(",")) {
                out.add(cur);
                cur = new ArrayList<>();
                continue;
            }
            cur.add(x);
        }
        if (!cur.isEmpty()) out.add(cur);
        for (List<Token> e : out) {
            if (e.isEmpty()) return List.of();
        }
        return out;
    }

    private static int closing(List<Token> t, int open) {
        int depth = 0;
        for (int i = open; i < t.size(); i++) {
            if (t.get(i).isSymbol("(")) depth++;
            else if (t.get(i).isSymbol(")") && --depth == 0) return i;
        }
        return -1;
    }

    private static String quote(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }
}
