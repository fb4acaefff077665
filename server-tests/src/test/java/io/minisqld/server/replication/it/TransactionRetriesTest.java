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
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code slave_transaction_retries}: a replicated transaction that waits for a row lock a client of
 * the replica holds, past {@code innodb_lock_wait_timeout}, is rolled back and applied again (MySQL
 * 5.7's applier, for the SQL thread and its workers), counted in {@code Slave_retried_transactions};
 * once the retries are used up the SQL thread stops with 1205 and MySQL's "in vain" text.
 */
class TransactionRetriesTest {
    @RegisterExtension
    final Topology topology = Topology.perTest();

    private MinisqldHarness[] pair(String... replicaOptions) throws Exception {
        MinisqldHarness source = topology.start(MinisqldHarness.inProcess().name("source").serverId(1).logBin());
        String[] options = new String[replicaOptions.length + 1];
        options[0] = "--innodb-lock-wait-timeout=1";
        System.arraycopy(replicaOptions, 0, options, 1, replicaOptions.length);
        MinisqldHarness replica = topology.start(MinisqldHarness.inProcess().name("replica").serverId(2)
                .options(options));
        Replication.createReplicationUser(source);
        execute(source, "CREATE DATABASE d", "CREATE TABLE d.t (id INT PRIMARY KEY, v INT)", "INSERT INTO d.t VALUES (1, 0)");
        Replication.startReplica(replica, source.port());
        Replication.awaitCaughtUp(replica, source);
        return new MinisqldHarness[] {source, replica};
    }

    private static void execute(MinisqldHarness server, String... statements) throws Exception {
        try (Connection c = server.newConnection()) {
            SqlRunner.on(c).executeAll(statements);
        }
    }

    private static String value(MinisqldHarness server, String query) throws Exception {
        try (Connection c = server.newConnection()) {
            return SqlRunner.on(c).value(query);
        }
    }

    private static long retried(MinisqldHarness replica) throws Exception {
        return Long.parseLong(value(replica, "SELECT VARIABLE_VALUE FROM INFORMATION_SCHEMA.GLOBAL_STATUS"
                + " WHERE VARIABLE_NAME = 'SLAVE_RETRIED_TRANSACTIONS'"));
    }

    /** The source's UPDATE of row 1 reaches the replica while {@code blocker} holds the row's lock. */
    private static void updateWhileLocked(MinisqldHarness source, Statement blocker, int v) throws Exception {
        blocker.execute("BEGIN");
        blocker.executeQuery("SELECT * FROM d.t WHERE id = 1 FOR UPDATE").close();
        execute(source, "UPDATE d.t SET v = " + v + " WHERE id = 1");
    }

    /** The source's update waits for a client's lock on the replica, is retried, and applies once the lock goes. */
    private static void appliedAfterARetry(MinisqldHarness source, MinisqldHarness replica) throws Exception {
        try (Connection c = replica.newConnection(); Statement blocker = c.createStatement()) {
            updateWhileLocked(source, blocker, 1);
            Poll.until("a retry", Duration.ofSeconds(30), () -> retried(replica) >= 1, () -> Replication.tail(replica));
            blocker.execute("COMMIT");
        }
        Replication.awaitCaughtUp(replica, source);
        assertEquals("1", value(replica, "SELECT v FROM d.t WHERE id = 1"));
    }

    @Test
    void theSqlThreadRetriesALockWaitTimeoutAndStopsOnceTheRetriesAreUsedUp() throws Exception {
        MinisqldHarness[] p = pair();
        MinisqldHarness source = p[0];
        MinisqldHarness replica = p[1];
        assertEquals("10", value(replica, "SELECT @@GLOBAL.slave_transaction_retries"));
        assertEquals(0, retried(replica));
        appliedAfterARetry(source, replica);
        Map<String, String> status = Replication.slaveStatus(replica);
        assertEquals("Yes", status.get("Slave_SQL_Running"));
        assertEquals("0", status.get("Last_SQL_Errno"));
        // the source logs the update as its row (ROW format, the default)
        assertTrue(replica.errorLogText().contains("Could not execute Update_rows event on table d.t; Lock wait timeout "
                + "exceeded; try restarting transaction, Error_code: 1205; handler error HA_ERR_LOCK_WAIT_TIMEOUT, "
                + "Error_code: 1205; applying the transaction again (retry 1)"), Replication.tail(replica));

        execute(replica, "SET GLOBAL slave_transaction_retries = 1");
        try (Connection c = replica.newConnection(); Statement blocker = c.createStatement()) {
            updateWhileLocked(source, blocker, 2);
            Poll.until("the SQL thread to stop", Duration.ofSeconds(30),
                    () -> !"0".equals(Replication.slaveStatus(replica).get("Last_SQL_Errno")));
            status = Replication.slaveStatus(replica);
            assertEquals("No", status.get("Slave_SQL_Running"));
            assertEquals("1205", status.get("Last_SQL_Errno"));
            assertEquals("Slave SQL thread retried transaction 1 time(s) in vain, giving up. Consider raising the "
                    + "value of the slave_transaction_retries variable.", status.get("Last_SQL_Error"));
            blocker.execute("COMMIT");
        }
        execute(replica, "START SLAVE SQL_THREAD");
        Replication.awaitCaughtUp(replica, source);
        assertEquals("2", value(replica, "SELECT v FROM d.t WHERE id = 1"));
    }

    @Test
    void aWorkerRetriesALockWaitTimeout() throws Exception {
        MinisqldHarness[] p = pair("--slave-parallel-workers=2", "--slave-parallel-type=LOGICAL_CLOCK");
        MinisqldHarness source = p[0];
        MinisqldHarness replica = p[1];
        appliedAfterARetry(source, replica);
        assertEquals("0", Replication.slaveStatus(replica).get("Last_SQL_Errno"));
        assertTrue(replica.errorLogText().lines().anyMatch(l -> l.matches(".*Worker [12] failed executing transaction "
                + "'ANONYMOUS' at master log mysql-bin\\.000001, end_log_pos \\d+; Could not execute Update_rows event on "
                + "table d\\.t; Lock wait timeout exceeded; try restarting transaction, Error_code: 1205; handler error "
                + "HA_ERR_LOCK_WAIT_TIMEOUT, Error_code: 1205; applying it again \\(retry 1\\)")), Replication.tail(replica));
    }
}
