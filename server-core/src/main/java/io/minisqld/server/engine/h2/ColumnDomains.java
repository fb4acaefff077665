package io.minisqld.server.engine.h2;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * MySQL column types H2 has no type of its own for, each made of an H2 domain in schema PUBLIC, so
 * that what a client stores is what it gave and SHOW CREATE TABLE, SHOW COLUMNS and
 * information_schema name the type it declared:
 * <ul>
 *   <li>TIMESTAMP(N): {@code minisqld_timestamp_N}, a TIMESTAMP(N) (N 0 to 6), apart from DATETIME,
 *       which is H2's TIMESTAMP itself;</li>
 *   <li>JSON: {@code minisqld_json}, the document as its text, a string that must be JSON (H2's
 *       {@code IS JSON}); H2's own JSON type would store a string given to it as a JSON string
 *       value (the quoted text), which is not what MySQL stores;</li>
 *   <li>YEAR: {@code minisqld_year}, a SMALLINT of MySQL's range (0, 1901 to 2155);</li>
 *   <li>BIT(N), N from 1 to 64: {@code minisqld_bit_N}, the bits' unsigned number, a BIGINT
 *       (BIT(64): a NUMERIC(20), past BIGINT's range), bounded to N bits by {@link RowLogTrigger}
 *       so that the refusal names the column (a domain's CHECK cannot); SHOW CREATE TABLE names
 *       it and a ROW-format binlog logs it as BIT. A BIT(1) column of a table created before is
 *       {@code minisqld_bit}, a BOOLEAN kept apart from BOOLEAN (MySQL's TINYINT(1));</li>
 *   <li>FLOAT(M,D) and DOUBLE(M,D): {@code minisqld_float_M_D} (a REAL) and {@code minisqld_double_M_D}
 *       (a DOUBLE PRECISION), made when a table first names one ({@link #createFixedFloats}); the
 *       values are rounded to D decimals and bounded by M digits as they are stored
 *       ({@link FixedFloatColumns}) and shown with D decimals;</li>
 *   <li>TINYTEXT, MEDIUMTEXT, LONGTEXT, TINYBLOB, MEDIUMBLOB, LONGBLOB: {@code minisqld_tinytext} …,
 *       H2's one text and one binary large type, kept apart from TEXT and BLOB so that SHOW CREATE
 *       TABLE names them and a ROW-format binlog gives each its length prefix (1 to 4 bytes);
 *       the TEXT ones of a case-sensitive collation are {@code minisqld_tinytext_bin} …, H2's
 *       VARCHAR_IGNORECASE ({@link PerThreadCollation}).</li>
 * </ul>
 */
final class ColumnDomains {
    private static final String TIMESTAMP = "minisqld_timestamp_";
    private static final String JSON = "minisqld_json";
    private static final String YEAR = "minisqld_year";
    private static final String BIT = "minisqld_bit";
    /** BIT(N), N from 1 to 64: this and N. */
    private static final String BITS = "minisqld_bit_";
    /** TINYINT(1), BOOL and BOOLEAN: a TINYINT whose display width, 1, clients read as a truth. */
    private static final String TINYINT1 = "minisqld_tinyint1";
    /** FLOAT(M,D): this, M, an underscore and D. */
    private static final String FIXED_FLOAT = "minisqld_float_";
    /** DOUBLE(M,D): this, M, an underscore and D. */
    private static final String FIXED_DOUBLE = "minisqld_double_";
    private static final java.util.regex.Pattern FIXED = java.util.regex.Pattern.compile(
            "minisqld_(float|double)_(\\d{1,3})_(\\d{1,2})");
    /** The suffix of a sized TEXT type's domain of a case-sensitive collation. */
    private static final String CASED = "_bin";
    /** The sized TEXT and BLOB types, each a domain named minisqld_ and its MySQL name in lower case. */
    private static final List<String> SIZED_LOBS = List.of("TINYTEXT", "MEDIUMTEXT", "LONGTEXT", "TINYBLOB",
            "MEDIUMBLOB", "LONGBLOB");

    private ColumnDomains() {
    }

    /** The statements that create the domains (run at each start; they persist). */
    static List<String> createSql() {
        List<String> out = new ArrayList<>();
        for (int n = 0; n <= 6; n++) out.add(create(TIMESTAMP + n, "TIMESTAMP(" + n + ")"));
        out.add(create(JSON, "CHARACTER VARYING(1000000000) CHECK (VALUE IS JSON)"));
        out.add(create(YEAR, "SMALLINT CHECK (VALUE IS NULL OR VALUE = 0 OR VALUE BETWEEN 1901 AND 2155)"));
        out.add(create(BIT, "BOOLEAN"));
        for (int n = 1; n <= 64; n++) out.add(create(BITS + n, n < 64 ? "BIGINT" : "NUMERIC(20)"));
        out.add(create(TINYINT1, "TINYINT"));
        for (String lob : SIZED_LOBS) {
            out.add(create(lobDomain(lob), lob.endsWith("TEXT") ? "CHARACTER VARYING(1000000000)" : "BINARY LARGE OBJECT"));
            if (lob.endsWith("TEXT")) out.add(create(lobDomain(lob) + CASED, "VARCHAR_IGNORECASE(1000000000)"));
        }
        return out;
    }

    private static String create(String name, String definition) {
        return "CREATE DOMAIN IF NOT EXISTS " + qualified(name) + " AS " + definition;
    }

    private static String qualified(String name) {
        return "PUBLIC.\"" + name + "\"";
    }

    /** The domain of a TIMESTAMP column of {@code fsp} fractional digits. */
    static String timestamp(int fsp) {
        return qualified(TIMESTAMP + fsp);
    }

    static String json() {
        return qualified(JSON);
    }

    static String year() {
        return qualified(YEAR);
    }

    /** The domain of a BIT(bits) column, bits from 1 to 64. */
    static String bit(int bits) {
        return qualified(BITS + bits);
    }

    /** A BIT column's width from its domain (as INFORMATION_SCHEMA.COLUMNS names it); 0 for another column. */
    static int bitWidth(String domainName) {
        if (domainName == null) return 0;
        String d = domainName.toLowerCase(Locale.ROOT);
        if (d.equals(BIT)) return 1;
        return d.startsWith(BITS) ? Integer.parseInt(d.substring(BITS.length())) : 0;
    }

    static String tinyint1() {
        return qualified(TINYINT1);
    }

    /** Whether a column's domain (as INFORMATION_SCHEMA.COLUMNS names it) is TINYINT(1)'s. */
    static boolean isTinyint1(String domainName) {
        return TINYINT1.equalsIgnoreCase(domainName);
    }

    /** The domain of a TINYTEXT … LONGBLOB column ({@code type} in upper case), or null for another type. */
    static String sizedLob(String type) {
        return SIZED_LOBS.contains(type) ? qualified(lobDomain(type)) : null;
    }

    private static String lobDomain(String type) {
        return "minisqld_" + type.toLowerCase(Locale.ROOT);
    }

    /** The domain of a FLOAT(M,D) ({@code dbl} false) or DOUBLE(M,D) column. */
    static String fixedFloat(boolean dbl, int m, int d) {
        return qualified((dbl ? FIXED_DOUBLE : FIXED_FLOAT) + m + "_" + d);
    }

    /**
     * {M, D} of a FLOAT(M,D) or DOUBLE(M,D) column's domain (as INFORMATION_SCHEMA.COLUMNS names
     * it), or null for another column.
     */
    static int[] fixedDigits(String domainName) {
        if (domainName == null) return null;
        java.util.regex.Matcher m = FIXED.matcher(domainName.toLowerCase(Locale.ROOT));
        return m.matches() ? new int[] {Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))} : null;
    }

    /**
     * The statements that make the FLOAT(M,D) and DOUBLE(M,D) domains an H2 statement names, which
     * are made when first needed (there are thousands of M and D).
     */
    static List<String> createFixedFloats(String h2Sql) {
        List<String> out = new ArrayList<>();
        if (h2Sql.indexOf("minisqld_float_") < 0 && h2Sql.indexOf("minisqld_double_") < 0) return out;
        java.util.regex.Matcher m = FIXED.matcher(h2Sql);
        while (m.find()) {
            out.add(create(m.group(), m.group(1).equals("float") ? "REAL" : "DOUBLE PRECISION"));
        }
        return out;
    }

    /**
     * The type TableMetadata names a column of domain {@code domainName} by ("MYSQL TIMESTAMP",
     * "JSON", "YEAR", "MEDIUMTEXT", …), or null for a column of no domain of these.
     */
    static String mysqlType(String domainName) {
        if (domainName == null) return null;
        String d = domainName.toLowerCase(Locale.ROOT);
        if (d.startsWith(TIMESTAMP)) return "MYSQL TIMESTAMP";
        if (d.equals(JSON)) return "JSON";
        if (d.equals(YEAR)) return "YEAR";
        if (d.equals(BIT)) return "BIT";
        if (d.startsWith(BITS)) return "BIT(" + bitWidth(d) + ")";
        if (d.equals(TINYINT1)) return "TINYINT(1)";
        int[] fixed = fixedDigits(d);
        if (fixed != null) return (d.startsWith(FIXED_FLOAT) ? "FLOAT(" : "DOUBLE(") + fixed[0] + "," + fixed[1] + ")";
        for (String lob : SIZED_LOBS) {
            if (d.equals(lobDomain(lob)) || d.equals(lobDomain(lob) + CASED)) return lob;
        }
        return null;
    }

    /**
     * The domain of a sized TEXT type like {@code domainName}'s (bare or as {@link #sizedLob} gives
     * it), of a case-sensitive collation or not; null when {@code domainName} is no sized TEXT type's.
     */
    static String withCase(String domainName, boolean cased) {
        String d = domainName.toLowerCase(Locale.ROOT).replace("public.", "").replace("\"", "");
        if (d.endsWith(CASED)) d = d.substring(0, d.length() - CASED.length());
        for (String lob : SIZED_LOBS) {
            if (lob.endsWith("TEXT") && d.equals(lobDomain(lob))) return qualified(d + (cased ? CASED : ""));
        }
        return null;
    }
}
