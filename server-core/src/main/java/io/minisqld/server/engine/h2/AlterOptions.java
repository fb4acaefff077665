package io.minisqld.server.engine.h2;

import io.minisqld.server.error.ErrorCode;
import io.minisqld.server.sql.Token;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code ALGORITHM = {DEFAULT | INPLACE | COPY}} and {@code LOCK = {DEFAULT | NONE | SHARED |
 * EXCLUSIVE}} of ALTER TABLE, CREATE INDEX and DROP INDEX. The engine alters a table by copying it
 * under an exclusive lock, so DEFAULT, COPY and EXCLUSIVE are what it does and go; INPLACE, NONE
 * and SHARED ask for an online change it cannot make, and are refused as MySQL refuses them for an
 * operation that cannot run so (1845 "… is not supported for this operation. Try …"); another word
 * is MySQL's 1800 / 1801. {@code ALTER TABLE t FORCE} (a rebuild) goes too: the engine's tables need none.
 * A CHANGE or MODIFY that moves its column (FIRST, AFTER c) is refused, 1235: the engine moves none.
 */
final class AlterOptions {
    private static final Set<String> ALGORITHMS = Set.of("DEFAULT", "INPLACE", "COPY");
    private static final Set<String> LOCKS = Set.of("DEFAULT", "NONE", "SHARED", "EXCLUSIVE");

    private AlterOptions() {
    }

    /** Whether a specification ends at sig index {@code s} (the statement's end, a comma or a semicolon). */
    private static boolean specEnds(List<Token> all, List<Integer> sig, int s) {
        return s == sig.size() || s < sig.size() && (all.get(sig.get(s)).isSymbol(",") || all.get(sig.get(s)).isSymbol(";"));
    }

    /** Checks and drops the statement's ALGORITHM and LOCK clauses (with the comma that separates one). */
    static void rewrite(List<Token> all, List<Integer> sig, Set<Integer> drop) {
        if (sig.size() < 3) return;
        boolean alter = all.get(sig.get(0)).is("ALTER") && all.get(sig.get(1)).is("TABLE");
        boolean index = (all.get(sig.get(0)).is("CREATE") || all.get(sig.get(0)).is("DROP")) && indexStatement(all, sig);
        if (!alter && !index) return;
        int depth = 0;
        boolean changing = false;
        for (int s = 2; s < sig.size(); s++) {
            Token t = all.get(sig.get(s));
            if (t.isSymbol("(")) depth++;
            else if (t.isSymbol(")")) depth--;
            if (alter && depth == 0) {
                Token before = all.get(sig.get(s - 1));
                if ((t.is("CHANGE") || t.is("MODIFY")) && (before.isSymbol(",") || before.isIdentifier())) changing = true;
                else if (t.isSymbol(",")) changing = false;
                else if (changing && (t.is("FIRST") && specEnds(all, sig, s + 1) || t.is("AFTER") && specEnds(all, sig, s + 2))
                        && !before.is("CHANGE") && !before.is("MODIFY") && !before.is("COLUMN")) {
                    // the engine cannot move a column it keeps; ADD … FIRST | AFTER places a new one
                    throw ErrorCode.ER_NOT_SUPPORTED_YET.error("CHANGE or MODIFY of a column with FIRST or AFTER"
                            + " (moving a column)");
                }
            }
            if (alter && depth == 0 && t.is("FORCE") && (all.get(sig.get(s - 1)).isSymbol(",")
                    || all.get(sig.get(s - 1)).isIdentifier() && !all.get(sig.get(s - 1)).is("FORCE"))
                    && (s + 1 == sig.size() || all.get(sig.get(s + 1)).isSymbol(",") || all.get(sig.get(s + 1)).isSymbol(";"))) {
                // FORCE rebuilds the table (pt-online-schema-change, OPTIMIZE's recreate): the engine's
                // tables need none, so it goes (with the comma that separates it)
                drop.add(sig.get(s));
                if (all.get(sig.get(s - 1)).isSymbol(",")) drop.add(sig.get(s - 1));
                else if (s + 1 < sig.size() && all.get(sig.get(s + 1)).isSymbol(",")) drop.add(sig.get(s + 1));
                continue;
            }
            if (s + 1 >= sig.size() || depth != 0 || !(t.is("ALGORITHM") || t.is("LOCK"))) continue;
            Token before = all.get(sig.get(s - 1));
            // a specification of its own: after a comma, the table's name, or (an index's) its column list
            if (!(before.isSymbol(",") || before.isIdentifier() || before.isSymbol(")"))) continue;
            int value = all.get(sig.get(s + 1)).isSymbol("=") ? s + 2 : s + 1;
            if (value >= sig.size()) continue;
            String word = all.get(sig.get(value)).value().toUpperCase(Locale.ROOT);
            if (t.is("ALGORITHM")) {
                if (!ALGORITHMS.contains(word)) throw ErrorCode.ER_UNKNOWN_ALTER_ALGORITHM.error(all.get(sig.get(value)).value());
                if (word.equals("INPLACE")) {
                    throw ErrorCode.ER_ALTER_OPERATION_NOT_SUPPORTED.error("ALGORITHM=INPLACE", "ALGORITHM=COPY");
                }
            } else {
                if (!LOCKS.contains(word)) throw ErrorCode.ER_UNKNOWN_ALTER_LOCK.error(all.get(sig.get(value)).value());
                if (word.equals("NONE") || word.equals("SHARED")) {
                    throw ErrorCode.ER_ALTER_OPERATION_NOT_SUPPORTED.error("LOCK=NONE/SHARED", "LOCK=EXCLUSIVE");
                }
            }
            for (int k = s; k <= value; k++) drop.add(sig.get(k));
            if (before.isSymbol(",")) drop.add(sig.get(s - 1));
            else if (value + 1 < sig.size() && all.get(sig.get(value + 1)).isSymbol(",")) drop.add(sig.get(value + 1));
            s = value;
        }
    }

    /** CREATE [UNIQUE | FULLTEXT | SPATIAL] INDEX … or DROP INDEX …. */
    private static boolean indexStatement(List<Token> all, List<Integer> sig) {
        for (int s = 1; s < sig.size(); s++) {
            Token t = all.get(sig.get(s));
            if (t.is("INDEX")) return true;
            if (!(t.is("UNIQUE") || t.is("FULLTEXT") || t.is("SPATIAL"))) return false;
        }
        return false;
    }
}
