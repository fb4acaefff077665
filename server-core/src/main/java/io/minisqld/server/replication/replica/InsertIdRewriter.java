package io.minisqld.server.replication.replica;

import io.minisqld.server.engine.TableInfo;
import io.minisqld.server.error.SqlError;
import io.minisqld.server.sql.Lexer;
import io.minisqld.server.sql.Token;
import io.minisqld.server.sql.TokenType;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Makes a replicated INSERT use the AUTO_INCREMENT values its INTVAR INSERT_ID event names
 * (protocol.md §3.10), by writing those values into the statement: the first generated value is
 * INSERT_ID, each further one adds {@code auto_increment_increment}, as the source assigned them.
 *
 * <p>Why a rewrite: H2 has no per-statement "next value" and restarting an identity is DDL, which
 * would commit the replicated transaction half way. An explicit value is honoured by H2 and, in
 * its MySQL mode, moves the identity past it, so later statements without INSERT_ID continue
 * from there as MySQL's counter does. Without this, transactions that committed in another order
 * than they took their ids on the source (or ids burnt by rollbacks there) would give the replica
 * other ids than the source.
 *
 * <p>Handled: {@code INSERT|REPLACE [modifiers] [INTO] t [(cols)] VALUES|VALUE (…), …} and
 * {@code … SET col = …}; a row gets a value where it omits the column or gives NULL, DEFAULT, or 0
 * (unless NO_AUTO_VALUE_ON_ZERO). Anything else (INSERT … SELECT) runs unchanged and the engine
 * generates the ids itself.
 */
final class InsertIdRewriter {
    private InsertIdRewriter() {
    }

    /** An edit of the statement text: replace [start, end) by text. */
    private record Edit(int start, int end, String text) {
    }

    /**
     * The statement with ids written in, or {@code sql} itself when it is not a form handled here
     * or the table has no AUTO_INCREMENT column.
     *
     * @param describe (database or null, table) → the table, throwing SqlError when it does not exist
     */
    static String rewrite(String sql, long insertId, long increment, String database, boolean noAutoValueOnZero,
                          BiFunction<String, String, TableInfo> describe) {
        List<Token> t;
        try {
            t = Lexer.significant(sql);
        } catch (SqlError e) {
            return sql;
        }
        int k = 0;
        if (t.isEmpty() || !(t.get(0).is("INSERT") || t.get(0).is("REPLACE"))) return sql;
        k++;
        while (k < t.size() && (t.get(k).is("LOW_PRIORITY") || t.get(k).is("DELAYED") || t.get(k).is("HIGH_PRIORITY")
                || t.get(k).is("IGNORE"))) {
            k++;
        }
        if (k < t.size() && t.get(k).is("INTO")) k++;
        if (k >= t.size() || !t.get(k).isIdentifier()) return sql;
        String db = database;
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
            return sql;
        }
        String autoColumn = null;
        int autoIndex = -1;
        for (int i = 0; i < info.columns().size(); i++) {
            if ("auto_increment".equalsIgnoreCase(info.columns().get(i).extra())) {
                autoColumn = info.columns().get(i).name();
                autoIndex = i;
            }
        }
        if (autoColumn == null) return sql;
        long step = Math.max(1, increment);
        long[] next = {insertId};
        List<Edit> edits = new ArrayList<>();
        if (k < t.size() && t.get(k).is("SET")) {
            return setForm(sql, t, k + 1, autoColumn, noAutoValueOnZero, next[0]);
        }
        int columnListClose = -1;
        if (k < t.size() && t.get(k).isSymbol("(")) {
            if (k + 1 < t.size() && t.get(k + 1).is("SELECT")) return sql;
            List<List<Token>> cols = elements(t, k);
            if (cols == null) return sql;
            columnListClose = closing(t, k);
            autoIndex = -1;
            for (int i = 0; i < cols.size(); i++) {
                List<Token> c = cols.get(i);
                if (c.size() == 1 && c.get(0).value().equalsIgnoreCase(autoColumn)) autoIndex = i;
            }
            k = columnListClose + 1;
        }
        if (k >= t.size() || !(t.get(k).is("VALUES") || t.get(k).is("VALUE"))) return sql;
        k++;
        boolean addColumn = autoIndex < 0;
        if (addColumn) {
            Token close = t.get(columnListClose);
            edits.add(new Edit(close.start(), close.start(), ", " + quote(autoColumn)));
        }
        while (k < t.size() && t.get(k).isSymbol("(")) {
            int close = closing(t, k);
            if (close < 0) return sql;
            List<List<Token>> values = elements(t, k);
            if (values == null) return sql;
            if (addColumn) {
                edits.add(new Edit(t.get(close).start(), t.get(close).start(), ", " + next[0]));
                next[0] += step;
            } else {
                if (autoIndex >= values.size()) return sql;
                List<Token> v = values.get(autoIndex);
                if (generates(v, noAutoValueOnZero)) {
                    edits.add(new Edit(v.get(0).start(), v.get(v.size() - 1).end(), Long.toString(next[0])));
                    next[0] += step;
                }
            }
            k = close + 1;
            if (k < t.size() && t.get(k).isSymbol(",")) k++;
            else break;
        }
        return apply(sql, edits);
    }

    private static String setForm(String sql, List<Token> t, int k, String autoColumn, boolean noAutoValueOnZero,
                                  long id) {
        // col = expr, col = expr … up to ON DUPLICATE KEY UPDATE or the end
        int depth = 0;
        int start = k;
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
        List<List<Token>> assignments = split(t, start, end);
        for (List<Token> a : assignments) {
            if (a.size() >= 3 && a.get(0).isIdentifier() && a.get(0).value().equalsIgnoreCase(autoColumn)
                    && a.get(1).isSymbol("=")) {
                List<Token> v = a.subList(2, a.size());
                if (!generates(v, noAutoValueOnZero)) return sql;
                return apply(sql, List.of(new Edit(v.get(0).start(), v.get(v.size() - 1).end(), Long.toString(id))));
            }
        }
        if (end == start) return sql;
        Token last = t.get(end - 1);
        return apply(sql, List.of(new Edit(last.end(), last.end(), ", " + quote(autoColumn) + " = " + id)));
    }

    /** Whether a value makes MySQL generate the next AUTO_INCREMENT value. */
    private static boolean generates(List<Token> v, boolean noAutoValueOnZero) {
        if (v.size() != 1) return false;
        Token x = v.get(0);
        if (x.is("NULL") || x.is("DEFAULT")) return true;
        return !noAutoValueOnZero && x.type() == TokenType.NUMBER && x.text().matches("0+(\\.0*)?");
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

    private static String apply(String sql, List<Edit> edits) {
        List<Edit> sorted = new ArrayList<>(edits);
        sorted.sort((a, b) -> Integer.compare(b.start(), a.start()));
        StringBuilder b = new StringBuilder(sql);
        for (Edit e : sorted) b.replace(e.start(), e.end(), e.text());
        return b.toString();
    }

    private static String quote(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }
}
