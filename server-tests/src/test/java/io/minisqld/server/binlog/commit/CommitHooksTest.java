package io.minisqld.server.binlog.commit;

import static io.minisqld.server.binlog.commit.ShowBinlog.masterStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minisqld.plugin.api.LogPosition;
import io.minisqld.plugin.api.observer.BinlogStorageObserver;
import io.minisqld.plugin.api.observer.BinlogStorageParam;
import io.minisqld.server.binlog.BinlogReader;
import io.minisqld.server.binlog.PositionedEvent;
import io.minisqld.server.binlog.commit.HookRecorder.Call;
import io.minisqld.testcommon.Poll;
import io.minisqld.testsupport.MinisqldHarness;
import io.minisqld.testsupport.SqlRunner;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The transaction and binlog-storage hooks of the commit path (spec semisync.md §1.3, §1.5;
 * DESIGN.md "commit order"), seen by test observers registered through
 * {@code server.observers()}: their order and positions for single statements, group commit under
 * 16 concurrent committers, failing observers, the published end readers are bounded by, and the
 * flush stage moving on while a group waits in after_sync.
 */
class CommitHooksTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    private static MinisqldHarness server;
    private final List<Runnable> cleanups = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        server = MinisqldHarness.inProcess().name("hooks").serverId(1).logBin().start();
        try (Connection c = server.newConnection()) {
            SqlRunner.on(c).executeAll("CREATE DATABASE hk", "USE hk",
                    "CREATE TABLE t (id INT AUTO_INCREMENT PRIMARY KEY, v VARCHAR(40))");
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) server.close();
    }

    @AfterEach
    void unregister() {
        for (Runnable r : cleanups) r.run();
        cleanups.clear();
    }

    private HookRecorder recorder() {
        HookRecorder r = new HookRecorder().register(server.server());
        cleanups.add(() -> r.unregister(server.server()));
        return r;
    }

    private void registerStorage(BinlogStorageObserver o, String plugin) {
        server.server().observers().binlogStorage().register(o, plugin);
        cleanups.add(() -> server.server().observers().binlogStorage().unregister(o));
    }

    private static long connectionId(Connection c) throws SQLException {
        return Long.parseLong(SqlRunner.on(c).rows("SELECT CONNECTION_ID()").get(0).get(0));
    }

    private static Call call(String hook, long thread, String file, long pos) {
        return new Call(hook, thread, file, pos);
    }

    private static long count(Connection c, String v) throws SQLException {
        return Long.parseLong(SqlRunner.on(c).rows("SELECT COUNT(*) FROM t WHERE v = '" + v + "'").get(0).get(0));
    }

    @Test
    void autocommitInsertRunsBeforeDmlBeforeCommitFlushSyncAndCommitWithItsEnd() throws Exception {
        try (Connection c = DriverManager.getConnection(server.jdbcUrl("root", "hk"))) {
            long id = connectionId(c);
            HookRecorder rec = recorder();
            SqlRunner.on(c).executeAll("INSERT INTO t (v) VALUES ('one')");
            List<String> status = masterStatus(c);
            String file = status.get(0);
            long end = Long.parseLong(status.get(1));
            assertEquals(List.of(call("before_dml", id, null, 0), call("before_commit", id, null, 0),
                    call("after_flush", 0, file, end), call("after_sync", 0, file, end),
                    call("after_commit", id, file, end)), rec.calls());
            assertEquals(new LogPosition(file, end), server.server().binlog().publishedEnd());
        }
    }

    /**
     * Plugin API 1.1: every transaction hook gets the transaction's context (user, host, database,
     * statements as logged, rows, start, the XID once the commit wrote it); before_dml also gets
     * the statement about to run, and a DDL's hooks get the DDL.
     */
    @Test
    void everyTransactionHookGetsItsTransactionsContext() throws Exception {
        try (Connection c = DriverManager.getConnection(server.jdbcUrl("root", "hk"))) {
            String[] user = SqlRunner.on(c).rows("SELECT USER()").get(0).get(0).split("@");
            HookRecorder rec = recorder();
            java.time.Instant before = java.time.Instant.now().minusSeconds(1);
            SqlRunner.on(c).executeAll("BEGIN", "INSERT INTO t (v) VALUES ('c1'), ('c2')",
                    "UPDATE t SET v = 'c3' WHERE v = 'c2'", "COMMIT");
            List<List<String>> events = SqlRunner.on(c).rows("SHOW BINLOG EVENTS IN '" + masterStatus(c).get(0) + "'");
            long xid = Long.parseLong(events.get(events.size() - 1).get(5).replaceAll("\\D", ""));
            var got = rec.contexts();
            assertEquals(List.of("before_dml", "before_dml", "before_commit", "after_commit"),
                    got.stream().map(java.util.Map.Entry::getKey).toList());
            String insert = "INSERT INTO t (v) VALUES ('c1'), ('c2')";
            String update = "UPDATE t SET v = 'c3' WHERE v = 'c2'";
            var firstDml = got.get(0).getValue();
            assertEquals(List.of(user[0], user[1], "hk", List.of(insert), 0L, 0L), List.of(firstDml.user(), firstDml.host(),
                    firstDml.database(), firstDml.statements(), firstDml.rowsAffected(), firstDml.xid()));
            assertEquals(List.of(insert, update), got.get(1).getValue().statements());
            assertEquals(2L, got.get(1).getValue().rowsAffected());
            for (int k = 2; k < 4; k++) {
                var ctx = got.get(k).getValue();
                assertEquals(List.of(user[0], "hk", List.of(insert, update), 3L, xid), List.of(ctx.user(),
                        ctx.database(), ctx.statements(), ctx.rowsAffected(), ctx.xid()), got.get(k).getKey());
                assertTrue(ctx.startTime().isAfter(before) && !ctx.startTime().isAfter(java.time.Instant.now()),
                        ctx.startTime().toString());
            }
            rec.clear();
            SqlRunner.on(c).executeAll("BEGIN", "DELETE FROM t WHERE v = 'c1'", "ROLLBACK", "CREATE TABLE ctx_ddl (a INT)");
            got = rec.contexts();
            assertEquals(List.of("before_dml", "before_rollback", "after_rollback", "before_commit", "after_commit"),
                    got.stream().map(java.util.Map.Entry::getKey).toList());
            assertEquals(List.of("DELETE FROM t WHERE v = 'c1'"), got.get(1).getValue().statements());
            assertEquals(1L, got.get(1).getValue().rowsAffected());
            assertEquals(List.of("CREATE TABLE ctx_ddl (a INT)"), got.get(4).getValue().statements());
            assertEquals(0L, got.get(4).getValue().xid());
        }
    }

    /**
     * Plugin API 1.2 (issue 13, item 4): the context carries the rows the transaction changed, as
     * the engine changed them (operation, column names and types, before and after values), in
     * STATEMENT format too; a rolled-back transaction's rows never reach a later commit's hooks.
     */
    @Test
    void theContextCarriesTheRowsTheTransactionChanged() throws Exception {
        try (Connection c = DriverManager.getConnection(server.jdbcUrl("root", "hk"))) {
            SqlRunner.on(c).executeAll("CREATE TABLE rc (id INT PRIMARY KEY, n BIGINT, d DECIMAL(6,2), s VARCHAR(10))");
            HookRecorder rec = recorder();
            SqlRunner.on(c).executeAll("BEGIN", "INSERT INTO rc VALUES (9, 9, 9.99, 'gone')", "ROLLBACK",
                    "BEGIN", "INSERT INTO rc VALUES (1, 10, 1.50, 'one'), (2, NULL, 2.00, 'two')",
                    "UPDATE rc SET s = 'uno', n = n + 1 WHERE id = 1", "UPDATE rc SET s = s WHERE id = 2",
                    "DELETE FROM rc WHERE id = 2", "COMMIT");
            var got = rec.contexts();
            var beforeCommit = got.get(got.size() - 2);
            assertEquals("before_commit", beforeCommit.getKey());
            List<String> changes = new ArrayList<>();
            for (var r : beforeCommit.getValue().rowChanges()) {
                changes.add(r.operation() + " " + r.database() + "." + r.table() + " " + r.columns() + " " + r.types()
                        + " " + r.before() + " -> " + r.after());
            }
            String cols = "[id, n, d, s] [int(11), bigint(20), decimal(6,2), varchar(10)]";
            // the UPDATE that changed nothing is no row change, as in a ROW-format binlog
            assertEquals(List.of("INSERT hk.rc " + cols + " [] -> [1, 10, 1.50, one]",
                    "INSERT hk.rc " + cols + " [] -> [2, null, 2.00, two]",
                    "UPDATE hk.rc " + cols + " [1, 10, 1.50, one] -> [1, 11, 1.50, uno]",
                    "DELETE hk.rc " + cols + " [2, null, 2.00, two] -> []"), changes);
            var first = beforeCommit.getValue().rowChanges().get(0).after();
            assertEquals(List.of(Long.class, Long.class, java.math.BigDecimal.class, String.class),
                    first.stream().map(Object::getClass).toList());
            assertEquals(beforeCommit.getValue().rowChanges(), got.get(got.size() - 1).getValue().rowChanges());
        }
    }

    @Test
    void inRowFormatTheContextListsTheStatementsWhoseRowsWereLogged() throws Exception {
        try (Connection c = DriverManager.getConnection(server.jdbcUrl("root", "hk"))) {
            HookRecorder rec = recorder();
            String insert = "INSERT INTO t (v) VALUES ('row1')";
            String update = "UPDATE t SET v = 'row2' WHERE v = 'row1'";
            SqlRunner.on(c).executeAll("SET SESSION binlog_format = 'ROW'", "BEGIN", insert, update,
                    "UPDATE t SET v = 'none' WHERE v = 'no such row'", "COMMIT", "SET SESSION binlog_format = DEFAULT");
            List<List<String>> events = SqlRunner.on(c).rows("SHOW BINLOG EVENTS IN '" + masterStatus(c).get(0) + "'");
            assertEquals(List.of("Query", "Table_map", "Write_rows", "Table_map", "Update_rows", "Xid"),
                    events.subList(events.size() - 6, events.size()).stream().map(r -> r.get(2)).toList());
            var got = rec.contexts();
            assertEquals("before_commit", got.get(got.size() - 2).getKey());
            // the UPDATE that changed no row logged nothing, and is not among them
            assertEquals(List.of(insert, update), got.get(got.size() - 2).getValue().statements());
            assertEquals(List.of(insert, update), got.get(got.size() - 1).getValue().statements());
        }
    }

    @Test
    void rollbackRunsBeforeAndAfterRollbackAndWritesNothing() throws Exception {
        try (Connection c = DriverManager.getConnection(server.jdbcUrl("root", "hk"))) {
            long id = connectionId(c);
            List<String> before = masterStatus(c);
            HookRecorder rec = recorder();
            SqlRunner.on(c).executeAll("BEGIN", "INSERT INTO t (v) VALUES ('rolled back')", "ROLLBACK");
            assertEquals(List.of(call("before_dml", id, null, 0), call("before_rollback", id, null, 0),
                    call("after_rollback", id, null, 0)), rec.calls());
            assertEquals(before, masterStatus(c));
            assertEquals(0, count(c, "rolled back"));
        }
    }

    @Test
    void ddlIsFlushedSyncedAndCommittedAtItsOwnEnd() throws Exception {
        try (Connection c = DriverManager.getConnection(server.jdbcUrl("root", "hk"))) {
            long id = connectionId(c);
            HookRecorder rec = recorder();
            SqlRunner.on(c).executeAll("CREATE TABLE ddl1 (a INT)");
            List<String> status = masterStatus(c);
            String file = status.get(0);
            long end = Long.parseLong(status.get(1));
            assertEquals(List.of(call("after_flush", 0, file, end), call("after_sync", 0, file, end),
                    call("after_commit", id, file, end)), rec.calls(x -> !x.hook().equals("before_commit")));
        }
    }

    /**
     * MySQL 5.7 writes DDL through the binlog cache and MYSQL_BIN_LOG::commit, which runs
     * before_commit for every commit that logged something (spec §1.3), DDL included.
     */
    @Test
    void ddlRunsBeforeCommitBeforeItIsFlushed() throws Exception {
        try (Connection c = DriverManager.getConnection(server.jdbcUrl("root", "hk"))) {
            long id = connectionId(c);
            HookRecorder rec = recorder();
            SqlRunner.on(c).executeAll("CREATE TABLE ddl2 (a INT)");
            List<String> status = masterStatus(c);
            long end = Long.parseLong(status.get(1));
            assertEquals(List.of(call("before_commit", id, null, 0), call("after_flush", 0, status.get(0), end),
                    call("after_sync", 0, status.get(0), end), call("after_commit", id, status.get(0), end)),
                    rec.calls());
        }
    }

    @Test
    void autocommitSelectRunsAfterCommitWithoutAPosition() throws Exception {
        try (Connection c = DriverManager.getConnection(server.jdbcUrl("root", "hk"))) {
            long id = connectionId(c);
            HookRecorder rec = recorder();
            SqlRunner.on(c).rows("SELECT COUNT(*) FROM t");
            assertEquals(List.of(call("after_commit", id, null, 0)), rec.calls());
        }
    }

    @Test
    void failingBeforeCommitFailsTheCommitWith3100AndRollsBack() throws Exception {
        try (Connection c = DriverManager.getConnection(server.jdbcUrl("root", "hk"))) {
            long id = connectionId(c);
            List<String> before = masterStatus(c);
            HookRecorder rec = recorder();
            rec.failIn("before_commit");
            SqlRunner.on(c).assertError("INSERT INTO t (v) VALUES ('refused')", 3100, "HY000",
                    "Error on observer while running replication hook 'before_commit'.");
            assertEquals(List.of(call("before_dml", id, null, 0), call("before_commit", id, null, 0),
                    call("before_rollback", id, null, 0), call("after_rollback", id, null, 0)), rec.calls());
            assertEquals(before, masterStatus(c));
            assertEquals(0, count(c, "refused"));

            SqlRunner.on(c).executeAll("BEGIN", "INSERT INTO t (v) VALUES ('refused2')");
            SqlRunner.on(c).assertError("COMMIT", 3100, "HY000",
                    "Error on observer while running replication hook 'before_commit'.");
            assertEquals(0, count(c, "refused2"));
            assertEquals(before, masterStatus(c));
        }
        Poll.until("the failure in the error log", WAIT, () -> server.errorLogText().contains(
                "[ERROR] Run function 'before_commit' in plugin '" + HookRecorder.PLUGIN + "' failed"));
    }

    @Test
    void failingBeforeDmlFailsTheStatementWith3098() throws Exception {
        try (Connection c = DriverManager.getConnection(server.jdbcUrl("root", "hk"))) {
            List<String> before = masterStatus(c);
            HookRecorder rec = recorder();
            rec.failIn("before_dml");
            SqlRunner.on(c).assertError("INSERT INTO t (v) VALUES ('invalid')", 3098, "HY000",
                    "The table does not comply with the requirements by an external plugin.");
            assertEquals(0, rec.count("before_commit"));
            assertEquals(0, rec.count("after_flush"));
            assertEquals(before, masterStatus(c));
            assertEquals(0, count(c, "invalid"));
        }
    }

    /** Server threads of sessions waiting in group commit's queue for a leader. */
    private static long threadsQueuedInGroupCommit() {
        return Thread.getAllStackTraces().values().stream().filter(stack -> {
            boolean inCommit = false;
            for (StackTraceElement f : stack) {
                if (f.getClassName().equals(GroupCommit.class.getName()) && f.getMethodName().equals("commit")) {
                    inCommit = true;
                }
                if (f.getClassName().equals(GroupCommit.class.getName()) && f.getMethodName().equals("lead")) {
                    return false;
                }
            }
            return inCommit;
        }).count();
    }

    @Test
    void concurrentCommitsShareFlushesAndSyncs() throws Exception {
        int n = 16;
        List<Connection> sessions = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Long> ids = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Connection c = DriverManager.getConnection(server.jdbcUrl("root", "hk"));
                sessions.add(c);
                ids.add(connectionId(c));
            }
            HookRecorder rec = recorder();
            AtomicBoolean first = new AtomicBoolean(true);
            AtomicBoolean othersQueued = new AtomicBoolean();
            registerStorage(new BinlogStorageObserver() {
                @Override
                public void afterFlush(BinlogStorageParam param) {
                    if (!first.getAndSet(false)) return;
                    // hold the first group's flush stage until every other committer is queued behind it
                    try {
                        Poll.until("every other committer to queue behind the first group", WAIT,
                                () -> threadsQueuedInGroupCommit() >= n - 1);
                        othersQueued.set(true);
                    } catch (AssertionError timedOut) {
                        // othersQueued stays false: the test fails on it, not inside the commit pipeline
                    }
                }
            }, "flush_gate");
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> results = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Connection c = sessions.get(i);
                String v = "group " + i;
                results.add(pool.submit(() -> {
                    go.await();
                    SqlRunner.on(c).executeAll("INSERT INTO t (v) VALUES ('" + v + "')");
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : results) f.get(60, TimeUnit.SECONDS);
            assertTrue(othersQueued.get(), "the other 15 committers queued behind the first group");

            List<Call> commits = rec.calls(c -> c.hook().equals("after_commit") && ids.contains(c.threadId()));
            List<Call> flushes = rec.calls(c -> c.hook().equals("after_flush"));
            List<Call> syncs = rec.calls(c -> c.hook().equals("after_sync"));
            assertEquals(n, commits.size(), rec.calls().toString());
            assertEquals(Set.copyOf(ids), commits.stream().map(Call::threadId).collect(Collectors.toSet()));
            assertEquals(n, commits.stream().map(Call::pos).distinct().count(), "each transaction has its own end");
            assertTrue(flushes.size() < n, "group commit: " + flushes.size() + " flushes for " + n + " commits");
            assertTrue(flushes.size() >= 2, "the first group was flushed before the others queued: " + flushes);
            assertEquals(sortedPositions(flushes), sortedPositions(syncs), "one after_sync per group, same end");
            String file = flushes.get(0).file();
            for (Call c : rec.calls()) {
                if (c.file() != null) assertEquals(file, c.file(), c.toString());
            }
            List<Long> commitPositions = commits.stream().map(Call::pos).toList();
            for (Call f : flushes) {
                assertTrue(commitPositions.contains(f.pos()), "a group ends where its last transaction ends: " + f);
            }
            for (Call c : commits) {
                assertTrue(flushes.stream().anyMatch(f -> f.pos() >= c.pos()), "inside some group: " + c);
            }
            try (Connection c = DriverManager.getConnection(server.jdbcUrl("root", "hk"))) {
                assertEquals(List.of(List.of(Integer.toString(n))),
                        SqlRunner.on(c).rows("SELECT COUNT(*) FROM t WHERE v LIKE 'group %'"));
            }
        } finally {
            pool.shutdownNow();
            for (Connection c : sessions) c.close();
        }
    }

    private static List<Long> sortedPositions(List<Call> calls) {
        List<Long> p = new ArrayList<>(calls.stream().map(Call::pos).toList());
        Collections.sort(p);
        return p;
    }

    @Test
    void readersNeverSeePastThePublishedEnd() throws Exception {
        BinlogService binlog = server.server().binlog();
        List<LogPosition[]> atFlush = Collections.synchronizedList(new ArrayList<>());
        List<LogPosition[]> atSync = Collections.synchronizedList(new ArrayList<>());
        registerStorage(new BinlogStorageObserver() {
            @Override
            public void afterFlush(BinlogStorageParam param) {
                atFlush.add(new LogPosition[] {binlog.publishedEnd(), param.position()});
            }

            @Override
            public void afterSync(BinlogStorageParam param) {
                atSync.add(new LogPosition[] {binlog.publishedEnd(), param.position()});
            }
        }, "published_end_probe");

        // one commit alone: after its sync the published end is exactly its end
        try (Connection c = DriverManager.getConnection(server.jdbcUrl("root", "hk"))) {
            SqlRunner.on(c).executeAll("INSERT INTO t (v) VALUES ('alone')");
            LogPosition[] sync = atSync.get(0);
            assertEquals(sync[1], sync[0], "published end at after_sync");
            assertTrue(atFlush.get(0)[0].compareTo(atFlush.get(0)[1]) < 0, "not yet published at after_flush");
        }

        AtomicBoolean done = new AtomicBoolean();
        AtomicInteger reads = new AtomicInteger();
        AtomicInteger eventsRead = new AtomicInteger();
        int writers = 6;
        int perWriter = 15;
        ExecutorService pool = Executors.newFixedThreadPool(writers + 1);
        try {
            Future<?> reader = pool.submit((Callable<Void>) () -> {
                while (!done.get()) {
                    LogPosition end = binlog.publishedEnd();
                    try (BinlogReader r = BinlogReader.open(binlog.layer(), binlog.files().path(end.file()))) {
                        // every event up to the published end is whole and its CRC32 verifies
                        List<PositionedEvent> events = r.readAll(4, end.offset());
                        PositionedEvent last = events.get(events.size() - 1);
                        assertEquals(end.offset(), last.endPosition(), "the published end is an event boundary");
                        for (PositionedEvent e : events) {
                            if (e.position() > 4) assertEquals(e.endPosition(), e.header().nextPosition());
                        }
                        eventsRead.addAndGet(events.size());
                    }
                    reads.incrementAndGet();
                }
                return null;
            });
            List<Future<?>> work = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                work.add(pool.submit((Callable<Void>) () -> {
                    try (Connection c = DriverManager.getConnection(server.jdbcUrl("root", "hk"))) {
                        for (int i = 0; i < perWriter; i++) {
                            if (i % 3 == 0) {
                                SqlRunner.on(c).executeAll("BEGIN", "INSERT INTO t (v) VALUES ('w" + writer + "-" + i + "')",
                                        "UPDATE t SET v = 'w" + writer + "-" + i + "u' WHERE v = 'w" + writer + "-" + i
                                                + "'", "COMMIT");
                            } else {
                                SqlRunner.on(c).executeAll("INSERT INTO t (v) VALUES ('w" + writer + "-" + i + "')");
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : work) f.get(60, TimeUnit.SECONDS);
            done.set(true);
            reader.get(30, TimeUnit.SECONDS);
        } finally {
            done.set(true);
            pool.shutdownNow();
        }
        assertTrue(reads.get() > 0 && eventsRead.get() > 0);
        synchronized (atFlush) {
            for (LogPosition[] f : atFlush) {
                assertTrue(f[0].compareTo(f[1]) < 0, "at after_flush the published end " + f[0]
                        + " is before the group end " + f[1]);
            }
        }
        synchronized (atSync) {
            for (LogPosition[] s : atSync) {
                // a later group may already have published past this one (it is flushed while this one syncs)
                assertTrue(s[0].compareTo(s[1]) >= 0, "at after_sync the published end " + s[0]
                        + " includes the group end " + s[1]);
            }
        }
        assertEquals(atFlush.size(), atSync.size());
        assertEquals(binlog.publishedEnd(), atSync.stream().map(s -> s[1]).max(LogPosition::compareTo).get());
    }

    @Test
    void theNextGroupIsFlushedWhileAGroupWaitsInAfterSync() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch firstBlocked = new CountDownLatch(1);
        AtomicBoolean firstSyncReturned = new AtomicBoolean();
        AtomicInteger syncs = new AtomicInteger();
        List<String> flushesWhileBlocked = Collections.synchronizedList(new ArrayList<>());
        List<LogPosition> flushes = Collections.synchronizedList(new ArrayList<>());
        registerStorage(new BinlogStorageObserver() {
            @Override
            public void afterFlush(BinlogStorageParam param) {
                flushes.add(param.position());
                if (firstBlocked.getCount() == 0 && !firstSyncReturned.get()) {
                    flushesWhileBlocked.add(param.position().file() + ":" + param.position().offset());
                }
            }

            @Override
            public void afterSync(BinlogStorageParam param) {
                if (syncs.incrementAndGet() != 1) return;
                firstBlocked.countDown();
                try {
                    // as semisync's AFTER_SYNC wait does; bounded so a broken server cannot hang the build
                    release.await(WAIT.toSeconds(), TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    firstSyncReturned.set(true);
                }
            }
        }, "sync_gate");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (Connection a = DriverManager.getConnection(server.jdbcUrl("root", "hk"));
             Connection b = DriverManager.getConnection(server.jdbcUrl("root", "hk"))) {
            Future<?> first = pool.submit((Callable<Void>) () -> {
                SqlRunner.on(a).executeAll("INSERT INTO t (v) VALUES ('first group')");
                return null;
            });
            assertTrue(firstBlocked.await(WAIT.toSeconds(), TimeUnit.SECONDS), "the first group reached after_sync");
            Future<?> second = pool.submit((Callable<Void>) () -> {
                SqlRunner.on(b).executeAll("INSERT INTO t (v) VALUES ('second group')");
                return null;
            });
            Poll.until("the second transaction's after_flush and after_sync", WAIT, () -> syncs.get() >= 2);
            assertFalse(firstSyncReturned.get(), "the first group is still in after_sync");
            assertEquals(1, flushesWhileBlocked.size(), "the second group was written and synced meanwhile");
            assertTrue(flushes.get(1).compareTo(flushes.get(0)) > 0, flushes.toString());
            assertFalse(first.isDone());
            release.countDown();
            first.get(30, TimeUnit.SECONDS);
            second.get(30, TimeUnit.SECONDS);
            assertEquals(1, count(a, "first group"));
            assertEquals(1, count(a, "second group"));
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
    }
}
