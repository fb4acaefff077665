package io.minisqld.server.engine.h2;

import io.minisqld.server.engine.TableInfo;
import io.minisqld.server.sql.Token;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Names that are both a select item's alias and a column, resolved as MySQL resolves them (the
 * engine took the alias in GROUP BY and the column in HAVING; see {@link #qualifyGroupColumns}).
 * A name in HAVING that is both a select item's alias and a column of the query's tables is the
 * alias in MySQL ({@code SELECT g, SUM(v) AS v FROM t GROUP BY g HAVING v > 20} keeps the groups
 * whose sum passes), unless GROUP BY names it: then the column (MySQL 5.7 manual 12.20.3, "MySQL
 * Handling of GROUP BY": preference is given to the column in the GROUP BY). The engine read the table's column (1105
 * "Column must be in the GROUP BY list", or the wrong rows where it was grouped), so each such name
 * becomes the aliased expression as translated. One SELECT at the statement's level only.
 */
final class SelectAliases {
    /** A name in HAVING (its sig index) and the select item expression it stands for (first and last sig index). */
    record Reference(int name, int first, int last) {
    }

    private SelectAliases() {
    }

    /** The HAVING names to replace, or null for none. */
    static List<Reference> plan(List<Token> all, List<Integer> sig, BiFunction<String, String, TableInfo> describe) {
        if (sig.isEmpty() || !at(all, sig, 0).is("SELECT")) return null;
        int having = -1;
        int from = -1;
        int end = sig.size();
        int depth = 0;
        for (int s = 0; s < sig.size(); s++) {
            Token t = at(all, sig, s);
            if (t.isSymbol("(")) depth++;
            else if (t.isSymbol(")")) depth--;
            else if (depth == 0) {
                if (t.is("UNION")) return null;
                if (t.is("FROM") && from < 0) from = s;
                else if (t.is("HAVING")) having = s;
                else if (having >= 0 && (t.is("ORDER") || t.is("LIMIT") || t.is("WINDOW") || t.is("FOR")
                        || t.is("LOCK") || t.isSymbol(";"))) {
                    end = s;
                    break;
                }
            }
        }
        if (having < 0 || from < 0) return null;
        Map<String, int[]> aliases = aliases(all, sig, from);
        // a name GROUP BY names is its column in HAVING too (the manual's preference for the standard)
        depth = 0;
        for (int s = from; s + 1 < having; s++) {
            Token t = at(all, sig, s);
            if (t.isSymbol("(")) depth++;
            else if (t.isSymbol(")")) depth--;
            else if (depth == 0 && t.is("GROUP") && at(all, sig, s + 1).is("BY")) {
                for (int g = s + 2; g < having; g++) {
                    if (at(all, sig, g).isIdentifier()) aliases.remove(at(all, sig, g).value().toLowerCase(Locale.ROOT));
                }
                break;
            }
        }
        if (aliases.isEmpty()) return null;
        Map<String, String> columns = null;
        List<Reference> out = new ArrayList<>();
        for (int s = having + 1; s < end; s++) {
            Token t = at(all, sig, s);
            if (!t.isIdentifier() || at(all, sig, s - 1).isSymbol(".")
                    || s + 1 < sig.size() && (at(all, sig, s + 1).isSymbol(".") || at(all, sig, s + 1).isSymbol("("))) {
                continue;
            }
            int[] item = aliases.get(t.value().toLowerCase(Locale.ROOT));
            if (item == null) continue;
            // only a name the tables have too: the engine finds any other alias itself
            if (columns == null) columns = JsonCalls.columnTypes(all, sig, describe);
            if (columns.containsKey(t.value().toLowerCase(Locale.ROOT))) out.add(new Reference(s, item[0], item[1]));
        }
        return out.isEmpty() ? null : out;
    }

    /**
     * A name in GROUP BY that is both a select item's alias and a column of the query's one table is
     * the column in MySQL (it looks in the FROM clause first for GROUP BY: {@code SELECT SUM(b) AS a
     * FROM t GROUP BY a} groups by the column a); the engine took the alias (1105 "Invalid use of
     * aggregate function", or other groups). Each such name is qualified by the table (or its
     * alias). A query of one table only, at the statement's level.
     */
    static void qualifyGroupColumns(List<Token> all, List<Integer> sig, BiFunction<String, String, TableInfo> describe,
                                    Map<Integer, String> prefix) {
        if (describe == null || sig.isEmpty() || !at(all, sig, 0).is("SELECT")) return;
        int from = -1;
        int group = -1;
        int depth = 0;
        for (int s = 0; s + 1 < sig.size(); s++) {
            Token t = at(all, sig, s);
            if (t.isSymbol("(")) depth++;
            else if (t.isSymbol(")")) depth--;
            else if (depth == 0 && t.is("UNION")) return;
            else if (depth == 0 && t.is("FROM") && from < 0) from = s;
            else if (depth == 0 && t.is("GROUP") && at(all, sig, s + 1).is("BY")) group = s + 2;
        }
        if (from < 0 || group < 0) return;
        // FROM [db.]t [[AS] x] and then a clause: one table
        int k = from + 1;
        if (k >= sig.size() || !at(all, sig, k).isIdentifier()) return;
        if (k + 2 < sig.size() && at(all, sig, k + 1).isSymbol(".")) k += 2;
        String qualifier = at(all, sig, k).text();
        k++;
        if (k < sig.size() && at(all, sig, k).is("AS")) k++;
        if (k < sig.size() && at(all, sig, k).isIdentifier() && !CLAUSES.contains(at(all, sig, k).upper())) {
            qualifier = at(all, sig, k).text();
            k++;
        }
        if (k >= sig.size() || !CLAUSES.contains(at(all, sig, k).upper())) return;
        Map<String, int[]> aliases = aliases(all, sig, from);
        if (aliases.isEmpty()) return;
        List<TableInfo> tables = JsonCalls.describedTables(all, sig, describe);
        if (tables.size() != 1) return;
        java.util.Set<String> columns = new java.util.HashSet<>();
        for (TableInfo.ColumnInfo c : tables.get(0).columns()) columns.add(c.name().toLowerCase(Locale.ROOT));
        depth = 0;
        for (int s = group; s < sig.size(); s++) {
            Token t = at(all, sig, s);
            if (t.isSymbol("(")) depth++;
            else if (t.isSymbol(")")) depth--;
            else if (depth == 0 && CLAUSES.contains(t.upper()) && !t.is("GROUP")) break;
            if (depth != 0 || !t.isIdentifier() || at(all, sig, s - 1).isSymbol(".")
                    || s + 1 < sig.size() && (at(all, sig, s + 1).isSymbol(".") || at(all, sig, s + 1).isSymbol("("))) {
                continue;
            }
            String name = t.value().toLowerCase(Locale.ROOT);
            if (aliases.containsKey(name) && columns.contains(name)) {
                prefix.merge(sig.get(s), qualifier + ".", (old, add) -> add + old);
            }
        }
    }

    private static final java.util.Set<String> CLAUSES = java.util.Set.of("WHERE", "GROUP", "HAVING", "ORDER",
            "LIMIT", "WINDOW", "FOR", "LOCK", "PROCEDURE", "INTO", "UNION", ";");

    /** The select items with an alias: alias (lower case) → {first, last} sig index of its expression. */
    private static Map<String, int[]> aliases(List<Token> all, List<Integer> sig, int from) {
        Map<String, int[]> aliases = new HashMap<>();
        int itemStart = 1;
        while (itemStart < from && (at(all, sig, itemStart).is("DISTINCT") || at(all, sig, itemStart).is("ALL")
                || MySqlToH2.SELECT_MODIFIERS.contains(at(all, sig, itemStart).upper()))) {
            itemStart++;
        }
        int depth = 0;
        for (int s = itemStart; s <= from; s++) {
            Token t = s < from ? at(all, sig, s) : null;
            if (t != null && t.isSymbol("(")) depth++;
            else if (t != null && t.isSymbol(")")) depth--;
            if (t == null || depth == 0 && t.isSymbol(",")) {
                if (SelectLabels.endsWithAlias(all, sig, itemStart, s)) {
                    int last = at(all, sig, s - 2).is("AS") ? s - 3 : s - 2;
                    if (last >= itemStart) aliases.put(at(all, sig, s - 1).value().toLowerCase(Locale.ROOT),
                            new int[] {itemStart, last});
                }
                itemStart = s + 1;
            }
        }
        return aliases;
    }

    /** The H2 text with each planned name replaced by its expression's H2 text. */
    static String rewrite(List<Reference> plan, List<Integer> sig, String h2, int[] h2Starts, int[] h2Ends) {
        StringBuilder out = new StringBuilder(h2);
        for (int n = plan.size() - 1; n >= 0; n--) {
            Reference r = plan.get(n);
            String expression = h2.substring(h2Starts[sig.get(r.first())], h2Ends[sig.get(r.last())]);
            out.replace(h2Starts[sig.get(r.name())], h2Ends[sig.get(r.name())], "(" + expression + ")");
        }
        return out.toString();
    }

    private static Token at(List<Token> all, List<Integer> sig, int s) {
        return all.get(sig.get(s));
    }
}
