package io.minisqld.server.engine.h2;

import io.minisqld.server.engine.TableInfo;
import io.minisqld.server.sql.Token;
import io.minisqld.server.sql.TokenType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * MySQL types IFNULL, COALESCE, IF, CASE and a UNION's column as a string when one of their
 * results is a string: a string literal, a text column, or a call of a string function
 * ({@code IFNULL(int_col, '')} is {@code '5'} or {@code ''}). H2 takes the number type and fails to
 * convert the string (1105 "Data conversion error"). Here the results that are number literals,
 * columns of a number or temporal type of the statement's tables, or calls of functions whose
 * result is a number or a time ({@code SUM(x)}, {@code NOW()}), MAX / MIN of such a column, and
 * arithmetic without a DOUBLE operand ({@code a + 1}, {@code p * 2}) are then cast to VARCHAR, so
 * H2 computes MySQL's string. Results of other kinds (other expressions, binary columns) are left
 * as they are.
 */
final class MixedResults {
    private static final List<String> NUMERIC_OR_TEMPORAL = List.of("tinyint", "smallint", "mediumint", "int",
            "bigint", "decimal", "float", "double", "datetime", "date", "timestamp", "time", "year");

    /** Text column types: a result of one makes the others strings too (COALESCE(name, 0)). */
    private static final List<String> TEXT = List.of("char", "varchar", "tinytext", "text", "mediumtext", "longtext",
            "enum");

    /** Functions whose result is always a number or a time: a call of one is such a result. */
    private static final java.util.Set<String> NUMERIC_OR_TEMPORAL_CALLS = java.util.Set.of("COUNT", "SUM", "AVG",
            "LENGTH", "CHAR_LENGTH", "CHARACTER_LENGTH", "OCTET_LENGTH", "BIT_LENGTH", "ROUND", "ABS", "FLOOR", "CEIL",
            "CEILING", "TRUNCATE", "MOD", "SIGN", "UNIX_TIMESTAMP", "YEAR", "MONTH", "DAY", "DAYOFMONTH", "HOUR",
            "MINUTE", "SECOND", "DATEDIFF", "TIMESTAMPDIFF", "LOCATE", "INSTR", "FIND_IN_SET", "ASCII", "ORD",
            "CONNECTION_ID", "LAST_INSERT_ID", "ROW_COUNT", "NOW", "CURDATE", "CURRENT_DATE", "CURRENT_TIMESTAMP",
            "SYSDATE", "DATE_ADD", "DATE_SUB", "FROM_UNIXTIME", "UTC_TIMESTAMP", "UTC_DATE");

    /** Functions whose result is a string whatever their arguments: a call of one is a string result. */
    static final java.util.Set<String> STRING_CALLS = java.util.Set.of("LOWER", "LCASE", "UPPER", "UCASE",
            "CONCAT", "CONCAT_WS", "CONV", "HEX", "MD5", "SHA", "SHA1", "SHA2", "SUBSTRING", "SUBSTR", "LEFT", "RIGHT",
            "TRIM", "LTRIM", "RTRIM", "REPLACE", "LPAD", "RPAD", "REPEAT", "REVERSE", "DATE_FORMAT", "GROUP_CONCAT",
            "TO_BASE64", "INET_NTOA", "FORMAT", "SUBSTRING_INDEX", "UUID", "QUOTE", "ELT", "MID", "INSERT", "SPACE");

    private final List<Token> all;
    private final List<Integer> sig;
    private final Map<Integer, String> prefix;
    private final Map<Integer, String> close;
    private final BiFunction<String, String, TableInfo> describe;
    private Map<String, String> columnTypes;

    private MixedResults(List<Token> all, List<Integer> sig, Map<Integer, String> prefix, Map<Integer, String> close,
                         BiFunction<String, String, TableInfo> describe) {
        this.all = all;
        this.sig = sig;
        this.prefix = prefix;
        this.close = close;
        this.describe = describe;
    }

    static void rewrite(List<Token> all, List<Integer> sig, Map<Integer, String> prefix, Map<Integer, String> close,
                        BiFunction<String, String, TableInfo> describe) {
        if (!mentionsMixing(all, sig)) return;
        new MixedResults(all, sig, prefix, close, describe).run();
    }

    /**
     * Whether the statement has what this class rewrites: IFNULL, COALESCE, IF, CASE or a UNION
     * (every rewrite starts at one of them); most statements have none, and skip the passes.
     */
    private static boolean mentionsMixing(List<Token> all, List<Integer> sig) {
        for (int i : sig) {
            Token t = all.get(i);
            if (t.type() == TokenType.WORD && (t.is("IFNULL") || t.is("COALESCE") || t.is("IF") || t.is("CASE")
                    || t.is("UNION"))) {
                return true;
            }
        }
        return false;
    }

    private Token at(int s) {
        return all.get(sig.get(s));
    }

    private void run() {
        unions();
        for (int s = 0; s + 1 < sig.size(); s++) {
            Token t = at(s);
            if (t.type() != TokenType.WORD || (s > 0 && at(s - 1).isSymbol("."))) continue;
            if ((t.is("IFNULL") || t.is("COALESCE") || t.is("IF")) && at(s + 1).isSymbol("(")) {
                List<int[]> args = arguments(s + 1);
                if (t.is("IF")) args = args.size() == 3 ? args.subList(1, 3) : List.of();
                unify(args);
            } else if (t.is("CASE")) {
                unify(caseResults(s));
            }
        }
    }

    /**
     * SELECT … UNION [ALL | DISTINCT] SELECT …: the n-th select items of the branches are one
     * column, a string when one of them is a string literal (MySQL), so the number literals and
     * number / temporal columns among them are cast.
     */
    private void unions() {
        List<List<int[]>> branches = new ArrayList<>();
        int depth = 0;
        int start = -1;
        for (int k = 0; k <= sig.size(); k++) {
            Token a = k < sig.size() ? at(k) : null;
            if (a != null && a.isSymbol("(")) depth++;
            else if (a != null && a.isSymbol(")")) depth--;
            if (depth != 0) continue;
            if (a != null && a.is("SELECT") && start < 0) start = k;
            boolean ends = a == null || a.is("UNION") || a.is("ORDER") || a.is("LIMIT");
            if (ends && start >= 0) {
                branches.add(selectItems(start, k));
                start = -1;
            }
            if (a != null && (a.is("ORDER") || a.is("LIMIT"))) break;
        }
        if (branches.size() < 2) return;
        int columns = branches.get(0).size();
        for (List<int[]> b : branches) if (b.size() != columns) return;
        for (int c = 0; c < columns; c++) {
            List<int[]> column = new ArrayList<>();
            for (List<int[]> b : branches) column.add(b.get(c));
            unify(column);
        }
    }

    /** The select items of the SELECT at {@code select} up to {@code end}: each without its alias. */
    private List<int[]> selectItems(int select, int end) {
        List<int[]> items = new ArrayList<>();
        int k = select + 1;
        while (k < end && (at(k).is("DISTINCT") || at(k).is("ALL") || at(k).is("SQL_CALC_FOUND_ROWS"))) k++;
        int start = k;
        int depth = 0;
        for (; k <= end; k++) {
            Token a = k < end ? at(k) : null;
            if (a != null && a.isSymbol("(")) depth++;
            else if (a != null && a.isSymbol(")")) depth--;
            if (depth != 0) continue;
            if (a == null || a.isSymbol(",") || a.is("FROM") || a.is("INTO") || a.is("WHERE")) {
                int last = k - 1;
                // an alias: [AS] name after the expression
                if (last - 1 > start && at(last - 1).is("AS")) last -= 2;
                else if (last > start && at(last).isIdentifier() && !at(last - 1).isSymbol(".")
                        && !at(last - 1).isSymbol(",") && (at(last - 1).type() == TokenType.STRING
                        || at(last - 1).type() == TokenType.NUMBER || at(last - 1).isIdentifier())) {
                    last -= 1;
                }
                items.add(new int[] {start, last});
                if (a == null || !a.isSymbol(",")) break;
                start = k + 1;
            }
        }
        return items;
    }

    /** The top-level arguments of the call whose "(" is at {@code open}: {first, last} sig indexes. */
    private List<int[]> arguments(int open) {
        List<int[]> out = new ArrayList<>();
        int depth = 0;
        int start = open + 1;
        for (int k = open + 1; k < sig.size(); k++) {
            Token a = at(k);
            if (a.isSymbol("(")) {
                depth++;
            } else if (a.isSymbol(")")) {
                if (depth == 0) {
                    if (k > start) out.add(new int[] {start, k - 1});
                    return out;
                }
                depth--;
            } else if (depth == 0 && a.isSymbol(",")) {
                out.add(new int[] {start, k - 1});
                start = k + 1;
            }
        }
        return List.of();
    }

    /** The THEN and ELSE results of the CASE at {@code s} (not those of a CASE nested in them). */
    private List<int[]> caseResults(int s) {
        List<int[]> out = new ArrayList<>();
        int depth = 0;
        int nested = 0;
        int start = -1;
        for (int k = s + 1; k < sig.size(); k++) {
            Token a = at(k);
            if (a.isSymbol("(")) {
                depth++;
            } else if (a.isSymbol(")")) {
                if (depth == 0) return List.of();
                depth--;
            } else if (depth == 0 && a.is("CASE")) {
                nested++;
            } else if (depth == 0 && a.is("END") && nested > 0) {
                nested--;
            } else if (depth == 0 && nested == 0 && (a.is("WHEN") || a.is("ELSE") || a.is("END") || a.is("THEN"))) {
                if (start >= 0 && k > start) out.add(new int[] {start, k - 1});
                start = a.is("THEN") || a.is("ELSE") ? k + 1 : -1;
                if (a.is("END")) return out;
            }
        }
        return List.of();
    }

    private void unify(List<int[]> results) {
        boolean text = false;
        for (int[] r : results) {
            text |= r[0] == r[1] && at(r[0]).type() == TokenType.STRING || columnOf(r, TEXT) || callOf(r, STRING_CALLS);
        }
        if (!text) return;
        for (int[] r : results) {
            boolean number = r[0] == r[1] && at(r[0]).type() == TokenType.NUMBER;
            if (number && (at(r[0]).text().indexOf('e') >= 0 || at(r[0]).text().indexOf('E') >= 0)
                    || columnOf(r, DoubleText.DOUBLE_TYPES)) {
                // a DOUBLE as MySQL writes it (1, not the engine's 1.0)
                prefix.merge(sig.get(r[0]), H2Functions.internalCall("text") + "(", (old, add) -> add + old);
                close.merge(sig.get(r[1]), ")", String::concat);
            } else if (arithmetic(r) && r[0] > 0 && r[1] + 1 < sig.size()) {
                // around the tokens next to it (a "(" or "," or THEN before, a "," or ")" or END
                // after): the operators' own rewriting (a division's call) goes around the operands
                close.merge(sig.get(r[0] - 1), " CAST(", String::concat);
                prefix.merge(sig.get(r[1] + 1), " AS VARCHAR) ", (old, add) -> add + old);
            } else if (number || columnOf(r, NUMERIC_OR_TEMPORAL) || callOf(r, NUMERIC_OR_TEMPORAL_CALLS)
                    || extremeOf(r)) {
                prefix.merge(sig.get(r[0]), "CAST(", (old, add) -> add + old);
                close.merge(sig.get(r[1]), " AS VARCHAR)", String::concat);
            }
        }
    }

    /** A call of one of {@code functions} spanning the whole result, e.g. {@code SUM(x)}. */
    /** MAX or MIN of one number or temporal column: a number or a time. */
    private boolean extremeOf(int[] r) {
        return callOf(r, java.util.Set.of("MAX", "MIN")) && columnOf(new int[] {r[0] + 2, r[1] - 1}, NUMERIC_OR_TEMPORAL);
    }

    /**
     * Arithmetic ({@code + - * / % DIV MOD} at the expression's own level, none of a comparison
     * or logical operator, no DOUBLE operand: an exponent literal, a DOUBLE or a text column), whose
     * result is a number ({@code IFNULL(a + 1, 'none')} was 1105).
     */
    private boolean arithmetic(int[] r) {
        boolean operator = false;
        int depth = 0;
        for (int k = r[0]; k <= r[1]; k++) {
            Token t = at(k);
            if (t.isSymbol("(")) {
                depth++;
            } else if (t.isSymbol(")")) {
                depth--;
            } else if (depth == 0) {
                if (k > r[0] && (t.isSymbol("+") || t.isSymbol("-") || t.isSymbol("*") || t.isSymbol("/")
                        || t.isSymbol("%") || t.is("DIV") || t.is("MOD"))) {
                    operator = true;
                } else if (t.type() == TokenType.SYMBOL && !t.isSymbol(".") || t.is("AND") || t.is("OR")
                        || t.is("NOT") || t.is("XOR") || t.is("IS") || t.is("LIKE") || t.is("IN") || t.is("BETWEEN")
                        || t.is("CASE") || t.is("INTERVAL") || t.type() == TokenType.STRING) {
                    return false;
                } else if (t.type() == TokenType.NUMBER && (t.text().indexOf('e') >= 0 || t.text().indexOf('E') >= 0)
                        || columnOf(new int[] {k, k}, DoubleText.DOUBLE_TYPES) || columnOf(new int[] {k, k}, TEXT)) {
                    // a DOUBLE (a text column in arithmetic is read as one): left as it was
                    return false;
                }
            }
        }
        return operator;
    }

    private boolean callOf(int[] r, java.util.Set<String> functions) {
        if (r[1] < r[0] + 2 || at(r[0]).type() != TokenType.WORD || !at(r[0] + 1).isSymbol("(")
                || !functions.contains(at(r[0]).upper()) || !at(r[1]).isSymbol(")")) {
            return false;
        }
        int depth = 0;
        for (int k = r[0] + 1; k <= r[1]; k++) {
            if (at(k).isSymbol("(")) depth++;
            else if (at(k).isSymbol(")") && --depth == 0) return k == r[1];
        }
        return false;
    }

    /** A column reference ({@code c} or {@code t.c}) to a column of the statement's tables whose type starts with one of {@code kinds}. */
    private boolean columnOf(int[] r, List<String> kinds) {
        int name;
        if (r[0] == r[1] && at(r[0]).isIdentifier()) {
            name = r[0];
        } else if (r[1] == r[0] + 2 && at(r[0]).isIdentifier() && at(r[0] + 1).isSymbol(".") && at(r[1]).isIdentifier()) {
            name = r[1];
        } else {
            return false;
        }
        String type = columnTypes().get(at(name).value().toLowerCase(Locale.ROOT));
        if (type == null) return false;
        for (String kind : kinds) {
            if (type.startsWith(kind)) return true;
        }
        return false;
    }

    /** Each column of the statement's tables and its MySQL type (the first table's, for a name in several). */
    private Map<String, String> columnTypes() {
        if (columnTypes == null) {
            columnTypes = new HashMap<>();
            if (describe != null) {
                for (String[] table : JsonCalls.tablesNamed(all, sig)) {
                    try {
                        TableInfo info = describe.apply(table[0], table[1]);
                        if (info == null) continue;
                        for (TableInfo.ColumnInfo c : info.columns()) {
                            columnTypes.putIfAbsent(c.name().toLowerCase(Locale.ROOT),
                                    c.mysqlType().toLowerCase(Locale.ROOT));
                        }
                    } catch (RuntimeException unknown) {
                        // the statement's own error says so when it runs
                    }
                }
            }
        }
        return columnTypes;
    }
}
