package io.minisqld.server.sql.statement;

import io.minisqld.server.sql.StatementText;
import io.minisqld.server.sql.Token;
import java.util.ArrayList;
import java.util.List;

/**
 * Which column each value of an INSERT, REPLACE or single-table UPDATE goes to: what the server
 * needs to type a literal by its target (a BLOB gets a string literal's bytes, a text column its
 * characters) and to write AUTO_INCREMENT values into the statement.
 *
 * @param database        the table's database as written, or null for the current one
 * @param columns         an INSERT's column list, or null when it names none (values go in table order)
 * @param columnListClose the column list's closing parenthesis, or null without a list
 * @param rows            the rows of values (one for the SET forms and UPDATE)
 * @param valuesForm      true for {@code VALUES (…), …}; false for {@code SET col = …} and UPDATE
 * @param duplicateKeyUpdate the assignments of an INSERT's ON DUPLICATE KEY UPDATE, or null
 */
public record ColumnValues(String database, String table, List<String> columns, Token columnListClose,
                           List<Row> rows, boolean valuesForm, Row duplicateKeyUpdate) {

    public ColumnValues {
        columns = columns == null ? null : List.copyOf(columns);
        rows = List.copyOf(rows);
    }

    /**
     * One row.
     *
     * @param close its closing parenthesis in the VALUES form; in the SET forms its last token
     */
    public record Row(List<Value> values, Token close) {
        public Row {
            values = List.copyOf(values);
        }
    }

    /**
     * One value.
     *
     * @param column the column it goes to by name, or null for the {@code position}-th column
     * @param tokens the value's significant tokens
     */
    public record Value(String column, int position, List<Token> tokens) {
        public Value {
            tokens = List.copyOf(tokens);
        }
    }

    /** The values of an INSERT, REPLACE or single-table UPDATE; null for other statements and forms. */
    static ColumnValues of(StatementText text) {
        List<Token> t = text.significant();
        if (t.isEmpty()) return null;
        if (t.get(0).is("UPDATE")) return update(t);
        if (!(t.get(0).is("INSERT") || t.get(0).is("REPLACE"))) return null;
        int k = 1;
        while (k < t.size() && (t.get(k).is("LOW_PRIORITY") || t.get(k).is("DELAYED") || t.get(k).is("HIGH_PRIORITY")
                || t.get(k).is("IGNORE"))) {
            k++;
        }
        if (k < t.size() && t.get(k).is("INTO")) k++;
        String[] name = new String[2];
        k = tableName(t, k, name);
        if (k < 0) return null;
        if (k < t.size() && t.get(k).is("SET")) {
            int on = upToOn(t, k + 1);
            Row row = assignments(t, k + 1, on);
            return row == null ? null : new ColumnValues(name[0], name[1], null, null, List.of(row), false,
                    duplicateKeyUpdate(t, on));
        }
        List<String> columns = null;
        Token columnListClose = null;
        if (k < t.size() && t.get(k).isSymbol("(")) {
            if (k + 1 < t.size() && t.get(k + 1).is("SELECT")) return null;
            int close = closing(t, k);
            if (close < 0) return null;
            columns = new ArrayList<>();
            for (List<Token> c : split(t, k + 1, close)) {
                if (c.size() != 1 || !c.get(0).isIdentifier()) return null;
                columns.add(c.get(0).value());
            }
            columnListClose = t.get(close);
            k = close + 1;
        }
        if (k >= t.size() || !(t.get(k).is("VALUES") || t.get(k).is("VALUE"))) return null;
        k++;
        List<Row> rows = new ArrayList<>();
        while (k < t.size() && t.get(k).isSymbol("(")) {
            int close = closing(t, k);
            if (close < 0) return null;
            List<Value> values = new ArrayList<>();
            List<List<Token>> elements = split(t, k + 1, close);
            for (int i = 0; i < elements.size(); i++) {
                String column = columns == null ? null : i < columns.size() ? columns.get(i) : null;
                values.add(new Value(column, i, elements.get(i)));
            }
            rows.add(new Row(values, t.get(close)));
            k = close + 1;
            if (k < t.size() && t.get(k).isSymbol(",")) k++;
            else break;
        }
        return rows.isEmpty() ? null : new ColumnValues(name[0], name[1], columns, columnListClose, rows, true,
                duplicateKeyUpdate(t, k));
    }

    /** The assignments of ON DUPLICATE KEY UPDATE when it starts at {@code k}, else null. */
    private static Row duplicateKeyUpdate(List<Token> t, int k) {
        if (k + 4 >= t.size() || !t.get(k).is("ON") || !t.get(k + 1).is("DUPLICATE") || !t.get(k + 2).is("KEY")
                || !t.get(k + 3).is("UPDATE")) {
            return null;
        }
        int end = t.size();
        while (end > k + 4 && t.get(end - 1).isSymbol(";")) end--;
        return assignments(t, k + 4, end);
    }

    /** UPDATE [LOW_PRIORITY] [IGNORE] t SET col = …, … [WHERE …]; null for multi-table UPDATE. */
    private static ColumnValues update(List<Token> t) {
        int k = 1;
        while (k < t.size() && (t.get(k).is("LOW_PRIORITY") || t.get(k).is("IGNORE"))) k++;
        String[] name = new String[2];
        k = tableName(t, k, name);
        if (k < 0) return null;
        // an alias: UPDATE t AS a SET …, UPDATE t a SET …
        if (k < t.size() && t.get(k).is("AS")) k++;
        if (k < t.size() && t.get(k).isIdentifier() && !t.get(k).is("SET")) k++;
        if (k >= t.size() || !t.get(k).is("SET")) return null;
        int end = k + 1;
        int depth = 0;
        for (; end < t.size(); end++) {
            Token x = t.get(end);
            if (x.isSymbol("(")) depth++;
            else if (x.isSymbol(")")) depth--;
            else if (depth == 0 && (x.is("WHERE") || x.is("ORDER") || x.is("LIMIT"))) break;
        }
        Row row = assignments(t, k + 1, end);
        return row == null ? null : new ColumnValues(name[0], name[1], null, null, List.of(row), false, null);
    }

    /** [db.]table at {@code k} into {@code name}; the index after it, or -1. */
    private static int tableName(List<Token> t, int k, String[] name) {
        if (k >= t.size() || !t.get(k).isIdentifier()) return -1;
        name[1] = t.get(k).value();
        k++;
        if (k + 1 < t.size() && t.get(k).isSymbol(".") && t.get(k + 1).isIdentifier()) {
            name[0] = name[1];
            name[1] = t.get(k + 1).value();
            k += 2;
        }
        return k;
    }

    /** Where a SET list ends: ON DUPLICATE KEY UPDATE, or the end. */
    private static int upToOn(List<Token> t, int k) {
        int depth = 0;
        for (int i = k; i < t.size(); i++) {
            Token x = t.get(i);
            if (x.isSymbol("(")) depth++;
            else if (x.isSymbol(")")) depth--;
            else if (depth == 0 && x.is("ON")) return i;
        }
        return t.size();
    }

    /** {@code col = value, …} in [from, to); null when an element is no assignment of a column. */
    private static Row assignments(List<Token> t, int from, int to) {
        if (to <= from) return null;
        List<Value> values = new ArrayList<>();
        for (List<Token> a : split(t, from, to)) {
            int eq = a.size() >= 3 && a.get(1).isSymbol("=") ? 1
                    : a.size() >= 5 && a.get(1).isSymbol(".") && a.get(3).isSymbol("=") ? 3 : -1;
            if (eq < 0 || !a.get(eq - 1).isIdentifier()) return null;
            values.add(new Value(a.get(eq - 1).value(), values.size(), a.subList(eq + 1, a.size())));
        }
        return new Row(values, t.get(to - 1));
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
        if (!cur.isEmpty() || !out.isEmpty()) out.add(cur);
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
}
