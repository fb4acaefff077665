package io.minisqld.server.auth;

import io.minisqld.server.grant.AccountName;

/**
 * A session's authenticated identity. Privileges are not copied here: every check asks the
 * {@link AccountStore}'s current snapshot, so GRANT and REVOKE take effect at the next statement.
 *
 * @param name         the matched account (MySQL's priv_user/priv_host), e.g. {@code ''@'localhost'}
 *                     for the anonymous account
 * @param clientUser   the user name the client sent
 * @param clientHost   the client's host as MySQL names it ({@code localhost} for loopback)
 * @param usedPassword true if the client sent a non-empty token (the "using password" of 1045)
 * @param internal     true for the server's own threads (replica applier, bootstrap): every check passes
 */
public record Account(AccountName name, String clientUser, String clientHost, boolean usedPassword,
                      boolean internal) {

    /** The server itself, as MySQL's replica SQL thread: all privileges, no row in mysql.user. */
    public static Account internal(String label) {
        return new Account(new AccountName(label, "localhost"), label, "localhost", false, true);
    }

    /** A user session that authenticated as {@code name}. */
    public static Account of(AccountName name, String clientUser, String clientHost, boolean usedPassword) {
        return new Account(name, clientUser, clientHost, usedPassword, false);
    }
}
