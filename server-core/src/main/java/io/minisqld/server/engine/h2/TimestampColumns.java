package io.minisqld.server.engine.h2;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * MySQL's TIMESTAMP and DATETIME columns are both H2 TIMESTAMPs; a TIMESTAMP column is made of
 * one of the domains {@code PUBLIC."minisqld_timestamp_N"} (N the fractional digits, 0 to 6), so
 * that SHOW CREATE TABLE, SHOW COLUMNS and information_schema name each column's type as it was
 * declared. The domains behave as the TIMESTAMP(N) they stand for.
 */
final class TimestampColumns {
    private static final String PREFIX = "minisqld_timestamp_";

    private TimestampColumns() {
    }

    /** The statements that create the domains (run at each start; they persist). */
    static List<String> createDomainsSql() {
        List<String> out = new ArrayList<>();
        for (int n = 0; n <= 6; n++) {
            out.add("CREATE DOMAIN IF NOT EXISTS PUBLIC.\"" + PREFIX + n + "\" AS TIMESTAMP(" + n + ")");
        }
        return out;
    }

    /** The domain for a TIMESTAMP column of {@code fsp} fractional digits. */
    static String domain(int fsp) {
        return "PUBLIC.\"" + PREFIX + fsp + "\"";
    }

    static boolean isTimestampDomain(String domainName) {
        return domainName != null && domainName.toLowerCase(Locale.ROOT).startsWith(PREFIX);
    }
}
