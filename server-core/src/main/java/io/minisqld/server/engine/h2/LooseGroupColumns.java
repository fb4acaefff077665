package io.minisqld.server.engine.h2;

import io.minisqld.server.engine.TableInfo;
import io.minisqld.server.sql.Token;
import io.minisqld.server.sql.TokenType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * A grouped query's columns that are neither grouped nor aggregated, as MySQL 5.7 reads them
 * without {@code ONLY_FULL_GROUP_BY} (the server's sql_mode): {@code SELECT a, b FROM t GROUP BY
 * a} and {@code SELECT a, COUNT(*) FROM t} give for {@code b} (for {@code a}) a value of a row of
 * the group. The engine takes such a column only while every row of the group holds the same value
 * and fails the query otherwise ("Column "b" must be in the GROUP BY list", 1105), so whether a
 * query ran depended on the rows. Each such column in the select list, HAVING and ORDER BY becomes
 * {@code MIN(column)}, one of the group's values, as MySQL's "any value" of the group allows (and
 * the same on a replica, where MySQL's own choice is not certain). {@code SELECT *} of one table is
 * written out column by column for it.
 */
final class LooseGroupColumns {
    /** Words that end a select list at its level. */
    private static final Set<String> CLAUSES = Set.of("FROM", "INTO", "WHERE", "GROUP", "HAVING", "ORDER", "LIMIT",
            "UNION", "FOR", "LOCK", "PROCEDURE", "WINDOW");
    /** Words in an expression that are no column. */
    private static final Set<String> NOT_COLUMNS = Set.of("IS", "NOT", "AND", "OR", "XOR", "LIKE", "RLIKE", "REGEXP",
            "BETWEEN", "IN", "INTERVAL", "BINARY", "DIV", "MOD", "CASE", "WHEN", "THEN", "ELSE", "END", "SOUNDS",
            "ESCAPE", "COLLATE", "DISTINCT", "NULL", "TRUE", "FALSE", "UNKNOWN", "AS", "ASC", "DESC", "ALL", "ANY",
            "SOME", "EXISTS", "SEPARATOR", "USING", "CURRENT_DATE", "CURRENT_TIME", "CURRENT_TIMESTAMP", "LOCALTIME",
            "LOCALTIMESTAMP", "UTC_DATE", "UTC_TIME", "UTC_TIMESTAMP", "CURRENT_USER", "WITH", "ROLLUP", "OVER",
            "DEFAULT", "AGAINST", "FROM", "FOR", "LEADING", "TRAILING", "BOTH");
    /** Calls whose whole argument list is aggregated: MySQL's aggregates and the engine's ANY_VALUE. */
    private static final Set<String> AGGREGATED = aggregated();

    private LooseGroupColumns() {
    }

    private static Set<String> aggregated() {
        Set<String> names = new java.util.HashSet<>(LockingReads.AGGREGATES);
        names.add("ANY_VALUE");
        return Set.copyOf(names);
    }

    /** One query level: its select items, and where its clauses are (sig indexes, -1 for none). */
    private record Block(List<int[]> items, int groupFrom, int groupTo, int havingFrom, int havingTo, int orderFrom,
                         int orderTo, boolean unionPart, int fromAt) {
    }

    /** Wraps the loose columns of every grouped query level of the statement (see the class comment). */
    static void rewrite(List<Token> all, List<Integer> sig, Map<Integer, String> prefix, Map<Integer, String> close,
                        Map<Integer, String> replace, BiFunction<String, String, TableInfo> describe) {
        Map<String, String> columns = null;
        boolean derived = false;
        for (int s = 0; s + 1 < sig.size(); s++) {
            if (all.get(sig.get(s)).isSymbol("(") && all.get(sig.get(s + 1)).is("SELECT") && s > 0
                    && (all.get(sig.get(s - 1)).is("FROM") || all.get(sig.get(s - 1)).is("JOIN")
                    || all.get(sig.get(s - 1)).isSymbol(","))) {
                derived = true;
            }
        }
        for (int s = 0; s < sig.size(); s++) {
            if (!all.get(sig.get(s)).is("SELECT")) continue;
            Block b = block(all, sig, s);
            if (b == null || !grouped(all, sig, b)) continue;
            if (columns == null) columns = JsonCalls.columnTypes(all, sig, describe);
            new Wrapper(all, sig, b, columns, derived, prefix, close).run();
            starOfOneTable(all, sig, b, replace, describe);
        }
    }

    /** The query level whose SELECT is at sig index {@code s}, or null where it cannot be read. */
    private static Block block(List<Token> all, List<Integer> sig, int s) {
        boolean unionPart = false;
        for (int p = s - 1; p >= 0; p--) {
            Token t = all.get(sig.get(p));
            if (t.isSymbol("(") || t.is("ALL") || t.is("DISTINCT")) continue;
            unionPart = t.is("UNION");
            break;
        }
        int k = s + 1;
        while (k < sig.size()) {
            Token t = all.get(sig.get(k));
            String u = t.type() == TokenType.WORD ? t.upper() : "";
            if (!MySqlToH2.SELECT_MODIFIERS.contains(u) && !u.equals("DISTINCT") && !u.equals("ALL")
                    && !u.equals("DISTINCTROW")) {
                break;
            }
            k++;
        }
        List<int[]> items = new ArrayList<>();
        int itemStart = k;
        int depth = 0;
        String clause = "LIST";
        int[] group = {-1, -1};
        int[] having = {-1, -1};
        int[] order = {-1, -1};
        int clauseStart = k;
        int fromAt = -1;
        for (; ; k++) {
            Token t = k < sig.size() ? all.get(sig.get(k)) : null;
            boolean end = t == null || depth == 0 && (t.isSymbol(";") || t.isSymbol(")") || t.is("UNION"));
            boolean next = !end && depth == 0 && t.type() == TokenType.WORD && CLAUSES.contains(t.upper());
            if (end || next) {
                switch (clause) {
                    case "LIST" -> items.add(new int[] {itemStart, k});
                    case "GROUP" -> group = new int[] {clauseStart, k};
                    case "HAVING" -> having = new int[] {clauseStart, k};
                    case "ORDER" -> order = new int[] {clauseStart, k};
                    default -> { }
                }
                if (end) break;
                clause = t.upper();
                clauseStart = k + 1;
                if ((clause.equals("GROUP") || clause.equals("ORDER")) && k + 1 < sig.size()
                        && all.get(sig.get(k + 1)).is("BY")) {
                    clauseStart = ++k + 1;
                }
                if (clause.equals("FROM")) fromAt = k;
                continue;
            }
            if (t.isSymbol("(")) {
                depth++;
            } else if (t.isSymbol(")")) {
                depth--;
            } else if (depth == 0 && clause.equals("LIST") && t.isSymbol(",")) {
                items.add(new int[] {itemStart, k});
                itemStart = k + 1;
            } else if (depth == 0 && clause.equals("GROUP") && t.is("WITH")) {
                // WITH ROLLUP ends the list (Rollup has made its levels)
                group = new int[] {clauseStart, k};
                clause = "ROLLUP";
            }
        }
        if (group[0] >= 0 && group[1] < 0) group[1] = k;
        return new Block(items, group[0], group[1], having[0], having[1], order[0], order[1], unionPart, fromAt);
    }

    /** Whether the level groups its rows: GROUP BY, or an aggregate of its own outside a window. */
    private static boolean grouped(List<Token> all, List<Integer> sig, Block b) {
        if (b.groupFrom() >= 0) return true;
        for (int[] item : b.items()) {
            if (hasAggregate(all, sig, item[0], item[1])) return true;
        }
        return b.havingFrom() >= 0 && hasAggregate(all, sig, b.havingFrom(), b.havingTo())
                || b.orderFrom() >= 0 && !b.unionPart() && hasAggregate(all, sig, b.orderFrom(), b.orderTo());
    }

    private static boolean hasAggregate(List<Token> all, List<Integer> sig, int from, int to) {
        for (int k = from; k < to; k++) {
            Token t = all.get(sig.get(k));
            if (t.isSymbol("(") && k + 1 < to && all.get(sig.get(k + 1)).is("SELECT")) {
                int end = MySqlToH2.matchingParen(all, sig, k);
                if (end < 0) return false;
                k = end;
            } else if (isAggregateCall(all, sig, k, to) && !windowed(all, sig, k + 1, to)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isAggregateCall(List<Token> all, List<Integer> sig, int k, int to) {
        Token t = all.get(sig.get(k));
        return t.type() == TokenType.WORD && AGGREGATED.contains(t.upper()) && k + 1 < to
                && all.get(sig.get(k + 1)).isSymbol("(") && !(k > 0 && all.get(sig.get(k - 1)).isSymbol("."));
    }

    /** Whether the call whose parenthesis is at {@code open} is a window function's (… OVER …). */
    private static boolean windowed(List<Token> all, List<Integer> sig, int open, int to) {
        int end = MySqlToH2.matchingParen(all, sig, open);
        return end >= 0 && end + 1 < to && all.get(sig.get(end + 1)).is("OVER");
    }

    /** The select item's alias (sig index), or -1. */
    private static int alias(List<Token> all, List<Integer> sig, int[] item) {
        return SelectLabels.endsWithAlias(all, sig, item[0], item[1]) ? item[1] - 1 : -1;
    }

    /** The text of tokens {@code from..to-1}, to compare expressions. */
    private static String text(List<Token> all, List<Integer> sig, int from, int to) {
        StringBuilder b = new StringBuilder();
        for (int k = from; k < to; k++) b.append(all.get(sig.get(k)).text().toUpperCase(Locale.ROOT)).append(' ');
        return b.toString();
    }

    /** Walks one level's select list, HAVING and ORDER BY, wrapping its loose columns. */
    private static final class Wrapper {
        private final List<Token> all;
        private final List<Integer> sig;
        private final Block block;
        private final Map<String, String> columns;
        private final boolean derived;
        private final Map<Integer, String> prefix;
        private final Map<Integer, String> close;
        /** GROUP BY columns: lower-case name → lower-case qualifier, "" for none. */
        private final Map<String, List<String>> groupColumns = new java.util.HashMap<>();
        /** GROUP BY expressions' texts ({@link #text}). */
        private final List<String> groupExpressions = new ArrayList<>();
        private final Set<Integer> keptItems = new java.util.HashSet<>();
        private final Set<String> aliases = new java.util.HashSet<>();
        /** The closing parentheses of the CONVERT calls met. */
        private final Set<Integer> convertTypes = new java.util.HashSet<>();

        Wrapper(List<Token> all, List<Integer> sig, Block block, Map<String, String> columns, boolean derived,
                Map<Integer, String> prefix, Map<Integer, String> close) {
            this.all = all;
            this.sig = sig;
            this.block = block;
            this.columns = columns;
            this.derived = derived;
            this.prefix = prefix;
            this.close = close;
        }

        private Token at(int k) {
            return all.get(sig.get(k));
        }

        void run() {
            List<int[]> items = block.items();
            for (int[] item : items) {
                int a = alias(all, sig, item);
                if (a >= 0) aliases.add(at(a).value().toLowerCase(Locale.ROOT));
            }
            if (block.groupFrom() >= 0) {
                for (int[] g : split(block.groupFrom(), block.groupTo())) readGroupItem(g[0], g[1]);
            }
            for (int i = 0; i < items.size(); i++) {
                if (keptItems.contains(i)) continue;
                int[] item = items.get(i);
                int a = alias(all, sig, item);
                int to = a < 0 ? item[1] : at(a - 1).is("AS") ? a - 1 : a;
                if (groupExpressions.contains(text(all, sig, item[0], to))) continue;
                walk(item[0], to, false);
            }
            if (block.havingFrom() >= 0) walk(block.havingFrom(), block.havingTo(), true);
            if (block.orderFrom() >= 0 && !block.unionPart()) {
                for (int[] o : split(block.orderFrom(), block.orderTo())) {
                    int to = o[1];
                    if (to - o[0] > 1 && (at(to - 1).is("ASC") || at(to - 1).is("DESC"))) to--;
                    if (to - o[0] == 1 && at(o[0]).type() == TokenType.NUMBER) continue;
                    walk(o[0], to, true);
                }
            }
        }

        /** The comma-separated parts of {@code from..to-1} at its own level. */
        private List<int[]> split(int from, int to) {
            List<int[]> parts = new ArrayList<>();
            int depth = 0;
            int start = from;
            for (int k = from; k < to; k++) {
                Token t = at(k);
                if (t.isSymbol("(")) depth++;
                else if (t.isSymbol(")")) depth--;
                else if (depth == 0 && t.isSymbol(",")) {
                    parts.add(new int[] {start, k});
                    start = k + 1;
                }
            }
            if (to > start) parts.add(new int[] {start, to});
            return parts;
        }

        private void readGroupItem(int from, int to) {
            if (to - from > 1 && (at(to - 1).is("ASC") || at(to - 1).is("DESC"))) to--;
            if (to - from == 1 && at(from).type() == TokenType.NUMBER) {
                keptItems.add(Integer.parseInt(at(from).text()) - 1);
                return;
            }
            int end = reference(from, to);
            if (end == to) {
                String name = at(to - 1).value().toLowerCase(Locale.ROOT);
                String qualifier = to - from >= 3 ? at(to - 3).value().toLowerCase(Locale.ROOT) : "";
                groupColumns.computeIfAbsent(name, n -> new ArrayList<>()).add(qualifier);
                if (to - from == 1) {
                    // GROUP BY an alias: its item is the group's expression
                    for (int i = 0; i < block.items().size(); i++) {
                        int a = alias(all, sig, block.items().get(i));
                        if (a >= 0 && at(a).value().equalsIgnoreCase(at(from).value())) keptItems.add(i);
                    }
                }
                return;
            }
            groupExpressions.add(text(all, sig, from, to));
        }

        /**
         * Where the column reference ({@code name}, {@code t.name}, {@code db.t.name}) starting at
         * {@code k} ends (exclusive), or -1 when none starts there.
         */
        private int reference(int k, int to) {
            Token t = at(k);
            if (!t.isIdentifier() || t.type() == TokenType.WORD && NOT_COLUMNS.contains(t.upper())) return -1;
            if (k > 0 && at(k - 1).isSymbol(".")) return -1;
            int end = k + 1;
            int parts = 1;
            while (end + 1 < to && parts < 3 && at(end).isSymbol(".") && at(end + 1).isIdentifier()) {
                end += 2;
                parts++;
            }
            if (end < to && at(end).isSymbol("(")) return -1;
            if (end < to && at(end).isSymbol(".")) return -1;
            // DATE '…', TIME '…', TIMESTAMP '…' are literals
            if (parts == 1 && end < to && at(end).type() == TokenType.STRING) return -1;
            return end;
        }

        private void walk(int from, int to, boolean aliasesCount) {
            for (int k = from; k < to; k++) {
                Token t = at(k);
                String rest = null;
                for (String g : groupExpressions) {
                    if (rest == null) rest = text(all, sig, k, to);
                    if (rest.startsWith(g)) {
                        k += g.split(" ").length - 1;
                        rest = "";
                        break;
                    }
                }
                if ("".equals(rest)) continue;
                if (t.isSymbol("(")) {
                    int end = MySqlToH2.matchingParen(all, sig, k);
                    if (end < 0) return;
                    if (k + 1 < to && at(k + 1).is("SELECT")) {
                        k = end;
                    }
                    continue;
                }
                if (isAggregateCall(all, sig, k, to) || t.type() == TokenType.WORD && k + 1 < to
                        && at(k + 1).isSymbol("(") && windowed(all, sig, k + 1, to)) {
                    int end = MySqlToH2.matchingParen(all, sig, k + 1);
                    if (end < 0) return;
                    k = end;
                    if (k + 1 < to && at(k + 1).is("OVER")) {
                        k++;
                        if (k + 1 < to && at(k + 1).isSymbol("(")) k = MySqlToH2.matchingParen(all, sig, k + 1);
                        if (k < 0) return;
                    }
                    continue;
                }
                if (t.is("AGAINST") && k + 1 < to && at(k + 1).isSymbol("(")) {
                    // MATCH (…) AGAINST ('words' IN … MODE): no columns in its parenthesis
                    k = MySqlToH2.matchingParen(all, sig, k + 1);
                    if (k < 0) return;
                    continue;
                }
                if (t.is("CONVERT") && k + 1 < to && at(k + 1).isSymbol("(")) {
                    // CONVERT(x, type): the type after the comma is no column
                    convertTypes.add(MySqlToH2.matchingParen(all, sig, k + 1));
                }
                if (t.isSymbol(",") && !convertTypes.isEmpty() && convertTypes.contains(closingOf(k))) {
                    k = closingOf(k) - 1;
                    continue;
                }
                if (t.is("AS") || t.is("USING") || t.is("COLLATE")) {
                    // CAST(x AS type …), CONVERT(x USING cs), x COLLATE name: no columns to the parenthesis
                    if (t.is("COLLATE")) {
                        k++;
                        continue;
                    }
                    while (k + 1 < to && !at(k + 1).isSymbol(")")) {
                        if (at(k + 1).isSymbol("(")) {
                            k = MySqlToH2.matchingParen(all, sig, k + 1);
                            if (k < 0) return;
                        } else {
                            k++;
                        }
                    }
                    continue;
                }
                int end = reference(k, to);
                if (end < 0 || end == k + 1 && intervalUnit(k)) continue;
                if (loose(k, end, aliasesCount)) {
                    prefix.merge(sig.get(k), "MIN(", (old, add) -> add + old);
                    close.merge(sig.get(end - 1), ")", String::concat);
                }
                k = end - 1;
            }
        }

        /** The sig index of the parenthesis closing the one {@code k} stands in, or -1. */
        private int closingOf(int k) {
            int depth = 0;
            for (int p = k - 1; p >= 0; p--) {
                if (at(p).isSymbol(")")) depth++;
                else if (at(p).isSymbol("(") && depth-- == 0) return MySqlToH2.matchingParen(all, sig, p);
            }
            return -1;
        }

        /**
         * Whether the word at {@code k} is a unit: of an INTERVAL before it ({@code INTERVAL 1 DAY})
         * or of EXTRACT ({@code EXTRACT(YEAR FROM d)}).
         */
        private boolean intervalUnit(int k) {
            if (!SelectLabels.INTERVAL_UNITS.contains(at(k).upper())) return false;
            if (k + 1 < sig.size() && at(k + 1).is("FROM")) return true;
            int depth = 0;
            for (int p = k - 1; p >= 0 && p >= k - 12; p--) {
                Token t = at(p);
                if (t.isSymbol(")")) depth++;
                else if (t.isSymbol("(") && depth-- == 0) return false;
                else if (depth == 0 && t.isSymbol(",")) return false;
                else if (depth == 0 && t.is("INTERVAL")) return p < k - 1;
            }
            return false;
        }

        /** Whether the reference {@code from..to-1} is a column neither grouped nor an alias. */
        private boolean loose(int from, int to, boolean aliasesCount) {
            String name = at(to - 1).value().toLowerCase(Locale.ROOT);
            int parts = (to - from + 1) / 2;
            if (parts == 1 && aliasesCount && aliases.contains(name)) return false;
            List<String> grouped = groupColumns.get(name);
            if (grouped != null) {
                String qualifier = parts >= 2 ? at(to - 3).value().toLowerCase(Locale.ROOT) : "";
                for (String q : grouped) {
                    if (q.isEmpty() || qualifier.isEmpty() || q.equals(qualifier)) return false;
                }
            }
            // an unqualified word is a column when a table of the statement has it (or the tables
            // cannot tell: a derived table's, or none described)
            return parts > 1 || at(from).type() == TokenType.QUOTED_IDENT || columns.containsKey(name)
                    || derived || columns.isEmpty();
        }
    }

    /**
     * {@code SELECT * FROM t … GROUP BY …} (one table, described): the star written out column by
     * column, each loose one as {@code MIN(col) AS col}.
     */
    private static void starOfOneTable(List<Token> all, List<Integer> sig, Block b, Map<Integer, String> replace,
                                       BiFunction<String, String, TableInfo> describe) {
        if (b.items().size() != 1 || b.fromAt() < 0 || describe == null) return;
        int[] item = b.items().get(0);
        boolean qualified = item[1] - item[0] == 3 && all.get(sig.get(item[0])).isIdentifier()
                && all.get(sig.get(item[0] + 1)).isSymbol(".");
        if (item[1] - item[0] != 1 && !qualified || !all.get(sig.get(item[1] - 1)).isSymbol("*")) return;
        MySqlToH2.TableName named = MySqlToH2.tableNameAt(all, sig, b.fromAt() + 1);
        if (named == null) return;
        String db = named.database();
        String table = named.name();
        int k = named.next();
        String name = table;
        if (k < sig.size() && all.get(sig.get(k)).is("AS")) k++;
        if (k < sig.size() && all.get(sig.get(k)).isIdentifier() && !CLAUSES.contains(all.get(sig.get(k)).upper())) {
            name = all.get(sig.get(k++)).value();
        }
        // t.*: the one table, by its name or alias
        if (qualified && !all.get(sig.get(item[0])).value().equalsIgnoreCase(name)) return;
        if (k < sig.size() && (all.get(sig.get(k)).isSymbol(",") || all.get(sig.get(k)).is("JOIN")
                || all.get(sig.get(k)).is("STRAIGHT_JOIN") || all.get(sig.get(k)).is("INNER")
                || all.get(sig.get(k)).is("LEFT") || all.get(sig.get(k)).is("RIGHT")
                || all.get(sig.get(k)).is("CROSS") || all.get(sig.get(k)).is("NATURAL"))) {
            return;
        }
        TableInfo info;
        try {
            info = describe.apply(db, table);
        } catch (RuntimeException unknown) {
            return;
        }
        if (info == null) return;
        Set<String> grouped = new java.util.HashSet<>();
        Set<Integer> positions = new java.util.HashSet<>();
        int depth = 0;
        int start = b.groupFrom();
        for (int g = b.groupFrom(); g >= 0 && g <= b.groupTo(); g++) {
            Token t = g < b.groupTo() ? all.get(sig.get(g)) : null;
            if (t != null && t.isSymbol("(")) depth++;
            else if (t != null && t.isSymbol(")")) depth--;
            else if (t == null || depth == 0 && t.isSymbol(",")) {
                int to = g;
                if (to - start > 1 && (all.get(sig.get(to - 1)).is("ASC") || all.get(sig.get(to - 1)).is("DESC"))) to--;
                Token last = all.get(sig.get(to - 1));
                if (to - start == 1 && last.type() == TokenType.NUMBER) positions.add(Integer.parseInt(last.text()));
                else if (last.isIdentifier() && (to - start == 1 || all.get(sig.get(to - 2)).isSymbol("."))) {
                    grouped.add(last.value().toLowerCase(Locale.ROOT));
                }
                start = g + 1;
            }
        }
        StringBuilder list = new StringBuilder();
        int position = 0;
        for (TableInfo.ColumnInfo c : info.columns()) {
            position++;
            if (list.length() > 0) list.append(", ");
            String quoted = MySqlToH2.quoteIdent(c.name());
            if (grouped.contains(c.name().toLowerCase(Locale.ROOT)) || positions.contains(position)) {
                list.append(quoted);
            } else {
                list.append("MIN(").append(quoted).append(") AS ").append(quoted);
            }
        }
        for (int k2 = item[0]; k2 < item[1] - 1; k2++) replace.put(sig.get(k2), "");
        replace.put(sig.get(item[1] - 1), list.toString());
    }
}
