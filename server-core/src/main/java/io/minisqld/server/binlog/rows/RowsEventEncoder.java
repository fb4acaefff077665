package io.minisqld.server.binlog.rows;

import io.minisqld.server.binlog.event.RowsEvent;
import io.minisqld.server.binlog.event.TableMapEvent;
import io.minisqld.server.charset.MysqlCharset;
import io.minisqld.server.error.ErrorCode;
import io.minisqld.server.wire.ByteWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * The WRITE_ROWS, UPDATE_ROWS and DELETE_ROWS version 2 events (types 30, 31, 32) of one run of
 * changed rows of one table (row-events-gtid-mts.md §A.4, §A.5): after the post-header, the
 * column count (lenenc), the bitmap of the columns the image carries (UPDATE: the before image's,
 * then the after image's), then per row a NULL bitmap over the image's columns and the values of
 * its non-NULL columns in MySQL's binary row format. Rows are cut into several events when one
 * would pass {@code maxRowsBytes} (MySQL's {@code binlog_row_event_max_size}); only the last of a
 * statement carries STMT_END_F.
 */
public final class RowsEventEncoder {
    /** WRITE_ROWS_EVENT, UPDATE_ROWS_EVENT, DELETE_ROWS_EVENT (version 2). */
    private static final int WRITE_ROWS_V2 = 30;
    private static final int UPDATE_ROWS_V2 = 31;
    private static final int DELETE_ROWS_V2 = 32;
    /** The statement's last row event. */
    private static final int STMT_END_F = 0x0001;
    /** The statement ran with foreign_key_checks=0: the replica applies the rows so too. */
    public static final int NO_FOREIGN_KEY_CHECKS_F = 0x0002;
    /** The statement ran with unique_checks=0. */
    public static final int RELAXED_UNIQUE_CHECKS_F = 0x0004;

    private RowsEventEncoder() {
    }

    /**
     * The events of rows changed in the table {@code map} describes.
     *
     * @param before the before images (UPDATE, DELETE), one value per column of the table; null for WRITE
     * @param after  the after images (WRITE, UPDATE); null for DELETE
     * @param checks {@link #NO_FOREIGN_KEY_CHECKS_F} and {@link #RELAXED_UNIQUE_CHECKS_F} as the session's
     *               settings say, on every event (MySQL's Rows_log_event does so)
     * @throws io.minisqld.server.error.SqlError 1105 when a value is not what its column holds
     */
    public static List<RowsEvent> events(RowsEvent.Kind kind, TableMapEvent map, List<BinlogColumn> columns,
                                         BitSet beforeColumns, BitSet afterColumns, List<Object[]> before,
                                         List<Object[]> after, int maxRowsBytes, boolean endOfStatement, int checks) {
        int n = columns.size();
        ByteWriter head = new ByteWriter();
        head.lenenc(n);
        switch (kind) {
            case WRITE -> bitmap(head, afterColumns, n);
            case DELETE -> bitmap(head, beforeColumns, n);
            case UPDATE -> {
                bitmap(head, beforeColumns, n);
                bitmap(head, afterColumns, n);
            }
        }
        byte[] header = head.toByteArray();
        int rows = kind == RowsEvent.Kind.WRITE ? after.size() : before.size();
        int type = switch (kind) {
            case WRITE -> WRITE_ROWS_V2;
            case UPDATE -> UPDATE_ROWS_V2;
            case DELETE -> DELETE_ROWS_V2;
        };
        List<byte[]> bodies = new ArrayList<>();
        ByteWriter body = new ByteWriter();
        body.bytes(header);
        for (int r = 0; r < rows; r++) {
            ByteWriter row = new ByteWriter();
            if (kind != RowsEvent.Kind.WRITE) image(row, map, columns, beforeColumns, before.get(r));
            if (kind != RowsEvent.Kind.DELETE) image(row, map, columns, afterColumns, after.get(r));
            if (body.size() > header.length && body.size() + row.size() > maxRowsBytes) {
                bodies.add(body.toByteArray());
                body = new ByteWriter();
                body.bytes(header);
            }
            body.bytes(row.toByteArray());
        }
        bodies.add(body.toByteArray());
        List<RowsEvent> out = new ArrayList<>();
        for (int i = 0; i < bodies.size(); i++) {
            int flags = (endOfStatement && i == bodies.size() - 1 ? STMT_END_F : 0) | checks;
            out.add(new RowsEvent(type, map.tableId(), flags, new byte[0], bodies.get(i), map));
        }
        return out;
    }

    private static void bitmap(ByteWriter out, BitSet bits, int n) {
        byte[] bytes = new byte[(n + 7) / 8];
        for (int i = bits.nextSetBit(0); i >= 0 && i < n; i = bits.nextSetBit(i + 1)) bytes[i / 8] |= (byte) (1 << (i % 8));
        out.bytes(bytes);
    }

    /** One image: the NULL bitmap over the present columns, then their non-NULL values. */
    private static void image(ByteWriter out, TableMapEvent map, List<BinlogColumn> columns, BitSet present,
                              Object[] row) {
        int count = present.cardinality();
        byte[] nulls = new byte[(count + 7) / 8];
        ByteWriter values = new ByteWriter();
        int k = 0;
        for (int i = present.nextSetBit(0); i >= 0 && i < columns.size(); i = present.nextSetBit(i + 1), k++) {
            Object v = row[i];
            if (v == null) {
                nulls[k / 8] |= (byte) (1 << (k % 8));
                continue;
            }
            BinlogColumn c = columns.get(i);
            try {
                value(values, c, v);
            } catch (ValueMismatch e) {
                throw ErrorCode.ER_UNKNOWN_ERROR.error("Row-based binary logging cannot write the value of column '"
                        + map.database() + "'.'" + map.table() + "'.'" + c.name() + "' (" + ColumnTypes.sqlName(c)
                        + "): the engine gave " + v.getClass().getSimpleName() + " " + v + ", which " + e.getMessage());
            }
        }
        out.bytes(nulls).bytes(values.toByteArray());
    }

    /** One non-NULL value in MySQL's binary row format (Field::pack of each type). */
    static void value(ByteWriter out, BinlogColumn c, Object v) {
        switch (c.type()) {
            case BinlogColumn.TINY -> integer(out, c, v, 1);
            case BinlogColumn.SHORT -> integer(out, c, v, 2);
            case BinlogColumn.INT24 -> integer(out, c, v, 3);
            case BinlogColumn.LONG -> integer(out, c, v, 4);
            case BinlogColumn.LONGLONG -> integer(out, c, v, 8);
            case BinlogColumn.FLOAT -> {
                float f;
                if (v instanceof Float x) f = x;
                else if (v instanceof Double d && (double) (float) d.doubleValue() == d) f = (float) d.doubleValue();
                else throw mismatch("is not a FLOAT");
                if (c.unsigned() && f < 0) throw mismatch("is negative");
                out.int4(Float.floatToIntBits(f) & 0xFFFF_FFFFL);
            }
            case BinlogColumn.DOUBLE -> {
                double d;
                if (v instanceof Double x) d = x;
                else if (v instanceof Float f) d = f;
                else throw mismatch("is not a DOUBLE");
                if (c.unsigned() && d < 0) throw mismatch("is negative");
                out.int8(Double.doubleToLongBits(d));
            }
            case BinlogColumn.NEWDECIMAL -> {
                BigDecimal d = decimalOf(v);
                if (c.unsigned() && d.signum() < 0) throw mismatch("is negative");
                DecimalBinary.write(out, d, c.metadata() >> 8, c.metadata() & 0xFF);
            }
            case BinlogColumn.VARCHAR -> {
                byte[] bytes = bytesOf(c, v);
                if (bytes.length > c.maxBytes()) throw mismatch("is longer than " + c.maxBytes() + " bytes");
                if (c.metadata() < 256) out.int1(bytes.length);
                else out.int2(bytes.length);
                out.bytes(bytes);
            }
            case BinlogColumn.STRING -> {
                if (c.realType() == BinlogColumn.ENUM) {
                    enumeration(out, c, v);
                    return;
                }
                if (c.realType() == BinlogColumn.SET) {
                    set(out, c, v);
                    return;
                }
                byte[] bytes = bytesOf(c, v);
                // CHAR drops its trailing spaces (Field_string::pack); BINARY keeps every byte
                int length = bytes.length;
                if (c.text()) {
                    while (length > 0 && bytes[length - 1] == ' ') length--;
                }
                long max = c.maxBytes();
                if (length > max) throw mismatch("is longer than " + max + " bytes");
                if (max < 256) out.int1(length);
                else out.int2(length);
                out.bytes(bytes, 0, length);
            }
            case BinlogColumn.BLOB -> {
                byte[] bytes = bytesOf(c, v);
                if (bytes.length > c.maxBytes()) throw mismatch("is longer than " + c.maxBytes() + " bytes");
                out.intLE(bytes.length, c.metadata()).bytes(bytes);
            }
            case BinlogColumn.DATE -> {
                LocalDate d;
                if (v instanceof LocalDate x) d = x;
                else if (v instanceof java.sql.Date x) d = x.toLocalDate();
                else throw mismatch("is not a DATE");
                yearInRange(d.getYear());
                TemporalBinary.date(out, d.getYear(), d.getMonthValue(), d.getDayOfMonth());
            }
            case BinlogColumn.TIME2 -> {
                LocalTime t;
                if (v instanceof LocalTime x) t = x;
                else if (v instanceof java.sql.Time x) t = x.toLocalTime();
                else throw mismatch("is not a TIME");
                int micros = micros(t.getNano(), c.metadata());
                TemporalBinary.time2(out, false, t.getHour(), t.getMinute(), t.getSecond(), micros, c.metadata());
            }
            case BinlogColumn.DATETIME2 -> {
                LocalDateTime t = dateTimeOf(v);
                yearInRange(t.getYear());
                int micros = micros(t.getNano(), c.metadata());
                TemporalBinary.datetime2(out, t.getYear(), t.getMonthValue(), t.getDayOfMonth(), t.getHour(),
                        t.getMinute(), t.getSecond(), micros, c.metadata());
            }
            case BinlogColumn.TIMESTAMP2 -> {
                long seconds;
                int nanos;
                if (v instanceof OffsetDateTime o) {
                    seconds = o.toEpochSecond();
                    nanos = o.getNano();
                } else {
                    // TIMESTAMP columns hold the time as given in the server's zone (variables.TimeZones)
                    LocalDateTime t = dateTimeOf(v);
                    seconds = t.atZone(ZoneId.systemDefault()).toEpochSecond();
                    nanos = t.getNano();
                }
                if (seconds < 1 || seconds > 0x7FFF_FFFFL) throw mismatch("is outside TIMESTAMP's range");
                TemporalBinary.timestamp2(out, seconds, micros(nanos, c.metadata()), c.metadata());
            }
            case BinlogColumn.YEAR -> {
                long y = longOf(v);
                if (y != 0 && (y < 1901 || y > 2155)) throw mismatch("is outside YEAR's range");
                out.int1(y == 0 ? 0 : (int) (y - 1900));
            }
            case BinlogColumn.BIT -> {
                int bits = ColumnTypes.bits(c);
                long b;
                if (v instanceof byte[] bytes) {
                    if (bytes.length > 8) throw mismatch("has more than 64 bits");
                    b = 0;
                    for (byte x : bytes) b = b << 8 | (x & 0xFF);
                } else if (v instanceof BigDecimal d) {
                    // a BIT(64) value past BIGINT's range: its low 64 bits are all it has
                    if (d.signum() < 0 || d.toBigInteger().bitLength() > 64) throw mismatch("has more than 64 bits");
                    b = d.toBigInteger().longValue();
                } else {
                    b = longOf(v);
                }
                if (bits < 64 && (b >>> bits) != 0) throw mismatch("has more than " + bits + " bits");
                int width = (c.metadata() & 0xFF) + ((c.metadata() >> 8) > 0 ? 1 : 0);
                TemporalBinary.bigEndian(out, b, width);
            }
            default -> throw mismatch("is of binlog type " + c.type() + ", which this server does not write");
        }
    }

    private static ValueMismatch mismatch(String why) {
        return new ValueMismatch(why);
    }

    /** An integer column's value, little-endian in {@code width} bytes, checked against its range. */
    private static void integer(ByteWriter out, BinlogColumn c, Object v, int width) {
        if (width < 8 && (v instanceof Byte || v instanceof Short || v instanceof Integer || v instanceof Long
                || v instanceof Boolean)) {
            // the common case without BigInteger: the ranges of 1 to 4 bytes fit a long
            long l = v instanceof Boolean b ? (b ? 1 : 0) : ((Number) v).longValue();
            int bits = 8 * width;
            long min = c.unsigned() ? 0 : -(1L << (bits - 1));
            long max = c.unsigned() ? (1L << bits) - 1 : (1L << (bits - 1)) - 1;
            if (l < min || l > max) throw mismatch("is outside the column's range");
            out.intLE(l, width);
            return;
        }
        if (width == 8 && !c.unsigned() && v instanceof Long l) {
            out.intLE(l, 8);
            return;
        }
        BigInteger i;
        if (v instanceof Boolean b) i = b ? BigInteger.ONE : BigInteger.ZERO;
        else if (v instanceof Byte || v instanceof Short || v instanceof Integer || v instanceof Long) {
            i = BigInteger.valueOf(((Number) v).longValue());
        } else if (v instanceof BigInteger b) i = b;
        else if (v instanceof BigDecimal d) {
            try {
                i = d.toBigIntegerExact();
            } catch (ArithmeticException e) {
                throw mismatch("is not an integer");
            }
        } else throw mismatch("is not an integer");
        int bits = 8 * width;
        BigInteger min = c.unsigned() ? BigInteger.ZERO : BigInteger.ONE.shiftLeft(bits - 1).negate();
        BigInteger max = c.unsigned() ? BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE)
                : BigInteger.ONE.shiftLeft(bits - 1).subtract(BigInteger.ONE);
        if (i.compareTo(min) < 0 || i.compareTo(max) > 0) throw mismatch("is outside the column's range");
        out.intLE(i.longValue(), width);
    }

    private static long longOf(Object v) {
        if (v instanceof Boolean b) return b ? 1 : 0;
        if (v instanceof Byte || v instanceof Short || v instanceof Integer || v instanceof Long) {
            return ((Number) v).longValue();
        }
        throw mismatch("is not an integer");
    }

    private static BigDecimal decimalOf(Object v) {
        if (v instanceof BigDecimal d) return d;
        if (v instanceof BigInteger b) return new BigDecimal(b);
        if (v instanceof Byte || v instanceof Short || v instanceof Integer || v instanceof Long) {
            return BigDecimal.valueOf(((Number) v).longValue());
        }
        throw mismatch("is not a DECIMAL");
    }

    /** Text as its bytes in the column's set (a text column), bytes as they are (a binary column). */
    private static byte[] bytesOf(BinlogColumn c, Object v) {
        if (c.text()) {
            if (v instanceof String s) {
                return c.charset() == MysqlCharset.UTF8MB4 ? s.getBytes(StandardCharsets.UTF_8) : c.charset().encode(s);
            }
            throw mismatch("is not text");
        }
        if (v instanceof byte[] b) return b;
        throw mismatch("is not binary");
    }

    /** A SET value (its members, as the column stores them) as its bits, member i bit i, little-endian. */
    private static void set(ByteWriter out, BinlogColumn c, Object v) {
        if (!(v instanceof String s)) throw mismatch("is not a list of the SET's members");
        long bits = 0;
        if (!s.isEmpty()) {
            for (String part : s.split(",", -1)) {
                int i = c.enumValues().indexOf(part);
                if (i < 0) throw mismatch("is not a list of the SET's members");
                bits |= 1L << i;
            }
        }
        int width = c.metadata() & 0xFF;
        for (int b = 0; b < width; b++) out.int1((int) (bits >>> (8 * b)) & 0xFF);
    }

    private static void enumeration(ByteWriter out, BinlogColumn c, Object v) {
        if (!(v instanceof String s)) throw mismatch("is not one of the ENUM's values");
        int index = s.isEmpty() ? 0 : c.enumValues().indexOf(s) + 1;
        if (index == 0 && !s.isEmpty()) {
            for (int i = 0; i < c.enumValues().size(); i++) {
                if (c.enumValues().get(i).equalsIgnoreCase(s)) {
                    index = i + 1;
                    break;
                }
            }
            if (index == 0) throw mismatch("is not one of the ENUM's values");
        }
        out.intLE(index, c.metadata() & 0xFF);
    }

    private static LocalDateTime dateTimeOf(Object v) {
        if (v instanceof LocalDateTime t) return t;
        if (v instanceof java.sql.Timestamp t) return t.toLocalDateTime();
        throw mismatch("is not a DATETIME");
    }

    /** MySQL's DATE and DATETIME hold years 0 to 9999. */
    private static void yearInRange(int year) {
        if (year < 0 || year > 9999) throw mismatch("is outside the range of years 0 to 9999");
    }

    /** The microseconds of {@code nanos}, which must have no more fraction digits than {@code fsp}. */
    private static int micros(int nanos, int fsp) {
        long unit = 1_000_000_000L / (long) Math.pow(10, fsp);
        if (nanos % unit != 0) throw mismatch("has more than " + fsp + " fractional digits");
        return nanos / 1000;
    }
}
