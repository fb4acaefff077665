package io.minisqld.semisync.tests;

import io.minisqld.plugin.api.LogPosition;
import io.minisqld.server.storage.FileLayer;
import io.minisqld.testcommon.Poll;
import io.minisqld.testsupport.MariaDbServer;
import io.minisqld.testsupport.HarnessBuilder;
import io.minisqld.testsupport.MinisqldHarness;
import io.minisqld.testsupport.Replication;
import io.minisqld.testsupport.SqlRunner;
import io.minisqld.testsupport.Topology;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The servers of one semisync test, a {@link Topology} of fixture servers with the binlog on and the
 * semisync jars in their plugin_dir, and what the tests do with them in the words of the semisync
 * spec: start a source with semisync replicas, read status variables and error-log lines, wait
 * for them. Registered as a JUnit extension ({@code @RegisterExtension final Cluster cluster = new
 * Cluster();}) each test gets a fresh one in a temporary folder, closed after the test's own
 * {@code @AfterEach} methods: every server stopped, newest first, and the folder deleted.
 */
final class Cluster implements BeforeEachCallback, AfterEachCallback, AutoCloseable {
    /** How long a status may take to change on the shared 2-core machine; only catches a hang. */
    static final Duration WAIT = Duration.ofSeconds(30);

    /**
     * Options that load and enable the master plugin at start-up, with a timeout that an ACK on
     * this shared machine always beats; tests of the timeout set 500 ms just before they need it.
     */
    static final String[] MASTER_LOADED = {"--plugin-load=rpl_semi_sync_master=semisync_master.so",
            "--rpl-semi-sync-master-enabled=1", "--rpl-semi-sync-master-timeout=5000"};
    /** Options that load and enable the slave plugin at start-up. */
    static final String[] SLAVE_LOADED = {"--plugin-load=rpl_semi_sync_slave=semisync_slave.so",
            "--rpl-semi-sync-slave-enabled=1"};

    private Topology topology;

    /** A cluster started for each test by JUnit (as an extension). */
    Cluster() {
    }

    /** A cluster in a new temporary folder now, for use outside JUnit's lifecycle; {@link #close()} ends it. */
    static Cluster temporary() throws IOException {
        Cluster c = new Cluster();
        c.topology = Topology.temporary();
        return c;
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        topology = Topology.temporary();
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        close();
    }

    /** The cluster's folder, for the test's own files (option files). */
    Path dir() {
        return topology().dir();
    }

    private Topology topology() {
        if (topology == null) throw new IllegalStateException("the cluster is not started");
        return topology;
    }

    /** A fixture server as every semisync test starts it: the binlog on, both semisync jars in its plugin_dir. */
    private static HarnessBuilder server(HarnessBuilder mode, String name, long serverId, String... extra) {
        return mode.name(name).serverId(serverId).logBin().plugin(PluginJars.master()).plugin(PluginJars.slave())
                .plugin(PluginJars.source()).plugin(PluginJars.replica()).options(extra);
    }

    /** A minisqld in this JVM. */
    MinisqldHarness start(String name, long serverId, String... extra) throws Exception {
        return topology().start(server(MinisqldHarness.inProcess(), name, serverId, extra));
    }

    /** A minisqld in this JVM whose files go through {@code layer}. */
    MinisqldHarness start(String name, long serverId, FileLayer layer, String... extra) throws Exception {
        return topology().start(server(MinisqldHarness.inProcess(), name, serverId, extra).fileLayer(layer));
    }

    /** A minisqld in this JVM that reads {@code optionFile} as mysqld's {@code --defaults-file}. */
    MinisqldHarness startWithOptionFile(String name, long serverId, Path optionFile) throws Exception {
        return topology().start(server(MinisqldHarness.inProcess(), name, serverId).optionFile(optionFile));
    }

    /** A minisqld in its own JVM process ({@code io.minisqld.server.Main}). */
    MinisqldHarness startProcess(String name, long serverId, String... extra) throws Exception {
        return topology().start(server(MinisqldHarness.asProcess(), name, serverId, extra));
    }

    /**
     * A source with the master plugin loaded and enabled (timeout 5000 ms) and the replication
     * account, and {@code replicas} replicas (server_id 2, 3, …) with the slave plugin loaded and
     * enabled, replicating from it, once {@code Rpl_semi_sync_master_clients} counts them all.
     */
    List<MinisqldHarness> semisync(int replicas) throws Exception {
        return semisync(replicas, MASTER_LOADED, SLAVE_LOADED, "Rpl_semi_sync_master_clients");
    }

    /** As {@link #semisync(int)} with MySQL 8.0.26's plugins, rpl_semi_sync_source and rpl_semi_sync_replica. */
    List<MinisqldHarness> semisyncWithSourceNames(int replicas) throws Exception {
        return semisync(replicas, new String[] {"--plugin-load=rpl_semi_sync_source=semisync_source.so",
                        "--rpl-semi-sync-source-enabled=1", "--rpl-semi-sync-source-timeout=5000"},
                new String[] {"--plugin-load=rpl_semi_sync_replica=semisync_replica.so",
                        "--rpl-semi-sync-replica-enabled=1"}, "Rpl_semi_sync_source_clients");
    }

    private List<MinisqldHarness> semisync(int replicas, String[] sourceOptions, String[] replicaOptions,
                                           String clientsStatus) throws Exception {
        List<MinisqldHarness> servers = topology().sourceAndReplicas(
                server(MinisqldHarness.inProcess(), "source", 1, sourceOptions),
                server(MinisqldHarness.inProcess(), "replica", 2, replicaOptions), replicas);
        awaitStatus(servers.get(0), clientsStatus, String.valueOf(replicas));
        return servers;
    }

    /** The account replicas use, kept out of the binlog (it would wait for acknowledgements and count). */
    static void createReplicationUser(MinisqldHarness source) throws SQLException {
        Replication.createReplicationUserNotBinlogged(source);
    }

    /** CHANGE MASTER TO the source with a fast heartbeat, then START SLAVE. */
    static void startReplica(MinisqldHarness replica, MinisqldHarness source) throws SQLException {
        Replication.startReplica(replica, source.port());
    }

    /** Runs statements on a new connection to {@code n} (session settings end with it). */
    static void exec(MinisqldHarness n, String... statements) throws SQLException {
        try (Connection c = n.newConnection()) {
            SqlRunner.on(c).executeAll(statements);
        }
    }

    /**
     * One failover writer: unique ids ({@code writer * 1,000,000 + n}) into d.t, autocommit, until
     * its connection fails (the source's death); {@code acknowledged} gets the ids whose commit
     * returned OK.
     */
    static void writeUntilDown(MinisqldHarness source, int writer, java.util.Set<Long> attempted,
                               java.util.Set<Long> acknowledged) {
        try (Connection c = source.newConnection(); java.sql.Statement st = c.createStatement()) {
            for (long n = 0; ; n++) {
                long id = writer * 1_000_000L + n;
                attempted.add(id);
                st.execute("INSERT INTO d.t VALUES (" + id + ", " + writer + ")");
                acknowledged.add(id);
            }
        } catch (SQLException expected) {
            // the source died
        }
    }

    /**
     * After a failover (issue 17): the re-pointed replica catches up with the promoted one; every
     * acknowledged id is on the new source, both hold the same rows and GTIDs, nothing nobody
     * inserted; the new source is writable and its writes are acknowledged by the other replica
     * (semisync ON). Returns the ids on the new source.
     */
    static java.util.Set<Long> assertLosslessFailover(String where, MinisqldHarness promoted, MinisqldHarness other,
                                                      java.util.Set<Long> acknowledged, java.util.Set<Long> attempted)
            throws SQLException {
        String executed = value(promoted, "SELECT @@GLOBAL.gtid_executed");
        Poll.until(where + ": " + other.name() + " to catch up with " + promoted.name(), Duration.ofSeconds(60),
                () -> "1".equals(value(other, "SELECT GTID_SUBSET('" + executed + "', @@GLOBAL.gtid_executed)")),
                () -> Replication.describe(other, promoted));
        java.util.Set<Long> onPromoted = ids(promoted);
        java.util.Set<Long> lost = new java.util.HashSet<>(acknowledged);
        lost.removeAll(onPromoted);
        org.junit.jupiter.api.Assertions.assertEquals(java.util.Set.of(), lost,
                where + ": acknowledged commits missing on the new source " + promoted.name());
        org.junit.jupiter.api.Assertions.assertEquals(onPromoted, ids(other),
                where + ": the re-pointed replica differs from the new source");
        org.junit.jupiter.api.Assertions.assertTrue(attempted.containsAll(onPromoted), where + ": a row nobody inserted");
        org.junit.jupiter.api.Assertions.assertEquals(executed, value(other, "SELECT @@GLOBAL.gtid_executed"),
                where + ": the GTIDs differ");
        org.junit.jupiter.api.Assertions.assertEquals("0", value(promoted, "SELECT @@GLOBAL.read_only"));
        // the new source takes writes, acknowledged by the re-pointed replica
        awaitStatus(promoted, "Rpl_semi_sync_master_clients", "1");
        exec(promoted, "INSERT INTO d.t VALUES (-1, -1)");
        org.junit.jupiter.api.Assertions.assertEquals("ON", status(promoted, "Rpl_semi_sync_master_status"));
        org.junit.jupiter.api.Assertions.assertEquals("1", status(promoted, "Rpl_semi_sync_master_yes_tx"));
        Poll.until(where + ": the new row on " + other.name(), Duration.ofSeconds(30), () -> ids(other).contains(-1L));
        return onPromoted;
    }

    /**
     * The options of a failover topology's servers: gtid_mode ON, log_slave_updates, both semisync
     * plugins loaded (switched on by the test once the replicas are there), a long semisync timeout.
     */
    static String[] failoverOptions(String... more) {
        List<String> o = new java.util.ArrayList<>(List.of("--gtid-mode=ON", "--enforce-gtid-consistency=ON",
                "--log-slave-updates", "--plugin-load-add=rpl_semi_sync_master=semisync_master.so",
                "--plugin-load-add=rpl_semi_sync_slave=semisync_slave.so", "--rpl-semi-sync-master-timeout=60000"));
        o.addAll(List.of(more));
        return o.toArray(String[]::new);
    }

    /**
     * 8 writers ({@link #writeUntilDown}) on {@code source}; after a random moment the source gets
     * SIGKILL; returns once every writer saw it die. {@code behind} (or null) has its IO thread
     * stopped shortly after the start, so that it misses what came later.
     */
    static void writeThenKill(MinisqldHarness source, MinisqldHarness behind, java.util.Random random,
                              java.util.Set<Long> attempted, java.util.Set<Long> acknowledged) throws Exception {
        java.util.concurrent.ExecutorService writers = java.util.concurrent.Executors.newFixedThreadPool(8);
        List<java.util.concurrent.Future<?>> running = new java.util.ArrayList<>();
        for (int w = 0; w < 8; w++) {
            int writer = w;
            running.add(writers.submit(() -> writeUntilDown(source, writer, attempted, acknowledged)));
        }
        try {
            if (behind != null) {
                Thread.sleep(100 + random.nextInt(200));
                exec(behind, "STOP SLAVE IO_THREAD");
            }
            Thread.sleep(300 + random.nextInt(700));
            source.kill();
            for (java.util.concurrent.Future<?> f : running) f.get(60, java.util.concurrent.TimeUnit.SECONDS);
        } finally {
            writers.shutdownNow();
        }
    }

    /** The ids in d.t. */
    static java.util.Set<Long> ids(MinisqldHarness server) throws SQLException {
        java.util.Set<Long> out = new java.util.HashSet<>();
        try (Connection c = server.newConnection()) {
            for (List<String> r : SqlRunner.on(c).rows("SELECT id FROM d.t")) out.add(Long.parseLong(r.get(0)));
        }
        return out;
    }

    /** The first column of the first row of {@code sql}. */
    static String value(MinisqldHarness server, String sql) throws SQLException {
        try (Connection c = server.newConnection()) {
            return SqlRunner.on(c).value(sql);
        }
    }

    /** SHOW MASTER STATUS's File and Position, e.g. {@code mysql-bin.000001}, {@code 154}. */
    static String[] masterPosition(MinisqldHarness source) throws SQLException {
        LogPosition p = Replication.masterStatus(source);
        return new String[] {p.file(), String.valueOf(p.offset())};
    }

    /** One global status variable's value (null when the server has none of that name). */
    static String status(MinisqldHarness n, String name) throws SQLException {
        return n.globalStatus(name).orElse(null);
    }

    /** Every global status variable whose name starts with {@code prefix}, in SHOW STATUS order. */
    static Map<String, String> statuses(MinisqldHarness n, String prefix) throws SQLException {
        Map<String, String> out = new LinkedHashMap<>();
        for (List<String> r : n.rows("SHOW GLOBAL STATUS LIKE '" + prefix + "%'")) out.put(r.get(0), r.get(1));
        return out;
    }

    /** One global system variable's value (null when the server has none of that name). */
    static String variable(MinisqldHarness n, String name) throws SQLException {
        return n.globalVariable(name).orElse(null);
    }

    /** Polls until the status variable has the value. */
    static void awaitStatus(MinisqldHarness n, String name, String value) {
        Poll.until(n.name() + "'s " + name + " = " + value, WAIT, () -> value.equals(status(n, name)),
                () -> n.name() + "'s " + name + " is " + safeStatus(n, name) + "\n" + Replication.tail(n));
    }

    /** Polls until the node's error log has a line matching {@code regex}. */
    static void awaitLog(MinisqldHarness n, String regex) {
        Pattern p = Pattern.compile(regex, Pattern.MULTILINE);
        Poll.until(n.name() + "'s error log to match " + regex, WAIT, () -> p.matcher(n.errorLogText()).find(),
                () -> Replication.tail(n));
    }

    /** Asserts the node's error log has a line matching {@code regex}. */
    static void assertLog(MinisqldHarness n, String regex) throws IOException {
        // a line may follow the state a test waited for (semisync counts a client, then logs its
        // dump's start, as MySQL does): wait a little for it
        Pattern p = Pattern.compile(regex, Pattern.MULTILINE);
        Poll.until("a line matching " + regex, Duration.ofSeconds(10), () -> p.matcher(n.errorLogText()).find(),
                () -> Replication.tail(n));
    }

    /** How many lines of the node's error log contain {@code text}. */
    static long countLog(MinisqldHarness n, String text) throws IOException {
        return n.errorLogText().lines().filter(l -> l.contains(text)).count();
    }

    /** A regex for one error-log line ending in exactly {@code text} at {@code level} (Note, Warning, ERROR). */
    static String line(String level, String text) {
        return "\\[" + level + "\\] " + Pattern.quote(text) + "$";
    }

    private static String safeStatus(MinisqldHarness n, String name) {
        try {
            return status(n, name);
        } catch (SQLException e) {
            return "(unavailable: " + e + ")";
        }
    }

    /** A real MariaDB in the cluster's folder, stopped with the cluster. */
    MariaDbServer mariadb(String name, long serverId, boolean logBin, String... extra) throws Exception {
        return topology().mariadb(name, serverId, logBin, extra);
    }

    @Override
    public void close() throws Exception {
        Topology t = topology;
        topology = null;
        if (t != null) t.close();
    }
}
