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
 * A DOUBLE, FLOAT or a comparison's truth made text as MySQL writes it: {@code CONCAT(1e0, 'x')}
 * is {@code 1x}, {@code CAST(2.5e0 * 2 AS CHAR)} is {@code 5}, {@code CONCAT(1 = 1, '')} is
 * {@code 1}, and {@code INSERT INTO t (varchar_col) SELECT double_col …} stores {@code 1}. The
 * engine writes a DOUBLE with its Java form ({@code 1.0}, {@code 1.0E20}) and a truth as
 * {@code TRUE}, silently other text than MySQL's. Such an expression, where it becomes text, is
 * given to the server's own formatting ({@link StringFunctions#text}): an argument of CONCAT or
 * GROUP_CONCAT, the value of {@code CAST(… AS CHAR)} / {@code CONVERT(…, CHAR)}, and a select item
 * an INSERT … SELECT puts into a text column. An expression is taken for a DOUBLE when it is
 * arithmetic ({@code + - * /}) over at least one DOUBLE: an exponent literal, a FLOAT, DOUBLE or
 * REAL column of the statement's tables, or a call of a function whose result is one
 * ({@code SQRT}, {@code RAND}, …); for a truth when a comparison or a logical operator is its
 * outermost operator. A DATETIME, TIMESTAMP or TIME column of fractional seconds named alone
 * there shows all its digits ({@link StringFunctions#temporalText}; the engine drops trailing
 * zeros). ROUND of a DOUBLE rounds half to even, as MySQL's ({@link StringFunctions#roundDouble}).
 * Other expressions are left as they are.
 */
final class DoubleText {
    /** Functions whose result is a DOUBLE whatever their arguments. */
    private static final Set<String> DOUBLE_CALLS = Set.of("SQRT", "RAND", "POW", "POWER", "EXP", "LN", "LOG",
            "LOG10", "LOG2", "SIN", "COS", "TAN", "ASIN", "ACOS", "ATAN", "ATAN2", "COT", "DEGREES", "RADIANS", "PI",
            "STD", "STDDEV", "STDDEV_POP", "STDDEV_SAMP", "VARIANCE", "VAR_POP", "VAR_SAMP");

    /** Functions whose result is a DOUBLE when their one argument is. */
    private static final Set<String> SAME_AS_ARGUMENT = Set.of("SUM", "AVG", "MIN", "MAX", "ABS");

    private static final Set<String> ARITHMETIC = Set.of("+", "-", "*", "/");

    /** The length functions, whose argument's text they measure. */
    private static final Set<String> LENGTHS = Set.of("LENGTH", "OCTET_LENGTH", "CHAR_LENGTH", "CHARACTER_LENGTH");

    /** Operators whose result is a truth. */
    static final Set<String> TRUTHS = Set.of("=", "<>", "!=", "<=>", "<", ">", "<=", ">=", "IS", "LIKE",
            "IN", "BETWEEN", "NOT", "AND", "OR", "XOR", "REGEXP", "RLIKE", "&&", "||", "!");

    /** Column types whose values are DOUBLEs (or FLOATs). */
    static final List<String> DOUBLE_TYPES = List.of("float", "double", "real");

    private final List<Token> all;
    private final List<Integer> sig;
    private final Map<Integer, String> prefix;
    private final Map<Integer, String> close;
    private final Map<Integer, String> replace;
    private final BiFunction<String, String, TableInfo> describe;
    private Map<String, String> columnTypes;

    private DoubleText(List<Token> all, List<Integer> sig, Map<Integer, String> prefix, Map<Integer, String> close,
                       Map<Integer, String> replace, BiFunction<String, String, TableInfo> describe) {
        this.replace = replace;
        this.all = all;
        this.sig = sig;
        this.prefix = prefix;
        this.close = close;
        this.describe = describe;
    }

    /**
     * Wraps the statement's DOUBLE and truth expressions that become text.
     *
     * @param skip token indexes not to look at (inside the server's values)
     */
    static void rewrite(List<Token> all, List<Integer> sig, Map<Integer, String> prefix, Map<Integer, String> close,
                        Map<Integer, String> replace, Set<Integer> skip, BiFunction<String, String, TableInfo> describe) {
        DoubleText d = null;
        List<String> insertTargets = insertTargets(all, sig, describe);
        for (int s = 0; s + 1 < sig.size(); s++) {
            Token t = all.get(sig.get(s));
            if (t.type() != TokenType.WORD || skip.contains(sig.get(s)) || !all.get(sig.get(s + 1)).isSymbol("(")) {
                continue;
            }
            if (s > 0 && all.get(sig.get(s - 1)).isSymbol(".")) continue;
            String name = t.upper();
            if (!name.equals("CONCAT") && !name.equals("GROUP_CONCAT") && !name.equals("CAST") && !name.equals("CONVERT")
                    && !name.equals("ROUND") && !name.equals("SUM") && !LENGTHS.contains(name)) {
                continue;
            }
            if (d == null) d = new DoubleText(all, sig, prefix, close, replace, describe);
            d.call(s, name);
        }
        if (insertTargets != null) {
            if (d == null) d = new DoubleText(all, sig, prefix, close, replace, describe);
            d.insertSelect(insertTargets);
        }
        if (!sig.isEmpty() && all.get(sig.get(0)).is("UPDATE")) {
            if (d == null) d = new DoubleText(all, sig, prefix, close, replace, describe);
            d.updateAssignments();
        }
    }

    /** UPDATE … SET col = expr, …: each value going into a text column that is a DOUBLE or a truth. */
    private void updateAssignments() {
        int set = first("SET");
        if (set < 0) return;
        for (int[] item : listItems(set + 1, Set.of("WHERE", "ORDER", "LIMIT"))) {
            // [t.]col = value
            int eq = item[0];
            while (eq + 2 <= item[1] && at(eq + 1).isSymbol(".")) eq += 2;
            if (eq + 1 <= item[1] && at(eq + 1).isSymbol("=") && at(eq).isIdentifier()) {
                String type = columnType(at(eq).value());
                if (type != null && text(type)) wrapIfDoubleOrTruth(new int[] {eq + 2, item[1]});
            }
        }
    }

    /** The sig index of the first {@code word}, or -1. */
    private int first(String word) {
        for (int s = 0; s < sig.size(); s++) {
            if (at(s).is(word)) return s;
        }
        return -1;
    }

    /**
     * The comma-separated items of a list from {@code start} to a word of {@code ends} (or a
     * semicolon, or the statement's end) at depth 0, as {first, last} sig indexes.
     */
    private List<int[]> listItems(int start, Set<String> ends) {
        List<int[]> items = new ArrayList<>();
        int depth = 0;
        for (int k = start; k <= sig.size(); k++) {
            Token t = k < sig.size() ? at(k) : null;
            if (t != null && t.isSymbol("(")) {
                depth++;
            } else if (t != null && t.isSymbol(")")) {
                depth--;
            } else if (t == null || depth == 0 && (t.isSymbol(",") || t.isSymbol(";")
                    || t.type() == TokenType.WORD && ends.contains(t.upper()))) {
                items.add(new int[] {start, k - 1});
                if (t == null || !t.isSymbol(",")) return items;
                start = k + 1;
            }
        }
        return items;
    }

    /**
     * For {@code INSERT|REPLACE [modifiers] [INTO] t [(columns)] SELECT …}: the MySQL types of the
     * columns its select items go to, in order; null for any other statement or an unknown table.
     */
    private static List<String> insertTargets(List<Token> all, List<Integer> sig, BiFunction<String, String, TableInfo> describe) {
        if (describe == null || sig.isEmpty()) return null;
        Token first = all.get(sig.get(0));
        if (!first.is("INSERT") && !first.is("REPLACE")) return null;
        int k = 1;
        while (k < sig.size() && (all.get(sig.get(k)).is("LOW_PRIORITY") || all.get(sig.get(k)).is("DELAYED")
                || all.get(sig.get(k)).is("HIGH_PRIORITY") || all.get(sig.get(k)).is("IGNORE") || all.get(sig.get(k)).is("INTO"))) {
            k++;
        }
        if (k >= sig.size() || !all.get(sig.get(k)).isIdentifier()) return null;
        String database = null;
        String table = all.get(sig.get(k)).value();
        if (k + 2 < sig.size() && all.get(sig.get(k + 1)).isSymbol(".") && all.get(sig.get(k + 2)).isIdentifier()) {
            database = table;
            table = all.get(sig.get(k + 2)).value();
            k += 2;
        }
        k++;
        List<String> names = null;
        if (k < sig.size() && all.get(sig.get(k)).isSymbol("(")) {
            names = new ArrayList<>();
            for (k++; k < sig.size() && !all.get(sig.get(k)).isSymbol(")"); k++) {
                Token t = all.get(sig.get(k));
                if (t.isIdentifier()) names.add(t.value());
                else if (!t.isSymbol(",")) return null;
            }
            k++;
        }
        while (k < sig.size() && all.get(sig.get(k)).isSymbol("(")) k++;
        if (k >= sig.size() || !all.get(sig.get(k)).is("SELECT")) return null;
        TableInfo info;
        try {
            info = describe.apply(database, table);
        } catch (RuntimeException unknown) {
            return null;
        }
        if (info == null) return null;
        List<String> types = new ArrayList<>();
        if (names == null) {
            for (TableInfo.ColumnInfo c : info.columns()) types.add(c.mysqlType());
            return types;
        }
        for (String name : names) {
            String type = "";
            for (TableInfo.ColumnInfo c : info.columns()) {
                if (c.name().equalsIgnoreCase(name)) type = c.mysqlType();
            }
            types.add(type);
        }
        return types;
    }

    private Token at(int s) {
        return all.get(sig.get(s));
    }

    private void call(int s, String name) {
        int open = s + 1;
        int end = matchingClose(open);
        if (end < 0) return;
        List<int[]> args = arguments(open, end);
        if (args.isEmpty()) return;
        switch (name) {
            case "ROUND" -> {
                // ROUND of a DOUBLE rounds half to even, as MySQL's (the C library's rint): ROUND(2.5e0) is 2
                if (args.size() <= 2 && isDoubleNumber(args.get(0)[0], args.get(0)[1])) {
                    replace.putIfAbsent(sig.get(s), H2Functions.internalCall("roundDouble"));
                }
            }
            case "SUM" -> {
                // MySQL adds DOUBLEs as doubles; the engine's exact DECFLOAT sum was sent as a DECIMAL
                int[] a = args.get(0);
                if (at(a[0]).is("DISTINCT") || at(a[0]).is("ALL")) a[0]++;
                // SUM(NULL) is a DOUBLE's NULL (the engine refused to sum a NULL)
                if (args.size() == 1 && a[0] <= a[1] && (isDoubleNumber(a[0], a[1]) || a[0] == a[1] && at(a[0]).is("NULL"))) {
                    replace.putIfAbsent(sig.get(s), "PUBLIC.\"" + MysqlDoubleSum.ALIAS + "\"");
                } else if (args.size() == 1 && a[0] <= a[1]) {
                    // MySQL's SUM of integers is a DECIMAL (Python's mysqlclient gives Decimal('6')),
                    // the engine's a BIGINT for columns narrower than BIGINT: adding an exact zero
                    // makes it one, a DECIMAL's scale kept
                    int last = end + 1 < sig.size() && at(end + 1).is("OVER") ? windowEnd(end + 1) : end;
                    if (last < 0) return;
                    // innermost: what other rewrites put around the call goes around the DECIMAL
                    prefix.merge(sig.get(s), "(", String::concat);
                    close.merge(sig.get(last), " + CAST(0 AS NUMERIC(1)))", (old, add) -> add + old);
                }
            }
            case "CONCAT" -> args.forEach(this::wrapIfDoubleOrTruth);
            case "LENGTH", "OCTET_LENGTH", "CHAR_LENGTH", "CHARACTER_LENGTH" -> {
                // the length of a time of fractional seconds counts all its digits (.120, not .12)
                if (args.size() == 1) wrapFractional(args.get(0));
            }
            case "GROUP_CONCAT" -> {
                for (int[] a : args) {
                    if (at(a[0]).is("DISTINCT")) a[0]++;
                    wrapIfDoubleOrTruth(a);
                }
            }
            default -> {
                // CAST(x AS CHAR…), CONVERT(x, CHAR…), CONVERT(x USING cs)
                int[] value = args.get(0);
                int k = value[0];
                int depth = 0;
                for (; k <= value[1]; k++) {
                    if (at(k).isSymbol("(")) depth++;
                    else if (at(k).isSymbol(")")) depth--;
                    else if (depth == 0 && (at(k).is("AS") || at(k).is("USING"))) break;
                }
                boolean text;
                int last;
                if (k <= value[1]) {
                    text = at(k).is("USING") || k + 1 <= value[1] && (at(k + 1).is("CHAR") || at(k + 1).is("NCHAR"));
                    last = k - 1;
                } else if (args.size() == 2) {
                    text = at(args.get(1)[0]).is("CHAR") || at(args.get(1)[0]).is("NCHAR");
                    last = value[1];
                } else {
                    return;
                }
                if (text && last >= value[0]) wrapIfDoubleOrTruth(new int[] {value[0], last});
            }
        }
    }

    /** The last sig index of {@code OVER (…)} or {@code OVER name} at {@code over}, or -1. */
    private int windowEnd(int over) {
        if (over + 1 >= sig.size()) return -1;
        return at(over + 1).isSymbol("(") ? matchingClose(over + 1) : over + 1;
    }

    /** The call's arguments between {@code open} and {@code end} as {first, last} sig indexes; for GROUP_CONCAT up to ORDER BY / SEPARATOR. */
    private List<int[]> arguments(int open, int end) {
        List<int[]> out = new ArrayList<>();
        int depth = 0;
        int start = open + 1;
        for (int k = open + 1; k < end; k++) {
            Token t = at(k);
            if (t.isSymbol("(")) depth++;
            else if (t.isSymbol(")")) depth--;
            else if (depth == 0 && (t.isSymbol(",") || t.is("ORDER") || t.is("SEPARATOR"))) {
                if (k > start) out.add(new int[] {start, k - 1});
                if (!t.isSymbol(",")) return out;
                start = k + 1;
            }
        }
        if (end > start) out.add(new int[] {start, end - 1});
        return out;
    }

    private void wrapIfDoubleOrTruth(int[] r) {
        if (wrapFractional(r) || r[1] < r[0] || !doubleOrTruth(r[0], r[1])) return;
        prefix.merge(sig.get(r[0]), H2Functions.internalCall("text") + "(", (old, add) -> add + old);
        close.merge(sig.get(r[1]), ")", String::concat);
    }

    /** A column (or current time) of fractional seconds made text with every digit, as MySQL writes it; whether it was one. */
    private boolean wrapFractional(int[] r) {
        int fsp = r[1] < r[0] ? 0 : fractionalColumn(r[0], r[1]);
        if (fsp <= 0) return false;
        prefix.merge(sig.get(r[0]), H2Functions.internalCall("temporalText") + "(", (old, add) -> add + old);
        close.merge(sig.get(r[1]), ", " + fsp + ")", String::concat);
        return true;
    }

    /** The classifier of a statement's DOUBLE expressions, for the other rewrites ({@link #isDouble}). */
    static DoubleText of(List<Token> all, List<Integer> sig, BiFunction<String, String, TableInfo> describe) {
        return new DoubleText(all, sig, Map.of(), Map.of(), Map.of(), describe);
    }

    /**
     * Whether the expression from sig index {@code first} to {@code last} is a DOUBLE (not a
     * truth) by its outermost operators and primaries, a parenthesized one by what it holds.
     */
    boolean isDouble(int first, int last) {
        return doubleOrTruth(first, last) && !truth(first, last);
    }

    /**
     * As {@link #isDouble}, where a number is wanted (an operand of arithmetic, the argument of SUM
     * or AVG): a text column alone counts, MySQL reads its text as a DOUBLE.
     */
    boolean isDoubleNumber(int first, int last) {
        if (isDouble(first, last)) return true;
        for (int k = first; k < last; k += 2) {
            if (!at(k).isIdentifier() || !at(k + 1).isSymbol(".")) return false;
        }
        if (!at(last).isIdentifier() || last - first > 4 || last + 1 < sig.size() && at(last + 1).isSymbol("(")) return false;
        String type = columnType(at(last).value());
        return type != null && text(type);
    }

    /** Whether a comparison or logical operator is the expression's outermost operator. */
    private boolean truth(int first, int last) {
        int depth = 0;
        for (int k = first; k <= last; k++) {
            Token t = at(k);
            if (t.isSymbol("(")) depth++;
            else if (t.isSymbol(")")) depth--;
            else if (depth == 0 && (t.type() == TokenType.WORD || t.type() == TokenType.SYMBOL) && TRUTHS.contains(t.upper())) {
                return true;
            }
        }
        return false;
    }

    /** Whether the expression from {@code first} to {@code last} is a DOUBLE or a truth by its outermost operators and primaries. */
    private boolean doubleOrTruth(int first, int last) {
        boolean isDouble = false;
        boolean textOperand = false;
        boolean arithmetic = false;
        boolean otherOperator = false;
        int depth = 0;
        for (int k = first; k <= last; k++) {
            Token t = at(k);
            if (t.isSymbol("(")) {
                if (depth == 0 && k > first && at(k - 1).type() == TokenType.WORD && DOUBLE_CALLS.contains(at(k - 1).upper())
                        && !(k - 1 > first && at(k - 2).isSymbol("."))) {
                    isDouble = true;
                } else if (depth == 0 && k > first && at(k - 1).type() == TokenType.WORD
                        && SAME_AS_ARGUMENT.contains(at(k - 1).upper()) && !(k - 1 > first && at(k - 2).isSymbol("."))) {
                    // SUM(f) / 2: an aggregate of a DOUBLE is one
                    int end = matchingClose(k);
                    int argument = k + 1 < last && (at(k + 1).is("DISTINCT") || at(k + 1).is("ALL")) ? k + 2 : k + 1;
                    if (end > argument && end <= last && isDoubleNumber(argument, end - 1)) isDouble = true;
                } else if (depth == 0 && !(k > first && at(k - 1).type() == TokenType.WORD)) {
                    // (f + 1) * 2: a parenthesized operand is what it holds
                    int end = matchingClose(k);
                    if (end > k + 1 && end <= last && !at(k + 1).is("SELECT") && isDouble(k + 1, end - 1)) isDouble = true;
                }
                depth++;
                continue;
            }
            if (t.isSymbol(")")) {
                depth--;
                continue;
            }
            if (depth > 0) continue;
            String key = t.type() == TokenType.WORD || t.type() == TokenType.SYMBOL ? t.upper() : null;
            if (key != null && TRUTHS.contains(key)) return true;
            if (t.type() == TokenType.NUMBER && (t.text().indexOf('e') >= 0 || t.text().indexOf('E') >= 0)) {
                isDouble = true;
            } else if (t.isIdentifier() && !(k + 1 <= last && at(k + 1).isSymbol("(")) && !(k + 1 <= last && at(k + 1).isSymbol("."))
                    && doubleColumn(t.value())) {
                isDouble = true;
            } else if (t.isIdentifier() && !(k + 1 <= last && at(k + 1).isSymbol("(")) && !(k + 1 <= last && at(k + 1).isSymbol("."))
                    && columnType(t.value()) != null && text(columnType(t.value()))) {
                // v + 1: a text column in arithmetic is a DOUBLE
                textOperand = true;
            } else if (t.type() == TokenType.SYMBOL && ARITHMETIC.contains(t.text())) {
                arithmetic = true;
            } else if (t.type() == TokenType.SYMBOL && !t.isSymbol(".")) {
                otherOperator = true;
            } else if (t.type() == TokenType.WORD && (t.is("DIV") || t.is("MOD") || t.is("CASE"))) {
                otherOperator = true;
            }
        }
        return (isDouble || textOperand && arithmetic) && !otherOperator;
    }

    /**
     * INSERT … SELECT: each select item whose column is text (CHAR, VARCHAR, TEXT) and that is a
     * DOUBLE or a truth.
     */
    private void insertSelect(List<String> targets) {
        int select = first("SELECT");
        if (select < 0) return;
        int start = select + 1;
        while (start < sig.size() && (at(start).is("DISTINCT") || at(start).is("ALL"))) start++;
        List<int[]> items = listItems(start, Set.of("FROM", "WHERE", "UNION", "GROUP", "ORDER", "LIMIT", "HAVING"));
        for (int item = 0; item < items.size() && item < targets.size(); item++) {
            int first = items.get(item)[0];
            int last = items.get(item)[1];
            // an alias does not count: x AS name, x name
            if (last - 1 >= first && at(last - 1).is("AS")) {
                last -= 2;
            } else if (last - 1 >= first && at(last).isIdentifier() && Operators.endsOperand(at(last - 1))
                    && !at(last - 1).isSymbol(".")) {
                last -= 1;
            }
            if (text(targets.get(item)) && last >= first) wrapIfDoubleOrTruth(new int[] {first, last});
        }
    }

    private static boolean text(String mysqlType) {
        String t = mysqlType.toLowerCase(Locale.ROOT);
        return t.startsWith("char") || t.startsWith("varchar") || t.endsWith("text");
    }

    private static final java.util.regex.Pattern FRACTIONAL = java.util.regex.Pattern.compile(
            "(?:datetime|timestamp|time)\\(([1-6])\\)");

    /**
     * The fractional digits of the DATETIME, TIMESTAMP or TIME column that {@code [first, last]}
     * names alone ({@code c}, {@code t.c}, {@code db.t.c}); 0 for anything else.
     */
    private int fractionalColumn(int first, int last) {
        if (last == first + 3 && CurrentTime.NAMES.contains(at(first).upper()) && at(first + 1).isSymbol("(")
                && at(first + 2).type() == io.minisqld.server.sql.TokenType.NUMBER && at(last).isSymbol(")")) {
            // NOW(3), CURTIME(6), …: the current time of that many digits, every one shown
            String digits = at(first + 2).text();
            return digits.length() == 1 && Character.isDigit(digits.charAt(0)) ? digits.charAt(0) - '0' : 0;
        }
        for (int k = first; k < last; k += 2) {
            if (!at(k).isIdentifier() || !at(k + 1).isSymbol(".")) return 0;
        }
        if (!at(last).isIdentifier() || last - first > 4) return 0;
        String type = columnType(at(last).value());
        java.util.regex.Matcher m = type == null ? null : FRACTIONAL.matcher(type);
        return m != null && m.matches() ? Integer.parseInt(m.group(1)) : 0;
    }

    private boolean doubleColumn(String name) {
        String type = columnType(name);
        return type != null && DOUBLE_TYPES.stream().anyMatch(type::startsWith);
    }

    /** The MySQL type of a column of the statement's tables, lower case; "" when they disagree, null when none has it. */
    private String columnType(String name) {
        if (columnTypes == null) columnTypes = JsonCalls.columnTypes(all, sig, describe);
        return columnTypes.get(name.toLowerCase(Locale.ROOT));
    }

    private int matchingClose(int open) {
        return MySqlToH2.matchingParen(all, sig, open);
    }
}
