package io.minisqld.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minisqld.testsupport.MinisqldHarness;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * MySQL 5.7's UNSIGNED (and ZEROFILL) numeric columns in strict mode: an unsigned integer column
 * holds 0 up to its type's unsigned maximum, a value outside is refused with 1264 "Out of range
 * value for column" and nothing is stored; an unsigned DECIMAL/FLOAT/DOUBLE refuses negatives. The
 * engine had accepted UNSIGNED and ignored it: -1 was stored, values above the signed maximum
 * refused, and the table described as signed. What a client sees: rows, errors, SHOW CREATE TABLE,
 * SHOW COLUMNS, INFORMATION_SCHEMA.COLUMNS, result-set flags and generated ids.
 */
class UnsignedColumnsTest {
    private static MinisqldHarness server;
    private static Connection connection;
    private static Statement st;

    private static final String[][] RANGES = {
        {"TINYINT", "255", "tinyint(3) unsigned"},
        {"SMALLINT", "65535", "smallint(5) unsigned"},
        {"MEDIUMINT", "16777215", "mediumint(8) unsigned"},
        {"INT", "4294967295", "int(10) unsigned"},
        {"BIGINT", "18446744073709551615", "bigint(20) unsigned"},
    };

    @BeforeAll
    static void start() throws Exception {
        server = MinisqldHarness.inProcess().name("unsigned").serverId(1).start();
        connection = Driver.MARIADB.connect(server, "");
        st = connection.createStatement();
        st.execute("CREATE DATABASE u");
        st.execute("USE u");
    }

    @AfterAll
    static void stop() throws Exception {
        connection.close();
        server.close();
    }

    private static List<String> column(String sql, int col) throws SQLException {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) out.add(rs.getString(col));
        }
        return out;
    }

    private static void refused(String sql, String column) {
        refused(sql, column, 1);
    }

    private static void refused(String sql, String column, int row) {
        SQLException e = assertThrows(SQLException.class, () -> st.execute(sql), sql);
        assertEquals(1264, e.getErrorCode(), e.getMessage());
        assertEquals("22003", e.getSQLState());
        assertEquals("Out of range value for column '" + column + "' at row " + row,
                e.getMessage().replaceFirst("^\\(conn=\\d+\\) ", ""));
    }

    @Test
    void eachIntegerTypeHoldsItsUnsignedRangeAndRefusesBeyond() throws Exception {
        for (String[] r : RANGES) {
            String table = "r_" + r[0].toLowerCase();
            st.execute("CREATE TABLE " + table + " (id INT PRIMARY KEY, a " + r[0] + " UNSIGNED)");
            st.execute("INSERT INTO " + table + " VALUES (1, 0), (2, " + r[1] + ")");
            refused("INSERT INTO " + table + " VALUES (3, -1)", "a");
            refused("INSERT INTO " + table + " VALUES (4, " + r[1] + " + 1)", "a");
            refused("UPDATE " + table + " SET a = -1 WHERE id = 1", "a");
            refused("INSERT INTO " + table + " VALUES (5, 1), (6, -1)", "a", 2);
            // below zero the difference itself is MySQL's 1690, before anything is stored (BIGINT too)
            SQLException e = assertThrows(SQLException.class, () -> st.executeUpdate("UPDATE " + table + " SET a = a - 1"));
            assertEquals(1690, e.getErrorCode(), table);
            assertEquals(List.of("0", r[1]), column("SELECT a FROM " + table + " ORDER BY id", 1), table);
            assertEquals(List.of(r[2]), column("SHOW COLUMNS FROM " + table + " LIKE 'a'", 2), table);
            assertEquals(List.of(r[2]), column("SELECT COLUMN_TYPE FROM INFORMATION_SCHEMA.COLUMNS"
                    + " WHERE TABLE_SCHEMA = 'u' AND TABLE_NAME = '" + table + "' AND COLUMN_NAME = 'a'", 1), table);
        }
    }

    @Test
    void signedOutOfRangeIsRefusedWith1264() throws Exception {
        st.execute("CREATE TABLE s (a TINYINT, m MEDIUMINT, d DECIMAL(5,2))");
        refused("INSERT INTO s (a) VALUES (128)", "a");
        refused("INSERT INTO s (m) VALUES (8388608)", "m");
        refused("INSERT INTO s (d) VALUES (1000)", "d");
        st.execute("INSERT INTO s VALUES (-128, -8388608, -999.99)");
        assertEquals(List.of("-128|-8388608|-999.99"), column("SELECT CONCAT_WS('|', a, m, d) FROM s", 1));
        assertEquals(List.of("tinyint(4)", "mediumint(9)", "decimal(5,2)"), column("SHOW COLUMNS FROM s", 2));
    }

    @Test
    void showCreateTableAndZerofillAndDisplayWidth() throws Exception {
        st.execute("CREATE TABLE c (a INT(10) UNSIGNED NOT NULL DEFAULT '0', b TINYINT(3) UNSIGNED ZEROFILL,"
                + " z INT ZEROFILL, d DECIMAL(10,2) UNSIGNED, f FLOAT UNSIGNED, g DOUBLE UNSIGNED, s SMALLINT)");
        String create = column("SHOW CREATE TABLE c", 2).get(0);
        assertEquals(List.of("`a` int(10) unsigned NOT NULL DEFAULT '0'", "`b` tinyint(3) unsigned zerofill DEFAULT NULL",
                "`z` int(10) unsigned zerofill DEFAULT NULL", "`d` decimal(10,2) unsigned DEFAULT NULL",
                "`f` float unsigned DEFAULT NULL", "`g` double unsigned DEFAULT NULL", "`s` smallint(6) DEFAULT NULL"),
                create.lines().map(String::strip).filter(l -> l.startsWith("`"))
                        .map(l -> l.endsWith(",") ? l.substring(0, l.length() - 1) : l).toList());
        refused("INSERT INTO c (a, z) VALUES (1, -5)", "z");
        refused("INSERT INTO c (a, d) VALUES (1, -0.5)", "d");
        refused("INSERT INTO c (a, f) VALUES (1, -1.5)", "f");
        refused("INSERT INTO c (a, g) VALUES (1, -1e10)", "g");
        assertEquals(0, Integer.parseInt(column("SELECT COUNT(*) FROM c", 1).get(0)));
        st.execute("INSERT INTO c (a, d, f, g) VALUES (4294967295, 0, 0, 1e300)");
        assertEquals(List.of("4294967295"), column("SELECT a FROM c", 1));
        // INFORMATION_SCHEMA.COLUMNS read an unsigned DECIMAL's precision from its whole type and
        // failed for every table of the server (1105), which Flyway, Debezium and dumps query
        assertEquals(List.of("d 10 2 decimal(10,2) unsigned", "z 10 0 int(10) unsigned zerofill"),
                column("SELECT CONCAT_WS(' ', COLUMN_NAME, NUMERIC_PRECISION, NUMERIC_SCALE, COLUMN_TYPE)"
                        + " FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = 'u' AND TABLE_NAME = 'c'"
                        + " AND COLUMN_NAME IN ('d', 'z') ORDER BY COLUMN_NAME", 1));
    }

    @Test
    void resultColumnsCarryTheUnsignedFlagAndDeclaredType() throws Exception {
        st.execute("CREATE TABLE m (a TINYINT UNSIGNED, b INT UNSIGNED, c BIGINT UNSIGNED, d INT)");
        st.execute("INSERT INTO m VALUES (255, 4294967295, 18446744073709551615, -1)");
        try (ResultSet rs = st.executeQuery("SELECT a, b, c, d FROM m")) {
            ResultSetMetaData md = rs.getMetaData();
            assertEquals(List.of(false, false, false, true),
                    List.of(md.isSigned(1), md.isSigned(2), md.isSigned(3), md.isSigned(4)));
            assertEquals(List.of("TINYINT UNSIGNED", "INTEGER UNSIGNED", "BIGINT UNSIGNED", "INTEGER"),
                    List.of(md.getColumnTypeName(1), md.getColumnTypeName(2), md.getColumnTypeName(3),
                            md.getColumnTypeName(4)));
            rs.next();
            assertEquals(List.of("255", "4294967295", "18446744073709551615", "-1"),
                    List.of(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)));
        }
    }

    @Test
    void alterTableAddModifyAndChangeFollowTheNewType() throws Exception {
        st.execute("CREATE TABLE a (id INT PRIMARY KEY, x INT)");
        st.execute("INSERT INTO a VALUES (1, 5)");
        st.execute("ALTER TABLE a ADD COLUMN y SMALLINT UNSIGNED NOT NULL DEFAULT 7 AFTER id");
        refused("INSERT INTO a VALUES (2, -1, 1)", "y");
        st.execute("ALTER TABLE a MODIFY COLUMN x INT UNSIGNED");
        refused("UPDATE a SET x = -1", "x");
        st.execute("UPDATE a SET x = 4294967295");
        st.execute("ALTER TABLE a CHANGE x w BIGINT");
        st.execute("UPDATE a SET w = -1");
        assertEquals(List.of("int(11)", "smallint(5) unsigned", "bigint(20)"), column("SHOW COLUMNS FROM a", 2));
        assertEquals(List.of("id", "y", "w"), column("SHOW COLUMNS FROM a", 1));
        // -1 does not fit the new type: the ALTER is refused and the column stays as it was
        refused("ALTER TABLE a CHANGE COLUMN w v TINYINT UNSIGNED", "w");
        assertEquals(List.of("bigint(20)"), column("SHOW COLUMNS FROM a LIKE 'w'", 2));
        st.execute("UPDATE a SET w = 200");
        st.execute("ALTER TABLE a CHANGE COLUMN w v TINYINT UNSIGNED, MODIFY y INT");
        refused("UPDATE a SET v = 256", "v");
        st.execute("UPDATE a SET v = 255, y = -3");
        assertEquals(List.of("1|-3|255"), column("SELECT CONCAT_WS('|', id, y, v) FROM a", 1));
        assertEquals(List.of("int(11)", "tinyint(3) unsigned"), column("SHOW COLUMNS FROM a", 2).subList(1, 3));
    }

    @Test
    void unsignedAutoIncrementPrimaryKeyGeneratesIds() throws Exception {
        st.execute("CREATE TABLE ai (id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY, v VARCHAR(10))");
        st.executeUpdate("INSERT INTO ai (v) VALUES ('a')", Statement.RETURN_GENERATED_KEYS);
        try (ResultSet keys = st.getGeneratedKeys()) {
            keys.next();
            assertEquals(1L, keys.getLong(1));
        }
        st.execute("INSERT INTO ai (v) VALUES ('b'), ('c')");
        assertEquals(List.of("2"), column("SELECT LAST_INSERT_ID()", 1));
        st.execute("INSERT INTO ai VALUES (4294967290, 'd')");
        st.executeUpdate("INSERT INTO ai (v) VALUES ('e')", Statement.RETURN_GENERATED_KEYS);
        try (ResultSet keys = st.getGeneratedKeys()) {
            keys.next();
            assertEquals(4294967291L, keys.getLong(1));
        }
        assertEquals(List.of("1", "2", "3", "4294967290", "4294967291"), column("SELECT id FROM ai ORDER BY id", 1));
        assertEquals(List.of("int(10) unsigned"), column("SHOW COLUMNS FROM ai LIKE 'id'", 2));
        assertEquals(List.of("auto_increment"), column("SHOW COLUMNS FROM ai LIKE 'id'", 6));
    }
    /**
     * MySQL 5.7 manual 12.6.1 ("Out-of-Range and Overflow Handling"): the difference of an UNSIGNED
     * integer and another integer is unsigned, and below zero it is 1690 "BIGINT UNSIGNED value is
     * out of range in '(…)'" (NO_UNSIGNED_SUBTRACTION is refused); the engine computed it signed,
     * so a query showed -1 where MySQL refuses. NULL stays NULL, a difference of 0 or more is the
     * number as before, with its BIGINT type.
     */
    @Test
    void anUnsignedDifferenceBelowZeroIs1690() throws Exception {
        st.execute("CREATE TABLE stock (id INT PRIMARY KEY, qty INT UNSIGNED, other INT)");
        st.execute("INSERT INTO stock VALUES (1, 0, 5), (2, 7, 3), (3, NULL, 1)");
        assertEquals(List.of("6"), column("SELECT qty - 1 FROM stock WHERE id = 2", 1));
        assertEquals(List.of("4"), column("SELECT qty - other FROM stock WHERE id = 2", 1));
        assertEquals(java.util.Arrays.asList((String) null), column("SELECT qty - 1 FROM stock WHERE id = 3", 1));
        for (String sql : List.of("SELECT qty - 1 FROM stock WHERE id = 1", "SELECT id FROM stock WHERE qty - other > 0",
                "SELECT 1 - stock.qty FROM stock WHERE id = 2")) {
            SQLException e = assertThrows(SQLException.class, () -> column(sql, 1), sql);
            assertEquals(1690, e.getErrorCode(), sql);
            assertTrue(e.getMessage().contains("BIGINT UNSIGNED value is out of range in '("), e.getMessage());
        }
        SQLException e = assertThrows(SQLException.class, () -> st.executeUpdate("UPDATE stock SET other = qty - 1 WHERE id = 1"));
        assertTrue(e.getMessage().endsWith("BIGINT UNSIGNED value is out of range in '(qty - 1)'"), e.getMessage());
        try (ResultSet rs = st.executeQuery("SELECT qty - 1 FROM stock WHERE id = 2")) {
            assertTrue(rs.next());
            assertEquals(6L, rs.getLong(1));
            assertEquals(java.sql.Types.BIGINT, rs.getMetaData().getColumnType(1));
        }
        st.execute("DROP TABLE stock");
    }

    /**
     * 12.6.1 for a BIGINT UNSIGNED column: {@code + - *} with an integer give an unsigned result, and
     * outside 0 … 2^64 − 1 it is 1690 (a MariaDB 10.11 server alike); the engine's NUMERIC gave
     * 18446744073709551616 for the largest value plus one and -2 for 3 - 5.
     */
    @Test
    void bigintUnsignedArithmeticOutOfRangeIs1690() throws Exception {
        st.execute("CREATE TABLE big (id INT PRIMARY KEY, bu BIGINT UNSIGNED, b BIGINT)");
        st.execute("INSERT INTO big VALUES (1, 18446744073709551615, 5), (2, 3, -1)");
        assertEquals(List.of("1|3|4|2|9"), column("SELECT CONCAT_WS('|', bu - 2, bu + 0, 1 + bu, bu + b, bu * bu)"
                + " FROM big WHERE id = 2", 1));
        for (String sql : List.of("SELECT bu + 1 FROM big WHERE id = 1", "SELECT bu - 5 FROM big WHERE id = 2",
                "SELECT bu * 2 FROM big WHERE id = 1")) {
            SQLException e = assertThrows(SQLException.class, () -> column(sql, 1), sql);
            assertEquals(1690, e.getErrorCode(), sql);
            assertTrue(e.getMessage().contains("BIGINT UNSIGNED value is out of range in '(bu "), e.getMessage());
        }
        st.execute("DROP TABLE big");
    }
}

