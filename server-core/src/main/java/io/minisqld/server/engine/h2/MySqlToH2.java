package io.minisqld.server.engine.h2;

import io.minisqld.server.engine.EngineQuery;
import io.minisqld.server.engine.TableInfo;
import io.minisqld.server.sql.StatementText;
import io.minisqld.server.sql.Token;
import io.minisqld.server.sql.TokenType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Rewrites one MySQL statement into text H2 (MySQL mode) runs with MySQL's meaning. Works on the
 * statement's tokens, so nothing inside a string literal is ever touched; whatever it does not
 * know passes through unchanged.
 */
public final class MySqlToH2 {

    /** Select modifiers MySQL accepts that H2 does not; none changes a result. */
    static final Set<String> SELECT_MODIFIERS = Set.of("SQL_NO_CACHE", "SQL_CACHE", "HIGH_PRIORITY",
            "STRAIGHT_JOIN", "SQL_SMALL_RESULT", "SQL_BIG_RESULT", "SQL_BUFFER_RESULT", "SQL_CALC_FOUND_ROWS");

    /** Words that can follow a table reference without being its alias. */
    private static final Set<String> AFTER_TABLE = Set.of("WHERE", "ON", "USING", "JOIN", "LEFT", "RIGHT", "INNER",
            "CROSS", "NATURAL", "OUTER", "FULL", "STRAIGHT_JOIN", "ORDER", "GROUP", "HAVING", "LIMIT", "UNION", "FOR",
            "LOCK", "INTO", "PROCEDURE", "WINDOW", "SET", "VALUES", "AS");

    /** Words a table name can follow: the word before a hinted table is its name only when it is none of these. */
    private static final Set<String> BEFORE_TABLE = Set.of("FROM", "JOIN", "UPDATE", "LOW_PRIORITY", "IGNORE", "QUICK");

    /** CREATE TABLE options H2 does not accept; they tune storage only. */
    private static final Set<String> REJECTED_TABLE_OPTIONS = Set.of("AUTO_INCREMENT", "STATS_PERSISTENT",
            "STATS_AUTO_RECALC", "STATS_SAMPLE_PAGES", "KEY_BLOCK_SIZE", "PACK_KEYS", "CHECKSUM", "DELAY_KEY_WRITE",
            "MAX_ROWS", "MIN_ROWS", "AVG_ROW_LENGTH", "INSERT_METHOD", "COMPRESSION", "ENCRYPTION");

    private MySqlToH2() {
    }

    /**
     * The H2 text of a statement.
     *
     * @param virtualCall given a name after {@code information_schema.}, the H2 table-function call
     *                    that computes it, or null when no virtual table has that name
     */
    public static Translation translate(EngineQuery query, Function<String, String> virtualCall) {
        return translate(query, virtualCall, null);
    }

    /**
     * The H2 text of a statement whose string literals are typed by the columns they are stored
     * into (see {@link StringLiterals}).
     *
     * @param describe (database or null, table) → the table; null when no table is looked at
     */
    public static Translation translate(EngineQuery query, Function<String, String> virtualCall,
                                        BiFunction<String, String, TableInfo> describe) {
        return translate(query, virtualCall, describe, false);
    }

    /**
     * As {@link #translate(EngineQuery, Function, BiFunction)}; with {@code bindParameters}, the
     * literals that stand for a prepared statement's bound values ({@link StatementText#isBound})
     * become H2 parameters ({@code ?}, values in {@link Translation#parameters()}) in a plain
     * SELECT, so that each execution of the statement is the same H2 text, which H2 parses and
     * plans once (its per-session command cache).
     */
    public static Translation translate(EngineQuery query, Function<String, String> virtualCall,
                                        BiFunction<String, String, TableInfo> describe, boolean bindParameters) {
        return translate(query, virtualCall, describe, bindParameters, false);
    }

    /**
     * As {@link #translate(EngineQuery, Function, BiFunction, boolean)}; with {@code looseGroups},
     * a grouped query's columns that are neither grouped nor aggregated are MIN(column) ({@link
     * LooseGroupColumns}), for a statement the engine refused without (a view's definition always).
     */
    static Translation translate(EngineQuery query, Function<String, String> virtualCall,
                                 BiFunction<String, String, TableInfo> describe, boolean bindParameters,
                                 boolean looseGroups) {
        List<Token> all = query.tokens();
        Map<Integer, Object> boundStrings = new HashMap<>();
        Map<Integer, String> aggregateClose = new HashMap<>();
        // the LIKE tokens whose constant pattern went into likePatternCall → the pattern's token
        Map<Integer, Integer> likePatterns = new HashMap<>();
        if (query.multiTable() != null && describe == null) {
            // its plan needs the tables' definitions, which this caller (a trigger's body) does not give
            throw io.minisqld.server.error.ErrorCode.ER_NOT_SUPPORTED_YET.error("multi-table "
                    + query.multiTable().verb() + " here");
        }
        Token introducer = null;
        List<Integer> sig = new ArrayList<>();
        Set<Integer> covered = new HashSet<>();
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).type() != TokenType.SPACE) sig.add(i);
            EngineQuery.Replacement r = query.replacementAt(i);
            if (r != null) {
                for (int k = r.first(); k <= r.last(); k++) covered.add(k);
            }
        }
        // INSERT IGNORE / UPDATE IGNORE: a literal that does not fit its column is made to, with a warning
        boolean ignore = !sig.isEmpty() && (all.get(sig.get(0)).is("INSERT") || all.get(sig.get(0)).is("UPDATE"))
                && ignoreModifier(all, sig);
        Map<Token, StringLiterals.Target> targets = query.multiTable() != null
                ? StringLiterals.targets(query.multiTable(), describe, ignore)
                : StringLiterals.targets(query.values(), describe, ignore);
        BinaryComparisons.addTargets(all, sig, covered, describe, targets);
        Set<Integer> stringAliases = SelectLabels.stringAliases(all, sig);
        Set<Integer> dateTimeLiterals = BinaryComparisons.dateTimeLiterals(all, sig, covered, describe);
        // GROUP BY … WITH ROLLUP: the UNION of one grouped SELECT per level, each translated as any other
        Translation rollup = Rollup.translate(query, sig, level -> translate(level, virtualCall, describe, bindParameters,
                looseGroups));
        if (rollup != null) return rollup;
        Map<Integer, String> replace = new HashMap<>();
        Set<Integer> drop = new HashSet<>();
        Map<Integer, String> append = new HashMap<>();

        String first = firstWord(all, sig);
        if ("ROLLBACK".equals(first)) {
            // MySQL's ROLLBACK [WORK] TO [SAVEPOINT] name; H2 reads ROLLBACK TO SAVEPOINT name
            int to = 1;
            if (sig.size() > to && all.get(sig.get(to)).is("WORK")) drop.add(sig.get(to++));
            if (sig.size() > to + 1 && all.get(sig.get(to)).is("TO") && !all.get(sig.get(to + 1)).is("SAVEPOINT")) {
                append.merge(sig.get(to), " SAVEPOINT", String::concat);
            }
        }
        if ("SELECT".equals(first) || "(".equals(first) || "WITH".equals(first) || "UPDATE".equals(first)
                || "DELETE".equals(first) || "INSERT".equals(first) || "REPLACE".equals(first)) {
            GroupFunctionPlaces.check(all, sig);
        }
        boolean createTable = isCreateTable(all, sig);
        boolean tableDdl = createTable || (sig.size() > 1 && all.get(sig.get(0)).is("ALTER")
                && all.get(sig.get(1)).is("TABLE"));
        if (tableDdl) refuseGeneratedColumns(all, sig, createTable);
        // a view's or routine's definition keeps NOW(): a fixed time would freeze into it
        boolean ddl = "CREATE".equals(first) || "ALTER".equals(first);

        // a view's definition cannot keep a call bound to the session that created it: refused there by H2
        java.util.function.Function<String, EngineQuery.StoredFunctionCall> storedFunctions =
                query.settings() == null || ddl ? null : query.settings().storedFunctions();
        int depth = 0;
        // the table the index hints being read are for: {database or null, table}
        String[] hinted = null;
        LockingReads locking = new LockingReads(first, createTable);
        if ("SELECT".equals(first) || "(".equals(first)) {
            // a derived table that only starts user variables, (SELECT @r := 0) z: the server set
            // them before the query (EngineStatements); here it keeps its literals
            List<Token> significant = new ArrayList<>(sig.size());
            for (int i : sig) significant.add(all.get(i));
            for (int at : io.minisqld.server.sql.QueryAssignments.initialAssignments(significant).keySet()) {
                drop.add(sig.get(at));
                drop.add(sig.get(at + 1));
            }
        }
        int duplicateKeyUpdate = "INSERT".equals(first) ? UpdateAssignments.duplicateKeyUpdate(all, sig) : -1;
        DoubleText doubles = DoubleText.of(all, sig, describe);
        java.util.function.Function<String, Integer> columnDigits = DateFunctions.columnDigits(all, sig, describe);
        // LENGTH, BIT_LENGTH and HEX of a latin1 or ascii column count its set's bytes
        java.util.function.Function<String, String> columnCharset = ColumnCharsets.columnCharsets(all, sig, describe);
        // the GROUP_CONCAT calls, each cut to group_concat_max_len (sig indexes)
        List<Integer> groupConcatCuts = new ArrayList<>();
        for (int s = 0; s < sig.size(); s++) {
            int i = sig.get(s);
            Token t = all.get(i);
            int before = depth;
            if (t.isSymbol("(")) depth++;
            else if (t.isSymbol(")")) depth--;
            // the statement's outermost level, its own parentheses included
            if (before == 0 || depth == 0) locking.see(all, sig, s);
            // the server's values stand in for these tokens: nothing to translate there
            if (covered.contains(i)) continue;
            if (storedFunctions != null && storedFunctionCall(all, sig, s, storedFunctions, replace, drop)) continue;
            if (t.is("MATCH") && t.type() == TokenType.WORD && s + 1 < sig.size() && all.get(sig.get(s + 1)).isSymbol("(")
                    && !(s > 0 && all.get(sig.get(s - 1)).isSymbol("."))) {
                // MATCH … AGAINST: the engine has no full-text search (a FULLTEXT key is a plain
                // index), so the search is refused as by a MySQL engine without one
                throw io.minisqld.server.error.ErrorCode.ER_TABLE_CANT_HANDLE_FT.error();
            }
            if ((t.is("TRUE") || t.is("FALSE")) && t.type() == TokenType.WORD && truthLiteral(all, sig, s)) {
                // MySQL's TRUE and FALSE are the numbers 1 and 0 (CONCAT(TRUE) is '1'; the engine's
                // truth became 'TRUE' in text); a JSON function's argument stays a JSON true / false
                replace.put(i, t.is("TRUE") ? "1" : "0");
                continue;
            }
            if (t.type() == TokenType.NUMBER && limitCount(all, sig, s) && t.text().length() >= 19
                    && new java.math.BigDecimal(t.text()).compareTo(java.math.BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
                // LIMIT n, 18446744073709551615 (the manual's "all rows from n"): more than the
                // engine's counts hold, which are as many rows as any table has
                replace.put(i, Long.toString(Long.MAX_VALUE));
                continue;
            }
            if (t.type() == TokenType.WORD && s + 2 < sig.size() && all.get(sig.get(s + 1)).isSymbol("(")
                    && !(s > 0 && all.get(sig.get(s - 1)).isSymbol(".")) && oneOfMySqlsShortForms(all, sig, s, replace, drop)) {
                continue;
            }
            // FROM f(…) is the engine's table function (SYSTEM_RANGE, CSVREAD, TABLE(…)), none of MySQL's
            boolean fromItem = s > 0 && (all.get(sig.get(s - 1)).is("FROM") || all.get(sig.get(s - 1)).is("JOIN"));
            if (fromItem && (t.is("OLD") || t.is("NEW") || t.is("FINAL")) && s + 2 < sig.size()
                    && all.get(sig.get(s + 1)).is("TABLE") && all.get(sig.get(s + 2)).isSymbol("(")) {
                // the engine's data change delta table, SELECT * FROM OLD TABLE (DELETE FROM t), would change
                // rows inside a read, past the privileges a change needs and the binary log: MySQL's 1064
                throw io.minisqld.server.error.ErrorCode.ER_PARSE_ERROR.error(nearText(all, sig.get(s + 1)), 1);
            }
            if (t.isIdentifier() && s + 1 < sig.size() && all.get(sig.get(s + 1)).isSymbol("(")
                    && !(s > 0 && all.get(sig.get(s - 1)).isSymbol("."))
                    && (EngineOnlyFunctions.NAMES.contains(t.value().toUpperCase(Locale.ROOT))
                            && (fromItem || !(s > 0 && namesTable(all, sig, s)))
                    || fromItem && t.is("TABLE"))
                    && !(s > 0 && (all.get(sig.get(s - 1)).is("BY") || all.get(sig.get(s - 1)).is("LINEAR")))) {
                if (fromItem) {
                    // MySQL has no table functions: its 1064 near the parenthesis
                    throw io.minisqld.server.error.ErrorCode.ER_PARSE_ERROR.error(nearText(all, sig.get(s + 1)), 1);
                }
                // a function of the engine's own (FILE_READ, CSVREAD, LINK_SCHEMA …) is none of MySQL's:
                // called as a user function the engine does not have, it is MySQL's 1305
                replace.put(i, "PUBLIC.\"" + t.value().toLowerCase(Locale.ROOT) + "\"");
                continue;
            }
            if ((t.is("TIME") || t.is("TIMESTAMP")) && t.type() == TokenType.WORD && s + 1 < sig.size()
                    && all.get(sig.get(s + 1)).type() == TokenType.STRING) {
                // TIME '…' / TIMESTAMP '…': MySQL types the literal with as many fractional digits
                // as it has (H2's has nine, which a client would see)
                String value = all.get(sig.get(s + 1)).value();
                int dot = value.lastIndexOf('.');
                int fsp = dot < 0 ? 0 : Math.min(6, value.length() - dot - 1);
                replace.put(i, "CAST(" + t.upper());
                append.merge(sig.get(s + 1), " AS " + t.upper() + "(" + fsp + "))", String::concat);
                continue;
            }
            if (t.type() == TokenType.HEX && (introducer != null || targets.get(t) != null && targets.get(t).text())) {
                // _latin1 X'E9' is the latin1 string é; X'C3A9' into a text column its characters
                // (bytes no character of the set are 1366 there, as MySQL's strict mode)
                StringLiterals.Target target = targets.get(t);
                io.minisqld.server.charset.MysqlCharset named = introducer != null
                        ? io.minisqld.server.charset.MysqlCharset.named(introducer.value())
                        : target.characterSet();
                if (introducer != null && named == null) {
                    throw io.minisqld.server.error.ErrorCode.ER_NOT_SUPPORTED_YET.error("character set '" + introducer.value() + "'");
                }
                String text = StringLiterals.hexText(t, named, target);
                if (text != null) {
                    introducer = null;
                    replace.put(i, quote(text));
                    continue;
                }
            }
            if (t.type() == TokenType.HEX && (numericContext(all, sig, s) || isBitLiteral(t) || targets.get(t) != null)) {
                // MySQL's hex and bit literals are numbers in arithmetic (0x41 + 0 is 65) and stored into
                // a number column; H2's are bytes. H2 has no bit literal at all: b'1' (as mariadb-dump
                // writes a BIT column's value) is its number, which a BIT or integer column stores
                replace.put(i, hexNumber(t));
                continue;
            }
            if (t.type() == TokenType.INTRODUCER) {
                // its charset types the next literal; H2 gets the literal's bytes or characters
                drop.add(i);
                introducer = t;
                continue;
            }
            Token lastIntroducer = introducer;
            introducer = null;
            if (t.type() == TokenType.NUMBER && targets.get(t) != null) {
                // a value -n: its target is the digits' (StringLiterals.targets)
                boolean negated = s > 0 && all.get(sig.get(s - 1)).isSymbol("-");
                // 99 into a YEAR is 1999, 5 is 2005; 20200101 into a DATE is 2020-01-01; 2 into an ENUM its second member
                String stored = negated ? null : StringLiterals.numberYear(t.text(), targets.get(t));
                if (stored == null && !negated) stored = StringLiterals.numberTemporal(t.text(), targets.get(t));
                if (stored == null && !negated) stored = StringLiterals.numberMember(t.text(), targets.get(t));
                if (stored == null && ignore) {
                    // IGNORE: 300 into a TINYINT UNSIGNED is 255, with warning 1264
                    stored = StringLiterals.clippedInteger(t.text(), negated, targets.get(t), query.settings().warnings());
                    if (stored != null && negated) drop.add(sig.get(s - 1));
                }
                if (stored != null) {
                    replace.put(i, stored);
                    continue;
                }
            }
            if (t.type() == TokenType.STRING && stringAliases.contains(i)) {
                // a select item's alias written as a string: the engine's identifier
                replace.put(i, quoteIdent(t.value()));
            } else if (t.type() == TokenType.STRING) {
                StringLiterals.Target target = targets.get(t);
                Object value = StringLiterals.value(t, lastIntroducer, query.clientCharset(), target);
                String rendered = value instanceof byte[] b ? StringLiterals.hex(b) : quote((String) value);
                if (target != null && target.bits() > 0) {
                    // a string into a BIT column is its bytes' bits
                    java.math.BigInteger bits = StringLiterals.bitsFor((byte[]) value, target);
                    rendered = bits.toString();
                    value = bits.bitLength() < 64 ? (Object) bits.longValue() : new java.math.BigDecimal(bits);
                } else if (target != null && target.numeric() && value instanceof String text) {
                    // '1.5' into an INT is 2, '12x' is 1265 (MySQL's strict mode)
                    String number = StringLiterals.numberFor(text, target, ignore, query.settings().warnings());
                    if (number != null) rendered = number;
                } else if (target != null && value instanceof String text) {
                    // a number naming no member of an ENUM is its index (a string that is neither: 1265)
                    String enumIndex = StringLiterals.enumFor(text, target);
                    // '0' into a YEAR is 2000, '70' 1970; a date with a time into a DATE its date
                    String year = enumIndex != null ? enumIndex
                            : StringLiterals.yearFor(text, target, ignore, query.settings().warnings());
                    String date = StringLiterals.dateFor(text, target, query.settings().notes());
                    String cut = year == null && date == null
                            ? StringLiterals.trailingSpacesCut(text, target, query.settings().notes()) : null;
                    if (cut == null && year == null && date == null && ignore) {
                        // IGNORE: a string longer than its column is cut to it, with warning 1265
                        cut = StringLiterals.cutToColumn(text, target, query.settings().warnings());
                    }
                    if (year != null) rendered = year;
                    else if (date != null) rendered = date;
                    else if (cut != null) rendered = quote(cut);
                }
                if (dateTimeLiterals.contains(i) && target == null && value instanceof String) {
                    // compared with a DATE column: a DATETIME, as MySQL compares them
                    rendered = "CAST(" + rendered + " AS TIMESTAMP)";
                }
                if (target == null && value instanceof String text && caseOnlyBetween(all, sig, s, text)) {
                    // H2 makes x BETWEEN 'A' AND 'a' into x = 'A' (its bounds are equal ignoring
                    // case); a case-sensitive lower bound keeps MySQL's range for a column of a
                    // case-sensitive collation (PerThreadCollation) and for any other
                    rendered = "CAST(" + rendered + " AS VARCHAR_IGNORECASE)";
                }
                replace.put(i, rendered);
                if (bindParameters && isBound(query, t) && !dateTimeLiterals.contains(i)) {
                    boundStrings.put(i, new BoundString(rendered, value));
                }
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
                boolean integerWord = s + 1 < sig.size()
                        && (all.get(sig.get(s + 1)).is("INTEGER") || all.get(sig.get(s + 1)).is("INT"));
                if (!integerCast(all, sig, s, replace, drop)) replace.put(i, "BIGINT");
                if (integerWord) {
                    drop.add(sig.get(s + 1));
                    s++;
                }
            } else if ((t.is("CHAR") || t.is("NCHAR") || t.is("BINARY")) && depth > 0 && s > 0
                    && (all.get(sig.get(s - 1)).is("AS") || all.get(sig.get(s - 1)).isSymbol(","))
                    && !(s + 1 < sig.size() && all.get(sig.get(s + 1)).isSymbol("("))) {
                // CAST(x AS CHAR) and CONVERT(x, BINARY) keep the whole value in MySQL; H2's CHAR
                // and BINARY without a length are one character or byte long
                replace.put(i, t.is("BINARY") ? "VARBINARY" : "VARCHAR");
            } else if (t.is("MOD") && s > 0 && s + 1 < sig.size() && endsOperand(all.get(sig.get(s - 1)))
                    && (!all.get(sig.get(s + 1)).isSymbol("(") || Operators.endsOperand(all.get(sig.get(s - 1))))
                    && !all.get(sig.get(s - 1)).is("MOD")) {
                // the operator a MOD b, a MOD (b - 1) too (a DIV b is a call: Operators)
                replace.put(i, "%");
            } else if (t.is("QUALIFY")) {
                // no keyword of MySQL's: a name (the engine's QUALIFY stands for a HAVING, havingAsQualify)
                replace.put(i, "`" + t.text() + "`");
            } else if (t.is("HAVING") && havingWithoutGroups(all, sig, s)) {
                // HAVING in a query without GROUP BY or aggregates filters its rows, select aliases
                // usable (MySQL's extension); the engine read it as grouping (1105 "must be in the
                // GROUP BY list"); its QUALIFY filters rows without grouping
                replace.put(i, "QUALIFY");
            } else if (t.is("USER") && !(s + 1 < sig.size() && all.get(sig.get(s + 1)).isSymbol("("))) {
                // a bare USER is a name here (mysql.user's User column): the server already replaced
                // USER() and CURRENT_USER, and H2 reads a bare USER as its own function
                replace.put(i, "`" + t.text() + "`");
            } else if ((t.is("STD") || t.is("STDDEV") || t.is("VARIANCE")) && s + 1 < sig.size()
                    && all.get(sig.get(s + 1)).isSymbol("(") && !(s > 0 && all.get(sig.get(s - 1)).isSymbol("."))) {
                // MySQL's population aggregates under their other names
                replace.put(i, t.is("VARIANCE") ? "VAR_POP" : "STDDEV_POP");
            } else if (t.is("FROM_UNIXTIME") && s + 1 < sig.size() && all.get(sig.get(s + 1)).isSymbol("(")
                    && !(s > 0 && all.get(sig.get(s - 1)).isSymbol(".")) && severalCodes(all, sig, s + 1)) {
                // FROM_UNIXTIME(n, format) is DATE_FORMAT(FROM_UNIXTIME(n), format): MySQL's specifiers
                replace.put(sig.get(topLevel(all, sig, s + 1, a -> a.isSymbol(","))), "), ");
                replace.put(i, H2Functions.dateFunctionCall("DATE_FORMAT") + "(" + H2Functions.dateFunctionCall("FROM_UNIXTIME"));
            } else if (t.is("UNIX_TIMESTAMP") && s + 3 < sig.size() && all.get(sig.get(s + 1)).isSymbol("(")
                    && all.get(sig.get(s + 2)).isIdentifier() && all.get(sig.get(s + 3)).isSymbol(")")
                    && !(s > 0 && all.get(sig.get(s - 1)).isSymbol("."))) {
                // UNIX_TIMESTAMP(column): the column's fractional digits (a DATETIME(3)'s three), which its
                // values do not carry
                replace.put(i, H2Functions.dateFunctionCall("UNIX_TIMESTAMP"));
                Integer digits = columnDigits.apply(all.get(sig.get(s + 2)).value());
                if (digits != null && digits > 0) replace.put(sig.get(s + 3), ", " + digits + ")");
            } else if ((t.is("LENGTH") || t.is("OCTET_LENGTH") || t.is("BIT_LENGTH")) && s + 1 < sig.size()
                    && all.get(sig.get(s + 1)).isSymbol("(") && !(s > 0 && all.get(sig.get(s - 1)).isSymbol("."))) {
                // MySQL's LENGTH (and its synonym OCTET_LENGTH) counts bytes (CHAR_LENGTH counts
                // characters); H2's LENGTH counts characters, its OCTET_LENGTH refused a date
                int close = matchingParen(all, sig, s + 1);
                boolean bits = t.is("BIT_LENGTH");
                replace.put(i, (bits ? "(8 * " : "") + H2Functions.internalCall("octetLength"));
                String set = columnSetArgument(all, sig, s + 1, close, columnCharset);
                if (close > 0 && (set != null || bits)) {
                    String tail = (set != null ? ", " + quote(set) : "") + ")" + (bits ? ")" : "");
                    // the parenthesis another rewrite wrote to keeps its text, this one's before its last ")"
                    replace.merge(sig.get(close), tail, (old, add) -> old.endsWith(")")
                            ? old.substring(0, old.length() - 1) + add : old + add);
                }
            } else if (t.type() == TokenType.WORD && s + 1 < sig.size() && all.get(sig.get(s + 1)).isSymbol("(")
                    && !(s > 0 && all.get(sig.get(s - 1)).isSymbol(".")) && H2Functions.dateFunctionCall(t.upper()) != null
                    && matchingParen(all, sig, s + 1) > 0 && dateCall(all, sig, s, replace)) {
                // DATE_FORMAT, and DATE_ADD / DATE_SUB (d, INTERVAL n unit) as (d, n, 'unit') (DateFunctions)
                replace.put(i, H2Functions.dateFunctionCall(t.upper()));
                if (DateFunctions.takesInterval(t.upper())) {
                    intervalArguments(all, sig, s + 1, t.is("ADDDATE") || t.is("SUBDATE"), replace, drop, columnDigits);
                } else if (t.is("TIMEDIFF") || t.is("ADDTIME") || t.is("SUBTIME")) {
                    // the most fractional digits of the two arguments' types, which their values do not carry
                    int close = matchingParen(all, sig, s + 1);
                    Integer digits = ResultTypes.simpleArgumentDigits(all, sig, s + 1, close, columnDigits,
                            !t.is("TIMEDIFF"));
                    if (digits != null && !replace.containsKey(sig.get(close))) replace.put(sig.get(close), ", " + digits + ")");
                }
            } else if (t.is("LIKE") && s + 1 < sig.size() && all.get(sig.get(s + 1)).type() == TokenType.STRING
                    && all.get(sig.get(s + 1)).value().indexOf('%') < 0 && all.get(sig.get(s + 1)).value().indexOf('_') < 0
                    && !(s > 0 && all.get(sig.get(s - 1)).is("SHOW"))) {
                // x LIKE 'abc' counts trailing spaces, as MySQL's; H2 would make it x = 'abc'
                replace.put(i, t.text() + " " + H2Functions.likePatternCall() + "(");
                aggregateClose.merge(sig.get(s + 1), ")", String::concat);
                likePatterns.put(i, sig.get(s + 1));
            } else if (t.is("UUID") && s + 2 < sig.size() && all.get(sig.get(s + 1)).isSymbol("(")
                    && all.get(sig.get(s + 2)).isSymbol(")") && !(s > 0 && all.get(sig.get(s - 1)).isSymbol("."))) {
                // MySQL's UUID() is the 36-character text; H2's RANDOM_UUID() a UUID value (16 bytes)
                replace.put(i, "CAST(RANDOM_UUID");
                aggregateClose.put(sig.get(s + 2), " AS VARCHAR(36))");
            } else if ((t.is("BIT_XOR") || t.is("BIT_AND") || t.is("BIT_OR")) && s + 1 < sig.size()
                    && all.get(sig.get(s + 1)).isSymbol("(") && matchingParen(all, sig, s + 1) > 0) {
                // MySQL's bit aggregates are BIGINT UNSIGNED, and give 0 (BIT_AND: all ones) for no rows;
                // each value is read as 64 bits as the bitwise operators read it (a string, a
                // BIGINT UNSIGNED beyond 2^63 and a decimal were refused by the engine's)
                replace.put(i, H2Functions.internalCall("unsigned64") + "(COALESCE(" + t.upper() + "_AGG");
                replace.put(sig.get(s + 1), "(" + H2Functions.internalCall("castSigned") + "(");
                // BIT_OR(ALL x) is BIT_OR(x)
                if (s + 2 < sig.size() && all.get(sig.get(s + 2)).is("ALL")) drop.add(sig.get(s + 2));
                aggregateClose.put(sig.get(matchingParen(all, sig, s + 1)), t.is("BIT_AND") ? "), -1))" : "), 0))");
            } else if (t.is("CHAR") && s + 1 < sig.size() && all.get(sig.get(s + 1)).isSymbol("(")
                    && !(s > 0 && all.get(sig.get(s - 1)).isSymbol(".")) && severalCodes(all, sig, s + 1)) {
                // CHAR(n, m, …): H2's CHAR takes one code
                replace.put(i, H2Functions.internalCall("charBytes"));
            } else if (t.is("AVG") && avgOfColumn(all, sig, s) > 0
                    && !doubles.isDoubleNumber(avgOfColumn(all, sig, s) - 1, avgOfColumn(all, sig, s) - 1)) {
                // MySQL's AVG is its division of SUM by COUNT: DECIMAL at the column's scale plus
                // div_precision_increment for an exact column (AVG(int) is 2.3333, not H2's
                // double 2.3333333333333335); a DOUBLE column's is MysqlAverage's DOUBLE below
                int end = avgOfColumn(all, sig, s);
                StringBuilder argument = new StringBuilder();
                for (int k = s + 2; k < end; k++) {
                    Token a = all.get(sig.get(k));
                    argument.append(a.text()).append(a.is("DISTINCT") || a.is("ALL") ? " " : "");
                }
                replace.put(i, H2Functions.divideCall(false) + "(SUM");
                aggregateClose.put(sig.get(end), ", COUNT(" + argument + "), " + query.settings().divPrecisionIncrement() + ")");
            } else if (t.is("AVG") && s + 1 < sig.size() && all.get(sig.get(s + 1)).isSymbol("(")
                    && !(s > 0 && all.get(sig.get(s - 1)).isSymbol(".")) && matchingParen(all, sig, s + 1) > 0) {
                // AVG of an expression or over a window: MySQL's scale (the argument's plus
                // div_precision_increment), MysqlAverage
                replace.put(i, H2Functions.averageCall());
                replace.put(sig.get(matchingParen(all, sig, s + 1)), ", " + query.settings().divPrecisionIncrement() + ")");
            } else if ((t.is("CONCAT") || t.is("CONCAT_WS")) && s + 1 < sig.size() && all.get(sig.get(s + 1)).isSymbol("(")
                    && !(s > 0 && all.get(sig.get(s - 1)).isSymbol(".")) && matchingParen(all, sig, s + 1) > s + 2
                    && BinaryComparisons.anyBinaryArgument(all, sig, s + 1, describe)) {
                // a binary string among the arguments: MySQL's result is a binary string
                replace.put(i, H2Functions.internalCall(t.is("CONCAT") ? "concatBytes" : "concatWsBytes"));
            } else if (t.type() == TokenType.WORD && s + 1 < sig.size() && all.get(sig.get(s + 1)).isSymbol("(")
                    && !(s > 0 && all.get(sig.get(s - 1)).isSymbol(".")) && H2Functions.stringFunctionCall(t.upper()) != null
                    && !(s > 0 && namesTable(all, sig, s))) {
                // HEX, UNHEX, MD5, SHA1, SHA2, CRC32, TO_BASE64, FROM_BASE64 (StringFunctions)
                replace.put(i, H2Functions.stringFunctionCall(t.upper()));
                if (t.is("HEX")) {
                    int close = matchingParen(all, sig, s + 1);
                    String set = columnSetArgument(all, sig, s + 1, close, columnCharset);
                    if (set != null && !replace.containsKey(sig.get(close))) replace.put(sig.get(close), ", " + quote(set) + ")");
                }
                if (t.is("FORMAT")) unknownLocale(all, sig, s + 1, query.settings().warnings());
            } else if (t.is("GROUP_CONCAT") && query.groupConcatMaxLen() > 0 && s + 1 < sig.size()
                    && all.get(sig.get(s + 1)).isSymbol("(") && !(s > 0 && all.get(sig.get(s - 1)).isSymbol("."))) {
                // cut to group_concat_max_len: made once the binary strings are known (groupConcatCut)
                groupConcatCuts.add(s);
            } else if ((t.is("SUBSTRING") || t.is("SUBSTR") || t.is("MID")) && s + 1 < sig.size()
                    && all.get(sig.get(s + 1)).isSymbol("(") && !(s > 0 && all.get(sig.get(s - 1)).isSymbol("."))) {
                // MySQL's position 0 gives '' (H2 reads it as 1): the position goes through a
                // function that moves 0 past any string; MID is the engine's SUBSTRING, which keeps
                // a binary string's bytes and a _bin collation's case
                if (t.is("MID")) replace.put(i, "SUBSTRING");
                substringPosition(all, sig, s + 1, replace, append);
            } else if (t.is("LEFT") && s + 1 < sig.size() && all.get(sig.get(s + 1)).isSymbol("(")
                    && !(s > 0 && all.get(sig.get(s - 1)).isSymbol(".")) && leftAsSubstring(all, sig, s, replace, append)) {
                // LEFT(str, n) is SUBSTRING(str, 1, n): the engine's LEFT made a binary string text,
                // its bytes that are no UTF-8 U+FFFD
            } else if (t.is("POSITION") && s + 1 < sig.size() && all.get(sig.get(s + 1)).isSymbol("(")
                    && !(s > 0 && all.get(sig.get(s - 1)).isSymbol(".")) && positionIn(all, sig, s + 1, replace)) {
                // POSITION(substr IN str) is LOCATE(substr, str), case-insensitive as MySQL's
                replace.put(i, H2Functions.stringFunctionCall("LOCATE"));
            } else if (t.is("CONVERT") && s + 1 < sig.size() && all.get(sig.get(s + 1)).isSymbol("(")
                    && !(s > 0 && all.get(sig.get(s - 1)).isSymbol(".")) && convertUsing(all, sig, s + 1, replace)) {
                // CONVERT(x USING charset) is CONVERT(x, VARCHAR): H2's strings hold any character;
                // USING binary gives the bytes (VARBINARY), as MySQL's binary string
                continue;
            } else if ((t.is("USE") || t.is("FORCE") || t.is("IGNORE")) && s > 0 && s + 2 < sig.size()
                    && (all.get(sig.get(s + 1)).is("INDEX") || all.get(sig.get(s + 1)).is("KEY"))
                    && (all.get(sig.get(s - 1)).isIdentifier() || all.get(sig.get(s - 1)).isSymbol(")"))
                    && indexHintEnd(all, sig, s) > 0) {
                // index hints choose among plans that give the same rows; H2 plans on its own. The
                // indexes they name must exist (1176), as MySQL checks
                int end = indexHintEnd(all, sig, s);
                if (!all.get(sig.get(s - 1)).isSymbol(")")) hinted = hintedTable(all, sig, s);
                if (hinted != null && describe != null) checkHintedIndexes(all, sig, s, end, hinted, describe);
                for (int k = s; k <= end; k++) drop.add(sig.get(k));
                s = end;
            } else if (t.is("CONCAT") && s + 1 < sig.size() && all.get(sig.get(s + 1)).isSymbol("(")
                    && !(s > 0 && all.get(sig.get(s - 1)).isSymbol(".")) && matchingParen(all, sig, s + 1) > s + 2) {
                // MySQL's CONCAT is NULL when an argument is NULL and takes one argument; H2's CONCAT
                // skips NULLs and needs two. H2's || propagates NULL: CONCAT(a, b) is ((a) || (b))
                concatAsOperator(all, sig, s, replace);
            } else if (t.is("VALUES") && s + 1 < sig.size() && all.get(sig.get(s + 1)).isSymbol("(")
                    && duplicateKeyUpdate >= 0 && s > duplicateKeyUpdate && matchingParen(all, sig, s + 1) > 0) {
                // VALUES(col) of ON DUPLICATE KEY UPDATE: right after a parenthesis (its own, or one
                // CONCAT's rewriting puts there) the engine reads (VALUES(col)) as a one-row query of
                // the old row's col (CONCAT(v, VALUES(v)) gave the old v twice); in a call it is the
                // inserted value
                replace.put(i, "COALESCE(" + t.text());
                append.merge(sig.get(matchingParen(all, sig, s + 1)), ")", String::concat);
            } else if (t.is("INTERVAL") && t.type() == TokenType.WORD && s + 1 < sig.size()
                    && all.get(sig.get(s + 1)).isSymbol("(") && matchingParen(all, sig, s + 1) > 0
                    && !intervalUnitAfter(all, sig, matchingParen(all, sig, s + 1))) {
                // INTERVAL(N, N1, N2, …): the function (no unit follows it, as one follows INTERVAL (n) DAY)
                replace.put(i, H2Functions.internalCall("intervalIndex"));
            } else if (t.isSymbol("-") && i + 1 < all.size() && all.get(i + 1).isSymbol("-")) {
                // MySQL's "--" before anything but a space is two minus signs (1--1 is 2); the
                // engine reads any "--" as a comment's start (1--1 was 1, --1 an empty query)
                append.merge(i, " ", String::concat);
            } else if (t.is("RLIKE")) {
                replace.put(i, "REGEXP");
            } else if (t.is("RAND") && s + 2 < sig.size() && all.get(sig.get(s + 1)).isSymbol("(")
                    && !(s > 0 && all.get(sig.get(s - 1)).isSymbol("."))) {
                // MySQL's generator, not H2's (RandomCalls): RAND() the session's, RAND(N) its own
                if (all.get(sig.get(s + 2)).isSymbol(")")) {
                    replace.put(i, "PUBLIC.\"" + RandomCalls.RAND_ALIAS + "\"");
                } else {
                    int close = matchingParen(all, sig, s + 1);
                    boolean constant = close == s + 3 && all.get(sig.get(s + 2)).type() == TokenType.NUMBER;
                    replace.put(i, "PUBLIC.\"" + RandomCalls.SEEDED_ALIAS + "\"");
                    replace.put(sig.get(s + 1), "(" + i + ", " + constant + ", ");
                }
            } else if (t.is("SLEEP") && s + 1 < sig.size() && all.get(sig.get(s + 1)).isSymbol("(")) {
                replace.put(i, H2Functions.sleepCall());
            } else if (t.is("FOR") && s + 1 < sig.size() && all.get(sig.get(s + 1)).is("UPDATE")) {
                locking.forUpdate(s, 2);
                s += 1;
            } else if (t.is("LOCK") && wordsAt(all, sig, s, "LOCK", "IN", "SHARE", "MODE")) {
                // H2 has no shared row locks: the rows are read current and locked exclusively, a
                // stronger lock than InnoDB's S lock (a second reader waits instead of sharing it)
                replace.put(i, "FOR UPDATE");
                for (int k = 1; k < 4; k++) drop.add(sig.get(s + k));
                locking.forUpdate(s, 4);
                s += 3;
            } else if (tableDdl && t.is("TIMESTAMP") && s > 0 && all.get(sig.get(s - 1)).isIdentifier()
                    && !all.get(sig.get(s - 1)).is("AS")) {
                // a TIMESTAMP column is of the domain that keeps its type apart from DATETIME's
                boolean digits = s + 3 < sig.size() && all.get(sig.get(s + 1)).isSymbol("(")
                        && all.get(sig.get(s + 2)).type() == TokenType.NUMBER && all.get(sig.get(s + 3)).isSymbol(")")
                        && all.get(sig.get(s + 2)).text().matches("[0-6]");
                replace.put(i, ColumnDomains.timestamp(digits ? Integer.parseInt(all.get(sig.get(s + 2)).text()) : 0));
                if (digits) {
                    for (int k = 1; k <= 3; k++) drop.add(sig.get(s + k));
                    s += 3;
                }
            } else if (tableDdl && t.is("BIT") && s > 0 && all.get(sig.get(s - 1)).isIdentifier()
                    && !all.get(sig.get(s - 1)).is("AS")) {
                // BIT [(N)]: a domain of its own for each width (ColumnDomains); BIT(0) is BIT(1), as MySQL's
                int bits = 1;
                if (s + 3 < sig.size() && all.get(sig.get(s + 1)).isSymbol("(")
                        && all.get(sig.get(s + 2)).type() == TokenType.NUMBER && all.get(sig.get(s + 3)).isSymbol(")")) {
                    String width = all.get(sig.get(s + 2)).text();
                    bits = width.length() > 3 ? Integer.MAX_VALUE : Math.max(1, Integer.parseInt(width));
                }
                if (bits > 64) {
                    throw io.minisqld.server.error.ErrorCode.ER_TOO_BIG_DISPLAYWIDTH.error(
                            all.get(sig.get(s - 1)).value(), 64);
                }
                replace.put(i, ColumnDomains.bit(bits));
                s = dropWidth(all, sig, s, drop);
            } else if (tableDdl && t.is("SET") && s > 0 && all.get(sig.get(s - 1)).isIdentifier()
                    && !all.get(sig.get(s - 1)).is("AS") && s + 1 < sig.size() && all.get(sig.get(s + 1)).isSymbol("(")
                    && s + 2 < sig.size() && all.get(sig.get(s + 2)).type() == TokenType.STRING) {
                // SET('a', …): text of the members' length; the members are kept around the
                // statement and values normalized by a trigger (SetColumns)
                int length = 0;
                int k = s + 1;
                drop.add(sig.get(k));
                for (k = s + 2; k < sig.size() && !all.get(sig.get(k)).isSymbol(")"); k++) {
                    Token member = all.get(sig.get(k));
                    if (member.type() == TokenType.STRING) length += member.value().length() + 1;
                    drop.add(sig.get(k));
                }
                if (k < sig.size()) drop.add(sig.get(k));
                replace.put(i, "CHARACTER VARYING(" + Math.max(1, length) + ")");
                s = k;
            } else if (tableDdl && t.is("YEAR") && s > 0 && all.get(sig.get(s - 1)).isIdentifier()
                    && !all.get(sig.get(s - 1)).is("AS")) {
                // YEAR [(4)]: a SMALLINT of MySQL's range, shown as year(4) (ColumnDomains)
                replace.put(i, ColumnDomains.year());
                s = dropWidth(all, sig, s, drop);
            } else if (tableDdl && t.type() == TokenType.WORD && ColumnDomains.sizedLob(t.upper()) != null && s > 0
                    && all.get(sig.get(s - 1)).isIdentifier() && !all.get(sig.get(s - 1)).is("AS")) {
                // TINYTEXT … LONGBLOB keep their names apart from TEXT and BLOB (ColumnDomains)
                replace.put(i, ColumnDomains.sizedLob(t.upper()));
            } else if (tableDdl && t.is("JSON") && s > 0 && all.get(sig.get(s - 1)).isIdentifier()
                    && !all.get(sig.get(s - 1)).is("AS")) {
                // a JSON column keeps the document the client gives (ColumnDomains)
                replace.put(i, ColumnDomains.json());
            } else if (tableDdl && (t.is("DATETIME") || t.is("TIME")) && s > 0
                    && all.get(sig.get(s - 1)).isIdentifier() && !all.get(sig.get(s - 1)).is("AS")
                    && !(s + 1 < sig.size() && all.get(sig.get(s + 1)).isSymbol("("))) {
                // MySQL's temporal types default to no fractional digits; H2's TIMESTAMP to six
                replace.put(i, t.text() + "(0)");
            } else if (t.is("COUNT") && s + 2 < sig.size() && all.get(sig.get(s + 1)).isSymbol("(")
                    && all.get(sig.get(s + 2)).is("DISTINCT") && !(s > 0 && all.get(sig.get(s - 1)).isSymbol("."))) {
                countDistinctColumns(all, sig, s, replace);
            } else if (!tableDdl && t.type() == TokenType.WORD && DATE_PART_CALLS.contains(t.upper()) && s + 3 < sig.size()
                    && all.get(sig.get(s + 1)).isSymbol("(") && all.get(sig.get(s + 2)).type() == TokenType.STRING
                    && all.get(sig.get(s + 3)).isSymbol(")") && !(s > 0 && all.get(sig.get(s - 1)).isSymbol("."))
                    && !replace.containsKey(sig.get(s + 1))) {
                // YEAR('2024-13-01'): text that is no date is NULL with warning 1292, as MySQL's (the engine refused it)
                replace.put(sig.get(s + 1), "(PUBLIC.\"" + StringFunctions.alias("dateArgument") + "\"(");
                append.merge(sig.get(s + 2), ")", String::concat);
            } else if (!tableDdl && !ddl && t.is("DEFAULT") && s + 1 < sig.size() && all.get(sig.get(s + 1)).isSymbol("(")) {
                // DEFAULT(col): the column's default value
                int end = DefaultCalls.translate(all, sig, s, replace, drop, describe);
                if (end > 0) s = end;
            } else if (!tableDdl && NUMERIC_CASTS.contains(t.upper()) && t.type() == TokenType.WORD && s > 0 && depth > 0
                    && (all.get(sig.get(s - 1)).is("AS") || all.get(sig.get(s - 1)).isSymbol(","))
                    && castOpen(all, sig, s) > 0) {
                // CAST(x AS DECIMAL(m,d) | DOUBLE): x read as MySQL reads a number (StringFunctions.castDecimal)
                numericCast(all, sig, s, replace);
            } else if (!tableDdl && (t.is("DATETIME") || (t.is("DATE") || t.is("TIME")) && castOpen(all, sig, s) > 0)
                    && s > 0 && depth > 0 && (all.get(sig.get(s - 1)).is("AS") || all.get(sig.get(s - 1)).isSymbol(","))) {
                // CAST(x AS DATE | DATETIME | TIME): x read as MySQL reads a date (StringFunctions.temporalCastText)
                temporalCast(all, sig, s, replace, t.is("DATE") ? "date" : t.is("TIME") ? "time" : "datetime");
                // CAST(x AS DATETIME) has no fractional digits in MySQL; H2's TIMESTAMP six
                if (t.is("DATETIME") && !(s + 1 < sig.size() && all.get(sig.get(s + 1)).isSymbol("("))) {
                    replace.put(i, "DATETIME(0)");
                }
            } else if (!tableDdl && t.is("DATE") && s + 2 < sig.size() && all.get(sig.get(s + 1)).isSymbol("(")
                    && !(s > 0 && all.get(sig.get(s - 1)).isSymbol(".")) && !replace.containsKey(sig.get(s + 1))
                    && matchingParen(all, sig, s + 1) > s + 2) {
                // DATE(x): x read as MySQL reads a date (the engine's DATE made a number NULL)
                replace.put(sig.get(s + 1), "(" + H2Functions.internalCall("temporalCastText") + "(");
                append.merge(sig.get(matchingParen(all, sig, s + 1) - 1), ", 'date')", String::concat);
            } else if (!tableDdl && CurrentTime.NAMES.contains(t.upper()) && t.type() == TokenType.WORD
                    && !(s > 0 && all.get(sig.get(s - 1)).isSymbol("."))) {
                s = CurrentTime.translate(all, sig, s, replace, drop, ddl ? null : query.settings().fixedNow());
            } else if (tableDdl && (t.is("FLOAT") || t.is("REAL") || t.is("DOUBLE")) && s > 0
                    && all.get(sig.get(s - 1)).isIdentifier() && !all.get(sig.get(s - 1)).is("AS")) {
                // MySQL's FLOAT is 4 bytes and its REAL is DOUBLE (REAL_AS_FLOAT is refused);
                // H2 reads them the other way round. FLOAT(p) is 4 bytes up to p = 24.
                s = floatType(all, sig, s, replace, drop);
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
                boolean table = !(s + 3 < sig.size() && all.get(sig.get(s + 3)).isSymbol("."));
                if (call == null && table) {
                    // the engine's own information_schema tables (SESSIONS, USERS, SETTINGS, LOCKS …) are
                    // none of MySQL's; SESSIONS would show every session's statement
                    throw io.minisqld.server.error.ErrorCode.ER_UNKNOWN_TABLE.error(name.value(), "information_schema");
                }
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
        if ("EXPLAIN".equals(first)) explainModifiers(all, sig, drop);
        // REPLACE naming some columns: the others take their defaults, not the replaced row's values
        if ("REPLACE".equals(first)) ReplaceColumns.complete(query, all, sig, append, describe);
        if ("REPLACE".equals(first) && withoutUniqueKey(all, sig, describe)) {
            // REPLACE into a table no key makes unique is an INSERT (MySQL); the engine's wanted a key (1091)
            replace.put(sig.get(0), "INSERT");
        }
        if ("INSERT".equals(first) || "REPLACE".equals(first) || "UPDATE".equals(first) || "DELETE".equals(first)) {
            // scheduling modifiers InnoDB ignores (MySQL 5.7 treats DELAYED as a plain insert); H2 knows
            // none of them, nor UPDATE IGNORE (a duplicate key is then an error where MySQL skips the row)
            for (int k = 1; k < sig.size(); k++) {
                Token m = all.get(sig.get(k));
                if (m.is("LOW_PRIORITY") || m.is("DELAYED") || m.is("HIGH_PRIORITY") || m.is("QUICK")
                        || (m.is("IGNORE") && "UPDATE".equals(first))) {
                    drop.add(sig.get(k));
                } else if (!m.is("IGNORE")) {
                    break;
                }
            }
        }
        if ("SELECT".equals(first) || "(".equals(first) || "WITH".equals(first)) {
            // WITH …: the statement's own select list (a common table's is in parentheses after AS)
            SelectLabels.labelSelectLists(all, sig, append, t -> isBound(query, t));
        }
        if ("CREATE".equals(first)) createTableSelect(all, sig, replace, append, t -> isBound(query, t));
        // CREATE TEMPORARY TABLE: MySQL's are the session's own (H2's TEMPORARY alone is global)
        if ("CREATE".equals(first) && sig.size() > 2 && all.get(sig.get(1)).is("TEMPORARY")) {
            replace.put(sig.get(1), "LOCAL TEMPORARY");
        }
        // DROP VIEW [IF EXISTS] a, b, …: H2 drops one view a statement
        if ("DROP".equals(first) && sig.size() > 2 && all.get(sig.get(1)).is("VIEW")) {
            boolean ifExists = all.get(sig.get(2)).is("IF");
            for (int k = 2; k < sig.size(); k++) {
                if (all.get(sig.get(k)).isSymbol(",")) {
                    replace.put(sig.get(k), "; DROP VIEW " + (ifExists ? "IF EXISTS " : ""));
                }
            }
        }
        // TRUNCATE [TABLE] t: MySQL's TABLE is optional, H2's is not
        if ("TRUNCATE".equals(first) && sig.size() > 1 && !all.get(sig.get(1)).is("TABLE")) {
            replace.put(sig.get(0), "TRUNCATE TABLE");
        }
        // DO expr, …: the expressions evaluated as a SELECT whose rows the server drops
        if ("DO".equals(first)) replace.put(sig.get(0), "SELECT");
        int view = ViewDefinitions.viewKeyword(all, sig);
        if (view > 0) ViewDefinitions.translateHead(all, sig, view, replace, drop);
        int lockFrom = locking.plan(sig, replace, drop, append);
        if (tableDdl || "DROP".equals(first) || "CREATE".equals(first) || "RENAME".equals(first)) {
            IndexDdl.indexDdl(all, sig, replace, drop, describe);
            AlterOptions.rewrite(all, sig, drop);
        }
        Map<Integer, NumericColumns.Steps> steps = new HashMap<>();
        if (tableDdl) {
            NumericColumns.rewrite(all, sig, createTable, replace, drop, append, steps);
            // character sets are kept around the statement (ColumnCharsets), not by H2
            ColumnCharsets.dropClauses(all, sig, createTable, drop, replace);
        }
        Map<Integer, String> prefix = new HashMap<>();
        // ALTER TABLE: ADD c type NOT NULL fills the rows with the type's implicit default, as MySQL's;
        // MODIFY / CHANGE of a binary column to a text type reads its rows' bytes first
        if (tableDdl) {
            ImplicitDefaults.rewrite(all, sig, prefix, steps);
            BinaryToTextColumns.rewrite(all, sig, steps, describe);
        }
        Map<Integer, String> close = new HashMap<>();
        // innermost first: a later rewrite's text goes around what an earlier one wrote
        if (looseGroups || view > 0) LooseGroupColumns.rewrite(all, sig, prefix, close, replace, describe);
        // GROUP BY name: the table's column before the select list's alias, as MySQL looks
        if ("SELECT".equals(first)) SelectAliases.qualifyGroupColumns(all, sig, describe, prefix);
        if (!tableDdl) {
            CollateClauses.rewrite(all, sig, replace, drop, prefix);
            ArithmeticOperands.rewrite(all, sig, replace, prefix, close, covered, describe);
            NumericComparisons.rewrite(all, sig, prefix, close, replace, covered, describe,
                    "INSERT".equals(first) || "REPLACE".equals(first) || "UPDATE".equals(first),
                    query.settings().warnings());
            NumericComparisons.orderSetsByNumber(all, sig, prefix, close, describe);
            NumericComparisons.truthColumns(all, sig, prefix, close, covered, describe);
        }
        JsonCalls.rewrite(all, sig, replace, drop, prefix, close, covered, describe);
        MixedResults.rewrite(all, sig, prefix, close, describe);
        // last: its table goes after what the rewrites above put before a column (MIN(, …)
        if (!tableDdl) JoinUsingColumns.rewrite(all, sig, prefix, drop, append, describe);
        StringOperands.rewrite(all, sig, replace, covered,
                "INSERT".equals(first) || "REPLACE".equals(first) || "UPDATE".equals(first),
                query.settings().warnings());
        Set<Integer> binaryLikes = BinaryComparisons.rewrite(all, sig, covered, describe, prefix, close, replace);
        for (int cut : groupConcatCuts) groupConcatCut(all, sig, cut, query.groupConcatMaxLen(), prefix, close);
        Operators.rewrite(all, sig, replace, prefix, close, covered, query.strictDivision(),
                query.settings().divPrecisionIncrement(), binaryLikes, doubles, columnDigits);
        // after the operators: its text goes around a whole expression ({@code CONCAT(d * 2, '')})
        DoubleText.rewrite(all, sig, prefix, close, replace, covered, describe);
        // a LIKE the operators made a call of (LIKE BINARY, a binary operand) takes its pattern as it is
        likePatterns.forEach((like, pattern) -> {
            if (!replace.getOrDefault(like, "").contains(H2Functions.likePatternCall())) {
                aggregateClose.computeIfPresent(pattern, (k, v) -> v.equals(")") ? null : v.replaceFirst("\\)", ""));
            }
        });
        // an aggregate's closing text comes right after its parenthesis, inside any operator around it
        aggregateClose.forEach((k, v) -> close.merge(k, v, (operators, aggregate) -> aggregate + operators));
        // last, around the whole value: a binary string stored into a text column is its characters (1366 for others)
        StoredText.rewrite(all, sig, prefix, close, describe);
        // only a plain read binds: a locking read's or a write's H2 text is also cut into the
        // statements that lock its rows first (LockingReads), which would lose the values
        boolean bind = bindParameters && ("SELECT".equals(first) || "(".equals(first)) && !locking.currentRead()
                && lockFrom < 0;
        return render(query, sig, new Edits(replace, drop, append, prefix, close, bind ? boundStrings : null), first,
                lockFrom, locking, steps, describe);
    }

    /**
     * A column's FLOAT, FLOAT(p), REAL or DOUBLE [PRECISION] at sig index {@code s}, as the H2 type
     * of MySQL's storage: REAL (4 bytes) or DOUBLE PRECISION; FLOAT(M,D), and REAL(M,D) and DOUBLE
     * [PRECISION](M,D), as the domain of such a column ({@link ColumnDomains#fixedFloat}), with
     * MySQL's 1439, 1425 and 1427 for an M past 255, a D past 30, an M less than D.
     *
     * @return the sig index of the type's last token
     */
    private static int floatType(List<Token> all, List<Integer> sig, int s, Map<Integer, String> replace,
                                 Set<Integer> drop) {
        Token t = all.get(sig.get(s));
        int open = t.is("DOUBLE") && s + 1 < sig.size() && all.get(sig.get(s + 1)).is("PRECISION") ? s + 2 : s + 1;
        if (open + 4 < sig.size() && all.get(sig.get(open)).isSymbol("(")
                && all.get(sig.get(open + 1)).type() == TokenType.NUMBER && all.get(sig.get(open + 2)).isSymbol(",")
                && all.get(sig.get(open + 3)).type() == TokenType.NUMBER && all.get(sig.get(open + 4)).isSymbol(")")) {
            String column = all.get(sig.get(s - 1)).value();
            int m = Integer.parseInt(all.get(sig.get(open + 1)).text());
            int d = Integer.parseInt(all.get(sig.get(open + 3)).text());
            if (m > 255) throw io.minisqld.server.error.ErrorCode.ER_TOO_BIG_DISPLAYWIDTH.error(column, 255);
            if (d > 30) throw io.minisqld.server.error.ErrorCode.ER_TOO_BIG_SCALE.error(d, column, 30);
            if (m < d) throw io.minisqld.server.error.ErrorCode.ER_M_BIGGER_THAN_D.error(column);
            replace.put(sig.get(s), ColumnDomains.fixedFloat(!t.is("FLOAT"), m, d));
            for (int k = s + 1; k <= open + 4; k++) drop.add(sig.get(k));
            return open + 4;
        }
        if (t.is("DOUBLE")) return s;
        if (t.is("REAL")) {
            replace.put(sig.get(s), "DOUBLE PRECISION");
            return s;
        }
        boolean precision = s + 3 < sig.size() && all.get(sig.get(s + 1)).isSymbol("(")
                && all.get(sig.get(s + 2)).type() == TokenType.NUMBER && all.get(sig.get(s + 3)).isSymbol(")");
        if (!precision) {
            if (s + 1 < sig.size() && all.get(sig.get(s + 1)).isSymbol("(")) return s;
            replace.put(sig.get(s), "REAL");
            return s;
        }
        int p = Integer.parseInt(all.get(sig.get(s + 2)).text());
        if (p > 53) return s;
        replace.put(sig.get(s), p <= 24 ? "REAL" : "DOUBLE PRECISION");
        for (int k = 1; k <= 3; k++) drop.add(sig.get(s + k));
        return s + 3;
    }

    /**
     * The character set of a call's one argument when it is a column of a set whose bytes are not
     * its UTF-8 (latin1, ascii): LENGTH and HEX count and show that set's bytes; null otherwise.
     */
    private static String columnSetArgument(List<Token> all, List<Integer> sig, int open, int close,
                                            java.util.function.Function<String, String> columnCharset) {
        if (close < 0) return null;
        int last = close - 1;
        boolean column = last == open + 1 && all.get(sig.get(last)).isIdentifier()
                || last >= open + 3 && all.get(sig.get(last)).isIdentifier() && all.get(sig.get(last - 1)).isSymbol(".")
                && all.get(sig.get(last - 2)).isIdentifier() && (last - 2 == open + 1 || last - 4 == open + 1
                && all.get(sig.get(last - 3)).isSymbol(".") && all.get(sig.get(last - 4)).isIdentifier());
        if (!column) return null;
        String set = columnCharset.apply(all.get(sig.get(last)).value());
        return set == null || set.startsWith("utf8") ? null : set;
    }

    /**
     * What the translation does to the tokens: replace a token's text, drop it, write text before
     * it ({@code prefix}), right after it as part of it ({@code close}), or after it ({@code append},
     * outside the token's extent: select labels).
     */
    /**
     * The arguments of DATE_ADD (d, INTERVAL n unit) as the alias takes them, (d, n, 'unit'): INTERVAL
     * dropped, the unit a text; ADDDATE / SUBDATE (d, n) count days.
     */
    private static void intervalArguments(List<Token> all, List<Integer> sig, int open, boolean daysForm,
                                          Map<Integer, String> replace, Set<Integer> drop,
                                          java.util.function.Function<String, Integer> columnDigits) {
        int close = matchingParen(all, sig, open);
        int depth = 0;
        int interval = -1;
        for (int k = open; k < close; k++) {
            Token a = all.get(sig.get(k));
            if (a.isSymbol("(")) depth++;
            else if (a.isSymbol(")")) depth--;
            else if (depth == 1 && a.is("INTERVAL")) interval = k;
        }
        // a column's fractional digits (a DATETIME(3)'s three), which its values do not carry
        Integer digits = open + 3 < close && all.get(sig.get(open + 1)).isIdentifier()
                && all.get(sig.get(open + 2)).isSymbol(",") ? columnDigits.apply(all.get(sig.get(open + 1)).value()) : null;
        String more = digits == null ? "" : ", " + digits;
        if (interval > 0 && close - 1 > interval + 1) {
            drop.add(sig.get(interval));
            replace.put(sig.get(close - 1), ", '" + all.get(sig.get(close - 1)).upper() + "'" + more);
        } else if (interval < 0 && daysForm) {
            replace.put(sig.get(close), ", 'DAY'" + more + ")");
        }
    }

    /**
     * CONVERT(expr USING charset) at sig index {@code open} (its parenthesis) as H2's
     * CONVERT(expr, VARCHAR | VARBINARY).
     *
     * @return false when the call is not of the USING form (CONVERT(expr, type) passes through)
     */
    private static boolean convertUsing(List<Token> all, List<Integer> sig, int open, Map<Integer, String> replace) {
        int close = matchingParen(all, sig, open);
        if (close < 0) return false;
        int depth = 0;
        for (int k = open; k < close; k++) {
            Token a = all.get(sig.get(k));
            if (a.isSymbol("(")) depth++;
            else if (a.isSymbol(")")) depth--;
            else if (depth == 1 && a.is("USING") && k + 2 == close && all.get(sig.get(k + 1)).isIdentifier()) {
                replace.put(sig.get(k), ",");
                replace.put(sig.get(k + 1), all.get(sig.get(k + 1)).value().equalsIgnoreCase("binary")
                        ? "VARBINARY" : "VARCHAR");
                return true;
            }
        }
        return false;
    }

    /**
     * EXPLAIN's modifiers: EXTENDED and PARTITIONS (MySQL 5.7 shows the same columns with them) and
     * FORMAT=TRADITIONAL are dropped; FORMAT=JSON and EXPLAIN FOR CONNECTION are refused (1235).
     */
    private static void explainModifiers(List<Token> all, List<Integer> sig, Set<Integer> drop) {
        if (sig.size() < 2) return;
        Token second = all.get(sig.get(1));
        if (second.is("EXTENDED") || second.is("PARTITIONS")) {
            drop.add(sig.get(1));
        } else if (second.is("FORMAT") && sig.size() > 3 && all.get(sig.get(2)).isSymbol("=")) {
            if (!all.get(sig.get(3)).value().equalsIgnoreCase("TRADITIONAL")) {
                throw io.minisqld.server.error.ErrorCode.ER_NOT_SUPPORTED_YET.error("EXPLAIN FORMAT=" + all.get(sig.get(3)).value());
            }
            for (int k = 1; k <= 3; k++) drop.add(sig.get(k));
        } else if (second.is("FOR")) {
            throw io.minisqld.server.error.ErrorCode.ER_NOT_SUPPORTED_YET.error("EXPLAIN FOR CONNECTION");
        }
    }

    /**
     * Where an index hint starting at sig index {@code s} ends: {USE|FORCE|IGNORE} {INDEX|KEY}
     * [FOR {JOIN|ORDER BY|GROUP BY}] (names), the sig index of its ")"; -1 when it is not one.
     */
    private static int indexHintEnd(List<Token> all, List<Integer> sig, int s) {
        int k = s + 2;
        if (k < sig.size() && all.get(sig.get(k)).is("FOR")) {
            k++;
            if (k < sig.size() && all.get(sig.get(k)).is("JOIN")) k++;
            else if (k + 1 < sig.size() && (all.get(sig.get(k)).is("ORDER") || all.get(sig.get(k)).is("GROUP"))
                    && all.get(sig.get(k + 1)).is("BY")) k += 2;
            else return -1;
        }
        if (k >= sig.size() || !all.get(sig.get(k)).isSymbol("(")) return -1;
        return matchingParen(all, sig, k);
    }

    /** Words after which a name followed by "(" is a table's (CREATE TABLE log (…), INSERT INTO log (…)), not a call. */
    private static final Set<String> BEFORE_TABLE_COLUMNS = Set.of("TABLE", "INTO", "EXISTS", "REFERENCES", "INSERT",
            "REPLACE", "IGNORE", "LOW_PRIORITY", "DELAYED", "HIGH_PRIORITY");

    /**
     * Whether the word at sig index {@code s} (followed by "(") names a table: after one of {@link
     * #BEFORE_TABLE_COLUMNS}, or after CREATE INDEX's ON.
     */
    private static boolean namesTable(List<Token> all, List<Integer> sig, int s) {
        Token before = all.get(sig.get(s - 1));
        if (before.type() != TokenType.WORD) return false;
        if (BEFORE_TABLE_COLUMNS.contains(before.upper())) return true;
        return before.is("ON") && !sig.isEmpty() && all.get(sig.get(0)).is("CREATE");
    }

    /**
     * The GROUP_CONCAT call at sig index {@code s}, cut to group_concat_max_len ({@code maxLen}
     * bytes), outside what other rewrites put around it: a text result by
     * {@link StringFunctions#groupConcatCut}, whole characters and MySQL's warning 1260 "Row N was
     * cut by GROUP_CONCAT()" (it is given the separator to count rows by); a binary one (its bytes
     * made text for the engine, {@link BinaryComparisons}) by {@link StringFunctions#groupConcatCutBytes}.
     */
    private static void groupConcatCut(List<Token> all, List<Integer> sig, int s, long maxLen,
                                       Map<Integer, String> prefix, Map<Integer, String> close) {
        int end = matchingParen(all, sig, s + 1);
        if (end < 0) return;
        // no engine value is longer than a billion characters; beyond, SUBSTRING's int would overflow
        long n = Math.min(maxLen, 1_000_000_000L);
        boolean binary = prefix.getOrDefault(sig.get(s), "").contains(H2Functions.internalCall("latin1AsBytes"));
        String separator = ",";
        int depth = 0;
        for (int k = s + 1; k < end; k++) {
            Token a = all.get(sig.get(k));
            if (a.isSymbol("(")) depth++;
            else if (a.isSymbol(")")) depth--;
            else if (depth == 1 && a.is("SEPARATOR") && all.get(sig.get(k + 1)).type() == TokenType.STRING) {
                separator = all.get(sig.get(k + 1)).value();
            }
        }
        if (binary) {
            // its bytes, one character each, before they are made bytes again (BinaryComparisons
            // closes the GROUP_CONCAT before its own parenthesis)
            prefix.merge(sig.get(s), H2Functions.internalCall("groupConcatCutBytes") + "(", String::concat);
            close.merge(sig.get(end - 1), ", " + n + ", " + quote(separator) + ")", String::concat);
            return;
        }
        prefix.merge(sig.get(s), H2Functions.internalCall("groupConcatCut") + "(", (old, add) -> add + old);
        close.merge(sig.get(end), ", " + n + ", " + quote(separator) + ")", String::concat);
    }

    /**
     * Whether the TRUE or FALSE at sig index {@code s} is a value that may be its number: not the
     * operand of IS [NOT] nor an argument of a JSON function, where MySQL keeps it a truth.
     */
    private static boolean truthLiteral(List<Token> all, List<Integer> sig, int s) {
        if (s > 0 && (all.get(sig.get(s - 1)).is("IS") || all.get(sig.get(s - 1)).is("NOT") && s > 1
                && all.get(sig.get(s - 2)).is("IS")) || s > 0 && all.get(sig.get(s - 1)).isSymbol(".")) {
            return false;
        }
        int depth = 0;
        for (int k = s - 1; k > 0; k--) {
            Token a = all.get(sig.get(k));
            if (a.isSymbol(")")) depth++;
            else if (a.isSymbol("(") && depth-- == 0) {
                Token name = all.get(sig.get(k - 1));
                if (name.type() == TokenType.WORD && name.upper().startsWith("JSON_")) return false;
                depth = 0;
            }
        }
        return true;
    }

    /** Whether the number at sig index {@code s} is a LIMIT's count or offset ({@code LIMIT [n,] n [OFFSET n]}). */
    private static boolean limitCount(List<Token> all, List<Integer> sig, int s) {
        if (s < 1) return false;
        Token before = all.get(sig.get(s - 1));
        return before.is("LIMIT") || before.is("OFFSET") || before.isSymbol(",") && s >= 3
                && all.get(sig.get(s - 2)).type() == TokenType.NUMBER && all.get(sig.get(s - 3)).is("LIMIT");
    }

    /** Whether a time unit (DAY, HOUR_MINUTE, …) follows the sig index {@code close}: an INTERVAL's. */
    private static boolean intervalUnitAfter(List<Token> all, List<Integer> sig, int close) {
        if (close + 1 >= sig.size() || all.get(sig.get(close + 1)).type() != TokenType.WORD) return false;
        String unit = all.get(sig.get(close + 1)).upper();
        return DateFunctions.DIFF_UNITS.contains(unit) || DateFunctions.EXTRACT_UNITS.contains(unit);
    }

    /** CONCAT(a, b, …) at sig index {@code s} as ((a) || (b) || …); CONCAT(a) as ((a) || ''). */
    private static void concatAsOperator(List<Token> all, List<Integer> sig, int s, Map<Integer, String> replace) {
        int open = s + 1;
        int close = matchingParen(all, sig, open);
        replace.put(sig.get(s), "(");
        int depth = 0;
        int arguments = 1;
        for (int k = open + 1; k < close; k++) {
            Token a = all.get(sig.get(k));
            if (a.isSymbol("(")) depth++;
            else if (a.isSymbol(")")) depth--;
            else if (depth == 0 && a.isSymbol(",")) {
                replace.put(sig.get(k), ") || (");
                arguments++;
            }
        }
        replace.put(sig.get(close), arguments == 1 ? ") || '')" : "))");
    }

    /** The table an index hint at sig index {@code s} follows: [db.]table [[AS] alias]. */
    private static String[] hintedTable(List<Token> all, List<Integer> sig, int s) {
        int k = s - 1;
        if (k >= 2 && all.get(sig.get(k - 1)).is("AS")) {
            k -= 2;
        } else if (k >= 1 && all.get(sig.get(k - 1)).isIdentifier() && !AFTER_TABLE.contains(all.get(sig.get(k - 1)).upper())
                && !BEFORE_TABLE.contains(all.get(sig.get(k - 1)).upper())) {
            k -= 1;
        }
        if (k < 0 || !all.get(sig.get(k)).isIdentifier()) return null;
        String table = all.get(sig.get(k)).value();
        if (k >= 2 && all.get(sig.get(k - 1)).isSymbol(".") && all.get(sig.get(k - 2)).isIdentifier()) {
            return new String[] {all.get(sig.get(k - 2)).value(), table};
        }
        return new String[] {null, table};
    }

    /** 1176 for a name in the hint [s, end] that is no index of the table (PRIMARY for its primary key). */
    private static void checkHintedIndexes(List<Token> all, List<Integer> sig, int s, int end, String[] table,
                                           BiFunction<String, String, TableInfo> describe) {
        TableInfo info;
        try {
            info = describe.apply(table[0], table[1]);
        } catch (RuntimeException unknownTable) {
            return; // the statement's own error says so when it runs
        }
        if (info == null) return;
        int open = s + 2;
        while (!all.get(sig.get(open)).isSymbol("(")) open++;
        for (int k = open + 1; k < end; k++) {
            Token name = all.get(sig.get(k));
            if (!name.isIdentifier()) continue;
            boolean found = false;
            for (TableInfo.IndexInfo idx : info.indexes()) found |= idx.name().equalsIgnoreCase(name.value());
            if (!found) {
                throw io.minisqld.server.error.ErrorCode.ER_KEY_DOES_NOT_EXITS.error(name.value(), info.name());
            }
        }
    }

    /** The sig index of the parenthesis that closes the one at sig index {@code open}, or -1. */
    /**
     * Whether the HAVING at sig index {@code h} belongs to a query level with no GROUP BY and no
     * aggregate call (looked for at every depth of that level, so a subquery's aggregate counts too:
     * such a HAVING is left as it is).
     */
    private static boolean havingWithoutGroups(List<Token> all, List<Integer> sig, int h) {
        int start = h;
        for (int depth = 0; start > 0; start--) {
            Token t = all.get(sig.get(start - 1));
            if (t.isSymbol(")")) depth++;
            else if (t.isSymbol("(") && depth-- == 0) break;
            else if (depth == 0 && (t.is("UNION") || t.isSymbol(";"))) break;
        }
        int end = h;
        for (int depth = 0; end + 1 < sig.size(); end++) {
            Token t = all.get(sig.get(end + 1));
            if (t.isSymbol("(")) depth++;
            else if (t.isSymbol(")") && depth-- == 0) break;
            else if (depth == 0 && (t.is("UNION") || t.isSymbol(";"))) break;
        }
        for (int k = start; k <= end; k++) {
            Token t = all.get(sig.get(k));
            if (t.is("GROUP") && k + 1 <= end && all.get(sig.get(k + 1)).is("BY")) return false;
            if (t.type() == TokenType.WORD && LockingReads.AGGREGATES.contains(t.upper()) && k + 1 <= end
                    && all.get(sig.get(k + 1)).isSymbol("(")) {
                return false;
            }
        }
        return true;
    }

    /** A table named {@code name} or {@code database.name}; {@code next} is the sig index after it. */
    record TableName(String database, String name, int next) {
    }

    /** The table a REPLACE names (after LOW_PRIORITY, DELAYED and INTO), or null. */
    static TableName replaceTarget(List<Token> all, List<Integer> sig) {
        int k = 1;
        while (k < sig.size() && (all.get(sig.get(k)).is("LOW_PRIORITY") || all.get(sig.get(k)).is("DELAYED")
                || all.get(sig.get(k)).is("INTO"))) {
            k++;
        }
        return tableNameAt(all, sig, k);
    }

    /** The table named at sig index {@code k} ({@code t} or {@code db.t}), or null when no name stands there. */
    static TableName tableNameAt(List<Token> all, List<Integer> sig, int k) {
        if (k >= sig.size() || !all.get(sig.get(k)).isIdentifier()) return null;
        String name = all.get(sig.get(k)).value();
        if (k + 2 < sig.size() && all.get(sig.get(k + 1)).isSymbol(".") && all.get(sig.get(k + 2)).isIdentifier()) {
            return new TableName(name, all.get(sig.get(k + 2)).value(), k + 3);
        }
        return new TableName(null, name, k + 1);
    }

    static int matchingParen(List<Token> all, List<Integer> sig, int open) {
        int depth = 0;
        for (int k = open; k < sig.size(); k++) {
            Token t = all.get(sig.get(k));
            if (t.isSymbol("(")) depth++;
            else if (t.isSymbol(")") && --depth == 0) return k;
        }
        return -1;
    }

    /** The sig index of the parenthesis that opens the one at sig index {@code close}, or -1. */
    static int matchingOpenParen(List<Token> all, List<Integer> sig, int close) {
        int depth = 0;
        for (int k = close; k >= 0; k--) {
            Token t = all.get(sig.get(k));
            if (t.isSymbol(")")) depth++;
            else if (t.isSymbol("(") && --depth == 0) return k;
        }
        return -1;
    }

    /** A bound string literal: its H2 text and the value a parameter gets instead. */
    private record BoundString(String rendered, Object value) {
    }

    private static boolean isBound(EngineQuery query, Token t) {
        return query.origin() != null && query.origin().isBound(t);
    }

    /**
     * The value an H2 parameter gets for bound token {@code i}, or {@link #NOT_BOUND} when the
     * token stays a literal (it is no bound value, or the translation rewrote it).
     */
    private static Object boundValue(EngineQuery query, Edits edits, int i, Token t) {
        if (edits.bound() == null || !isBound(query, t)) return NOT_BOUND;
        if (t.type() == TokenType.STRING) {
            BoundString b = (BoundString) edits.bound().get(i);
            return b != null && b.rendered().equals(edits.replace().get(i)) ? b.value() : NOT_BOUND;
        }
        if (edits.replace().containsKey(i) || edits.prefix().containsKey(i) || edits.close().containsKey(i)) {
            return NOT_BOUND;
        }
        if (t.type() == TokenType.WORD) return NOT_BOUND; // NULL stays NULL
        String n = t.text();
        if (n.matches("[0-9]{1,18}")) return Long.parseLong(n);
        if (isDouble(n)) return Double.parseDouble(n);
        // a decimal's type depends on its digits (NUMERIC(p, s)): one H2 text per value would plan anew anyway
        return NOT_BOUND;
    }

    /**
     * Whether the name at sig index {@code s} before "(" calls a function of {@link DateFunctions}:
     * not TIME(n) of one number, the type ({@code CAST(x AS TIME(3))}, a column's). TIMESTAMPDIFF(unit,
     * …) and EXTRACT(unit FROM …): the unit becomes a string argument (and EXTRACT's FROM a comma);
     * false, leaving the call to the engine, for an EXTRACT of a unit the engine gives as MySQL's
     * or a unit that is none.
     */
    private static boolean dateCall(List<Token> all, List<Integer> sig, int s, Map<Integer, String> replace) {
        Token name = all.get(sig.get(s));
        if (name.is("TIME") || name.is("TIMESTAMP")) {
            if (s == 0) return true;
            Token before = all.get(sig.get(s - 1));
            // CAST(x AS TIME(n)), CONVERT(x, TIME(n)), a column's TIME(n)
            boolean type = before.is("AS") || before.type() == TokenType.QUOTED_IDENT
                    || before.isSymbol(",") && enclosingCall(all, sig, s).equals("CONVERT")
                    || before.type() == TokenType.WORD && !before.isSymbol(",") && all.get(sig.get(0)).is("ALTER")
                    || before.type() == TokenType.WORD && all.get(sig.get(0)).is("CREATE") && !before.is("SELECT");
            return !type;
        }
        if (!name.is("TIMESTAMPDIFF") && !name.is("TIMESTAMPADD") && !name.is("EXTRACT")) return true;
        if (s + 3 >= sig.size()) return false;
        Token unitToken = all.get(sig.get(s + 2));
        String unit = unitToken.upper().startsWith("SQL_TSI_") ? unitToken.upper().substring(8) : unitToken.upper();
        Token after = all.get(sig.get(s + 3));
        if (name.is("TIMESTAMPDIFF") || name.is("TIMESTAMPADD")) {
            if (!DateFunctions.DIFF_UNITS.contains(unit) || !after.isSymbol(",")) return false;
        } else if (!after.is("FROM") || !DateFunctions.EXTRACT_UNITS.contains(unit)
                && !(DateFunctions.SIMPLE_EXTRACT_UNITS.contains(unit) && s + 5 < sig.size()
                && all.get(sig.get(s + 4)).type() == TokenType.STRING && all.get(sig.get(s + 5)).isSymbol(")"))) {
            // the engine's EXTRACT takes the other units of a typed value; a string's are the server's
            // (the engine read '10:20:30' as a timestamp: 1292)
            return false;
        } else {
            replace.put(sig.get(s + 3), ",");
        }
        replace.put(sig.get(s + 2), "'" + unit + "'");
        return true;
    }

    /** The upper-case name of the call whose parentheses enclose sig index {@code s}, or "". */
    private static String enclosingCall(List<Token> all, List<Integer> sig, int s) {
        int depth = 0;
        for (int k = s - 1; k > 0; k--) {
            Token t = all.get(sig.get(k));
            if (t.isSymbol(")")) depth++;
            else if (t.isSymbol("(") && depth-- == 0) return all.get(sig.get(k - 1)).upper();
        }
        return "";
    }

    /**
     * The CAST or CONVERT call around SIGNED or UNSIGNED at sig index {@code s} (whose {@code AS} or
     * comma comes right before it) becomes MySQL's conversion, {@link StringFunctions#castSigned}
     * (the engine's CAST AS BIGINT refused {@code '12abc'} and dates); UNSIGNED is
     * {@link StringFunctions#castUnsigned} ({@code CAST(-1 AS UNSIGNED)} is 18446744073709551615, a
     * negative DECIMAL 0), except as a bit operand, which takes the bits as they are. False,
     * nothing changed, when the call is not found or its tokens are rewritten already.
     */
    private static boolean integerCast(List<Token> all, List<Integer> sig, int s, Map<Integer, String> replace,
                                       Set<Integer> drop) {
        int k = castOpen(all, sig, s);
        int close = k < 0 ? -1 : matchingParen(all, sig, k);
        if (close < 0 || replace.containsKey(sig.get(k - 1)) || replace.containsKey(sig.get(close))
                || replace.containsKey(sig.get(s - 1))) {
            return false;
        }
        boolean unsigned = all.get(sig.get(s)).is("UNSIGNED") && !bitOperand(all, sig, k - 1, close);
        replace.put(sig.get(k - 1), H2Functions.internalCall(unsigned ? "castUnsigned" : "castSigned"));
        drop.add(sig.get(s - 1));
        drop.add(sig.get(s));
        return true;
    }

    /**
     * The CAST or CONVERT call around DATE or DATETIME at sig index {@code s} (whose {@code AS} or
     * comma comes right before it): its argument goes through {@link StringFunctions#temporalCastText}.
     * Nothing changes when the call is not found or its tokens are rewritten already.
     */
    private static void temporalCast(List<Token> all, List<Integer> sig, int s, Map<Integer, String> replace,
                                     String kind) {
        int k = castOpen(all, sig, s);
        if (k < 0 || k + 1 >= s - 1 || replace.containsKey(sig.get(k)) || replace.containsKey(sig.get(s - 1))) return;
        replace.put(sig.get(k), "(" + H2Functions.internalCall("temporalCastText") + "(");
        replace.put(sig.get(s - 1), ", '" + kind + "') " + all.get(sig.get(s - 1)).text());
    }

    /** Whether IGNORE is among the modifiers after the statement's first word. */
    private static boolean ignoreModifier(List<Token> all, List<Integer> sig) {
        for (int k = 1; k < sig.size(); k++) {
            Token m = all.get(sig.get(k));
            if (m.is("IGNORE")) return true;
            if (!(m.is("LOW_PRIORITY") || m.is("DELAYED") || m.is("HIGH_PRIORITY"))) return false;
        }
        return false;
    }

    /** Whether the table a REPLACE writes has no primary or unique key (false when it cannot be told). */
    private static boolean withoutUniqueKey(List<Token> all, List<Integer> sig,
                                            java.util.function.BiFunction<String, String, TableInfo> describe) {
        if (describe == null) return false;
        List<String[]> tables = JsonCalls.tablesNamed(all, sig);
        if (tables.isEmpty()) return false;
        try {
            TableInfo info = describe.apply(tables.get(0)[0], tables.get(0)[1]);
            return info != null && !info.view() && info.indexes().stream().noneMatch(TableInfo.IndexInfo::unique);
        } catch (io.minisqld.server.error.SqlError unknown) {
            return false;
        }
    }

    /**
     * {@code COUNT(DISTINCT a, b, …)} at sig index {@code s}: MySQL counts the distinct combinations
     * of rows where none is NULL; the engine takes one argument, so the call counts the rows
     * {@code (a, b, …)} of rows without a NULL. Only columns and literals are taken (each is written
     * twice); another argument leaves the call as it is (1064).
     */
    private static void countDistinctColumns(List<Token> all, List<Integer> sig, int s, Map<Integer, String> replace) {
        int close = matchingParen(all, sig, s + 1);
        if (close < 0) return;
        List<String> arguments = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int k = s + 3; k < close; k++) {
            Token a = all.get(sig.get(k));
            if (a.isSymbol(",")) {
                arguments.add(current.toString());
                current.setLength(0);
            } else if (a.isIdentifier() || a.isSymbol(".") || a.type() == TokenType.NUMBER || a.type() == TokenType.STRING) {
                current.append(a.type() == TokenType.STRING ? quote(a.value()) : a.text());
            } else {
                return;
            }
        }
        arguments.add(current.toString());
        if (arguments.size() < 2 || arguments.stream().anyMatch(String::isEmpty)) return;
        StringBuilder test = new StringBuilder("DISTINCT CASE WHEN ");
        for (int i = 0; i < arguments.size(); i++) {
            test.append(i == 0 ? "" : " OR ").append(arguments.get(i)).append(" IS NULL");
        }
        replace.put(sig.get(s + 2), test.append(" THEN NULL ELSE (").toString());
        replace.put(sig.get(close), ") END)");
    }

    /** The engine's date functions whose text argument {@link DateFunctions#dateArgument} reads first. */
    private static final Set<String> DATE_PART_CALLS = Set.of("YEAR", "MONTH", "DAY", "DAYOFMONTH", "DAYOFWEEK",
            "DAYOFYEAR", "QUARTER", "LAST_DAY", "MONTHNAME", "DAYNAME");

    /** The types of CAST and CONVERT read by {@link #numericCast}. */
    private static final Set<String> NUMERIC_CASTS = Set.of("DECIMAL", "DEC", "DOUBLE", "REAL", "FLOAT");

    /**
     * The CAST or CONVERT call around DECIMAL[(m[,d])] or DOUBLE at sig index {@code s} (whose
     * {@code AS} or comma comes right before it): its argument goes through {@link
     * StringFunctions#castDecimal} (given the type's digits and the call's text, which names it in
     * warning 1264) or {@link StringFunctions#castDouble}; the engine refused a binary string and a
     * date, and text that is not wholly a number. Nothing changes when the call is not found or
     * its tokens are rewritten already.
     */
    private static void numericCast(List<Token> all, List<Integer> sig, int s, Map<Integer, String> replace) {
        int k = castOpen(all, sig, s);
        int close = k < 0 ? -1 : matchingParen(all, sig, k);
        if (close < 0 || k + 1 >= s - 1 || replace.containsKey(sig.get(k)) || replace.containsKey(sig.get(s - 1))) {
            return;
        }
        String separator = all.get(sig.get(s - 1)).text();
        if (!all.get(sig.get(s)).is("DECIMAL") && !all.get(sig.get(s)).is("DEC")) {
            replace.put(sig.get(k), "(" + H2Functions.internalCall("castDouble") + "(");
            replace.put(sig.get(s - 1), ") " + separator);
            return;
        }
        int precision = 10;
        int scale = 0;
        // a DECIMAL without digits is DECIMAL(10,0) in MySQL; the engine's is a hundred thousand digits long
        if (!all.get(sig.get(s + 1)).isSymbol("(")) replace.put(sig.get(s), "DECIMAL(10,0)");
        if (s + 2 < close && all.get(sig.get(s + 1)).isSymbol("(") && all.get(sig.get(s + 2)).type() == TokenType.NUMBER) {
            precision = Integer.parseInt(all.get(sig.get(s + 2)).text());
            if (s + 4 < close && all.get(sig.get(s + 3)).isSymbol(",")
                    && all.get(sig.get(s + 4)).type() == TokenType.NUMBER) {
                scale = Integer.parseInt(all.get(sig.get(s + 4)).text());
            }
        }
        // MySQL's limits (1426, 1425, 1427) are the engine's type check's: left to it
        if (precision < 1 || precision > 65 || scale > 30 || scale > precision) return;
        StringBuilder text = new StringBuilder();
        for (int i = sig.get(k - 1); i <= sig.get(close); i++) text.append(all.get(i).text());
        replace.put(sig.get(k), "(" + H2Functions.internalCall("castDecimal") + "(");
        replace.put(sig.get(s - 1), ", " + precision + ", " + scale + ", " + quote(text.toString())
                + ") " + separator);
    }

    /** The sig index of the "(" of the CAST or CONVERT call that sig index {@code s} is the type of, or -1. */
    private static int castOpen(List<Token> all, List<Integer> sig, int s) {
        int depth = 0;
        for (int k = s - 1; k > 0; k--) {
            Token t = all.get(sig.get(k));
            if (t.isSymbol(")")) {
                depth++;
            } else if (t.isSymbol("(") && depth-- == 0) {
                Token name = all.get(sig.get(k - 1));
                return name.is("CAST") || name.is("CONVERT") ? k : -1;
            }
        }
        return -1;
    }

    /**
     * Whether the call from sig index {@code first} to {@code last} is an operand of a bitwise
     * operator or the argument of a bit function, which take its 64 bits as they are
     * (pt-table-checksum's {@code BIT_XOR(CAST(CRC32(…) AS UNSIGNED))}).
     */
    private static boolean bitOperand(List<Token> all, List<Integer> sig, int first, int last) {
        java.util.Set<String> operators = java.util.Set.of("&", "|", "^", "~", "<<", ">>");
        if (first > 0 && operators.contains(all.get(sig.get(first - 1)).text())) return true;
        if (last + 1 < sig.size() && operators.contains(all.get(sig.get(last + 1)).text())) return true;
        if (first > 1 && all.get(sig.get(first - 1)).isSymbol("(")) {
            String call = all.get(sig.get(first - 2)).upper();
            return call.startsWith("BIT_") || call.equals("CONV");
        }
        return false;
    }

    /**
     * SUBSTRING(str, pos …) / SUBSTRING(str FROM pos …) at "(" {@code open}: pos wrapped in
     * {@link StringFunctions#substringPosition}. Left as it is when the call has no position or its
     * tokens are rewritten already.
     */
    private static void substringPosition(List<Token> all, List<Integer> sig, int open, Map<Integer, String> replace,
                                          Map<Integer, String> append) {
        int close = matchingParen(all, sig, open);
        int from = topLevel(all, sig, open, a -> a.isSymbol(",") || a.is("FROM"));
        if (close < 0 || from < 0) return;
        int end = close;
        int depth = 0;
        for (int k = from + 1; k < close; k++) {
            Token a = all.get(sig.get(k));
            if (a.isSymbol("(")) depth++;
            else if (a.isSymbol(")")) depth--;
            else if (depth == 0 && (a.isSymbol(",") || a.is("FOR"))) {
                end = k;
                break;
            }
        }
        if (end <= from + 1 || replace.containsKey(sig.get(from)) || append.containsKey(sig.get(end - 1))) return;
        replace.put(sig.get(from), all.get(sig.get(from)).text() + " " + H2Functions.internalCall("substringPosition") + "(");
        append.put(sig.get(end - 1), ")");
    }

    /**
     * LEFT(str, n) at sig index {@code left}: SUBSTRING(str, 1, n), n below 0 read as 0 (MySQL's
     * ''); false, left as it is, when the call has not two arguments or its tokens are rewritten.
     */
    private static boolean leftAsSubstring(List<Token> all, List<Integer> sig, int left, Map<Integer, String> replace,
                                           Map<Integer, String> append) {
        int open = left + 1;
        int close = matchingParen(all, sig, open);
        int comma = topLevel(all, sig, open, a -> a.isSymbol(","));
        if (close < 0 || comma < 0 || comma + 1 >= close) return false;
        for (int k = comma + 1, depth = 0; k < close; k++) {
            Token a = all.get(sig.get(k));
            if (a.isSymbol("(")) depth++;
            else if (a.isSymbol(")")) depth--;
            else if (depth == 0 && a.isSymbol(",")) return false;
        }
        if (replace.containsKey(sig.get(left)) || replace.containsKey(sig.get(comma))
                || append.containsKey(sig.get(close - 1))) {
            return false;
        }
        replace.put(sig.get(left), "SUBSTRING");
        replace.put(sig.get(comma), ", 1, " + H2Functions.internalCall("nonNegative") + "(");
        append.put(sig.get(close - 1), ")");
        return true;
    }

    /** For POSITION's "(" at sig index {@code open}: its IN (at depth 0) becomes a comma; false when it has none. */
    private static boolean positionIn(List<Token> all, List<Integer> sig, int open, Map<Integer, String> replace) {
        int in = topLevel(all, sig, open, t -> t.is("IN"));
        if (in < 0) return false;
        replace.put(sig.get(in), ",");
        return true;
    }

    /** The sig index of the first token {@code wanted} takes among the call's own (not nested) ones at "(" {@code open}, or -1. */
    private static int topLevel(List<Token> all, List<Integer> sig, int open, java.util.function.Predicate<Token> wanted) {
        int close = matchingParen(all, sig, open);
        int depth = 0;
        for (int k = open + 1; k < close; k++) {
            Token t = all.get(sig.get(k));
            if (t.isSymbol("(")) depth++;
            else if (t.isSymbol(")")) depth--;
            else if (depth == 0 && wanted.test(t)) return k;
        }
        return -1;
    }

    /** Whether the call whose "(" is at sig index {@code open} has several arguments and no USING. */
    private static boolean severalCodes(List<Token> all, List<Integer> sig, int open) {
        int close = matchingParen(all, sig, open);
        if (close < 0) return false;
        int depth = 0;
        boolean comma = false;
        for (int k = open + 1; k < close; k++) {
            Token t = all.get(sig.get(k));
            if (t.isSymbol("(")) depth++;
            else if (t.isSymbol(")")) depth--;
            else if (depth == 0 && t.is("USING")) return false;
            else if (depth == 0 && t.isSymbol(",")) comma = true;
        }
        return comma;
    }

    /**
     * A generated column ({@code c INT AS (a * 2)}, {@code GENERATED ALWAYS AS (…) STORED}) is
     * refused with 1235: the engine has no place for its MySQL expression, so SHOW CREATE TABLE
     * (and a dump) showed a plain column, without a word. A column definition is at depth 1 of
     * CREATE TABLE's list, at any depth of ALTER TABLE; {@code CREATE TABLE t AS (SELECT …)} is no
     * column.
     */
    private static void refuseGeneratedColumns(List<Token> all, List<Integer> sig, boolean createTable) {
        int depth = 0;
        for (int s = 0; s + 1 < sig.size(); s++) {
            Token t = all.get(sig.get(s));
            if (t.isSymbol("(")) depth++;
            else if (t.isSymbol(")")) depth--;
            boolean column = !createTable || depth >= 1;
            if (column && (t.is("AS") && all.get(sig.get(s + 1)).isSymbol("(")
                    || t.is("GENERATED") && all.get(sig.get(s + 1)).is("ALWAYS"))) {
                throw io.minisqld.server.error.ErrorCode.ER_NOT_SUPPORTED_YET.error("generated columns");
            }
        }
    }

    /**
     * For {@code AVG([DISTINCT | ALL] column)} at sig index {@code s} (a column or {@code t.column}, no
     * window), the sig index of its closing parenthesis; else -1.
     */
    private static int avgOfColumn(List<Token> all, List<Integer> sig, int s) {
        if (s > 0 && all.get(sig.get(s - 1)).isSymbol(".")) return -1;
        int k = s + 1;
        if (k >= sig.size() || !all.get(sig.get(k)).isSymbol("(")) return -1;
        k++;
        if (k < sig.size() && (all.get(sig.get(k)).is("DISTINCT") || all.get(sig.get(k)).is("ALL"))) k++;
        if (k >= sig.size() || !all.get(sig.get(k)).isIdentifier() || all.get(sig.get(k)).is("NULL")
                || all.get(sig.get(k)).is("TRUE") || all.get(sig.get(k)).is("FALSE")) {
            return -1;
        }
        k++;
        while (k + 1 < sig.size() && all.get(sig.get(k)).isSymbol(".") && all.get(sig.get(k + 1)).isIdentifier()) k += 2;
        if (k >= sig.size() || !all.get(sig.get(k)).isSymbol(")")) return -1;
        if (k + 1 < sig.size() && all.get(sig.get(k + 1)).is("OVER")) return -1;
        return k;
    }

    /**
     * Calls MySQL spells otherwise than the engine: NAME_CONST(name, value) is its value (a MySQL
     * primary's binary log names a stored procedure's variables so), ATAN(y, x) is ATAN2, and
     * GET_FORMAT's first argument is a word (DATE, TIME, DATETIME, TIMESTAMP), which the call takes as text.
     */
    private static boolean oneOfMySqlsShortForms(List<Token> all, List<Integer> sig, int s, Map<Integer, String> replace,
                                                 Set<Integer> drop) {
        Token t = all.get(sig.get(s));
        // the name first: the scans below are for these three calls only
        if (!t.is("NAME_CONST") && !t.is("ATAN") && !t.is("GET_FORMAT") || matchingParen(all, sig, s + 1) < 0) {
            return false;
        }
        int comma = topLevel(all, sig, s + 1, a -> a.isSymbol(","));
        if (comma < 0) return false;
        if (t.is("NAME_CONST")) {
            replace.put(sig.get(s), "");
            for (int k = s + 2; k <= comma; k++) drop.add(sig.get(k));
            return true;
        }
        if (t.is("ATAN")) {
            replace.put(sig.get(s), "ATAN2");
            return true;
        }
        Token type = all.get(sig.get(s + 2));
        if (t.is("GET_FORMAT") && comma == s + 3 && type.type() == TokenType.WORD) {
            replace.put(sig.get(s), H2Functions.stringFunctionCall("GET_FORMAT"));
            replace.put(sig.get(s + 2), quote(type.upper()));
            return true;
        }
        return false;
    }

    /** The statement's text from token {@code from} (an index in {@code all}), at most 80 characters: a 1064's "near". */
    private static String nearText(List<Token> all, int from) {
        StringBuilder near = new StringBuilder();
        for (int k = from; k < all.size() && near.length() < 80; k++) near.append(all.get(k).text());
        return near.length() > 80 ? near.substring(0, 80) : near.toString();
    }

    /** FORMAT(x, d, 'name') of a locale MySQL does not know: its warning 1649 (the number is written as en_US's). */
    private static void unknownLocale(List<Token> all, List<Integer> sig, int open,
                                      java.util.function.Consumer<io.minisqld.server.error.SqlError> warnings) {
        int end = matchingParen(all, sig, open);
        // the third argument is one string: the second comma at the outer level is right before it
        int first = topLevel(all, sig, open, a -> a.isSymbol(","));
        int second = first < 0 ? -1 : topLevel(all, sig, open, a -> a.isSymbol(",") && a != all.get(sig.get(first)));
        Token locale = all.get(sig.get(end - 1));
        if (second == end - 2 && locale.type() == TokenType.STRING
                && io.minisqld.server.sql.MysqlLocales.numberFormat(locale.value()) == null) {
            warnings.accept(io.minisqld.server.error.ErrorCode.ER_UNKNOWN_LOCALE.error(locale.value()));
        }
    }

    /** Whether token {@code i} is a column's DEFAULT value ({@code DEFAULT 1e3}, {@code DEFAULT -1e3}). */
    private static boolean afterDefault(List<Token> all, int i) {
        boolean signed = false;
        for (int k = i - 1; k >= 0; k--) {
            Token t = all.get(k);
            if (t.type() == TokenType.SPACE || isComment(t)) continue;
            if (!signed && (t.isSymbol("-") || t.isSymbol("+"))) {
                signed = true;
                continue;
            }
            return t.is("DEFAULT");
        }
        return false;
    }

    /** A number in exponent notation, which MySQL reads as a DOUBLE (a prepared statement's DOUBLE value is one). */
    private static boolean isDouble(String number) {
        return number.indexOf('e') >= 0 || number.indexOf('E') >= 0;
    }

    /**
     * An H2 parameter typed as the literal it stands for would be: H2 would otherwise type it from
     * its context ({@code ? * 3} an INTEGER, 0.1 becoming 0).
     */
    private static String h2Parameter(Object value) {
        if (value instanceof Long) return "CAST(? AS BIGINT)";
        if (value instanceof Double) return "CAST(? AS DOUBLE PRECISION)";
        if (value instanceof byte[]) return "CAST(? AS BINARY VARYING)";
        return "CAST(? AS CHARACTER VARYING)";
    }

    private static final Object NOT_BOUND = new Object();

    /** @param bound the bound string literals that may become H2 parameters, by token; null: none may */
    private record Edits(Map<Integer, String> replace, Set<Integer> drop, Map<Integer, String> append,
                         Map<Integer, String> prefix, Map<Integer, String> close, Map<Integer, Object> bound) {
    }

    /** Writes the H2 text token by token, remembering where each token landed. */
    private static Translation render(EngineQuery query, List<Integer> sig, Edits edits, String first, int lockFrom,
                                      LockingReads locking, Map<Integer, NumericColumns.Steps> steps,
                                      BiFunction<String, String, TableInfo> describe) {
        Map<Integer, String> replace = edits.replace();
        Set<Integer> drop = edits.drop();
        Map<Integer, String> append = edits.append();
        List<Token> all = query.tokens();
        StringBuilder out = new StringBuilder(all.size() * 8 + 32);
        List<Object> parameters = new ArrayList<>();
        int[] h2Starts = new int[all.size()];
        int[] h2Ends = new int[all.size()];
        // where each token's own text is (-1 where the translation replaced it)
        int[] textStarts = new int[all.size()];
        int[] textEnds = new int[all.size()];
        java.util.Arrays.fill(textStarts, -1);
        java.util.Arrays.fill(textEnds, -1);
        for (int i = 0; i < all.size(); i++) {
            String inserted = query.insertionBefore(i);
            if (inserted != null) out.append(inserted);
            h2Starts[i] = out.length();
            String before = edits.prefix().get(i);
            if (before != null) out.append(before);
            EngineQuery.Replacement r = query.replacementAt(i);
            // a dropped token stays dropped, a server value in it too (DEFINER=root@`host` of a view)
            if (r != null && !drop.contains(i)) {
                out.append(h2Literal(r.literal()));
                for (int k = r.first(); k <= r.last(); k++) {
                    h2Starts[k] = h2Starts[i];
                    String closing = edits.close().get(k);
                    if (closing != null) out.append(closing);
                    String a = append.get(k);
                    if (a != null) out.append(a);
                    h2Ends[k] = out.length();
                }
                i = r.last();
                continue;
            }
            Token t = all.get(i);
            Object bound = drop.contains(i) ? NOT_BOUND : boundValue(query, edits, i, t);
            if (drop.contains(i) || isComment(t)) {
                // an executable comment's markers (/*!50001 and */) are comments to H2 and would
                // hide what they enclose; other comments mean nothing to H2 either
                out.append(' ');
            } else if (bound != NOT_BOUND) {
                out.append(h2Parameter(bound));
                parameters.add(bound);
            } else {
                String rep = replace.get(i);
                if (rep == null && t.type() == TokenType.NUMBER && isDouble(t.text())) {
                    // a DOUBLE literal, or a prepared statement's DOUBLE value: H2 reads exponent
                    // notation as DECFLOAT, whose exact sums (0.1e0 + 0.2e0 = 0.3) are not MySQL's
                    // (0.30000000000000004); a column's DEFAULT is a constant H2 keeps as written
                    rep = !isBound(query, t) && afterDefault(all, i) ? new java.math.BigDecimal(t.text()).toPlainString()
                            : "CAST(" + t.text() + " AS DOUBLE PRECISION)";
                }
                if (rep == null) textStarts[i] = out.length();
                out.append(rep != null ? rep : t.text());
                if (rep == null) textEnds[i] = out.length();
            }
            String closing = edits.close().get(i);
            if (closing != null) out.append(closing);
            h2Ends[i] = out.length();
            String a = append.get(i);
            if (a != null) out.append(a);
        }
        String atEnd = query.insertionBefore(all.size());
        if (atEnd != null) out.append(atEnd);
        String h2 = out.toString();
        String lockFirst = null;
        if (lockFrom >= 0) {
            int lockEnd = locking.lockEnd(sig);
            int end = lockEnd >= 0 ? h2Starts[lockEnd] : h2.length();
            lockFirst = "SELECT 1 " + h2.substring(h2Starts[lockFrom], end) + " FOR UPDATE";
        }
        if (query.multiTable() != null) {
            return MultiTableWrites.translation(query, query.multiTable(), describe, h2, h2Starts, h2Ends);
        }
        LockingReads.Probe probe = locking.probe(all, sig, h2Starts, h2Ends, h2);
        // UPDATE's assignments read the ones before them; UPDATE / DELETE … ORDER BY … LIMIT: the
        // rows the order names (positions in errors stay those of the statement as written)
        UpdateAssignments.Plan assignments = UpdateAssignments.plan(all, sig);
        String statement = assignments == null ? h2
                : UpdateAssignments.rewrite(assignments, all, sig, h2, h2Starts, h2Ends, textStarts, textEnds);
        OrderedWrites.Plan ordered = OrderedWrites.plan(all, sig);
        if (ordered != null) statement = OrderedWrites.rewrite(ordered, sig, h2, h2Starts, h2Ends, statement);
        // HAVING name: the select list's alias before the table's column (a parameter is not repeated)
        List<SelectAliases.Reference> havingAliases = parameters.isEmpty() && describe != null && "SELECT".equals(first)
                ? SelectAliases.plan(all, sig, describe) : null;
        if (havingAliases != null) statement = SelectAliases.rewrite(havingAliases, sig, h2, h2Starts, h2Ends);
        boolean rewritten = assignments != null || ordered != null || havingAliases != null;
        return new Translation(statement, !rewritten ? alterTableSpecifications(all, sig, h2, h2Starts, h2Ends, steps)
                : List.of(statement), query.origin(), first, h2Starts, all, locking.currentRead(), lockFirst, probe,
                java.util.Collections.unmodifiableList(parameters), null, 0, h2,
                "SELECT".equals(first) ? ResultTypes.of(all, sig, describe, query.settings().divPrecisionIncrement())
                        : null);
    }

    /** A comment, or an opened executable comment's opening or closing marker. */
    private static boolean isComment(Token t) {
        if (t.type() != TokenType.SPACE) return false;
        String text = t.text();
        return text.startsWith("/*") || text.equals("*/") || text.startsWith("--") || text.startsWith("#");
    }

    /** A literal of the server's as H2 reads it. */
    private static String h2Literal(EngineQuery.Literal literal) {
        if (literal instanceof EngineQuery.NumberLiteral n) return n.text();
        if (literal instanceof EngineQuery.TextLiteral t) return quote(t.value());
        return "NULL";
    }

    /**
     * The statement rewritten for H2, and the way back from an H2 offset to the MySQL tokens.
     *
     * @param statements the H2 statements to run in order: {@link #sql()} alone, except that H2
     *                   takes one specification per ALTER TABLE, so {@code ALTER TABLE t ADD a int,
     *                   DROP b} is one statement per specification
     * @param origin     the client's statement, which errors quote
     * @param h2Starts   for each token, where its text starts in {@link #sql()}
     * @param parameters the values of the {@code ?}s in {@link #sql()}, in order (bound values of a
     *                   prepared statement; empty for a statement of literals)
     * @param currentRead the statement reads the latest committed rows and locks them, as InnoDB's
     *                    UPDATE, DELETE, INSERT, REPLACE and locking SELECT do ({@link InnoDbLocking})
     * @param lockFirst  an H2 query that locks the rows a grouped locking read reads (H2 takes no
     *                   FOR UPDATE on a grouped or DISTINCT select), to run before {@link #sql()}; or null
     * @param probe      the rows of the statement's one table its condition matches in any version,
     *                   to wait for before it runs; or null
     * @param multiTable a multi-table UPDATE or DELETE, which runs as this plan ({@link #sql()} is
     *                   its join query); null for other statements
     * @param hiddenColumns how many of the result's last columns are the translation's own, not
     *                   the statement's ({@link Rollup}'s sort keys): they are not returned
     * @param text       the H2 text {@code h2Starts} index: {@link #sql()} before an UPDATE's
     *                   assignments or a write's ORDER BY were written otherwise
     * @param resultTypes MySQL's types of the result's columns where the engine's differ
     *                   ({@link ResultTypes}), by position; null for none
     */
    public record Translation(String sql, List<String> statements, StatementText origin, String firstWord,
                              int[] h2Starts, List<Token> tokens, boolean currentRead, String lockFirst,
                              LockingReads.Probe probe, List<Object> parameters, MultiTableWrites multiTable,
                              int hiddenColumns, String text, List<ResultTypes.Hint> resultTypes) {
        /**
         * The offset in the origin's source of the token that starts at or before {@code h2Offset};
         * the statement's start when that token is not the client's (the server composed it).
         */
        public int originalOffset(int h2Offset) {
            Token best = null;
            for (int k = 0; k < h2Starts.length; k++) {
                if (h2Starts[k] <= h2Offset) best = tokens.get(k);
                else break;
            }
            if (best == null || origin == null) return origin == null ? 0 : origin.begin();
            for (Token t : origin.tokens()) {
                if (t == best) return t.start();
            }
            return origin.begin();
        }

        public boolean isInsertOrReplace() {
            return "INSERT".equals(firstWord) || "REPLACE".equals(firstWord);
        }
    }

    /**
     * The specifications of an ALTER TABLE as separate H2 statements, each with the steps it needs
     * before and after it ({@link NumericColumns}); {@code [h2]} for anything else.
     */
    private static List<String> alterTableSpecifications(List<Token> all, List<Integer> sig, String h2,
                                                         int[] h2Starts, int[] h2Ends,
                                                         Map<Integer, NumericColumns.Steps> steps) {
        if (sig.size() < 4 || !all.get(sig.get(0)).is("ALTER") || !all.get(sig.get(1)).is("TABLE")) return List.of(h2);
        int s = 2;
        if (s + 2 < sig.size() && all.get(sig.get(s + 1)).isSymbol(".")) s += 2;
        String prefix = h2.substring(0, h2Ends[sig.get(s)]);
        List<String> out = new ArrayList<>();
        int from = h2Ends[sig.get(s)];
        int specStart = s + 1;
        int depth = 0;
        for (int k = s + 1; k < sig.size(); k++) {
            Token t = all.get(sig.get(k));
            if (t.isSymbol("(")) depth++;
            else if (t.isSymbol(")")) depth--;
            else if (t.isSymbol(",") && depth == 0) {
                // a specification the translation dropped (ALGORITHM = COPY, AlterOptions) leaves no text
                String spec = h2.substring(from, Math.max(from, h2Starts[sig.get(k)]));
                if (!spec.isBlank()) {
                    addSpecification(out, prefix, prefix + spec, steps.get(specStart),
                            primaryKeyColumns(all, sig, specStart, k));
                }
                from = Math.max(from, h2Ends[sig.get(k)]);
                specStart = k + 1;
            }
        }
        List<String> keyColumns = primaryKeyColumns(all, sig, specStart, sig.size());
        // every specification done before the statement (RENAME INDEX, KeyChanges): nothing to run
        if (out.isEmpty() && h2.substring(from).isBlank()) return List.of();
        if (out.isEmpty() && steps.isEmpty() && keyColumns == null) return List.of(h2);
        if (!h2.substring(from).isBlank()) {
            addSpecification(out, prefix, out.isEmpty() ? h2 : prefix + h2.substring(from), steps.get(specStart),
                    keyColumns);
        }
        return out;
    }

    /**
     * The columns of an {@code ADD [CONSTRAINT [name]] PRIMARY KEY [USING …] (a, b)} specification
     * (sig indexes {@code from} to before {@code to}), or null for another one. MySQL makes a
     * primary key's columns NOT NULL; the engine refuses a key over a nullable column.
     */
    private static List<String> primaryKeyColumns(List<Token> all, List<Integer> sig, int from, int to) {
        int k = from;
        if (k >= to || !all.get(sig.get(k)).is("ADD")) return null;
        k++;
        if (k < to && all.get(sig.get(k)).is("CONSTRAINT")) {
            k++;
            if (k < to && all.get(sig.get(k)).isIdentifier() && !all.get(sig.get(k)).is("PRIMARY")) k++;
        }
        if (k + 1 >= to || !all.get(sig.get(k)).is("PRIMARY") || !all.get(sig.get(k + 1)).is("KEY")) return null;
        k += 2;
        while (k < to && !all.get(sig.get(k)).isSymbol("(")) k++;
        List<String> columns = new ArrayList<>();
        for (k++; k < to && !all.get(sig.get(k)).isSymbol(")"); k++) {
            Token t = all.get(sig.get(k));
            if (t.isSymbol("(")) {
                // a prefix length: a (10)
                while (k < to && !all.get(sig.get(k)).isSymbol(")")) k++;
            } else if (t.isIdentifier() && !t.is("ASC") && !t.is("DESC")) {
                columns.add(t.value());
            }
        }
        return columns.isEmpty() ? null : columns;
    }

    private static void addSpecification(List<String> out, String prefix, String spec, NumericColumns.Steps steps,
                                         List<String> keyColumns) {
        if (keyColumns != null) {
            for (String c : keyColumns) out.add(prefix + " ALTER COLUMN " + quoteIdent(c) + " SET NOT NULL");
        }
        if (steps != null) {
            for (String b : steps.before()) out.add(stepSql(prefix, b));
        }
        out.add(spec);
        if (steps != null) {
            for (String a : steps.after()) out.add(stepSql(prefix, a));
        }
    }

    private static String stepSql(String prefix, String step) {
        return step.startsWith(NumericColumns.SPEC) ? prefix + step.substring(NumericColumns.SPEC.length()) : step;
    }

    /** A string literal as H2 reads it (MySQL escapes are decoded already by the lexer). */
    static String quote(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    static String quoteIdent(String name) {
        return "`" + name.replace("`", "``") + "`";
    }

    private static final Set<String> ARITHMETIC = Set.of("+", "-", "*", "/", "%", "&", "|", "^", "<<", ">>", "~");

    /** True when the token at sig index {@code s} is an operand of an arithmetic or bitwise operator. */
    private static boolean numericContext(List<Token> all, List<Integer> sig, int s) {
        Token before = s > 0 ? all.get(sig.get(s - 1)) : null;
        Token after = s + 1 < sig.size() ? all.get(sig.get(s + 1)) : null;
        // compared with a number literal (0x41 = 65) it is a number too
        boolean numberBefore = s >= 2 && comparison(before) && all.get(sig.get(s - 2)).type() == TokenType.NUMBER;
        boolean numberAfter = s + 2 < sig.size() && comparison(after) && all.get(sig.get(s + 2)).type() == TokenType.NUMBER;
        return operator(before) || operator(after) || numberBefore || numberAfter || castToNumber(all, sig, s);
    }

    /**
     * CAST(0x10 AS SIGNED | UNSIGNED | DECIMAL …) or CONVERT(0x10, …): the literal alone, cast to a
     * number (X'10' there is its bytes read as text, as a MariaDB 10.11 server reads it).
     */
    private static boolean castToNumber(List<Token> all, List<Integer> sig, int s) {
        if (!all.get(sig.get(s)).text().regionMatches(true, 0, "0x", 0, 2)) return false;
        if (s < 2 || s + 2 >= sig.size() || !all.get(sig.get(s - 1)).isSymbol("(")) return false;
        Token call = all.get(sig.get(s - 2));
        Token then = all.get(sig.get(s + 1));
        Token type = all.get(sig.get(s + 2));
        boolean cast = call.is("CAST") && then.is("AS") || call.is("CONVERT") && then.isSymbol(",");
        return cast && (type.is("SIGNED") || type.is("UNSIGNED") || type.is("DECIMAL") || type.is("INTEGER"));
    }

    private static boolean comparison(Token t) {
        return t != null && t.type() == TokenType.SYMBOL && NumericComparisons.COMPARISONS.contains(t.text());
    }

    private static boolean operator(Token t) {
        if (t == null) return false;
        if (t.type() == TokenType.SYMBOL) return ARITHMETIC.contains(t.text());
        return t.type() == TokenType.WORD && (t.is("DIV") || t.is("MOD"));
    }

    /**
     * Drops a type's {@code (n)} after sig index {@code s} (its domain has the width already);
     * returns the sig index of the type's last token.
     */
    private static int dropWidth(List<Token> all, List<Integer> sig, int s, Set<Integer> drop) {
        if (s + 3 < sig.size() && all.get(sig.get(s + 1)).isSymbol("(")
                && all.get(sig.get(s + 2)).type() == TokenType.NUMBER && all.get(sig.get(s + 3)).isSymbol(")")) {
            for (int k = 1; k <= 3; k++) drop.add(sig.get(s + k));
            return s + 3;
        }
        return s;
    }

    /**
     * Whether the string literal at {@code s} is a BETWEEN's lower bound whose upper bound is a
     * literal that differs from it in case (or trailing spaces) only.
     */
    private static boolean caseOnlyBetween(List<Token> all, List<Integer> sig, int s, String lower) {
        if (s < 1 || s + 2 >= sig.size() || !all.get(sig.get(s - 1)).is("BETWEEN") || !all.get(sig.get(s + 1)).is("AND")
                || all.get(sig.get(s + 2)).type() != TokenType.STRING) {
            return false;
        }
        String a = lower.stripTrailing();
        String b = all.get(sig.get(s + 2)).value().stripTrailing();
        return !a.equals(b) && a.equalsIgnoreCase(b);
    }

    /** A bit literal: {@code b'101'} or {@code 0b101}. */
    private static boolean isBitLiteral(Token t) {
        String text = t.text();
        char first = Character.toLowerCase(text.charAt(0));
        return first == 'b' || (first == '0' && text.length() > 1 && Character.toLowerCase(text.charAt(1)) == 'b');
    }

    /** A hex (0x41, X'41') or bit (0b101, b'101') literal's unsigned value in decimal. */
    static String hexNumber(Token t) {
        String text = t.text();
        String digits;
        int radix = 16;
        char first = Character.toLowerCase(text.charAt(0));
        if (first == '0') {
            radix = Character.toLowerCase(text.charAt(1)) == 'b' ? 2 : 16;
            digits = text.substring(2);
        } else {
            radix = first == 'b' ? 2 : 16;
            digits = text.substring(2, text.length() - 1);
        }
        return digits.isEmpty() ? "0" : new java.math.BigInteger(digits, radix).toString();
    }

    /**
     * A call of a stored function at sig index {@code s} ({@code f(…)} or {@code db.f(…)}): the
     * engine call that runs it ({@link StoredFunctionCalls}), the arguments as written.
     */
    private static boolean storedFunctionCall(List<Token> all, List<Integer> sig, int s,
                                              java.util.function.Function<String, EngineQuery.StoredFunctionCall> functions,
                                              Map<Integer, String> replace, Set<Integer> drop) {
        Token t = all.get(sig.get(s));
        if (!t.isIdentifier() || s + 1 >= sig.size() || !all.get(sig.get(s + 1)).isSymbol("(")) return false;
        boolean qualified = s >= 2 && all.get(sig.get(s - 1)).isSymbol(".") && all.get(sig.get(s - 2)).isIdentifier();
        if (!qualified && s >= 1 && all.get(sig.get(s - 1)).isSymbol(".")) return false;
        EngineQuery.StoredFunctionCall call = functions.apply(qualified
                ? all.get(sig.get(s - 2)).value() + "." + t.value() : t.value());
        if (call == null) return false;
        if (qualified) {
            drop.add(sig.get(s - 2));
            drop.add(sig.get(s - 1));
        }
        replace.put(sig.get(s), StoredFunctionCalls.open(call));
        boolean noArguments = s + 2 < sig.size() && all.get(sig.get(s + 2)).isSymbol(")");
        replace.put(sig.get(s + 1), noArguments ? "" : ", ");
        return true;
    }

    /**
     * CREATE TABLE t [AS] SELECT …: MySQL's AS is optional (H2's is not), and the new table's
     * columns are named as MySQL labels the select items (the literal 'x' makes a column x). Column
     * definitions before the SELECT are refused (1235): H2 cannot add the query's columns to them.
     */
    private static void createTableSelect(List<Token> all, List<Integer> sig, Map<Integer, String> replace,
                                          Map<Integer, String> append, java.util.function.Predicate<Token> bound) {
        int k = 1;
        if (k < sig.size() && all.get(sig.get(k)).is("TEMPORARY")) k++;
        if (k >= sig.size() || !all.get(sig.get(k)).is("TABLE")) return;
        int depth = 0;
        for (int s = k + 1; s < sig.size(); s++) {
            Token t = all.get(sig.get(s));
            if (t.isSymbol("(") && depth == 0 && s + 1 < sig.size() && all.get(sig.get(s + 1)).is("SELECT")) {
                // CREATE TABLE t [AS] (SELECT …)
                if (!all.get(sig.get(s - 1)).is("AS")) replace.put(sig.get(s), "AS (");
                SelectLabels.labelSelectLists(all, sig, append, bound);
                return;
            }
            if (t.isSymbol("(")) depth++;
            else if (t.isSymbol(")")) depth--;
            else if (depth == 0 && t.type() == TokenType.WORD && (t.is("LIKE") || t.is("SELECT"))) {
                if (t.is("LIKE")) return;
                Token prev = all.get(sig.get(s - 1));
                if (prev.isSymbol(")")) {
                    throw io.minisqld.server.error.ErrorCode.ER_NOT_SUPPORTED_YET.error(
                            "CREATE TABLE with column definitions and a SELECT");
                }
                if (!prev.is("AS")) replace.put(sig.get(s), "AS " + t.text());
                SelectLabels.labelSelectLists(all, sig, append, bound);
                return;
            }
        }
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

    private static boolean endsOperand(Token t) {
        return t.type() == TokenType.NUMBER || t.type() == TokenType.STRING || t.type() == TokenType.QUOTED_IDENT
                || t.type() == TokenType.USER_VAR || t.type() == TokenType.SYSTEM_VAR || t.isSymbol(")")
                || (t.type() == TokenType.WORD && !SelectLabels.isOperatorWord(t.upper()) && !t.is("SELECT") && !t.is("WHERE")
                && !t.is("SET"));
    }

}
