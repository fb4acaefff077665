package io.minisqld.server.engine.h2;

import io.minisqld.server.error.ErrorCode;
import io.minisqld.server.sql.Token;
import io.minisqld.server.sql.TokenType;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code ALTER TABLE t ADD c type NOT NULL} without a DEFAULT, as MySQL 5.7: the table's rows get
 * the type's implicit default (0, '', an ENUM's first member, '00:00:00', JSON null …) and the
 * column keeps no default, so an INSERT that leaves it out is still 1364. A DATE, DATETIME or
 * TIMESTAMP column's implicit default is the zero date, which NO_ZERO_DATE refuses: on a table
 * with rows that is MySQL's 1292 "Incorrect datetime value: '0000-00-00 00:00:00' for column 'c'
 * at row 1", and nothing changes. The engine had refused every such column with 1048, the
 * migration "add a NOT NULL column" failing on any table with rows.
 */
final class ImplicitDefaults {
    /** The alias of {@link #requireNoRows}. */
    static final String NO_ROWS_ALIAS = "minisqld_require_no_rows";

    private static final Set<String> NUMBERS = Set.of("TINYINT", "SMALLINT", "MEDIUMINT", "INT", "INTEGER", "BIGINT",
            "INT1", "INT2", "INT3", "INT4", "INT8", "MIDDLEINT", "BOOL", "BOOLEAN", "DECIMAL", "DEC", "NUMERIC",
            "FIXED", "FLOAT", "DOUBLE", "REAL", "BIT", "YEAR");
    private static final Set<String> TEXTS = Set.of("CHAR", "CHARACTER", "VARCHAR", "NCHAR", "NVARCHAR", "NATIONAL",
            "TINYTEXT", "TEXT", "MEDIUMTEXT", "LONGTEXT", "LONG", "SET");
    private static final Set<String> BYTES = Set.of("BINARY", "VARBINARY", "TINYBLOB", "BLOB", "MEDIUMBLOB", "LONGBLOB");
    private static final Set<String> ZERO_DATES = Set.of("DATE", "DATETIME", "TIMESTAMP");

    private ImplicitDefaults() {
    }

    /**
     * For each {@code ADD [COLUMN] c type … NOT NULL} of an ALTER TABLE without DEFAULT,
     * AUTO_INCREMENT, a generated value or a key of its own: the implicit default written before
     * its NOT NULL ({@code prefix}) and dropped after the specification ({@code steps}); for a
     * date, a check before it that the table has no rows.
     */
    static void rewrite(List<Token> all, List<Integer> sig, Map<Integer, String> prefix,
                        Map<Integer, NumericColumns.Steps> steps) {
        TableElements.AlterTarget target = TableElements.alterTarget(all, sig);
        if (target == null) return;
        for (int start : TableElements.starts(all, sig, target.specifications(), false)) {
            addedColumn(all, sig, start, target.schema(), target.table(), prefix, steps);
        }
    }

    private static Token tok(List<Token> all, List<Integer> sig, int s) {
        return all.get(sig.get(s));
    }

    private static void addedColumn(List<Token> all, List<Integer> sig, int start, String schema, String table,
                                    Map<Integer, String> prefix, Map<Integer, NumericColumns.Steps> steps) {
        int n = sig.size();
        if (!tok(all, sig, start).is("ADD")) return;
        int k = start + 1;
        if (k < n && tok(all, sig, k).is("COLUMN")) k++;
        if (k + 1 >= n || !tok(all, sig, k).isIdentifier() || NumericColumns.isElementKeyword(tok(all, sig, k))) return;
        String column = tok(all, sig, k).value();
        Token type = tok(all, sig, k + 1);
        if (type.type() != TokenType.WORD) return;
        int notNull = -1;
        int depth = 0;
        int m = k + 1;
        for (; m < n; m++) {
            Token t = tok(all, sig, m);
            if (t.isSymbol("(")) {
                depth++;
            } else if (t.isSymbol(")")) {
                depth--;
            } else if (depth == 0) {
                if (t.isSymbol(",") || t.isSymbol(";") || t.is("FIRST") || t.is("AFTER")) break;
                if (t.is("DEFAULT") || t.is("AUTO_INCREMENT") || t.is("AS") || t.is("GENERATED") || t.is("PRIMARY")
                        || t.is("UNIQUE") || t.is("KEY") || t.is("SERIAL")) {
                    return;
                }
                if (t.is("NOT") && m + 1 < n && tok(all, sig, m + 1).is("NULL")) notNull = m;
            }
        }
        if (notNull < 0) return;
        String name = type.upper();
        List<String> before = new ArrayList<>();
        List<String> after = new ArrayList<>();
        if (ZERO_DATES.contains(name)) {
            String zero = name.equals("DATE") ? "0000-00-00" : "0000-00-00 00:00:00";
            before.add("CALL PUBLIC.\"" + NO_ROWS_ALIAS + "\"(" + (schema == null ? "NULL" : MySqlToH2.quote(schema))
                    + ", " + MySqlToH2.quote(table) + ", " + MySqlToH2.quote(column) + ", "
                    + MySqlToH2.quote(name.equals("DATE") ? "date" : "datetime") + ", " + MySqlToH2.quote(zero) + ")");
        } else {
            String implicit = implicitDefault(all, sig, k + 1, name);
            if (implicit == null) return;
            prefix.merge(sig.get(notNull), "DEFAULT " + implicit + " ", (a, b) -> b + a);
            after.add(NumericColumns.SPEC + " ALTER COLUMN " + MySqlToH2.quoteIdent(column) + " DROP DEFAULT");
        }
        steps.merge(start, new NumericColumns.Steps(before, after), NumericColumns.Steps::around);
    }

    /** The H2 literal of a type's implicit default (MySQL's Field::reset), or null for a type not known here. */
    private static String implicitDefault(List<Token> all, List<Integer> sig, int typeAt, String name) {
        if (NUMBERS.contains(name)) return "0";
        if (TEXTS.contains(name)) return "''";
        if (BYTES.contains(name)) return "X''";
        if (name.equals("TIME")) return "'00:00:00'";
        // the empty JSON value MySQL stores reads as the JSON null literal
        if (name.equals("JSON")) return "'null'";
        if (name.equals("ENUM")) {
            int open = typeAt + 1;
            if (open + 1 < sig.size() && tok(all, sig, open).isSymbol("(")
                    && tok(all, sig, open + 1).type() == TokenType.STRING) {
                return MySqlToH2.quote(tok(all, sig, open + 1).value());
            }
        }
        return null;
    }

    /**
     * Before a date column NOT NULL without a default is added: MySQL's 1292 for its zero date when
     * the table has a row (NO_ZERO_DATE); nothing when it has none. {@code schema} null: the current one.
     */
    static int requireNoRows(Connection conn, String schema, String table, String column, String type, String zero)
            throws SQLException {
        String name = null;
        try (java.sql.PreparedStatement ps = conn.prepareStatement("SELECT TABLE_SCHEMA, TABLE_NAME FROM"
                + " INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = COALESCE(?, SCHEMA()) AND LOWER(TABLE_NAME) = LOWER(?)")) {
            ps.setString(1, schema);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) name = H2StorageEngine.ident(rs.getString(1)) + "." + H2StorageEngine.ident(rs.getString(2));
            }
        }
        // no such table: the ALTER TABLE says so
        if (name == null) return 0;
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery("SELECT 1 FROM " + name + " LIMIT 1")) {
            if (rs.next()) throw ErrorCode.ER_TRUNCATED_WRONG_VALUE_FOR_COLUMN.error(type, zero, column, 1L);
        }
        return 0;
    }
}
