package io.minisqld.server.engine.h2;

import io.minisqld.server.engine.TableInfo;
import io.minisqld.server.sql.Token;
import io.minisqld.server.sql.TokenType;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.h2.util.DateTimeUtils;
import org.h2.value.Value;
import org.h2.value.ValueDate;
import org.h2.value.ValueNull;
import org.h2.value.ValueTime;
import org.h2.value.ValueTimestamp;
import org.h2.value.ValueTimestampTimeZone;

/**
 * The operands of MySQL's arithmetic that the engine would compute otherwise.
 *
 * <p>An integer column narrower than BIGINT beside {@code + - *} is computed in 64 bits, as MySQL
 * computes integers ({@link #widen}).
 *
 * <p>A date, datetime or time in arithmetic is its number in MySQL ({@code d + 0} is 20240131, {@code
 * now() + 0} 20240131102030, {@code t + 1} 102031, {@code d1 - d2} the difference of two such
 * numbers); the engine's {@code +} and {@code -} added days instead ({@code d + 1} was the next day,
 * {@code d + 0} the date itself), without a word. Each temporal operand of {@code + - * / DIV % MOD}
 * and of a unary minus — a DATE, DATETIME, TIMESTAMP or TIME column, a call of a function whose
 * value is a date or time (NOW(), CURDATE(), DATE(…), DATE_ADD(…), CAST(… AS DATE), MIN / MAX /
 * COALESCE / IFNULL of such a column …), and the argument of SUM and AVG — becomes its number, with
 * as many fractional digits as its type has, unless the other operand is an {@code INTERVAL}
 * (date arithmetic proper). Such a number stored into a DATE, DATETIME, TIMESTAMP or TIME column
 * (an UPDATE's or ON DUPLICATE KEY UPDATE's {@code d = d + 1}, an INSERT's VALUES) is read back as
 * MySQL reads a number there ({@code 20240116} the date 2024-01-16, {@code 20240132} MySQL's 1292).
 */
final class ArithmeticOperands {
    private static final Set<String> OPERATORS = Set.of("+", "-", "*", "/", "%", "DIV", "MOD");
    private static final Set<String> BITWISE = Set.of("&", "|", "^", "<<", ">>");
    /** The operators whose integer operands MySQL widens to 64 bits. */
    private static final Set<String> WIDENED = Set.of("+", "-", "*");
    /** Calls of the current date and time, their fractional digits the argument's (none without). */
    private static final Set<String> CURRENT = Set.of("NOW", "SYSDATE", "CURDATE", "CURTIME", "CURRENT_DATE",
            "CURRENT_TIME", "CURRENT_TIMESTAMP", "LOCALTIME", "LOCALTIMESTAMP", "UTC_DATE", "UTC_TIME", "UTC_TIMESTAMP");
    /** Of those, the ones that may stand without parentheses. */
    private static final Set<String> BARE = Set.of("CURRENT_DATE", "CURRENT_TIME", "CURRENT_TIMESTAMP", "LOCALTIME",
            "LOCALTIMESTAMP");
    /** Other calls whose value is a date, datetime or time (some the engine gives as MySQL's text). */
    private static final Set<String> TEMPORAL_CALLS = Set.of("DATE", "TIMESTAMP", "LAST_DAY", "STR_TO_DATE",
            "FROM_UNIXTIME", "DATE_ADD", "DATE_SUB", "ADDDATE", "SUBDATE", "MAKEDATE", "ADDTIME", "SUBTIME",
            "SEC_TO_TIME", "MAKETIME", "FROM_DAYS", "CONVERT_TZ", "TIMESTAMPADD");
    /** Calls whose value has their first argument's type: temporal for a temporal column. */
    private static final Set<String> SAME_TYPE = Set.of("MIN", "MAX", "ANY_VALUE", "COALESCE", "IFNULL");
    /** Aggregates that take their argument as a number: a temporal column's is its number. */
    private static final Set<String> NUMERIC_AGGREGATES = Set.of("SUM", "AVG");
    /** The types of CAST / CONVERT that make a temporal value. */
    private static final Set<String> TEMPORAL_TYPES = Set.of("DATE", "DATETIME", "TIME", "TIMESTAMP");
    /** An operand's fractional digits when its value decides them. */
    private static final int AS_GIVEN = -1;

    /** A temporal operand: its first and last sig index, and its fractional digits (or {@link #AS_GIVEN}). */
    private record Operand(int first, int last, int fsp) {
    }

    private ArithmeticOperands() {
    }

    static void rewrite(List<Token> all, List<Integer> sig, Map<Integer, String> replace, Map<Integer, String> prefix,
                        Map<Integer, String> close, Set<Integer> skip, BiFunction<String, String, TableInfo> describe) {
        Map<String, String> columns = null;
        java.util.TreeSet<Integer> wrapped = new java.util.TreeSet<>();
        for (int s = 0; s < sig.size(); s++) {
            Token t = all.get(sig.get(s));
            if (skip.contains(sig.get(s)) || (s > 0 && all.get(sig.get(s - 1)).isSymbol("."))) continue;
            boolean operator = (t.type() == TokenType.SYMBOL || t.type() == TokenType.WORD) && OPERATORS.contains(t.upper())
                    && !allColumns(all, sig, s);
            boolean aggregate = t.type() == TokenType.WORD && NUMERIC_AGGREGATES.contains(t.upper()) && s + 3 < sig.size()
                    && all.get(sig.get(s + 1)).isSymbol("(");
            boolean bitwise = t.type() == TokenType.SYMBOL && BITWISE.contains(t.text()) && s > 0 && s + 1 < sig.size();
            if (!operator && !aggregate && !bitwise) continue;
            if (columns == null) columns = JsonCalls.columnTypes(all, sig, describe);
            if (bitwise) {
                // a SET beside a bitwise operator is its number too (set_col & 1)
                setAsNumber(all, sig, prefix, close, columnBefore(all, sig, s - 1), columns);
                setAsNumber(all, sig, prefix, close, columnAfter(all, sig, s + 1), columns);
                continue;
            }
            if (operator) {
                if (nearInterval(all, sig, s)) continue;
                wrapped.addAll(wrap(all, sig, prefix, close, s > 0 ? operandBefore(all, sig, s - 1, columns) : null));
                wrapped.addAll(wrap(all, sig, prefix, close, s + 1 < sig.size() ? operandAfter(all, sig, s + 1, columns) : null));
                if (WIDENED.contains(t.upper())) {
                    widen(all, sig, prefix, close, s > 0 ? columnBefore(all, sig, s - 1) : null, columns);
                    widen(all, sig, prefix, close, s + 1 < sig.size() ? columnAfter(all, sig, s + 1) : null, columns);
                    widenLiterals(all, sig, prefix, close, s);
                    unsignedResult(all, sig, replace, prefix, close, s, columns);
                }
                textAsNumber(all, sig, prefix, close, s > 0 ? columnBefore(all, sig, s - 1) : null, columns);
                textAsNumber(all, sig, prefix, close, s + 1 < sig.size() ? columnAfter(all, sig, s + 1) : null, columns);
                stringCallAsNumber(all, sig, prefix, close, s > 0 ? stringCallBefore(all, sig, s - 1) : null);
                stringCallAsNumber(all, sig, prefix, close, s + 1 < sig.size() ? stringCallAfter(all, sig, s + 1) : null);
            } else {
                // SUM(d) and AVG(d) add the numbers (the engine refused a date: 1105)
                int first = all.get(sig.get(s + 2)).is("DISTINCT") ? s + 3 : s + 2;
                Operand argument = operandAfter(all, sig, first, columns);
                if (argument != null && argument.last() + 1 < sig.size() && all.get(sig.get(argument.last() + 1)).isSymbol(")")) {
                    wrap(all, sig, prefix, close, argument);
                }
                // SUM(text) and AVG(text) add the numbers the texts start with (1105 likewise)
                int[] text = columnAfter(all, sig, first);
                if (text != null && text[1] + 1 < sig.size() && all.get(sig.get(text[1] + 1)).isSymbol(")")) {
                    textAsNumber(all, sig, prefix, close, text, columns);
                }
            }
        }
        if (!wrapped.isEmpty()) storedNumbers(all, sig, prefix, close, wrapped, columns, describe);
    }

    /**
     * An integer column narrower than BIGINT beside {@code + - *}: MySQL computes integers in 64 bits
     * ({@code int_col * int_col} past 2^31, {@code tinyint_col * tinyint_col} past 127), the engine
     * in the column's type, which refused the result (1105 "Numeric value out of range").
     */
    private static void widen(List<Token> all, List<Integer> sig, Map<Integer, String> prefix, Map<Integer, String> close,
                              int[] column, Map<String, String> columns) {
        if (column == null) return;

        String type = columns.get(all.get(sig.get(column[1])).value().toLowerCase(Locale.ROOT));
        if (type == null || !(type.startsWith("tinyint") || type.startsWith("smallint") || type.startsWith("mediumint")
                || type.startsWith("int"))) {
            return;
        }
        prefix.merge(sig.get(column[0]), "CAST(", (old, add) -> add + old);
        close.merge(sig.get(column[1]), " AS BIGINT)", String::concat);
    }

    /**
     * A text column in arithmetic ({@code v + 1}, {@code SUM(v)}): MySQL reads it as the DOUBLE it
     * starts with, the engine converted it to the other operand's type and failed on the first value
     * that was no number, or refused to add text at all (1105).
     */
    private static void textAsNumber(List<Token> all, List<Integer> sig, Map<Integer, String> prefix,
                                     Map<Integer, String> close, int[] column, Map<String, String> columns) {
        if (column == null) return;
        if (setAsNumber(all, sig, prefix, close, column, columns)) return;
        String type = columns.get(all.get(sig.get(column[1])).value().toLowerCase(Locale.ROOT));
        if (type == null || !NumericComparisons.isText(type)) return;
        prefix.merge(sig.get(column[0]), H2Functions.internalCall("textDouble") + "(", (old, add) -> add + old);
        close.merge(sig.get(column[1]), ")", String::concat);
    }

    /**
     * A call of a string function in arithmetic ({@code ELT(1, 1.1, 2) + 0}, {@code CONCAT('3', 4) * 2}):
     * MySQL reads its result as the DOUBLE it starts with, as a text column's; the engine converted
     * it to the other operand's type and failed (1105 "Data conversion error converting "1.1"").
     */
    private static void stringCallAsNumber(List<Token> all, List<Integer> sig, Map<Integer, String> prefix,
                                           Map<Integer, String> close, int[] call) {
        if (call == null) return;
        prefix.merge(sig.get(call[0]), H2Functions.internalCall("textDouble") + "(", (old, add) -> add + old);
        close.merge(sig.get(call[1]), ")", String::concat);
    }

    /** {name, ")"} sig indexes of a string function's call ending at {@code end}, or null. */
    private static int[] stringCallBefore(List<Token> all, List<Integer> sig, int end) {
        if (!all.get(sig.get(end)).isSymbol(")")) return null;
        int open = MySqlToH2.matchingOpenParen(all, sig, end);
        return open > 0 && stringCall(all, sig, open - 1) ? new int[] {open - 1, end} : null;
    }

    /** {name, ")"} sig indexes of a string function's call starting at {@code start}, or null. */
    private static int[] stringCallAfter(List<Token> all, List<Integer> sig, int start) {
        if (start + 1 >= sig.size() || !stringCall(all, sig, start) || !all.get(sig.get(start + 1)).isSymbol("(")) return null;
        int close = MySqlToH2.matchingParen(all, sig, start + 1);
        return close < 0 ? null : new int[] {start, close};
    }

    private static boolean stringCall(List<Token> all, List<Integer> sig, int name) {
        Token t = all.get(sig.get(name));
        return t.type() == TokenType.WORD && MixedResults.STRING_CALLS.contains(t.upper())
                && !(name > 0 && all.get(sig.get(name - 1)).isSymbol("."));
    }

    /** A SET column is the number of its members' bits ({@link SetColumns#asNumber}); whether it was one. */
    private static boolean setAsNumber(List<Token> all, List<Integer> sig, Map<Integer, String> prefix,
                                       Map<Integer, String> close, int[] column, Map<String, String> columns) {
        if (column == null) return false;
        String[] set = SetColumns.asNumber(columns.get(all.get(sig.get(column[1])).value().toLowerCase(Locale.ROOT)));
        if (set == null) return false;
        prefix.merge(sig.get(column[0]), set[0], (old, add) -> add + old);
        close.merge(sig.get(column[1]), set[1], String::concat);
        return true;
    }

    /**
     * Two integer literals around {@code + - *} at sig index {@code s} ({@code 2147483647 + 1}):
     * MySQL computes them in 64 bits, the engine in its INTEGER, which refused 2^31 (1105); the
     * left one becomes a BIGINT.
     */
    private static void widenLiterals(List<Token> all, List<Integer> sig, Map<Integer, String> prefix,
                                      Map<Integer, String> close, int s) {
        if (s < 1 || s + 1 >= sig.size() || !integerLiteral(all.get(sig.get(s - 1)))
                || !integerLiteral(all.get(sig.get(s + 1)))) {
            return;
        }
        if (s >= 2 && (all.get(sig.get(s - 2)).isSymbol(".") || BINDS_TIGHTER.contains(all.get(sig.get(s - 2)).text()))) {
            return;
        }
        long a = Long.parseLong(all.get(sig.get(s - 1)).text());
        long b = Long.parseLong(all.get(sig.get(s + 1)).text());
        String op = all.get(sig.get(s)).text();
        // a result the engine's INTEGER holds, the left literal negated or not, keeps the text as it is
        if (fitsInteger(op, a, b) && fitsInteger(op, -a, b)) return;
        prefix.merge(sig.get(s - 1), "CAST(", (old, add) -> add + old);
        close.merge(sig.get(s - 1), " AS BIGINT)", String::concat);
    }

    /** Operators that would take an operand next to {@code a - b} instead of the minus. */
    private static final Set<String> NEIGHBOURS = Set.of("+", "-", "*", "/", "%", "^", "&", "|", "<<", ">>", "DIV",
            "MOD", "~", "!", "BINARY", "COLLATE");

    /**
     * {@code a - b} of an UNSIGNED integer column and an integer column or literal (either way
     * round), and {@code a + b}, {@code a * b} where one is a BIGINT UNSIGNED column: MySQL's result
     * is unsigned, and outside 0 … 2^64 − 1 it is 1690 "BIGINT UNSIGNED value is out of range in
     * '(a - b)'" (12.6.1; NO_UNSIGNED_SUBTRACTION is refused); the engine computed it signed, or
     * past 64 bits ({@link StringFunctions#unsignedDifference}, {@link StringFunctions#unsignedArithmetic}).
     * Left as it is when either side is more than the column or literal, or another operator takes it.
     */
    private static void unsignedResult(List<Token> all, List<Integer> sig, Map<Integer, String> replace,
                                       Map<Integer, String> prefix, Map<Integer, String> close, int s,
                                       Map<String, String> columns) {
        int[] left = s > 0 ? integerOperandBefore(all, sig, s - 1, columns) : null;
        int[] right = s + 1 < sig.size() ? integerOperandAfter(all, sig, s + 1, columns) : null;
        if (left == null || right == null || left[2] + right[2] == 0) return;
        boolean big = left[2] == 2 || right[2] == 2;
        String op = all.get(sig.get(s)).text();
        if (!big && !op.equals("-")) return;
        if (left[0] > 0 && NEIGHBOURS.contains(all.get(sig.get(left[0] - 1)).upper())) return;
        if (right[1] + 1 < sig.size() && NEIGHBOURS.contains(all.get(sig.get(right[1] + 1)).upper())) return;
        if (replace.containsKey(sig.get(s))) return;
        StringBuilder text = new StringBuilder("(");
        for (int i = sig.get(left[0]); i <= sig.get(right[1]); i++) text.append(all.get(i).text());
        prefix.merge(sig.get(left[0]), H2Functions.internalCall(big ? "unsignedArithmetic" : "unsignedDifference") + "(",
                (old, add) -> add + old);
        replace.put(sig.get(s), ", ");
        close.merge(sig.get(right[1]), (big ? ", " + MySqlToH2.quote(op) : "") + ", "
                + MySqlToH2.quote(text.append(")").toString()) + ")", String::concat);
    }

    /**
     * {first, last, 1 if an UNSIGNED narrow integer column, 2 if a BIGINT UNSIGNED one, else 0} of an
     * integer column or literal ending at {@code end}.
     */
    private static int[] integerOperandBefore(List<Token> all, List<Integer> sig, int end, Map<String, String> columns) {
        if (integerLiteral(all.get(sig.get(end)))) return new int[] {end, end, 0};
        int[] c = columnBefore(all, sig, end);
        return c == null ? null : integerColumn(all, sig, c, columns);
    }

    private static int[] integerOperandAfter(List<Token> all, List<Integer> sig, int start, Map<String, String> columns) {
        if (integerLiteral(all.get(sig.get(start)))) return new int[] {start, start, 0};
        int[] c = columnAfter(all, sig, start);
        return c == null ? null : integerColumn(all, sig, c, columns);
    }

    private static int[] integerColumn(List<Token> all, List<Integer> sig, int[] c, Map<String, String> columns) {
        String type = columns.get(all.get(sig.get(c[1])).value().toLowerCase(Locale.ROOT));
        if (type == null || !(type.startsWith("tinyint") || type.startsWith("smallint") || type.startsWith("mediumint")
                || type.startsWith("int") || type.startsWith("bigint"))) {
            return null;
        }
        boolean unsigned = type.contains("unsigned");
        // a BIGINT UNSIGNED's values pass 2^63: 2
        return new int[] {c[0], c[1], unsigned ? type.startsWith("bigint") ? 2 : 1 : 0};
    }

    private static boolean fitsInteger(String op, long a, long b) {
        long result = op.equals("+") ? a + b : op.equals("-") ? a - b : a * b;
        return result >= Integer.MIN_VALUE && result <= Integer.MAX_VALUE;
    }

    /** Operators whose operand a literal before {@code + - *} would be instead. */
    private static final Set<String> BINDS_TIGHTER = Set.of("*", "/", "%", "^", "DIV", "MOD");

    private static boolean integerLiteral(Token t) {
        return t.type() == TokenType.NUMBER && !t.text().isEmpty() && t.text().length() <= 10
                && t.text().chars().allMatch(Character::isDigit);
    }

    /** The (qualified) column name ending at {@code end} as {first, last}, or null. */
    static int[] columnBefore(List<Token> all, List<Integer> sig, int end) {
        if (!all.get(sig.get(end)).isIdentifier() || all.get(sig.get(end)).type() == TokenType.WORD
                && BARE.contains(all.get(sig.get(end)).upper())) {
            return null;
        }
        int start = end;
        while (start >= 2 && all.get(sig.get(start - 1)).isSymbol(".") && all.get(sig.get(start - 2)).isIdentifier()) {
            start -= 2;
        }
        return new int[] {start, end};
    }

    /** The (qualified) column name starting at {@code start} as {first, last}, or null. */
    static int[] columnAfter(List<Token> all, List<Integer> sig, int start) {
        if (!all.get(sig.get(start)).isIdentifier()) return null;
        int end = start;
        while (end + 2 < sig.size() && all.get(sig.get(end + 1)).isSymbol(".") && all.get(sig.get(end + 2)).isIdentifier()) {
            end += 2;
        }
        if (end + 1 < sig.size() && all.get(sig.get(end + 1)).isSymbol("(")) return null;
        return new int[] {start, end};
    }

    /** Wraps a temporal operand; the sig indexes it covers. */
    private static List<Integer> wrap(List<Token> all, List<Integer> sig, Map<Integer, String> prefix,
                                      Map<Integer, String> close, Operand operand) {
        if (operand == null) return List.of();
        prefix.merge(sig.get(operand.first()), H2Functions.internalCall("temporalNumber") + "(", (old, add) -> add + old);
        close.merge(sig.get(operand.last()), ", " + operand.fsp() + ")", String::concat);
        return List.of(operand.first(), operand.last());
    }

    /**
     * The values of temporal columns that hold a temporal number ({@code wrapped}: sig indexes of
     * wrapped operands): an assignment's {@code col = expr} (UPDATE … SET, ON DUPLICATE KEY
     * UPDATE) and an INSERT's VALUES by their column list (or the table's columns), each read back
     * as MySQL reads a number stored there.
     */
    private static void storedNumbers(List<Token> all, List<Integer> sig, Map<Integer, String> prefix,
                                      Map<Integer, String> close, java.util.NavigableSet<Integer> wrapped,
                                      Map<String, String> columns, BiFunction<String, String, TableInfo> describe) {
        List<int[]> values = new java.util.ArrayList<>();
        List<String> targets = new java.util.ArrayList<>();
        storedValues(all, sig, describe, values, targets);
        for (int i = 0; i < values.size(); i++) {
            int[] v = values.get(i);
            String type = columns.get(targets.get(i).toLowerCase(Locale.ROOT));
            if (v[1] < v[0] || columnFsp(type) < 0) continue;
            Integer inside = wrapped.ceiling(v[0]);
            if (inside == null || inside > v[1]) continue;
            String kind = type.startsWith("time") && !type.startsWith("timestamp") ? "time"
                    : type.startsWith("date") && !type.startsWith("datetime") ? "date" : "datetime";
            prefix.merge(sig.get(v[0]), H2Functions.internalCall("temporalFromNumber") + "(", (old, add) -> add + old);
            close.merge(sig.get(v[1]), ", '" + kind + "', " + MySqlToH2.quote(targets.get(i)) + ")", String::concat);
        }
    }

    /**
     * The values an UPDATE's SET or ON DUPLICATE KEY UPDATE assigns ({@code col = expr}) and an
     * INSERT's VALUES rows give, by their column list (or the table's columns): each value's first
     * and last sig index into {@code values}, its column's name into {@code targets}.
     */
    static void storedValues(List<Token> all, List<Integer> sig, BiFunction<String, String, TableInfo> describe,
                             List<int[]> values, List<String> targets) {
        for (int s = 0; s < sig.size(); s++) {
            Token t = all.get(sig.get(s));
            boolean assignments = (t.is("SET") && s > 0 && updateBefore(all, sig, s))
                    || (t.is("UPDATE") && s >= 2 && all.get(sig.get(s - 1)).is("KEY") && all.get(sig.get(s - 2)).is("DUPLICATE"));
            if (assignments) {
                int k = s + 1;
                while (k < sig.size()) {
                    int eq = k;
                    while (eq < sig.size() && (all.get(sig.get(eq)).isIdentifier() || all.get(sig.get(eq)).isSymbol("."))) eq++;
                    if (eq == k || eq >= sig.size() || !all.get(sig.get(eq)).isSymbol("=")) break;
                    int end = expressionEnd(all, sig, eq + 1);
                    values.add(new int[] {eq + 1, end - 1});
                    targets.add(all.get(sig.get(eq - 1)).value());
                    if (end < sig.size() && all.get(sig.get(end)).isSymbol(",")) k = end + 1;
                    else break;
                }
            } else if (t.is("VALUES") && s + 1 < sig.size() && all.get(sig.get(s + 1)).isSymbol("(")) {
                List<String> names = insertColumns(all, sig, s, describe);
                int k = s + 1;
                while (k < sig.size() && all.get(sig.get(k)).isSymbol("(") && names != null) {
                    int closing = MySqlToH2.matchingParen(all, sig, k);
                    if (closing < 0) break;
                    int from = k + 1;
                    for (int i = 0; from < closing; i++) {
                        int end = Math.min(expressionEnd(all, sig, from), closing);
                        if (i < names.size()) {
                            values.add(new int[] {from, end - 1});
                            targets.add(names.get(i));
                        }
                        from = end + 1;
                    }
                    k = closing + 1;
                    if (k < sig.size() && all.get(sig.get(k)).isSymbol(",")) k++;
                }
            }
        }
    }

    /** Whether the SET at {@code s} is an UPDATE's (not a SET column type or SET statement). */
    private static boolean updateBefore(List<Token> all, List<Integer> sig, int s) {
        for (int k = s - 1; k >= 0; k--) {
            if (all.get(sig.get(k)).is("UPDATE")) return true;
            if (all.get(sig.get(k)).isSymbol("(") || all.get(sig.get(k)).is("SELECT")) return false;
        }
        return false;
    }

    /** Where the expression starting at {@code from} ends: the sig index of the comma, WHERE … or ")" after it. */
    static int expressionEnd(List<Token> all, List<Integer> sig, int from) {
        int depth = 0;
        int e = from;
        for (; e < sig.size(); e++) {
            Token t = all.get(sig.get(e));
            if (t.isSymbol("(")) depth++;
            else if (t.isSymbol(")") && --depth < 0) break;
            else if (depth == 0 && (t.isSymbol(",") || t.is("WHERE") || t.is("ORDER") || t.is("LIMIT") || t.is("ON"))) break;
        }
        return e;
    }

    /** The columns an INSERT's VALUES at {@code values} fill: its column list, else its table's; null if unknown. */
    static List<String> insertColumns(List<Token> all, List<Integer> sig, int values,
                                              BiFunction<String, String, TableInfo> describe) {
        if (all.get(sig.get(values - 1)).isSymbol(")")) {
            int open = MySqlToH2.matchingOpenParen(all, sig, values - 1);
            if (open < 0) return null;
            List<String> names = new java.util.ArrayList<>();
            for (int k = open + 1; k < values - 1; k++) {
                if (all.get(sig.get(k)).isIdentifier()) names.add(all.get(sig.get(k)).value());
            }
            return names;
        }
        Token table = all.get(sig.get(values - 1));
        if (!table.isIdentifier() || describe == null) return null;
        String db = values >= 3 && all.get(sig.get(values - 2)).isSymbol(".") ? all.get(sig.get(values - 3)).value() : null;
        TableInfo info;
        try {
            info = describe.apply(db, table.value());
        } catch (RuntimeException unknown) {
            return null;
        }
        if (info == null) return null;
        List<String> names = new java.util.ArrayList<>();
        for (TableInfo.ColumnInfo c : info.columns()) names.add(c.name());
        return names;
    }

    /**
     * A number stored into a temporal column of {@code kind} (date, datetime, time), as MySQL reads
     * it: YYYYMMDD (or YYMMDD), YYYYMMDDhhmmss (or YYMMDDhhmmss), hhmmss; MySQL's text of it, which
     * the column takes. 1292 naming {@code column} for a number that is no such value.
     */
    static String fromNumber(BigDecimal n, String kind, String column) {
        if (n == null) return null;
        String shown = n.toPlainString();
        BigDecimal whole = n.setScale(0, java.math.RoundingMode.DOWN);
        String fraction = n.scale() > 0 ? shown.substring(shown.indexOf('.')) : "";
        try {
            if (n.signum() < 0 && !kind.equals("time")) throw new java.time.DateTimeException(shown);
            if (kind.equals("time")) {
                long v = whole.abs().longValueExact();
                long h = v / 10000;
                long m = v / 100 % 100;
                long sec = v % 100;
                if (m > 59 || sec > 59 || h > 838) throw new java.time.DateTimeException(shown);
                return (n.signum() < 0 ? "-" : "") + String.format("%02d:%02d:%02d", h, m, sec) + fraction;
            }
            // MySQL's ranges (number_to_datetime): YYMMDD, YYYYMMDD, YYMMDDhhmmss, YYYYMMDDhhmmss,
            // a two-digit year 00-69 in 2000-2069 and 70-99 in 1970-1999; the numbers between the
            // ranges are no date (101 is 2000-01-01 and 101000000 2000-01-01 00:00:00; digit
            // counts had read 101 as year 0 and refused nine digits)
            long nr = whole.longValueExact();
            long full;
            boolean withTime = true;
            if (nr >= 10000101000000L && nr <= 99999999999999L) full = nr;
            else if (nr < 101 || nr > 99999999999999L) throw new java.time.DateTimeException(shown);
            else if (nr <= 691231L) full = (nr + 20000000L) * 1000000L;
            else if (nr < 700101L) throw new java.time.DateTimeException(shown);
            else if (nr <= 991231L) full = (nr + 19000000L) * 1000000L;
            else if (nr < 10000101L) throw new java.time.DateTimeException(shown);
            else if (nr <= 99991231L) full = nr * 1000000L;
            else if (nr < 101000000L) throw new java.time.DateTimeException(shown);
            else if (nr <= 691231235959L) full = nr + 20000000000000L;
            else if (nr < 700101000000L) throw new java.time.DateTimeException(shown);
            else if (nr <= 991231235959L) full = nr + 19000000000000L;
            else full = nr;
            if (nr <= 99991231L) withTime = false;
            String date = String.format("%08d", full / 1000000L);
            String time = withTime ? String.format("%06d", full % 1000000L) : "";
            java.time.LocalDate d = java.time.LocalDate.of(Integer.parseInt(date.substring(0, 4)),
                    Integer.parseInt(date.substring(4, 6)), Integer.parseInt(date.substring(6, 8)));
            if (kind.equals("date")) return d.toString();
            java.time.LocalTime t = time.isEmpty() ? java.time.LocalTime.MIDNIGHT : java.time.LocalTime.of(
                    Integer.parseInt(time.substring(0, 2)), Integer.parseInt(time.substring(2, 4)),
                    Integer.parseInt(time.substring(4, 6)));
            return d + " " + t.format(java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss")) + fraction;
        } catch (java.time.DateTimeException | ArithmeticException | NumberFormatException e) {
            throw io.minisqld.server.error.ErrorCode.ER_TRUNCATED_WRONG_VALUE_FOR_COLUMN.error(kind, shown, column, RowLogTrigger.currentRow());
        }
    }

    /** Whether the token at {@code s} is the {@code *} of SELECT *, t.* or COUNT(*), no product. */
    private static boolean allColumns(List<Token> all, List<Integer> sig, int s) {
        if (!all.get(sig.get(s)).isSymbol("*")) return false;
        if (s == 0) return true;
        Token before = all.get(sig.get(s - 1));
        return before.is("SELECT") || before.is("DISTINCT") || before.isSymbol(",") || before.isSymbol("(")
                || before.isSymbol(".") || before.is("ALL");
    }

    /** Whether an INTERVAL stands beside the operator at {@code s} (INTERVAL n unit ± d, d ± INTERVAL n unit). */
    private static boolean nearInterval(List<Token> all, List<Integer> sig, int s) {
        if (s + 1 < sig.size() && all.get(sig.get(s + 1)).is("INTERVAL")) return true;
        for (int k = s - 1; k >= Math.max(0, s - 4); k--) {
            Token t = all.get(sig.get(k));
            if (t.is("INTERVAL")) return true;
            // an INTERVAL inside a call before the operator (DATE_ADD(d, INTERVAL 1 DAY) + 0) is the call's
            if (t.isSymbol(")") || t.isSymbol("(") || t.isSymbol(",")) return false;
        }
        return false;
    }

    /** The temporal operand ending at {@code end}, or null. */
    private static Operand operandBefore(List<Token> all, List<Integer> sig, int end, Map<String, String> columns) {
        Token last = all.get(sig.get(end));
        if (last.isSymbol(")")) {
            int open = MySqlToH2.matchingOpenParen(all, sig, end);
            return open < 1 ? null : call(all, sig, open - 1, end, columns);
        }
        if (last.type() == TokenType.WORD && BARE.contains(last.upper()) && !(end > 0 && all.get(sig.get(end - 1)).isSymbol("."))) {
            return new Operand(end, end, 0);
        }
        if (last.type() == TokenType.STRING && end > 0 && typedLiteral(all.get(sig.get(end - 1)))) {
            return new Operand(end - 1, end, AS_GIVEN);
        }
        if (!last.isIdentifier()) return null;
        int fsp = columnFsp(columns.get(last.value().toLowerCase(Locale.ROOT)));
        if (fsp < 0) return null;
        int start = end;
        while (start >= 2 && all.get(sig.get(start - 1)).isSymbol(".") && all.get(sig.get(start - 2)).isIdentifier()) {
            start -= 2;
        }
        return new Operand(start, end, fsp);
    }

    /** The temporal operand starting at {@code start}, or null. */
    private static Operand operandAfter(List<Token> all, List<Integer> sig, int start, Map<String, String> columns) {
        Token first = all.get(sig.get(start));
        if (start + 1 < sig.size() && all.get(sig.get(start + 1)).isSymbol("(")) {
            int close = MySqlToH2.matchingParen(all, sig, start + 1);
            return close < 0 ? null : call(all, sig, start, close, columns);
        }
        if (first.type() == TokenType.WORD && BARE.contains(first.upper())) return new Operand(start, start, 0);
        if (typedLiteral(first) && start + 1 < sig.size() && all.get(sig.get(start + 1)).type() == TokenType.STRING) {
            return new Operand(start, start + 1, AS_GIVEN);
        }
        if (!first.isIdentifier()) return null;
        int end = start;
        while (end + 2 < sig.size() && all.get(sig.get(end + 1)).isSymbol(".") && all.get(sig.get(end + 2)).isIdentifier()) {
            end += 2;
        }
        int fsp = columnFsp(columns.get(all.get(sig.get(end)).value().toLowerCase(Locale.ROOT)));
        return fsp < 0 ? null : new Operand(start, end, fsp);
    }

    /**
     * The keyword of a date literal, {@code DATE '2024-01-01'} (TIME '…' and TIMESTAMP '…' the
     * translation casts to their digits, which a wrap here would cut: left as they are).
     */
    private static boolean typedLiteral(Token t) {
        return t.type() == TokenType.WORD && t.is("DATE");
    }

    /** The call {@code name ( … )} ending at {@code close} as a temporal operand, or null when its value is none. */
    private static Operand call(List<Token> all, List<Integer> sig, int name, int close, Map<String, String> columns) {
        Token t = all.get(sig.get(name));
        if (t.type() != TokenType.WORD || (name > 0 && all.get(sig.get(name - 1)).isSymbol("."))) return null;
        if (CURRENT.contains(t.upper())) {
            Token digits = all.get(sig.get(close - 1));
            return new Operand(name, close, close == name + 3 && digits.type() == TokenType.NUMBER
                    ? Integer.parseInt(digits.text()) : 0);
        }
        if (TEMPORAL_CALLS.contains(t.upper())) return new Operand(name, close, AS_GIVEN);
        if ((t.is("CAST") || t.is("CONVERT")) && close - 2 > name) {
            // … AS DATETIME) or … AS DATETIME(3))
            int type = close - 1;
            int fsp = 0;
            if (all.get(sig.get(type)).isSymbol(")") && type - 3 > name && all.get(sig.get(type - 2)).isSymbol("(")) {
                Token n = all.get(sig.get(type - 1));
                fsp = n.type() == TokenType.NUMBER ? Integer.parseInt(n.text()) : 0;
                type -= 3;
            }
            Token before = all.get(sig.get(type - 1));
            return TEMPORAL_TYPES.contains(all.get(sig.get(type)).upper()) && (before.is("AS") || before.isSymbol(","))
                    ? new Operand(name, close, fsp) : null;
        }
        if (SAME_TYPE.contains(t.upper()) && name + 2 < close) {
            Operand argument = operandAfter(all, sig, name + 2, columns);
            if (argument == null) return null;
            Token after = all.get(sig.get(argument.last() + 1));
            return after.isSymbol(")") || after.isSymbol(",") ? new Operand(name, close, argument.fsp()) : null;
        }
        return null;
    }

    /** A column type's fractional digits (SHOW COLUMNS' form: date, datetime(3), time …), -1 for no temporal type. */
    private static int columnFsp(String mysqlType) {
        if (mysqlType == null || !(mysqlType.startsWith("date") || mysqlType.startsWith("time"))) return -1;
        int open = mysqlType.indexOf('(');
        return open < 0 ? 0 : Integer.parseInt(mysqlType.substring(open + 1, mysqlType.indexOf(')', open)).trim());
    }

    /** MySQL's text of a date, datetime or time, as some of the engine's functions give their value. */
    private static final Pattern TEXT = Pattern.compile(
            "(?:(\\d{4})-(\\d{2})-(\\d{2}))?(?:(?:^|\\s)(-)?(\\d{1,3}):(\\d{2}):(\\d{2})(?:\\.(\\d{1,6}))?)?");

    /**
     * The number MySQL makes of a date (YYYYMMDD), datetime (YYYYMMDDhhmmss) or time (hhmmss), with
     * {@code fsp} fractional digits ({@link #AS_GIVEN}: as the value has them); a date or time
     * given as MySQL's text likewise; another value as a number.
     */
    static BigDecimal number(Value v, int fsp) {
        if (v == ValueNull.INSTANCE) return null;
        if (v instanceof ValueDate d) return BigDecimal.valueOf(date(d.getDateValue()));
        if (v instanceof ValueTime t) return time(0, t.getNanos(), fsp);
        if (v instanceof ValueTimestamp ts) return time(date(ts.getDateValue()), ts.getTimeNanos(), fsp);
        if (v instanceof ValueTimestampTimeZone ts) return time(date(ts.getDateValue()), ts.getTimeNanos(), fsp);
        if (v.getValueType() == Value.VARCHAR) {
            Matcher m = TEXT.matcher(v.getString().strip());
            if (m.matches() && (m.group(1) != null || m.group(5) != null)) {
                long date = m.group(1) == null ? 0 : Long.parseLong(m.group(1) + m.group(2) + m.group(3));
                if (m.group(5) == null) return BigDecimal.valueOf(date);
                String fraction = m.group(8) == null ? "" : m.group(8);
                BigDecimal n = new BigDecimal(date * 1_000_000L + Long.parseLong(m.group(5)) * 10000L
                        + Long.parseLong(m.group(6)) * 100L + Long.parseLong(m.group(7))
                        + (fraction.isEmpty() ? "" : "." + fraction));
                if (fsp >= 0) n = n.setScale(fsp, java.math.RoundingMode.DOWN);
                return m.group(4) != null ? n.negate() : n;
            }
        }
        return v.getBigDecimal();
    }

    private static long date(long dateValue) {
        return DateTimeUtils.yearFromDateValue(dateValue) * 10000L + DateTimeUtils.monthFromDateValue(dateValue) * 100L
                + DateTimeUtils.dayFromDateValue(dateValue);
    }

    /** {@code date} (0 for none) and the time of day as YYYYMMDDhhmmss[.f]. */
    private static BigDecimal time(long date, long nanosOfDay, int fsp) {
        long seconds = nanosOfDay / 1_000_000_000L;
        long whole = date * 1_000_000L + seconds / 3600 * 10000L + seconds / 60 % 60 * 100L + seconds % 60;
        BigDecimal n = BigDecimal.valueOf(whole).add(BigDecimal.valueOf(nanosOfDay % 1_000_000_000L, 9));
        if (fsp >= 0) return n.setScale(fsp, java.math.RoundingMode.DOWN);
        n = n.stripTrailingZeros();
        return n.scale() < 0 ? n.setScale(0) : n;
    }
}
