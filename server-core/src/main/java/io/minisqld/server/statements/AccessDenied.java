package io.minisqld.server.statements;

import io.minisqld.server.error.ErrorCode;
import io.minisqld.server.error.SqlError;
import io.minisqld.server.grant.Privilege;
import io.minisqld.server.session.Session;

/**
 * The refusals of MySQL 5.7's privilege checks, each with the account it names as MySQL names it:
 * {@code check_access} (1044 for a database, 1045 for a global privilege asked with a table)
 * names the matched account (priv_user@priv_host, e.g. {@code 'app'@'%'}); {@code check_grant}
 * (1142) names the client's host.
 */
final class AccessDenied {
    private AccessDenied() {
    }

    /** 1044: a database-level privilege that no table grant could give (LOCK TABLES, CREATE ROUTINE, …). */
    static SqlError database(Session s, String db) {
        return ErrorCode.ER_DBACCESS_DENIED_ERROR.error(s.user(), s.account().name().host(), db);
    }

    /** 1142 for one missing table privilege. */
    static SqlError table(Session s, Privilege missing, String table) {
        return ErrorCode.ER_TABLEACCESS_DENIED_ERROR.error(missing.commandName(), s.user(), s.account().clientHost(),
                table);
    }

    /**
     * 1045: a global-only privilege (FILE) asked together with a table's, MySQL's "we can never
     * grant this" answer of check_access, worded as a failed login.
     */
    static SqlError global(Session s) {
        return ErrorCode.ER_ACCESS_DENIED_ERROR.error(s.user(), s.account().name().host(),
                s.account().usedPassword() ? "YES" : "NO");
    }
}
