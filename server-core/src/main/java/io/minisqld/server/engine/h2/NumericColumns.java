package io.minisqld.server.engine.h2;

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
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * MySQL's UNSIGNED and ZEROFILL numeric columns, and MEDIUMINT, which H2 lacks. An unsigned
 * integer column is stored in the next wider H2 type with a CHECK constraint bounding MySQL's
 * range ({@code `a` BETWEEN 0 AND 255}); an unsigned DECIMAL, FLOAT or DOUBLE column keeps its type
 * with {@code `a` >= 0}; a signed MEDIUMINT is an H2 INTEGER bounded to ±2^23. The constraint is
 * also the record that the column is unsigned: {@link TableMetadata} reads it back, and
 * {@link H2Errors} turns its violation into MySQL's 1264. ZEROFILL repeats the lower bound
 * ({@code … AND `a` >= 0}) so that it can be told apart.
 */
final class NumericColumns {
    static final String DROP_CHECKS_ALIAS = "minisqld_drop_range_checks";

    /** MySQL's integer types: display widths, the H2 types that hold their ranges, the ranges. */
    enum IntegerType {
        TINYINT("tinyint", 4, 3, null, "SMALLINT", -128, 127, "255"),
        SMALLINT("smallint", 6, 5, null, "INTEGER", -32768, 32767, "65535"),
        MEDIUMINT("mediumint", 9, 8, "INTEGER", "INTEGER", -8388608, 8388607, "16777215"),
        INT("int", 11, 10, null, "BIGINT", Integer.MIN_VALUE, Integer.MAX_VALUE, "4294967295"),
        BIGINT("bigint", 20, 20, null, "NUMERIC(20)", Long.MIN_VALUE, Long.MAX_VALUE, "18446744073709551615");

        final String mysqlName;
        final int signedWidth;
        final int unsignedWidth;
        /** H2's type for the signed column when it needs a bounding check (MEDIUMINT), else null. */
        final String signedH2;
        final String unsignedH2;
        final long min;
        final long max;
        final BigInteger unsignedMax;

        IntegerType(String mysqlName, int signedWidth, int unsignedWidth, String signedH2, String unsignedH2,
                    long min, long max, String unsignedMax) {
            this.mysqlName = mysqlName;
            this.signedWidth = signedWidth;
            this.unsignedWidth = unsignedWidth;
            this.signedH2 = signedH2;
            this.unsignedH2 = unsignedH2;
            this.min = min;
            this.max = max;
            this.unsignedMax = new BigInteger(unsignedMax);
        }

        static IntegerType of(Token t) {
            if (t.type() != TokenType.WORD) return null;
            return switch (t.upper()) {
                case "TINYINT", "INT1" -> TINYINT;
                case "SMALLINT", "INT2" -> SMALLINT;
                case "MEDIUMINT", "MIDDLEINT", "INT3" -> MEDIUMINT;
                case "INT", "INTEGER", "INT4" -> INT;
                case "BIGINT", "INT8" -> BIGINT;
                default -> null;
            };
        }
    }

    private static final Set<String> FIXED_POINT = Set.of("DECIMAL", "DEC", "NUMERIC", "FIXED");
    private static final Set<String> OTHER_NUMERIC = Set.of("DECIMAL", "DEC", "NUMERIC", "FIXED", "FLOAT", "DOUBLE",
            "REAL");

    /** What a stored check says about its column, as H2 writes the check back. */
    record Range(String column, IntegerType integer, boolean unsigned, boolean zerofill) {
        /** The range without its column: equal for equal checks. */
        String key() {
            return integer + "/" + unsigned + "/" + zerofill;
        }

        /** MySQL's name of the column's type, given what H2 reports for a non-integer column. */
        String mysqlType(String nonIntegerType) {
            String base = integer == null ? nonIntegerType
                    : integer.mysqlName + "(" + (unsigned ? integer.unsignedWidth : integer.signedWidth) + ")";
            return base + (unsigned ? " unsigned" : "") + (zerofill ? " zerofill" : "");
        }
    }

    private static final Pattern BETWEEN = Pattern.compile(
            "\\(?\"((?:[^\"]|\"\")+)\" BETWEEN (-?\\d+) AND (\\d+)\\)?(\\s+AND \\(.*)?", Pattern.DOTALL);
    private static final Pattern NON_NEGATIVE = Pattern.compile(
            "\\(?\"((?:[^\"]|\"\")+)\" >= (?:CAST\\()?0(?:\\.0)?(?: AS [^)]*\\))?\\)?(\\s+AND \\(.*)?", Pattern.DOTALL);

    private NumericColumns() {
    }

    /** The range a check clause of ours stands for, or null for any other check. */
    static Range parse(String clause) {
        Matcher m = BETWEEN.matcher(clause.strip());
        if (m.matches()) {
            String column = m.group(1).replace("\"\"", "\"");
            long lo = Long.parseLong(m.group(2));
            BigInteger hi = new BigInteger(m.group(3));
            for (IntegerType t : IntegerType.values()) {
                if (lo == 0 && hi.equals(t.unsignedMax)) return new Range(column, t, true, m.group(4) != null);
                if (t.signedH2 != null && lo == t.min && hi.equals(BigInteger.valueOf(t.max))) {
                    return new Range(column, t, false, false);
                }
            }
            return null;
        }
        m = NON_NEGATIVE.matcher(clause.strip());
        if (m.matches()) return new Range(m.group(1).replace("\"\"", "\""), null, true, m.group(2) != null);
        return null;
    }

    /**
     * The numeric column definitions of a CREATE TABLE or ALTER TABLE in H2's terms. A CREATE TABLE
     * column or an ALTER TABLE ADD gets its check in its definition; H2's MODIFY and CHANGE take
     * none, so those get statements to run around them ({@code steps}): the new range check is added
     * first, the old ones are dropped after, and CHANGE (whose type H2 ignores) becomes a MODIFY
     * followed by a rename.
     *
     * @param steps sig index of an ALTER TABLE specification → H2 statements to run before it and after it
     */
    static void rewrite(List<Token> all, List<Integer> sig, boolean create, Map<Integer, String> replace,
                        Set<Integer> drop, Map<Integer, String> append, Map<Integer, Steps> steps) {
        int n = sig.size();
        int s = 1;
        while (s < n && !all.get(sig.get(s)).is("TABLE")) s++;
        s++;
        if (create && s + 2 < n && all.get(sig.get(s)).is("IF")) s += 3;
        if (s >= n || !all.get(sig.get(s)).isIdentifier()) return;
        String schema = null;
        String table = all.get(sig.get(s)).value();
        if (s + 2 < n && all.get(sig.get(s + 1)).isSymbol(".") && all.get(sig.get(s + 2)).isIdentifier()) {
            schema = table;
            table = all.get(sig.get(s + 2)).value();
            s += 2;
        }
        s++;
        int elementDepth = create ? 1 : 0;
        for (int start : TableElements.starts(all, sig, s, create)) {
            element(all, sig, start, elementDepth, create, schema, table, replace, drop, append, steps);
        }
    }

    /** Marks a step that continues the statement's {@code ALTER TABLE name} (a step without it is whole). */
    static final String SPEC = "\0";

    /** H2 statements to run before and after one ALTER TABLE specification. */
    record Steps(List<String> before, List<String> after) {
        /** These steps and {@code later}'s: {@code later}'s before steps first, its after steps last. */
        Steps around(Steps later) {
            List<String> b = new ArrayList<>(later.before());
            b.addAll(before);
            List<String> a = new ArrayList<>(after);
            a.addAll(later.after());
            return new Steps(b, a);
        }
    }

    private static void element(List<Token> all, List<Integer> sig, int k, int elementDepth, boolean create,
                                String schema, String table, Map<Integer, String> replace, Set<Integer> drop,
                                Map<Integer, String> append, Map<Integer, Steps> steps) {
        int n = sig.size();
        int start = k;
        String oldName = null;
        boolean inline = create;
        if (!create) {
            Token verb = all.get(sig.get(k));
            if (verb.is("ADD")) {
                inline = true;
            } else if (!verb.is("MODIFY") && !verb.is("CHANGE")) {
                return;
            }
            k++;
            if (k < n && all.get(sig.get(k)).is("COLUMN")) k++;
            if (k >= n || !all.get(sig.get(k)).isIdentifier()) return;
            if (verb.is("CHANGE")) {
                oldName = all.get(sig.get(k)).value();
                k++;
                if (k >= n || !all.get(sig.get(k)).isIdentifier()) return;
            } else if (verb.is("MODIFY")) {
                oldName = all.get(sig.get(k)).value();
            }
        }
        Token name = all.get(sig.get(k));
        if (!name.isIdentifier() || k + 1 >= n || (create && isElementKeyword(name))) return;
        if (!create && all.get(sig.get(start)).is("ADD") && isElementKeyword(name)) return;
        List<String> before = new ArrayList<>();
        List<String> after = new ArrayList<>();
        String column = oldName != null ? oldName : name.value();
        String check = typeCheck(all, sig, k + 1, column, replace, drop);
        if (inline) {
            if (check == null) return;
            int last = lastOfDefinition(all, sig, k + 1, elementDepth, create);
            append.merge(sig.get(last), " CHECK (" + check + ")", (a, b) -> b + a);
            return;
        }
        // MODIFY / CHANGE: the new range is checked against the rows first (nothing has changed when
        // they do not fit), the column changes, is renamed, and then loses its old range checks
        if (check != null) before.add(SPEC + " ADD CHECK (" + check + ")");
        if (all.get(sig.get(start)).is("CHANGE")) {
            // H2's CHANGE only renames: MODIFY the old name, then rename it
            replace.put(sig.get(start), "MODIFY COLUMN");
            for (int d = start + 1; d <= k; d++) {
                if (all.get(sig.get(d)).is("COLUMN") || d == k) drop.add(sig.get(d));
            }
            if (!oldName.equals(name.value())) {
                after.add(SPEC + " ALTER COLUMN " + MySqlToH2.quoteIdent(oldName) + " RENAME TO "
                        + MySqlToH2.quoteIdent(name.value()));
            }
        }
        Range kept = check == null ? null : parse(check.replace('`', '"'));
        after.add("CALL PUBLIC.\"" + DROP_CHECKS_ALIAS + "\"(" + (schema == null ? "NULL" : MySqlToH2.quote(schema))
                + ", " + MySqlToH2.quote(table) + ", " + MySqlToH2.quote(name.value()) + ", "
                + (kept == null ? "NULL" : MySqlToH2.quote(kept.key())) + ")");
        steps.put(start, new Steps(before, after));
    }

    static boolean isElementKeyword(Token t) {
        if (t.type() != TokenType.WORD) return false;
        return switch (t.upper()) {
            case "PRIMARY", "KEY", "INDEX", "UNIQUE", "CONSTRAINT", "FOREIGN", "CHECK", "FULLTEXT", "SPATIAL",
                    "PARTITION" -> true;
            default -> false;
        };
    }

    /**
     * Rewrites the type at sig index {@code k} when it is a numeric type that needs a range check,
     * and returns that check's condition; null when the type is left to H2.
     */
    private static String typeCheck(List<Token> all, List<Integer> sig, int k, String column,
                                    Map<Integer, String> replace, Set<Integer> drop) {
        int n = sig.size();
        Token type = all.get(sig.get(k));
        if ((type.is("BOOL") || type.is("BOOLEAN")) && type.type() == TokenType.WORD) {
            // MySQL's BOOL is TINYINT(1): it keeps 7 as 7 (the engine's BOOLEAN made it 1)
            replace.put(sig.get(k), ColumnDomains.tinyint1());
            return null;
        }
        IntegerType integer = IntegerType.of(type);
        if (integer == null && (type.type() != TokenType.WORD || !OTHER_NUMERIC.contains(type.upper()))) return null;
        int m = k + 1;
        if (m < n && all.get(sig.get(m)).is("PRECISION")) m++;
        int widthFrom = -1;
        int widthTo = -1;
        if (m < n && all.get(sig.get(m)).isSymbol("(")) {
            widthFrom = m;
            while (m < n && !all.get(sig.get(m)).isSymbol(")")) m++;
            widthTo = m;
            m++;
        }
        boolean unsigned = false;
        boolean zerofill = false;
        for (; m < n; m++) {
            Token w = all.get(sig.get(m));
            if (w.is("UNSIGNED")) unsigned = true;
            else if (w.is("ZEROFILL")) zerofill = true;
            else if (!w.is("SIGNED")) break;
            drop.add(sig.get(m));
        }
        // ZEROFILL implies UNSIGNED in MySQL
        unsigned |= zerofill;
        String col = MySqlToH2.quoteIdent(column);
        String zero = zerofill ? " AND " + col + " >= 0" : "";
        // MySQL's DECIMAL without a precision is DECIMAL(10,0); H2's would take 100000 digits
        if (integer == null && widthFrom < 0 && FIXED_POINT.contains(type.upper())) replace.put(sig.get(k), "DECIMAL(10)");
        if (integer == null) return unsigned ? col + " >= 0" + zero : null;
        if (!unsigned && integer == IntegerType.TINYINT && widthTo == widthFrom + 2
                && all.get(sig.get(widthFrom + 1)).text().equals("1")) {
            // TINYINT(1): its width is what clients read as a truth (ColumnDomains)
            replace.put(sig.get(k), ColumnDomains.tinyint1());
            for (int d = widthFrom; d <= widthTo; d++) drop.add(sig.get(d));
            return null;
        }
        if (!unsigned && integer.signedH2 == null) return null;
        replace.put(sig.get(k), unsigned ? integer.unsignedH2 : integer.signedH2);
        if (widthFrom >= 0) {
            // the display width means nothing to the range, and NUMERIC(20) has its own parentheses
            for (int d = widthFrom; d <= widthTo; d++) drop.add(sig.get(d));
        }
        return unsigned ? col + " BETWEEN 0 AND " + integer.unsignedMax + zero
                : col + " BETWEEN " + integer.min + " AND " + integer.max;
    }

    /**
     * The sig index of the last token of the column definition whose type starts at {@code k}: the
     * element ends at a "," or ")" of its own level, or (ALTER TABLE) before FIRST / AFTER.
     */
    private static int lastOfDefinition(List<Token> all, List<Integer> sig, int k, int elementDepth, boolean create) {
        int depth = elementDepth;
        int last = k;
        for (int m = k; m < sig.size(); m++) {
            Token t = all.get(sig.get(m));
            if (depth == elementDepth && (t.isSymbol(",") || t.isSymbol(";")
                    || (!create && (t.is("FIRST") || t.is("AFTER"))))) {
                return last;
            }
            if (t.isSymbol("(")) {
                depth++;
            } else if (t.isSymbol(")")) {
                if (depth == elementDepth) return last;
                depth--;
            }
            last = m;
        }
        return last;
    }

    /**
     * The alias {@link #DROP_CHECKS_ALIAS} ({@link H2Functions#dropRangeChecks}): drops the range
     * checks of ours on one column after MODIFY or CHANGE gave it a new type, all but one of the
     * range {@code keep} ({@link Range#key}; null: keep none). {@code schema} null: the current one.
     */
    static int dropRangeChecks(Connection conn, String schema, String table, String column, String keep)
            throws SQLException {
        boolean kept = false;
        Map<String, String> found = new HashMap<>();
        try (PreparedStatement ps = conn.prepareStatement("SELECT k.CONSTRAINT_SCHEMA, k.CONSTRAINT_NAME, k.CHECK_CLAUSE"
                + " FROM INFORMATION_SCHEMA.CHECK_CONSTRAINTS k JOIN INFORMATION_SCHEMA.CONSTRAINT_COLUMN_USAGE u"
                + " ON u.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA AND u.CONSTRAINT_NAME = k.CONSTRAINT_NAME"
                + " WHERE u.TABLE_SCHEMA = COALESCE(?, SCHEMA()) AND u.TABLE_NAME = ? AND u.COLUMN_NAME = ?")) {
            ps.setString(1, schema);
            ps.setString(2, table);
            ps.setString(3, column);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Range r = parse(rs.getString(3));
                    if (r == null || !r.column().equalsIgnoreCase(column)) continue;
                    if (!kept && r.key().equals(keep)) kept = true;
                    else found.put(rs.getString(2), rs.getString(1));
                }
            }
        }
        for (Map.Entry<String, String> e : found.entrySet()) {
            try (Statement st = conn.createStatement()) {
                TemporaryTableDdl.execute(st, "ALTER TABLE " + MySqlToH2.quoteIdent(e.getValue()) + "." + MySqlToH2.quoteIdent(table)
                        + " DROP CONSTRAINT " + MySqlToH2.quoteIdent(e.getValue()) + "."
                        + MySqlToH2.quoteIdent(e.getKey()));
            }
        }
        return found.size();
    }

    /** Lower-case column name → its range, for the checks of ours on one table. */
    static Map<String, Range> ranges(Connection conn, String schema, String table) throws SQLException {
        return ranges(ColumnCharsets.checks(conn, schema, table, null));
    }

    /** As {@link #ranges(Connection, String, String)}, from the table's checks already read. */
    static Map<String, Range> ranges(List<ColumnCharsets.Check> checks) {
        Map<String, Range> out = new HashMap<>();
        for (ColumnCharsets.Check c : checks) {
            Range r = parse(c.clause());
            if (r != null && r.column().equalsIgnoreCase(c.column())) out.put(c.column().toLowerCase(Locale.ROOT), r);
        }
        return out;
    }

    private static final Pattern ADD_CHECK = Pattern.compile(" ADD CHECK \\(`((?:[^`]|``)+)` (?:BETWEEN|>=) ");

    /** The column of an ALTER TABLE step that adds a range check of ours, or null for any other statement. */
    static String addedCheckColumn(String h2Statement) {
        Matcher m = ADD_CHECK.matcher(h2Statement);
        return m.find() ? m.group(1).replace("``", "`") : null;
    }

    /** The column a violated check of ours bounds, or null when the check is not one of ours. */
    static String checkedColumn(Connection conn, String schema, String constraint) {
        String clause = ColumnCharsets.checkClause(conn, schema, constraint);
        Range r = clause == null ? null : parse(clause);
        return r == null ? null : r.column();
    }
}
