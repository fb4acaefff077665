package io.minisqld.server.engine.h2;

import io.minisqld.server.error.ErrorCode;
import io.minisqld.server.error.SqlError;
import io.minisqld.server.sql.Token;
import io.minisqld.server.sql.TokenType;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A string literal where MySQL wants a number: an operand of {@code + - * / DIV % MOD}, of a unary
 * minus, an argument of a numeric function ({@code ABS('-3')}, {@code ROUND('2.567', 1)}) or
 * compared with a number literal ({@code '3' > 10}). MySQL reads it as a DOUBLE: the longest number
 * it starts with (after blanks), 0 when there is none, with warning 1292 "Truncated incorrect
 * DOUBLE value" when other characters follow — an error instead in INSERT, REPLACE and UPDATE
 * (strict mode). H2 would convert it to the other operand's type ({@code '1.5' * 2} refused as no
 * INTEGER) or not at all ({@code '10' + '20'}), so the literal is replaced by that DOUBLE.
 */
final class StringOperands {
    /** The longest number a string starts with, as MySQL's string-to-double conversion reads it. */
    static final Pattern NUMBER = Pattern.compile("^[ \\t\\n\\r]*([+-]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?)");

    private static final Set<String> ARITHMETIC = Set.of("+", "-", "*", "/", "%");

    private static final Set<String> COMPARISONS = Set.of("=", "<>", "!=", "<", "<=", ">", ">=", "<=>");

    /** MySQL's numeric functions whose arguments are all numbers. */
    private static final Set<String> NUMERIC_FUNCTIONS = Set.of("ABS", "ROUND", "FLOOR", "CEIL", "CEILING",
            "TRUNCATE", "SIGN", "SQRT", "EXP", "LN", "LOG", "LOG10", "LOG2", "POW", "POWER", "MOD", "SIN", "COS",
            "TAN", "COT", "ASIN", "ACOS", "ATAN", "ATAN2", "DEGREES", "RADIANS");

    private StringOperands() {
    }

    /**
     * Replaces (in {@code replace}) each string literal MySQL reads as a number.
     *
     * @param strict   the statement is an INSERT, REPLACE or UPDATE: a string that is not wholly a
     *                 number is an error (1292), not a warning
     * @param warnings where warnings go
     */
    static void rewrite(List<Token> all, List<Integer> sig, Map<Integer, String> replace, Set<Integer> skip,
                        boolean strict, Consumer<SqlError> warnings) {
        for (int s = 0; s < sig.size(); s++) {
            Token t = all.get(sig.get(s));
            if (t.type() != TokenType.STRING || skip.contains(sig.get(s))) continue;
            if (!plainLiteral(all, sig, s) || !numericPlace(all, sig, s)) continue;
            replace.put(sig.get(s), asDouble(t.value(), strict, warnings));
        }
    }

    /** A literal of the connection's character set that nothing binds more tightly than an operator. */
    private static boolean plainLiteral(List<Token> all, List<Integer> sig, int s) {
        if (s > 0) {
            Token before = all.get(sig.get(s - 1));
            if (before.type() == TokenType.INTRODUCER || before.type() == TokenType.STRING || before.isSymbol("->")
                    || before.isSymbol("->>") || before.is("BINARY") || before.is("INTERVAL")
                    || before.is("COLLATE") || before.is("DATE") || before.is("TIME") || before.is("TIMESTAMP")
                    || before.is("N")) {
                return false;
            }
        }
        if (s + 1 < sig.size()) {
            Token after = all.get(sig.get(s + 1));
            if (after.type() == TokenType.STRING || after.is("COLLATE")) return false;
        }
        return true;
    }

    private static boolean numericPlace(List<Token> all, List<Integer> sig, int s) {
        Token before = s > 0 ? all.get(sig.get(s - 1)) : null;
        Token after = s + 1 < sig.size() ? all.get(sig.get(s + 1)) : null;
        if (after != null && (arithmetic(after) || after.is("DIV") || after.is("MOD"))) {
            // 'date' + INTERVAL n unit is date arithmetic
            return !(s + 2 < sig.size() && all.get(sig.get(s + 2)).is("INTERVAL"));
        }
        if (before != null && (arithmetic(before) || before.is("DIV") || before.is("MOD"))) {
            // INTERVAL n unit + 'date' likewise
            return !(s >= 4 && all.get(sig.get(s - 4)).is("INTERVAL"));
        }
        if (after != null && COMPARISONS.contains(after.text()) && after.type() == TokenType.SYMBOL
                && s + 2 < sig.size() && isNumber(all, sig, s + 2)) {
            return true;
        }
        if (before != null && COMPARISONS.contains(before.text()) && before.type() == TokenType.SYMBOL && s >= 2
                && all.get(sig.get(s - 2)).type() == TokenType.NUMBER) {
            return true;
        }
        if (logicalPlace(all, sig, s, before, after) || inListBesideNumbers(all, sig, s)) return true;
        return before != null && (before.isSymbol("(") || before.isSymbol(",")) && after != null
                && (after.isSymbol(")") || after.isSymbol(",")) && inNumericCall(all, sig, s);
    }

    /**
     * {@code 1 IN ('a', 2)} and {@code 'a' IN (0, 1)}: a string literal in an IN whose other side is
     * number literals only; MySQL compares them as DOUBLEs (the engine refused, 1105).
     */
    private static boolean inListBesideNumbers(List<Token> all, List<Integer> sig, int s) {
        Token before = s > 0 ? all.get(sig.get(s - 1)) : null;
        if (before != null && (before.isSymbol("(") || before.isSymbol(","))) {
            // a member: the list's IN has a number literal before it
            int open = s - 1;
            for (int depth = 0; open >= 0; open--) {
                Token t = all.get(sig.get(open));
                if (t.isSymbol(")")) depth++;
                else if (t.isSymbol("(") && depth-- == 0) break;
            }
            int in = open - 1;
            if (in >= 1 && all.get(sig.get(in)).is("IN")) {
                int left = all.get(sig.get(in - 1)).is("NOT") ? in - 2 : in - 1;
                return left >= 0 && all.get(sig.get(left)).type() == TokenType.NUMBER
                        && !(left > 0 && (arithmetic(all.get(sig.get(left - 1))) || all.get(sig.get(left - 1)).isSymbol(".")));
            }
        }
        // the left operand: every member a number literal
        int in = s + 1 < sig.size() && all.get(sig.get(s + 1)).is("NOT") ? s + 2 : s + 1;
        if (in + 1 >= sig.size() || !all.get(sig.get(in)).is("IN") || !all.get(sig.get(in + 1)).isSymbol("(")) return false;
        if (before != null && (arithmetic(before) || before.type() == TokenType.INTRODUCER)) return false;
        boolean any = false;
        for (int k = in + 2; k < sig.size(); k++) {
            Token t = all.get(sig.get(k));
            if (t.isSymbol(")")) return any;
            if (t.type() == TokenType.NUMBER) any = true;
            else if (!t.isSymbol(",")) return false;
        }
        return false;
    }

    private static final Set<String> LOGICAL = Set.of("AND", "OR", "NOT", "XOR", "&&", "||", "!");

    static boolean logical(Token t) {
        return t != null && (t.type() == TokenType.WORD || t.type() == TokenType.SYMBOL) && LOGICAL.contains(t.upper());
    }

    /**
     * A whole operand of a logical operator ({@code 1 AND 'a'}, {@code NOT '0'}) or the condition
     * of IF ({@code IF('0', a, b)}): MySQL reads the string as a number, true when it is not 0;
     * the engine refused to make a string a truth (1105).
     */
    private static boolean logicalPlace(List<Token> all, List<Integer> sig, int s, Token before, Token after) {
        if (before != null && before.isSymbol("(") && after != null && after.isSymbol(",") && s >= 2
                && all.get(sig.get(s - 2)).is("IF") && !(s >= 3 && all.get(sig.get(s - 3)).isSymbol("."))) {
            return true;
        }
        boolean opensAfter = before == null || logical(before) || before.is("WHERE") || before.is("HAVING")
                || before.is("WHEN") || before.is("ON") || before.isSymbol("(") || before.is("SELECT")
                || before.isSymbol(",");
        boolean closesBefore = after == null || logical(after) && !after.is("NOT") && !after.isSymbol("!")
                || after.is("THEN") || after.isSymbol(")") || after.isSymbol(";")
                || after.is("ORDER") || after.is("GROUP") || after.is("LIMIT") || after.is("HAVING")
                || after.isSymbol(",") || after.is("FROM") || after.is("AS");
        // x BETWEEN 'a' AND 'b': the literals are BETWEEN's
        if (before != null && betweenAnd(all, sig, s - 1)) return false;
        boolean afterLogical = logical(after) && !betweenAnd(all, sig, s + 1);
        return opensAfter && closesBefore && (logical(before) || afterLogical);
    }

    /** Whether the AND at sig index {@code and} is the one of {@code x BETWEEN a AND b}. */
    static boolean betweenAnd(List<Token> all, List<Integer> sig, int and) {
        if (!all.get(sig.get(and)).is("AND")) return false;
        int depth = 0;
        for (int k = and - 1; k >= 0; k--) {
            Token t = all.get(sig.get(k));
            if (t.isSymbol(")")) {
                depth++;
            } else if (t.isSymbol("(")) {
                if (depth-- == 0) return false;
            } else if (depth == 0) {
                if (t.is("BETWEEN")) return true;
                if (logical(t) || t.is("WHERE") || t.is("HAVING") || t.is("ON") || t.is("WHEN") || t.is("SELECT")
                        || t.isSymbol(",")) {
                    return false;
                }
            }
        }
        return false;
    }

    private static boolean arithmetic(Token t) {
        return t.type() == TokenType.SYMBOL && ARITHMETIC.contains(t.text());
    }

    /** A number literal at {@code s}, with its sign. */
    static boolean isNumber(List<Token> all, List<Integer> sig, int s) {
        Token t = all.get(sig.get(s));
        if ((t.isSymbol("-") || t.isSymbol("+")) && s + 1 < sig.size()) t = all.get(sig.get(s + 1));
        return t.type() == TokenType.NUMBER;
    }

    /** Whether the call whose "(" is at sig index {@code open} has a number literal as a whole argument. */
    private static boolean numberArgument(List<Token> all, List<Integer> sig, int open) {
        int depth = 0;
        for (int k = open; k < sig.size(); k++) {
            Token t = all.get(sig.get(k));
            if (t.isSymbol("(")) {
                depth++;
            } else if (t.isSymbol(")")) {
                if (--depth == 0) return false;
            } else if (depth == 1 && (all.get(sig.get(k - 1)).isSymbol("(") || all.get(sig.get(k - 1)).isSymbol(","))
                    && isNumber(all, sig, k)) {
                int end = t.type() == TokenType.NUMBER ? k + 1 : k + 2;
                if (end < sig.size() && (all.get(sig.get(end)).isSymbol(",") || all.get(sig.get(end)).isSymbol(")"))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether the argument at {@code s} is one of a numeric function's (its call's name before "("). */
    private static boolean inNumericCall(List<Token> all, List<Integer> sig, int s) {
        int depth = 0;
        for (int k = s - 1; k >= 0; k--) {
            Token t = all.get(sig.get(k));
            if (t.isSymbol(")")) {
                depth++;
            } else if (t.isSymbol("(")) {
                if (depth-- > 0) continue;
                if (k == 0) return false;
                Token name = all.get(sig.get(k - 1));
                boolean qualified = k >= 2 && all.get(sig.get(k - 2)).isSymbol(".");
                if (name.type() != TokenType.WORD || qualified) return false;
                // GREATEST / LEAST of numbers and strings compare as numbers (MySQL 5.7 manual 12.3.2)
                if (name.is("GREATEST") || name.is("LEAST")) return numberArgument(all, sig, k);
                return NUMERIC_FUNCTIONS.contains(name.upper());
            }
        }
        return false;
    }

    /** The number MySQL reads a string as: the longest number it starts with, 0 when there is none. */
    static double leadingNumber(String text) {
        Matcher m = NUMBER.matcher(text);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    /**
     * The H2 text of MySQL's DOUBLE for {@code text}; warns (or, {@code strict}, fails) with 1292
     * when the text is not wholly a number. A number beyond DOUBLE's range is its largest value.
     */
    static String asDouble(String text, boolean strict, Consumer<SqlError> warnings) {
        Matcher m = NUMBER.matcher(text);
        double value = 0;
        boolean whole = false;
        if (m.find()) {
            value = Double.parseDouble(m.group(1));
            whole = text.substring(m.end()).isBlank();
        }
        if (Double.isInfinite(value)) {
            value = value > 0 ? Double.MAX_VALUE : -Double.MAX_VALUE;
            whole = false;
        }
        if (!whole) {
            SqlError truncated = ErrorCode.ER_TRUNCATED_WRONG_VALUE.error("DOUBLE", text);
            if (strict) throw truncated;
            warnings.accept(truncated);
        }
        if (value == 0) value = 0; // no -0
        return "CAST(" + value + " AS DOUBLE PRECISION)";
    }
}
