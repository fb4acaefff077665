package io.minisqld.server.replication.replica;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minisqld.plugin.api.LogPosition;
import io.minisqld.testcommon.Poll;
import io.minisqld.testsupport.MinisqldHarness;
import io.minisqld.testsupport.Replication;
import io.minisqld.testsupport.SqlRunner;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** CHANGE MASTER, START/STOP/RESET SLAVE and SHOW SLAVE STATUS between two in-process servers. */
class ReplicaStatementsTest {
    private MinisqldHarness source;
    private MinisqldHarness replica;

    @BeforeEach
    void start() throws Exception {
        source = MinisqldHarness.inProcess().name("source").serverId(1).logBin().start();
        replica = MinisqldHarness.inProcess().name("replica").serverId(2).start();
        Replication.createReplicationUser(source);
    }

    @AfterEach
    void stop() {
        if (replica != null) replica.close();
        if (source != null) source.close();
    }

    /** Runs one statement and returns SHOW WARNINGS after it, each as "Level code message". */
    private static List<String> execWarnings(SqlRunner c, String sql) throws SQLException {
        c.execute(sql);
        return c.warnings().stream().map(w -> String.join(" ", w)).toList();
    }

    @Test
    void notConfiguredReplica() throws Exception {
        try (Connection rc = replica.newConnection()) {
            SqlRunner r = SqlRunner.on(rc);
            assertEquals(SlaveStatus.COLUMNS, r.columns("SHOW SLAVE STATUS"));
            assertEquals(List.of(), r.rows("SHOW SLAVE STATUS"));
            assertEquals(List.of(), r.rows("SHOW REPLICA STATUS"));
            r.assertError("START SLAVE", 1200, "HY000",
                    "The server is not configured as slave; fix in config file or with CHANGE MASTER TO");
            assertEquals(List.of("Note 3084 Replication thread(s) for channel '' are already stopped."),
                    execWarnings(r, "STOP SLAVE"));
            r.assertError("CHANGE MASTER TO MASTER_HOST=''", 1210, "HY000", "Incorrect arguments to MASTER_HOST");
            r.assertError("CHANGE MASTER TO MASTER_HEARTBEAT_PERIOD=5000000", 1624, "HY000",
                    "The requested value for the heartbeat period is either negative or exceeds the maximum allowed "
                            + "(4294967 seconds).");
        }
    }

    @Test
    void replicatesAndReportsStatus() throws Exception {
        try (Connection rc = replica.newConnection(); Connection sc = source.newConnection()) {
            SqlRunner r = SqlRunner.on(rc);
            SqlRunner s = SqlRunner.on(sc);
            assertEquals(List.of("Note 1759 Sending passwords in plain text without SSL/TLS is extremely insecure.",
                    "Note 1760 Storing MySQL user name or password information in the master info repository is not "
                            + "secure and is therefore not recommended. Please consider using the USER and PASSWORD "
                            + "connection options for START SLAVE; see the 'START SLAVE Syntax' in the MySQL Manual "
                            + "for more information."), execWarnings(r, Replication.changeMasterTo(source.port())));
            Map<String, String> st = r.row("SHOW SLAVE STATUS");
            assertEquals(SlaveStatus.COLUMNS, List.copyOf(st.keySet()));
            assertEquals("127.0.0.1", st.get("Master_Host"));
            assertEquals("repl", st.get("Master_User"));
            assertEquals(String.valueOf(source.port()), st.get("Master_Port"));
            assertEquals("1", st.get("Connect_Retry"));
            assertEquals("No", st.get("Slave_IO_Running"));
            assertEquals("No", st.get("Slave_SQL_Running"));
            assertNull(st.get("Seconds_Behind_Master"));
            assertEquals("localhost-relay-bin.000001", st.get("Relay_Log_File"));
            assertEquals("4", st.get("Relay_Log_Pos"));
            assertEquals("mysql.slave_master_info", st.get("Master_Info_File"));
            assertEquals("86400", st.get("Master_Retry_Count"));

            s.executeAll("CREATE DATABASE app", "CREATE TABLE app.t (id INT AUTO_INCREMENT PRIMARY KEY, v VARCHAR(20))",
                    "INSERT INTO app.t (v) VALUES ('a'), ('b')");
            r.executeAll("START SLAVE");
            Replication.awaitCaughtUp(replica, source);
            st = r.row("SHOW SLAVE STATUS");
            LogPosition at = Replication.masterStatus(source);
            List<String> m = List.of(at.file(), String.valueOf(at.offset()));
            assertEquals("Yes", st.get("Slave_IO_Running"));
            assertEquals("Yes", st.get("Slave_SQL_Running"));
            assertEquals(m.get(0), st.get("Master_Log_File"));
            assertEquals(m.get(1), st.get("Read_Master_Log_Pos"));
            assertEquals(m.get(0), st.get("Relay_Master_Log_File"));
            assertEquals(m.get(1), st.get("Exec_Master_Log_Pos"));
            assertEquals("0", st.get("Seconds_Behind_Master"));
            assertEquals("0", st.get("Last_Errno"));
            assertEquals("", st.get("Last_SQL_Error"));
            assertEquals("1", st.get("Master_Server_Id"));
            assertEquals("Waiting for master to send event", st.get("Slave_IO_State"));
            // the thread reports its wait only after the position it executed is visible, so wait for it
            Poll.until("the SQL thread to wait for the relay log", Duration.ofSeconds(10),
                    () -> "Slave has read all relay log; waiting for more updates".equals(
                            r.row("SHOW SLAVE STATUS").get("Slave_SQL_Running_State")));
            Replication.assertSameTables(source, replica, "app");

            assertEquals(List.of("Note 3083 Replication thread(s) for channel '' are already runnning."),
                    execWarnings(r, "START SLAVE"));
            r.assertError("CHANGE MASTER TO MASTER_CONNECT_RETRY=5", 1198, "HY000",
                    "This operation cannot be performed with a running slave; run STOP SLAVE first");
            r.assertError("RESET SLAVE", 1198, "HY000",
                    "This operation cannot be performed with a running slave; run STOP SLAVE first");
            List<List<String>> threads = r.rows("SELECT USER, COMMAND, STATE FROM information_schema.PROCESSLIST "
                    + "WHERE USER = 'system user' ORDER BY ID");
            assertEquals(List.of(List.of("system user", "Connect", "Waiting for master to send event"),
                    List.of("system user", "Connect", "Slave has read all relay log; waiting for more updates")),
                    threads);

            r.executeAll("STOP SLAVE");
            st = r.row("SHOW SLAVE STATUS");
            assertEquals("No", st.get("Slave_IO_Running"));
            assertEquals("No", st.get("Slave_SQL_Running"));
            assertNull(st.get("Seconds_Behind_Master"));
            assertEquals(m.get(1), st.get("Exec_Master_Log_Pos"));
            assertEquals(List.of("Note 3084 Replication thread(s) for channel '' are already stopped."),
                    execWarnings(r, "STOP REPLICA"));
            assertEquals(List.of(), r.rows("SELECT ID FROM information_schema.PROCESSLIST WHERE USER = 'system user'"));
        }
        String log = replica.errorLogText();
        assertTrue(log.contains("Slave SQL thread for channel '' initialized, starting replication in log 'FIRST' at "
                + "position 4, relay log './localhost-relay-bin.000001' position: 4"), log);
        assertTrue(log.contains("Slave SQL thread for channel '' exiting, replication stopped in log 'mysql-bin.000001' "
                + "at position "), log);
    }

    @Test
    void privileges() throws Exception {
        try (Connection sc = replica.newConnection()) {
            SqlRunner s = SqlRunner.on(sc);
            s.executeAll("CREATE USER 'u'@'%' IDENTIFIED BY 'p'");
        }
        try (Connection uc = replica.newConnection("u", "p")) {
            SqlRunner u = SqlRunner.on(uc);
            u.assertError(Replication.changeMasterTo(source.port()), 1227, "42000",
                    "Access denied; you need (at least one of) the SUPER privilege(s) for this operation");
            u.assertError("START SLAVE", 1227, "42000",
                    "Access denied; you need (at least one of) the SUPER privilege(s) for this operation");
            u.assertError("SHOW SLAVE STATUS", 1227, "42000",
                    "Access denied; you need (at least one of) the SUPER, REPLICATION CLIENT privilege(s) for this "
                            + "operation");
            u.assertError("RESET SLAVE", 1227, "42000",
                    "Access denied; you need (at least one of) the RELOAD privilege(s) for this operation");
        }
        try (Connection sc = replica.newConnection()) {
            SqlRunner s = SqlRunner.on(sc);
            s.executeAll("GRANT REPLICATION CLIENT ON *.* TO 'u'@'%'");
        }
        try (Connection uc = replica.newConnection("u", "p")) {
            SqlRunner u = SqlRunner.on(uc);
            assertEquals(List.of(), u.rows("SHOW SLAVE STATUS"));
        }
    }
}
