package io.minisqld.server.engine.h2;

import io.minisqld.server.sql.Token;
import io.minisqld.server.sql.TokenType;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * MySQL's operators whose H2 spelling means something else or nothing: {@code a / b} divides
 * exactly (H2 divides integers as integers: {@code 1/3} would be 0, MySQL's is 0.3333), {@code ||}
 * and {@code &&} are OR and AND (H2 reads {@code ||} as concatenation), {@code <=>} is NULL-safe
 * equality, and the bitwise {@code & | ^ << >> ~} are the server's 64-bit unsigned functions
 * ({@link StringFunctions#bitAnd} …).
 * An operator that needs a function call finds its operands by MySQL's precedence over the
 * statement's tokens: the left one extends over operators that bind at least as tightly, the
 * right one over those that bind more tightly.
 */
final class Operators {
    /** MySQL's binding strength of the binary operators (higher binds tighter), MySQL manual 12.4.1. */
    private static final Map<String, Integer> BINARY = Map.ofEntries(
            Map.entry("^", 11),
            Map.entry("*", 10), Map.entry("/", 10), Map.entry("%", 10), Map.entry("DIV", 10), Map.entry("MOD", 10),
            Map.entry("+", 9), Map.entry("-", 9),
            Map.entry("<<", 8), Map.entry(">>", 8),
            Map.entry("&", 7),
            Map.entry("|", 6),
            Map.entry("=", 5), Map.entry("<=>", 5), Map.entry(">=", 5), Map.entry(">", 5), Map.entry("<=", 5),
            Map.entry("<", 5), Map.entry("<>", 5), Map.entry("!=", 5), Map.entry("IS", 5), Map.entry("LIKE", 5),
            Map.entry("REGEXP", 5), Map.entry("RLIKE", 5), Map.entry("IN", 5),
            Map.entry("BETWEEN", 4),
            Map.entry("AND", 3), Map.entry("&&", 3),
            Map.entry("XOR", 2),
            Map.entry("OR", 1), Map.entry("||", 1));

    /** Operators a NOT can stand before: {@code a NOT IN (…)}. */
    private static final Set<String> NEGATABLE = Set.of("IN", "LIKE", "BETWEEN", "REGEXP", "RLIKE");

    /** Binding strength of NOT (between BETWEEN and AND): an operand of a looser operator takes it in. */
    private static final int NOT_PRECEDENCE = 4;

    /** Operators rewritten as a call: MySQL spelling → H2 function ({@code /} is the server's). */
    private static final Map<String, String> AS_CALL = Map.of("&", H2Functions.internalCall("bitAnd"),
            "|", H2Functions.internalCall("bitOr"), "^", H2Functions.internalCall("bitXor"),
            "<<", H2Functions.internalCall("shiftLeft"), ">>", H2Functions.internalCall("shiftRight"));

    /** Words that end an operand when met while scanning (clauses, not values). */
    private static final Set<String> NOT_OPERANDS = Set.of("SELECT", "FROM", "WHERE", "AND", "OR", "XOR", "NOT",
            "IS", "IN", "LIKE", "BETWEEN", "REGEXP", "RLIKE", "AS", "ON", "USING", "SET", "VALUES", "VALUE", "THEN",
            "ELSE", "WHEN", "CASE", "END", "GROUP", "ORDER", "BY", "HAVING", "LIMIT", "OFFSET", "ASC", "DESC", "INTO",
            "UNION", "JOIN", "LEFT", "RIGHT", "INNER", "OUTER", "CROSS", "FOR", "LOCK", "WITH", "ESCAPE", "DIV",
            "MOD", "INTERVAL", "DISTINCT", "ALL", "ANY", "SOME", "EXISTS", "COLLATE", "SEPARATOR", "UPDATE",
            "DUPLICATE", "KEY", "WINDOW", "OVER", "PARTITION", "ROWS", "RANGE", "IF", "RETURN", "DEFAULT");

    private final List<Token> all;
    private final List<Integer> sig;
    private final Map<Integer, String> replace;
    private final Map<Integer, String> prefix;
    private final Map<Integer, String> close;
    /** The unit of each rewritten {@code + INTERVAL n unit} → where its date operand starts (sig indexes). */
    private final Map<Integer, Integer> intervalStarts = new java.util.HashMap<>();
    /** A column's name → its fractional digits when it is a DATETIME, TIMESTAMP or TIME, else null. */
    private java.util.function.Function<String, Integer> columnDigits = name -> null;

    private Operators(List<Token> all, List<Integer> sig, Map<Integer, String> replace, Map<Integer, String> prefix,
                      Map<Integer, String> close) {
        this.all = all;
        this.sig = sig;
        this.replace = replace;
        this.prefix = prefix;
        this.close = close;
    }

    /**
     * Rewrites the statement's operators into {@code replace} (token → text), {@code prefix} (text
     * before a token) and {@code close} (text right after a token).
     *
     * @param skip           token indexes not to look at (inside the server's values)
     * @param strictDivision a zero divisor is an error (see {@link io.minisqld.server.engine.EngineQuery#strictDivision()})
     * @param binaryLikes    sig indexes of the LIKEs whose left operand is a binary string
     */
    static void rewrite(List<Token> all, List<Integer> sig, Map<Integer, String> replace, Map<Integer, String> prefix,
                        Map<Integer, String> close, Set<Integer> skip, boolean strictDivision,
                        int divPrecisionIncrement, Set<Integer> binaryLikes, DoubleText doubles,
                        java.util.function.Function<String, Integer> columnDigits) {
        Operators ops = new Operators(all, sig, replace, prefix, close);
        ops.columnDigits = columnDigits;
        ops.truthOperands(skip);
        Map<Integer, Integer> chains = ops.decimalChains(skip);
        for (int s = 0; s < sig.size(); s++) {
            Token t = tokenAt(all, sig, s);
            if (t.is("DIV") && !skip.contains(sig.get(s)) && ops.isBinary(s)
                    && !tokenAt(all, sig, s + 1).isSymbol("(")) {
                // MySQL's integer division, whatever its operands' types
                ops.asCall(s, H2Functions.intDivideCall(strictDivision), "");
                continue;
            }
            // MOD after an operand is the operator, also before a parenthesis: a MOD (b - 1)
            boolean modOperator = t.is("MOD") && (!tokenAt(all, sig, s + 1).isSymbol("(")
                    || s > 0 && endsOperand(tokenAt(all, sig, s - 1)) && !tokenAt(all, sig, s - 1).is("MOD"));
            if ((t.isSymbol("%") || modOperator) && !skip.contains(sig.get(s))
                    && ops.isBinary(s)) {
                ops.modulus(s, strictDivision);
                continue;
            }
            if (t.is("MOD") && !modOperator && s + 1 < sig.size() && tokenAt(all, sig, s + 1).isSymbol("(") && !skip.contains(sig.get(s))
                    && !(s > 0 && tokenAt(all, sig, s - 1).isSymbol("."))) {
                ops.modulusCall(s, strictDivision);
                continue;
            }
            boolean likeBinary = s + 2 < sig.size() && tokenAt(all, sig, s + 1).is("BINARY");
            if (t.is("LIKE") && !skip.contains(sig.get(s)) && (likeBinary || binaryLikes.contains(s))) {
                boolean negated = s > 1 && tokenAt(all, sig, s - 1).is("NOT") && endsOperand(tokenAt(all, sig, s - 2));
                if (negated || ops.isBinary(s)) ops.likeBinary(s, negated, likeBinary ? s + 2 : s + 1);
                continue;
            }
            if (t.is("BINARY") && !skip.contains(sig.get(s)) && BinaryComparisons.binaryOperator(all, sig, s)) {
                // BINARY expr: the expression as a binary string, compared byte by byte
                int end = ops.primaryEnd(s + 1);
                if (end > s) {
                    replace.put(sig.get(s), "CAST(");
                    ops.wrap(s, end, "", " AS VARBINARY)");
                }
                continue;
            }
            if (t.is("XOR") && !skip.contains(sig.get(s)) && ops.isBinary(s)) {
                ops.asCall(s, H2Functions.internalCall("xor"), "");
                continue;
            }
            if ((t.is("REGEXP") || t.is("RLIKE")) && !skip.contains(sig.get(s)) && s + 1 < sig.size()) {
                boolean negated = s > 1 && tokenAt(all, sig, s - 1).is("NOT") && endsOperand(tokenAt(all, sig, s - 2));
                if (negated || ops.isBinary(s)) ops.regexp(s, negated);
                continue;
            }
            if (t.type() != TokenType.SYMBOL || skip.contains(sig.get(s))) continue;
            String op = t.text();
            switch (op) {
                case "||" -> replace.put(sig.get(s), " OR ");
                case "&&" -> replace.put(sig.get(s), " AND ");
                case "<=>" -> replace.put(sig.get(s), " IS NOT DISTINCT FROM ");
                case "!" -> {
                    // MySQL's logical NOT that binds tightly: !a = b is (NOT a) = b
                    int end = ops.primaryEnd(s + 1);
                    if (end > s) {
                        replace.put(sig.get(s), "(NOT ");
                        ops.wrap(s, end, "", ")");
                    }
                }
                case "+", "-" -> {
                    if (ops.isBinary(s) && tokenAt(all, sig, s + 1).is("INTERVAL")) {
                        ops.intervalArithmetic(s);
                    } else if (chains.containsKey(s)) {
                        ops.chainCall(s, chains.get(s), strictDivision, divPrecisionIncrement, doubles);
                    } else if (ops.isBinary(s)) {
                        ops.doubleArithmetic(s, doubles);
                    }
                }
                case "~" -> {
                    // MySQL's bitwise NOT: the 64-bit complement, unsigned (~5 is 18446744073709551610)
                    int end = ops.primaryEnd(s + 1);
                    if (end > s) {
                        replace.put(sig.get(s), H2Functions.internalCall("bitNot") + "(");
                        ops.wrap(s, end, "", ")");
                    }
                }
                default -> {
                    if (chains.containsKey(s)) {
                        ops.chainCall(s, chains.get(s), strictDivision, divPrecisionIncrement, doubles);
                        continue;
                    }
                    if (!ops.isBinary(s)) continue;
                    if (op.equals("*")) {
                        ops.doubleArithmetic(s, doubles);
                        continue;
                    }
                    // a DOUBLE operand makes the quotient a DOUBLE (1e300 / 3 is 3.3333333333333335e299)
                    boolean doubleQuotient = op.equals("/") && ops.doubleOperand(s, doubles);
                    String call = !op.equals("/") ? AS_CALL.get(op) : doubleQuotient
                            ? H2Functions.divideDoubleCall(strictDivision) : H2Functions.divideCall(strictDivision);
                    // an exact division also gets the session's div_precision_increment as its last argument
                    if (call != null) ops.asCall(s, call, op.equals("/") && !doubleQuotient ? ", " + divPrecisionIncrement : "");
                }
            }
        }
    }

    /** Operators whose operands are numbers or strings: a truth value beside one is MySQL's 1 or 0. */
    private static final Set<String> VALUE_OPERATORS = Set.of("=", "<=>", ">=", ">", "<=", "<", "<>", "!=", "+",
            "-", "*", "/", "%", "DIV", "MOD", "BETWEEN", "IN");

    /**
     * A parenthesized condition that is the operand of a comparison or of arithmetic, {@code 3 >
     * (a = b)}, {@code (a > 1) + (b > 1)}, {@code (x <=> y) BETWEEN 0 AND 1}: MySQL's truth values
     * are the numbers 1 and 0, the engine's a BOOLEAN that it does not order, add or compare with
     * text. Such an operand is cast to an integer ({@code CAST((a = b) AS INT)}); a condition
     * anywhere else (WHERE, AND, IF) stays as it is.
     */
    private void truthOperands(Set<Integer> skip) {
        for (int s = 1; s + 1 < sig.size(); s++) {
            Token t = at(s);
            if (skip.contains(sig.get(s)) || !(t.type() == TokenType.SYMBOL || t.type() == TokenType.WORD)
                    || !VALUE_OPERATORS.contains(t.type() == TokenType.WORD ? t.upper() : t.text()) || !isBinary(s)) {
                continue;
            }
            if (at(s - 1).isSymbol(")")) {
                int open = matchingOpen(s - 1);
                if (open >= 0 && !(open > 0 && isFunctionName(at(open - 1))) && condition(open, s - 1)) {
                    castToInt(open, s - 1);
                }
            }
            boolean rightOperand = !t.is("BETWEEN") && !t.is("IN");
            if (rightOperand && at(s + 1).isSymbol("(")) {
                int end = matchingClose(s + 1);
                if (end > 0 && condition(s + 1, end)) castToInt(s + 1, end);
            }
        }
    }

    /** The parentheses at {@code open} and {@code end} hold one condition (no list, no query). */
    private boolean condition(int open, int end) {
        if (end - open < 2 || at(open + 1).is("SELECT") || at(open + 1).is("WITH")) return false;
        boolean truth = false;
        int depth = 0;
        for (int k = open + 1; k < end; k++) {
            Token t = at(k);
            if (t.isSymbol("(")) {
                depth++;
            } else if (t.isSymbol(")")) {
                depth--;
            } else if (depth == 0) {
                if (t.isSymbol(",")) return false;
                String key = t.type() == TokenType.WORD ? t.upper() : t.type() == TokenType.SYMBOL ? t.text() : "";
                if ((DoubleText.TRUTHS.contains(key) || t.is("EXISTS")) && !replace.containsKey(sig.get(k))) truth = true;
            }
        }
        return truth;
    }

    private void castToInt(int open, int end) {
        if (Boolean.TRUE.equals(castOpens.put(open, Boolean.TRUE))) return;
        wrap(open, end, "CAST(", " AS INT)");
    }

    /** The opening parentheses already cast by {@link #castToInt} (an operand between two operators). */
    private final Map<Integer, Boolean> castOpens = new java.util.HashMap<>();

    private static Token tokenAt(List<Token> all, List<Integer> sig, int s) {
        return all.get(sig.get(s));
    }

    private Token at(int s) {
        return tokenAt(all, sig, s);
    }

    /** A binary use: the operator follows the end of an operand. */
    private boolean isBinary(int s) {
        return s > 0 && s + 1 < sig.size() && endsOperand(at(s - 1));
    }

    /**
     * {@code a % b} (and {@code a MOD b}) of a column or number by a column or number: H2 types the
     * remainder as the divisor ({@code 7.5 % 2} would be the INTEGER 2, MySQL's is 1.5), so the
     * divisor is widened to both operands' type, {@code a % (b + 0 * a)}; integers stay integers.
     * Other operands are left as they are (docs/compatibility.md). Outside a strict-mode change a
     * zero divisor gives NULL with warning 1365 ({@link StringFunctions#zeroDivisor}; another
     * operand's, {@code NULLIF(b, 0)}, without it): MySQL's remainder by zero is NULL there, the
     * engine's an error (1365).
     */
    private void modulus(int s, boolean strictDivision) {
        String left = simpleOperand(s - 1, -1);
        String right = simpleOperand(s + 1, 1);
        if (left == null || right == null) {
            int end = rightOperandEnd(s + 1, BINARY.get("%"));
            if (!strictDivision && end > s) wrapDivisor(s + 1, end, "", true);
            return;
        }
        int end = s + 1;
        while (end + 2 < sig.size() && at(end + 1).isSymbol(".") && at(end + 2).isIdentifier()) end += 2;
        simpleDivisor(s + 1, end, right, left, strictDivision);
    }

    /**
     * The divisor {@code divisor} (sig indexes {@code first} … {@code last}) of a remainder of the
     * simple {@code dividend}: widened to both operands' type; outside a strict change, zero gives
     * NULL with MySQL's warning 1365 (NULLIF had given NULL without a word).
     */
    private void simpleDivisor(int first, int last, String divisor, String dividend, boolean strictDivision) {
        boolean nonZeroNumber = first == last && at(first).type() == TokenType.NUMBER && isNonZero(at(first).text());
        if (strictDivision || nonZeroNumber) {
            wrapDivisor(first, last, " + 0 * " + dividend, false);
            return;
        }
        wrap(first, last, "CASE WHEN (" + divisor + " + 0 * " + dividend + ") = 0 THEN "
                + H2Functions.internalCall("zeroDivisor") + "() ELSE (", " + 0 * " + dividend + ") END");
    }

    /** {@code MOD(a, b)} as {@link #modulus}: {@code MOD(a, NULLIF((b + 0 * a), 0))}. */
    private void modulusCall(int s, boolean strictDivision) {
        int close = matchingClose(s + 1);
        if (close < 0) return;
        int comma = s + 2;
        int depth = 0;
        while (comma < close && !(depth == 0 && at(comma).isSymbol(","))) {
            if (at(comma).isSymbol("(")) depth++;
            else if (at(comma).isSymbol(")")) depth--;
            comma++;
        }
        if (comma + 1 >= close) return;
        String dividend = simpleOperand(s + 2, 1);
        int end = comma + 1;
        while (end + 2 < sig.size() && at(end + 1).isSymbol(".") && at(end + 2).isIdentifier()) end += 2;
        String divisor = simpleOperand(comma + 1, 1);
        if (dividend != null && divisor != null && end + 1 == close) {
            simpleDivisor(comma + 1, end, divisor, dividend, strictDivision);
        } else if (!strictDivision) {
            wrapDivisor(comma + 1, close - 1, "", true);
        }
    }

    private static boolean isNonZero(String number) {
        try {
            return new java.math.BigDecimal(number).signum() != 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Wraps the divisor from {@code first} to {@code last}: widened by {@code widen} (when not ""), then NULLIF(…, 0). */
    private void wrapDivisor(int first, int last, String widen, boolean nullIf) {
        if (widen.isEmpty() && !nullIf) return;
        wrap(first, last, (nullIf ? "NULLIF(" : "") + (widen.isEmpty() ? "" : "("),
                (widen.isEmpty() ? "" : widen + ")") + (nullIf ? ", 0)" : ""));
    }

    /**
     * The H2 text of the one-token operand (a number, a column, {@code t.c}) at {@code s} (the
     * token next to an operator, {@code direction} away from it), or null when it is anything else.
     */
    private String simpleOperand(int s, int direction) {
        if (s < 0 || s >= sig.size()) return null;
        int first = s;
        int last = s;
        if (direction < 0) {
            while (first >= 2 && at(first - 1).isSymbol(".") && at(first - 2).isIdentifier()) first -= 2;
        } else {
            while (last + 2 < sig.size() && at(last + 1).isSymbol(".") && at(last + 2).isIdentifier()) last += 2;
        }
        // a number's unary minus belongs to the dividend (-7.5 % 2 is (-7.5) % 2); other unary
        // operators, a function call, a JSON path: not simple
        boolean negative = direction < 0 && first == last && at(first).type() == TokenType.NUMBER && first > 0
                && at(first - 1).isSymbol("-") && !(first >= 2 && endsOperand(at(first - 2)))
                && !replace.containsKey(sig.get(first - 1)) && !prefix.containsKey(sig.get(first - 1));
        if (!negative && first > 0 && (at(first - 1).isSymbol("-") || at(first - 1).isSymbol("+")
                || at(first - 1).isSymbol("~") || at(first - 1).isSymbol("!"))) {
            return null;
        }
        if (last + 1 < sig.size() && (at(last + 1).isSymbol("(") || at(last + 1).isSymbol("->")
                || at(last + 1).isSymbol("->>"))) {
            return null;
        }
        StringBuilder text = new StringBuilder(negative ? "-" : "");
        for (int k = first; k <= last; k++) {
            Token t = at(k);
            int index = sig.get(k);
            if (replace.containsKey(index) || prefix.containsKey(index) || close.containsKey(index)) return null;
            if (t.type() == TokenType.NUMBER) {
                if (first != last) return null;
                String n = t.text();
                // a number in exponent notation is a DOUBLE (MySqlToH2 casts it where it stands)
                text.append(n.indexOf('e') >= 0 || n.indexOf('E') >= 0 ? "CAST(" + n + " AS DOUBLE PRECISION)" : n);
            } else if (t.isIdentifier() || t.isSymbol(".")) {
                text.append(t.text());
            } else {
                return null;
            }
        }
        return text.toString();
    }

    /**
     * {@code a [NOT] REGEXP b} (and RLIKE) as a call of {@link StringFunctions#regexp}: MySQL's
     * matches ignore case for text, as its comparisons do (H2's REGEXP did not: {@code 'ABC' REGEXP
     * '^a'} was 0), and tell it for a binary string or one of a case-sensitive collation. A
     * pattern literal's POSIX classes ({@code [[:alpha:]]}, the word boundaries {@code [[:<:]]} and
     * {@code [[:>:]]}), which Java's expressions do not know, are spelt as Java's.
     */
    private void regexp(int s, boolean negated) {
        int precedence = BINARY.get("REGEXP");
        int left = leftOperandStart(negated ? s - 2 : s - 1, precedence);
        int right = rightOperandEnd(s + 1, precedence);
        if (left < 0 || right < 0) return;
        wrap(left, right, (negated ? "NOT " : "") + H2Functions.internalCall("regexp") + "(", ")");
        if (negated) replace.put(sig.get(s - 1), "");
        replace.put(sig.get(s), ", ");
        if (right == s + 1 && at(s + 1).type() == TokenType.STRING) {
            replace.put(sig.get(s + 1), MySqlToH2.quote(javaPattern(at(s + 1).value())));
        }
    }

    /**
     * {@code a [NOT] LIKE BINARY b}, and a LIKE whose left operand is a binary string ({@link
     * BinaryComparisons#rewrite}): the match of bytes, case counting ({@code 'abc' LIKE BINARY
     * 'A%'} is 0), which the engine's LIKE (the collation's) cannot give.
     */
    private void likeBinary(int s, boolean negated, int pattern) {
        int precedence = BINARY.get("LIKE");
        int left = leftOperandStart(negated ? s - 2 : s - 1, precedence);
        int right = rightOperandEnd(pattern, precedence);
        if (left < 0 || right < 0) return;
        // … ESCAPE 'c': the escape character is the call's third argument (a backslash without one)
        int last = right;
        String escape = ", '\\'";
        if (right + 2 < sig.size() && at(right + 1).is("ESCAPE")) {
            last = primaryEnd(right + 2);
            if (last < 0) return;
            replace.put(sig.get(right + 1), ", ");
            escape = "";
        }
        wrap(left, last, (negated ? "NOT " : "") + H2Functions.internalCall("likeBinary") + "(", escape + ")");
        if (negated) replace.put(sig.get(s - 1), "");
        replace.put(sig.get(s), ", ");
        if (pattern == s + 2) replace.put(sig.get(s + 1), "");
    }

    private static final Map<String, String> POSIX_CLASSES = Map.ofEntries(Map.entry("[:alpha:]", "\\p{Alpha}"),
            Map.entry("[:digit:]", "0-9"), Map.entry("[:alnum:]", "\\p{Alnum}"), Map.entry("[:space:]", "\\s"),
            Map.entry("[:upper:]", "\\p{Upper}"), Map.entry("[:lower:]", "\\p{Lower}"),
            Map.entry("[:punct:]", "\\p{Punct}"), Map.entry("[:xdigit:]", "0-9A-Fa-f"), Map.entry("[:blank:]", " \\t"),
            Map.entry("[:cntrl:]", "\\p{Cntrl}"), Map.entry("[:print:]", "\\p{Print}"),
            Map.entry("[:graph:]", "\\p{Graph}"));

    /** A MySQL (POSIX) pattern in Java's spelling: its character classes and word boundaries. */
    static String javaPattern(String pattern) {
        if (pattern.indexOf("[:") < 0) return pattern;
        String p = pattern.replace("[[:<:]]", "\\b(?=\\w)").replace("[[:>:]]", "\\b(?<=\\w)");
        for (Map.Entry<String, String> c : POSIX_CLASSES.entrySet()) p = p.replace(c.getKey(), c.getValue());
        return p;
    }

    /**
     * The arithmetic around a division that is itself an operand of arithmetic ({@code a/b*100},
     * {@code (x/y)/(z/w)}, {@code 1/3 + 1/3}): MySQL computes it with the quotient's hidden digits
     * ({@link DecimalChains}). Returns the sig index of each {@code + - * /} of such a chain → whether
     * its {@link DecimalChains} flags (the outermost's {@code LAST}, with {@code RAW} where a
     * function that truncates takes its value). A division whose value is used by anything else (a function, a
     * comparison, {@code %}, {@code DIV}) ends a chain there.
     */
    private Map<Integer, Integer> decimalChains(Set<Integer> skip) {
        // most statements divide nothing: no operand spans to find then
        boolean divides = false;
        for (int s = 1; s + 1 < sig.size() && !divides; s++) divides = at(s).isSymbol("/") && !skip.contains(sig.get(s));
        if (!divides) return Map.of();
        Map<Integer, int[]> spans = new java.util.HashMap<>();
        for (int s = 0; s + 1 < sig.size(); s++) {
            Token t = at(s);
            if (t.isSymbol("-") && !skip.contains(sig.get(s)) && !isBinary(s) && at(s + 1).isSymbol("(")
                    && !(s > 0 && endsOperand(at(s - 1)))) {
                // -(a / b): the negation of a chain's value, 0 - (a / b)
                int end = matchingClose(s + 1);
                if (end > 0) spans.put(s, new int[] {s, end});
                continue;
            }
            if (t.type() != TokenType.SYMBOL || !CHAIN_OPERATORS.contains(t.text()) || skip.contains(sig.get(s))
                    || !isBinary(s) || at(s + 1).is("INTERVAL")) {
                continue;
            }
            int precedence = BINARY.get(t.text());
            int left = leftOperandStart(s - 1, precedence);
            int right = rightOperandEnd(s + 1, precedence);
            if (left >= 0 && right >= 0) spans.put(s, new int[] {left, right});
        }
        if (spans.isEmpty()) return Map.of();
        Map<Integer, Integer> parents = new java.util.HashMap<>();
        Set<Integer> raw = new java.util.HashSet<>();
        for (Map.Entry<Integer, int[]> e : spans.entrySet()) {
            int left = e.getValue()[0];
            int right = e.getValue()[1];
            // (a / b) * c: plain parentheses around an operation leave it the operand of the next one
            while (left > 0 && right + 1 < sig.size() && at(left - 1).isSymbol("(") && matchingClose(left - 1) == right + 1
                    && !(left > 1 && isFunctionName(at(left - 2)))) {
                left--;
                right++;
            }
            int aggregate = aggregateOf(left, right);
            if (aggregate >= 0) aggregates.put(e.getKey(), aggregate);
            // FLOOR(a / b * 3), a / b * 3 DIV 1: MySQL truncates the value it holds, not the one it shows;
            // BETWEEN compares it
            if (left > 1 && at(left - 1).isSymbol("(") && TRUNCATING.contains(at(left - 2).upper())
                    || right + 1 < sig.size() && (at(right + 1).is("DIV") || at(right + 1).is("BETWEEN"))
                    || left > 0 && at(left - 1).is("DIV")) {
                raw.add(e.getKey());
            }
            // ~(a / b) * c: what another unary operator gives is the operand, a number
            if (left > 0 && isUnary(at(left - 1)) && !at(left - 1).isSymbol("-")
                    && !(left > 1 && endsOperand(at(left - 2)))) {
                continue;
            }
            Integer parent = null;
            for (int candidate : new int[] {left - 1, right + 1}) {
                int[] span = spans.get(candidate);
                if (span == null || span[0] > left || span[1] < right) continue;
                if (parent == null || span[1] - span[0] < spans.get(parent)[1] - spans.get(parent)[0]) parent = candidate;
            }
            if (parent != null) parents.put(e.getKey(), parent);
        }
        Map<Integer, Integer> chains = new java.util.HashMap<>();
        for (int s : spans.keySet()) {
            // SUM(a / b): the sum of the quotients' held values, too
            if (!at(s).isSymbol("/") || !parents.containsKey(s) && !aggregates.containsKey(s)) continue;
            for (Integer k = s; k != null && !chains.containsKey(k); k = parents.get(k)) {
                boolean last = !parents.containsKey(k);
                chains.put(k, !last ? 0 : aggregates.containsKey(k) ? DecimalChains.LAST | DecimalChains.AGGREGATED
                        : DecimalChains.LAST | (raw.contains(k) ? DecimalChains.RAW : 0));
            }
        }
        return chains;
    }

    /** The SUM or AVG whose argument the operation of each chain's last operator is (sig indexes). */
    private final Map<Integer, Integer> aggregates = new java.util.HashMap<>();

    /**
     * The sig index of the SUM or AVG whose whole argument runs from {@code left} to {@code right}
     * ({@code SUM(x)}, {@code AVG(DISTINCT x)}; not a window's), or -1.
     */
    private int aggregateOf(int left, int right) {
        int open = left - 1;
        // DISTINCT: MySQL keeps the distinct values at the scale they show
        if (open > 0 && at(open).is("ALL")) open--;
        if (open < 1 || !at(open).isSymbol("(") || right + 1 >= sig.size() || !at(right + 1).isSymbol(")")) return -1;
        if (!(at(open - 1).is("SUM") || at(open - 1).is("AVG")) || open > 1 && at(open - 2).isSymbol(".")) return -1;
        if (right + 2 < sig.size() && at(right + 2).is("OVER") || grouped(open - 1)) return -1;
        return open - 1;
    }

    /**
     * The query the token at {@code s} belongs to has a GROUP BY. MySQL groups in a temporary table
     * whose running sums have the scale they show, so there a SUM or AVG of a quotient adds the
     * quotients as they show (three times 1/3 is 0.9999 by groups, 1.0000 without).
     */
    private boolean grouped(int s) {
        int start = s;
        for (int depth = 0; start > 0; start--) {
            if (at(start - 1).isSymbol(")")) depth++;
            else if (at(start - 1).isSymbol("(") && --depth < 0) break;
        }
        int depth = 0;
        for (int k = start; k < sig.size(); k++) {
            if (at(k).isSymbol("(")) {
                depth++;
            } else if (at(k).isSymbol(")")) {
                if (--depth < 0) return false;
            } else if (depth == 0 && at(k).is("GROUP") && k + 1 < sig.size() && at(k + 1).is("BY")) {
                return true;
            }
        }
        return false;
    }

    /** Functions whose argument MySQL cuts, not rounds: a chain's value goes to them with all its digits. */
    private static final Set<String> TRUNCATING = Set.of("FLOOR", "CEIL", "CEILING", "TRUNCATE");

    /** The operators of a chain of exact arithmetic around a division ({@link #decimalChains}). */
    private static final Set<String> CHAIN_OPERATORS = Set.of("+", "-", "*", "/");

    /** One operator of a chain around a division as its {@link DecimalChains} call. */
    private void chainCall(int s, int flags, boolean strictDivision, int divPrecisionIncrement, DoubleText doubles) {
        String op = at(s).text();
        if (!isBinary(s)) {
            // the unary minus before parentheses: 0 - (…)
            int end = matchingClose(s + 1);
            if (end < 0) return;
            wrap(s, end, H2Functions.chainCall((flags & DecimalChains.LAST) != 0) + "('-', 0, ",
                    ", " + divPrecisionIncrement + ", " + flags + ")");
            replace.put(sig.get(s), "");
            return;
        }
        int precedence = BINARY.get(op);
        int left = leftOperandStart(s - 1, precedence);
        int right = rightOperandEnd(s + 1, precedence);
        if (left < 0 || right < 0) return;
        int all = flags | (strictDivision && op.equals("/") ? DecimalChains.STRICT : 0);
        Integer aggregate = aggregates.get(s);
        if ((flags & DecimalChains.AGGREGATED) != 0 && aggregate != null && at(aggregate).is("SUM")) {
            // the sum of held values, rounded to what it shows
            wrap(aggregate, matchingClose(aggregate + 1), H2Functions.unpadCall() + "(", ")");
        }
        wrap(left, right, H2Functions.chainCall((flags & DecimalChains.LAST) != 0) + "('" + op + "', ",
                ", " + divPrecisionIncrement + ", " + all + ")");
        replace.put(sig.get(s), ", ");
        // a chain with a DOUBLE operand gives a DOUBLE (2.5/3*3e0 is 2.499999999, a DOUBLE)
        if ((flags & DecimalChains.LAST) != 0 && doubles.isDouble(left, right)) {
            wrap(left, right, "CAST(", " AS DOUBLE PRECISION)");
        }
    }

    /** Text around the tokens from sig index {@code first} to {@code last}, in the order written ({@link #wrap}). */
    private record Wrap(int first, int last, int order, String open, String close) {
    }

    /** Inner wraps first at a token where several close: the later-starting one, then the one written first. */
    private static final java.util.Comparator<Wrap> INNER_FIRST = java.util.Comparator.comparingInt((Wrap w) -> -w.first())
            .thenComparingInt(Wrap::order);

    /** Outer wraps first at a token where several open: the later-ending one, then the one written last. */
    private static final java.util.Comparator<Wrap> OUTER_FIRST = java.util.Comparator.comparingInt((Wrap w) -> -w.last())
            .thenComparingInt(w -> -w.order());

    private final Map<Integer, List<Wrap>> opens = new java.util.HashMap<>();
    private int wrapCount;
    private final Map<Integer, List<Wrap>> closes = new java.util.HashMap<>();
    /** The text earlier rewrites put before (after) a token, which this class's wraps go around. */
    private final Map<Integer, String> prefixBefore = new java.util.HashMap<>();
    private final Map<Integer, String> closeBefore = new java.util.HashMap<>();

    /**
     * Writes {@code open} before the token at sig index {@code first} and {@code closeText} after
     * the one at {@code last}, nested by the spans rather than by the order of the calls: where an
     * outer operator was rewritten first ({@code 1 | 6 / 3}), the inner one's closing text still
     * comes first. Text of earlier rewrites at those tokens stays innermost.
     */
    private void wrap(int first, int last, String open, String closeText) {
        Wrap w = new Wrap(first, last, wrapCount++, open, closeText);
        if (!open.isEmpty()) place(w, sig.get(first), opens, prefixBefore, prefix, OUTER_FIRST, true);
        if (!closeText.isEmpty()) place(w, sig.get(last), closes, closeBefore, close, INNER_FIRST, false);
    }

    /** Puts the wrap's text at token {@code index} of {@code target}, among this class's in {@code order}. */
    private static void place(Wrap w, int index, Map<Integer, List<Wrap>> mine, Map<Integer, String> earlier,
                              Map<Integer, String> target, java.util.Comparator<Wrap> order, boolean opening) {
        earlier.computeIfAbsent(index, k -> target.getOrDefault(k, ""));
        List<Wrap> here = mine.computeIfAbsent(index, k -> new java.util.ArrayList<>());
        here.add(w);
        here.sort(order);
        StringBuilder text = new StringBuilder();
        for (Wrap o : here) text.append(opening ? o.open() : o.close());
        target.put(index, opening ? text + earlier.get(index) : earlier.get(index) + text);
    }

    /**
     * {@code + - *} of a DOUBLE and another operand: computed in doubles, as MySQL computes
     * ({@code f * 1.5} of 0.1 is 0.15000000000000002, a DOUBLE); the engine computed a DOUBLE and a
     * DECIMAL exactly, as a DECFLOAT the server sent as a DECIMAL ({@code 1e300 - 0.5} in 301 digits).
     */
    private void doubleArithmetic(int s, DoubleText doubles) {
        boolean[] d = doubleOperands(s, doubles);
        if (d == null || d[0] == d[1]) return;
        int precedence = BINARY.get(at(s).text());
        wrap(leftOperandStart(s - 1, precedence), rightOperandEnd(s + 1, precedence),
                H2Functions.doubleArithmeticCall() + "('" + at(s).text() + "', ", ")");
        replace.put(sig.get(s), ", ");
    }

    /** Whether an operand of the binary operator at sig index {@code s} is a DOUBLE ({@link DoubleText#isDouble}). */
    private boolean doubleOperand(int s, DoubleText doubles) {
        boolean[] d = doubleOperands(s, doubles);
        return d != null && (d[0] || d[1]);
    }

    /** Whether the left and the right operand of the binary operator at sig index {@code s} are DOUBLEs; null when unbounded. */
    private boolean[] doubleOperands(int s, DoubleText doubles) {
        int precedence = BINARY.get(at(s).text());
        int left = leftOperandStart(s - 1, precedence);
        int right = rightOperandEnd(s + 1, precedence);
        if (left < 0 || right < 0) return null;
        return new boolean[] {doubles.isDoubleNumber(left, s - 1), doubles.isDoubleNumber(s + 1, right)};
    }

    private void asCall(int s, String function, String lastArguments) {
        int precedence = BINARY.get(at(s).type() == TokenType.WORD ? at(s).upper() : at(s).text());
        int left = leftOperandStart(s - 1, precedence);
        int right = rightOperandEnd(s + 1, precedence);
        if (left < 0 || right < 0) return;
        wrap(left, right, function + "(", lastArguments + ")");
        replace.put(sig.get(s), ", ");
    }

    /**
     * {@code date + INTERVAL n unit} and {@code date - INTERVAL n unit} as DATE_ADD / DATE_SUB
     * (date, n, 'unit'); the date is the left operand by MySQL's precedence, n one primary.
     */
    private void intervalArithmetic(int s) {
        // a chain (d + INTERVAL 1 DAY - INTERVAL 1 HOUR) wraps the call before it
        Integer chained = intervalStarts.get(s - 1);
        int left = chained != null ? chained : leftOperandStart(s - 1, BINARY.get("+"));
        int amountEnd = primaryEnd(s + 2);
        if (left < 0 || amountEnd < 0 || amountEnd + 1 >= sig.size() || at(amountEnd + 1).type() != TokenType.WORD) {
            return;
        }
        int unit = amountEnd + 1;
        String call = H2Functions.dateFunctionCall(at(s).isSymbol("+") ? "DATE_ADD" : "DATE_SUB");
        wrap(left, unit, call + "(", "");
        replace.put(sig.get(s), ", ");
        replace.put(sig.get(s + 1), "");
        // a column's fractional digits (a DATETIME(3)'s three), which its values do not carry
        Integer digits = chained == null && columnOperand(left, s - 1) ? columnDigits.apply(at(s - 1).value()) : null;
        replace.put(sig.get(unit), ", '" + at(unit).upper() + "'" + (digits == null ? "" : ", " + digits) + ")");
        intervalStarts.put(unit, left);
    }

    /** Whether sig indexes {@code start} … {@code end} are a column: {@code c}, {@code t.c} or {@code db.t.c}. */
    private boolean columnOperand(int start, int end) {
        if ((end - start) % 2 != 0 || end - start > 4) return false;
        for (int k = start; k <= end; k++) {
            if ((k - start) % 2 == 0 ? !at(k).isIdentifier() : !at(k).isSymbol(".")) return false;
        }
        return true;
    }

    /** Where the left operand ending at sig index {@code end} starts, or -1. */
    private int leftOperandStart(int end, int precedence) {
        int k = end;
        while (true) {
            int start = primaryStart(k);
            if (start < 0) return -1;
            if (start == 0) return start;
            Token before = at(start - 1);
            Integer p = binaryPrecedence(start - 1);
            if (before.is("NOT") && precedence < NOT_PRECEDENCE) {
                // NOT a XOR b is (NOT a) XOR b
                int notAt = start - 1;
                while (notAt > 0 && at(notAt - 1).is("NOT")) notAt--;
                if (notAt == 0) return 0;
                Integer q = binaryPrecedence(notAt - 1);
                if (q == null || q < precedence || at(notAt - 1).text().equals(",")) return notAt;
                k = notAt - 2;
                if (k < 0) return -1;
                continue;
            }
            if (p == null || p < precedence || before.text().equals(",")) return start;
            k = start - 2;
            // a NOT IN (…), NOT LIKE, NOT BETWEEN, NOT REGEXP: the NOT is the operator's
            if (k >= 1 && at(k).is("NOT") && NEGATABLE.contains(before.upper())) k--;
            if (k < 0) return -1;
        }
    }

    /** Where the right operand starting at sig index {@code start} ends, or -1. */
    private int rightOperandEnd(int start, int precedence) {
        int k = start;
        while (true) {
            // a XOR NOT b: NOT binds more tightly than XOR, OR and AND
            while (precedence < NOT_PRECEDENCE && k < sig.size() && at(k).is("NOT")) k++;
            int end = primaryEnd(k);
            if (end < 0) return -1;
            if (end + 1 >= sig.size()) return end;
            int op = end + 1;
            if (at(op).is("NOT") && op + 1 < sig.size() && NEGATABLE.contains(at(op + 1).upper())) op++;
            Integer p = binaryPrecedence(op);
            if (p == null || p <= precedence) return end;
            k = op + 1;
            if (k >= sig.size()) return -1;
        }
    }

    /** The precedence of the binary operator at sig index {@code s}, or null if it is none. */
    private Integer binaryPrecedence(int s) {
        Token t = at(s);
        if (t.type() == TokenType.SYMBOL || t.type() == TokenType.WORD) {
            String key = t.type() == TokenType.WORD ? t.upper() : t.text();
            Integer p = BINARY.get(key);
            if (p == null) return null;
            if ((key.equals("-") || key.equals("+")) && !(s > 0 && endsOperand(at(s - 1)))) return null;
            return p;
        }
        return null;
    }

    /** The first sig index of the primary (with its unary prefixes) that ends at {@code end}, or -1. */
    private int primaryStart(int end) {
        if (end < 0) return -1;
        Token t = at(end);
        int start;
        if (t.isSymbol(")")) {
            start = matchingOpen(end);
            if (start < 0) return -1;
            if (start > 0 && isFunctionName(at(start - 1))) start--;
        } else if (t.is("END")) {
            start = matchingCase(end);
            if (start < 0) return -1;
        } else if (isValueToken(t)) {
            start = end;
            // col->'path' and col->>'path' are one operand (JsonCalls)
            if (t.type() == TokenType.STRING && start >= 2 && (at(start - 1).isSymbol("->") || at(start - 1).isSymbol("->>"))
                    && at(start - 2).isIdentifier()) {
                start -= 2;
            }
            while (start >= 2 && at(start - 1).isSymbol(".") && at(start - 2).isIdentifier()) start -= 2;
            if (start >= 1 && at(start - 1).type() == TokenType.INTRODUCER) start--;
            // a typed literal, DATE '2024-01-01', is one primary (its keyword was left outside a call)
            if (t.type() == TokenType.STRING && start == end && start >= 1 && at(start - 1).type() == TokenType.WORD
                    && (at(start - 1).is("DATE") || at(start - 1).is("TIME") || at(start - 1).is("TIMESTAMP"))) {
                start--;
            }
        } else {
            return -1;
        }
        // unary minus, plus, ~ and ! belong to the primary when nothing that ends an operand precedes them
        // so do the BINARY operator's (BINARY a LIKE …)
        while (start >= 1 && (isUnary(at(start - 1)) && !(start >= 2 && endsOperand(at(start - 2)))
                || at(start - 1).is("BINARY") && BinaryComparisons.binaryOperator(all, sig, start - 1))) {
            start--;
        }
        return start;
    }

    /** The last sig index of the primary (with its unary prefixes) that starts at {@code start}, or -1. */
    private int primaryEnd(int start) {
        int k = start;
        while (k < sig.size() && isUnary(at(k))) k++;
        if (k >= sig.size()) return -1;
        Token t = at(k);
        if (t.type() == TokenType.INTRODUCER) k++;
        if (k >= sig.size()) return -1;
        t = at(k);
        if (t.isSymbol("(")) return matchingClose(k);
        if (t.is("CASE")) return matchingEnd(k);
        if (isFunctionName(t) && k + 1 < sig.size() && at(k + 1).isSymbol("(")) return matchingClose(k + 1);
        if (!isValueToken(t)) return -1;
        while (k + 2 < sig.size() && at(k + 1).isSymbol(".") && at(k + 2).isIdentifier()) k += 2;
        if (k + 2 < sig.size() && (at(k + 1).isSymbol("->") || at(k + 1).isSymbol("->>"))
                && at(k + 2).type() == TokenType.STRING) {
            k += 2;
        }
        return k;
    }

    private int matchingOpen(int close) {
        int depth = 0;
        for (int k = close; k >= 0; k--) {
            if (at(k).isSymbol(")")) depth++;
            else if (at(k).isSymbol("(") && --depth == 0) return k;
        }
        return -1;
    }

    private int matchingClose(int open) {
        int depth = 0;
        for (int k = open; k < sig.size(); k++) {
            if (at(k).isSymbol("(")) depth++;
            else if (at(k).isSymbol(")") && --depth == 0) return k;
        }
        return -1;
    }

    private int matchingCase(int end) {
        int depth = 0;
        for (int k = end; k >= 0; k--) {
            if (at(k).is("END")) depth++;
            else if (at(k).is("CASE") && --depth == 0) return k;
        }
        return -1;
    }

    private int matchingEnd(int caseAt) {
        int depth = 0;
        for (int k = caseAt; k < sig.size(); k++) {
            if (at(k).is("CASE")) depth++;
            else if (at(k).is("END") && --depth == 0) return k;
        }
        return -1;
    }

    private static boolean isUnary(Token t) {
        return t.isSymbol("-") || t.isSymbol("+") || t.isSymbol("~") || t.isSymbol("!");
    }

    private static boolean isFunctionName(Token t) {
        // MOD(a, b), LEFT(s, n) and RIGHT(s, n) are calls too, not the operator or the join
        return (t.type() == TokenType.WORD && !NOT_OPERANDS.contains(t.upper())) || t.type() == TokenType.QUOTED_IDENT
                || t.is("IF") || t.is("MOD") || t.is("LEFT") || t.is("RIGHT");
    }

    private static boolean isValueToken(Token t) {
        return switch (t.type()) {
            case NUMBER, STRING, QUOTED_IDENT, USER_VAR, SYSTEM_VAR, HEX -> true;
            case WORD -> !NOT_OPERANDS.contains(t.upper());
            default -> false;
        };
    }

    /** The token can be the last of an operand. */
    static boolean endsOperand(Token t) {
        return isValueToken(t) || t.isSymbol(")") || t.is("END");
    }
}
