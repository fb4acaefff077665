package io.minisqld.server.statements;

import io.minisqld.server.auth.AccountStore;
import io.minisqld.server.error.ErrorCode;
import io.minisqld.server.grant.Privilege;
import io.minisqld.server.session.Session;
import io.minisqld.server.sql.StatementText;
import io.minisqld.server.sql.statement.TableRef;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Table and column privilege checks for statements that go to the engine: each table the
 * statement names needs its privileges, else 1142 naming those missing, comma-separated in MySQL's
 * privilege order ("INSERT,DELETE command denied to user 'u'@'h' for table 't'", MySQL's
 * check_grant). A privilege the account holds on some columns of the table only (SELECT, INSERT,
 * UPDATE) is checked on each column the statement uses ({@link ColumnUse}), 1143 for the first
 * it lacks; an UPDATE or DELETE needs SELECT on the columns it reads (its WHERE, its SET's
 * expressions), as in MySQL. The engine's hidden schemas are unknown databases (1049).
 */
final class TablePrivileges {
    private static final Set<Privilege> COLUMN_LEVEL = EnumSet.of(Privilege.SELECT, Privilege.INSERT, Privilege.UPDATE);

    private TablePrivileges() {
    }

    static void check(AccountStore accounts, Session s, List<TableRef> tables) {
        check(accounts, s, tables, null);
    }

    /** @param text the statement, for its columns; null to check tables only */
    static void check(AccountStore accounts, Session s, List<TableRef> tables, StatementText text) {
        if (s.account().internal()) return;
        for (int i = 0; i < tables.size(); i++) {
            TableRef t = tables.get(i);
            String db = t.database() != null ? t.database() : s.database();
            // the engine's own schemas (#minisqld_…) are no database a client can name
            if (db != null && db.startsWith("#minisqld")) throw ErrorCode.ER_BAD_DB_ERROR.error(db);
            if (db == null || db.equalsIgnoreCase("information_schema")) continue;
            // a temporary table of the session: MySQL checks nothing after CREATE TEMPORARY TABLE
            if (!s.temporaryTables().isEmpty() && t.needed() != Privilege.CREATE_TEMPORARY_TABLES && s.temporaryTables()
                    .contains(db.toLowerCase(java.util.Locale.ROOT) + "." + t.table().toLowerCase(java.util.Locale.ROOT))) {
                continue;
            }
            // the privileges asked of one table together (REPLACE: INSERT and DELETE) are named together
            EnumSet<Privilege> missing = EnumSet.noneOf(Privilege.class);
            int j = i;
            for (; j < tables.size() && sameTable(tables.get(j), t); j++) {
                Privilege p = tables.get(j).needed();
                if (!accounts.has(s.account(), p, db, t.table())) missing.add(p);
            }
            i = j - 1;
            boolean oneTable = text != null && tables.stream().allMatch(o -> sameTable(o, t));
            if (text != null) {
                for (Privilege p : EnumSet.copyOf(missing)) {
                    if (COLUMN_LEVEL.contains(p) && accounts.hasColumnGrants(s.account(), p, db, t.table())) {
                        requireColumns(accounts, s, p, db, t.table(), used(s, text, tables, oneTable, db, t.table(),
                                p == Privilege.SELECT));
                        missing.remove(p);
                    }
                }
            }
            // a database privilege that no table grant can give (CREATE TEMPORARY TABLES): 1044, as
            // MySQL's check_access refuses it before check_grant
            for (Privilege p : missing) {
                if (p.tablePrivName() == null) throw AccessDenied.database(s, db);
            }
            if (!missing.isEmpty()) {
                StringBuilder names = new StringBuilder();
                for (Privilege p : missing) names.append(names.length() > 0 ? "," : "").append(p.commandName());
                throw ErrorCode.ER_TABLEACCESS_DENIED_ERROR.error(names.toString(), s.user(),
                        s.account().clientHost(), t.table());
            }
            // what an UPDATE or DELETE reads of its table needs SELECT
            Privilege written = t.needed();
            if (text != null && (written == Privilege.UPDATE || written == Privilege.DELETE)
                    && !accounts.has(s.account(), Privilege.SELECT, db, t.table())) {
                requireColumns(accounts, s, Privilege.SELECT, db, t.table(), used(s, text, tables, oneTable, db,
                        t.table(), true));
            }
        }
    }

    /** The columns of {@code db.table} the statement reads ({@code read}) or writes. */
    private static List<String> used(Session s, StatementText text, List<TableRef> tables, boolean oneTable, String db,
                                     String table, boolean read) {
        List<String> columns = columns(s, db, table);
        List<io.minisqld.server.sql.Token> sig = text.significant();
        if (oneTable) return read ? ColumnUse.read(sig, columns) : ColumnUse.written(sig, columns);
        List<ColumnUse.Named> named = ColumnUse.named(sig);
        return read ? ColumnUse.readOf(sig, table, columns, named) : ColumnUse.writtenOf(sig, table, columns, named);
    }

    private static List<String> columns(Session s, String db, String table) {
        return s.engine().describe(db, table).columns().stream().map(c -> c.name()).toList();
    }

    /** 1143 for the first of {@code used} the account may not use with {@code p}. */
    private static void requireColumns(AccountStore accounts, Session s, Privilege p, String db, String table,
                                       List<String> used) {
        for (String c : used) {
            if (!accounts.columnPrivileges(s.account(), db, table, c).contains(p)) {
                throw ErrorCode.ER_COLUMNACCESS_DENIED_ERROR.error(p.commandName(), s.user(), s.account().clientHost(),
                        c, table);
            }
        }
    }

    private static boolean sameTable(TableRef a, TableRef b) {
        return java.util.Objects.equals(a.database(), b.database()) && a.table().equalsIgnoreCase(b.table());
    }
}
