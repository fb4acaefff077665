package io.minisqld.server.variables;

import io.minisqld.plugin.api.variables.SystemVariable;
import io.minisqld.server.error.ErrorCode;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code time_zone} as far as the server honours it. Its clock (NOW(), CURRENT_TIMESTAMP) is the
 * JVM's zone, {@code system_time_zone}, and TIMESTAMP columns are stored as given, without MySQL's
 * conversion to and from UTC: so SYSTEM, and an offset equal to a system zone that has no daylight
 * saving, are honoured; any other offset is refused (1235). A named zone is MySQL's 1298, as on a
 * MySQL server whose time zone tables are not loaded (mysql.time_zone_name is empty here).
 */
public final class TimeZones {
    /** MySQL's '[+-]H[H]:MM' (time zone offsets from -12:59 to +13:00). */
    private static final Pattern OFFSET = Pattern.compile("([+-])(\\d{1,2}):(\\d{2})");

    private final ZoneId system;

    public TimeZones(ZoneId system) {
        this.system = system;
    }

    /** The JVM's zone, which H2's clock follows. */
    public static TimeZones ofJvm() {
        return new TimeZones(ZoneId.systemDefault());
    }

    /** {@code system_time_zone}: the zone's abbreviation, as MySQL shows the operating system's (UTC, CET, …). */
    public String systemTimeZoneName() {
        return system.getDisplayName(TextStyle.SHORT, Locale.ROOT);
    }

    /** SYSTEM in capitals; an offset as MySQL shows it ('+05:00'); anything else unchanged. */
    Object canonical(Object value) {
        if (!(value instanceof String s)) return value;
        if (s.equalsIgnoreCase("SYSTEM")) return "SYSTEM";
        Matcher m = OFFSET.matcher(s.strip());
        if (!m.matches()) return value;
        return String.format(Locale.ROOT, "%s%02d:%s", m.group(1), Integer.parseInt(m.group(2)), m.group(3));
    }

    /** The check of time_zone (see the class comment). */
    SystemVariable.Check check() {
        return value -> {
            String s = value == null ? "NULL" : value.toString();
            if (s.equals("SYSTEM")) return;
            Matcher m = OFFSET.matcher(s);
            if (!m.matches()) throw ErrorCode.ER_UNKNOWN_TIME_ZONE.error(s);
            int minutes = Integer.parseInt(m.group(2)) * 60 + Integer.parseInt(m.group(3));
            if (m.group(1).equals("-")) minutes = -minutes;
            // MySQL 5.7 accepts -12:59 .. +13:00
            if (minutes < -(12 * 60 + 59) || minutes > 13 * 60 || Integer.parseInt(m.group(3)) > 59) {
                throw ErrorCode.ER_UNKNOWN_TIME_ZONE.error(s);
            }
            if (!system.getRules().isFixedOffset()
                    || system.getRules().getOffset(Instant.EPOCH).getTotalSeconds() != minutes * 60) {
                throw ErrorCode.ER_NOT_SUPPORTED_YET.error("time_zone = '" + s + "' (the server's clock and TIMESTAMP"
                        + " columns follow system_time_zone " + systemTimeZoneName() + ")");
            }
        };
    }

    /** The offset of a fixed system zone as MySQL writes it, e.g. '+00:00'; null when the zone has DST. */
    public String systemOffset() {
        if (!system.getRules().isFixedOffset()) return null;
        ZoneOffset o = system.getRules().getOffset(Instant.EPOCH);
        int total = o.getTotalSeconds() / 60;
        return String.format(Locale.ROOT, "%s%02d:%02d", total < 0 ? "-" : "+", Math.abs(total) / 60, Math.abs(total) % 60);
    }
}
