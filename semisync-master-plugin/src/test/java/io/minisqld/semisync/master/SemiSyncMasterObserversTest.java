package io.minisqld.semisync.master;

import io.minisqld.plugin.api.LogPosition;
import io.minisqld.plugin.api.ObserverRegistration;
import io.minisqld.plugin.api.PluginContext;
import io.minisqld.plugin.api.ServerInfo;
import io.minisqld.plugin.api.SessionView;
import io.minisqld.plugin.api.observer.BinlogStorageParam;
import io.minisqld.plugin.api.observer.EventPacket;
import io.minisqld.plugin.api.observer.ReplicaConnection;
import io.minisqld.plugin.api.observer.TransmitParam;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadFactory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The glue's per-dump decisions (spec §2.3, §2.5, §2.6) with fake sessions and connections. */
class SemiSyncMasterObserversTest {
    private final RecordingLog log = new RecordingLog();
    private final SemiSyncMaster master = new SemiSyncMaster(log, 60_000, 1, true);
    private final Map<Long, Map<String, Object>> userVariables = new HashMap<>();
    private final List<String> receiverCalls = new ArrayList<>();
    private final SemiSyncMasterObservers observers = new SemiSyncMasterObservers(master, new AckReceiver() {
        @Override
        public void start() {
        }

        @Override
        public void stop() {
        }

        @Override
        public void add(long serverId, ReplicaConnection connection) {
            receiverCalls.add("add " + serverId);
        }

        @Override
        public void remove(ReplicaConnection connection) {
            receiverCalls.add("remove " + connection.threadId());
        }
    }, new SessionsOnly(), log, () -> false);

    private static LogPosition pos(long offset) {
        return LogPosition.of("mysql-bin.000003", offset);
    }

    /** Header bytes a dump reserves for one packet. */
    private byte[] header(TransmitParam param) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        observers.reserveHeader(param, more -> bytes.write(more, 0, more.length));
        return bytes.toByteArray();
    }

    @Test
    void aDumpSessionWithTheUserVariableIsASemisyncReplica() {
        userVariables.put(11L, Map.of("rpl_semi_sync_slave", 1L));
        FakeReplicaConnection semi = new FakeReplicaConnection(11);
        FakeReplicaConnection async = new FakeReplicaConnection(12);
        TransmitParam semiParam = new TransmitParam(2, 0, semi);
        TransmitParam asyncParam = new TransmitParam(3, 0, async);

        observers.transmitStart(semiParam, LogPosition.of("mysql-bin.000003", 621));
        observers.transmitStart(asyncParam, LogPosition.of("mysql-bin.000003", 621));

        assertTrue(semiParam.shouldObserve());
        assertFalse(asyncParam.shouldObserve());
        assertArrayEquals(new byte[]{(byte) 0xEF, 0x00}, header(semiParam));
        assertArrayEquals(new byte[0], header(asyncParam));
        assertEquals(1, master.status().clients());
        assertEquals(List.of("add 2"), receiverCalls);

        observers.transmitStop(semiParam);
        observers.transmitStop(asyncParam);
        assertEquals(0, master.status().clients());
        assertEquals(List.of("add 2", "remove 11"), receiverCalls);
        assertEquals(List.of(
                "[Note] Start semi-sync binlog_dump to slave (server_id: 2), pos(mysql-bin.000003, 621)",
                "[Note] Start asynchronous binlog_dump to slave (server_id: 3), pos(mysql-bin.000003, 621)",
                "[Note] Stop semi-sync binlog_dump to slave (server_id: 2)",
                "[Note] Stop asynchronous binlog_dump to slave (server_id: 3)"), log.lines());
    }

    @Test
    void theLastEventOfAWaitedTransactionCarriesTheSyncFlagAndIsFlushed() {
        master.enable();
        userVariables.put(11L, Map.of("rpl_semi_sync_slave", "1"));
        FakeReplicaConnection connection = new FakeReplicaConnection(11);
        TransmitParam param = new TransmitParam(2, 0, connection);
        observers.transmitStart(param, LogPosition.of("mysql-bin.000003", 4));
        observers.afterFlush(new BinlogStorageParam(1, LogPosition.of("mysql-bin.000003", 300)));

        byte[] middle = {0x00, (byte) 0xEF, 0x00, 1, 2, 3};
        observers.beforeSendEvent(param, new EventPacket(middle, 0, middle.length, 2,
                LogPosition.of("mysql-bin.000003", 250)));
        observers.afterSendEvent(param, new byte[]{1, 2, 3}, null);
        assertEquals(0x00, middle[2]);
        assertEquals(0, connection.flushes.get());

        byte[] last = {0x00, (byte) 0xEF, 0x00, 1, 2, 3};
        observers.beforeSendEvent(param, new EventPacket(last, 0, last.length, 2,
                LogPosition.of("mysql-bin.000003", 300)));
        assertEquals(0x01, last[2]);
        observers.afterSendEvent(param, new byte[]{1, 2, 3}, null);
        assertEquals(1, connection.flushes.get());
        assertEquals(1, connection.sequenceResets.get());
        assertEquals(1, master.status().netWaits());
    }

    @Test
    void aSkippedFlaggedEventCountsAsAcknowledged() {
        master.enable();
        master.setTimeoutMillis(0);
        userVariables.put(11L, Map.of("rpl_semi_sync_slave", 1L));
        FakeReplicaConnection connection = new FakeReplicaConnection(11);
        TransmitParam param = new TransmitParam(2, 0, connection);
        observers.transmitStart(param, LogPosition.of("mysql-bin.000003", 4));
        observers.afterFlush(new BinlogStorageParam(1, LogPosition.of("mysql-bin.000003", 300)));
        // times out at once: OFF
        observers.afterSync(new BinlogStorageParam(1, LogPosition.of("mysql-bin.000003", 300)));
        assertFalse(master.status().status());

        byte[] packet = {0x00, (byte) 0xEF, 0x00, 9};
        observers.beforeSendEvent(param, new EventPacket(packet, 0, packet.length, 2,
                LogPosition.of("mysql-bin.000003", 300)));
        assertEquals(0x01, packet[2], "OFF: the newest commit asks for a reply");
        observers.afterSendEvent(param, new byte[]{9}, LogPosition.of("mysql-bin.000003", 300));
        assertTrue(master.status().status(), "the skipped event's position switched semisync back ON");
        assertEquals(0, connection.flushes.get());
    }

    @Test
    void userVariableValuesCountAsMysqlsIntegerTest() {
        assertTrue(SemiSyncMasterObservers.nonZero(1L));
        assertTrue(SemiSyncMasterObservers.nonZero("1"));
        assertFalse(SemiSyncMasterObservers.nonZero(0L));
        assertFalse(SemiSyncMasterObservers.nonZero("abc"));
        assertFalse(SemiSyncMasterObservers.nonZero("0"));
    }

    /** A context that knows only sessions and their user variables. */
    private final class SessionsOnly implements PluginContext {
        @Override
        public String pluginName() {
            return SemiSyncMasterPlugin.NAME;
        }

        @Override
        public ServerInfo server() {
            throw new UnsupportedOperationException();
        }

        @Override
        public ObserverRegistration observers() {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<Object> variable(String name) {
            return Optional.empty();
        }

        @Override
        public Optional<SessionView> session(long connectionId) {
            Map<String, Object> vars = userVariables.getOrDefault(connectionId, Map.of());
            return Optional.of(new SessionView() {
                private String state;

                @Override
                public long id() {
                    return connectionId;
                }

                @Override
                public Optional<Object> userVariable(String name) {
                    return Optional.ofNullable(vars.get(name));
                }

                @Override
                public void setState(String text) {
                    state = text;
                }

                @Override
                public String state() {
                    return state;
                }
            });
        }

        @Override
        public ThreadFactory threadFactory(String namePrefix) {
            return Thread::new;
        }
    }
}
