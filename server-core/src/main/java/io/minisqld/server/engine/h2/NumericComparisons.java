package io.minisqld.server.engine.h2;

import io.minisqld.server.engine.TableInfo;
import io.minisqld.server.sql.Token;
import io.minisqld.server.sql.TokenType;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * A text column compared with a number ({@code code = 10}, {@code code IN (1, 2)}, {@code code
 * BETWEEN 1 AND 9}): MySQL compares the two as DOUBLEs, the text read as the number it starts with
 * (0 for none: {@code 'abc' = 0} is true, {@code '1e1' = 10} too). The engine converted the column's
 * values to the number's type and failed on the first that was none (1105 "Data conversion
 * error"), so the column is read as MySQL reads it ({@link StringFunctions#textDouble}). Likewise a
 * numeric column compared with a string literal that is no clean number ({@code id = '10abc'}):
 * the literal is the DOUBLE it starts with, with MySQL's 1292 (a warning; an error in a change).
 * An ENUM column ordered against a string is its member's text ({@link #enumAsText}).
 */
final class NumericComparisons {
    static final Set<String> COMPARISONS = Set.of("=", "<>", "!=", "<", "<=", ">", ">=", "<=>");
    /** FLOAT(M,D) and DOUBLE(M,D) column types; the group is D. */
    private static final java.util.regex.Pattern FIXED_FLOAT = java.util.regex.Pattern.compile("(?:float|double)\\(\\d+,(\\d+)\\)");

    private NumericComparisons() {
    }

    /** A clean number as text: what the engine converts to a number column's type itself (and keeps its index). */
    private static final java.util.regex.Pattern CLEAN_NUMBER = java.util.regex.Pattern.compile(
            "\\s*[+-]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?\\s*");
    private static final List<String> NUMBER_TYPES = List.of("tinyint", "smallint", "mediumint", "int", "bigint",
            "decimal", "float", "double");

    static void rewrite(List<Token> all, List<Integer> sig, Map<Integer, String> prefix, Map<Integer, String> close,
                        Map<Integer, String> replace, Set<Integer> skip, BiFunction<String, String, TableInfo> describe,
                        boolean strict, java.util.function.Consumer<io.minisqld.server.error.SqlError> warnings) {
        Map<String, String> columns = null;
        // SET col = 10 stores the number as the column's type (UpdateAssignments): no comparison;
        // found once a comparison sign is met (an INSERT's VALUES has none)
        Set<Integer> assigning = null;
        for (int s = 1; s + 1 < sig.size(); s++) {
            Token t = all.get(sig.get(s));
            if (skip.contains(sig.get(s))) continue;
            boolean comparison = t.type() == TokenType.SYMBOL && COMPARISONS.contains(t.text());
            if (comparison && assigning == null) assigning = UpdateAssignments.assigningSigns(all, sig);
            if (comparison && assigning.contains(s)) comparison = false;
            // the tables' column types are read only for a comparison with a string or number beside it
            // (not for every id = ? of a point select)
            if (comparison && (all.get(sig.get(s + 1)).type() == TokenType.STRING
                    || all.get(sig.get(s - 1)).type() == TokenType.STRING)) {
                if (columns == null) columns = JsonCalls.columnTypes(all, sig, describe);
                dirtyStringBesideNumberColumn(all, sig, s, replace, columns, strict, warnings);
                if (!t.isSymbol("=") && !t.isSymbol("<>") && !t.isSymbol("!=") && !t.isSymbol("<=>")) {
                    enumAsText(all, sig, prefix, close, columns, all.get(sig.get(s + 1)).type() == TokenType.STRING
                            ? ArithmeticOperands.columnBefore(all, sig, s - 1) : ArithmeticOperands.columnAfter(all, sig, s + 1));
                }
            }
            if (t.is("BETWEEN") && all.get(sig.get(s + 1)).type() == TokenType.STRING) {
                // enum_col BETWEEN 'a' AND 'c': the members' text, as a string comparison
                if (columns == null) columns = JsonCalls.columnTypes(all, sig, describe);
                int end = all.get(sig.get(s - 1)).is("NOT") && s >= 2 ? s - 2 : s - 1;
                enumAsText(all, sig, prefix, close, columns, ArithmeticOperands.columnBefore(all, sig, end));
            }
            if ((t.is("MIN") || t.is("MAX")) && all.get(sig.get(s + 1)).isSymbol("(") && s + 3 < sig.size()
                    && !all.get(sig.get(s - 1)).isSymbol(".")) {
                // MIN / MAX of an ENUM compare its members' text (MySQL's manual, MAX()), not their positions
                int[] column = ArithmeticOperands.columnAfter(all, sig, s + 2);
                if (column != null && column[1] + 1 < sig.size() && all.get(sig.get(column[1] + 1)).isSymbol(")")) {
                    if (columns == null) columns = JsonCalls.columnTypes(all, sig, describe);
                    enumAsText(all, sig, prefix, close, columns, column);
                }
            }
            boolean list = (t.is("IN") || t.is("BETWEEN")) && !all.get(sig.get(s - 1)).isSymbol(".");
            if (!comparison && !list) continue;
            int[] left = ArithmeticOperands.columnBefore(all, sig, all.get(sig.get(s - 1)).is("NOT") && list && s >= 2 ? s - 2 : s - 1);
            int[] right = comparison ? ArithmeticOperands.columnAfter(all, sig, s + 1) : null;
            boolean numberRight = comparison ? StringOperands.isNumber(all, sig, s + 1) && numberEnds(all, sig, s + 1)
                    : t.is("IN") ? numbersInList(all, sig, s + 1) : numbersBetween(all, sig, s + 1);
            boolean numberLeft = comparison && s >= 1 && all.get(sig.get(s - 1)).type() == TokenType.NUMBER
                    && !(s >= 2 && all.get(sig.get(s - 2)).isSymbol("."));
            if (comparison) hexBesideNumberColumn(all, sig, s, replace, left, right, columns, describe);
            int[] column = numberRight && left != null ? left : numberLeft && right != null ? right : null;
            if (column == null) continue;
            if (columns == null) columns = JsonCalls.columnTypes(all, sig, describe);
            String type = columns.get(all.get(sig.get(column[1])).value().toLowerCase(Locale.ROOT));
            if (type != null && type.startsWith("enum(")) {
                // an ENUM beside a number is its member's position (the engine refused the comparison, 1105)
                prefix.merge(sig.get(column[0]), "(", (old, add) -> add + old);
                close.merge(sig.get(column[1]), " + 0)", String::concat);
                continue;
            }
            if (comparison && type != null && temporalNumber(all, sig, replace, numberRight ? s + 1 : s - 1, type)) continue;
            String[] set = SetColumns.asNumber(type);
            if (set != null) {
                // a SET beside a number is the number of its members' bits
                prefix.merge(sig.get(column[0]), set[0], (old, add) -> add + old);
                close.merge(sig.get(column[1]), set[1], String::concat);
                continue;
            }
            if (type != null && (type.equals("float") || type.startsWith("float "))) {
                // a FLOAT beside a number is its exact DOUBLE, as MySQL compares them: a FLOAT holding
                // 1.2345679 is 1.2345678806304932, not equal to the literal (the engine compared the
                // float's shortest text, and found the row). A FLOAT(M,D) is compared to its D
                // decimals (MySQL's compare_real_fixed), as the engine compares it.
                prefix.merge(sig.get(column[0]), "CAST(", (old, add) -> add + old);
                close.merge(sig.get(column[1]), " AS DOUBLE PRECISION)", String::concat);
                continue;
            }
            java.util.regex.Matcher fixed = type == null ? null : FIXED_FLOAT.matcher(type);
            if (fixed != null && fixed.lookingAt()) {
                // a FLOAT(M,D) or DOUBLE(M,D) beside a number is equal within half of its last decimal
                // (MySQL's compare_real_fixed): a DOUBLE(10,3) holding 1.2349999999999999 equals 1.235
                prefix.merge(sig.get(column[0]), "ROUND(CAST(", (old, add) -> add + old);
                close.merge(sig.get(column[1]), " AS DOUBLE PRECISION), " + fixed.group(1) + ")", String::concat);
                continue;
            }
            if (type == null || !isText(type)) continue;
            prefix.merge(sig.get(column[0]), H2Functions.internalCall("textDouble") + "(", (old, add) -> add + old);
            close.merge(sig.get(column[1]), ")", String::concat);
        }
    }

    /** Words after which a condition starts. */
    private static final Set<String> CONDITION_STARTS = Set.of("WHERE", "HAVING", "ON", "WHEN");

    /**
     * A text, date or time column that is a whole condition or a whole operand of a logical
     * operator ({@code WHERE name}, {@code NOT deleted_at}, {@code b OR a > 1}, {@code b || 'x'}):
     * MySQL reads it as a number, true when not 0 — text the number it starts with, a date or time
     * true when there is one; the engine refused to make it a truth (1105 "Data conversion error
     * converting CHARACTER VARYING to BOOLEAN"). NULL stays NULL.
     */
    static void truthColumns(List<Token> all, List<Integer> sig, Map<Integer, String> prefix, Map<Integer, String> close,
                             Set<Integer> skip, BiFunction<String, String, TableInfo> describe) {
        Map<String, String> columns = null;
        for (int s = 0; s < sig.size(); s++) {
            Token t = all.get(sig.get(s));
            if (!t.isIdentifier() || skip.contains(sig.get(s)) || s > 0 && all.get(sig.get(s - 1)).isSymbol(".")) continue;
            int[] column = ArithmeticOperands.columnAfter(all, sig, s);
            if (column == null || column[0] != s) continue;
            Token before = s > 0 ? all.get(sig.get(s - 1)) : null;
            Token after = column[1] + 1 < sig.size() ? all.get(sig.get(column[1] + 1)) : null;
            if (after != null && (after.isSymbol("(") || after.isSymbol("."))) continue;
            boolean logicalBefore = StringOperands.logical(before);
            boolean logicalAfter = StringOperands.logical(after) && !after.is("NOT") && !after.isSymbol("!");
            boolean opens = before == null || logicalBefore || before.isSymbol("(") || before.is("SELECT")
                    || before.isSymbol(",") || before.type() == TokenType.WORD && CONDITION_STARTS.contains(before.upper());
            boolean closes = after == null || logicalAfter || after.is("THEN") || after.isSymbol(")")
                    || after.isSymbol(";") || after.is("ORDER") || after.is("GROUP") || after.is("LIMIT")
                    || after.is("HAVING") || after.isSymbol(",") || after.is("FROM") || after.is("AS");
            boolean condition = before != null && before.type() == TokenType.WORD
                    && CONDITION_STARTS.contains(before.upper()) && !(before.is("WHEN") && simpleCase(all, sig, s - 1))
                    // IF(b, x, y)'s condition
                    || before != null && before.isSymbol("(") && after != null && after.isSymbol(",") && s >= 2
                    && all.get(sig.get(s - 2)).is("IF") && !(s >= 3 && all.get(sig.get(s - 3)).isSymbol("."));
            if (!opens || !closes || !(logicalBefore || logicalAfter || condition)) continue;
            if (logicalBefore && StringOperands.betweenAnd(all, sig, s - 1)
                    || logicalAfter && StringOperands.betweenAnd(all, sig, column[1] + 1)) {
                continue;
            }
            if (columns == null) columns = JsonCalls.columnTypes(all, sig, describe);
            String type = columns.get(all.get(sig.get(column[1])).value().toLowerCase(Locale.ROOT));
            if (type == null) continue;
            if (isText(type)) {
                prefix.merge(sig.get(column[0]), "(" + H2Functions.internalCall("textDouble") + "(", (old, add) -> add + old);
                close.merge(sig.get(column[1]), ") <> 0)", String::concat);
            } else if (type.startsWith("date") || type.startsWith("time") || type.startsWith("year")) {
                prefix.merge(sig.get(column[0]), "(", (old, add) -> add + old);
                close.merge(sig.get(column[1]), " IS NOT NULL OR NULL)", String::concat);
            }
        }
    }

    /** Whether the WHEN at sig index {@code when} is a simple CASE's ({@code CASE x WHEN y}), whose y is a value. */
    private static boolean simpleCase(List<Token> all, List<Integer> sig, int when) {
        int depth = 0;
        int cases = 0;
        for (int k = when - 1; k >= 0; k--) {
            Token t = all.get(sig.get(k));
            if (t.isSymbol(")")) depth++;
            else if (t.isSymbol("(")) depth--;
            else if (depth == 0 && t.is("END")) cases++;
            else if (depth == 0 && t.is("CASE") && cases-- == 0) {
                return !(k + 1 < sig.size() && all.get(sig.get(k + 1)).is("WHEN"));
            }
            if (depth < 0) return false;
        }
        return false;
    }

    /**
     * {@code ORDER BY set_col}: MySQL orders a SET by its number (the bits of its members, in the
     * order the column declares them), the engine by its text ('x,z' before 'y' of SET('x','y','z')).
     * A query with UNION or DISTINCT orders by its result's columns and is left as it is.
     */
    static void orderSetsByNumber(List<Token> all, List<Integer> sig, Map<Integer, String> prefix,
                                  Map<Integer, String> close, BiFunction<String, String, TableInfo> describe) {
        Map<String, String> columns = null;
        for (int s = 0; s + 2 < sig.size(); s++) {
            Token t = all.get(sig.get(s));
            if (t.is("UNION") || t.is("DISTINCT")) return;
            if (!t.is("ORDER") || !all.get(sig.get(s + 1)).is("BY")) continue;
            for (int k = s + 2; k < sig.size(); ) {
                int[] column = ArithmeticOperands.columnAfter(all, sig, k);
                if (column == null) break;
                int after = column[1] + 1;
                Token next = after < sig.size() ? all.get(sig.get(after)) : null;
                if (next != null && (next.is("ASC") || next.is("DESC"))) {
                    after++;
                    next = after < sig.size() ? all.get(sig.get(after)) : null;
                }
                boolean whole = next == null || next.isSymbol(",") || next.isSymbol(")") || next.isSymbol(";")
                        || next.is("LIMIT") || next.is("FOR") || next.is("LOCK") || next.is("INTO");
                if (!whole) break;
                if (columns == null) columns = JsonCalls.columnTypes(all, sig, describe);
                String[] set = SetColumns.asNumber(columns.get(all.get(sig.get(column[1])).value().toLowerCase(Locale.ROOT)));
                if (set != null) {
                    prefix.merge(sig.get(column[0]), set[0], (old, add) -> add + old);
                    close.merge(sig.get(column[1]), set[1], String::concat);
                }
                if (next == null || !next.isSymbol(",")) break;
                k = after + 1;
            }
        }
    }

    /**
     * {@code int_col = 0x41}: a hexadecimal literal compared with a number column is its number, as
     * MySQL reads it there (the engine refused bytes beside a number: 1105).
     */
    private static void hexBesideNumberColumn(List<Token> all, List<Integer> sig, int s, Map<Integer, String> replace,
                                              int[] left, int[] right, Map<String, String> columns,
                                              BiFunction<String, String, TableInfo> describe) {
        int hex = all.get(sig.get(s + 1)).type() == TokenType.HEX && left != null ? s + 1
                : all.get(sig.get(s - 1)).type() == TokenType.HEX && right != null ? s - 1 : -1;
        if (hex < 0 || replace.containsKey(sig.get(hex))) return;
        int[] column = hex == s + 1 ? left : right;
        Map<String, String> types = columns != null ? columns : JsonCalls.columnTypes(all, sig, describe);
        String type = types.get(all.get(sig.get(column[1])).value().toLowerCase(Locale.ROOT));
        if (type != null && isOf(type, NUMBER_TYPES)) replace.put(sig.get(hex), MySqlToH2.hexNumber(all.get(sig.get(hex))));
    }

    /**
     * {@code date_col = 20240305}: MySQL compares a DATE, DATETIME or TIMESTAMP column with an
     * integer constant as the date that number spells (YYYYMMDD[hhmmss], YYMMDD…); the engine
     * refused the comparison (1105). The literal at sig index {@code n} becomes that date's text;
     * false, nothing changed, for another type or a number that spells no date.
     */
    private static boolean temporalNumber(List<Token> all, List<Integer> sig, Map<Integer, String> replace, int n,
                                          String type) {
        String kind = type.startsWith("date") && !type.startsWith("datetime") ? "date"
                : type.startsWith("datetime") || type.startsWith("timestamp") ? "datetime" : null;
        Token literal = all.get(sig.get(n));
        if (kind == null || literal.type() != TokenType.NUMBER || replace.containsKey(sig.get(n))
                || !literal.text().chars().allMatch(Character::isDigit)
                || n > 0 && all.get(sig.get(n - 1)).isSymbol("-")) {
            return false;
        }
        try {
            replace.put(sig.get(n), MySqlToH2.quote(ArithmeticOperands.fromNumber(new java.math.BigDecimal(literal.text()),
                    kind, "")));
            return true;
        } catch (io.minisqld.server.error.SqlError noDate) {
            return false;
        }
    }

    /** {@code number_col = 'text'} (or the other way round) with text that is no clean number. */
    private static void dirtyStringBesideNumberColumn(List<Token> all, List<Integer> sig, int s, Map<Integer, String> replace,
            Map<String, String> columns, boolean strict, java.util.function.Consumer<io.minisqld.server.error.SqlError> warnings) {
        int literal;
        int[] column;
        if (all.get(sig.get(s + 1)).type() == TokenType.STRING) {
            literal = s + 1;
            column = ArithmeticOperands.columnBefore(all, sig, s - 1);
        } else if (all.get(sig.get(s - 1)).type() == TokenType.STRING) {
            literal = s - 1;
            column = ArithmeticOperands.columnAfter(all, sig, s + 1);
        } else {
            return;
        }
        String text = all.get(sig.get(literal)).value();
        // a literal the translation rendered otherwise (a date, a value for a column) is left so
        String rendered = replace.get(sig.get(literal));
        if (column == null || (rendered != null && !rendered.equals(MySqlToH2.quote(text)))) return;
        // the literal alone: no introducer, no COLLATE, no other string glued to it
        if (literal > 0 && all.get(sig.get(literal - 1)).type() == TokenType.INTRODUCER) return;
        if (literal + 1 < sig.size() && (all.get(sig.get(literal + 1)).type() == TokenType.STRING
                || all.get(sig.get(literal + 1)).is("COLLATE"))) {
            return;
        }
        // the literal is the comparison's whole operand, not part of arithmetic ('2abc' + 0)
        Token outer = literal == s + 1 ? (literal + 1 < sig.size() ? all.get(sig.get(literal + 1)) : null)
                : (literal > 0 ? all.get(sig.get(literal - 1)) : null);
        if (outer != null && ((outer.type() == TokenType.SYMBOL && !outer.isSymbol(")") && !outer.isSymbol(",")
                && !outer.isSymbol("(") && !outer.isSymbol(";")) || outer.is("DIV") || outer.is("MOD"))) {
            return;
        }
        String type = columns.get(all.get(sig.get(column[1])).value().toLowerCase(Locale.ROOT));
        if (type == null || !isOf(type, NUMBER_TYPES) || CLEAN_NUMBER.matcher(text).matches()) return;
        replace.put(sig.get(literal), StringOperands.asDouble(text, strict, warnings));
    }

    /**
     * An ENUM column ordered against a string ({@code e < 'b'}, BETWEEN, MIN / MAX) is its member's
     * text: MySQL compares it with the string as strings, the engine converts the string to a
     * member and compares positions ({@code 'a' < 'b'} was false for ENUM('b', 'a')). Equality is
     * the same both ways and is left; ORDER BY keeps the positions, as MySQL's.
     */
    private static void enumAsText(List<Token> all, List<Integer> sig, Map<Integer, String> prefix,
                                   Map<Integer, String> close, Map<String, String> columns, int[] column) {
        if (column == null) return;
        String type = columns.get(all.get(sig.get(column[1])).value().toLowerCase(Locale.ROOT));
        if (type == null || !type.startsWith("enum(")) return;
        prefix.merge(sig.get(column[0]), "CAST(", (old, add) -> add + old);
        close.merge(sig.get(column[1]), " AS VARCHAR)", String::concat);
    }

    /** Whether a column type (as SHOW COLUMNS names it) is CHAR, VARCHAR or a TEXT type. */
    static boolean isText(String mysqlType) {
        return TableInfo.ColumnInfo.isText(mysqlType);
    }

    private static boolean isOf(String mysqlType, List<String> types) {
        for (String t : types) {
            if (mysqlType.equals(t) || mysqlType.startsWith(t + "(") || mysqlType.startsWith(t + " ")) return true;
        }
        return false;
    }

    /** Whether the number starting at {@code s} ends the comparison's right side (no operator follows it). */
    private static boolean numberEnds(List<Token> all, List<Integer> sig, int s) {
        int last = all.get(sig.get(s)).type() == TokenType.NUMBER ? s : s + 1;
        if (last + 1 >= sig.size()) return true;
        Token after = all.get(sig.get(last + 1));
        return !(after.type() == TokenType.SYMBOL && !after.isSymbol(")") && !after.isSymbol(",") && !after.isSymbol(";"))
                && !after.is("DIV") && !after.is("MOD");
    }

    /** Whether {@code ( n, n, … )} at {@code open} holds numbers only. */
    private static boolean numbersInList(List<Token> all, List<Integer> sig, int open) {
        if (!all.get(sig.get(open)).isSymbol("(")) return false;
        int k = open + 1;
        while (k < sig.size()) {
            if (!StringOperands.isNumber(all, sig, k)) return false;
            k += all.get(sig.get(k)).type() == TokenType.NUMBER ? 1 : 2;
            if (k >= sig.size()) return false;
            if (all.get(sig.get(k)).isSymbol(")")) return true;
            if (!all.get(sig.get(k)).isSymbol(",")) return false;
            k++;
        }
        return false;
    }

    /** Whether {@code n AND m} at {@code s} are two numbers. */
    private static boolean numbersBetween(List<Token> all, List<Integer> sig, int s) {
        if (!StringOperands.isNumber(all, sig, s)) return false;
        int and = s + (all.get(sig.get(s)).type() == TokenType.NUMBER ? 1 : 2);
        return and + 1 < sig.size() && all.get(sig.get(and)).is("AND") && StringOperands.isNumber(all, sig, and + 1)
                && numberEnds(all, sig, and + 1);
    }
}
