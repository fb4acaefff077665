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
final class ReplicatedInsertIds {
    private ReplicatedInsertIds() {
    }

    /**
     * An edit of the statement's tokens: tokens [at, last] become {@code id}, or {@code inserted}
     * goes before {@code at} (after it, with {@code after}).
     */
    private record Edit(Token at, Token last, long id, String inserted, boolean after) {
        static Edit replace(Token first, Token last, long id) {
            return new Edit(first, last, id, null, false);
        }

        static Edit before(Token token, String text) {
            return new Edit(token, null, 0, text, false);
        }

        static Edit after(Token token, String text) {
            return new Edit(token, null, 0, text, true);
        }
    }

    /**
     * Writes the ids into the statement being built; nothing when it is not a form handled here
     * or the table has no AUTO_INCREMENT column.
     *
     * @param describe (database or null, table) → the table, throwing SqlError when it does not exist
     */
    static void write(StatementText text, EngineQuery.Builder query, long insertId, long increment, String database,
                      boolean noAutoValueOnZero, BiFunction<String, String, TableInfo> describe) {
        List<Edit> edits = edits(text.significant(), insertId, increment, database, noAutoValueOnZero, describe);
        if (edits.isEmpty()) return;
        Map<Token, Integer> index = new IdentityHashMap<>();
        for (int i = 0; i < text.tokens().size(); i++) index.put(text.tokens().get(i), i);
        for (Edit e : edits) {
            int at = index.get(e.at());
            if (e.inserted() == null) {
                query.replace(at, index.get(e.last()), new EngineQuery.NumberLiteral(Long.toString(e.id())));
            } else {
                query.insertBefore(e.after() ? at + 1 : at, e.inserted());
            }
        }
    }

    private static List<Edit> edits(List<Token> t, long insertId, long increment, String database,
                                    boolean noAutoValueOnZero, BiFunction<String, String, TableInfo> describe) {
        int k = 0;
        if (t.isEmpty() || !(t.get(0).is("INSERT") || t.get(0).is("REPLACE"))) return List.of();
        k++;
        while (k < t.size() && (t.get(k).is("LOW_PRIORITY") || t.get(k).is("DELAYED") || t.get(k).is("HIGH_PRIORITY")
                || t.get(k).is("IGNORE"))) {
            k++;
        }
        if (k < t.size() && t.get(k).is("INTO")) k++;
        if (k >= t.size() || !t.get(k).isIdentifier()) return List.of();
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
            return List.of();
        }
        String autoColumn = null;
        int autoIndex = -1;
        for (int i = 0; i < info.columns().size(); i++) {
            if ("auto_increment".equalsIgnoreCase(info.columns().get(i).extra())) {
                autoColumn = info.columns().get(i).name();
                autoIndex = i;
            }
        }
        if (autoColumn == null) return List.of();
        long step = Math.max(1, increment);
        long next = insertId;
        if (k < t.size() && t.get(k).is("SET")) {
            return setForm(t, k + 1, autoColumn, noAutoValueOnZero, next);
        }
        List<Edit> edits = new ArrayList<>();
        int columnListClose = -1;
        if (k < t.size() && t.get(k).isSymbol("(")) {
            if (k + 1 < t.size() && t.get(k + 1).is("SELECT")) return List.of();
            List<List<Token>> cols = elements(t, k);
            if (cols == null) return List.of();
            columnListClose = closing(t, k);
            autoIndex = -1;
            for (int i = 0; i < cols.size(); i++) {
                List<Token> c = cols.get(i);
                if (c.size() == 1 && c.get(0).value().equalsIgnoreCase(autoColumn)) autoIndex = i;
            }
            k = columnListClose + 1;
        }
        if (k >= t.size() || !(t.get(k).is("VALUES") || t.get(k).is("VALUE"))) return List.of();
        k++;
        boolean addColumn = autoIndex < 0;
        if (addColumn) {
            if (columnListClose < 0) return List.of();
            edits.add(Edit.before(t.get(columnListClose), ", " + quote(autoColumn)));
        }
        while (k < t.size() && t.get(k).isSymbol("(")) {
            int close = closing(t, k);
            if (close < 0) return List.of();
            List<List<Token>> values = elements(t, k);
            if (values == null) return List.of();
            if (addColumn) {
                edits.add(Edit.before(t.get(close), ", " + next));
                next += step;
            } else {
                if (autoIndex >= values.size()) return List.of();
                List<Token> v = values.get(autoIndex);
                if (generates(v, noAutoValueOnZero)) {
                    edits.add(Edit.replace(v.get(0), v.get(v.size() - 1), next));
                    next += step;
                }
            }
            k = close + 1;
            if (k < t.size() && t.get(k).isSymbol(",")) k++;
            else break;
        }
        return edits;
    }

    private static List<Edit> setForm(List<Token> t, int k, String autoColumn, boolean noAutoValueOnZero, long id) {
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
                if (!generates(v, noAutoValueOnZero)) return List.of();
                return List.of(Edit.replace(v.get(0), v.get(v.size() - 1), id));
            }
        }
        if (end == start) return List.of();
        return List.of(Edit.after(t.get(end - 1), ", " + quote(autoColumn) + " = " + id));
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

    private static String quote(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }
}
