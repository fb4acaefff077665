package io.minisqld.server.result;

/**
 * A value bound to a prepared statement's {@code ?} marker: what COM_STMT_EXECUTE decoded from
 * its binary form, or a user variable EXECUTE … USING names. It takes the marker's place as the
 * literal tokens MySQL would have read, built from the value itself, never lexed from text.
 */
public sealed interface ParameterValue {
    /** SQL NULL. */
    record Null() implements ParameterValue {
    }

    /** A number as SQL reads it: an integer, a decimal or a double in exponent notation, perhaps negative. */
    record Number(String text) implements ParameterValue {
        public Number {
            if (!text.matches("-?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][-+]?[0-9]+)?")) {
                throw new IllegalArgumentException("not a number: " + text);
            }
        }
    }

    /**
     * A character string.
     *
     * @param value  its characters as the connection's character set decodes its bytes (bytes that
     *               are no character kept as {@link io.minisqld.server.charset.MysqlCharset} keeps them)
     * @param binary a binary string (a BLOB parameter), which MySQL writes {@code _binary'…'}
     */
    record Text(String value, boolean binary) implements ParameterValue {
    }

    Null NULL = new Null();

    /**
     * A DOUBLE value: in exponent notation, which MySQL reads as a DOUBLE (plain digits would be a
     * DECIMAL), with the digits that give back the same double.
     */
    static Number ofDouble(double v) {
        String text = Double.toString(v);
        return new Number(text.indexOf('E') >= 0 ? text : text + "E0");
    }
}
