package io.minisqld.server.engine.h2;

import io.minisqld.server.charset.Collation;
import io.minisqld.server.charset.MysqlCharset;
import io.minisqld.server.engine.TableInfo;
import io.minisqld.server.error.ErrorCode;
import io.minisqld.server.sql.Token;
import io.minisqld.server.sql.TokenType;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The character sets of text columns, of tables and of databases, which H2 (one Unicode string
 * type) has no notion of.
 *
 * <ul>
 *   <li>A CHAR, VARCHAR or TEXT column of a set other than utf8mb4 carries a CHECK constraint
 *       {@code minisqld_in_charset(`c`, 'latin1')}: it refuses a character the set cannot hold
 *       (MySQL's 1366 in strict mode, {@link H2Errors}) and is the record of the column's set, which
 *       {@link TableMetadata} reads back. A column without one is utf8mb4.</li>
 *   <li>A table's default set (the one ALTER TABLE ADD gives a new column) is the table's H2 remark
 *       {@code minisqld:charset=latin1}, the table's COMMENT after a line break; a database's, its
 *       schema's remark. None means utf8mb4 (the remark is then the COMMENT alone).</li>
 * </ul>
 *
 * The sets come from the statement's own words: a column's {@code CHARACTER SET}, {@code CHARSET}
 * or {@code COLLATE}, else the table's {@code [DEFAULT] CHARSET=} / {@code COLLATE=}, else the
 * database's. Collations are not kept (comparisons are the engine's, whatever the collation).
 */
final class ColumnCharsets {
    static final String CHECK_ALIAS = "minisqld_in_charset";
    private static final String MARK = "minisqld:charset=";
    private static final String BIN = "_bin";
    private static final Set<String> TEXT_TYPES = Set.of("CHAR", "VARCHAR", "TINYTEXT", "TEXT", "MEDIUMTEXT",
            "LONGTEXT");
    private static final Pattern CHECK = Pattern.compile(
            "\\(?\"PUBLIC\"\\.\"" + CHECK_ALIAS + "\"\\(\"((?:[^\"]|\"\")+)\", '([a-z0-9]+)'\\)\\)?");
    /** The value the last failed check of this thread refused, for MySQL's message. */
    private static final ThreadLocal<String> REFUSED = new ThreadLocal<>();

    /**
     * The character sets of the columns of the tables a statement names, by lower-cased column
     * name, looked up once when first asked; null for a name that is no text column or that
     * several tables hold in different sets.
     */
    static java.util.function.Function<String, String> columnCharsets(List<Token> all, List<Integer> sig,
            java.util.function.BiFunction<String, String, TableInfo> describe) {
        @SuppressWarnings("unchecked")
        Map<String, String>[] sets = new Map[1];
        return name -> {
            if (sets[0] == null) {
                Map<String, String> out = new java.util.HashMap<>();
                for (TableInfo info : JsonCalls.describedTables(all, sig, describe)) {
                    for (TableInfo.ColumnInfo c : info.columns()) {
                        String set = c.charset() == null ? "" : c.charset().toLowerCase(java.util.Locale.ROOT);
                        out.merge(c.name().toLowerCase(java.util.Locale.ROOT), set, (a, b) -> a.equals(b) ? a : "");
                    }
                }
                sets[0] = out;
            }
            String set = sets[0].get(name.toLowerCase(java.util.Locale.ROOT));
            return set == null || set.isEmpty() ? null : set;
        };
    }

    private ColumnCharsets() {
    }

    // ---- the check

    /** The check's function: false, remembering the value, when {@code value} holds a character the set lacks. */
    static Boolean inCharset(String value, String charset) {
        if (value == null) return null;
        MysqlCharset cs = MysqlCharset.named(charset);
        if (cs == null || cs.firstUnstorable(value) < 0) return true;
        REFUSED.set(value);
        return false;
    }

    /** Drops the value a failed check remembered (after each statement: it may be large). */
    static void forgetRefused() {
        REFUSED.remove();
    }

    /**
     * MySQL's 1366 for a failed check of ours on {@code constraint}, or null when the check is not
     * one of ours. H2 does not say which row: row 1 is reported.
     */
    static io.minisqld.server.error.SqlError refusal(Connection conn, String schema, String constraint) {
        String[] columnAndSet = checkOf(conn, schema, constraint);
        if (columnAndSet == null) return null;
        String value = REFUSED.get();
        REFUSED.remove();
        MysqlCharset cs = MysqlCharset.named(columnAndSet[1]);
        int from = value == null || cs == null ? 0 : Math.max(0, cs.firstUnstorable(value));
        return ErrorCode.ER_TRUNCATED_WRONG_VALUE_FOR_FIELD.error("string",
                value == null ? "" : StringLiterals.shownBytes(value, from), columnAndSet[0], 1);
    }

    private static String[] checkOf(Connection conn, String schema, String constraint) {
        String clause = checkClause(conn, schema, constraint);
        Matcher m = clause == null ? null : CHECK.matcher(clause.strip());
        return m != null && m.matches() ? new String[] {m.group(1).replace("\"\"", "\""), m.group(2)} : null;
    }

    /**
     * The clause of the check named {@code constraint} (of {@code schema} first, as H2 names a
     * violated one without its schema), as H2 writes it back; null when there is none.
     */
    static String checkClause(Connection conn, String schema, String constraint) {
        try (PreparedStatement ps = conn.prepareStatement("SELECT CHECK_CLAUSE FROM INFORMATION_SCHEMA.CHECK_CONSTRAINTS"
                + " WHERE CONSTRAINT_NAME = ? ORDER BY CASE WHEN CONSTRAINT_SCHEMA = ? THEN 0 ELSE 1 END")) {
            ps.setString(1, constraint);
            ps.setString(2, schema);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            return null;
        }
    }

    // ---- reading

    /** The sets of a table's columns that are not utf8mb4: lower-case column name → set. */
    static Map<String, MysqlCharset> columns(List<Check> checks) {
        Map<String, MysqlCharset> out = new HashMap<>();
        for (Check check : checks) {
            Matcher m = CHECK.matcher(check.clause().strip());
            if (m.matches() && m.group(1).replace("\"\"", "\"").equalsIgnoreCase(check.column())) {
                MysqlCharset cs = MysqlCharset.named(m.group(2));
                if (cs != null) out.put(check.column().toLowerCase(Locale.ROOT), cs);
            }
        }
        return out;
    }

    /** A single-column check constraint: its column, its name, its clause as H2 writes it back. */
    record Check(String column, String name, String clause) {
    }

    /**
     * The single-column checks on a table (on one of its columns if {@code column} is given): what
     * this class, {@link NumericColumns} and {@link SetColumns} keep of a column, read in one query.
     */
    static List<Check> checks(Connection conn, String schema, String table, String column)
            throws SQLException {
        List<Check> out = new ArrayList<>();
        try (PreparedStatement ps = conn.prepareStatement("SELECT u.COLUMN_NAME, k.CONSTRAINT_NAME, k.CHECK_CLAUSE"
                + " FROM INFORMATION_SCHEMA.CHECK_CONSTRAINTS k JOIN INFORMATION_SCHEMA.CONSTRAINT_COLUMN_USAGE u"
                + " ON u.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA AND u.CONSTRAINT_NAME = k.CONSTRAINT_NAME"
                + " WHERE u.TABLE_SCHEMA = ? AND u.TABLE_NAME = ?" + (column == null ? "" : " AND u.COLUMN_NAME = ?"))) {
            ps.setString(1, schema);
            ps.setString(2, table);
            if (column != null) ps.setString(3, column);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(new Check(rs.getString(1), rs.getString(2), rs.getString(3)));
            }
        }
        return out;
    }

    /** The set a remark of ours names, utf8mb4 when there is none. */
    static MysqlCharset fromRemark(String remark) {
        String named = markOf(remark);
        if (named == null) return MysqlCharset.UTF8MB4;
        MysqlCharset cs = MysqlCharset.named(named.endsWith(BIN) ? named.substring(0, named.length() - BIN.length()) : named);
        return cs == null ? MysqlCharset.UTF8MB4 : cs;
    }

    /** Whether a remark of ours names its set's {@code _bin} collation ({@code minisqld:charset=utf8mb4_bin}). */
    static boolean caseSensitiveFromRemark(String remark) {
        String named = markOf(remark);
        return named != null && named.endsWith(BIN);
    }

    /** What a remark's mark names, null for a remark without one. */
    private static String markOf(String remark) {
        if (remark == null || !remark.startsWith(MARK)) return null;
        int end = remark.indexOf('\n');
        return remark.substring(MARK.length(), end < 0 ? remark.length() : end);
    }

    /**
     * A table's COMMENT from the engine's remark, which is the comment itself, or the table's set
     * ({@link #MARK}) with the comment after a line break; empty for none.
     */
    static String commentOf(String remark) {
        if (remark == null) return "";
        if (!remark.startsWith(MARK)) return remark;
        int end = remark.indexOf('\n');
        return end < 0 ? "" : remark.substring(end + 1);
    }

    /**
     * The engine's remark of a table of default set {@code cs} (its {@code _bin} collation if
     * {@code caseSensitive}) and {@code comment} (null for neither).
     */
    static String remark(MysqlCharset cs, boolean caseSensitive, String comment) {
        if (cs == MysqlCharset.UTF8MB4 && !caseSensitive) return comment.isEmpty() ? null : comment;
        return MARK + cs.mysqlName() + (caseSensitive ? BIN : "") + (comment.isEmpty() ? "" : "\n" + comment);
    }

    /** A table's remark as the engine keeps it, or null. */
    static String tableRemark(Connection conn, String schema, String table) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("SELECT REMARKS FROM INFORMATION_SCHEMA.TABLES"
                + " WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?")) {
            ps.setString(1, schema);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /** A table's COMMENT, empty for none ({@link #commentOf}). */
    static String tableComment(Connection conn, String schema, String table) throws SQLException {
        return commentOf(tableRemark(conn, schema, table));
    }

    /** A table's default set. */
    static MysqlCharset tableDefault(Connection conn, String schema, String table) throws SQLException {
        return fromRemark(tableRemark(conn, schema, table));
    }

    /** The default collation a remark of ours names: its set's default, or its set's {@code _bin} one. */
    static Collation collationFromRemark(String remark) {
        MysqlCharset cs = fromRemark(remark);
        return caseSensitiveFromRemark(remark) ? Collation.bin(cs) : Collation.of(cs);
    }

    /** A table's default collation. */
    static Collation tableCollation(Connection conn, String schema, String table) throws SQLException {
        return collationFromRemark(tableRemark(conn, schema, table));
    }

    /** Whether a table's default collation is its set's {@code _bin} one. */
    static boolean tableCaseSensitive(Connection conn, String schema, String table) throws SQLException {
        return caseSensitiveFromRemark(tableRemark(conn, schema, table));
    }

    /** ALTER TABLE … COMMENT = '…': the table's comment, its set kept. */
    static void setTableComment(Connection conn, String schema, String table, String comment) throws SQLException {
        String old = tableRemark(conn, schema, table);
        String r = remark(fromRemark(old), caseSensitiveFromRemark(old), comment);
        try (Statement st = conn.createStatement()) {
            TemporaryTableDdl.execute(st, "COMMENT ON TABLE " + H2StorageEngine.ident(schema) + "." + H2StorageEngine.ident(table)
                    + " IS " + (r == null ? "NULL" : MySqlToH2.quote(r)));
        }
    }

    /** A database's default set. */
    public static MysqlCharset databaseDefault(Connection conn, String schema) throws SQLException {
        return databaseCollation(conn, schema).charset();
    }

    /** A database's default collation: its set's default, or its set's {@code _bin} one. */
    static Collation databaseCollation(Connection conn, String schema) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("SELECT REMARKS FROM INFORMATION_SCHEMA.SCHEMATA"
                + " WHERE SCHEMA_NAME = ?")) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                return collationFromRemark(rs.next() ? rs.getString(1) : null);
            }
        }
    }

    /** Records a database's default collation (CREATE DATABASE … CHARACTER SET … COLLATE). */
    static void setDatabaseDefault(Connection conn, String schema, Collation collation) throws SQLException {
        String r = remark(collation.charset(), !collation.setDefault(), "");
        try (Statement st = conn.createStatement()) {
            st.execute("COMMENT ON SCHEMA " + H2StorageEngine.ident(schema) + " IS "
                    + (r == null ? "NULL" : MySqlToH2.quote(r)));
        }
    }

    // ---- the statement's words

    /**
     * A character set named by {@code CHARACTER SET x}: 1115 unknown, 1235 one this server does not
     * speak, and binary, which MySQL turns a text column into a binary one for (not done here).
     */
    static MysqlCharset named(String name) {
        MysqlCharset cs = MysqlCharset.require(name);
        if (cs == MysqlCharset.BINARY) {
            throw ErrorCode.ER_NOT_SUPPORTED_YET.error("character set 'binary' for a text column or table");
        }
        return cs;
    }

    /** The set of a collation ({@code latin1_general_ci} is latin1's): 1273 for a name that is no collation. */
    static MysqlCharset ofCollation(String name) {
        return named(Collation.charsetOf(name).mysqlName());
    }

    /**
     * The set the options in {@code [from, to)} name ({@code CHARACTER SET x}, {@code CHARSET x},
     * {@code COLLATE y}, each maybe after DEFAULT and before =, at that span's own level), or null
     * when none does; 1253 when a collation is not of the set named.
     */
    static MysqlCharset fromOptions(List<Token> sig, int from, int to) {
        return options(sig, from, to).set();
    }

    /**
     * What the options in {@code [from, to)} name: a set (null for none), and whether its collation
     * tells case ({@link Collation#caseSensitive}; false for a set named alone, null when neither
     * a set nor a collation is named).
     */
    record Named(MysqlCharset set, Boolean caseSensitive) {
    }

    static Named options(List<Token> sig, int from, int to) {
        MysqlCharset set = null;
        String collation = null;
        int depth = 0;
        for (int k = from; k < to; k++) {
            if (sig.get(k).isSymbol("(")) depth++;
            else if (sig.get(k).isSymbol(")")) depth--;
            // options stand at the definition's own level, not inside a DEFAULT or generated expression
            if (depth != 0) continue;
            int name = optionValue(sig, k, to);
            if (name < 0) continue;
            if (sig.get(k).is("COLLATE")) collation = sig.get(name).value();
            else set = named(sig.get(name).value());
            k = name;
        }
        if (collation == null) return new Named(set, set == null ? null : Boolean.FALSE);
        MysqlCharset ofCollation = ofCollation(collation);
        if (set != null && set != ofCollation) {
            throw ErrorCode.ER_COLLATION_CHARSET_MISMATCH.error(collation, set.mysqlName());
        }
        return new Named(ofCollation, Collation.caseSensitive(collation));
    }

    /** Where the name of a charset option starting at {@code k} is, or -1 when none starts there. */
    private static int optionValue(List<Token> sig, int k, int to) {
        Token t = sig.get(k);
        int v;
        if (t.is("CHARSET") || t.is("COLLATE")) v = k + 1;
        else if ((t.is("CHARACTER") || t.is("CHAR")) && k + 1 < to && sig.get(k + 1).is("SET")) v = k + 2;
        else return -1;
        if (v < to && sig.get(v).isSymbol("=")) v++;
        if (v >= to || !(sig.get(v).isIdentifier() || sig.get(v).type() == io.minisqld.server.sql.TokenType.STRING)) {
            return -1;
        }
        // a name followed by "(" is a type (a column named charset, then its type), not a set
        return v + 1 < to && sig.get(v + 1).isSymbol("(") ? -1 : v;
    }

    /**
     * Drops the character set and collation clauses of a CREATE or ALTER TABLE's column definitions
     * (after a column's name and type) and of a CREATE TABLE's table options from H2's text: this
     * class keeps them, and H2 would refuse {@code CHARSET x}. Words in other places are left (a
     * column may be named charset). An ALTER TABLE's CONVERT TO and table options stay as they were.
     * A column whose own collation tells case (or, in a CREATE TABLE, whose table's does) gets H2's
     * case-sensitive type in {@code replace} ({@link #caseSensitiveType}); one that takes it from an
     * existing table's default is changed after the statement ({@link Change#after}).
     */
    static void dropClauses(List<Token> all, List<Integer> sig, boolean create, Set<Integer> drop,
                            Map<Integer, String> replace) {
        List<Token> toks = new ArrayList<>(sig.size());
        for (int i : sig) toks.add(all.get(i));
        int k = create ? nameEnd(toks) : alterSpecsStart(toks);
        if (k < 0) return;
        if (create) {
            if (k >= toks.size() || !toks.get(k).isSymbol("(")) {
                dropOptions(toks, sig, k, toks.size(), drop);
                return;
            }
            int close = closing(toks, k);
            Named table = options(toks, close + 1, optionsEnd(toks, close + 1));
            for (int[] e : elements(toks, k + 1, close, 0)) {
                if (!isColumn(toks, e[0], e[1])) continue;
                sizedLob(toks, sig, e[0], e[1], table.set(), drop, replace);
                codePointLength(toks, sig, e[0], e[1], replace);
                caseSensitiveType(toks, sig, e[0], e[1], table.caseSensitive(), replace);
                dropOptions(toks, sig, e[0] + 2, e[1], drop);
            }
            dropOptions(toks, sig, close + 1, toks.size(), drop);
            return;
        }
        for (int[] spec : elements(toks, k, toks.size(), 0)) {
            Token verb = toks.get(spec[0]);
            if (!verb.is("ADD") && !verb.is("MODIFY") && !verb.is("CHANGE")) continue;
            int at = spec[0] + 1;
            if (at < spec[1] && toks.get(at).is("COLUMN")) at++;
            if (verb.is("ADD") && at < spec[1] && toks.get(at).isSymbol("(")) {
                for (int[] e : elements(toks, at + 1, closing(toks, at), 0)) {
                    if (!isColumn(toks, e[0], e[1])) continue;
                    sizedLob(toks, sig, e[0], e[1], null, drop, replace);
                    codePointLength(toks, sig, e[0], e[1], replace);
                    caseSensitiveType(toks, sig, e[0], e[1], null, replace);
                    dropOptions(toks, sig, e[0] + 2, e[1], drop);
                }
            } else {
                if (verb.is("CHANGE")) at++;
                if (!isColumn(toks, at, spec[1])) continue;
                sizedLob(toks, sig, at, spec[1], null, drop, replace);
                codePointLength(toks, sig, at, spec[1], replace);
                caseSensitiveType(toks, sig, at, spec[1], null, replace);
                dropOptions(toks, sig, at + 2, spec[1], drop);
            }
        }
    }

    /** Where a CREATE TABLE's options after its definitions end (at its query, if it has one). */
    private static int optionsEnd(List<Token> toks, int from) {
        int end = from;
        while (end < toks.size() && !toks.get(end).is("SELECT") && !toks.get(end).is("AS")
                && !toks.get(end).isSymbol("(") && !toks.get(end).is("IGNORE") && !toks.get(end).is("REPLACE")) {
            end++;
        }
        return end;
    }

    /**
     * {@code TEXT(n)} and {@code BLOB(n)} in the column definition at {@code [k, end)}: MySQL makes
     * the column the smallest TEXT (BLOB) type that holds n characters of its set (n bytes), a
     * {@code TEXT(100)} of utf8mb4 a TEXT, of latin1 a TINYTEXT; H2 would make it a VARCHAR(n) that
     * refuses (or, outside strict mode, cuts) what is longer. The length goes, the type is the
     * sized type's ({@link ColumnDomains}). The set is the column's own, else the table's
     * ({@code tableSet}), else utf8mb4's four bytes (an ALTER TABLE: never a type too small).
     */
    private static void sizedLob(List<Token> toks, List<Integer> sig, int k, int end, MysqlCharset tableSet,
                                 Set<Integer> drop, Map<Integer, String> replace) {
        Token type = toks.get(k + 1);
        boolean text = type.is("TEXT");
        if (!text && !type.is("BLOB") || k + 4 >= end || !toks.get(k + 2).isSymbol("(")
                || toks.get(k + 3).type() != TokenType.NUMBER || !toks.get(k + 4).isSymbol(")")) {
            return;
        }
        MysqlCharset own = options(toks, k + 5, end).set();
        MysqlCharset set = own != null ? own : tableSet != null ? tableSet : MysqlCharset.UTF8MB4;
        BigInteger bytes = new BigInteger(toks.get(k + 3).text())
                .multiply(BigInteger.valueOf(text ? set.maxBytes() : 1));
        String size = bytes.compareTo(BigInteger.valueOf(0xFF)) <= 0 ? "TINY"
                : bytes.compareTo(BigInteger.valueOf(0xFFFF)) <= 0 ? ""
                : bytes.compareTo(BigInteger.valueOf(0xFFFFFF)) <= 0 ? "MEDIUM" : "LONG";
        String sized = size + (text ? "TEXT" : "BLOB");
        replace.put(sig.get(k + 1), size.isEmpty() ? sized : ColumnDomains.sizedLob(sized));
        for (int d = k + 2; d <= k + 4; d++) drop.add(sig.get(d));
    }

    /**
     * {@code VARCHAR(n)} in the column definition at {@code [k, end)}: the engine's VARCHAR(2n),
     * which holds n characters however many UTF-16 units they take; the check made after the
     * statement keeps it to n ({@link CodePointLengths}).
     */
    private static void codePointLength(List<Token> toks, List<Integer> sig, int k, int end, Map<Integer, String> replace) {
        Long n = varcharLength(toks, k, end);
        if (n != null) replace.put(sig.get(k + 3), Long.toString(2 * n));
    }

    /** n of a {@code name VARCHAR(n)} definition at {@code [k, end)}, or null for another. */
    private static Long varcharLength(List<Token> toks, int k, int end) {
        if (k + 4 >= end || !toks.get(k + 1).is("VARCHAR") || !toks.get(k + 2).isSymbol("(")
                || toks.get(k + 3).type() != TokenType.NUMBER || !toks.get(k + 4).isSymbol(")")) {
            return null;
        }
        try {
            long n = Long.parseLong(toks.get(k + 3).text());
            return n > 0 && n <= 500_000_000L ? n : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * A VARCHAR or TEXT column definition in {@code [k, end)} whose collation tells case (its own,
     * else {@code tableCase}): its type becomes H2's VARCHAR_IGNORECASE, which {@link PerThreadCollation}
     * compares by code point (the sized TEXT types: their domains of it, {@link ColumnDomains}).
     */
    private static void caseSensitiveType(List<Token> toks, List<Integer> sig, int k, int end, Boolean tableCase,
                                          Map<Integer, String> replace) {
        Boolean own = options(toks, k + 2, end).caseSensitive();
        if (!Boolean.TRUE.equals(own != null ? own : tableCase)) return;
        Token type = toks.get(k + 1);
        int at = sig.get(k + 1);
        String sizedText = replace.get(at) == null ? null : ColumnDomains.withCase(replace.get(at), true);
        if (sizedText != null) {
            // a TEXT(n) made a sized TEXT type (sizedLob)
            replace.put(at, sizedText);
        } else if (type.is("VARCHAR")) {
            replace.put(at, "VARCHAR_IGNORECASE");
        } else if (type.is("CHAR")) {
            // CHAR is CHAR(1); the check and trigger that keep it CHAR come after the statement (CharColumns)
            boolean sized = k + 2 < end && toks.get(k + 2).isSymbol("(");
            replace.put(at, sized ? "VARCHAR_IGNORECASE" : "VARCHAR_IGNORECASE(1)");
        } else if (type.is("TEXT")) {
            replace.put(at, "VARCHAR_IGNORECASE(1000000000)");
        } else if (ColumnDomains.sizedLob(type.upper()) != null && type.upper().endsWith("TEXT")) {
            replace.put(at, ColumnDomains.withCase(ColumnDomains.sizedLob(type.upper()), true));
        }
    }

    /** Whether {@code [k, end)} is a column definition: a name, then a type word. */
    private static boolean isColumn(List<Token> toks, int k, int end) {
        return k + 1 < end && toks.get(k).isIdentifier() && !NumericColumns.isElementKeyword(toks.get(k));
    }

    /** Drops the option clauses of {@code [from, to)} at its own parenthesis level (a CREATE … SELECT's query is left). */
    private static void dropOptions(List<Token> toks, List<Integer> sig, int from, int to, Set<Integer> drop) {
        int depth = 0;
        for (int m = from; m < to; m++) {
            Token t = toks.get(m);
            if (t.isSymbol("(")) depth++;
            else if (t.isSymbol(")")) depth--;
            if (depth != 0) continue;
            if (t.is("SELECT") || t.is("AS") || t.is("LIKE")) return;
            int v = optionValue(toks, m, to);
            if (v < 0) continue;
            int first = m > from && toks.get(m - 1).is("DEFAULT") ? m - 1 : m;
            for (int d = first; d <= v; d++) drop.add(sig.get(d));
            m = v;
        }
    }

    /** After CREATE [TEMPORARY] TABLE [IF NOT EXISTS] [db.]name: the index after the name, -1 if none. */
    private static int nameEnd(List<Token> toks) {
        int k = 1;
        if (k < toks.size() && toks.get(k).is("TEMPORARY")) k++;
        if (k >= toks.size() || !toks.get(k).is("TABLE")) return -1;
        k++;
        if (k + 2 < toks.size() && toks.get(k).is("IF") && toks.get(k + 1).is("NOT") && toks.get(k + 2).is("EXISTS")) {
            k += 3;
        }
        String[] name = TableStatements.qualifiedName(toks, k);
        return name == null ? -1 : Integer.parseInt(name[2]);
    }

    /** After ALTER TABLE [db.]name: the index of its first specification, -1 if none. */
    private static int alterSpecsStart(List<Token> toks) {
        if (toks.size() < 3 || !toks.get(1).is("TABLE")) return -1;
        String[] name = TableStatements.qualifiedName(toks, 2);
        return name == null ? -1 : Integer.parseInt(name[2]);
    }

    // ---- CREATE / ALTER TABLE

    /**
     * What a CREATE TABLE or ALTER TABLE does to character sets, or null for any other statement
     * (and for CREATE TABLE … LIKE, whose copied definition comes back through here).
     */
    static Change plan(List<Token> sig, String currentDatabase) {
        if (sig.size() < 3) return null;
        boolean create = sig.get(0).is("CREATE");
        if (!create && !sig.get(0).is("ALTER")) return null;
        int k = 1;
        if (create && sig.get(k).is("TEMPORARY")) k++;
        if (!sig.get(k).is("TABLE")) return null;
        k++;
        boolean ifNotExists = false;
        if (create && k + 2 < sig.size() && sig.get(k).is("IF") && sig.get(k + 1).is("NOT")
                && sig.get(k + 2).is("EXISTS")) {
            ifNotExists = true;
            k += 3;
        }
        String[] name = TableStatements.qualifiedName(sig, k);
        if (name == null) return null;
        String db = name[0] != null ? name[0] : currentDatabase;
        String table = name[1];
        k = Integer.parseInt(name[2]);
        if (db == null) return null;
        Change change = new Change(db, table, create, ifNotExists);
        if (create) {
            if (k < sig.size() && sig.get(k).is("LIKE")) return null;
            if (k + 1 < sig.size() && sig.get(k).isSymbol("(") && sig.get(k + 1).is("LIKE")) return null;
            int end = k;
            if (k < sig.size() && sig.get(k).isSymbol("(")) {
                end = closing(sig, k);
                for (int[] element : elements(sig, k + 1, end, 0)) change.column(sig, element[0], element[1]);
                end++;
            }
            Named options = options(sig, end, optionsEnd(sig, end));
            change.tableDefault = options.set();
            change.tableCase = options.caseSensitive();
            return change;
        }
        for (int[] spec : elements(sig, k, sig.size(), 0)) {
            Token verb = sig.get(spec[0]);
            int at = spec[0] + 1;
            if (verb.is("ADD") || verb.is("MODIFY") || verb.is("CHANGE")) {
                if (at < spec[1] && sig.get(at).is("COLUMN")) at++;
                if (verb.is("ADD") && at < spec[1] && sig.get(at).isSymbol("(")) {
                    for (int[] e : elements(sig, at + 1, closing(sig, at), 0)) change.column(sig, e[0], e[1]);
                } else if (verb.is("CHANGE")) {
                    change.column(sig, at + 1, spec[1]);
                    if (at + 1 < spec[1]) change.oldNames.put(sig.get(at + 1).value(), sig.get(at).value());
                } else {
                    change.column(sig, at, spec[1]);
                }
            } else if (verb.is("CONVERT") && at < spec[1] && sig.get(at).is("TO")) {
                Named options = options(sig, at + 1, spec[1]);
                change.convertTo = options.set();
                change.tableDefault = change.convertTo;
                change.convertCase = options.caseSensitive();
                change.tableCase = options.caseSensitive();
            } else if (verb.is("DEFAULT") || verb.is("CHARSET") || verb.is("CHARACTER") || verb.is("CHAR")
                    || verb.is("COLLATE")) {
                Named option = options(sig, spec[0], spec[1]);
                if (option.set() != null) {
                    change.tableDefault = option.set();
                    change.tableCase = option.caseSensitive();
                }
            }
        }
        return change.columns.isEmpty() && change.redefined.isEmpty() && change.tableDefault == null
                && change.tableCase == null ? null : change;
    }

    /** The sig index of the parenthesis closing the one at {@code open}. */
    private static int closing(List<Token> sig, int open) {
        int depth = 0;
        for (int k = open; k < sig.size(); k++) {
            if (sig.get(k).isSymbol("(")) depth++;
            else if (sig.get(k).isSymbol(")") && --depth == 0) return k;
        }
        return sig.size();
    }

    /** The comma-separated parts of {@code [from, to)} at its own level, each as {start, end}. */
    private static List<int[]> elements(List<Token> sig, int from, int to, int level) {
        List<int[]> out = new ArrayList<>();
        int depth = 0;
        int start = from;
        for (int k = from; k < to; k++) {
            Token t = sig.get(k);
            if (t.isSymbol("(")) depth++;
            else if (t.isSymbol(")")) depth--;
            else if (t.isSymbol(",") && depth == level) {
                out.add(new int[] {start, k});
                start = k + 1;
            }
        }
        if (start < to) out.add(new int[] {start, to});
        return out;
    }

    /** The character set changes of one table statement, done around it by {@link H2EngineSession}. */
    static final class Change {
        private final String database;
        private final String table;
        private final boolean create;
        private final boolean ifNotExists;
        /** Column (as named) → its set given in its definition, or null for the table's; only text columns. */
        private final Map<String, MysqlCharset> columns = new LinkedHashMap<>();
        /** Columns the statement redefines as another type: their check goes. */
        private final List<String> redefined = new ArrayList<>();
        /** SET columns the statement defines → their members. */
        private final Map<String, List<String>> sets = new LinkedHashMap<>();
        /** CHANGE's new column name → its old one. */
        private final Map<String, String> oldNames = new HashMap<>();
        /** Text column (as named) → whether the collation its definition names tells case; absent when it names none. */
        private final Map<String, Boolean> columnCases = new HashMap<>();
        /** Text column (as named) → its type's word (CHAR, VARCHAR, TEXT …). */
        private final Map<String, String> columnTypes = new HashMap<>();
        /** VARCHAR(n) column (as named) → n: its length in characters ({@link CodePointLengths}). */
        private final Map<String, Long> varcharLengths = new LinkedHashMap<>();
        private MysqlCharset tableDefault;
        /** Whether the table's default collation the statement names tells case, null when it names none. */
        private Boolean tableCase;
        private MysqlCharset convertTo;
        private Boolean convertCase;
        private boolean existed;

        private Change(String database, String table, boolean create, boolean ifNotExists) {
            this.database = database;
            this.table = table;
            this.create = create;
            this.ifNotExists = ifNotExists;
        }

        /** A column definition {@code name type …} in {@code [k, end)}. */
        private void column(List<Token> sig, int k, int end) {
            if (k + 1 >= end || !sig.get(k).isIdentifier() || NumericColumns.isElementKeyword(sig.get(k))) return;
            String name = sig.get(k).value();
            if (sig.get(k + 1).is("SET") && k + 2 < end && sig.get(k + 2).isSymbol("(")) {
                // SET('a', …): its members become the column's check (SetColumns)
                List<String> members = new ArrayList<>();
                for (int m = k + 3; m < end && !sig.get(m).isSymbol(")"); m++) {
                    if (sig.get(m).type() == io.minisqld.server.sql.TokenType.STRING) members.add(sig.get(m).value());
                }
                redefined.add(name);
                sets.put(name, members);
                return;
            }
            if (!TEXT_TYPES.contains(sig.get(k + 1).upper())) {
                redefined.add(name);
                return;
            }
            Named named = options(sig, k + 2, end);
            columns.put(name, named.set());
            if (named.caseSensitive() != null) columnCases.put(name, named.caseSensitive());
            columnTypes.put(name, sig.get(k + 1).upper());
            Long n = varcharLength(sig, k, end);
            if (n != null) varcharLengths.put(name, n);
        }

        /** Before the statement runs: what must hold for it (rows that fit a column's new set). */
        void before(Connection conn) throws SQLException {
            if (create) {
                existed = ifNotExists && exists(conn);
                return;
            }
            TableInfo info = TableMetadata.uncached(conn).describe(database, table);
            if (info == null) return;
            for (Map.Entry<String, Long> c : varcharLengths.entrySet()) {
                String found = columnNamed(info, oldNames.getOrDefault(c.getKey(), c.getKey()));
                if (found != null && !holdsNoMore(info, found, c.getValue())) {
                    fitsCharacters(conn, info.name(), found, c.getKey(), c.getValue());
                }
            }
            MysqlCharset defaultSet = tableDefault(conn, database, info.name());
            for (Map.Entry<String, MysqlCharset> c : targets(info, defaultSet).entrySet()) {
                String found = columnNamed(info, oldNames.getOrDefault(c.getKey(), c.getKey()));
                if (found == null || c.getValue() == MysqlCharset.UTF8MB4) continue;
                // the rows must fit the new set before anything changes, as MySQL's copy refuses them
                String col = H2StorageEngine.ident(found);
                try (Statement st = conn.createStatement();
                     ResultSet rs = st.executeQuery("SELECT " + col + " FROM " + qualified(info.name()) + " WHERE NOT "
                             + call(col, c.getValue()) + " FETCH FIRST 1 ROWS ONLY")) {
                    // the probe called the check, which remembers what it refused: not needed here
                    forgetRefused();
                    if (rs.next()) {
                        String value = rs.getString(1);
                        // MySQL names the column it copies into: CHANGE's new name
                        throw ErrorCode.ER_TRUNCATED_WRONG_VALUE_FOR_FIELD.error("string",
                                StringLiterals.shownBytes(value, c.getValue().firstUnstorable(value)), c.getKey(), 1);
                    }
                }
            }
        }

        /** Whether {@code column} is a CHAR or VARCHAR of at most {@code n} characters already (its rows fit). */
        private static boolean holdsNoMore(TableInfo info, String column, long n) {
            for (TableInfo.ColumnInfo c : info.columns()) {
                if (!c.name().equals(column)) continue;
                java.util.regex.Matcher m = Pattern.compile("(?:var)?char\\((\\d+)\\)").matcher(c.mysqlType());
                return m.matches() && Long.parseLong(m.group(1)) <= n;
            }
            return false;
        }

        /**
         * The rows must fit a column's new VARCHAR(n) before anything changes: MySQL's copy refuses
         * the first value of more than n characters with 1265 "Data truncated for column" (strict
         * mode), naming the column by its new name and the row by its place in the copy.
         */
        private void fitsCharacters(Connection conn, String realTable, String column, String newName, long n)
                throws SQLException {
            try (Statement st = conn.createStatement();
                 ResultSet rs = st.executeQuery("SELECT " + CodePointLengths.check(H2StorageEngine.ident(column), n)
                         + " FROM " + qualified(realTable))) {
                for (long row = 1; rs.next(); row++) {
                    if (!rs.getBoolean(1) && !rs.wasNull()) {
                        throw ErrorCode.ER_WARN_DATA_TRUNCATED.error(newName, row);
                    }
                }
            }
        }

        /**
         * Whether each text column the statement defines or converts is to tell case: its own
         * collation's word, else the table's default collation (the statement's, else {@code oldCase}).
         */
        private Map<String, Boolean> caseTargets(TableInfo info, boolean oldCase) {
            boolean defaultCase = tableCase != null ? tableCase : oldCase;
            Map<String, Boolean> out = new LinkedHashMap<>();
            if (convertTo != null && info != null) {
                for (TableInfo.ColumnInfo c : info.columns()) {
                    if (c.charset() != null && TableInfo.ColumnInfo.isText(c.mysqlType())) {
                        out.put(c.name(), Boolean.TRUE.equals(convertCase));
                    }
                }
            }
            for (String name : columns.keySet()) out.put(name, columnCases.getOrDefault(name, defaultCase));
            return out;
        }

        /** The new set of each text column the statement defines or converts. */
        private Map<String, MysqlCharset> targets(TableInfo info, MysqlCharset oldDefault) {
            MysqlCharset defaultSet = tableDefault != null ? tableDefault : oldDefault;
            Map<String, MysqlCharset> out = new LinkedHashMap<>();
            if (convertTo != null) {
                for (TableInfo.ColumnInfo c : info.columns()) {
                    if (c.charset() != null) out.put(c.name(), convertTo);
                }
            }
            columns.forEach((name, set) -> out.put(name, set != null ? set : defaultSet));
            return out;
        }

        /** After the statement: the table's default and each column's check as the statement defined them. */
        void after(Connection conn) throws SQLException {
            if (existed) return;
            TableInfo info = TableMetadata.uncached(conn).describe(database, table);
            if (info == null) return;
            MysqlCharset oldDefault = create ? databaseDefault(conn, info.database()) : tableDefault(conn, database,
                    info.name());
            boolean oldCase = create ? databaseCaseSensitive(conn) : tableCaseSensitive(conn, database, info.name());
            MysqlCharset defaultSet = tableDefault != null ? tableDefault : oldDefault;
            boolean defaultCase = tableCase != null ? tableCase : oldCase;
            try (Statement st = conn.createStatement()) {
                if ((create && (defaultSet != MysqlCharset.UTF8MB4 || defaultCase)) || (!create && tableDefault != null)) {
                    // the set, and the table's COMMENT beside it
                    String r = remark(defaultSet, defaultCase, tableComment(conn, info.database(), info.name()));
                    TemporaryTableDdl.execute(st, "COMMENT ON TABLE " + qualified(info.name()) + " IS "
                            + (r == null ? "NULL" : MySqlToH2.quote(r)));
                }
                // the columns a CREATE TABLE … SELECT makes from its query keep their own set (its
                // expression's; here the engine's utf8mb4), as in MySQL, not the table's
                Map<String, MysqlCharset> targets = targets(info, oldDefault);
                // a new table has no checks to drop (and a temporary one may share its name with a
                // base table whose checks H2 lists with its own)
                for (String name : create ? List.<String>of() : redefined) {
                    String found = columnNamed(info, name);
                    if (found != null) dropChecks(conn, st, info.name(), found, true);
                }
                for (Map.Entry<String, MysqlCharset> c : targets.entrySet()) {
                    String found = columnNamed(info, c.getKey());
                    if (found == null) continue;
                    // a column CONVERT TO changes keeps its length (the statement does not define it)
                    if (!create) dropChecks(conn, st, info.name(), found, columns.containsKey(c.getKey()));
                    if (create && c.getValue() == MysqlCharset.UTF8MB4) continue;
                    if (c.getValue() != MysqlCharset.UTF8MB4) {
                        TemporaryTableDdl.execute(st, "ALTER TABLE " + qualified(info.name()) + " ADD CHECK ("
                                + call(H2StorageEngine.ident(found), c.getValue()) + ")");
                    }
                }
                for (Map.Entry<String, Long> c : varcharLengths.entrySet()) {
                    // after the checks of the columns the statement defines went (above)
                    String found = columnNamed(info, c.getKey());
                    if (found == null) continue;
                    TemporaryTableDdl.execute(st, "ALTER TABLE " + qualified(info.name()) + " ADD CHECK ("
                            + CodePointLengths.check(H2StorageEngine.ident(found), c.getValue()) + ")");
                }
                for (Map.Entry<String, Boolean> c : caseTargets(info, oldCase).entrySet()) {
                    String found = columnNamed(info, c.getKey());
                    if (found == null) continue;
                    boolean fixed = "CHAR".equals(columnTypes.get(c.getKey()));
                    for (TableInfo.ColumnInfo col : info.columns()) {
                        if (col.name().equals(found) && !columnTypes.containsKey(c.getKey())) {
                            fixed = col.mysqlType().startsWith("char(");
                        }
                    }
                    setCaseSensitive(conn, st, info.name(), found, c.getValue(), fixed);
                    if (c.getValue() && fixed) CharColumns.mark(conn, database, info.name(), found);
                }
                for (Map.Entry<String, List<String>> c : sets.entrySet()) {
                    String found = columnNamed(info, c.getKey());
                    if (found == null) continue;
                    TemporaryTableDdl.execute(st, "ALTER TABLE " + qualified(info.name()) + " ADD CHECK ("
                            + SetColumns.check(H2StorageEngine.ident(found), c.getValue()) + ")");
                    SetColumns.ensureTrigger(conn, database, info.name());
                }
            }
        }

        /**
         * Makes a VARCHAR or TEXT column H2's VARCHAR_IGNORECASE (of the case-sensitive TEXT
         * domain), which {@link PerThreadCollation} compares by code point, or back; other types are left.
         */
        private void setCaseSensitive(Connection conn, Statement st, String realTable, String column, boolean cased,
                                      boolean fixed) throws SQLException {
            String dataType;
            long length;
            String domain;
            try (PreparedStatement ps = conn.prepareStatement("SELECT DATA_TYPE, CHARACTER_MAXIMUM_LENGTH, DOMAIN_NAME"
                    + " FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? AND COLUMN_NAME = ?")) {
                ps.setString(1, database);
                ps.setString(2, realTable);
                ps.setString(3, column);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) return;
                    dataType = rs.getString(1);
                    length = rs.getLong(2);
                    domain = rs.getString(3);
                }
            }
            boolean isCased = "VARCHAR_IGNORECASE".equals(dataType);
            if (isCased == cased || !(isCased || "CHARACTER VARYING".equals(dataType) || "CHARACTER".equals(dataType))) {
                return;
            }
            String type = domain != null ? ColumnDomains.withCase(domain, cased)
                    : (cased ? "VARCHAR_IGNORECASE(" : fixed ? "CHARACTER(" : "CHARACTER VARYING(") + length + ")";
            if (type == null) return;
            TemporaryTableDdl.execute(st, "ALTER TABLE " + qualified(realTable) + " ALTER COLUMN " + H2StorageEngine.ident(column)
                    + " SET DATA TYPE " + type);
        }

        /** After {@link #after} failed: the table a CREATE TABLE made goes, as MySQL leaves none. */
        void undo(Connection conn) throws SQLException {
            if (!create || existed) return;
            try (Statement st = conn.createStatement()) {
                TemporaryTableDdl.execute(st, "DROP TABLE IF EXISTS " + H2StorageEngine.ident(database) + "." + H2StorageEngine.ident(table));
            }
        }

        private boolean databaseCaseSensitive(Connection conn) throws SQLException {
            return !databaseCollation(conn, database).setDefault();
        }

        private boolean exists(Connection conn) throws SQLException {
            return TableMetadata.uncached(conn).describe(database, table) != null;
        }

        private String qualified(String realName) {
            return H2StorageEngine.ident(database) + "." + H2StorageEngine.ident(realName);
        }

        /** Drops the checks of ours on {@code column}; its VARCHAR length's only if {@code length}. */
        private void dropChecks(Connection conn, Statement st, String realTable, String column, boolean length)
                throws SQLException {
            for (Check check : checks(conn, database, realTable, column)) {
                boolean lengthCheck = CodePointLengths.isCheck(check.clause());
                if (lengthCheck ? !length : !CHECK.matcher(check.clause().strip()).matches()
                        && SetColumns.parse(check.clause()) == null && !CharColumns.isCheck(check.clause())) {
                    continue;
                }
                TemporaryTableDdl.execute(st, "ALTER TABLE " + qualified(realTable) + " DROP CONSTRAINT "
                        + H2StorageEngine.ident(database) + "." + H2StorageEngine.ident(check.name()));
            }
        }

        private static String columnNamed(TableInfo info, String name) {
            for (TableInfo.ColumnInfo c : info.columns()) {
                if (c.name().equalsIgnoreCase(name)) return c.name();
            }
            return null;
        }
    }

    private static String call(String quotedColumn, MysqlCharset cs) {
        return "PUBLIC.\"" + CHECK_ALIAS + "\"(" + quotedColumn + ", '" + cs.mysqlName() + "')";
    }
}
