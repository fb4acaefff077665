package io.minisqld.semisync.tests;

import static io.minisqld.semisync.tests.Cluster.assertLog;
import static io.minisqld.semisync.tests.Cluster.awaitLog;
import static io.minisqld.semisync.tests.Cluster.exec;
import static io.minisqld.semisync.tests.Cluster.line;
import static io.minisqld.semisync.tests.Cluster.status;
import static io.minisqld.semisync.tests.Cluster.variable;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.minisqld.testsupport.MinisqldHarness;
import io.minisqld.testsupport.Replication;
import io.minisqld.testsupport.SqlRunner;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The plugins' variables as a client meets them (semisync.md §4), disabling the source with a
 * replica connected (§2.2), and a semisync replica of a source without the plugin (§5.2).
 */
class SemisyncVariablesTest {
    @RegisterExtension
    final Cluster cluster = new Cluster();

    @Test
    void globalOnlyClampedAndValidated() throws Exception {
        MinisqldHarness source = cluster.start("source", 1, Cluster.MASTER_LOADED);
        try (Connection c = source.newConnection()) {
            SqlRunner.on(c).assertError("SET SESSION rpl_semi_sync_master_timeout = 1", 1229, "HY000",
                    "Variable 'rpl_semi_sync_master_timeout' is a GLOBAL variable and should be set with SET GLOBAL");
            SqlRunner.on(c).assertError("SET GLOBAL rpl_semi_sync_master_wait_point = 'AFTER_FLUSH'", 1231, "42000",
                    "Variable 'rpl_semi_sync_master_wait_point' can't be set to the value of 'AFTER_FLUSH'");
            SqlRunner.on(c).assertError("SET GLOBAL rpl_semi_sync_master_timeout = 'x'", 1232, "42000",
                    "Incorrect argument type to variable 'rpl_semi_sync_master_timeout'");
            try (Statement st = c.createStatement()) {
                st.execute("SET GLOBAL rpl_semi_sync_master_wait_for_slave_count = 0");
            }
            assertEquals(List.of(List.of("Warning", "1292",
                    "Truncated incorrect rpl_semi_sync_master_wait_for_slave_count value: '0'")),
                    SqlRunner.on(c).rows("SHOW WARNINGS"));
            assertEquals("1", variable(source, "rpl_semi_sync_master_wait_for_slave_count"));
            SqlRunner.on(c).executeAll("SET GLOBAL rpl_semi_sync_master_wait_point = 1");
            assertEquals("AFTER_COMMIT", variable(source, "rpl_semi_sync_master_wait_point"));
            SqlRunner.on(c).executeAll("SET GLOBAL rpl_semi_sync_master_wait_point = 'after_sync'");
            assertEquals("AFTER_SYNC", variable(source, "rpl_semi_sync_master_wait_point"));
            assertEquals(List.of(List.of("1")), SqlRunner.on(c).rows("SELECT @@global.rpl_semi_sync_master_enabled"));
        }
    }

    @Test
    void disablingTheSourceKeepsTheReplicaRegisteredAndStopsCounting() throws Exception {
        List<MinisqldHarness> nodes = cluster.semisync(1);
        MinisqldHarness source = nodes.get(0);
        exec(source, "CREATE DATABASE d");
        assertEquals("1", status(source, "Rpl_semi_sync_master_yes_tx"));

        exec(source, "SET GLOBAL rpl_semi_sync_master_enabled = OFF");
        assertEquals("OFF", status(source, "Rpl_semi_sync_master_status"));
        assertEquals("1", status(source, "Rpl_semi_sync_master_clients"));
        assertEquals("1", status(source, "Rpl_semi_sync_master_no_times"));
        assertLog(source, line("Note", "Semi-sync replication switched OFF."));
        assertLog(source, line("Note", "Semi-sync replication disabled on the master."));
        // a disabled source neither waits nor counts
        exec(source, "CREATE DATABASE e");
        assertEquals("1", status(source, "Rpl_semi_sync_master_yes_tx"));
        assertEquals("0", status(source, "Rpl_semi_sync_master_no_tx"));

        exec(source, "SET GLOBAL rpl_semi_sync_master_enabled = ON");
        assertEquals("ON", status(source, "Rpl_semi_sync_master_status"));
        exec(source, "CREATE DATABASE f");
        assertEquals("2", status(source, "Rpl_semi_sync_master_yes_tx"));
        assertEquals("0", status(source, "Rpl_semi_sync_master_no_tx"));
    }

    @Test
    void aSemisyncReplicaOfASourceWithoutThePluginFallsBackToAsync() throws Exception {
        MinisqldHarness source = cluster.start("source", 1);
        Cluster.createReplicationUser(source);
        MinisqldHarness replica = cluster.start("replica", 2, Cluster.SLAVE_LOADED);
        Cluster.startReplica(replica, source);
        exec(source, "CREATE DATABASE d");
        Replication.awaitCaughtUp(replica, source);
        awaitLog(replica, line("Warning", "Master server does not support semi-sync, fallback to asynchronous replication"));
        assertEquals("OFF", status(replica, "Rpl_semi_sync_slave_status"));
        // the source, without the master plugin, logs only its own dump line (the plugin's would follow it)
        assertEquals(0, Cluster.countLog(source, "binlog_dump to slave"));
    }
}
