package io.minisqld.semisync.tests;

import static io.minisqld.semisync.tests.Cluster.assertLog;
import static io.minisqld.semisync.tests.Cluster.awaitCaughtUp;
import static io.minisqld.semisync.tests.Cluster.awaitStatus;
import static io.minisqld.semisync.tests.Cluster.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The walkthrough of the seed documents (000_: MySQL 5.7 manual 16.3.9.2; 001_: a Chinese
 * how-to), statement by statement in their order, through the real {@code mariadb} client in
 * {@code --table} mode, asserting the tables it prints.
 */
class SemisyncSeedWalkthroughTest {
    private static final Path MARIADB = Path.of("/usr/bin/mariadb");

    @TempDir
    Path dir;
    Cluster cluster;

    @BeforeEach
    void setUp() {
        cluster = new Cluster(dir);
    }

    @AfterEach
    void tearDown() {
        cluster.close();
    }

    private static final String BUILTINS = """
            | binlog                | ACTIVE | STORAGE ENGINE | NULL               | GPL     |
            | mysql_native_password | ACTIVE | AUTHENTICATION | NULL               | GPL     |
            | InnoDB                | ACTIVE | STORAGE ENGINE | NULL               | GPL     |
            """;

    @Test
    void installAtRunTimeEnableAndCheck() throws Exception {
        Node source = cluster.start("source", 1);
        Node replica = cluster.start("replica", 2);
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
        Path sourceCnf = dir.resolve("source.cnf");
        Files.writeString(sourceCnf, """
                [mysqld]
                plugin-load=rpl_semi_sync_master=semisync_master.so
                rpl_semi_sync_master_enabled=1
                rpl_semi_sync_master_timeout=1000 # 1 second
                """);
        Path replicaCnf = dir.resolve("replica.cnf");
        Files.writeString(replicaCnf, """
                [mysqld]
                plugin-load = "rpl_semi_sync_master=semisync_master.so;rpl_semi_sync_slave=semisync_slave.so"
                rpl-semi-sync-master-enabled = 1
                rpl-semi-sync-slave-enabled = 1
                """);
        Node source = cluster.start("source", 1, "--defaults-file=" + sourceCnf);
        Cluster.createReplicationUser(source);
        Node replica = cluster.start("replica", 2, "--defaults-file=" + replicaCnf);
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
    private String mariadb(Node node, String sql) throws Exception {
        assertTrue(Files.isExecutable(MARIADB), MARIADB + " is required for this test and is missing");
        Path out = Files.createTempFile(dir, "cli", ".out");
        Path err = Files.createTempFile(dir, "cli", ".err");
        ProcessBuilder pb = new ProcessBuilder(MARIADB.toString(), "--no-defaults", "-h127.0.0.1",
                "-P" + node.port(), "-uroot", "--table", "-e", sql)
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().put("LC_ALL", "C");
        Process p = pb.start();
        p.getOutputStream().close();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            fail("mariadb did not finish within 30 s: " + sql);
        }
        String stderr = Files.readString(err, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), sql + ": " + stderr);
        assertEquals("", stderr, sql);
        return Files.readString(out, StandardCharsets.UTF_8);
    }
}
