package io.minisqld.server.engine.h2;

import java.math.BigDecimal;
import java.math.RoundingMode;
import org.h2.message.DbException;
import org.h2.value.Value;
import org.h2.value.ValueDouble;
import org.h2.value.ValueInteger;
import org.h2.value.ValueNull;
import org.h2.value.ValueNumeric;
import org.h2.value.ValueRow;

/**
 * MySQL's exact arithmetic where a division is an operand of more arithmetic ({@code a/b*100},
 * {@code (x/y)/(z/w)}, {@code 1/3 + 1/3 + 1/3}). MySQL keeps a quotient with more digits than it
 * shows: the value has the dividend's and the divisor's digits after the point plus
 * div_precision_increment, rounded up to a multiple of nine and truncated there (2/3 is held as
 * 0.666666666); what a result shows is that value rounded half up to the expression's scale (the
 * dividend's scale plus the increment for {@code /}, the larger scale for {@code + -}, the sum of
 * the scales for {@code *}, at most 30). So {@code 2/3*3} is 2.0000 and {@code (14620 / 9432456)
 * / (24250 / 9432456)} 0.60288653 (MySQL manual 12.6.1), where rounding each quotient to what it
 * shows gave 2.0001 and 0.57692308.
 * <p>
 * Every operator of such a chain is one call of {@link #operate}; inside the chain a value travels
 * as a row of (value, scale it shows), the chain's outermost call gives the number. An operand
 * that is approximate (a DOUBLE, FLOAT, a string) makes the operation a DOUBLE one, as MySQL's.
 */
final class DecimalChains {
    /** The flag of the chain's outermost operation: its result is the number, not a (value, scale) row. */
    static final int LAST = 1;
    /** The flag of a division whose zero divisor is an error (a strict-mode change), not NULL. */
    static final int STRICT = 2;
    /** The flag of a last operation whose value goes on with all its digits (FLOOR, DIV take it). */
    static final int RAW = 4;
    /**
     * The flag of a last operation that is the argument of SUM or AVG: the value keeps its hidden
     * digits and tells the scale it shows by {@link #PAD} more digits ({@link #shownScale}), which
     * the aggregate's sum keeps; {@link #unpad} rounds the sum to what it shows.
     */
    static final int AGGREGATED = 8;
    /** The digits an {@link #AGGREGATED} value has beyond the scale it shows (MySQL's scales stop at 30). */
    private static final int PAD = 40;

    /** MySQL's largest scale of a DECIMAL result (DECIMAL_MAX_SCALE). */
    private static final int MAX_SCALE = 30;
    /** The scale of an approximate value (MySQL's NOT_FIXED_DEC). */
    private static final int NOT_FIXED = 31;
    /** The digits of a decimal word: a quotient's digits after the point are a multiple of it. */
    private static final int WORD_DIGITS = 9;
    /** The most digits after the point MySQL's decimal holds (nine words). */
    private static final int MAX_DIGITS = 81;

    private DecimalChains() {
    }

    /**
     * One operation of a chain: {@code x op y} ({@code op} one of {@code + - * /}), with {@code
     * increment} the session's div_precision_increment; {@code flags} {@link #LAST}, {@link #STRICT}.
     */
    static Value operate(String op, Value x, Value y, int increment, int flags) {
        if (x == ValueNull.INSTANCE || y == ValueNull.INSTANCE) return ValueNull.INSTANCE;
        Value xv = valueOf(x);
        Value yv = valueOf(y);
        if (xv == ValueNull.INSTANCE || yv == ValueNull.INSTANCE) return ValueNull.INSTANCE;
        int xs = scaleOf(x);
        int ys = scaleOf(y);
        boolean last = (flags & LAST) != 0;
        if (approximate(xv) || approximate(yv)) {
            double a = xv.getDouble();
            double b = yv.getDouble();
            double r;
            switch (op) {
                case "+" -> r = a + b;
                case "-" -> r = a - b;
                case "*" -> r = a * b;
                default -> {
                    if (b == 0) return zeroDivisor(xv, flags);
                    r = a / b;
                }
            }
            if (!last) return ValueRow.get(new Value[] {ValueDouble.get(r), ValueInteger.get(NOT_FIXED)});
            // the DOUBLE's digits, without a ".0" MySQL does not show
            BigDecimal q = new BigDecimal(Double.toString(r)).stripTrailingZeros();
            return ValueNumeric.get(q.scale() < 0 ? q.setScale(0) : q);
        }
        BigDecimal a = xv.getBigDecimal();
        BigDecimal b = yv.getBigDecimal();
        BigDecimal r;
        int scale;
        switch (op) {
            case "+" -> {
                r = a.add(b);
                scale = Math.max(xs, ys);
            }
            case "-" -> {
                r = a.subtract(b);
                scale = Math.max(xs, ys);
            }
            case "*" -> {
                r = a.multiply(b);
                if (r.scale() > MAX_DIGITS) r = r.setScale(MAX_DIGITS, RoundingMode.DOWN);
                scale = Math.min(MAX_SCALE, xs + ys);
            }
            default -> {
                if (b.signum() == 0) return zeroDivisor(xv, flags);
                r = a.divide(b, heldDigits(a, b, increment), RoundingMode.DOWN);
                scale = Math.min(MAX_SCALE, xs + increment);
            }
        }
        if ((flags & AGGREGATED) != 0) return ValueNumeric.get(r.setScale(scale + PAD, RoundingMode.DOWN));
        if (last) return ValueNumeric.get((flags & RAW) != 0 ? r : r.setScale(scale, RoundingMode.HALF_UP));
        return ValueRow.get(new Value[] {ValueNumeric.get(r), ValueInteger.get(scale)});
    }

    /** The digits after the point MySQL holds of {@code a / b}: both scales and the increment, in whole words. */
    private static int heldDigits(BigDecimal a, BigDecimal b, int increment) {
        int digits = Math.max(0, a.scale()) + Math.max(0, b.scale()) + increment;
        return Math.min(MAX_DIGITS, (digits + WORD_DIGITS - 1) / WORD_DIGITS * WORD_DIGITS);
    }

    /**
     * MySQL's {@code dividend / divisor} as it shows it, where the dividend shows {@code
     * shownScale} digits: cut at the digits it holds, rounded half up to the shown scale plus the
     * increment (an average: the sum by the count).
     */
    static BigDecimal quotient(BigDecimal dividend, BigDecimal divisor, int shownScale, int increment) {
        BigDecimal held = dividend.divide(divisor, heldDigits(dividend, divisor, increment), RoundingMode.DOWN);
        return held.setScale(Math.min(MAX_SCALE, shownScale + increment), RoundingMode.HALF_UP);
    }

    /** The scale a number shows: an {@link #AGGREGATED} value's without its padding, another's own. */
    static int shownScale(BigDecimal d) {
        return d.scale() >= PAD ? d.scale() - PAD : Math.max(0, d.scale());
    }

    /** A sum of {@link #AGGREGATED} values as MySQL shows it; other values as they are. */
    static BigDecimal unpad(BigDecimal d) {
        return d == null || d.scale() < PAD ? d : d.setScale(d.scale() - PAD, RoundingMode.HALF_UP);
    }

    private static Value zeroDivisor(Value dividend, int flags) {
        if ((flags & STRICT) != 0) throw DbException.get(org.h2.api.ErrorCode.DIVISION_BY_ZERO_1, dividend.getTraceSQL());
        H2Functions.divisionByZero();
        return ValueNull.INSTANCE;
    }

    /** The value an operand holds: a chain's row's first member, or the operand itself. */
    private static Value valueOf(Value v) {
        return v instanceof ValueRow row ? row.getList()[0] : v;
    }

    /** The scale an operand shows: a chain's row's second member, a number's own scale. */
    private static int scaleOf(Value v) {
        if (v instanceof ValueRow row) return row.getList()[1].getInt();
        if (approximate(v)) return NOT_FIXED;
        return v.getValueType() == Value.NUMERIC ? Math.max(0, v.getBigDecimal().scale()) : 0;
    }

    /** MySQL computes with DOUBLEs when an operand is approximate or a string. */
    private static boolean approximate(Value v) {
        int type = v.getValueType();
        return type == Value.REAL || type == Value.DOUBLE || type == Value.DECFLOAT || type == Value.VARCHAR
                || type == Value.VARCHAR_IGNORECASE || type == Value.CHAR || type == Value.CLOB;
    }
}
