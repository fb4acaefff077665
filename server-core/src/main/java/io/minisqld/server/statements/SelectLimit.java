package io.minisqld.server.statements;

import io.minisqld.server.engine.EngineQuery;
import io.minisqld.server.sql.Token;
import io.minisqld.server.sql.statement.EngineStatement;
import java.util.List;

/**
 * {@code sql_select_limit}: a SELECT without a LIMIT of its own returns at most that many rows,
 * as if it ended with {@code LIMIT n}. MySQL applies it to the statement's top-level query only:
 * not to subqueries, nor to the SELECT of INSERT … SELECT or CREATE TABLE … SELECT; a UNION is
 * limited as a whole. The LIMIT goes before a trailing locking clause, so that FOR UPDATE locks
 * the rows it returns. An edit for the engine only (SELECTs are not logged).
 */
final class SelectLimit {
    /** The default, 2^64-1 in MySQL: no limit (the largest value a Java long holds here). */
    static final long NONE = Long.MAX_VALUE;

    private SelectLimit() {
    }

    static void apply(EngineStatement st, long limit, EngineQuery.Builder query) {
        if (limit == NONE || !(st.verb().equals("SELECT") || st.verb().equals("("))) return;
        List<Token> tokens = st.text().tokens();
        List<Integer> top = TopLevelTokens.of(tokens);
        int at = -1;
        for (int k = 0; k < top.size(); k++) {
            Token t = tokens.get(top.get(k));
            if (t.is("LIMIT")) return;
            boolean intoFile = t.is("INTO") && k + 1 < top.size()
                    && (tokens.get(top.get(k + 1)).is("OUTFILE") || tokens.get(top.get(k + 1)).is("DUMPFILE"));
            if (at < 0 && (t.is("FOR") || (t.is("LOCK") && k + 1 < top.size() && tokens.get(top.get(k + 1)).is("IN"))
                    || intoFile)) {
                at = top.get(k);
            }
        }
        if (at < 0) at = TopLevelTokens.end(tokens);
        query.insertBeforeForEngine(at, " LIMIT " + limit + " ");
    }
}
