package io.minisqld.server.engine.h2;

import io.minisqld.server.sql.Lexer;
import io.minisqld.server.sql.Token;
import io.minisqld.server.sql.TokenType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Rewrites one MySQL statement into text H2 (MySQL mode) runs with MySQL's meaning. Works on
 * {@link Lexer} tokens, so nothing inside a string literal is ever touched; whatever it does not
 * know passes through unchanged.
 */
public final class MySqlToH2 {

    /** Select modifiers MySQL accepts that H2 does not; none changes a result. */
    private static final Set<String> SELECT_MODIFIERS = Set.of("SQL_NO_CACHE", "SQL_CACHE", "HIGH_PRIORITY",
            "STRAIGHT_JOIN", "SQL_SMALL_RESULT", "SQL_BIG_RESULT", "SQL_BUFFER_RESULT", "SQL_CALC_FOUND_ROWS");

    /** Words that end a select list at depth 0. */
    private static final Set<String> SELECT_LIST_END = Set.of("FROM", "INTO", "WHERE", "GROUP", "HAVING", "ORDER",
            "LIMIT", "UNION", "FOR", "LOCK", "PROCEDURE", "WINDOW");

    /** Words that can follow a table reference without being its alias. */
    private static final Set<String> AFTER_TABLE = Set.of("WHERE", "ON", "USING", "JOIN", "LEFT", "RIGHT", "INNER",
            "CROSS", "NATURAL", "OUTER", "FULL", "STRAIGHT_JOIN", "ORDER", "GROUP", "HAVING", "LIMIT", "UNION", "FOR",
            "LOCK", "INTO", "PROCEDURE", "WINDOW", "SET", "VALUES", "AS");

    /** Words that end an expression yet are no alias (CASE … END, IS NULL, …). */
    private static final Set<String> NOT_ALIAS = Set.of("END", "NULL", "TRUE", "FALSE", "UNKNOWN", "DESC", "ASC");

    /** CREATE TABLE options H2 does not accept; they tune storage only. */
    private static final Set<String> REJECTED_TABLE_OPTIONS = Set.of("AUTO_INCREMENT", "STATS_PERSISTENT",
            "STATS_AUTO_RECALC", "STATS_SAMPLE_PAGES", "KEY_BLOCK_SIZE", "PACK_KEYS", "CHECKSUM", "DELAY_KEY_WRITE",
            "MAX_ROWS", "MIN_ROWS", "AVG_ROW_LENGTH", "INSERT_METHOD", "COMPRESSION", "ENCRYPTION");

    /**
     * Separates the table from the key name in H2's name for a key: MySQL scopes key names to
     * their table, H2 to the schema, so {@code KEY k_1} of two tables would clash.
     */
    static final String KEY_NAME_SEPARATOR = "#";

    private MySqlToH2() {
    }

    /** H2's name for key {@code key} of {@code table}. */
    static String h2KeyName(String table, String key) {
        return table + KEY_NAME_SEPARATOR + key;
    }

    /** The MySQL key name back from H2's ({@link #h2KeyName}); other names pass unchanged. */
    static String mysqlKeyName(String table, String h2Name) {
        if (table != null && h2Name.startsWith(table + KEY_NAME_SEPARATOR)) {
            return h2Name.substring(table.length() + KEY_NAME_SEPARATOR.length());
        }
        int sep = h2Name.indexOf(KEY_NAME_SEPARATOR);
        return sep < 0 ? h2Name : h2Name.substring(sep + KEY_NAME_SEPARATOR.length());
    }

    /**
     * Key names in CREATE TABLE, ALTER TABLE, CREATE INDEX and DROP INDEX become table-scoped H2
     * names; index options H2 lacks (USING BTREE, FULLTEXT, ZEROFILL) go; RENAME TABLE a TO b
     * becomes H2's ALTER TABLE a RENAME TO b.
     */
    private static void indexDdl(List<Token> all, List<Integer> sig, Map<Integer, String> replace,
                                 Set<Integer> drop) {
        int n = sig.size();
        Token first = all.get(sig.get(0));
        if (first.is("RENAME") && n == 5 && all.get(sig.get(1)).is("TABLE") && all.get(sig.get(3)).is("TO")) {
            replace.put(sig.get(0), "ALTER");
            replace.put(sig.get(3), "RENAME TO");
            return;
        }
        for (int s = 0; s < n; s++) {
            Token t = all.get(sig.get(s));
            if (t.is("USING") && s + 1 < n && (all.get(sig.get(s + 1)).is("BTREE") || all.get(sig.get(s + 1)).is("HASH"))) {
                drop.add(sig.get(s));
                drop.add(sig.get(s + 1));
            } else if (t.is("ZEROFILL")) {
                drop.add(sig.get(s));
            }
        }
        if (first.is("CREATE") || first.is("DROP")) {
            int s = 1;
            while (s < n && (all.get(sig.get(s)).is("UNIQUE") || all.get(sig.get(s)).is("FULLTEXT")
                    || all.get(sig.get(s)).is("SPATIAL"))) {
                if (!all.get(sig.get(s)).is("UNIQUE")) drop.add(sig.get(s));
                s++;
            }
            if (s < n && all.get(sig.get(s)).is("INDEX") && s + 1 < n && all.get(sig.get(s + 1)).isIdentifier()) {
                int nameAt = s + 1;
                String table = null;
                for (int k = nameAt + 1; k < n; k++) {
                    if (all.get(sig.get(k)).is("ON") && k + 1 < n) {
                        table = lastNamePart(all, sig, k + 1);
                        break;
                    }
                }
                if (table != null) {
                    replace.put(sig.get(nameAt), quoteIdent(h2KeyName(table, all.get(sig.get(nameAt)).value())));
                }
                return;
            }
        }
        boolean create = first.is("CREATE");
        int s = 1;
        while (s < n && !all.get(sig.get(s)).is("TABLE")) s++;
        if (s >= n) return;
        s++;
        if (create && s + 2 < n && all.get(sig.get(s)).is("IF")) s += 3;
        if (s >= n || !all.get(sig.get(s)).isIdentifier()) return;
        String table = lastNamePart(all, sig, s);
        s++;
        if (s + 1 < n && all.get(sig.get(s)).isSymbol(".")) s += 2;
        // elements start after "(" or "," at depth 1 (CREATE TABLE), or after the name or "," at depth 0 (ALTER)
        int elementDepth = create ? 1 : 0;
        int depth = 0;
        boolean atStart = !create;
        for (; s < n; s++) {
            Token t = all.get(sig.get(s));
            if (atStart) {
                atStart = false;
                keyElement(all, sig, s, table, replace, drop);
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
    }

    private static String lastNamePart(List<Token> all, List<Integer> sig, int s) {
        String name = all.get(sig.get(s)).value();
        if (s + 2 < sig.size() && all.get(sig.get(s + 1)).isSymbol(".") && all.get(sig.get(s + 2)).isIdentifier()) {
            name = all.get(sig.get(s + 2)).value();
        }
        return name;
    }

    /** One CREATE TABLE element or ALTER TABLE specification starting at sig index {@code k}. */
    private static void keyElement(List<Token> all, List<Integer> sig, int k, String table,
                                   Map<Integer, String> replace, Set<Integer> drop) {
        int n = sig.size();
        if (k < n && (all.get(sig.get(k)).is("DROP") || all.get(sig.get(k)).is("RENAME"))) {
            boolean rename = all.get(sig.get(k)).is("RENAME");
            k++;
            if (k < n && (all.get(sig.get(k)).is("KEY") || all.get(sig.get(k)).is("INDEX"))) {
                k++;
                if (k < n && all.get(sig.get(k)).isIdentifier()) {
                    mangle(all, sig, k, table, replace);
                    if (rename && k + 2 < n && all.get(sig.get(k + 1)).is("TO")) mangle(all, sig, k + 2, table, replace);
                }
            }
            return;
        }
        if (k < n && all.get(sig.get(k)).is("ADD")) k++;
        int symbol = -1;
        if (k < n && all.get(sig.get(k)).is("CONSTRAINT")) {
            k++;
            if (k < n && all.get(sig.get(k)).isIdentifier() && !all.get(sig.get(k)).is("UNIQUE")
                    && !all.get(sig.get(k)).is("PRIMARY") && !all.get(sig.get(k)).is("FOREIGN")
                    && !all.get(sig.get(k)).is("CHECK")) {
                symbol = k++;
            }
        }
        if (k < n && (all.get(sig.get(k)).is("FULLTEXT") || all.get(sig.get(k)).is("SPATIAL"))) {
            drop.add(sig.get(k++));
        }
        boolean unique = false;
        boolean key = false;
        if (k < n && all.get(sig.get(k)).is("UNIQUE")) {
            unique = true;
            k++;
        }
        if (k < n && (all.get(sig.get(k)).is("KEY") || all.get(sig.get(k)).is("INDEX"))) {
            key = true;
            k++;
        }
        if (!unique && !key) return;
        if (k < n && all.get(sig.get(k)).isIdentifier() && !all.get(sig.get(k)).is("USING")) {
            mangle(all, sig, k, table, replace);
        } else if (symbol >= 0 && unique) {
            mangle(all, sig, symbol, table, replace);
        }
    }

    private static void mangle(List<Token> all, List<Integer> sig, int k, String table, Map<Integer, String> replace) {
        replace.put(sig.get(k), quoteIdent(h2KeyName(table, all.get(sig.get(k)).value())));
    }

    /**
     * The H2 text of a statement.
     *
     * @param virtualCall given a name after {@code information_schema.}, the H2 table-function call
     *                    that computes it, or null when no virtual table has that name
     */
    public static Translation translate(String mysqlSql, Function<String, String> virtualCall) {
        List<Token> all = Lexer.tokenize(mysqlSql);
        List<Integer> sig = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).type() != TokenType.SPACE) sig.add(i);
        }
        Map<Integer, String> replace = new HashMap<>();
        Set<Integer> drop = new HashSet<>();
        Map<Integer, String> append = new HashMap<>();

        String first = firstWord(all, sig);
        boolean createTable = isCreateTable(all, sig);
        boolean tableDdl = createTable || (sig.size() > 1 && all.get(sig.get(0)).is("ALTER")
                && all.get(sig.get(1)).is("TABLE"));

        int depth = 0;
        for (int s = 0; s < sig.size(); s++) {
            int i = sig.get(s);
            Token t = all.get(i);
            if (t.isSymbol("(")) depth++;
            else if (t.isSymbol(")")) depth--;
            if (t.type() == TokenType.STRING) {
                replace.put(i, quote(t.value()));
            } else if (t.type() == TokenType.WORD && SELECT_MODIFIERS.contains(t.upper())) {
                if (afterSelectKeyword(all, sig, s)) {
                    drop.add(i);
                } else if (t.is("STRAIGHT_JOIN")) {
                    replace.put(i, "JOIN");
                }
            } else if (t.is("IF") && s + 1 < sig.size() && all.get(sig.get(s + 1)).isSymbol("(")) {
                // MySQL's IF(cond, a, b) is H2's CASEWHEN; IF EXISTS / IF NOT EXISTS never meet "("
                replace.put(i, "CASEWHEN");
            } else if ((t.is("SIGNED") || t.is("UNSIGNED")) && depth > 0 && s > 0
                    && (all.get(sig.get(s - 1)).is("AS") || all.get(sig.get(s - 1)).isSymbol(","))) {
                // CAST(x AS SIGNED [INTEGER]) and CONVERT(x, UNSIGNED): MySQL's 64-bit integer casts
                replace.put(i, "BIGINT");
                if (s + 1 < sig.size() && (all.get(sig.get(s + 1)).is("INTEGER") || all.get(sig.get(s + 1)).is("INT"))) {
                    drop.add(sig.get(s + 1));
                    s++;
                }
            } else if ((t.is("MOD") || t.is("DIV")) && s > 0 && s + 1 < sig.size()
                    && !all.get(sig.get(s + 1)).isSymbol("(") && endsOperand(all.get(sig.get(s - 1)))) {
                // the operators a MOD b and a DIV b; H2's "/" divides integers as DIV does
                replace.put(i, t.is("MOD") ? "%" : "/");
            } else if (t.is("USER") && !(s + 1 < sig.size() && all.get(sig.get(s + 1)).isSymbol("("))) {
                // a bare USER is a name here (mysql.user's User column): the server already replaced
                // USER() and CURRENT_USER, and H2 reads a bare USER as its own function
                replace.put(i, "`" + t.text() + "`");
            } else if (t.is("RLIKE")) {
                replace.put(i, "REGEXP");
            } else if (t.is("SLEEP") && s + 1 < sig.size() && all.get(sig.get(s + 1)).isSymbol("(")) {
                replace.put(i, H2Functions.sleepCall());
            } else if (t.is("LOCK") && wordsAt(all, sig, s, "LOCK", "IN", "SHARE", "MODE")) {
                // H2 has no shared row locks: its MVCC snapshot read is what LOCK IN SHARE MODE gets
                // here, which keeps the statement's result; only the lock is not taken
                for (int k = 0; k < 4; k++) drop.add(sig.get(s + k));
                s += 3;
            } else if (tableDdl && (t.is("DATETIME") || t.is("TIMESTAMP") || t.is("TIME")) && s > 0
                    && all.get(sig.get(s - 1)).isIdentifier() && !all.get(sig.get(s - 1)).is("AS")
                    && !(s + 1 < sig.size() && all.get(sig.get(s + 1)).isSymbol("("))) {
                // MySQL's temporal types default to no fractional digits; H2's TIMESTAMP to six
                replace.put(i, t.text() + "(0)");
            } else if (createTable && depth == 0 && t.type() == TokenType.WORD
                    && REJECTED_TABLE_OPTIONS.contains(t.upper())) {
                // table options H2 rejects and nothing here needs (AUTO_INCREMENT=N: the counter starts at 1)
                drop.add(i);
                int n = s + 1;
                if (n < sig.size() && all.get(sig.get(n)).isSymbol("=")) drop.add(sig.get(n++));
                if (n < sig.size() && all.get(sig.get(n)).type() == TokenType.NUMBER) drop.add(sig.get(n));
            } else if (t.isIdentifier() && t.value().equalsIgnoreCase("information_schema")
                    && s + 2 < sig.size() && all.get(sig.get(s + 1)).isSymbol(".")
                    && all.get(sig.get(s + 2)).isIdentifier()) {
                Token name = all.get(sig.get(s + 2));
                String call = virtualCall.apply(name.value());
                if (call != null) {
                    boolean columnRef = s + 3 < sig.size() && all.get(sig.get(s + 3)).isSymbol(".");
                    drop.add(i);
                    drop.add(sig.get(s + 1));
                    if (columnRef) {
                        replace.put(sig.get(s + 2), quoteIdent(name.value().toUpperCase(Locale.ROOT)));
                    } else {
                        boolean aliased = s + 3 < sig.size() && isAlias(all.get(sig.get(s + 3)));
                        replace.put(sig.get(s + 2), call + (aliased ? ""
                                : " AS " + quoteIdent(name.value().toUpperCase(Locale.ROOT))));
                    }
                    s += 2;
                }
            }
        }
        if ("SELECT".equals(first) || "(".equals(first)) {
            labelSelectLists(mysqlSql, all, sig, append);
        }
        if (tableDdl || "DROP".equals(first) || "CREATE".equals(first) || "RENAME".equals(first)) {
            indexDdl(all, sig, replace, drop);
        }

        StringBuilder out = new StringBuilder(mysqlSql.length() + 32);
        List<int[]> map = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            Token t = all.get(i);
            map.add(new int[] {out.length(), t.start()});
            if (drop.contains(i)) {
                out.append(' ');
            } else {
                String r = replace.get(i);
                out.append(r != null ? r : t.text());
            }
            String a = append.get(i);
            if (a != null) out.append(a);
        }
        int[] h2Starts = new int[map.size()];
        int[] origStarts = new int[map.size()];
        for (int k = 0; k < map.size(); k++) {
            h2Starts[k] = map.get(k)[0];
            origStarts[k] = map.get(k)[1];
        }
        return new Translation(out.toString(), mysqlSql, first, h2Starts, origStarts);
    }

    /** The statement rewritten for H2, and the way back from an H2 offset to the MySQL text. */
    public record Translation(String sql, String original, String firstWord, int[] h2Starts, int[] originalStarts) {
        /** The offset in the MySQL text of the token that starts at or before {@code h2Offset}. */
        public int originalOffset(int h2Offset) {
            int best = 0;
            for (int k = 0; k < h2Starts.length; k++) {
                if (h2Starts[k] <= h2Offset) best = originalStarts[k];
                else break;
            }
            return best;
        }

        public boolean isInsertOrReplace() {
            return "INSERT".equals(firstWord) || "REPLACE".equals(firstWord);
        }
    }

    /**
     * H2 takes one specification per ALTER TABLE: {@code ALTER TABLE t ADD a int, DROP b} becomes
     * one statement per specification, run in order. Other statements come back alone.
     */
    static List<String> splitAlterTable(String h2Sql) {
        List<Token> all;
        try {
            all = Lexer.tokenize(h2Sql);
        } catch (RuntimeException unlexable) {
            return List.of(h2Sql);
        }
        List<Token> sig = new ArrayList<>();
        for (Token t : all) {
            if (t.type() != TokenType.SPACE) sig.add(t);
        }
        if (sig.size() < 4 || !sig.get(0).is("ALTER") || !sig.get(1).is("TABLE")) return List.of(h2Sql);
        int s = 2;
        if (s + 2 < sig.size() && sig.get(s + 1).isSymbol(".")) s += 2;
        String prefix = h2Sql.substring(0, sig.get(s).end());
        List<String> out = new ArrayList<>();
        int from = sig.get(s).end();
        int depth = 0;
        for (int k = s + 1; k < sig.size(); k++) {
            Token t = sig.get(k);
            if (t.isSymbol("(")) depth++;
            else if (t.isSymbol(")")) depth--;
            else if (t.isSymbol(",") && depth == 0) {
                out.add(prefix + h2Sql.substring(from, t.start()));
                from = t.end();
            }
        }
        if (out.isEmpty()) return List.of(h2Sql);
        out.add(prefix + h2Sql.substring(from));
        return out;
    }

    /** A string literal as H2 reads it (MySQL escapes are decoded already by the lexer). */
    static String quote(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    static String quoteIdent(String name) {
        return "`" + name.replace("`", "``") + "`";
    }

    private static String firstWord(List<Token> all, List<Integer> sig) {
        if (sig.isEmpty()) return "";
        Token t = all.get(sig.get(0));
        if (t.isSymbol("(")) return "(";
        return t.type() == TokenType.WORD ? t.upper() : "";
    }

    private static boolean isCreateTable(List<Token> all, List<Integer> sig) {
        if (sig.size() < 2 || !all.get(sig.get(0)).is("CREATE")) return false;
        for (int s = 1; s < Math.min(sig.size(), 3); s++) {
            if (all.get(sig.get(s)).is("TABLE")) return true;
        }
        return false;
    }

    private static boolean wordsAt(List<Token> all, List<Integer> sig, int s, String... words) {
        if (s + words.length > sig.size()) return false;
        for (int k = 0; k < words.length; k++) {
            if (!all.get(sig.get(s + k)).is(words[k])) return false;
        }
        return true;
    }

    private static boolean afterSelectKeyword(List<Token> all, List<Integer> sig, int s) {
        for (int k = s - 1; k >= 0; k--) {
            Token p = all.get(sig.get(k));
            if (p.is("SELECT")) return true;
            if (p.type() != TokenType.WORD) return false;
            String u = p.upper();
            if (!SELECT_MODIFIERS.contains(u) && !u.equals("DISTINCT") && !u.equals("ALL")
                    && !u.equals("DISTINCTROW")) {
                return false;
            }
        }
        return false;
    }

    private static boolean isAlias(Token next) {
        if (next.type() == TokenType.QUOTED_IDENT) return true;
        return next.type() == TokenType.WORD && !AFTER_TABLE.contains(next.upper()) || next.is("AS");
    }

    /**
     * Adds {@code AS `label`} to each unaliased item of the top-level select list(s), the label
     * being MySQL's: the item's text as typed, or the bare column name for a column reference.
     */
    private static void labelSelectLists(String sql, List<Token> all, List<Integer> sig,
                                         Map<Integer, String> append) {
        int depth = 0;
        for (int s = 0; s < sig.size(); s++) {
            Token t = all.get(sig.get(s));
            if (t.isSymbol("(")) {
                depth++;
                continue;
            }
            if (t.isSymbol(")")) {
                depth--;
                continue;
            }
            boolean topLevel = depth == 0 || (depth == 1 && s > 0 && all.get(sig.get(s - 1)).isSymbol("(")
                    && statementParen(all, sig, s - 1));
            if (t.is("SELECT") && topLevel) {
                s = labelOneList(sql, all, sig, s + 1, append);
                if (s < sig.size() && all.get(sig.get(s)).isSymbol(")")) depth--;
            }
        }
    }

    /** True for a parenthesis opened where a statement may start: at the beginning or after UNION. */
    private static boolean statementParen(List<Token> all, List<Integer> sig, int s) {
        for (int k = s - 1; k >= 0; k--) {
            Token p = all.get(sig.get(k));
            if (p.isSymbol("(")) continue;
            return p.is("UNION") || p.is("ALL") || p.is("DISTINCT");
        }
        return true;
    }

    /** Labels one list starting at sig index {@code s}; returns the sig index of the token ending it. */
    private static int labelOneList(String sql, List<Token> all, List<Integer> sig, int s,
                                    Map<Integer, String> append) {
        while (s < sig.size()) {
            Token t = all.get(sig.get(s));
            String u = t.type() == TokenType.WORD ? t.upper() : "";
            if (SELECT_MODIFIERS.contains(u) || u.equals("DISTINCT") || u.equals("ALL") || u.equals("DISTINCTROW")) {
                s++;
            } else {
                break;
            }
        }
        int itemStart = s;
        int depth = 0;
        while (true) {
            boolean end = s >= sig.size();
            Token t = end ? null : all.get(sig.get(s));
            if (!end && depth == 0) {
                end = t.isSymbol(";") || t.isSymbol(")")
                        || (t.type() == TokenType.WORD && SELECT_LIST_END.contains(t.upper()));
            }
            if (end || (depth == 0 && t.isSymbol(","))) {
                labelItem(sql, all, sig, itemStart, s, append);
                if (end) return s;
                itemStart = s + 1;
            } else if (t.isSymbol("(")) {
                depth++;
            } else if (t.isSymbol(")")) {
                depth--;
            }
            s++;
        }
    }

    private static void labelItem(String sql, List<Token> all, List<Integer> sig, int from, int to,
                                  Map<Integer, String> append) {
        if (to <= from) return;
        Token last = all.get(sig.get(to - 1));
        if (last.isSymbol("*")) return;
        if (to - from >= 2) {
            Token before = all.get(sig.get(to - 2));
            if (before.is("AS")) return;
            boolean lastIsName = last.type() == TokenType.QUOTED_IDENT || last.type() == TokenType.STRING
                    || (last.type() == TokenType.WORD && !NOT_ALIAS.contains(last.upper()));
            // 'a' 'b' is one string in MySQL, not a string with an alias
            boolean adjacentStrings = last.type() == TokenType.STRING && before.type() == TokenType.STRING;
            boolean beforeEndsExpression = !adjacentStrings && (before.type() == TokenType.NUMBER
                    || before.type() == TokenType.STRING
                    || before.type() == TokenType.QUOTED_IDENT || before.isSymbol(")")
                    || before.type() == TokenType.SYSTEM_VAR || before.type() == TokenType.USER_VAR
                    || before.type() == TokenType.HEX
                    || (before.type() == TokenType.WORD && !isOperatorWord(before.upper())));
            if (lastIsName && beforeEndsExpression) return;
        }
        String label;
        if (isColumnReference(all, sig, from, to)) {
            label = last.value();
        } else if (allStrings(all, sig, from, to)) {
            // MySQL labels a string literal by its first part's value
            label = all.get(sig.get(from)).value();
        } else {
            Token firstTok = all.get(sig.get(from));
            label = sql.substring(firstTok.start(), last.end());
        }
        if (label.length() > 256) label = label.substring(0, 256);
        append.put(sig.get(to - 1), " AS " + quoteIdent(label));
    }

    private static boolean endsOperand(Token t) {
        return t.type() == TokenType.NUMBER || t.type() == TokenType.STRING || t.type() == TokenType.QUOTED_IDENT
                || t.type() == TokenType.USER_VAR || t.type() == TokenType.SYSTEM_VAR || t.isSymbol(")")
                || (t.type() == TokenType.WORD && !isOperatorWord(t.upper()) && !t.is("SELECT") && !t.is("WHERE")
                && !t.is("SET"));
    }

    private static boolean allStrings(List<Token> all, List<Integer> sig, int from, int to) {
        for (int s = from; s < to; s++) {
            if (all.get(sig.get(s)).type() != TokenType.STRING) return false;
        }
        return true;
    }

    private static boolean isOperatorWord(String u) {
        return switch (u) {
            case "IS", "NOT", "AND", "OR", "XOR", "LIKE", "RLIKE", "REGEXP", "BETWEEN", "IN", "INTERVAL", "BINARY",
                 "DIV", "MOD", "CASE", "WHEN", "THEN", "ELSE", "SOUNDS", "ESCAPE", "COLLATE", "DISTINCT" -> true;
            default -> false;
        };
    }

    private static boolean isColumnReference(List<Token> all, List<Integer> sig, int from, int to) {
        if ((to - from) % 2 == 0) return false;
        for (int s = from; s < to; s++) {
            Token t = all.get(sig.get(s));
            boolean ok = (s - from) % 2 == 0 ? t.isIdentifier() : t.isSymbol(".");
            if (!ok) return false;
        }
        return true;
    }
}
