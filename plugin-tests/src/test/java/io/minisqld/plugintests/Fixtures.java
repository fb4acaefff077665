package io.minisqld.plugintests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.minisqld.testsupport.HarnessBuilder;
import io.minisqld.testsupport.MinisqldHarness;
import io.minisqld.testsupport.SqlRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * The fixture jars (built by the test-plugins modules and copied by Maven into
 * {@code target/plugin-dir/} under their SONAME stems) and the assertions the plugin tests share.
 */
final class Fixtures {
    /** Every fixture jar, as named in plugin_dir. */
    static final List<String> JARS = List.of("test_good.jar", "test_init_fails.jar", "test_deinit_fails.jar",
            "test_missing_class.jar", "test_not_a_plugin.jar", "test_two.jar", "test_dup_a.jar", "test_dup_b.jar",
            "test_dep_v1.jar", "test_dep_v2.jar", "test_blocker.jar", "test_slow_hook.jar");

    /** The built-in plugins every server lists first, as SHOW PLUGINS rows (Library NULL). */
    static final List<List<String>> BUILTIN_ROWS = List.of(
            row("binlog", "ACTIVE", "STORAGE ENGINE", null, "GPL"),
            row("mysql_native_password", "ACTIVE", "AUTHENTICATION", null, "GPL"),
            row("InnoDB", "ACTIVE", "STORAGE ENGINE", null, "GPL"));

    private Fixtures() {
    }

    /** Where Maven put the fixture jars. */
    static Path fixtureDir() {
        Path dir = Path.of(System.getProperty("minisqld.fixtureDir", "target/plugin-dir"));
        for (String jar : JARS) {
            assertTrue(Files.isRegularFile(dir.resolve(jar)), dir.resolve(jar)
                    + " is missing: package the test-plugins modules first (mvn -pl plugin-tests -am package)");
        }
        return dir;
    }

    /** A harness builder whose plugin_dir holds every fixture jar. */
    static HarnessBuilder withAllFixtures() {
        HarnessBuilder b = MinisqldHarness.builder();
        Path dir = fixtureDir();
        for (String jar : JARS) b.plugin(dir.resolve(jar));
        return b;
    }

    static List<String> row(String... values) {
        return Arrays.asList(values);
    }

    /** Asserts MySQL's error number, SQLSTATE and message (without Connector/J's "(conn=N) "). */
    static void assertError(SQLException e, int code, String state, String message) {
        String seen = "got " + e.getErrorCode() + " (" + e.getSQLState() + ") " + e.getMessage();
        assertEquals(code, e.getErrorCode(), seen);
        assertEquals(state, e.getSQLState(), seen);
        assertEquals(message, stripConn(e.getMessage()), seen);
    }

    /** Runs {@code sql}, which must fail, and asserts its error. */
    static void assertFails(SqlRunner sql, String statement, int code, String state, String message)
            throws SQLException {
        assertError(sql.error(statement), code, state, message);
    }

    static String stripConn(String message) {
        return message == null ? null : message.replaceFirst("^\\(conn=\\d+\\) ", "");
    }

    /** Runs {@code statement} on {@code c}, which must succeed, and returns SHOW WARNINGS after it. */
    static List<List<String>> executeWithWarnings(Connection c, String statement) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(statement);
        }
        return SqlRunner.on(c).warnings();
    }

    /** Runs {@code statement} on {@code c}, which must succeed with no warning at all. */
    static void executeClean(Connection c, String statement) throws SQLException {
        assertEquals(List.of(), executeWithWarnings(c, statement), "warnings after " + statement);
    }

    /** The SHOW PLUGINS rows after the built-ins. */
    static List<List<String>> loadedPlugins(SqlRunner sql) throws SQLException {
        List<List<String>> all = sql.rows("SHOW PLUGINS");
        assertEquals(BUILTIN_ROWS, all.subList(0, Math.min(all.size(), BUILTIN_ROWS.size())),
                "SHOW PLUGINS starts with the built-ins");
        return all.subList(BUILTIN_ROWS.size(), all.size());
    }

    /** The rows of mysql.plugin (name, dl), ordered by name. */
    static List<List<String>> pluginTable(SqlRunner sql) throws SQLException {
        return sql.rows("SELECT name, dl FROM mysql.plugin ORDER BY name");
    }

    /**
     * Whether this process holds the jar open (Linux: a descriptor in /proc/self/fd points at
     * it): a library's class loader keeps its jar open until it is closed, so a jar no one has
     * open is an unloaded library.
     */
    static boolean jarOpen(Path jar) throws IOException {
        Path target = jar.toAbsolutePath().normalize();
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    if (Files.readSymbolicLink(fd).equals(target)) return true;
                } catch (IOException e) {
                    // the descriptor was closed while we listed: it cannot be the jar's then
                }
            }
        }
        return false;
    }
}
