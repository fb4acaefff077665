package io.minisqld.server.protocol;

import io.minisqld.server.result.ParameterValue;
import io.minisqld.server.wire.ByteReader;
import io.minisqld.server.wire.MalformedPacketException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The parameter values of a COM_STMT_EXECUTE (protocol spec §1.8): the NULL bitmap, the
 * new-params-bound flag with one type and flag byte per parameter, then each non-NULL value in
 * its type's binary form. Strings stay the client's bytes, decoded in its character set; a BLOB
 * parameter is a binary string; integers, floats, decimals and temporal values become the literal
 * MySQL would read. Anything that does not fit throws {@link MalformedPacketException}.
 */
final class BinaryParameters {
    /** MySQL's parameter flag byte: the integer is unsigned. */
    private static final int UNSIGNED = 0x80;

    private BinaryParameters() {
    }

    /**
     * @param types       the types the statement's previous execution bound (type | flag &lt;&lt; 8
     *                    per parameter), or null; replaced when the packet binds new ones
     * @param longData    per parameter, the bytes COM_STMT_SEND_LONG_DATA sent, or null
     * @param clientText  decodes a string's bytes in the connection's character set
     * @return the values, and the types now bound
     */
    static Decoded decode(ByteReader in, int count, int[] types, byte[][] longData,
                          Function<byte[], String> clientText) {
        if (count == 0) return new Decoded(List.of(), types);
        byte[] nulls = in.bytes((count + 7) / 8);
        boolean newTypes = in.int1() == 1;
        if (newTypes) {
            types = new int[count];
            for (int i = 0; i < count; i++) types[i] = in.int2();
        } else if (types == null) {
            throw new MalformedPacketException("no parameter types were ever bound");
        }
        List<ParameterValue> values = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            if (longData != null && longData[i] != null) {
                // long data wins over the NULL bit, as in MySQL: mysqlnd sets that bit for a 'b'
                // parameter whose bound variable is null, the value being in the long data
                values.add(new ParameterValue.Text(clientText.apply(longData[i]), isBlob(types[i] & 0xFF)));
            } else if ((nulls[i / 8] & (1 << (i % 8))) != 0) {
                values.add(ParameterValue.NULL);
            } else {
                values.add(value(in, types[i] & 0xFF, (types[i] >> 8 & UNSIGNED) != 0, clientText));
            }
        }
        return new Decoded(values, types);
    }

    record Decoded(List<ParameterValue> values, int[] types) {
    }

    private static ParameterValue value(ByteReader in, int type, boolean unsigned, Function<byte[], String> clientText) {
        return switch (type) {
            case 0x01 -> integer(unsigned ? in.int1() : (byte) in.int1());
            case 0x02, 0x0D -> integer(unsigned ? in.int2() : (short) in.int2());
            case 0x03, 0x09 -> integer(unsigned ? in.int4() : (int) in.int4());
            case 0x08 -> {
                long v = in.int8();
                yield new ParameterValue.Number(unsigned ? Long.toUnsignedString(v) : Long.toString(v));
            }
            case 0x04 -> floating(Float.intBitsToFloat((int) in.int4()));
            case 0x05 -> floating(Double.longBitsToDouble(in.int8()));
            case 0x06 -> ParameterValue.NULL;
            case 0x07, 0x0A, 0x0C -> new ParameterValue.Text(dateTime(in, type == 0x0A), false);
            case 0x0B -> new ParameterValue.Text(time(in), false);
            case 0x00, 0xF6 -> {
                String text = clientText.apply(lenenc(in));
                try {
                    yield new ParameterValue.Number(text.strip());
                } catch (IllegalArgumentException e) {
                    yield new ParameterValue.Text(text, false);
                }
            }
            case 0xF9, 0xFA, 0xFB, 0xFC, 0xFF -> new ParameterValue.Text(clientText.apply(lenenc(in)), true);
            case 0x0F, 0x10, 0xF5, 0xF7, 0xF8, 0xFD, 0xFE -> new ParameterValue.Text(clientText.apply(lenenc(in)), false);
            default -> throw new MalformedPacketException("parameter type 0x" + Integer.toHexString(type));
        };
    }

    private static boolean isBlob(int type) {
        return type >= 0xF9 && type <= 0xFC || type == 0xFF;
    }

    private static ParameterValue integer(long v) {
        return new ParameterValue.Number(Long.toString(v));
    }

    /** FLOAT and DOUBLE values are DOUBLEs, as MySQL widens a FLOAT parameter to a double. */
    private static ParameterValue floating(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) throw new MalformedPacketException("not a number: " + v);
        return ParameterValue.ofDouble(v);
    }

    private static byte[] lenenc(ByteReader in) {
        byte[] b = in.lenencBytes();
        if (b == null) throw new MalformedPacketException("0xFB is no string length");
        return b;
    }

    /** DATE, DATETIME or TIMESTAMP: a length (0, 4, 7 or 11) and that many bytes. */
    private static String dateTime(ByteReader in, boolean dateOnly) {
        int length = in.int1();
        if (length != 0 && length != 4 && length != 7 && length != 11) {
            throw new MalformedPacketException("date length " + length);
        }
        int year = length >= 4 ? in.int2() : 0;
        int month = length >= 4 ? in.int1() : 0;
        int day = length >= 4 ? in.int1() : 0;
        String date = String.format("%04d-%02d-%02d", year, month, day);
        if (dateOnly) {
            if (length > 4) in.skip(length - 4);
            return date;
        }
        int hour = length >= 7 ? in.int1() : 0;
        int minute = length >= 7 ? in.int1() : 0;
        int second = length >= 7 ? in.int1() : 0;
        long micros = length == 11 ? in.int4() : 0;
        return date + String.format(" %02d:%02d:%02d", hour, minute, second) + fraction(micros);
    }

    /** TIME: a length (0, 8 or 12), the sign, days, hours, minutes, seconds [, microseconds]. */
    private static String time(ByteReader in) {
        int length = in.int1();
        if (length == 0) return "00:00:00";
        if (length != 8 && length != 12) throw new MalformedPacketException("time length " + length);
        boolean negative = in.int1() == 1;
        long days = in.int4();
        int hour = in.int1();
        int minute = in.int1();
        int second = in.int1();
        long micros = length == 12 ? in.int4() : 0;
        return (negative ? "-" : "") + String.format("%02d:%02d:%02d", days * 24 + hour, minute, second)
                + fraction(micros);
    }

    private static String fraction(long micros) {
        if (micros > 999_999) throw new MalformedPacketException("microseconds " + micros);
        return micros == 0 ? "" : String.format(".%06d", micros);
    }
}
