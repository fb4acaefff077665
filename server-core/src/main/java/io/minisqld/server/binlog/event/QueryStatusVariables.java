package io.minisqld.server.binlog.event;

/**
 * The status variables of a QUERY event (protocol.md §3.5); a {@code null} component is absent.
 * The encoder writes present ones in MySQL 5.7's order: Q_FLAGS2, Q_SQL_MODE, Q_CATALOG_NZ,
 * Q_AUTO_INCREMENT, Q_CHARSET, Q_TIME_ZONE, Q_LC_TIME_NAMES, Q_CHARSET_DATABASE; the decoder also
 * reads (and skips) MySQL's and MariaDB's other codes and stops at an unknown one, as servers do.
 *
 * @param flags2          Q_FLAGS2 option bits (1<<14 AUTO_IS_NULL, 1<<19 NOT_AUTOCOMMIT,
 *                        1<<26 NO_FOREIGN_KEY_CHECKS, 1<<27 RELAXED_UNIQUE_CHECKS)
 * @param sqlMode         Q_SQL_MODE bitmask (see {@link SqlModes})
 * @param catalog         Q_CATALOG_NZ, {@code "std"} as MySQL writes it
 * @param autoIncrement   Q_AUTO_INCREMENT, written by MySQL only when not 1/1
 * @param charset         Q_CHARSET collation ids
 * @param timeZone        Q_TIME_ZONE name, written only when the session's time zone is not SYSTEM
 * @param lcTimeNames     Q_LC_TIME_NAMES locale number, written only when not en_US (0)
 * @param charsetDatabase Q_CHARSET_DATABASE collation id of the default database
 * @param microseconds    the microsecond part of the event time (MySQL Q_MICROSECONDS 13 / MariaDB Q_HRNOW 128):
 *                        written (as Q_HRNOW, which MariaDB reads) for a statement that asked the time with fractional seconds
 */
public record QueryStatusVariables(Long flags2, Long sqlMode, String catalog, AutoIncrement autoIncrement,
                                   Charset charset, String timeZone, Integer lcTimeNames, Integer charsetDatabase,
                                   Integer microseconds) {

    /** Q_FLAGS2 bit: {@code sql_auto_is_null}. */
    public static final long OPTION_AUTO_IS_NULL = 1L << 14;
    /** Q_FLAGS2 bit: {@code autocommit=0}. */
    public static final long OPTION_NOT_AUTOCOMMIT = 1L << 19;
    /** Q_FLAGS2 bit: {@code foreign_key_checks=0}. */
    public static final long OPTION_NO_FOREIGN_KEY_CHECKS = 1L << 26;
    /** Q_FLAGS2 bit: {@code unique_checks=0}. */
    public static final long OPTION_RELAXED_UNIQUE_CHECKS = 1L << 27;

    /** No status variables. */
    public static final QueryStatusVariables NONE =
            new QueryStatusVariables(null, null, null, null, null, null, null, null, null);

    /**
     * What MySQL 5.7 writes for a session with the given settings: flags2, sql_mode, catalog
     * "std", auto_increment only when not 1/1, charset, time zone only when given.
     */
    public static QueryStatusVariables mysql57(long flags2, long sqlMode, int autoIncrementIncrement,
                                               int autoIncrementOffset, Charset charset, String timeZone) {
        AutoIncrement ai = autoIncrementIncrement == 1 && autoIncrementOffset == 1
                ? null : new AutoIncrement(autoIncrementIncrement, autoIncrementOffset);
        return new QueryStatusVariables(flags2, sqlMode, "std", ai, charset, timeZone, null, null, null);
    }

    /** These variables with the event time's microseconds (written as Q_HRNOW). */
    public QueryStatusVariables withMicroseconds(int micros) {
        return new QueryStatusVariables(flags2, sqlMode, catalog, autoIncrement, charset, timeZone, lcTimeNames,
                charsetDatabase, micros);
    }

    /** Q_AUTO_INCREMENT: {@code auto_increment_increment}, {@code auto_increment_offset}. */
    public record AutoIncrement(int increment, int offset) {
    }

    /**
     * Q_CHARSET: collation ids of {@code character_set_client}, {@code collation_connection},
     * {@code collation_server} (33 = utf8_general_ci, 45 = utf8mb4_general_ci, 8 = latin1_swedish_ci).
     */
    public record Charset(int client, int connection, int server) {
    }
}
