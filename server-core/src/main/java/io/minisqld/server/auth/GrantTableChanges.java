package io.minisqld.server.auth;

import static io.minisqld.server.auth.GrantTables.columnList;
import static io.minisqld.server.auth.GrantTables.key;
import static io.minisqld.server.engine.SqlLiteral.quote;
import static io.minisqld.server.auth.GrantTables.q;

import io.minisqld.server.engine.EngineSession;
import io.minisqld.server.error.SqlError;
import io.minisqld.server.grant.AccountName;
import io.minisqld.server.grant.GrantLevel;
import io.minisqld.server.grant.Privilege;
import io.minisqld.server.grant.TlsRequirement;
import io.minisqld.server.sql.statement.AccountStatement;
import io.minisqld.server.result.RowsResult;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The writes of one change to the grant tables ({@code mysql.user}, {@code mysql.db},
 * {@code mysql.tables_priv}, {@code mysql.columns_priv}), inside {@link AccountStore#change}: the caller holds the store's
 * write lock and the system session's monitor, and the store commits or rolls back.
 */
final class GrantTableChanges {
    private final EngineSession session;
    private final GrantSnapshot snapshot;

    GrantTableChanges(EngineSession session, GrantSnapshot snapshot) {
        this.session = session;
        this.snapshot = snapshot;
    }

    /** The grants before this change (what its checks look at). */
    GrantSnapshot snapshot() {
        return snapshot;
    }

    private RowsResult query(String sql) {
        return GrantSnapshot.query(session, sql);
    }


    boolean userExists(AccountName name) {
        RowsResult r = query("SELECT " + q("User") + " FROM mysql." + q("user") + " WHERE " + key(name));
        return !r.rows().isEmpty();
    }

    void createUser(AccountName name, String hash) {
        session.executeInternal("INSERT INTO mysql." + q("user") + " (" + q("Host") + ", " + q("User") + ", "
                + q("authentication_string") + ", " + q("plugin") + ", " + q("password_last_changed") + ") VALUES ("
                + quote(name.host()) + ", " + quote(name.user()) + ", " + quote(hash) + ", "
                + quote(AccountStore.NATIVE_PLUGIN) + ", CURRENT_TIMESTAMP)");
    }

    void dropUser(AccountName name) {
        for (String table : List.of("user", "db", "tables_priv", "columns_priv", "procs_priv")) {
            session.executeInternal("DELETE FROM mysql." + q(table) + " WHERE " + key(name));
        }
    }

    void renameUser(AccountName from, AccountName to) {
        for (String table : List.of("user", "db", "tables_priv", "columns_priv", "procs_priv")) {
            session.executeInternal("UPDATE mysql." + q(table) + " SET " + q("Host") + " = " + quote(to.host()) + ", "
                    + q("User") + " = " + quote(to.user()) + " WHERE " + key(from));
        }
    }

    void setAuthentication(AccountName name, String hash) {
        // a new password is not expired, and its lifetime starts now (MySQL 5.7)
        session.executeInternal("UPDATE mysql." + q("user") + " SET " + q("authentication_string") + " = " + quote(hash)
                + ", " + q("plugin") + " = " + quote(AccountStore.NATIVE_PLUGIN) + ", " + q("password_expired")
                + " = 'N', " + q("password_last_changed") + " = CURRENT_TIMESTAMP WHERE " + key(name));
    }

    /** PASSWORD EXPIRE: now (password_expired Y), DEFAULT (lifetime NULL), NEVER (0) or INTERVAL n DAY. */
    void setPasswordExpiry(AccountName name, AccountStatement.PasswordExpiry expiry) {
        String set = switch (expiry.kind()) {
            case NOW -> q("password_expired") + " = 'Y'";
            case DEFAULT -> q("password_lifetime") + " = NULL";
            case NEVER -> q("password_lifetime") + " = 0";
            case INTERVAL -> q("password_lifetime") + " = " + expiry.days();
        };
        session.executeInternal("UPDATE mysql." + q("user") + " SET " + set + " WHERE " + key(name));
    }

    /** REVOKE ALL PRIVILEGES, GRANT OPTION: every global, database, table, column and routine privilege. */
    void revokeAll(AccountName name) {
        updateGlobal(name, Set.of(), EnumSet.allOf(Privilege.class));
        session.executeInternal("DELETE FROM mysql." + q("db") + " WHERE " + key(name));
        session.executeInternal("DELETE FROM mysql." + q("tables_priv") + " WHERE " + key(name));
        session.executeInternal("DELETE FROM mysql." + q("columns_priv") + " WHERE " + key(name));
        session.executeInternal("DELETE FROM mysql." + q("procs_priv") + " WHERE " + key(name));
    }

    /** REQUIRE NONE, SSL, X509 or ISSUER / SUBJECT / CIPHER: MySQL's four ssl columns. */
    void setTlsRequirement(AccountName name, TlsRequirement tls) {
        session.executeInternal("UPDATE mysql." + q("user") + " SET " + q("ssl_type") + " = " + quote(tls.type().stored())
                + ", " + q("ssl_cipher") + " = " + quote(tls.cipher()) + ", " + q("x509_issuer") + " = "
                + quote(tls.issuer()) + ", " + q("x509_subject") + " = " + quote(tls.subject()) + " WHERE " + key(name));
    }

    /** WITH MAX_USER_CONNECTIONS n (0: the global max_user_connections applies). */
    void setMaxUserConnections(AccountName name, long n) {
        session.executeInternal("UPDATE mysql." + q("user") + " SET " + q("max_user_connections") + " = " + n
                + " WHERE " + key(name));
    }

    /** WITH MAX_QUERIES_PER_HOUR / MAX_UPDATES_PER_HOUR / MAX_CONNECTIONS_PER_HOUR n: the mysql.user column and n. */
    void setHourlyLimit(AccountName name, String column, long n) {
        session.executeInternal("UPDATE mysql." + q("user") + " SET " + q(column) + " = " + n + " WHERE " + key(name));
    }

    void setLocked(AccountName name, boolean locked) {
        session.executeInternal("UPDATE mysql." + q("user") + " SET " + q("account_locked") + " = "
                + quote(locked ? "Y" : "N") + " WHERE " + key(name));
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
            case ROUTINE -> updateRoutine(name, level, add, remove, grantor);
        };
    }

    private boolean updateRoutine(AccountName name, GrantLevel level, Set<Privilege> add, Set<Privilege> remove,
                                  String grantor) {
        String where = key(name) + " AND " + q("Db") + " = " + quote(level.db()) + " AND " + q("Routine_name") + " = "
                + quote(level.table()) + " AND " + q("Routine_type") + " = " + quote(level.routineType());
        RowsResult r = query("SELECT " + q("Proc_priv") + " FROM mysql." + q("procs_priv") + " WHERE " + where);
        boolean existed = !r.rows().isEmpty();
        EnumSet<Privilege> now = existed ? GrantSnapshot.parseProcPriv(r.text(0, 0)) : EnumSet.noneOf(Privilege.class);
        now.addAll(add);
        now.removeAll(remove);
        String list = GrantSnapshot.formatProcPriv(now);
        if (existed) {
            if (now.isEmpty()) {
                session.executeInternal("DELETE FROM mysql." + q("procs_priv") + " WHERE " + where);
            } else {
                session.executeInternal("UPDATE mysql." + q("procs_priv") + " SET " + q("Proc_priv") + " = " + quote(list)
                        + " WHERE " + where);
            }
        } else if (!now.isEmpty()) {
            session.executeInternal("INSERT INTO mysql." + q("procs_priv") + " (" + q("Host") + ", " + q("Db") + ", "
                    + q("User") + ", " + q("Routine_name") + ", " + q("Routine_type") + ", " + q("Grantor") + ", "
                    + q("Proc_priv") + ") VALUES (" + quote(name.host()) + ", " + quote(level.db()) + ", "
                    + quote(name.user()) + ", " + quote(level.table()) + ", " + quote(level.routineType()) + ", "
                    + quote(grantor) + ", " + quote(list) + ")");
        }
        return existed;
    }

    /** A dropped routine takes every account's grants on it along (MySQL's automatic_sp_privileges). */
    void dropRoutineGrants(GrantLevel routine) {
        session.executeInternal("DELETE FROM mysql." + q("procs_priv") + " WHERE " + q("Db") + " = " + quote(routine.db())
                + " AND " + q("Routine_name") + " = " + quote(routine.table()) + " AND " + q("Routine_type") + " = "
                + quote(routine.routineType()));
    }

    private boolean updateGlobal(AccountName name, Set<Privilege> add, Set<Privilege> remove) {
        if (add.isEmpty() && remove.isEmpty()) return true;
        StringBuilder set = new StringBuilder();
        for (Privilege p : Privilege.values()) {
            String v = add.contains(p) ? "Y" : remove.contains(p) ? "N" : null;
            if (v == null) continue;
            if (set.length() > 0) set.append(", ");
            set.append(q(p.column())).append(" = ").append(quote(v));
        }
        session.executeInternal("UPDATE mysql." + q("user") + " SET " + set + " WHERE " + key(name));
        return true;
    }

    private boolean updateDatabase(AccountName name, String db, Set<Privilege> add, Set<Privilege> remove) {
        List<Privilege> cols = GrantTables.dbPrivileges();
        String where = key(name) + " AND " + q("Db") + " = " + quote(db);
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
                session.executeInternal("DELETE FROM mysql." + q("db") + " WHERE " + where);
            } else {
                StringBuilder set = new StringBuilder();
                for (Privilege p : cols) {
                    if (set.length() > 0) set.append(", ");
                    set.append(q(p.column())).append(" = ").append(quote(now.contains(p) ? "Y" : "N"));
                }
                session.executeInternal("UPDATE mysql." + q("db") + " SET " + set + " WHERE " + where);
            }
        } else if (!now.isEmpty()) {
            StringBuilder values = new StringBuilder(quote(name.host()) + ", " + quote(db) + ", " + quote(name.user()));
            for (Privilege p : cols) values.append(", ").append(quote(now.contains(p) ? "Y" : "N"));
            session.executeInternal("INSERT INTO mysql." + q("db") + " (" + q("Host") + ", " + q("Db") + ", " + q("User")
                    + ", " + columnList(cols) + ") VALUES (" + values + ")");
        }
        return existed;
    }

    private boolean updateTable(AccountName name, String db, String table, Set<Privilege> add,
                                Set<Privilege> remove, String grantor) {
        String where = key(name) + " AND " + q("Db") + " = " + quote(db) + " AND " + q("Table_name") + " = " + quote(table);
        RowsResult r = query("SELECT " + q("Table_priv") + " FROM mysql." + q("tables_priv") + " WHERE " + where);
        boolean existed = !r.rows().isEmpty();
        EnumSet<Privilege> now = existed ? GrantSnapshot.parseTablePriv(r.text(0, 0)) : EnumSet.noneOf(Privilege.class);
        now.addAll(add);
        now.removeAll(remove);
        String list = GrantSnapshot.formatTablePriv(now);
        if (existed) {
            if (now.isEmpty() && columnPrivileges(name, db, table).isEmpty()) {
                session.executeInternal("DELETE FROM mysql." + q("tables_priv") + " WHERE " + where);
            } else {
                session.executeInternal("UPDATE mysql." + q("tables_priv") + " SET " + q("Table_priv") + " = " + quote(list)
                        + " WHERE " + where);
            }
        } else if (!now.isEmpty()) {
            session.executeInternal("INSERT INTO mysql." + q("tables_priv") + " (" + q("Host") + ", " + q("Db") + ", "
                    + q("User") + ", " + q("Table_name") + ", " + q("Grantor") + ", " + q("Table_priv") + ", "
                    + q("Column_priv") + ") VALUES (" + quote(name.host()) + ", " + quote(db) + ", " + quote(name.user())
                    + ", " + quote(table) + ", " + quote(grantor) + ", " + quote(list) + ", '')");
        }
        return existed;
    }

    /**
     * Adds and removes column privileges of one account on one table ({@code mysql.columns_priv}),
     * and keeps the table's row of {@code mysql.tables_priv} as MySQL does: its Column_priv is the
     * union of the columns' privileges, and the row goes when neither list has any.
     *
     * @return false if the table had no grant row to start with (REVOKE's 1147)
     */
    boolean updateColumns(AccountName name, String db, String table, Map<Privilege, List<String>> add,
                          Map<Privilege, List<String>> remove, String grantor) {
        String tableWhere = key(name) + " AND " + q("Db") + " = " + quote(db) + " AND " + q("Table_name") + " = "
                + quote(table);
        boolean existed = !query("SELECT " + q("Table_priv") + " FROM mysql." + q("tables_priv") + " WHERE "
                + tableWhere).rows().isEmpty();
        Map<String, EnumSet<Privilege>> now = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        RowsResult r = query("SELECT " + q("Column_name") + ", " + q("Column_priv") + " FROM mysql." + q("columns_priv")
                + " WHERE " + tableWhere);
        for (int i = 0; i < r.rows().size(); i++) now.put(r.text(i, 0), GrantSnapshot.parseTablePriv(r.text(i, 1)));
        Map<String, EnumSet<Privilege>> before = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        now.forEach((c, p) -> before.put(c, EnumSet.copyOf(p)));
        add.forEach((p, cols) -> cols.forEach(c -> now.computeIfAbsent(c, x -> EnumSet.noneOf(Privilege.class)).add(p)));
        remove.forEach((p, cols) -> cols.forEach(c -> {
            EnumSet<Privilege> set = now.get(c);
            if (set != null) set.remove(p);
        }));
        for (Map.Entry<String, EnumSet<Privilege>> e : now.entrySet()) {
            String where = tableWhere + " AND " + q("Column_name") + " = " + quote(e.getKey());
            String list = GrantSnapshot.formatTablePriv(e.getValue());
            if (!before.containsKey(e.getKey())) {
                if (e.getValue().isEmpty()) continue;
                session.executeInternal("INSERT INTO mysql." + q("columns_priv") + " (" + q("Host") + ", " + q("Db") + ", "
                        + q("User") + ", " + q("Table_name") + ", " + q("Column_name") + ", " + q("Column_priv")
                        + ") VALUES (" + quote(name.host()) + ", " + quote(db) + ", " + quote(name.user()) + ", "
                        + quote(table) + ", " + quote(e.getKey()) + ", " + quote(list) + ")");
            } else if (e.getValue().isEmpty()) {
                session.executeInternal("DELETE FROM mysql." + q("columns_priv") + " WHERE " + where);
            } else {
                session.executeInternal("UPDATE mysql." + q("columns_priv") + " SET " + q("Column_priv") + " = "
                        + quote(list) + " WHERE " + where);
            }
        }
        EnumSet<Privilege> union = EnumSet.noneOf(Privilege.class);
        now.values().forEach(union::addAll);
        String columnList = GrantSnapshot.formatTablePriv(union);
        if (!existed) {
            if (!union.isEmpty()) {
                session.executeInternal("INSERT INTO mysql." + q("tables_priv") + " (" + q("Host") + ", " + q("Db") + ", "
                        + q("User") + ", " + q("Table_name") + ", " + q("Grantor") + ", " + q("Table_priv") + ", "
                        + q("Column_priv") + ") VALUES (" + quote(name.host()) + ", " + quote(db) + ", "
                        + quote(name.user()) + ", " + quote(table) + ", " + quote(grantor) + ", '', "
                        + quote(columnList) + ")");
            }
            return false;
        }
        RowsResult t = query("SELECT " + q("Table_priv") + " FROM mysql." + q("tables_priv") + " WHERE " + tableWhere);
        if (union.isEmpty() && (t.text(0, 0) == null || t.text(0, 0).isEmpty())) {
            session.executeInternal("DELETE FROM mysql." + q("tables_priv") + " WHERE " + tableWhere);
        } else {
            session.executeInternal("UPDATE mysql." + q("tables_priv") + " SET " + q("Column_priv") + " = "
                    + quote(columnList) + " WHERE " + tableWhere);
        }
        return true;
    }

    /** The union of the account's column privileges on {@code db.table}, as stored now. */
    private EnumSet<Privilege> columnPrivileges(AccountName name, String db, String table) {
        RowsResult r = query("SELECT " + q("Column_priv") + " FROM mysql." + q("columns_priv") + " WHERE " + key(name)
                + " AND " + q("Db") + " = " + quote(db) + " AND " + q("Table_name") + " = " + quote(table));
        EnumSet<Privilege> union = EnumSet.noneOf(Privilege.class);
        for (int i = 0; i < r.rows().size(); i++) union.addAll(GrantSnapshot.parseTablePriv(r.text(i, 0)));
        return union;
    }
}
