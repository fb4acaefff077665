package io.minisqld.server.engine.h2;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Where stored routines are kept (the engine's hidden schema, one row per routine, written by the
 * statement layer's CREATE / DROP PROCEDURE) and how information_schema.ROUTINES and PARAMETERS
 * read them. {@code parameters} holds one line per parameter: mode, name and type separated by
 * tabs.
 */
final class StoredRoutineTables {
    static final String TABLE = "`" + H2StorageEngine.INTERNAL_SCHEMA + "`.`routines`";

    static final String CREATE_TABLE = "CREATE TABLE IF NOT EXISTS " + TABLE + " (db VARCHAR(64) NOT NULL,"
            + " name VARCHAR(64) NOT NULL, type VARCHAR(9) NOT NULL, definer VARCHAR(300) NOT NULL,"
            + " parameters VARCHAR(1000000) NOT NULL, param_list VARCHAR(1000000) NOT NULL,"
            + " returns VARCHAR(1000) NOT NULL, body VARCHAR(1000000) NOT NULL, is_deterministic VARCHAR(3) NOT NULL,"
            + " sql_data_access VARCHAR(20) NOT NULL, security_type VARCHAR(7) NOT NULL, comment VARCHAR(65535) NOT NULL,"
            + " sql_mode VARCHAR(1000) NOT NULL, created TIMESTAMP(0) NOT NULL, modified TIMESTAMP(0) NOT NULL,"
            + " character_set_client VARCHAR(32) NOT NULL, collation_connection VARCHAR(32) NOT NULL,"
            + " db_collation VARCHAR(32) NOT NULL, PRIMARY KEY (db, type, name))";

    static final String ROUTINES_COLUMNS = "SPECIFIC_NAME, ROUTINE_CATALOG, ROUTINE_SCHEMA, ROUTINE_NAME, ROUTINE_TYPE,"
            + " DATA_TYPE, #CHARACTER_MAXIMUM_LENGTH, #CHARACTER_OCTET_LENGTH, #NUMERIC_PRECISION, #NUMERIC_SCALE,"
            + " #DATETIME_PRECISION, CHARACTER_SET_NAME, COLLATION_NAME, DTD_IDENTIFIER, ROUTINE_BODY,"
            + " ROUTINE_DEFINITION, EXTERNAL_NAME, EXTERNAL_LANGUAGE, PARAMETER_STYLE, IS_DETERMINISTIC,"
            + " SQL_DATA_ACCESS, SQL_PATH, SECURITY_TYPE, CREATED, LAST_ALTERED, SQL_MODE, ROUTINE_COMMENT, DEFINER,"
            + " CHARACTER_SET_CLIENT, COLLATION_CONNECTION, DATABASE_COLLATION";

    static final String PARAMETERS_COLUMNS = "SPECIFIC_CATALOG, SPECIFIC_SCHEMA, SPECIFIC_NAME, #ORDINAL_POSITION,"
            + " PARAMETER_MODE, PARAMETER_NAME, DATA_TYPE, #CHARACTER_MAXIMUM_LENGTH, #CHARACTER_OCTET_LENGTH,"
            + " #NUMERIC_PRECISION, #NUMERIC_SCALE, #DATETIME_PRECISION, CHARACTER_SET_NAME, COLLATION_NAME,"
            + " DTD_IDENTIFIER, ROUTINE_TYPE";

    private static final String SELECT = "SELECT db, name, type, definer, parameters, body, is_deterministic,"
            + " sql_data_access, security_type, comment, sql_mode, created, modified, character_set_client,"
            + " collation_connection, db_collation, returns FROM " + TABLE.replace('`', '"') + " ORDER BY db, type, name";

    private StoredRoutineTables() {
    }

    static List<List<Object>> routines(Connection conn) throws SQLException {
        List<List<Object>> rows = new ArrayList<>();
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(SELECT)) {
            while (rs.next()) {
                boolean function = rs.getString(3).equals("FUNCTION");
                String returns = rs.getString(17);
                rows.add(Arrays.asList(rs.getString(2), "def", rs.getString(1), rs.getString(2), rs.getString(3),
                        function ? dataType(returns) : "", null, null, null, null, null, null, null,
                        function ? returns.toLowerCase(Locale.ROOT) : null, "SQL", rs.getString(6), null, null, "SQL",
                        rs.getString(7), rs.getString(8), null, rs.getString(9), timestamp(rs, 12), timestamp(rs, 13),
                        rs.getString(11), rs.getString(10), rs.getString(4), rs.getString(14), rs.getString(15),
                        rs.getString(16)));
            }
        }
        return rows;
    }

    static List<List<Object>> parameters(Connection conn) throws SQLException {
        List<List<Object>> rows = new ArrayList<>();
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(SELECT)) {
            while (rs.next()) {
                String type = rs.getString(3);
                long ordinal = 0;
                if (type.equals("FUNCTION")) {
                    String returns = rs.getString(17);
                    rows.add(Arrays.asList("def", rs.getString(1), rs.getString(2), 0L, null, null, dataType(returns),
                            null, null, null, null, null, null, null, returns.toLowerCase(Locale.ROOT), type));
                }
                for (String line : rs.getString(5).split("\n")) {
                    if (line.isEmpty()) continue;
                    String[] p = line.split("\t", 3);
                    rows.add(Arrays.asList("def", rs.getString(1), rs.getString(2), ++ordinal,
                            type.equals("FUNCTION") ? null : p[0], p[1], dataType(p[2]), null, null, null, null, null,
                            null, null, p[2].toLowerCase(Locale.ROOT), type));
                }
            }
        }
        return rows;
    }

    /** The type's name without its length, lower case: "varchar" for VARCHAR(20) CHARSET utf8mb4. */
    private static String dataType(String dtd) {
        String t = dtd.strip().toLowerCase(Locale.ROOT);
        int end = 0;
        while (end < t.length() && (Character.isLetterOrDigit(t.charAt(end)) || t.charAt(end) == '_')) end++;
        return t.substring(0, end);
    }

    private static String timestamp(ResultSet rs, int column) throws SQLException {
        java.sql.Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toLocalDateTime().format(java.time.format.DateTimeFormatter.ofPattern(
                "yyyy-MM-dd HH:mm:ss"));
    }
}
