package io.minisqld.server.engine.h2;

import io.minisqld.server.grant.Privilege;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * information_schema USER_PRIVILEGES, SCHEMA_PRIVILEGES, TABLE_PRIVILEGES and COLUMN_PRIVILEGES,
 * read from the grant tables ({@code mysql.user}, {@code mysql.db}, {@code mysql.tables_priv}, {@code mysql.columns_priv}) as
 * MySQL 5.7 derives them: one row per privilege held, {@code 'user'@'host'} as GRANTEE, IS_GRANTABLE
 * YES with the GRANT OPTION at that level, and USAGE for an account without a global privilege.
 * COLUMN_PRIVILEGES reads {@code mysql.columns_priv}.
 */
final class PrivilegeTables {
    static final String USER_COLUMNS = "GRANTEE, TABLE_CATALOG, PRIVILEGE_TYPE, IS_GRANTABLE";
    static final String SCHEMA_COLUMNS = "GRANTEE, TABLE_CATALOG, TABLE_SCHEMA, PRIVILEGE_TYPE, IS_GRANTABLE";
    static final String TABLE_COLUMNS = "GRANTEE, TABLE_CATALOG, TABLE_SCHEMA, TABLE_NAME, PRIVILEGE_TYPE,"
            + " IS_GRANTABLE";
    static final String COLUMN_COLUMNS = "GRANTEE, TABLE_CATALOG, TABLE_SCHEMA, TABLE_NAME, COLUMN_NAME,"
            + " PRIVILEGE_TYPE, IS_GRANTABLE";

    private PrivilegeTables() {
    }

    private static String grantee(String user, String host) {
        return "'" + user + "'@'" + host + "'";
    }

    static List<List<Object>> user(Connection conn) throws SQLException {
        List<List<Object>> rows = new ArrayList<>();
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery("SELECT * FROM \"mysql\".\"user\"")) {
            while (rs.next()) {
                String grantee = grantee(rs.getString("User"), rs.getString("Host"));
                String grantable = "Y".equals(rs.getString(Privilege.GRANT_OPTION.column())) ? "YES" : "NO";
                int before = rows.size();
                for (Privilege p : Privilege.values()) {
                    if (p == Privilege.GRANT_OPTION || !"Y".equals(rs.getString(p.column()))) continue;
                    rows.add(Arrays.asList(grantee, "def", p.grantName(), grantable));
                }
                if (rows.size() == before) rows.add(Arrays.asList(grantee, "def", "USAGE", grantable));
            }
        }
        return rows;
    }

    static List<List<Object>> schema(Connection conn) throws SQLException {
        List<List<Object>> rows = new ArrayList<>();
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery("SELECT * FROM \"mysql\".\"db\"")) {
            while (rs.next()) {
                String grantee = grantee(rs.getString("User"), rs.getString("Host"));
                String grantable = "Y".equals(rs.getString(Privilege.GRANT_OPTION.column())) ? "YES" : "NO";
                for (Privilege p : Privilege.values()) {
                    if (p == Privilege.GRANT_OPTION || !p.databaseLevel() || !"Y".equals(rs.getString(p.column()))) {
                        continue;
                    }
                    rows.add(Arrays.asList(grantee, "def", rs.getString("Db"), p.grantName(), grantable));
                }
            }
        }
        return rows;
    }

    static List<List<Object>> table(Connection conn) throws SQLException {
        List<List<Object>> rows = new ArrayList<>();
        try (Statement st = conn.createStatement();
             ResultSet rs = st.executeQuery("SELECT * FROM \"mysql\".\"tables_priv\"")) {
            while (rs.next()) {
                String grantee = grantee(rs.getString("User"), rs.getString("Host"));
                List<String> held = Arrays.asList(rs.getString("Table_priv").split(","));
                String grantable = held.contains("Grant") ? "YES" : "NO";
                for (Privilege p : Privilege.values()) {
                    if (p == Privilege.GRANT_OPTION || p.tablePrivName() == null || !held.contains(p.tablePrivName())) {
                        continue;
                    }
                    rows.add(Arrays.asList(grantee, "def", rs.getString("Db"), rs.getString("Table_name"),
                            p.grantName(), grantable));
                }
            }
        }
        return rows;
    }

    /** One row per column privilege of {@code mysql.columns_priv}; grantable with the table's GRANT OPTION. */
    static List<List<Object>> column(Connection conn) throws SQLException {
        List<List<Object>> rows = new ArrayList<>();
        try (Statement st = conn.createStatement();
             ResultSet rs = st.executeQuery("SELECT c.\"Host\", c.\"User\", c.\"Db\", c.\"Table_name\","
                     + " c.\"Column_name\", c.\"Column_priv\", t.\"Table_priv\" FROM \"mysql\".\"columns_priv\" c"
                     + " LEFT JOIN \"mysql\".\"tables_priv\" t ON t.\"Host\" = c.\"Host\" AND t.\"User\" = c.\"User\""
                     + " AND t.\"Db\" = c.\"Db\" AND t.\"Table_name\" = c.\"Table_name\"")) {
            while (rs.next()) {
                String grantee = grantee(rs.getString(2), rs.getString(1));
                List<String> held = Arrays.asList(rs.getString(6).split(","));
                String tablePriv = rs.getString(7);
                String grantable = tablePriv != null && Arrays.asList(tablePriv.split(",")).contains("Grant") ? "YES" : "NO";
                for (Privilege p : Privilege.values()) {
                    if (p.tablePrivName() == null || !held.contains(p.tablePrivName())) continue;
                    rows.add(Arrays.asList(grantee, "def", rs.getString(3), rs.getString(4), rs.getString(5),
                            p.grantName(), grantable));
                }
            }
        }
        return rows;
    }
}
