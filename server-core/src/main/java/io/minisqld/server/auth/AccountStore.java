package io.minisqld.server.auth;

import io.minisqld.server.grant.NativePassword;

import io.minisqld.server.grant.GrantLevel;
import io.minisqld.server.grant.Privilege;
import io.minisqld.server.grant.TlsPeer;
import io.minisqld.server.grant.AccountName;
import io.minisqld.server.engine.EngineSession;
import io.minisqld.server.engine.StorageEngine;
import io.minisqld.server.error.ErrorCode;
import io.minisqld.server.error.SqlError;
import io.minisqld.server.result.RowsResult;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's accounts and grants: the tables {@code mysql.user}, {@code mysql.db} and
 * {@code mysql.tables_priv} in the storage engine, and an immutable in-memory snapshot of them
 * that authentication and privilege checks read without locking. The snapshot is rebuilt from
 * the tables after every change and on FLUSH PRIVILEGES, as MySQL rebuilds its ACL cache.
 * One per server; thread-safe.
 */
public final class AccountStore {
    private static final Logger LOG = LoggerFactory.getLogger(AccountStore.class);

    static final String NATIVE_PLUGIN = NativePassword.PLUGIN;
    private static final AccountName ROOT = new AccountName("root", "localhost");

    private final StorageEngine engine;
    private final EngineSession session;

    /**
     * Serialises every change of the grant tables with the snapshot reload that follows it, so
     * that a check-then-write (CREATE USER of an absent account) is atomic. Taken before the
     * system session's monitor (which other server components also take), never while holding it.
     */
    private final Object writeLock = new Object();

    /** Replaced whole, under {@link #writeLock}; read without a lock. */
    private volatile GrantSnapshot snapshot;

    private final HourlyLimits hourly = new HourlyLimits(System::currentTimeMillis);

    private AccountStore(StorageEngine engine) {
        this.engine = engine;
        this.session = engine.systemSession();
    }

    /**
     * Opens the account store of a server: creates the grant tables if they are missing and, on
     * a fresh datadir (no {@code mysql.user} yet), the account {@code root@localhost} with an
     * empty password and all privileges, as {@code mysqld --initialize-insecure} does.
     */
    public static AccountStore open(StorageEngine engine) {
        AccountStore store = new AccountStore(engine);
        store.bootstrap();
        return store;
    }

    private void bootstrap() {
        synchronized (writeLock) {
            boolean fresh;
            synchronized (session) {
                engine.createDatabase("mysql", true);
                fresh = session.tables("mysql").stream().noneMatch(t -> t.name().equalsIgnoreCase("user"));
                session.executeInternal(GrantTables.createUser());
                // a datadir from before REQUIRE existed: its mysql.user gains MySQL's ssl_* columns
                for (String[] column : GrantTables.TLS_COLUMNS) {
                    if (session.describe("mysql", "user").columns().stream().noneMatch(c -> c.name().equalsIgnoreCase(column[0]))) {
                        session.executeInternal("ALTER TABLE mysql.`user` ADD COLUMN `" + column[0] + "` " + column[1]);
                    }
                }
                // and one from before WITH MAX_USER_CONNECTIONS, MySQL's max_user_connections column
                if (session.describe("mysql", "user").columns().stream()
                        .noneMatch(c -> c.name().equalsIgnoreCase("max_user_connections"))) {
                    session.executeInternal("ALTER TABLE mysql.`user` ADD COLUMN `max_user_connections` BIGINT NOT NULL DEFAULT 0");
                }
                // and one from before password expiry: MySQL's password_* columns
                for (String[] column : java.util.stream.Stream.concat(java.util.Arrays.stream(GrantTables.PASSWORD_COLUMNS),
                        java.util.Arrays.stream(GrantTables.HOURLY_COLUMNS)).toList()) {
                    if (session.describe("mysql", "user").columns().stream().noneMatch(c -> c.name().equalsIgnoreCase(column[0]))) {
                        session.executeInternal("ALTER TABLE mysql.`user` ADD COLUMN `" + column[0] + "` " + column[1]);
                    }
                }
                session.executeInternal(GrantTables.createDb());
                session.executeInternal(GrantTables.createTablesPriv());
                session.executeInternal(GrantTables.createColumnsPriv());
                session.executeInternal(GrantTables.createProcsPriv());
                if (fresh) {
                    new GrantTableChanges(session, snapshot).createUser(ROOT, "");
                    new GrantTableChanges(session, snapshot).updatePrivileges(ROOT, GrantLevel.GLOBAL, EnumSet.allOf(Privilege.class),
                            Set.of(), "");
                }
                session.commit();
            }
            if (fresh) {
                // MySQL 5.7's error-log line for --initialize-insecure
                LOG.warn("root@localhost is created with an empty password ! Please consider switching off the --initialize-insecure option.");
            }
            snapshot = GrantSnapshot.load(session);
        }
    }

    // ---------------------------------------------------------------- authentication

    /**
     * Authenticates a client as MySQL does: the accounts are ordered most specific host first
     * (then most specific user), the first whose host pattern matches the client's host name or
     * IP and whose user is the client's or anonymous ({@code ''}) is the only candidate, and
     * its password decides. Throws 1045 (28000) naming the client's host, or 3118 for a locked
     * account whose password was right.
     *
     * @param clientIp the peer's address as the socket gives it (an optional port and a leading
     *                 {@code /} are ignored); 127.0.0.1 and ::1 are {@code localhost}
     */
    public Account authenticate(String user, String clientIp, byte[] scramble, byte[] token) {
        return authenticate(user, clientIp, scramble, token, null);
    }

    /** A hash no password has, checked for a user without an account (see authenticate). */
    private static final String NO_ACCOUNT_HASH = "*" + "0".repeat(40);

    /**
     * As {@link #authenticate(String, String, byte[], byte[])}, for a connection over TLS
     * ({@code tls} names its cipher and the client's certificate) or not (null): an account whose
     * REQUIRE clause the connection does not meet is 1045, as in MySQL.
     */
    public Account authenticate(String user, String clientIp, byte[] scramble, byte[] token, TlsPeer tls) {
        String ip = normalizeIp(clientIp);
        String host = hostName(ip);
        boolean usedPassword = !NativePassword.isEmptyToken(token);
        for (GrantSnapshot.UserEntry u : snapshot.users()) {
            if (!u.name().user().isEmpty() && !u.name().user().equals(user)) continue;
            if (!hostMatches(u.name().host(), host, ip)) continue;
            if (NATIVE_PLUGIN.equalsIgnoreCase(u.plugin()) && NativePassword.verify(scramble, token, u.authString())) {
                if (!u.tls().admits(tls)) throw ErrorCode.ER_ACCESS_DENIED_ERROR.error(user, host, usedPassword ? "YES" : "NO");
                if (u.locked()) throw ErrorCode.ER_ACCOUNT_HAS_BEEN_LOCKED.error(user, host);
                return Account.of(u.name(), user, host, usedPassword);
            }
            throw ErrorCode.ER_ACCESS_DENIED_ERROR.error(user, host, usedPassword ? "YES" : "NO");
        }
        // no such account: the same work as a wrong password (one hash check) and the same error,
        // so that neither the answer nor its time tells whether the user exists
        NativePassword.verify(scramble, token, NO_ACCOUNT_HASH);
        throw ErrorCode.ER_ACCESS_DENIED_ERROR.error(user, host, usedPassword ? "YES" : "NO");
    }

    /**
     * Whether an account's password has expired, as MySQL 5.7 decides at login: marked expired
     * (PASSWORD EXPIRE), or older than its lifetime (its own, else {@code defaultLifetimeDays};
     * 0 is never).
     */
    public boolean passwordExpired(AccountName name, long defaultLifetimeDays) {
        GrantSnapshot.UserEntry u = snapshot.byName().get(name);
        if (u == null) return false;
        if (u.passwordExpired()) return true;
        long days = u.passwordLifetime() != null ? u.passwordLifetime() : defaultLifetimeDays;
        if (days <= 0 || u.passwordLastChangedMillis() == 0) return false;
        return System.currentTimeMillis() - u.passwordLastChangedMillis() >= days * 86_400_000L;
    }

    /** The client's host as MySQL names it: {@code localhost} for 127.0.0.1 and ::1, else the IP. */
    public static String clientHostName(String clientIp) {
        return hostName(normalizeIp(clientIp));
    }

    static String normalizeIp(String address) {
        String a = address == null ? "" : address.trim();
        int slash = a.indexOf('/');
        if (slash >= 0) a = a.substring(slash + 1);
        if (a.startsWith("[")) {
            int close = a.indexOf(']');
            a = close > 0 ? a.substring(1, close) : a.substring(1);
        } else if (a.indexOf(':') >= 0 && a.indexOf(':') == a.lastIndexOf(':')) {
            a = a.substring(0, a.indexOf(':'));
        }
        int zone = a.indexOf('%');
        if (zone >= 0) a = a.substring(0, zone);
        String lower = a.toLowerCase(Locale.ROOT);
        if (lower.startsWith("::ffff:") && lower.indexOf('.') > 0) return lower.substring(7);
        if (lower.equals("0:0:0:0:0:0:0:1")) return "::1";
        return lower;
    }

    private static String hostName(String ip) {
        return ip.equals("127.0.0.1") || ip.equals("::1") || ip.equals("localhost") ? "localhost" : ip;
    }

    // A pattern is compared with the host name (ignoring case) and with the IP, as MySQL does.
    private static boolean hostMatches(String pattern, String host, String ip) {
        return Wildcards.matches(pattern, host, true) || Wildcards.matches(pattern, ip, false);
    }

    // ---------------------------------------------------------------- privilege checks

    /** True if the account holds {@code privilege} on {@code *.*}. */
    public boolean hasGlobal(Account account, Privilege privilege) {
        if (account.internal()) return true;
        GrantSnapshot.UserEntry u = snapshot.byName().get(account.name());
        return u != null && u.privileges().contains(privilege);
    }

    /**
     * True if the account holds {@code privilege} globally, on {@code db} (the most specific of
     * its database grants whose pattern matches, as MySQL picks one), or on {@code db.table}.
     * {@code db} and {@code table} may be null for "no such level".
     */
    public boolean has(Account account, Privilege privilege, String db, String table) {
        if (hasGlobal(account, privilege)) return true;
        if (db == null) return false;
        GrantSnapshot s = snapshot;
        GrantSnapshot.DbEntry d = s.database(account.name(), db);
        if (d != null && d.privileges().contains(privilege)) return true;
        if (table == null) return false;
        GrantSnapshot.TableEntry t = s.table(account.name(), db, table);
        return t != null && t.privileges().contains(privilege);
    }

    /**
     * True if the account may USE {@code db}: a privilege of the database kind (MySQL's DB_ACLS,
     * GRANT OPTION among them) globally or on the database, or any privilege on one of its tables
     * (MySQL's rule for COM_INIT_DB; 1044 otherwise). A global RELOAD, PROCESS, SUPER, … alone
     * opens no database.
     */
    public boolean canUseDatabase(Account account, String db) {
        if (account.internal()) return true;
        GrantSnapshot s = snapshot;
        GrantSnapshot.UserEntry u = s.byName().get(account.name());
        if (u == null) return false;
        if (u.privileges().stream().anyMatch(Privilege::databaseLevel)) return true;
        GrantSnapshot.DbEntry d = s.database(account.name(), db);
        if (d != null && !d.privileges().isEmpty()) return true;
        return s.tables().stream().anyMatch(t -> t.name().equals(account.name()) && t.db().equalsIgnoreCase(db))
                || s.routines().stream().anyMatch(r -> r.name().equals(account.name()) && r.db().equalsIgnoreCase(db));
    }

    /** The account's own WITH MAX_USER_CONNECTIONS, 0 for none. */
    public long maxUserConnections(Account account) {
        GrantSnapshot.UserEntry u = snapshot.byName().get(account.name());
        return u == null || account.internal() ? 0 : u.maxUserConnections();
    }

    /**
     * True if the account holds {@code privilege} (EXECUTE, ALTER ROUTINE) globally, on the
     * routine's database, or on the routine itself ({@code mysql.procs_priv}).
     */
    public boolean hasRoutine(Account account, Privilege privilege, String db, String routine, boolean function) {
        if (has(account, privilege, db, null)) return true;
        GrantSnapshot.RoutineEntry r = snapshot.routine(account.name(), db, routine, function);
        return r != null && r.privileges().contains(privilege);
    }

    /**
     * MySQL's automatic_sp_privileges (ON, its default): the creator of a routine who could not
     * execute and alter it gets EXECUTE and ALTER ROUTINE on it.
     */
    public void routineCreated(Account creator, String db, String routine, boolean function) {
        if (creator.internal() || !exists(creator.name())) return;
        if (hasRoutine(creator, Privilege.EXECUTE, db, routine, function)
                && hasRoutine(creator, Privilege.ALTER_ROUTINE, db, routine, function)) {
            return;
        }
        change(tx -> tx.updatePrivileges(creator.name(), GrantLevel.routine(db, routine, function),
                EnumSet.of(Privilege.EXECUTE, Privilege.ALTER_ROUTINE), Set.of(), creator.name().plain()));
    }

    /** A dropped routine's grants go with it (automatic_sp_privileges). */
    public void routineDropped(String db, String routine, boolean function) {
        if (snapshot.routines().stream().noneMatch(r -> r.db().equalsIgnoreCase(db) && r.routine().equalsIgnoreCase(routine)
                && r.type().equals(function ? "FUNCTION" : "PROCEDURE"))) {
            return;
        }
        change(tx -> {
            tx.dropRoutineGrants(GrantLevel.routine(db, routine, function));
            return null;
        });
    }

    /** True if {@code mysql.user} has this account. */
    public boolean exists(AccountName name) {
        return snapshot.byName().containsKey(name);
    }

    /** Every account, in MySQL's matching order. */
    public List<AccountName> accounts() {
        return snapshot.users().stream().map(GrantSnapshot.UserEntry::name).toList();
    }

    /** The stored {@code authentication_string} of an account, or null if there is no such account. */
    public String authenticationString(AccountName name) {
        GrantSnapshot.UserEntry u = snapshot.byName().get(name);
        return u == null ? null : u.authString();
    }

    /**
     * The CREATE USER statement SHOW CREATE USER prints for an account, MySQL 5.7's form; null if
     * there is no such account.
     */
    public String createUser(AccountName name) {
        GrantSnapshot.UserEntry u = snapshot.byName().get(name);
        if (u == null) return null;
        String auth = u.authString() == null || u.authString().isEmpty() ? ""
                : " AS '" + u.authString().replace("'", "''") + "'";
        return "CREATE USER " + name.quoted() + " IDENTIFIED WITH '" + (u.plugin() == null || u.plugin().isEmpty()
                ? "mysql_native_password" : u.plugin()) + "'" + auth + u.tls().clause()
                + limits(u)
                + (u.passwordExpired() ? " PASSWORD EXPIRE" : u.passwordLifetime() == null ? " PASSWORD EXPIRE DEFAULT"
                        : u.passwordLifetime() == 0 ? " PASSWORD EXPIRE NEVER"
                        : " PASSWORD EXPIRE INTERVAL " + u.passwordLifetime() + " DAY")
                + " ACCOUNT "
                + (u.locked() ? "LOCK" : "UNLOCK");
    }

    /** SHOW CREATE USER's WITH clause: the limits that are set, in MySQL's order; empty when none is. */
    private static String limits(GrantSnapshot.UserEntry u) {
        StringBuilder b = new StringBuilder();
        if (u.maxQuestions() > 0) b.append(" MAX_QUERIES_PER_HOUR ").append(u.maxQuestions());
        if (u.maxUpdates() > 0) b.append(" MAX_UPDATES_PER_HOUR ").append(u.maxUpdates());
        if (u.maxConnectionsPerHour() > 0) b.append(" MAX_CONNECTIONS_PER_HOUR ").append(u.maxConnectionsPerHour());
        if (u.maxUserConnections() > 0) b.append(" MAX_USER_CONNECTIONS ").append(u.maxUserConnections());
        return b.length() == 0 ? "" : " WITH" + b;
    }

    /** True if {@code db.table} exists in the engine (GRANT on a table needs it: 1146 otherwise). */
    boolean tableExists(String db, String table) {
        synchronized (session) {
            if (!engine.databaseExists(db)) return false;
            return session.tables(db).stream().anyMatch(t -> t.name().equalsIgnoreCase(table));
        }
    }

    /** The columns of {@code db.table}, in table order (a column GRANT names some of them). */
    List<String> tableColumns(String db, String table) {
        synchronized (session) {
            return session.describe(db, table).columns().stream().map(c -> c.name()).toList();
        }
    }

    /**
     * The privileges the account's column grants give on {@code db.table.column} (SELECT, INSERT,
     * UPDATE, REFERENCES of {@code mysql.columns_priv}); empty without one.
     */
    public Set<Privilege> columnPrivileges(Account account, String db, String table, String column) {
        EnumSet<Privilege> out = EnumSet.noneOf(Privilege.class);
        if (account.internal()) return out;
        for (GrantSnapshot.ColumnEntry c : snapshot.columns(account.name(), db, table)) {
            if (c.column().equalsIgnoreCase(column)) out.addAll(c.privileges());
        }
        return out;
    }

    /** True if the account holds {@code privilege} on some column of {@code db.table}. */
    public boolean hasColumnGrants(Account account, Privilege privilege, String db, String table) {
        if (account.internal()) return false;
        return snapshot.columns(account.name(), db, table).stream().anyMatch(c -> c.privileges().contains(privilege));
    }

    /** SHOW GRANTS FOR an account: its lines as MySQL 5.7 prints them; 1141 if it does not exist. */
    public List<String> grants(AccountName name) {
        GrantSnapshot s = snapshot;
        GrantSnapshot.UserEntry u = s.byName().get(name);
        if (u == null) throw ErrorCode.ER_NONEXISTING_GRANT.error(name.user(), name.host());
        List<String> lines = new ArrayList<>();
        lines.add(grantLine(u.privileges(), GrantLevel.GLOBAL, name));
        s.databases().stream().filter(d -> d.name().equals(name))
                .sorted(Comparator.comparing(GrantSnapshot.DbEntry::db))
                .forEach(d -> lines.add(grantLine(d.privileges(), GrantLevel.database(d.db()), name)));
        s.tables().stream().filter(t -> t.name().equals(name))
                .sorted(Comparator.comparing(GrantSnapshot.TableEntry::db).thenComparing(GrantSnapshot.TableEntry::table))
                .forEach(t -> lines.add(tableGrantLine(t, s.columns(name, t.db(), t.table()))));
        // procedures, then functions, as MySQL 5.7 lists them
        for (String type : List.of("PROCEDURE", "FUNCTION")) {
            s.routines().stream().filter(r -> r.name().equals(name) && r.type().equals(type))
                    .forEach(r -> lines.add(grantLine(r.privileges(),
                            GrantLevel.routine(r.db(), r.routine(), type.equals("FUNCTION")), name)));
        }
        return lines;
    }

    /**
     * A table's line: its privileges, each followed by the columns it is granted on, as MySQL 5.7
     * prints them ({@code GRANT SELECT (c1, c2), INSERT ON `db`.`t`}; a privilege held on the table
     * and on columns is named twice: {@code SELECT, SELECT (c1)}). Columns in name order.
     */
    private static String tableGrantLine(GrantSnapshot.TableEntry t, List<GrantSnapshot.ColumnEntry> columns) {
        GrantLevel level = GrantLevel.table(t.db(), t.table());
        EnumSet<Privilege> onColumns = EnumSet.noneOf(Privilege.class);
        columns.forEach(c -> onColumns.addAll(c.privileges()));
        if (onColumns.isEmpty()) return grantLine(t.privileges(), level, t.name());
        EnumSet<Privilege> tableOnly = EnumSet.noneOf(Privilege.class);
        tableOnly.addAll(t.privileges());
        tableOnly.remove(Privilege.GRANT_OPTION);
        String list;
        if (tableOnly.equals(Privilege.all(level.kind()))) {
            list = "ALL PRIVILEGES";
        } else {
            StringBuilder b = new StringBuilder();
            for (Privilege p : Privilege.values()) {
                if (p == Privilege.GRANT_OPTION || (!tableOnly.contains(p) && !onColumns.contains(p))) continue;
                if (b.length() > 0) b.append(", ");
                b.append(p.grantName());
                if (!onColumns.contains(p)) continue;
                if (tableOnly.contains(p)) b.append(", ").append(p.grantName());
                b.append(" (").append(columns.stream().filter(c -> c.privileges().contains(p))
                        .map(GrantSnapshot.ColumnEntry::column).collect(java.util.stream.Collectors.joining(", ")))
                        .append(')');
            }
            list = b.toString();
        }
        return "GRANT " + list + " ON " + level.display() + " TO " + t.name().quoted()
                + (t.privileges().contains(Privilege.GRANT_OPTION) ? " WITH GRANT OPTION" : "");
    }

    private static String grantLine(Set<Privilege> privileges, GrantLevel level, AccountName name) {
        EnumSet<Privilege> without = EnumSet.noneOf(Privilege.class);
        without.addAll(privileges);
        without.remove(Privilege.GRANT_OPTION);
        String list;
        if (without.isEmpty()) {
            list = "USAGE";
        } else if (level.kind() != GrantLevel.Kind.ROUTINE && without.equals(Privilege.all(level.kind()))) {
            // a routine's line names its privileges, never ALL (MySQL's show_routine_grants)
            list = "ALL PRIVILEGES";
        } else {
            StringBuilder b = new StringBuilder();
            for (Privilege p : without) {
                if (b.length() > 0) b.append(", ");
                b.append(p.grantName());
            }
            list = b.toString();
        }
        return "GRANT " + list + " ON " + level.display() + " TO " + name.quoted()
                + (privileges.contains(Privilege.GRANT_OPTION) ? " WITH GRANT OPTION" : "");
    }

    // ---------------------------------------------------------------- changes

    /** FLUSH PRIVILEGES: rebuilds the snapshot from the tables (after someone edited them by hand). */
    public void reload() {
        synchronized (writeLock) {
            snapshot = GrantSnapshot.load(session);
        }
        // FLUSH PRIVILEGES starts the per-hour counts again, as MySQL's reset_mqh
        hourly.reset();
    }

    /** FLUSH USER_RESOURCES: the per-hour counts of every account start again. */
    public void flushUserResources() {
        hourly.reset();
    }

    /**
     * Counts a statement of {@code account} against its MAX_QUERIES_PER_HOUR and, when it changes
     * data, its MAX_UPDATES_PER_HOUR (1226 beyond either), as MySQL's check_mqh.
     */
    public void countStatement(Account account, boolean changesData) {
        if (account.internal()) return;
        GrantSnapshot.UserEntry u = snapshot.byName().get(account.name());
        if (u == null) return;
        hourly.count(u.name(), HourlyLimits.Kind.QUESTIONS, u.maxQuestions());
        if (changesData) hourly.count(u.name(), HourlyLimits.Kind.UPDATES, u.maxUpdates());
    }

    /** Counts a login of {@code account} against its MAX_CONNECTIONS_PER_HOUR (1226 beyond it). */
    public void countConnection(Account account) {
        if (account.internal()) return;
        GrantSnapshot.UserEntry u = snapshot.byName().get(account.name());
        if (u != null) hourly.count(u.name(), HourlyLimits.Kind.CONNECTIONS, u.maxConnectionsPerHour());
    }

    /**
     * Runs {@code work} as one engine transaction on the grant tables, under the write lock:
     * commits and reloads the snapshot if it returns, rolls back and rethrows if it throws.
     */
    <T> T change(Function<GrantTableChanges, T> work) {
        synchronized (writeLock) {
            T result;
            synchronized (session) {
                try {
                    result = work.apply(new GrantTableChanges(session, snapshot));
                    session.commit();
                } catch (RuntimeException e) {
                    session.rollback();
                    throw e;
                }
            }
            snapshot = GrantSnapshot.load(session);
            return result;
        }
    }

    /** The current snapshot (what a change's checks look at, under the write lock). */
    GrantSnapshot snapshot() {
        return snapshot;
    }
}
