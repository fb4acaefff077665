package io.minisqld.server.auth;

import io.minisqld.server.grant.GrantLevel;
import io.minisqld.server.grant.Privilege;
import io.minisqld.server.grant.AccountName;
import io.minisqld.server.sql.statement.AccountStatement;
import io.minisqld.server.sql.statement.AccountStatement.AlterUser;
import io.minisqld.server.sql.statement.AccountStatement.CreateUser;
import io.minisqld.server.sql.statement.AccountStatement.DropUser;
import io.minisqld.server.sql.statement.AccountStatement.FlushPrivileges;
import io.minisqld.server.sql.statement.AccountStatement.Grant;
import io.minisqld.server.sql.statement.AccountStatement.RenameUser;
import io.minisqld.server.sql.statement.AccountStatement.Revoke;
import io.minisqld.server.sql.statement.AccountStatement.RevokeAll;
import io.minisqld.server.sql.statement.AccountStatement.SetPassword;
import io.minisqld.server.sql.statement.AccountStatement.ShowGrants;
import io.minisqld.server.sql.statement.AccountStatement.UserRef;
import io.minisqld.server.sql.statement.AccountStatement.UserSpec;
import io.minisqld.server.error.ErrorCode;
import io.minisqld.server.result.Column;
import io.minisqld.server.result.OkResult;
import io.minisqld.server.result.RowsResult;
import io.minisqld.server.result.StatementResult;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Executes the account statements for a session's account: privilege checks, then the change
 * through the {@link AccountStore}, with MySQL 5.7's error numbers and texts. One per server;
 * thread-safe (the store serialises the changes).
 */
public final class AccountStatements {
    private static final String MYSQL_DB = "mysql";

    private final AccountStore store;
    private final PasswordPolicy passwords;

    public AccountStatements(AccountStore store) {
        this(store, PasswordPolicy.NONE);
    }

    /** @param passwords what new passwords given in clear are checked against (VALIDATE PASSWORD plugins) */
    public AccountStatements(AccountStore store, PasswordPolicy passwords) {
        this.store = store;
        this.passwords = passwords;
    }

    /** VALIDATE_PASSWORD_STRENGTH(): 0 to 100, 0 without a VALIDATE PASSWORD plugin. */
    public int passwordStrength(String cleartext) {
        return passwords.strength(cleartext);
    }

    /** The new passwords of a statement, checked before anything changes (1819). */
    private void checkPasswords(List<UserSpec> users, boolean creating, Account current) {
        // the server's own statements (a replica's SQL thread, start-up) carry hashes they must apply
        if (current.internal()) return;
        for (UserSpec spec : users) {
            // CREATE USER without a password checks the empty one, as MySQL 5.7 does
            if (spec.cleartext() != null) passwords.check(spec.cleartext());
            else if (creating && spec.hash() == null) passwords.check("");
        }
    }

    /** Runs a parsed statement. */
    public StatementResult execute(AccountStatement statement, Account current) {
        return execute(statement, current, note -> { });
    }

    /**
     * Runs a parsed statement; {@code notes} hears MySQL's notes for the accounts an IF [NOT]
     * EXISTS passed over (3162 "User 'u'@'%' does not exist.", 3163 "… already exists.").
     */
    public StatementResult execute(AccountStatement statement, Account current,
                                   java.util.function.Consumer<io.minisqld.server.error.SqlError> notes) {
        if (statement instanceof CreateUser s) return createUser(s, current, notes);
        if (statement instanceof DropUser s) return dropUser(s, current, notes);
        if (statement instanceof AlterUser s) return alterUser(s, current, notes);
        if (statement instanceof SetPassword s) return setPassword(s, current);
        if (statement instanceof RenameUser s) return renameUser(s, current);
        if (statement instanceof Grant s) return grant(s, current);
        if (statement instanceof Revoke s) return revoke(s, current);
        if (statement instanceof RevokeAll s) return revokeAll(s, current);
        if (statement instanceof ShowGrants s) return showGrants(s, current);
        if (statement instanceof io.minisqld.server.sql.statement.AccountStatement.ShowCreateUser s) {
            return showCreateUser(s, current);
        }
        if (statement instanceof FlushPrivileges) return flushPrivileges(current);
        throw new IllegalArgumentException("not an account statement: " + statement);
    }

    // ---------------------------------------------------------------- users

    private StatementResult createUser(CreateUser s, Account current,
                                       java.util.function.Consumer<io.minisqld.server.error.SqlError> notes) {
        requireCreateUser(current, Privilege.INSERT);
        checkPasswords(s.users(), true, current);
        // MySQL creates the accounts it can and names the others in one 1396
        List<AccountName> passed = new ArrayList<>();
        List<AccountName> failed = store.change(tx -> {
            passed.clear();
            List<AccountName> bad = new ArrayList<>();
            for (UserSpec spec : s.users()) {
                AccountName name = spec.user().resolve(current.name());
                if (tx.userExists(name)) {
                    if (!s.ifNotExists()) bad.add(name);
                    else passed.add(name);
                    continue;
                }
                tx.createUser(name, spec.hash() == null ? "" : spec.hash());
                if (s.tls() != null) tx.setTlsRequirement(name, s.tls());
                if (Boolean.TRUE.equals(s.lock())) tx.setLocked(name, true);
                if (s.maxUserConnections() != null) tx.setMaxUserConnections(name, s.maxUserConnections());
                s.hourlyLimits().forEach((column, n) -> tx.setHourlyLimit(name, column, n));
                if (s.expiry() != null) tx.setPasswordExpiry(name, s.expiry());
            }
            return bad;
        });
        failIfAny("CREATE USER", failed);
        for (AccountName name : passed) notes.accept(ErrorCode.ER_USER_ALREADY_EXISTS.error(name.quoted()));
        return OkResult.EMPTY;
    }

    private StatementResult dropUser(DropUser s, Account current,
                                     java.util.function.Consumer<io.minisqld.server.error.SqlError> notes) {
        requireCreateUser(current, Privilege.DELETE);
        List<AccountName> passed = new ArrayList<>();
        List<AccountName> failed = store.change(tx -> {
            passed.clear();
            List<AccountName> bad = new ArrayList<>();
            for (UserRef ref : s.users()) {
                AccountName name = ref.resolve(current.name());
                if (!tx.userExists(name)) {
                    if (!s.ifExists()) bad.add(name);
                    else passed.add(name);
                    continue;
                }
                tx.dropUser(name);
            }
            return bad;
        });
        failIfAny("DROP USER", failed);
        for (AccountName name : passed) notes.accept(ErrorCode.ER_USER_DOES_NOT_EXIST.error(name.quoted()));
        return OkResult.EMPTY;
    }

    private StatementResult alterUser(AlterUser s, Account current,
                                      java.util.function.Consumer<io.minisqld.server.error.SqlError> notes) {
        // changing one's own password needs no privilege (ALTER USER USER() IDENTIFIED BY …)
        boolean onlyOwnPassword = s.lock() == null && s.tls() == null && s.maxUserConnections() == null
                && s.expiry() == null && s.hourlyLimits().isEmpty()
                && s.users().stream()
                .allMatch(u -> u.user().current() || u.user().name().equals(current.name()));
        if (!onlyOwnPassword) requireCreateUser(current, Privilege.UPDATE);
        checkPasswords(s.users(), false, current);
        List<AccountName> passed = new ArrayList<>();
        List<AccountName> failed = store.change(tx -> {
            passed.clear();
            List<AccountName> bad = new ArrayList<>();
            for (UserSpec spec : s.users()) {
                AccountName name = spec.user().resolve(current.name());
                if (!tx.userExists(name)) {
                    if (!s.ifExists()) bad.add(name);
                    else passed.add(name);
                    continue;
                }
                if (spec.hash() != null) tx.setAuthentication(name, spec.hash());
                if (s.lock() != null) tx.setLocked(name, s.lock());
                if (s.tls() != null) tx.setTlsRequirement(name, s.tls());
                if (s.maxUserConnections() != null) tx.setMaxUserConnections(name, s.maxUserConnections());
                s.hourlyLimits().forEach((column, n) -> tx.setHourlyLimit(name, column, n));
                // after IDENTIFIED BY, which clears the mark: ALTER USER u IDENTIFIED BY 'x' PASSWORD EXPIRE expires it
                if (s.expiry() != null) tx.setPasswordExpiry(name, s.expiry());
            }
            return bad;
        });
        failIfAny("ALTER USER", failed);
        for (AccountName name : passed) notes.accept(ErrorCode.ER_USER_DOES_NOT_EXIST.error(name.quoted()));
        return OkResult.EMPTY;
    }

    private StatementResult setPassword(SetPassword s, Account current) {
        AccountName name = s.user().resolve(current.name());
        if (!name.equals(current.name()) && !store.hasGlobal(current, Privilege.CREATE_USER)
                && !store.has(current, Privilege.UPDATE, MYSQL_DB, null)) {
            throw ErrorCode.ER_DBACCESS_DENIED_ERROR.error(current.name().user(), current.name().host(), MYSQL_DB);
        }
        if (!current.internal() && name.equals(current.name()) && name.user().isEmpty()) {
            throw ErrorCode.ER_PASSWORD_ANONYMOUS_USER.error();
        }
        if (s.cleartext() != null && !current.internal()) passwords.check(s.cleartext());
        store.change(tx -> {
            if (!tx.userExists(name)) throw ErrorCode.ER_PASSWORD_NO_MATCH.error();
            tx.setAuthentication(name, s.hash());
            return null;
        });
        return OkResult.EMPTY;
    }

    private StatementResult renameUser(RenameUser s, Account current) {
        requireCreateUser(current, Privilege.UPDATE);
        List<AccountName> failed = store.change(tx -> {
            List<AccountName> bad = new ArrayList<>();
            for (RenameUser.Rename r : s.renames()) {
                if (!tx.userExists(r.from()) || tx.userExists(r.to())) {
                    bad.add(r.from());
                    continue;
                }
                tx.renameUser(r.from(), r.to());
            }
            return bad;
        });
        failIfAny("RENAME USER", failed);
        return OkResult.EMPTY;
    }

    // ---------------------------------------------------------------- grants

    private StatementResult grant(Grant s, Account current) {
        GrantLevel level = s.level();
        Set<Privilege> privileges = EnumSet.noneOf(Privilege.class);
        privileges.addAll(s.privileges().at(level.kind()));
        checkLevel(privileges, level);
        Map<Privilege, List<String>> columns = s.privileges().columns();
        checkColumns(columns, level);
        if (s.withGrantOption()) privileges.add(Privilege.GRANT_OPTION);
        EnumSet<Privilege> given = EnumSet.noneOf(Privilege.class);
        given.addAll(privileges);
        given.addAll(columns.keySet());
        requireGrantRights(current, given, level);
        boolean mayCreate = current.internal() || store.hasGlobal(current, Privilege.CREATE_USER)
                || store.has(current, Privilege.INSERT, MYSQL_DB, null);
        String grantor = current.name().plain();
        checkPasswords(s.users(), false, current);
        store.change(tx -> {
            for (UserSpec spec : s.users()) {
                AccountName name = spec.user().resolve(current.name());
                if (!tx.userExists(name)) {
                    // 5.7's default sql_mode has NO_AUTO_CREATE_USER: only GRANT … IDENTIFIED BY creates
                    if (spec.hash() == null) throw ErrorCode.ER_PASSWORD_NO_MATCH.error();
                    if (!mayCreate) throw ErrorCode.ER_CANT_CREATE_USER_WITH_GRANT.error();
                    tx.createUser(name, spec.hash());
                } else if (spec.hash() != null) {
                    tx.setAuthentication(name, spec.hash());
                }
                tx.updatePrivileges(name, level, privileges, Set.of(), grantor);
                if (!columns.isEmpty()) tx.updateColumns(name, level.db(), level.table(), columns, Map.of(), grantor);
            }
            return null;
        });
        return OkResult.EMPTY;
    }

    private StatementResult revoke(Revoke s, Account current) {
        GrantLevel level = s.level();
        Set<Privilege> privileges = EnumSet.noneOf(Privilege.class);
        privileges.addAll(s.privileges().at(level.kind()));
        checkLevel(privileges, level);
        Map<Privilege, List<String>> columns = s.privileges().columns();
        checkColumns(columns, level);
        Set<Privilege> needed = EnumSet.copyOf(privileges.isEmpty() && columns.isEmpty()
                ? Set.of(Privilege.GRANT_OPTION) : privileges);
        needed.addAll(columns.keySet());
        requireGrantRights(current, needed, level);
        String grantor = current.name().plain();
        store.change(tx -> {
            for (UserRef ref : s.users()) {
                AccountName name = ref.resolve(current.name());
                if (!tx.userExists(name)) throw ErrorCode.ER_NONEXISTING_GRANT.error(name.user(), name.host());
                boolean existed = tx.updatePrivileges(name, level, Set.of(), privileges, grantor);
                if (!columns.isEmpty()) {
                    existed = tx.updateColumns(name, level.db(), level.table(), Map.of(), columns, grantor);
                }
                if (!existed && level.kind() == GrantLevel.Kind.DATABASE) {
                    throw ErrorCode.ER_NONEXISTING_GRANT.error(name.user(), name.host());
                }
                if (!existed && level.kind() == GrantLevel.Kind.ROUTINE) {
                    throw ErrorCode.ER_NONEXISTING_PROC_GRANT.error(name.user(), name.host(), level.table());
                }
                if (!existed && level.kind() == GrantLevel.Kind.TABLE) {
                    throw ErrorCode.ER_NONEXISTING_TABLE_GRANT.error(name.user(), name.host(), level.table());
                }
            }
            return null;
        });
        return OkResult.EMPTY;
    }

    private StatementResult revokeAll(RevokeAll s, Account current) {
        requireCreateUser(current, Privilege.UPDATE);
        boolean anyMissing = store.change(tx -> {
            boolean missing = false;
            for (UserRef ref : s.users()) {
                AccountName name = ref.resolve(current.name());
                if (!tx.userExists(name)) {
                    missing = true;
                    continue;
                }
                tx.revokeAll(name);
            }
            return missing;
        });
        if (anyMissing) throw ErrorCode.ER_REVOKE_GRANTS.error();
        return OkResult.EMPTY;
    }

    private StatementResult showGrants(ShowGrants s, Account current) {
        AccountName name = s.user().resolve(current.name());
        if (!name.equals(current.name()) && !store.has(current, Privilege.SELECT, MYSQL_DB, null)) {
            throw ErrorCode.ER_DBACCESS_DENIED_ERROR.error(current.name().user(), current.name().host(), MYSQL_DB);
        }
        List<String> lines = store.grants(name);
        List<List<String>> rows = lines.stream().map(List::of).toList();
        return RowsResult.of(List.of(Column.textNotNull("Grants for " + name.plain())), rows);
    }

    /**
     * SHOW CREATE USER: MySQL 5.7's statement for the account (its password hash, no TLS or
     * resource options, its lock state); needs SELECT on the mysql database for another account
     * (1044), 1396 for none.
     */
    private StatementResult showCreateUser(io.minisqld.server.sql.statement.AccountStatement.ShowCreateUser s,
                                           Account current) {
        AccountName name = s.user().resolve(current.name());
        if (!name.equals(current.name()) && !store.has(current, Privilege.SELECT, MYSQL_DB, null)) {
            throw ErrorCode.ER_DBACCESS_DENIED_ERROR.error(current.name().user(), current.name().host(), MYSQL_DB);
        }
        String line = store.createUser(name);
        if (line == null) throw ErrorCode.ER_CANNOT_USER.error("SHOW CREATE USER", name.quoted());
        return RowsResult.of(List.of(Column.textNotNull("CREATE USER for " + name.plain())), List.of(List.of(line)));
    }

    private StatementResult flushPrivileges(Account current) {
        if (!store.hasGlobal(current, Privilege.RELOAD)) {
            throw ErrorCode.ER_SPECIFIC_ACCESS_DENIED_ERROR.error(Privilege.RELOAD.grantName());
        }
        store.reload();
        return OkResult.EMPTY;
    }

    // ---------------------------------------------------------------- checks

    /**
     * MySQL 5.7's rule for account management: the global CREATE USER privilege, or the
     * matching privilege on the {@code mysql} database; otherwise 1227 naming CREATE USER.
     */
    private void requireCreateUser(Account current, Privilege onMysqlDb) {
        if (store.hasGlobal(current, Privilege.CREATE_USER) || store.has(current, onMysqlDb, MYSQL_DB, null)) return;
        throw ErrorCode.ER_SPECIFIC_ACCESS_DENIED_ERROR.error(Privilege.CREATE_USER.grantName());
    }

    /** 1221 for global-only privileges on {@code db.*}, 1144 for non-table privileges on a table. */
    private void checkLevel(Set<Privilege> privileges, GrantLevel level) {
        for (Privilege p : privileges) {
            if (p.allowedAt(level.kind())) continue;
            if (level.kind() == GrantLevel.Kind.DATABASE) {
                throw ErrorCode.ER_WRONG_USAGE.error("DB GRANT", "GLOBAL PRIVILEGES");
            }
            throw ErrorCode.ER_ILLEGAL_GRANT_FOR_TABLE.error();
        }
        if (level.kind() == GrantLevel.Kind.TABLE && !store.tableExists(level.db(), level.table())) {
            throw ErrorCode.ER_NO_SUCH_TABLE.error(level.db(), level.table());
        }
    }

    /**
     * Column privileges are granted on one table (1144 elsewhere), on columns it has (1054
     * "Unknown column 'c' in 't'", as MySQL's mysql_table_grant).
     */
    private void checkColumns(Map<Privilege, List<String>> columns, GrantLevel level) {
        if (columns.isEmpty()) return;
        if (level.kind() != GrantLevel.Kind.TABLE) throw ErrorCode.ER_ILLEGAL_GRANT_FOR_TABLE.error();
        List<String> existing = store.tableColumns(level.db(), level.table());
        for (List<String> names : columns.values()) {
            for (String c : names) {
                if (existing.stream().noneMatch(c::equalsIgnoreCase)) {
                    throw ErrorCode.ER_BAD_FIELD_ERROR.error(c, level.table());
                }
            }
        }
    }

    /**
     * GRANT and REVOKE need GRANT OPTION and every privilege given, at the statement's level.
     * MySQL's failures: 1045 on {@code *.*}, 1044 on {@code db.*} (both naming the account),
     * 1142 on a table (naming the missing privileges and the client's host).
     */
    private void requireGrantRights(Account current, Set<Privilege> privileges, GrantLevel level) {
        EnumSet<Privilege> wanted = EnumSet.of(Privilege.GRANT_OPTION);
        wanted.addAll(privileges);
        List<Privilege> missing = new ArrayList<>();
        for (Privilege p : wanted) {
            boolean ok = switch (level.kind()) {
                case GLOBAL -> store.hasGlobal(current, p);
                case DATABASE -> store.has(current, p, level.db(), null);
                case TABLE -> store.has(current, p, level.db(), level.table());
                case ROUTINE -> store.hasRoutine(current, p, level.db(), level.table(), level.function());
            };
            if (!ok) missing.add(p);
        }
        if (missing.isEmpty()) return;
        AccountName me = current.name();
        throw switch (level.kind()) {
            case GLOBAL -> ErrorCode.ER_ACCESS_DENIED_ERROR.error(me.user(), me.host(),
                    current.usedPassword() ? "YES" : "NO");
            case DATABASE -> ErrorCode.ER_DBACCESS_DENIED_ERROR.error(me.user(), me.host(), level.db());
            case TABLE -> ErrorCode.ER_TABLEACCESS_DENIED_ERROR.error(
                    missing.stream().map(Privilege::commandName).collect(Collectors.joining(",")),
                    me.user(), current.clientHost(), level.table());
            // MySQL's check_grant_routine names one: execute, else alter routine, else grant
            case ROUTINE -> ErrorCode.ER_PROCACCESS_DENIED_ERROR.error(missing.contains(Privilege.EXECUTE) ? "execute"
                    : missing.contains(Privilege.ALTER_ROUTINE) ? "alter routine" : "grant", me.user(),
                    current.clientHost(), level.db() + "." + level.table());
        };
    }

    private static void failIfAny(String operation, List<AccountName> failed) {
        if (failed.isEmpty()) return;
        String list = failed.stream().map(AccountName::quoted).collect(Collectors.joining(","));
        throw ErrorCode.ER_CANNOT_USER.error(operation, list);
    }
}
