package io.minisqld.server.engine.h2;

import io.minisqld.server.error.ErrorCode;
import io.minisqld.server.sql.Token;
import java.util.List;

/**
 * CHECK constraints of CREATE TABLE and ALTER TABLE are refused with 1235 "This version of MySQL
 * doesn't yet support 'CHECK constraints'": MySQL 5.7 parses and ignores them, which would be a
 * constraint accepted and never applied; the engine had enforced them with its own 1105 "Check
 * constraint violation" naming a constraint the user never made, and SHOW CREATE TABLE (so a dump)
 * did not show them. A column's {@code [CONSTRAINT [name]] CHECK (expr)}, a table's, and ALTER
 * TABLE's {@code ADD [CONSTRAINT [name]] CHECK (expr)} are refused before anything changes.
 */
final class CheckClauses {
    private CheckClauses() {
    }

    /**
     * Refuses the CREATE TABLE element or ALTER TABLE specification that starts at sig index
     * {@code start} when it is a check or holds one (a column's).
     */
    static void refuse(List<Token> all, List<Integer> sig, int start) {
        int end = elementEnd(all, sig, start);
        int depth = 0;
        for (int s = start; s < end; s++) {
            Token t = at(all, sig, s);
            if (t.isSymbol("(")) depth++;
            else if (t.isSymbol(")")) depth--;
            else if (depth == 0 && (t.is("CHECK") || t.is("CONSTRAINT")) && checkAt(all, sig, s, end) >= 0) {
                throw ErrorCode.ER_NOT_SUPPORTED_YET.error("CHECK constraints");
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
