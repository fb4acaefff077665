package io.minisqld.server.engine.h2;

import java.sql.SQLException;
import org.h2.api.Aggregate;
import org.h2.value.Value;

/**
 * MySQL's {@code SUM} of a DOUBLE or FLOAT expression: a DOUBLE, the values added one after
 * another as doubles ({@code SUM(0.1e0 + 0 …)} of 0.1 and 0.2 is 0.30000000000000004). The
 * engine's SUM of a DOUBLE is an exact DECFLOAT (0.3, and a sum near 1e300 written out in three
 * hundred digits), which the server sent as a DECIMAL. The translation calls this for a SUM whose
 * argument it sees is a DOUBLE ({@link DoubleText}).
 */
public final class MysqlDoubleSum implements Aggregate {
    static final String ALIAS = "minisqld_double_sum";

    private double sum;
    private boolean any;

    @Override
    public int getInternalType(int[] inputTypes) {
        return Value.DOUBLE;
    }

    @Override
    public void add(Object value) throws SQLException {
        if (value == null) return;
        any = true;
        if (value instanceof Number n) {
            sum += n.doubleValue();
        } else if (value instanceof Boolean b) {
            sum += b ? 1 : 0;
        } else if (value instanceof String text) {
            sum += StringOperands.leadingNumber(text);
        } else {
            throw new SQLException("SUM of a " + value.getClass().getSimpleName() + " value is not supported");
        }
    }

    @Override
    public Object getResult() {
        return any ? sum : null;
    }
}
