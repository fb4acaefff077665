package io.minisqld.server.binlog.rows;

import io.minisqld.server.wire.ByteWriter;

/**
 * MySQL's binary DATE, TIME2, DATETIME2 and TIMESTAMP2 (sql-common/my_time.c,
 * row-events-gtid-mts.md §A.4, §A.5.3). TIME2, DATETIME2 and TIMESTAMP2 are big-endian, with the
 * fraction in (fsp + 1) / 2 bytes: fsp 1–2 hundredths of a second in 1 byte, 3–4 ten-thousandths
 * in 2, 5–6 microseconds in 3. The values given must already have no more digits than fsp keeps.
 */
final class TemporalBinary {
    /** DATETIME2's "not negative" bit over its 40-bit integer part. */
    private static final long DATETIMEF_INT_OFS = 0x80_0000_0000L;
    /** TIME2's offsets: over its 24-bit integer part, and over the 48-bit packed value of fsp 5–6. */
    private static final long TIMEF_INT_OFS = 0x80_0000L;
    private static final long TIMEF_OFS = 0x8000_0000_0000L;

    private TemporalBinary() {
    }

    /** DATE: 3 bytes little-endian of {@code day | month << 5 | year << 9}. */
    static void date(ByteWriter out, int year, int month, int day) {
        out.int3(day | month << 5 | year << 9);
    }

    /**
     * TIME2: {@code hms = hour << 12 | minute << 6 | second}, the packed value {@code ±(hms << 24 | micros)};
     * fsp 5–6 store it plus 2^47 in 6 bytes; otherwise 3 bytes hold 2^23 plus its integer part
     * (arithmetic shift, so one lower for a negative value with a fraction) and the fraction bytes
     * hold the remainder, negative for a negative value, in two's complement (my_time.c:1654–1690).
     */
    static void time2(ByteWriter out, boolean negative, int hour, int minute, int second, int micros, int fsp) {
        long hms = (long) hour << 12 | minute << 6 | second;
        long packed = hms << 24 | micros;
        if (negative) packed = -packed;
        if (fsp >= 5) {
            bigEndian(out, packed + TIMEF_OFS, 6);
            return;
        }
        bigEndian(out, TIMEF_INT_OFS + (packed >> 24), 3);
        long fraction = packed % (1L << 24);
        if (fsp >= 3) bigEndian(out, fraction / 100, 2);
        else if (fsp >= 1) bigEndian(out, fraction / 10_000, 1);
    }

    /**
     * DATETIME2: 5 bytes of {@code 2^39 + (ymd << 17 | hms)} with {@code ymd = (year * 13 + month) << 5 | day}
     * and {@code hms = hour << 12 | minute << 6 | second}, then the fraction.
     */
    static void datetime2(ByteWriter out, int year, int month, int day, int hour, int minute, int second,
                          int micros, int fsp) {
        long ymd = ((long) year * 13 + month) << 5 | day;
        long hms = (long) hour << 12 | minute << 6 | second;
        bigEndian(out, DATETIMEF_INT_OFS + (ymd << 17 | hms), 5);
        fraction(out, micros, fsp);
    }

    /** TIMESTAMP2: 4 bytes of seconds since the epoch (UTC), then the fraction. */
    static void timestamp2(ByteWriter out, long epochSeconds, int micros, int fsp) {
        bigEndian(out, epochSeconds, 4);
        fraction(out, micros, fsp);
    }

    private static void fraction(ByteWriter out, int micros, int fsp) {
        switch (fsp) {
            case 1, 2 -> bigEndian(out, micros / 10_000, 1);
            case 3, 4 -> bigEndian(out, micros / 100, 2);
            case 5, 6 -> bigEndian(out, micros, 3);
            default -> {
                // fsp 0: no fraction bytes
            }
        }
    }

    /** The low {@code width} bytes of {@code v}, most significant first. */
    static void bigEndian(ByteWriter out, long v, int width) {
        for (int i = width - 1; i >= 0; i--) out.int1((int) (v >>> (8 * i)) & 0xFF);
    }
}
