package io.minisqld.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.minisqld.testsupport.DatabaseServer;
import io.minisqld.testsupport.MariaDbServer;
import io.minisqld.testsupport.MinisqldHarness;
import io.minisqld.testsupport.Replication;
import io.minisqld.testsupport.SqlRunner;
import io.minisqld.testsupport.Topology;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Text compares as MySQL 5.7's default collation, utf8mb4_general_ci, does (MySQL 5.7's manual,
 * "Unicode Character Sets": general_ci compares one character at a time, 'ß' = 's', accents and
 * case not counting, PAD SPACE): every character of the Basic Multilingual Plane and a few past it
 * sort and group on minisqld exactly as on a MariaDB 10.11 replica that holds the same rows. The
 * server had compared by an English collation where accents counted: 'José' and 'Jose' both went
 * into a unique key, and the MariaDB replica stopped with 1062 on the second.
 */
class GeneralCiCollationTest {
    private static Topology topology;
    private static MinisqldHarness server;
    private static MariaDbServer mariadb;
    private static Connection connection;
    private static SqlRunner sql;

    @BeforeAll
    static void start() throws Exception {
        topology = Topology.temporary();
        server = topology.start(MinisqldHarness.inProcess().name("general-ci").serverId(1).logBin());
        Replication.createReplicationUser(server);
        mariadb = topology.mariadb("mariadb-replica", 2, false);
        Replication.startReplica(mariadb, server.port());
        connection = Driver.MARIADB.connect(server, "");
        sql = SqlRunner.on(connection);
        sql.executeAll("CREATE DATABASE gci", "USE gci");
    }

    @AfterAll
    static void stop() throws Exception {
        connection.close();
        topology.close();
    }

    private static List<List<String>> on(DatabaseServer s, String query) throws SQLException {
        try (Connection c = s.newConnection()) {
            SqlRunner r = SqlRunner.on(c);
            r.execute("USE gci");
            return r.rows(query);
        }
    }

    /** The same answer from minisqld and from the MariaDB replica once it holds what minisqld logged. */
    private static void assertSameAnswer(String query) throws SQLException {
        Replication.awaitCaughtUp(mariadb, server);
        List<List<String>> expected = on(mariadb, query);
        List<List<String>> actual = on(server, query);
        int n = Math.min(expected.size(), actual.size());
        int first = 0;
        while (first < n && expected.get(first).equals(actual.get(first))) first++;
        if (first == n && expected.size() == actual.size()) return;
        // the first row that differs, among its neighbours: 63 488 rows would hide it
        int from = Math.max(0, first - 3);
        assertEquals(expected.subList(from, Math.min(expected.size(), first + 4)),
                actual.subList(from, Math.min(actual.size(), first + 4)),
                query + ": rows " + expected.size() + " and " + actual.size() + ", first differing row " + first);
    }

    @Test
    void everyBmpCharacterSortsAndGroupsAsMariaDbs() throws Exception {
        sql.execute("CREATE TABLE chars (cp INT PRIMARY KEY, c VARCHAR(2) CHARACTER SET utf8mb4) DEFAULT CHARSET=utf8mb4");
        // 63 488 characters (U+0000–U+FFFF less the surrogates): 31 statements of 2 048 rows
        int perStatement = 2048;
        StringBuilder text = new StringBuilder("INSERT INTO chars VALUES ");
        for (int i = 0; i < perStatement; i++) text.append(i == 0 ? "" : ", ").append("(?, ?)");
        try (PreparedStatement ps = connection.prepareStatement(text.toString())) {
            int cp = 0;
            while (cp <= 0xFFFF) {
                for (int i = 0; i < perStatement; i++, cp++) {
                    if (cp == Character.MIN_SURROGATE) cp = Character.MAX_SURROGATE + 1;
                    ps.setInt(2 * i + 1, cp);
                    ps.setString(2 * i + 2, String.valueOf((char) cp));
                }
                ps.executeUpdate();
            }
        }
        sql.execute("INSERT INTO chars VALUES (128512, '😀'), (128513, '😁'), (65536, '\uD800\uDC00'),"
                + " (1114111, '\uDBFF\uDFFF')");
        assertSameAnswer("SELECT COUNT(*), COUNT(DISTINCT c) FROM chars");
        assertSameAnswer("SELECT cp FROM chars ORDER BY c, cp");
        assertSameAnswer("SELECT MIN(cp), COUNT(*) FROM chars GROUP BY c HAVING COUNT(*) > 1 ORDER BY MIN(cp)");
        assertSameAnswer("SELECT COUNT(*) FROM chars WHERE c = 'e' OR c LIKE 's' OR c BETWEEN 'Y' AND 'Z'");
    }

    @Test
    void accentsAndCaseMeetInAUniqueKeyAndTheReplicaKeepsUp() throws Exception {
        sql.execute("CREATE TABLE people (id INT PRIMARY KEY, name VARCHAR(20) NOT NULL, UNIQUE KEY uname (name))"
                + " DEFAULT CHARSET=utf8mb4");
        sql.executeAll("INSERT INTO people VALUES (1, 'José')", "INSERT INTO people VALUES (2, 'Straße')",
                "INSERT INTO people VALUES (3, 'STRASSE')", "INSERT INTO people VALUES (4, 'Zoë')");
        // MySQL names the new value; minisqld the stored one (docs/compatibility.md)
        sql.assertError("INSERT INTO people VALUES (5, 'jose')", 1062, "23000", "Duplicate entry 'José' for key 'uname'");
        sql.assertError("INSERT INTO people VALUES (6, 'strase')", 1062, "23000",
                "Duplicate entry 'Straße' for key 'uname'");
        assertEquals(List.of(List.of("1", "José")), sql.rows("SELECT id, name FROM people WHERE name = 'JOSE'"));
        assertEquals(List.of(List.of("4")), sql.rows("SELECT id FROM people WHERE name LIKE 'zo_'"));
        sql.execute("INSERT INTO people VALUES (7, '_under'), (8, 'a b'), (9, 'a-b'), (10, 'ab')");
        assertEquals(List.of(List.of("8,9,10,1,2,3,4,7")),
                sql.rows("SELECT GROUP_CONCAT(id ORDER BY name) FROM people"));
        assertSameAnswer("SELECT GROUP_CONCAT(id ORDER BY name) FROM people");
        assertSameAnswer("SELECT id, name FROM people WHERE name IN ('jose', 'strase', 'ZOE') ORDER BY id");
    }
}
