package io.minisqld.server.statements;

import io.minisqld.server.engine.EngineQuery;
import io.minisqld.server.sql.Token;
import io.minisqld.server.sql.TokenType;
import java.util.List;

/**
 * {@code group_concat_max_len}: each GROUP_CONCAT(…) of the statement is cut to that length, as
 * MySQL cuts it. An edit for the engine only ({@code SUBSTRING(GROUP_CONCAT(…), 1, n)}), which the binlog's
 * text does not get. The length counts characters where MySQL counts bytes, and the cut is silent
 * where MySQL adds warning 1260 (docs/compatibility.md).
 */
final class GroupConcatLimit {
    private GroupConcatLimit() {
    }

    static void apply(List<Token> tokens, long maxLength, EngineQuery.Builder query) {
        for (int i = 0; i < tokens.size(); i++) {
            if (!tokens.get(i).is("GROUP_CONCAT")) continue;
            int open = next(tokens, i + 1);
            if (open < 0 || !tokens.get(open).isSymbol("(")) continue;
            int close = matching(tokens, open);
            if (close < 0) return;
            // SUBSTRING(…, 1, n), which cuts a binary string's bytes too (the engine's LEFT made text of them)
            query.insertBeforeForEngine(i, "SUBSTRING(");
            // no engine value is longer than a billion characters; beyond, 1 + n would overflow SUBSTRING's int
            query.insertBeforeForEngine(close, "), 1, " + Math.min(maxLength, 1_000_000_000L));
        }
    }

    private static int next(List<Token> tokens, int from) {
        for (int i = from; i < tokens.size(); i++) {
            if (tokens.get(i).type() != TokenType.SPACE) return i;
        }
        return -1;
    }

    private static int matching(List<Token> tokens, int open) {
        int depth = 0;
        for (int i = open; i < tokens.size(); i++) {
            if (tokens.get(i).isSymbol("(")) depth++;
            else if (tokens.get(i).isSymbol(")") && --depth == 0) return i;
        }
        return -1;
    }
}
