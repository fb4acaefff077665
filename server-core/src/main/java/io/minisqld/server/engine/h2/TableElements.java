package io.minisqld.server.engine.h2;

import io.minisqld.server.sql.Token;
import java.util.ArrayList;
import java.util.List;

/** The elements of a table statement: what IndexDdl and NumericColumns translate one by one. */
final class TableElements {
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
