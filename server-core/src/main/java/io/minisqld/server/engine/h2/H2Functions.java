package io.minisqld.server.engine.h2;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.message.DbException;
import org.h2.value.Value;
import org.h2.value.ValueNull;

/** MySQL functions H2 lacks, installed as H2 aliases in schema PUBLIC at start-up. */
public final class H2Functions {
    static final String SLEEP_ALIAS = "minisqld_sleep";
    static final String SYSDATE_ALIAS = "minisqld_sysdate";
    static final String DIVIDE_ALIAS = "minisqld_divide";
    static final String DOUBLE_DIVIDE_ALIAS = "minisqld_divide_double";
    static final String DOUBLE_ARITHMETIC_ALIAS = "minisqld_double_arithmetic";
    static final String STRICT_DOUBLE_DIVIDE_ALIAS = "minisqld_divide_double_strict";
    static final String STRICT_DIVIDE_ALIAS = "minisqld_divide_strict";
    static final String INT_DIVIDE_ALIAS = "minisqld_int_divide";
    static final String LIKE_PATTERN_ALIAS = "minisqld_like_pattern";
    static final String STRICT_INT_DIVIDE_ALIAS = "minisqld_int_divide_strict";
    static final String CHAIN_ALIAS = "minisqld_decimal_chain";
    static final String CHAIN_LAST_ALIAS = "minisqld_decimal_chain_last";
    static final String UNPAD_ALIAS = "minisqld_decimal_unpad";
    private static final int MAX_DECIMAL_SCALE = 30;

    private H2Functions() {
    }

    static List<String> createAliasSql() {
        List<String> sql = new java.util.ArrayList<>(List.of(alias(SLEEP_ALIAS, "sleep"), alias(DIVIDE_ALIAS, "divide"),
                alias(STRICT_DIVIDE_ALIAS, "divideStrict"), alias(INT_DIVIDE_ALIAS, "intDivide"),
                alias(STRICT_INT_DIVIDE_ALIAS, "intDivideStrict"), alias(LIKE_PATTERN_ALIAS, "likePattern"),
                alias(CHAIN_ALIAS, "decimalChain"), alias(CHAIN_LAST_ALIAS, "decimalChainLast"),
                alias(UNPAD_ALIAS, "decimalUnpad"),
                "CREATE AGGREGATE IF NOT EXISTS PUBLIC.\"" + MysqlAverage.ALIAS + "\" FOR '" + MysqlAverage.class.getName() + "'",
                "CREATE AGGREGATE IF NOT EXISTS PUBLIC.\"" + MysqlDoubleSum.ALIAS + "\" FOR '" + MysqlDoubleSum.class.getName() + "'",
                deterministic(DOUBLE_DIVIDE_ALIAS, "divideDouble"), deterministic(DOUBLE_ARITHMETIC_ALIAS, "doubleArithmetic"),
                alias(STRICT_DOUBLE_DIVIDE_ALIAS, "divideDoubleStrict"),
                alias(SYSDATE_ALIAS, "sysdate"),
                alias(StoredText.ALIAS, "storedText"), alias(BinaryToTextColumns.ALIAS, "requireText"),
                alias(NumericColumns.DROP_CHECKS_ALIAS, "dropRangeChecks"), alias(ImplicitDefaults.NO_ROWS_ALIAS,
                        "requireNoRows"), deterministic(ColumnCharsets.CHECK_ALIAS,
                        "inCharset"), deterministic(SetColumns.CHECK_ALIAS, "isSetMemberList"),
                deterministic(CharColumns.CHECK_ALIAS, "isFixedChar"),
                deterministic(CodePointLengths.CHECK_ALIAS, "withinCodePoints")));
        java.util.Set<String> methods = new java.util.TreeSet<>(StringFunctions.BY_NAME.values());
        methods.addAll(StringFunctions.INTERNAL);
        for (String method : methods) {
            sql.add("CREATE ALIAS IF NOT EXISTS PUBLIC.\"" + StringFunctions.alias(method) + "\"" + determinism(method)
                    + " FOR '" + StringFunctions.class.getName() + "." + method + "'");
        }
        java.util.Set<String> json = new java.util.TreeSet<>(JsonFunctions.INTERNAL);
        for (JsonFunctions.Signature f : JsonFunctions.BY_NAME.values()) json.add(f.method());
        for (String method : json) {
            sql.add("CREATE ALIAS IF NOT EXISTS PUBLIC.\"" + jsonAlias(method) + "\" DETERMINISTIC FOR '"
                    + JsonFunctions.class.getName() + "." + method + "'");
        }
        java.util.Set<String> dates = new java.util.TreeSet<>(DateFunctions.BY_NAME.values());
        dates.add("dateArgument");
        for (String method : dates) {
            sql.add("CREATE ALIAS IF NOT EXISTS PUBLIC.\"" + StringFunctions.alias(method) + "\"" + determinism(method)
                    + " FOR '" + DateFunctions.class.getName() + "." + method + "'");
        }
        for (String method : new java.util.TreeSet<>(NetworkFunctions.BY_NAME.values())) {
            sql.add("CREATE ALIAS IF NOT EXISTS PUBLIC.\"" + StringFunctions.alias(method) + "\" DETERMINISTIC FOR '"
                    + NetworkFunctions.class.getName() + "." + method + "'");
        }
        for (String method : new java.util.TreeSet<>(CalendarFunctions.BY_NAME.values())) {
            sql.add("CREATE ALIAS IF NOT EXISTS PUBLIC.\"" + StringFunctions.alias(method) + "\"" + determinism(method)
                    + " FOR '" + CalendarFunctions.class.getName() + "." + method + "'");
        }
        return sql;
    }

    /**
     * The functions that may warn ({@link RuntimeWarnings}): not DETERMINISTIC, or the engine would
     * compute a call of constants once when it prepares the statement, and a statement it runs
     * again from its cache would give no warning.
     */
    private static final java.util.Set<String> WARNING = java.util.Set.of("castSigned", "castUnsigned", "groupConcatCut", "groupConcatCutBytes", "zeroDivisor", "dateAdd", "dateSub", "timestampAdd", "castDecimal", "castDouble",
            "bitAnd", "bitOr", "bitXor", "shiftLeft", "shiftRight", "bitNot", "dateArgument", "dateFormat", "week",
            "yearWeek", "dateDiff", "weekday", "toDays", "toSeconds");

    private static String determinism(String method) {
        return WARNING.contains(method) ? "" : " DETERMINISTIC";
    }

    /** The call that stands for MySQL's function {@code name} of {@link DateFunctions}, or null. */
    static String dateFunctionCall(String name) {
        String method = DateFunctions.BY_NAME.getOrDefault(name, CalendarFunctions.BY_NAME.get(name));
        return method == null ? null : "PUBLIC.\"" + StringFunctions.alias(method) + "\"";
    }

    private static String jsonAlias(String method) {
        return "minisqld_json_" + method.toLowerCase(java.util.Locale.ROOT);
    }

    /** The call of a method of {@link JsonFunctions}, one of MySQL's names or an internal one. */
    static String jsonCall(String method) {
        return "PUBLIC.\"" + jsonAlias(method) + "\"";
    }

    /** The call of an internal function of {@link StringFunctions}. */
    static String internalCall(String method) {
        return "PUBLIC.\"" + StringFunctions.alias(method) + "\"";
    }

    /** The call that stands for MySQL's function {@code name} of {@link StringFunctions}, or null. */
    static String stringFunctionCall(String name) {
        String method = StringFunctions.BY_NAME.getOrDefault(name, NetworkFunctions.BY_NAME.get(name));
        return method == null ? null : "PUBLIC.\"" + StringFunctions.alias(method) + "\"";
    }

    private static String alias(String name, String method) {
        return "CREATE ALIAS IF NOT EXISTS PUBLIC.\"" + name + "\" FOR '" + H2Functions.class.getName() + "."
                + method + "'";
    }

    private static String deterministic(String name, String method) {
        return "CREATE ALIAS IF NOT EXISTS PUBLIC.\"" + name + "\" DETERMINISTIC FOR '" + H2Functions.class.getName()
                + "." + method + "'";
    }

    /** The check of a text column of a set other than utf8mb4 ({@link ColumnCharsets}). */
    public static Boolean inCharset(String value, String charset) {
        return ColumnCharsets.inCharset(value, charset);
    }

    /** The check of a SET column's values ({@link SetColumns}). */
    public static Boolean isSetMemberList(String value, String members) {
        return SetColumns.isMemberList(value, members);
    }

    /** The check that marks a CHAR column of a case-sensitive collation ({@link CharColumns}). */
    public static Boolean isFixedChar(String value) {
        return CharColumns.isFixedChar(value);
    }

    /** The check of a VARCHAR(n) column's length in characters ({@link CodePointLengths}). */
    public static Boolean withinCodePoints(String value, int n) {
        return CodePointLengths.within(value, n);
    }

    /** The call that stands for MySQL's {@code /}; {@code strict}: 1365 for a zero divisor. */
    static String divideCall(boolean strict) {
        return "PUBLIC.\"" + (strict ? STRICT_DIVIDE_ALIAS : DIVIDE_ALIAS) + "\"";
    }

    /**
     * MySQL's {@code a / b}: NULL for a NULL operand or a zero divisor; a DOUBLE quotient's digits
     * when an operand is approximate; otherwise the exact quotient at the dividend's scale plus
     * the session's div_precision_increment (4 by default), rounded half up ({@code 1/3} is 0.3333, {@code 1.50/3} 0.500000).
     */
    public static BigDecimal divide(Value a, Value b, int increment) {
        if (a == ValueNull.INSTANCE || b == ValueNull.INSTANCE) return null;
        if (approximate(a) || approximate(b)) {
            double divisor = b.getDouble();
            if (divisor == 0) return divisionByZero();
            // the DOUBLE's digits, without a ".0" MySQL does not show (9e0 / 3 is 3)
            BigDecimal q = new BigDecimal(Double.toString(a.getDouble() / divisor)).stripTrailingZeros();
            return q.scale() < 0 ? q.setScale(0) : q;
        }
        BigDecimal dividend = a.getBigDecimal();
        BigDecimal divisor = b.getBigDecimal();
        if (divisor.signum() == 0) return divisionByZero();
        int scale = Math.min(MAX_DECIMAL_SCALE, Math.max(0, dividend.scale()) + increment);
        return dividend.divide(divisor, scale, RoundingMode.HALF_UP);
    }

    /** The call of {@code + - *} of a DOUBLE and another operand ({@link #doubleArithmetic}). */
    static String doubleArithmeticCall() {
        return "PUBLIC.\"" + DOUBLE_ARITHMETIC_ALIAS + "\"";
    }

    /**
     * MySQL's {@code a + b}, {@code a - b} or {@code a * b} where the translation sees one operand
     * is a DOUBLE and the other is not: both as doubles, a DOUBLE ({@code 0.1e0 * 1.5} is
     * 0.15000000000000002). The engine computed a DOUBLE with a DECIMAL exactly, as a DECFLOAT.
     */
    public static Double doubleArithmetic(String op, Value a, Value b) {
        if (a == ValueNull.INSTANCE || b == ValueNull.INSTANCE) return null;
        double x = asDouble(a);
        double y = asDouble(b);
        return switch (op) {
            case "+" -> x + y;
            case "-" -> x - y;
            default -> x * y;
        };
    }

    /** The call that stands for MySQL's {@code a / b} of a DOUBLE operand ({@link #divideDouble}). */
    static String divideDoubleCall(boolean strict) {
        return "PUBLIC.\"" + (strict ? STRICT_DOUBLE_DIVIDE_ALIAS : DOUBLE_DIVIDE_ALIAS) + "\"";
    }

    /**
     * MySQL's {@code a / b} where the translation sees an operand is a DOUBLE: a DOUBLE ({@code
     * 1e300 / 3} is 3.3333333333333335e299, not {@link #divide}'s DECIMAL of three hundred digits);
     * NULL for a NULL operand or a zero divisor.
     */
    public static Double divideDouble(Value a, Value b) {
        if (a == ValueNull.INSTANCE || b == ValueNull.INSTANCE) return null;
        double divisor = asDouble(b);
        return divisor == 0 ? divisionByZero() : asDouble(a) / divisor;
    }

    /**
     * A zero divisor outside a change: NULL with MySQL's warning 1365 "Division by 0" (its
     * ERROR_FOR_DIVISION_BY_ZERO, always in force here; the quotient had been NULL without a word);
     * an error where the statement's division is strict ({@link RuntimeWarnings}).
     */
    static <T> T divisionByZero() {
        RuntimeWarnings.warn(io.minisqld.server.error.ErrorCode.ER_DIVISION_BY_ZERO.error());
        return null;
    }

    /** A value as the DOUBLE MySQL reads it: text by the number it starts with ('2abc' is 2). */
    static double asDouble(Value v) {
        int type = v.getValueType();
        return type == Value.VARCHAR || type == Value.CHAR || type == Value.VARCHAR_IGNORECASE || type == Value.CLOB
                ? StringOperands.leadingNumber(v.getString()) : v.getDouble();
    }

    /** As {@link #divideDouble}, with a zero divisor an error (MySQL's 1365 Division by 0). */
    public static Double divideDoubleStrict(Value a, Value b) {
        if (a != ValueNull.INSTANCE && b != ValueNull.INSTANCE && asDouble(b) == 0) {
            throw DbException.get(org.h2.api.ErrorCode.DIVISION_BY_ZERO_1, a.getTraceSQL());
        }
        return divideDouble(a, b);
    }

    /** As {@link #divide}, with a zero divisor an error (H2's 22012, MySQL's 1365 Division by 0). */
    public static BigDecimal divideStrict(Value a, Value b, int increment) {
        if (a != ValueNull.INSTANCE && b != ValueNull.INSTANCE
                && (approximate(b) ? b.getDouble() == 0 : b.getBigDecimal().signum() == 0)) {
            throw DbException.get(org.h2.api.ErrorCode.DIVISION_BY_ZERO_1, a.getTraceSQL());
        }
        return divide(a, b, increment);
    }

    /**
     * The call of one operator of a chain of exact arithmetic around a division ({@link
     * DecimalChains}); {@code last}: the chain's outermost, which gives the number.
     */
    static String chainCall(boolean last) {
        return "PUBLIC.\"" + (last ? CHAIN_LAST_ALIAS : CHAIN_ALIAS) + "\"";
    }

    /** An inner operation of a chain around a division: a row of (value, the scale it shows). */
    public static Value decimalChain(String op, Value x, Value y, int increment, int flags) {
        return DecimalChains.operate(op, x, y, increment, flags);
    }

    /** The outermost operation of a chain around a division: the number MySQL shows. */
    public static BigDecimal decimalChainLast(String op, Value x, Value y, int increment, int flags) {
        Value v = DecimalChains.operate(op, x, y, increment, flags);
        return v == ValueNull.INSTANCE ? null : v.getBigDecimal();
    }

    /** The sum of a chain's values as MySQL shows it ({@link DecimalChains#unpad}). */
    public static BigDecimal decimalUnpad(BigDecimal sum) {
        return DecimalChains.unpad(sum);
    }

    /** The call that rounds a SUM of a chain's values ({@link #decimalUnpad}). */
    static String unpadCall() {
        return "PUBLIC.\"" + UNPAD_ALIAS + "\"";
    }

    /** The call of MySQL's AVG of an expression ({@link MysqlAverage}). */
    static String averageCall() {
        return "PUBLIC.\"" + MysqlAverage.ALIAS + "\"";
    }

    /** The call that stands for MySQL's {@code a DIV b}; with {@code strict} a zero divisor is an error. */
    static String intDivideCall(boolean strict) {
        return "PUBLIC.\"" + (strict ? STRICT_INT_DIVIDE_ALIAS : INT_DIVIDE_ALIAS) + "\"";
    }

    /**
     * MySQL's {@code a DIV b}: the quotient truncated toward zero, a BIGINT, whatever the operands'
     * types ({@code 7.5 DIV 2} is 3, not H2's integer-only {@code /} giving 3.75); NULL for a NULL
     * operand or a zero divisor.
     */
    public static Long intDivide(Value a, Value b) {
        if (a == ValueNull.INSTANCE || b == ValueNull.INSTANCE) return null;
        BigDecimal divisor = b.getBigDecimal();
        if (divisor.signum() == 0) return divisionByZero();
        BigDecimal q = a.getBigDecimal().divide(divisor, 0, RoundingMode.DOWN);
        try {
            return q.longValueExact();
        } catch (ArithmeticException e) {
            throw DbException.get(org.h2.api.ErrorCode.NUMERIC_VALUE_OUT_OF_RANGE_1, q.toPlainString());
        }
    }

    /** As {@link #intDivide}, with a zero divisor an error (MySQL's 1365 Division by 0). */
    public static Long intDivideStrict(Value a, Value b) {
        if (a != ValueNull.INSTANCE && b != ValueNull.INSTANCE && b.getBigDecimal().signum() == 0) {
            throw DbException.get(org.h2.api.ErrorCode.DIVISION_BY_ZERO_1, a.getTraceSQL());
        }
        return intDivide(a, b);
    }

    /**
     * A LIKE pattern without wildcards, as it is. H2 turns {@code x LIKE 'abc'} with a constant
     * pattern into {@code x = 'abc'}, which ignores trailing spaces (PAD SPACE, {@link
     * PerThreadCollation}) where MySQL's LIKE counts them; this call (not deterministic, so never
     * folded into a constant) keeps H2's character-by-character LIKE.
     */
    public static String likePattern(String pattern) {
        return pattern;
    }

    /** The call that keeps a LIKE pattern from being turned into an equality ({@link #likePattern}). */
    static String likePatternCall() {
        return "PUBLIC.\"" + LIKE_PATTERN_ALIAS + "\"";
    }

    private static boolean approximate(Value v) {
        int type = v.getValueType();
        return type == Value.REAL || type == Value.DOUBLE || type == Value.DECFLOAT;
    }

    /** The range checks of one column go after MODIFY or CHANGE gave it a new type ({@link NumericColumns}). */
    public static int dropRangeChecks(Connection conn, String schema, String table, String column, String keep)
            throws java.sql.SQLException {
        return NumericColumns.dropRangeChecks(conn, schema, table, column, keep);
    }

    /** Before a binary column becomes text: its bytes must be characters ({@link BinaryToTextColumns}). */
    public static int requireText(Connection conn, String schema, String table, String column, String shownAs)
            throws java.sql.SQLException {
        return BinaryToTextColumns.requireText(conn, schema, table, column, shownAs);
    }

    /** A value stored into a text column: a binary string's bytes as its characters ({@link StoredText}). */
    public static String storedText(org.h2.value.Value v, String column) {
        return StoredText.storedText(v, column);
    }

    /** A date column NOT NULL without a default is added to a table without rows only ({@link ImplicitDefaults}). */
    public static int requireNoRows(Connection conn, String schema, String table, String column, String type,
                                    String zero) throws java.sql.SQLException {
        return ImplicitDefaults.requireNoRows(conn, schema, table, column, type, zero);
    }

    /** The call that stands for MySQL's SLEEP. */
    /** SYSDATE(fsp): the clock's time when called (not the statement's), truncated to {@code fsp} digits. */
    public static java.time.LocalDateTime sysdate(int fsp) {
        java.time.LocalDateTime now = java.time.LocalDateTime.now();
        long unit = (long) Math.pow(10, 9 - Math.max(0, Math.min(6, fsp)));
        return now.withNano((int) (now.getNano() / unit * unit));
    }

    static String sleepCall() {
        return "PUBLIC.\"" + SLEEP_ALIAS + "\"";
    }

    /**
     * MySQL's SLEEP(seconds): 0 after sleeping, 1 when KILL QUERY interrupted it (MySQL reports
     * the interruption as that result, not as an error).
     */
    public static int sleep(Connection conn, double seconds) {
        long deadline = System.nanoTime() + (long) (Math.max(0, seconds) * 1e9);
        SessionLocal session = conn instanceof JdbcConnection jc && jc.getSession() instanceof SessionLocal s ? s : null;
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) return 0;
            if (session != null) {
                try {
                    session.checkCanceled();
                } catch (DbException cancelled) {
                    return 1;
                }
            }
            LockSupport.parkNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(10)));
            if (Thread.interrupted()) return 1;
        }
    }
}
