package io.minisqld.server.engine.h2;

import io.minisqld.server.engine.TableInfo;
import io.minisqld.server.sql.Token;
import io.minisqld.server.sql.TokenType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * A column a join names in {@code USING (c, …)}, written without its table elsewhere in the query
 * ({@code SELECT n FROM a JOIN b USING (n) WHERE n > 1}): MySQL's join has one such column (the
 * left table's for an inner or left join, the right table's for a right join, 13.2.9.2 "JOIN
 * Clause"); the engine found two and refused the query with 1052 "Column 'n' in field list is
 * ambiguous". Each such reference in the query's select list, WHERE, GROUP BY, HAVING and ORDER BY
 * (a multi-table UPDATE's SET list and WHERE)
 * is given that table: for an inner or left join the first table before it that has the column
 * (the first table when none is described), for a right join the table it joins. A subquery
 * keeps its own columns; a name the select list gives an item is left alone. A NATURAL join's
 * columns are those its table shares with a table before it (as their descriptions tell), and
 * the join is written as one USING them (the engine has no NATURAL LEFT or RIGHT JOIN).
 */
final class JoinUsingColumns {
    /** Words after which a name is a column reference, not an item's alias. */
    private static final Set<String> BEFORE_COLUMN = Set.of("SELECT", "DISTINCT", "DISTINCTROW", "ALL", "WHERE",
            "AND", "OR", "XOR", "NOT", "BY", "HAVING", "ON", "SET", "WHEN", "THEN", "ELSE", "CASE", "IN", "IS", "LIKE",
            "BETWEEN", "DIV", "MOD", "INTERVAL", "BINARY", "REGEXP", "RLIKE", "SQL_CALC_FOUND_ROWS", "HIGH_PRIORITY",
            "STRAIGHT_JOIN", "SQL_NO_CACHE", "SQL_CACHE", "SQL_SMALL_RESULT", "SQL_BIG_RESULT", "SQL_BUFFER_RESULT");
    /** Words that end a FROM clause. */
    private static final Set<String> AFTER_FROM = Set.of("WHERE", "GROUP", "HAVING", "ORDER", "LIMIT", "UNION",
            "FOR", "LOCK", "WINDOW", "PROCEDURE", "INTO", "SET");
    /** Words that are no table alias. */
    private static final Set<String> NOT_ALIAS = Set.of("JOIN", "INNER", "CROSS", "LEFT", "RIGHT", "OUTER", "NATURAL",
            "STRAIGHT_JOIN", "ON", "USING", "WHERE", "GROUP", "HAVING", "ORDER", "LIMIT", "UNION", "FOR", "LOCK",
            "USE", "IGNORE", "FORCE", "PARTITION", "WINDOW", "PROCEDURE", "INTO");

    private JoinUsingColumns() {
    }

    /** A table of a FROM clause: its name, and what the query calls it. */
    private record Ref(String database, String name, String label, int at, int end) {
    }

    /** Adds the table to each reference that needs it, as {@code prefix} text (after what is there). */
    static void rewrite(List<Token> all, List<Integer> sig, Map<Integer, String> prefix, Set<Integer> drop,
                        Map<Integer, String> append, BiFunction<String, String, TableInfo> describe) {
        int n = sig.size();
        boolean any = false;
        for (int s = 0; s + 1 < n && !any; s++) {
            any = tok(all, sig, s).is("USING") && tok(all, sig, s + 1).isSymbol("(") || tok(all, sig, s).is("NATURAL");
        }
        if (!any) return;
        // each token's query: the "(" opening its subquery, -1 for the statement's own
        int[] scope = new int[n];
        int[] depth = new int[n];
        List<int[]> open = new ArrayList<>();
        int current = -1;
        int d = 0;
        for (int s = 0; s < n; s++) {
            Token t = tok(all, sig, s);
            scope[s] = current;
            depth[s] = d;
            if (t.isSymbol("(")) {
                open.add(new int[] {current});
                d++;
                if (s + 1 < n && tok(all, sig, s + 1).is("SELECT")) current = s;
            } else if (t.isSymbol(")") && !open.isEmpty()) {
                current = open.remove(open.size() - 1)[0];
                d--;
                scope[s] = current;
                depth[s] = d;
            }
        }
        Set<Integer> done = new HashSet<>();
        for (int join = 0; join + 1 < n; join++) {
            if (!tok(all, sig, join).is("JOIN")) continue;
            int sc = scope[join];
            int base = depth[join];
            int from = -1;
            for (int k = join - 1; k >= 0 && from < 0; k--) {
                // a multi-table UPDATE's tables follow UPDATE [LOW_PRIORITY] [IGNORE]
                if (scope[k] == sc && depth[k] == base && (tok(all, sig, k).is("FROM") || k == 0 && tok(all, sig, k).is("UPDATE"))) {
                    from = k;
                }
            }
            if (from < 0) continue;
            int fromEnd = n;
            for (int k = join + 1; k < n && fromEnd == n; k++) {
                Token t = tok(all, sig, k);
                if (depth[k] < base || scope[k] == sc && depth[k] == base
                        && t.type() == TokenType.WORD && AFTER_FROM.contains(t.upper())) {
                    fromEnd = k;
                }
            }
            List<Ref> refs = tables(all, sig, from, join, scope, depth, sc, base);
            Ref joined = tableAt(all, sig, join + 1);
            if (refs.isEmpty() || joined == null) continue;
            int kind = join - 1;
            if (tok(all, sig, kind).is("OUTER")) kind--;
            boolean right = tok(all, sig, kind).is("RIGHT");
            if (right || tok(all, sig, kind).is("LEFT") || tok(all, sig, kind).is("INNER")) kind--;
            boolean natural = tok(all, sig, kind).is("NATURAL");
            List<String> columns = natural ? common(refs, joined, describe)
                    : usingList(all, sig, scope, depth, sc, base, joined, fromEnd);
            if (natural && describe != null && described(joined, describe) != null) {
                // the engine has no NATURAL LEFT / RIGHT JOIN (1064): the join USING its columns
                drop.add(sig.get(kind));
                StringBuilder using = new StringBuilder();
                for (String c : columns) using.append(using.length() == 0 ? "" : ", ").append(MySqlToH2.quoteIdent(c));
                append.merge(sig.get(joined.end() - 1), columns.isEmpty() ? " ON 1 = 1" : " USING (" + using + ")",
                        String::concat);
            }
            for (String name : columns) {
                if (aliasOfAnItem(all, sig, from, scope, depth, name)) continue;
                String qualifier = right ? joined.label() : owner(refs, name, describe).label();
                for (int k = 0; k < n; k++) {
                    if (scope[k] != sc || (k >= from && k < fromEnd) || done.contains(k)) continue;
                    if (!reference(all, sig, k, name)) continue;
                    done.add(k);
                    prefix.merge(sig.get(k), MySqlToH2.quoteIdent(qualifier) + ".", String::concat);
                }
            }
        }
    }

    /** The columns of the {@code USING (…)} that follows the joined table, or none. */
    private static List<String> usingList(List<Token> all, List<Integer> sig, int[] scope, int[] depth, int sc, int base,
                                          Ref joined, int fromEnd) {
        List<String> columns = new ArrayList<>();
        int s = joined.at() + 1;
        while (s < fromEnd && !(scope[s] == sc && depth[s] == base && (tok(all, sig, s).is("USING")
                || tok(all, sig, s).is("ON") || tok(all, sig, s).is("JOIN") || tok(all, sig, s).isSymbol(",")))) {
            s++;
        }
        if (s >= fromEnd || !tok(all, sig, s).is("USING") || !tok(all, sig, s + 1).isSymbol("(")) return columns;
        int close = MySqlToH2.matchingParen(all, sig, s + 1);
        for (int c = s + 2; c > 0 && c < close; c++) {
            if (tok(all, sig, c).isIdentifier()) columns.add(tok(all, sig, c).value());
        }
        return columns;
    }

    /** The columns a NATURAL join joins on: those the joined table shares with a table before it. */
    private static List<String> common(List<Ref> refs, Ref joined, BiFunction<String, String, TableInfo> describe) {
        List<String> columns = new ArrayList<>();
        TableInfo right = described(joined, describe);
        if (right == null) return columns;
        for (TableInfo.ColumnInfo c : right.columns()) {
            for (Ref r : refs) {
                TableInfo left = described(r, describe);
                if (left != null && left.columns().stream().anyMatch(x -> x.name().equalsIgnoreCase(c.name()))) {
                    columns.add(c.name());
                    break;
                }
            }
        }
        return columns;
    }

    private static TableInfo described(Ref r, BiFunction<String, String, TableInfo> describe) {
        if (describe == null) return null;
        try {
            return describe.apply(r.database(), r.name());
        } catch (RuntimeException unknown) {
            // a derived table or a missing one: the statement says so when it runs
            return null;
        }
    }

    private static Token tok(List<Token> all, List<Integer> sig, int s) {
        return s < 0 || s >= sig.size() ? new Token(TokenType.SYMBOL, "", "", 0) : all.get(sig.get(s));
    }

    /** The tables of the FROM clause at {@code from} before the join at {@code join}, in order. */
    private static List<Ref> tables(List<Token> all, List<Integer> sig, int from, int join, int[] scope, int[] depth,
                                    int sc, int base) {
        List<Ref> refs = new ArrayList<>();
        for (int k = from; k < join; k++) {
            if (scope[k] != sc || depth[k] != base) continue;
            Token t = tok(all, sig, k);
            if (t.is("FROM") || t.is("UPDATE") || t.is("JOIN") || t.isSymbol(",")) {
                int at = k + 1;
                while (tok(all, sig, at).is("LOW_PRIORITY") || tok(all, sig, at).is("IGNORE")) at++;
                Ref r = tableAt(all, sig, at);
                if (r != null) refs.add(r);
            }
        }
        return refs;
    }

    /** The table named at sig index {@code k} ({@code t}, {@code db.t}, with its alias), or null. */
    private static Ref tableAt(List<Token> all, List<Integer> sig, int k) {
        MySqlToH2.TableName name = MySqlToH2.tableNameAt(all, sig, k);
        if (name == null) return null;
        int a = name.next();
        if (tok(all, sig, a).is("AS")) a++;
        Token alias = tok(all, sig, a);
        boolean aliased = alias.isIdentifier() && !(alias.type() == TokenType.WORD && NOT_ALIAS.contains(alias.upper()));
        return new Ref(name.database(), name.name(), aliased ? alias.value() : name.name(), k,
                aliased ? a + 1 : name.next());
    }

    /** The first of {@code refs} whose table has the column; the first when none is described so. */
    private static Ref owner(List<Ref> refs, String column, BiFunction<String, String, TableInfo> describe) {
        for (Ref r : refs) {
            TableInfo info = described(r, describe);
            if (info != null && info.columns().stream().anyMatch(c -> c.name().equalsIgnoreCase(column))) return r;
        }
        return refs.get(0);
    }

    /**
     * Whether the select list of the query whose FROM is at {@code from} names an item {@code name}
     * ({@code AS name} or {@code expr name}, as {@link SelectLabels#endsWithAlias} reads an alias).
     */
    private static boolean aliasOfAnItem(List<Token> all, List<Integer> sig, int from, int[] scope, int[] depth,
                                         String name) {
        int select = from - 1;
        while (select >= 0 && !(scope[select] == scope[from] && depth[select] == depth[from]
                && tok(all, sig, select).is("SELECT"))) {
            select--;
        }
        if (select < 0) return false;
        int start = select + 1;
        for (int k = select + 1; k <= from; k++) {
            boolean end = k == from || depth[k] == depth[from] && tok(all, sig, k).isSymbol(",");
            if (!end) continue;
            if (SelectLabels.endsWithAlias(all, sig, start, k) && tok(all, sig, k - 1).value().equalsIgnoreCase(name)) {
                return true;
            }
            start = k + 1;
        }
        return false;
    }

    /** Whether sig index {@code k} is {@code name} written as a column without its table. */
    private static boolean reference(List<Token> all, List<Integer> sig, int k, String name) {
        Token t = tok(all, sig, k);
        if (!t.isIdentifier() || !t.value().equalsIgnoreCase(name)) return false;
        Token before = tok(all, sig, k - 1);
        Token after = tok(all, sig, k + 1);
        if (before.isSymbol(".") || after.isSymbol(".") || after.isSymbol("(")) return false;
        // after a value (an expression, a literal, a name) a name is the item's alias
        if (before.type() == TokenType.WORD) return BEFORE_COLUMN.contains(before.upper());
        return before.type() == TokenType.SYMBOL && !before.isSymbol(")");
    }
}
