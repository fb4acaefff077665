package io.minisqld.server.engine.h2;

import java.util.Locale;

/**
 * Column types kept apart by an H2 domain, so that what a client stores is what it gave and SHOW
 * CREATE TABLE names the type it declared (TIMESTAMP has its own, {@link TimestampColumns}):
 * <ul>
 *   <li>JSON: the document as its text, in {@code PUBLIC."minisqld_json"} (a string that must be
 *       JSON: H2's {@code IS JSON}); H2's own JSON type would store a string given to it as a JSON
 *       string value (the quoted text), which is not what MySQL stores;</li>
 *   <li>YEAR: a SMALLINT of MySQL's range, {@code PUBLIC."minisqld_year"}.</li>
 * </ul>
 */
final class ColumnDomains {
    private static final String NAME = "minisqld_json";

    private ColumnDomains() {
    }

    static String createDomainSql() {
        return "CREATE DOMAIN IF NOT EXISTS PUBLIC.\"" + NAME + "\" AS CHARACTER VARYING(1000000000)"
                + " CHECK (VALUE IS JSON)";
    }

    static String domain() {
        return "PUBLIC.\"" + NAME + "\"";
    }

    static boolean isJsonDomain(String domainName) {
        return domainName != null && domainName.toLowerCase(Locale.ROOT).equals(NAME);
    }

    /** MySQL's YEAR: 0 or 1901 to 2155, a SMALLINT underneath. */
    private static final String YEAR = "minisqld_year";

    static String createYearDomainSql() {
        return "CREATE DOMAIN IF NOT EXISTS PUBLIC.\"" + YEAR + "\" AS SMALLINT"
                + " CHECK (VALUE IS NULL OR VALUE = 0 OR VALUE BETWEEN 1901 AND 2155)";
    }

    static String yearDomain() {
        return "PUBLIC.\"" + YEAR + "\"";
    }

    static boolean isYearDomain(String domainName) {
        return domainName != null && domainName.toLowerCase(Locale.ROOT).equals(YEAR);
    }
}
