package io.minisqld.server.binlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minisqld.testsupport.MinisqldHarness;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Group commit as a user sees it: {@code SHOW GLOBAL STATUS LIKE 'Binlog%'} shows
 * {@code Binlog_commits} (transactions written), {@code Binlog_group_commits} (groups written)
 * and {@code Binlog_fsyncs} (binlog fsyncs, per {@code sync_binlog}).
 */
class BinlogStatusTest {
    private static MinisqldHarness start(String... extra) throws Exception {
        return MinisqldHarness.inProcess().serverId(1).options(extra).start();
    }

    /** The Binlog% rows of SHOW GLOBAL STATUS, in the order the server prints them. */
    private static Map<String, Long> binlogStatus(Connection c) throws SQLException {
        Map<String, Long> values = new LinkedHashMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW GLOBAL STATUS LIKE 'Binlog%'")) {
            while (rs.next()) values.put(rs.getString(1), Long.parseLong(rs.getString(2)));
        }
        return values;
    }

    private static long delta(Map<String, Long> before, Map<String, Long> after, String name) {
        return after.get(name) - before.get(name);
    }

    @Test
    void eachSerialCommitIsOneGroupAndOneFsyncWithSyncBinlog1() throws Exception {
        try (MinisqldHarness server = start("--log-bin=mysql-bin", "--sync-binlog=1");
             Connection c = server.newConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE d");
            s.execute("CREATE TABLE d.t (id INT PRIMARY KEY, v VARCHAR(10))");
            Map<String, Long> before = binlogStatus(c);
            assertEquals(List.of("Binlog_commits", "Binlog_fsyncs", "Binlog_group_commits"),
                    before.keySet().stream().sorted().toList());

            s.executeUpdate("INSERT INTO d.t VALUES (1, 'a')");
            s.executeUpdate("INSERT INTO d.t VALUES (2, 'b')");
            c.setAutoCommit(false);
            s.executeUpdate("INSERT INTO d.t VALUES (3, 'c')");
            s.executeUpdate("UPDATE d.t SET v = 'z' WHERE id = 1");
            c.commit();
            // a rolled back transaction and a read write nothing to the binlog
            s.executeUpdate("INSERT INTO d.t VALUES (4, 'd')");
            c.rollback();
            c.setAutoCommit(true);
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM d.t")) {
                assertTrue(rs.next());
                assertEquals(3, rs.getInt(1));
            }
            // a DDL statement is written as one transaction of its own
            s.execute("CREATE TABLE d.u (id INT)");

            Map<String, Long> after = binlogStatus(c);
            assertEquals(4, delta(before, after, "Binlog_commits"), after.toString());
            // one client committing alone: every commit leads its own group, synced once
            assertEquals(4, delta(before, after, "Binlog_group_commits"), after.toString());
            assertEquals(4, delta(before, after, "Binlog_fsyncs"), after.toString());
        }
    }

    @Test
    void concurrentCommitsShareGroupsAndEachGroupIsSyncedOnce() throws Exception {
        int clients = 8;
        int perClient = 40;
        try (MinisqldHarness server = start("--log-bin=mysql-bin", "--sync-binlog=1");
             Connection c = server.newConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE d");
            s.execute("CREATE TABLE d.t (id INT PRIMARY KEY)");
            Map<String, Long> before = binlogStatus(c);
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int k = 0; k < clients; k++) {
                    int client = k;
                    done.add(pool.submit(() -> {
                        try (Connection cc = server.newConnection(); Statement ss = cc.createStatement()) {
                            for (int i = 0; i < perClient; i++) {
                                ss.executeUpdate("INSERT INTO d.t VALUES (" + (client * perClient + i) + ")");
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> f : done) f.get();
            } finally {
                pool.shutdownNow();
            }
            Map<String, Long> after = binlogStatus(c);
            long commits = delta(before, after, "Binlog_commits");
            long groups = delta(before, after, "Binlog_group_commits");
            assertEquals(clients * perClient, commits, after.toString());
            assertTrue(groups >= 1 && groups <= commits, after.toString());
            assertEquals(groups, delta(before, after, "Binlog_fsyncs"), after.toString());
        }
    }

    @Test
    void syncBinlog0WritesGroupsWithoutFsync() throws Exception {
        try (MinisqldHarness server = start("--log-bin=mysql-bin", "--sync-binlog=0");
             Connection c = server.newConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE d");
            s.execute("CREATE TABLE d.t (id INT PRIMARY KEY)");
            Map<String, Long> before = binlogStatus(c);
            s.executeUpdate("INSERT INTO d.t VALUES (1)");
            s.executeUpdate("INSERT INTO d.t VALUES (2)");
            Map<String, Long> after = binlogStatus(c);
            assertEquals(2, delta(before, after, "Binlog_commits"), after.toString());
            assertEquals(2, delta(before, after, "Binlog_group_commits"), after.toString());
            assertEquals(0, after.get("Binlog_fsyncs"), after.toString());

            // sync_binlog is dynamic: the next group is synced again
            s.execute("SET GLOBAL sync_binlog = 1");
            s.executeUpdate("INSERT INTO d.t VALUES (3)");
            assertEquals(1, binlogStatus(c).get("Binlog_fsyncs"));
        }
    }

    /**
     * MySQL 5.7's binlog_group_commit_sync_delay and binlog_group_commit_sync_no_delay_count
     * (semisync.md §1.5, the group commit's sync stage): a leader waits up to the delay for more
     * committers, or until the count is queued. Eight clients released together with a delay of
     * a second and a count of eight commit as one group with one fsync (GroupCommitTest shows the
     * count ending the wait). Both variables are global, 0 by default.
     */
    @Test
    void aSyncDelayGathersConcurrentCommitsIntoOneGroupUpToTheNoDelayCount() throws Exception {
        try (MinisqldHarness server = start("--log-bin=mysql-bin", "--sync-binlog=1");
             Connection c = server.newConnection(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT @@global.binlog_group_commit_sync_delay, "
                    + "@@global.binlog_group_commit_sync_no_delay_count")) {
                assertTrue(rs.next());
                assertEquals(List.of(0L, 0L), List.of(rs.getLong(1), rs.getLong(2)));
            }
            java.sql.SQLException session = org.junit.jupiter.api.Assertions.assertThrows(java.sql.SQLException.class,
                    () -> s.execute("SET SESSION binlog_group_commit_sync_delay = 10"));
            assertEquals(1229, session.getErrorCode(), session.getMessage());
            s.execute("CREATE DATABASE d");
            s.execute("CREATE TABLE d.t (id INT PRIMARY KEY)");
            s.execute("SET GLOBAL binlog_group_commit_sync_delay = 1000000, binlog_group_commit_sync_no_delay_count = 8");

            Map<String, Long> before = binlogStatus(c);
            insertTogether(server, 8, 0);
            Map<String, Long> after = binlogStatus(c);
            assertEquals(8, delta(before, after, "Binlog_commits"), after.toString());
            assertEquals(1, delta(before, after, "Binlog_group_commits"), after.toString());
            assertEquals(1, delta(before, after, "Binlog_fsyncs"), after.toString());

            try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM d.t")) {
                assertTrue(rs.next());
                assertEquals(8, rs.getInt(1));
            }
        }
    }

    /** {@code clients} connections each insert one row (ids from {@code firstId}), released together. */
    private static void insertTogether(MinisqldHarness server, int clients, int firstId) throws Exception {
        List<Connection> connections = new ArrayList<>();
        try {
            for (int k = 0; k < clients; k++) connections.add(server.newConnection());
            io.minisqld.testcommon.Together.run(clients, k -> {
                try (Statement ss = connections.get(k).createStatement()) {
                    ss.executeUpdate("INSERT INTO d.t VALUES (" + (firstId + k) + ")");
                }
            });
        } finally {
            for (Connection cc : connections) cc.close();
        }
    }

    @Test
    void withoutLogBinTheCountersStayAtZero() throws Exception {
        try (MinisqldHarness server = start(); Connection c = server.newConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE d");
            s.execute("CREATE TABLE d.t (id INT PRIMARY KEY)");
            s.executeUpdate("INSERT INTO d.t VALUES (1)");
            assertEquals(Map.of("Binlog_commits", 0L, "Binlog_group_commits", 0L, "Binlog_fsyncs", 0L),
                    binlogStatus(c));
        }
    }
}
