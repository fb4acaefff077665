package io.minisqld.server.engine.h2;

import io.minisqld.server.engine.TableInfo;
import io.minisqld.server.sql.Token;
import io.minisqld.server.sql.TokenType;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * A string literal compared with a binary string: MySQL compares the two as bytes (the literal's
 * bytes in the connection's character set), so {@code varbinary_col = 'abc'} finds the row that
 * holds those bytes, {@code BINARY name = 'Abc'} tells case, {@code x'61' = 'a'} is true. The
 * engine refuses to compare its binary types with text (1105 "not comparable"); the literal is
 * made a binary literal of its bytes instead ({@link StringLiterals#value}), as when it goes into a
 * binary column. The binary side is one of: a column of a BINARY, VARBINARY or BLOB type of the
 * statement's tables, {@code BINARY expr}, {@code CAST(… AS BINARY)}, {@code CONVERT(…, BINARY)},
 * {@code CONVERT(… USING binary)}, a call of UNHEX or FROM_BASE64, a hexadecimal literal or a
 * {@code _binary} literal. Comparisons are {@code = <> != <=> < <= > >=}, {@code [NOT] IN (…)} and
 * {@code [NOT] BETWEEN … AND …}. A binary column compared with a text column compares the text
 * column's bytes.
 */
final class BinaryComparisons {
    private static final Set<String> COMPARISONS = Set.of("=", "<>", "!=", "<=>", "<", ">", "<=", ">=");

    /** Column types whose values are binary strings. */
    private static final List<String> BINARY_TYPES = List.of("binary", "varbinary", "tinyblob", "blob", "mediumblob",
            "longblob");

    /** Functions whose result is a binary string. */
    private static final Set<String> BINARY_CALLS = Set.of("UNHEX", "FROM_BASE64", "BINARY", "COMPRESS", "UNCOMPRESS",
            "INET6_ATON");

    /** Operators that bind more tightly than a comparison: an operand next to one is not a plain column. */
    private static final Set<String> TIGHTER = Set.of("+", "-", "*", "/", "%", "^", "&", "|", "<<", ">>", "~", "!",
            ".", "->", "->>", "DIV", "MOD", "COLLATE");

    private final List<Token> all;
    private final List<Integer> sig;
    private final BiFunction<String, String, TableInfo> describe;
    /** Column name → its kind in the statement's tables (BINARY, TEXT, OTHER); absent when the tables disagree. */
    private Map<String, String> columnKinds;

    private BinaryComparisons(List<Token> all, List<Integer> sig, BiFunction<String, String, TableInfo> describe) {
        this.all = all;
        this.sig = sig;
        this.describe = describe;
    }

    /**
     * Adds to {@code targets} each string literal compared with a binary string, as going into a
     * binary value. Literals that have a target already (an INSERT's values) are left as they are.
     *
     * @param skip token indexes not to look at (inside the server's values)
     */
    static void addTargets(List<Token> all, List<Integer> sig, Set<Integer> skip,
                           BiFunction<String, String, TableInfo> describe, Map<Token, StringLiterals.Target> targets) {
        BinaryComparisons c = null;
        for (int s = 0; s < sig.size(); s++) {
            Token t = all.get(sig.get(s));
            if (t.type() != TokenType.STRING || skip.contains(sig.get(s)) || targets.containsKey(t)) continue;
            boolean introduced = s > 0 && all.get(sig.get(s - 1)).type() == TokenType.INTRODUCER;
            if (introduced && !binaryIntroducer(all.get(sig.get(s - 1)))) continue;
            if (c == null) c = new BinaryComparisons(all, sig, describe);
            if (introduced ? c.comparedWithBinaryOrLiteral(s) : c.comparedWithBinary(s)) {
                targets.put(t, new StringLiterals.Target(null, 1, true, "varbinary"));
            }
        }
    }

    /** The {@code =} signs that assign (UPDATE's SET …): {@code SET s = b} is no comparison to cast. */
    private static Set<Integer> assigning(List<Token> all, List<Integer> sig) {
        return UpdateAssignments.assigningSigns(all, sig);
    }

    private Token at(int s) {
        return all.get(sig.get(s));
    }

    private boolean isComparison(int s) {
        return s >= 0 && s < sig.size() && at(s).type() == TokenType.SYMBOL && COMPARISONS.contains(at(s).text());
    }

    private static boolean binaryIntroducer(Token introducer) {
        return introducer.value().equalsIgnoreCase("binary");
    }

    /** Whether the literal at sig index {@code s} is an operand of a comparison whose other operand is binary. */
    private boolean comparedWithBinary(int s) {
        if (isComparison(s - 1) && binaryEndingAt(s - 2)) return true;
        if (isComparison(s + 1) && binaryStartingAt(s + 2)) return true;
        int before = memberOf(s, s);
        return before >= 0 && binaryEndingAt(before);
    }

    /**
     * Whether the {@code _binary} literal at sig index {@code s} is an operand of a comparison
     * whose other operand is binary too, a text column (then cast to bytes: {@link #rewrite}) or
     * another literal ({@code _binary'a' = 'A'}); compared with a value of a type not known here,
     * it stays text, as the engine can compare it (ignoring case).
     */
    private boolean comparedWithBinaryOrLiteral(int s) {
        int first = s - 1;
        if (isComparison(first - 1)) {
            return binaryEndingAt(first - 2) || textColumnEndingAt(first - 2)
                    || first >= 2 && at(first - 2).type() == TokenType.STRING;
        }
        if (isComparison(s + 1)) {
            return binaryStartingAt(s + 2) || textColumnStartingAt(s + 2)
                    || s + 2 < sig.size() && (at(s + 2).type() == TokenType.STRING
                    || at(s + 2).type() == TokenType.INTRODUCER && s + 3 < sig.size()
                    && at(s + 3).type() == TokenType.STRING && !(s + 4 < sig.size() && tighter(at(s + 4))));
        }
        int before = memberOf(s, first);
        return before >= 0 && binaryEndingAt(before);
    }

    /**
     * For a literal (sig indexes {@code first} to {@code s}) in {@code x [NOT] IN (…)} or
     * {@code x [NOT] BETWEEN … AND …}: where x ends; -1 for any other literal.
     */
    private int memberOf(int s, int first) {
        // x [NOT] IN ('a', 'b'): every element after an opening parenthesis or a comma
        int k = first - 1;
        while (k >= 0 && (at(k).isSymbol(",") || at(k).type() == TokenType.STRING || at(k).type() == TokenType.INTRODUCER)) {
            k--;
        }
        if (k >= 1 && at(k).isSymbol("(") && at(k - 1).is("IN") && at(first - 1).type() == TokenType.SYMBOL
                && s + 1 < sig.size() && (at(s + 1).isSymbol(",") || at(s + 1).isSymbol(")"))) {
            int before = k - 2;
            if (before >= 0 && at(before).is("NOT")) before--;
            return before;
        }
        // x [NOT] BETWEEN 'a' AND 'b'
        if (first >= 2 && at(first - 1).is("BETWEEN")) {
            int before = first - 2;
            if (at(before).is("NOT")) before--;
            return before;
        }
        if (first >= 2 && at(first - 1).is("AND")) {
            int low = first - 2;
            int between = low > 0 && at(low - 1).type() == TokenType.INTRODUCER ? low - 2 : low - 1;
            if (between >= 1 && at(between).is("BETWEEN")) {
                int before = between - 1;
                if (at(before).is("NOT")) before--;
                return before;
            }
        }
        return -1;
    }

    private boolean textColumnEndingAt(int e) {
        return columnEndingAt(e, TEXT);
    }

    private boolean textColumnStartingAt(int b) {
        return columnStartingAt(b, TEXT);
    }

    /** Whether the operand ending at {@code e} is a column of {@code kind} and nothing more. */
    private boolean columnEndingAt(int e, String kind) {
        if (e < 0 || !at(e).isIdentifier()) return false;
        int start = e;
        while (start >= 2 && at(start - 1).isSymbol(".") && at(start - 2).isIdentifier()) start -= 2;
        return kind.equals(columnKind(at(e).value())) && !(start > 0 && (tighter(at(start - 1)) || at(start - 1).is("BINARY")));
    }

    /** Whether the operand starting at {@code b} is a column of {@code kind} and nothing more. */
    private boolean columnStartingAt(int b, String kind) {
        if (b >= sig.size() || !at(b).isIdentifier()) return false;
        if (b + 1 < sig.size() && at(b + 1).isSymbol("(")) return false;
        int end = b;
        while (end + 2 < sig.size() && at(end + 1).isSymbol(".") && at(end + 2).isIdentifier()) end += 2;
        return kind.equals(columnKind(at(end).value())) && !(end + 1 < sig.size() && tighter(at(end + 1)));
    }

    /** Calls whose value is a DATE. */
    private static final Set<String> DATE_CALLS = Set.of("DATE", "CURDATE", "CURRENT_DATE", "UTC_DATE", "LAST_DAY",
            "FROM_DAYS", "MAKEDATE");

    /**
     * Whether the operand ending at sig index {@code e} is a call whose value is a DATE: {@code
     * DATE(x)}, {@code CURDATE()}, {@code CAST(x AS DATE)}, {@code CONVERT(x, DATE)}, a bare
     * {@code CURRENT_DATE}.
     */
    private boolean dateCallEndingAt(int e) {
        if (e < 0) return false;
        if (at(e).is("CURRENT_DATE") || at(e).is("UTC_DATE")) return !(e > 0 && at(e - 1).isSymbol("."));
        if (!at(e).isSymbol(")")) return false;
        int open = matchingOpen(e);
        if (open < 1 || at(open - 1).type() != TokenType.WORD || open > 1 && at(open - 2).isSymbol(".")) return false;
        String name = at(open - 1).upper();
        if (name.equals("CAST") || name.equals("CONVERT")) {
            return e - 2 > open && at(e - 1).is("DATE") && (at(e - 2).is("AS") || at(e - 2).isSymbol(","));
        }
        return DATE_CALLS.contains(name) && !(open > 1 && tighter(at(open - 2)));
    }

    /** As {@link #dateCallEndingAt}, for the operand starting at sig index {@code b}. */
    private boolean dateCallStartingAt(int b) {
        if (b >= sig.size() || at(b).type() != TokenType.WORD) return false;
        if (b + 1 >= sig.size() || !at(b + 1).isSymbol("(")) {
            return (at(b).is("CURRENT_DATE") || at(b).is("UTC_DATE")) && !(b + 1 < sig.size() && tighter(at(b + 1)));
        }
        int end = matchingClose(b + 1);
        return end > 0 && !(end + 1 < sig.size() && tighter(at(end + 1))) && dateCallEndingAt(end);
    }

    /** A date with a time of day: {@code 2020-01-31 10:00:00}, {@code 2020-1-31T10:00}. */
    private static final java.util.regex.Pattern DATE_AND_TIME = java.util.regex.Pattern.compile(
            "\\s*\\d{2,4}-\\d{1,2}-\\d{1,2}[ T]+\\d{1,2}:\\d{1,2}(:\\d{1,2}(\\.\\d{1,6})?)?\\s*");

    /**
     * The token indexes of the string literals with a time of day compared with a DATE column
     * ({@code date_col >= '2020-01-01 00:00:00'}): MySQL compares the two as DATETIMEs (the date at
     * midnight); the engine would make the literal a DATE and refuse its time (1292). Such a
     * literal is given to the engine as a TIMESTAMP, beside which it reads the DATE at midnight.
     */
    static Set<Integer> dateTimeLiterals(List<Token> all, List<Integer> sig, Set<Integer> skip,
                                         BiFunction<String, String, TableInfo> describe) {
        Set<Integer> out = new java.util.HashSet<>();
        BinaryComparisons c = null;
        for (int s = 0; s < sig.size(); s++) {
            Token t = all.get(sig.get(s));
            if (t.type() != TokenType.STRING || skip.contains(sig.get(s))) continue;
            if (s > 0 && all.get(sig.get(s - 1)).type() == TokenType.INTRODUCER) continue;
            if (!DATE_AND_TIME.matcher(t.value()).matches()) continue;
            if (c == null) c = new BinaryComparisons(all, sig, describe);
            boolean compared = c.isComparison(s - 1) && (c.columnEndingAt(s - 2, DATE) || c.dateCallEndingAt(s - 2))
                    || c.isComparison(s + 1) && (c.columnStartingAt(s + 2, DATE) || c.dateCallStartingAt(s + 2));
            if (!compared) {
                int before = c.memberOf(s, s);
                compared = before >= 0 && c.columnEndingAt(before, DATE);
            }
            if (compared) out.add(sig.get(s));
        }
        return out;
    }

    /**
     * {@code text_col = BINARY expr} and {@code BINARY expr = text_col}: the text column is
     * compared as its bytes too ({@code BINARY expr} itself is the engine's VARBINARY, {@link
     * Operators}), which the engine would refuse to compare with text. Returns the sig indexes of
     * the LIKEs whose left operand is binary, which match bytes ({@link Operators}).
     */
    static Set<Integer> rewrite(List<Token> all, List<Integer> sig, Set<Integer> skip,
                                BiFunction<String, String, TableInfo> describe, Map<Integer, String> prefix,
                                Map<Integer, String> close, Map<Integer, String> replace) {
        BinaryComparisons c = null;
        Set<Integer> likes = new java.util.HashSet<>();
        for (int s = 0; s < sig.size(); s++) {
            Token t = all.get(sig.get(s));
            if (t.type() == TokenType.WORD && BYTEWISE.containsKey(t.upper()) && s + 1 < sig.size()
                    && all.get(sig.get(s + 1)).isSymbol("(") && !skip.contains(sig.get(s))
                    && !(s > 0 && all.get(sig.get(s - 1)).isSymbol("."))) {
                if (c == null) c = new BinaryComparisons(all, sig, describe);
                c.bytewise(s, prefix, close);
                continue;
            }
            if (t.type() == TokenType.WORD && CASE_CALLS.contains(t.upper()) && s + 1 < sig.size()
                    && all.get(sig.get(s + 1)).isSymbol("(") && !skip.contains(sig.get(s))
                    && !(s > 0 && all.get(sig.get(s - 1)).isSymbol("."))) {
                // UPPER / LOWER of a binary string is the string itself, as MySQL's (the engine's
                // made text of its bytes: 0xFF came back as the three bytes of U+FFFD)
                if (c == null) c = new BinaryComparisons(all, sig, describe);
                int end = c.matchingClose(s + 1);
                if (end > s + 2 && c.binaryOperandStart(end - 1) == s + 2) replace.put(sig.get(s), "");
                continue;
            }
            if (t.is("LIKE") && !skip.contains(sig.get(s)) && s > 0) {
                if (c == null) c = new BinaryComparisons(all, sig, describe);
                int left = c.at(s - 1).is("NOT") ? s - 2 : s - 1;
                if (c.binaryEndingAt(left)) likes.add(s);
                continue;
            }
            if (s > 0 && s + 1 < sig.size() && !skip.contains(sig.get(s)) && all.get(sig.get(s - 1)).isIdentifier()
                    && all.get(sig.get(s + 1)).isIdentifier() && COMPARISONS.contains(t.text())
                    && t.type() == TokenType.SYMBOL && !assigning(all, sig).contains(s)) {
                // binary_col = text_col: the text column's bytes (only two columns are looked up)
                if (c == null) c = new BinaryComparisons(all, sig, describe);
                c.castTextBesideBinary(s, prefix, close);
                continue;
            }
            if (s > 0 && !skip.contains(sig.get(s)) && COMPARISONS.contains(t.text()) && t.type() == TokenType.SYMBOL
                    && (s + 1 < sig.size() && all.get(sig.get(s + 1)).type() == TokenType.INTRODUCER
                    || all.get(sig.get(s - 1)).type() == TokenType.STRING)) {
                if (c == null) c = new BinaryComparisons(all, sig, describe);
                c.castTextBesideBinaryLiteral(s, prefix, close);
                continue;
            }
            if (!t.is("BINARY") || skip.contains(sig.get(s)) || !binaryOperator(all, sig, s)) continue;
            if (c == null) c = new BinaryComparisons(all, sig, describe);
            if (c.isComparison(s - 1) && c.textColumnEndingAt(s - 2)) {
                int start = s - 2;
                while (start >= 2 && c.at(start - 1).isSymbol(".") && c.at(start - 2).isIdentifier()) start -= 2;
                c.castToBinary(start, s - 2, prefix, close);
            }
            int end = c.primaryEnd(s + 1);
            if (end > 0 && c.isComparison(end + 1) && c.textColumnStartingAt(end + 2)) {
                int last = end + 2;
                while (last + 2 < sig.size() && c.at(last + 1).isSymbol(".") && c.at(last + 2).isIdentifier()) last += 2;
                c.castToBinary(end + 2, last, prefix, close);
            }
        }
        return likes;
    }

    /**
     * {@code text_col = _binary'…'} (a client's bytes parameter): the text column compared as its
     * bytes, as MySQL compares a binary string with a string ({@link #addTargets} makes the literal
     * binary).
     */
    private void castTextBesideBinaryLiteral(int s, Map<Integer, String> prefix, Map<Integer, String> close) {
        boolean literalAfter = s + 2 < sig.size() && at(s + 1).type() == TokenType.INTRODUCER
                && binaryIntroducer(at(s + 1)) && at(s + 2).type() == TokenType.STRING
                && !(s + 3 < sig.size() && tighter(at(s + 3)));
        boolean literalBefore = s >= 2 && at(s - 1).type() == TokenType.STRING && at(s - 2).type() == TokenType.INTRODUCER
                && binaryIntroducer(at(s - 2)) && !(s >= 3 && tighter(at(s - 3)));
        if (literalAfter && textColumnEndingAt(s - 1)) {
            int first = s - 1;
            while (first >= 2 && at(first - 1).isSymbol(".") && at(first - 2).isIdentifier()) first -= 2;
            castToBinary(first, s - 1, prefix, close);
        } else if (literalBefore && textColumnStartingAt(s + 1)) {
            int last = s + 1;
            while (last + 2 < sig.size() && at(last + 1).isSymbol(".") && at(last + 2).isIdentifier()) last += 2;
            castToBinary(s + 1, last, prefix, close);
        }
    }

    /** For the comparison at {@code s} of two columns: the text one cast to bytes when the other is binary. */
    private void castTextBesideBinary(int s, Map<Integer, String> prefix, Map<Integer, String> close) {
        int first = s - 1;
        while (first >= 2 && at(first - 1).isSymbol(".") && at(first - 2).isIdentifier()) first -= 2;
        int last = s + 1;
        while (last + 2 < sig.size() && at(last + 1).isSymbol(".") && at(last + 2).isIdentifier()) last += 2;
        if (columnEndingAt(s - 1, BINARY) && columnStartingAt(s + 1, TEXT)) {
            castToBinary(s + 1, last, prefix, close);
        } else if (columnEndingAt(s - 1, TEXT) && columnStartingAt(s + 1, BINARY)) {
            castToBinary(first, s - 1, prefix, close);
        }
    }

    private void castToBinary(int first, int last, Map<Integer, String> prefix, Map<Integer, String> close) {
        prefix.merge(sig.get(first), "CAST(", (old, add) -> add + old);
        close.merge(sig.get(last), " AS VARBINARY)", String::concat);
    }

    /** Whether the operand that ends at sig index {@code e} (and nothing binds more tightly before it) is binary. */
    private boolean binaryEndingAt(int e) {
        return binaryOperandStart(e) >= 0;
    }

    /** Whether an argument of the call whose parenthesis opens at sig index {@code open} is a binary string. */
    static boolean anyBinaryArgument(List<Token> all, List<Integer> sig, int open,
                                     BiFunction<String, String, TableInfo> describe) {
        return new BinaryComparisons(all, sig, describe).binaryArgument(open);
    }

    private boolean binaryArgument(int open) {
        int close = matchingClose(open);
        int start = open + 1;
        int depth = 0;
        for (int k = open + 1; close > 0 && k <= close; k++) {
            Token t = at(k);
            if (t.isSymbol("(")) {
                depth++;
            } else if (t.isSymbol(")") && k < close) {
                depth--;
            } else if (depth == 0 && (t.isSymbol(",") || k == close)) {
                if (k > start && binaryOperandStart(k - 1) == start) return true;
                start = k + 1;
            }
        }
        return false;
    }

    /** Where the binary operand ending at sig index {@code e} starts; -1 when it is no binary operand. */
    private int binaryOperandStart(int e) {
        if (e < 0) return -1;
        Token t = at(e);
        int start;
        boolean binary;
        if (t.type() == TokenType.HEX) {
            start = e;
            binary = true;
        } else if (t.type() == TokenType.STRING && e > 0 && at(e - 1).type() == TokenType.INTRODUCER) {
            start = e - 1;
            binary = binaryIntroducer(at(e - 1));
        } else if (t.isSymbol(")")) {
            int open = matchingOpen(e);
            if (open < 1) return -1;
            start = open - 1;
            binary = binaryCall(open - 1, e);
        } else if (t.type() == TokenType.STRING || t.type() == TokenType.NUMBER) {
            start = e;
            binary = false;
        } else if (t.isIdentifier()) {
            start = e;
            while (start >= 2 && at(start - 1).isSymbol(".") && at(start - 2).isIdentifier()) start -= 2;
            binary = binaryColumn(t.value());
        } else {
            return -1;
        }
        if (!binary && start >= 1 && at(start - 1).is("BINARY") && binaryOperator(start - 1)) {
            start--;
            binary = true;
        }
        return binary && !(start > 0 && tighter(at(start - 1))) ? start : -1;
    }

    /** Whether the operand that starts at sig index {@code b} (and nothing binds more tightly after it) is binary. */
    private boolean binaryStartingAt(int b) {
        if (b >= sig.size()) return false;
        Token t = at(b);
        int end;
        boolean binary;
        if (t.is("BINARY") && binaryOperator(b)) {
            end = primaryEnd(b + 1);
            binary = end > 0;
        } else if (t.type() == TokenType.HEX) {
            end = b;
            binary = true;
        } else if (t.type() == TokenType.INTRODUCER && b + 1 < sig.size() && at(b + 1).type() == TokenType.STRING) {
            end = b + 1;
            binary = binaryIntroducer(t);
        } else if (t.type() == TokenType.WORD && b + 1 < sig.size() && at(b + 1).isSymbol("(")) {
            end = matchingClose(b + 1);
            binary = end > 0 && binaryCall(b, end);
        } else if (t.isIdentifier()) {
            end = b;
            while (end + 2 < sig.size() && at(end + 1).isSymbol(".") && at(end + 2).isIdentifier()) end += 2;
            binary = binaryColumn(at(end).value());
        } else {
            return false;
        }
        return binary && !(end + 1 < sig.size() && tighter(at(end + 1)));
    }

    /** The last sig index of the primary at {@code b}: a value, a parenthesized expression or a call; -1 otherwise. */
    private int primaryEnd(int b) {
        if (b >= sig.size()) return -1;
        Token t = at(b);
        if (t.isSymbol("(")) return matchingClose(b);
        if (t.type() == TokenType.INTRODUCER) return b + 1 < sig.size() ? b + 1 : -1;
        if (t.type() == TokenType.WORD && b + 1 < sig.size() && at(b + 1).isSymbol("(")) return matchingClose(b + 1);
        if (t.type() == TokenType.STRING || t.type() == TokenType.HEX || t.type() == TokenType.NUMBER) return b;
        if (!t.isIdentifier()) return -1;
        int end = b;
        while (end + 2 < sig.size() && at(end + 1).isSymbol(".") && at(end + 2).isIdentifier()) end += 2;
        return end;
    }

    private static boolean tighter(Token t) {
        return (t.type() == TokenType.SYMBOL || t.type() == TokenType.WORD) && TIGHTER.contains(t.upper());
    }

    /**
     * Whether the word BINARY at sig index {@code s} is MySQL's operator (BINARY expr) rather than
     * a type (CAST(x AS BINARY), CONVERT(x, BINARY), a column's BINARY(16)), a character set
     * ({@code USING binary}, {@code CHARACTER SET binary}) or a column's attribute.
     */
    static boolean binaryOperator(List<Token> all, List<Integer> sig, int s) {
        if (s + 1 >= sig.size()) return false;
        Token next = all.get(sig.get(s + 1));
        boolean operand = next.isIdentifier() || next.isSymbol("(") || next.type() == TokenType.STRING
                || next.type() == TokenType.INTRODUCER || next.type() == TokenType.HEX || next.type() == TokenType.NUMBER;
        if (!operand) return false;
        if (s == 0) return true;
        Token before = all.get(sig.get(s - 1));
        if (before.is("AS") || before.is("USING") || before.is("SET") || before.is("CHARSET") || before.is("COLLATE")
                || before.is("CHARACTER") || before.is("LIKE")) {
            return false;
        }
        if (before.isSymbol(",") && next.isSymbol("(") && s + 3 < sig.size()
                && all.get(sig.get(s + 2)).type() == TokenType.NUMBER && all.get(sig.get(s + 3)).isSymbol(")")) {
            // CONVERT(x, BINARY(4))
            return false;
        }
        return !Operators.endsOperand(before);
    }

    private boolean binaryOperator(int s) {
        return binaryOperator(all, sig, s);
    }

    /** Whether the call from sig index {@code name} to its closing parenthesis {@code close} gives a binary string. */
    private boolean binaryCall(int name, int close) {
        Token t = at(name);
        if (t.type() != TokenType.WORD) return false;
        if (BINARY_CALLS.contains(t.upper())) return true;
        // CONCAT / UPPER / LOWER … of a binary string are one (StringFunctions#concatBytes)
        if (SAME_AS_ARGUMENTS.contains(t.upper())) return binaryArgument(name + 1);
        if (!t.is("CAST") && !t.is("CONVERT")) return false;
        int depth = 0;
        for (int k = name + 1; k < close; k++) {
            Token u = at(k);
            if (u.isSymbol("(")) depth++;
            else if (u.isSymbol(")")) depth--;
            else if (depth == 1 && (u.is("AS") || u.is("USING") || u.isSymbol(",")) && k + 1 < close
                    && at(k + 1).is("BINARY")) {
                return true;
            }
        }
        return false;
    }

    private boolean binaryColumn(String name) {
        return BINARY.equals(columnKind(name));
    }

    private String columnKind(String name) {
        if (columnKinds == null) columnKinds = columnKinds();
        return columnKinds.get(name.toLowerCase(Locale.ROOT));
    }

    /**
     * String functions that take their string arguments (these positions) character by character,
     * case counting: with a binary one among them they run on bytes ({@link #bytewise}).
     */
    private static final Map<String, Set<Integer>> BYTEWISE = Map.ofEntries(Map.entry("RIGHT", Set.of(0)),
            Map.entry("REVERSE", Set.of(0)), Map.entry("LPAD", Set.of(0, 2)), Map.entry("RPAD", Set.of(0, 2)),
            Map.entry("INSERT", Set.of(0, 3)), Map.entry("REPEAT", Set.of(0)), Map.entry("REPLACE", Set.of(0, 1, 2)),
            Map.entry("SUBSTRING_INDEX", Set.of(0, 1)), Map.entry("LTRIM", Set.of(0)), Map.entry("RTRIM", Set.of(0)),
            Map.entry("TRIM", Set.of(0)), Map.entry("GROUP_CONCAT", Set.of()), Map.entry("ELT", Set.of()),
            Map.entry("MAKE_SET", Set.of()), Map.entry("EXPORT_SET", Set.of(1, 2, 3)));

    /** Calls whose value is a binary string when one of their arguments is. */
    private static final Set<String> SAME_AS_ARGUMENTS = Set.of("CONCAT", "CONCAT_WS", "UPPER", "UCASE", "LOWER",
            "LCASE", "RIGHT", "REVERSE", "LPAD", "RPAD", "INSERT", "REPEAT", "REPLACE", "SUBSTRING_INDEX", "LTRIM",
            "RTRIM", "TRIM", "LEFT", "SUBSTRING", "SUBSTR", "MID", "GROUP_CONCAT", "ELT", "MAKE_SET", "EXPORT_SET");

    /**
     * A call of {@link #BYTEWISE} at sig index {@code name} with a binary string among its string
     * arguments: MySQL's result is a binary string, computed on bytes ({@code REVERSE(0x41FF)} is FF
     * 41); the engine made text of the bytes, each byte that was no UTF-8 U+FFFD. Each string
     * argument is given as one character per byte and the result made bytes again
     * ({@link StringFunctions#bytesAsLatin1}).
     */
    private void bytewise(int name, Map<Integer, String> prefix, Map<Integer, String> close) {
        int open = name + 1;
        int end = matchingClose(open);
        if (end < 0) return;
        boolean groupConcat = at(name).is("GROUP_CONCAT");
        Set<Integer> positions = BYTEWISE.get(at(name).upper());
        List<int[]> args = new java.util.ArrayList<>();
        int start = open + 1;
        // GROUP_CONCAT([DISTINCT] x, y … [ORDER BY …] [SEPARATOR s]): its values
        if (groupConcat && at(start).is("DISTINCT")) start++;
        int depth = 0;
        for (int k = start; k <= end; k++) {
            Token t = at(k);
            if (t.isSymbol("(")) {
                depth++;
            } else if (t.isSymbol(")") && k < end) {
                depth--;
            } else if (depth == 0 && (t.isSymbol(",") || k == end
                    || groupConcat && (t.is("ORDER") || t.is("SEPARATOR")))) {
                if (k == start) return;
                args.add(new int[] {start, k - 1});
                start = k + 1;
                if (!t.isSymbol(",")) break;
            }
        }
        if (groupConcat || at(name).is("ELT") || at(name).is("MAKE_SET")) {
            // GROUP_CONCAT's values; ELT's and MAKE_SET's strings, after their number
            positions = new java.util.HashSet<>();
            for (int p = groupConcat ? 0 : 1; p < args.size(); p++) positions.add(p);
        }
        boolean binary = false;
        for (int p : positions) {
            if (p < args.size() && binaryOperandStart(args.get(p)[1]) == args.get(p)[0]) binary = true;
        }
        if (!binary) return;
        // innermost: what other rewrites put around the call or an argument goes around these
        prefix.merge(sig.get(name), H2Functions.internalCall("latin1AsBytes") + "(", String::concat);
        if (groupConcat) {
            // before the call's own parenthesis, after which group_concat_max_len's SUBSTRING(…)
            // closes (MySqlToH2.groupConcatCut): the bytes are cut, as MySQL cuts them
            close.merge(sig.get(end - 1), ")", String::concat);
        } else {
            close.merge(sig.get(end), ")", (old, add) -> add + old);
        }
        for (int p : positions) {
            if (p >= args.size()) continue;
            prefix.merge(sig.get(args.get(p)[0]), H2Functions.internalCall("bytesAsLatin1") + "(", String::concat);
            close.merge(sig.get(args.get(p)[1]), ")", (old, add) -> add + old);
        }
    }

    /** The case mappings, which leave a binary string as it is. */
    private static final Set<String> CASE_CALLS = Set.of("UPPER", "UCASE", "LOWER", "LCASE");

    private static final String BINARY = "binary";
    private static final String TEXT = "text";
    private static final String DATE = "date";

    /** Column types whose values are text. */
    private static final List<String> TEXT_TYPES = List.of("char", "varchar", "tinytext", "text", "mediumtext",
            "longtext", "enum", "set");

    /** Each column of the statement's tables → its kind ("" when tables disagree). */
    private Map<String, String> columnKinds() {
        Map<String, String> out = new HashMap<>();
        JsonCalls.columnTypes(all, sig, describe).forEach((name, type) -> out.put(name,
                type.isEmpty() ? ""
                : BINARY_TYPES.stream().anyMatch(b -> type.equals(b) || type.startsWith(b + "(")) ? BINARY
                : TEXT_TYPES.stream().anyMatch(b -> type.equals(b) || type.startsWith(b + "(") || type.startsWith(b + " "))
                        ? TEXT : type.equals("date") ? DATE : "other"));
        return out;
    }

    private int matchingOpen(int close) {
        return MySqlToH2.matchingOpenParen(all, sig, close);
    }

    private int matchingClose(int open) {
        return MySqlToH2.matchingParen(all, sig, open);
    }
}
