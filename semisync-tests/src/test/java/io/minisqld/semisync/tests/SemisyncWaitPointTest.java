package io.minisqld.semisync.tests;

import static io.minisqld.semisync.tests.Cluster.awaitStatus;
import static io.minisqld.semisync.tests.Cluster.exec;
import static io.minisqld.semisync.tests.Cluster.status;
import static io.minisqld.testsupport.Replication.awaitCaughtUp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minisqld.testsupport.MinisqldHarness;
import io.minisqld.testsupport.SqlRunner;
import java.sql.Connection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * AFTER_SYNC keeps a transaction waiting for its acknowledgement invisible to the source's other
 * sessions; AFTER_COMMIT shows it while the committing session still waits (semisync.md §2.11).
 */
class SemisyncWaitPointTest {
    @RegisterExtension
    final Cluster cluster = new Cluster();
    ExecutorService committer;

    @BeforeEach
    void setUp() {
        committer = Executors.newSingleThreadExecutor();
    }

    @AfterEach
    void tearDown() throws Exception {
        committer.shutdownNow();
        committer.awaitTermination(30, TimeUnit.SECONDS);
    }

    @Test
    void afterSyncHidesTheWaitingTransactionAfterCommitShowsIt() throws Exception {
        List<MinisqldHarness> nodes = cluster.semisync(1);
        MinisqldHarness source = nodes.get(0);
        MinisqldHarness replica = nodes.get(1);
        exec(source, "SET GLOBAL rpl_semi_sync_master_timeout = 60000",
                "CREATE DATABASE d", "CREATE TABLE d.t (id INT PRIMARY KEY)");
        awaitCaughtUp(replica, source);
        assertEquals("AFTER_SYNC", Cluster.variable(source, "rpl_semi_sync_master_wait_point"));

        assertVisibilityWhileWaiting(source, replica, 1, "0");
        assertEquals("3", status(source, "Rpl_semi_sync_master_yes_tx"));

        exec(source, "SET GLOBAL rpl_semi_sync_master_wait_point = AFTER_COMMIT");
        assertVisibilityWhileWaiting(source, replica, 2, "2");
        assertEquals("4", status(source, "Rpl_semi_sync_master_yes_tx"));
        assertEquals("0", status(source, "Rpl_semi_sync_master_no_tx"));
        assertEquals("0", status(source, "Rpl_semi_sync_master_no_times"));
        assertEquals("ON", status(source, "Rpl_semi_sync_master_status"));
    }

    @Test
    void shutdownReleasesASessionWaitingForAnAcknowledgement() throws Exception {
        List<MinisqldHarness> nodes = cluster.semisync(1);
        MinisqldHarness source = nodes.get(0);
        MinisqldHarness replica = nodes.get(1);
        exec(source, "SET GLOBAL rpl_semi_sync_master_timeout = 60000",
                "CREATE DATABASE d", "CREATE TABLE d.t (id INT PRIMARY KEY)");
        exec(replica, "STOP SLAVE IO_THREAD");
        awaitStatus(source, "Rpl_semi_sync_master_clients", "0");
        CompletableFuture<Void> insert = CompletableFuture.runAsync(() -> {
            try {
                exec(source, "INSERT INTO d.t VALUES (1)");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, committer);
        awaitStatus(source, "Rpl_semi_sync_master_wait_sessions", "1");

        long start = System.nanoTime();
        source.stop();
        long stopped = (System.nanoTime() - start) / 1_000_000;
        // released by the shutdown, not by the 60 s timeout
        assertTrue(stopped < 30_000, "shutdown took " + stopped + " ms");
        CompletableFuture<String> outcome = insert.handle((ok, failure) -> failure == null ? "OK" : failure.toString());
        String how = outcome.get(30, TimeUnit.SECONDS);
        Cluster.assertLog(source, Cluster.line("Warning", "SEMISYNC: Forced shutdown. Some updates might not be replicated."));
        Cluster.assertLog(source, Cluster.line("Note", "Semi-sync replication switched OFF."));
        assertEquals(0, Cluster.countLog(source, "Timeout waiting for reply of binlog"), "the insert ended with " + how);
    }

    @Test
    void oneAcknowledgementReleasesEveryWaitingSession() throws Exception {
        List<MinisqldHarness> nodes = cluster.semisync(1);
        MinisqldHarness source = nodes.get(0);
        MinisqldHarness replica = nodes.get(1);
        exec(source, "SET GLOBAL rpl_semi_sync_master_timeout = 60000",
                "SET GLOBAL rpl_semi_sync_master_wait_point = AFTER_COMMIT",
                "CREATE DATABASE d", "CREATE TABLE d.t (id INT PRIMARY KEY)");
        awaitCaughtUp(replica, source);
        exec(replica, "STOP SLAVE IO_THREAD");
        awaitStatus(source, "Rpl_semi_sync_master_clients", "0");

        ExecutorService sessions = Executors.newFixedThreadPool(3);
        try {
            List<CompletableFuture<Void>> inserts = new java.util.ArrayList<>();
            for (int id = 1; id <= 3; id++) {
                String sql = "INSERT INTO d.t VALUES (" + id + ")";
                inserts.add(CompletableFuture.runAsync(() -> {
                    try {
                        exec(source, sql);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }, sessions));
            }
            awaitStatus(source, "Rpl_semi_sync_master_wait_sessions", "3");
            try (Connection c = source.newConnection()) {
                long waiting = SqlRunner.on(c).rows("SHOW PROCESSLIST").stream()
                        .filter(r -> "Waiting for semi-sync ACK from slave".equals(r.get(6))).count();
                assertEquals(3, waiting, SqlRunner.on(c).rows("SHOW PROCESSLIST").toString());
            }
            // the reconnected replica acknowledges the newest transaction: that releases all three
            exec(replica, "START SLAVE IO_THREAD");
            for (CompletableFuture<Void> f : inserts) f.get(30, TimeUnit.SECONDS);
        } finally {
            sessions.shutdownNow();
            sessions.awaitTermination(30, TimeUnit.SECONDS);
        }
        assertEquals("0", status(source, "Rpl_semi_sync_master_wait_sessions"));
        assertEquals("5", status(source, "Rpl_semi_sync_master_yes_tx"));
        assertEquals("0", status(source, "Rpl_semi_sync_master_no_tx"));
        assertEquals("ON", status(source, "Rpl_semi_sync_master_status"));
        long waits = Long.parseLong(status(source, "Rpl_semi_sync_master_tx_waits"));
        long waitTime = Long.parseLong(status(source, "Rpl_semi_sync_master_tx_wait_time"));
        assertTrue(waits >= 3, "tx_waits " + waits);
        assertEquals(String.valueOf(waitTime / waits), status(source, "Rpl_semi_sync_master_tx_avg_wait_time"));
    }

    /**
     * With the replica's IO thread stopped, inserts {@code id} from another thread, waits until
     * that session waits for the ACK, and asserts what a second session counts in d.t then; the
     * replica's IO thread restarted, the insert returns.
     */
    private void assertVisibilityWhileWaiting(MinisqldHarness source, MinisqldHarness replica, int id, String countSeen)
            throws Exception {
        exec(replica, "STOP SLAVE IO_THREAD");
        awaitStatus(source, "Rpl_semi_sync_master_clients", "0");
        CompletableFuture<Void> insert = CompletableFuture.runAsync(() -> {
            try {
                exec(source, "INSERT INTO d.t VALUES (" + id + ")");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, committer);
        awaitStatus(source, "Rpl_semi_sync_master_wait_sessions", "1");
        try (Connection c = source.newConnection()) {
            assertEquals(List.of(List.of("Waiting for semi-sync ACK from slave", "INSERT INTO d.t VALUES (" + id + ")")),
                    SqlRunner.on(c).rows("SELECT STATE, INFO FROM INFORMATION_SCHEMA.PROCESSLIST WHERE INFO LIKE 'INSERT%'"));
            assertEquals(countSeen, SqlRunner.on(c).value("SELECT COUNT(*) FROM d.t"));
        }
        assertFalse(insert.isDone(), "the insert returned without an acknowledgement");
        exec(replica, "START SLAVE IO_THREAD");
        insert.get(30, TimeUnit.SECONDS);
        assertEquals("0", status(source, "Rpl_semi_sync_master_wait_sessions"));
        try (Connection c = source.newConnection()) {
            assertEquals(String.valueOf(id), SqlRunner.on(c).value("SELECT COUNT(*) FROM d.t"));
        }
        awaitCaughtUp(replica, source);
    }
}
