package io.minisqld.semisync.tests;

import io.minisqld.server.replication.it.Sql;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The servers of one semisync test and what the tests do with them: start a source and replicas
 * in this JVM, create the replication account, point a replica at the source
 * ({@code CHANGE MASTER TO … ; START SLAVE}), wait for catch-up and for status values, and read
 * status variables and error-log lines. Closing it stops every server, newest first.
 */
final class Cluster implements AutoCloseable {
    static final String REPL_USER = "repl";
    static final String REPL_PASSWORD = "pw";
    /** How long a replica may take to catch up or a status to change on the shared 2-core machine. */
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

    private final Path dir;
    private final List<Node> nodes = new ArrayList<>();

    Cluster(Path dir) {
        this.dir = dir;
    }

    /** A minisqld in this JVM with the binlog on and the semisync jars in its plugin_dir. */
    Node start(String name, long serverId, String... extra) throws Exception {
        Node n = Node.start(dir, name, serverId, extra);
        nodes.add(n);
        return n;
    }

    /** A minisqld in this JVM whose files go through {@code layer}. */
    Node start(String name, long serverId, io.minisqld.server.storage.FileLayer layer, String... extra) throws Exception {
        Node n = Node.start(dir, name, serverId, layer, extra);
        nodes.add(n);
        return n;
    }

    /** A minisqld in its own JVM process ({@code io.minisqld.server.Main}), on a free port. */
    Node startProcess(String name, long serverId, String... extra) throws Exception {
        Node n = Node.startProcess(dir, name, serverId, extra);
        nodes.add(n);
        return n;
    }

    /**
     * A source with the master plugin loaded and enabled (timeout 5000 ms) and the replication
     * account, and {@code replicas} replicas (server_id 2, 3, …) with the slave plugin loaded and
     * enabled, replicating from it, once {@code Rpl_semi_sync_master_clients} counts them all.
     */
    List<Node> semisync(int replicas) throws Exception {
        List<Node> out = new ArrayList<>();
        Node source = start("source", 1, MASTER_LOADED);
        createReplicationUser(source);
        out.add(source);
        for (int i = 0; i < replicas; i++) {
            Node r = start("replica" + (i + 1), 2 + i, SLAVE_LOADED);
            startReplica(r, source);
            out.add(r);
        }
        awaitStatus(source, "Rpl_semi_sync_master_clients", String.valueOf(replicas));
        for (Node r : out.subList(1, out.size())) awaitCaughtUp(r, source);
        return out;
    }

    /**
     * Creates repl/pw on the source with {@code sql_log_bin = 0}: the replicas do not need the
     * account, and statements kept out of the binlog neither wait for an acknowledgement nor count
     * in the semisync counters the tests assert.
     */
    static void createReplicationUser(Node source) throws SQLException {
        try (Connection c = source.connect()) {
            Sql.exec(c, "SET SESSION sql_log_bin = 0", "CREATE USER '" + REPL_USER + "'@'%' IDENTIFIED BY '" + REPL_PASSWORD + "'",
                    "GRANT REPLICATION SLAVE ON *.* TO '" + REPL_USER + "'@'%'");
        }
    }

    static String changeMasterTo(int sourcePort) {
        return "CHANGE MASTER TO MASTER_HOST='127.0.0.1', MASTER_PORT=" + sourcePort + ", MASTER_USER='"
                + REPL_USER + "', MASTER_PASSWORD='" + REPL_PASSWORD + "', MASTER_CONNECT_RETRY=1, MASTER_HEARTBEAT_PERIOD=1";
    }

    /** CHANGE MASTER TO the source, then START SLAVE. */
    static void startReplica(Node replica, Node source) throws SQLException {
        try (Connection c = replica.connect()) {
            Sql.exec(c, changeMasterTo(source.port()), "START SLAVE");
        }
    }

    /** Runs statements on a node. */
    static void exec(Node n, String... statements) throws SQLException {
        try (Connection c = n.connect()) {
            Sql.exec(c, statements);
        }
    }

    /** SHOW MASTER STATUS's File and Position, e.g. {@code mysql-bin.000001:154}. */
    static String[] masterPosition(Node source) throws SQLException {
        try (Connection c = source.connect()) {
            Map<String, String> r = Sql.row(c, "SHOW MASTER STATUS");
            assertFalse(r.isEmpty(), source.name() + ": SHOW MASTER STATUS returned no row");
            return new String[] {r.get("File"), r.get("Position")};
        }
    }

    static Map<String, String> slaveStatus(Node replica) throws SQLException {
        try (Connection c = replica.connect()) {
            return Sql.row(c, "SHOW SLAVE STATUS");
        }
    }

    /** Waits until the replica's both threads run and it has executed all the source has logged. */
    static void awaitCaughtUp(Node replica, Node source) throws SQLException, InterruptedException {
        String[] target = masterPosition(source);
        Sql.await(replica.name() + " to execute up to " + target[0] + ":" + target[1], WAIT, () -> {
            Map<String, String> s = slaveStatus(replica);
            return "Yes".equals(s.get("Slave_IO_Running")) && "Yes".equals(s.get("Slave_SQL_Running"))
                    && target[0].equals(s.get("Master_Log_File")) && target[1].equals(s.get("Read_Master_Log_Pos"))
                    && target[1].equals(s.get("Exec_Master_Log_Pos"));
        }, () -> describe(replica, source));
    }

    /** One global status variable's value (null when the server has none of that name). */
    static String status(Node n, String name) throws SQLException {
        try (Connection c = n.connect()) {
            List<List<String>> r = Sql.rows(c, "SHOW GLOBAL STATUS LIKE '" + name + "'");
            return r.isEmpty() ? null : r.get(0).get(1);
        }
    }

    /** Every global status variable whose name starts with {@code prefix}, in SHOW STATUS order. */
    static Map<String, String> statuses(Node n, String prefix) throws SQLException {
        try (Connection c = n.connect()) {
            Map<String, String> out = new LinkedHashMap<>();
            for (List<String> r : Sql.rows(c, "SHOW GLOBAL STATUS LIKE '" + prefix + "%'")) out.put(r.get(0), r.get(1));
            return out;
        }
    }

    /** One global system variable's value (null when the server has none of that name). */
    static String variable(Node n, String name) throws SQLException {
        try (Connection c = n.connect()) {
            List<List<String>> r = Sql.rows(c, "SHOW GLOBAL VARIABLES LIKE '" + name + "'");
            return r.isEmpty() ? null : r.get(0).get(1);
        }
    }

    /** Polls until the status variable has the value. */
    static void awaitStatus(Node n, String name, String value) throws InterruptedException {
        Sql.await(n.name() + "'s " + name + " = " + value, WAIT, () -> value.equals(status(n, name)),
                () -> safe(() -> n.name() + "'s " + name + " = " + status(n, name) + "\n" + tail(n)));
    }

    /** Polls until the node's error log has a line matching {@code regex}. */
    static void awaitLog(Node n, String regex) throws InterruptedException {
        Pattern p = Pattern.compile(regex, Pattern.MULTILINE);
        Sql.await(n.name() + "'s error log to match " + regex, WAIT, () -> p.matcher(n.errorLog()).find(),
                () -> tail(n));
    }

    /** Asserts the node's error log has a line matching {@code regex}. */
    static void assertLog(Node n, String regex) throws Exception {
        assertTrue(Pattern.compile(regex, Pattern.MULTILINE).matcher(n.errorLog()).find(),
                "no line matching " + regex + "\n" + tail(n));
    }

    /** How many lines of the node's error log contain {@code text}. */
    static long countLog(Node n, String text) throws Exception {
        return n.errorLog().lines().filter(l -> l.contains(text)).count();
    }

    /** A regex for one error-log line ending in exactly {@code text} at {@code level} (Note, Warning, ERROR). */
    static String line(String level, String text) {
        return "\\[" + level + "\\] " + Pattern.quote(text) + "$";
    }

    static String describe(Node replica, Node source) {
        return safe(() -> "SHOW SLAVE STATUS: " + slaveStatus(replica) + "\n" + tail(source) + tail(replica));
    }

    static String tail(Node n) {
        return safe(() -> {
            List<String> lines = n.errorLog().lines().toList();
            return "--- " + n.name() + " error log (last lines)\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size())) + "\n";
        });
    }

    @FunctionalInterface
    interface Text {
        String get() throws Exception;
    }

    private static String safe(Text t) {
        try {
            return t.get();
        } catch (Exception e) {
            return "(unavailable: " + e + ")";
        }
    }

    @Override
    public void close() {
        RuntimeException first = null;
        for (int i = nodes.size() - 1; i >= 0; i--) {
            try {
                nodes.get(i).close();
            } catch (RuntimeException e) {
                if (first == null) first = e;
                else first.addSuppressed(e);
            }
        }
        nodes.clear();
        if (first != null) throw first;
    }
}
