package io.minisqld.server.engine.h2;

import java.math.BigDecimal;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.TextStyle;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.util.Locale;
import java.util.Map;
import org.h2.value.Value;
import org.h2.value.ValueInteger;
import org.h2.value.ValueNull;

/**
 * MySQL's DATE_FORMAT, DATE_ADD and DATE_SUB (with {@code INTERVAL expr unit}, which the
 * translation passes as a value and the unit's name), installed as H2 aliases. A date argument may
 * be a DATE, a DATETIME / TIMESTAMP or text in MySQL's form; the result is MySQL's text (a DATE
 * stays a date for day-based units), NULL for a NULL or unreadable argument, as in MySQL.
 */
public final class DateFunctions {
    static final Map<String, String> BY_NAME = Map.ofEntries(Map.entry("DATE_FORMAT", "dateFormat"),
            Map.entry("DATE_ADD", "dateAdd"), Map.entry("DATE_SUB", "dateSub"), Map.entry("ADDDATE", "dateAdd"),
            Map.entry("SUBDATE", "dateSub"), Map.entry("STR_TO_DATE", "strToDate"), Map.entry("HOUR", "hour"),
            Map.entry("MINUTE", "minute"), Map.entry("SECOND", "second"), Map.entry("MICROSECOND", "microsecond"),
            Map.entry("WEEK", "week"), Map.entry("YEARWEEK", "yearWeek"), Map.entry("WEEKOFYEAR", "weekOfYear"),
            Map.entry("DATEDIFF", "dateDiff"), Map.entry("TIMESTAMPDIFF", "timestampDiff"),
            Map.entry("EXTRACT", "extract"), Map.entry("TIME", "time"), Map.entry("TIMESTAMPADD", "timestampAdd"),
            Map.entry("TIME_FORMAT", "timeFormat"), Map.entry("FROM_UNIXTIME", "fromUnixtime"),
            Map.entry("UNIX_TIMESTAMP", "unixTimestamp"));

    /** TIMESTAMPDIFF's units (also spelt with SQL_TSI_ before them). */
    static final java.util.Set<String> DIFF_UNITS = java.util.Set.of("MICROSECOND", "SECOND", "MINUTE", "HOUR",
            "DAY", "WEEK", "MONTH", "QUARTER", "YEAR");

    /** EXTRACT's units that the engine's own EXTRACT does not give as MySQL's: WEEK and the compound ones. */
    static final java.util.Set<String> EXTRACT_UNITS = java.util.Set.of("WEEK", "YEAR_MONTH", "DAY_HOUR",
            "DAY_MINUTE", "DAY_SECOND", "DAY_MICROSECOND", "HOUR_MINUTE", "HOUR_SECOND", "HOUR_MICROSECOND",
            "MINUTE_SECOND", "MINUTE_MICROSECOND", "SECOND_MICROSECOND");
    /** The single units, the server's for a string literal ({@code EXTRACT(HOUR FROM '10:20:30')}). */
    static final java.util.Set<String> SIMPLE_EXTRACT_UNITS = java.util.Set.of("MICROSECOND", "SECOND", "MINUTE",
            "HOUR", "DAY", "MONTH", "QUARTER", "YEAR");

    /** The functions whose arguments are no INTERVAL. */
    static boolean takesInterval(String name) {
        return name.equals("DATE_ADD") || name.equals("DATE_SUB") || name.equals("ADDDATE") || name.equals("SUBDATE");
    }

    private static final java.util.regex.Pattern TIME = java.util.regex.Pattern.compile(
            "-?(\\d+):(\\d{1,2})(?::(\\d{1,2})(?:\\.(\\d{1,6})\\d*)?)?");
    private static final java.util.regex.Pattern DATETIME = java.util.regex.Pattern.compile(
            "\\d{2,4}-\\d{1,2}-\\d{1,2}(?:[ T](\\d{1,2}):(\\d{1,2}):(\\d{1,2})(?:\\.(\\d{1,6})\\d*)?)?");
    private static final java.util.regex.Pattern HHMMSS = java.util.regex.Pattern.compile("-?(\\d{1,7})(?:\\.(\\d{1,6})\\d*)?");

    /**
     * A TIME, DATETIME or DATE (or text or a number in one of MySQL's forms: 'h:m[:s[.f]]',
     * 'YYYY-MM-DD[ h:m:s[.f]]', hhmmss) as {hours, minutes, seconds, microseconds}, unsigned; null
     * when it is none of them. A TIME's hours may pass 23, as MySQL's.
     */
    /** A TIME with days before it: 'D hh:mm[:ss[.f]]', D × 24 hours more. */
    private static final java.util.regex.Pattern DAYS_TIME = java.util.regex.Pattern.compile(
            "-?(\\d+) (\\d{1,2}):(\\d{1,2})(?::(\\d{1,2})(?:\\.(\\d{1,6})\\d*)?)?");

    static long[] timeParts(Value v) {
        if (v == ValueNull.INSTANCE) return null;
        String s = v.getString().strip();
        java.util.regex.Matcher d = DAYS_TIME.matcher(s);
        if (d.matches()) {
            long[] p = parts(d.group(2), d.group(3), d.group(4), d.group(5));
            if (p != null) p[0] += Long.parseLong(d.group(1)) * 24;
            return p;
        }
        java.util.regex.Matcher m = TIME.matcher(s);
        if (m.matches()) return parts(m.group(1), m.group(2), m.group(3), m.group(4));
        m = DATETIME.matcher(s);
        if (m.matches()) return m.group(1) == null ? new long[4] : parts(m.group(1), m.group(2), m.group(3), m.group(4));
        m = HHMMSS.matcher(s);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            long[] p = {n / 10000, n / 100 % 100, n % 100, 0};
            if (p[1] > 59 || p[2] > 59) return null;
            if (m.group(2) != null) p[3] = Long.parseLong((m.group(2) + "00000").substring(0, 6));
            return p;
        }
        return null;
    }

    private static long[] parts(String h, String m, String s, String frac) {
        long[] p = {Long.parseLong(h), Long.parseLong(m), s == null ? 0 : Long.parseLong(s),
                frac == null ? 0 : Long.parseLong((frac + "00000").substring(0, 6))};
        return p[1] > 59 || p[2] > 59 ? null : p;
    }

    /**
     * TIME(expr): the time of day of a DATETIME (with its fraction) or a TIME's value, as text
     * 'hh:mm:ss[.ffffff]'; NULL for what is no time.
     */
    public static String time(Value v) {
        if (v == ValueNull.INSTANCE) return null;
        String s = v.getString().strip();
        // digits alone are a time (hhmmss) here, a date elsewhere
        LocalDateTime t = s.chars().allMatch(Character::isDigit) ? null : read(v);
        if (t != null) return s.length() > 10 ? s.substring(11) : "00:00:00";
        long[] p = timeParts(v);
        if (p == null) return null;
        if (s.indexOf(':') >= 0) return s;
        // hhmmss[.f]
        String hms = String.format("%s%02d:%02d:%02d", s.startsWith("-") ? "-" : "", p[0], p[1], p[2]);
        int dot = s.indexOf('.');
        return dot < 0 ? hms : hms + s.substring(dot);
    }

    /** HOUR(time): a TIME's hours (past 23 too), a DATETIME's hour; NULL for what is no time. */
    public static Long hour(Value v) {
        long[] p = timeParts(v);
        return p == null ? null : p[0];
    }

    public static Long minute(Value v) {
        long[] p = timeParts(v);
        return p == null ? null : p[1];
    }

    public static Long second(Value v) {
        long[] p = timeParts(v);
        return p == null ? null : p[2];
    }

    public static Long microsecond(Value v) {
        long[] p = timeParts(v);
        return p == null ? null : p[3];
    }

    private DateFunctions() {
    }

    /** DATE_FORMAT(date, format) with MySQL's % specifiers. */
    public static String dateFormat(Value date, Value format) {
        if (date == ValueNull.INSTANCE || format == ValueNull.INSTANCE) return null;
        LocalDateTime t = readArgument(date);
        if (t == null) return null;
        String f = format.getString();
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < f.length(); i++) {
            char c = f.charAt(i);
            if (c != '%' || i + 1 >= f.length()) {
                out.append(c);
                continue;
            }
            char s = f.charAt(++i);
            int hour12 = t.getHour() % 12 == 0 ? 12 : t.getHour() % 12;
            switch (s) {
                case 'a' -> out.append(t.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH));
                case 'b' -> out.append(t.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH));
                case 'c' -> out.append(t.getMonthValue());
                case 'D' -> out.append(t.getDayOfMonth()).append(suffix(t.getDayOfMonth()));
                case 'd' -> out.append(two(t.getDayOfMonth()));
                case 'e' -> out.append(t.getDayOfMonth());
                case 'f' -> out.append(String.format("%06d", t.getNano() / 1000));
                case 'H' -> out.append(two(t.getHour()));
                case 'h', 'I' -> out.append(two(hour12));
                case 'i' -> out.append(two(t.getMinute()));
                case 'j' -> out.append(String.format("%03d", t.getDayOfYear()));
                case 'k' -> out.append(t.getHour());
                case 'l' -> out.append(hour12);
                case 'M' -> out.append(t.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH));
                case 'm' -> out.append(two(t.getMonthValue()));
                case 'p' -> out.append(t.getHour() < 12 ? "AM" : "PM");
                case 'r' -> out.append(two(hour12)).append(':').append(two(t.getMinute())).append(':')
                        .append(two(t.getSecond())).append(t.getHour() < 12 ? " AM" : " PM");
                case 'S', 's' -> out.append(two(t.getSecond()));
                case 'T' -> out.append(two(t.getHour())).append(':').append(two(t.getMinute())).append(':')
                        .append(two(t.getSecond()));
                case 'u' -> out.append(two(weekMode1(t.toLocalDate())));
                case 'U' -> out.append(two(sundayWeek(t.toLocalDate(), t.getYear())));
                case 'V' -> out.append(two(sundayWeekOfItsYear(t.toLocalDate())[1]));
                case 'X' -> out.append(String.format("%04d", sundayWeekOfItsYear(t.toLocalDate())[0]));
                case 'v' -> out.append(two(t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR)));
                case 'x' -> out.append(t.get(IsoFields.WEEK_BASED_YEAR));
                case 'W' -> out.append(t.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH));
                case 'w' -> out.append(t.getDayOfWeek().getValue() % 7);
                case 'Y' -> out.append(String.format("%04d", t.getYear()));
                case 'y' -> out.append(two(t.getYear() % 100));
                default -> out.append(s); // %% and unknown specifiers: the character itself
            }
        }
        return out.toString();
    }

    private static final java.util.regex.Pattern TIME_TEXT = java.util.regex.Pattern.compile(
            "(?:\\d{4}-\\d{1,2}-\\d{1,2}[ T])?(-)?(\\d+):(\\d{1,2})(?::(\\d{1,2})(?:\\.(\\d{1,6})\\d*)?)?");

    /**
     * TIME_FORMAT(time, format): DATE_FORMAT's hour, minute, second and microsecond specifiers
     * (%H %k %h %I %l %i %S %s %f %p %r %T; %H and %k past 23 for a long TIME; a negative time's
     * sign once, first), %% a percent sign;
     * a date's specifier makes the result NULL, as MySQL's; NULL for a value that is no time.
     */
    public static String timeFormat(Value time, Value format) {
        if (time == ValueNull.INSTANCE || format == ValueNull.INSTANCE) return null;
        java.util.regex.Matcher m = TIME_TEXT.matcher(time.getString().strip());
        if (!m.matches()) return null;
        String sign = m.group(1) == null ? "" : "-";
        long hour = Long.parseLong(m.group(2));
        int minute = Integer.parseInt(m.group(3));
        int second = m.group(4) == null ? 0 : Integer.parseInt(m.group(4));
        String micros = m.group(5) == null ? "000000" : (m.group(5) + "00000").substring(0, 6);
        int hour12 = hour % 12 == 0 ? 12 : (int) (hour % 12);
        String f = format.getString();
        // a negative time's sign comes once, first
        StringBuilder out = new StringBuilder(sign);
        for (int i = 0; i < f.length(); i++) {
            char c = f.charAt(i);
            if (c != '%' || i + 1 >= f.length()) {
                out.append(c);
                continue;
            }
            char spec = f.charAt(++i);
            String ampm = hour % 24 < 12 ? "AM" : "PM";
            switch (spec) {
                case 'H' -> out.append(hour < 10 ? "0" + hour : Long.toString(hour));
                case 'k' -> out.append(hour);
                case 'h', 'I' -> out.append(two(hour12));
                case 'l' -> out.append(hour12);
                case 'i' -> out.append(two(minute));
                case 'S', 's' -> out.append(two(second));
                case 'f' -> out.append(micros);
                case 'p' -> out.append(ampm);
                case 'r' -> out.append(two(hour12)).append(':').append(two(minute)).append(':').append(two(second))
                        .append(' ').append(ampm);
                case 'T' -> out.append(hour < 10 ? "0" + hour : Long.toString(hour)).append(':')
                        .append(two(minute)).append(':').append(two(second));
                case 'a', 'b', 'c', 'D', 'd', 'e', 'j', 'M', 'm', 'U', 'u', 'V', 'v', 'W', 'w', 'X', 'x', 'Y', 'y' -> {
                    return null;
                }
                default -> out.append(spec);
            }
        }
        return out.toString();
    }

    /**
     * STR_TO_DATE(str, format): the date, time or datetime the format's specifiers read from str
     * (what follows the format's end is ignored), in MySQL's text; NULL when str does not match or
     * names a date that does not exist. Parts the format does not name are 0.
     */
    public static String strToDate(Value str, Value format) {
        if (str == ValueNull.INSTANCE || format == ValueNull.INSTANCE) return null;
        String in = str.getString();
        // %T and %r are %H:%i:%s and %h:%i:%s %p
        String f = format.getString().replace("%T", "%H:%i:%s").replace("%r", "%h:%i:%s %p");
        int[] v = new int[7]; // year, month, day, hour, minute, second, micros
        boolean date = false;
        boolean time = false;
        boolean pm = false;
        boolean twelve = false;
        int[] pos = {0};
        for (int i = 0; i < f.length(); i++) {
            char c = f.charAt(i);
            if (c != '%' || i + 1 >= f.length()) {
                if (Character.isWhitespace(c)) {
                    while (pos[0] < in.length() && Character.isWhitespace(in.charAt(pos[0]))) pos[0]++;
                    continue;
                }
                if (pos[0] >= in.length() || in.charAt(pos[0]) != c) return null;
                pos[0]++;
                continue;
            }
            char spec = f.charAt(++i);
            Integer n;
            switch (spec) {
                case 'Y' -> { n = digits(in, pos, 4); date = true; if (n == null) return null; v[0] = n; }
                case 'y' -> { n = digits(in, pos, 2); date = true; if (n == null) return null; v[0] = n < 70 ? 2000 + n : 1900 + n; }
                case 'm', 'c' -> { n = digits(in, pos, 2); date = true; if (n == null) return null; v[1] = n; }
                case 'd', 'e' -> { n = digits(in, pos, 2); date = true; if (n == null) return null; v[2] = n; }
                case 'H', 'k' -> { n = digits(in, pos, 2); time = true; if (n == null) return null; v[3] = n; }
                case 'h', 'I', 'l' -> { n = digits(in, pos, 2); time = true; twelve = true; if (n == null) return null; v[3] = n; }
                case 'i' -> { n = digits(in, pos, 2); time = true; if (n == null) return null; v[4] = n; }
                case 's', 'S' -> { n = digits(in, pos, 2); time = true; if (n == null) return null; v[5] = n; }
                case 'f' -> {
                    while (pos[0] < in.length() && Character.isWhitespace(in.charAt(pos[0]))) pos[0]++;
                    int start = pos[0];
                    n = digits(in, pos, 6);
                    if (n == null) return null;
                    v[6] = n * (int) Math.pow(10, 6 - (pos[0] - start));
                    time = true;
                }
                case 'p' -> {
                    String rest = in.substring(pos[0]).toUpperCase(Locale.ROOT);
                    if (!rest.startsWith("AM") && !rest.startsWith("PM")) return null;
                    pm = rest.startsWith("PM");
                    pos[0] += 2;
                }
                case 'M', 'b' -> {
                    int month = monthName(in, pos, spec == 'b');
                    if (month == 0) return null;
                    v[1] = month;
                    date = true;
                }
                case '%' -> {
                    if (pos[0] >= in.length() || in.charAt(pos[0]) != '%') return null;
                    pos[0]++;
                }
                default -> throw new IllegalArgumentException("STR_TO_DATE specifier %" + spec + " is not supported yet");
            }
        }
        if (twelve) {
            if (v[3] < 1 || v[3] > 12) return null;
            v[3] = v[3] % 12 + (pm ? 12 : 0);
        }
        if (v[3] > 23 || v[4] > 59 || v[5] > 59) return null;
        if (v[1] > 12 || v[2] > 31) return null;
        if (v[0] != 0 && v[1] != 0 && v[2] != 0) {
            try {
                LocalDate.of(v[0], v[1], v[2]);
            } catch (java.time.DateTimeException e) {
                return null;
            }
        }
        String d = String.format("%04d-%02d-%02d", v[0], v[1], v[2]);
        String t = String.format("%02d:%02d:%02d", v[3], v[4], v[5]) + (v[6] != 0 ? String.format(".%06d", v[6]) : "");
        if (date && time) return d + " " + t;
        return time && !date ? t : d;
    }

    /** Up to {@code max} digits at {@code pos}, blanks before them skipped (as MySQL does); null when there is none. */
    private static Integer digits(String in, int[] pos, int max) {
        while (pos[0] < in.length() && Character.isWhitespace(in.charAt(pos[0]))) pos[0]++;
        int start = pos[0];
        while (pos[0] < in.length() && pos[0] - start < max && Character.isDigit(in.charAt(pos[0]))) pos[0]++;
        return pos[0] == start ? null : Integer.parseInt(in.substring(start, pos[0]));
    }

    /** A month's English name (full, or its three letters) at {@code pos}: 1 … 12, 0 for none. */
    private static int monthName(String in, int[] pos, boolean abbreviated) {
        for (java.time.Month m : java.time.Month.values()) {
            String name = m.getDisplayName(abbreviated ? TextStyle.SHORT : TextStyle.FULL, Locale.ENGLISH);
            if (in.regionMatches(true, pos[0], name, 0, name.length())) {
                pos[0] += name.length();
                return m.getValue();
            }
        }
        return 0;
    }

    /** DATE_ADD(date, INTERVAL n unit), passed as (date, n, 'unit'). */
    public static String dateAdd(Value date, Value amount, String unit) {
        return add(date, amount, unit, false, -1);
    }

    /**
     * DATE_ADD(column, INTERVAL n unit) of a DATETIME(d), TIMESTAMP(d) or TIME(d) column, passed as
     * (column, n, 'unit', d): the result has the column's d fractional digits (or the interval's, if
     * more), as MySQL's, which its values do not carry.
     */
    public static String dateAdd(Value date, Value amount, String unit, int digits) {
        return add(date, amount, unit, false, digits);
    }

    /**
     * TIMESTAMPADD(unit, n, date): DATE_ADD(date, INTERVAL n unit), rendered as MySQL's (a DATE
     * stays a date for day-based units; the engine's gave nine digits of fraction).
     */
    public static String timestampAdd(String unit, Value amount, Value date) {
        return add(date, amount, unit, false, -1);
    }

    /** DATE_SUB(date, INTERVAL n unit), passed as (date, n, 'unit'). */
    public static String dateSub(Value date, Value amount, String unit) {
        return add(date, amount, unit, true, -1);
    }

    /** DATE_SUB of a column with d fractional digits, as {@link #dateAdd(Value, Value, String, int)}. */
    public static String dateSub(Value date, Value amount, String unit, int digits) {
        return add(date, amount, unit, true, digits);
    }

    private static final java.util.regex.Pattern TEMPORAL_TYPE = java.util.regex.Pattern.compile(
            "(?:datetime|timestamp|time)(?:\\((\\d)\\))?");

    /**
     * A column's name → its fractional digits when it is a DATETIME, TIMESTAMP or TIME (0 for one
     * written without), else null; the statement's tables are described once, when first asked.
     */
    static java.util.function.Function<String, Integer> columnDigits(java.util.List<io.minisqld.server.sql.Token> all,
            java.util.List<Integer> sig, java.util.function.BiFunction<String, String, io.minisqld.server.engine.TableInfo> describe) {
        @SuppressWarnings("unchecked")
        Map<String, String>[] types = new Map[1];
        return name -> {
            if (types[0] == null) types[0] = JsonCalls.columnTypes(all, sig, describe);
            String type = types[0].get(name.toLowerCase(Locale.ROOT));
            java.util.regex.Matcher m = type == null ? null : TEMPORAL_TYPE.matcher(type);
            if (m == null || !m.matches()) return null;
            return m.group(1) == null ? 0 : Integer.parseInt(m.group(1));
        };
    }

    /** The units of days, months and years: a DATE plus one of them is a DATE. */
    private static final java.util.Set<String> DAY_UNITS = java.util.Set.of("DAY", "WEEK", "MONTH", "QUARTER", "YEAR",
            "YEAR_MONTH");

    /**
     * date ± INTERVAL amount unit, as MySQL 5.7's Item_date_add_interval: a TIME stays a TIME (its
     * hours may pass 23; NULL for units of months and years), a DATE plus whole days stays a DATE,
     * anything else is a DATETIME with the date's fractional digits ({@code digits}, or, unknown
     * (-1), six when it has a fraction) or the interval's if more (a SECOND amount's own, up to six;
     * six for the MICROSECOND units).
     */
    private static String add(Value date, Value amount, String unit, boolean subtract, int digits) {
        try {
            return addOrOverflow(date, amount, unit, subtract, digits);
        } catch (ArithmeticException | java.time.DateTimeException overflow) {
            // past the years a date holds: NULL with MySQL's warning 1441
            RuntimeWarnings.warn(io.minisqld.server.error.ErrorCode.ER_DATETIME_FUNCTION_OVERFLOW.error(
                    date.getValueType() == Value.TIME ? "time" : "datetime"));
            return null;
        }
    }

    private static String addOrOverflow(Value date, Value amount, String unit, boolean subtract, int digits) {
        if (date == ValueNull.INSTANCE || amount == ValueNull.INSTANCE) return null;
        String u = unit.toUpperCase(Locale.ROOT);
        Interval interval = Interval.of(amount, u, subtract);
        if (interval == null) return null;
        if (date.getValueType() == Value.TIME) {
            if (interval.months != 0) return null;
            long[] p = timeParts(date);
            if (p == null) return null;
            long micros = Math.addExact((((p[0] * 60 + p[1]) * 60 + p[2]) * 1_000_000 + p[3])
                    * (date.getString().startsWith("-") ? -1 : 1), interval.micros);
            int own = digits >= 0 ? digits : p[3] != 0 ? 6 : 0;
            int shown = Math.max(own, interval.digits);
            return timeText(micros, shown);
        }
        LocalDateTime t = read(date);
        if (t == null) return null;
        LocalDateTime r = t.plusMonths(interval.months).plus(interval.micros, ChronoUnit.MICROS);
        if (r.getYear() < 0 || r.getYear() > 9999) throw new ArithmeticException("past year 9999");
        if (isDateOnly(date) && DAY_UNITS.contains(u)) return r.toLocalDate().toString();
        String text = r.toLocalDate() + " " + two(r.getHour()) + ":" + two(r.getMinute()) + ":" + two(r.getSecond());
        int own = digits >= 0 ? digits : !isDateOnly(date) && t.getNano() != 0 ? 6 : 0;
        int shown = Math.max(own, interval.digits);
        return shown == 0 ? text : text + "." + String.format("%06d", r.getNano() / 1000).substring(0, shown);
    }

    /** A TIME of {@code micros} microseconds as MySQL prints it, with {@code digits} fractional digits. */
    private static String timeText(long micros, int digits) {
        String sign = micros < 0 ? "-" : "";
        long m = Math.abs(micros);
        long seconds = m / 1_000_000;
        String text = sign + two((int) (seconds / 3600)) + ":" + two((int) (seconds / 60 % 60)) + ":" + two((int) (seconds % 60));
        return digits == 0 ? text : text + "." + String.format("%06d", m % 1_000_000).substring(0, digits);
    }

    /**
     * An INTERVAL's amount in one unit, as months and microseconds, with the fractional digits it
     * gives a result (MySQL's get_interval_value): a simple unit takes a whole number (a number's
     * rounded, text's cut), SECOND its fraction too (to microseconds); a compound unit's parts are
     * read from text ('1 2:30:15.5'), missing leading parts being 0, a MICROSECOND part scaled to
     * six digits ('1.5' SECOND_MICROSECOND is 1.5 seconds).
     */
    private record Interval(long months, long micros, int digits) {
        static Interval of(Value amount, String unit, boolean subtract) {
            String text = amount.getString().strip();
            boolean negative = text.startsWith("-") ^ subtract;
            long sign = negative ? -1 : 1;
            boolean number = amount.getValueType() != Value.VARCHAR && amount.getValueType() != Value.CHAR
                    && amount.getValueType() != Value.VARCHAR_IGNORECASE;
            if (!unit.contains("_")) {
                BigDecimal n;
                try {
                    n = new BigDecimal(text).abs();
                } catch (NumberFormatException e) {
                    n = BigDecimal.valueOf(Math.abs(StringOperands.leadingNumber(text)));
                }
                if (unit.equals("SECOND")) {
                    int digits = Math.min(6, Math.max(0, n.scale()));
                    long micros = n.movePointRight(6).setScale(0, java.math.RoundingMode.DOWN).longValueExact();
                    return new Interval(0, sign * micros, number ? digits : n.scale() > 0 ? 6 : 0);
                }
                long whole = n.setScale(0, number ? java.math.RoundingMode.HALF_UP : java.math.RoundingMode.DOWN)
                        .longValueExact();
                return switch (unit) {
                    case "MICROSECOND" -> new Interval(0, sign * whole, 6);
                    case "MINUTE" -> new Interval(0, Math.multiplyExact(sign * whole, 60_000_000L), 0);
                    case "HOUR" -> new Interval(0, Math.multiplyExact(sign * whole, 3_600_000_000L), 0);
                    case "DAY" -> new Interval(0, Math.multiplyExact(sign * whole, 86_400_000_000L), 0);
                    case "WEEK" -> new Interval(0, Math.multiplyExact(sign * whole, 7 * 86_400_000_000L), 0);
                    case "MONTH" -> new Interval(sign * whole, 0, 0);
                    case "QUARTER" -> new Interval(Math.multiplyExact(sign * whole, 3L), 0, 0);
                    case "YEAR" -> new Interval(Math.multiplyExact(sign * whole, 12L), 0, 0);
                    default -> throw new IllegalArgumentException("INTERVAL unit " + unit + " is not supported yet");
                };
            }
            String[] split = java.util.Arrays.stream(text.split("[^0-9]+")).filter(p -> !p.isEmpty())
                    .toArray(String[]::new);
            long[] n = new long[split.length];
            for (int i = 0; i < split.length; i++) {
                try {
                    n[i] = Long.parseLong(split[i]);
                } catch (NumberFormatException e) {
                    return null;
                }
            }
            if (unit.endsWith("_MICROSECOND") && split.length > 0) {
                String f = split[split.length - 1];
                n[n.length - 1] = f.length() >= 6 ? Long.parseLong(f.substring(0, 6))
                        : n[n.length - 1] * (long) Math.pow(10, 6 - f.length());
            }
            long s = 1_000_000L;
            long micros = switch (unit) {
                case "YEAR_MONTH" -> 0;
                case "DAY_HOUR" -> (last(n, 2, 0) * 24 + last(n, 2, 1)) * 3600 * s;
                case "HOUR_MINUTE" -> (last(n, 2, 0) * 60 + last(n, 2, 1)) * 60 * s;
                case "MINUTE_SECOND" -> (last(n, 2, 0) * 60 + last(n, 2, 1)) * s;
                case "HOUR_SECOND" -> ((last(n, 3, 0) * 60 + last(n, 3, 1)) * 60 + last(n, 3, 2)) * s;
                case "DAY_MINUTE" -> ((last(n, 3, 0) * 24 + last(n, 3, 1)) * 60 + last(n, 3, 2)) * 60 * s;
                case "DAY_SECOND" -> (((last(n, 4, 0) * 24 + last(n, 4, 1)) * 60 + last(n, 4, 2)) * 60 + last(n, 4, 3)) * s;
                case "SECOND_MICROSECOND" -> last(n, 2, 0) * s + last(n, 2, 1);
                case "MINUTE_MICROSECOND" -> (last(n, 3, 0) * 60 + last(n, 3, 1)) * s + last(n, 3, 2);
                case "HOUR_MICROSECOND" -> ((last(n, 4, 0) * 60 + last(n, 4, 1)) * 60 + last(n, 4, 2)) * s + last(n, 4, 3);
                case "DAY_MICROSECOND" -> (((last(n, 5, 0) * 24 + last(n, 5, 1)) * 60 + last(n, 5, 2)) * 60
                        + last(n, 5, 3)) * s + last(n, 5, 4);
                default -> throw new IllegalArgumentException("INTERVAL unit " + unit + " is not supported yet");
            };
            long months = unit.equals("YEAR_MONTH") ? last(n, 2, 0) * 12 + last(n, 2, 1) : 0;
            return new Interval(sign * months, sign * micros, unit.endsWith("_MICROSECOND") ? 6 : 0);
        }
    }

    /** Part {@code i} of a composite interval of {@code size} parts, missing leading parts being 0. */
    private static long last(long[] n, int size, int i) {
        int offset = size - n.length;
        return i - offset < 0 ? 0 : n[i - offset];
    }

    private static boolean isDateOnly(Value v) {
        if (v.getValueType() == Value.DATE) return true;
        if (v.getValueType() == Value.TIMESTAMP || v.getValueType() == Value.TIMESTAMP_TZ) return false;
        return v.getString().strip().length() <= 10;
    }

    /** MySQL 5.7's last second of UNIX_TIMESTAMP and FROM_UNIXTIME (2038-01-19 03:14:07 UTC). */
    private static final long LAST_UNIX_SECOND = 2147483647L;

    /**
     * FROM_UNIXTIME(n): the DATETIME of n seconds since 1970 in the server's time zone, with n's
     * fractional digits (up to six; a DOUBLE's six): {@code FROM_UNIXTIME(1704067200.5)} is
     * '2024-01-01 00:00:00.5' where the engine's rounded it to a whole second. NULL before 1970
     * and after 2038-01-19 03:14:07 UTC, as MySQL 5.7's.
     */
    public static String fromUnixtime(Value n) {
        if (n == ValueNull.INSTANCE) return null;
        int type = n.getValueType();
        boolean approximate = type == Value.DOUBLE || type == Value.REAL || type == Value.DECFLOAT;
        BigDecimal v;
        try {
            v = approximate ? BigDecimal.valueOf(n.getDouble()) : n.getBigDecimal();
        } catch (RuntimeException notANumber) {
            v = BigDecimal.valueOf(StringOperands.leadingNumber(n.getString()));
            approximate = true;
        }
        int digits = approximate ? 6 : Math.min(6, Math.max(0, v.scale()));
        v = v.setScale(digits, java.math.RoundingMode.DOWN);
        if (v.signum() < 0 || v.compareTo(BigDecimal.valueOf(LAST_UNIX_SECOND)) > 0) return null;
        long seconds = v.longValue();
        int nanos = v.subtract(BigDecimal.valueOf(seconds)).movePointRight(9).intValue();
        LocalDateTime t = LocalDateTime.ofInstant(java.time.Instant.ofEpochSecond(seconds, nanos),
                java.time.ZoneId.systemDefault());
        String text = t.toLocalDate() + " " + String.format("%02d:%02d:%02d", t.getHour(), t.getMinute(), t.getSecond());
        if (digits == 0) return text;
        return text + "." + String.format("%09d", nanos).substring(0, digits);
    }

    /**
     * UNIX_TIMESTAMP(date): its seconds since 1970 in the server's time zone, with its fractional
     * digits (a DATETIME(3) column's three, a literal's as written): '2024-01-01 00:00:00.25' is
     * 1704067200.25 where the engine dropped the fraction. 0 before 1970, after 2038-01-19
     * 03:14:07 UTC and for what is no date, as MySQL 5.7's. (UNIX_TIMESTAMP() is the session's clock.)
     */
    public static BigDecimal unixTimestamp(Value date) {
        if (date == ValueNull.INSTANCE) return null;
        LocalDateTime t;
        int digits;
        int type = date.getValueType();
        if (type == Value.TIMESTAMP || type == Value.TIMESTAMP_TZ || type == Value.DATE) {
            t = read(date);
            // the digits the value has (a column's own count comes as the second argument)
            digits = t == null ? 0 : Math.max(0, BigDecimal.valueOf(t.getNano() / 1000, 6).stripTrailingZeros().scale());
        } else if (isNumeric(date)) {
            t = fromNumber(date);
            digits = Math.min(6, Math.max(0, date.getBigDecimal().scale()));
        } else {
            String text = date.getString().strip();
            t = read(date);
            int dot = text.lastIndexOf('.');
            digits = dot > 10 ? Math.min(6, text.length() - dot - 1) : 0;
        }
        if (t == null) return BigDecimal.ZERO;
        java.time.Instant instant = t.atZone(java.time.ZoneId.systemDefault()).toInstant();
        if (instant.getEpochSecond() < 0 || instant.getEpochSecond() > LAST_UNIX_SECOND) return BigDecimal.ZERO;
        BigDecimal seconds = BigDecimal.valueOf(instant.getEpochSecond())
                .add(BigDecimal.valueOf(instant.getNano(), 9));
        return seconds.setScale(digits, java.math.RoundingMode.DOWN);
    }

    /** UNIX_TIMESTAMP(column) of a DATETIME(n) or TIMESTAMP(n) column: with its n fractional digits. */
    public static BigDecimal unixTimestamp(Value date, int digits) {
        BigDecimal seconds = unixTimestamp(date);
        return seconds == null || seconds.signum() == 0 ? seconds : seconds.setScale(digits, java.math.RoundingMode.DOWN);
    }

    private static boolean isNumeric(Value v) {
        int type = v.getValueType();
        return type == Value.TINYINT || type == Value.SMALLINT || type == Value.INTEGER || type == Value.BIGINT
                || type == Value.NUMERIC;
    }

    /** A number read as a date (20240305, 20240305101112.5), or null. */
    private static LocalDateTime fromNumber(Value v) {
        BigDecimal n = v.getBigDecimal();
        String whole = n.setScale(0, java.math.RoundingMode.DOWN).toPlainString();
        LocalDateTime t = readLoosely(whole);
        if (t == null || n.scale() <= 0) return t;
        return t.plusNanos(n.subtract(new BigDecimal(whole)).movePointRight(9).longValue());
    }

    /**
     * A date function's argument read as {@link #read} reads it; text that is no date is NULL with
     * warning 1292 "Incorrect datetime value: 'x'" (an error in a writing statement), as MySQL's.
     */
    static LocalDateTime readArgument(Value v) {
        if (v == ValueNull.INSTANCE) return null;
        LocalDateTime t = read(v);
        int type = v.getValueType();
        if (t == null && (type == Value.VARCHAR || type == Value.CHAR || type == Value.VARCHAR_IGNORECASE
                || type == Value.CLOB)) {
            RuntimeWarnings.warn(io.minisqld.server.error.ErrorCode.ER_INCORRECT_TEMPORAL_ARGUMENT.error("datetime",
                    v.getString()));
        }
        return t;
    }

    /** YEAR('…'), MONTH('…') and the engine's other date functions given text: {@link #readArgument}. */
    public static LocalDateTime dateArgument(Value v) {
        return readArgument(v);
    }

    /** A DATE, DATETIME or text 'YYYY-MM-DD[ hh:mm:ss[.ffffff]]'; null when it is none. */
    static LocalDateTime read(Value v) {
        try {
            // H2's DATE and TIMESTAMP print as MySQL writes them ('YYYY-MM-DD[ hh:mm:ss[.f]]')
            String s = v.getString().strip();
            if (s.length() <= 10) return LocalDate.parse(s).atStartOfDay();
            return LocalDateTime.of(LocalDate.parse(s.substring(0, 10)), LocalTime.parse(s.substring(11)));
        } catch (RuntimeException e) {
            return readLoosely(v.getString().strip());
        }
    }

    /** A date in MySQL's other forms: any punctuation between the parts, a two-digit year. */
    private static final java.util.regex.Pattern LOOSE = java.util.regex.Pattern.compile(
            "(\\d{2}|\\d{4})[^\\d\\s](\\d{1,2})[^\\d\\s](\\d{1,2})"
                    + "(?:[ T](\\d{1,2})[^\\d\\s](\\d{1,2})[^\\d\\s](\\d{1,2})(?:\\.(\\d{1,6})\\d*)?)?");
    /** A date as digits: YYMMDD, YYYYMMDD, YYMMDDhhmmss, YYYYMMDDhhmmss (a number, or text of one). */
    private static final java.util.regex.Pattern DIGITS = java.util.regex.Pattern.compile("\\d{6}|\\d{8}|\\d{12}|\\d{14}");

    private static LocalDateTime readLoosely(String s) {
        try {
            java.util.regex.Matcher m = LOOSE.matcher(s);
            // a time ('25:02:03') is no date, though a date with a time may be written 2000:01:01 00:00:00
            if (m.matches() && (m.group(4) != null || s.indexOf(':') < 0)) {
                LocalDate d = LocalDate.of(fullYear(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
                if (m.group(4) == null) return d.atStartOfDay();
                int nanos = m.group(7) == null ? 0 : Integer.parseInt((m.group(7) + "00000").substring(0, 6)) * 1000;
                return d.atTime(Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)), Integer.parseInt(m.group(6)), nanos);
            }
            if (DIGITS.matcher(s).matches()) {
                int y = s.length() == 6 || s.length() == 12 ? 2 : 4;
                LocalDate d = LocalDate.of(fullYear(s.substring(0, y)), Integer.parseInt(s.substring(y, y + 2)),
                        Integer.parseInt(s.substring(y + 2, y + 4)));
                if (s.length() <= 8) return d.atStartOfDay();
                return d.atTime(Integer.parseInt(s.substring(y + 4, y + 6)), Integer.parseInt(s.substring(y + 6, y + 8)),
                        Integer.parseInt(s.substring(y + 8, y + 10)));
            }
        } catch (RuntimeException invalid) {
            // no such day or time
        }
        return null;
    }

    /** A year of two digits is 2000-2069 or 1970-1999, as MySQL reads it. */
    private static int fullYear(String digits) {
        int y = Integer.parseInt(digits);
        return digits.length() > 2 ? y : y < 70 ? 2000 + y : 1900 + y;
    }

    private static String two(int n) {
        return n < 10 ? "0" + n : Integer.toString(n);
    }

    private static String suffix(int day) {
        if (day >= 11 && day <= 13) return "th";
        return switch (day % 10) {
            case 1 -> "st";
            case 2 -> "nd";
            case 3 -> "rd";
            default -> "th";
        };
    }

    /**
     * WEEK(date): the week number in mode 0 (MySQL's default_week_format): weeks start on Sunday,
     * week 1 is the first with a Sunday of the year, the days before it week 0 (H2's WEEK counted
     * weeks as the JVM's locale does: 2020-12-31 was week 1, MySQL's 52). NULL for what is no date.
     */
    public static Long week(Value date) {
        return week(date, ValueInteger.get(0));
    }

    /**
     * WEEK(date, mode), modes 0 to 7 (MySQL 5.7 manual 12.7): bit 0 a week starts on Monday
     * (else Sunday), bit 1 the range is 1 to 53 (the days before week 1 belong to the previous
     * year's last week; else they are week 0), bit 2 week 1 is the first with a first day of
     * the week in the year (else the first with 4 or more days of the year, as ISO 8601).
     */
    public static Long week(Value date, Value mode) {
        if (date == ValueNull.INSTANCE || mode == ValueNull.INSTANCE) return null;
        LocalDateTime t = readArgument(date);
        return t == null ? null : (long) calcWeek(t.toLocalDate(), weekBehaviour(mode.getInt()))[1];
    }

    /** YEARWEEK(date): the year and week, as yyyyww, of WEEK mode 0 with the range 1 to 53. */
    public static Long yearWeek(Value date) {
        return yearWeek(date, ValueInteger.get(0));
    }

    /** YEARWEEK(date, mode): as {@link #week(Value, Value)}, always in the range 1 to 53, with its year. */
    public static Long yearWeek(Value date, Value mode) {
        if (date == ValueNull.INSTANCE || mode == ValueNull.INSTANCE) return null;
        LocalDateTime t = readArgument(date);
        if (t == null) return null;
        int[] yw = calcWeek(t.toLocalDate(), weekBehaviour(mode.getInt()) | WEEK_YEAR);
        return yw[0] * 100L + yw[1];
    }

    /** WEEKOFYEAR(date): WEEK(date, 3), ISO 8601's week. */
    public static Long weekOfYear(Value date) {
        return week(date, ValueInteger.get(3));
    }

    /**
     * TIMESTAMPDIFF(unit, a, b): b - a in whole units, truncated toward zero (MySQL 5.7 manual
     * 12.7): a month is complete when b's day and time of day reach a's ({@code
     * TIMESTAMPDIFF(MONTH, '2020-01-31', '2020-02-29')} is 0, a year of age likewise); the engine's
     * counted the unit boundaries crossed (1). NULL for a NULL or unreadable argument.
     */
    public static Long timestampDiff(String unit, Value a, Value b) {
        if (a == ValueNull.INSTANCE || b == ValueNull.INSTANCE) return null;
        LocalDateTime from = read(a);
        LocalDateTime to = read(b);
        if (from == null || to == null) return null;
        int sign = to.isBefore(from) ? -1 : 1;
        LocalDateTime beg = sign > 0 ? from : to;
        LocalDateTime end = sign > 0 ? to : from;
        long micros = ChronoUnit.MICROS.between(beg, end);
        long seconds = micros / 1_000_000;
        long months = (end.getYear() - beg.getYear()) * 12L + end.getMonthValue() - beg.getMonthValue();
        if (end.getDayOfMonth() < beg.getDayOfMonth() || end.getDayOfMonth() == beg.getDayOfMonth()
                && end.toLocalTime().isBefore(beg.toLocalTime())) {
            months--;
        }
        long n = switch (unit) {
            case "YEAR" -> months / 12;
            case "QUARTER" -> months / 3;
            case "MONTH" -> months;
            case "WEEK" -> seconds / (7 * 86_400);
            case "DAY" -> seconds / 86_400;
            case "HOUR" -> seconds / 3_600;
            case "MINUTE" -> seconds / 60;
            case "SECOND" -> seconds;
            case "MICROSECOND" -> micros;
            default -> throw new IllegalArgumentException(unit);
        };
        return sign * n;
    }

    /**
     * DATEDIFF(a, b): a - b in days, of their dates only (the engine's DATEDIFF takes a unit
     * first and refused MySQL's two arguments). NULL for a NULL or unreadable argument.
     */
    public static Long dateDiff(Value a, Value b) {
        if (a == ValueNull.INSTANCE || b == ValueNull.INSTANCE) return null;
        LocalDateTime x = readArgument(a);
        LocalDateTime y = readArgument(b);
        if (x == null || y == null) return null;
        return x.toLocalDate().toEpochDay() - y.toLocalDate().toEpochDay();
    }

    /**
     * EXTRACT(unit FROM v) for {@link #EXTRACT_UNITS} (and {@link #SIMPLE_EXTRACT_UNITS} of a string): WEEK as WEEK(v) (mode 0; the engine's was
     * the locale's week), the compound units as their parts' digits side by side ({@code
     * YEAR_MONTH} of 2020-01-31 is 202001, {@code DAY_SECOND} is ddhhmmss). A time-only value has
     * the units of the day. NULL for a NULL or unreadable value.
     */
    public static Long extract(String unit, Value v) {
        if (v == ValueNull.INSTANCE) return null;
        LocalDateTime t = read(v);
        long[] time = t != null ? new long[] {t.getHour(), t.getMinute(), t.getSecond(), t.getNano() / 1000}
                : timeParts(v);
        if (time == null) return null;
        if (t == null && (unit.startsWith("DAY") || unit.startsWith("YEAR") || unit.equals("WEEK")
                || unit.equals("MONTH") || unit.equals("QUARTER"))) {
            return null;
        }
        long hms = time[0] * 10_000 + time[1] * 100 + time[2];
        return switch (unit) {
            case "WEEK" -> (long) calcWeek(t.toLocalDate(), weekBehaviour(0))[1];
            case "YEAR_MONTH" -> t.getYear() * 100L + t.getMonthValue();
            case "DAY_HOUR" -> t.getDayOfMonth() * 100L + time[0];
            case "DAY_MINUTE" -> t.getDayOfMonth() * 10_000L + time[0] * 100 + time[1];
            case "DAY_SECOND" -> t.getDayOfMonth() * 1_000_000L + hms;
            case "DAY_MICROSECOND" -> (t.getDayOfMonth() * 1_000_000L + hms) * 1_000_000 + time[3];
            case "HOUR_MINUTE" -> time[0] * 100 + time[1];
            case "HOUR_SECOND" -> hms;
            case "HOUR_MICROSECOND" -> hms * 1_000_000 + time[3];
            case "MINUTE_SECOND" -> time[1] * 100 + time[2];
            case "MINUTE_MICROSECOND" -> (time[1] * 100 + time[2]) * 1_000_000 + time[3];
            case "SECOND_MICROSECOND" -> time[2] * 1_000_000 + time[3];
            case "MICROSECOND" -> time[3];
            case "SECOND" -> time[2];
            case "MINUTE" -> time[1];
            case "HOUR" -> time[0];
            case "DAY" -> (long) t.getDayOfMonth();
            case "MONTH" -> (long) t.getMonthValue();
            case "QUARTER" -> (long) (t.getMonthValue() + 2) / 3;
            case "YEAR" -> (long) t.getYear();
            default -> throw new IllegalArgumentException(unit);
        };
    }

    private static final int MONDAY_FIRST = 1;
    private static final int WEEK_YEAR = 2;
    private static final int FIRST_WEEKDAY = 4;

    /** A mode's behaviour bits: a Sunday-first mode counts its week 1 by the other rule (manual's table). */
    private static int weekBehaviour(int mode) {
        int b = mode & 7;
        return (b & MONDAY_FIRST) == 0 ? b ^ FIRST_WEEKDAY : b;
    }

    /** {year, week} of {@code d} under {@code behaviour} ({@link #weekBehaviour}). */
    private static int[] calcWeek(LocalDate d, int behaviour) {
        boolean mondayFirst = (behaviour & MONDAY_FIRST) != 0;
        boolean weekYear = (behaviour & WEEK_YEAR) != 0;
        boolean firstWeekday = (behaviour & FIRST_WEEKDAY) != 0;
        int year = d.getYear();
        LocalDate jan1 = LocalDate.of(year, 1, 1);
        // the weekday of 1 January, 0 for the week's first day
        int weekday = mondayFirst ? jan1.getDayOfWeek().getValue() - 1 : jan1.getDayOfWeek().getValue() % 7;
        long first = jan1.toEpochDay();
        if (d.getMonthValue() == 1 && d.getDayOfMonth() <= 7 - weekday) {
            // a day before the year's first week starts
            if (!weekYear && (firstWeekday && weekday != 0 || !firstWeekday && weekday >= 4)) {
                return new int[] {year, 0};
            }
            weekYear = true;
            year--;
            int days = LocalDate.of(year, 1, 1).lengthOfYear();
            first -= days;
            weekday = (weekday + 53 * 7 - days) % 7;
        }
        long days = firstWeekday && weekday != 0 || !firstWeekday && weekday >= 4
                ? d.toEpochDay() - (first + (7 - weekday)) : d.toEpochDay() - (first - weekday);
        if (weekYear && days >= 52 * 7) {
            // the year's last days may be the next year's week 1
            weekday = (weekday + LocalDate.of(year, 1, 1).lengthOfYear()) % 7;
            if (!firstWeekday && weekday < 4 || firstWeekday && weekday == 0) {
                return new int[] {year + 1, 1};
            }
        }
        return new int[] {year, (int) (days / 7) + 1};
    }

    /** MySQL's %U (WEEK mode 0): weeks start on Sunday, week 1 has the year's first Sunday, days before it are week 0. */
    private static int sundayWeek(LocalDate d, int year) {
        LocalDate firstSunday = LocalDate.of(year, 1, 1).with(java.time.temporal.TemporalAdjusters.nextOrSame(
                java.time.DayOfWeek.SUNDAY));
        return d.isBefore(firstSunday) ? 0 : (int) (ChronoUnit.DAYS.between(firstSunday, d) / 7) + 1;
    }

    /** MySQL's %X and %V (WEEK mode 2): as %U, but the days before week 1 are the previous year's last week. */
    private static int[] sundayWeekOfItsYear(LocalDate d) {
        int week = sundayWeek(d, d.getYear());
        if (week > 0) return new int[] {d.getYear(), week};
        return new int[] {d.getYear() - 1, sundayWeek(d, d.getYear() - 1)};
    }

    /**
     * MySQL's %u (WEEK mode 1): weeks start on Monday, week 1 is the first with 4 or more days of
     * the year, the days before it are week 0.
     */
    private static int weekMode1(LocalDate d) {
        LocalDate jan1 = d.withDayOfYear(1);
        int dow = jan1.getDayOfWeek().getValue();
        LocalDate week1 = 8 - dow >= 4 ? jan1.minusDays(dow - 1L) : jan1.plusDays(8L - dow);
        return d.isBefore(week1) ? 0 : (int) (ChronoUnit.DAYS.between(week1, d) / 7) + 1;
    }
}
