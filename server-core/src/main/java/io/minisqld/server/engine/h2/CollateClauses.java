package io.minisqld.server.engine.h2;

import io.minisqld.server.charset.Collation;
import io.minisqld.server.sql.Token;
import io.minisqld.server.sql.TokenType;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code expr COLLATE name} in a query (MySQL's tightest operator): the value compares as that
 * collation does. A case-sensitive collation ({@code utf8mb4_bin}, {@code latin1_general_cs}) makes
 * it H2's VARCHAR_IGNORECASE, which {@link PerThreadCollation} compares by code point, and a
 * comparison with it case-sensitive; another collation makes it text that ignores case. A name that
 * is no collation is MySQL's 1273.
 */
final class CollateClauses {
    /** Words that end an operand before "(" without being a function's name. */
    private static final Set<String> NOT_CALLS = Set.of("AND", "OR", "XOR", "NOT", "IN", "WHEN", "THEN", "ELSE",
            "ON", "WHERE", "SELECT", "BY", "HAVING", "BETWEEN", "LIKE", "IS", "CASE", "AS", "FROM", "VALUES",
            "SET", "EXISTS", "ANY", "ALL", "SOME", "DISTINCT", "RETURN", "USING");

    private CollateClauses() {
    }

    /** Rewrites each {@code operand COLLATE name} of a statement that is no table definition. */
    static void rewrite(List<Token> all, List<Integer> sig, Map<Integer, String> replace, Set<Integer> drop,
                        Map<Integer, String> prefix) {
        for (int s = 1; s + 1 < sig.size(); s++) {
            Token t = all.get(sig.get(s));
            Token name = all.get(sig.get(s + 1));
            if (!t.is("COLLATE") || !(name.isIdentifier() || name.type() == TokenType.STRING)) continue;
            int start = operandStart(all, sig, s - 1);
            if (start < 0) continue;
            // 1273 for no collation; a collation of a set this server does not speak, 1235
            Collation.charsetOf(name.value());
            prefix.merge(sig.get(start), "CAST(", (old, add) -> add + old);
            replace.put(sig.get(s), Collation.caseSensitive(name.value()) ? " AS VARCHAR_IGNORECASE)" : " AS VARCHAR)");
            drop.add(sig.get(s + 1));
            s++;
        }
    }

    /** The sig index where the operand ending at {@code end} starts, or -1 when there is none. */
    private static int operandStart(List<Token> all, List<Integer> sig, int end) {
        Token last = all.get(sig.get(end));
        if (last.type() == TokenType.STRING || last.type() == TokenType.NUMBER || last.type() == TokenType.HEX) {
            return end;
        }
        if (last.isSymbol(")")) {
            int open = MySqlToH2.matchingOpenParen(all, sig, end);
            if (open < 0) return -1;
            if (open > 0) {
                Token before = all.get(sig.get(open - 1));
                if (before.type() == TokenType.WORD && !NOT_CALLS.contains(before.upper())) return open - 1;
            }
            return open;
        }
        // a (qualified) name: db.table.column
        int[] name = ArithmeticOperands.columnBefore(all, sig, end);
        return name == null ? -1 : name[0];
    }
}
