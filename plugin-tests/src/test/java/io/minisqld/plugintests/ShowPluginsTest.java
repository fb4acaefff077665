package io.minisqld.plugintests;

import static io.minisqld.plugintests.Fixtures.executeClean;
import static io.minisqld.plugintests.Fixtures.row;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.minisqld.testcommon.Program;
import io.minisqld.testsupport.MinisqldHarness;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * SHOW PLUGINS and INFORMATION_SCHEMA.PLUGINS (spec plugin-framework.md §B) with plugins loaded,
 * through JDBC and through the real {@code mariadb} client in {@code --table} mode, byte for byte.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ShowPluginsTest {
    /** The real MariaDB command-line client; the test fails (never skips) when it is missing. */

    private MinisqldHarness server;

    @BeforeAll
    void start() throws Exception {
        server = Fixtures.withAllFixtures().start();
        Connection c = server.connection();
        executeClean(c, "INSTALL PLUGIN test_good SONAME 'test_good.so'");
        executeClean(c, "INSTALL SONAME 'test_two.so'");
    }

    @AfterAll
    void stop() {
        if (server != null) server.close();
    }

    @Test
    void showPluginsListsBuiltInsThenLoadedPluginsInInstallOrder() throws Exception {
        List<List<String>> expected = new ArrayList<>(Fixtures.BUILTIN_ROWS);
        expected.add(row("test_good", "ACTIVE", "REPLICATION", "test_good.so", "GPL"));
        expected.add(row("test_two_a", "ACTIVE", "DAEMON", "test_two.so", "GPL"));
        expected.add(row("test_two_b", "ACTIVE", "DAEMON", "test_two.so", "BSD"));
        assertEquals(expected, server.rows("SHOW PLUGINS"));
    }

    @Test
    void informationSchemaHasEveryColumn() throws Exception {
        assertEquals(List.of(
                row("test_good", "1.0", "ACTIVE", "REPLICATION", "4.0", "test_good.so", "1.2", "minisqld tests",
                        "Counts committed transactions", "GPL", "ON"),
                row("test_two_b", "2.3", "ACTIVE", "DAEMON", "50744.0", "test_two.so", "1.2", "minisqld tests",
                        "Second of two", "BSD", "ON")),
                server.rows("SELECT PLUGIN_NAME, PLUGIN_VERSION, PLUGIN_STATUS, PLUGIN_TYPE, PLUGIN_TYPE_VERSION, "
                        + "PLUGIN_LIBRARY, PLUGIN_LIBRARY_VERSION, PLUGIN_AUTHOR, PLUGIN_DESCRIPTION, PLUGIN_LICENSE, "
                        + "LOAD_OPTION FROM INFORMATION_SCHEMA.PLUGINS WHERE PLUGIN_NAME IN ('test_good', 'test_two_b') "
                        + "ORDER BY PLUGIN_NAME"));
        assertEquals(List.of("PLUGIN_NAME", "PLUGIN_VERSION", "PLUGIN_STATUS", "PLUGIN_TYPE", "PLUGIN_TYPE_VERSION",
                "PLUGIN_LIBRARY", "PLUGIN_LIBRARY_VERSION", "PLUGIN_AUTHOR", "PLUGIN_DESCRIPTION", "PLUGIN_LICENSE",
                "LOAD_OPTION"), columnNames("SELECT * FROM INFORMATION_SCHEMA.PLUGINS"));
    }

    @Test
    void informationSchemaAnswersAnyWhere() throws Exception {
        assertEquals(List.of(row("test_two_a"), row("test_two_b")), server.rows(
                "SELECT PLUGIN_NAME FROM INFORMATION_SCHEMA.PLUGINS WHERE PLUGIN_TYPE = 'DAEMON' ORDER BY 1"));
        assertEquals(List.of(row("binlog"), row("mysql_native_password"), row("InnoDB")), server.rows(
                "SELECT PLUGIN_NAME FROM INFORMATION_SCHEMA.PLUGINS WHERE PLUGIN_LIBRARY IS NULL"));
        assertEquals(List.of(row("test_two.so", "2")), server.rows("SELECT PLUGIN_LIBRARY, COUNT(*) "
                + "FROM INFORMATION_SCHEMA.PLUGINS WHERE PLUGIN_LIBRARY LIKE '%two%' GROUP BY PLUGIN_LIBRARY"));
        assertEquals(List.of(row("test_good")), server.rows("SELECT plugin_name FROM information_schema.plugins "
                + "WHERE plugin_name LIKE 'TEST\\_GOOD' AND load_option = 'ON' AND plugin_status = 'ACTIVE'"));
        assertEquals(List.of(), server.rows("SELECT PLUGIN_NAME, PLUGIN_STATUS FROM INFORMATION_SCHEMA.PLUGINS "
                + "WHERE PLUGIN_NAME LIKE '%semi%'"));
    }

    @Test
    void mariadbClientPrintsShowPluginsAsMySqlTable() throws Exception {
        assertEquals("""
                +-----------------------+--------+----------------+--------------+---------+
                | Name                  | Status | Type           | Library      | License |
                +-----------------------+--------+----------------+--------------+---------+
                | binlog                | ACTIVE | STORAGE ENGINE | NULL         | GPL     |
                | mysql_native_password | ACTIVE | AUTHENTICATION | NULL         | GPL     |
                | InnoDB                | ACTIVE | STORAGE ENGINE | NULL         | GPL     |
                | test_good             | ACTIVE | REPLICATION    | test_good.so | GPL     |
                | test_two_a            | ACTIVE | DAEMON         | test_two.so  | GPL     |
                | test_two_b            | ACTIVE | DAEMON         | test_two.so  | BSD     |
                +-----------------------+--------+----------------+--------------+---------+
                """, mariadb("SHOW PLUGINS"));
    }

    @Test
    void mariadbClientPrintsTheSeedQuery() throws Exception {
        // the seed's query verbatim: nothing named %semi% is loaded, and the client prints nothing
        assertEquals("", mariadb(
                "SELECT PLUGIN_NAME, PLUGIN_STATUS FROM INFORMATION_SCHEMA.PLUGINS WHERE PLUGIN_NAME LIKE '%semi%';"));
        // the same query over plugins that are there
        assertEquals("""
                +-------------+---------------+
                | PLUGIN_NAME | PLUGIN_STATUS |
                +-------------+---------------+
                | test_two_a  | ACTIVE        |
                | test_two_b  | ACTIVE        |
                +-------------+---------------+
                """, mariadb(
                "SELECT PLUGIN_NAME, PLUGIN_STATUS FROM INFORMATION_SCHEMA.PLUGINS WHERE PLUGIN_NAME LIKE '%two%';"));
    }

    private List<String> columnNames(String sql) throws Exception {
        try (var st = server.connection().createStatement(); var rs = st.executeQuery(sql)) {
            List<String> names = new ArrayList<>();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) names.add(rs.getMetaData().getColumnLabel(i));
            return names;
        }
    }

    /** {@code mariadb --table -e sql}: its stdout; fails on a non-zero exit or anything on stderr. */
    private String mariadb(String sql) throws Exception {
        Program.Result r = server.mariadb(null, "--table", "-e", sql);
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals("", r.stderr());
        return r.stdout();
    }
}
