package io.minisqld.server.engine.h2;

import io.minisqld.server.error.ErrorCode;
import io.minisqld.server.sql.Token;
import io.minisqld.server.sql.TokenType;
import java.util.List;
import java.util.Set;

/**
 * An aggregate in a WHERE condition or a GROUP BY list of its own query is MySQL's 1111 "Invalid
 * use of group function" (an aggregate in a subquery there is the subquery's). The engine answered
 * {@code SELECT SUM(a) FROM t WHERE SUM(a) > 1} with a row, and {@code GROUP BY SUM(a)} was 1064.
 */
final class GroupFunctionPlaces {
    /** Words that end a WHERE condition or a GROUP BY list of the same query. */
    private static final Set<String> CLAUSE_ENDS = Set.of("GROUP", "HAVING", "ORDER", "LIMIT", "UNION", "WINDOW", "FOR",
            "LOCK", "INTO", "PROCEDURE", "WITH");

    private GroupFunctionPlaces() {
    }

    /** Throws 1111 when an aggregate of the statement's own query stands in a WHERE or GROUP BY. */
    static void check(List<Token> all, List<Integer> sig) {
        for (int s = 0; s + 1 < sig.size(); s++) {
            Token t = all.get(sig.get(s));
            boolean where = t.is("WHERE");
            boolean groupBy = t.is("GROUP") && all.get(sig.get(s + 1)).is("BY");
            if (!where && !groupBy) continue;
            int depth = 0;
            for (int k = groupBy ? s + 2 : s + 1; k < sig.size(); k++) {
                Token u = all.get(sig.get(k));
                if (u.isSymbol("(")) {
                    if (k + 1 < sig.size() && all.get(sig.get(k + 1)).is("SELECT")) {
                        k = MySqlToH2.matchingParen(all, sig, k);
                        if (k < 0) return;
                        continue;
                    }
                    depth++;
                } else if (u.isSymbol(")")) {
                    if (--depth < 0) break;
                } else if (u.isSymbol(";") || depth == 0 && u.type() == TokenType.WORD && CLAUSE_ENDS.contains(u.upper())
                        && !(groupBy && u.is("WITH"))) {
                    break;
                } else if (u.type() == TokenType.WORD && LockingReads.AGGREGATES.contains(u.upper()) && k + 1 < sig.size()
                        && all.get(sig.get(k + 1)).isSymbol("(") && !all.get(sig.get(k - 1)).isSymbol(".")) {
                    throw ErrorCode.ER_INVALID_GROUP_FUNC_USE.error();
                }
            }
        }
    }
}
