package io.minisqld.server.engine.h2;

import io.minisqld.server.charset.Collation;
import io.minisqld.server.charset.MysqlCharset;
import io.minisqld.server.engine.TableInfo;
import io.minisqld.server.engine.TableInfo.ColumnInfo;
import io.minisqld.server.engine.TableInfo.IndexInfo;
import io.minisqld.server.result.Column;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Tables as MySQL 5.7 describes them (SHOW COLUMNS, SHOW CREATE TABLE, key flags of result
 * columns), read from H2's INFORMATION_SCHEMA on one session's connection. Used by that session's
 * thread only.
 */
final class TableMetadata implements H2Results.TableColumns {
    /** Names H2 makes up for unnamed constraints and indexes; MySQL names those after their first column. */
    private static final Pattern GENERATED = Pattern.compile("(?:CONSTRAINT_INDEX_|CONSTRAINT_|INDEX_)[0-9A-F]+(?:_[0-9]+)?");

    private final Connection conn;
    /** The engine's schema generation: any session's DDL moves it on, and the caches below start again. */
    private final LongSupplier schemaGeneration;
    private long cachedAt = -1;
    /** "schema\0table" → lower-case column name → key flags, UNSIGNED and ZEROFILL. */
    private final Map<String, Map<String, Integer>> flagCache = new HashMap<>();
    /** "schema\0table" → lower-case column name → the range check of a numeric column ({@link NumericColumns}). */
    private final Map<String, Map<String, NumericColumns.Range>> rangeCache = new HashMap<>();
    /** "schema\0table" → lower-case column name → its domain ({@link ColumnDomains}), for the columns of one. */
    private final Map<String, Map<String, String>> domainCache = new HashMap<>();
    /** "schema\0table" → its description (of a table that exists). */
    private final Map<String, TableInfo> described = new HashMap<>();

    TableMetadata(Connection conn, LongSupplier schemaGeneration) {
        this.conn = conn;
        this.schemaGeneration = schemaGeneration;
    }

    /** For one query's use (INFORMATION_SCHEMA rows): nothing outlives it. */
    static TableMetadata uncached(Connection conn) {
        AtomicLong calls = new AtomicLong();
        return new TableMetadata(conn, calls::incrementAndGet);
    }

    /** Drops what was cached before the last schema change (read before the lookup it guards). */
    private void forgetIfSchemaChanged() {
        long now = schemaGeneration.getAsLong();
        if (now != cachedAt) {
            flagCache.clear();
            rangeCache.clear();
            domainCache.clear();
            described.clear();
            cachedAt = now;
        }
    }

    static boolean isGeneratedName(String name) {
        return GENERATED.matcher(name).matches();
    }

    /** The integer type MySQL declared for one result column of a real table; null for any other. */
    @Override
    public NumericColumns.IntegerType integerType(String[] schemaTableColumn) {
        flags(schemaTableColumn);
        Map<String, NumericColumns.Range> ranges = rangeCache.get(schemaTableColumn[0] + "\0" + schemaTableColumn[1]);
        NumericColumns.Range r = ranges == null ? null : ranges.get(schemaTableColumn[2].toLowerCase(Locale.ROOT));
        return r == null ? null : r.integer();
    }

    /** The domain of one result column of a real table, null for a column of none. */
    @Override
    public String domain(String[] schemaTableColumn) {
        forgetIfSchemaChanged();
        Map<String, String> columns = domainCache.computeIfAbsent(schemaTableColumn[0] + "\0" + schemaTableColumn[1], k -> {
            Map<String, String> found = new HashMap<>();
            try (PreparedStatement ps = conn.prepareStatement("SELECT COLUMN_NAME, DOMAIN_NAME FROM INFORMATION_SCHEMA.COLUMNS"
                    + " WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? AND DOMAIN_NAME IS NOT NULL")) {
                ps.setString(1, schemaTableColumn[0]);
                ps.setString(2, schemaTableColumn[1]);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) found.put(rs.getString(1).toLowerCase(Locale.ROOT), rs.getString(2));
                }
            } catch (SQLException e) {
                // a hint to clients: a table dropped meanwhile has none
            }
            if (found.isEmpty()) found.putAll(viewDomains(schemaTableColumn[0], schemaTableColumn[1]));
            return found;
        });
        return columns.get(schemaTableColumn[2].toLowerCase(Locale.ROOT));
    }

    /**
     * A view's columns that are a table column as it is (a BIT, YEAR or TINYINT(1) read through a
     * view is sent as MySQL sends the column): lower-case view column → that column's domain. The
     * engine gives a view's columns no domain of their own.
     */
    private Map<String, String> viewDomains(String schema, String view) {
        Map<String, String> out = new HashMap<>();
        if (!(conn instanceof org.h2.jdbc.JdbcConnection jc) || !(jc.getSession() instanceof org.h2.engine.SessionLocal h2)) {
            return out;
        }
        org.h2.schema.Schema s = h2.getDatabase().findSchema(schema);
        org.h2.table.Table t = s == null ? null : s.findTableOrView(h2, view);
        if (!(t instanceof org.h2.table.TableView v) || v.isInvalid()) return out;
        try {
            if (!(h2.prepare(v.getQuerySQL()) instanceof org.h2.command.query.Query q)) return out;
            List<org.h2.expression.Expression> expressions = q.getExpressions();
            org.h2.table.Column[] columns = v.getColumns();
            for (int i = 0; i < columns.length && i < expressions.size(); i++) {
                if (expressions.get(i).getNonAliasExpression() instanceof org.h2.expression.ExpressionColumn c
                        && c.getColumn() != null && c.getColumn().getDomain() != null) {
                    out.put(columns[i].getName().toLowerCase(Locale.ROOT), c.getColumn().getDomain().getName());
                }
            }
        } catch (RuntimeException e) {
            // a view the engine cannot compile now: its columns go as the engine types them
        }
        return out;
    }

    /** PRI_KEY / UNIQUE_KEY / MULTIPLE_KEY, UNSIGNED and ZEROFILL for one result column of a real table. */
    @Override
    public int flags(String[] schemaTableColumn) {
        forgetIfSchemaChanged();
        String cacheKey = schemaTableColumn[0] + "\0" + schemaTableColumn[1];
        Map<String, Integer> flags = flagCache.get(cacheKey);
        if (flags == null) {
            flags = new HashMap<>();
            Map<String, NumericColumns.Range> ranges = Map.of();
            try {
                ranges = NumericColumns.ranges(conn, schemaTableColumn[0], schemaTableColumn[1]);
                for (Map.Entry<String, NumericColumns.Range> r : ranges.entrySet()) {
                    int f = (r.getValue().unsigned() ? Column.UNSIGNED : 0) | (r.getValue().zerofill() ? Column.ZEROFILL : 0);
                    if (f != 0) flags.put(r.getKey(), f);
                }
                for (IndexInfo idx : indexes(schemaTableColumn[0], schemaTableColumn[1])) {
                    for (int i = 0; i < idx.columns().size(); i++) {
                        String c = idx.columns().get(i).toLowerCase(Locale.ROOT);
                        int f = idx.name().equals("PRIMARY") ? Column.PRI_KEY
                                : idx.unique() && idx.columns().size() == 1 ? Column.UNIQUE_KEY
                                : i == 0 ? Column.MULTIPLE_KEY : 0;
                        flags.merge(c, f, (a, b) -> a | b);
                    }
                }
            } catch (SQLException e) {
                // key flags are a hint to clients; a table dropped meanwhile simply has none
                flags = Map.of();
            }
            flagCache.put(cacheKey, flags);
            rangeCache.put(cacheKey, ranges);
        }
        return flags.getOrDefault(schemaTableColumn[2].toLowerCase(Locale.ROOT), 0);
    }

    /**
     * The tables and views of a schema, sorted by name, without columns; not the session's
     * temporary tables, which MySQL's SHOW TABLES and information_schema.TABLES leave out.
     */
    List<TableInfo> tables(String schema) throws SQLException {
        List<TableInfo> out = new ArrayList<>();
        try (PreparedStatement ps = conn.prepareStatement("SELECT TABLE_NAME, TABLE_TYPE FROM INFORMATION_SCHEMA.TABLES"
                + " WHERE TABLE_SCHEMA = ? AND TABLE_TYPE <> 'LOCAL TEMPORARY' ORDER BY TABLE_NAME")) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new TableInfo(schema, rs.getString(1), "VIEW".equals(rs.getString(2)), List.of(),
                            List.of(), null));
                }
            }
        }
        out.sort((a, b) -> a.name().compareTo(b.name()));
        return out;
    }

    /**
     * The whole description, or null if the table does not exist. Kept until the next schema
     * change: an INSERT's string literals and result sets' key flags ask for it on every statement.
     */
    TableInfo describe(String schema, String table) throws SQLException {
        forgetIfSchemaChanged();
        String key = schema + "\0" + table;
        TableInfo cached = described.get(key);
        if (cached != null) return cached;
        TableInfo info = describeFromEngine(schema, table);
        if (info != null) described.put(key, info);
        return info;
    }

    private TableInfo describeFromEngine(String schema, String table) throws SQLException {
        String name;
        boolean view;
        boolean temporary;
        String viewDefinition = null;
        MysqlCharset tableCharset;
        boolean tableCased;
        String tableComment;
        try (PreparedStatement ps = conn.prepareStatement("SELECT TABLE_NAME, TABLE_TYPE, REMARKS"
                + " FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?")) {
            ps.setString(1, schema);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return null;
                name = rs.getString(1);
                view = "VIEW".equals(rs.getString(2));
                temporary = "LOCAL TEMPORARY".equals(rs.getString(2));
                tableCharset = view ? MysqlCharset.UTF8MB4 : ColumnCharsets.fromRemark(rs.getString(3));
                tableCased = !view && ColumnCharsets.caseSensitiveFromRemark(rs.getString(3));
                tableComment = view ? "" : ColumnCharsets.commentOf(rs.getString(3));
            }
        }
        if (view) {
            try (PreparedStatement ps = conn.prepareStatement("SELECT V.VIEW_DEFINITION, T.REMARKS FROM"
                    + " INFORMATION_SCHEMA.VIEWS V JOIN INFORMATION_SCHEMA.TABLES T ON T.TABLE_SCHEMA = V.TABLE_SCHEMA"
                    + " AND T.TABLE_NAME = V.TABLE_NAME WHERE V.TABLE_SCHEMA = ? AND V.TABLE_NAME = ?")) {
                ps.setString(1, schema);
                ps.setString(2, name);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        String mysql = rs.getString(2);
                        // the MySQL text CREATE VIEW gave (ViewDefinitions), else H2's own
                        viewDefinition = mysql != null && mysql.startsWith(ViewDefinitions.MARK)
                                ? mysql.substring(ViewDefinitions.MARK.length()) : "AS " + rs.getString(1);
                    }
                }
            }
        }
        List<IndexInfo> indexes = indexes(schema, name);
        // the checks that keep unsigned ranges, character sets and SET members, read once
        List<ColumnCharsets.Check> checks = ColumnCharsets.checks(conn, schema, name, null);
        Map<String, NumericColumns.Range> ranges = NumericColumns.ranges(checks);
        Map<String, MysqlCharset> charsets = ColumnCharsets.columns(checks);
        Map<String, List<String>> sets = SetColumns.columns(checks);
        Set<String> fixedChars = CharColumns.columns(checks);
        Map<String, Long> characters = CodePointLengths.columns(checks);
        List<ColumnInfo> columns = new ArrayList<>();
        List<String> columnDefs = new ArrayList<>();
        try (PreparedStatement ps = conn.prepareStatement("SELECT COLUMN_NAME, COLUMN_DEFAULT, IS_NULLABLE, DATA_TYPE,"
                + " CHARACTER_MAXIMUM_LENGTH, NUMERIC_PRECISION, NUMERIC_SCALE, DATETIME_PRECISION, IS_IDENTITY,"
                + " DTD_IDENTIFIER, COLUMN_ON_UPDATE, DOMAIN_NAME, REMARKS FROM INFORMATION_SCHEMA.COLUMNS"
                + " WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION")) {
            ps.setString(1, schema);
            ps.setString(2, name);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String col = rs.getString(1);
                    String h2Default = rs.getString(2);
                    boolean nullable = "YES".equals(rs.getString(3));
                    String onUpdate = rs.getString(11);
                    String domainType = ColumnDomains.mysqlType(rs.getString(12));
                    String h2Type = domainType != null ? domainType : rs.getString(4);
                    String type = mysqlType(schema, name, h2Type, rs.getLong(5), rs.getInt(6),
                            rs.getInt(7), rs.getInt(8), rs.getString(10), h2Default, onUpdate);
                    NumericColumns.Range range = ranges.get(col.toLowerCase(Locale.ROOT));
                    if (range != null) type = range.mysqlType(type);
                    List<String> members = sets.get(col.toLowerCase(Locale.ROOT));
                    if (members != null) type = SetColumns.mysqlType(members);
                    // a CHAR column of a case-sensitive collation is H2's VARCHAR_IGNORECASE (CharColumns)
                    if (fixedChars.contains(col.toLowerCase(Locale.ROOT))) type = "char(" + rs.getLong(5) + ")";
                    // a VARCHAR(n) counted in characters is the engine's VARCHAR(2n) (CodePointLengths)
                    Long n = characters.get(col.toLowerCase(Locale.ROOT));
                    if (n != null && type.startsWith("varchar(")) type = "varchar(" + n + ")";
                    boolean identity = "YES".equals(rs.getString(9));
                    String def = identity ? null : mysqlDefault(h2Default, type);
                    String extra = identity ? "auto_increment"
                            : onUpdate != null ? "on update " + onUpdate.toUpperCase(Locale.ROOT) : "";
                    String key = ""; // once every column's nullability is known (columnKeys)
                    MysqlCharset charset = ColumnInfo.isText(type)
                            ? charsets.getOrDefault(col.toLowerCase(Locale.ROOT), MysqlCharset.UTF8MB4) : null;
                    String comment = rs.getString(13) == null ? "" : rs.getString(13);
                    // H2's VARCHAR_IGNORECASE is a case-sensitive collation's text (PerThreadCollation)
                    boolean cased = charset != null && "VARCHAR_IGNORECASE".equals(rs.getString(4));
                    columns.add(new ColumnInfo(col, type, nullable, def, extra, key,
                            charset == null ? null : charset.mysqlName(), comment, cased));
                    // MySQL names a column's set where its collation is not the table's, and the
                    // collation where it is not its set's default
                    String declared = charset == null || (charset == tableCharset && cased == tableCased) ? type
                            : type + " CHARACTER SET " + charset.mysqlName();
                    if (cased) declared += " COLLATE " + Collation.bin(charset).name();
                    columnDefs.add(columnDefinition(col, declared, nullable, def, identity, onUpdate)
                            + (comment.isEmpty() ? "" : " COMMENT " + quoteText(comment)));
                }
            }
        }
        Set<String> notNull = new HashSet<>();
        for (ColumnInfo c : columns) {
            if (!c.nullable()) notNull.add(c.name().toLowerCase(Locale.ROOT));
        }
        Map<String, String> keys = columnKeys(indexes, notNull);
        columns.replaceAll(c -> new ColumnInfo(c.name(), c.mysqlType(), c.nullable(), c.defaultValue(), c.extra(),
                keys.getOrDefault(c.name().toLowerCase(Locale.ROOT), ""), c.charset(), c.comment(), c.caseSensitive()));
        String create = view
                ? "CREATE ALGORITHM=UNDEFINED DEFINER=`root`@`localhost` SQL SECURITY DEFINER VIEW "
                        + MySqlToH2.quoteIdent(name) + " " + viewDefinition
                : createTable(name, columnDefs, indexes, foreignKeys(schema, name), tableCharset)
                        + (tableCased ? " COLLATE=" + Collation.bin(tableCharset).name() : "")
                        + (tableComment.isEmpty() ? "" : " COMMENT=" + quoteText(tableComment));
        // SHOW CREATE TABLE of a session's temporary table says so, as MySQL's
        if (temporary) create = "CREATE TEMPORARY TABLE" + create.substring("CREATE TABLE".length());
        return new TableInfo(schema, name, view, columns, indexes, create);
    }

    /**
     * SHOW COLUMNS' Key, as MySQL's: PRI for the primary key's columns (without one, for those of
     * the first UNIQUE key whose columns are all NOT NULL, which InnoDB makes its primary key), UNI
     * for the column of a one-column UNIQUE key, MUL for the first column of any other key (a
     * UNIQUE key of several columns too); the first of PRI, UNI, MUL where several apply. By lower-case name.
     */
    static Map<String, String> columnKeys(List<IndexInfo> indexes, Set<String> notNull) {
        Map<String, String> keys = new HashMap<>();
        IndexInfo primary = null;
        for (IndexInfo idx : indexes) {
            if (idx.name().equals("PRIMARY")) primary = idx;
        }
        for (IndexInfo idx : indexes) {
            if (primary == null && idx.unique()
                    && idx.columns().stream().allMatch(c -> notNull.contains(c.toLowerCase(Locale.ROOT)))) {
                primary = idx;
            }
        }
        for (IndexInfo idx : indexes) {
            String first = idx.columns().get(0).toLowerCase(Locale.ROOT);
            String k = idx == primary ? "PRI" : idx.unique() && idx.columns().size() == 1 ? "UNI" : "MUL";
            keys.merge(first, k, (a, b) -> rank(a) >= rank(b) ? a : b);
        }
        if (primary != null) {
            for (String c : primary.columns()) keys.put(c.toLowerCase(Locale.ROOT), "PRI");
        }
        return keys;
    }

    private static int rank(String key) {
        return switch (key) {
            case "PRI" -> 3;
            case "UNI" -> 2;
            default -> 1;
        };
    }

    /** The indexes with MySQL's names: PRIMARY, the name the user gave, or the first column's name. */
    List<IndexInfo> indexes(String schema, String table) throws SQLException {
        List<IndexInfo> out = new ArrayList<>();
        IndexInfo primary = null;
        for (IndexInfo info : indexesByH2Name(schema, table).values()) {
            if (info.name().equals("PRIMARY")) primary = info;
            else out.add(info);
        }
        // MySQL lists the primary key first, then the unique keys of NOT NULL columns, the other
        // unique keys, then the others, each in creation order (sql_table.cc's sort_keys)
        Set<String> nullable = new HashSet<>();
        if (out.stream().anyMatch(IndexInfo::unique)) {
            try (PreparedStatement ps = conn.prepareStatement("SELECT COLUMN_NAME FROM INFORMATION_SCHEMA.COLUMNS"
                    + " WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? AND IS_NULLABLE = 'YES'")) {
                ps.setString(1, schema);
                ps.setString(2, table);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) nullable.add(rs.getString(1));
                }
            }
        }
        out.sort(java.util.Comparator.comparingInt(i -> !i.unique() ? 2 : i.columns().stream().anyMatch(nullable::contains) ? 1 : 0));
        if (primary != null) out.add(0, primary);
        return out;
    }

    /** The indexes of a table by H2's index name (what its plans print), each with MySQL's name. */
    Map<String, IndexInfo> indexesByH2Name(String schema, String table) throws SQLException {
        Map<String, String> constraintOf = new HashMap<>();
        try (PreparedStatement ps = conn.prepareStatement("SELECT INDEX_NAME, CONSTRAINT_NAME, CONSTRAINT_TYPE FROM "
                + "INFORMATION_SCHEMA.TABLE_CONSTRAINTS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?")) {
            ps.setString(1, schema);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (rs.getString(1) == null) continue;
                    // a foreign key names only the index made for it (InnoDB names that one so);
                    // an index of the user's it uses keeps its own name
                    if ("FOREIGN KEY".equals(rs.getString(3))
                            && !rs.getString(1).startsWith(rs.getString(2) + "_INDEX_")) {
                        continue;
                    }
                    constraintOf.put(rs.getString(1),
                            "PRIMARY KEY".equals(rs.getString(3)) ? "PRIMARY" : rs.getString(2));
                }
            }
        }
        Map<String, List<String>> cols = new LinkedHashMap<>();
        Map<String, String> typeOf = new HashMap<>();
        // the engine lists a table's indexes in the order they were made, which MySQL keeps (and
        // names unnamed keys by: k, k_2, …)
        try (PreparedStatement ps = conn.prepareStatement("SELECT INDEX_NAME, INDEX_TYPE_NAME"
                + " FROM INFORMATION_SCHEMA.INDEXES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?")) {
            ps.setString(1, schema);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    cols.put(rs.getString(1), new ArrayList<>());
                    typeOf.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        try (PreparedStatement ps = conn.prepareStatement("SELECT INDEX_NAME, COLUMN_NAME FROM"
                + " INFORMATION_SCHEMA.INDEX_COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?"
                + " ORDER BY INDEX_NAME, ORDINAL_POSITION")) {
            ps.setString(1, schema);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    List<String> columns = cols.get(rs.getString(1));
                    if (columns != null) columns.add(rs.getString(2));
                }
            }
        }
        cols.values().removeIf(List::isEmpty);
        Map<String, IndexInfo> out = new LinkedHashMap<>();
        Set<String> used = new HashSet<>();
        for (Map.Entry<String, List<String>> e : cols.entrySet()) {
            String type = typeOf.get(e.getKey());
            boolean pk = "PRIMARY KEY".equals(type);
            String n = pk ? "PRIMARY" : IndexDdl.mysqlKeyName(table, constraintOf.getOrDefault(e.getKey(), e.getKey()));
            // an index made for an unnamed foreign key (named table_ibfk_N) is named as MySQL names it
            if (!pk && (isGeneratedName(n) || constraintOf.containsKey(e.getKey())
                    && IndexDdl.generatedForeignKeyName(table, n))) {
                n = uniqueName(e.getValue().get(0), used);
            }
            used.add(n.toLowerCase(Locale.ROOT));
            out.put(e.getKey(), new IndexInfo(n, pk || (type != null && type.startsWith("UNIQUE")), e.getValue()));
        }
        return out;
    }

    /** MySQL names an unnamed key after its first column, adding _2, _3 … when taken. */
    private static String uniqueName(String column, Set<String> used) {
        if (!used.contains(column.toLowerCase(Locale.ROOT))) return column;
        for (int i = 2; ; i++) {
            String n = column + "_" + i;
            if (!used.contains(n.toLowerCase(Locale.ROOT))) return n;
        }
    }

    private String mysqlType(String schema, String table, String h2Type, long charLength, int precision, int scale,
                             int datetimePrecision, String dtd, String h2Default, String onUpdate)
            throws SQLException {
        String fsp = datetimePrecision > 0 ? "(" + datetimePrecision + ")" : "";
        return switch (h2Type) {
            case "INTEGER" -> "int(11)";
            case "BIGINT" -> "bigint(20)";
            case "SMALLINT" -> "smallint(6)";
            case "YEAR" -> "year(4)";
            case "TINYINT" -> "tinyint(4)";
            case "BOOLEAN", "TINYINT(1)" -> "tinyint(1)";
            case "BIT" -> "bit(1)";
            case "NUMERIC", "DECIMAL" -> "decimal(" + precision + "," + scale + ")";
            case "DECFLOAT" -> "decimal(65,30)";
            case "DOUBLE PRECISION" -> "double";
            case "REAL" -> "float";
            case "CHARACTER" -> "char(" + charLength + ")";
            case "CHARACTER VARYING", "VARCHAR_IGNORECASE" -> charLength >= 1_000_000_000L ? "text"
                    : "varchar(" + charLength + ")";
            case "CHARACTER LARGE OBJECT" -> "longtext";
            case "BINARY" -> "binary(" + charLength + ")";
            case "BINARY VARYING" -> charLength >= 1_000_000_000L ? "blob" : "varbinary(" + charLength + ")";
            case "BINARY LARGE OBJECT" -> "blob";
            case "DATE" -> "date";
            case "TIME" -> "time" + fsp;
            // H2 has one TIMESTAMP type for both: MySQL's TIMESTAMP columns are of a domain (ColumnDomains)
            case "TIMESTAMP" -> "datetime" + fsp;
            case "MYSQL TIMESTAMP" -> "timestamp" + fsp;
            case "TIMESTAMP WITH TIME ZONE" -> "timestamp" + fsp;
            case "ENUM" -> "enum(" + String.join(",", enumValues(schema, table, dtd)) + ")";
            case "JSON" -> "json";
            default -> h2Type.toLowerCase(Locale.ROOT);
        };
    }

    private static boolean isNow(String h2Default) {
        if (h2Default == null) return false;
        String d = h2Default.toUpperCase(Locale.ROOT);
        return d.startsWith("CURRENT_TIMESTAMP") || d.startsWith("LOCALTIMESTAMP");
    }

    private static final java.util.regex.Pattern NOW_DEFAULT = java.util.regex.Pattern.compile("CURRENT_TIMESTAMP(\\(\\d\\))?");

    private List<String> enumValues(String schema, String table, String dtd) throws SQLException {
        List<String> values = new ArrayList<>();
        try (PreparedStatement ps = conn.prepareStatement("SELECT VALUE_NAME FROM INFORMATION_SCHEMA.ENUM_VALUES"
                + " WHERE OBJECT_SCHEMA = ? AND OBJECT_NAME = ? AND ENUM_IDENTIFIER = ? ORDER BY VALUE_ORDINAL")) {
            ps.setString(1, schema);
            ps.setString(2, table);
            ps.setString(3, dtd);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) values.add(MySqlToH2.quote(rs.getString(1)));
            }
        }
        return values;
    }

    /**
     * H2 keeps a default as SQL text: {@code 'x'} → x, NULL → null; the current time (H2's
     * CURRENT_TIMESTAMP or LOCALTIMESTAMP) is CURRENT_TIMESTAMP with the column's fractional digits,
     * {@code CURRENT_TIMESTAMP(3)} for a {@code timestamp(3)}, as MySQL requires them to match.
     */
    static String mysqlDefault(String h2Default, String mysqlType) {
        if (h2Default == null) return null;
        String d = h2Default.trim();
        if (d.equalsIgnoreCase("NULL")) return null;
        if (d.length() >= 2 && d.startsWith("'") && d.endsWith("'")) {
            return withDecimals(d.substring(1, d.length() - 1).replace("''", "'"), mysqlType);
        }
        if (isNow(d)) {
            int open = mysqlType.indexOf('(');
            return "CURRENT_TIMESTAMP" + (open < 0 || mysqlType.startsWith("(0)", open) ? "" : mysqlType.substring(open));
        }
        String upper = d.toUpperCase(Locale.ROOT);
        if (upper.equals("TRUE")) d = "1";
        if (upper.equals("FALSE")) d = "0";
        // a BIT column's default is its bits, as MySQL shows them: b'101'
        if (mysqlType.startsWith("bit") && d.matches("\\d+")) return "b'" + new java.math.BigInteger(d).toString(2) + "'";
        return withDecimals(d, mysqlType);
    }

    /** A DECIMAL(M,D), FLOAT(M,D) or DOUBLE(M,D) default with its D decimals, as MySQL stores it ('0.00'). */
    private static String withDecimals(String d, String mysqlType) {
        java.util.regex.Matcher fixed = FIXED_DECIMALS.matcher(mysqlType);
        if (!fixed.lookingAt()) return d;
        try {
            return new java.math.BigDecimal(d.strip()).setScale(Integer.parseInt(fixed.group(1)),
                    java.math.RoundingMode.HALF_UP).toPlainString();
        } catch (NumberFormatException notANumber) {
            return d;
        }
    }

    /** A type of D decimals: DECIMAL(M,D), FLOAT(M,D), DOUBLE(M,D). */
    private static final java.util.regex.Pattern FIXED_DECIMALS = java.util.regex.Pattern.compile(
            "(?:decimal|float|double)\\(\\d+,(\\d+)\\)");

    /** Text in quotes as SHOW CREATE TABLE writes a comment: ' doubled, \ escaped. */
    static String quoteText(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "''") + "'";
    }

    private static String columnDefinition(String name, String type, boolean nullable, String def, boolean identity,
                                           String onUpdate) {
        StringBuilder b = new StringBuilder("  ").append(MySqlToH2.quoteIdent(name)).append(' ').append(type);
        String base = type.indexOf(' ') < 0 ? type : type.substring(0, type.indexOf(' '));
        boolean blob = base.endsWith("text") || base.endsWith("blob") || base.equals("json");
        if (!nullable) b.append(" NOT NULL");
        // MySQL names a TIMESTAMP's NULL (without explicit_defaults_for_timestamp a TIMESTAMP is NOT NULL)
        else if (base.startsWith("timestamp")) b.append(" NULL");
        if (identity) {
            b.append(" AUTO_INCREMENT");
        } else if (def != null) {
            boolean bits = base.startsWith("bit") && def.startsWith("b'");
            b.append(" DEFAULT ").append(bits || NOW_DEFAULT.matcher(def).matches() && !ColumnInfo.isText(type)
                    ? def : MySqlToH2.quote(def));
        } else if (nullable && !blob) {
            b.append(" DEFAULT NULL");
        }
        if (onUpdate != null) b.append(" ON UPDATE ").append(onUpdate.toUpperCase(Locale.ROOT));
        return b.toString();
    }

    /**
     * The table's foreign keys as SHOW CREATE TABLE prints them: CONSTRAINT `fk` FOREIGN KEY (…)
     * REFERENCES [`db`.]`t` (…) [ON DELETE …] [ON UPDATE …] (RESTRICT and NO ACTION, the
     * defaults, are not printed).
     */
    private List<String> foreignKeys(String schema, String table) throws SQLException {
        Map<String, List<InformationSchemaObjects.ForeignKeyColumn>> byName = new LinkedHashMap<>();
        for (InformationSchemaObjects.ForeignKeyColumn c : InformationSchemaObjects.foreignKeys(conn, schema, table)) {
            byName.computeIfAbsent(c.name(), k -> new ArrayList<>()).add(c);
        }
        List<String> lines = new ArrayList<>();
        for (List<InformationSchemaObjects.ForeignKeyColumn> columns : byName.values()) {
            InformationSchemaObjects.ForeignKeyColumn first = columns.get(0);
            List<String> own = new ArrayList<>();
            List<String> referenced = new ArrayList<>();
            for (InformationSchemaObjects.ForeignKeyColumn c : columns) {
                own.add(MySqlToH2.quoteIdent(c.column()));
                referenced.add(MySqlToH2.quoteIdent(c.refColumn()));
            }
            StringBuilder b = new StringBuilder("  CONSTRAINT ").append(MySqlToH2.quoteIdent(first.name()))
                    .append(" FOREIGN KEY (").append(String.join(", ", own)).append(") REFERENCES ");
            if (!first.refSchema().equals(schema)) b.append(MySqlToH2.quoteIdent(first.refSchema())).append('.');
            b.append(MySqlToH2.quoteIdent(first.refTable())).append(" (").append(String.join(", ", referenced)).append(')');
            if (!"RESTRICT".equals(first.deleteRule()) && !"NO ACTION".equals(first.deleteRule())) {
                b.append(" ON DELETE ").append(first.deleteRule());
            }
            if (!"RESTRICT".equals(first.updateRule()) && !"NO ACTION".equals(first.updateRule())) {
                b.append(" ON UPDATE ").append(first.updateRule());
            }
            lines.add(b.toString());
        }
        return lines;
    }

    private static String createTable(String name, List<String> columnDefs, List<IndexInfo> indexes,
                                      List<String> foreignKeys, MysqlCharset charset) {
        List<String> lines = new ArrayList<>(columnDefs);
        for (IndexInfo idx : indexes) {
            StringBuilder b = new StringBuilder("  ");
            if (idx.name().equals("PRIMARY")) b.append("PRIMARY KEY ");
            else b.append(idx.unique() ? "UNIQUE KEY " : "KEY ").append(MySqlToH2.quoteIdent(idx.name())).append(' ');
            b.append('(');
            for (int i = 0; i < idx.columns().size(); i++) {
                if (i > 0) b.append(',');
                b.append(MySqlToH2.quoteIdent(idx.columns().get(i)));
            }
            lines.add(b.append(')').toString());
        }
        lines.addAll(foreignKeys);
        return "CREATE TABLE " + MySqlToH2.quoteIdent(name) + " (\n" + String.join(",\n", lines)
                + "\n) ENGINE=InnoDB DEFAULT CHARSET=" + charset.mysqlName();
    }
}
