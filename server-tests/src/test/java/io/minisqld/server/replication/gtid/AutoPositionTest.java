package io.minisqld.server.replication.gtid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minisqld.testcommon.Poll;
import io.minisqld.testsupport.MinisqldHarness;
import io.minisqld.testsupport.Replication;
import io.minisqld.testsupport.SqlRunner;
import io.minisqld.testsupport.Topology;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * CHANGE MASTER TO MASTER_AUTO_POSITION = 1 and COM_BINLOG_DUMP_GTID (row-events-gtid-mts.md
 * B.8, B.9): a replica asks for what its GTIDs lack, is re-pointed to another source without file
 * names or positions, and gets MySQL's errors when that cannot work.
 */
class AutoPositionTest {
    @RegisterExtension
    final Topology topology = Topology.perTest();

    private MinisqldHarness server(String name, long id, String mode, String... more) throws Exception {
        List<String> options = new ArrayList<>(List.of("--gtid-mode=" + mode, "--enforce-gtid-consistency=ON"));
        options.addAll(List.of(more));
        return topology.start(MinisqldHarness.inProcess().name(name).serverId(id).logBin()
                .options(options.toArray(String[]::new)));
    }

    private static String value(MinisqldHarness server, String sql) throws Exception {
        try (Connection c = server.newConnection()) {
            return SqlRunner.on(c).value(sql);
        }
    }

    private static void execute(MinisqldHarness server, String... sql) throws Exception {
        try (Connection c = server.newConnection()) {
            SqlRunner.on(c).executeAll(sql);
        }
    }

    /** Waits until the replica has executed every GTID the source has (positions may differ across sources). */
    private static void awaitGtids(MinisqldHarness replica, MinisqldHarness source) throws Exception {
        String target = value(source, "SELECT @@GLOBAL.gtid_executed");
        Poll.until(replica.name() + " to execute " + target, Duration.ofSeconds(60), () -> {
            Map<String, String> s = Replication.slaveStatus(replica);
            if (!"0".equals(s.get("Last_SQL_Errno")) || !"0".equals(s.get("Last_IO_Errno"))) {
                throw new AssertionError(replica.name() + " stopped: " + s.get("Last_IO_Error") + s.get("Last_SQL_Error"));
            }
            return "1".equals(value(replica, "SELECT GTID_SUBSET('" + target + "', @@GLOBAL.gtid_executed)"));
        }, () -> Replication.describe(replica, source));
    }

    private static Map<String, String> awaitIoError(MinisqldHarness replica) throws Exception {
        Poll.until(replica.name() + "'s IO thread to stop with an error", Duration.ofSeconds(30),
                () -> !"0".equals(Replication.slaveStatus(replica).get("Last_IO_Errno")));
        return Replication.slaveStatus(replica);
    }

    private static List<List<String>> rows(MinisqldHarness server) throws Exception {
        try (Connection c = server.newConnection()) {
            return SqlRunner.on(c).rows("SELECT id FROM d.t ORDER BY id");
        }
    }

    @Test
    void replicasFollowByGtidsAndAreRepointedWithoutPositions() throws Exception {
        MinisqldHarness source = server("source", 1, "ON");
        MinisqldHarness candidate = server("candidate", 2, "ON", "--log-slave-updates");
        MinisqldHarness other = server("other", 3, "ON", "--log-slave-updates");
        Replication.createReplicationUser(source);
        execute(source, "CREATE DATABASE d", "CREATE TABLE d.t (id INT PRIMARY KEY)", "INSERT INTO d.t VALUES (1)");
        Replication.startReplica(candidate, source.port(), "MASTER_AUTO_POSITION=1");
        Replication.startReplica(other, source.port(), "MASTER_AUTO_POSITION=1");
        execute(source, "INSERT INTO d.t VALUES (2)", "FLUSH LOGS", "INSERT INTO d.t VALUES (3)");
        String uuid = value(source, "SELECT @@GLOBAL.server_uuid");
        // B.7: the replica's applier reaches the source's set (the wait counts the commits it saw)
        long waited = Long.parseLong(value(candidate, "SELECT WAIT_UNTIL_SQL_THREAD_AFTER_GTIDS('" + uuid
                + ":1-7', 30)"));
        assertTrue(waited >= 0, "waited " + waited);
        assertEquals("-1", value(candidate, "SELECT WAIT_UNTIL_SQL_THREAD_AFTER_GTIDS('" + uuid + ":100', 0.2)"));
        awaitGtids(candidate, source);
        awaitGtids(other, source);
        Map<String, String> status = Replication.slaveStatus(candidate);
        assertEquals("1", status.get("Auto_Position"));
        assertEquals(uuid + ":1-7", status.get("Retrieved_Gtid_Set"), "the replication account's 2, then 5");
        assertEquals(uuid + ":1-7", status.get("Executed_Gtid_Set"));

        // a restarted IO thread asks again by GTIDs: nothing is applied twice
        execute(other, "STOP SLAVE IO_THREAD");
        execute(source, "INSERT INTO d.t VALUES (4)");
        execute(other, "START SLAVE IO_THREAD");
        awaitGtids(other, source);
        awaitGtids(candidate, source);

        // the failover of docs/failover.md: the source is gone, the candidate is promoted and the
        // other replica re-pointed with MASTER_AUTO_POSITION = 1, no file or position named
        source.stop();
        execute(candidate, "STOP SLAVE", "RESET SLAVE ALL");
        execute(other, "STOP SLAVE", Replication.changeMasterTo(candidate.port(), "MASTER_AUTO_POSITION=1"),
                "START SLAVE");
        // the candidate's binlog ends with transactions the other has: left out, and both of the
        // other's positions reach the candidate's end all the same (a heartbeat, then a rotate in the relay log)
        Replication.awaitCaughtUp(other, candidate);
        execute(candidate, "INSERT INTO d.t VALUES (5)");
        awaitGtids(other, candidate);
        List<List<String>> expected = List.of(List.of("1"), List.of("2"), List.of("3"), List.of("4"), List.of("5"));
        assertEquals(expected, rows(candidate));
        assertEquals(expected, rows(other));
        String candidateUuid = value(candidate, "SELECT @@GLOBAL.server_uuid");
        // MySQL prints a set's UUIDs sorted
        assertEquals(GtidTest.twoUuids(uuid + ":1-8", candidateUuid + ":1"), value(other,
                "SELECT @@GLOBAL.gtid_executed"));
    }

    /**
     * mysql-binlog-connector-java (Debezium's reader) positioned by a GTID set: it gets the
     * transactions after the set only, each with its GTID, across a rotation.
     */
    @Test
    void binaryLogClientResumesFromAGtidSet() throws Exception {
        MinisqldHarness source = server("source", 1, "ON");
        execute(source, "CREATE DATABASE d", "CREATE TABLE d.t (id INT PRIMARY KEY)", "INSERT INTO d.t VALUES (1)",
                "FLUSH LOGS", "INSERT INTO d.t VALUES (2)");
        String uuid = value(source, "SELECT @@GLOBAL.server_uuid");
        List<String> gtids = new java.util.concurrent.CopyOnWriteArrayList<>();
        com.github.shyiko.mysql.binlog.BinaryLogClient client =
                new com.github.shyiko.mysql.binlog.BinaryLogClient("127.0.0.1", source.port(), "root", "");
        client.setServerId(4343);
        client.setGtidSet(uuid + ":1-3");
        client.setBinlogFilename("");
        client.setBinlogPosition(4);
        client.setKeepAlive(false);
        client.registerEventListener(e -> {
            if (e.getData() instanceof com.github.shyiko.mysql.binlog.event.GtidEventData g) {
                gtids.add(g.getMySqlGtid().toString());
            }
        });
        client.connect(10_000);
        try {
            execute(source, "INSERT INTO d.t VALUES (3)");
            // the client adds a GTID to its set when the transaction's XID event has arrived, after the GTID event
            Poll.until("the client to see GTID 5's transaction", Duration.ofSeconds(20),
                    () -> gtids.contains(uuid + ":5") && (uuid + ":1-5").equals(client.getGtidSet()));
            assertEquals(List.of(uuid + ":4", uuid + ":5"), gtids);
            assertEquals(uuid + ":1-5", client.getGtidSet());
        } finally {
            client.disconnect();
        }
    }

    /** B.9's errors at CHANGE MASTER and SET gtid_mode, and B.8's when the source cannot serve the replica. */
    @Test
    void whatCannotWorkIsRefusedWithMysqlsErrors() throws Exception {
        MinisqldHarness source = server("source", 1, "ON");
        Replication.createReplicationUser(source);
        execute(source, "CREATE DATABASE d", "FLUSH LOGS", "CREATE TABLE d.t (id INT PRIMARY KEY)");
        String uuid = value(source, "SELECT @@GLOBAL.server_uuid");

        MinisqldHarness off = topology.start(MinisqldHarness.inProcess().name("off").serverId(2).logBin());
        try (Connection c = off.newConnection()) {
            SqlRunner sql = SqlRunner.on(c);
            sql.assertError(Replication.changeMasterTo(source.port(), "MASTER_AUTO_POSITION=1"), 1777, "HY000",
                    "CHANGE MASTER TO MASTER_AUTO_POSITION = 1 cannot be executed because @@GLOBAL.GTID_MODE = OFF.");
            // a replica whose gtid_mode is OFF cannot follow a source whose transactions have GTIDs
            sql.executeAll(Replication.changeMasterTo(source.port()), "START SLAVE");
        }
        Map<String, String> s = awaitIoError(off);
        assertEquals("1593", s.get("Last_IO_Errno"));
        assertEquals("Fatal error: The replication receiver thread cannot start because the master has GTID_MODE = ON "
                + "and this server has GTID_MODE = OFF.", s.get("Last_IO_Error"));
        try (Connection c = off.newConnection()) {
            SqlRunner sql = SqlRunner.on(c);
            sql.executeAll("STOP SLAVE", "SET GLOBAL gtid_mode = OFF_PERMISSIVE",
                    Replication.changeMasterTo(source.port(), "MASTER_AUTO_POSITION=1"));
            sql.assertError("CHANGE MASTER TO MASTER_LOG_POS = 4", 1776, "HY000", "Parameters MASTER_LOG_FILE, "
                    + "MASTER_LOG_POS, RELAY_LOG_FILE and RELAY_LOG_POS cannot be set when MASTER_AUTO_POSITION is active.");
            sql.assertError("SET GLOBAL gtid_mode = OFF", 3111, "HY000", "SET @@GLOBAL.GTID_MODE = OFF is not allowed "
                    + "because replication channel '' is configured in AUTO_POSITION mode. Execute CHANGE MASTER TO "
                    + "MASTER_AUTO_POSITION = 0 FOR CHANNEL '' before you set @@GLOBAL.GTID_MODE = OFF.");
            sql.executeAll("CHANGE MASTER TO MASTER_AUTO_POSITION = 0", "SET GLOBAL gtid_mode = OFF");
        }

        // the source purged binary logs holding GTIDs a new replica needs: 1236 with the missing set
        try (Connection c = source.newConnection()) {
            SqlRunner sql = SqlRunner.on(c);
            String current = sql.row("SHOW MASTER STATUS").get("File");
            sql.execute("PURGE BINARY LOGS TO '" + current + "'");
            assertEquals(uuid + ":1-3", sql.value("SELECT @@GLOBAL.gtid_purged"));
        }
        MinisqldHarness fresh = server("fresh", 4, "ON");
        execute(fresh, Replication.changeMasterTo(source.port(), "MASTER_AUTO_POSITION=1"), "START SLAVE");
        s = awaitIoError(fresh);
        assertEquals("1236", s.get("Last_IO_Errno"));
        assertTrue(s.get("Last_IO_Error").startsWith("Got fatal error 1236 from master when reading data from binary "
                + "log: 'The slave is connecting using CHANGE MASTER TO MASTER_AUTO_POSITION = 1, but the master has "
                + "purged binary logs containing GTIDs that the slave requires."), s.get("Last_IO_Error"));
        assertTrue(source.errorLogText().contains("Cannot replicate to server with server_uuid='"
                + value(fresh, "SELECT @@GLOBAL.server_uuid") + "' because the present server has purged required "
                + "binary logs."), "the source's error log says why");
        // once the replica has the purged GTIDs (a restored backup: SET gtid_purged), it replicates the rest
        execute(fresh, "STOP SLAVE", "RESET MASTER", "SET GLOBAL gtid_purged = '" + uuid + ":1-3'",
                "CREATE DATABASE d", "START SLAVE");
        execute(source, "CREATE TABLE d.u (id INT PRIMARY KEY)");
        awaitGtids(fresh, source);
        assertEquals("1", value(fresh, "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = 'd' "
                + "AND TABLE_NAME = 'u'"));
    }
}
