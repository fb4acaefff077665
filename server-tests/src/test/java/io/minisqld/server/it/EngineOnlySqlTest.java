package io.minisqld.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.minisqld.testsupport.MinisqldHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine's own SQL is none of MySQL's, and the server refuses it as MySQL would: its
 * statements ({@code SCRIPT TO}, {@code RUNSCRIPT}, {@code BACKUP}, {@code CREATE ALIAS}, {@code
 * CREATE LINKED TABLE}, {@code DROP ALL OBJECTS}, {@code MERGE}, {@code COMMENT ON}) are 1064, its
 * functions ({@code FILE_READ}, {@code FILE_WRITE}, {@code CSVWRITE}, {@code H2VERSION}) 1305, its
 * table functions in FROM ({@code CSVREAD}, {@code SYSTEM_RANGE}) 1064 and its information_schema
 * tables ({@code SESSIONS}, {@code USERS}) 1109, and its data change delta tables ({@code SELECT * FROM
 * OLD TABLE (DELETE FROM t)}) 1064. Before, a client reached them all: it read and
 * wrote the server's files, ran Java methods, saw every session's statement and dropped every
 * database with one statement.
 */
class EngineOnlySqlTest {
    @TempDir
    static Path files;
    private static MinisqldHarness server;
    private static Connection connection;
    private static Statement st;

    @BeforeAll
    static void start() throws Exception {
        server = MinisqldHarness.inProcess().name("engine-only").serverId(1).start();
        connection = Driver.MARIADB.connect(server, "");
        st = connection.createStatement();
        st.execute("CREATE DATABASE eo");
        st.execute("USE eo");
        st.execute("CREATE TABLE t (a INT)");
        st.execute("INSERT INTO t VALUES (1)");
    }

    @AfterAll
    static void stop() throws Exception {
        connection.close();
        server.close();
    }

    private static SQLException refused(String sql) {
        return assertThrows(SQLException.class, () -> st.execute(sql), sql);
    }

    @Test
    void theEnginesStatementsAreSyntaxErrors() throws Exception {
        Path script = files.resolve("script.sql");
        Path backup = files.resolve("backup.zip");
        for (String sql : new String[] {"SCRIPT TO '" + script + "'", "BACKUP TO '" + backup + "'",
                "RUNSCRIPT FROM '" + script + "'", "CREATE ALIAS p FOR 'java.lang.System.getProperty'",
                "CREATE LINKED TABLE l ('', 'jdbc:h2:mem:x', '', '', 'T')", "DROP ALL OBJECTS",
                "MERGE INTO t KEY (a) VALUES (2)", "COMMENT ON TABLE t IS 'x'", "CHECKPOINT", "CREATE DOMAIN d AS INT",
                "CREATE SEQUENCE s"}) {
            SQLException e = refused(sql);
            assertEquals(1064, e.getErrorCode(), sql);
            assertEquals("42000", e.getSQLState(), sql);
        }
        // a data change delta table changed rows inside a SELECT, past the DELETE privilege and the binlog
        for (String sql : new String[] {"SELECT * FROM OLD TABLE (DELETE FROM t)",
                "SELECT * FROM FINAL TABLE (INSERT INTO t VALUES (2))"}) {
            assertEquals(1064, refused(sql).getErrorCode(), sql);
        }
        // nor inside a trigger's body, which ran its statements on the row's engine session (the
        // script was written when a row fired the trigger)
        Path fired = files.resolve("fired.sql");
        assertEquals(1064, refused("CREATE TRIGGER tr AFTER INSERT ON t FOR EACH ROW BEGIN SCRIPT TO '" + fired
                + "'; END").getErrorCode());
        assertFalse(Files.exists(fired));
        assertFalse(Files.exists(script));
        assertFalse(Files.exists(backup));
        // nothing was dropped or changed
        try (ResultSet rs = st.executeQuery("SELECT a FROM t")) {
            rs.next();
            assertEquals(1, rs.getInt(1));
            assertFalse(rs.next());
        }
    }

    @Test
    void theEnginesFunctionsAreUnknown() {
        Path written = files.resolve("written.txt");
        assertEquals("1305 FUNCTION eo.file_read does not exist", error("SELECT FILE_READ('/etc/hostname')"));
        assertEquals("1305 FUNCTION eo.file_write does not exist", error("SELECT FILE_WRITE('x', '" + written + "')"));
        assertEquals("1305 FUNCTION eo.csvwrite does not exist", error("SELECT CSVWRITE('" + written + "', 'SELECT 1')"));
        assertEquals("1305 FUNCTION eo.h2version does not exist", error("SELECT h2version()"));
        assertEquals("1305 FUNCTION eo.file_read does not exist", error("SELECT `FILE_READ`('/etc/hostname')"));
        assertFalse(Files.exists(written));
        SQLException e = refused("SELECT * FROM CSVREAD('/etc/hostname')");
        assertEquals(1064, e.getErrorCode());
        assertEquals(1064, refused("SELECT * FROM t JOIN SYSTEM_RANGE(1, 3)").getErrorCode());
        assertEquals("1109 Unknown table 'SESSIONS' in information_schema",
                error("SELECT * FROM information_schema.SESSIONS"));
        assertEquals("1109 Unknown table 'users' in information_schema", error("SELECT * FROM information_schema.users"));
    }

    private static String error(String sql) {
        SQLException e = refused(sql);
        // Connector/J puts "(conn=N) " before the server's message
        return e.getErrorCode() + " " + e.getMessage().replaceFirst("^\\(conn=\\d+\\) ", "");
    }
}
