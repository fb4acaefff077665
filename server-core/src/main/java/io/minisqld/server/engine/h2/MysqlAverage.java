package io.minisqld.server.engine.h2;

import java.math.BigDecimal;
import java.sql.SQLException;
import org.h2.api.Aggregate;
import org.h2.value.Value;

/**
 * MySQL's {@code AVG} of an expression (of a column, the server divides SUM by COUNT): an exact
 * argument's average is DECIMAL at the argument's scale plus div_precision_increment ({@code
 * AVG(a + b)} of integers 8.5000, where the engine's AVG showed 8.5000000000, and of a quotient
 * 0.66666667 where it showed thousands of zeros), an approximate one's a DOUBLE. The call is
 * {@code AVG(x, increment)}; a value of a chain around a division ({@link DecimalChains#AGGREGATED})
 * brings its hidden digits.
 */
public final class MysqlAverage implements Aggregate {
    static final String ALIAS = "minisqld_avg";

    private BigDecimal sum = BigDecimal.ZERO;
    private double doubleSum;
    private boolean approximate;
    private long count;
    private int scale;
    private int increment;

    @Override
    public int getInternalType(int[] inputTypes) {
        int type = inputTypes[0];
        return type == Value.REAL || type == Value.DOUBLE || type == Value.DECFLOAT || type == Value.VARCHAR
                || type == Value.CHAR ? Value.DOUBLE : Value.NUMERIC;
    }

    @Override
    public void add(Object value) throws SQLException {
        Object[] args = (Object[]) value;
        if (args[0] == null) return;
        increment = ((Number) args[1]).intValue();
        count++;
        if (args[0] instanceof BigDecimal d) {
            scale = Math.max(scale, DecimalChains.shownScale(d));
            sum = sum.add(d);
        } else if (args[0] instanceof Long || args[0] instanceof Integer || args[0] instanceof Short
                || args[0] instanceof Byte || args[0] instanceof java.math.BigInteger) {
            sum = sum.add(new BigDecimal(args[0].toString()));
        } else if (args[0] instanceof Boolean b) {
            // a condition's truth is MySQL's 1 or 0
            sum = sum.add(b ? BigDecimal.ONE : BigDecimal.ZERO);
        } else if (args[0] instanceof Number n) {
            approximate = true;
            doubleSum += n.doubleValue();
        } else if (args[0] instanceof String text) {
            approximate = true;
            doubleSum += StringOperands.leadingNumber(text);
        } else {
            throw new SQLException("AVG of a " + args[0].getClass().getSimpleName() + " value is not supported");
        }
    }

    @Override
    public Object getResult() {
        if (count == 0) return null;
        if (approximate) return (doubleSum + sum.doubleValue()) / count;
        return DecimalChains.quotient(sum, BigDecimal.valueOf(count), scale, increment);
    }
}
