package io.minisqld.server.binlog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.minisqld.testsupport.MinisqldHarness;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * ROLLBACK TO SAVEPOINT in the binary log, as MySQL 5.7's binlog_savepoint_rollback treats a
 * transaction that changed only transactional tables: the transaction's cache is cut back to just
 * after its SAVEPOINT statement, so the changes the rollback undid, and the ROLLBACK TO itself,
 * never reach the binlog (a reader of row events, such as a change-data-capture tool, would take
 * them for changes). Later savepoints go with it; the named one stays and can be rolled back to
 * again (also as {@code ROLLBACK WORK TO name}, MySQL's other spelling, which this server refused
 * with 1064 before). Checked with SHOW BINLOG EVENTS, in ROW and STATEMENT format.
 */
class SavepointBinlogTest {

    /** Event type and info of the binlog events after {@code pos}, BEGIN to the transaction's end. */
    private static List<String> eventsAfter(Statement s, long pos) throws SQLException {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = s.executeQuery("SHOW BINLOG EVENTS FROM " + pos)) {
            while (rs.next()) {
                String type = rs.getString("Event_type");
                String info = rs.getString("Info");
                out.add(type.equals("Query") ? "Query " + info : type);
            }
        }
        return out;
    }

    private static long endPosition(Statement s) throws SQLException {
        try (ResultSet rs = s.executeQuery("SHOW MASTER STATUS")) {
            rs.next();
            return rs.getLong("Position");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ROW", "STATEMENT"})
    void theChangesAndTheRollbackToSavepointStayOutOfTheBinlog(String format) throws Exception {
        try (MinisqldHarness server = MinisqldHarness.inProcess().serverId(1)
                .options("--log-bin=mysql-bin", "--binlog-format=" + format).start();
             Connection c = server.newConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE d");
            s.execute("CREATE TABLE d.t (id INT PRIMARY KEY, v INT)");
            long pos = endPosition(s);
            s.execute("BEGIN");
            s.execute("INSERT INTO d.t VALUES (1, 1)");
            s.execute("SAVEPOINT s1");
            s.execute("INSERT INTO d.t VALUES (2, 2)");
            s.execute("SAVEPOINT `S2`");
            s.execute("UPDATE d.t SET v = 10 WHERE id = 1");
            s.execute("ROLLBACK TO SAVEPOINT s1");
            s.execute("INSERT INTO d.t VALUES (3, 3)");
            s.execute("ROLLBACK WORK TO s1");
            s.execute("INSERT INTO d.t VALUES (4, 4)");
            s.execute("COMMIT");
            try (ResultSet rs = s.executeQuery("SELECT GROUP_CONCAT(id ORDER BY id) FROM d.t")) {
                rs.next();
                assertEquals("1,4", rs.getString(1));
            }
            List<String> expected = format.equals("ROW")
                    ? List.of("Anonymous_Gtid", "Query BEGIN", "Table_map", "Write_rows", "Query SAVEPOINT s1", "Table_map", "Write_rows",
                            "Xid")
                    : List.of("Anonymous_Gtid", "Query BEGIN", "Query INSERT INTO d.t VALUES (1, 1)", "Query SAVEPOINT s1",
                            "Query INSERT INTO d.t VALUES (4, 4)", "Xid");
            List<String> events = eventsAfter(s, pos);
            // the row events' names differ between v1 and v2 spellings: compare their stems
            List<String> stems = events.stream().map(e -> e.replaceAll("_v[12]$", "")).toList();
            assertEquals(expected, stems, events.toString());
        }
    }
}
