package io.minisqld.server.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minisqld.testcommon.Poll;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** MariaDB Connector/J and MySQL Connector/J against the protocol layer and a fake server. */
class JdbcClientsTest {
    @RegisterExtension
    final FakeServer server = new FakeServer();

    private String mariadbUrl(String userAndPassword) {
        return "jdbc:mariadb://127.0.0.1:" + server.port() + "/?" + userAndPassword;
    }

    private String mysqlUrl(String options) {
        return "jdbc:mysql://127.0.0.1:" + server.port() + "/?useSSL=false&allowPublicKeyRetrieval=true&" + options;
    }

    @Test
    void mariadbConnectorQueriesAndErrors() throws SQLException {
        try (Connection c = DriverManager.getConnection(mariadbUrl("user=root"))) {
            assertQueries(c);
            assertTrue(c.isValid(5), "isValid uses COM_PING");
        }
        // the connection's thread closes the session after the client's COM_QUIT, on its own time
        Poll.until("the session closes", FakeServer.WAIT, () -> server.handlers.get(0).closeCalls.get() >= 1);
        assertEquals(1, server.handlers.get(0).closeCalls.get(), "the session closes once");
    }

    @Test
    void mysqlConnectorQueriesAndErrors() throws SQLException {
        try (Connection c = DriverManager.getConnection(mysqlUrl("user=root"))) {
            assertQueries(c);
        }
    }

    private void assertQueries(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("select @@version_comment limit 1")) {
                assertEquals("@@version_comment", rs.getMetaData().getColumnLabel(1));
                assertTrue(rs.next());
                assertEquals(FakeHandler.VERSION_COMMENT, rs.getString(1));
                assertFalse(rs.next());
            }
            try (ResultSet rs = s.executeQuery("SELECT 1")) {
                assertTrue(rs.next());
                assertEquals(1L, rs.getLong("1"));
            }
            try (ResultSet rs = s.executeQuery("SELECT id, name FROM t")) {
                ResultSetMetaData md = rs.getMetaData();
                assertEquals("id", md.getColumnLabel(1));
                assertEquals("name", md.getColumnLabel(2));
                assertEquals("t", md.getTableName(1));
                assertTrue(rs.next());
                assertEquals(1, rs.getInt("id"));
                assertEquals("alpha", rs.getString("name"));
                assertTrue(rs.next());
                assertEquals(2, rs.getInt("id"));
                assertNull(rs.getString("name"));
                assertFalse(rs.next());
            }
            assertEquals(0, s.executeUpdate("SET @x = 1"));
            assertEquals(2, s.executeUpdate("UPDATE t SET name = 'x'"));
            SQLException e = assertThrows(SQLException.class, () -> s.executeQuery("select * from missing"));
            assertEquals(1146, e.getErrorCode());
            assertEquals("42S02", e.getSQLState());
            assertTrue(e.getMessage().contains("Table 'test.missing' doesn't exist"), e.getMessage());
            try (ResultSet rs = s.executeQuery("SELECT 1")) {
                assertTrue(rs.next(), "the connection goes on after an error");
            }
        }
    }

    @Test
    void mariadbConnectorPasswordCheck() throws SQLException {
        try (Connection c = DriverManager.getConnection(mariadbUrl("user=app&password=s3cret"));
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 1")) {
            assertTrue(rs.next());
        }
        SQLException e = assertThrows(SQLException.class,
                () -> DriverManager.getConnection(mariadbUrl("user=app&password=nope")).close());
        assertEquals(1045, e.getErrorCode());
        assertEquals("28000", e.getSQLState());
        assertTrue(e.getMessage().contains("Access denied for user 'app'@'127.0.0.1' (using password: YES)"), e.getMessage());
    }

    @Test
    void mysqlConnectorPasswordCheckAndDatabase() throws SQLException {
        String url = "jdbc:mysql://127.0.0.1:" + server.port() + "/test?useSSL=false&allowPublicKeyRetrieval=true&user=app&password=s3cret";
        try (Connection c = DriverManager.getConnection(url)) {
            assertEquals("test", server.lastHandler().database);
        }
        SQLException e = assertThrows(SQLException.class,
                () -> DriverManager.getConnection(mysqlUrl("user=app&password=nope")).close());
        assertEquals(1045, e.getErrorCode());
        assertEquals("28000", e.getSQLState());
        assertTrue(e.getMessage().contains("Access denied for user 'app'@'127.0.0.1' (using password: YES)"), e.getMessage());
    }

    @Test
    void mysqlConnectorOfferingCachingSha2IsSwitchedToNativePassword() throws SQLException {
        String options = "user=app&password=s3cret&defaultAuthenticationPlugin=caching_sha2_password";
        try (Connection c = DriverManager.getConnection(mysqlUrl(options));
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select @@version_comment limit 1")) {
            assertTrue(rs.next());
            assertEquals(FakeHandler.VERSION_COMMENT, rs.getString(1));
        }
        // A caching_sha2_password answer is a 32-byte SHA-256 token; the endpoint saw a 20-byte
        // native token, which it verified against the AuthSwitchRequest's scramble.
        assertEquals(20, server.handshakes.get(0).authResponse().length);
    }

    @Test
    void mysqlConnectorMultiStatements() throws SQLException {
        try (Connection c = DriverManager.getConnection(mysqlUrl("user=root&allowMultiQueries=true"));
             Statement s = c.createStatement()) {
            assertTrue(s.execute("SELECT 1; SET @a = 1; SELECT id, name FROM t"));
            try (ResultSet rs = s.getResultSet()) {
                assertTrue(rs.next());
                assertEquals(1, rs.getInt(1));
            }
            assertFalse(s.getMoreResults());
            assertEquals(0, s.getUpdateCount());
            assertTrue(s.getMoreResults());
            try (ResultSet rs = s.getResultSet()) {
                assertTrue(rs.next());
                assertEquals("alpha", rs.getString(2));
            }
            assertFalse(s.getMoreResults());
            assertEquals(-1, s.getUpdateCount());
        }
    }
}
