package io.minisqld.server.auth;

import static io.minisqld.server.auth.GrantTables.columnList;
import static io.minisqld.server.auth.GrantTables.q;

import io.minisqld.server.engine.EngineSession;
import io.minisqld.server.error.ErrorCode;
import io.minisqld.server.grant.AccountName;
import io.minisqld.server.grant.Privilege;
import io.minisqld.server.grant.TlsRequirement;
import io.minisqld.server.result.RowsResult;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The grant tables at one moment. {@code users} is in MySQL's matching order: host
 * specificity, then user specificity (a named user before the anonymous one), then by name
 * for a stable order; {@code databases} likewise by database-pattern specificity.
 */
record GrantSnapshot(List<UserEntry> users, Map<AccountName, UserEntry> byName, List<DbEntry> databases,
                     List<TableEntry> tables, List<ColumnEntry> columns, List<RoutineEntry> routines) {

    static GrantSnapshot of(List<UserEntry> users, List<DbEntry> dbs, List<TableEntry> tables,
                            List<ColumnEntry> columns, List<RoutineEntry> routines) {
        List<UserEntry> sorted = new ArrayList<>(users);
        sorted.sort(Comparator.<UserEntry>comparingInt(u -> -Wildcards.weight(u.name().host()))
                .thenComparingInt(u -> -Wildcards.weight(u.name().user()))
                .thenComparing(u -> u.name().host())
                .thenComparing(u -> u.name().user()));
        Map<AccountName, UserEntry> byName = new HashMap<>();
        for (UserEntry u : sorted) byName.put(u.name(), u);
        List<DbEntry> sortedDbs = new ArrayList<>(dbs);
        sortedDbs.sort(Comparator.<DbEntry>comparingInt(d -> -Wildcards.weight(d.db())).thenComparing(DbEntry::db));
        return new GrantSnapshot(List.copyOf(sorted), Map.copyOf(byName), List.copyOf(sortedDbs), List.copyOf(tables),
                List.copyOf(columns), List.copyOf(routines));
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

    /** The account's grant on a routine, or null. */
    RoutineEntry routine(AccountName name, String db, String routine, boolean function) {
        String type = function ? "FUNCTION" : "PROCEDURE";
        for (RoutineEntry r : routines) {
            if (r.name().equals(name) && r.db().equalsIgnoreCase(db) && r.routine().equalsIgnoreCase(routine)
                    && r.type().equals(type)) {
                return r;
            }
        }
        return null;
    }

    /** The account's column grants on {@code db.table}, in column-name order. */
    List<ColumnEntry> columns(AccountName name, String db, String table) {
        List<ColumnEntry> out = new ArrayList<>();
        for (ColumnEntry c : columns) {
            if (c.name().equals(name) && c.db().equalsIgnoreCase(db) && c.table().equalsIgnoreCase(table)) out.add(c);
        }
        return out;
    }


    /**
     * @param tls                the account's REQUIRE clause ({@code ssl_type} and its companions)
     * @param maxUserConnections the account's WITH MAX_USER_CONNECTIONS (0: none of its own)
     * @param passwordExpired    PASSWORD EXPIRE marked it expired ({@code password_expired} Y)
     * @param passwordLastChangedMillis when the password was last set, 0 if unknown
     * @param passwordLifetime   its own lifetime in days (0 never), null for default_password_lifetime
     * @param maxQuestions       MAX_QUERIES_PER_HOUR (0: none)
     * @param maxUpdates         MAX_UPDATES_PER_HOUR (0: none)
     * @param maxConnectionsPerHour MAX_CONNECTIONS_PER_HOUR (0: none)
     */
    record UserEntry(AccountName name, String authString, String plugin, boolean locked, Set<Privilege> privileges,
                     TlsRequirement tls, long maxUserConnections, boolean passwordExpired,
                     long passwordLastChangedMillis, Integer passwordLifetime, long maxQuestions, long maxUpdates,
                     long maxConnectionsPerHour) {
    }

    record DbEntry(AccountName name, String db, Set<Privilege> privileges) {
    }

    record TableEntry(AccountName name, String db, String table, Set<Privilege> privileges) {
    }

    /** A row of {@code mysql.procs_priv}: privileges (EXECUTE, ALTER ROUTINE, GRANT OPTION) on one routine. */
    record RoutineEntry(AccountName name, String db, String routine, String type, Set<Privilege> privileges) {
    }

    /** A row of {@code mysql.columns_priv}: privileges (SELECT, INSERT, UPDATE, REFERENCES) on one column. */
    record ColumnEntry(AccountName name, String db, String table, String column, Set<Privilege> privileges) {
    }


    /** Reads the grant tables, in the system session's transaction. */
    static GrantSnapshot load(EngineSession session) {
        synchronized (session) {
            try {
                List<Privilege> all = List.of(Privilege.values());
                RowsResult users = query(session, "SELECT " + q("Host") + ", " + q("User") + ", " + q("authentication_string")
                        + ", " + q("plugin") + ", " + q("account_locked") + ", " + columnList(all)
                        + ", " + q("ssl_type") + ", " + q("ssl_cipher") + ", " + q("x509_issuer") + ", "
                        + q("x509_subject") + ", " + q("max_user_connections") + ", " + q("password_expired") + ", "
                        + q("password_last_changed") + ", " + q("password_lifetime") + ", " + q("max_questions") + ", "
                        + q("max_updates") + ", " + q("max_connections") + " FROM mysql." + q("user"));
                List<DbEntry> dbs = new ArrayList<>();
                List<Privilege> dbCols = GrantTables.dbPrivileges();
                RowsResult dbRows = query(session, "SELECT " + q("Host") + ", " + q("User") + ", " + q("Db") + ", "
                        + columnList(dbCols) + " FROM mysql." + q("db"));
                RowsResult tableRows = query(session, "SELECT " + q("Host") + ", " + q("User") + ", " + q("Db") + ", "
                        + q("Table_name") + ", " + q("Table_priv") + " FROM mysql." + q("tables_priv"));
                RowsResult columnRows = query(session, "SELECT " + q("Host") + ", " + q("User") + ", " + q("Db") + ", "
                        + q("Table_name") + ", " + q("Column_name") + ", " + q("Column_priv") + " FROM mysql."
                        + q("columns_priv") + " ORDER BY " + q("Column_name"));
                RowsResult routineRows = query(session, "SELECT " + q("Host") + ", " + q("User") + ", " + q("Db") + ", "
                        + q("Routine_name") + ", " + q("Routine_type") + ", " + q("Proc_priv") + " FROM mysql."
                        + q("procs_priv") + " ORDER BY " + q("Db") + ", " + q("Routine_name"));
                session.commit();

                List<UserEntry> list = new ArrayList<>();
                for (int i = 0; i < users.rows().size(); i++) {
                    EnumSet<Privilege> privileges = EnumSet.noneOf(Privilege.class);
                    for (int c = 0; c < all.size(); c++) {
                        if ("Y".equalsIgnoreCase(users.text(i, 5 + c))) privileges.add(all.get(c));
                    }
                    list.add(new UserEntry(new AccountName(nz(users.text(i, 1)), nz(users.text(i, 0))),
                            nz(users.text(i, 2)), nz(users.text(i, 3)), "Y".equalsIgnoreCase(users.text(i, 4)),
                            Collections.unmodifiableSet(privileges), TlsRequirement.stored(users.text(i, 5 + all.size()),
                                    users.text(i, 6 + all.size()), users.text(i, 7 + all.size()),
                                    users.text(i, 8 + all.size())),
                            Long.parseLong(nz(users.text(i, 9 + all.size())).isEmpty() ? "0" : users.text(i, 9 + all.size())),
                            "Y".equalsIgnoreCase(users.text(i, 10 + all.size())), millis(users.text(i, 11 + all.size())),
                            users.text(i, 12 + all.size()) == null ? null : Integer.valueOf(users.text(i, 12 + all.size())),
                            number(users.text(i, 13 + all.size())), number(users.text(i, 14 + all.size())),
                            number(users.text(i, 15 + all.size()))));
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
                List<ColumnEntry> columns = new ArrayList<>();
                for (int i = 0; i < columnRows.rows().size(); i++) {
                    columns.add(new ColumnEntry(new AccountName(nz(columnRows.text(i, 1)), nz(columnRows.text(i, 0))),
                            nz(columnRows.text(i, 2)), nz(columnRows.text(i, 3)), nz(columnRows.text(i, 4)),
                            Collections.unmodifiableSet(parseTablePriv(columnRows.text(i, 5)))));
                }
                List<RoutineEntry> routines = new ArrayList<>();
                for (int i = 0; i < routineRows.rows().size(); i++) {
                    routines.add(new RoutineEntry(new AccountName(nz(routineRows.text(i, 1)), nz(routineRows.text(i, 0))),
                            nz(routineRows.text(i, 2)), nz(routineRows.text(i, 3)), nz(routineRows.text(i, 4)),
                            Collections.unmodifiableSet(parseProcPriv(routineRows.text(i, 5)))));
                }
                return of(list, dbs, tables, columns, routines);
            } catch (RuntimeException e) {
                session.rollback();
                throw e;
            }
        }
    }

    private static long number(String text) {
        return text == null || text.isEmpty() ? 0 : Long.parseLong(text);
    }

    /** A TIMESTAMP column's text ({@code yyyy-MM-dd HH:mm:ss[.f]}, the server's zone) as epoch ms; 0 for NULL. */
    private static long millis(String timestamp) {
        if (timestamp == null || timestamp.isEmpty()) return 0;
        String t = timestamp.length() > 19 ? timestamp.substring(0, 19) : timestamp;
        return java.time.LocalDateTime.parse(t.replace(' ', 'T')).atZone(java.time.ZoneId.systemDefault())
                .toInstant().toEpochMilli();
    }

    static RowsResult query(EngineSession session, String sql) {
        EngineSession.EngineResult r = session.executeInternal(sql);
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

    static EnumSet<Privilege> parseProcPriv(String list) {
        EnumSet<Privilege> set = EnumSet.noneOf(Privilege.class);
        if (list == null || list.isBlank()) return set;
        for (String part : list.split(",")) {
            for (Privilege p : Privilege.values()) {
                if (p.routineLevel() && p.procPrivName().equalsIgnoreCase(part.trim())) set.add(p);
            }
        }
        return set;
    }

    static String formatProcPriv(Set<Privilege> privileges) {
        StringBuilder b = new StringBuilder();
        for (Privilege p : Privilege.values()) {
            if (privileges.contains(p) && p.routineLevel()) {
                if (b.length() > 0) b.append(',');
                b.append(p.procPrivName());
            }
        }
        return b.toString();
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
}
