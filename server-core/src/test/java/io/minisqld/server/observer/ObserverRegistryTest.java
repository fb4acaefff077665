package io.minisqld.server.observer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import io.minisqld.plugin.api.LogPosition;
import io.minisqld.plugin.api.observer.BinlogRelayIoObserver;
import io.minisqld.plugin.api.observer.BinlogStorageObserver;
import io.minisqld.plugin.api.observer.BinlogStorageParam;
import io.minisqld.plugin.api.observer.BinlogTransmitObserver;
import io.minisqld.plugin.api.observer.EventPacket;
import io.minisqld.plugin.api.observer.HeaderBuffer;
import io.minisqld.plugin.api.observer.ObserverFamily;
import io.minisqld.plugin.api.observer.ReadEvent;
import io.minisqld.plugin.api.observer.RelayIoParam;
import io.minisqld.plugin.api.observer.ReplicaConnection;
import io.minisqld.plugin.api.observer.ServerStateObserver;
import io.minisqld.plugin.api.observer.ServerStateParam;
import io.minisqld.plugin.api.observer.TransactionObserver;
import io.minisqld.plugin.api.observer.TransactionParam;
import io.minisqld.plugin.api.observer.TransmitParam;
import io.minisqld.server.error.ErrorCode;
import io.minisqld.server.error.SqlError;
import io.minisqld.testcommon.Poll;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class ObserverRegistryTest {
    private static final TransactionParam COMMIT =
            new TransactionParam(1, "3e11fa47-71ca-11e1-9e33-c80aa9429562", 7, true, null);

    private final Logger logger = (Logger) LoggerFactory.getLogger(ObserverDelegate.class);
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final ObserverRegistry observers = new ObserverRegistry();
    private final List<String> calls = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void captureLog() {
        log.start();
        logger.addAppender(log);
    }

    @AfterEach
    void releaseLog() {
        logger.detachAppender(log);
    }

    /** A transaction observer that records each call as "name:hook". */
    private TransactionObserver recording(String name) {
        return new TransactionObserver() {
            @Override
            public void beforeCommit(TransactionParam param) {
                calls.add(name + ":before_commit");
            }

            @Override
            public void afterCommit(TransactionParam param) {
                LogPosition end = param.position();
                calls.add(name + ":after_commit:" + (end == null ? "null:0" : end.file() + ":" + end.offset()));
            }
        };
    }

    private TransactionObserver failingBeforeCommit(String name) {
        return new TransactionObserver() {
            @Override
            public void beforeCommit(TransactionParam param) {
                calls.add(name + ":before_commit");
                throw new IllegalStateException("semi-sync says no");
            }
        };
    }

    private List<String> errorLines() {
        return log.list.stream().filter(e -> e.getLevel() == Level.ERROR).map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Test
    void observersRunInRegistrationOrder() {
        assertTrue(observers.transaction().register(recording("a"), "plugin_a"));
        assertTrue(observers.transaction().register(recording("b"), "plugin_b"));
        assertTrue(observers.transaction().register(recording("c"), "plugin_c"));

        assertTrue(observers.transaction().beforeCommit(COMMIT));
        assertTrue(observers.transaction().afterCommit(
                new TransactionParam(1, "u", 7, true, LogPosition.of("binlog.000001", 1234))));

        assertEquals(List.of("a:before_commit", "b:before_commit", "c:before_commit",
                "a:after_commit:binlog.000001:1234", "b:after_commit:binlog.000001:1234",
                "c:after_commit:binlog.000001:1234"), calls);
        assertEquals(List.of("plugin_a", "plugin_b", "plugin_c"), observers.transaction().pluginNames());
        assertEquals(List.of(), errorLines());
    }

    @Test
    void firstFailingObserverStopsTheChainAndIsLoggedAsMysqlDoes() {
        observers.transaction().register(recording("a"), "audit_log");
        observers.transaction().register(failingBeforeCommit("b"), "rpl_semi_sync_master");
        observers.transaction().register(recording("c"), "latency");

        assertFalse(observers.transaction().beforeCommit(COMMIT));

        assertEquals(List.of("a:before_commit", "b:before_commit"), calls);
        assertEquals(List.of("Run function 'before_commit' in plugin 'rpl_semi_sync_master' failed"), errorLines());
        ILoggingEvent line = log.list.get(0);
        assertEquals(Level.ERROR, line.getLevel());
        assertEquals("semi-sync says no", ((ThrowableProxy) line.getThrowableProxy()).getThrowable().getMessage());

        // What the commit pipeline turns a false before_commit into (spec semisync.md §1.3).
        SqlError error = ErrorCode.ER_RUN_HOOK_ERROR.error("before_commit");
        assertEquals(3100, error.number());
        assertEquals("HY000", error.sqlState());
        assertEquals("Error on observer while running replication hook 'before_commit'.", error.getMessage());

        // The failure is per call: hooks that the failing observer does not override still reach everyone.
        calls.clear();
        assertTrue(observers.transaction().afterCommit(COMMIT));
        assertEquals(List.of("a:after_commit:null:0", "c:after_commit:null:0"), calls);
    }

    @Test
    void everyFamilyLogsItsOwnHookName() {
        observers.binlogStorage().register(new BinlogStorageObserver() {
            @Override
            public void afterSync(BinlogStorageParam param) {
                throw new RuntimeException("ack timeout");
            }
        }, "rpl_semi_sync_master");
        observers.serverState().register(new ServerStateObserver() {
            @Override
            public void beforeHandleConnection(ServerStateParam param) {
                throw new RuntimeException("no");
            }
        }, "daemon_example");
        observers.relayIo().register(new BinlogRelayIoObserver() {
            @Override
            public void afterReadEvent(RelayIoParam param, ReadEvent event) {
                throw new RuntimeException("Missing magic number for semi-sync packet, packet len: 3");
            }
        }, "rpl_semi_sync_slave");

        assertTrue(observers.binlogStorage().afterFlush(new BinlogStorageParam(1, LogPosition.of("binlog.000001", 154))));
        assertFalse(observers.binlogStorage().afterSync(new BinlogStorageParam(1, LogPosition.of("binlog.000001", 154))));
        assertFalse(observers.serverState().beforeHandleConnection(new ServerStateParam(1)));
        RelayIoParam relay = new RelayIoParam(2, 9, "", "127.0.0.1", 3307, "repl", LogPosition.of("binlog.000001", 154), null);
        assertFalse(observers.relayIo().afterReadEvent(relay, new ReadEvent(new byte[] {0, 1, 2}, 1, 2)));

        assertEquals(List.of("Run function 'after_sync' in plugin 'rpl_semi_sync_master' failed",
                "Run function 'before_handle_connection' in plugin 'daemon_example' failed",
                "Run function 'after_read_event' in plugin 'rpl_semi_sync_slave' failed"), errorLines());
    }

    @Test
    void registeringTheSameObserverTwiceIsRefused() {
        TransactionObserver a = recording("a");
        assertTrue(observers.transaction().register(a, "plugin_a"));
        assertFalse(observers.transaction().register(a, "plugin_a"));
        assertFalse(observers.transaction().register(a, "other_name"));

        observers.transaction().beforeCommit(COMMIT);
        assertEquals(List.of("a:before_commit"), calls);
        assertEquals(List.of("plugin_a"), observers.transaction().pluginNames());
    }

    @Test
    void unregisteringAnUnknownObserverIsReported() {
        TransactionObserver a = recording("a");
        assertFalse(observers.transaction().unregister(a));
        observers.transaction().register(a, "plugin_a");
        assertTrue(observers.transaction().unregister(a));
        assertFalse(observers.transaction().unregister(a));
        assertTrue(observers.transaction().isEmpty());

        observers.transaction().beforeCommit(COMMIT);
        assertEquals(List.of(), calls);
    }

    @Test
    void unregisterPluginRemovesWhatDeinitForgot() {
        observers.transaction().register(recording("a"), "forgetful");
        observers.transaction().register(recording("b"), "tidy");
        observers.binlogStorage().register(new BinlogStorageObserver() { }, "forgetful");

        assertEquals(2, observers.unregisterPlugin("forgetful"));
        assertEquals(0, observers.unregisterPlugin("forgetful"));
        assertEquals(List.of("tidy"), observers.transaction().pluginNames());
        assertTrue(observers.binlogStorage().isEmpty());
    }

    @Test
    void emptyListTakesNoLock() throws Exception {
        // With the write lock held elsewhere, a dispatch that touched the lock would block.
        observers.transaction().lock().writeLock().lock();
        try {
            boolean result = CompletableFuture.supplyAsync(() -> observers.transaction().beforeCommit(COMMIT)
                    && observers.transaction().afterCommit(COMMIT)).get(10, TimeUnit.SECONDS);
            assertTrue(result);
        } finally {
            observers.transaction().lock().writeLock().unlock();
        }
    }

    @Test
    void emptyListAllocatesNothing() {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        BinlogStorageParam storage = new BinlogStorageParam(1, LogPosition.of("binlog.000001", 154));
        boolean all = true;
        for (int i = 0; i < 20_000; i++) {
            all &= observers.transaction().beforeCommit(COMMIT);
            all &= observers.binlogStorage().afterSync(storage);
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 100_000; i++) {
            all &= observers.transaction().beforeCommit(COMMIT);
            all &= observers.binlogStorage().afterSync(storage);
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertTrue(all);
        // 200,000 dispatches: anything per call would be megabytes; allow the probe's own bytes.
        assertTrue(allocated < 4096, "allocated " + allocated + " bytes");
    }

    @Test
    void registeringFromInsideAHookIsRefusedCleanly() {
        TransactionObserver late = recording("late");
        observers.transaction().register(new TransactionObserver() {
            @Override
            public void beforeCommit(TransactionParam param) {
                observers.transaction().register(late, "late_plugin");
            }

            @Override
            public void afterCommit(TransactionParam param) {
                // Another family of the same registry: refused too (lock-order deadlock otherwise).
                observers.binlogStorage().register(new BinlogStorageObserver() { }, "late_plugin");
            }

            @Override
            public void afterRollback(TransactionParam param) {
                observers.transaction().unregister(this);
            }
        }, "reentrant");

        assertFalse(observers.transaction().beforeCommit(COMMIT));
        assertFalse(observers.transaction().afterCommit(COMMIT));
        assertFalse(observers.transaction().afterRollback(COMMIT));

        assertEquals(List.of("reentrant"), observers.transaction().pluginNames());
        assertTrue(observers.binlogStorage().isEmpty());
        assertEquals(List.of("Run function 'before_commit' in plugin 'reentrant' failed",
                "Run function 'after_commit' in plugin 'reentrant' failed",
                "Run function 'after_rollback' in plugin 'reentrant' failed"), errorLines());
        Throwable cause = ((ThrowableProxy) log.list.get(0).getThrowableProxy()).getThrowable();
        assertInstanceOf(IllegalStateException.class, cause);
        assertEquals("cannot register a replication observer from inside a replication hook", cause.getMessage());
    }

    @Test
    void unregisterWaitsForAHookInFlight() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        TransactionObserver waiting = new TransactionObserver() {
            @Override
            public void afterCommit(TransactionParam param) {
                calls.add("hook entered");
                entered.countDown();
                try {
                    // Semisync's after_commit blocks like this while it waits for the replica's ack.
                    assertTrue(release.await(30, TimeUnit.SECONDS));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
                calls.add("hook returned");
            }
        };
        observers.transaction().register(waiting, "rpl_semi_sync_master");

        CompletableFuture<Boolean> commit = CompletableFuture.supplyAsync(() -> observers.transaction().afterCommit(COMMIT));
        assertTrue(entered.await(30, TimeUnit.SECONDS));

        Thread uninstall = new Thread(() -> {
            assertTrue(observers.transaction().unregister(waiting));
            calls.add("unregistered");
        }, "uninstall");
        uninstall.start();
        Poll.until("unregister to wait for the lock", Duration.ofSeconds(30),
                () -> observers.transaction().lock().hasQueuedThread(uninstall));
        assertTrue(uninstall.isAlive());
        assertEquals(List.of("hook entered"), calls);

        release.countDown();
        uninstall.join(TimeUnit.SECONDS.toMillis(30));
        assertFalse(uninstall.isAlive());
        assertTrue(commit.get(30, TimeUnit.SECONDS));
        assertEquals(List.of("hook entered", "hook returned", "unregistered"), calls);

        // Once unregister returned the plugin is never called again.
        assertTrue(observers.transaction().afterCommit(COMMIT));
        assertEquals(3, calls.size());
    }


    @Test
    void registerAndUnregisterWhileAnotherThreadDispatches() throws Exception {
        int rounds = 2_000;
        TransactionObserver steady = recording("steady");
        observers.transaction().register(steady, "steady");
        List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch done = new CountDownLatch(1);
        int[] dispatches = {0};
        Thread dispatcher = new Thread(() -> {
            try {
                while (done.getCount() > 0) {
                    if (!observers.transaction().beforeCommit(COMMIT)) {
                        failures.add(new AssertionError("a dispatch failed"));
                    }
                    dispatches[0]++;
                }
            } catch (Throwable t) {
                failures.add(t);
            }
        }, "committer");
        dispatcher.start();
        try {
            for (int i = 0; i < rounds; i++) {
                TransactionObserver churn = new TransactionObserver() { };
                assertTrue(observers.transaction().register(churn, "churn"));
                assertTrue(observers.transaction().unregister(churn));
            }
        } finally {
            done.countDown();
            dispatcher.join(TimeUnit.SECONDS.toMillis(30));
        }
        assertFalse(dispatcher.isAlive());
        assertEquals(List.of(), failures);
        assertEquals(dispatches[0], calls.size());
        assertTrue(calls.stream().allMatch("steady:before_commit"::equals));
        assertEquals(List.of("steady"), observers.transaction().pluginNames());
    }

    @Test
    void reserveHeaderAllowsThirtyTwoBytesPerObserver() {
        observers.binlogTransmit().register(new BinlogTransmitObserver() {
            @Override
            public void reserveHeader(TransmitParam param, HeaderBuffer header) {
                header.append((byte) 0xEF, (byte) 0x00);
            }
        }, "rpl_semi_sync_master");
        observers.binlogTransmit().register(new BinlogTransmitObserver() {
            @Override
            public void reserveHeader(TransmitParam param, HeaderBuffer header) {
                header.append(new byte[32]);
            }
        }, "full_but_legal");
        TransmitParam dump = new TransmitParam(2, 0, new NoConnection());
        ReservedHeader header = new ReservedHeader();

        assertTrue(observers.binlogTransmit().reserveHeader(dump, header));
        assertEquals(34, header.length());
        byte[] packet = new byte[1 + header.length()];
        header.copyTo(packet, 1);
        assertEquals((byte) 0xEF, packet[1]);
        assertEquals(0, packet[2]);

        // Reused for the next packet, as the dump thread does.
        header.clear();
        observers.binlogTransmit().register(new BinlogTransmitObserver() {
            @Override
            public void reserveHeader(TransmitParam param, HeaderBuffer header) {
                header.append(new byte[20]);
                header.append(new byte[13]);
            }
        }, "greedy");
        assertFalse(observers.binlogTransmit().reserveHeader(dump, header));
        assertEquals(List.of("Run function 'reserve_header' in plugin 'greedy' failed"), errorLines());
    }

    @Test
    void beforeSendEventMaySetTheReservedFlagByteOnly() {
        observers.binlogTransmit().register(new BinlogTransmitObserver() {
            @Override
            public void beforeSendEvent(TransmitParam param, EventPacket packet) {
                if (packet.position().offset() == 1234) {
                    packet.set(2, (byte) 0x01);
                }
            }
        }, "rpl_semi_sync_master");
        observers.binlogTransmit().register(new BinlogTransmitObserver() {
            @Override
            public void beforeSendEvent(TransmitParam param, EventPacket packet) {
                packet.set(3, (byte) 0x7F); // the first event byte: not writable
            }
        }, "vandal");
        // 4-byte frame header, then OK byte, magic, flag, event.
        byte[] buffer = {9, 0, 0, 5, 0x00, (byte) 0xEF, 0x00, 0x10, 0x11};
        EventPacket packet = new EventPacket(buffer, 4, 5, 2, LogPosition.of("binlog.000001", 1234));
        TransmitParam dump = new TransmitParam(2, 0, new NoConnection());

        assertFalse(observers.binlogTransmit().beforeSendEvent(dump, packet));
        assertArrayEquals(new byte[] {9, 0, 0, 5, 0x00, (byte) 0xEF, 0x01, 0x10, 0x11}, buffer);
        assertEquals(List.of("Run function 'before_send_event' in plugin 'vandal' failed"), errorLines());
        assertEquals(2, packet.event().remaining());
        assertEquals(0x10, packet.event().get(0));
    }

    @Test
    void afterReadEventStripsTheSemisyncHeader() {
        observers.relayIo().register(new BinlogRelayIoObserver() {
            @Override
            public void afterReadEvent(RelayIoParam param, ReadEvent event) {
                if (event.get(0) == (byte) 0xEF) {
                    calls.add("need_reply=" + (event.get(1) & 0x01));
                    event.strip(2);
                }
            }

            @Override
            public void afterQueueEvent(RelayIoParam param, byte[] event, boolean synced) {
                calls.add("queued " + event.length + " synced=" + synced);
            }

            @Override
            public void beforeRequestTransmit(RelayIoParam param, int flags) {
                calls.add("dump flags " + flags);
            }
        }, "rpl_semi_sync_slave");
        RelayIoParam relay = new RelayIoParam(2, 9, "", "127.0.0.1", 3307, "repl", LogPosition.of("binlog.000001", 154), null);
        ReadEvent read = new ReadEvent(new byte[] {0x00, (byte) 0xEF, 0x01, 0x20, 0x21, 0x22}, 1, 5);

        assertTrue(observers.relayIo().beforeRequestTransmit(relay, 0));
        assertTrue(observers.relayIo().afterReadEvent(relay, read));
        assertArrayEquals(new byte[] {0x20, 0x21, 0x22}, read.toByteArray());
        assertEquals(3, read.offset());
        assertTrue(observers.relayIo().afterQueueEvent(relay, read.toByteArray(), false));
        assertEquals(List.of("dump flags 0", "need_reply=1", "queued 3 synced=false"), calls);
    }

    @Test
    void transmitObserveFlagsFollowMysql() {
        TransmitParam nobody = new TransmitParam(2, 0, new NoConnection());
        assertTrue(nobody.shouldObserve());

        TransmitParam declined = new TransmitParam(2, 0, new NoConnection());
        declined.declineObserve();
        assertFalse(declined.shouldObserve());

        TransmitParam both = new TransmitParam(2, 0, new NoConnection());
        both.declineObserve();
        both.requestObserve();
        assertTrue(both.shouldObserve());
        assertNull(new TransmitParam(1, 0, null).connection());
    }

    /** A family the plugin API does not have: what adding one takes (spec: none; a test family). */
    interface LoginObserver {
        default void afterLogin(String user) {
        }
    }

    private static final ObserverFamily<LoginObserver> LOGIN =
            new ObserverFamily<>("login", LoginObserver.class, List.of("after_login"));
    private static final Hook<LoginObserver, String> AFTER_LOGIN = new Hook<>(LOGIN, "after_login", LoginObserver::afterLogin);

    private LoginObserver login(String name, boolean fail) {
        return new LoginObserver() {
            @Override
            public void afterLogin(String user) {
                calls.add(name + ":after_login:" + user);
                if (fail) throw new IllegalStateException("no logins today");
            }
        };
    }

    @Test
    void aNewFamilyIsAConstantItsInterfaceAndItsHooks() {
        assertTrue(observers.run(AFTER_LOGIN, "root"));
        assertTrue(observers.of(LOGIN).isEmpty());
        assertTrue(observers.of(LOGIN).register(login("a", false), "plugin_a"));
        assertTrue(observers.of(LOGIN).register(login("b", true), "plugin_b"));
        assertTrue(observers.of(LOGIN).register(login("c", false), "plugin_c"));
        assertSame(observers.of(LOGIN), observers.of(new ObserverFamily<>("login", LoginObserver.class, List.of("after_login"))));

        assertFalse(observers.run(AFTER_LOGIN, "root"));

        assertEquals(List.of("a:after_login:root", "b:after_login:root"), calls);
        assertEquals(List.of("Run function 'after_login' in plugin 'plugin_b' failed"), errorLines());
        assertEquals(1, observers.unregisterPlugin("plugin_b"));
        calls.clear();
        assertTrue(observers.run(AFTER_LOGIN, "app"));
        assertEquals(List.of("a:after_login:app", "c:after_login:app"), calls);
    }

    @Test
    void aHookOfANewFamilyMayNotRegisterEither() {
        observers.of(LOGIN).register(new LoginObserver() {
            @Override
            public void afterLogin(String user) {
                observers.transaction().register(recording("late"), "late_plugin");
            }
        }, "reentrant");
        observers.transaction().register(new TransactionObserver() {
            @Override
            public void beforeCommit(TransactionParam param) {
                observers.of(LOGIN).register(login("late", false), "late_plugin");
            }
        }, "reentrant");

        assertFalse(observers.run(AFTER_LOGIN, "root"));
        assertFalse(observers.transaction().beforeCommit(COMMIT));

        assertEquals(List.of("reentrant"), observers.of(LOGIN).pluginNames());
        assertEquals(List.of("reentrant"), observers.transaction().pluginNames());
        assertEquals(List.of("Run function 'after_login' in plugin 'reentrant' failed",
                "Run function 'before_commit' in plugin 'reentrant' failed"), errorLines());
    }

    @Test
    void theGenericCallsReachTheTypedDelegates() {
        assertSame(observers.transaction(), observers.of(ObserverFamily.TRANSACTION));
        assertSame(observers.binlogStorage(), observers.of(ObserverFamily.BINLOG_STORAGE));
        assertSame(observers.serverState(), observers.of(ObserverFamily.SERVER_STATE));
        assertSame(observers.binlogTransmit(), observers.of(ObserverFamily.BINLOG_TRANSMIT));
        assertSame(observers.relayIo(), observers.of(ObserverFamily.BINLOG_RELAY_IO));

        observers.of(ObserverFamily.TRANSACTION).register(recording("a"), "plugin_a");
        assertTrue(observers.run(TransactionDelegate.BEFORE_COMMIT, COMMIT));
        assertEquals(List.of("a:before_commit"), calls);
    }

    @Test
    void aHookIsNamedAsItsFamilySays() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Hook<>(ObserverFamily.TRANSACTION, "before_comit", TransactionObserver::beforeCommit));
        assertEquals("the transaction family has no hook 'before_comit'", e.getMessage());
    }

    @Test
    void everyHookOfTheApiFamiliesIsDeclaredOnce() throws IllegalAccessException {
        Map<Class<?>, ObserverFamily<?>> delegates = Map.of(TransactionDelegate.class, ObserverFamily.TRANSACTION,
                BinlogStorageDelegate.class, ObserverFamily.BINLOG_STORAGE, ServerStateDelegate.class,
                ObserverFamily.SERVER_STATE, BinlogTransmitDelegate.class, ObserverFamily.BINLOG_TRANSMIT,
                RelayIoDelegate.class, ObserverFamily.BINLOG_RELAY_IO);
        for (Map.Entry<Class<?>, ObserverFamily<?>> d : delegates.entrySet()) {
            List<String> names = new ArrayList<>();
            for (Field f : d.getKey().getFields()) {
                if (Modifier.isStatic(f.getModifiers()) && f.getType() == Hook.class) {
                    Hook<?, ?> hook = (Hook<?, ?>) f.get(null);
                    assertSame(d.getValue(), hook.family(), f.getName());
                    names.add(hook.name());
                }
            }
            Collections.sort(names);
            List<String> expected = new ArrayList<>(d.getValue().hookNames());
            Collections.sort(expected);
            assertEquals(expected, names, d.getKey().getSimpleName());
        }
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void anObserverOfAnotherFamilyIsRefused() {
        ObserverDelegate raw = observers.transaction();
        assertThrows(ClassCastException.class, () -> raw.register(new BinlogStorageObserver() { }, "confused"));
        assertTrue(observers.transaction().isEmpty());
    }

    /** A dump connection for tests that never touch it. */
    private static final class NoConnection implements ReplicaConnection {
        @Override
        public Optional<byte[]> readPacket(Duration timeout) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void flush() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void resetSequence() {
            throw new UnsupportedOperationException();
        }

        @Override
        public long threadId() {
            return 0;
        }
    }
}
