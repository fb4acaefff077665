package io.minisqld.server.statements;

import io.minisqld.server.engine.EngineQuery;
import io.minisqld.server.sql.Token;
import io.minisqld.server.sql.TokenType;
import java.util.List;

/**
 * {@code group_concat_max_len}: each GROUP_CONCAT(…) of the statement is cut to that length, as
 * MySQL cuts it. An edit for the engine only ({@code LEFT(GROUP_CONCAT(…), n)}), which the binlog's
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
            query.insertBeforeForEngine(i, "LEFT(");
            // no value is longer than the largest int, which is as far as LEFT counts
            query.insertBeforeForEngine(close, "), " + Math.min(maxLength, Integer.MAX_VALUE));
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
