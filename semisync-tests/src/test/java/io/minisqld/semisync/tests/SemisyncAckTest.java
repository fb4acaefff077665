package io.minisqld.semisync.tests;

import static io.minisqld.semisync.tests.Cluster.assertLog;
import static io.minisqld.semisync.tests.Cluster.awaitLog;
import static io.minisqld.semisync.tests.Cluster.awaitStatus;
import static io.minisqld.semisync.tests.Cluster.countLog;
import static io.minisqld.semisync.tests.Cluster.exec;
import static io.minisqld.semisync.tests.Cluster.line;
import static io.minisqld.semisync.tests.Cluster.masterPosition;
import static io.minisqld.semisync.tests.Cluster.status;
import static io.minisqld.testsupport.Replication.awaitCaughtUp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minisqld.testsupport.MinisqldHarness;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Acknowledged commits, the timeout fallback and the switch back ON, wait_no_slave and
 * wait_for_slave_count (semisync.md §2.9–§2.14), with MySQL 5.7's counters and log lines.
 */
class SemisyncAckTest {
    @RegisterExtension
    final Cluster cluster = new Cluster();

    /** Runs one statement and returns how long it took, in milliseconds. */
    private static long timed(MinisqldHarness n, String sql) throws Exception {
        long start = System.nanoTime();
        exec(n, sql);
        return (System.nanoTime() - start) / 1_000_000;
    }

    @Test
    void aStoppedReplicaMakesTheNextCommitWaitTheTimeoutThenAsyncUntilItCatchesUp() throws Exception {
        List<MinisqldHarness> nodes = cluster.semisync(1);
        MinisqldHarness source = nodes.get(0);
        MinisqldHarness replica = nodes.get(1);
        exec(source, "CREATE DATABASE d", "CREATE TABLE d.t (id INT PRIMARY KEY)", "INSERT INTO d.t VALUES (1)");
        assertEquals("3", status(source, "Rpl_semi_sync_master_yes_tx"));
        awaitCaughtUp(replica, source);
        String[] acked = masterPosition(source);

        exec(replica, "STOP SLAVE IO_THREAD");
        awaitStatus(source, "Rpl_semi_sync_master_clients", "0");
        awaitLog(source, line("Note", "Stop semi-sync binlog_dump to slave (server_id: 2)"));
        assertEquals("OFF", status(replica, "Rpl_semi_sync_slave_status"));
        // wait_no_slave=ON: losing the replica alone does not switch semisync off (§2.14)
        assertEquals("ON", status(source, "Rpl_semi_sync_master_status"));

        exec(source, "SET GLOBAL rpl_semi_sync_master_timeout = 500");
        long waited = timed(source, "INSERT INTO d.t VALUES (2)");
        assertTrue(waited >= 500, "the commit returned after " + waited + " ms, before rpl_semi_sync_master_timeout");
        String[] timedOut = masterPosition(source);
        assertEquals("OFF", status(source, "Rpl_semi_sync_master_status"));
        assertEquals("1", status(source, "Rpl_semi_sync_master_no_times"));
        assertEquals("1", status(source, "Rpl_semi_sync_master_no_tx"));
        assertEquals("3", status(source, "Rpl_semi_sync_master_yes_tx"));
        assertLog(source, line("Warning", "Timeout waiting for reply of binlog (file: " + timedOut[0] + ", pos: "
                + timedOut[1] + "), semi-sync up to file " + acked[0] + ", position " + acked[1] + "."));
        assertLog(source, line("Note", "Semi-sync replication switched OFF."));

        // while OFF commits do not wait and count no_tx; no second switch
        exec(source, "INSERT INTO d.t VALUES (3)", "INSERT INTO d.t VALUES (4)");
        assertEquals("3", status(source, "Rpl_semi_sync_master_no_tx"));
        assertEquals("1", status(source, "Rpl_semi_sync_master_no_times"));
        assertEquals("0", status(source, "Rpl_semi_sync_master_wait_sessions"));
        assertEquals(1, countLog(source, "Semi-sync replication switched OFF."));

        String[] newest = masterPosition(source);
        exec(replica, "START SLAVE IO_THREAD");
        awaitStatus(source, "Rpl_semi_sync_master_status", "ON");
        assertEquals("1", status(source, "Rpl_semi_sync_master_clients"));
        // the replica acknowledged the newest transaction: MySQL 5.7's line, without MariaDB's server_id
        assertLog(source, line("Note", "Semi-sync replication switched ON at (" + newest[0] + ", " + newest[1] + ")"));
        assertLog(source, line("Note", "Start semi-sync binlog_dump to slave (server_id: 2), pos(" + acked[0] + ", "
                + acked[1] + ")"));
        awaitCaughtUp(replica, source);

        exec(source, "SET GLOBAL rpl_semi_sync_master_timeout = 5000", "INSERT INTO d.t VALUES (5)");
        assertEquals("4", status(source, "Rpl_semi_sync_master_yes_tx"));
        assertEquals("3", status(source, "Rpl_semi_sync_master_no_tx"));
        assertEquals("1", status(source, "Rpl_semi_sync_master_no_times"));
    }

    @Test
    void waitNoSlaveOffSwitchesOffWhenTheLastReplicaLeaves() throws Exception {
        List<MinisqldHarness> nodes = cluster.semisync(1);
        MinisqldHarness source = nodes.get(0);
        MinisqldHarness replica = nodes.get(1);
        exec(source, "SET GLOBAL rpl_semi_sync_master_wait_no_slave = OFF", "SET GLOBAL rpl_semi_sync_master_timeout = 500");
        assertEquals("ON", status(source, "Rpl_semi_sync_master_status"));

        exec(replica, "STOP SLAVE IO_THREAD");
        awaitStatus(source, "Rpl_semi_sync_master_clients", "0");
        // clients dropped below wait_for_slave_count: OFF at once, no commit needed (§2.14)
        awaitStatus(source, "Rpl_semi_sync_master_status", "OFF");
        assertEquals("1", status(source, "Rpl_semi_sync_master_no_times"));
        assertLog(source, line("Note", "Semi-sync replication switched OFF."));

        exec(source, "CREATE DATABASE d");
        assertEquals("1", status(source, "Rpl_semi_sync_master_no_tx"));
        assertEquals("0", status(source, "Rpl_semi_sync_master_yes_tx"));
        assertEquals(0, countLog(source, "Timeout waiting for reply of binlog"));

        // wait_no_slave back ON forces the status ON without a replica and without a log line (§2.13)
        long switchOns = countLog(source, "Semi-sync replication switched ON");
        exec(source, "SET GLOBAL rpl_semi_sync_master_wait_no_slave = ON");
        assertEquals("ON", status(source, "Rpl_semi_sync_master_status"));
        assertEquals(switchOns, countLog(source, "Semi-sync replication switched ON"));
        // ... so the next commit waits for the timeout again
        long waited = timed(source, "CREATE DATABASE e");
        assertTrue(waited >= 500, "returned after " + waited + " ms");
        assertEquals("OFF", status(source, "Rpl_semi_sync_master_status"));
        assertEquals("2", status(source, "Rpl_semi_sync_master_no_times"));
        assertEquals("2", status(source, "Rpl_semi_sync_master_no_tx"));
        assertEquals(1, countLog(source, "Timeout waiting for reply of binlog"));
    }

    @Test
    void waitForSlaveCountTwoAndThreeWithThreeReplicas() throws Exception {
        List<MinisqldHarness> nodes = cluster.semisync(3);
        MinisqldHarness source = nodes.get(0);
        exec(source, "CREATE DATABASE d", "CREATE TABLE d.t (id INT PRIMARY KEY)");
        exec(source, "SET GLOBAL rpl_semi_sync_master_wait_for_slave_count = 3",
                "SET GLOBAL rpl_semi_sync_master_timeout = 10000");
        exec(source, "INSERT INTO d.t VALUES (1)");
        assertEquals("3", status(source, "Rpl_semi_sync_master_yes_tx"));
        for (MinisqldHarness r : nodes.subList(1, 4)) awaitCaughtUp(r, source);

        MinisqldHarness third = nodes.get(3);
        exec(third, "STOP SLAVE IO_THREAD");
        awaitStatus(source, "Rpl_semi_sync_master_clients", "2");

        // two replicas are enough for count 2: acknowledged, no timeout
        exec(source, "SET GLOBAL rpl_semi_sync_master_wait_for_slave_count = 2");
        exec(source, "INSERT INTO d.t VALUES (2)");
        assertEquals("4", status(source, "Rpl_semi_sync_master_yes_tx"));
        assertEquals("0", status(source, "Rpl_semi_sync_master_no_tx"));
        assertEquals("ON", status(source, "Rpl_semi_sync_master_status"));

        // not for count 3: the commit waits the whole timeout and semisync switches OFF
        exec(source, "SET GLOBAL rpl_semi_sync_master_wait_for_slave_count = 3",
                "SET GLOBAL rpl_semi_sync_master_timeout = 500");
        long waited = timed(source, "INSERT INTO d.t VALUES (3)");
        assertTrue(waited >= 500, "returned after " + waited + " ms");
        assertEquals("OFF", status(source, "Rpl_semi_sync_master_status"));
        assertEquals("1", status(source, "Rpl_semi_sync_master_no_tx"));
        assertEquals("1", status(source, "Rpl_semi_sync_master_no_times"));
        assertEquals("4", status(source, "Rpl_semi_sync_master_yes_tx"));
        assertLog(source, line("Note", "Semi-sync replication switched OFF."));

        // the third replica back: all three acknowledge the newest commit and semisync is ON again
        exec(third, "START SLAVE IO_THREAD");
        awaitStatus(source, "Rpl_semi_sync_master_clients", "3");
        awaitStatus(source, "Rpl_semi_sync_master_status", "ON");
        for (MinisqldHarness r : nodes.subList(1, 4)) awaitCaughtUp(r, source);
        exec(source, "SET GLOBAL rpl_semi_sync_master_timeout = 10000");
        exec(source, "INSERT INTO d.t VALUES (4)");
        assertEquals("5", status(source, "Rpl_semi_sync_master_yes_tx"));
        assertEquals("1", status(source, "Rpl_semi_sync_master_no_tx"));
    }

    @Test
    void withCountTwoACommitReturnsOnlyOnceASecondReplicaAcknowledgesIt() throws Exception {
        List<MinisqldHarness> nodes = cluster.semisync(3);
        MinisqldHarness source = nodes.get(0);
        exec(source, "SET GLOBAL rpl_semi_sync_master_timeout = 60000",
                "SET GLOBAL rpl_semi_sync_master_wait_for_slave_count = 2",
                "CREATE DATABASE d", "CREATE TABLE d.t (id INT PRIMARY KEY)");
        for (MinisqldHarness r : nodes.subList(1, 4)) awaitCaughtUp(r, source);
        exec(nodes.get(2), "STOP SLAVE IO_THREAD");
        exec(nodes.get(3), "STOP SLAVE IO_THREAD");
        awaitStatus(source, "Rpl_semi_sync_master_clients", "1");

        ExecutorService session = Executors.newSingleThreadExecutor();
        try {
            CompletableFuture<Void> insert = CompletableFuture.runAsync(() -> {
                try {
                    exec(source, "INSERT INTO d.t VALUES (1)");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, session);
            awaitStatus(source, "Rpl_semi_sync_master_wait_sessions", "1");
            // the one connected replica has the insert, and that is not enough
            awaitCaughtUp(nodes.get(1), source);
            assertFalse(insert.isDone(), "the insert returned with one acknowledgement of two");
            assertEquals("1", status(source, "Rpl_semi_sync_master_wait_sessions"));
            exec(nodes.get(2), "START SLAVE IO_THREAD");
            insert.get(30, TimeUnit.SECONDS);
        } finally {
            session.shutdownNow();
            session.awaitTermination(30, TimeUnit.SECONDS);
        }
        assertEquals("3", status(source, "Rpl_semi_sync_master_yes_tx"));
        assertEquals("0", status(source, "Rpl_semi_sync_master_no_tx"));
        assertEquals("0", status(source, "Rpl_semi_sync_master_no_times"));
        assertEquals("ON", status(source, "Rpl_semi_sync_master_status"));
    }

    @Test
    void flushStatusAndResetMasterZeroTheCounters() throws Exception {
        List<MinisqldHarness> nodes = cluster.semisync(1);
        MinisqldHarness source = nodes.get(0);
        MinisqldHarness replica = nodes.get(1);
        exec(source, "CREATE DATABASE d", "CREATE TABLE d.t (id INT PRIMARY KEY)", "INSERT INTO d.t VALUES (1)");
        assertEquals("3", status(source, "Rpl_semi_sync_master_yes_tx"));

        // FLUSH STATUS zeroes the plain counters, not the status or the clients (§2.15) ...
        exec(source, "FLUSH NO_WRITE_TO_BINLOG STATUS");
        assertEquals("0", status(source, "Rpl_semi_sync_master_yes_tx"));
        assertEquals("0", status(source, "Rpl_semi_sync_master_no_tx"));
        assertEquals("ON", status(source, "Rpl_semi_sync_master_status"));
        assertEquals("1", status(source, "Rpl_semi_sync_master_clients"));
        // ... and a plain FLUSH STATUS is binlogged: one acknowledged transaction right after it
        exec(source, "FLUSH STATUS");
        assertEquals("1", status(source, "Rpl_semi_sync_master_yes_tx"));

        exec(replica, "STOP SLAVE IO_THREAD");
        awaitStatus(source, "Rpl_semi_sync_master_clients", "0");
        exec(source, "SET GLOBAL rpl_semi_sync_master_timeout = 500", "INSERT INTO d.t VALUES (2)");
        assertEquals("OFF", status(source, "Rpl_semi_sync_master_status"));
        assertEquals("1", status(source, "Rpl_semi_sync_master_no_times"));
        assertEquals("1", status(source, "Rpl_semi_sync_master_no_tx"));
        exec(source, "FLUSH NO_WRITE_TO_BINLOG STATUS");
        assertEquals("0", status(source, "Rpl_semi_sync_master_no_times"));
        assertEquals("0", status(source, "Rpl_semi_sync_master_no_tx"));
        assertEquals("0", status(source, "Rpl_semi_sync_master_yes_tx"));

        exec(source, "INSERT INTO d.t VALUES (3)");
        assertEquals("1", status(source, "Rpl_semi_sync_master_no_tx"));
        // RESET MASTER zeroes the counters too and leaves the state as it was
        exec(source, "RESET MASTER");
        assertEquals("0", status(source, "Rpl_semi_sync_master_yes_tx"));
        assertEquals("0", status(source, "Rpl_semi_sync_master_no_tx"));
        assertEquals("0", status(source, "Rpl_semi_sync_master_no_times"));
        assertEquals("0", status(source, "Rpl_semi_sync_master_wait_pos_backtraverse"));
        assertEquals("0", status(source, "Rpl_semi_sync_master_tx_waits"));
        assertEquals("0", status(source, "Rpl_semi_sync_master_tx_wait_time"));
        assertEquals("0", status(source, "Rpl_semi_sync_master_net_waits"));
        assertEquals("OFF", status(source, "Rpl_semi_sync_master_status"));
        assertEquals("0", status(source, "Rpl_semi_sync_master_clients"));
    }
}
