package io.minisqld.server.statements;

import io.minisqld.server.auth.AccountStore;
import io.minisqld.server.error.ErrorCode;
import io.minisqld.server.grant.Privilege;
import io.minisqld.server.session.Session;
import io.minisqld.server.sql.statement.TableRef;
import java.util.EnumSet;
import java.util.List;

/**
 * Table privilege checks for statements that go to the engine: each table the statement names
 * needs its privileges, else 1142 naming those missing, comma-separated in MySQL's privilege
 * order ("INSERT,DELETE command denied to user 'u'@'h' for table 't'", MySQL's check_grant); the
 * engine's hidden schemas are unknown databases (1049).
 */
final class TablePrivileges {
    private TablePrivileges() {
    }

    static void check(AccountStore accounts, Session s, List<TableRef> tables) {
        if (s.account().internal()) return;
        for (int i = 0; i < tables.size(); i++) {
            TableRef t = tables.get(i);
            String db = t.database() != null ? t.database() : s.database();
            // the engine's own schemas (#minisqld_…) are no database a client can name
            if (db != null && db.startsWith("#minisqld")) throw ErrorCode.ER_BAD_DB_ERROR.error(db);
            if (db == null || db.equalsIgnoreCase("information_schema")) continue;
            // the privileges asked of one table together (REPLACE: INSERT and DELETE) are named together
            EnumSet<Privilege> missing = EnumSet.noneOf(Privilege.class);
            int j = i;
            for (; j < tables.size() && sameTable(tables.get(j), t); j++) {
                Privilege p = tables.get(j).needed();
                if (!accounts.has(s.account(), p, db, t.table())) missing.add(p);
            }
            i = j - 1;
            if (!missing.isEmpty()) {
                StringBuilder names = new StringBuilder();
                for (Privilege p : missing) names.append(names.length() > 0 ? "," : "").append(p.commandName());
                throw ErrorCode.ER_TABLEACCESS_DENIED_ERROR.error(names.toString(), s.user(),
                        s.account().clientHost(), t.table());
            }
        }
    }

    private static boolean sameTable(TableRef a, TableRef b) {
        return java.util.Objects.equals(a.database(), b.database()) && a.table().equalsIgnoreCase(b.table());
    }
}
