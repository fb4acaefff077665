package io.minisqld.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.minisqld.testsupport.MinisqldHarness;
import io.minisqld.testsupport.SqlRunner;
import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * MySQL 5.7 manual 13.2.11: "Single-table UPDATE assignments are generally evaluated from left to
 * right", each reading what the ones before it set ({@code SET col1 = col1 + 1, col2 = col1} gives
 * col2 the new col1). The engine read the row as it was (standard SQL), so the same statement gave
 * other values here than on a MySQL server, also on a replica applying it in STATEMENT format.
 */
class UpdateAssignmentsTest {
    private static MinisqldHarness server;
    private static Connection connection;
    private static SqlRunner sql;

    @BeforeAll
    static void start() throws Exception {
        server = MinisqldHarness.inProcess().name("assignments").serverId(1).start();
        connection = Driver.MARIADB.connect(server, "");
        sql = SqlRunner.on(connection);
        sql.executeAll("CREATE DATABASE ua", "USE ua");
    }

    @AfterAll
    static void stop() throws Exception {
        if (connection != null) connection.close();
        if (server != null) server.close();
    }

    @Test
    void laterAssignmentsReadWhatEarlierOnesSet() throws Exception {
        sql.executeAll("CREATE TABLE o (id INT PRIMARY KEY, v INT, s VARCHAR(10), w INT)",
                "INSERT INTO o VALUES (1, 10, 'a', 1), (2, 20, 'b', 2), (3, 30, 'c', 3), (4, 40, 'd', 4)",
                // the manual's example, and CONCAT of the new value
                "UPDATE o SET v = v * 2, s = CONCAT(s, v) WHERE id = 1",
                // no swap in MySQL: both become the old w
                "UPDATE o SET v = w, w = v WHERE id = 2",
                // qualified by the table's alias, and read twice
                "UPDATE o AS t SET t.v = t.v + 1, t.w = t.v + v WHERE id = 3",
                // with ORDER BY … LIMIT, and a column set after the one read is not substituted
                "UPDATE o SET s = v, v = v + 1, w = v ORDER BY id DESC LIMIT 1");
        assertEquals(List.of(List.of("1", "20", "a20", "1"), List.of("2", "2", "b", "2"), List.of("3", "31", "c", "62"),
                List.of("4", "41", "40", "41")), sql.rows("SELECT * FROM o ORDER BY id"));
        sql.execute("DROP TABLE o");
    }
}
