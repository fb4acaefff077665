package io.minisqld.server.engine.h2;

import io.minisqld.server.sql.Token;
import java.util.List;
import java.util.Set;

/**
 * CHECK constraints of CREATE TABLE and ALTER TABLE, which MySQL 5.7 parses and ignores (its
 * manual, CREATE TABLE: "The CHECK clause is parsed but ignored by all storage engines"): a
 * column's {@code [CONSTRAINT [name]] CHECK (expr)}, a table's, and ALTER TABLE's
 * {@code ADD [CONSTRAINT [name]] CHECK (expr)} are dropped before the engine sees them, so a row
 * the check would refuse is stored, SHOW CREATE TABLE shows no check, and a dump carries none,
 * as MySQL 5.7's. The engine had enforced them with its own 1105 "Check constraint violation"
 * naming a constraint the user never saw.
 */
final class CheckClauses {
    private CheckClauses() {
    }

    /**
     * Drops the checks of the CREATE TABLE element or ALTER TABLE specification that starts at sig
     * index {@code start}: the whole element when it is a check (with the comma before it in a
     * CREATE TABLE; an ALTER TABLE's empty specification runs nothing), else a column's checks.
     */
    static void drop(List<Token> all, List<Integer> sig, int start, boolean create, Set<Integer> drop) {
        int end = elementEnd(all, sig, start);
        int k = start;
        if (!create && k < end && at(all, sig, k).is("ADD")) k++;
        int check = checkAt(all, sig, k, end);
        if (check >= 0) {
            for (int s = start; s < end; s++) drop.add(sig.get(s));
            if (create && at(all, sig, start - 1).isSymbol(",")) drop.add(sig.get(start - 1));
            else if (create && end < sig.size() && at(all, sig, end).isSymbol(",")) drop.add(sig.get(end));
            return;
        }
        int depth = 0;
        for (int s = start + 1; s < end; s++) {
            Token t = at(all, sig, s);
            if (t.isSymbol("(")) depth++;
            else if (t.isSymbol(")")) depth--;
            else if (depth == 0 && (t.is("CHECK") || t.is("CONSTRAINT"))) {
                int clauseEnd = checkAt(all, sig, s, end);
                if (clauseEnd < 0) continue;
                for (int c = s; c <= clauseEnd; c++) drop.add(sig.get(c));
                s = clauseEnd;
            }
        }
    }

    /**
     * Where the {@code [CONSTRAINT [name]] CHECK (expr)} starting at sig index {@code k} ends (the
     * sig index of its closing parenthesis), or -1 when none starts there.
     */
    private static int checkAt(List<Token> all, List<Integer> sig, int k, int end) {
        int c = k;
        if (c < end && at(all, sig, c).is("CONSTRAINT")) {
            c++;
            if (c < end && !at(all, sig, c).is("CHECK") && at(all, sig, c).isIdentifier()) c++;
        }
        if (c + 1 >= end || !at(all, sig, c).is("CHECK") || !at(all, sig, c + 1).isSymbol("(")) return -1;
        int depth = 0;
        for (int s = c + 1; s < end; s++) {
            if (at(all, sig, s).isSymbol("(")) depth++;
            else if (at(all, sig, s).isSymbol(")") && --depth == 0) return s;
        }
        return -1;
    }

    /** The sig index after the element starting at {@code start}: its comma, the list's closing parenthesis or the end. */
    private static int elementEnd(List<Token> all, List<Integer> sig, int start) {
        int depth = 0;
        for (int s = start; s < sig.size(); s++) {
            Token t = at(all, sig, s);
            if (t.isSymbol("(")) depth++;
            else if (t.isSymbol(")") && --depth < 0) return s;
            else if ((t.isSymbol(",") || t.isSymbol(";")) && depth == 0) return s;
        }
        return sig.size();
    }

    private static Token at(List<Token> all, List<Integer> sig, int s) {
        return all.get(sig.get(s));
    }
}
