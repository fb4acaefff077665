package io.minisqld.server.statements;

import io.minisqld.server.error.ErrorCode;
import io.minisqld.server.sql.Token;
import io.minisqld.server.sql.TokenType;
import java.util.List;
import java.util.Set;

/**
 * What a data-changing statement's text tells its statement-format binlogging
 * (row-events-gtid-mts.md §A.9, §A.10): whether it calls RAND() (its RAND event carries the
 * session's seeds), whether it asks the time with fractional seconds (its QUERY event carries
 * microseconds, as MariaDB's Q_HRNOW), and which of MySQL 5.7's unsafe kinds it has, each of which gets Note 1592
 * once the statement is logged, in MySQL's order (LIMIT before system functions).
 *
 * @param rand           RAND() without a seed appears
 * @param fractionalTime NOW(n), CURTIME(n), CURRENT_TIMESTAMP(n), … with n above 0 appears
 * @param limit          a LIMIT clause appears (MySQL 5.7 marks it unsafe whatever ORDER BY says)
 * @param systemFunction a function whose value a replica may not reproduce appears
 */
record UnsafeForStatementLog(boolean rand, boolean fractionalTime, boolean limit, boolean systemFunction) {
    private static final UnsafeForStatementLog NONE = new UnsafeForStatementLog(false, false, false, false);

    /** MySQL 5.7's BINLOG_STMT_UNSAFE_SYSTEM_FUNCTION functions (§A.9; CURRENT_USER also bare). */
    private static final Set<String> SYSTEM_FUNCTIONS = Set.of("RAND", "UUID", "UUID_SHORT", "USER", "CURRENT_USER",
            "SESSION_USER", "SYSTEM_USER", "SYSDATE", "FOUND_ROWS", "ROW_COUNT", "VERSION", "LOAD_FILE", "SLEEP",
            "GET_LOCK", "RELEASE_LOCK", "RELEASE_ALL_LOCKS", "IS_FREE_LOCK", "IS_USED_LOCK", "MASTER_POS_WAIT",
            "SOURCE_POS_WAIT", "AES_ENCRYPT", "AES_DECRYPT", "RANDOM_BYTES");
    private static final Set<String> TIME_FUNCTIONS = Set.of("NOW", "CURRENT_TIMESTAMP", "LOCALTIME",
            "LOCALTIMESTAMP", "CURTIME", "CURRENT_TIME", "SYSDATE", "UTC_TIMESTAMP", "UTC_TIME");

    static UnsafeForStatementLog of(List<Token> sig) {
        boolean rand = false;
        boolean fractional = false;
        boolean limit = false;
        boolean system = false;
        for (int k = 0; k < sig.size(); k++) {
            Token t = sig.get(k);
            if (t.type() != TokenType.WORD) continue;
            if (k > 0 && sig.get(k - 1).isSymbol(".")) continue;
            boolean call = k + 1 < sig.size() && sig.get(k + 1).isSymbol("(");
            String word = t.upper();
            if (word.equals("LIMIT")) {
                limit = true;
            } else if (call && SYSTEM_FUNCTIONS.contains(word) || word.equals("CURRENT_USER")) {
                system = true;
                if (word.equals("RAND") && k + 2 < sig.size() && sig.get(k + 2).isSymbol(")")) rand = true;
            }
            if (call && TIME_FUNCTIONS.contains(word) && k + 3 < sig.size()
                    && sig.get(k + 2).type() == TokenType.NUMBER && !sig.get(k + 2).text().equals("0")
                    && sig.get(k + 3).isSymbol(")")) {
                fractional = true;
            }
        }
        return rand || fractional || limit || system ? new UnsafeForStatementLog(rand, fractional, limit, system) : NONE;
    }

    /** Whether MIXED logs the statement as rows: one of MySQL's unsafe kinds appears. */
    boolean unsafe() {
        return limit || systemFunction;
    }

    /** Note 1592 for each unsafe kind, after the statement was written to the binlog. */
    void noteLogged(io.minisqld.server.session.Session s) {
        if (limit) s.note(ErrorCode.ER_BINLOG_UNSAFE_STATEMENT, "The statement is unsafe because it uses a LIMIT"
                + " clause. This is unsafe because the set of rows included cannot be predicted.");
        if (systemFunction) s.note(ErrorCode.ER_BINLOG_UNSAFE_STATEMENT, "Statement is unsafe because it uses a"
                + " system function that may return a different value on the slave.");
    }
}
