package io.minisqld.semisync.tests;

import static io.minisqld.semisync.tests.Cluster.awaitStatus;
import static io.minisqld.semisync.tests.Cluster.exec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minisqld.testcommon.Program;
import io.minisqld.testsupport.MinisqldHarness;
import io.minisqld.testsupport.Replication;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * SemisyncFailoverTest's lossless failover driven by MHA 0.58 as operators run it (Debian's
 * mha4mysql-manager and mha4mysql-node, through {@code bin/mha}; docs/failover.md "With MHA"):
 * sshd on loopback, {@code masterha_check_repl} passes on the running topology (a source and two
 * semisync replicas as processes, gtid_mode ON, AFTER_SYNC, MASTER_AUTO_POSITION=1), 8 writers
 * insert unique ids, the source is killed with SIGKILL, and {@code masterha_master_switch
 * --master_state=dead} promotes a replica and re-points the other. Every acknowledged id is on
 * both, the tables and GTIDs are identical, and the new source takes semisync writes once
 * semisync is switched on there (what an operator's master_ip_failover_script does). Every second
 * round the second replica's IO thread is stopped for part of the run. And MHA's planned switch of
 * a running source ({@code --master_state=alive}).
 *
 * <p>{@code -Dmha.rounds=N} (default 1; {@code bin/mha-failover-test} runs more) and
 * {@code -Dmha.seed=S} repeat a run.
 */
class MhaFailoverTest {
    private static final Path MHA = Path.of("..", "bin", "mha").toAbsolutePath().normalize();
    private static final Path MASTER_SWITCH = Path.of("/usr/bin/masterha_master_switch");
    private static final Path CHECK_REPL = Path.of("/usr/bin/masterha_check_repl");
    private static final Pattern COMPLETED = Pattern.compile(
            "Master failover to 127\\.0\\.0\\.1\\(127\\.0\\.0\\.1:(\\d+)\\) completed successfully\\.");

    @RegisterExtension
    final Cluster cluster = new Cluster();

    @Test
    void mhaPromotesAReplicaHoldingEveryAcknowledgedCommit() throws Exception {
        Program.existing(MASTER_SWITCH);
        int rounds = Integer.getInteger("mha.rounds", 1);
        long seed = Long.getLong("mha.seed", System.nanoTime());
        Random random = new Random(seed);
        try (LoopbackSshd sshd = LoopbackSshd.start(cluster.dir().resolve("sshd"))) {
            for (int round = 1; round <= rounds; round++) {
                String where = "MHA round " + round + " of " + rounds + " (seed " + seed + ")";
                System.out.println("MhaFailoverTest " + where);
                oneRound(sshd, round, random.nextLong(), round % 2 == 0, where);
            }
        }
    }

    private void oneRound(LoopbackSshd sshd, int round, long roundSeed, boolean secondBehind, String where)
            throws Exception {
        Random random = new Random(roundSeed);
        MinisqldHarness[] servers = checkedTopology(sshd, "mha-" + round, where);
        MinisqldHarness source = servers[0];
        MinisqldHarness a = servers[1];
        MinisqldHarness b = servers[2];
        Path workdir = cluster.dir().resolve("mha-" + round);
        Path conf = workdir.resolve("app.cnf");

        Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
        Set<Long> attempted = ConcurrentHashMap.newKeySet();
        Cluster.writeThenKill(source, secondBehind ? b : null, random, attempted, acknowledged);
        assertTrue(!acknowledged.isEmpty(), where + ": no commit was acknowledged before the kill");

        Program.Result sw = mha("masterha_master_switch", "--master_state=dead", "--dead_master_host=127.0.0.1",
                "--dead_master_ip=127.0.0.1", "--dead_master_port=" + source.port(), "--conf=" + conf,
                "--interactive=0", "--ignore_last_failover");
        String log = Files.exists(workdir.resolve("manager.log")) ? Files.readString(workdir.resolve("manager.log")) : "";
        assertEquals(0, sw.exitCode(), where + ": masterha_master_switch\n" + sw.output() + log);
        Matcher done = COMPLETED.matcher(sw.output() + log);
        assertTrue(done.find(), where + ": no completed failover in MHA's log\n" + sw.output() + log);
        MinisqldHarness promoted = Integer.parseInt(done.group(1)) == a.port() ? a : b;
        MinisqldHarness other = promoted == a ? b : a;
        if (secondBehind) assertEquals(a, promoted, where + ": MHA must promote the replica that was not behind");
        assertEquals(String.valueOf(promoted.port()), Replication.slaveStatus(other).get("Master_Port"));
        assertEquals("1", Replication.slaveStatus(other).get("Auto_Position"));

        // what an operator's master_ip_failover_script does on the new source
        exec(promoted, "SET GLOBAL rpl_semi_sync_master_enabled = 1", "SET GLOBAL rpl_semi_sync_slave_enabled = 0");
        Set<Long> onPromoted = Cluster.assertLosslessFailover(where, promoted, other, acknowledged, attempted);
        System.out.println("  " + acknowledged.size() + " acknowledged, " + onPromoted.size() + " on the new source "
                + promoted.name() + (secondBehind ? " (the other replica was behind)" : ""));
        a.stop();
        b.stop();
    }

    /**
     * MHA's online switch (docs/failover.md "With MHA"): {@code masterha_master_switch
     * --master_state=alive} moves the source role to a replica of a running topology — FLUSH TABLES
     * WITH READ LOCK on the old source, the replica caught up, read_only off there, the other
     * replica and the old source re-pointed with auto-positioning — and writes on the new source
     * reach both with identical tables.
     */
    @Test
    void mhaSwitchesTheSourceOnlineToAReplica() throws Exception {
        Program.existing(MASTER_SWITCH);
        try (LoopbackSshd sshd = LoopbackSshd.start(cluster.dir().resolve("sshd"))) {
            MinisqldHarness[] servers = checkedTopology(sshd, "mha-online", "online switch");
            MinisqldHarness source = servers[0];
            MinisqldHarness a = servers[1];
            MinisqldHarness b = servers[2];
            for (int i = 1; i <= 50; i++) exec(source, "INSERT INTO d.t VALUES (" + i + ", 0)");
            Path workdir = cluster.dir().resolve("mha-online");
            Program.Result sw = mha("masterha_master_switch", "--master_state=alive", "--new_master_host=127.0.0.1",
                    "--new_master_port=" + a.port(), "--orig_master_is_new_slave", "--conf=" + workdir.resolve("app.cnf"),
                    "--interactive=0", "--running_updates_limit=10");
            assertEquals(0, sw.exitCode(), "masterha_master_switch --master_state=alive\n" + sw.output());
            assertTrue(sw.output().contains("Switching master to 127.0.0.1(127.0.0.1:" + a.port()
                    + ") completed successfully."), sw.output());
            for (MinisqldHarness replica : List.of(b, source)) {
                java.util.Map<String, String> status = Replication.slaveStatus(replica);
                assertEquals(String.valueOf(a.port()), status.get("Master_Port"), replica.name());
                assertEquals("Yes", status.get("Slave_IO_Running"), replica.name());
                assertEquals("Yes", status.get("Slave_SQL_Running"), replica.name());
                assertEquals("1", status.get("Auto_Position"), replica.name());
            }
            assertEquals("0", Cluster.value(a, "SELECT @@GLOBAL.read_only"));
            // what an operator's master_ip_online_change_script does: semisync follows the source
            // role (the old source, still waiting for acknowledgements, would hold each transaction
            // it applies for rpl_semi_sync_master_timeout, as MySQL 5.7's would)
            exec(a, "SET GLOBAL rpl_semi_sync_master_enabled = 1", "SET GLOBAL rpl_semi_sync_slave_enabled = 0");
            exec(source, "SET GLOBAL rpl_semi_sync_master_enabled = 0", "SET GLOBAL rpl_semi_sync_slave_enabled = 1");
            for (MinisqldHarness replica : List.of(b, source)) exec(replica, "STOP SLAVE IO_THREAD", "START SLAVE IO_THREAD");
            awaitStatus(a, "Rpl_semi_sync_master_clients", "2");
            for (int i = 51; i <= 60; i++) exec(a, "INSERT INTO d.t VALUES (" + i + ", 1)");
            assertEquals("10", Cluster.value(a, "SELECT VARIABLE_VALUE FROM INFORMATION_SCHEMA.GLOBAL_STATUS"
                    + " WHERE VARIABLE_NAME = 'RPL_SEMI_SYNC_MASTER_YES_TX'"));
            for (MinisqldHarness replica : List.of(b, source)) {
                Replication.awaitCaughtUp(replica, a);
                Replication.assertSameTables(a, replica, "d");
            }
            assertEquals("60", Cluster.value(source, "SELECT COUNT(*) FROM d.t"));
        }
    }

    /**
     * A source and two semisync replicas as processes (gtid_mode ON, AFTER_SYNC, auto-position,
     * read_only replicas), MHA's configuration for them in {@code name}, and masterha_check_repl
     * passing.
     */
    private MinisqldHarness[] checkedTopology(LoopbackSshd sshd, String name, String where) throws Exception {
        Program.existing(CHECK_REPL);
        MinisqldHarness source = cluster.startProcess(name + "-source", 1, Cluster.failoverOptions());
        MinisqldHarness a = cluster.startProcess(name + "-a", 2, Cluster.failoverOptions(
                "--rpl-semi-sync-slave-enabled=1", "--read-only=ON"));
        MinisqldHarness b = cluster.startProcess(name + "-b", 3, Cluster.failoverOptions(
                "--rpl-semi-sync-slave-enabled=1", "--read-only=ON"));
        Replication.createReplicationUser(source);
        exec(source, "CREATE DATABASE d", "CREATE TABLE d.t (id BIGINT PRIMARY KEY, w INT)");
        for (MinisqldHarness r : List.of(a, b)) Replication.startReplica(r, source.port(), "MASTER_AUTO_POSITION=1");
        exec(source, "SET GLOBAL rpl_semi_sync_master_enabled = 1");
        awaitStatus(source, "Rpl_semi_sync_master_clients", "2");
        Path conf = configuration(sshd, cluster.dir().resolve(name), source, a, b);
        Program.Result check = mha("masterha_check_repl", "--conf=" + conf);
        assertEquals(0, check.exitCode(), where + ": masterha_check_repl\n" + check.output());
        assertTrue(check.output().contains("MySQL Replication Health is OK."), check.output());
        return new MinisqldHarness[] {source, a, b};
    }

    /** MHA's application configuration for the three servers, over the loopback sshd. */
    private static Path configuration(LoopbackSshd sshd, Path workdir, MinisqldHarness... servers) throws Exception {
        Files.createDirectories(workdir.resolve("remote"));
        List<String> lines = new ArrayList<>(List.of("[server default]", "user=root", "password=",
                "repl_user=" + Replication.USER, "repl_password=" + Replication.PASSWORD,
                "ssh_user=" + System.getProperty("user.name"), "ssh_port=" + sshd.port(),
                "ssh_options=\"" + sshd.clientOptions() + "\"", "manager_workdir=" + workdir,
                "manager_log=" + workdir.resolve("manager.log"), "remote_workdir=" + workdir.resolve("remote"), ""));
        for (int i = 0; i < servers.length; i++) {
            lines.addAll(List.of("[server" + (i + 1) + "]", "hostname=127.0.0.1", "port=" + servers[i].port(),
                    "master_binlog_dir=" + servers[i].datadir(), ""));
        }
        Path conf = workdir.resolve("app.cnf");
        Files.write(conf, lines);
        return conf;
    }

    private static Program.Result mha(String... command) throws Exception {
        List<String> c = new ArrayList<>(List.of(MHA.toString()));
        c.addAll(List.of(command));
        return Program.run(c, null, Duration.ofSeconds(180));
    }
}
