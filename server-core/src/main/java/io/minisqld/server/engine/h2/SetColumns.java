package io.minisqld.server.engine.h2;

import io.minisqld.server.error.ErrorCode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * MySQL's {@code SET('a', 'b', …)} columns, which H2 has no type for. The column is text (the
 * members' length, {@link MySqlToH2}); its members are a CHECK constraint
 * {@code minisqld_set(`s`, 'a,b')} that {@link TableMetadata} reads back as the column's type and
 * that refuses a value not made of them; and a BEFORE INSERT / UPDATE trigger of each table with
 * SET columns stores every value as MySQL does: its members in the order the column declares
 * them, each once, in the declared case, a number as the members its bits choose. A value with
 * another member is 1265 "Data truncated", MySQL's strict-mode error.
 */
public final class SetColumns extends TableTrigger<SetColumns.Shape> {
    static final String CHECK_ALIAS = "minisqld_set";
    /** H2 names of these triggers start with this (never a MySQL trigger's name). */
    static final String PREFIX = "#sets#";
    private static final Pattern CHECK = Pattern.compile(
            "\\(?\"PUBLIC\"\\.\"" + CHECK_ALIAS + "\"\\(\"((?:[^\"]|\"\")+)\", '((?:[^']|'')*)'\\)\\)?");

    public SetColumns() {
        super(PREFIX);
    }

    /** The SET columns of the table (position → members) and its column names. */
    record Shape(Map<Integer, List<String>> members, List<String> names) {
    }

    /** The check's function: whether every member of the value is one of the column's. */
    static Boolean isMemberList(String value, String members) {
        if (value == null) return null;
        if (value.isEmpty()) return true;
        List<String> declared = Arrays.asList(members.split(",", -1));
        for (String m : value.split(",", -1)) {
            if (!declared.contains(m)) return false;
        }
        return true;
    }

    /** The check clause's column and members, or null for another check. */
    static String[] parse(String clause) {
        Matcher m = CHECK.matcher(clause.strip());
        return m.matches() ? new String[] {m.group(1).replace("\"\"", "\""), m.group(2).replace("''", "'")} : null;
    }

    /** The check that keeps {@code members} for a column ({@code quotedColumn} as H2 quotes it). */
    static String check(String quotedColumn, List<String> members) {
        return "PUBLIC.\"" + CHECK_ALIAS + "\"(" + quotedColumn + ", " + MySqlToH2.quote(String.join(",", members)) + ")";
    }

    /** The SET columns of a table: lower-case column name → members. */
    static Map<String, List<String>> columns(Connection conn, String schema, String table) throws SQLException {
        return columns(ColumnCharsets.checks(conn, schema, table, null));
    }

    /** As {@link #columns(Connection, String, String)}, from the table's checks already read. */
    static Map<String, List<String>> columns(List<ColumnCharsets.Check> checks) {
        Map<String, List<String>> out = new HashMap<>();
        for (ColumnCharsets.Check c : checks) {
            String[] p = parse(c.clause());
            if (p != null && p[0].equalsIgnoreCase(c.column())) {
                out.put(c.column().toLowerCase(Locale.ROOT), Arrays.asList(p[1].split(",", -1)));
            }
        }
        return out;
    }

    /** MySQL's type name: {@code set('a','b')}. */
    static String mysqlType(List<String> members) {
        List<String> quoted = new ArrayList<>();
        for (String m : members) quoted.add(MySqlToH2.quote(m));
        return "set(" + String.join(",", quoted) + ")";
    }

    /**
     * The call around a SET column that gives its number, the bits of its members ({@code 'x,z'}
     * of SET('x','y','z') is 5), as MySQL reads a SET in arithmetic, beside a number and in ORDER
     * BY: {prefix, suffix}, or null when {@code mysqlType} is no SET.
     */
    static String[] asNumber(String mysqlType) {
        if (mysqlType == null || !mysqlType.regionMatches(true, 0, "set(", 0, 4)) return null;
        String members = String.join(",", StringLiterals.quotedMembers(mysqlType.substring(4)));
        return new String[] {H2Functions.internalCall("setBits") + "(", ", " + MySqlToH2.quote(members) + ")"};
    }

    /** Makes sure the table has the trigger that normalizes its SET columns' values. */
    static void ensureTrigger(Connection conn, String schema, String table) throws SQLException {
        ensureTrigger(conn, schema, table, SetColumns.class, PREFIX);
    }

    /**
     * A value as the column stores it: its members in declared order, once each, in declared case
     * (they compare without case, as MySQL's default collations do); a number chooses members by
     * its bits. 1265 for anything else.
     */
    static String normalize(Object value, List<String> members, String column) {
        long bits = 0;
        String text = value.toString();
        // a number, also one the engine made text before the trigger saw it, unless a member is named so
        boolean number = value instanceof Number
                || (text.matches("[0-9]{1,19}") && members.stream().noneMatch(text::equalsIgnoreCase));
        if (number) {
            bits = value instanceof Number n ? n.longValue() : Long.parseLong(text);
            if (members.size() < 64 && (bits >>> members.size()) != 0) throw truncated(column);
        } else {
            if (!text.isEmpty()) {
                for (String part : text.split(",", -1)) {
                    int found = -1;
                    for (int i = 0; i < members.size() && found < 0; i++) {
                        if (members.get(i).equalsIgnoreCase(part)) found = i;
                    }
                    if (found < 0) throw truncated(column);
                    bits |= 1L << found;
                }
            }
        }
        List<String> chosen = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            if ((bits >>> i & 1) != 0) chosen.add(members.get(i));
        }
        return String.join(",", chosen);
    }

    private static io.minisqld.server.error.SqlError truncated(String column) {
        return ErrorCode.ER_WARN_DATA_TRUNCATED.error(column, RowLogTrigger.currentRow());
    }

    @Override
    public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
        if (newRow == null) return;
        Shape s = shape(conn);
        for (Map.Entry<Integer, List<String>> c : s.members().entrySet()) {
            int i = c.getKey();
            if (i < newRow.length && newRow[i] != null) newRow[i] = normalize(newRow[i], c.getValue(), s.names().get(i));
        }
    }

    @Override
    Shape describe(Connection conn, String table) throws SQLException {
        Map<String, List<String>> byName = columns(conn, schema(), table);
        Map<Integer, List<String>> byPosition = new HashMap<>();
        List<String> names = columnNames(conn, schema(), table);
        for (int i = 0; i < names.size(); i++) {
            List<String> m = byName.get(names.get(i).toLowerCase(Locale.ROOT));
            if (m != null) byPosition.put(i, m);
        }
        return new Shape(byPosition, names);
    }
}
