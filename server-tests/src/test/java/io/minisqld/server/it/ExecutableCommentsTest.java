package io.minisqld.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
 * Executable comments as MySQL 5.7 runs them (protocol.md §1.10.5): {@code /*!NNNNN … *}{@code /}
 * runs its content when NNNNN ≤ 50744 (this server's version), a newer version stays a comment,
 * and {@code /*M!…*}{@code /} is MariaDB's and a comment to MySQL. What a dump wraps in them
 * (views, SET statements) must run, not silently vanish.
 */
class ExecutableCommentsTest {
    private static MinisqldHarness server;

    @BeforeAll
    static void start() throws Exception {
        server = MinisqldHarness.inProcess().name("execcomments").serverId(1).start();
        try (Connection c = Driver.MARIADB.connect(server, ""); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE ec");
        }
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    /** Column labels, then each row's values as text. */
    private static List<String> run(String sql) throws SQLException {
        try (Connection c = Driver.MARIADB.connect(server, "ec"); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            ResultSetMetaData md = rs.getMetaData();
            List<String> out = new ArrayList<>();
            for (int i = 1; i <= md.getColumnCount(); i++) out.add(md.getColumnLabel(i));
            while (rs.next()) {
                for (int i = 1; i <= md.getColumnCount(); i++) out.add(rs.getString(i));
            }
            return out;
        }
    }

    @Test
    void aWholeStatementInsideAnExecutableCommentRuns() throws Exception {
        assertEquals(List.of("7", "7"), run("/*!40101 SELECT 7 */"));
        assertEquals(List.of("8", "8"), run("/*! SELECT 8 */"), "without a version the content always runs");
    }

    @Test
    void partOfAStatementInsideAnExecutableCommentIsPartOfIt() throws Exception {
        assertEquals(List.of("@@server_id", "@@hostname", "1", server.server().variables().globalString("hostname")),
                run("SELECT @@server_id /*!50038 , @@hostname*/"));
    }

    @Test
    void newerVersionsAndMariaDbCommentsStayComments() throws Exception {
        assertEquals(List.of("1", "1"), run("SELECT 1 /*!80000 , 2 */"));
        assertEquals(List.of("1", "1"), run("SELECT 1 /*M!100100 , 2 */"));
        try (Connection c = Driver.MARIADB.connect(server, "ec"); Statement st = c.createStatement()) {
            SQLException e = assertThrows(SQLException.class, () -> st.execute("/*!80000 SELECT 9 */"));
            assertEquals(1065, e.getErrorCode());
            assertEquals("Query was empty", e.getMessage().replaceAll("^\\(conn=\\d+\\) ", ""));
        }
    }

    @Test
    void aDumpedViewIsCreated() throws Exception {
        try (Connection c = Driver.MARIADB.connect(server, "ec"); Statement st = c.createStatement()) {
            assertFalse(st.execute("/*!50001 CREATE VIEW v AS SELECT 1 AS x, 'y' AS y */"));
        }
        assertEquals(List.of("x", "y", "1", "y"), run("SELECT * FROM v"));
    }
}
