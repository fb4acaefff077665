package io.minisqld.server.statements;

import io.minisqld.server.auth.AccountStore;
import io.minisqld.server.error.ErrorCode;
import io.minisqld.server.session.Session;
import io.minisqld.server.sql.statement.TableRef;
import java.util.List;

/**
 * Table privilege checks for statements that go to the engine: each table the statement names
 * needs its privilege, else 1142 ("SELECT command denied to user 'u'@'h' for table 't'"); the
 * engine's hidden schemas are unknown databases (1049).
 */
final class TablePrivileges {
    private TablePrivileges() {
    }

    static void check(AccountStore accounts, Session s, List<TableRef> tables) {
        if (s.account().internal()) return;
        for (TableRef t : tables) {
            String db = t.database() != null ? t.database() : s.database();
            // the engine's own schemas (#minisqld_…) are no database a client can name
            if (db != null && db.startsWith("#minisqld")) throw ErrorCode.ER_BAD_DB_ERROR.error(db);
            if (db == null || db.equalsIgnoreCase("information_schema")) continue;
            if (!accounts.has(s.account(), t.needed(), db, t.table())) {
                throw ErrorCode.ER_TABLEACCESS_DENIED_ERROR.error(t.needed().commandName(), s.user(),
                        s.account().clientHost(), t.table());
            }
        }
    }
}
