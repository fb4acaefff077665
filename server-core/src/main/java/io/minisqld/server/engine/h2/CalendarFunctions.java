package io.minisqld.server.engine.h2;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.h2.value.Value;
import org.h2.value.ValueNull;

/**
 * MySQL 5.7's day-number, period and time-of-day functions (manual 12.7), installed as H2 aliases
 * beside {@link DateFunctions}, whose date and time readings they share: TIMEDIFF, WEEKDAY,
 * TO_DAYS, FROM_DAYS, TO_SECONDS, SEC_TO_TIME, TIME_TO_SEC, PERIOD_ADD, PERIOD_DIFF, MAKEDATE,
 * MAKETIME, CONVERT_TZ. Times are MySQL's text ('[-]hh:mm:ss[.ffffff]', hours up to 838), dates
 * 'YYYY-MM-DD'; NULL for a NULL or unreadable argument, as MySQL's.
 */
public final class CalendarFunctions {
    static final Map<String, String> BY_NAME = Map.ofEntries(Map.entry("TIMEDIFF", "timeDiff"),
            Map.entry("WEEKDAY", "weekday"), Map.entry("TO_DAYS", "toDays"), Map.entry("FROM_DAYS", "fromDays"),
            Map.entry("TO_SECONDS", "toSeconds"), Map.entry("SEC_TO_TIME", "secToTime"),
            Map.entry("TIME_TO_SEC", "timeToSec"), Map.entry("PERIOD_ADD", "periodAdd"),
            Map.entry("PERIOD_DIFF", "periodDiff"), Map.entry("MAKEDATE", "makeDate"),
            Map.entry("MAKETIME", "makeTime"), Map.entry("CONVERT_TZ", "convertTz"), Map.entry("ADDTIME", "addTime"),
            Map.entry("SUBTIME", "subTime"), Map.entry("TIMESTAMP", "timestamp"));

    /** TO_DAYS('1970-01-01'): the day number of the epoch, counted from year 0. */
    private static final long EPOCH_DAY_NUMBER = 719_528;
    /** The largest TIME, 838:59:59, in microseconds. */
    private static final long MAX_TIME_MICROS = (838L * 3600 + 59 * 60 + 59) * 1_000_000;

    private CalendarFunctions() {
    }

    /**
     * TIMEDIFF(a, b): a - b as a time, both times or both dates with times (NULL when one is
     * each); with microseconds when either has a fraction.
     */
    public static String timeDiff(Value a, Value b) {
        return timeDiff(a, b, -1);
    }

    /**
     * TIMEDIFF(a, b) with {@code digits} of fraction, the most of its arguments' types (the
     * translation knows them for columns and literals: a DATETIME(3)'s are three); -1 when not
     * known: six when either value has a fraction.
     */
    public static String timeDiff(Value a, Value b, int digits) {
        if (a == ValueNull.INSTANCE || b == ValueNull.INSTANCE) return null;
        Long x = micros(a);
        Long y = micros(b);
        boolean dates = DateFunctions.read(a) != null;
        if (x == null || y == null || dates != (DateFunctions.read(b) != null)) return null;
        return timeText(x - y, digits >= 0 ? digits : fractionDigits(a, b));
    }

    /** Six when either value has a fraction, else none (their types' digits not known). */
    private static int fractionDigits(Value a, Value b) {
        return a.getString().indexOf('.') >= 0 || b.getString().indexOf('.') >= 0 ? 6 : 0;
    }

    /** A date with a time as microseconds since the epoch, or a time as microseconds; null for neither. */
    private static Long micros(Value v) {
        LocalDateTime t = DateFunctions.read(v);
        if (t != null) return ChronoUnit.MICROS.between(LocalDateTime.of(1970, 1, 1, 0, 0), t);
        long[] p = DateFunctions.timeParts(v);
        if (p == null) return null;
        long m = ((p[0] * 60 + p[1]) * 60 + p[2]) * 1_000_000 + p[3];
        return v.getString().strip().startsWith("-") ? -m : m;
    }

    /** '[-]hh:mm:ss[.f]' of {@code micros}, within MySQL's TIME range, with {@code digits} of fraction. */
    private static String timeText(long micros, int digits) {
        long m = Math.min(Math.abs(micros), MAX_TIME_MICROS);
        long seconds = m / 1_000_000;
        String text = String.format("%s%02d:%02d:%02d", micros < 0 ? "-" : "", seconds / 3600, seconds / 60 % 60,
                seconds % 60);
        if (digits > 0) text += "." + String.format("%06d", m % 1_000_000).substring(0, Math.min(6, digits));
        return text;
    }

    /**
     * ADDTIME(expr1, expr2): the time expr2 added to expr1, a date with a time (the result is one
     * too) or a time; microseconds shown when either has a fraction.
     */
    public static String addTime(Value a, Value b) {
        return shiftTime(a, b, 1, -1);
    }

    /** ADDTIME(expr1, expr2) with {@code digits} of fraction as {@link #timeDiff(Value, Value, int)}. */
    public static String addTime(Value a, Value b, int digits) {
        return shiftTime(a, b, 1, digits);
    }

    /** SUBTIME(expr1, expr2): as {@link #addTime}, expr2 subtracted. */
    public static String subTime(Value a, Value b) {
        return shiftTime(a, b, -1, -1);
    }

    /** SUBTIME(expr1, expr2) with {@code digits} of fraction as {@link #timeDiff(Value, Value, int)}. */
    public static String subTime(Value a, Value b, int digits) {
        return shiftTime(a, b, -1, digits);
    }

    private static String shiftTime(Value a, Value b, int sign, int digits) {
        if (a == ValueNull.INSTANCE || b == ValueNull.INSTANCE || DateFunctions.read(b) != null) return null;
        Long by = micros(b);
        Long from = micros(a);
        if (by == null || from == null) return null;
        int shown = digits >= 0 ? digits : fractionDigits(a, b);
        long result = from + sign * by;
        if (DateFunctions.read(a) == null) return timeText(result, shown);
        return dateTimeText(LocalDateTime.of(1970, 1, 1, 0, 0).plus(result, ChronoUnit.MICROS), shown);
    }

    private static String dateTimeText(LocalDateTime t, int digits) {
        String text = t.toLocalDate() + " " + String.format("%02d:%02d:%02d", t.getHour(), t.getMinute(), t.getSecond());
        return digits > 0 ? text + "." + String.format("%06d", t.getNano() / 1000).substring(0, Math.min(6, digits)) : text;
    }

    /** TIMESTAMP(expr): the date or date and time as a date with a time. */
    public static String timestamp(Value v) {
        if (v == ValueNull.INSTANCE) return null;
        LocalDateTime t = DateFunctions.read(v);
        return t == null ? null : dateTimeText(t, v.getString().indexOf('.') >= 0 ? 6 : 0);
    }

    /** TIMESTAMP(expr1, expr2): the time expr2 added to the date (and time) expr1. */
    public static String timestamp(Value v, Value time) {
        if (v == ValueNull.INSTANCE || DateFunctions.read(v) == null) return null;
        return addTime(v, time);
    }

    /** WEEKDAY(date): 0 for Monday … 6 for Sunday. */
    public static Long weekday(Value date) {
        LocalDateTime t = date == ValueNull.INSTANCE ? null : DateFunctions.readArgument(date);
        return t == null ? null : (long) t.getDayOfWeek().getValue() - 1;
    }

    /** TO_DAYS(date): the days since year 0 (TO_DAYS('2007-10-07') is 733321). */
    public static Long toDays(Value date) {
        LocalDateTime t = date == ValueNull.INSTANCE ? null : DateFunctions.readArgument(date);
        return t == null ? null : t.toLocalDate().toEpochDay() + EPOCH_DAY_NUMBER;
    }

    /** FROM_DAYS(n): the date of day number n; '0000-00-00' before day 366, as MySQL's. */
    public static String fromDays(Value n) {
        if (n == ValueNull.INSTANCE) return null;
        long days = n.getLong();
        if (days < 366) return "0000-00-00";
        return LocalDate.ofEpochDay(days - EPOCH_DAY_NUMBER).toString();
    }

    /** TO_SECONDS(expr): the seconds since year 0. */
    public static Long toSeconds(Value date) {
        LocalDateTime t = date == ValueNull.INSTANCE ? null : DateFunctions.readArgument(date);
        if (t == null) return null;
        return (t.toLocalDate().toEpochDay() + EPOCH_DAY_NUMBER) * 86_400 + t.toLocalTime().toSecondOfDay();
    }

    /** SEC_TO_TIME(seconds): the time, with the argument's fraction digits (up to 6). */
    public static String secToTime(Value seconds) {
        if (seconds == ValueNull.INSTANCE) return null;
        BigDecimal s = seconds.getBigDecimal();
        int digits = Math.max(0, Math.min(6, s.scale()));
        long micros = s.movePointRight(6).setScale(0, RoundingMode.DOWN).longValue();
        return timeText(micros, digits);
    }

    /** TIME_TO_SEC(time): the seconds (with the fraction, if any). */
    public static BigDecimal timeToSec(Value time) {
        if (time == ValueNull.INSTANCE) return null;
        LocalDateTime t = DateFunctions.read(time);
        long micros;
        if (t != null) {
            micros = t.toLocalTime().toNanoOfDay() / 1000;
        } else {
            Long m = micros(time);
            if (m == null) return null;
            micros = m;
        }
        return micros % 1_000_000 == 0 ? BigDecimal.valueOf(micros / 1_000_000)
                : BigDecimal.valueOf(micros, 6).stripTrailingZeros();
    }

    /** PERIOD_ADD(P, N): N months added to the period P (YYMM or YYYYMM), as YYYYMM. */
    public static Long periodAdd(Value period, Value months) {
        if (period == ValueNull.INSTANCE || months == ValueNull.INSTANCE) return null;
        long p = period.getLong();
        if (p == 0) return 0L;
        long m = monthsOf(p) + months.getLong();
        return m / 12 * 100 + m % 12 + 1;
    }

    /** PERIOD_DIFF(P1, P2): the months from P2 to P1. */
    public static Long periodDiff(Value p1, Value p2) {
        if (p1 == ValueNull.INSTANCE || p2 == ValueNull.INSTANCE) return null;
        return monthsOf(p1.getLong()) - monthsOf(p2.getLong());
    }

    /** A period's months since year 0 (a two-digit year is 2000-2069 or 1970-1999). */
    private static long monthsOf(long period) {
        long year = period / 100;
        if (year < 100) year += year < 70 ? 2000 : 1900;
        return year * 12 + period % 100 - 1;
    }

    /** MAKEDATE(year, dayofyear): the date; NULL for a day of the year below 1. */
    public static String makeDate(Value year, Value day) {
        if (year == ValueNull.INSTANCE || day == ValueNull.INSTANCE) return null;
        long y = year.getLong();
        long d = day.getLong();
        if (d < 1 || y < 0 || y > 9999) return null;
        if (y < 100) y += y < 70 ? 2000 : 1900;
        LocalDate date = LocalDate.of((int) y, 1, 1).plusDays(d - 1);
        return date.getYear() > 9999 ? null : date.toString();
    }

    /** MAKETIME(hour, minute, second): the time; NULL for a minute or second outside 0 … 59. */
    public static String makeTime(Value hour, Value minute, Value second) {
        if (hour == ValueNull.INSTANCE || minute == ValueNull.INSTANCE || second == ValueNull.INSTANCE) return null;
        long h = hour.getLong();
        long m = minute.getLong();
        BigDecimal s = second.getBigDecimal();
        if (m < 0 || m > 59 || s.signum() < 0 || s.compareTo(BigDecimal.valueOf(60)) >= 0) return null;
        long micros = ((Math.abs(h) * 60 + m) * 60) * 1_000_000 + s.movePointRight(6).setScale(0, RoundingMode.DOWN).longValue();
        return timeText(h < 0 ? -micros : micros, Math.max(0, Math.min(6, s.scale())));
    }

    /**
     * CONVERT_TZ(dt, from, to): dt moved from one offset ('+hh:mm', or SYSTEM, the server's zone)
     * to another; NULL for a named zone, as MySQL gives without its time zone tables.
     */
    public static String convertTz(Value dt, Value from, Value to) {
        if (dt == ValueNull.INSTANCE || from == ValueNull.INSTANCE || to == ValueNull.INSTANCE) return null;
        LocalDateTime t = DateFunctions.read(dt);
        ZoneId f = zone(from.getString());
        ZoneId z = zone(to.getString());
        if (t == null || f == null || z == null) return null;
        LocalDateTime moved = t.atZone(f).withZoneSameInstant(z).toLocalDateTime();
        String text = moved.toLocalDate() + " " + String.format("%02d:%02d:%02d", moved.getHour(), moved.getMinute(),
                moved.getSecond());
        String source = dt.getString();
        int dot = source.indexOf('.');
        return dot < 0 ? text : text + "." + String.format("%06d", moved.getNano() / 1000)
                .substring(0, Math.min(6, source.length() - dot - 1));
    }

    private static ZoneId zone(String name) {
        String n = name.strip();
        if (n.equalsIgnoreCase("SYSTEM")) return ZoneId.systemDefault();
        if (!n.matches("[+-]\\d{1,2}:\\d{2}")) return null;
        try {
            return ZoneOffset.of(n.length() == 5 ? n.charAt(0) + "0" + n.substring(1) : n);
        } catch (RuntimeException outOfRange) {
            return null;
        }
    }
}
