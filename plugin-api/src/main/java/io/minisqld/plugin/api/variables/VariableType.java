package io.minisqld.plugin.api.variables;

import java.util.List;

/**
 * The closed set of system variable types MySQL knows. Values are carried as Java objects:
 * {@link BooleanType} as {@link Boolean}, {@link IntegerType} as {@link Long}, {@link EnumType}
 * and {@link SetType} as {@link String} (the canonical spelling; a set as a comma list),
 * {@link StringType} as {@link String} (may be null), {@link DoubleType} as {@link Double}.
 */
public sealed interface VariableType {

    /** ON/OFF; accepts 1/0, ON/OFF, TRUE/FALSE. SHOW VARIABLES prints ON/OFF, SELECT @@ prints 1/0. */
    record BooleanType() implements VariableType {}

    /**
     * An integer clamped to [min, max] and rounded down to a multiple of blockSize; an
     * out-of-range value is clamped with warning 1292 ("Truncated incorrect … value").
     */
    record IntegerType(long min, long max, long blockSize, boolean unsigned) implements VariableType {
        public IntegerType {
            if (min > max) throw new IllegalArgumentException("min > max");
            if (blockSize < 1) throw new IllegalArgumentException("blockSize < 1");
        }

        public static IntegerType of(long min, long max) {
            return new IntegerType(min, max, 1, min >= 0);
        }
    }

    /** One of a fixed list of names, also settable by its 0-based index. */
    record EnumType(List<String> values) implements VariableType {
        public EnumType {
            values = List.copyOf(values);
        }
    }

    /** Any subset of a fixed list of names, written as a comma list. */
    record SetType(List<String> values) implements VariableType {
        public SetType {
            values = List.copyOf(values);
        }
    }

    /** Free text; may be NULL where the variable allows it. */
    record StringType() implements VariableType {}

    /** A floating point number within [min, max]. */
    record DoubleType(double min, double max) implements VariableType {}
}
