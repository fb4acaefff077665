package io.minisqld.server.engine.h2;

import io.minisqld.server.charset.Collation;
import io.minisqld.server.charset.MysqlCharset;
import io.minisqld.server.engine.TableInfo;
import io.minisqld.server.engine.VirtualTable.VirtualColumn;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * information_schema.SCHEMATA, TABLES and COLUMNS with MySQL 5.7's columns, computed from H2's
 * metadata as the querying session sees it.
 */
final class InformationSchemaTables {
    private static final Set<String> HIDDEN = Set.of("INFORMATION_SCHEMA", "PUBLIC", H2StorageEngine.NO_DATABASE_SCHEMA,
            H2StorageEngine.INTERNAL_SCHEMA);

    private InformationSchemaTables() {
    }

    static void registerAll(H2StorageEngine engine) {
        engine.registerVirtualTable("SCHEMATA", new Computed(columnList(
                "CATALOG_NAME, SCHEMA_NAME, DEFAULT_CHARACTER_SET_NAME, DEFAULT_COLLATION_NAME, SQL_PATH"),
                InformationSchemaTables::schemata));
        engine.registerVirtualTable("TABLES", new Computed(columnList("TABLE_CATALOG, TABLE_SCHEMA, TABLE_NAME,"
                + " TABLE_TYPE, ENGINE, #VERSION, ROW_FORMAT, #TABLE_ROWS, #AVG_ROW_LENGTH, #DATA_LENGTH,"
                + " #MAX_DATA_LENGTH, #INDEX_LENGTH, #DATA_FREE, #AUTO_INCREMENT, CREATE_TIME, UPDATE_TIME,"
                + " CHECK_TIME, TABLE_COLLATION, #CHECKSUM, CREATE_OPTIONS, TABLE_COMMENT"),
                conn -> tables(conn, engine.autoIncrement())));
        engine.registerVirtualTable("COLUMNS", new Computed(columnList("TABLE_CATALOG, TABLE_SCHEMA, TABLE_NAME,"
                + " COLUMN_NAME, #ORDINAL_POSITION, COLUMN_DEFAULT, IS_NULLABLE, DATA_TYPE, #CHARACTER_MAXIMUM_LENGTH,"
                + " #CHARACTER_OCTET_LENGTH, #NUMERIC_PRECISION, #NUMERIC_SCALE, #DATETIME_PRECISION,"
                + " CHARACTER_SET_NAME, COLLATION_NAME, COLUMN_TYPE, COLUMN_KEY, EXTRA, PRIVILEGES, COLUMN_COMMENT,"
                + " GENERATION_EXPRESSION"),
                InformationSchemaTables::columns));
        engine.registerVirtualTable("STATISTICS", new Computed(columnList("TABLE_CATALOG, TABLE_SCHEMA, TABLE_NAME,"
                + " #NON_UNIQUE, INDEX_SCHEMA, INDEX_NAME, #SEQ_IN_INDEX, COLUMN_NAME, COLLATION, #CARDINALITY,"
                + " #SUB_PART, PACKED, NULLABLE, INDEX_TYPE, COMMENT, INDEX_COMMENT"),
                InformationSchemaTables::statistics));
        engine.registerVirtualTable("FILES", new Empty(columnList("#FILE_ID, FILE_NAME, FILE_TYPE, TABLESPACE_NAME,"
                + " TABLE_CATALOG, TABLE_SCHEMA, TABLE_NAME, LOGFILE_GROUP_NAME, #LOGFILE_GROUP_NUMBER, ENGINE,"
                + " FULLTEXT_KEYS, #DELETED_ROWS, #UPDATE_COUNT, #FREE_EXTENTS, #TOTAL_EXTENTS, #EXTENT_SIZE,"
                + " #INITIAL_SIZE, #MAXIMUM_SIZE, #AUTOEXTEND_SIZE, CREATION_TIME, LAST_UPDATE_TIME, LAST_ACCESS_TIME,"
                + " RECOVER_TIME, #TRANSACTION_COUNTER, #VERSION, ROW_FORMAT, #TABLE_ROWS, #AVG_ROW_LENGTH,"
                + " #DATA_LENGTH, #MAX_DATA_LENGTH, #INDEX_LENGTH, #DATA_FREE, CREATE_TIME, UPDATE_TIME, CHECK_TIME,"
                + " #CHECKSUM, STATUS, EXTRA")));
        engine.registerVirtualTable("PARTITIONS", new Empty(columnList("TABLE_CATALOG, TABLE_SCHEMA, TABLE_NAME,"
                + " PARTITION_NAME, SUBPARTITION_NAME, #PARTITION_ORDINAL_POSITION, #SUBPARTITION_ORDINAL_POSITION,"
                + " PARTITION_METHOD, SUBPARTITION_METHOD, PARTITION_EXPRESSION, SUBPARTITION_EXPRESSION,"
                + " PARTITION_DESCRIPTION, #TABLE_ROWS, #AVG_ROW_LENGTH, #DATA_LENGTH, #MAX_DATA_LENGTH, #INDEX_LENGTH,"
                + " #DATA_FREE, CREATE_TIME, UPDATE_TIME, CHECK_TIME, #CHECKSUM, PARTITION_COMMENT, NODEGROUP,"
                + " TABLESPACE_NAME")));
        InformationSchemaObjects.registerAll(engine);
    }

    /**
     * A table of MySQL's information_schema with no rows here: FILES (InnoDB's tablespaces and
     * NDB's files, which this server does not have; mariadb-dump reads it before dumping) and
     * PARTITIONS (no table is partitioned; MySQL also lists one row per unpartitioned table).
     */
    record Empty(List<VirtualColumn> columns) implements MetadataTable {
        @Override
        public List<List<Object>> rows(Connection conn) {
            return List.of();
        }
    }

    /** How a computed table's rows are made, from the querying session's connection. */
    interface RowSource {
        List<List<Object>> rows(Connection conn) throws SQLException;
    }

    /** A table whose rows are computed at each read by {@code source}. */
    record Computed(List<VirtualColumn> columns, RowSource source) implements MetadataTable {
        @Override
        public List<List<Object>> rows(Connection conn) throws SQLException {
            return source.rows(conn);
        }
    }

    static List<VirtualColumn> columnList(String spec) {
        List<VirtualColumn> out = new ArrayList<>();
        for (String c : spec.split(",")) {
            String name = c.trim();
            out.add(name.startsWith("#") ? VirtualColumn.number(name.substring(1)) : VirtualColumn.text(name));
        }
        return List.copyOf(out);
    }

    /** The user-visible databases, sorted, as the session's connection sees them. */
    static List<String> schemas(Connection conn) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement st = conn.createStatement();
             ResultSet rs = st.executeQuery("SELECT SCHEMA_NAME FROM INFORMATION_SCHEMA.SCHEMATA")) {
            while (rs.next()) {
                if (!HIDDEN.contains(rs.getString(1))) out.add(rs.getString(1));
            }
        }
        out.sort(null);
        return out;
    }

    /** Every table and view of the user-visible databases, fully described. */
    static List<TableInfo> described(Connection conn) throws SQLException {
        List<TableInfo> out = new ArrayList<>();
        TableMetadata md = TableMetadata.uncached(conn);
        for (String schema : schemas(conn)) {
            for (TableInfo t : md.tables(schema)) {
                TableInfo full = md.describe(schema, t.name());
                if (full != null) out.add(full);
            }
        }
        return out;
    }

    private static List<List<Object>> schemata(Connection conn) throws SQLException {
        List<List<Object>> rows = new ArrayList<>();
        rows.add(Arrays.asList("def", "information_schema", "utf8", "utf8_general_ci", null));
        for (String s : schemas(conn)) {
            Collation c = ColumnCharsets.databaseCollation(conn, s);
            rows.add(Arrays.asList("def", s, c.charset().mysqlName(), c.name(), null));
        }
        return rows;
    }

    /**
     * One row per table and view; a table's AUTO_INCREMENT is the value its counter gives next, as
     * MySQL's (NULL for a table without an AUTO_INCREMENT column).
     */
    private static List<List<Object>> tables(Connection conn, io.minisqld.server.engine.AutoIncrement counters)
            throws SQLException {
        List<List<Object>> rows = new ArrayList<>();
        TableMetadata md = TableMetadata.uncached(conn);
        for (String schema : schemas(conn)) {
            Map<String, String> identities = new HashMap<>();
            try (PreparedStatement ps = conn.prepareStatement("SELECT TABLE_NAME, COLUMN_NAME FROM"
                    + " INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = ? AND IS_IDENTITY = 'YES'")) {
                ps.setString(1, schema);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) identities.put(rs.getString(1), rs.getString(2));
                }
            }
            for (TableInfo t : md.tables(schema)) {
                if (t.view()) {
                    rows.add(Arrays.asList("def", schema, t.name(), "VIEW", null, null, null, null, null, null,
                            null, null, null, null, null, null, null, null, null, null, "VIEW"));
                    continue;
                }
                long count;
                try (Statement st = conn.createStatement();
                     ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + H2StorageEngine.ident(schema) + "."
                             + H2StorageEngine.ident(t.name()))) {
                    rs.next();
                    count = rs.getLong(1);
                }
                String collation = ColumnCharsets.tableCollation(conn, schema, t.name()).name();
                String identity = identities.get(t.name());
                Long next = identity == null ? null : counters.nextValue(schema, t.name(), identity);
                rows.add(Arrays.asList("def", schema, t.name(), "BASE TABLE", "InnoDB", 10L, "Dynamic", count,
                        0L, 16384L, 0L, 0L, 0L, next, null, null, null, collation, null, "",
                        ColumnCharsets.tableComment(conn, schema, t.name())));
            }
        }
        return rows;
    }

    /**
     * One row per column of each index, as InnoDB shows them: the primary key first, then the
     * other indexes in the order the table's definition lists them; BTREE, collation A, no
     * cardinality estimate (NULL).
     */
    private static List<List<Object>> statistics(Connection conn) throws SQLException {
        List<List<Object>> rows = new ArrayList<>();
        for (TableInfo full : described(conn)) {
            String schema = full.database();
            if (full.view()) continue;
            List<TableInfo.IndexInfo> indexes = new ArrayList<>(full.indexes());
            indexes.sort((a, b) -> Boolean.compare(!a.name().equals("PRIMARY"), !b.name().equals("PRIMARY")));
            for (TableInfo.IndexInfo idx : indexes) {
                long seq = 1;
                for (String column : idx.columns()) {
                    boolean nullable = full.columns().stream()
                            .anyMatch(c -> c.name().equalsIgnoreCase(column) && c.nullable());
                    rows.add(Arrays.asList("def", schema, full.name(), idx.unique() ? 0L : 1L, schema, idx.name(),
                            seq++, column, "A", null, null, null, nullable ? "YES" : "", "BTREE", "", ""));
                }
            }
        }
        return rows;
    }

    private static List<List<Object>> columns(Connection conn) throws SQLException {
        List<List<Object>> rows = new ArrayList<>();
        for (TableInfo full : described(conn)) {
            String schema = full.database();
            long pos = 1;
            for (TableInfo.ColumnInfo c : full.columns()) {
                String type = c.mysqlType();
                int paren = type.indexOf('(');
                String dataType = paren < 0 ? type.split(" ")[0] : type.substring(0, paren);
                // what the parentheses hold ("6,2" of "decimal(6,2) unsigned")
                String inside = paren < 0 || type.indexOf(')', paren) < 0 ? "" : type.substring(paren + 1, type.indexOf(')', paren));
                boolean unsigned = type.endsWith(" unsigned") || type.contains(" unsigned ");
                Long charLen = null;
                Long octetLen = null;
                Long numPrecision = null;
                Long numScale = null;
                Long dtPrecision = null;
                boolean text = dataType.endsWith("char") || dataType.endsWith("text") || dataType.equals("enum")
                        || dataType.equals("set");
                MysqlCharset cs = c.charset() != null ? MysqlCharset.named(c.charset()) : MysqlCharset.UTF8MB4;
                if ((dataType.equals("varchar") || dataType.equals("char")) && paren > 0) {
                    charLen = Long.parseLong(inside.trim());
                    octetLen = charLen * cs.maxBytes();
                } else if (dataType.endsWith("text")) {
                    // MySQL 5.7 shows each size's byte maximum as both, whatever the set (its
                    // display length in bytes divided by the set's longest character, then by its shortest)
                    octetLen = switch (dataType) {
                        case "tinytext" -> 255L;
                        case "mediumtext" -> 16777215L;
                        case "longtext" -> 4294967295L;
                        default -> 65535L;
                    };
                    charLen = octetLen;
                } else if ((dataType.equals("binary") || dataType.equals("varbinary")) && paren > 0) {
                    // a binary string's length in bytes, as MySQL shows it
                    charLen = Long.parseLong(inside.trim());
                    octetLen = charLen;
                } else if (dataType.endsWith("blob")) {
                    octetLen = switch (dataType) {
                        case "tinyblob" -> 255L;
                        case "mediumblob" -> 16777215L;
                        case "longblob" -> 4294967295L;
                        default -> 65535L;
                    };
                    charLen = octetLen;
                } else if (dataType.equals("enum") || dataType.equals("set")) {
                    // the longest member, or all members and the commas between them
                    List<String> members = c.members();
                    long longest = 0;
                    long all = Math.max(0, members.size() - 1);
                    for (String m : members) {
                        long n = m.codePointCount(0, m.length());
                        longest = Math.max(longest, n);
                        all += n;
                    }
                    charLen = dataType.equals("enum") ? longest : all;
                    octetLen = charLen * cs.maxBytes();
                }
                switch (dataType) {
                    case "int" -> { numPrecision = 10L; numScale = 0L; }
                    case "bigint" -> { numPrecision = unsigned ? 20L : 19L; numScale = 0L; }
                    case "mediumint" -> { numPrecision = unsigned ? 8L : 7L; numScale = 0L; }
                    case "smallint" -> { numPrecision = 5L; numScale = 0L; }
                    case "tinyint" -> { numPrecision = 3L; numScale = 0L; }
                    case "double", "float" -> {
                        // DOUBLE(M,D) and FLOAT(M,D): M and D, as MySQL's
                        String[] md = inside.split(",");
                        numPrecision = md.length == 2 ? Long.parseLong(md[0].trim()) : dataType.equals("double") ? 22L : 12L;
                        if (md.length == 2) numScale = Long.parseLong(md[1].trim());
                    }
                    case "decimal" -> {
                        String[] ps = inside.split(",");
                        numPrecision = inside.isBlank() ? 10L : Long.parseLong(ps[0].trim());
                        numScale = ps.length < 2 ? 0L : Long.parseLong(ps[1].trim());
                    }
                    case "bit" -> numPrecision = inside.isBlank() ? 1L : Long.parseLong(inside.trim());
                    case "datetime", "timestamp", "time" -> dtPrecision = inside.isBlank() ? 0L : Long.parseLong(inside.trim());
                    default -> { }
                }
                rows.add(Arrays.asList("def", schema, full.name(), c.name(), pos++, c.defaultValue(),
                        c.nullable() ? "YES" : "NO", dataType, charLen, octetLen, numPrecision, numScale,
                        dtPrecision, text ? cs.mysqlName() : null, text ? (c.collation() != null ? c.collation() : Collation.of(cs).name()) : null, type,
                        c.key(), c.extra(), "select,insert,update,references", c.comment(), ""));
            }
        }
        return rows;
    }
}
