package io.minisqld.server.variables;

import io.minisqld.server.error.ErrorCode;
import io.minisqld.server.sql.MysqlLocales;

/**
 * MySQL 5.7's locale names ({@code lc_messages}, {@code lc_time_names}). The server's messages
 * and its day and month names are en_US only: another locale MySQL knows is refused with 1235, a
 * name MySQL does not know with MySQL's own 1649.
 */
public final class Locales {
    /** The one locale the server speaks. */
    public static final String EN_US = "en_US";

    private Locales() {
    }

    /** A locale name in MySQL's spelling (names are case-insensitive), or the value unchanged. */
    static Object canonical(Object value) {
        return value instanceof String name ? MysqlLocales.canonical(name) : value;
    }

    /** The check of {@code variable}: en_US passes, MySQL's other locales are 1235, others 1649. */
    static io.minisqld.plugin.api.variables.SystemVariable.Check only(String variable) {
        return value -> {
            if (value == null || !MysqlLocales.NAMES.contains(value.toString())) {
                throw ErrorCode.ER_UNKNOWN_LOCALE.error(value == null ? "NULL" : value);
            }
            if (!EN_US.equals(value)) throw ErrorCode.ER_NOT_SUPPORTED_YET.error(variable + " = " + value);
        };
    }
}
