package io.minisqld.server.statements;

import io.minisqld.server.engine.TableInfo;
import io.minisqld.server.session.Session;
import io.minisqld.server.sql.statement.EngineStatement;
import io.minisqld.server.sql.statement.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * A multi-table UPDATE's SET columns written without their table are resolved against the
 * tables' definitions before anything checks the statement: which tables it writes (UPDATE
 * privilege, LOCK TABLES … WRITE) depends on them, as in MySQL, which resolves the SET list
 * before it checks the tables it updates.
 */
final class MultiTableColumns {
    private MultiTableColumns() {
    }

    static Statement resolve(Session s, Statement statement) {
        if (!(statement instanceof EngineStatement e) || e.multiTable() == null || e.multiTable().resolved()) {
            return statement;
        }
        return e.withMultiTable(e.multiTable().resolve((db, table) -> {
            TableInfo info = s.engine().describe(db != null ? db : s.database(), table);
            List<String> names = new ArrayList<>();
            for (TableInfo.ColumnInfo c : info.columns()) names.add(c.name());
            return names;
        }));
    }
}
