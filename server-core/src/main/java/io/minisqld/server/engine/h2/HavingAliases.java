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
 * A name in HAVING that is both a select item's alias and a column of the query's tables is the
 * alias in MySQL ({@code SELECT g, SUM(v) AS v FROM t GROUP BY g HAVING v > 20} keeps the groups
 * whose sum passes; MySQL 5.7 manual 13.2.9, "MySQL resolves an unqualified column or alias
 * reference in HAVING … preferring the select list"). The engine read the table's column (1105
 * "Column must be in the GROUP BY list", or the wrong rows where it was grouped), so each such name
 * becomes the aliased expression as translated. One SELECT at the statement's level only.
 */
final class HavingAliases {
    /** A name in HAVING (its sig index) and the select item expression it stands for (first and last sig index). */
    record Reference(int name, int first, int last) {
    }

    private HavingAliases() {
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
        // the select items with an alias: alias (lower case) → {first, last} of its expression
        Map<String, int[]> aliases = new HashMap<>();
        int itemStart = 1;
        while (itemStart < from && (at(all, sig, itemStart).is("DISTINCT") || at(all, sig, itemStart).is("ALL")
                || MySqlToH2.SELECT_MODIFIERS.contains(at(all, sig, itemStart).upper()))) {
            itemStart++;
        }
        depth = 0;
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
