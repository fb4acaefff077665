package io.minisqld.server.engine.h2;

import io.minisqld.server.engine.EngineQuery;
import io.minisqld.server.error.ErrorCode;
import io.minisqld.server.sql.Token;
import io.minisqld.server.sql.TokenType;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * {@code SELECT … GROUP BY g1, …, gn WITH ROLLUP}, which H2 does not have, as MySQL 5.7 answers
 * it: after the rows of each group, a super-aggregate row for each rolled-up level, with NULL in
 * the GROUP BY columns rolled up (also where the select list or HAVING names them outside an
 * aggregate), and a grand total last. MySQL 5.7 sorts a GROUP BY's rows by its columns (ASC, or
 * DESC as written), each super-aggregate row after the rows it sums.
 *
 * <p>On H2 the statement becomes the UNION ALL of one grouped SELECT per level (GROUP BY g1 … gk
 * for k = n … 0; the grand total only when there are rows, as MySQL gives none for no groups),
 * sorted by hidden columns: per GROUP BY column, whether the row rolled it up and its value. The
 * engine session drops the hidden columns from the result ({@link MySqlToH2.Translation#hiddenColumns()}).
 *
 * <p>Refused as MySQL refuses them: ORDER BY (1221 "CUBE/ROLLUP and ORDER BY"), DISTINCT (1221
 * "WITH ROLLUP and DISTINCT"), WITH CUBE (1235); and, not done here, WITH ROLLUP anywhere but a
 * statement's own top-level SELECT (a subquery, a UNION, a view, EXPLAIN: 1235).
 */
final class Rollup {
    private static final Set<String> AGGREGATES = Set.of("COUNT", "SUM", "MIN", "MAX", "AVG", "GROUP_CONCAT",
            "BIT_AND", "BIT_OR", "BIT_XOR", "STD", "STDDEV", "STDDEV_POP", "STDDEV_SAMP", "VAR_POP", "VAR_SAMP",
            "VARIANCE");
    /** What ends a HAVING condition. */
    private static final Set<String> AFTER_HAVING = Set.of("ORDER", "LIMIT", "PROCEDURE", "INTO", "FOR", "LOCK",
            "UNION");
    private static final String HIDDEN = "__minisqld_rollup_";
    /** What 1235 names for WITH ROLLUP other than in a statement's own SELECT. */
    private static final String NOT_TOP_LEVEL = "WITH ROLLUP in a subquery, a UNION, a view or EXPLAIN";

    private Rollup() {
    }

    /**
     * The statement as the UNION of its levels, when it is a SELECT … WITH ROLLUP; null for any
     * other statement.
     *
     * @param translate translates one level (a plain grouped SELECT)
     */
    static MySqlToH2.Translation translate(EngineQuery query, List<Integer> sig,
                                           Function<EngineQuery, MySqlToH2.Translation> translate) {
        List<Token> all = query.tokens();
        int with = -1;
        int depth = 0;
        for (int s = 0; s + 1 < sig.size(); s++) {
            Token t = all.get(sig.get(s));
            if (t.isSymbol("(")) depth++;
            else if (t.isSymbol(")")) depth--;
            if (!t.is("WITH")) continue;
            Token next = all.get(sig.get(s + 1));
            if (next.is("CUBE")) throw ErrorCode.ER_NOT_SUPPORTED_YET.error("CUBE");
            if (!next.is("ROLLUP")) continue;
            if (depth != 0 || with >= 0 || !all.get(sig.get(0)).is("SELECT")) {
                throw ErrorCode.ER_NOT_SUPPORTED_YET.error(NOT_TOP_LEVEL);
            }
            with = s;
        }
        if (with < 0) return null;
        return new Rollup.Levels(query, sig, with).translate(translate);
    }

    /** The statement's clauses, as sig indexes, and the levels built from them. */
    private static final class Levels {
        private final EngineQuery query;
        private final List<Token> all;
        private final List<Integer> sig;
        /** Sig indexes: the select list [listStart, from), FROM … [from, groupBy), the GROUP BY items, HAVING's condition. */
        private final int listStart;
        private final int from;
        private final int groupBy;
        private final int havingStart;
        private final int havingEnd;
        private final int tailStart;
        /** The select list's items: [first, last] sig indexes of each one's expression, and its alias or null. */
        private final List<int[]> items = new ArrayList<>();
        private final List<String> aliases = new ArrayList<>();
        /** Sig indexes of the select list's aliases. */
        private final Set<Integer> aliasAt = new java.util.HashSet<>();
        /** The GROUP BY items: [first, last] sig indexes of the expression each stands for. */
        private final List<int[]> groups = new ArrayList<>();
        /** The GROUP BY items as written (without ASC / DESC), and whether each sorts descending. */
        private final List<int[]> written = new ArrayList<>();
        private final List<Boolean> descending = new ArrayList<>();
        /** The select item each GROUP BY item names by alias or position, or -1. */
        private final List<Integer> namedItem = new ArrayList<>();

        Levels(EngineQuery query, List<Integer> significant, int with) {
            this.query = query;
            this.all = query.tokens();
            int n = significant.size();
            while (n > 0 && all.get(significant.get(n - 1)).isSymbol(";")) n--;
            this.sig = significant.subList(0, n);
            int s = 1;
            while (s < sig.size() && tok(s).type() == TokenType.WORD && (MySqlToH2.SELECT_MODIFIERS.contains(tok(s).upper())
                    || tok(s).is("ALL") || tok(s).is("DISTINCT") || tok(s).is("DISTINCTROW"))) {
                // DISTINCT and ROLLUP do not work together (MySQL's PT_group)
                if (tok(s).is("DISTINCT") || tok(s).is("DISTINCTROW")) {
                    throw ErrorCode.ER_WRONG_USAGE.error("WITH ROLLUP", "DISTINCT");
                }
                s++;
            }
            listStart = s;
            from = topLevel(listStart, with, "FROM");
            int group = topLevel(listStart, with, "GROUP");
            if (from < 0 || group < 0 || group + 1 >= with || !tok(group + 1).is("BY")) throw syntax(with);
            groupBy = group + 2;
            int k = with + 2;
            int having = -1;
            if (k < sig.size() && tok(k).is("HAVING")) {
                having = k + 1;
                k = having;
                int d = 0;
                while (k < sig.size()) {
                    Token t = tok(k);
                    if (t.isSymbol("(")) d++;
                    else if (t.isSymbol(")")) d--;
                    else if (d == 0 && t.type() == TokenType.WORD && AFTER_HAVING.contains(t.upper())) break;
                    k++;
                }
            }
            havingStart = having;
            havingEnd = k;
            if (k < sig.size() && tok(k).is("ORDER")) throw ErrorCode.ER_WRONG_USAGE.error("CUBE/ROLLUP", "ORDER BY");
            if (k < sig.size() && tok(k).is("UNION")) {
                throw ErrorCode.ER_NOT_SUPPORTED_YET.error(NOT_TOP_LEVEL);
            }
            tailStart = k;
            for (int[] item : split(listStart, from)) {
                int last = item[1];
                String alias = null;
                if (last > item[0] && tok(last).isIdentifier()
                        && (tok(last - 1).is("AS") || endsOperand(tok(last - 1)) && !continuesExpression(tok(last)))) {
                    alias = tok(last).value();
                    aliasAt.add(last);
                    last = tok(last - 1).is("AS") ? last - 2 : last - 1;
                }
                items.add(new int[] {item[0], last});
                aliases.add(alias);
            }
            for (int[] g : split(groupBy, with)) {
                int last = g[1];
                boolean desc = false;
                if (last > g[0] && (tok(last).is("ASC") || tok(last).is("DESC"))) {
                    desc = tok(last).is("DESC");
                    last--;
                }
                written.add(new int[] {g[0], last});
                descending.add(desc);
                int named = -1;
                if (g[0] == last && tok(last).type() == TokenType.NUMBER && tok(last).text().matches("[0-9]+")) {
                    named = Integer.parseInt(tok(last).text()) - 1;
                    if (named < 0 || named >= items.size()) {
                        throw ErrorCode.ER_BAD_FIELD_ERROR.error(tok(last).text(), "group statement");
                    }
                } else if (g[0] == last && tok(last).isIdentifier()) {
                    for (int i = 0; i < aliases.size(); i++) {
                        if (tok(last).value().equalsIgnoreCase(aliases.get(i))) named = i;
                    }
                }
                namedItem.add(named);
                groups.add(named >= 0 ? items.get(named) : new int[] {g[0], last});
            }
        }

        /** Words after which an identifier continues the expression rather than naming it. */
        private static final Set<String> OPERATOR_WORDS = Set.of("AND", "OR", "XOR", "NOT", "DIV", "MOD", "IS", "LIKE",
                "IN", "BETWEEN", "REGEXP", "RLIKE", "CASE", "WHEN", "THEN", "ELSE", "INTERVAL", "BINARY", "COLLATE",
                "ESCAPE", "SOUNDS", "DISTINCT", "SELECT");

        /** A token an expression can end with, before an alias without AS. */
        private static boolean endsOperand(Token t) {
            if (t.type() == TokenType.WORD) return !OPERATOR_WORDS.contains(t.upper());
            return t.type() == TokenType.QUOTED_IDENT || t.isSymbol(")") || t.type() == TokenType.NUMBER
                    || t.type() == TokenType.STRING;
        }

        /** A word that goes on with an expression (CASE's END, IS NULL), never an alias. */
        private static boolean continuesExpression(Token t) {
            return t.type() == TokenType.WORD && (OPERATOR_WORDS.contains(t.upper()) || t.is("END") || t.is("NULL")
                    || t.is("TRUE") || t.is("FALSE") || t.is("FROM"));
        }

        MySqlToH2.Translation translate(Function<EngineQuery, MySqlToH2.Translation> translate) {
            int n = groups.size();
            List<MySqlToH2.Translation> levels = new ArrayList<>();
            for (int kept = n; kept >= 0; kept--) levels.add(translate.apply(level(kept, kept == 0)));
            StringBuilder sql = new StringBuilder();
            List<Object> parameters = new ArrayList<>();
            for (MySqlToH2.Translation t : levels) {
                if (sql.length() > 0) sql.append(" UNION ALL ");
                sql.append(t.sql());
                parameters.addAll(t.parameters());
            }
            MySqlToH2.Translation top = levels.get(0);
            MySqlToH2.Translation last = levels.get(levels.size() - 1);
            return new MySqlToH2.Translation(sql.toString(), List.of(sql.toString()), query.origin(), "SELECT",
                    top.h2Starts(), top.tokens(), last.currentRead(), last.lockFirst(), null, List.copyOf(parameters),
                    null, 2 * n, sql.toString(), null);
        }

        /**
         * The level that groups by the first {@code kept} GROUP BY items: the others are NULL in its
         * select list and HAVING; the last level also sorts the union and carries the statement's
         * LIMIT and locking clause.
         */
        private EngineQuery level(int kept, boolean last) {
            Level b = new Level(query);
            b.copy(0, listStart);
            copyRolled(b, listStart, from, kept);
            for (int g = 0; g < groups.size(); g++) {
                b.text(TokenType.SYMBOL, ",").text(TokenType.NUMBER, g < kept ? "0" : "1").text(TokenType.WORD, "AS")
                        .text(TokenType.QUOTED_IDENT, "`" + HIDDEN + "g" + g + "`").text(TokenType.SYMBOL, ",");
                if (g < kept) copyRolled(b, groups.get(g)[0], groups.get(g)[1] + 1, kept);
                else b.text(TokenType.WORD, "NULL");
                b.text(TokenType.WORD, "AS").text(TokenType.QUOTED_IDENT, "`" + HIDDEN + "k" + g + "`");
            }
            b.copy(from, groupBy - 2);
            if (kept > 0) {
                b.text(TokenType.WORD, "GROUP").text(TokenType.WORD, "BY");
                for (int g = 0; g < kept; g++) {
                    if (g > 0) b.text(TokenType.SYMBOL, ",");
                    b.copy(written.get(g)[0], written.get(g)[1] + 1);
                }
            }
            if (havingStart >= 0 || kept == 0) {
                b.text(TokenType.WORD, "HAVING");
                if (havingStart >= 0) {
                    b.text(TokenType.SYMBOL, "(");
                    copyRolled(b, havingStart, havingEnd, kept);
                    b.text(TokenType.SYMBOL, ")");
                }
                if (kept == 0) {
                    // MySQL adds no rollup rows where there is no group
                    if (havingStart >= 0) b.text(TokenType.WORD, "AND");
                    b.text(TokenType.WORD, "COUNT").text(TokenType.SYMBOL, "(").text(TokenType.SYMBOL, "*")
                            .text(TokenType.SYMBOL, ")").text(TokenType.SYMBOL, ">").text(TokenType.NUMBER, "0");
                }
            }
            if (last) {
                b.text(TokenType.WORD, "ORDER").text(TokenType.WORD, "BY");
                for (int g = 0; g < groups.size(); g++) {
                    if (g > 0) b.text(TokenType.SYMBOL, ",");
                    b.text(TokenType.QUOTED_IDENT, "`" + HIDDEN + "g" + g + "`").text(TokenType.SYMBOL, ",")
                            .text(TokenType.QUOTED_IDENT, "`" + HIDDEN + "k" + g + "`");
                    if (descending.get(g)) b.text(TokenType.WORD, "DESC");
                }
                b.copy(tailStart, sig.size());
                b.copyEnd(sig.isEmpty() ? 0 : sig.get(sig.size() - 1) + 1);
            }
            return b.build();
        }

        /**
         * Copies sig tokens [fromSig, toSig) with each GROUP BY item the level rolls up (index ≥
         * {@code kept}) as NULL where it stands outside an aggregate.
         */
        private void copyRolled(Level b, int fromSig, int toSig, int kept) {
            int s = fromSig;
            int run = fromSig;
            while (s < toSig) {
                Token t = tok(s);
                if (t.type() == TokenType.WORD && AGGREGATES.contains(t.upper()) && s + 1 < toSig
                        && tok(s + 1).isSymbol("(")) {
                    s = closing(s + 1) + 1;
                    continue;
                }
                int end = rolledAt(s, toSig, kept);
                if (end < 0) {
                    s++;
                    continue;
                }
                b.copy(run, s);
                b.text(TokenType.WORD, "NULL");
                s = end;
                run = end;
            }
            b.copy(run, toSig);
        }

        /** Past a rolled-up GROUP BY item that starts at sig index s (and ends before toSig), or -1. */
        private int rolledAt(int s, int toSig, int kept) {
            if (s > 0 && (tok(s - 1).isSymbol(".") || tok(s - 1).is("AS")) || aliasAt.contains(s)) return -1;
            for (int g = kept; g < groups.size(); g++) {
                int named = namedItem.get(g);
                if (named >= 0 && items.get(named)[0] == s && items.get(named)[1] < toSig) {
                    return items.get(named)[1] + 1;
                }
                if (named >= 0 && aliases.get(named) != null && tok(s).isIdentifier()
                        && tok(s).value().equalsIgnoreCase(aliases.get(named)) && s >= havingStart && havingStart >= 0
                        && !(s + 1 < toSig && (tok(s + 1).isSymbol(".") || tok(s + 1).isSymbol("(")))) {
                    return s + 1;
                }
                int[] e = groups.get(g);
                int length = e[1] - e[0] + 1;
                if (s + length <= toSig && same(s, e[0], length) && !continues(s + length, toSig)) return s + length;
                // a column GROUP BY names qualified (t.c) or not (c): either spelling stands for it
                String column = columnOf(e);
                if (column != null && tok(s).isIdentifier()) {
                    int past = s + 1;
                    if (s + 2 < toSig && tok(s + 1).isSymbol(".") && tok(s + 2).isIdentifier()) past = s + 3;
                    if (s + 4 < toSig && tok(s + 3).isSymbol(".") && tok(s + 4).isIdentifier() && past == s + 3) past = s + 5;
                    if (tok(past - 1).value().equalsIgnoreCase(column) && !continues(past, toSig)
                            && !(past < toSig && tok(past).isSymbol("("))) {
                        return past;
                    }
                }
            }
            return -1;
        }

        /** A column reference's name ([db.][t.]c), or null for another expression. */
        private String columnOf(int[] e) {
            int length = e[1] - e[0] + 1;
            if (length != 1 && length != 3 && length != 5) return null;
            for (int k = e[0]; k <= e[1]; k++) {
                boolean name = (k - e[0]) % 2 == 0;
                if (name ? !tok(k).isIdentifier() || tok(k).type() == TokenType.WORD && tok(k).is("NULL")
                        : !tok(k).isSymbol(".")) {
                    return null;
                }
            }
            if (length == 1 && tok(e[0]).type() == TokenType.WORD && (tok(e[0]).is("TRUE") || tok(e[0]).is("FALSE"))) {
                return null;
            }
            return tok(e[1]).value();
        }

        private boolean continues(int s, int toSig) {
            return s < toSig && tok(s).isSymbol(".");
        }

        private boolean same(int a, int b, int length) {
            for (int k = 0; k < length; k++) {
                Token x = tok(a + k);
                Token y = tok(b + k);
                if (x.type() != y.type()) return false;
                boolean eq = x.isIdentifier() ? x.value().equalsIgnoreCase(y.value()) : x.text().equalsIgnoreCase(y.text());
                if (!eq) return false;
            }
            return true;
        }

        private Token tok(int s) {
            return all.get(sig.get(s));
        }

        private int topLevel(int from, int to, String word) {
            int d = 0;
            for (int k = from; k < to; k++) {
                Token t = tok(k);
                if (t.isSymbol("(")) d++;
                else if (t.isSymbol(")")) d--;
                else if (d == 0 && t.is(word)) return k;
            }
            return -1;
        }

        /** The comma-separated elements of sig [from, to): [first, last] each. */
        private List<int[]> split(int from, int to) {
            List<int[]> out = new ArrayList<>();
            int start = from;
            int d = 0;
            for (int k = from; k <= to; k++) {
                if (k < to) {
                    Token t = tok(k);
                    if (t.isSymbol("(")) d++;
                    else if (t.isSymbol(")")) d--;
                    if (!(d == 0 && t.isSymbol(","))) continue;
                }
                if (k == start) throw syntax(k);
                out.add(new int[] {start, k - 1});
                start = k + 1;
            }
            return out;
        }

        private int closing(int open) {
            int d = 0;
            for (int k = open; k < sig.size(); k++) {
                if (tok(k).isSymbol("(")) d++;
                else if (tok(k).isSymbol(")") && --d == 0) return k;
            }
            return sig.size() - 1;
        }

        private io.minisqld.server.error.SqlError syntax(int s) {
            return query.origin() != null && s < sig.size()
                    ? query.origin().syntaxErrorAtOffset(tok(s).start())
                    : ErrorCode.ER_PARSE_ERROR.error(s < sig.size() ? tok(s).text() : "", 1);
        }

        /** One level's tokens: runs of the statement's own (with the server's values and insertions) and new ones. */
        private final class Level {
            private final EngineQuery.Builder b;

            Level(EngineQuery query) {
                this.b = EngineQuery.builder(query.origin()).charsets(query.clientCharset(), query.resultsCharset())
                        .strictDivision(query.strictDivision()).fullGroupBy(query.fullGroupBy())
                        .groupConcatMaxLen(query.groupConcatMaxLen())
                        .settings(query.settings());
            }

            /** Sig tokens [fromSig, toSig) with the blanks between them. */
            void copy(int fromSig, int toSig) {
                if (toSig <= fromSig) return;
                int first = sig.get(fromSig);
                int last = sig.get(toSig - 1);
                for (int i = first; i <= last; i++) {
                    EngineQuery.Replacement r = query.replacementAt(i);
                    String inserted = query.insertionBefore(i);
                    if (inserted != null) b.insertBeforeForEngine(b.size(), inserted);
                    if (r != null) {
                        int at = b.size();
                        b.append(all.subList(r.first(), r.last() + 1));
                        if (r.engineOnly()) b.replaceForEngine(at, b.size() - 1, r.literal());
                        else b.replace(at, b.size() - 1, r.literal());
                        i = r.last();
                        continue;
                    }
                    b.append(List.of(all.get(i)));
                }
                b.append(List.of(SPACE));
            }

            /** The statement's insertions after its last token from {@code from} on (sql_select_limit's LIMIT). */
            void copyEnd(int from) {
                for (int i = from; i <= all.size(); i++) {
                    String inserted = query.insertionBefore(i);
                    if (inserted != null) b.insertBeforeForEngine(b.size(), inserted);
                }
            }

            Level text(TokenType type, String text) {
                b.append(List.of(new Token(type, text, type == TokenType.QUOTED_IDENT
                        ? text.substring(1, text.length() - 1) : text, 0), SPACE));
                return this;
            }

            EngineQuery build() {
                return b.build();
            }
        }
    }

    private static final Token SPACE = new Token(TokenType.SPACE, " ", " ", 0);
}
