package io.minisqld.semisync.tests;

import static io.minisqld.semisync.tests.Cluster.assertLog;
import static io.minisqld.semisync.tests.Cluster.awaitLog;
import static io.minisqld.semisync.tests.Cluster.awaitStatus;
import static io.minisqld.semisync.tests.Cluster.exec;
import static io.minisqld.semisync.tests.Cluster.line;
import static io.minisqld.semisync.tests.Cluster.masterPosition;
import static io.minisqld.semisync.tests.Cluster.status;
import static io.minisqld.semisync.tests.Cluster.variable;
import static io.minisqld.testsupport.Replication.awaitCaughtUp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.minisqld.testsupport.MinisqldHarness;
import io.minisqld.testsupport.SqlRunner;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Installing, enabling and uninstalling both plugins, at run time and by plugin-load, with the
 * status values and error-log lines of MySQL 5.7 (semisync.md §2.2, §2.3, §5, §6.2).
 */
class SemisyncLifecycleTest {
    @RegisterExtension
    final Cluster cluster = new Cluster();

    @Test
    void installAtRunTimeEnableBothSidesAndRestartTheIoThread() throws Exception {
        MinisqldHarness source = cluster.start("source", 1);
        MinisqldHarness replica = cluster.start("replica", 2);
        Cluster.createReplicationUser(source);
        Cluster.startReplica(replica, source);
        awaitCaughtUp(replica, source);

        exec(source, "INSTALL PLUGIN rpl_semi_sync_master SONAME 'semisync_master.so'");
        exec(replica, "INSTALL PLUGIN rpl_semi_sync_slave SONAME 'semisync_slave.so'");
        try (Connection c = source.newConnection()) {
            assertEquals(List.of(List.of("rpl_semi_sync_master", "ACTIVE", "REPLICATION", "semisync_master.so", "GPL")),
                    SqlRunner.on(c).rows("SELECT PLUGIN_NAME, PLUGIN_STATUS, PLUGIN_TYPE, PLUGIN_LIBRARY, PLUGIN_LICENSE "
                            + "FROM INFORMATION_SCHEMA.PLUGINS WHERE PLUGIN_NAME LIKE '%semi%'"));
            assertEquals(List.of(
                    List.of("rpl_semi_sync_master_enabled", "OFF"),
                    List.of("rpl_semi_sync_master_timeout", "10000"),
                    List.of("rpl_semi_sync_master_trace_level", "32"),
                    List.of("rpl_semi_sync_master_wait_for_slave_count", "1"),
                    List.of("rpl_semi_sync_master_wait_no_slave", "ON"),
                    List.of("rpl_semi_sync_master_wait_point", "AFTER_SYNC")),
                    SqlRunner.on(c).rows("SHOW GLOBAL VARIABLES LIKE 'rpl_semi_sync%'"));
        }
        try (Connection c = replica.newConnection()) {
            assertEquals(List.of(List.of("rpl_semi_sync_slave", "ACTIVE", "REPLICATION", "semisync_slave.so", "GPL")),
                    SqlRunner.on(c).rows("SELECT PLUGIN_NAME, PLUGIN_STATUS, PLUGIN_TYPE, PLUGIN_LIBRARY, PLUGIN_LICENSE "
                            + "FROM INFORMATION_SCHEMA.PLUGINS WHERE PLUGIN_NAME LIKE '%semi%'"));
            assertEquals(List.of(List.of("rpl_semi_sync_slave_enabled", "OFF"), List.of("rpl_semi_sync_slave_trace_level", "32")),
                    SqlRunner.on(c).rows("SHOW GLOBAL VARIABLES LIKE 'rpl_semi_sync%'"));
            assertEquals(List.of(List.of("Rpl_semi_sync_slave_status", "OFF")),
                    SqlRunner.on(c).rows("SHOW GLOBAL STATUS LIKE 'Rpl_semi_sync%'"));
        }
        assertEquals("OFF", status(source, "Rpl_semi_sync_master_status"));
        assertEquals("0", status(source, "Rpl_semi_sync_master_clients"));

        // wait_no_slave is ON by default: enabling turns the status ON with no replica at all (§2.2)
        exec(source, "SET GLOBAL rpl_semi_sync_master_enabled = 1");
        assertEquals("ON", status(source, "Rpl_semi_sync_master_status"));
        assertLog(source, line("Note", "Semi-sync replication enabled on the master."));

        // the replica's IO thread is running: the setting waits for its next connect
        exec(replica, "SET GLOBAL rpl_semi_sync_slave_enabled = 1");
        assertEquals("OFF", status(replica, "Rpl_semi_sync_slave_status"));
        assertEquals("0", status(source, "Rpl_semi_sync_master_clients"));

        String[] pos = masterPosition(source);
        exec(replica, "STOP SLAVE IO_THREAD", "START SLAVE IO_THREAD");
        awaitStatus(source, "Rpl_semi_sync_master_clients", "1");
        awaitStatus(replica, "Rpl_semi_sync_slave_status", "ON");
        assertEquals("ON", status(source, "Rpl_semi_sync_master_status"));
        awaitLog(source, line("Note", "Stop asynchronous binlog_dump to slave (server_id: 2)"));
        assertLog(source, line("Note", "Start semi-sync binlog_dump to slave (server_id: 2), pos(" + pos[0] + ", " + pos[1] + ")"));
        assertLog(replica, line("Note", "Slave I/O thread: Start semi-sync replication to master 'repl@127.0.0.1:"
                + source.port() + "' in log '" + pos[0] + "' at position " + pos[1]));

        // every commit from here on is acknowledged: two DDL and three autocommitted inserts
        exec(source, "CREATE DATABASE d", "CREATE TABLE d.t (id INT PRIMARY KEY)",
                "INSERT INTO d.t VALUES (1)", "INSERT INTO d.t VALUES (2)", "INSERT INTO d.t VALUES (3)");
        assertEquals("5", status(source, "Rpl_semi_sync_master_yes_tx"));
        assertEquals("0", status(source, "Rpl_semi_sync_master_no_tx"));
        assertEquals("0", status(source, "Rpl_semi_sync_master_no_times"));
        assertEquals("ON", status(source, "Rpl_semi_sync_master_status"));
        awaitCaughtUp(replica, source);
        try (Connection c = replica.newConnection()) {
            assertEquals("3", SqlRunner.on(c).value("SELECT COUNT(*) FROM d.t"));
        }
    }

    @Test
    void pluginLoadInstallsAndEnablesBothAtStartUp() throws Exception {
        List<MinisqldHarness> nodes = cluster.semisync(1);
        MinisqldHarness source = nodes.get(0);
        MinisqldHarness replica = nodes.get(1);
        try (Connection c = source.newConnection()) {
            assertEquals(List.of(List.of("rpl_semi_sync_master", "ACTIVE")), SqlRunner.on(c).rows(
                    "SELECT PLUGIN_NAME, PLUGIN_STATUS FROM INFORMATION_SCHEMA.PLUGINS WHERE PLUGIN_NAME LIKE '%semi%'"));
            // plugin-load does not write mysql.plugin
            assertEquals(List.of(), SqlRunner.on(c).rows("SELECT name FROM mysql.plugin WHERE name LIKE '%semi%'"));
        }
        assertEquals("ON", variable(source, "rpl_semi_sync_master_enabled"));
        assertEquals("5000", variable(source, "rpl_semi_sync_master_timeout"));
        assertEquals("ON", variable(replica, "rpl_semi_sync_slave_enabled"));
        assertEquals("ON", status(source, "Rpl_semi_sync_master_status"));
        assertEquals("ON", status(replica, "Rpl_semi_sync_slave_status"));
        assertLog(source, line("Note", "Semi-sync replication enabled on the master."));
        assertLog(source, "\\[Note\\] Start semi-sync binlog_dump to slave \\(server_id: 2\\), pos\\(mysql-bin\\.000001, \\d+\\)$");

        exec(source, "CREATE DATABASE d");
        assertEquals("1", status(source, "Rpl_semi_sync_master_yes_tx"));
        Map<String, String> all = Cluster.statuses(source, "Rpl_semi_sync_master_");
        assertEquals(List.of("Rpl_semi_sync_master_clients", "Rpl_semi_sync_master_net_avg_wait_time",
                "Rpl_semi_sync_master_net_wait_time", "Rpl_semi_sync_master_net_waits", "Rpl_semi_sync_master_no_times",
                "Rpl_semi_sync_master_no_tx", "Rpl_semi_sync_master_status", "Rpl_semi_sync_master_timefunc_failures",
                "Rpl_semi_sync_master_tx_avg_wait_time", "Rpl_semi_sync_master_tx_wait_time", "Rpl_semi_sync_master_tx_waits",
                "Rpl_semi_sync_master_wait_pos_backtraverse", "Rpl_semi_sync_master_wait_sessions",
                "Rpl_semi_sync_master_yes_tx"), List.copyOf(all.keySet()));
        assertEquals("0", all.get("Rpl_semi_sync_master_net_wait_time"));
        assertEquals("0", all.get("Rpl_semi_sync_master_net_avg_wait_time"));
        assertEquals("0", all.get("Rpl_semi_sync_master_wait_sessions"));

        // plugins loaded by plugin-load uninstall like installed ones once nothing uses them
        exec(replica, "STOP SLAVE IO_THREAD");
        awaitStatus(source, "Rpl_semi_sync_master_clients", "0");
        exec(replica, "UNINSTALL PLUGIN rpl_semi_sync_slave");
        exec(source, "UNINSTALL PLUGIN rpl_semi_sync_master");
        assertNull(variable(source, "rpl_semi_sync_master_enabled"));
        assertNull(status(replica, "Rpl_semi_sync_slave_status"));
        // MySQL 5.7's deinit stops the ack receiver and unregisters, without disabling first
        assertLog(source, line("Note", "Stopping ack receiver thread"));
        assertLog(source, line("Note", "unregister_replicator OK"));
    }

    @Test
    void uninstallIsRefusedWhileInUseAndAllowedOnceTheReplicaStops() throws Exception {
        MinisqldHarness source = cluster.start("source", 1);
        MinisqldHarness replica = cluster.start("replica", 2);
        Cluster.createReplicationUser(source);
        exec(source, "INSTALL PLUGIN rpl_semi_sync_master SONAME 'semisync_master.so'",
                "SET GLOBAL rpl_semi_sync_master_enabled = ON");
        exec(replica, "INSTALL PLUGIN rpl_semi_sync_slave SONAME 'semisync_slave.so'",
                "SET GLOBAL rpl_semi_sync_slave_enabled = ON");
        Cluster.startReplica(replica, source);
        awaitStatus(source, "Rpl_semi_sync_master_clients", "1");
        awaitStatus(replica, "Rpl_semi_sync_slave_status", "ON");

        String masterRefusal = "Plugin 'rpl_semi_sync_master' cannot be uninstalled now. "
                + "Stop any active semisynchronous slaves of this master first.";
        String slaveRefusal = "Plugin 'rpl_semi_sync_slave' cannot be uninstalled now. "
                + "Stop any active semisynchronous I/O threads on this slave first.";
        try (Connection c = source.newConnection()) {
            SqlRunner.on(c).assertError("UNINSTALL PLUGIN rpl_semi_sync_master", 1883, "HY000", masterRefusal);
            // the refusal depends on the connected replica, not on enabled (§6.2)
            SqlRunner.on(c).executeAll("SET GLOBAL rpl_semi_sync_master_enabled = OFF");
            SqlRunner.on(c).assertError("UNINSTALL PLUGIN rpl_semi_sync_master", 1883, "HY000", masterRefusal);
        }
        try (Connection c = replica.newConnection()) {
            SqlRunner.on(c).assertError("UNINSTALL PLUGIN rpl_semi_sync_slave", 1883, "HY000", slaveRefusal);
        }
        assertEquals("1", status(source, "Rpl_semi_sync_master_clients"));

        exec(replica, "STOP SLAVE IO_THREAD");
        awaitStatus(replica, "Rpl_semi_sync_slave_status", "OFF");
        awaitStatus(source, "Rpl_semi_sync_master_clients", "0");
        awaitLog(source, line("Note", "Stop semi-sync binlog_dump to slave (server_id: 2)"));
        exec(replica, "UNINSTALL PLUGIN rpl_semi_sync_slave");
        exec(source, "UNINSTALL PLUGIN rpl_semi_sync_master");
        assertNull(variable(source, "rpl_semi_sync_master_enabled"));
        assertNull(status(source, "Rpl_semi_sync_master_status"));
        assertNull(variable(replica, "rpl_semi_sync_slave_enabled"));
        assertNull(status(replica, "Rpl_semi_sync_slave_status"));
        try (Connection c = source.newConnection()) {
            assertEquals(List.of(), SqlRunner.on(c).rows(
                    "SELECT PLUGIN_NAME FROM INFORMATION_SCHEMA.PLUGINS WHERE PLUGIN_NAME LIKE '%semi%'"));
        }

        // the replica keeps replicating asynchronously, and the plugins install again
        exec(replica, "START SLAVE IO_THREAD");
        exec(source, "CREATE DATABASE d");
        awaitCaughtUp(replica, source);
        exec(source, "INSTALL PLUGIN rpl_semi_sync_master SONAME 'semisync_master.so'");
        exec(replica, "INSTALL PLUGIN rpl_semi_sync_slave SONAME 'semisync_slave.so'");
        assertEquals("OFF", variable(source, "rpl_semi_sync_master_enabled"));
        assertEquals("0", status(source, "Rpl_semi_sync_master_yes_tx"));
    }
}
