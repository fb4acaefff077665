package io.minisqld.server.replication.replica;

import io.minisqld.server.binlog.event.RowsEvent;
import io.minisqld.server.binlog.event.TableMapEvent;
import io.minisqld.server.error.ErrorCode;
import io.minisqld.server.error.SqlError;
import io.minisqld.server.wire.ByteReader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * The rows of a row event, decoded with its TABLE_MAP (row-events-gtid-mts.md §A.4, §A.5: MySQL's
 * binary row format, which MariaDB shares): each image holds one value per column of the table,
 * null where the image leaves the column out or it is NULL ({@link #present}). Values: a
 * {@code Long} for integers (as signed: the column's own type says whether to read them unsigned),
 * a {@link BigDecimal} for DECIMAL, {@code Float} / {@code Double}, a {@code byte[]} for strings
 * and blobs (the column's bytes), a {@code String} for dates and times in MySQL's text form,
 * {@link EnumIndex} / {@link SetBits} / {@link BitValue} for ENUM, SET and BIT.
 */
final class RowImages {
    private RowImages() {
    }

    /** An ENUM value: its 1-based index among the column's values (0: the empty string of an invalid value). */
    record EnumIndex(int index) {
    }

    /** A SET value: bit i set for the column's value i. */
    record SetBits(long bits) {
    }

    /** A BIT(n) value. */
    record BitValue(long bits) {
    }

    /** One changed row: the before image (UPDATE, DELETE) and the after image (WRITE, UPDATE). */
    record Change(Object[] before, BitSet beforePresent, Object[] after, BitSet afterPresent) {
    }

    static List<Change> decode(RowsEvent e) {
        TableMapEvent map = e.table();
        if (map == null) {
            throw new SqlError(ErrorCode.ER_SLAVE_FATAL_ERROR.number(), ErrorCode.ER_SLAVE_FATAL_ERROR.sqlState(),
                    ErrorCode.ER_SLAVE_FATAL_ERROR.message("a row event names table id " + e.tableId()
                            + ", which no TABLE_MAP event of its statement defined"));
        }
        ByteReader in = new ByteReader(e.rows());
        int n = (int) in.lenenc();
        if (n != map.columnCount()) {
            throw ErrorCode.ER_SLAVE_FATAL_ERROR.error("the row event has " + n + " columns, its TABLE_MAP "
                    + map.columnCount());
        }
        BitSet first = BitSet.valueOf(in.bytes((n + 7) / 8));
        BitSet second = e.kind() == RowsEvent.Kind.UPDATE ? BitSet.valueOf(in.bytes((n + 7) / 8)) : first;
        List<Change> out = new ArrayList<>();
        while (in.hasRemaining()) {
            Object[] one = image(in, map, first);
            switch (e.kind()) {
                case WRITE -> out.add(new Change(null, null, one, first));
                case DELETE -> out.add(new Change(one, first, null, null));
                case UPDATE -> out.add(new Change(one, first, image(in, map, second), second));
            }
        }
        return out;
    }

    private static Object[] image(ByteReader in, TableMapEvent map, BitSet present) {
        int n = map.columnCount();
        BitSet nulls = BitSet.valueOf(in.bytes((present.cardinality() + 7) / 8));
        Object[] row = new Object[n];
        int k = 0;
        for (int i = 0; i < n; i++) {
            if (!present.get(i)) continue;
            boolean isNull = nulls.get(k++);
            if (!isNull) row[i] = value(in, map.types()[i], map.metadata()[i], map, i);
        }
        return row;
    }

    private static Object value(ByteReader in, int type, int meta, TableMapEvent map, int column) {
        switch (type) {
            case 1: return (long) (byte) in.int1();
            case 2: return (long) (short) in.int2();
            case 9: {
                int v = in.int3();
                return (long) ((v << 8) >> 8);
            }
            case 3: return (long) (int) in.int4();
            case 8: return in.int8();
            case 4: return Float.intBitsToFloat((int) in.int4());
            case 5: return Double.longBitsToDouble(in.int8());
            case 246: return decimal(in, meta >> 8, meta & 0xFF);
            case 15, 253: return in.bytes(meta < 256 ? in.int1() : in.int2());
            case 254: {
                int real = meta >> 8;
                int length = meta & 0xFF;
                if ((real & 0x30) != 0x30) {
                    // a CHAR longer than 255: the high length bits ride in the real type byte
                    length |= ((real & 0x30) ^ 0x30) << 4;
                    real |= 0x30;
                }
                if (real == 247) return new EnumIndex((int) in.intLE(length));
                if (real == 248) return new SetBits(in.intLE(length));
                return in.bytes(length < 256 ? in.int1() : in.int2());
            }
            case 247: return new EnumIndex((int) in.intLE(meta & 0xFF));
            case 248: return new SetBits(in.intLE(meta & 0xFF));
            case 252, 255: return in.bytes((int) in.intLE(meta));
            case 16: {
                int bits = meta >> 8;
                int bytes = meta & 0xFF;
                int length = bytes + (bits > 0 ? 1 : 0);
                long v = 0;
                for (byte b : in.bytes(length)) v = v << 8 | (b & 0xFF);
                return new BitValue(v);
            }
            case 13: {
                int y = in.int1();
                return (long) (y == 0 ? 0 : 1900 + y);
            }
            case 10, 14: {
                int v = in.int3();
                return String.format("%04d-%02d-%02d", v >> 9, (v >> 5) & 15, v & 31);
            }
            case 11: {
                int v = in.int3();
                return String.format("%02d:%02d:%02d", v / 10000, v / 100 % 100, v % 100);
            }
            case 12: {
                long v = in.int8();
                long d = v / 1_000_000;
                long t = v % 1_000_000;
                return String.format("%04d-%02d-%02d %02d:%02d:%02d", d / 10000, d / 100 % 100, d % 100, t / 10000,
                        t / 100 % 100, t % 100);
            }
            case 7: {
                long seconds = in.int4();
                if (seconds == 0) return "0000-00-00 00:00:00";
                java.time.LocalDateTime t = java.time.LocalDateTime.ofInstant(java.time.Instant.ofEpochSecond(seconds),
                        java.time.ZoneId.systemDefault());
                return t.toLocalDate() + " " + String.format("%02d:%02d:%02d", t.getHour(), t.getMinute(), t.getSecond());
            }
            case 17: return timestamp2(in, meta);
            case 18: return datetime2(in, meta);
            case 19: return time2(in, meta);
            default:
                throw ErrorCode.ER_SLAVE_FATAL_ERROR.error("column " + (column + 1) + " of " + map.database() + "."
                        + map.table() + " has type " + type + ", which this replica cannot apply from row events");
        }
    }

    private static long bigEndian(byte[] b) {
        long v = 0;
        for (byte x : b) v = v << 8 | (x & 0xFF);
        return v;
    }

    /** The fraction of a TIMESTAMP2 / DATETIME2, in microseconds, from its (fsp + 1) / 2 bytes. */
    private static int micros(ByteReader in, int fsp) {
        return switch (fsp) {
            case 1, 2 -> in.int1() * 10_000;
            case 3, 4 -> (int) bigEndian(in.bytes(2)) * 100;
            case 5, 6 -> (int) bigEndian(in.bytes(3));
            default -> 0;
        };
    }

    private static String fraction(int micros, int fsp) {
        if (fsp == 0) return "";
        return "." + String.format("%06d", micros).substring(0, fsp);
    }

    private static String timestamp2(ByteReader in, int fsp) {
        long seconds = bigEndian(in.bytes(4));
        int micros = micros(in, fsp);
        if (seconds == 0 && micros == 0) return "0000-00-00 00:00:00" + fraction(0, fsp);
        java.time.LocalDateTime t = java.time.LocalDateTime.ofInstant(java.time.Instant.ofEpochSecond(seconds),
                java.time.ZoneId.systemDefault());
        return t.toLocalDate() + " " + String.format("%02d:%02d:%02d", t.getHour(), t.getMinute(), t.getSecond())
                + fraction(micros, fsp);
    }

    private static String datetime2(ByteReader in, int fsp) {
        long v = bigEndian(in.bytes(5)) - 0x8000000000L;
        int micros = micros(in, fsp);
        long ymd = v >> 17;
        long ym = ymd >> 5;
        long hms = v % (1 << 17);
        return String.format("%04d-%02d-%02d %02d:%02d:%02d", ym / 13, ym % 13, ymd % 32, hms >> 12, (hms >> 6) % 64,
                hms % 64) + fraction(micros, fsp);
    }

    private static String time2(ByteReader in, int fsp) {
        long intPart;
        long frac;
        switch (fsp) {
            case 1, 2 -> {
                intPart = bigEndian(in.bytes(3)) - 0x800000L;
                frac = in.int1();
                if (intPart < 0 && frac != 0) {
                    intPart++;
                    frac -= 0x100;
                }
                frac *= 10_000;
            }
            case 3, 4 -> {
                intPart = bigEndian(in.bytes(3)) - 0x800000L;
                frac = bigEndian(in.bytes(2));
                if (intPart < 0 && frac != 0) {
                    intPart++;
                    frac -= 0x10000;
                }
                frac *= 100;
            }
            case 5, 6 -> {
                long packed = bigEndian(in.bytes(6)) - 0x800000000000L;
                intPart = packed >> 24;
                frac = packed % (1L << 24);
            }
            default -> {
                intPart = bigEndian(in.bytes(3)) - 0x800000L;
                frac = 0;
            }
        }
        boolean negative = intPart < 0 || frac < 0;
        long i = Math.abs(intPart);
        long f = Math.abs(frac);
        return (negative ? "-" : "") + String.format("%02d:%02d:%02d", (i >> 12) & 0x3FF, (i >> 6) & 0x3F, i & 0x3F)
                + fraction((int) f, fsp);
    }

    private static final int[] DIG2BYTES = {0, 1, 1, 2, 2, 3, 3, 4, 4, 4};

    /** MySQL's binary DECIMAL(precision, scale): groups of 9 digits in 4 big-endian bytes, sign in the first bit. */
    static BigDecimal decimal(ByteReader in, int precision, int scale) {
        int intg = precision - scale;
        int intg0 = intg / 9;
        int intg0x = intg % 9;
        int frac0 = scale / 9;
        int frac0x = scale % 9;
        int size = intg0 * 4 + DIG2BYTES[intg0x] + frac0 * 4 + DIG2BYTES[frac0x];
        byte[] b = in.bytes(size);
        boolean positive = (b[0] & 0x80) != 0;
        b[0] ^= (byte) 0x80;
        if (!positive) for (int i = 0; i < b.length; i++) b[i] = (byte) ~b[i];
        ByteReader r = new ByteReader(b);
        StringBuilder digits = new StringBuilder();
        if (intg0x > 0) digits.append(bigEndian(r.bytes(DIG2BYTES[intg0x])));
        for (int i = 0; i < intg0; i++) digits.append(String.format("%09d", bigEndian(r.bytes(4))));
        StringBuilder fracDigits = new StringBuilder();
        for (int i = 0; i < frac0; i++) fracDigits.append(String.format("%09d", bigEndian(r.bytes(4))));
        if (frac0x > 0) fracDigits.append(String.format("%0" + frac0x + "d", bigEndian(r.bytes(DIG2BYTES[frac0x]))));
        BigDecimal v = new BigDecimal(new BigInteger(digits.length() == 0 ? "0" : digits.toString()))
                .add(fracDigits.length() == 0 ? BigDecimal.ZERO : new BigDecimal("0." + fracDigits));
        v = v.setScale(scale);
        return positive ? v : v.negate();
    }
}
