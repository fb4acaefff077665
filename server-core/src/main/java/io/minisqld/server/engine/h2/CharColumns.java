package io.minisqld.server.engine.h2;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CHAR columns of a case-sensitive collation. H2's fixed-length text compares as the database's
 * collation does (ignoring case), so such a column is H2's VARCHAR_IGNORECASE ({@link
 * PerThreadCollation}) and keeps MySQL's CHAR otherwise:
 * <ul>
 *   <li>a check {@code minisqld_fixed_char(`c`)}, always true, records that the column is CHAR
 *       ({@link TableMetadata} names its type {@code char(n)});</li>
 *   <li>this trigger, before each insert and update of its table, stores a value without its
 *       trailing spaces, as H2's CHAR in MySQL's mode does (MySQL gives a CHAR value back without
 *       them).</li>
 * </ul>
 */
public final class CharColumns extends TableTrigger<CharColumns.Shape> {
    static final String CHECK_ALIAS = "minisqld_fixed_char";
    /** H2 names of these triggers start with this (never a MySQL trigger's name). */
    static final String PREFIX = "#chars#";
    private static final Pattern CHECK = Pattern.compile(
            "\\(?\"PUBLIC\"\\.\"" + CHECK_ALIAS + "\"\\(\"((?:[^\"]|\"\")+)\"\\)\\)?");

    public CharColumns() {
        super(PREFIX);
    }

    /** The positions of the table's case-sensitive CHAR columns. */
    record Shape(List<Integer> positions) {
    }

    /** The check's function: true for any value (the check only records the column's type). */
    static Boolean isFixedChar(String value) {
        return value == null ? null : Boolean.TRUE;
    }

    /** The check that marks {@code quotedColumn}. */
    static String check(String quotedColumn) {
        return "PUBLIC.\"" + CHECK_ALIAS + "\"(" + quotedColumn + ")";
    }

    /** Whether a check clause is this class's. */
    static boolean isCheck(String clause) {
        return CHECK.matcher(clause.strip()).matches();
    }

    /** The case-sensitive CHAR columns among a table's checks, by lower-case name. */
    static Set<String> columns(List<ColumnCharsets.Check> checks) {
        Set<String> out = new HashSet<>();
        for (ColumnCharsets.Check c : checks) {
            Matcher m = CHECK.matcher(c.clause().strip());
            if (m.matches() && m.group(1).replace("\"\"", "\"").equalsIgnoreCase(c.column())) {
                out.add(c.column().toLowerCase(Locale.ROOT));
            }
        }
        return out;
    }

    /** Marks {@code column} of {@code table} and makes sure the table has the trigger. */
    static void mark(Connection conn, String schema, String table, String column) throws SQLException {
        try (Statement st = conn.createStatement()) {
            TemporaryTableDdl.execute(st, "ALTER TABLE " + H2StorageEngine.ident(schema) + "." + H2StorageEngine.ident(table)
                    + " ADD CHECK (" + check(H2StorageEngine.ident(column)) + ")");
        }
        ensureTrigger(conn, schema, table, CharColumns.class, PREFIX);
    }

    @Override
    public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
        if (newRow == null) return;
        for (int i : shape(conn).positions()) {
            if (i < newRow.length && newRow[i] instanceof String s && s.endsWith(" ")) {
                int n = s.length();
                while (n > 0 && s.charAt(n - 1) == ' ') n--;
                newRow[i] = s.substring(0, n);
            }
        }
    }

    @Override
    Shape describe(Connection conn, String table) throws SQLException {
        Set<String> marked = columns(ColumnCharsets.checks(conn, schema(), table, null));
        List<String> names = columnNames(conn, schema(), table);
        List<Integer> positions = new java.util.ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            if (marked.contains(names.get(i).toLowerCase(Locale.ROOT))) positions.add(i);
        }
        return new Shape(List.copyOf(positions));
    }
}
