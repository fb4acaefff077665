package io.minisqld.server.auth;

import java.util.List;
import java.util.Set;

/** A parsed account statement: the closed set that {@link AccountStatements} executes. */
public sealed interface AccountStatement {

    /** An account named in a statement; {@link #CURRENT} is CURRENT_USER / USER(). */
    record UserRef(AccountName name) {
        public static final UserRef CURRENT = new UserRef(null);

        public boolean current() {
            return name == null;
        }

        /** The account this names when {@code account} runs the statement. */
        public AccountName resolve(Account account) {
            return name != null ? name : account.name();
        }
    }

    /** @param hash the new {@code authentication_string} ({@code ''} for none), or null if no IDENTIFIED clause */
    record UserSpec(UserRef user, String hash) {
    }

    /** {@code ALL [PRIVILEGES]} or a list of named privileges (GRANT OPTION among them if named). */
    record PrivilegeList(boolean all, Set<Privilege> named) {
        /** The privileges meant at {@code kind}: ALL expands to that level's set (without GRANT OPTION). */
        public Set<Privilege> at(GrantLevel.Kind kind) {
            return all ? Privilege.all(kind) : named;
        }
    }

    record CreateUser(boolean ifNotExists, List<UserSpec> users) implements AccountStatement {
    }

    record DropUser(boolean ifExists, List<UserRef> users) implements AccountStatement {
    }

    /** @param lock true for ACCOUNT LOCK, false for ACCOUNT UNLOCK, null if not named */
    record AlterUser(boolean ifExists, List<UserSpec> users, Boolean lock) implements AccountStatement {
    }

    record SetPassword(UserRef user, String hash) implements AccountStatement {
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

    record ShowGrants(UserRef user) implements AccountStatement {
    }

    record FlushPrivileges() implements AccountStatement {
    }
}
