package io.minisqld.server.engine.h2;

import io.minisqld.server.sql.Token;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * MySQL's single-table UPDATE evaluates its assignments from left to right, each reading the
 * values the ones before it gave (MySQL 5.7 manual 13.2.11: {@code SET col1 = col1 + 1, col2 =
 * col1} gives col2 the new col1); H2, as standard SQL, reads the row as it was. A column an earlier
 * assignment set is replaced, in a later assignment's expression, by that assignment's
 * expression: {@code SET v = v * 2, s = CONCAT(s, v)} runs as {@code SET v = v * 2, s = CONCAT(s,
 * (v * 2))}. A reference inside a subquery is left alone (it may name the subquery's own column).
 * INSERT … ON DUPLICATE KEY UPDATE's assignments are evaluated so too ({@code VALUES(col)} is the
 * inserted value, never substituted).
 */
final class UpdateAssignments {
    /** An assignment: its column (lower case) and its expression's first and last sig indexes. */
    record Assignment(String column, int first, int last) {
    }

    /**
     * The assignments and the names that qualify the table's columns, when a later assignment
     * reads a column an earlier one set; else null.
     */
    record Plan(List<Assignment> assignments, Set<String> qualifiers) {
    }

    private UpdateAssignments() {
    }

    static Plan plan(List<Token> all, List<Integer> sig) {
        if (sig.size() < 8) return null;
        Set<String> qualifiers = new HashSet<>();
        int set = at(all, sig, 0).is("UPDATE") ? updateSet(all, sig, qualifiers)
                : at(all, sig, 0).is("INSERT") ? duplicateKeyUpdate(all, sig, qualifiers) : -1;
        if (set < 0) return null;
        List<Assignment> assignments = new ArrayList<>();
        int s = set + 1;
        while (s < sig.size()) {
            int eq = s;
            while (eq < sig.size() && (at(all, sig, eq).isIdentifier() || at(all, sig, eq).isSymbol("."))) eq++;
            if (eq == s || eq >= sig.size() || !at(all, sig, eq).isSymbol("=")) return null;
            String column = at(all, sig, eq - 1).value().toLowerCase(Locale.ROOT);
            int depth = 0;
            int e = eq + 1;
            for (; e < sig.size(); e++) {
                Token t = at(all, sig, e);
                if (t.isSymbol("(")) depth++;
                else if (t.isSymbol(")")) depth--;
                else if (depth == 0 && (t.isSymbol(",") || t.is("WHERE") || t.is("ORDER") || t.is("LIMIT"))) break;
            }
            if (e == eq + 1) return null;
            assignments.add(new Assignment(column, eq + 1, e - 1));
            if (e < sig.size() && at(all, sig, e).isSymbol(",")) {
                s = e + 1;
                continue;
            }
            break;
        }
        Set<String> assigned = new HashSet<>();
        for (Assignment a : assignments) {
            for (int r = a.first(); r <= a.last(); r++) {
                if (reference(all, sig, r, assigned, qualifiers, a) != null) return new Plan(assignments, qualifiers);
            }
            assigned.add(a.column());
        }
        return null;
    }

    /**
     * The sig indexes of the {@code =} signs that assign rather than compare: each {@code [t.]col =}
     * that starts an item of an UPDATE's SET, an INSERT's SET or ON DUPLICATE KEY UPDATE (at the
     * statement's level). {@code SET a = b = 1} assigns with the first and compares with the second.
     */
    static Set<Integer> assigningSigns(List<Token> all, List<Integer> sig) {
        if (sig.isEmpty()) return Set.of();
        Token first = at(all, sig, 0);
        boolean update = first.is("UPDATE");
        if (!update && !first.is("INSERT") && !first.is("REPLACE")) return Set.of();
        Set<Integer> out = new HashSet<>();
        int depth = 0;
        for (int s = 1; s < sig.size(); s++) {
            Token t = at(all, sig, s);
            if (t.isSymbol("(")) depth++;
            else if (t.isSymbol(")")) depth--;
            else if (depth == 0 && (t.is("SET") || (!update && t.is("UPDATE") && at(all, sig, s - 1).is("KEY")))) {
                s = assignmentList(all, sig, s + 1, out) - 1;
                if (update) break;
            }
        }
        return out;
    }

    /** Adds the assigning signs of the list from {@code start} to {@code out}; the sig index after the list. */
    private static int assignmentList(List<Token> all, List<Integer> sig, int start, Set<Integer> out) {
        int s = start;
        while (s < sig.size()) {
            int eq = s;
            while (eq < sig.size() && (at(all, sig, eq).isIdentifier() || at(all, sig, eq).isSymbol("."))) eq++;
            if (eq > s && eq < sig.size() && at(all, sig, eq).isSymbol("=")) out.add(eq);
            int depth = 0;
            for (s = eq; s < sig.size(); s++) {
                Token t = at(all, sig, s);
                if (t.isSymbol("(")) depth++;
                else if (t.isSymbol(")")) depth--;
                else if (depth == 0 && (t.isSymbol(",") || t.isSymbol(";") || t.is("WHERE") || t.is("ORDER")
                        || t.is("LIMIT") || t.is("ON"))) {
                    break;
                }
            }
            if (s >= sig.size() || !at(all, sig, s).isSymbol(",")) return s;
            s++;
        }
        return s;
    }

    /** A single-table UPDATE's SET (its table's names into {@code qualifiers}), or -1. */
    private static int updateSet(List<Token> all, List<Integer> sig, Set<String> qualifiers) {
        int k = 1;
        while (k < sig.size() && (at(all, sig, k).is("LOW_PRIORITY") || at(all, sig, k).is("IGNORE"))) k++;
        for (int s = k; s < sig.size(); s++) {
            Token t = at(all, sig, s);
            if (t.is("SET")) return s;
            // a join or a list of tables: a multi-table UPDATE, whose order MySQL does not promise
            if (t.isSymbol(",") || t.is("JOIN") || t.isSymbol("(")) return -1;
            if (t.isIdentifier()) qualifiers.add(t.value().toLowerCase(Locale.ROOT));
        }
        return -1;
    }

    /**
     * The UPDATE of an INSERT … ON DUPLICATE KEY UPDATE, whose assignments MySQL evaluates in order
     * as an UPDATE's ({@code a = a + 1, b = a} gives b the new a); its table's name into
     * {@code qualifiers}; -1 for none.
     */
    private static int duplicateKeyUpdate(List<Token> all, List<Integer> sig, Set<String> qualifiers) {
        for (int s = 1; s < sig.size() && !at(all, sig, s).isSymbol("(") && !at(all, sig, s).is("VALUES")
                && !at(all, sig, s).is("SELECT") && !at(all, sig, s).is("SET"); s++) {
            if (at(all, sig, s).isIdentifier()) qualifiers.add(at(all, sig, s).value().toLowerCase(Locale.ROOT));
        }
        return duplicateKeyUpdate(all, sig);
    }

    /** The sig index of the UPDATE of an INSERT's ON DUPLICATE KEY UPDATE (at the statement's level), or -1. */
    static int duplicateKeyUpdate(List<Token> all, List<Integer> sig) {
        int depth = 0;
        for (int s = 0; s + 3 < sig.size(); s++) {
            Token t = at(all, sig, s);
            if (t.isSymbol("(")) depth++;
            else if (t.isSymbol(")")) depth--;
            else if (depth == 0 && t.is("ON") && at(all, sig, s + 1).is("DUPLICATE") && at(all, sig, s + 2).is("KEY")
                    && at(all, sig, s + 3).is("UPDATE")) {
                return s + 3;
            }
        }
        return -1;
    }

    /**
     * The column the token at {@code r} reads when it is one of {@code assigned} (unqualified or
     * qualified by the table), else null; a name inside a subquery of {@code a} is none.
     */
    private static String reference(List<Token> all, List<Integer> sig, int r, Set<String> assigned,
                                    Set<String> qualifiers, Assignment a) {
        Token t = at(all, sig, r);
        if (!t.isIdentifier() || !assigned.contains(t.value().toLowerCase(Locale.ROOT))) return null;
        if (r + 1 <= a.last() && (at(all, sig, r + 1).isSymbol("(") || at(all, sig, r + 1).isSymbol("."))) return null;
        // VALUES(col) of ON DUPLICATE KEY UPDATE: the inserted value, not the row's
        if (r - 2 >= a.first() && at(all, sig, r - 1).isSymbol("(") && at(all, sig, r - 2).is("VALUES")) return null;
        if (r - 1 >= a.first() && at(all, sig, r - 1).isSymbol(".")
                && !(r - 2 >= a.first() && qualifiers.contains(at(all, sig, r - 2).value().toLowerCase(Locale.ROOT)))) {
            return null;
        }
        // inside a subquery of the expression: another table's column perhaps
        int depth = 0;
        for (int k = r - 1; k >= a.first(); k--) {
            Token b = at(all, sig, k);
            if (b.isSymbol(")")) depth++;
            else if (b.isSymbol("(")) {
                if (depth > 0) depth--;
                else if (k + 1 <= a.last() && at(all, sig, k + 1).is("SELECT")) return null;
            }
        }
        return t.value().toLowerCase(Locale.ROOT);
    }

    private static Token at(List<Token> all, List<Integer> sig, int s) {
        return all.get(sig.get(s));
    }

    /**
     * The H2 statement with later assignments reading earlier ones; {@code textStarts} /
     * {@code textEnds} are where each token's own text is in {@code h2} (-1 where the translation
     * replaced it, which is then left as it is).
     */
    static String rewrite(Plan plan, List<Token> all, List<Integer> sig, String h2, int[] h2Starts, int[] h2Ends,
                          int[] textStarts, int[] textEnds) {
        List<Assignment> assignments = plan.assignments();
        List<String> expressions = new ArrayList<>();
        java.util.Map<String, String> latest = new java.util.HashMap<>();
        for (Assignment a : assignments) {
            int from = h2Starts[sig.get(a.first())];
            StringBuilder text = new StringBuilder();
            int at = from;
            for (int r = a.first(); r <= a.last(); r++) {
                String column = reference(all, sig, r, latest.keySet(), plan.qualifiers(), a);
                if (column == null) continue;
                int i = sig.get(r);
                int start = textStarts[i];
                // t.col: the qualifier and its dot go too
                if (r - 2 >= a.first() && at(all, sig, r - 1).isSymbol(".")) start = textStarts[sig.get(r - 2)];
                if (start < 0 || textEnds[i] < 0 || start < at) continue;
                text.append(h2, at, start).append('(').append(latest.get(column)).append(')');
                at = textEnds[i];
            }
            text.append(h2, at, h2Ends[sig.get(a.last())]);
            expressions.add(text.toString());
            latest.put(a.column(), text.toString());
        }
        StringBuilder out = new StringBuilder(h2);
        for (int n = assignments.size() - 1; n >= 0; n--) {
            Assignment a = assignments.get(n);
            out.replace(h2Starts[sig.get(a.first())], h2Ends[sig.get(a.last())], expressions.get(n));
        }
        return out.toString();
    }
}
