package io.minisqld.server.protocol;

import io.minisqld.server.result.Column;
import io.minisqld.server.result.ColumnType;
import io.minisqld.server.wire.ByteWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Rows of a binary result set (protocol spec §1.8): a 0x00 header, a NULL bitmap whose bit
 * {@code i + 2} marks column {@code i}, then each non-NULL value in the binary form of its
 * column's declared type. The values come as the text protocol's renderings, which are MySQL's
 * own text for each type, and are converted from there: integers little-endian in the type's
 * width, FLOAT and DOUBLE as IEEE bits, DATE/DATETIME/TIMESTAMP and TIME in MySQL's length-prefixed
 * structures, everything else as str&lt;lenenc&gt;.
 */
final class BinaryRows {
    private BinaryRows() {
    }

    static byte[] encode(List<Column> columns, byte[][] row) {
        int n = columns.size();
        int bitmap = (n + 7 + 2) / 8;
        int size = 1 + bitmap;
        for (byte[] v : row) size += v == null ? 0 : v.length + 9;
        ByteWriter w = new ByteWriter(size);
        w.int1(0);
        byte[] nulls = new byte[bitmap];
        for (int i = 0; i < n; i++) {
            if (row[i] == null) nulls[(i + 2) / 8] |= (byte) (1 << ((i + 2) % 8));
        }
        w.bytes(nulls);
        for (int i = 0; i < n; i++) {
            if (row[i] != null) value(w, columns.get(i), row[i]);
        }
        return w.toByteArray();
    }

    private static void value(ByteWriter w, Column c, byte[] text) {
        ColumnType type = c.type();
        switch (type) {
            case TINY -> w.int1((int) integer(text));
            case SHORT, YEAR -> w.int2((int) integer(text));
            case LONG, INT24 -> w.int4(integer(text));
            case LONGLONG -> w.int8(integer(text));
            case FLOAT -> w.int4(Float.floatToIntBits(Float.parseFloat(ascii(text))) & 0xFFFFFFFFL);
            case DOUBLE -> w.int8(Double.doubleToLongBits(Double.parseDouble(ascii(text))));
            case DATE, DATETIME, TIMESTAMP -> dateTime(w, ascii(text));
            case TIME -> time(w, ascii(text));
            default -> w.lenencBytes(text);
        }
    }

    private static String ascii(byte[] text) {
        return new String(text, StandardCharsets.US_ASCII);
    }

    /** A signed or unsigned integer's text; an unsigned BIGINT above 2^63 - 1 keeps its 64 bits. */
    private static long integer(byte[] text) {
        String s = ascii(text);
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return new BigInteger(s).longValue();
        }
    }

    /** {@code YYYY-MM-DD[ hh:mm:ss[.ffffff]]}: the shortest of MySQL's lengths 0, 4, 7 and 11 that holds it. */
    private static void dateTime(ByteWriter w, String s) {
        int year = Integer.parseInt(s.substring(0, 4));
        int month = Integer.parseInt(s.substring(5, 7));
        int day = Integer.parseInt(s.substring(8, 10));
        int hour = 0;
        int minute = 0;
        int second = 0;
        int micros = 0;
        if (s.length() >= 19) {
            hour = Integer.parseInt(s.substring(11, 13));
            minute = Integer.parseInt(s.substring(14, 16));
            second = Integer.parseInt(s.substring(17, 19));
            if (s.length() > 20) micros = micros(s.substring(20));
        }
        int length = micros != 0 ? 11 : hour + minute + second != 0 ? 7 : year + month + day != 0 ? 4 : 0;
        w.int1(length);
        if (length == 0) return;
        w.int2(year).int1(month).int1(day);
        if (length == 4) return;
        w.int1(hour).int1(minute).int1(second);
        if (length == 11) w.int4(micros);
    }

    /** {@code [-]h+:mm:ss[.ffffff]}: length 0, 8 or 12, the sign, whole days, then the rest of the day. */
    private static void time(ByteWriter w, String s) {
        boolean negative = s.startsWith("-");
        if (negative) s = s.substring(1);
        int colon = s.indexOf(':');
        long hours = Long.parseLong(s.substring(0, colon));
        int minute = Integer.parseInt(s.substring(colon + 1, colon + 3));
        int second = Integer.parseInt(s.substring(colon + 4, colon + 6));
        int micros = s.length() > colon + 7 ? micros(s.substring(colon + 7)) : 0;
        if (hours == 0 && minute == 0 && second == 0 && micros == 0) {
            w.int1(0);
            return;
        }
        w.int1(micros != 0 ? 12 : 8).int1(negative ? 1 : 0).int4(hours / 24).int1((int) (hours % 24)).int1(minute)
                .int1(second);
        if (micros != 0) w.int4(micros);
    }

    /** A fraction's digits as microseconds ("5" is 500000). */
    private static int micros(String digits) {
        String six = (digits + "000000").substring(0, 6);
        return Integer.parseInt(six);
    }
}
