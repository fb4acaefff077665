package io.minisqld.server.engine.h2;

import static io.minisqld.server.engine.h2.InformationSchemaTables.columnList;

import io.minisqld.server.charset.Collation;
import io.minisqld.server.charset.MysqlCharset;
import io.minisqld.server.engine.TableInfo;
import io.minisqld.server.engine.VirtualTable.VirtualColumn;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The rest of the information_schema tables tools read (Flyway, JDBC DatabaseMetaData,
 * mariadb-dump): VIEWS, TABLE_CONSTRAINTS, KEY_COLUMN_USAGE and REFERENTIAL_CONSTRAINTS from the
 * tables' keys and foreign keys; ENGINES, CHARACTER_SETS, COLLATIONS and
 * COLLATION_CHARACTER_SET_APPLICABILITY from what the server speaks; TRIGGERS ({@link Triggers});
 * ROUTINES and PARAMETERS from the stored procedures ({@link StoredRoutineTables}); the
 * privilege tables from the grant tables ({@link PrivilegeTables}); EVENTS with
 * MySQL 5.7's columns and no rows, as this server has no events.
 */
final class InformationSchemaObjects {
    private InformationSchemaObjects() {
    }

    static void registerAll(H2StorageEngine engine) {
        engine.registerVirtualTable("VIEWS", computed("TABLE_CATALOG, TABLE_SCHEMA, TABLE_NAME,"
                + " VIEW_DEFINITION, CHECK_OPTION, IS_UPDATABLE, DEFINER, SECURITY_TYPE, CHARACTER_SET_CLIENT,"
                + " COLLATION_CONNECTION",
                InformationSchemaObjects::views));
        engine.registerVirtualTable("TABLE_CONSTRAINTS", computed("CONSTRAINT_CATALOG, CONSTRAINT_SCHEMA,"
                + " CONSTRAINT_NAME, TABLE_SCHEMA, TABLE_NAME, CONSTRAINT_TYPE",
                InformationSchemaObjects::tableConstraints));
        engine.registerVirtualTable("KEY_COLUMN_USAGE", computed("CONSTRAINT_CATALOG, CONSTRAINT_SCHEMA,"
                + " CONSTRAINT_NAME, TABLE_CATALOG, TABLE_SCHEMA, TABLE_NAME, COLUMN_NAME, #ORDINAL_POSITION,"
                + " #POSITION_IN_UNIQUE_CONSTRAINT, REFERENCED_TABLE_SCHEMA, REFERENCED_TABLE_NAME,"
                + " REFERENCED_COLUMN_NAME",
                InformationSchemaObjects::keyColumnUsage));
        engine.registerVirtualTable("REFERENTIAL_CONSTRAINTS", computed("CONSTRAINT_CATALOG, CONSTRAINT_SCHEMA,"
                + " CONSTRAINT_NAME, UNIQUE_CONSTRAINT_CATALOG, UNIQUE_CONSTRAINT_SCHEMA, UNIQUE_CONSTRAINT_NAME,"
                + " MATCH_OPTION, UPDATE_RULE, DELETE_RULE, TABLE_NAME, REFERENCED_TABLE_NAME",
                InformationSchemaObjects::referentialConstraints));
        engine.registerVirtualTable("ENGINES", fixed("ENGINE, SUPPORT, COMMENT, TRANSACTIONS, XA, SAVEPOINTS",
                List.of(Arrays.asList("InnoDB", "DEFAULT", "Supports transactions, row-level locking, and foreign keys",
                        "YES", "NO", "YES"))));
        List<List<Object>> charsets = new ArrayList<>();
        for (MysqlCharset cs : MysqlCharset.values()) {
            charsets.add(Arrays.asList(cs.mysqlName(), Collation.of(cs).name(), description(cs), (long) cs.maxBytes()));
        }
        engine.registerVirtualTable("CHARACTER_SETS", fixed("CHARACTER_SET_NAME, DEFAULT_COLLATE_NAME, DESCRIPTION,"
                + " #MAXLEN", charsets));
        List<List<Object>> collations = new ArrayList<>();
        List<List<Object>> applicability = new ArrayList<>();
        for (Collation c : Collation.all()) {
            boolean isDefault = c.charset().defaultCollation() == c.id();
            collations.add(Arrays.asList(c.name(), c.charset().mysqlName(), (long) c.id(), isDefault ? "Yes" : "",
                    "Yes", 1L));
            applicability.add(Arrays.asList(c.name(), c.charset().mysqlName()));
        }
        engine.registerVirtualTable("COLLATIONS", fixed("COLLATION_NAME, CHARACTER_SET_NAME, #ID, IS_DEFAULT,"
                + " IS_COMPILED, #SORTLEN", collations));
        engine.registerVirtualTable("COLLATION_CHARACTER_SET_APPLICABILITY", fixed("COLLATION_NAME,"
                + " CHARACTER_SET_NAME", applicability));
        engine.registerVirtualTable("TRIGGERS", computed(Triggers.INFORMATION_SCHEMA_COLUMNS,
                Triggers::informationSchemaRows));
        engine.registerVirtualTable("ROUTINES", computed(StoredRoutineTables.ROUTINES_COLUMNS,
                StoredRoutineTables::routines));
        engine.registerVirtualTable("PARAMETERS", computed(StoredRoutineTables.PARAMETERS_COLUMNS,
                StoredRoutineTables::parameters));
        engine.registerVirtualTable("USER_PRIVILEGES", computed(PrivilegeTables.USER_COLUMNS, PrivilegeTables::user));
        engine.registerVirtualTable("SCHEMA_PRIVILEGES", computed(PrivilegeTables.SCHEMA_COLUMNS,
                PrivilegeTables::schema));
        engine.registerVirtualTable("TABLE_PRIVILEGES", computed(PrivilegeTables.TABLE_COLUMNS,
                PrivilegeTables::table));
        engine.registerVirtualTable("COLUMN_PRIVILEGES", computed(PrivilegeTables.COLUMN_COLUMNS,
                PrivilegeTables::column));
        engine.registerVirtualTable("EVENTS", new InformationSchemaTables.Empty(columnList("EVENT_CATALOG,"
                + " EVENT_SCHEMA, EVENT_NAME, DEFINER, TIME_ZONE, EVENT_BODY, EVENT_DEFINITION, EVENT_TYPE, EXECUTE_AT,"
                + " INTERVAL_VALUE, INTERVAL_FIELD, SQL_MODE, STARTS, ENDS, STATUS, ON_COMPLETION, CREATED,"
                + " LAST_ALTERED, LAST_EXECUTED, EVENT_COMMENT, #ORIGINATOR, CHARACTER_SET_CLIENT,"
                + " COLLATION_CONNECTION, DATABASE_COLLATION")));
    }

    private static String description(MysqlCharset cs) {
        return switch (cs) {
            case UTF8MB4 -> "UTF-8 Unicode";
            case UTF8 -> "UTF-8 Unicode";
            case LATIN1 -> "cp1252 West European";
            case ASCII -> "US ASCII";
            case BINARY -> "Binary pseudo charset";
        };
    }

    /** A table of MySQL's columns ({@code spec}: {@link InformationSchemaTables#columnList}) computed at each read. */
    private static MetadataTable computed(String spec, InformationSchemaTables.RowSource source) {
        return new InformationSchemaTables.Computed(columnList(spec), source);
    }

    /** A table whose rows are the same for every session. */
    private static MetadataTable fixed(String spec, List<List<Object>> rows) {
        return computed(spec, conn -> rows);
    }

    /** VIEWS: each view's SELECT as it was created, definer root@localhost, SQL SECURITY DEFINER. */
    /** A view's query in its CREATE statement: what follows {@code AS} after the name and column list, in any case. */
    private static final java.util.regex.Pattern VIEW_QUERY = java.util.regex.Pattern.compile(
            "(?is).*?\\bVIEW\\s+(?:`(?:[^`]|``)*`|[^\\s(]+)\\s*(?:\\([^)]*\\)\\s*)?AS\\s+(.*)");

    private static List<List<Object>> views(Connection conn) throws SQLException {
        List<List<Object>> rows = new ArrayList<>();
        TableMetadata md = TableMetadata.uncached(conn);
        for (String schema : InformationSchemaTables.schemas(conn)) {
            for (TableInfo t : md.tables(schema)) {
                if (!t.view()) continue;
                TableInfo full = md.describe(schema, t.name());
                String create = full == null ? "" : full.createStatement();
                java.util.regex.Matcher query = VIEW_QUERY.matcher(create);
                rows.add(Arrays.asList("def", schema, t.name(), query.matches() ? query.group(1) : create, "NONE",
                        "YES", "root@localhost", "DEFINER", "utf8mb4", "utf8mb4_general_ci"));
            }
        }
        return rows;
    }

    /** One foreign key column: its constraint, table, column and the column it references. */
    record ForeignKeyColumn(String schema, String name, String table, String column, long position,
                                    String refSchema, String refTable, String refColumn, String uniqueName,
                                    String updateRule, String deleteRule) {
    }

    /** The foreign keys of the user-visible databases, from H2's catalog, by constraint then column order. */
    private static List<ForeignKeyColumn> foreignKeys(Connection conn) throws SQLException {
        return foreignKeys(conn, null, null);
    }

    /**
     * The foreign keys of one table ({@code schema} and {@code table} given), or of every
     * user-visible table (both null): SHOW CREATE TABLE and the information_schema tables read them
     * from this one query.
     */
    static List<ForeignKeyColumn> foreignKeys(Connection conn, String schema, String table) throws SQLException {
        Set<String> visible = new HashSet<>(InformationSchemaTables.schemas(conn));
        List<ForeignKeyColumn> out = new ArrayList<>();
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT fk.CONSTRAINT_SCHEMA, fk.CONSTRAINT_NAME, fk.TABLE_NAME, fk.COLUMN_NAME, fk.ORDINAL_POSITION,"
                        + " uk.TABLE_SCHEMA, uk.TABLE_NAME, uk.COLUMN_NAME, uc.CONSTRAINT_TYPE, uk.CONSTRAINT_NAME,"
                        + " rc.UPDATE_RULE, rc.DELETE_RULE"
                        + " FROM INFORMATION_SCHEMA.REFERENTIAL_CONSTRAINTS rc"
                        + " JOIN INFORMATION_SCHEMA.KEY_COLUMN_USAGE fk ON fk.CONSTRAINT_SCHEMA = rc.CONSTRAINT_SCHEMA"
                        + " AND fk.CONSTRAINT_NAME = rc.CONSTRAINT_NAME"
                        + " JOIN INFORMATION_SCHEMA.KEY_COLUMN_USAGE uk"
                        + " ON uk.CONSTRAINT_SCHEMA = rc.UNIQUE_CONSTRAINT_SCHEMA"
                        + " AND uk.CONSTRAINT_NAME = rc.UNIQUE_CONSTRAINT_NAME"
                        + " AND uk.ORDINAL_POSITION = fk.POSITION_IN_UNIQUE_CONSTRAINT"
                        + " JOIN INFORMATION_SCHEMA.TABLE_CONSTRAINTS uc ON uc.CONSTRAINT_SCHEMA = uk.CONSTRAINT_SCHEMA"
                        + " AND uc.CONSTRAINT_NAME = uk.CONSTRAINT_NAME"
                        + " ORDER BY fk.CONSTRAINT_SCHEMA, fk.TABLE_NAME, fk.CONSTRAINT_NAME, fk.ORDINAL_POSITION")) {
            while (rs.next()) {
                if (!visible.contains(rs.getString(1))) continue;
                if (schema != null && !(schema.equals(rs.getString(1)) && table.equals(rs.getString(3)))) continue;
                String unique = "PRIMARY KEY".equals(rs.getString(9)) ? "PRIMARY"
                        : IndexDdl.mysqlKeyName(rs.getString(7), rs.getString(10));
                out.add(new ForeignKeyColumn(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getLong(5), rs.getString(6), rs.getString(7), rs.getString(8), unique, rs.getString(11),
                        rs.getString(12)));
            }
        }
        return out;
    }

    /** TABLE_CONSTRAINTS: PRIMARY KEY and UNIQUE from each table's keys, then its FOREIGN KEYs. */
    private static List<List<Object>> tableConstraints(Connection conn) throws SQLException {
        List<List<Object>> rows = new ArrayList<>();
        for (TableInfo t : InformationSchemaTables.described(conn)) {
            if (t.view()) continue;
            for (TableInfo.IndexInfo idx : t.indexes()) {
                if (!idx.unique()) continue;
                rows.add(Arrays.asList("def", t.database(), idx.name(), t.database(), t.name(),
                        idx.name().equals("PRIMARY") ? "PRIMARY KEY" : "UNIQUE"));
            }
        }
        String last = null;
        for (ForeignKeyColumn fk : foreignKeys(conn)) {
            String key = fk.schema() + "." + fk.name();
            if (key.equals(last)) continue;
            last = key;
            rows.add(Arrays.asList("def", fk.schema(), fk.name(), fk.schema(), fk.table(), "FOREIGN KEY"));
        }
        return rows;
    }

    /** KEY_COLUMN_USAGE: the columns of each PRIMARY KEY, UNIQUE key and FOREIGN KEY (with what it references). */
    private static List<List<Object>> keyColumnUsage(Connection conn) throws SQLException {
        List<List<Object>> rows = new ArrayList<>();
        for (TableInfo t : InformationSchemaTables.described(conn)) {
            if (t.view()) continue;
            for (TableInfo.IndexInfo idx : t.indexes()) {
                if (!idx.unique()) continue;
                long position = 1;
                for (String column : idx.columns()) {
                    rows.add(Arrays.asList("def", t.database(), idx.name(), "def", t.database(), t.name(), column,
                            position++, null, null, null, null));
                }
            }
        }
        for (ForeignKeyColumn fk : foreignKeys(conn)) {
            rows.add(Arrays.asList("def", fk.schema(), fk.name(), "def", fk.schema(), fk.table(), fk.column(),
                    fk.position(), fk.position(), fk.refSchema(), fk.refTable(), fk.refColumn()));
        }
        return rows;
    }

    /** REFERENTIAL_CONSTRAINTS: one row per foreign key, with its rules and the key it references. */
    private static List<List<Object>> referentialConstraints(Connection conn) throws SQLException {
        List<List<Object>> rows = new ArrayList<>();
        String last = null;
        for (ForeignKeyColumn fk : foreignKeys(conn)) {
            String key = fk.schema() + "." + fk.name();
            if (key.equals(last)) continue;
            last = key;
            rows.add(Arrays.asList("def", fk.schema(), fk.name(), "def", fk.refSchema(), fk.uniqueName(), "NONE",
                    fk.updateRule(), fk.deleteRule(), fk.table(), fk.refTable()));
        }
        return rows;
    }
}
