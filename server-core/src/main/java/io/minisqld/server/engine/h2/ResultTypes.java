package io.minisqld.server.engine.h2;

import io.minisqld.server.engine.TableInfo;
import io.minisqld.server.result.ColumnType;
import io.minisqld.server.sql.Token;
import io.minisqld.server.sql.TokenType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * MySQL's result types for the select items the engine computes as another type: the server's
 * date and time functions give their text (a TIME may pass 23 hours, which the engine's TIME does
 * not hold), its 64-bit unsigned operations an exact number. A client reads the type, not the text:
 * Python's mysqlclient makes a {@code datetime} of a DATETIME and a {@code str} of a VARCHAR, an
 * {@code int} of a BIGINT and a {@code Decimal} of a DECIMAL; node's mysql2 a number of a BIGINT
 * and a string of a DECIMAL; Connector/J a {@code LocalDateTime} or a {@code String}.
 *
 * <p>Each top-level item of a SELECT's one select list is read as MySQL 5.7 types it (its
 * fix_length_and_dec): {@code UTC_TIMESTAMP()}, {@code FROM_UNIXTIME(n)}, {@code
 * CONVERT_TZ(d, …)}, {@code ADDTIME(d, t)} are DATETIMEs; {@code SEC_TO_TIME}, {@code TIME},
 * {@code TIMEDIFF}, {@code MAKETIME} TIMEs; {@code MAKEDATE}, {@code FROM_DAYS}, {@code
 * STR_TO_DATE} with a date-only format DATEs; {@code d + INTERVAL n unit} and {@code DATE_ADD}
 * a DATE for a DATE plus days, months or years, a TIME for a TIME, else a DATETIME, each with the
 * fractional digits MySQL gives it; bitwise operations, {@code CAST(x AS UNSIGNED)}, {@code
 * BIT_AND / BIT_OR / BIT_XOR} and MIN / MAX of a BIGINT UNSIGNED column BIGINT UNSIGNED; a
 * quotient or AVG of exact columns and literals a DECIMAL with MySQL's decimals. An item
 * whose type depends on what is not known here (a string's contents, a column of a derived
 * table, a decimal amount of seconds of an expression) keeps the engine's type, as before.
 */
final class ResultTypes {
    /** A select item's MySQL type, length and decimals; {@code unsigned} for an UNSIGNED integer. */
    record Hint(ColumnType type, long length, int decimals, boolean unsigned) {
        static Hint datetime(int digits) {
            return new Hint(ColumnType.DATETIME, 19 + (digits > 0 ? digits + 1 : 0), digits, false);
        }

        static Hint time(int digits) {
            return new Hint(ColumnType.TIME, 10 + (digits > 0 ? digits + 1 : 0), digits, false);
        }

        /** A DOUBLE shown with fixed decimals (an aggregate of variance over exact numbers). */
        static Hint fixedDouble(int decimals) {
            return new Hint(ColumnType.DOUBLE, 23, decimals, false);
        }

        boolean temporal() {
            return type == ColumnType.DATE || type == ColumnType.DATETIME || type == ColumnType.TIME;
        }
    }

    static final Hint DATE = new Hint(ColumnType.DATE, 10, 0, false);
    static final Hint UNSIGNED_BIGINT = new Hint(ColumnType.LONGLONG, 21, 0, true);
    static final Hint BIGINT = new Hint(ColumnType.LONGLONG, 21, 0, false);

    private static final Set<String> DATETIME_NOW = Set.of("NOW", "CURRENT_TIMESTAMP", "LOCALTIME", "LOCALTIMESTAMP",
            "SYSDATE", "UTC_TIMESTAMP");
    private static final Set<String> DATE_NOW = Set.of("CURDATE", "CURRENT_DATE", "UTC_DATE");
    private static final Set<String> TIME_NOW = Set.of("CURTIME", "CURRENT_TIME", "UTC_TIME");
    private static final Set<String> DATE_RESULT = Set.of("DATE", "LAST_DAY", "MAKEDATE", "FROM_DAYS");
    private static final Set<String> BITWISE = Set.of("|", "&", "^", "<<", ">>", "~");
    /** Words that end a select list. */
    private static final Set<String> LIST_END = Set.of("FROM", "INTO", "WHERE", "GROUP", "HAVING", "ORDER", "LIMIT",
            "FOR", "LOCK", "PROCEDURE", "WINDOW");
    private static final Set<String> BIT_AGGREGATES = Set.of("BIT_AND", "BIT_OR", "BIT_XOR");
    private static final java.util.regex.Pattern FIXED_DECIMALS =
            java.util.regex.Pattern.compile("(?:decimal|float|double|real)\\(\\d+,(\\d+)\\).*");
    private static final java.util.regex.Pattern DECIMAL_TYPE =
            java.util.regex.Pattern.compile("decimal(?:\\((\\d+)(?:,(\\d+))?\\))?.*");
    private static final Set<String> VARIANCES = Set.of("STD", "STDDEV", "STDDEV_POP", "STDDEV_SAMP", "VARIANCE",
            "VAR_POP", "VAR_SAMP");
    /** Units whose interval makes a DATE a DATE (MySQL's int_type up to DAY, and YEAR_MONTH). */
    private static final Set<String> DAY_UNITS = Set.of("DAY", "WEEK", "MONTH", "QUARTER", "YEAR", "YEAR_MONTH");
    private static final Set<String> MONTH_UNITS = Set.of("MONTH", "QUARTER", "YEAR", "YEAR_MONTH");

    private final List<Token> all;
    private final List<Integer> sig;
    private final BiFunction<String, String, TableInfo> describe;
    private Map<String, String> columnTypes;
    private int divPrecisionIncrement = 4;

    private ResultTypes(List<Token> all, List<Integer> sig, BiFunction<String, String, TableInfo> describe) {
        this.all = all;
        this.sig = sig;
        this.describe = describe;
    }

    /**
     * The MySQL types of a SELECT's result columns where the engine's differ (see the class
     * comment), by position; null entries keep the engine's. Null for any other statement, a
     * UNION, and when no item needs one.
     */
    static List<Hint> of(List<Token> all, List<Integer> sig, BiFunction<String, String, TableInfo> describe,
                         int divPrecisionIncrement) {
        if (sig.isEmpty() || !all.get(sig.get(0)).is("SELECT")) return null;
        ResultTypes types = new ResultTypes(all, sig, describe);
        types.divPrecisionIncrement = divPrecisionIncrement;
        return types.selectList();
    }

    private Token tok(int s) {
        return all.get(sig.get(s));
    }

    private List<Hint> selectList() {
        int selects = 0;
        for (int s = 0; s < sig.size(); s++) {
            Token t = tok(s);
            if (t.is("UNION")) return null;
            if (t.is("SELECT")) selects++;
        }
        // a column named in a statement with subqueries may be a derived table's: its type is not looked up
        if (selects > 1) columnTypes = Map.of();
        int s = 1;
        while (s < sig.size() && (MySqlToH2.SELECT_MODIFIERS.contains(tok(s).upper()) || tok(s).is("DISTINCT")
                || tok(s).is("ALL") || tok(s).is("DISTINCTROW"))) {
            s++;
        }
        List<Hint> hints = new ArrayList<>();
        boolean any = false;
        int itemStart = s;
        int depth = 0;
        for (; ; s++) {
            boolean end = s >= sig.size();
            Token t = end ? null : tok(s);
            if (!end && depth == 0) {
                end = t.isSymbol(";") || t.isSymbol(")") || (t.type() == TokenType.WORD && LIST_END.contains(t.upper()));
            }
            if (end || (depth == 0 && t.isSymbol(","))) {
                int to = s;
                if (to > itemStart && tok(to - 1).isSymbol("*")) break; // a * stands for columns not counted here
                if (SelectLabels.endsWithAlias(all, sig, itemStart, to)) to -= tok(to - 2).is("AS") ? 2 : 1;
                Hint h = to > itemStart ? item(itemStart, to) : null;
                hints.add(h);
                any |= h != null;
                if (end) break;
                itemStart = s + 1;
            } else if (t.isSymbol("(")) {
                depth++;
            } else if (t.isSymbol(")")) {
                depth--;
            }
        }
        return any ? hints : null;
    }

    /** A whole select item's type when the engine's differs from MySQL's, else null. */
    private Hint item(int from, int to) {
        // a column alone has its table's type already (and costs no lookup here)
        if (to - from == 1 || qualifiedColumn(from, to)) return null;
        if (bitwiseOnly(from, to) || unsignedArithmetic(from, to)) return UNSIGNED_BIGINT;
        Hint quotient = quotient(from, to);
        if (quotient != null) return quotient;
        Hint h = typeOf(from, to);
        if (h != null && (h.temporal() || h.unsigned() || h.type() == ColumnType.DOUBLE
                || h.type() == ColumnType.NEWDECIMAL)) {
            return h;
        }
        return null;
    }

    /** Operands joined by bitwise operators only ({@code a | 1}, {@code ~flags & 4}): BIGINT UNSIGNED. */
    private boolean bitwiseOnly(int from, int to) {
        boolean bitwise = false;
        int depth = 0;
        for (int s = from; s < to; s++) {
            Token t = tok(s);
            if (t.isSymbol("(")) depth++;
            else if (t.isSymbol(")")) depth--;
            else if (depth == 0) {
                if (t.type() == TokenType.SYMBOL && !t.isSymbol(".")) {
                    if (!BITWISE.contains(t.text())) return false;
                    bitwise = true;
                } else if (t.type() == TokenType.WORD && (SelectLabels.isOperatorWord(t.upper())
                        || t.is("AND") || t.is("OR") || t.is("XOR") || t.is("CASE"))) {
                    return false;
                }
            }
        }
        return bitwise;
    }

    /**
     * Integers joined by {@code + - *}, one of them a BIGINT UNSIGNED column ({@code b - 1}): BIGINT
     * UNSIGNED, as MySQL types integer arithmetic with an unsigned operand.
     */
    private boolean unsignedArithmetic(int from, int to) {
        if ((to - from) % 2 == 0) return false;
        boolean unsigned = false;
        for (int s = from; s < to; s += 2) {
            if (s > from && !(tok(s - 1).isSymbol("+") || tok(s - 1).isSymbol("-") || tok(s - 1).isSymbol("*"))) {
                return false;
            }
            Integer digits = numberDigits(new int[] {s, s + 1});
            if (digits == null || digits != 0) return false;
            if (tok(s).isIdentifier()) {
                Hint h = column(tok(s).value());
                unsigned |= h != null && h.unsigned();
            }
        }
        return unsigned;
    }

    /** The close of the parenthesis at sig index {@code open}, or -1. */
    private int close(int open, int to) {
        int depth = 0;
        for (int s = open; s < to; s++) {
            if (tok(s).isSymbol("(")) depth++;
            else if (tok(s).isSymbol(")") && --depth == 0) return s;
        }
        return -1;
    }

    /** The arguments of a call whose parentheses are at {@code open} and {@code close}: [from, to) pairs. */
    private List<int[]> arguments(int open, int close) {
        List<int[]> out = new ArrayList<>();
        if (close == open + 1) return out;
        int depth = 0;
        int start = open + 1;
        for (int s = open + 1; s < close; s++) {
            Token t = tok(s);
            if (t.isSymbol("(")) depth++;
            else if (t.isSymbol(")")) depth--;
            else if (depth == 0 && t.isSymbol(",")) {
                out.add(new int[] {start, s});
                start = s + 1;
            }
        }
        out.add(new int[] {start, close});
        return out;
    }

    /** The MySQL type of the expression at sig [from, to) when it is known here to be temporal or unsigned. */
    private Hint typeOf(int from, int to) {
        while (to - from >= 2 && tok(from).isSymbol("(") && close(from, to) == to - 1) {
            from++;
            to--;
        }
        if (to <= from) return null;
        Hint arithmetic = intervalArithmetic(from, to);
        if (arithmetic != null) return arithmetic;
        Token first = tok(from);
        if (to - from == 1) {
            if (first.type() == TokenType.WORD && DATETIME_NOW.contains(first.upper()) && !first.is("SYSDATE")
                    && !first.is("NOW") && !first.is("UTC_TIMESTAMP")) {
                return Hint.datetime(0);
            }
            if (first.is("CURRENT_DATE") || first.is("UTC_DATE")) return DATE;
            if (first.is("CURRENT_TIME") || first.is("UTC_TIME")) return Hint.time(0);
            return first.isIdentifier() ? column(first.value()) : null;
        }
        if (to - from == 2 && tok(from + 1).type() == TokenType.STRING) {
            String lit = tok(from + 1).value();
            if (first.is("DATE")) return DATE;
            if (first.is("TIMESTAMP")) return Hint.datetime(fractionDigits(lit));
            if (first.is("TIME")) return Hint.time(fractionDigits(lit));
            return null;
        }
        if (qualifiedColumn(from, to)) return column(tok(to - 1).value());
        if (first.type() != TokenType.WORD || !tok(from + 1).isSymbol("(") || close(from + 1, to) != to - 1) return null;
        String name = first.upper();
        List<int[]> args = arguments(from + 1, to - 1);
        if (DATETIME_NOW.contains(name)) return args.isEmpty() ? Hint.datetime(0) : precisionArgument(args, true);
        if (TIME_NOW.contains(name)) return args.isEmpty() ? Hint.time(0) : precisionArgument(args, false);
        if (DATE_NOW.contains(name) && args.isEmpty()) return DATE;
        if (DATE_RESULT.contains(name)) return DATE;
        switch (name) {
            case "CAST" -> {
                return cast(from + 2, to - 1);
            }
            case "TIME" -> {
                Integer d = args.size() == 1 ? digits(args.get(0)) : null;
                return d == null ? null : Hint.time(d);
            }
            case "SEC_TO_TIME" -> {
                Integer d = args.size() == 1 ? numberDigits(args.get(0)) : null;
                return d == null ? null : Hint.time(d);
            }
            case "MAKETIME" -> {
                Integer d = args.size() == 3 ? numberDigits(args.get(2)) : null;
                return d == null ? null : Hint.time(d);
            }
            case "FROM_UNIXTIME" -> {
                Integer d = args.size() == 1 ? numberDigits(args.get(0)) : null;
                return d == null ? null : Hint.datetime(d);
            }
            case "CONVERT_TZ" -> {
                Hint a = args.size() == 3 ? temporalOrLiteral(args.get(0)) : null;
                return a == null ? null : Hint.datetime(a.decimals());
            }
            case "TIMEDIFF" -> {
                Integer d = simpleArgumentDigits(all, sig, from + 1, to - 1, this::temporalColumnDigits, false);
                return d == null ? null : Hint.time(d);
            }
            case "ADDTIME", "SUBTIME" -> {
                Integer d = simpleArgumentDigits(all, sig, from + 1, to - 1, this::temporalColumnDigits, true);
                Hint a = d == null ? null : typeOf(args.get(0)[0], args.get(0)[1]);
                if (a == null || a.type() == ColumnType.DATE || !a.temporal()) return null;
                return a.type() == ColumnType.TIME ? Hint.time(d) : Hint.datetime(d);
            }
            case "DATE_ADD", "DATE_SUB", "ADDDATE", "SUBDATE" -> {
                if (args.size() != 2) return null;
                int[] b = args.get(1);
                Hint a = typeOf(args.get(0)[0], args.get(0)[1]);
                if (tok(b[0]).is("INTERVAL")) return interval(a, b[0] + 1, b[1]);
                // ADDDATE(d, n): n days
                return a == null ? null : plusInterval(a, "DAY", 0);
            }
            case "STR_TO_DATE" -> {
                return args.size() == 2 && args.get(1)[1] - args.get(1)[0] == 1
                        && tok(args.get(1)[0]).type() == TokenType.STRING ? strToDate(tok(args.get(1)[0]).value()) : null;
            }
            case "MIN", "MAX" -> {
                if (args.size() != 1 || tok(args.get(0)[0]).is("DISTINCT")) return null;
                Hint a = typeOf(args.get(0)[0], args.get(0)[1]);
                return a != null && a.unsigned() ? a : null;
            }
            case "AVG" -> {
                // MySQL's Item_sum_avg of an exact number: its precision and decimals plus div_precision_increment
                int[] ps = args.size() == 1 ? exactPrecision(args.get(0)) : null;
                return ps == null ? null : decimal(ps[0] + divPrecisionIncrement, ps[1] + divPrecisionIncrement);
            }
            default -> {
                if (VARIANCES.contains(name) && args.size() == 1) {
                    // MySQL's Item_sum_variance: a DOUBLE with the argument's decimals plus 4 when
                    // they are fixed (STD of INTs shows 1.2472)
                    Integer scale = argumentDecimals(args.get(0));
                    return scale == null ? null : Hint.fixedDouble(scale + 4);
                }
                return BIT_AGGREGATES.contains(name) ? UNSIGNED_BIGINT : null;
            }
        }
    }

    /** NOW(n), CURTIME(n): n digits when n is a number from 0 to 6. */
    private Hint precisionArgument(List<int[]> args, boolean datetime) {
        int[] a = args.get(0);
        if (args.size() != 1 || a[1] - a[0] != 1 || tok(a[0]).type() != TokenType.NUMBER) return null;
        String n = tok(a[0]).text();
        if (!n.matches("[0-6]")) return null;
        int d = Integer.parseInt(n);
        return datetime ? Hint.datetime(d) : Hint.time(d);
    }

    /** CAST(x AS DATE | DATETIME[(n)] | TIME[(n)] | UNSIGNED [INTEGER]); {@code from} is after CAST's parenthesis. */
    private Hint cast(int from, int to) {
        int depth = 0;
        for (int s = from; s < to; s++) {
            Token t = tok(s);
            if (t.isSymbol("(")) depth++;
            else if (t.isSymbol(")")) depth--;
            else if (depth == 0 && t.is("AS") && s + 1 < to) {
                Token type = tok(s + 1);
                int d = 0;
                if (s + 3 < to && tok(s + 2).isSymbol("(") && tok(s + 3).type() == TokenType.NUMBER) {
                    d = Math.min(6, Integer.parseInt(tok(s + 3).text()));
                }
                if (type.is("UNSIGNED")) return UNSIGNED_BIGINT;
                if (type.is("DATE")) return DATE;
                if (type.is("DATETIME")) return Hint.datetime(d);
                if (type.is("TIME")) return Hint.time(d);
                return null;
            }
        }
        return null;
    }

    private boolean qualifiedColumn(int from, int to) {
        if ((to - from) % 2 == 0) return false;
        for (int s = from; s < to; s++) {
            boolean ok = (s - from) % 2 == 0 ? tok(s).isIdentifier() : tok(s).isSymbol(".");
            if (!ok) return false;
        }
        return true;
    }

    /** A column's type as the tables the statement names declare it, when temporal or BIGINT UNSIGNED. */
    private Hint column(String name) {
        if (columnTypes == null) columnTypes = JsonCalls.columnTypes(all, sig, describe);
        String type = columnTypes.get(name.toLowerCase(Locale.ROOT));
        if (type == null || type.isEmpty()) return null;
        if (type.startsWith("bigint") && type.contains("unsigned")) return new Hint(ColumnType.LONGLONG, 20, 0, true);
        if (type.startsWith("date") && !type.startsWith("datetime")) return DATE;
        int d = 0;
        int open = type.indexOf('(');
        if (open > 0) {
            try {
                d = Integer.parseInt(type.substring(open + 1, type.indexOf(')', open)));
            } catch (NumberFormatException e) {
                return null;
            }
        }
        if (type.startsWith("datetime") || type.startsWith("timestamp")) return Hint.datetime(d);
        if (type.startsWith("time")) return Hint.time(d);
        return null;
    }

    /** A column's or number's scale as MySQL counts a number argument's decimals: 0 for an integer column. */
    private Integer numberDigits(int[] range) {
        if (range[1] - range[0] == 1) {
            Token t = tok(range[0]);
            if (t.type() == TokenType.NUMBER) {
                String n = t.text();
                if (n.contains("e") || n.contains("E")) return null;
                int dot = n.indexOf('.');
                return dot < 0 ? 0 : Math.min(6, n.length() - dot - 1);
            }
            if (t.isIdentifier()) {
                if (columnTypes == null) columnTypes = JsonCalls.columnTypes(all, sig, describe);
                String type = columnTypes.get(t.value().toLowerCase(Locale.ROOT));
                if (type == null) return null;
                if (type.matches("(tiny|small|medium|big)?int(eger)?(\\(\\d+\\))?( unsigned)?( zerofill)?")) return 0;
            }
        }
        return null;
    }

    /**
     * The decimals MySQL gives a column or number literal: an integer's 0, a DECIMAL's scale, a
     * FLOAT(M,D)'s D (up to 30); null for anything else (a plain DOUBLE's are "not fixed").
     */
    private Integer argumentDecimals(int[] range) {
        if (range[1] - range[0] == 1 && tok(range[0]).isIdentifier()) {
            if (columnTypes == null) columnTypes = JsonCalls.columnTypes(all, sig, describe);
            String type = columnTypes.get(tok(range[0]).value().toLowerCase(Locale.ROOT));
            if (type == null) return null;
            java.util.regex.Matcher m = FIXED_DECIMALS.matcher(type);
            if (m.matches()) return Math.min(30, Integer.parseInt(m.group(1)));
            if (type.startsWith("decimal")) return 0;
        }
        return numberDigits(range);
    }

    /**
     * The most fractional digits of a two-argument call's arguments (TIMEDIFF, ADDTIME) when each
     * is a temporal column ({@code columnDigits}) or a string literal, else null: what MySQL shows.
     * ADDTIME and SUBTIME need a column first: of a string MySQL makes a string, with six digits
     * when a value has a fraction.
     *
     * @param open        the sig index of the call's parenthesis
     * @param close       the sig index of its closing one
     * @param columnFirst the first argument must be a column (ADDTIME, SUBTIME)
     */
    static Integer simpleArgumentDigits(List<Token> all, List<Integer> sig, int open, int close,
                                        java.util.function.Function<String, Integer> columnDigits, boolean columnFirst) {
        if (close != open + 4 || !all.get(sig.get(open + 2)).isSymbol(",")) return null;
        if (columnFirst && !all.get(sig.get(open + 1)).isIdentifier()) return null;
        int most = 0;
        for (int s : new int[] {open + 1, open + 3}) {
            Token t = all.get(sig.get(s));
            Integer d = t.type() == TokenType.STRING ? Integer.valueOf(fractionDigits(t.value()))
                    : t.isIdentifier() ? columnDigits.apply(t.value()) : null;
            if (d == null) return null;
            most = Math.max(most, d);
        }
        return most;
    }

    /** A DATE, DATETIME, TIMESTAMP or TIME column's fractional digits, else null. */
    private Integer temporalColumnDigits(String name) {
        Hint h = column(name);
        return h != null && h.temporal() ? h.decimals() : null;
    }

    /**
     * {@code a / b} of two exact numbers (columns or literals): MySQL's Item_func_div, a DECIMAL with
     * the dividend's decimals plus div_precision_increment; null for any other item.
     */
    private Hint quotient(int from, int to) {
        if (to - from != 3 || !tok(from + 1).isSymbol("/")) return null;
        int[] a = exactPrecision(new int[] {from, from + 1});
        int[] b = a == null ? null : exactPrecision(new int[] {from + 2, to});
        if (b == null) return null;
        int decimals = a[1] + divPrecisionIncrement;
        return decimal(a[0] - a[1] + b[1] + decimals, decimals);
    }

    /** A DECIMAL result of {@code precision} digits, {@code decimals} of them after the point, as MySQL bounds them. */
    private static Hint decimal(int precision, int decimals) {
        int d = Math.min(30, decimals);
        int p = Math.min(65, Math.max(precision, d));
        return new Hint(ColumnType.NEWDECIMAL, p + (d > 0 ? 2 : 1), d, false);
    }

    /**
     * An exact number's precision and scale: an integer column's digits (INT's 10), a DECIMAL
     * column's, a number literal's; null for anything else.
     */
    private int[] exactPrecision(int[] range) {
        if (range[1] - range[0] != 1) return null;
        Token t = tok(range[0]);
        if (t.type() == TokenType.NUMBER) {
            String n = t.text();
            if (n.contains("e") || n.contains("E")) return null;
            int dot = n.indexOf('.');
            int scale = dot < 0 ? 0 : n.length() - dot - 1;
            return new int[] {Math.max(1, n.replace(".", "").length()), scale};
        }
        if (!t.isIdentifier()) return null;
        if (columnTypes == null) columnTypes = JsonCalls.columnTypes(all, sig, describe);
        String type = columnTypes.get(t.value().toLowerCase(Locale.ROOT));
        if (type == null) return null;
        boolean unsigned = type.contains("unsigned");
        if (type.startsWith("tinyint")) return new int[] {3, 0};
        if (type.startsWith("smallint")) return new int[] {5, 0};
        if (type.startsWith("mediumint")) return new int[] {unsigned ? 8 : 7, 0};
        if (type.startsWith("int")) return new int[] {10, 0};
        if (type.startsWith("bigint")) return new int[] {unsigned ? 20 : 19, 0};
        java.util.regex.Matcher m = DECIMAL_TYPE.matcher(type);
        if (!m.matches()) return null;
        int precision = m.group(1) == null ? 10 : Integer.parseInt(m.group(1));
        return new int[] {precision, m.group(2) == null ? 0 : Integer.parseInt(m.group(2))};
    }

    /** A temporal argument's fractional digits: its type's, or a string literal's own. */
    private Integer digits(int[] range) {
        Hint h = temporalOrLiteral(range);
        return h == null ? null : h.decimals();
    }

    private Hint temporalOrLiteral(int[] range) {
        if (range[1] - range[0] == 1 && tok(range[0]).type() == TokenType.STRING) {
            return Hint.datetime(fractionDigits(tok(range[0]).value()));
        }
        Hint h = typeOf(range[0], range[1]);
        return h != null && h.temporal() ? h : null;
    }

    /** The digits after the point of a date or time literal ('10:00:00.25' has 2), up to six. */
    private static int fractionDigits(String literal) {
        int dot = literal.lastIndexOf('.');
        if (dot < 0) return 0;
        int n = 0;
        for (int k = dot + 1; k < literal.length() && Character.isDigit(literal.charAt(k)); k++) n++;
        return Math.min(6, n);
    }

    /** {@code x + INTERVAL n unit}, {@code x - INTERVAL …}, {@code INTERVAL n unit + x}. */
    private Hint intervalArithmetic(int from, int to) {
        int depth = 0;
        int operator = -1;
        for (int s = from; s < to; s++) {
            Token t = tok(s);
            if (t.isSymbol("(")) depth++;
            else if (t.isSymbol(")")) depth--;
            else if (depth > 0) continue;
            else if (t.type() == TokenType.WORD && (SelectLabels.isOperatorWord(t.upper()) && !t.is("INTERVAL")
                    || t.is("AND") || t.is("OR") || t.is("XOR"))) {
                return null;
            } else if (t.isSymbol("+") || t.isSymbol("-")) {
                // the operator of date arithmetic: before an INTERVAL, or after an interval's unit
                boolean before = s + 1 < to && tok(s + 1).is("INTERVAL");
                boolean after = t.isSymbol("+") && tok(from).is("INTERVAL") && operator < 0 && s > from + 2
                        && SelectLabels.INTERVAL_UNITS.contains(tok(s - 1).upper());
                if (before || after) operator = s;
            } else if (t.type() == TokenType.SYMBOL && !t.isSymbol(".")) {
                return null; // another operator: not date arithmetic alone
            }
        }
        if (operator < 0) return null;
        if (tok(operator + 1).is("INTERVAL")) return interval(typeOf(from, operator), operator + 2, to);
        // INTERVAL n unit + x: the interval ends at the operator
        return interval(typeOf(operator + 1, to), from + 1, operator);
    }

    /** {@code a} plus the interval whose amount and unit are at [from, to). */
    private Hint interval(Hint a, int from, int to) {
        if (a == null || !a.temporal() || to - from < 2) return null;
        Token unit = tok(to - 1);
        if (unit.type() != TokenType.WORD || !SelectLabels.INTERVAL_UNITS.contains(unit.upper())) return null;
        String u = unit.upper();
        int intervalDigits;
        if (u.endsWith("MICROSECOND")) {
            intervalDigits = 6;
        } else if (u.equals("SECOND")) {
            Integer d = numberDigits(new int[] {from, to - 1});
            if (d == null) return null;
            intervalDigits = d;
        } else {
            intervalDigits = 0;
        }
        return plusInterval(a, u, intervalDigits);
    }

    /** MySQL 5.7's Item_date_add_interval type: DATE + days is a DATE, TIME + time a TIME, else a DATETIME. */
    private static Hint plusInterval(Hint a, String unit, int intervalDigits) {
        int d = Math.max(a.decimals(), intervalDigits);
        if (a.type() == ColumnType.DATE) return DAY_UNITS.contains(unit) ? DATE : Hint.datetime(intervalDigits);
        if (a.type() == ColumnType.TIME && !MONTH_UNITS.contains(unit)) return Hint.time(d);
        return Hint.datetime(d);
    }

    /**
     * STR_TO_DATE's type from its constant format, as MySQL 5.7: DATE with date parts only, TIME
     * with time parts only, else DATETIME; six digits with %f.
     */
    private static Hint strToDate(String format) {
        boolean date = false;
        boolean time = false;
        boolean micro = false;
        for (int k = 0; k + 1 < format.length(); k++) {
            if (format.charAt(k) != '%') continue;
            char c = format.charAt(++k);
            switch (c) {
                case 'a', 'b', 'c', 'D', 'd', 'e', 'j', 'M', 'm', 'U', 'u', 'V', 'v', 'W', 'w', 'X', 'x', 'Y', 'y' -> date = true;
                case 'H', 'h', 'I', 'i', 'k', 'l', 'p', 'r', 'S', 's', 'T' -> time = true;
                case 'f' -> {
                    time = true;
                    micro = true;
                }
                default -> {
                }
            }
        }
        if (date && !time) return DATE;
        if (time && !date) return Hint.time(micro ? 6 : 0);
        return Hint.datetime(micro ? 6 : 0);
    }
}
