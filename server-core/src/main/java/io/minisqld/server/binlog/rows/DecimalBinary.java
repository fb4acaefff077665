package io.minisqld.server.binlog.rows;

import io.minisqld.server.wire.ByteWriter;
import java.math.BigDecimal;

/**
 * MySQL's binary DECIMAL(precision, scale) (strings/decimal.c decimal2bin, row-events-gtid-mts.md
 * §A.5.1): the digits in groups of nine from the decimal point outwards, each full group a 4-byte
 * big-endian integer, a leftover group of k digits in {@code DIG2BYTES[k]} bytes; a negative
 * number has every byte inverted; then the first byte's top bit is flipped.
 */
final class DecimalBinary {
    private static final int[] DIG2BYTES = {0, 1, 1, 2, 2, 3, 3, 4, 4, 4};
    private static final int DIGITS_PER_GROUP = 9;

    private DecimalBinary() {
    }

    /** The bytes a DECIMAL(precision, scale) takes, whatever its value. */
    static int size(int precision, int scale) {
        int intg = precision - scale;
        return intg / 9 * 4 + DIG2BYTES[intg % 9] + scale / 9 * 4 + DIG2BYTES[scale % 9];
    }

    /**
     * Writes {@code value}, which must have at most {@code scale} fraction digits (after dropping
     * trailing zeros) and {@code precision - scale} integer digits.
     */
    static void write(ByteWriter out, BigDecimal value, int precision, int scale) {
        BigDecimal exact;
        try {
            exact = value.setScale(scale);
        } catch (ArithmeticException e) {
            throw new ValueMismatch("has more than " + scale + " digits after the decimal point");
        }
        String digits = exact.unscaledValue().abs().toString();
        int intg = precision - scale;
        // the integer part's digits, left-padded to intg; the fraction's, exactly scale
        String padded = "0".repeat(Math.max(0, precision - digits.length())) + digits;
        if (padded.length() > precision) {
            throw new ValueMismatch("has more than " + intg + " digits before the decimal point");
        }
        String integer = padded.substring(0, intg);
        String fraction = padded.substring(intg);
        byte[] bytes = new byte[size(precision, scale)];
        int at = 0;
        int lead = intg % DIGITS_PER_GROUP;
        at = group(bytes, at, integer.substring(0, lead));
        for (int g = lead; g < intg; g += DIGITS_PER_GROUP) at = group(bytes, at, integer.substring(g, g + 9));
        int full = scale - scale % DIGITS_PER_GROUP;
        for (int g = 0; g < full; g += DIGITS_PER_GROUP) at = group(bytes, at, fraction.substring(g, g + 9));
        group(bytes, at, fraction.substring(full));
        if (exact.signum() < 0) {
            for (int i = 0; i < bytes.length; i++) bytes[i] = (byte) ~bytes[i];
        }
        bytes[0] ^= (byte) 0x80;
        out.bytes(bytes);
    }

    /** Stores a group of 0 to 9 digits big-endian in its DIG2BYTES width at {@code at}; returns the next offset. */
    private static int group(byte[] bytes, int at, String digits) {
        int width = DIG2BYTES[digits.length()];
        long v = digits.isEmpty() ? 0 : Long.parseLong(digits);
        for (int i = width - 1; i >= 0; i--) {
            bytes[at + i] = (byte) v;
            v >>>= 8;
        }
        return at + width;
    }
}
