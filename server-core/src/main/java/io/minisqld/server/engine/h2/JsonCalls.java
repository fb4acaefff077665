package io.minisqld.server.engine.h2;

import io.minisqld.server.error.ErrorCode;
import io.minisqld.server.sql.Token;
import io.minisqld.server.sql.TokenType;
import io.minisqld.server.engine.TableInfo;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * The translation of MySQL's JSON functions into calls of {@link JsonFunctions}:
 * <ul>
 *   <li>{@code JSON_EXTRACT(…)} and the others: the alias call, after the argument count is
 *       checked (1582, naming the function as typed, as MySQL does);</li>
 *   <li>{@code col->'path'} is JSON_EXTRACT(col, 'path') and {@code col->>'path'}
 *       JSON_UNQUOTE(JSON_EXTRACT(col, 'path')) (MySQL: a column on the left, a string literal on
 *       the right);</li>
 *   <li>{@code CAST(x AS JSON)} is {@link JsonFunctions#cast};</li>
 *   <li>an argument of a JSON function that is of MySQL's JSON type (a JSON function's result,
 *       {@code ->}, CAST(… AS JSON), JSON_ARRAYAGG, JSON_OBJECTAGG, a JSON column of a table the
 *       statement names) is marked with {@link JsonFunctions#typed}, so that
 *       JSON_OBJECT('a', JSON_ARRAY(1)) nests the array where a string argument would be a JSON
 *       string;</li>
 *   <li>a string literal compared with such an expression ({@code =}, {@code <>}, {@code <}, …,
 *       {@code IN (…)}) is its JSON text, as MySQL compares a JSON value with a string.</li>
 * </ul>
 */
final class JsonCalls {
    private final List<Token> all;
    private final List<Integer> sig;
    private final Map<Integer, String> replace;
    private final Set<Integer> drop;
    private final Map<Integer, String> prefix;
    private final Map<Integer, String> close;
    /** (database or null, table) → the table; null when no table may be looked at. */
    private final BiFunction<String, String, TableInfo> describe;
    /** The JSON columns' names (lower case) of the tables the statement names; computed when first needed. */
    private Set<String> jsonColumns;

    private JsonCalls(List<Token> all, List<Integer> sig, Map<Integer, String> replace, Set<Integer> drop,
                      Map<Integer, String> prefix, Map<Integer, String> close,
                      BiFunction<String, String, TableInfo> describe) {
        this.describe = describe;
        this.all = all;
        this.sig = sig;
        this.replace = replace;
        this.drop = drop;
        this.prefix = prefix;
        this.close = close;
    }

    /**
     * Rewrites the statement's JSON calls and operators into {@code replace}, {@code drop},
     * {@code prefix} (text before a token) and {@code close} (text right after a token).
     *
     * @param skip     token indexes not to look at (inside the server's values)
     * @param describe (database or null, table) → the table, to know its JSON columns; may be null
     */
    static void rewrite(List<Token> all, List<Integer> sig, Map<Integer, String> replace, Set<Integer> drop,
                        Map<Integer, String> prefix, Map<Integer, String> close, Set<Integer> skip,
                        BiFunction<String, String, TableInfo> describe) {
        if (!mentionsJson(all, sig)) return;
        JsonCalls calls = new JsonCalls(all, sig, replace, drop, prefix, close, describe);
        List<int[]> argumentLists = new ArrayList<>();
        for (int s = 0; s < sig.size(); s++) {
            if (skip.contains(sig.get(s))) continue;
            Token t = calls.at(s);
            if (t.isSymbol("->") || t.isSymbol("->>")) {
                calls.arrow(s);
            } else if (t.type() == TokenType.WORD && calls.isCall(s)) {
                JsonFunctions.Signature f = JsonFunctions.BY_NAME.get(t.upper());
                if (f != null) {
                    List<int[]> args = calls.arguments(s + 1);
                    if (!f.takes(args.size())) throw ErrorCode.ER_WRONG_PARAMCOUNT_TO_NATIVE_FCT.error(t.text());
                    replace.put(sig.get(s), H2Functions.jsonCall(f.method()));
                    argumentLists.addAll(args);
                } else if (t.is("CAST")) {
                    calls.castAsJson(s);
                } else if (t.is("JSON_ARRAYAGG") || t.is("JSON_OBJECTAGG")) {
                    List<int[]> args = calls.arguments(s + 1);
                    if (calls.aggregate(s, args)) argumentLists.addAll(args);
                }
            }
        }
        for (int[] span : calls.jsonTypedSpans(skip)) calls.quoteComparedStrings(span[0], span[1]);
        for (int[] arg : argumentLists) {
            if (calls.isJsonTyped(arg[0], arg[1])) {
                prefix.merge(sig.get(arg[0]), H2Functions.jsonCall("typed") + "(", (old, add) -> add + old);
                close.merge(sig.get(arg[1]), ")", String::concat);
            }
        }
    }

    /**
     * Whether the statement has what this class rewrites: an arrow, a JSON_ function or a CAST
     * (every rewrite starts at one of them); most statements have none, and skip the passes.
     */
    private static boolean mentionsJson(List<Token> all, List<Integer> sig) {
        for (int i : sig) {
            Token t = all.get(i);
            if (t.type() == TokenType.SYMBOL ? t.text().startsWith("->")
                    : t.type() == TokenType.WORD && (t.text().regionMatches(true, 0, "JSON_", 0, 5) || t.is("CAST"))) {
                return true;
            }
        }
        return false;
    }

    private Token at(int s) {
        return all.get(sig.get(s));
    }

    /** A function call's name at sig index {@code s}: a word before "(", not a qualified name's part. */
    private boolean isCall(int s) {
        return s + 1 < sig.size() && at(s + 1).isSymbol("(") && !(s > 0 && at(s - 1).isSymbol("."))
                && matchingParen(s + 1) > 0;
    }

    /** {@code col->'path'} and {@code col->>'path'} with the arrow at sig index {@code s}. */
    private void arrow(int s) {
        int column = columnStart(s - 1);
        if (column < 0 || s + 1 >= sig.size() || at(s + 1).type() != TokenType.STRING) return;
        String extract = H2Functions.jsonCall("extract") + "(";
        boolean unquote = at(s).isSymbol("->>");
        prefix.merge(sig.get(column), unquote ? H2Functions.jsonCall("unquote") + "(" + extract : extract,
                (old, add) -> add + old);
        replace.put(sig.get(s), ", ");
        close.merge(sig.get(s + 1), unquote ? "))" : ")", String::concat);
    }

    /** Where the column reference ({@code c}, {@code t.c}, {@code db.t.c}) ending at {@code end} starts, or -1. */
    private int columnStart(int end) {
        if (end < 0 || !at(end).isIdentifier()) return -1;
        int start = end;
        while (start >= 2 && at(start - 1).isSymbol(".") && at(start - 2).isIdentifier()) start -= 2;
        return start;
    }

    /** CAST(x AS JSON) with CAST at sig index {@code s}; any other CAST stays. */
    private void castAsJson(int s) {
        int end = matchingParen(s + 1);
        if (end < s + 4 || !at(end - 1).is("JSON") || !at(end - 2).is("AS")) return;
        replace.put(sig.get(s), H2Functions.jsonCall("cast"));
        drop.add(sig.get(end - 2));
        drop.add(sig.get(end - 1));
    }

    /**
     * JSON_ARRAYAGG(v) as {@link JsonFunctions#arrayAgg}(ARRAY_AGG(v)), JSON_OBJECTAGG(k, v) as
     * {@link JsonFunctions#objectAgg}(ARRAY_AGG(ROW(k, v))); another argument count stays for
     * H2 to refuse.
     *
     * @return whether the call was rewritten
     */
    private boolean aggregate(int s, List<int[]> args) {
        boolean object = at(s).is("JSON_OBJECTAGG");
        if (args.size() != (object ? 2 : 1)) return false;
        replace.put(sig.get(s), H2Functions.jsonCall(object ? "objectAgg" : "arrayAgg") + "(ARRAY_AGG");
        if (object) {
            // a ROW keeps each its type (an ARRAY made key and value of one type: 1105 for a text value)
            prefix.merge(sig.get(args.get(0)[0]), "ROW(", (old, add) -> add + old);
            close.merge(sig.get(args.get(1)[1]), ")", String::concat);
        }
        close.merge(sig.get(matchingParen(s + 1)), ")", String::concat);
        return true;
    }

    /** The arguments of the call whose "(" is at sig index {@code open}: each {first, last} sig index. */
    private List<int[]> arguments(int open) {
        int end = matchingParen(open);
        List<int[]> args = new ArrayList<>();
        if (end == open + 1) return args;
        int depth = 0;
        int from = open + 1;
        for (int k = open + 1; k < end; k++) {
            Token t = at(k);
            if (t.isSymbol("(")) depth++;
            else if (t.isSymbol(")")) depth--;
            else if (depth == 0 && t.isSymbol(",")) {
                args.add(new int[] {from, k - 1});
                from = k + 1;
            }
        }
        args.add(new int[] {from, end - 1});
        return args;
    }

    /** The argument spanning sig indexes {@code first} to {@code last} is of MySQL's JSON type. */
    private boolean isJsonTyped(int first, int last) {
        if (first > last) return false;
        Token t = at(first);
        if (t.type() == TokenType.WORD && isCall(first) && matchingParen(first + 1) == last) {
            JsonFunctions.Signature f = JsonFunctions.BY_NAME.get(t.upper());
            if (f != null) return f.jsonResult();
            if (t.is("JSON_ARRAYAGG") || t.is("JSON_OBJECTAGG")) return true;
            return t.is("CAST") && at(last - 1).is("JSON") && at(last - 2).is("AS");
        }
        if (t.isIdentifier() && columnStart(last) == first && isJsonColumn(at(last))) return true;
        // col->'path' (->> is a string)
        return last >= first + 2 && at(last).type() == TokenType.STRING && at(last - 1).isSymbol("->")
                && columnStart(last - 2) == first;
    }

    /** The column a reference names is a JSON column of one of the statement's tables. */
    private boolean isJsonColumn(Token name) {
        if (describe == null) return false;
        if (jsonColumns == null) {
            jsonColumns = new HashSet<>();
            for (String[] table : tablesNamed()) {
                try {
                    TableInfo info = describe.apply(table[0], table[1]);
                    if (info == null) continue;
                    for (TableInfo.ColumnInfo c : info.columns()) {
                        if (c.mysqlType().equalsIgnoreCase("json")) jsonColumns.add(c.name().toLowerCase(Locale.ROOT));
                    }
                } catch (RuntimeException unknown) {
                    // the statement's own error says so when it runs
                }
            }
        }
        return jsonColumns.contains(name.value().toLowerCase(Locale.ROOT));
    }

    /** The tables the statement names after FROM (a list), JOIN, UPDATE and INTO: {database or null, table}. */
    private List<String[]> tablesNamed() {
        return tablesNamed(all, sig);
    }

    /**
     * Each column of the statement's tables ({@link #tablesNamed}) → its MySQL type in lower case,
     * "" for a name the tables give different types; tables that cannot be described are left out
     * (the statement's own error says so when it runs).
     */
    static Map<String, String> columnTypes(List<Token> all, List<Integer> sig,
                                           BiFunction<String, String, TableInfo> describe) {
        Map<String, String> out = new java.util.HashMap<>();
        for (TableInfo info : describedTables(all, sig, describe)) {
            for (TableInfo.ColumnInfo c : info.columns()) {
                out.merge(c.name().toLowerCase(java.util.Locale.ROOT), c.mysqlType().toLowerCase(java.util.Locale.ROOT),
                        (a, b) -> a.equals(b) ? a : "");
            }
        }
        return out;
    }

    /** The descriptions of the tables the statement names (those that exist), in the order named. */
    static List<TableInfo> describedTables(List<Token> all, List<Integer> sig,
                                           BiFunction<String, String, TableInfo> describe) {
        List<TableInfo> out = new ArrayList<>();
        if (describe == null) return out;
        for (String[] table : tablesNamed(all, sig)) {
            try {
                TableInfo info = describe.apply(table[0], table[1]);
                if (info != null) out.add(info);
            } catch (RuntimeException unknown) {
                // not a table (yet): the statement's own error says so when it runs
            }
        }
        return out;
    }

    /** As {@link #tablesNamed()}, for the statement's tokens {@code all} and its significant ones {@code sig}. */
    static List<String[]> tablesNamed(List<Token> all, List<Integer> sig) {
        List<String[]> tables = new ArrayList<>();
        for (int s = 0; s + 1 < sig.size(); s++) {
            Token t = all.get(sig.get(s));
            if (!(t.is("FROM") || t.is("JOIN") || t.is("UPDATE") || t.is("INTO"))) continue;
            int k = s + 1;
            while (k < sig.size() && all.get(sig.get(k)).isIdentifier()) {
                if (k + 2 < sig.size() && all.get(sig.get(k + 1)).isSymbol(".") && all.get(sig.get(k + 2)).isIdentifier()) {
                    tables.add(new String[] {all.get(sig.get(k)).value(), all.get(sig.get(k + 2)).value()});
                    k += 3;
                } else {
                    tables.add(new String[] {null, all.get(sig.get(k)).value()});
                    k += 1;
                }
                if (!t.is("FROM")) break;
                // FROM a [AS] x, b …: the next table after a comma
                if (k < sig.size() && all.get(sig.get(k)).is("AS")) k++;
                if (k < sig.size() && all.get(sig.get(k)).isIdentifier() && !all.get(sig.get(k)).isSymbol(",")) k++;
                if (k < sig.size() && all.get(sig.get(k)).isSymbol(",")) k++;
                else break;
            }
        }
        return tables;
    }

    /** Comparison operators whose string literal operand MySQL reads as a JSON string when the other is JSON. */
    private static final Set<String> COMPARISONS = Set.of("=", "<>", "!=", "<=>", "<", ">", "<=", ">=");

    /** The expressions of MySQL's JSON type: {first, last} sig indexes of each JSON call, -> and CAST(… AS JSON). */
    private List<int[]> jsonTypedSpans(Set<Integer> skip) {
        List<int[]> spans = new ArrayList<>();
        for (int s = 0; s < sig.size(); s++) {
            if (skip.contains(sig.get(s))) continue;
            Token t = at(s);
            if (t.isSymbol("->")) {
                int column = columnStart(s - 1);
                if (column >= 0 && isJsonTyped(column, s + 1)) spans.add(new int[] {column, s + 1});
            } else if (t.type() == TokenType.WORD && isCall(s) && isJsonTyped(s, matchingParen(s + 1))) {
                spans.add(new int[] {s, matchingParen(s + 1)});
            }
        }
        return spans;
    }

    /**
     * A string literal compared with a JSON value is a JSON string in MySQL ({@code col->'$.name' =
     * 'Fred'} is true for {@code "Fred"}): the literal becomes its JSON text, which the JSON value's
     * text then equals. So do the strings of an IN list after the JSON value.
     */
    private void quoteComparedStrings(int first, int last) {
        if (last + 2 < sig.size() && COMPARISONS.contains(at(last + 1).text()) && at(last + 1).type() == TokenType.SYMBOL
                && at(last + 2).type() == TokenType.STRING) {
            quoteString(last + 2);
        }
        if (first >= 2 && COMPARISONS.contains(at(first - 1).text()) && at(first - 1).type() == TokenType.SYMBOL
                && at(first - 2).type() == TokenType.STRING && !(first >= 3 && at(first - 3).isSymbol("->"))) {
            quoteString(first - 2);
        }
        int in = last + 1;
        if (in + 1 < sig.size() && at(in).is("NOT")) in++;
        if (in + 2 < sig.size() && at(in).is("IN") && at(in + 1).isSymbol("(")) {
            int end = matchingParen(in + 1);
            for (int k = in + 2; k < end; k += 2) {
                if (at(k).type() != TokenType.STRING || !(at(k + 1).isSymbol(",") || k + 1 == end)) return;
            }
            for (int k = in + 2; k < end; k += 2) quoteString(k);
        }
    }

    private void quoteString(int s) {
        prefix.merge(sig.get(s), H2Functions.jsonCall("quote") + "(", (old, add) -> add + old);
        close.merge(sig.get(s), ")", String::concat);
    }

    /** The sig index of the parenthesis that closes the one at sig index {@code open}, or -1. */
    private int matchingParen(int open) {
        int depth = 0;
        for (int k = open; k < sig.size(); k++) {
            Token t = at(k);
            if (t.isSymbol("(")) depth++;
            else if (t.isSymbol(")") && --depth == 0) return k;
        }
        return -1;
    }
}
