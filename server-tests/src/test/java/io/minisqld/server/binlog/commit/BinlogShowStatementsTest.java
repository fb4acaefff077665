package io.minisqld.server.binlog.commit;

import static io.minisqld.server.binlog.commit.ShowBinlog.binlogEvents;
import static io.minisqld.server.binlog.commit.ShowBinlog.masterStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minisqld.server.binlog.commit.ShowBinlog.EventRow;
import io.minisqld.testsupport.MinisqldHarness;
import io.minisqld.testsupport.SqlRunner;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SHOW MASTER STATUS, SHOW BINARY LOGS, SHOW BINLOG EVENTS, FLUSH LOGS, RESET MASTER and PURGE
 * BINARY LOGS as a MySQL 5.7 client sees them: exact rows, columns, errors and privileges;
 * sql_log_bin and max_binlog_size.
 */
class BinlogShowStatementsTest {
    private static final String FDE_INFO = "Server ver: 5.7.44-minisqld, Binlog ver: 4";
    private static final Pattern XID_INFO = Pattern.compile("COMMIT /\\* xid=\\d+ \\*/");

    private static MinisqldHarness server;

    @BeforeAll
    static void start() throws Exception {
        server = MinisqldHarness.inProcess().name("show").serverId(1).logBin().options("--binlog-format=STATEMENT").start();
        try (Connection c = server.newConnection()) {
            SqlRunner.on(c).executeAll("CREATE DATABASE shop", "USE shop",
                    "CREATE TABLE t (id INT AUTO_INCREMENT PRIMARY KEY, v VARCHAR(200))");
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) server.close();
    }

    private static long size(MinisqldHarness s, String file) throws Exception {
        return Files.size(s.datadir().resolve(file));
    }

    @Test
    void masterStatusIsTheEndOfTheCurrentFileAfterACommit() throws Exception {
        try (Connection c = DriverManager.getConnection(server.jdbcUrl("root", "shop"))) {
            assertEquals(List.of("File", "Position", "Binlog_Do_DB", "Binlog_Ignore_DB", "Executed_Gtid_Set"),
                    SqlRunner.on(c).columns("SHOW MASTER STATUS"));
            SqlRunner.on(c).executeAll("INSERT INTO t (v) VALUES ('status')");
            List<List<String>> r = SqlRunner.on(c).rows("SHOW MASTER STATUS");
            assertEquals(1, r.size());
            String file = r.get(0).get(0);
            assertTrue(file.matches("mysql-bin\\.\\d{6}"), file);
            assertEquals(Long.toString(size(server, file)), r.get(0).get(1));
            assertEquals(List.of("", "", ""), r.get(0).subList(2, 5));
        }
    }

    @Test
    void showBinlogEventsRowsWithInFromAndLimit() throws Exception {
        try (Connection c = DriverManager.getConnection(server.jdbcUrl("root", "shop"))) {
            String previous = masterStatus(c).get(0);
            SqlRunner.on(c).executeAll("FLUSH LOGS");
            String file = masterStatus(c).get(0);
            assertEquals(String.format("mysql-bin.%06d", Integer.parseInt(previous.substring(10)) + 1), file);
            SqlRunner.on(c).executeAll("INSERT INTO t (v) VALUES ('shown')");
            String end = masterStatus(c).get(1);

            assertEquals(List.of("Log_name", "Pos", "Event_type", "Server_id", "End_log_pos", "Info"),
                    SqlRunner.on(c).columns("SHOW BINLOG EVENTS IN '" + file + "'"));
            List<EventRow> full = binlogEvents(c, "SHOW BINLOG EVENTS IN '" + file + "'");
            assertEquals(7, full.size(), full.toString());
            // MySQL 5.7: an empty PREVIOUS_GTIDS after the FDE, an anonymous GTID before the transaction (B.3)
            assertEquals(new EventRow(file, 123, "Previous_gtids", 1, 154, ""), full.get(1));
            assertEquals(new EventRow(file, 154, "Anonymous_Gtid", 1, 219, "SET @@SESSION.GTID_NEXT= 'ANONYMOUS'"),
                    full.get(2));
            List<EventRow> all = new java.util.ArrayList<>(full);
            all.subList(1, 3).clear();
            assertEquals(new EventRow(file, 4, "Format_desc", 1, 123, FDE_INFO), all.get(0));
            assertEquals(new EventRow(file, 219, "Query", 1, all.get(1).endLogPos(), "BEGIN"), all.get(1));
            assertEquals(new EventRow(file, all.get(1).endLogPos(), "Intvar", 1, all.get(2).endLogPos(),
                    "INSERT_ID=" + SqlRunner.on(c).rows("SELECT id FROM t WHERE v = 'shown'").get(0).get(0)), all.get(2));
            assertEquals(new EventRow(file, all.get(2).endLogPos(), "Query", 1, all.get(3).endLogPos(),
                    "use `shop`; INSERT INTO t (v) VALUES ('shown')"), all.get(3));
            EventRow xid = all.get(4);
            assertEquals(new EventRow(file, all.get(3).endLogPos(), "Xid", 1, Long.parseLong(end), xid.info()), xid);
            assertTrue(XID_INFO.matcher(xid.info()).matches(), xid.info());
            assertEquals(Long.parseLong(end), size(server, file));

            List<EventRow> before = binlogEvents(c, "SHOW BINLOG EVENTS IN '" + previous + "'");
            EventRow rotate = before.get(before.size() - 1);
            assertEquals(new EventRow(previous, rotate.pos(), "Rotate", 1, size(server, previous), file + ";pos=4"),
                    rotate);

            long third = all.get(2).pos();
            assertEquals(full.subList(4, 7), binlogEvents(c, "SHOW BINLOG EVENTS IN '" + file + "' FROM " + third));
            assertEquals(full.subList(0, 2), binlogEvents(c, "SHOW BINLOG EVENTS IN '" + file + "' LIMIT 2"));
            assertEquals(full.subList(1, 3), binlogEvents(c, "SHOW BINLOG EVENTS IN '" + file + "' LIMIT 1, 2"));
            assertEquals(full.subList(5, 6),
                    binlogEvents(c, "SHOW BINLOG EVENTS IN '" + file + "' FROM " + third + " LIMIT 1, 1"));
            assertEquals(List.of(), binlogEvents(c, "SHOW BINLOG EVENTS IN '" + file + "' FROM " + end));
            assertEquals(new EventRow("mysql-bin.000001", 4, "Format_desc", 1, 123, FDE_INFO),
                    binlogEvents(c, "SHOW BINLOG EVENTS LIMIT 1").get(0), "without IN: the first file");

            SqlRunner.on(c).assertError("SHOW BINLOG EVENTS IN 'nosuch'", 1220, "HY000",
                    "Error when executing command SHOW BINLOG EVENTS: Could not find target log");
            SqlRunner.on(c).assertError("SHOW BINLOG EVENTS IN '" + file + "' FROM " + (third + 1), 1220, "HY000",
                    "Error when executing command SHOW BINLOG EVENTS: Wrong offset or I/O error");
            SqlRunner.on(c).assertError("SHOW BINLOG EVENTS IN '" + file + "' FROM 5", 1220, "HY000",
                    "Error when executing command SHOW BINLOG EVENTS: Wrong offset or I/O error");
        }
    }

    @Test
    void showBinaryLogsListsEveryFileWithItsSize() throws Exception {
        try (Connection c = DriverManager.getConnection(server.jdbcUrl("root", "shop"))) {
            SqlRunner.on(c).executeAll("FLUSH LOGS", "INSERT INTO t (v) VALUES ('listed')", "FLUSH BINARY LOGS");
            assertEquals(List.of("Log_name", "File_size"), SqlRunner.on(c).columns("SHOW BINARY LOGS"));
            List<List<String>> logs = SqlRunner.on(c).rows("SHOW BINARY LOGS");
            String current = masterStatus(c).get(0);
            assertEquals(current, logs.get(logs.size() - 1).get(0));
            for (int i = 0; i < logs.size(); i++) {
                assertEquals(String.format("mysql-bin.%06d", i + 1), logs.get(i).get(0));
                assertEquals(Long.toString(size(server, logs.get(i).get(0))), logs.get(i).get(1), logs.toString());
            }
            assertEquals(logs, SqlRunner.on(c).rows("SHOW MASTER LOGS"));
            assertEquals(List.of(current, logs.get(logs.size() - 1).get(1)), masterStatus(c));
        }
    }

    @Test
    void sqlLogBinZeroKeepsTheSessionsChangesOutOfTheBinlog() throws Exception {
        try (Connection quiet = DriverManager.getConnection(server.jdbcUrl("root", "shop"));
             Connection other = DriverManager.getConnection(server.jdbcUrl("root", "shop"))) {
            List<String> before = masterStatus(quiet);
            SqlRunner.on(quiet).executeAll("SET sql_log_bin = 0", "INSERT INTO t (v) VALUES ('unlogged')",
                    "BEGIN", "UPDATE t SET v = 'unlogged2' WHERE v = 'unlogged'", "COMMIT");
            assertEquals(before, masterStatus(quiet));
            assertEquals(List.of(List.of("1")), SqlRunner.on(other).rows("SELECT COUNT(*) FROM t WHERE v = 'unlogged2'"));
            SqlRunner.on(other).executeAll("INSERT INTO t (v) VALUES ('logged')");
            List<EventRow> events = binlogEvents(other, "SHOW BINLOG EVENTS IN '" + before.get(0) + "'");
            List<String> infos = events.stream().map(EventRow::info).toList();
            assertTrue(infos.contains("use `shop`; INSERT INTO t (v) VALUES ('logged')"), infos.toString());
            assertFalse(infos.stream().anyMatch(i -> i.contains("unlogged")), infos.toString());
            SqlRunner.on(quiet).executeAll("SET sql_log_bin = 1", "INSERT INTO t (v) VALUES ('logged again')");
            List<String> after = binlogEvents(quiet, "SHOW BINLOG EVENTS IN '" + before.get(0) + "'").stream()
                    .map(EventRow::info).toList();
            assertTrue(after.contains("use `shop`; INSERT INTO t (v) VALUES ('logged again')"), after.toString());
        }
    }

    @Test
    void masterStatusNeedsReplicationClient() throws Exception {
        try (Connection root = server.newConnection()) {
            SqlRunner.on(root).executeAll("CREATE USER 'plain'@'%' IDENTIFIED BY 'secret'", "GRANT SELECT ON *.* TO 'plain'@'%'",
                    "CREATE USER 'watcher'@'%' IDENTIFIED BY 'secret'",
                    "GRANT REPLICATION CLIENT ON *.* TO 'watcher'@'%'");
        }
        String denied = "Access denied; you need (at least one of) the SUPER, REPLICATION CLIENT privilege(s) "
                + "for this operation";
        try (Connection plain = server.newConnection("plain", "secret")) {
            SqlRunner.on(plain).assertError("SHOW MASTER STATUS", 1227, "42000", denied);
            SqlRunner.on(plain).assertError("SHOW BINARY LOGS", 1227, "42000", denied);
            // what a session logs, and a replayed binlog's pose as its source, are SUPER's (MySQL 5.7)
            for (String set : List.of("SET SESSION sql_log_bin = 0", "SET SESSION binlog_format = STATEMENT",
                    "SET SESSION pseudo_thread_id = 7", "SET SESSION pseudo_slave_mode = 1", "BINLOG 'AAAA'")) {
                SqlRunner.on(plain).assertError(set, 1227, "42000",
                        "Access denied; you need (at least one of) the SUPER privilege(s) for this operation");
            }
        }
        try (Connection watcher = server.newConnection("watcher", "secret")) {
            assertEquals(2, masterStatus(watcher).size());
            assertFalse(SqlRunner.on(watcher).rows("SHOW BINARY LOGS").isEmpty());
        }
    }

    @Test
    void resetMasterAndPurgeBinaryLogs() throws Exception {
        try (MinisqldHarness s = MinisqldHarness.inProcess().name("purge").serverId(1).logBin().start();
             Connection c = s.newConnection()) {
            SqlRunner.on(c).executeAll("CREATE DATABASE p", "FLUSH LOGS", "FLUSH LOGS", "FLUSH LOGS");
            assertEquals(List.of("mysql-bin.000001", "mysql-bin.000002", "mysql-bin.000003", "mysql-bin.000004"),
                    names(c));
            SqlRunner.on(c).executeAll("PURGE BINARY LOGS TO 'mysql-bin.000003'");
            assertEquals(List.of("mysql-bin.000003", "mysql-bin.000004"), names(c));
            assertFalse(Files.exists(s.datadir().resolve("mysql-bin.000001")));
            assertFalse(Files.exists(s.datadir().resolve("mysql-bin.000002")));
            assertEquals(List.of("./mysql-bin.000003", "./mysql-bin.000004"),
                    Files.readAllLines(s.datadir().resolve("mysql-bin.index")));
            SqlRunner.on(c).assertError("PURGE BINARY LOGS TO 'mysql-bin.000009'", 1373, "HY000",
                    "Target log not found in binlog index");
            assertEquals(List.of("mysql-bin.000003", "mysql-bin.000004"), names(c));

            SqlRunner.on(c).executeAll("PURGE MASTER LOGS BEFORE '2999-01-01 00:00:00'");
            assertEquals(List.of("mysql-bin.000004"), names(c), "the current file is never purged");

            SqlRunner.on(c).executeAll("FLUSH LOGS", "RESET MASTER");
            assertEquals(List.of(List.of("mysql-bin.000001", Long.toString(size(s, "mysql-bin.000001")))),
                    SqlRunner.on(c).rows("SHOW BINARY LOGS"));
            assertFalse(Files.exists(s.datadir().resolve("mysql-bin.000004")));
            assertFalse(Files.exists(s.datadir().resolve("mysql-bin.000005")));
            assertEquals(List.of("mysql-bin.000001", Long.toString(size(s, "mysql-bin.000001"))), masterStatus(c));
            SqlRunner.on(c).executeAll("CREATE DATABASE after_reset");
            List<EventRow> events = binlogEvents(c, "SHOW BINLOG EVENTS");
            assertEquals(List.of("Format_desc", "Previous_gtids", "Anonymous_Gtid", "Query"),
                    events.stream().map(EventRow::eventType).toList());
            assertEquals("CREATE DATABASE after_reset", events.get(3).info());
        }
    }

    private static List<String> names(Connection c) throws Exception {
        return SqlRunner.on(c).rows("SHOW BINARY LOGS").stream().map(r -> r.get(0)).toList();
    }

    @Test
    void withoutLogBinTheBinlogStatementsSayYouAreNotUsingBinaryLogging() throws Exception {
        try (MinisqldHarness s = MinisqldHarness.inProcess().name("nolog").serverId(1).start();
             Connection c = s.newConnection()) {
            SqlRunner.on(c).assertError("SHOW BINARY LOGS", 1381, "HY000", "You are not using binary logging");
            SqlRunner.on(c).assertError("PURGE BINARY LOGS TO 'mysql-bin.000001'", 1381, "HY000",
                    "You are not using binary logging");
            assertEquals(List.of(), SqlRunner.on(c).rows("SHOW MASTER STATUS"));
            assertEquals(List.of(), SqlRunner.on(c).rows("SHOW BINLOG EVENTS"));
            assertEquals(List.of(List.of("0")), SqlRunner.on(c).rows("SELECT @@log_bin"));
        }
    }

    @Test
    void maxBinlogSizeRotatesAfterTheTransactionThatCrossesIt() throws Exception {
        try (MinisqldHarness s = MinisqldHarness.inProcess().name("rotate").serverId(1).logBin()
                .options("--max-binlog-size=4096", "--binlog-format=STATEMENT").start();
             Connection c = s.newConnection()) {
            SqlRunner.on(c).executeAll("CREATE DATABASE r", "USE r",
                    "CREATE TABLE big (id INT AUTO_INCREMENT PRIMARY KEY, v VARCHAR(300))");
            String filler = "x".repeat(250);
            List<String> statements = new ArrayList<>();
            for (int i = 0; i < 40; i++) statements.add("INSERT INTO big (v) VALUES ('" + i + filler + "')");
            SqlRunner.on(c).executeAll(statements.toArray(String[]::new));
            assertEquals(List.of(List.of("4096")), SqlRunner.on(c).rows("SELECT @@max_binlog_size"));
            List<List<String>> logs = SqlRunner.on(c).rows("SHOW BINARY LOGS");
            assertTrue(logs.size() >= 3, "40 transactions of ~400 bytes fill more than two 4 KiB files: " + logs);
            int inserts = 0;
            for (int i = 0; i < logs.size(); i++) {
                String name = logs.get(i).get(0);
                List<EventRow> events = binlogEvents(c, "SHOW BINLOG EVENTS IN '" + name + "'");
                inserts += (int) events.stream().filter(e -> e.info().startsWith("use `r`; INSERT INTO big")).count();
                if (i == logs.size() - 1) break;
                EventRow last = events.get(events.size() - 1);
                assertEquals("Rotate", last.eventType(), events.toString());
                assertEquals(logs.get(i + 1).get(0) + ";pos=4", last.info());
                EventRow beforeRotate = events.get(events.size() - 2);
                assertTrue(beforeRotate.endLogPos() >= 4096, "rotated only once past max_binlog_size: " + beforeRotate);
                assertTrue(beforeRotate.eventType().equals("Xid") || beforeRotate.eventType().equals("Query"),
                        "a file ends at a transaction boundary: " + beforeRotate);
                List<EventRow> ends = events.stream().filter(e -> e.eventType().equals("Xid")).toList();
                for (EventRow e : ends.subList(0, ends.size() - 1)) {
                    assertTrue(e.endLogPos() < 4096, "rotated right after crossing it: " + events);
                }
            }
            assertEquals(40, inserts);
        }
    }
}
