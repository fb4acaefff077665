package io.minisqld.server.sql;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A query's assignments to user variables, {@code @x := expr}: the engine keeps the variables it
 * assigns while it runs (each row reading what the rows before it set), the server reads them back
 * after it (EngineStatements, the engine's session).
 */
public final class QueryAssignments {
    private QueryAssignments() {
    }

    /**
     * The user variables (lower case) a query — a statement that starts with SELECT — assigns with
     * {@code @x := expr}: the engine keeps them while it runs, each row reading what the rows
     * before it set ({@code SELECT @r := @r + 1 … ORDER BY …} numbers the rows).
     */
    public static Set<String> assigned(List<Token> sig) {
        if (sig.isEmpty() || !sig.get(0).is("SELECT") && !sig.get(0).isSymbol("(")) return Set.of();
        Set<String> out = new HashSet<>();
        for (int i = 0; i + 1 < sig.size(); i++) {
            if (sig.get(i).type() == TokenType.USER_VAR && sig.get(i + 1).isSymbol(":=")) {
                out.add(sig.get(i).value().toLowerCase(Locale.ROOT));
            }
        }
        return out;
    }

    /**
     * Whether a data change (INSERT, REPLACE, UPDATE, DELETE) assigns a user variable with
     * {@code :=}: MySQL assigns it row by row, which this server does for a query only; refused
     * (1235) rather than run with the variable read once (an {@code UPDATE t SET n = (@r := @r +
     * 1)} numbering gave every row the same number).
     */
    public static boolean assignsInChange(List<Token> sig) {
        if (sig.isEmpty() || !(sig.get(0).is("INSERT") || sig.get(0).is("REPLACE") || sig.get(0).is("UPDATE")
                || sig.get(0).is("DELETE"))) {
            return false;
        }
        for (int i = 0; i + 1 < sig.size(); i++) {
            if (sig.get(i).type() == TokenType.USER_VAR && sig.get(i + 1).isSymbol(":=")) return true;
        }
        return false;
    }

    /**
     * A query's derived tables that only set user variables to literals — {@code FROM t, (SELECT
     * @r := 0) z}, the numbering idiom's start —: by each {@code @v} token's significant index, the
     * literal's index. MySQL reads such a table once, before the rows; the engine may read it
     * again for every row (setting @r back each time), so the variables are set before the query
     * and the table keeps its literals only.
     */
    public static Map<Integer, Integer> initialAssignments(List<Token> sig) {
        if (assigned(sig).isEmpty()) return Map.of();
        Map<Integer, Integer> out = new LinkedHashMap<>();
        for (int i = 1; i + 4 < sig.size(); i++) {
            Token before = sig.get(i - 1);
            if (!sig.get(i).isSymbol("(") || !sig.get(i + 1).is("SELECT")
                    || !(before.is("FROM") || before.isSymbol(",") || before.is("JOIN"))) {
                continue;
            }
            Map<Integer, Integer> found = new LinkedHashMap<>();
            int k = i + 2;
            while (k + 2 < sig.size() && sig.get(k).type() == TokenType.USER_VAR && sig.get(k + 1).isSymbol(":=")) {
                int literal = k + 2;
                if (literal + 1 < sig.size() && sig.get(literal).isSymbol("-") && sig.get(literal + 1).type() == TokenType.NUMBER) {
                    literal++;
                }
                Token value = sig.get(literal);
                if (value.type() != TokenType.NUMBER && value.type() != TokenType.STRING && !value.is("NULL")) break;
                found.put(k, literal);
                k = literal + 1;
                if (k < sig.size() && sig.get(k).isSymbol(",")) k++;
                else break;
            }
            if (!found.isEmpty() && k < sig.size() && sig.get(k).isSymbol(")")) out.putAll(found);
        }
        return out;
    }
}
