package io.minisqld.server.engine.h2;

import io.minisqld.server.sql.Token;
import io.minisqld.server.sql.TokenType;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * MySQL labels an unaliased select item with its text as typed (or the bare column name); H2
 * labels it otherwise, so each such item gets {@code AS `label`}.
 */
final class SelectLabels {
    /** Words that end a select list at depth 0. */
    private static final Set<String> SELECT_LIST_END = Set.of("FROM", "INTO", "WHERE", "GROUP", "HAVING", "ORDER",
            "LIMIT", "UNION", "FOR", "LOCK", "PROCEDURE", "WINDOW");

    /** Words that end an expression yet are no alias (CASE … END, IS NULL, …). */
    private static final Set<String> NOT_ALIAS = Set.of("END", "NULL", "TRUE", "FALSE", "UNKNOWN", "DESC", "ASC");

    /** The units of {@code INTERVAL n unit}. */
    static final Set<String> INTERVAL_UNITS = Set.of("MICROSECOND", "SECOND", "MINUTE", "HOUR", "DAY", "WEEK",
            "MONTH", "QUARTER", "YEAR", "SECOND_MICROSECOND", "MINUTE_MICROSECOND", "MINUTE_SECOND",
            "HOUR_MICROSECOND", "HOUR_SECOND", "HOUR_MINUTE", "DAY_MICROSECOND", "DAY_SECOND", "DAY_MINUTE",
            "DAY_HOUR", "YEAR_MONTH");

    private SelectLabels() {
    }

    private static boolean hasInterval(List<Token> all, List<Integer> sig, int from, int to) {
        for (int k = from; k < to; k++) {
            if (all.get(sig.get(k)).is("INTERVAL")) return true;
        }
        return false;
    }

    /**
     * Adds {@code AS `label`} to each unaliased item of the top-level select list(s), the label
     * being MySQL's: the item's text as typed, or the bare column name for a column reference.
     */
    static void labelSelectLists(List<Token> all, List<Integer> sig,
                                         Map<Integer, String> append) {
        labelSelectLists(all, sig, append, t -> false);
    }

    /**
     * As {@link #labelSelectLists(List, List, Map)}; a token {@code bound} accepts is a prepared
     * statement's bound value, which MySQL's label shows as the {@code ?} that was typed.
     */
    static void labelSelectLists(List<Token> all, List<Integer> sig, Map<Integer, String> append,
                                 java.util.function.Predicate<Token> bound) {
        labelSelectLists(all, sig, append, bound, null);
    }

    private static void labelSelectLists(List<Token> all, List<Integer> sig, Map<Integer, String> append,
                                         java.util.function.Predicate<Token> bound, Set<Integer> stringAliases) {
        int depth = 0;
        for (int s = 0; s < sig.size(); s++) {
            Token t = all.get(sig.get(s));
            if (t.isSymbol("(")) {
                depth++;
                continue;
            }
            if (t.isSymbol(")")) {
                depth--;
                continue;
            }
            boolean topLevel = depth == 0 || (depth == 1 && s > 0 && all.get(sig.get(s - 1)).isSymbol("(")
                    && statementParen(all, sig, s - 1));
            if (t.is("SELECT") && topLevel) {
                s = labelOneList(all, sig, s + 1, append, bound, stringAliases);
                if (s < sig.size() && all.get(sig.get(s)).isSymbol(")")) depth--;
            }
        }
    }

    /**
     * The token indexes of the string literals that are select items' aliases ({@code COUNT(*) AS
     * 'total'}, {@code COUNT(*) 'total'}, MySQL's quoted aliases), which the engine takes for
     * identifiers only: after AS anywhere, without AS in a top-level select list.
     */
    static Set<Integer> stringAliases(List<Token> all, List<Integer> sig) {
        Set<Integer> out = new java.util.HashSet<>();
        boolean anyString = false;
        for (int s = 1; s < sig.size(); s++) {
            Token t = all.get(sig.get(s));
            if (t.type() != TokenType.STRING) continue;
            anyString = true;
            if (all.get(sig.get(s - 1)).is("AS")) out.add(sig.get(s));
        }
        if (!anyString) return out;
        java.util.Map<Integer, String> probe = new java.util.HashMap<>();
        labelSelectLists(all, sig, probe, t -> false, out);
        return out;
    }

    /** True for a parenthesis opened where a statement may start: at the beginning or after UNION. */
    private static boolean statementParen(List<Token> all, List<Integer> sig, int s) {
        for (int k = s - 1; k >= 0; k--) {
            Token p = all.get(sig.get(k));
            if (p.isSymbol("(")) continue;
            return p.is("UNION") || p.is("ALL") || p.is("DISTINCT");
        }
        return true;
    }

    /** Labels one list starting at sig index {@code s}; returns the sig index of the token ending it. */
    private static int labelOneList(List<Token> all, List<Integer> sig, int s, Map<Integer, String> append,
                                    java.util.function.Predicate<Token> bound, Set<Integer> stringAliases) {
        while (s < sig.size()) {
            Token t = all.get(sig.get(s));
            String u = t.type() == TokenType.WORD ? t.upper() : "";
            if (MySqlToH2.SELECT_MODIFIERS.contains(u) || u.equals("DISTINCT") || u.equals("ALL") || u.equals("DISTINCTROW")) {
                s++;
            } else {
                break;
            }
        }
        int itemStart = s;
        int depth = 0;
        while (true) {
            boolean end = s >= sig.size();
            Token t = end ? null : all.get(sig.get(s));
            if (!end && depth == 0) {
                end = t.isSymbol(";") || t.isSymbol(")")
                        || (t.type() == TokenType.WORD && SELECT_LIST_END.contains(t.upper()));
            }
            if (end || (depth == 0 && t.isSymbol(","))) {
                labelItem(all, sig, itemStart, s, append, bound, stringAliases);
                if (end) return s;
                itemStart = s + 1;
            } else if (t.isSymbol("(")) {
                depth++;
            } else if (t.isSymbol(")")) {
                depth--;
            }
            s++;
        }
    }

    private static void labelItem(List<Token> all, List<Integer> sig, int from, int to,
                                  Map<Integer, String> append, java.util.function.Predicate<Token> bound,
                                  Set<Integer> stringAliases) {
        if (to <= from) return;
        Token last = all.get(sig.get(to - 1));
        if (last.isSymbol("*")) return;
        if (to - from >= 2) {
            Token before = all.get(sig.get(to - 2));
            if (before.is("AS")) return;
            if (endsWithAlias(all, sig, from, to)) {
                // DATE '2020-01-02', TIME '…', TIMESTAMP '…' are typed literals, not aliased words
                boolean typedLiteral = before.is("DATE") || before.is("TIME") || before.is("TIMESTAMP");
                if (stringAliases != null && last.type() == TokenType.STRING && !typedLiteral) {
                    stringAliases.add(sig.get(to - 1));
                }
                return;
            }
        }
        if (stringAliases != null) return;
        boolean hasBound = false;
        for (int k = from; k < to; k++) hasBound |= bound.test(all.get(sig.get(k)));
        String label;
        if (hasBound) {
            // the text as typed: each bound value was a ? (an introducer before one is the server's)
            StringBuilder typed = new StringBuilder();
            for (int i = sig.get(from); i <= sig.get(to - 1); i++) {
                Token t = all.get(i);
                boolean introducer = t.type() == TokenType.INTRODUCER && i + 1 < all.size() && bound.test(all.get(i + 1));
                if (!introducer) typed.append(bound.test(t) ? "?" : t.text());
            }
            label = typed.toString();
        } else if (isColumnReference(all, sig, from, to)) {
            label = last.value();
        } else if (allStrings(all, sig, from, to)) {
            // MySQL labels a string literal by its first part's value
            int first = all.get(sig.get(from)).type() == TokenType.INTRODUCER ? from + 1 : from;
            label = all.get(sig.get(first)).value();
        } else {
            // the item's text as typed, blanks and comments between its tokens included
            StringBuilder typed = new StringBuilder();
            for (int i = sig.get(from); i <= sig.get(to - 1); i++) typed.append(all.get(i).text());
            label = typed.toString();
        }
        if (label.length() > 256) label = label.substring(0, 256);
        append.put(sig.get(to - 1), " AS " + MySqlToH2.quoteIdent(label));
    }

    /**
     * Whether the select item at sig indexes {@code from..to-1} ends with its alias: {@code AS
     * name}, or a name right after a complete expression ({@code COUNT(*) total}, {@code a 'x'}),
     * not an INTERVAL's unit nor the second of two adjacent strings (one string in MySQL).
     */
    static boolean endsWithAlias(List<Token> all, List<Integer> sig, int from, int to) {
        if (to - from < 2) return false;
        Token last = all.get(sig.get(to - 1));
        Token before = all.get(sig.get(to - 2));
        if (before.is("AS")) return true;
        boolean lastIsName = last.type() == TokenType.QUOTED_IDENT || last.type() == TokenType.STRING
                || (last.type() == TokenType.WORD && !NOT_ALIAS.contains(last.upper()));
        // 'a' 'b' is one string in MySQL, not a string with an alias
        boolean adjacentStrings = last.type() == TokenType.STRING && before.type() == TokenType.STRING;
        boolean beforeEndsExpression = !adjacentStrings && (before.type() == TokenType.NUMBER
                || before.type() == TokenType.STRING
                || before.type() == TokenType.QUOTED_IDENT || before.isSymbol(")")
                || before.type() == TokenType.SYSTEM_VAR || before.type() == TokenType.USER_VAR
                || before.type() == TokenType.HEX
                || (before.type() == TokenType.WORD && !isOperatorWord(before.upper())));
        // … + INTERVAL 1 DAY ends with its unit, not an alias
        boolean intervalUnit = last.type() == TokenType.WORD && INTERVAL_UNITS.contains(last.upper())
                && hasInterval(all, sig, from, to);
        // SUM(x) OVER w ends with its window's name
        return lastIsName && beforeEndsExpression && !intervalUnit && !before.is("OVER");
    }

    /** Strings only, an introducer before one aside ({@code _utf8mb4'abc'} is labelled abc). */
    private static boolean allStrings(List<Token> all, List<Integer> sig, int from, int to) {
        boolean any = false;
        for (int s = from; s < to; s++) {
            TokenType type = all.get(sig.get(s)).type();
            if (type == TokenType.STRING) any = true;
            else if (type != TokenType.INTRODUCER) return false;
        }
        return any;
    }

    static boolean isOperatorWord(String u) {
        return switch (u) {
            case "IS", "NOT", "AND", "OR", "XOR", "LIKE", "RLIKE", "REGEXP", "BETWEEN", "IN", "INTERVAL", "BINARY",
                 "DIV", "MOD", "CASE", "WHEN", "THEN", "ELSE", "SOUNDS", "ESCAPE", "COLLATE", "DISTINCT" -> true;
            default -> false;
        };
    }

    private static boolean isColumnReference(List<Token> all, List<Integer> sig, int from, int to) {
        if ((to - from) % 2 == 0) return false;
        for (int s = from; s < to; s++) {
            Token t = all.get(sig.get(s));
            boolean ok = (s - from) % 2 == 0 ? t.isIdentifier() : t.isSymbol(".");
            if (!ok) return false;
        }
        return true;
    }
}
