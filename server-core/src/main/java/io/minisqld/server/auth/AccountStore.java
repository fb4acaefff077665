package io.minisqld.server.auth;

import io.minisqld.server.engine.EngineSession;
import io.minisqld.server.engine.StorageEngine;
import io.minisqld.server.error.ErrorCode;
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

    static final String NATIVE_PLUGIN = "mysql_native_password";
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
    private volatile Snapshot snapshot;

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
                session.execute(GrantTables.createUser());
                session.execute(GrantTables.createDb());
                session.execute(GrantTables.createTablesPriv());
                if (fresh) {
                    new Changes().createUser(ROOT, "");
                    new Changes().updatePrivileges(ROOT, GrantLevel.GLOBAL, EnumSet.allOf(Privilege.class),
                            Set.of(), "");
                }
                session.commit();
            }
            if (fresh) {
                // MySQL 5.7's error-log line for --initialize-insecure
                LOG.warn("root@localhost is created with an empty password ! Please consider switching off the --initialize-insecure option.");
            }
            snapshot = load();
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
        String ip = normalizeIp(clientIp);
        String host = hostName(ip);
        boolean usedPassword = !NativePassword.isEmptyToken(token);
        for (UserEntry u : snapshot.users()) {
            if (!u.name().user().isEmpty() && !u.name().user().equals(user)) continue;
            if (!hostMatches(u.name().host(), host, ip)) continue;
            if (NATIVE_PLUGIN.equalsIgnoreCase(u.plugin()) && NativePassword.verify(scramble, token, u.authString())) {
                if (u.locked()) throw ErrorCode.ER_ACCOUNT_HAS_BEEN_LOCKED.error(user, host);
                return Account.of(u.name(), user, host, usedPassword);
            }
            break;
        }
        throw ErrorCode.ER_ACCESS_DENIED_ERROR.error(user, host, usedPassword ? "YES" : "NO");
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
        UserEntry u = snapshot.byName().get(account.name());
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
        Snapshot s = snapshot;
        DbEntry d = s.database(account.name(), db);
        if (d != null && d.privileges().contains(privilege)) return true;
        if (table == null) return false;
        TableEntry t = s.table(account.name(), db, table);
        return t != null && t.privileges().contains(privilege);
    }

    /**
     * True if the account may USE {@code db}: any privilege globally (other than GRANT OPTION
     * alone), on the database, or on one of its tables (MySQL's rule for COM_INIT_DB; 1044 otherwise).
     */
    public boolean canUseDatabase(Account account, String db) {
        if (account.internal()) return true;
        Snapshot s = snapshot;
        UserEntry u = s.byName().get(account.name());
        if (u == null) return false;
        if (u.privileges().stream().anyMatch(p -> p != Privilege.GRANT_OPTION)) return true;
        DbEntry d = s.database(account.name(), db);
        if (d != null && !d.privileges().isEmpty()) return true;
        return s.tables().stream().anyMatch(t -> t.name().equals(account.name()) && t.db().equalsIgnoreCase(db));
    }

    /** True if {@code mysql.user} has this account. */
    public boolean exists(AccountName name) {
        return snapshot.byName().containsKey(name);
    }

    /** Every account, in MySQL's matching order. */
    public List<AccountName> accounts() {
        return snapshot.users().stream().map(UserEntry::name).toList();
    }

    /** The stored {@code authentication_string} of an account, or null if there is no such account. */
    public String authenticationString(AccountName name) {
        UserEntry u = snapshot.byName().get(name);
        return u == null ? null : u.authString();
    }

    /** True if {@code db.table} exists in the engine (GRANT on a table needs it: 1146 otherwise). */
    boolean tableExists(String db, String table) {
        synchronized (session) {
            if (!engine.databaseExists(db)) return false;
            return session.tables(db).stream().anyMatch(t -> t.name().equalsIgnoreCase(table));
        }
    }

    /** SHOW GRANTS FOR an account: its lines as MySQL 5.7 prints them; 1141 if it does not exist. */
    public List<String> grants(AccountName name) {
        Snapshot s = snapshot;
        UserEntry u = s.byName().get(name);
        if (u == null) throw ErrorCode.ER_NONEXISTING_GRANT.error(name.user(), name.host());
        List<String> lines = new ArrayList<>();
        lines.add(grantLine(u.privileges(), GrantLevel.GLOBAL, name));
        s.databases().stream().filter(d -> d.name().equals(name))
                .sorted(Comparator.comparing(DbEntry::db))
                .forEach(d -> lines.add(grantLine(d.privileges(), GrantLevel.database(d.db()), name)));
        s.tables().stream().filter(t -> t.name().equals(name))
                .sorted(Comparator.comparing(TableEntry::db).thenComparing(TableEntry::table))
                .forEach(t -> lines.add(grantLine(t.privileges(), GrantLevel.table(t.db(), t.table()), name)));
        return lines;
    }

    private static String grantLine(Set<Privilege> privileges, GrantLevel level, AccountName name) {
        EnumSet<Privilege> without = EnumSet.noneOf(Privilege.class);
        without.addAll(privileges);
        without.remove(Privilege.GRANT_OPTION);
        String list;
        if (without.isEmpty()) {
            list = "USAGE";
        } else if (without.equals(Privilege.all(level.kind()))) {
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
            snapshot = load();
        }
    }

    /**
     * Runs {@code work} as one engine transaction on the grant tables, under the write lock:
     * commits and reloads the snapshot if it returns, rolls back and rethrows if it throws.
     */
    <T> T change(Function<Changes, T> work) {
        synchronized (writeLock) {
            T result;
            synchronized (session) {
                try {
                    result = work.apply(new Changes());
                    session.commit();
                } catch (RuntimeException e) {
                    session.rollback();
                    throw e;
                }
            }
            snapshot = load();
            return result;
        }
    }

    /** The current snapshot (what a change's checks look at, under the write lock). */
    Snapshot snapshot() {
        return snapshot;
    }

    /** Writes to the grant tables inside {@link #change}; the caller holds the locks. */
    final class Changes {
        Snapshot snapshot() {
            return snapshot;
        }

        boolean userExists(AccountName name) {
            RowsResult r = query("SELECT " + q("User") + " FROM mysql." + q("user") + " WHERE " + key(name));
            return !r.rows().isEmpty();
        }

        void createUser(AccountName name, String hash) {
            session.execute("INSERT INTO mysql." + q("user") + " (" + q("Host") + ", " + q("User") + ", "
                    + q("authentication_string") + ", " + q("plugin") + ") VALUES (" + lit(name.host()) + ", "
                    + lit(name.user()) + ", " + lit(hash) + ", " + lit(NATIVE_PLUGIN) + ")");
        }

        void dropUser(AccountName name) {
            for (String table : List.of("user", "db", "tables_priv")) {
                session.execute("DELETE FROM mysql." + q(table) + " WHERE " + key(name));
            }
        }

        void renameUser(AccountName from, AccountName to) {
            for (String table : List.of("user", "db", "tables_priv")) {
                session.execute("UPDATE mysql." + q(table) + " SET " + q("Host") + " = " + lit(to.host()) + ", "
                        + q("User") + " = " + lit(to.user()) + " WHERE " + key(from));
            }
        }

        void setAuthentication(AccountName name, String hash) {
            session.execute("UPDATE mysql." + q("user") + " SET " + q("authentication_string") + " = " + lit(hash)
                    + ", " + q("plugin") + " = " + lit(NATIVE_PLUGIN) + " WHERE " + key(name));
        }

        /** REVOKE ALL PRIVILEGES, GRANT OPTION: every global, database and table privilege. */
        void revokeAll(AccountName name) {
            updateGlobal(name, Set.of(), EnumSet.allOf(Privilege.class));
            session.execute("DELETE FROM mysql." + q("db") + " WHERE " + key(name));
            session.execute("DELETE FROM mysql." + q("tables_priv") + " WHERE " + key(name));
        }

        void setLocked(AccountName name, boolean locked) {
            session.execute("UPDATE mysql." + q("user") + " SET " + q("account_locked") + " = "
                    + lit(locked ? "Y" : "N") + " WHERE " + key(name));
        }

        /**
         * Adds and removes privileges of one account at one level. A database or table grant row
         * left without privileges is deleted, as MySQL deletes it.
         *
         * @return false if the level had no grant row to start with (REVOKE's 1141/1147); the
         * global level always has one while the account exists
         */
        boolean updatePrivileges(AccountName name, GrantLevel level, Set<Privilege> add, Set<Privilege> remove,
                                 String grantor) {
            return switch (level.kind()) {
                case GLOBAL -> updateGlobal(name, add, remove);
                case DATABASE -> updateDatabase(name, level.db(), add, remove);
                case TABLE -> updateTable(name, level.db(), level.table(), add, remove, grantor);
            };
        }

        private boolean updateGlobal(AccountName name, Set<Privilege> add, Set<Privilege> remove) {
            if (add.isEmpty() && remove.isEmpty()) return true;
            StringBuilder set = new StringBuilder();
            for (Privilege p : Privilege.values()) {
                String v = add.contains(p) ? "Y" : remove.contains(p) ? "N" : null;
                if (v == null) continue;
                if (set.length() > 0) set.append(", ");
                set.append(q(p.column())).append(" = ").append(lit(v));
            }
            session.execute("UPDATE mysql." + q("user") + " SET " + set + " WHERE " + key(name));
            return true;
        }

        private boolean updateDatabase(AccountName name, String db, Set<Privilege> add, Set<Privilege> remove) {
            List<Privilege> cols = GrantTables.dbPrivileges();
            String where = key(name) + " AND " + q("Db") + " = " + lit(db);
            RowsResult r = query("SELECT " + columnList(cols) + " FROM mysql." + q("db") + " WHERE " + where);
            EnumSet<Privilege> now = EnumSet.noneOf(Privilege.class);
            boolean existed = !r.rows().isEmpty();
            if (existed) {
                for (int i = 0; i < cols.size(); i++) {
                    if ("Y".equalsIgnoreCase(r.text(0, i))) now.add(cols.get(i));
                }
            }
            now.addAll(add);
            now.removeAll(remove);
            if (existed) {
                if (now.isEmpty()) {
                    session.execute("DELETE FROM mysql." + q("db") + " WHERE " + where);
                } else {
                    StringBuilder set = new StringBuilder();
                    for (Privilege p : cols) {
                        if (set.length() > 0) set.append(", ");
                        set.append(q(p.column())).append(" = ").append(lit(now.contains(p) ? "Y" : "N"));
                    }
                    session.execute("UPDATE mysql." + q("db") + " SET " + set + " WHERE " + where);
                }
            } else if (!now.isEmpty()) {
                StringBuilder values = new StringBuilder(lit(name.host()) + ", " + lit(db) + ", " + lit(name.user()));
                for (Privilege p : cols) values.append(", ").append(lit(now.contains(p) ? "Y" : "N"));
                session.execute("INSERT INTO mysql." + q("db") + " (" + q("Host") + ", " + q("Db") + ", " + q("User")
                        + ", " + columnList(cols) + ") VALUES (" + values + ")");
            }
            return existed;
        }

        private boolean updateTable(AccountName name, String db, String table, Set<Privilege> add,
                                    Set<Privilege> remove, String grantor) {
            String where = key(name) + " AND " + q("Db") + " = " + lit(db) + " AND " + q("Table_name") + " = " + lit(table);
            RowsResult r = query("SELECT " + q("Table_priv") + " FROM mysql." + q("tables_priv") + " WHERE " + where);
            boolean existed = !r.rows().isEmpty();
            EnumSet<Privilege> now = existed ? parseTablePriv(r.text(0, 0)) : EnumSet.noneOf(Privilege.class);
            now.addAll(add);
            now.removeAll(remove);
            String list = formatTablePriv(now);
            if (existed) {
                if (now.isEmpty()) {
                    session.execute("DELETE FROM mysql." + q("tables_priv") + " WHERE " + where);
                } else {
                    session.execute("UPDATE mysql." + q("tables_priv") + " SET " + q("Table_priv") + " = " + lit(list)
                            + " WHERE " + where);
                }
            } else if (!now.isEmpty()) {
                session.execute("INSERT INTO mysql." + q("tables_priv") + " (" + q("Host") + ", " + q("Db") + ", "
                        + q("User") + ", " + q("Table_name") + ", " + q("Grantor") + ", " + q("Table_priv") + ", "
                        + q("Column_priv") + ") VALUES (" + lit(name.host()) + ", " + lit(db) + ", " + lit(name.user())
                        + ", " + lit(table) + ", " + lit(grantor) + ", " + lit(list) + ", '')");
            }
            return existed;
        }
    }

    // ---------------------------------------------------------------- loading

    private Snapshot load() {
        synchronized (session) {
            try {
                List<Privilege> all = List.of(Privilege.values());
                RowsResult users = query("SELECT " + q("Host") + ", " + q("User") + ", " + q("authentication_string")
                        + ", " + q("plugin") + ", " + q("account_locked") + ", " + columnList(all)
                        + " FROM mysql." + q("user"));
                List<DbEntry> dbs = new ArrayList<>();
                List<Privilege> dbCols = GrantTables.dbPrivileges();
                RowsResult dbRows = query("SELECT " + q("Host") + ", " + q("User") + ", " + q("Db") + ", "
                        + columnList(dbCols) + " FROM mysql." + q("db"));
                RowsResult tableRows = query("SELECT " + q("Host") + ", " + q("User") + ", " + q("Db") + ", "
                        + q("Table_name") + ", " + q("Table_priv") + " FROM mysql." + q("tables_priv"));
                session.commit();

                List<UserEntry> list = new ArrayList<>();
                for (int i = 0; i < users.rows().size(); i++) {
                    EnumSet<Privilege> privileges = EnumSet.noneOf(Privilege.class);
                    for (int c = 0; c < all.size(); c++) {
                        if ("Y".equalsIgnoreCase(users.text(i, 5 + c))) privileges.add(all.get(c));
                    }
                    list.add(new UserEntry(new AccountName(nz(users.text(i, 1)), nz(users.text(i, 0))),
                            nz(users.text(i, 2)), nz(users.text(i, 3)), "Y".equalsIgnoreCase(users.text(i, 4)),
                            Collections.unmodifiableSet(privileges)));
                }
                for (int i = 0; i < dbRows.rows().size(); i++) {
                    EnumSet<Privilege> privileges = EnumSet.noneOf(Privilege.class);
                    for (int c = 0; c < dbCols.size(); c++) {
                        if ("Y".equalsIgnoreCase(dbRows.text(i, 3 + c))) privileges.add(dbCols.get(c));
                    }
                    dbs.add(new DbEntry(new AccountName(nz(dbRows.text(i, 1)), nz(dbRows.text(i, 0))),
                            nz(dbRows.text(i, 2)), Collections.unmodifiableSet(privileges)));
                }
                List<TableEntry> tables = new ArrayList<>();
                for (int i = 0; i < tableRows.rows().size(); i++) {
                    tables.add(new TableEntry(new AccountName(nz(tableRows.text(i, 1)), nz(tableRows.text(i, 0))),
                            nz(tableRows.text(i, 2)), nz(tableRows.text(i, 3)),
                            Collections.unmodifiableSet(parseTablePriv(tableRows.text(i, 4)))));
                }
                return Snapshot.of(list, dbs, tables);
            } catch (RuntimeException e) {
                session.rollback();
                throw e;
            }
        }
    }

    private RowsResult query(String sql) {
        EngineSession.EngineResult r = session.execute(sql);
        if (r instanceof EngineSession.Rows rows) return rows.rows();
        throw ErrorCode.ER_UNKNOWN_ERROR.error("grant table query returned no rows: " + sql);
    }

    static EnumSet<Privilege> parseTablePriv(String list) {
        EnumSet<Privilege> set = EnumSet.noneOf(Privilege.class);
        if (list == null || list.isBlank()) return set;
        for (String part : list.split(",")) {
            Privilege p = Privilege.fromTablePrivName(part);
            if (p != null) set.add(p);
        }
        return set;
    }

    static String formatTablePriv(Set<Privilege> privileges) {
        StringBuilder b = new StringBuilder();
        for (Privilege p : Privilege.values()) {
            if (privileges.contains(p) && p.tableLevel()) {
                if (b.length() > 0) b.append(',');
                b.append(p.tablePrivName());
            }
        }
        return b.toString();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static String columnList(List<Privilege> privileges) {
        StringBuilder b = new StringBuilder();
        for (Privilege p : privileges) {
            if (b.length() > 0) b.append(", ");
            b.append(q(p.column()));
        }
        return b.toString();
    }

    private static String key(AccountName name) {
        return q("Host") + " = " + lit(name.host()) + " AND " + q("User") + " = " + lit(name.user());
    }

    static String q(String identifier) {
        return "`" + identifier + "`";
    }

    /** A MySQL string literal: quotes doubled, backslashes escaped. */
    static String lit(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "''") + "'";
    }

    // ---------------------------------------------------------------- snapshot

    record UserEntry(AccountName name, String authString, String plugin, boolean locked, Set<Privilege> privileges) {
    }

    record DbEntry(AccountName name, String db, Set<Privilege> privileges) {
    }

    record TableEntry(AccountName name, String db, String table, Set<Privilege> privileges) {
    }

    /**
     * The grant tables at one moment. {@code users} is in MySQL's matching order: host
     * specificity, then user specificity (a named user before the anonymous one), then by name
     * for a stable order; {@code databases} likewise by database-pattern specificity.
     */
    record Snapshot(List<UserEntry> users, Map<AccountName, UserEntry> byName, List<DbEntry> databases,
                    List<TableEntry> tables) {

        static Snapshot of(List<UserEntry> users, List<DbEntry> dbs, List<TableEntry> tables) {
            List<UserEntry> sorted = new ArrayList<>(users);
            sorted.sort(Comparator.<UserEntry>comparingInt(u -> -Wildcards.weight(u.name().host()))
                    .thenComparingInt(u -> -Wildcards.weight(u.name().user()))
                    .thenComparing(u -> u.name().host())
                    .thenComparing(u -> u.name().user()));
            Map<AccountName, UserEntry> byName = new HashMap<>();
            for (UserEntry u : sorted) byName.put(u.name(), u);
            List<DbEntry> sortedDbs = new ArrayList<>(dbs);
            sortedDbs.sort(Comparator.<DbEntry>comparingInt(d -> -Wildcards.weight(d.db())).thenComparing(DbEntry::db));
            return new Snapshot(List.copyOf(sorted), Map.copyOf(byName), List.copyOf(sortedDbs), List.copyOf(tables));
        }

        /** The account's most specific database grant whose pattern matches {@code db}, or null. */
        DbEntry database(AccountName name, String db) {
            for (DbEntry d : databases) {
                if (d.name().equals(name) && Wildcards.matches(d.db(), db, true)) return d;
            }
            return null;
        }

        TableEntry table(AccountName name, String db, String table) {
            for (TableEntry t : tables) {
                if (t.name().equals(name) && t.db().equalsIgnoreCase(db) && t.table().equalsIgnoreCase(table)) return t;
            }
            return null;
        }
    }
}
