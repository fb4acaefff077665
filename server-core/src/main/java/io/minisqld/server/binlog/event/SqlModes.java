package io.minisqld.server.binlog.event;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * MySQL 5.7's {@code sql_mode} names and the bits Q_SQL_MODE carries (bit i = the i-th name of
 * MySQL 5.7's sql_mode set, REAL_AS_FLOAT = bit 0 … PAD_CHAR_TO_FULL_LENGTH = bit 31).
 */
public final class SqlModes {
    private SqlModes() {
    }

    private static final List<String> NAMES = List.of(
            "REAL_AS_FLOAT", "PIPES_AS_CONCAT", "ANSI_QUOTES", "IGNORE_SPACE", "NOT_USED",
            "ONLY_FULL_GROUP_BY", "NO_UNSIGNED_SUBTRACTION", "NO_DIR_IN_CREATE", "POSTGRESQL", "ORACLE",
            "MSSQL", "DB2", "MAXDB", "NO_KEY_OPTIONS", "NO_TABLE_OPTIONS",
            "NO_FIELD_OPTIONS", "MYSQL323", "MYSQL40", "ANSI", "NO_AUTO_VALUE_ON_ZERO",
            "NO_BACKSLASH_ESCAPES", "STRICT_TRANS_TABLES", "STRICT_ALL_TABLES", "NO_ZERO_IN_DATE", "NO_ZERO_DATE",
            "ALLOW_INVALID_DATES", "ERROR_FOR_DIVISION_BY_ZERO", "TRADITIONAL", "NO_AUTO_CREATE_USER",
            "HIGH_NOT_PRECEDENCE", "NO_ENGINE_SUBSTITUTION", "PAD_CHAR_TO_FULL_LENGTH");

    /** The bit of one mode name (case-insensitive); {@code IllegalArgumentException} for an unknown name. */
    public static long bit(String name) {
        int i = NAMES.indexOf(name.trim().toUpperCase(Locale.ROOT));
        if (i < 0) throw new IllegalArgumentException("unknown sql_mode " + name);
        return 1L << i;
    }

    /**
     * The Q_SQL_MODE bitmask of a comma-separated {@code sql_mode} value. Combination modes
     * (ANSI, TRADITIONAL, ORACLE, …) add the modes they stand for and keep their own bit, as
     * MySQL 5.7 stores them.
     */
    public static long bitsOf(String sqlMode) {
        long bits = 0;
        for (String name : sqlMode.split(",")) {
            if (name.isBlank()) continue;
            bits |= bit(name);
        }
        return expand(bits);
    }

    /** The comma-separated names of a bitmask, in MySQL's order (as SELECT @@sql_mode shows them). */
    public static String namesOf(long bits) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < NAMES.size(); i++) {
            if ((bits & (1L << i)) != 0) out.add(NAMES.get(i));
        }
        return String.join(",", out);
    }

    private static long expand(long bits) {
        long out = bits;
        if ((bits & bit("ANSI")) != 0) {
            out |= bits("REAL_AS_FLOAT", "PIPES_AS_CONCAT", "ANSI_QUOTES", "IGNORE_SPACE", "ONLY_FULL_GROUP_BY");
        }
        long dialect = bits("PIPES_AS_CONCAT", "ANSI_QUOTES", "IGNORE_SPACE", "NO_KEY_OPTIONS", "NO_TABLE_OPTIONS",
                "NO_FIELD_OPTIONS");
        if ((bits & bits("POSTGRESQL", "MSSQL", "DB2")) != 0) out |= dialect;
        if ((bits & bits("ORACLE", "MAXDB")) != 0) out |= dialect | bit("NO_AUTO_CREATE_USER");
        if ((bits & bits("MYSQL323", "MYSQL40")) != 0) out |= bit("HIGH_NOT_PRECEDENCE");
        if ((bits & bit("TRADITIONAL")) != 0) {
            out |= bits("STRICT_TRANS_TABLES", "STRICT_ALL_TABLES", "NO_ZERO_IN_DATE", "NO_ZERO_DATE",
                    "ERROR_FOR_DIVISION_BY_ZERO", "NO_AUTO_CREATE_USER", "NO_ENGINE_SUBSTITUTION");
        }
        return out;
    }

    private static long bits(String... names) {
        long b = 0;
        for (String n : names) b |= bit(n);
        return b;
    }
}
