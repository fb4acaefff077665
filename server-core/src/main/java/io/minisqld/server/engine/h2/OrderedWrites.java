package io.minisqld.server.engine.h2;

import io.minisqld.server.sql.Token;
import java.util.List;

/**
 * MySQL's single-table {@code UPDATE … ORDER BY … LIMIT n} and {@code DELETE … ORDER BY … [LIMIT
 * n]}. H2 reads an UPDATE's ORDER BY and ignores it (so the LIMIT took whichever rows H2 met
 * first, not the first ones in the order asked), and refuses a DELETE's. With a LIMIT the rows
 * are chosen by a subquery in the order asked, and the statement's own condition stays on the
 * outer statement too, so that a row another transaction changed meanwhile is checked again once
 * its lock is free (two sessions taking "the next free job" never take the same one);
 * {@code DELETE … ORDER BY} without a LIMIT deletes the same rows in any order.
 */
final class OrderedWrites {
    /** Where the parts are: sig indexes, -1 for an absent WHERE or LIMIT. */
    record Plan(int tableFirst, int tableLast, int where, int orderBy, int limit, int last) {
    }

    private OrderedWrites() {
    }

    /** The plan of a single-table UPDATE or DELETE with a top-level ORDER BY, else null. */
    static Plan plan(List<Token> all, List<Integer> sig) {
        if (sig.size() < 6) return null;
        Token first = all.get(sig.get(0));
        boolean update = first.is("UPDATE");
        if (!update && !first.is("DELETE")) return null;
        int k = 1;
        while (k < sig.size() && (at(all, sig, k).is("LOW_PRIORITY") || at(all, sig, k).is("IGNORE")
                || at(all, sig, k).is("QUICK"))) {
            k++;
        }
        if (!update) {
            if (k >= sig.size() || !at(all, sig, k).is("FROM")) return null;
            k++;
        }
        int tableFirst = k;
        int where = -1;
        int orderBy = -1;
        int limit = -1;
        int set = -1;
        int depth = 0;
        for (int s = tableFirst; s < sig.size(); s++) {
            Token t = at(all, sig, s);
            if (t.isSymbol("(")) depth++;
            else if (t.isSymbol(")")) depth--;
            if (depth != 0) continue;
            if (update && set < 0 && t.is("SET")) set = s;
            else if (t.is("WHERE") && where < 0 && orderBy < 0) where = s;
            else if (t.is("ORDER") && s + 1 < sig.size() && at(all, sig, s + 1).is("BY") && orderBy < 0) orderBy = s;
            else if (t.is("LIMIT") && orderBy >= 0 && limit < 0) limit = s;
            // a multi-table form (a join, several tables): MySQL takes no ORDER BY there
            else if (orderBy < 0 && (t.is("JOIN") || t.isSymbol(",") && (update ? set < 0 : where < 0))) return null;
        }
        if (orderBy < 0 || (update && set < 0)) return null;
        int tableLast = (update ? set : where >= 0 ? where : orderBy) - 1;
        if (tableLast < tableFirst) return null;
        return new Plan(tableFirst, tableLast, where, orderBy, limit, sig.size() - 1);
    }

    private static Token at(List<Token> all, List<Integer> sig, int s) {
        return all.get(sig.get(s));
    }

    /**
     * The H2 statement for {@code plan}, from the rendered text {@code h2} and where each token of
     * it starts and ends there; {@code rewritten} is {@code h2} after a rewrite of the part before
     * the WHERE ({@link UpdateAssignments}), or {@code h2} itself.
     */
    static String rewrite(Plan plan, List<Integer> sig, String h2, int[] h2Starts, int[] h2Ends, String rewritten) {
        // the statement up to its WHERE (or ORDER BY), as another rewrite of that part left it
        int headEnd = h2Starts[sig.get(plan.where() >= 0 ? plan.where() : plan.orderBy())];
        String head = rewritten.substring(0, headEnd + rewritten.length() - h2.length());
        String condition = plan.where() < 0 ? null
                : h2.substring(h2Ends[sig.get(plan.where())], h2Starts[sig.get(plan.orderBy())]).strip();
        int end = h2Ends[sig.get(plan.last())];
        if (plan.limit() < 0) {
            // DELETE … ORDER BY alone: the order does not change which rows go
            return head + (condition == null ? "" : " WHERE " + condition);
        }
        String order = h2.substring(h2Starts[sig.get(plan.orderBy())], h2Starts[sig.get(plan.limit())]).strip();
        String limit = h2.substring(h2Starts[sig.get(plan.limit())], end).strip();
        String table = h2.substring(h2Starts[sig.get(plan.tableFirst())], h2Ends[sig.get(plan.tableLast())]).strip();
        String chosen = "_ROWID_ IN (SELECT _ROWID_ FROM " + table + (condition == null ? "" : " WHERE " + condition)
                + " " + order + " " + limit + ")";
        return head + " WHERE " + (condition == null ? "" : "(" + condition + ") AND ") + chosen;
    }
}
