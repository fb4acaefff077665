package io.minisqld.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.minisqld.testsupport.MinisqldHarness;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * MySQL 5.7's transaction statements as its manual (13.3.1, 13.3.6) and sys_vars.cc
 * (check_tx_isolation) define them, and INSERT / REPLACE without INTO (13.2.5: INTO is
 * optional), through the MariaDB Connector/J: each was refused before (1064, 1568, 1091).
 */
class TransactionChainTest {
    private static MinisqldHarness server;
    private static Connection connection;
    private static Statement st;

    @BeforeAll
    static void start() throws Exception {
        server = MinisqldHarness.inProcess().name("chain").serverId(1).logBin().start();
        connection = Driver.MARIADB.connect(server, "");
        st = connection.createStatement();
        st.execute("CREATE DATABASE ch");
        st.execute("USE ch");
    }

    @AfterAll
    static void stop() throws Exception {
        connection.close();
        server.close();
    }

    private static List<String> column(String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) out.add(rs.getString(1));
        }
        return out;
    }

    private static String message(SQLException e) {
        return e.getErrorCode() + " " + e.getMessage().replaceFirst("^\\(conn=\\d+\\) ", "");
    }

    /** COMMIT AND CHAIN / ROLLBACK AND CHAIN begin the next transaction at once, with the same isolation. */
    @Test
    void commitAndChainBeginsTheNextTransaction() throws Exception {
        st.execute("CREATE TABLE c (id INT PRIMARY KEY)");
        st.execute("BEGIN");
        st.execute("INSERT INTO c VALUES (1)");
        st.execute("COMMIT WORK AND CHAIN");
        // a transaction is open again: SET TRANSACTION without a scope is refused inside it
        assertEquals(1568, assertThrows(SQLException.class,
                () -> st.execute("SET TRANSACTION ISOLATION LEVEL READ COMMITTED")).getErrorCode());
        st.execute("INSERT INTO c VALUES (2)");
        st.execute("ROLLBACK AND CHAIN");
        st.execute("INSERT INTO c VALUES (3)");
        st.execute("ROLLBACK AND NO CHAIN NO RELEASE");
        assertEquals(List.of("1"), column("SELECT id FROM c ORDER BY id"));
        // after NO CHAIN the next statement autocommits again
        st.execute("INSERT INTO c VALUES (4)");
        st.execute("ROLLBACK");
        assertEquals(List.of("1", "4"), column("SELECT id FROM c ORDER BY id"));
        // completion_type = CHAIN: a COMMIT or ROLLBACK that does not say chains
        st.execute("SET completion_type = 'CHAIN'");
        st.execute("BEGIN");
        st.execute("INSERT INTO c VALUES (5)");
        st.execute("COMMIT");
        st.execute("INSERT INTO c VALUES (6)");
        st.execute("ROLLBACK AND NO CHAIN");
        st.execute("SET completion_type = 'NO_CHAIN'");
        assertEquals(List.of("1", "4", "5"), column("SELECT id FROM c ORDER BY id"));
        SQLException e = assertThrows(SQLException.class, () -> st.execute("COMMIT RELEASE"));
        assertEquals("1235 This version of MySQL doesn't yet support 'COMMIT … RELEASE'", message(e));
        st.execute("DROP TABLE c");
    }

    /**
     * SET SESSION TRANSACTION … inside a transaction changes the session's setting for the next
     * transactions (Connector/J's setTransactionIsolation sends it); without SESSION it is 1568.
     */
    @Test
    void setSessionTransactionInsideATransactionIsForTheNextOnes() throws Exception {
        st.execute("CREATE TABLE s (id INT PRIMARY KEY)");
        st.execute("BEGIN");
        st.execute("INSERT INTO s VALUES (1)");
        SQLException e = assertThrows(SQLException.class, () -> st.execute("SET TRANSACTION ISOLATION LEVEL READ COMMITTED"));
        assertEquals("1568 Transaction characteristics can't be changed while a transaction is in progress", message(e));
        st.execute("SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED");
        assertEquals(List.of("READ-COMMITTED"), column("SELECT @@SESSION.tx_isolation"));
        st.execute("COMMIT");
        st.execute("SET SESSION tx_isolation = 'REPEATABLE-READ'");
        assertEquals(List.of("REPEATABLE-READ"), column("SELECT @@tx_isolation"));
        connection.setAutoCommit(false);
        st.execute("INSERT INTO s VALUES (2)");
        connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
        connection.commit();
        connection.setAutoCommit(true);
        assertEquals(List.of("READ-COMMITTED"), column("SELECT @@tx_isolation"));
        assertEquals(List.of("1", "2"), column("SELECT id FROM s ORDER BY id"));
        st.execute("SET SESSION tx_isolation = 'REPEATABLE-READ'");
        st.execute("DROP TABLE s");
    }

    /** INSERT t VALUES, REPLACE t VALUES (INTO left out), and REPLACE into a table without a unique key (an INSERT). */
    @Test
    void insertAndReplaceWithoutIntoAndReplaceWithoutAKey() throws Exception {
        st.execute("CREATE TABLE k (id INT PRIMARY KEY, v INT)");
        st.execute("CREATE TABLE nokey (v INT)");
        assertEquals(1, st.executeUpdate("INSERT k VALUES (1, 1)"));
        assertEquals(1, st.executeUpdate("INSERT IGNORE k (id, v) VALUES (2, 2)"));
        assertEquals(2, st.executeUpdate("REPLACE k VALUES (1, 10)"));
        assertEquals(1, st.executeUpdate("INSERT k SET id = 3, v = 3"));
        assertEquals(List.of("10", "2", "3"), column("SELECT v FROM k ORDER BY id"));
        assertEquals(1, st.executeUpdate("REPLACE INTO nokey VALUES (5)"));
        assertEquals(1, st.executeUpdate("REPLACE nokey VALUES (5)"));
        assertEquals(List.of("5", "5"), column("SELECT v FROM nokey"));
        // the privilege check finds the table without INTO too
        st.execute("CREATE USER reader IDENTIFIED BY 'pw'");
        st.execute("GRANT SELECT ON ch.* TO reader");
        try (Connection c = Driver.MARIADB.connect(server, "ch", "reader", "pw"); Statement r = c.createStatement()) {
            SQLException e = assertThrows(SQLException.class, () -> r.executeUpdate("INSERT k VALUES (9, 9)"));
            assertEquals(1142, e.getErrorCode());
        }
        st.execute("DROP USER reader");
        st.execute("DROP TABLE k, nokey");
    }
}
