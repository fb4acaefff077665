package io.minisqld.semisync.tests;

import static io.minisqld.semisync.tests.Cluster.exec;
import static io.minisqld.semisync.tests.Cluster.status;
import static io.minisqld.semisync.tests.Cluster.statuses;
import static io.minisqld.semisync.tests.Cluster.variable;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minisqld.testsupport.MinisqldHarness;
import io.minisqld.testsupport.SqlRunner;
import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * MySQL 8.0.26's semisync plugins beside 5.7's (issue "The plugin platform", item 5):
 * {@code rpl_semi_sync_source} in semisync_source.so and {@code rpl_semi_sync_replica} in
 * semisync_replica.so, the same two sides under 8.0's names ({@code rpl_semi_sync_source_*},
 * {@code wait_for_replica_count}, {@code wait_no_replica}, {@code Rpl_semi_sync_source_*},
 * {@code Rpl_semi_sync_replica_status}); and MySQL's rule that one side's old and new plugin
 * cannot be installed together (ER_INSTALL_PLUGIN_CONFLICT_CLIENT, 4045).
 */
class SemisyncSourceNamesTest {
    @RegisterExtension
    final Cluster cluster = new Cluster();

    @Test
    void theWalkthroughWithMySql80Names() throws Exception {
        List<MinisqldHarness> nodes = cluster.semisyncWithSourceNames(1);
        MinisqldHarness source = nodes.get(0);
        MinisqldHarness replica = nodes.get(1);
        exec(source, "CREATE DATABASE d", "CREATE TABLE d.t (id INT PRIMARY KEY)", "INSERT INTO d.t VALUES (1)");
        assertEquals("3", status(source, "Rpl_semi_sync_source_yes_tx"));
        assertEquals("0", status(source, "Rpl_semi_sync_source_no_tx"));
        assertEquals("ON", status(source, "Rpl_semi_sync_source_status"));
        assertEquals("ON", status(replica, "Rpl_semi_sync_replica_status"));
        assertEquals("1", variable(source, "rpl_semi_sync_source_wait_for_replica_count"));
        assertEquals("ON", variable(source, "rpl_semi_sync_source_wait_no_replica"));
        assertEquals("AFTER_SYNC", variable(source, "rpl_semi_sync_source_wait_point"));
        // 5.7's names are not there: they belong to the other plugin
        assertEquals(0, statuses(source, "Rpl_semi_sync_master_").size());
        try (Connection c = source.newConnection()) {
            assertEquals(List.of(), SqlRunner.on(c).rows("SHOW VARIABLES LIKE 'rpl_semi_sync_master%'"));
            assertEquals(List.of(List.of("rpl_semi_sync_source", "ACTIVE", "REPLICATION", "semisync_source.so", "GPL")),
                    SqlRunner.on(c).rows("SELECT PLUGIN_NAME, PLUGIN_STATUS, PLUGIN_TYPE, PLUGIN_LIBRARY,"
                            + " PLUGIN_LICENSE FROM information_schema.PLUGINS WHERE PLUGIN_NAME LIKE 'rpl_semi%'"));
        }
        try (Connection r = replica.newConnection()) {
            assertEquals(List.of(List.of("d", "1")), SqlRunner.on(r).rows("SELECT 'd', COUNT(*) FROM d.t"));
        }
    }

    @Test
    void oneSidesOldAndNewPluginsCannotBeInstalledTogether() throws Exception {
        List<MinisqldHarness> nodes = cluster.semisyncWithSourceNames(1);
        try (Connection c = nodes.get(0).newConnection()) {
            SqlRunner.on(c).assertError("INSTALL PLUGIN rpl_semi_sync_master SONAME 'semisync_master.so'", 4045, "HY000",
                    "Cannot install the rpl_semi_sync_master plugin when the rpl_semi_sync_source plugin is installed.");
            // a failed install leaves nothing behind; the other side's plugin of the other generation is fine
            assertEquals(List.of(), SqlRunner.on(c).rows("SELECT * FROM mysql.plugin WHERE name = 'rpl_semi_sync_master'"));
            SqlRunner.on(c).executeAll("INSTALL PLUGIN rpl_semi_sync_slave SONAME 'semisync_slave.so'");
        }
        try (Connection r = nodes.get(1).newConnection()) {
            SqlRunner.on(r).assertError("INSTALL PLUGIN rpl_semi_sync_slave SONAME 'semisync_slave.so'", 4045, "HY000",
                    "Cannot install the rpl_semi_sync_slave plugin when the rpl_semi_sync_replica plugin is installed.");
        }
        assertTrue(status(nodes.get(0), "Rpl_semi_sync_source_clients").equals("1"));
    }
}
