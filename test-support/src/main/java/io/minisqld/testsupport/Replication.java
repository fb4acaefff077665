package io.minisqld.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.minisqld.plugin.api.LogPosition;
import io.minisqld.testcommon.Poll;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What replication tests do with their servers (minisqld or MariaDB alike), as an operator does
 * it: create the replication account, {@code CHANGE MASTER TO … ; START SLAVE}, read SHOW MASTER
 * STATUS and SHOW SLAVE STATUS, wait until a replica has executed everything its source logged,
 * and compare their tables.
 */
public final class Replication {
    /** The replication account's user and password. */
    public static final String USER = "repl";
    public static final String PASSWORD = "pw";
    /** How long a replica may take to catch up with a workload on the shared 2-core machine; only catches a hang. */
    public static final Duration CATCH_UP = Duration.ofSeconds(60);
    /** A heartbeat every second, so a replica notices a vanished source quickly. */
    public static final String FAST_HEARTBEAT = "MASTER_HEARTBEAT_PERIOD=1";

    private Replication() {
    }

    /**
     * {@code CREATE USER 'repl'@'%' IDENTIFIED BY 'pw'; GRANT REPLICATION SLAVE ON *.* TO 'repl'@'%'},
     * binlogged like any account statement (replicas that start from the beginning create it too).
     */
    public static void createReplicationUser(DatabaseServer source) throws SQLException {
        try (Connection c = source.newConnection()) {
            SqlRunner.on(c).executeAll("CREATE USER '" + USER + "'@'%' IDENTIFIED BY '" + PASSWORD + "'",
                    "GRANT REPLICATION SLAVE ON *.* TO '" + USER + "'@'%'");
        }
    }

    /**
     * The same account with {@code sql_log_bin = 0}: replicas do not need it, and statements kept
     * out of the binlog neither wait for a semisync acknowledgement nor count in its counters.
     */
    public static void createReplicationUserNotBinlogged(DatabaseServer source) throws SQLException {
        try (Connection c = source.newConnection()) {
            SqlRunner.on(c).executeAll("SET SESSION sql_log_bin = 0",
                    "CREATE USER '" + USER + "'@'%' IDENTIFIED BY '" + PASSWORD + "'",
                    "GRANT REPLICATION SLAVE ON *.* TO '" + USER + "'@'%'");
        }
    }

    /**
     * {@code CHANGE MASTER TO} 127.0.0.1:{@code sourcePort} as repl/pw with a one-second connect
     * retry, and {@code clauses} (e.g. {@code "MASTER_LOG_FILE='mysql-bin.000001'"},
     * {@code "MASTER_USE_GTID=no"}).
     */
    public static String changeMasterTo(int sourcePort, String... clauses) {
        StringBuilder sql = new StringBuilder("CHANGE MASTER TO MASTER_HOST='127.0.0.1', MASTER_PORT=")
                .append(sourcePort).append(", MASTER_USER='").append(USER).append("', MASTER_PASSWORD='")
                .append(PASSWORD).append("', MASTER_CONNECT_RETRY=1");
        for (String clause : clauses) sql.append(", ").append(clause);
        return sql.toString();
    }

    /**
     * CHANGE MASTER TO the source's port (or a proxy's) with {@link #FAST_HEARTBEAT} and
     * {@code clauses}, then START SLAVE.
     */
    public static void startReplica(DatabaseServer replica, int sourcePort, String... clauses) throws SQLException {
        List<String> all = new ArrayList<>(List.of(FAST_HEARTBEAT));
        all.addAll(List.of(clauses));
        try (Connection c = replica.newConnection()) {
            SqlRunner.on(c).executeAll(changeMasterTo(sourcePort, all.toArray(String[]::new)), "START SLAVE");
        }
    }

    /** SHOW MASTER STATUS's File and Position. */
    public static LogPosition masterStatus(DatabaseServer source) throws SQLException {
        try (Connection c = source.newConnection()) {
            Map<String, String> r = SqlRunner.on(c).row("SHOW MASTER STATUS");
            if (r.isEmpty()) throw new AssertionError(source.name() + ": SHOW MASTER STATUS returned no row");
            return new LogPosition(r.get("File"), Long.parseLong(r.get("Position")));
        }
    }

    /** SHOW SLAVE STATUS by column name (empty if the server is no replica). */
    public static Map<String, String> slaveStatus(DatabaseServer replica) throws SQLException {
        try (Connection c = replica.newConnection()) {
            return SqlRunner.on(c).row("SHOW SLAVE STATUS");
        }
    }

    /** {@link #awaitCaughtUp(DatabaseServer, DatabaseServer, Duration)} within {@link #CATCH_UP}. */
    public static void awaitCaughtUp(DatabaseServer replica, DatabaseServer source) throws SQLException {
        awaitCaughtUp(replica, source, CATCH_UP);
    }

    /**
     * Waits until the replica has received and executed everything the source has logged so far:
     * both threads running, Master_Log_File/Read_Master_Log_Pos and
     * Relay_Master_Log_File/Exec_Master_Log_Pos equal to the source's SHOW MASTER STATUS. A thread
     * that stopped with an error fails the wait at once (it stays stopped until START SLAVE).
     */
    public static void awaitCaughtUp(DatabaseServer replica, DatabaseServer source, Duration timeout) throws SQLException {
        LogPosition target = masterStatus(source);
        Poll.until(replica.name() + " to execute up to " + source.name() + "'s " + target, timeout, () -> {
            Map<String, String> s = slaveStatus(replica);
            if (stoppedWithError(s, "Slave_SQL_Running", "Last_SQL_Errno")
                    || stoppedWithError(s, "Slave_IO_Running", "Last_IO_Errno")) {
                throw new AssertionError(replica.name() + " stopped replicating\n" + describe(replica, source));
            }
            // at or past the target: a source may log more on its own after the target was read
            // (MariaDB writes an event in the background after FLUSH LOGS)
            return "Yes".equals(s.get("Slave_IO_Running")) && "Yes".equals(s.get("Slave_SQL_Running"))
                    && reached(target, s.get("Master_Log_File"), s.get("Read_Master_Log_Pos"))
                    && reached(target, s.get("Relay_Master_Log_File"), s.get("Exec_Master_Log_Pos"));
        }, () -> describe(replica, source));
    }

    private static boolean reached(LogPosition target, String file, String offset) {
        if (file == null || file.isEmpty() || offset == null) return false;
        return target.isAtOrBefore(LogPosition.of(file, Long.parseLong(offset)));
    }

    private static boolean stoppedWithError(Map<String, String> status, String running, String errno) {
        return "No".equals(status.get(running)) && status.get(errno) != null && !"0".equals(status.get(errno));
    }

    /** The source's SHOW MASTER STATUS, the replica's SHOW SLAVE STATUS and both error logs' last lines. */
    public static String describe(DatabaseServer replica, DatabaseServer source) {
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
        for (DatabaseServer s : List.of(source, replica)) b.append(tail(s));
        return b.toString();
    }

    /** The last 60 lines of a server's error log. */
    public static String tail(DatabaseServer server) {
        try {
            List<String> lines = server.errorLogText().lines().toList();
            return "--- " + server.name() + " error log (last lines)\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size())) + "\n";
        } catch (IOException e) {
            return "--- " + server.name() + " error log unreadable: " + e + "\n";
        }
    }

    /**
     * Every table of {@code database}: table name (lower case) → column labels followed by the rows
     * sorted as text. Compares servers without depending on row order or storage details.
     */
    public static Map<String, List<List<String>>> snapshot(DatabaseServer server, String database) throws SQLException {
        Map<String, List<List<String>>> out = new LinkedHashMap<>();
        try (Connection c = server.newConnection()) {
            SqlRunner sql = SqlRunner.on(c);
            List<String> tables = new ArrayList<>();
            for (List<String> r : sql.rows("SHOW TABLES FROM `" + database + "`")) tables.add(r.get(0).toLowerCase());
            Collections.sort(tables);
            for (String t : tables) {
                String select = "SELECT * FROM `" + database + "`.`" + t + "`";
                List<List<String>> content = new ArrayList<>();
                content.add(sql.columns(select));
                List<List<String>> rows = new ArrayList<>(sql.rows(select));
                rows.sort(ROW_ORDER);
                content.addAll(rows);
                out.put(t, content);
            }
        }
        return out;
    }

    /** Asserts that the replica's tables in {@code database} equal the source's, row for row. */
    public static void assertSameTables(DatabaseServer source, DatabaseServer replica, String database) throws SQLException {
        Map<String, List<List<String>>> expected = snapshot(source, database);
        assertFalse(expected.isEmpty(), source.name() + " has no tables in " + database);
        assertEquals(expected, snapshot(replica, database),
                replica.name() + "'s tables in " + database + " differ from " + source.name() + "'s");
    }

    /** Rows compared as text, column by column, NULL first. */
    private static final Comparator<List<String>> ROW_ORDER = (a, b) -> {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = Comparator.<String>nullsFirst(Comparator.naturalOrder()).compare(a.get(i), b.get(i));
            if (c != 0) return c;
        }
        return Integer.compare(a.size(), b.size());
    };
}
