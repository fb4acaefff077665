package io.minisqld.server.sql.statement;

import io.minisqld.server.grant.AccountName;
import io.minisqld.server.grant.GrantLevel;
import io.minisqld.server.grant.Privilege;
import io.minisqld.server.grant.TlsRequirement;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A parsed account statement: CREATE/DROP/ALTER/RENAME USER, SET PASSWORD, GRANT, REVOKE, SHOW GRANTS. */
public sealed interface AccountStatement extends Statement {

    /** The kind of each statement of the family (its Com_ counter). */
    @Override
    default StatementKind kind() {
        if (this instanceof CreateUser) return StatementKind.CREATE_USER;
        if (this instanceof DropUser) return StatementKind.DROP_USER;
        if (this instanceof AlterUser) return StatementKind.ALTER_USER;
        if (this instanceof SetPassword) return StatementKind.SET_PASSWORD;
        if (this instanceof RenameUser) return StatementKind.RENAME_USER;
        if (this instanceof Grant) return StatementKind.GRANT;
        if (this instanceof Revoke) return StatementKind.REVOKE;
        if (this instanceof RevokeAll) return StatementKind.REVOKE;
        if (this instanceof ShowGrants) return StatementKind.SHOW_GRANTS;
        if (this instanceof ShowCreateUser) return StatementKind.SHOW_CREATE_USER;
        if (this instanceof FlushPrivileges) return StatementKind.FLUSH;
        throw new IllegalStateException("no kind for " + getClass());
    }

    /** All account statements but SHOW GRANTS change accounts. */
    @Override
    default boolean writes() {
        return !(this instanceof ShowGrants) && !(this instanceof ShowCreateUser);
    }

    /** An account named in a statement; {@link #CURRENT} is CURRENT_USER / USER(). */
    record UserRef(AccountName name) {
        public static final UserRef CURRENT = new UserRef(null);

        public boolean current() {
            return name == null;
        }

        /** The account this names when the account {@code current} runs the statement. */
        public AccountName resolve(AccountName current) {
            return name != null ? name : current;
        }
    }

    /**
     * @param hash      the new {@code authentication_string} ({@code ''} for none), or null if no IDENTIFIED clause
     * @param cleartext the password as given in clear ({@code IDENTIFIED BY 'pw'}), which a password
     *                  validation plugin checks; null when given as a hash or not given
     */
    record UserSpec(UserRef user, String hash, String cleartext) {
        public UserSpec(UserRef user, String hash) {
            this(user, hash, null);
        }
    }

    /**
     * {@code ALL [PRIVILEGES]} or a list of named privileges (GRANT OPTION among them if named);
     * {@code columns}: the privileges named with a column list, {@code SELECT (c1, c2)}, and their columns.
     */
    record PrivilegeList(boolean all, Set<Privilege> named, Map<Privilege, List<String>> columns) {
        public PrivilegeList(boolean all, Set<Privilege> named) {
            this(all, named, Map.of());
        }

        /** The privileges meant at {@code kind}: ALL expands to that level's set (without GRANT OPTION). */
        public Set<Privilege> at(GrantLevel.Kind kind) {
            return all ? Privilege.all(kind) : named;
        }
    }

    /**
     * PASSWORD EXPIRE (now), PASSWORD EXPIRE DEFAULT (default_password_lifetime), NEVER, or
     * INTERVAL n DAY.
     */
    record PasswordExpiry(Kind kind, int days) {
        public enum Kind { NOW, DEFAULT, NEVER, INTERVAL }
    }

    /**
     * @param tls                the REQUIRE clause, or null when not named
     * @param lock               ACCOUNT LOCK (true), UNLOCK (false), or not named (null)
     * @param maxUserConnections WITH MAX_USER_CONNECTIONS n, or null if not named
     * @param expiry             the PASSWORD EXPIRE clause, or null if not named
     * @param hourlyLimits       the per-hour limits named: mysql.user's column (max_questions,
     *                           max_updates, max_connections) → n
     */
    record CreateUser(boolean ifNotExists, List<UserSpec> users, TlsRequirement tls, Boolean lock,
                      Long maxUserConnections, PasswordExpiry expiry, java.util.Map<String, Long> hourlyLimits)
            implements AccountStatement {
        public CreateUser(boolean ifNotExists, List<UserSpec> users) {
            this(ifNotExists, users, null, null, null, null, java.util.Map.of());
        }
    }

    record DropUser(boolean ifExists, List<UserRef> users) implements AccountStatement {
    }

    /**
     * @param lock               true for ACCOUNT LOCK, false for ACCOUNT UNLOCK, null if not named
     * @param tls                the REQUIRE clause, or null when not named
     * @param maxUserConnections WITH MAX_USER_CONNECTIONS n, or null if not named
     * @param expiry             the PASSWORD EXPIRE clause, or null if not named
     * @param hourlyLimits       the per-hour limits named: mysql.user's column → n
     */
    record AlterUser(boolean ifExists, List<UserSpec> users, Boolean lock, TlsRequirement tls,
                     Long maxUserConnections, PasswordExpiry expiry, java.util.Map<String, Long> hourlyLimits)
            implements AccountStatement {
        public AlterUser(boolean ifExists, List<UserSpec> users, Boolean lock) {
            this(ifExists, users, lock, null, null, null, java.util.Map.of());
        }
    }

    /** @param cleartext the new password in clear, for password validation plugins */
    record SetPassword(UserRef user, String hash, String cleartext) implements AccountStatement {
        public SetPassword(UserRef user, String hash) {
            this(user, hash, null);
        }
    }

    record RenameUser(List<Rename> renames) implements AccountStatement {
        public record Rename(AccountName from, AccountName to) {
        }
    }

    record Grant(PrivilegeList privileges, GrantLevel level, List<UserSpec> users, boolean withGrantOption)
            implements AccountStatement {
    }

    record Revoke(PrivilegeList privileges, GrantLevel level, List<UserRef> users) implements AccountStatement {
    }

    /** {@code REVOKE ALL PRIVILEGES, GRANT OPTION FROM user, …}. */
    record RevokeAll(List<UserRef> users) implements AccountStatement {
    }

    /** SHOW CREATE USER user: the CREATE USER statement that makes the account as it is. */
    record ShowCreateUser(UserRef user) implements AccountStatement {
    }

    record ShowGrants(UserRef user) implements AccountStatement {
    }

    record FlushPrivileges() implements AccountStatement {
    }
}
