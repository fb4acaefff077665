package io.minisqld.server.replication.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The servers of one replication test and what the tests do with them: start minisqld nodes in
 * this JVM or as processes and real MariaDB servers, put proxies in front of them, create the
 * replication account, point a replica at a source ({@code CHANGE MASTER TO … ; START SLAVE}),
 * wait until a replica has executed everything its source has logged, and compare their tables.
 * Closing it stops every server and proxy it started, newest first, and deletes their files.
 */
final class Topology implements AutoCloseable {
    static final String REPL_USER = "repl";
    static final String REPL_PASSWORD = "pw";
    /** How long a replica may take to catch up with a workload on the shared 2-core machine. */
    static final Duration CATCH_UP = Duration.ofSeconds(60);

    private final Path dir;
    private final List<AutoCloseable> owned = new ArrayList<>();

    Topology(Path dir) {
        this.dir = dir;
    }

    Path dir() {
        return dir;
    }

    /** A minisqld in this JVM with {@code --log-bin=mysql-bin --server-id=<serverId> --port=0}. */
    MiniSqlNode inProcess(String name, long serverId, String... extra) throws Exception {
        return add(MiniSqlNode.start(dir, name, MiniSqlNode.Mode.IN_PROCESS, serverId, extra));
    }

    /** A minisqld in its own JVM process ({@code io.minisqld.server.Main}), on a free port. */
    MiniSqlNode process(String name, long serverId, String... extra) throws Exception {
        return add(MiniSqlNode.start(dir, name, MiniSqlNode.Mode.PROCESS, serverId, extra));
    }

    /** A real MariaDB 10.11; {@code primary} adds {@code --log-bin=mysql-bin --binlog-format=STATEMENT}. */
    MariaDbServer mariadb(String name, long serverId, boolean primary, String... extra) throws Exception {
        return add(MariaDbServer.start(dir, name, serverId, primary, extra));
    }

    /** A loopback proxy forwarding to {@code target}'s port. */
    TcpProxy proxy(String name, Node target) throws IOException {
        TcpProxy p = new TcpProxy(name, target.port());
        owned.add(p);
        return p;
    }

    private <N extends Node> N add(N node) {
        owned.add(node);
        return node;
    }

    /** {@code CREATE USER 'repl'@'%' IDENTIFIED BY 'pw'; GRANT REPLICATION SLAVE ON *.* TO 'repl'@'%'}. */
    static void createReplicationUser(Node source) throws SQLException {
        try (Connection c = source.connect()) {
            Sql.exec(c, "CREATE USER '" + REPL_USER + "'@'%' IDENTIFIED BY '" + REPL_PASSWORD + "'",
                    "GRANT REPLICATION SLAVE ON *.* TO '" + REPL_USER + "'@'%'");
        }
    }

    /**
     * The CHANGE MASTER TO statement pointing at 127.0.0.1:{@code sourcePort} as repl/pw, with the
     * small retry and heartbeat periods that keep the tests fast, and {@code more} clauses
     * (e.g. {@code "MASTER_LOG_FILE='mysql-bin.000001'"}, {@code "MASTER_USE_GTID=no"}).
     */
    static String changeMasterTo(int sourcePort, String... more) {
        StringBuilder sql = new StringBuilder("CHANGE MASTER TO MASTER_HOST='127.0.0.1', MASTER_PORT=")
                .append(sourcePort).append(", MASTER_USER='").append(REPL_USER).append("', MASTER_PASSWORD='")
                .append(REPL_PASSWORD).append("', MASTER_CONNECT_RETRY=1, MASTER_HEARTBEAT_PERIOD=1");
        for (String clause : more) sql.append(", ").append(clause);
        return sql.toString();
    }

    /** CHANGE MASTER TO the source's port (or a proxy's), then START SLAVE. */
    static void startReplica(Node replica, int sourcePort, String... more) throws SQLException {
        try (Connection c = replica.connect()) {
            Sql.exec(c, changeMasterTo(sourcePort, more), "START SLAVE");
        }
    }

    /** SHOW MASTER STATUS's File and Position. */
    static Position masterStatus(Node source) throws SQLException {
        try (Connection c = source.connect()) {
            Map<String, String> r = Sql.row(c, "SHOW MASTER STATUS");
            assertFalse(r.isEmpty(), source.name() + ": SHOW MASTER STATUS returned no row");
            return new Position(r.get("File"), Long.parseLong(r.get("Position")));
        }
    }

    /** SHOW SLAVE STATUS by column name (empty if the server is no replica). */
    static Map<String, String> slaveStatus(Node replica) throws SQLException {
        try (Connection c = replica.connect()) {
            return Sql.row(c, "SHOW SLAVE STATUS");
        }
    }

    /** A binlog coordinate as SHOW MASTER STATUS and SHOW SLAVE STATUS print it. */
    record Position(String file, long pos) {
        @Override
        public String toString() {
            return file + ":" + pos;
        }
    }

    /**
     * Waits until the replica has received and executed everything the source has logged so far:
     * both threads running, Master_Log_File/Read_Master_Log_Pos and
     * Relay_Master_Log_File/Exec_Master_Log_Pos equal to the source's SHOW MASTER STATUS.
     */
    void awaitCaughtUp(Node replica, Node source) throws SQLException, InterruptedException {
        awaitCaughtUp(replica, source, CATCH_UP);
    }

    void awaitCaughtUp(Node replica, Node source, Duration timeout) throws SQLException, InterruptedException {
        Position target = masterStatus(source);
        Sql.await(replica.name() + " to execute up to " + source.name() + "'s " + target, timeout, () -> {
            Map<String, String> s = slaveStatus(replica);
            // A stopped thread with an error stays stopped until START SLAVE: fail now, not at the deadline.
            if (stoppedWithError(s, "Slave_SQL_Running", "Last_SQL_Errno")
                    || stoppedWithError(s, "Slave_IO_Running", "Last_IO_Errno")) {
                throw new AssertionError(replica.name() + " stopped replicating\n" + describe(replica, source));
            }
            return "Yes".equals(s.get("Slave_IO_Running")) && "Yes".equals(s.get("Slave_SQL_Running"))
                    && target.file().equals(s.get("Master_Log_File"))
                    && String.valueOf(target.pos()).equals(s.get("Read_Master_Log_Pos"))
                    && target.file().equals(s.get("Relay_Master_Log_File"))
                    && String.valueOf(target.pos()).equals(s.get("Exec_Master_Log_Pos"));
        }, () -> describe(replica, source));
    }

    private static boolean stoppedWithError(Map<String, String> status, String running, String errno) {
        return "No".equals(status.get(running)) && !"0".equals(status.get(errno)) && status.get(errno) != null;
    }

    /** SHOW SLAVE STATUS of the replica and the error logs of both, for a failed wait. */
    String describe(Node replica, Node source) {
        StringBuilder b = new StringBuilder();
        try {
            b.append(source.name()).append(" SHOW MASTER STATUS: ").append(masterStatus(source)).append('\n');
        } catch (SQLException | AssertionError e) {
            b.append(source.name()).append(" SHOW MASTER STATUS failed: ").append(e).append('\n');
        }
        try {
            b.append(replica.name()).append(" SHOW SLAVE STATUS: ").append(slaveStatus(replica)).append('\n');
        } catch (SQLException e) {
            b.append(replica.name()).append(" SHOW SLAVE STATUS failed: ").append(e).append('\n');
        }
        for (Node n : List.of(source, replica)) b.append(tail(n));
        return b.toString();
    }

    /** The last 60 lines of a node's error log. */
    static String tail(Node n) {
        try {
            List<String> lines = n.errorLog().lines().toList();
            return "--- " + n.name() + " error log (last lines)\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size())) + "\n";
        } catch (IOException e) {
            return "--- " + n.name() + " error log unreadable: " + e + "\n";
        }
    }

    /**
     * Every table of {@code database} on {@code node}: table name → column labels followed by the
     * rows sorted as text. Compares servers without depending on row order or storage details.
     */
    static Map<String, List<List<String>>> snapshot(Node node, String database) throws SQLException {
        Map<String, List<List<String>>> out = new LinkedHashMap<>();
        try (Connection c = node.connect()) {
            List<String> tables = new ArrayList<>();
            for (List<String> r : Sql.rows(c, "SHOW TABLES FROM `" + database + "`")) tables.add(r.get(0).toLowerCase());
            Collections.sort(tables);
            for (String t : tables) {
                String select = "SELECT * FROM `" + database + "`.`" + t + "`";
                List<List<String>> content = new ArrayList<>();
                content.add(Sql.columns(c, select));
                content.addAll(Sql.sortedRows(c, select));
                out.put(t, content);
            }
        }
        return out;
    }

    /** Asserts that the replica's tables in {@code database} equal the source's, row for row. */
    static void assertSameTables(Node source, Node replica, String database) throws SQLException {
        Map<String, List<List<String>>> expected = snapshot(source, database);
        assertFalse(expected.isEmpty(), source.name() + " has no tables in " + database);
        assertEquals(expected, snapshot(replica, database),
                replica.name() + "'s tables in " + database + " differ from " + source.name() + "'s");
    }

    @Override
    public void close() throws Exception {
        Exception first = null;
        for (int i = owned.size() - 1; i >= 0; i--) {
            try {
                owned.get(i).close();
            } catch (Exception e) {
                if (first == null) first = e;
                else first.addSuppressed(e);
            }
        }
        owned.clear();
        if (first != null) throw first;
    }
}
