package io.minisqld.semisync.master;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minisqld.testcommon.Poll;
import io.minisqld.testsupport.MinisqldExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The packaged plugin in one in-process server, without replicas: INSTALL, variables and status,
 * SET GLOBAL, the timeout fallback with no replica, UNINSTALL. Replication scenarios are in the
 * semisync-tests module. Runs after {@code package} against {@code plugins/semisync_master.jar}.
 */
@Tag("packaged-jar")
class SemiSyncMasterIT {
    static final Path JAR = Path.of(System.getProperty("semisync_master.jar", "../plugins/semisync_master.jar"));

    @RegisterExtension
    MinisqldExtension server = MinisqldExtension.withPlugin(JAR)
            .options("--log-bin=mysql-bin", "--server-id=1")
            .install("rpl_semi_sync_master", "semisync_master.so");

    @Test
    void installedPluginShowsItsDescriptorVariablesAndStatus() throws Exception {
        assertEquals(List.of(List.of("rpl_semi_sync_master", "ACTIVE", "REPLICATION", "semisync_master.so", "GPL")),
                server.rows("SHOW PLUGINS").stream().filter(r -> r.get(0).equals("rpl_semi_sync_master")).toList());
        assertEquals(List.of(List.of("1.0", "He Zhenxing", "Semi-synchronous replication master")),
                server.rows("SELECT PLUGIN_VERSION, PLUGIN_AUTHOR, PLUGIN_DESCRIPTION"
                        + " FROM INFORMATION_SCHEMA.PLUGINS WHERE PLUGIN_NAME = 'rpl_semi_sync_master'"));
        assertEquals(List.of(
                        List.of("rpl_semi_sync_master_enabled", "OFF"),
                        List.of("rpl_semi_sync_master_timeout", "10000"),
                        List.of("rpl_semi_sync_master_trace_level", "32"),
                        List.of("rpl_semi_sync_master_wait_for_slave_count", "1"),
                        List.of("rpl_semi_sync_master_wait_no_slave", "ON"),
                        List.of("rpl_semi_sync_master_wait_point", "AFTER_SYNC")),
                server.rows("SHOW VARIABLES LIKE 'rpl_semi_sync_master%'"));
        assertEquals(List.of(
                        List.of("Rpl_semi_sync_master_clients", "0"),
                        List.of("Rpl_semi_sync_master_net_avg_wait_time", "0"),
                        List.of("Rpl_semi_sync_master_net_wait_time", "0"),
                        List.of("Rpl_semi_sync_master_net_waits", "0"),
                        List.of("Rpl_semi_sync_master_no_times", "0"),
                        List.of("Rpl_semi_sync_master_no_tx", "0"),
                        List.of("Rpl_semi_sync_master_status", "OFF"),
                        List.of("Rpl_semi_sync_master_timefunc_failures", "0"),
                        List.of("Rpl_semi_sync_master_tx_avg_wait_time", "0"),
                        List.of("Rpl_semi_sync_master_tx_wait_time", "0"),
                        List.of("Rpl_semi_sync_master_tx_waits", "0"),
                        List.of("Rpl_semi_sync_master_wait_pos_backtraverse", "0"),
                        List.of("Rpl_semi_sync_master_wait_sessions", "0"),
                        List.of("Rpl_semi_sync_master_yes_tx", "0")),
                server.rows("SHOW STATUS LIKE 'Rpl_semi_sync_master%'"));
    }

    @Test
    void enablingWithoutReplicasWaitsTheTimeoutThenSwitchesOff() throws Exception {
        server.executeAll("CREATE DATABASE app", "CREATE TABLE app.t (id INT PRIMARY KEY)");
        server.execute("SET GLOBAL rpl_semi_sync_master_timeout = 200");
        server.execute("SET GLOBAL rpl_semi_sync_master_enabled = ON");
        assertEquals(Optional.of("ON"), server.globalStatus("Rpl_semi_sync_master_status"));

        long start = System.nanoTime();
        server.execute("INSERT INTO app.t VALUES (1)"); // succeeds although nobody acknowledges it
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(elapsedMillis >= 190, "waited the timeout: " + elapsedMillis + " ms");
        assertEquals("1", server.value("SELECT COUNT(*) FROM app.t"));
        assertEquals(Optional.of("OFF"), server.globalStatus("Rpl_semi_sync_master_status"));
        assertEquals(Optional.of("1"), server.globalStatus("Rpl_semi_sync_master_no_tx"));
        assertEquals(Optional.of("1"), server.globalStatus("Rpl_semi_sync_master_no_times"));

        server.execute("INSERT INTO app.t VALUES (2)"); // OFF: asynchronous
        assertEquals(Optional.of("2"), server.globalStatus("Rpl_semi_sync_master_no_tx"));

        String log = Files.readString(server.harness().errorLog());
        assertTrue(log.contains("[Note] Semi-sync replication enabled on the master."), log);
        assertTrue(log.contains("[Warning] Timeout waiting for reply of binlog (file: mysql-bin.000001, pos: "), log);
        assertTrue(log.contains("), semi-sync up to file , position 0."), log);
        assertTrue(log.contains("[Note] Semi-sync replication switched OFF."), log);

        server.execute("FLUSH NO_WRITE_TO_BINLOG STATUS");
        assertEquals(Optional.of("0"), server.globalStatus("Rpl_semi_sync_master_no_tx"));
        assertEquals(Optional.of("0"), server.globalStatus("Rpl_semi_sync_master_no_times"));
    }

    @Test
    void aWaitingSessionShowsTheSemisyncStateInProcesslist() throws Exception {
        for (String waitPoint : List.of("AFTER_SYNC", "AFTER_COMMIT")) {
            server.executeAll("DROP DATABASE IF EXISTS app", "CREATE DATABASE app", "CREATE TABLE app.t (id INT PRIMARY KEY)");
            server.execute("SET GLOBAL rpl_semi_sync_master_wait_point = " + waitPoint);
            server.execute("SET GLOBAL rpl_semi_sync_master_timeout = 5000");
            server.execute("SET GLOBAL rpl_semi_sync_master_enabled = ON");
            try (Connection writer = server.newConnection(); Statement st = writer.createStatement()) {
                ResultSet rs = st.executeQuery("SELECT CONNECTION_ID()");
                rs.next();
                String id = rs.getString(1);
                CompletableFuture<Void> insert = CompletableFuture.runAsync(() -> {
                    try {
                        st.execute("INSERT INTO app.t VALUES (1)");
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                });
                List<String> waiting = List.of("Waiting for semi-sync ACK from slave");
                // within the semisync timeout, after which the INSERT no longer waits
                Poll.until("the INSERT to wait for an ACK (" + waitPoint + ")", Duration.ofSeconds(4),
                        () -> waiting.equals(processlistStates(id)));
                assertEquals(waiting, processlistStates(id), waitPoint);
                assertEquals(Optional.of("1"), server.globalStatus("Rpl_semi_sync_master_wait_sessions"));
                // disabling releases the waiter at once
                server.execute("SET GLOBAL rpl_semi_sync_master_enabled = OFF");
                insert.get(10, TimeUnit.SECONDS);
                assertEquals(Optional.of("0"), server.globalStatus("Rpl_semi_sync_master_wait_sessions"));
            }
        }
        String log = Files.readString(server.harness().errorLog());
        assertTrue(log.contains("[Note] Semi-sync replication disabled on the master."), log);
    }

    @Test
    void setGlobalChangesTheVariablesWithMysqlsRanges() throws Exception {
        server.execute("SET GLOBAL rpl_semi_sync_master_wait_point = AFTER_COMMIT");
        server.execute("SET GLOBAL rpl_semi_sync_master_wait_for_slave_count = 3");
        server.execute("SET GLOBAL rpl_semi_sync_master_wait_no_slave = OFF");
        assertEquals(Optional.of("AFTER_COMMIT"), server.globalVariable("rpl_semi_sync_master_wait_point"));
        assertEquals(Optional.of("3"), server.globalVariable("rpl_semi_sync_master_wait_for_slave_count"));
        assertEquals(Optional.of("OFF"), server.globalVariable("rpl_semi_sync_master_wait_no_slave"));
        server.execute("SET GLOBAL rpl_semi_sync_master_wait_for_slave_count = 70000");
        assertEquals(Optional.of("65535"), server.globalVariable("rpl_semi_sync_master_wait_for_slave_count"));
        server.execute("SET GLOBAL rpl_semi_sync_master_enabled = ON");
        assertEquals(Optional.of("OFF"), server.globalStatus("Rpl_semi_sync_master_status"),
                "wait_no_slave=OFF and fewer replicas than required");
        SQLException wrong = server.error("SET GLOBAL rpl_semi_sync_master_wait_point = 'AFTER_FLUSH'");
        assertEquals(1231, wrong.getErrorCode());
    }

    @Test
    void uninstallRemovesTheVariables() throws Exception {
        server.uninstallPlugin("rpl_semi_sync_master");
        assertEquals(List.of(), server.rows("SHOW VARIABLES LIKE 'rpl_semi_sync_master%'"));
        assertEquals(List.of(), server.rows("SHOW STATUS LIKE 'Rpl_semi_sync_master%'"));
        SQLException unknown = server.error("SELECT @@global.rpl_semi_sync_master_timeout");
        assertEquals(1193, unknown.getErrorCode());
        String log = Files.readString(server.harness().errorLog());
        assertTrue(log.contains("[Note] unregister_replicator OK"), log);
    }

    /** The State column of connection {@code id}'s PROCESSLIST row (empty when it has none). */
    private List<String> processlistStates(String id) throws SQLException {
        return server.rows("SHOW PROCESSLIST").stream().filter(r -> r.get(0).equals(id)).map(r -> r.get(6)).toList();
    }
}
