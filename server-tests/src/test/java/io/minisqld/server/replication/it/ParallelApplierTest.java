package io.minisqld.server.replication.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minisqld.testcommon.Poll;
import io.minisqld.testsupport.MinisqldHarness;
import io.minisqld.testsupport.Replication;
import io.minisqld.testsupport.SqlRunner;
import io.minisqld.testsupport.Topology;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The multi-threaded applier (row-events-gtid-mts.md part C): {@code slave_parallel_workers}
 * workers apply what the source's logical clock (C.3) or databases (C.6) let run side by side,
 * commit in the source's order (C.5), and stop the coordinator with 5.7's error when one fails
 * (C.2).
 */
class ParallelApplierTest {
    private static final int WRITERS = 8;

    @RegisterExtension
    final Topology topology = Topology.perTest();

    private MinisqldHarness server(String name, long id, String... options) throws Exception {
        return topology.start(MinisqldHarness.inProcess().name(name).serverId(id).logBin().options(options));
    }

    private static SqlRunner sql(Connection c) {
        return SqlRunner.on(c);
    }

    private static void execute(MinisqldHarness server, String... statements) throws Exception {
        try (Connection c = server.newConnection()) {
            sql(c).executeAll(statements);
        }
    }

    private static String value(MinisqldHarness server, String query) throws Exception {
        try (Connection c = server.newConnection()) {
            return sql(c).value(query);
        }
    }

    /** The replica's worker sessions and their states, from PROCESSLIST. */
    private static List<String> workerStates(MinisqldHarness replica) throws Exception {
        List<String> states = new ArrayList<>();
        try (Connection c = replica.newConnection()) {
            for (List<String> r : sql(c).rows("SELECT STATE FROM INFORMATION_SCHEMA.PROCESSLIST WHERE USER = "
                    + "'system user' ORDER BY ID")) {
                states.add(r.get(0));
            }
        }
        return states;
    }

    private static String shownStates(MinisqldHarness replica) {
        try {
            return "replica threads' states: " + workerStates(replica);
        } catch (Exception e) {
            return "replica threads' states unreadable: " + e;
        }
    }

    /** {@code WRITERS} clients commit {@code each} transactions at once (Workload.startWriters); returns when all did. */
    private static void writeConcurrently(MinisqldHarness source, int each, String database) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        try {
            for (Future<?> f : Workload.startWriters(source, pool, database, WRITERS, 0, each)) f.get();
        } finally {
            pool.shutdownNow();
        }
    }

    private static void createTables(MinisqldHarness source, String database) throws Exception {
        try (Connection c = source.newConnection()) {
            Workload.writersSchema(c, database, WRITERS);
        }
    }

    /** The GTIDs of a server's binlog, in the order it wrote them. */
    private static List<String> binlogGtids(MinisqldHarness server) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = server.newConnection()) {
            for (List<String> file : sql(c).rows("SHOW BINARY LOGS")) {
                for (List<String> e : sql(c).rows("SHOW BINLOG EVENTS IN '" + file.get(0) + "'")) {
                    if ("Gtid".equals(e.get(2))) out.add(e.get(5));
                }
            }
        }
        return out;
    }

    /**
     * C.3 and C.5: four workers apply a backlog of concurrent commits; while a client holds a row
     * lock one transaction needs, the workers with later transactions of the same group are
     * executed and wait for their turn to commit; afterwards the tables equal the source's and
     * the replica's binlog has the source's GTIDs in the source's order, with no hole.
     */
    @Test
    void fourWorkersApplyAGroupSideBySideAndCommitInTheSourcesOrder() throws Exception {
        MinisqldHarness source = server("source", 1, "--gtid-mode=ON", "--enforce-gtid-consistency=ON");
        MinisqldHarness replica = server("replica", 2, "--gtid-mode=ON", "--enforce-gtid-consistency=ON",
                "--log-slave-updates", "--slave-parallel-workers=4", "--slave-parallel-type=LOGICAL_CLOCK",
                "--slave-preserve-commit-order=ON");
        Replication.createReplicationUser(source);
        createTables(source, "d");
        Replication.startReplica(replica, source.port());
        Replication.awaitCaughtUp(replica, source);
        // C.8: the coordinator and its four idle workers are in PROCESSLIST
        Poll.until("four idle workers", Duration.ofSeconds(10), () -> workerStates(replica).stream()
                .filter("Waiting for an event from Coordinator"::equals).count() == 4, () -> shownStates(replica));

        execute(replica, "STOP SLAVE SQL_THREAD");
        writeConcurrently(source, 60, "d");
        try (Connection blocker = replica.newConnection(); Statement s = blocker.createStatement()) {
            // writer 3's 30th transaction, in the middle of the concurrent commits, waits for this
            // uncommitted row with its id
            s.execute("BEGIN");
            s.execute("INSERT INTO d.t VALUES (" + Workload.writerRow(3, 29) + ", 3, 'blocker')");
            execute(replica, "START SLAVE SQL_THREAD");
            Poll.until("a worker waiting for its turn behind the blocked transaction", Duration.ofSeconds(30),
                    () -> workerStates(replica).contains("Waiting for preceding transaction to commit"),
                    () -> shownStates(replica));
            s.execute("ROLLBACK");
        }
        Replication.awaitCaughtUp(replica, source);
        Replication.assertSameTables(source, replica, "d");
        assertEquals(value(source, "SELECT @@GLOBAL.gtid_executed"), value(replica, "SELECT @@GLOBAL.gtid_executed"));
        List<String> sourceOrder = binlogGtids(source);
        List<String> replicaOrder = binlogGtids(replica);
        int firstDifference = 0;
        while (firstDifference < Math.min(sourceOrder.size(), replicaOrder.size())
                && sourceOrder.get(firstDifference).equals(replicaOrder.get(firstDifference))) firstDifference++;
        assertEquals(sourceOrder.size(), firstDifference, "the replica commits in the source's order: first difference at "
                + firstDifference + " of " + sourceOrder.size() + "/" + replicaOrder.size() + ": "
                + sourceOrder.subList(firstDifference, Math.min(sourceOrder.size(), firstDifference + 3)) + " / "
                + replicaOrder.subList(firstDifference, Math.min(replicaOrder.size(), firstDifference + 3)));
        assertEquals(sourceOrder.size(), replicaOrder.size());
        assertEquals(String.valueOf(WRITERS * 60), value(replica, "SELECT SUM(n) FROM d.c"));
    }

    /**
     * C.2: a worker's failure stops the coordinator with "Coordinator stopped because there were
     * error(s) in the worker(s)" and the worker's own error number; after the cause is removed,
     * START SLAVE resumes where the last committed transaction ended.
     */
    @Test
    void aWorkersErrorStopsTheCoordinatorAndStartSlaveResumes() throws Exception {
        MinisqldHarness source = server("source", 1);
        MinisqldHarness replica = server("replica", 2, "--slave-parallel-workers=4",
                "--slave-parallel-type=LOGICAL_CLOCK");
        Replication.createReplicationUser(source);
        createTables(source, "d");
        Replication.startReplica(replica, source.port());
        Replication.awaitCaughtUp(replica, source);
        // a row only the replica has: the source's transaction inserting the same id fails there
        int conflict = Workload.writerRow(2, 5);
        execute(replica, "SET sql_log_bin = 0", "INSERT INTO d.t VALUES (" + conflict + ", 9, 'replica only')");
        writeConcurrently(source, 10, "d");
        // the failed worker's error shows before the coordinator has stopped: wait for both
        Poll.until("the SQL thread to stop", Duration.ofSeconds(30), () -> {
            Map<String, String> s = Replication.slaveStatus(replica);
            return !"0".equals(s.get("Last_SQL_Errno")) && "No".equals(s.get("Slave_SQL_Running"));
        });
        Map<String, String> status = Replication.slaveStatus(replica);
        assertEquals("No", status.get("Slave_SQL_Running"));
        assertEquals("1062", status.get("Last_SQL_Errno"));
        assertTrue(status.get("Last_SQL_Error").matches("Coordinator stopped because there were error\\(s\\) in the "
                + "worker\\(s\\)\\. The most recent failure being: Worker [1-4] failed executing transaction "
                + "'ANONYMOUS' at master log mysql-bin\\.000001, end_log_pos \\d+\\. See error log and/or "
                + "performance_schema\\.replication_applier_status_by_worker table for more details about this "
                + "failure or others, if any\\."), status.get("Last_SQL_Error"));
        assertTrue(replica.errorLogText().lines().anyMatch(l -> l.matches(".*Worker [1-4] failed executing transaction "
                + "'ANONYMOUS' at master log mysql-bin\\.000001, end_log_pos \\d+; Could not execute Write_rows event on "
                + "table d\\.t; Duplicate entry '" + conflict + "' for key 'PRIMARY', Error_code: 1062; handler error "
                + "HA_ERR_FOUND_DUPP_KEY.*")), Replication.tail(replica));
        // nothing after the failed transaction was committed: writer 2 counted only what is in d.t
        assertEquals(value(replica, "SELECT COUNT(*) FROM d.t WHERE w = 2"), value(replica, "SELECT n FROM d.c WHERE w = 2"));

        execute(replica, "SET sql_log_bin = 0", "DELETE FROM d.t WHERE id = " + conflict, "START SLAVE SQL_THREAD");
        Replication.awaitCaughtUp(replica, source);
        Replication.assertSameTables(source, replica, "d");
    }

    /**
     * C.6: DATABASE mode runs transactions of different databases side by side (row events name
     * their databases); a statement-based transaction, whose databases a minisqld source does not
     * record, runs alone. Both end as on the source.
     */
    @Test
    void databaseModeAppliesRowAndStatementTransactions() throws Exception {
        MinisqldHarness source = server("source", 1, "--binlog-format=ROW");
        MinisqldHarness replica = server("replica", 2, "--slave-parallel-workers=3");
        assertEquals("DATABASE", value(replica, "SELECT @@GLOBAL.slave_parallel_type"), "5.7's default");
        Replication.createReplicationUser(source);
        createTables(source, "d1");
        createTables(source, "d2");
        Replication.startReplica(replica, source.port());
        ExecutorService two = Executors.newFixedThreadPool(2);
        try {
            Future<?> a = two.submit(() -> {
                writeConcurrently(source, 20, "d1");
                return null;
            });
            Future<?> b = two.submit(() -> {
                writeConcurrently(source, 20, "d2");
                return null;
            });
            a.get();
            b.get();
        } finally {
            two.shutdownNow();
        }
        try (Connection c = source.newConnection()) {
            sql(c).executeAll("SET SESSION binlog_format = 'STATEMENT'", "UPDATE d1.c SET n = n + 1000 WHERE w = 1");
        }
        Replication.awaitCaughtUp(replica, source);
        Replication.assertSameTables(source, replica, "d1");
        Replication.assertSameTables(source, replica, "d2");
    }

    /** C.1: the variables' rules, with MySQL 5.7's errors. */
    @Test
    void applierVariablesFollowMysqlsRules() throws Exception {
        MinisqldHarness source = server("source", 1);
        MinisqldHarness replica = server("replica", 2);
        Replication.createReplicationUser(source);
        Replication.startReplica(replica, source.port());
        try (Connection c = replica.newConnection()) {
            SqlRunner r = sql(c);
            // 3017: the type and the order change only while the SQL thread is stopped
            String mustStop = "This operation cannot be performed with a running slave sql thread; run STOP SLAVE "
                    + "SQL_THREAD first";
            r.assertError("SET GLOBAL slave_parallel_type = 'LOGICAL_CLOCK'", 3017, "HY000", mustStop);
            r.assertError("SET GLOBAL slave_preserve_commit_order = ON", 3017, "HY000", mustStop);
            // slave_parallel_workers is read at the SQL thread's start
            r.executeAll("SET GLOBAL slave_parallel_workers = 2", "STOP SLAVE SQL_THREAD",
                    "SET GLOBAL slave_preserve_commit_order = ON");
            // 3031: commit order needs LOGICAL_CLOCK, then a binlog of what the replica applies
            r.assertError("START SLAVE SQL_THREAD", 3031, "HY000",
                    "slave_preserve_commit_order is not supported when slave_parallel_type is DATABASE.");
            r.execute("SET GLOBAL slave_parallel_type = 'LOGICAL_CLOCK'");
            r.assertError("START SLAVE SQL_THREAD", 3031, "HY000",
                    "slave_preserve_commit_order is not supported unless both log_bin and log_slave_updates are enabled.");
            r.executeAll("SET GLOBAL slave_preserve_commit_order = OFF", "START SLAVE SQL_THREAD");
            Poll.until("two workers", Duration.ofSeconds(10), () -> workerStates(replica).stream()
                    .filter("Waiting for an event from Coordinator"::equals).count() == 2, () -> shownStates(replica));
        }
    }
}
