package io.minisqld.semisync.tests;

import static io.minisqld.semisync.tests.Cluster.assertLog;
import static io.minisqld.semisync.tests.Cluster.awaitStatus;
import static io.minisqld.semisync.tests.Cluster.status;
import static io.minisqld.testsupport.Replication.awaitCaughtUp;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.minisqld.testcommon.Program;
import io.minisqld.testsupport.MinisqldHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The walkthrough of the seed documents (000_: MySQL 5.7 manual 16.3.9.2; 001_: a Chinese
 * how-to), statement by statement in their order, through the real {@code mariadb} client in
 * {@code --table} mode, asserting the tables it prints.
 */
class SemisyncSeedWalkthroughTest {

    @RegisterExtension
    final Cluster cluster = new Cluster();

    private static final String BUILTINS = """
            | binlog                | ACTIVE | STORAGE ENGINE | NULL               | GPL     |
            | mysql_native_password | ACTIVE | AUTHENTICATION | NULL               | GPL     |
            | InnoDB                | ACTIVE | STORAGE ENGINE | NULL               | GPL     |
            """;

    @Test
    void installAtRunTimeEnableAndCheck() throws Exception {
        MinisqldHarness source = cluster.start("source", 1);
        MinisqldHarness replica = cluster.start("replica", 2);
        Cluster.createReplicationUser(source);
        Cluster.startReplica(replica, source);
        awaitCaughtUp(replica, source);

        // "On the source" / "On each replica"
        assertEquals("", mariadb(source, "INSTALL PLUGIN rpl_semi_sync_master SONAME 'semisync_master.so';"));
        assertEquals("", mariadb(replica, "INSTALL PLUGIN rpl_semi_sync_slave SONAME 'semisync_slave.so';"));
        assertEquals("""
                +-----------------------+--------+----------------+--------------------+---------+
                | Name                  | Status | Type           | Library            | License |
                +-----------------------+--------+----------------+--------------------+---------+
                """ + BUILTINS + """
                | rpl_semi_sync_master  | ACTIVE | REPLICATION    | semisync_master.so | GPL     |
                +-----------------------+--------+----------------+--------------------+---------+
                """, mariadb(source, "show plugins;"));
        assertEquals("""
                +-----------------------+--------+----------------+-------------------+---------+
                | Name                  | Status | Type           | Library           | License |
                +-----------------------+--------+----------------+-------------------+---------+
                | binlog                | ACTIVE | STORAGE ENGINE | NULL              | GPL     |
                | mysql_native_password | ACTIVE | AUTHENTICATION | NULL              | GPL     |
                | InnoDB                | ACTIVE | STORAGE ENGINE | NULL              | GPL     |
                | rpl_semi_sync_slave   | ACTIVE | REPLICATION    | semisync_slave.so | GPL     |
                +-----------------------+--------+----------------+-------------------+---------+
                """, mariadb(replica, "SHOW PLUGINS;"));
        String pluginsQuery = "SELECT PLUGIN_NAME, PLUGIN_STATUS\n       FROM INFORMATION_SCHEMA.PLUGINS\n"
                + "       WHERE PLUGIN_NAME LIKE '%semi%';";
        assertEquals("""
                +----------------------+---------------+
                | PLUGIN_NAME          | PLUGIN_STATUS |
                +----------------------+---------------+
                | rpl_semi_sync_master | ACTIVE        |
                +----------------------+---------------+
                """, mariadb(source, pluginsQuery));
        assertEquals("""
                +---------------------+---------------+
                | PLUGIN_NAME         | PLUGIN_STATUS |
                +---------------------+---------------+
                | rpl_semi_sync_slave | ACTIVE        |
                +---------------------+---------------+
                """, mariadb(replica, pluginsQuery));

        // "At runtime, these source-side system variables are available"
        assertEquals("", mariadb(source, "SET GLOBAL rpl_semi_sync_master_enabled = 1;"));
        assertEquals("", mariadb(source, "SET GLOBAL rpl_semi_sync_master_timeout = 1000;"));
        assertEquals("", mariadb(replica, "SET GLOBAL rpl_semi_sync_slave_enabled = 1;"));
        // the IO thread was running: still asynchronous until it restarts
        assertEquals("OFF", status(replica, "Rpl_semi_sync_slave_status"));
        String[] pos = Cluster.masterPosition(source);
        assertEquals("", mariadb(replica, "STOP SLAVE IO_THREAD;"));
        assertEquals("", mariadb(replica, "START SLAVE IO_THREAD;"));
        awaitStatus(replica, "Rpl_semi_sync_slave_status", "ON");
        awaitStatus(source, "Rpl_semi_sync_master_clients", "1");
        assertLog(source, Cluster.line("Note", "Start semi-sync binlog_dump to slave (server_id: 2), pos("
                + pos[0] + ", " + pos[1] + ")"));

        assertEquals("""
                +-----------------------------+-------+
                | Variable_name               | Value |
                +-----------------------------+-------+
                | Rpl_semi_sync_master_status | ON    |
                +-----------------------------+-------+
                """, mariadb(source, "show status like 'Rpl_semi_sync_master_status';"));
        assertEquals("""
                +----------------------------+-------+
                | Variable_name              | Value |
                +----------------------------+-------+
                | Rpl_semi_sync_slave_status | ON    |
                +----------------------------+-------+
                """, mariadb(replica, "show status like 'Rpl_semi_sync_slave_status';"));
        assertEquals("""
                +------------------------------+-------+
                | Variable_name                | Value |
                +------------------------------+-------+
                | rpl_semi_sync_master_timeout | 1000  |
                +------------------------------+-------+
                """, mariadb(source, "SHOW VARIABLES LIKE 'rpl_semi_sync_master_timeout';"));

        // a commit is acknowledged (with room for a slow ACK on this shared machine)
        Cluster.exec(source, "SET GLOBAL rpl_semi_sync_master_timeout = 10000");
        assertEquals("", mariadb(source, "CREATE DATABASE seed;"));
        assertEquals("1", status(source, "Rpl_semi_sync_master_yes_tx"));
    }

    @Test
    void optionFileVariant() throws Exception {
        // 000_: the source's my.cnf (with 001_'s plugin-load line); 001_: both plugins on the replica
        Path sourceCnf = cluster.dir().resolve("source.cnf");
        Files.writeString(sourceCnf, """
                [mysqld]
                plugin-load=rpl_semi_sync_master=semisync_master.so
                rpl_semi_sync_master_enabled=1
                rpl_semi_sync_master_timeout=1000 # 1 second
                """);
        Path replicaCnf = cluster.dir().resolve("replica.cnf");
        Files.writeString(replicaCnf, """
                [mysqld]
                plugin-load = "rpl_semi_sync_master=semisync_master.so;rpl_semi_sync_slave=semisync_slave.so"
                rpl-semi-sync-master-enabled = 1
                rpl-semi-sync-slave-enabled = 1
                """);
        MinisqldHarness source = cluster.startWithOptionFile("source", 1, sourceCnf);
        Cluster.createReplicationUser(source);
        MinisqldHarness replica = cluster.startWithOptionFile("replica", 2, replicaCnf);
        Cluster.startReplica(replica, source);
        awaitStatus(source, "Rpl_semi_sync_master_clients", "1");
        awaitStatus(replica, "Rpl_semi_sync_slave_status", "ON");

        assertEquals("""
                +------------------------------+-------+
                | Variable_name                | Value |
                +------------------------------+-------+
                | rpl_semi_sync_master_enabled | ON    |
                +------------------------------+-------+
                +------------------------------+-------+
                | Variable_name                | Value |
                +------------------------------+-------+
                | rpl_semi_sync_master_timeout | 1000  |
                +------------------------------+-------+
                """, mariadb(source, "SHOW VARIABLES LIKE 'rpl_semi_sync_master_enabled'; "
                + "SHOW VARIABLES LIKE 'rpl_semi_sync_master_timeout';"));
        assertEquals("""
                +-----------------------+--------+----------------+--------------------+---------+
                | Name                  | Status | Type           | Library            | License |
                +-----------------------+--------+----------------+--------------------+---------+
                """ + BUILTINS + """
                | rpl_semi_sync_master  | ACTIVE | REPLICATION    | semisync_master.so | GPL     |
                | rpl_semi_sync_slave   | ACTIVE | REPLICATION    | semisync_slave.so  | GPL     |
                +-----------------------+--------+----------------+--------------------+---------+
                """, mariadb(replica, "show plugins;"));
        assertEquals("""
                +-----------------------------+-------+
                | Variable_name               | Value |
                +-----------------------------+-------+
                | Rpl_semi_sync_master_status | ON    |
                +-----------------------------+-------+
                """, mariadb(source, "show status like 'Rpl_semi_sync_master_status';"));
        assertEquals("""
                +----------------------------+-------+
                | Variable_name              | Value |
                +----------------------------+-------+
                | Rpl_semi_sync_slave_status | ON    |
                +----------------------------+-------+
                """, mariadb(replica, "show status like 'Rpl_semi_sync_slave_status';"));
        Cluster.exec(source, "SET GLOBAL rpl_semi_sync_master_timeout = 10000");
        assertEquals("", mariadb(source, "CREATE DATABASE seed;"));
        assertEquals("1", status(source, "Rpl_semi_sync_master_yes_tx"));
    }

    /** {@code mariadb --table -e sql} against the node: its stdout; fails on a non-zero exit or any stderr. */
    private static String mariadb(MinisqldHarness node, String sql) throws Exception {
        Program.Result r = node.mariadb(null, "--table", "-e", sql);
        assertEquals(0, r.exitCode(), sql + ": " + r.stderr());
        assertEquals("", r.stderr(), sql);
        return r.stdout();
    }
}
