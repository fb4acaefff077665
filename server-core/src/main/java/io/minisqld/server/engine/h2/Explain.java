package io.minisqld.server.engine.h2;

import io.minisqld.server.engine.TableInfo;
import io.minisqld.server.engine.TableInfo.IndexInfo;
import io.minisqld.server.result.Column;
import io.minisqld.server.result.RowsResult;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * EXPLAIN of a SELECT, INSERT, REPLACE, UPDATE or DELETE in MySQL 5.7's twelve columns, read off
 * H2's plan: one row per table the plan reads, in its join order, with the access type and key
 * MySQL would name (PRIMARY, the user's index name) and an estimate of the rows read. H2 keeps no
 * index statistics, so the estimate of a range or non-unique lookup on constants is the count of
 * its matching index entries, read without running the statement and stopped at
 * {@link #COUNT_CAP}; a whole-table read is the table's row count; a unique lookup is 1.
 */
final class Explain {
    /** Where counting a range's rows stops: EXPLAIN stays cheap on huge ranges, as an estimate may. */
    static final long COUNT_CAP = 1_000_000;

    private static final List<Column> COLUMNS = List.of(Column.bigint("id"), Column.text("select_type"),
            Column.text("table"), Column.text("partitions"), Column.text("type"), Column.text("possible_keys"),
            Column.text("key"), Column.text("key_len"), Column.text("ref"), Column.bigint("rows"),
            Column.text("filtered"), Column.text("Extra"));

    private static final String IDENT = "\"((?:[^\"]|\"\")+)\"";
    /** A table reference in H2's plan followed by the comment that says how it is read. */
    private static final Pattern TABLE_READ = Pattern.compile(IDENT + "\\." + IDENT + "(?: " + IDENT + ")?\\s*/\\* ");
    private static final Pattern SELECT_WORD = Pattern.compile("\\bSELECT\\b");
    private static final Pattern EQUALITY = Pattern.compile("^\\(?\\s*([A-Za-z_][\\w$]*|\"[^\"]+\")\\s*=\\s*(.+?)\\)?$",
            Pattern.DOTALL);
    private static final Pattern COLUMN_REFERENCE = Pattern.compile("^[A-Za-z_\"][\\w$\"]*\\.[A-Za-z_\"][\\w$\"]*$");

    private Explain() {
    }

    /** One table's read in the plan. */
    private record Read(int id, String schema, String table, String alias, String access, int planEnd) {
    }

    /**
     * @param h2Statement the explained statement in H2's text (without EXPLAIN)
     * @param verb        its first word (SELECT, UPDATE, …)
     */
    static RowsResult rows(Connection conn, TableMetadata metadata, String h2Statement, String verb)
            throws SQLException {
        String plan;
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery("EXPLAIN " + h2Statement)) {
            plan = rs.next() ? rs.getString(1) : "";
        }
        List<Read> reads = reads(plan);
        int selects = 0;
        for (Read r : reads) selects = Math.max(selects, r.id());
        List<List<?>> rows = new ArrayList<>();
        boolean first = true;
        for (Read r : reads) {
            String selectType = first && !verb.equals("SELECT") && !verb.equals("(") ? verb
                    : selects > 1 ? (r.id() == 1 ? "PRIMARY" : "SUBQUERY") : "SIMPLE";
            first = false;
            rows.add(row(conn, metadata, r, selectType, plan));
        }
        if (rows.isEmpty()) {
            // no table read (SELECT 1, SELECT NOW()): MySQL's single row with "No tables used"
            rows.add(Arrays.asList(1L, "SIMPLE", null, null, null, null, null, null, null, null, null,
                    "No tables used"));
        }
        return RowsResult.of(COLUMNS, rows);
    }

    /** The tables of the plan, each with the SELECT it belongs to and the text of its access comment. */
    private static List<Read> reads(String plan) {
        List<Read> out = new ArrayList<>();
        String statement = withoutComments(plan);
        Matcher m = TABLE_READ.matcher(plan);
        int from = 0;
        while (from < plan.length() && m.find(from)) {
            int open = m.end() - 3;
            int close = commentEnd(plan, open);
            String access = plan.substring(m.end(), Math.max(m.end(), close - 2)).trim();
            int id = 0;
            Matcher s = SELECT_WORD.matcher(statement.substring(0, m.start()));
            while (s.find()) id++;
            out.add(new Read(Math.max(1, id), unquote(m.group(1)), unquote(m.group(2)),
                    m.group(3) == null ? null : unquote(m.group(3)), access, close));
            from = close;
        }
        return out;
    }

    /** The offset after the comment opened at {@code open}; H2 nests comments for subqueries. */
    private static int commentEnd(String plan, int open) {
        int depth = 0;
        for (int i = open; i + 1 < plan.length(); i++) {
            if (plan.startsWith("/*", i)) {
                depth++;
                i++;
            } else if (plan.startsWith("*/", i)) {
                depth--;
                i++;
                if (depth == 0) return i + 1;
            }
        }
        return plan.length();
    }

    private static String unquote(String quoted) {
        return quoted.replace("\"\"", "\"");
    }

    private static List<?> row(Connection conn, TableMetadata metadata, Read r, String selectType, String plan)
            throws SQLException {
        String shownTable = r.alias() != null ? r.alias() : r.table();
        String access = r.access();
        String extra = plan.substring(r.planEnd()).matches("(?s)\\s*(WHERE|ON|SET).*") ? "Using where" : null;
        if (access.endsWith(".tableScan") || access.contains("function: ") || !access.startsWith(r.schema() + ".")) {
            return Arrays.asList((long) r.id(), selectType, shownTable, null, "ALL", null, null, null, null,
                    tableRows(conn, r), "100.00", extra);
        }
        String rest = access.substring(r.schema().length() + 1);
        int colon = rest.indexOf(": ");
        String h2Index = unquote(stripQuotes(colon < 0 ? rest : rest.substring(0, colon)));
        Map<String, IndexInfo> indexes = metadata.indexesByH2Name(r.schema(), r.table());
        IndexInfo index = indexes.get(h2Index);
        String key = index == null ? h2Index : index.name();
        if (colon < 0) {
            // the whole index read in its order (ORDER BY, COUNT(*)): MySQL's "index" type
            return Arrays.asList((long) r.id(), selectType, shownTable, null, "index", null, key,
                    keyLength(metadata, r, index, index == null ? 0 : index.columns().size()), null,
                    tableRows(conn, r), "100.00", extra == null ? "Using index" : extra);
        }
        String condition = rest.substring(colon + 2).trim();
        List<String> conjuncts = conjuncts(condition);
        List<String> refs = new ArrayList<>();
        boolean allEqual = true;
        for (String c : conjuncts) {
            Matcher eq = EQUALITY.matcher(c.trim());
            if (!eq.matches() || eq.group(2).contains("SELECT")) {
                allEqual = false;
                continue;
            }
            String value = eq.group(2).trim();
            refs.add(COLUMN_REFERENCE.matcher(value).matches() && !value.startsWith("'")
                    ? r.schema() + "." + value.replace("\"", "") : "const");
        }
        boolean join = refs.stream().anyMatch(x -> !x.equals("const"));
        boolean unique = index != null && index.unique() && allEqual && conjuncts.size() >= index.columns().size();
        String type = allEqual ? (unique ? (join ? "eq_ref" : "const") : "ref") : "range";
        long rows = unique ? 1 : join ? Math.max(1, tableRows(conn, r) / 10) : Math.max(1, countMatching(conn, r, condition));
        int parts = allEqual ? refs.size() : prefixUsed(index, condition);
        return Arrays.asList((long) r.id(), selectType, shownTable, null, type, key, key,
                keyLength(metadata, r, index, parts), allEqual ? String.join(",", refs) : null, rows, "100.00", extra);
    }

    /** How many of the index's first columns a range condition names (at least one). */
    private static int prefixUsed(IndexInfo index, String condition) {
        if (index == null) return 0;
        int n = 0;
        for (String column : index.columns()) {
            if (!Pattern.compile("(?i)(^|[^\\w$])\"?" + Pattern.quote(column) + "\"?($|[^\\w$])").matcher(condition).find()) break;
            n++;
        }
        return Math.max(1, Math.min(n, index.columns().size()));
    }

    /**
     * MySQL's key_len: the bytes of the index's first {@code parts} columns as InnoDB stores them in
     * a key, plus 1 for each nullable one and 2 for each of variable length; null when unknown.
     */
    private static String keyLength(TableMetadata metadata, Read r, IndexInfo index, int parts) throws SQLException {
        if (index == null || parts <= 0) return null;
        TableInfo info = metadata.describe(r.schema(), r.table());
        if (info == null) return null;
        int bytesPerChar = info.createStatement() != null && info.createStatement().contains("CHARSET=utf8mb4") ? 4
                : info.createStatement() != null && info.createStatement().contains("CHARSET=utf8") ? 3 : 1;
        long total = 0;
        for (String name : index.columns().subList(0, Math.min(parts, index.columns().size()))) {
            TableInfo.ColumnInfo column = null;
            for (TableInfo.ColumnInfo c : info.columns()) {
                if (c.name().equalsIgnoreCase(name)) column = c;
            }
            if (column == null) return null;
            long bytes = columnBytes(column.mysqlType(), bytesPerChar);
            if (bytes < 0) return null;
            total += bytes + (column.nullable() ? 1 : 0);
        }
        return Long.toString(total);
    }

    private static final Pattern TYPE = Pattern.compile("^([a-z]+)(?:\\((\\d+)(?:,(\\d+))?\\))?.*");

    /** The key bytes of one column of MySQL type {@code type} (as SHOW COLUMNS prints it); -1 when unknown. */
    static long columnBytes(String type, int bytesPerChar) {
        Matcher m = TYPE.matcher(type.toLowerCase(java.util.Locale.ROOT));
        if (!m.matches()) return -1;
        long n = m.group(2) == null ? 0 : Long.parseLong(m.group(2));
        long d = m.group(3) == null ? 0 : Long.parseLong(m.group(3));
        long fractionBytes = (n + 1) / 2;
        return switch (m.group(1)) {
            case "tinyint", "year" -> 1;
            case "smallint" -> 2;
            case "mediumint", "date" -> 3;
            case "int", "integer", "float" -> 4;
            case "bigint", "double", "real" -> 8;
            case "decimal", "numeric" -> decimalBytes(n - d) + decimalBytes(d);
            case "datetime" -> 5 + fractionBytes;
            case "timestamp" -> 4 + fractionBytes;
            case "time" -> 3 + fractionBytes;
            case "char" -> n * bytesPerChar;
            case "varchar" -> n * bytesPerChar + 2;
            case "binary" -> n;
            case "varbinary" -> n + 2;
            case "enum" -> 1;
            case "set" -> 1;
            case "bit" -> (n + 7) / 8;
            default -> -1;
        };
    }

    /** The bytes of {@code digits} decimal digits in MySQL's DECIMAL format: 4 per 9, the rest packed. */
    private static long decimalBytes(long digits) {
        int[] leftover = {0, 1, 1, 2, 2, 3, 3, 4, 4};
        return digits / 9 * 4 + leftover[(int) (digits % 9)];
    }

    private static String stripQuotes(String name) {
        return name.length() > 1 && name.startsWith("\"") && name.endsWith("\"") ? name.substring(1, name.length() - 1)
                : name;
    }

    /** The condition's parts joined by AND at its top level. */
    private static List<String> conjuncts(String condition) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        int start = 0;
        boolean quoted = false;
        for (int i = 0; i < condition.length(); i++) {
            char c = condition.charAt(i);
            if (c == '\'') quoted = !quoted;
            if (quoted) continue;
            if (c == '(') depth++;
            else if (c == ')') depth--;
            else if (depth == 0 && condition.regionMatches(i, "AND", 0, 3) && i > 0
                    && Character.isWhitespace(condition.charAt(i - 1)) && i + 3 < condition.length()
                    && Character.isWhitespace(condition.charAt(i + 3))) {
                out.add(condition.substring(start, i).trim());
                start = i + 3;
            }
        }
        out.add(condition.substring(start).trim());
        return out;
    }

    /** The table's row count, as H2 keeps it (MySQL's estimate for a whole-table read). */
    private static long tableRows(Connection conn, Read r) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("SELECT ROW_COUNT_ESTIMATE FROM INFORMATION_SCHEMA.TABLES"
                + " WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?")) {
            ps.setString(1, r.schema());
            ps.setString(2, r.table());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Math.max(0, rs.getLong(1)) : 0;
            }
        }
    }

    /**
     * The rows of the table the index condition matches, counted up to {@link #COUNT_CAP}; the
     * table's row count when H2 cannot run the condition on its own.
     */
    private static long countMatching(Connection conn, Read r, String condition) throws SQLException {
        String table = quote(r.schema()) + "." + quote(r.table()) + (r.alias() == null ? "" : " " + quote(r.alias()));
        String sql = "SELECT COUNT(*) FROM (SELECT 1 FROM " + table + " WHERE " + condition + " LIMIT " + COUNT_CAP + ")";
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getLong(1) : 0;
        } catch (SQLException e) {
            return tableRows(conn, r);
        }
    }

    private static String quote(String ident) {
        return "\"" + ident.replace("\"", "\"\"") + "\"";
    }

    /** The plan with its comments blanked out (same length): the SELECTs of the statement itself. */
    private static String withoutComments(String plan) {
        StringBuilder out = new StringBuilder(plan);
        int i = plan.indexOf("/*");
        while (i >= 0) {
            int end = commentEnd(plan, i);
            for (int k = i; k < end; k++) out.setCharAt(k, ' ');
            i = plan.indexOf("/*", end);
        }
        return out.toString();
    }
}
