package io.minisqld.server.statements;

import io.minisqld.server.engine.EngineQuery;
import io.minisqld.server.error.ErrorCode;
import io.minisqld.server.session.Session;
import io.minisqld.server.sql.statement.EngineStatement;
import io.minisqld.server.sql.statement.StatementKind;

/**
 * {@code sql_safe_updates}: an UPDATE or DELETE without a LIMIT must find its rows through a key
 * (MySQL 5.7's sql_update.cc and sql_delete.cc: no WHERE, or a WHERE no index can serve, is 1175);
 * the engine's plan says whether an index serves it. A multi-table one must read no table of its
 * join whole.
 */
final class SafeUpdates {
    private SafeUpdates() {
    }

    static void check(Session s, EngineStatement st, EngineQuery query) {
        if (st.kind() == StatementKind.UPDATE_MULTI || st.kind() == StatementKind.DELETE_MULTI) {
            // a multi-table statement (which takes no LIMIT) is refused when a table of its join is
            // read whole (sql_select.cc's error_if_full_join)
            if (s.variables().bool("sql_safe_updates") && !s.engine().findsRowsByKey(query)) {
                throw ErrorCode.ER_UPDATE_WITHOUT_KEY_IN_SAFE_MODE.error();
            }
            return;
        }
        if (st.kind() != StatementKind.UPDATE && st.kind() != StatementKind.DELETE) return;
        if (!s.variables().bool("sql_safe_updates")) return;
        var tokens = st.text().tokens();
        if (TopLevelTokens.has(tokens, "LIMIT")) return;
        if (!TopLevelTokens.has(tokens, "WHERE") || !s.engine().findsRowsByKey(query)) {
            throw ErrorCode.ER_UPDATE_WITHOUT_KEY_IN_SAFE_MODE.error();
        }
    }
}
