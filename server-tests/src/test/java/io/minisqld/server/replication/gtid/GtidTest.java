package io.minisqld.server.replication.gtid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.shyiko.mysql.binlog.BinaryLogFileReader;
import com.github.shyiko.mysql.binlog.event.Event;
import com.github.shyiko.mysql.binlog.event.EventType;
import com.github.shyiko.mysql.binlog.event.GtidEventData;
import io.minisqld.testsupport.MariaDbServer;
import io.minisqld.testcommon.Blocked;
import io.minisqld.testsupport.MinisqldHarness;
import io.minisqld.testsupport.Replication;
import io.minisqld.testsupport.SqlRunner;
import io.minisqld.testsupport.Topology;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * GTIDs as MySQL 5.7 keeps them (row-events-gtid-mts.md part B), seen as a user sees them: the
 * variables and their errors, SHOW BINLOG EVENTS, SHOW MASTER STATUS, the events as
 * mysql-binlog-connector-java decodes them, what survives a restart, and replication with them to
 * a minisqld and a real MariaDB 10.11 replica.
 */
class GtidTest {
    private static final String OTHER = "3e11fa47-71ca-11e1-9e33-c80aa9429562";

    @RegisterExtension
    final Topology topology = Topology.perTest();

    private MinisqldHarness gtidServer(String name, long id, String... more) throws Exception {
        List<String> options = new ArrayList<>(List.of("--gtid-mode=ON", "--enforce-gtid-consistency=ON"));
        options.addAll(List.of(more));
        return topology.start(MinisqldHarness.inProcess().name(name).serverId(id).logBin()
                .options(options.toArray(String[]::new)));
    }

    /** Two UUIDs' parts of a GTID set as MySQL prints them: sorted by UUID, ",\n" between. */
    static String twoUuids(String a, String b) {
        return a.compareTo(b) < 0 ? a + ",\n" + b : b + ",\n" + a;
    }

    private static String uuid(SqlRunner sql) throws Exception {
        return sql.value("SELECT @@GLOBAL.server_uuid");
    }

    /** B.2: one step at a time, ON only with enforce_gtid_consistency ON, each change logged and the binlog rotated. */
    @Test
    void gtidModeChangesOneStepAtATime() throws Exception {
        MinisqldHarness server = topology.start(MinisqldHarness.inProcess().name("steps").serverId(1).logBin());
        try (Connection c = server.newConnection()) {
            SqlRunner sql = SqlRunner.on(c);
            assertEquals("OFF", sql.value("SELECT @@GLOBAL.gtid_mode"));
            sql.assertError("SET GLOBAL gtid_mode = ON_PERMISSIVE", 1788, "HY000", "The value of @@GLOBAL.GTID_MODE can "
                    + "only be changed one step at a time: OFF <-> OFF_PERMISSIVE <-> ON_PERMISSIVE <-> ON. Also note that "
                    + "this value must be stepped up or down simultaneously on all servers. See the Manual for instructions.");
            String before = sql.row("SHOW MASTER STATUS").get("File");
            sql.execute("SET GLOBAL gtid_mode = OFF_PERMISSIVE");
            assertEquals("OFF_PERMISSIVE", sql.value("SELECT @@GLOBAL.gtid_mode"));
            assertTrue(sql.row("SHOW MASTER STATUS").get("File").compareTo(before) > 0, "a mode change rotates the binlog");
            sql.execute("SET GLOBAL gtid_mode = ON_PERMISSIVE");
            sql.assertError("SET GLOBAL gtid_mode = ON", 3111, "HY000",
                    "SET @@GLOBAL.GTID_MODE = ON is not allowed because ENFORCE_GTID_CONSISTENCY is not ON.");
            sql.execute("SET GLOBAL enforce_gtid_consistency = ON");
            sql.execute("SET GLOBAL gtid_mode = ON");
            assertEquals("ON", sql.value("SELECT @@GLOBAL.gtid_mode"));
            sql.assertError("SET GLOBAL enforce_gtid_consistency = WARN", 1779, "HY000",
                    "GTID_MODE = ON requires ENFORCE_GTID_CONSISTENCY = ON.");
            sql.assertError("SET GLOBAL gtid_mode = OFF", 1788, "HY000", "The value of @@GLOBAL.GTID_MODE can "
                    + "only be changed one step at a time: OFF <-> OFF_PERMISSIVE <-> ON_PERMISSIVE <-> ON. Also note that "
                    + "this value must be stepped up or down simultaneously on all servers. See the Manual for instructions.");
            // ON_PERMISSIVE already assigns GTIDs to new transactions
            sql.executeAll("CREATE DATABASE d");
            assertEquals(uuid(sql) + ":1", sql.value("SELECT @@GLOBAL.gtid_executed"));
        }
        String log = server.errorLogText();
        assertTrue(log.contains("Changed GTID_MODE from OFF to OFF_PERMISSIVE."), log);
        assertTrue(log.contains("Changed GTID_MODE from ON_PERMISSIVE to ON."), log);
    }

    /**
     * B.1, B.3, B.4: with gtid_mode ON each transaction gets the next number of the server's UUID
     * in a GTID event before it, each file starts with PREVIOUS_GTIDS, and the logical clock is
     * written as MySQL 5.7 writes it; with OFF the events are anonymous.
     */
    @Test
    void transactionsAreWrittenWithTheirGtidsAndTheLogicalClock() throws Exception {
        MinisqldHarness server = gtidServer("gtids", 1);
        String uuid;
        try (Connection c = server.newConnection()) {
            SqlRunner sql = SqlRunner.on(c);
            uuid = uuid(sql);
            sql.executeAll("CREATE DATABASE d", "CREATE TABLE d.t (id INT PRIMARY KEY)", "BEGIN",
                    "INSERT INTO d.t VALUES (1)", "INSERT INTO d.t VALUES (2)", "COMMIT", "INSERT INTO d.t VALUES (3)");
            assertEquals(uuid + ":1-4", sql.value("SELECT @@GLOBAL.gtid_executed"));
            assertEquals(uuid + ":1-4", sql.row("SHOW MASTER STATUS").get("Executed_Gtid_Set"));
            assertEquals("1", sql.value("SELECT GTID_SUBSET('" + uuid + ":2-3', @@GLOBAL.gtid_executed)"));
            List<List<String>> events = sql.rows("SHOW BINLOG EVENTS IN 'mysql-bin.000001'");
            List<String> kinds = events.stream().map(r -> r.get(2) + " " + r.get(5)).toList();
            assertEquals("Format_desc", events.get(0).get(2));
            assertEquals(List.of("Previous_gtids ", "Gtid SET @@SESSION.GTID_NEXT= '" + uuid + ":1'",
                    "Query CREATE DATABASE d", "Gtid SET @@SESSION.GTID_NEXT= '" + uuid + ":2'"), kinds.subList(1, 5));
            assertEquals("154", events.get(1).get(4), "MySQL 5.7's first transaction starts at 154");
            assertEquals("Gtid SET @@SESSION.GTID_NEXT= '" + uuid + ":3'", kinds.get(6));
            assertEquals("Query BEGIN", kinds.get(7));
            // a transaction observer's after_commit sees the GTID (plugin API TransactionContext.gtid())
            List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
            io.minisqld.plugin.api.observer.TransactionObserver observer = new io.minisqld.plugin.api.observer.TransactionObserver() {
                @Override
                public void afterCommit(io.minisqld.plugin.api.observer.TransactionParam p) {
                    seen.add(String.valueOf(p.context().gtid()));
                }
            };
            server.server().observers().transaction().register(observer, "gtid_test_observer");
            sql.execute("INSERT INTO d.t VALUES (10)");
            server.server().observers().transaction().unregister(observer);
            assertEquals(List.of(uuid + ":5"), seen);
            sql.execute("DELETE FROM d.t WHERE id = 10");
            sql.execute("FLUSH LOGS");
            List<List<String>> second = sql.rows("SHOW BINLOG EVENTS IN 'mysql-bin.000002'");
            assertEquals(List.of("Previous_gtids", uuid + ":1-6"), List.of(second.get(1).get(2), second.get(1).get(5)));
        }
        // the same file as mysql-binlog-connector-java reads it: GTIDs, then (last_committed, sequence_number)
        List<GtidEventData> gtids = new ArrayList<>();
        try (BinaryLogFileReader reader = new BinaryLogFileReader(server.datadir().resolve("mysql-bin.000001").toFile())) {
            for (Event e; (e = reader.readEvent()) != null; ) {
                if (e.getHeader().getEventType() == EventType.GTID) gtids.add(e.getData());
            }
        }
        assertEquals(List.of(uuid + ":1", uuid + ":2", uuid + ":3", uuid + ":4", uuid + ":5", uuid + ":6"),
                gtids.stream().map(g -> g.getMySqlGtid().toString()).toList());
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L), gtids.stream().map(GtidEventData::getSequenceNumber).toList());
        for (GtidEventData g : gtids) {
            assertTrue(g.getLastCommitted() < g.getSequenceNumber(), "a transaction's parent committed before it: " + g);
        }
        assertEquals(3L, gtids.get(3).getLastCommitted(), "one client: each transaction waits for the one before");

        // B.5: what the binlog holds is executed again after a restart, and numbering goes on
        server.restart();
        try (Connection c = server.newConnection()) {
            SqlRunner sql = SqlRunner.on(c);
            assertEquals(uuid + ":1-6", sql.value("SELECT @@GLOBAL.gtid_executed"));
            assertEquals("", sql.value("SELECT @@GLOBAL.gtid_purged"));
            sql.execute("INSERT INTO d.t VALUES (5)");
            assertEquals(uuid + ":1-7", sql.value("SELECT @@GLOBAL.gtid_executed"));
            // PURGE BINARY LOGS: the purged files' GTIDs become gtid_purged
            String current = sql.row("SHOW MASTER STATUS").get("File");
            sql.execute("PURGE BINARY LOGS TO '" + current + "'");
            assertEquals(uuid + ":1-6", sql.value("SELECT @@GLOBAL.gtid_purged"));
        }
    }

    /**
     * B.2 enforce_gtid_consistency: CREATE TABLE … SELECT (1786) and CREATE / DROP TEMPORARY TABLE
     * inside a transaction (1787) are refused under ON, a warning under WARN, nothing under OFF.
     */
    @Test
    void enforceGtidConsistencyRefusesWhatCannotBeOneGtidTransaction() throws Exception {
        MinisqldHarness server = gtidServer("enforce", 1);
        String createSelect = "CREATE TABLE d.copy SELECT * FROM d.t";
        try (Connection c = server.newConnection()) {
            SqlRunner sql = SqlRunner.on(c);
            sql.executeAll("CREATE DATABASE d", "CREATE TABLE d.t (id INT PRIMARY KEY)", "INSERT INTO d.t VALUES (1)");
            sql.assertError(createSelect, 1786, "HY000", "Statement violates GTID consistency: CREATE TABLE ... SELECT.");
            sql.execute("BEGIN");
            sql.assertError("CREATE TEMPORARY TABLE d.tmp (id INT)", 1787, "HY000", "Statement violates GTID "
                    + "consistency: CREATE TEMPORARY TABLE and DROP TEMPORARY TABLE can only be executed outside "
                    + "transactional context.  These statements are also not allowed in a function or trigger because "
                    + "functions and triggers are also considered to be multi-statement transactions.");
            sql.execute("ROLLBACK");
            sql.executeAll("CREATE TEMPORARY TABLE d.tmp (id INT)", "DROP TEMPORARY TABLE d.tmp");
            // not binlogged: nothing to keep consistent
            sql.executeAll("SET SESSION sql_log_bin = 0", createSelect, "DROP TABLE d.copy", "SET SESSION sql_log_bin = 1");
            sql.executeAll("SET GLOBAL gtid_mode = ON_PERMISSIVE", "SET GLOBAL gtid_mode = OFF_PERMISSIVE",
                    "SET GLOBAL enforce_gtid_consistency = WARN");
            sql.execute(createSelect);
            assertEquals(List.of(List.of("Warning", "1786", "Statement violates GTID consistency: CREATE TABLE ... SELECT.")),
                    sql.warnings());
            sql.executeAll("DROP TABLE d.copy", "SET GLOBAL enforce_gtid_consistency = OFF", createSelect);
            assertEquals(List.of(), sql.warnings());
        }
        assertTrue(server.errorLogText().contains("Statement violates GTID consistency: CREATE TABLE ... SELECT."));
    }

    /** B.7 WAIT_FOR_EXECUTED_GTID_SET: 0 once the set is executed, 1 on timeout, MySQL's errors. */
    @Test
    void waitForExecutedGtidSet() throws Exception {
        MinisqldHarness server = gtidServer("wait", 1);
        try (Connection c = server.newConnection()) {
            SqlRunner sql = SqlRunner.on(c);
            String uuid = uuid(sql);
            sql.execute("CREATE DATABASE d");
            assertEquals("0", sql.value("SELECT WAIT_FOR_EXECUTED_GTID_SET('" + uuid + ":1')"));
            assertEquals("1", sql.value("SELECT WAIT_FOR_EXECUTED_GTID_SET('" + uuid + ":2', 0.2)"));
            sql.assertError("SELECT WAIT_FOR_EXECUTED_GTID_SET('" + uuid + ":2', -1)", 1210, "HY000",
                    "Incorrect arguments to WAIT_FOR_EXECUTED_GTID_SET.");
            sql.assertError("SELECT WAIT_FOR_EXECUTED_GTID_SET(NULL)", 1772, "HY000",
                    "Malformed GTID set specification 'NULL'.");
            // a waiter wakes when another session commits the GTID
            java.util.concurrent.CompletableFuture<String> waited = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try (Connection w = server.newConnection()) {
                    return SqlRunner.on(w).value("SELECT WAIT_FOR_EXECUTED_GTID_SET('" + uuid + ":2', 30)");
                } catch (java.sql.SQLException e) {
                    throw new AssertionError(e);
                }
            });
            // the waiter is waiting before the GTID is committed (else it would return at once)
            io.minisqld.testcommon.Poll.until("the waiter in PROCESSLIST", java.time.Duration.ofSeconds(30),
                    () -> !sql.rows("SELECT ID FROM INFORMATION_SCHEMA.PROCESSLIST WHERE INFO LIKE "
                            + "'SELECT WAIT_FOR_EXECUTED_GTID_SET(%'").isEmpty());
            assertTrue(!waited.isDone(), "the waiter returned before the commit");
            sql.execute("CREATE TABLE d.t (id INT PRIMARY KEY)");
            assertEquals("0", waited.get(30, java.util.concurrent.TimeUnit.SECONDS));
            // not a replica: WAIT_UNTIL_SQL_THREAD_AFTER_GTIDS is NULL
            assertEquals(null, sql.value("SELECT WAIT_UNTIL_SQL_THREAD_AFTER_GTIDS('" + uuid + ":1', 1)"));
        }
        MinisqldHarness off = topology.start(MinisqldHarness.inProcess().name("off").serverId(2).logBin());
        try (Connection c = off.newConnection()) {
            SqlRunner.on(c).assertError("SELECT WAIT_FOR_EXECUTED_GTID_SET('" + OTHER + ":1')", 3062, "HY000",
                    "Cannot use WAIT_FOR_EXECUTED_GTID_SET when GTID_MODE = OFF.");
        }
    }

    /** gtid_mode OFF: every transaction is anonymous (5.7 writes ANONYMOUS_GTID events and an empty PREVIOUS_GTIDS). */
    @Test
    void withGtidModeOffTransactionsAreAnonymous() throws Exception {
        MinisqldHarness server = topology.start(MinisqldHarness.inProcess().name("anon").serverId(1).logBin());
        try (Connection c = server.newConnection()) {
            SqlRunner sql = SqlRunner.on(c);
            sql.executeAll("CREATE DATABASE d", "CREATE TABLE d.t (id INT PRIMARY KEY)", "INSERT INTO d.t VALUES (1)");
            List<String> kinds = sql.rows("SHOW BINLOG EVENTS").stream().map(r -> r.get(2) + " " + r.get(5)).toList();
            assertEquals(List.of("Previous_gtids ", "Anonymous_Gtid SET @@SESSION.GTID_NEXT= 'ANONYMOUS'",
                    "Query CREATE DATABASE d"), kinds.subList(1, 4));
            assertEquals("", sql.value("SELECT @@GLOBAL.gtid_executed"));
            sql.assertError("SET gtid_next = '" + OTHER + ":1'", 1781, "HY000",
                    "@@SESSION.GTID_NEXT cannot be set to UUID:NUMBER when @@GLOBAL.GTID_MODE = OFF.");
            sql.assertError("SET GLOBAL gtid_purged = '" + OTHER + ":1-5'", 1839, "HY000",
                    "@@GLOBAL.GTID_PURGED can only be set when @@GLOBAL.GTID_MODE = ON.");
        }
    }

    /**
     * B.5 gtid_next: an empty transaction with a named GTID is how a MySQL operator skips one;
     * a transaction whose GTID is executed already is skipped; ANONYMOUS is refused in mode ON.
     */
    @Test
    void gtidNextNamesTheTransactionsGtid() throws Exception {
        MinisqldHarness server = gtidServer("next", 1);
        try (Connection c = server.newConnection()) {
            SqlRunner sql = SqlRunner.on(c);
            String uuid = uuid(sql);
            sql.executeAll("CREATE DATABASE test", "CREATE TABLE test.t (id INT PRIMARY KEY)");
            sql.assertError("SET gtid_next = 'ANONYMOUS'", 1782, "HY000",
                    "@@SESSION.GTID_NEXT cannot be set to ANONYMOUS when @@GLOBAL.GTID_MODE = ON.");
            sql.assertError("SET gtid_next = 'nonsense'", 1231, "42000",
                    "Variable 'gtid_next' can't be set to the value of 'nonsense'");
            sql.executeAll("SET gtid_next = '" + OTHER.toUpperCase() + ":7'", "BEGIN", "COMMIT");
            assertEquals(OTHER + ":7", sql.value("SELECT @@SESSION.gtid_next"));
            sql.executeAll("SET gtid_next = 'AUTOMATIC'");
            assertEquals(twoUuids(OTHER + ":7", uuid + ":1-2"), sql.value("SELECT @@GLOBAL.gtid_executed"));
            List<String> kinds = sql.rows("SHOW BINLOG EVENTS").stream().map(r -> r.get(2) + " " + r.get(5)).toList();
            assertEquals(List.of("Gtid SET @@SESSION.GTID_NEXT= '" + OTHER + ":7'", "Query BEGIN", "Query COMMIT"),
                    kinds.subList(kinds.size() - 3, kinds.size()));
            // the same GTID again: the transaction is skipped, its statements answered OK without
            // running (MySQL 5.7's gtid_pre_statement_checks), nothing written, nothing owned
            sql.executeAll("SET gtid_next = '" + OTHER + ":7'", "BEGIN");
            assertEquals("", sql.value("SELECT @@SESSION.gtid_owned"));
            assertEquals(0, c.createStatement().executeUpdate("INSERT INTO test.t VALUES (1)"), "a skipped INSERT");
            sql.executeAll("COMMIT", "SET gtid_next = 'AUTOMATIC'");
            assertEquals("0", sql.value("SELECT COUNT(*) FROM test.t"));
            // a named GTID is owned from SET gtid_next to COMMIT or ROLLBACK (gtid_owned); while
            // owned, gtid_next cannot change (1790), and it never changes inside a transaction (1766)
            long id = Long.parseLong(sql.value("SELECT CONNECTION_ID()"));
            sql.execute("SET gtid_next = '" + OTHER + ":9'");
            assertEquals(OTHER + ":9", sql.value("SELECT @@SESSION.gtid_owned"));
            assertEquals(OTHER + ":9#" + id, sql.value("SELECT @@GLOBAL.gtid_owned"));
            sql.assertError("SET gtid_next = 'AUTOMATIC'", 1790, "HY000", "@@SESSION.GTID_NEXT cannot be changed by a "
                    + "client that owns a GTID. The client owns " + OTHER + ":9. Ownership is released on COMMIT or "
                    + "ROLLBACK.");
            sql.executeAll("BEGIN", "INSERT INTO test.t VALUES (9)");
            sql.assertError("SET gtid_next = 'AUTOMATIC'", 1766, "HY000",
                    "The system variable gtid_next cannot be set when there is an ongoing transaction.");
            sql.execute("ROLLBACK");
            assertEquals("", sql.value("SELECT @@SESSION.gtid_owned"));
            assertEquals("", sql.value("SELECT @@GLOBAL.gtid_owned"));
            sql.execute("SET gtid_next = 'AUTOMATIC'");
            assertEquals("0", sql.value("SELECT COUNT(*) FROM test.t"));
            sql.executeAll("SET gtid_next = '" + OTHER + ":8'", "INSERT INTO test.t VALUES (2)");
            // the GTID is used: until gtid_next is set again only SELECT, SET, SHOW and DO run
            String undefined = "When @@SESSION.GTID_NEXT is set to a GTID, you must explicitly set it to a different "
                    + "value after a COMMIT or ROLLBACK. Please check GTID_NEXT variable manual page for detailed "
                    + "explanation. Current @@SESSION.GTID_NEXT is '" + OTHER + ":8'.";
            sql.assertError("INSERT INTO test.t VALUES (9)", 1837, "HY000", undefined);
            sql.assertError("BEGIN", 1837, "HY000", undefined);
            assertEquals("2", sql.value("SELECT id FROM test.t"));
            sql.executeAll("SET gtid_next = 'AUTOMATIC'", "INSERT INTO test.t VALUES (3)");
            assertEquals(twoUuids(OTHER + ":7-8", uuid + ":1-3"), sql.value("SELECT @@GLOBAL.gtid_executed"));
            assertEquals("2", sql.value("SELECT COUNT(*) FROM test.t"));
            // a read in autocommit mode leaves the GTID to the next transaction
            sql.executeAll("SET gtid_next = '" + OTHER + ":20'", "SELECT COUNT(*) FROM test.t",
                    "INSERT INTO test.t VALUES (20)", "SET gtid_next = 'AUTOMATIC'");
            assertEquals(twoUuids(OTHER + ":7-8:20", uuid + ":1-3"), sql.value("SELECT @@GLOBAL.gtid_executed"));
            // 1778: a statement with an implicit commit cannot end the named GTID's open transaction;
            // it stays open, and its COMMIT writes the GTID once
            String implicit = "Cannot execute statements with implicit commit inside a transaction when "
                    + "@@SESSION.GTID_NEXT == 'UUID:NUMBER'.";
            sql.executeAll("SET gtid_next = '" + OTHER + ":21'", "BEGIN", "INSERT INTO test.t VALUES (21)");
            sql.assertError("CREATE TABLE test.u (id INT)", 1778, "HY000", implicit);
            sql.assertError("BEGIN", 1778, "HY000", implicit);
            sql.executeAll("COMMIT", "SET gtid_next = 'AUTOMATIC'");
            assertEquals(twoUuids(OTHER + ":7-8:20-21", uuid + ":1-3"), sql.value("SELECT @@GLOBAL.gtid_executed"));
            assertEquals(1, sql.rows("SHOW BINLOG EVENTS").stream().filter(r -> r.get(5).contains(OTHER + ":21'")).count());
            assertEquals("0", sql.value("SELECT COUNT(*) FROM information_schema.tables WHERE table_name = 'u'"));
        }
        // two sessions naming the same GTID: the second waits at its SET gtid_next while the first
        // owns it, and once the first committed it, its transaction is skipped
        try (Connection a = server.newConnection(); Connection b = server.newConnection()) {
            SqlRunner sa = SqlRunner.on(a);
            SqlRunner sb = SqlRunner.on(b);
            sa.executeAll("SET gtid_next = '" + OTHER + ":30'", "BEGIN", "INSERT INTO test.t VALUES (30)");
            long secondId = Long.parseLong(sb.value("SELECT CONNECTION_ID()"));
            java.util.concurrent.CompletableFuture<Integer> second = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    sb.execute("SET gtid_next = '" + OTHER + ":30'");
                    sb.execute("BEGIN");
                    int inserted = b.createStatement().executeUpdate("INSERT INTO test.t VALUES (31)");
                    sb.executeAll("COMMIT", "SET gtid_next = 'AUTOMATIC'");
                    return inserted;
                } catch (java.sql.SQLException e) {
                    throw new AssertionError(e);
                }
            });
            try (java.sql.Statement probe = a.createStatement()) {
                Blocked.waits("the second SET gtid_next (for the owner)", probe, secondId, second);
            }
            sa.execute("COMMIT");
            assertEquals(0, second.get(30, java.util.concurrent.TimeUnit.SECONDS), "the skipped transaction's INSERT");
            sa.execute("SET gtid_next = 'AUTOMATIC'");
            assertEquals("1", sa.value("SELECT COUNT(*) FROM test.t WHERE id IN (30, 31)"));
            List<String> gtids = sa.rows("SHOW BINLOG EVENTS").stream().map(r -> r.get(5))
                    .filter(i -> i.contains(OTHER + ":30")).toList();
            assertEquals(1, gtids.size(), "the GTID is written once: " + gtids);
        }
        // KILL QUERY ends the wait of a SET gtid_next (1317) and leaves gtid_next as it was
        try (Connection a = server.newConnection(); Connection b = server.newConnection()) {
            SqlRunner sa = SqlRunner.on(a);
            SqlRunner sb = SqlRunner.on(b);
            sa.execute("SET gtid_next = '" + OTHER + ":50'");
            long waiter = Long.parseLong(sb.value("SELECT CONNECTION_ID()"));
            java.util.concurrent.CompletableFuture<Integer> waiting = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    sb.execute("SET gtid_next = '" + OTHER + ":50'");
                    return 0;
                } catch (java.sql.SQLException e) {
                    return e.getErrorCode();
                }
            });
            try (java.sql.Statement probe = a.createStatement()) {
                Blocked.waits("the second SET gtid_next (for the owner)", probe, waiter, waiting);
            }
            sa.execute("KILL QUERY " + waiter);
            assertEquals(1317, waiting.get(30, java.util.concurrent.TimeUnit.SECONDS));
            assertEquals("AUTOMATIC", sb.value("SELECT @@SESSION.gtid_next"));
            assertEquals(OTHER + ":50", sa.value("SELECT @@SESSION.gtid_owned"));
            sa.executeAll("ROLLBACK", "SET gtid_next = 'AUTOMATIC'");
        }
        // a client that leaves gives back the GTID it owned
        try (Connection gone = server.newConnection()) {
            SqlRunner.on(gone).execute("SET gtid_next = '" + OTHER + ":40'");
        }
        try (Connection c = server.newConnection()) {
            SqlRunner sql = SqlRunner.on(c);
            java.util.concurrent.CompletableFuture.runAsync(() -> {
                try {
                    sql.execute("SET gtid_next = '" + OTHER + ":40'");
                } catch (java.sql.SQLException e) {
                    throw new AssertionError(e);
                }
            }).get(30, java.util.concurrent.TimeUnit.SECONDS);
            assertEquals(OTHER + ":40", sql.value("SELECT @@SESSION.gtid_owned"));
            sql.executeAll("ROLLBACK", "SET gtid_next = 'AUTOMATIC'");
        }
    }

    /** B.5, B.10: gtid_purged on a server that executed nothing; RESET MASTER clears every set; both survive a restart. */
    @Test
    void gtidPurgedAndResetMaster() throws Exception {
        MinisqldHarness server = gtidServer("purged", 1);
        try (Connection c = server.newConnection()) {
            SqlRunner sql = SqlRunner.on(c);
            sql.execute("CREATE DATABASE d");
            sql.assertError("SET GLOBAL gtid_purged = '" + OTHER + ":1-5'", 1840, "HY000",
                    "@@GLOBAL.GTID_PURGED can only be set when @@GLOBAL.GTID_EXECUTED is empty.");
            sql.execute("RESET MASTER");
            assertEquals("", sql.value("SELECT @@GLOBAL.gtid_executed"));
            assertEquals("", sql.row("SHOW MASTER STATUS").get("Executed_Gtid_Set"));
            sql.assertError("SET GLOBAL gtid_purged = 'x:1'", 1772, "HY000", "Malformed GTID set specification 'x:1'.");
            sql.execute("SET GLOBAL gtid_purged = '" + OTHER + ":1-5'");
            assertEquals(OTHER + ":1-5", sql.value("SELECT @@GLOBAL.gtid_purged"));
            assertEquals(OTHER + ":1-5", sql.value("SELECT @@GLOBAL.gtid_executed"));
            assertEquals(List.of(List.of(OTHER, "1", "5")), sql.rows("SELECT * FROM mysql.gtid_executed"));
        }
        server.restart();
        try (Connection c = server.newConnection()) {
            SqlRunner sql = SqlRunner.on(c);
            assertEquals(OTHER + ":1-5", sql.value("SELECT @@GLOBAL.gtid_purged"));
            assertEquals(OTHER + ":1-5", sql.value("SELECT @@GLOBAL.gtid_executed"));
            sql.execute("RESET MASTER");
            assertEquals("", sql.value("SELECT @@GLOBAL.gtid_purged"));
            assertEquals("0", sql.value("SELECT COUNT(*) FROM mysql.gtid_executed"));
        }
    }

    /**
     * A minisqld replica applies each transaction with its source's GTID (B.5 "replication appliers
     * apply a GTID event by setting gtid_next to it"), writes it onward with log_slave_updates, and
     * skips one it executed already; a real MariaDB 10.11 replica follows the same source in
     * file/position mode, ignoring the MySQL GTID events (B.11).
     */
    @Test
    void replicasFollowAGtidSource() throws Exception {
        MinisqldHarness source = gtidServer("source", 1);
        MinisqldHarness replica = gtidServer("replica", 2, "--log-slave-updates");
        MinisqldHarness plain = gtidServer("plain", 3, "--gtid-executed-compression-period=3");
        Replication.createReplicationUser(source);
        String uuid;
        try (Connection c = source.newConnection()) {
            SqlRunner sql = SqlRunner.on(c);
            uuid = uuid(sql);
            sql.executeAll("CREATE DATABASE d", "CREATE TABLE d.t (id INT PRIMARY KEY, v VARCHAR(10))",
                    "INSERT INTO d.t VALUES (1, 'a')", "BEGIN", "INSERT INTO d.t VALUES (2, 'b')",
                    "UPDATE d.t SET v = 'c' WHERE id = 1", "COMMIT");
        }
        Replication.startReplica(replica, source.port(), "MASTER_LOG_FILE='mysql-bin.000001'", "MASTER_LOG_POS=4");
        Replication.startReplica(plain, source.port(), "MASTER_LOG_FILE='mysql-bin.000001'", "MASTER_LOG_POS=4");
        MariaDbServer mariadb = topology.mariadb("mariadb-replica", 21, false);
        try (Connection c = mariadb.newConnection()) {
            SqlRunner.on(c).executeAll(Replication.changeMasterTo(source.port(), "MASTER_LOG_FILE='mysql-bin.000001'",
                    "MASTER_LOG_POS=4", "MASTER_USE_GTID=no"), "START SLAVE");
        }
        try (Connection c = source.newConnection()) {
            SqlRunner.on(c).executeAll("INSERT INTO d.t VALUES (3, 'd')", "FLUSH LOGS", "DELETE FROM d.t WHERE id = 2");
        }
        Replication.awaitCaughtUp(replica, source);
        Replication.awaitCaughtUp(plain, source);
        Replication.awaitCaughtUp(mariadb, source);
        String rows = "SELECT id, v FROM d.t ORDER BY id";
        List<List<String>> expected = List.of(List.of("1", "c"), List.of("3", "d"));
        for (var server : List.of(source, replica, plain)) {
            try (Connection c = server.newConnection()) {
                SqlRunner sql = SqlRunner.on(c);
                assertEquals(expected, sql.rows(rows), server.name());
                assertEquals(uuid + ":1-8", sql.value("SELECT @@GLOBAL.gtid_executed"), server.name());
            }
        }
        try (Connection c = mariadb.newConnection()) {
            assertEquals(expected, SqlRunner.on(c).rows(rows));
        }
        try (Connection c = replica.newConnection()) {
            SqlRunner sql = SqlRunner.on(c);
            List<String> gtids = sql.rows("SHOW BINLOG EVENTS").stream().filter(r -> r.get(2).equals("Gtid"))
                    .map(r -> r.get(5)).toList();
            assertEquals("SET @@SESSION.GTID_NEXT= '" + uuid + ":1'", gtids.get(0), "the source's GTIDs, logged onward");
            assertEquals(Replication.slaveStatus(replica).get("Executed_Gtid_Set"), uuid + ":1-8");
        }
        // without log_slave_updates the applied GTIDs are kept in mysql.gtid_executed, and survive a restart
        // (the replication account's two statements, then six)
        try (Connection c = plain.newConnection()) {
            assertEquals("8", SqlRunner.on(c).value(
                    "SELECT SUM(interval_end - interval_start + 1) FROM mysql.gtid_executed WHERE source_uuid = '" + uuid + "'"));
            // B.6 compression once three rows of one GTID each were added: 1-6 merged when 6 came, then 7, 8
            assertEquals(List.of(List.of("1", "6"), List.of("7", "7"), List.of("8", "8")), SqlRunner.on(c).rows(
                    "SELECT interval_start, interval_end FROM mysql.gtid_executed ORDER BY interval_start"));
        }
        plain.restart();
        try (Connection c = plain.newConnection()) {
            assertEquals(uuid + ":1-8", SqlRunner.on(c).value("SELECT @@GLOBAL.gtid_executed"));
        }
    }
}
