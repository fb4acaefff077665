package io.minisqld.server.sql.statement;

import io.minisqld.server.grant.AccountName;
import io.minisqld.server.grant.GrantLevel;
import io.minisqld.server.grant.Privilege;

import io.minisqld.server.grant.GrantLevel;
import io.minisqld.server.grant.Privilege;
import io.minisqld.server.grant.AccountName;
import java.util.List;
import java.util.Set;

/** A parsed account statement: CREATE/DROP/ALTER/RENAME USER, SET PASSWORD, GRANT, REVOKE, SHOW GRANTS. */
public sealed interface AccountStatement extends Statement {

    /** All account statements but SHOW GRANTS change accounts. */
    @Override
    default boolean writes() {
        return !(this instanceof ShowGrants);
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
        @Override
        public StatementKind kind() {
            return StatementKind.CREATE_USER;
        }
    }

    record DropUser(boolean ifExists, List<UserRef> users) implements AccountStatement {
        @Override
        public StatementKind kind() {
            return StatementKind.DROP_USER;
        }
    }

    /** @param lock true for ACCOUNT LOCK, false for ACCOUNT UNLOCK, null if not named */
    record AlterUser(boolean ifExists, List<UserSpec> users, Boolean lock) implements AccountStatement {
        @Override
        public StatementKind kind() {
            return StatementKind.ALTER_USER;
        }
    }

    record SetPassword(UserRef user, String hash) implements AccountStatement {
        @Override
        public StatementKind kind() {
            return StatementKind.SET_PASSWORD;
        }
    }

    record RenameUser(List<Rename> renames) implements AccountStatement {
        public record Rename(AccountName from, AccountName to) {
        }

        @Override
        public StatementKind kind() {
            return StatementKind.RENAME_USER;
        }
    }

    record Grant(PrivilegeList privileges, GrantLevel level, List<UserSpec> users, boolean withGrantOption)
            implements AccountStatement {
        @Override
        public StatementKind kind() {
            return StatementKind.GRANT;
        }
    }

    record Revoke(PrivilegeList privileges, GrantLevel level, List<UserRef> users) implements AccountStatement {
        @Override
        public StatementKind kind() {
            return StatementKind.REVOKE;
        }
    }

    /** {@code REVOKE ALL PRIVILEGES, GRANT OPTION FROM user, …}. */
    record RevokeAll(List<UserRef> users) implements AccountStatement {
        @Override
        public StatementKind kind() {
            return StatementKind.REVOKE;
        }
    }

    record ShowGrants(UserRef user) implements AccountStatement {
        @Override
        public StatementKind kind() {
            return StatementKind.SHOW_GRANTS;
        }
    }

    record FlushPrivileges() implements AccountStatement {
        @Override
        public StatementKind kind() {
            return StatementKind.FLUSH;
        }
    }
}
