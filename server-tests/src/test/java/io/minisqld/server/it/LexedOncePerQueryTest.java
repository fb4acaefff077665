package io.minisqld.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.minisqld.testsupport.MinisqldHarness;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each query a client sends is lexed once, whatever the server does with it afterwards: parsing,
 * privilege checks, server values (@@variables, user variables, server functions), the engine's
 * translation and labels, ALTER TABLE split into specifications, SHOW … WHERE and SET with an
 * expression evaluated by the engine, binlogging. The server's lexer counts its passes.
 */
class LexedOncePerQueryTest {
    private static MinisqldHarness server;

    @BeforeAll
    static void start() throws Exception {
        server = MinisqldHarness.inProcess().name("lexonce").serverId(1).options("--log-bin=mysql-bin").start();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void everyStatementKindIsLexedOnce() throws Exception {
        List<String> statements = List.of(
                "CREATE DATABASE lexonce",
                "USE lexonce",
                "CREATE TABLE t (id INT AUTO_INCREMENT PRIMARY KEY, v VARCHAR(100), KEY kv (v))",
                "ALTER TABLE t ADD w INT, ADD KEY kw (w)",
                "CREATE TABLE t2 LIKE t",
                "SET @x = 40 + @@server_id, @y = 'it''s'",
                "INSERT INTO t (v, w) VALUES (@y, @x), (VERSION(), CONNECTION_ID())",
                "SELECT v, w, @@version_comment, DATABASE(), LAST_INSERT_ID() FROM t ORDER BY id",
                "UPDATE t SET w = w + 1 WHERE v = @y",
                "SHOW VARIABLES WHERE Variable_name = 'server_id' AND Value > 0",
                "SHOW STATUS LIKE 'Questions'",
                "SHOW BINLOG EVENTS",
                "BEGIN",
                "DELETE FROM t WHERE id = 2",
                "ROLLBACK",
                "CREATE USER lexonce IDENTIFIED BY 'pw'",
                "GRANT SELECT ON lexonce.* TO lexonce",
                "SHOW GRANTS FOR lexonce",
                "SELECT * FROM information_schema.PLUGINS WHERE PLUGIN_NAME LIKE 'b%'");
        try (Connection c = DriverManager.getConnection(Driver.MARIADB.url(server.port(), "", "root", "")
                + "&allowMultiQueries=true");
             Statement st = c.createStatement()) {
            long before = server.server().lexer().passes();
            for (String sql : statements) st.execute(sql);
            assertEquals(statements.size(), server.server().lexer().passes() - before,
                    "one lexer pass for each of the statements");

            before = server.server().lexer().passes();
            st.execute("SELECT 1; SET @z = @x * 2; SELECT @z");
            assertEquals(1, server.server().lexer().passes() - before, "a multi-statement query is lexed once");
            while (st.getMoreResults() || st.getUpdateCount() != -1) {
                ResultSet rs = st.getResultSet();
                if (rs != null) rs.close();
            }
            try (ResultSet rs = st.executeQuery("SELECT @z, (SELECT COUNT(*) FROM t)")) {
                rs.next();
                assertEquals(82, rs.getLong(1), "@x = 40 + server_id 1, doubled");
                assertEquals(2, rs.getLong(2));
            }
        }
    }
}
