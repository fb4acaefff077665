package io.minisqld.server.engine.h2;

import io.minisqld.server.sql.Token;
import java.util.ArrayList;
import java.util.List;

/** The elements of a table statement: what IndexDdl and NumericColumns translate one by one. */
final class TableElements {
    /** The table an {@code ALTER TABLE [db.]t} names and the sig index of its first specification. */
    record AlterTarget(String schema, String table, int specifications) {
    }

    /** The target of an ALTER TABLE statement with at least one specification; null for any other statement. */
    static AlterTarget alterTarget(List<Token> all, List<Integer> sig) {
        int n = sig.size();
        if (n < 4 || !all.get(sig.get(0)).is("ALTER") || !all.get(sig.get(1)).is("TABLE")
                || !all.get(sig.get(2)).isIdentifier()) {
            return null;
        }
        String first = all.get(sig.get(2)).value();
        if (n > 4 && all.get(sig.get(3)).isSymbol(".") && all.get(sig.get(4)).isIdentifier()) {
            return new AlterTarget(first, all.get(sig.get(4)).value(), 5);
        }
        return new AlterTarget(null, first, 3);
    }

    private TableElements() {
    }

    /**
     * Where each element starts, from sig index {@code from} (right after the table's name): a
     * CREATE TABLE's column and key definitions inside its parentheses, an ALTER TABLE's
     * comma-separated specifications.
     */
    static List<Integer> starts(List<Token> all, List<Integer> sig, int from, boolean create) {
        List<Integer> out = new ArrayList<>();
        int elementDepth = create ? 1 : 0;
        int depth = 0;
        boolean atStart = !create;
        for (int s = from; s < sig.size(); s++) {
            Token t = all.get(sig.get(s));
            if (atStart) {
                atStart = false;
                out.add(s);
            }
            if (t.isSymbol("(")) {
                depth++;
                if (depth == elementDepth) atStart = true;
            } else if (t.isSymbol(")")) {
                depth--;
            } else if (t.isSymbol(",") && depth == elementDepth) {
                atStart = true;
            }
        }
        return out;
    }
}
