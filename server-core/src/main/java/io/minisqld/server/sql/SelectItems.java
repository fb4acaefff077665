package io.minisqld.server.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Finds the items of a SELECT's top-level select list, so that the server can give each the
 * label MySQL gives it (the item's text as typed, unless it has an alias).
 */
public final class SelectItems {
    private static final Set<String> LIST_END = Set.of("FROM", "INTO", "WHERE", "GROUP", "HAVING", "ORDER",
            "LIMIT", "UNION", "FOR", "LOCK", "PROCEDURE", "WINDOW");
    private static final Set<String> MODIFIERS = Set.of("ALL", "DISTINCT", "DISTINCTROW", "HIGH_PRIORITY",
            "STRAIGHT_JOIN", "SQL_SMALL_RESULT", "SQL_BIG_RESULT", "SQL_BUFFER_RESULT", "SQL_CACHE",
            "SQL_NO_CACHE", "SQL_CALC_FOUND_ROWS");

    /**
     * One select item: tokens [first, last] of the significant-token list.
     *
     * @param aliased true if it ends in {@code AS name} or {@code expr name}
     */
    public record Item(int first, int last, boolean aliased) {
    }

    private SelectItems() {
    }

    /** The items of the first top-level SELECT in {@code sig}, or an empty list if it does not start with SELECT. */
    public static List<Item> of(List<Token> sig) {
        List<Item> items = new ArrayList<>();
        if (sig.isEmpty() || !sig.get(0).is("SELECT")) return items;
        int i = 1;
        while (i < sig.size() && sig.get(i).type() == TokenType.WORD && MODIFIERS.contains(sig.get(i).upper())) i++;
        int depth = 0;
        int start = i;
        for (; i < sig.size(); i++) {
            Token t = sig.get(i);
            if (t.isSymbol("(")) depth++;
            else if (t.isSymbol(")")) depth--;
            else if (depth == 0 && (t.isSymbol(",") || t.isSymbol(";") || (t.type() == TokenType.WORD && LIST_END.contains(t.upper())))) {
                if (i > start) items.add(item(sig, start, i - 1));
                if (!t.isSymbol(",")) return items;
                start = i + 1;
            }
        }
        if (start < sig.size()) items.add(item(sig, start, sig.size() - 1));
        return items;
    }

    private static Item item(List<Token> sig, int first, int last) {
        boolean aliased = false;
        if (last > first) {
            Token end = sig.get(last);
            Token before = sig.get(last - 1);
            if (before.is("AS")) {
                aliased = true;
            } else if ((end.type() == TokenType.QUOTED_IDENT || end.type() == TokenType.STRING
                    || (end.type() == TokenType.WORD && !isOperatorWord(end)))
                    && !(before.isSymbol(".") || isOperatorSymbol(before) || before.isSymbol("("))) {
                // "expr alias": an identifier following a complete expression
                aliased = true;
            }
        }
        return new Item(first, last, aliased);
    }

    private static boolean isOperatorWord(Token t) {
        return Set.of("AND", "OR", "NOT", "XOR", "IS", "NULL", "LIKE", "IN", "BETWEEN", "DIV", "MOD", "END",
                "TRUE", "FALSE", "BINARY", "REGEXP", "RLIKE", "ESCAPE", "DESC", "ASC").contains(t.upper());
    }

    private static boolean isOperatorSymbol(Token t) {
        return t.type() == TokenType.SYMBOL && !t.text().equals(")");
    }

    /** The text of an item as typed, which MySQL uses as its label. */
    public static String text(String sql, List<Token> sig, Item item) {
        return sql.substring(sig.get(item.first()).start(), sig.get(item.last()).end());
    }
}
