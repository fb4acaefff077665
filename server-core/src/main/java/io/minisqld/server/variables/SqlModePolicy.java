package io.minisqld.server.variables;

import io.minisqld.server.binlog.event.SqlModes;
import io.minisqld.server.error.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Which {@code sql_mode} flags this server honours. MySQL 5.7 stores a combination mode (ANSI,
 * TRADITIONAL, …) with the flags it stands for, and so does this server; a value naming a flag the
 * server does not honour is refused (1235) rather than stored and then ignored.
 *
 * <p>Three kinds of flags:
 * <ul>
 *   <li>honoured both ways: NO_AUTO_VALUE_ON_ZERO, NO_ENGINE_SUBSTITUTION, STRICT_ALL_TABLES (every
 *       table is transactional, so it is STRICT_TRANS_TABLES), ONLY_FULL_GROUP_BY (a grouped query's
 *       column neither grouped nor aggregated is refused when its group's rows differ in it), and
 *       NOT_USED, which MySQL ignores too;</li>
 *   <li>refused when set ({@link #REFUSED}): the server behaves as if they were off, whatever the
 *       value says (the SQL translator does not read them);</li>
 *   <li>always in force ({@link #ALWAYS_ON}): the engine refuses invalid values as strict mode does,
 *       so a value without them is accepted (mysqldump and mariadb-dump set
 *       {@code SQL_MODE='NO_AUTO_VALUE_ON_ZERO'} at the top of every dump) with a warning that says
 *       so: a statement then fails where MySQL would have stored an adjusted value with a warning,
 *       and never stores anything MySQL would not.</li>
 * </ul>
 */
public final class SqlModePolicy {
    /** Flags whose effect the server does not produce: setting one is refused with 1235. */
    public static final List<String> REFUSED = List.of("REAL_AS_FLOAT", "PIPES_AS_CONCAT", "ANSI_QUOTES",
            "IGNORE_SPACE", "NO_UNSIGNED_SUBTRACTION", "NO_DIR_IN_CREATE", "NO_KEY_OPTIONS",
            "NO_TABLE_OPTIONS", "NO_FIELD_OPTIONS", "NO_BACKSLASH_ESCAPES", "ALLOW_INVALID_DATES",
            "HIGH_NOT_PRECEDENCE", "PAD_CHAR_TO_FULL_LENGTH");

    /** Flags the server behaves as if set even when the value lacks them (see the class comment). */
    public static final List<String> ALWAYS_ON = List.of("STRICT_TRANS_TABLES", "NO_ZERO_IN_DATE", "NO_ZERO_DATE",
            "ERROR_FOR_DIVISION_BY_ZERO", "NO_AUTO_CREATE_USER");

    /**
     * MySQL 5.7's default without ONLY_FULL_GROUP_BY, which the server honours only in part (a
     * column's values that do not differ within a group are taken, where MySQL refuses the query).
     */
    public static final String DEFAULT = "STRICT_TRANS_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,"
            + "NO_AUTO_CREATE_USER,NO_ENGINE_SUBSTITUTION";

    private static final Set<String> STRICT = Set.of("STRICT_TRANS_TABLES", "STRICT_ALL_TABLES");

    private SqlModePolicy() {
    }

    /** The value as MySQL stores it: combination modes with the flags they stand for, in MySQL's order. */
    public static String expand(String value) {
        return SqlModes.namesOf(SqlModes.bitsOf(value));
    }

    /** 1235 naming the first flag of an (expanded) value that the server does not honour. */
    public static void check(String expanded) {
        List<String> flags = List.of(expanded.split(","));
        for (String refused : REFUSED) {
            if (flags.contains(refused)) throw ErrorCode.ER_NOT_SUPPORTED_YET.error("sql_mode = " + refused);
        }
    }

    /**
     * The flags of {@link #ALWAYS_ON} an (expanded) value lacks, for the warning that the server
     * keeps them in force; empty when it has them all.
     */
    public static List<String> kept(String expanded) {
        List<String> flags = List.of(expanded.split(","));
        List<String> missing = new ArrayList<>();
        for (String f : ALWAYS_ON) {
            boolean has = STRICT.contains(f) ? flags.stream().anyMatch(STRICT::contains) : flags.contains(f);
            if (!has) missing.add(f);
        }
        return missing;
    }

    /** The text of warning 1235 for a value that lacks flags the server keeps in force. */
    public static String keptWarning(List<String> kept) {
        return "sql_mode without " + String.join(", ", kept) + " (the server keeps them in force)";
    }
}
