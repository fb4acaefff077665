package io.minisqld.server.statements;

import io.minisqld.server.error.ErrorCode;

/**
 * The values GET DIAGNOSTICS reads (MySQL 5.7 manual 13.6.7.3), in a stored program (the condition
 * a handler took) and outside one (the previous statement's diagnostics area).
 */
final class DiagnosticsItems {
    private DiagnosticsItems() {
    }

    /** A statement information item: NUMBER (conditions) or ROW_COUNT. */
    static Object statementItem(String item, long conditions, long rowCount) {
        return item.equals("NUMBER") ? conditions : rowCount;
    }

    /** A condition information item of the condition {@code errno}, {@code sqlState}, {@code message}. */
    static Object conditionItem(String item, int errno, String sqlState, String message) {
        return switch (item) {
            case "MESSAGE_TEXT" -> message;
            case "MYSQL_ERRNO" -> (long) errno;
            case "RETURNED_SQLSTATE" -> sqlState;
            // a class starting 0-4 or A-H is the standard's (and its subclass 000), others MySQL's
            case "CLASS_ORIGIN", "SUBCLASS_ORIGIN" -> sqlState != null && sqlState.length() == 5
                    && "01234ABCDEFGH".indexOf(sqlState.charAt(0)) >= 0
                    && (item.equals("CLASS_ORIGIN") || sqlState.endsWith("000")) ? "ISO 9075" : "MySQL";
            default -> "";
        };
    }

    /** The SQLSTATE of a condition known by its number only (a warning of SHOW WARNINGS). */
    static String sqlState(int errno, String level) {
        for (ErrorCode code : ErrorCode.values()) {
            if (code.number() == errno) return code.sqlState();
        }
        return level.equals("Error") ? "HY000" : "01000";
    }
}
