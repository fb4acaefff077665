package io.minisqld.server.replication.replica;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minisqld.plugin.api.observer.BinlogRelayIoObserver;
import io.minisqld.plugin.api.observer.RelayIoParam;
import io.minisqld.testcommon.Poll;
import io.minisqld.testsupport.MinisqldHarness;
import io.minisqld.testsupport.Replication;
import io.minisqld.testsupport.SqlRunner;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The SQL thread applying a source's workload: tables, positions, errors, restarts and crashes. */
class ReplicationTest {
    private final List<MinisqldHarness> servers = new ArrayList<>();

    @AfterEach
    void stop() {
        for (int i = servers.size() - 1; i >= 0; i--) servers.get(i).close();
    }

    private MinisqldHarness server(String name, long id, String... extra) throws Exception {
        MinisqldHarness s = MinisqldHarness.inProcess().name(name).serverId(id).options(extra).start();
        servers.add(s);
        return s;
    }

    private MinisqldHarness[] pair(String... replicaOptions) throws Exception {
        return pair(new String[] {"--log-bin=mysql-bin"}, replicaOptions);
    }

    /** A pair whose source (and replica, with its own binlog) log in STATEMENT format, for what it logs as statements. */
    private MinisqldHarness[] statementPair(String... replicaOptions) throws Exception {
        List<String> replica = new ArrayList<>(List.of(replicaOptions));
        replica.add("--binlog-format=STATEMENT");
        return pair(new String[] {"--log-bin=mysql-bin", "--binlog-format=STATEMENT"}, replica.toArray(String[]::new));
    }

    private MinisqldHarness[] pair(String[] sourceOptions, String... replicaOptions) throws Exception {
        MinisqldHarness source = server("source", 1, sourceOptions);
        MinisqldHarness replica = server("replica", 2, replicaOptions);
        Replication.createReplicationUser(source);
        try (Connection r = replica.newConnection()) {
            exec(r, Replication.changeMasterTo(source.port()), "START SLAVE");
        }
        return new MinisqldHarness[] {source, replica};
    }

    private static void exec(Connection c, String... statements) throws SQLException {
        SqlRunner.on(c).executeAll(statements);
    }

    private static List<List<String>> rows(Connection c, String sql) throws SQLException {
        return SqlRunner.on(c).rows(sql);
    }

    private static Map<String, String> slaveStatus(Connection r) throws SQLException {
        return SqlRunner.on(r).row("SHOW SLAVE STATUS");
    }

    /**
     * A replica with nothing to fetch keeps its dump connection (protocol.md §2.2: the source
     * sends heartbeats, the replica sends nothing): the dump's reader used to time out after the
     * source's net_read_timeout (30 s by default) and end the dump, so an idle replica reconnected
     * every 30 s.
     */
    @Test
    void anIdleDumpOutlivesNetReadTimeout() throws Exception {
        MinisqldHarness source = server("source", 1, "--log-bin=mysql-bin", "--net-read-timeout=1");
        MinisqldHarness replica = server("replica", 2);
        Replication.createReplicationUser(source);
        try (Connection r = replica.newConnection(); Connection s = source.newConnection()) {
            exec(r, Replication.changeMasterTo(source.port()), "START SLAVE");
            exec(s, "CREATE DATABASE idle");
            Replication.awaitCaughtUp(replica, source);
            List<List<String>> dumps = dumpThreads(s);
            assertEquals(1, dumps.size(), dumps.toString());
            // idle for three times net_read_timeout: long enough for the old timeout to have ended the dump
            Thread.sleep(3000);
            assertEquals(dumps.get(0).get(0), dumpThreads(s).get(0).get(0), "the same dump connection");
            assertFalse(replica.errorLogText().contains("reconnecting"), replica.errorLogText());
            exec(s, "CREATE TABLE idle.t (a INT)");
            Replication.awaitCaughtUp(replica, source);
        }
    }

    private static List<List<String>> dumpThreads(Connection c) throws SQLException {
        return SqlRunner.on(c).rows("SHOW PROCESSLIST").stream().filter(r -> "Binlog Dump".equals(r.get(4))).toList();
    }

    @Test
    void mixedWorkloadMatchesTheSource() throws Exception {
        MinisqldHarness[] p = pair();
        MinisqldHarness source = p[0];
        MinisqldHarness replica = p[1];
        try (Connection s = source.newConnection(); Connection s2 = source.newConnection()) {
            exec(s, "CREATE DATABASE app", "USE app",
                    "CREATE TABLE t (id INT AUTO_INCREMENT PRIMARY KEY, v VARCHAR(20), n INT)",
                    "CREATE TABLE k (a INT PRIMARY KEY, b VARCHAR(10))",
                    "INSERT INTO t (v, n) VALUES ('a', 1), ('b', 2)",
                    "INSERT INTO t SET v = 'c', n = 3",
                    "INSERT INTO t VALUES (NULL, 'd', 4)",
                    "BEGIN", "INSERT INTO k VALUES (1, 'x'), (2, 'y')", "UPDATE t SET n = n * 10 WHERE id <= 2",
                    "DELETE FROM t WHERE v = 'c'", "COMMIT",
                    "SET @v = 'from-var'", "INSERT INTO k VALUES (3, @v)",
                    "INSERT INTO t (v) VALUES ('e'), ('f')");
            // ids taken in one order, committed in the other: the replica must keep the source's ids
            exec(s, "BEGIN", "INSERT INTO app.t (v) VALUES ('first-taken')");
            exec(s2, "INSERT INTO app.t (v) VALUES ('second-taken')");
            exec(s, "COMMIT");
            // a rolled-back transaction burns ids on neither side but must not shift them
            exec(s, "BEGIN", "INSERT INTO app.t (v) VALUES ('gone')", "ROLLBACK",
                    "INSERT INTO app.t (v) VALUES ('after-rollback')",
                    "ALTER TABLE app.k ADD COLUMN c INT", "UPDATE app.k SET c = a + 100",
                    "CREATE TABLE app.gone (x INT)", "DROP TABLE app.gone");
        }
        Replication.awaitCaughtUp(replica, source);
        try (Connection s = source.newConnection(); Connection r = replica.newConnection()) {
            Replication.assertSameTables(source, replica, "app");
            assertEquals(List.of("t", "k").size(), Replication.snapshot(replica, "app").size());
            assertEquals(rows(s, "SELECT id, v FROM app.t ORDER BY id"), rows(r, "SELECT id, v FROM app.t ORDER BY id"));
            Map<String, String> st = slaveStatus(r);
            String m = String.valueOf(Replication.masterStatus(source).offset());
            assertEquals(m, st.get("Exec_Master_Log_Pos"));
            assertEquals(m, st.get("Read_Master_Log_Pos"));
        }
    }

    /**
     * A replica reports its report_host, report_port, report_user and report_password in
     * COM_REGISTER_SLAVE, and its source lists host and port in SHOW SLAVE HOSTS, where tools
     * (pt-table-checksum's replica discovery, orchestrators) find replicas; report_port defaults
     * to the replica's own port.
     */
    @Test
    void aReplicaReportsItsHostAndPortToItsSource() throws Exception {
        MinisqldHarness[] p = pair("--report-host=replica-a.example", "--report-port=4406", "--report-user=ru",
                "--report-password=rp");
        MinisqldHarness source = p[0];
        MinisqldHarness replica = p[1];
        Poll.until("the replica registers", Replication.CATCH_UP, () -> !source.rows("SHOW SLAVE HOSTS").isEmpty());
        // Slave_UUID: the replica's server_uuid, which its IO thread sets as @slave_uuid
        assertEquals(List.of(List.of("2", "replica-a.example", "4406", "1",
                replica.rows("SELECT @@server_uuid").get(0).get(0))), source.rows("SHOW SLAVE HOSTS"));
        assertEquals(List.of(List.of("replica-a.example", "4406", "ru", "rp")), replica.rows(
                "SELECT @@report_host, @@report_port, @@report_user, @@report_password"));
        assertEquals(String.valueOf(source.port()), source.value("SELECT @@report_port"),
                "report_port defaults to the server's own port");
    }

    /**
     * Multi-table UPDATE and DELETE are binlogged as the statements they are (statement-based
     * logging), in their transaction, and the replica's SQL thread runs them to the same rows.
     */
    @Test
    void multiTableUpdatesAndDeletesReplicate() throws Exception {
        MinisqldHarness[] p = pair();
        MinisqldHarness source = p[0];
        MinisqldHarness replica = p[1];
        try (Connection s = source.newConnection()) {
            exec(s, "CREATE DATABASE mt", "USE mt",
                    "CREATE TABLE accounts (id INT PRIMARY KEY, owner VARCHAR(20), balance DECIMAL(10,2), note VARCHAR(20))",
                    "CREATE TABLE moves (id INT AUTO_INCREMENT PRIMARY KEY, account INT, amount DECIMAL(10,2))",
                    "CREATE TABLE closed (account INT PRIMARY KEY)",
                    "INSERT INTO accounts VALUES (1, 'ann', 10, NULL), (2, 'bob', 20, NULL), (3, 'cy', 30, NULL)",
                    "INSERT INTO moves (account, amount) VALUES (1, 5), (1, -2), (2, 7), (3, 1), (9, 4)",
                    "INSERT INTO closed VALUES (3)",
                    "UPDATE accounts a JOIN (SELECT account, SUM(amount) AS total FROM moves GROUP BY account) t"
                            + " ON t.account = a.id SET a.balance = a.balance + t.total, a.note = 'booked'",
                    "BEGIN",
                    "UPDATE accounts, moves SET moves.amount = 0, accounts.note = CONCAT(accounts.owner, '!')"
                            + " WHERE moves.account = accounts.id AND accounts.id = 2",
                    "DELETE m, c FROM moves AS m JOIN closed AS c ON c.account = m.account",
                    "COMMIT",
                    "DELETE FROM moves USING moves LEFT JOIN accounts ON accounts.id = moves.account"
                            + " WHERE accounts.id IS NULL",
                    "DELETE accounts FROM accounts JOIN moves ON moves.account = accounts.id WHERE moves.amount = 0");
            assertEquals(List.of(List.of("1", "ann", "13.00", "booked"), List.of("3", "cy", "31.00", "booked")),
                    rows(s, "SELECT * FROM accounts ORDER BY id"));
        }
        Replication.awaitCaughtUp(replica, source);
        Replication.assertSameTables(source, replica, "mt");
        try (Connection r = replica.newConnection()) {
            assertEquals(List.of(List.of("1", "5.00"), List.of("2", "-2.00"), List.of("3", "0.00")),
                    rows(r, "SELECT id, amount FROM mt.moves ORDER BY id"));
            assertEquals(List.of(), rows(r, "SELECT * FROM mt.closed"));
        }
    }

    /**
     * A replica applies NOW(), CURRENT_TIMESTAMP, CURDATE(), CURTIME() and UNIX_TIMESTAMP() with the
     * time the statement had at the source (the event's timestamp), as MySQL's SQL thread does, not
     * its own clock: applied seconds later it still stores the source's values.
     */
    @Test
    void theCurrentTimeIsTheSourcesWhenApplied() throws Exception {
        MinisqldHarness[] p = pair();
        MinisqldHarness source = p[0];
        MinisqldHarness replica = p[1];
        try (Connection s = source.newConnection(); Connection r = replica.newConnection()) {
            exec(s, "CREATE DATABASE tm", "CREATE TABLE tm.t (id INT PRIMARY KEY, a DATETIME, b TIMESTAMP NULL,"
                    + " c DATE, d TIME, e BIGINT, f DATETIME(3), g DATETIME, h DATE, i TIME)");
            Replication.awaitCaughtUp(replica, source);
            exec(r, "STOP SLAVE SQL_THREAD");
            exec(s, "INSERT INTO tm.t VALUES (1, NOW(), CURRENT_TIMESTAMP, CURDATE(), CURTIME(), UNIX_TIMESTAMP(), NOW(3),"
                    + " UTC_TIMESTAMP(), UTC_DATE(), UTC_TIME())");
            // applied at least two seconds after the source ran it
            Thread.sleep(2_100);
            exec(r, "START SLAVE SQL_THREAD");
            Replication.awaitCaughtUp(replica, source);
            List<List<String>> atSource = rows(s, "SELECT a, b, c, d, e, f, g, h, i FROM tm.t");
            assertEquals(atSource, rows(r, "SELECT a, b, c, d, e, f, g, h, i FROM tm.t"));
        }
    }

    /**
     * row-events-gtid-mts.md §A.10, STATEMENT-mode determinism: NOW(6) through the event time and
     * Q_MICROSECONDS, RAND() through a RAND event with the session's seeds (MySQL's generator, so
     * RAND(N) also gives MySQL's values), and a column's DEFAULT / ON UPDATE CURRENT_TIMESTAMP
     * through the event time: the replica, applying late, stores exactly the source's values.
     * §A.9: each such statement gets Note 1592 once logged (RAND() is a system function).
     */
    @Test
    void randAndFractionalTimeReplicateExactly() throws Exception {
        MinisqldHarness[] p = statementPair();
        MinisqldHarness source = p[0];
        MinisqldHarness replica = p[1];
        try (Connection s = source.newConnection(); Connection r = replica.newConnection()) {
            // MySQL's generator: the manual's RAND(3) sequence, and RAND(1)
            assertEquals(List.of(List.of("1", "0.9057697559760601"), List.of("2", "0.37307905813034536"),
                    List.of("3", "0.14808605345719125")), rows(s,
                    "SELECT n, RAND(3) FROM (SELECT 1 AS n UNION ALL SELECT 2 UNION ALL SELECT 3) x ORDER BY n"));
            assertEquals(List.of(List.of("0.40540353712197724", "0.40540353712197724")), rows(s, "SELECT RAND(1), RAND(1)"));
            exec(s, "CREATE DATABASE det", "CREATE TABLE det.t (id INT PRIMARY KEY, r DOUBLE, seeded DOUBLE, perRow DOUBLE,"
                    + " n6 DATETIME(6), n3 DATETIME(3), t4 TIME(4), c TIMESTAMP DEFAULT CURRENT_TIMESTAMP,"
                    + " u DATETIME(6) NULL DEFAULT NULL ON UPDATE CURRENT_TIMESTAMP(6), note VARCHAR(10))");
            Replication.awaitCaughtUp(replica, source);
            exec(r, "STOP SLAVE SQL_THREAD");
            exec(s, "INSERT INTO det.t (id, r, seeded, perRow, n6, n3, t4) VALUES (1, RAND(), RAND(7), RAND(1), NOW(6),"
                    + " NOW(3), CURTIME(4)), (2, RAND(), RAND(7), RAND(2), NOW(6), NOW(3), CURTIME(4))");
            assertEquals(List.of(List.of("Note", "1592", "Unsafe statement written to the binary log using statement"
                    + " format since BINLOG_FORMAT = STATEMENT. Statement is unsafe because it uses a system function"
                    + " that may return a different value on the slave.")), rows(s, "SHOW WARNINGS"));
            exec(s, "BEGIN", "INSERT INTO det.t (id, r, n6) SELECT id + 10, RAND(), NOW(6) FROM det.t",
                    "UPDATE det.t SET note = 'x' WHERE id = 1", "COMMIT");
            // LIMIT in a writing statement is unsafe, even when it changed nothing (it is logged all the same)
            exec(s, "UPDATE det.t SET r = 0 WHERE id = 99 LIMIT 1");
            assertEquals(List.of(List.of("Note", "1592", "Unsafe statement written to the binary log using statement"
                    + " format since BINLOG_FORMAT = STATEMENT. The statement is unsafe because it uses a LIMIT clause."
                    + " This is unsafe because the set of rows included cannot be predicted.")), rows(s, "SHOW WARNINGS"));
            // user variables, LAST_INSERT_ID() and AUTO_INCREMENT under auto_increment_increment=2: the
            // server's values go into the statement (INTVAR INSERT_ID for the generated ids)
            exec(s, "CREATE TABLE det.ai (id INT AUTO_INCREMENT PRIMARY KEY, v VARCHAR(20), li BIGINT)",
                    "SET SESSION auto_increment_increment = 2, auto_increment_offset = 1",
                    "SET @who = 'alice', @n = 41",
                    "INSERT INTO det.ai (v, li) VALUES (@who, @n + 1), (CONCAT(@who, '!'), NULL)",
                    "INSERT INTO det.ai (v, li) VALUES ('last', LAST_INSERT_ID())");
            // applied in a later second than the source ran it (not a wait for a condition: time must
            // pass), so that a replica reading its own clock instead of the event's would store other values
            Thread.sleep(1_100);
            exec(r, "START SLAVE SQL_THREAD");
            Replication.awaitCaughtUp(replica, source);
            List<List<String>> atSource = rows(s, "SELECT * FROM det.t ORDER BY id");
            assertEquals(4, atSource.size());
            assertFalse(atSource.get(0).get(4).endsWith(".000000") && atSource.get(1).get(4).endsWith(".000000"),
                    atSource.toString());
            assertEquals(atSource.get(0).get(1).equals(atSource.get(1).get(1)), false, "RAND() draws anew per row");
            assertEquals(atSource, rows(r, "SELECT * FROM det.t ORDER BY id"));
            List<List<String>> ai = rows(s, "SELECT * FROM det.ai ORDER BY id");
            assertEquals(List.of(List.of("1", "alice", "42"), java.util.Arrays.asList("3", "alice!", null), List.of("5", "last", "1")),
                    ai);
            assertEquals(ai, rows(r, "SELECT * FROM det.ai ORDER BY id"));
        }
    }

    @Test
    void stopAndStartEachThread() throws Exception {
        MinisqldHarness[] p = pair();
        MinisqldHarness source = p[0];
        MinisqldHarness replica = p[1];
        try (Connection s = source.newConnection(); Connection r = replica.newConnection()) {
            exec(s, "CREATE DATABASE d", "CREATE TABLE d.t (a INT PRIMARY KEY)", "INSERT INTO d.t VALUES (1)");
            Replication.awaitCaughtUp(replica, source);

            exec(r, "STOP SLAVE SQL_THREAD");
            Map<String, String> st = slaveStatus(r);
            assertEquals("Yes", st.get("Slave_IO_Running"));
            assertEquals("No", st.get("Slave_SQL_Running"));
            assertNull(st.get("Seconds_Behind_Master"));
            String execBefore = st.get("Exec_Master_Log_Pos");
            exec(s, "INSERT INTO d.t VALUES (2)");
            String m = String.valueOf(Replication.masterStatus(source).offset());
            Poll.until("IO thread receives", Replication.CATCH_UP, () -> m.equals(slaveStatus(r).get("Read_Master_Log_Pos")));
            assertEquals(execBefore, slaveStatus(r).get("Exec_Master_Log_Pos"));
            assertEquals(List.of(List.of("1")), rows(r, "SELECT a FROM d.t"));
            exec(r, "START SLAVE SQL_THREAD");
            Replication.awaitCaughtUp(replica, source);
            assertEquals(List.of(List.of("1"), List.of("2")), rows(r, "SELECT a FROM d.t ORDER BY a"));

            exec(r, "STOP SLAVE IO_THREAD");
            st = slaveStatus(r);
            assertEquals("No", st.get("Slave_IO_Running"));
            assertEquals("Yes", st.get("Slave_SQL_Running"));
            exec(s, "INSERT INTO d.t VALUES (3)");
            exec(r, "START SLAVE IO_THREAD");
            Replication.awaitCaughtUp(replica, source);
            assertEquals(List.of(List.of("1"), List.of("2"), List.of("3")), rows(r, "SELECT a FROM d.t ORDER BY a"));
            exec(r, "STOP REPLICA", "START REPLICA");
            exec(s, "FLUSH LOGS", "INSERT INTO d.t VALUES (4)");
            Replication.awaitCaughtUp(replica, source);
            Replication.assertSameTables(source, replica, "d");
            assertEquals("mysql-bin.000002", slaveStatus(r).get("Relay_Master_Log_File"));
        }
    }

    @Test
    void anSqlErrorStopsTheSqlThread() throws Exception {
        MinisqldHarness[] p = pair();
        MinisqldHarness source = p[0];
        MinisqldHarness replica = p[1];
        try (Connection s = source.newConnection(); Connection r = replica.newConnection()) {
            exec(s, "CREATE DATABASE d");
            Replication.awaitCaughtUp(replica, source);
            exec(r, "CREATE TABLE d.t (a INT PRIMARY KEY)");
            exec(s, "USE d", "CREATE TABLE t (a INT PRIMARY KEY)");
            Poll.until("SQL thread stops", Replication.CATCH_UP, () -> "No".equals(slaveStatus(r).get("Slave_SQL_Running")));
            Map<String, String> st = slaveStatus(r);
            String error = "Error 'Table 't' already exists' on query. Default database: 'd'. "
                    + "Query: 'CREATE TABLE t (a INT PRIMARY KEY)'";
            assertEquals("1050", st.get("Last_Errno"));
            assertEquals(error, st.get("Last_Error"));
            assertEquals("1050", st.get("Last_SQL_Errno"));
            assertEquals(error, st.get("Last_SQL_Error"));
            assertTrue(st.get("Last_SQL_Error_Timestamp").matches("\\d{6} \\d\\d:\\d\\d:\\d\\d"), st.toString());
            assertEquals("Yes", st.get("Slave_IO_Running"));
            assertNull(st.get("Seconds_Behind_Master"));
            String stoppedAt = st.get("Exec_Master_Log_Pos");
            String log = replica.errorLogText();
            assertTrue(log.contains("[ERROR] Slave SQL for channel '': " + error + ", Error_code: 1050")
                    || log.contains("[ERROR] Slave SQL for channel '': " + error + " Error_code: 1050"), log);
            assertTrue(log.contains("Error running query, slave SQL thread aborted. Fix the problem, and restart the "
                    + "slave SQL thread with \"SLAVE START\". We stopped at log 'mysql-bin.000001' position "
                    + stoppedAt), log);

            // fix the replica and continue: the statement runs again
            exec(r, "DROP TABLE d.t", "START SLAVE SQL_THREAD");
            exec(s, "INSERT INTO d.t VALUES (7)");
            Replication.awaitCaughtUp(replica, source);
            assertEquals(List.of(List.of("7")), rows(r, "SELECT a FROM d.t"));
            // START SLAVE clears the error
            assertEquals("0", slaveStatus(r).get("Last_SQL_Errno"));
        }
    }

    @Test
    void restartKeepsConfigurationAndPositions() throws Exception {
        MinisqldHarness[] p = pair();
        MinisqldHarness source = p[0];
        MinisqldHarness replica = p[1];
        try (Connection s = source.newConnection()) {
            exec(s, "CREATE DATABASE d", "CREATE TABLE d.t (a INT AUTO_INCREMENT PRIMARY KEY, b INT)",
                    "INSERT INTO d.t (b) VALUES (1), (2)");
        }
        Replication.awaitCaughtUp(replica, source);
        replica.stop();
        try (Connection s = source.newConnection()) {
            exec(s, "INSERT INTO d.t (b) VALUES (3)");
        }
        replica.restart();
        Replication.awaitCaughtUp(replica, source);
        try (Connection s = source.newConnection(); Connection r = replica.newConnection()) {
            Map<String, String> st = slaveStatus(r);
            assertEquals("127.0.0.1", st.get("Master_Host"));
            assertEquals(String.valueOf(source.port()), st.get("Master_Port"));
            assertEquals("Yes", st.get("Slave_IO_Running"));
            assertEquals("Yes", st.get("Slave_SQL_Running"));
            Replication.assertSameTables(source, replica, "d");
        }
    }

    @Test
    void resetSlave() throws Exception {
        MinisqldHarness[] p = pair();
        MinisqldHarness source = p[0];
        MinisqldHarness replica = p[1];
        List<String> hooks = new CopyOnWriteArrayList<>();
        replica.server().observers().relayIo().register(new BinlogRelayIoObserver() {
            @Override
            public void afterResetSlave(RelayIoParam param) {
                hooks.add("after_reset_slave " + param.host() + ":" + param.port() + " " + param.user());
            }
        }, "test_observer");
        try (Connection s = source.newConnection(); Connection r = replica.newConnection()) {
            exec(s, "CREATE DATABASE d");
            Replication.awaitCaughtUp(replica, source);
            exec(r, "STOP SLAVE", "RESET SLAVE");
            assertEquals(List.of("after_reset_slave 127.0.0.1:" + source.port() + " repl"), hooks);
            Map<String, String> st = slaveStatus(r);
            assertEquals("127.0.0.1", st.get("Master_Host"));
            assertEquals("", st.get("Master_Log_File"));
            assertEquals("4", st.get("Read_Master_Log_Pos"));
            assertEquals("", st.get("Relay_Master_Log_File"));
            assertEquals("4", st.get("Exec_Master_Log_Pos"));
            assertEquals("localhost-relay-bin.000001", st.get("Relay_Log_File"));
            exec(r, "RESET SLAVE ALL");
            assertEquals(Map.of(), slaveStatus(r));
        }
    }

    @Test
    void logSlaveUpdatesLogsTheInsertIdOnward() throws Exception {
        MinisqldHarness[] p = statementPair("--log-bin=replica-bin", "--log-slave-updates");
        MinisqldHarness source = p[0];
        MinisqldHarness replica = p[1];
        try (Connection s = source.newConnection(); Connection r = replica.newConnection()) {
            exec(s, "CREATE DATABASE d", "CREATE TABLE d.t (id INT AUTO_INCREMENT PRIMARY KEY, n INT)",
                    "BEGIN", "INSERT INTO d.t (n) VALUES (1)", "INSERT INTO d.t (n) VALUES (-1)", "COMMIT");
            Replication.awaitCaughtUp(replica, source);
            List<String> seen = new ArrayList<>();
            for (List<String> e : rows(r, "SHOW BINLOG EVENTS")) seen.add(e.get(2) + " " + e.get(3) + " " + e.get(5));
            // crash recovery re-applies these events: the same AUTO_INCREMENT values, or the
            // transactions after it would collide (protocol.md §3.5)
            assertTrue(seen.toString().contains("Intvar 1 INSERT_ID=1, Query 1 INSERT INTO d.t (n) VALUES (1), "
                    + "Intvar 1 INSERT_ID=2, Query 1 INSERT INTO d.t (n) VALUES (-1)"), seen.toString());
        }
    }

    /**
     * A row event whose text column is longer on the source than the replica's stops the SQL thread
     * with MySQL's 1677 before anything is applied (row-events-gtid-mts.md §A.6), also when the
     * value would fit: the tables no longer match.
     */
    @Test
    void aRowEventForAWiderColumnStopsTheReplicaWith1677() throws Exception {
        MinisqldHarness[] p = pair();
        MinisqldHarness source = p[0];
        MinisqldHarness replica = p[1];
        try (Connection s = source.newConnection(); Connection r = replica.newConnection()) {
            exec(s, "CREATE DATABASE d", "CREATE TABLE d.t (id INT PRIMARY KEY, v VARCHAR(20), c CHAR(4))");
            Replication.awaitCaughtUp(replica, source);
            exec(r, "ALTER TABLE d.t MODIFY v VARCHAR(5) CHARACTER SET latin1");
            exec(s, "INSERT INTO d.t VALUES (1, 'abc', 'x')");
            Poll.until("the SQL thread to stop", java.time.Duration.ofSeconds(20),
                    () -> !"0".equals(Replication.slaveStatus(replica).get("Last_SQL_Errno")));
            Map<String, String> status = Replication.slaveStatus(replica);
            assertEquals("1677", status.get("Last_SQL_Errno"));
            assertEquals("Column 1 of table 'd.t' cannot be converted from type 'varchar(80(bytes))' to type "
                    + "'varchar(5(bytes) latin1)'", status.get("Last_SQL_Error"));
            assertEquals(List.of(), rows(r, "SELECT * FROM d.t"));
            // as wide again: the replica goes on
            exec(r, "ALTER TABLE d.t MODIFY v VARCHAR(20)", "START SLAVE SQL_THREAD");
            Replication.awaitCaughtUp(replica, source);
            assertEquals(List.of(List.of("1", "abc", "x")), rows(r, "SELECT * FROM d.t"));
        }
    }

    @Test
    void logSlaveUpdatesKeepsTheSourceServerId() throws Exception {
        MinisqldHarness[] p = statementPair("--log-bin=replica-bin", "--log-slave-updates");
        MinisqldHarness source = p[0];
        MinisqldHarness replica = p[1];
        try (Connection s = source.newConnection(); Connection r = replica.newConnection()) {
            exec(s, "CREATE DATABASE d", "CREATE TABLE d.t (a INT PRIMARY KEY)", "INSERT INTO d.t VALUES (1)");
            Replication.awaitCaughtUp(replica, source);
            exec(r, "INSERT INTO d.t VALUES (2)");
            List<List<String>> events = rows(r, "SHOW BINLOG EVENTS");
            List<String> ids = new ArrayList<>();
            for (List<String> e : events) {
                if (e.get(2).equals("Query") || e.get(2).equals("Xid")) ids.add(e.get(3) + " " + e.get(5));
            }
            // the source's CREATE USER and GRANT for repl came first
            ids = ids.subList(ids.indexOf("1 CREATE DATABASE d"), ids.size());
            assertEquals("1 CREATE DATABASE d", ids.get(0));
            assertTrue(ids.get(1).startsWith("1 ") && ids.get(1).contains("CREATE TABLE"), ids.toString());
            assertEquals("1 BEGIN", ids.get(2));
            assertTrue(ids.get(3).startsWith("1 ") && ids.get(3).contains("INSERT INTO d.t VALUES (1)"), ids.toString());
            assertTrue(ids.get(4).startsWith("1 COMMIT /* xid="), ids.toString());
            assertEquals("2 BEGIN", ids.get(5));
            assertTrue(ids.get(6).startsWith("2 ") && ids.get(6).contains("VALUES (2)"), ids.toString());
        }
    }

    @Test
    void crashMidWorkloadResumesWithoutGapOrDuplicate() throws Exception {
        crashTest();
    }

    @Test
    void crashMidWorkloadWithLogSlaveUpdates() throws Exception {
        crashTest("--log-bin=replica-bin", "--log-slave-updates");
    }

    private void crashTest(String... replicaOptions) throws Exception {
        MinisqldHarness[] p = pair(replicaOptions);
        MinisqldHarness source = p[0];
        MinisqldHarness replica = p[1];
        try (Connection s = source.newConnection()) {
            exec(s, "CREATE DATABASE d", "CREATE TABLE d.t (id INT AUTO_INCREMENT PRIMARY KEY, n INT)");
        }
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger written = new AtomicInteger();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        Thread writer = new Thread(() -> {
            try (Connection s = source.newConnection()) {
                while (!stop.get()) {
                    int n = written.incrementAndGet();
                    exec(s, "BEGIN", "INSERT INTO d.t (n) VALUES (" + n + ")", "INSERT INTO d.t (n) VALUES (-" + n + ")",
                            "COMMIT");
                }
            } catch (Throwable t) {
                failures.add(t);
            }
        });
        writer.start();
        try {
            Poll.until("some transactions applied", Replication.CATCH_UP, () -> {
                try (Connection r = replica.newConnection()) {
                    return Integer.parseInt(rows(r, "SELECT COUNT(*) FROM d.t").get(0).get(0)) >= 60;
                }
            });
            replica.kill();
            int before = written.get();
            Poll.until("more source transactions", Replication.CATCH_UP, () -> written.get() > before + 20);
            replica.restart();
            Poll.until("more source transactions after the restart", Replication.CATCH_UP, () -> written.get() > before + 60);
        } finally {
            stop.set(true);
            writer.join();
        }
        assertEquals(List.of(), failures);
        Replication.awaitCaughtUp(replica, source);
        try (Connection s = source.newConnection(); Connection r = replica.newConnection()) {
            Replication.assertSameTables(source, replica, "d");
            assertEquals(List.of(List.of("0")), rows(r, "SELECT COUNT(*) - COUNT(DISTINCT n) FROM d.t"));
        }
    }
}
