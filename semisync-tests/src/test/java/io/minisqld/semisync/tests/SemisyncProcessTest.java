package io.minisqld.semisync.tests;

import static io.minisqld.semisync.tests.Cluster.assertLog;
import static io.minisqld.semisync.tests.Cluster.awaitStatus;
import static io.minisqld.semisync.tests.Cluster.exec;
import static io.minisqld.semisync.tests.Cluster.line;
import static io.minisqld.semisync.tests.Cluster.status;
import static io.minisqld.testsupport.Replication.awaitCaughtUp;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.minisqld.testsupport.MinisqldHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A source and a replica as separate {@code io.minisqld.server.Main} processes loading both plugins
 * by plugin-load: commits acknowledged across processes, and a clean SIGTERM shutdown of each
 * with the plugins installed.
 */
class SemisyncProcessTest {
    @RegisterExtension
    final Cluster cluster = new Cluster();

    @Test
    void processesAcknowledgeAndShutDownCleanly() throws Exception {
        MinisqldHarness source = cluster.startProcess("source", 1, Cluster.MASTER_LOADED);
        Cluster.createReplicationUser(source);
        MinisqldHarness replica = cluster.startProcess("replica", 2, Cluster.SLAVE_LOADED);
        Cluster.startReplica(replica, source);
        awaitStatus(source, "Rpl_semi_sync_master_clients", "1");
        awaitStatus(replica, "Rpl_semi_sync_slave_status", "ON");
        exec(source, "SET GLOBAL rpl_semi_sync_master_timeout = 10000",
                "CREATE DATABASE d", "CREATE TABLE d.t (id INT PRIMARY KEY)", "INSERT INTO d.t VALUES (1)");
        assertEquals("3", status(source, "Rpl_semi_sync_master_yes_tx"));
        assertEquals("0", status(source, "Rpl_semi_sync_master_no_tx"));
        assertEquals("ON", status(source, "Rpl_semi_sync_master_status"));
        awaitCaughtUp(replica, source);

        // the replica first: its IO thread ends, the source unregisters it
        replica.stop();
        awaitStatus(source, "Rpl_semi_sync_master_clients", "0");
        assertLog(source, line("Note", "Stop semi-sync binlog_dump to slave (server_id: 2)"));
        // the source with the plugin installed and enabled: SIGTERM ends it within the stop's 30 s
        source.stop();
        assertLog(source, line("Note", "Stopping ack receiver thread"));
    }
}
