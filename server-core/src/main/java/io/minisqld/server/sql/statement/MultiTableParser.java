package io.minisqld.server.sql.statement;

import io.minisqld.server.error.ErrorCode;
import io.minisqld.server.grant.Privilege;
import io.minisqld.server.sql.StatementText;
import io.minisqld.server.sql.Token;
import io.minisqld.server.sql.TokenType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Reads the multi-table forms of UPDATE and DELETE (MySQL 5.7 reference manual 13.2.11 and
 * 13.2.2):
 * <pre>
 * UPDATE [LOW_PRIORITY] [IGNORE] table_references SET assignment_list [WHERE cond]
 * DELETE [LOW_PRIORITY] [QUICK] [IGNORE] tbl[.*] [, tbl[.*]] … FROM table_references [WHERE cond]
 * DELETE [LOW_PRIORITY] [QUICK] [IGNORE] FROM tbl[.*] [, tbl[.*]] … USING table_references [WHERE cond]
 * </pre>
 * An UPDATE is multi-table when its table references are more than one table, as MySQL decides
 * it. What is not one of these forms is left to the single-table reading (null), whose engine
 * reports any syntax error.
 */
final class MultiTableParser {
    private static final Set<String> MODIFIERS = Set.of("LOW_PRIORITY", "QUICK", "IGNORE");
    /** Words that start a join after a table factor. */
    private static final Set<String> JOIN_WORDS = Set.of("JOIN", "INNER", "CROSS", "LEFT", "RIGHT", "NATURAL",
            "STRAIGHT_JOIN");
    /** Words after a table that are not its alias. */
    private static final Set<String> NOT_ALIAS = Set.of("ON", "USING", "JOIN", "INNER", "CROSS", "LEFT", "RIGHT",
            "NATURAL", "STRAIGHT_JOIN", "OUTER", "SET", "WHERE", "ORDER", "LIMIT", "PARTITION", "USE", "IGNORE",
            "FORCE", "AS");

    private MultiTableParser() {
    }

    /**
     * The statement's multi-table reading, or null for the single-table forms.
     *
     * @param currentDatabase the session's database, which the unqualified names of DELETE's table
     *                        list are in (MySQL matches them to the references by database too), and
     *                        the tables of the join without a database
     * @throws io.minisqld.server.error.SqlError MySQL's errors for a multi-table statement it refuses
     *         (1221 for ORDER BY or LIMIT in UPDATE, 1064 for them in DELETE, 1109 and 1066 for a
     *         DELETE table that names no reference or several, 1054 for a SET column of no
     *         reference, 1288 for a derived table changed)
     */
    static MultiTableChange parse(StatementText text, String currentDatabase) {
        List<Token> sig = text.significant();
        if (sig.isEmpty()) return null;
        if (sig.get(0).is("UPDATE")) return update(sig, currentDatabase);
        if (sig.get(0).is("DELETE")) return delete(text, sig, currentDatabase);
        if (sig.get(0).is("EXPLAIN")) {
            int k = 1;
            if (k < sig.size() && (sig.get(k).is("EXTENDED") || sig.get(k).is("PARTITIONS"))) k++;
            else if (k + 2 < sig.size() && sig.get(k).is("FORMAT") && sig.get(k + 1).isSymbol("=")) k += 3;
            List<Token> explained = sig.subList(Math.min(k, sig.size()), sig.size());
            if (!explained.isEmpty() && (explained.get(0).is("UPDATE") ? update(explained, currentDatabase)
                    : explained.get(0).is("DELETE") ? delete(text, explained, currentDatabase) : null) != null) {
                throw ErrorCode.ER_NOT_SUPPORTED_YET.error("EXPLAIN of a multi-table UPDATE or DELETE");
            }
        }
        return null;
    }

    private static MultiTableChange update(List<Token> sig, String currentDatabase) {
        int k = afterModifiers(sig);
        int set = topLevel(sig, k, "SET");
        if (set < 0) return null;
        Join join = join(sig, k, set);
        if (join == null || join.references.size() < 2) return null;
        int end = clauseEnd(sig, set + 1);
        int where = topLevel(sig, set + 1, "WHERE");
        if (where >= end) where = -1;
        if (end < sig.size()) {
            // MySQL's multi_update_precheck: neither ORDER BY nor LIMIT in a multi-table UPDATE
            boolean order = topLevel(sig, end, "ORDER") >= 0;
            throw ErrorCode.ER_WRONG_USAGE.error("UPDATE", order ? "ORDER BY" : "LIMIT");
        }
        List<MultiTableChange.Assignment> assignments = assignments(sig, set + 1, where >= 0 ? where : end,
                join.references, currentDatabase);
        if (assignments == null) return null;
        for (MultiTableChange.Assignment a : assignments) {
            if (a.reference() >= 0 && join.references.get(a.reference()).derived()) {
                throw ErrorCode.ER_NON_UPDATABLE_TABLE.error(join.references.get(a.reference()).name(), "UPDATE");
            }
        }
        return new MultiTableChange(false, join.references, List.of(), assignments, sig.get(k), sig.get(set - 1),
                where >= 0 && where + 1 < end ? sig.get(where + 1) : null, where >= 0 && where + 1 < end ? sig.get(end - 1) : null,
                insideTables(sig, join.nameTokens));
    }

    private static MultiTableChange delete(StatementText text, List<Token> sig, String currentDatabase) {
        int k = afterModifiers(sig);
        int listStart;
        int listEnd;
        int joinStart;
        if (k < sig.size() && sig.get(k).is("FROM")) {
            // DELETE FROM t1, t2 USING … (a lone table after FROM is the single-table form)
            listStart = k + 1;
            listEnd = topLevel(sig, listStart, "USING");
            if (listEnd < 0) return null;
            joinStart = listEnd + 1;
        } else {
            listStart = k;
            listEnd = topLevel(sig, listStart, "FROM");
            if (listEnd < 0) return null;
            joinStart = listEnd + 1;
        }
        List<String[]> targets = deleteList(sig, listStart, listEnd);
        if (targets == null) return null;
        int end = clauseEnd(sig, joinStart);
        int where = topLevel(sig, joinStart, "WHERE");
        if (where >= end) where = -1;
        // the multi-table forms take neither ORDER BY nor LIMIT: MySQL's grammar stops there
        if (end < sig.size()) throw text.syntaxErrorAtOffset(sig.get(end).start());
        Join join = join(sig, joinStart, where >= 0 ? where : end);
        if (join == null) return null;
        List<Integer> deleted = new ArrayList<>();
        for (String[] target : targets) {
            int match = deleteTarget(target, join.references, currentDatabase);
            MultiTableChange.Reference r = join.references.get(match);
            if (r.derived()) throw ErrorCode.ER_NON_UPDATABLE_TABLE.error(r.name(), "DELETE");
            if (!deleted.contains(match)) deleted.add(match);
        }
        Set<Token> names = Collections.newSetFromMap(new IdentityHashMap<>());
        names.addAll(join.nameTokens);
        for (int i = listStart; i < listEnd; i++) names.add(sig.get(i));
        return new MultiTableChange(true, join.references, deleted, List.of(), sig.get(joinStart),
                sig.get((where >= 0 ? where : end) - 1), where >= 0 && where + 1 < end ? sig.get(where + 1) : null,
                where >= 0 && where + 1 < end ? sig.get(end - 1) : null, insideTables(sig, names));
    }

    private static int afterModifiers(List<Token> sig) {
        int k = 1;
        while (k < sig.size() && sig.get(k).type() == TokenType.WORD && MODIFIERS.contains(sig.get(k).upper())) k++;
        return k;
    }

    /** DELETE's table list {@code [db.]name[.*], …} in [from, to): {db or null, name} each; null when it is none. */
    private static List<String[]> deleteList(List<Token> sig, int from, int to) {
        List<String[]> out = new ArrayList<>();
        int k = from;
        while (k < to) {
            if (!sig.get(k).isIdentifier()) return null;
            String db = null;
            String name = sig.get(k).value();
            k++;
            if (k + 1 < to && sig.get(k).isSymbol(".") && sig.get(k + 1).isIdentifier()) {
                db = name;
                name = sig.get(k + 1).value();
                k += 2;
            }
            if (k + 1 < to && sig.get(k).isSymbol(".") && sig.get(k + 1).isSymbol("*")) k += 2;
            out.add(new String[] {db, name});
            if (k == to) break;
            if (!sig.get(k).isSymbol(",")) return null;
            k++;
        }
        return out.isEmpty() || k != to ? null : out;
    }

    /**
     * The reference a DELETE table names, as MySQL 5.7 matches it: a qualified name matches an
     * unaliased table of that database; an unqualified one an alias, or an unaliased table of the
     * current database. None is 1109, several 1066.
     */
    private static int deleteTarget(String[] target, List<MultiTableChange.Reference> references,
                                    String currentDatabase) {
        int match = -1;
        for (int i = 0; i < references.size(); i++) {
            MultiTableChange.Reference r = references.get(i);
            boolean same;
            if (target[0] != null) {
                same = r.alias() == null && !r.derived() && r.table().equalsIgnoreCase(target[1])
                        && target[0].equals(r.database() != null ? r.database() : currentDatabase);
            } else if (r.alias() != null) {
                same = r.alias().equalsIgnoreCase(target[1]);
            } else {
                same = r.table().equalsIgnoreCase(target[1]) && (r.database() == null
                        || r.database().equals(currentDatabase));
            }
            if (!same) continue;
            if (match >= 0) throw ErrorCode.ER_NONUNIQ_TABLE.error(r.name());
            match = i;
        }
        if (match < 0) throw ErrorCode.ER_UNKNOWN_TABLE.error(target[1], "MULTI DELETE");
        return match;
    }

    /** The table references, and the tokens naming their tables. */
    private record Join(List<MultiTableChange.Reference> references, List<Token> nameTokens) {
    }

    /**
     * Reads the table references in [from, to): table factors ({@code [db.]t [PARTITION (…)] [[AS]
     * alias] [index hints]}, {@code (SELECT …) [AS] alias}, parenthesized joins) joined by commas
     * and JOINs with their ON or USING. Null when the tokens are no such list.
     */
    private static Join join(List<Token> sig, int from, int to) {
        List<MultiTableChange.Reference> refs = new ArrayList<>();
        List<Token> names = new ArrayList<>();
        boolean factor = true;
        int open = 0;
        int k = from;
        while (k < to) {
            Token t = sig.get(k);
            if (factor) {
                if (t.isSymbol("(")) {
                    int first = k + 1;
                    while (first < to && sig.get(first).isSymbol("(")) first++;
                    if (first < to && sig.get(first).is("SELECT")) {
                        int close = closing(sig, k, to);
                        if (close < 0) return null;
                        k = close + 1;
                        if (k < to && sig.get(k).is("AS")) k++;
                        if (k >= to || !sig.get(k).isIdentifier() || NOT_ALIAS.contains(sig.get(k).upper())
                                && sig.get(k).type() == TokenType.WORD) {
                            throw ErrorCode.ER_DERIVED_MUST_HAVE_ALIAS.error();
                        }
                        refs.add(new MultiTableChange.Reference(null, null, sig.get(k).value()));
                        k++;
                        factor = false;
                    } else {
                        open++;
                        k++;
                    }
                    continue;
                }
                if (!t.isIdentifier()) return null;
                names.add(t);
                String db = null;
                String table = t.value();
                k++;
                if (k + 1 < to && sig.get(k).isSymbol(".") && sig.get(k + 1).isIdentifier()) {
                    db = table;
                    table = sig.get(k + 1).value();
                    names.add(sig.get(k + 1));
                    k += 2;
                }
                if (k < to && sig.get(k).is("PARTITION")) return null;
                String alias = null;
                if (k + 1 < to && sig.get(k).is("AS") && sig.get(k + 1).isIdentifier()) {
                    alias = sig.get(k + 1).value();
                    k += 2;
                } else if (k < to && sig.get(k).isIdentifier()
                        && !(sig.get(k).type() == TokenType.WORD && NOT_ALIAS.contains(sig.get(k).upper()))) {
                    alias = sig.get(k).value();
                    k++;
                }
                k = afterIndexHints(sig, k, to);
                if (k < 0) return null;
                refs.add(new MultiTableChange.Reference(db, table, alias));
                factor = false;
                continue;
            }
            if (t.isSymbol(",")) {
                factor = true;
                k++;
            } else if (t.isSymbol(")")) {
                if (--open < 0) return null;
                k++;
            } else if (t.type() == TokenType.WORD && JOIN_WORDS.contains(t.upper())) {
                while (k < to && !sig.get(k).is("JOIN") && !sig.get(k).is("STRAIGHT_JOIN")) {
                    if (!(sig.get(k).type() == TokenType.WORD && (JOIN_WORDS.contains(sig.get(k).upper())
                            || sig.get(k).is("OUTER")))) {
                        return null;
                    }
                    k++;
                }
                if (k >= to) return null;
                k++;
                factor = true;
            } else if (t.is("ON")) {
                k = conditionEnd(sig, k + 1, to);
            } else if (t.is("USING") && k + 1 < to && sig.get(k + 1).isSymbol("(")) {
                int close = closing(sig, k + 1, to);
                if (close < 0) return null;
                k = close + 1;
            } else {
                return null;
            }
        }
        if (factor || open != 0 || refs.isEmpty()) return null;
        // MySQL 1066: each table of a join has a name of its own
        for (int i = 0; i < refs.size(); i++) {
            for (int j = 0; j < i; j++) {
                if (refs.get(i).name().equalsIgnoreCase(refs.get(j).name())
                        && sameDatabase(refs.get(i), refs.get(j))) {
                    throw ErrorCode.ER_NONUNIQ_TABLE.error(refs.get(i).name());
                }
            }
        }
        return new Join(refs, names);
    }

    private static boolean sameDatabase(MultiTableChange.Reference a, MultiTableChange.Reference b) {
        // an alias names a table in the statement whatever its database
        if (a.alias() != null || b.alias() != null) return true;
        return a.database() == null ? b.database() == null : a.database().equalsIgnoreCase(String.valueOf(b.database()));
    }

    /** Past index hints {USE | FORCE | IGNORE} {INDEX | KEY} [FOR …] (…) at k; -1 for something else there. */
    private static int afterIndexHints(List<Token> sig, int k, int to) {
        while (k + 1 < to && (sig.get(k).is("USE") || sig.get(k).is("FORCE") || sig.get(k).is("IGNORE"))
                && (sig.get(k + 1).is("INDEX") || sig.get(k + 1).is("KEY"))) {
            int p = k + 2;
            while (p < to && !sig.get(p).isSymbol("(")) p++;
            int close = closing(sig, p, to);
            if (close < 0) return -1;
            k = close + 1;
        }
        return k;
    }

    /** Where an ON condition starting at k ends: a comma, a join word, a closing parenthesis or the end. */
    private static int conditionEnd(List<Token> sig, int k, int to) {
        int depth = 0;
        for (; k < to; k++) {
            Token t = sig.get(k);
            if (t.isSymbol("(")) {
                depth++;
            } else if (t.isSymbol(")")) {
                if (depth == 0) return k;
                depth--;
            } else if (depth == 0 && (t.isSymbol(",") || t.type() == TokenType.WORD && JOIN_WORDS.contains(t.upper())
                    && !(k + 1 < to && sig.get(k + 1).isSymbol("(")))) {
                return k;
            }
        }
        return to;
    }

    /** The SET list in [from, to); null when an element is no {@code [[db.]t.]col = value}. */
    private static List<MultiTableChange.Assignment> assignments(List<Token> sig, int from, int to,
                                                                 List<MultiTableChange.Reference> refs,
                                                                 String currentDatabase) {
        List<MultiTableChange.Assignment> out = new ArrayList<>();
        int start = from;
        int depth = 0;
        for (int k = from; k <= to; k++) {
            Token t = k < to ? sig.get(k) : null;
            if (t != null && t.isSymbol("(")) depth++;
            else if (t != null && t.isSymbol(")")) depth--;
            if (t != null && !(depth == 0 && t.isSymbol(","))) continue;
            MultiTableChange.Assignment a = assignment(sig, start, k, refs, currentDatabase);
            if (a == null) return null;
            out.add(a);
            start = k + 1;
        }
        return out;
    }

    private static MultiTableChange.Assignment assignment(List<Token> sig, int from, int to,
                                                          List<MultiTableChange.Reference> refs,
                                                          String currentDatabase) {
        int eq = from;
        while (eq < to && !sig.get(eq).isSymbol("=")) eq++;
        if (eq + 1 >= to) return null;
        List<String> parts = new ArrayList<>();
        for (int k = from; k < eq; k++) {
            boolean name = (k - from) % 2 == 0;
            if (name ? !sig.get(k).isIdentifier() : !sig.get(k).isSymbol(".")) return null;
            if (name) parts.add(sig.get(k).value());
        }
        if (parts.isEmpty() || parts.size() > 3 || (eq - from) % 2 == 0) return null;
        String written = String.join(".", parts);
        String column = parts.get(parts.size() - 1);
        int reference = -1;
        if (parts.size() > 1) {
            String db = parts.size() == 3 ? parts.get(0) : null;
            String qualifier = parts.get(parts.size() - 2);
            for (int i = 0; i < refs.size() && reference < 0; i++) {
                MultiTableChange.Reference r = refs.get(i);
                boolean named = db == null ? r.name().equalsIgnoreCase(qualifier)
                        : r.alias() == null && !r.derived() && r.table().equalsIgnoreCase(qualifier)
                        && db.equals(r.database() != null ? r.database() : currentDatabase);
                if (named) reference = i;
            }
            if (reference < 0) throw ErrorCode.ER_BAD_FIELD_ERROR.error(written, "field list");
        }
        boolean toDefault = eq + 2 == to && sig.get(eq + 1).is("DEFAULT");
        return new MultiTableChange.Assignment(reference, written, column, sig.get(eq + 1), sig.get(to - 1), toDefault);
    }

    /**
     * The tables named after FROM or JOIN inside the statement's parentheses (subqueries, derived
     * tables) other than the join's own, which the statement reads.
     */
    private static List<TableRef> insideTables(List<Token> sig, java.util.Collection<Token> own) {
        Set<Token> skip = Collections.newSetFromMap(new IdentityHashMap<>());
        skip.addAll(own);
        List<TableRef> out = new ArrayList<>();
        for (int i = 0; i + 1 < sig.size(); i++) {
            Token t = sig.get(i);
            if (!(t.is("FROM") || t.is("JOIN"))) continue;
            Token name = sig.get(i + 1);
            if (!name.isIdentifier() || skip.contains(name)) continue;
            if (i + 3 < sig.size() && sig.get(i + 2).isSymbol(".") && sig.get(i + 3).isIdentifier()) {
                out.add(new TableRef(name.value(), sig.get(i + 3).value(), Privilege.SELECT));
            } else {
                out.add(new TableRef(null, name.value(), Privilege.SELECT));
            }
        }
        return out;
    }

    /** The first sig index at or after k, at parenthesis depth 0, holding {@code word}; -1 when none. */
    private static int topLevel(List<Token> sig, int k, String word) {
        int depth = 0;
        for (; k < sig.size(); k++) {
            Token t = sig.get(k);
            if (t.isSymbol("(")) depth++;
            else if (t.isSymbol(")")) depth--;
            else if (depth == 0 && t.is(word)) return k;
        }
        return -1;
    }

    /** Where the statement's clauses after k end: its top-level ORDER BY or LIMIT, or its end. */
    private static int clauseEnd(List<Token> sig, int k) {
        int order = topLevel(sig, k, "ORDER");
        int limit = topLevel(sig, k, "LIMIT");
        int end = sig.size();
        if (order >= 0) end = order;
        if (limit >= 0 && limit < end) end = limit;
        return end;
    }

    private static int closing(List<Token> sig, int open, int to) {
        int depth = 0;
        for (int i = open; i < to; i++) {
            if (sig.get(i).isSymbol("(")) depth++;
            else if (sig.get(i).isSymbol(")") && --depth == 0) return i;
        }
        return -1;
    }
}
