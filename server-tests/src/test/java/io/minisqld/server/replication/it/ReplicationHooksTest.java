package io.minisqld.server.replication.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minisqld.plugin.api.LogPosition;
import io.minisqld.plugin.api.observer.BinlogRelayIoObserver;
import io.minisqld.plugin.api.observer.BinlogTransmitObserver;
import io.minisqld.plugin.api.observer.EventPacket;
import io.minisqld.plugin.api.observer.HeaderBuffer;
import io.minisqld.plugin.api.observer.ReadEvent;
import io.minisqld.plugin.api.observer.RelayIoParam;
import io.minisqld.plugin.api.observer.TransmitParam;
import io.minisqld.testcommon.Poll;
import io.minisqld.testsupport.MinisqldHarness;
import io.minisqld.testsupport.Replication;
import io.minisqld.testsupport.SqlRunner;
import io.minisqld.testsupport.Topology;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The binlog transmit hooks (on the source's dump thread) and the relay IO hooks (on the
 * replica's IO thread) run at MySQL 5.7's points with MySQL's arguments (spec semisync.md §1.6,
 * §1.7), seen by test observers registered through {@code server.observers()} on both ends: one
 * dump from {@code mysql-bin.000001:4} of a source that already logged some transactions, a live
 * transaction, STOP SLAVE, RESET SLAVE and RESET MASTER.
 */
class ReplicationHooksTest {
    private static final int ROTATE = 4;
    private static final int FORMAT_DESCRIPTION = 15;
    private static final int HEARTBEAT = 27;
    private static final Map<String, Integer> TYPE_CODES = Map.ofEntries(Map.entry("Query", 2), Map.entry("Intvar", 5),
            Map.entry("Xid", 16), Map.entry("Format_desc", FORMAT_DESCRIPTION), Map.entry("Rotate", ROTATE),
            Map.entry("Stop", 3), Map.entry("Previous_gtids", 35), Map.entry("Anonymous_Gtid", 34), Map.entry("Gtid", 33),
            Map.entry("Table_map", 19), Map.entry("Write_rows", 30), Map.entry("Update_rows", 31),
            Map.entry("Delete_rows", 32));

    @RegisterExtension
    final Topology topology = Topology.perTest();

    /** One hook call: its name, the param object it got, and the other arguments as values. */
    record Call(String hook, Object param, List<Object> args) {
        Object arg(int i) {
            return args.get(i);
        }
    }

    /** Records every transmit hook call; asks to observe every dump, as semisync does. */
    static final class TransmitRecorder implements BinlogTransmitObserver {
        final List<Call> calls = new ArrayList<>();

        private synchronized void add(String hook, Object param, Object... args) {
            calls.add(new Call(hook, param, Arrays.asList(args)));
        }

        synchronized List<Call> calls() {
            return List.copyOf(calls);
        }

        @Override
        public void transmitStart(TransmitParam param, LogPosition start) {
            param.requestObserve();
            add("transmit_start", param, param.serverId(), param.flags(), param.connection() != null, start.file(),
                    start.offset());
        }

        @Override
        public void transmitStop(TransmitParam param) {
            add("transmit_stop", param, param.serverId());
        }

        @Override
        public void reserveHeader(TransmitParam param, HeaderBuffer header) {
            add("reserve_header", param);
        }

        @Override
        public void beforeSendEvent(TransmitParam param, EventPacket packet) {
            ByteBuffer event = packet.event();
            add("before_send_event", param, event.get(4) & 0xFF, packet.position().file(), packet.position().offset());
        }

        @Override
        public void afterSendEvent(TransmitParam param, byte[] event, LogPosition skipped) {
            add("after_send_event", param, event[4] & 0xFF, logPosOf(event), skipped == null ? null : skipped.file(),
                    skipped == null ? 0L : skipped.offset());
        }

        @Override
        public void afterResetMaster(TransmitParam param) {
            add("after_reset_master", param, param.serverId(), param.flags(), param.connection() == null);
        }
    }

    /** Records every relay IO hook call with the param's coordinates and the event bytes. */
    static final class RelayRecorder implements BinlogRelayIoObserver {
        final List<Call> calls = new ArrayList<>();

        private synchronized void add(String hook, RelayIoParam param, Object... args) {
            calls.add(new Call(hook, param, Arrays.asList(args)));
        }

        synchronized List<Call> calls() {
            return List.copyOf(calls);
        }

        @Override
        public void threadStart(RelayIoParam param) {
            add("thread_start", param);
        }

        @Override
        public void threadStop(RelayIoParam param) {
            add("thread_stop", param);
        }

        @Override
        public void beforeRequestTransmit(RelayIoParam param, int flags) {
            add("before_request_transmit", param, flags);
        }

        @Override
        public void afterReadEvent(RelayIoParam param, ReadEvent event) {
            add("after_read_event", param, HexBytes.of(event.toByteArray()));
        }

        @Override
        public void afterQueueEvent(RelayIoParam param, byte[] event, boolean synced) {
            add("after_queue_event", param, HexBytes.of(event), synced);
        }

        @Override
        public void afterResetSlave(RelayIoParam param) {
            add("after_reset_slave", param);
        }
    }

    /** Event bytes compared by content. */
    record HexBytes(String hex, int type, long logPos) {
        static HexBytes of(byte[] event) {
            return new HexBytes(java.util.HexFormat.of().formatHex(event), event[4] & 0xFF, logPosOf(event));
        }
    }

    static long logPosOf(byte[] event) {
        return ByteBuffer.wrap(event, 13, 4).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xFFFFFFFFL;
    }


    /** One event of the source's binlog as SHOW BINLOG EVENTS lists it: file, type code, end position. */
    record Ev(String file, int type, long end) {
    }

    /** The events of one binlog file after its FORMAT_DESCRIPTION event, and that FDE's end. */
    private static List<Ev> eventsAfterFde(Connection c, String file, long[] fdeEnd) throws java.sql.SQLException {
        List<List<String>> rows = SqlRunner.on(c).rows("SHOW BINLOG EVENTS IN '" + file + "'");
        assertEquals("Format_desc", rows.get(0).get(2), rows.toString());
        fdeEnd[0] = Long.parseLong(rows.get(0).get(4));
        return rows.subList(1, rows.size()).stream()
                .map(r -> new Ev(file, TYPE_CODES.get(r.get(2)), Long.parseLong(r.get(4)))).toList();
    }

    @Test
    void transmitAndRelayIoHooksRunAtMysqlsPointsWithMysqlsArguments() throws Exception {
        MinisqldHarness source = topology.start(MinisqldHarness.inProcess().name("source").serverId(1).logBin());
        TransmitRecorder transmit = new TransmitRecorder();
        source.server().observers().binlogTransmit().register(transmit, "test_transmit_observer");
        Replication.createReplicationUser(source);
        try (Connection c = source.newConnection()) {
            Workload.schema(c, "hooks");
        }
        MinisqldHarness replica = topology.start(MinisqldHarness.inProcess().name("replica").serverId(2).logBin());
        RelayRecorder relay = new RelayRecorder();
        replica.server().observers().relayIo().register(relay, "test_relay_observer");
        Replication.startReplica(replica, source.port(), "MASTER_LOG_FILE='mysql-bin.000001'", "MASTER_LOG_POS=4");
        try (Connection c = source.newConnection()) {
            Workload.round(c, "hooks", 1);
            SqlRunner.on(c).executeAll("FLUSH LOGS");
            Workload.round(c, "hooks", 2);
        }
        Replication.awaitCaughtUp(replica, source);
        List<Ev> file1;
        List<Ev> file2;
        long[] fdeEnd1 = new long[1];
        long[] fdeEnd2 = new long[1];
        try (Connection c = source.newConnection()) {
            file1 = eventsAfterFde(c, "mysql-bin.000001", fdeEnd1);
            file2 = eventsAfterFde(c, "mysql-bin.000002", fdeEnd2);
        }
        assertEquals(ROTATE, file1.get(file1.size() - 1).type(), "file 1 ends with its ROTATE: " + file1);
        List<Ev> events = new ArrayList<>(file1);
        events.addAll(file2);

        try (Connection c = replica.newConnection()) {
            SqlRunner.on(c).executeAll("STOP SLAVE");
        }
        Poll.until("transmit_stop on the source after STOP SLAVE", Duration.ofSeconds(10),
                () -> last(transmit.calls()).hook().equals("transmit_stop"), () -> transmit.calls().toString());
        Poll.until("thread_stop on the replica after STOP SLAVE", Duration.ofSeconds(10),
                () -> last(relay.calls()).hook().equals("thread_stop"), () -> relay.calls().toString());

        assertTransmitCalls(transmit.calls(), events);
        // What the IO thread queues: per file the fake ROTATE (log_pos 0) and the FDE (its end, as
        // the dump starts at the file's beginning), then the file's events with their end positions.
        List<List<Long>> expectedQueue = new ArrayList<>();
        expectedQueue.add(List.of((long) ROTATE, 0L));
        expectedQueue.add(List.of((long) FORMAT_DESCRIPTION, fdeEnd1[0]));
        for (Ev e : file1) expectedQueue.add(List.of((long) e.type(), e.end()));
        expectedQueue.add(List.of((long) ROTATE, 0L));
        expectedQueue.add(List.of((long) FORMAT_DESCRIPTION, fdeEnd2[0]));
        for (Ev e : file2) expectedQueue.add(List.of((long) e.type(), e.end()));
        assertRelayCalls(relay.calls(), expectedQueue, source.port());

        try (Connection c = replica.newConnection()) {
            SqlRunner.on(c).executeAll("RESET SLAVE");
        }
        Call reset = last(relay.calls());
        assertEquals("after_reset_slave", reset.hook(), relay.calls().toString());
        RelayIoParam resetParam = (RelayIoParam) reset.param();
        assertEquals(2, resetParam.serverId());
        assertNull(resetParam.source());

        try (Connection c = source.newConnection()) {
            SqlRunner.on(c).executeAll("RESET MASTER");
        }
        Call resetMaster = last(transmit.calls());
        assertEquals("after_reset_master", resetMaster.hook(), transmit.calls().toString());
        assertEquals(List.of(1L, 0, true), resetMaster.args(), "server id (this server's), flags, no connection");
    }

    private static void assertTransmitCalls(List<Call> calls, List<Ev> events) {
        String all = calls.toString();
        Call start = calls.get(0);
        assertEquals("transmit_start", start.hook(), all);
        assertEquals(List.of(2L, 0, true, "mysql-bin.000001", 4L), start.args(), "transmit_start(server id, flags, connection, file, pos)");
        TransmitParam param = (TransmitParam) start.param();
        for (Call c : calls) assertSame(param, c.param(), "one TransmitParam per dump: " + c);
        assertEquals(1, calls.stream().filter(c -> c.hook().equals("transmit_start")).count(), all);
        assertEquals(1, calls.stream().filter(c -> c.hook().equals("transmit_stop")).count(), all);
        assertEquals(List.of(2L), last(calls).args());

        // The fake ROTATE and the FORMAT_DESCRIPTION event get a header but no send hooks (MySQL's
        // Binlog_sender sends them outside its event loop); then the first event its header.
        int firstSend = indexOf(calls, "before_send_event", 0);
        assertEquals(List.of("reserve_header", "reserve_header", "reserve_header"),
                calls.subList(1, firstSend).stream().map(Call::hook).toList(), all);

        // Each event read from a file: reserve_header, before_send_event with the file's base name
        // and the event's end, after_send_event with the event and no skipped position.
        int i = firstSend;
        for (Ev e : events) {
            i = indexOf(calls, "before_send_event", i);
            assertTrue(i > 0, "no before_send_event for " + e + " in " + all);
            assertEquals("reserve_header", calls.get(i - 1).hook(), "reserve_header right before " + calls.get(i));
            assertEquals(List.of(e.type(), e.file(), e.end()), calls.get(i).args(), "before_send_event of " + e);
            Call after = calls.get(i + 1);
            assertEquals("after_send_event", after.hook(), all);
            assertEquals(Arrays.asList(e.type(), e.end(), null, 0L), after.args(), "after_send_event of " + e);
            if (e.type() == ROTATE) {
                // The switch to the next file: its fake ROTATE and FDE (headers only), maybe
                // heartbeats while it has no event yet, then the first event's header.
                int next = indexOf(calls, "before_send_event", i + 2);
                List<String> between = calls.subList(i + 2, next).stream().map(Call::hook).distinct().toList();
                assertEquals(List.of("reserve_header"), between, all);
                assertTrue(next - (i + 2) >= 3, "fake rotate, FDE and event headers after the ROTATE: " + all);
            }
            i += 2;
        }
        assertEquals(-1, indexOf(calls, "before_send_event", i), "events sent beyond the binlog: " + all);
        // Between and after the events only heartbeats: a header each, no send hooks.
        for (Call c : calls.subList(firstSend, calls.size() - 1)) {
            assertTrue(List.of("reserve_header", "before_send_event", "after_send_event").contains(c.hook()), all);
        }
    }

    private static void assertRelayCalls(List<Call> calls, List<List<Long>> expectedQueue, int sourcePort) {
        String all = calls.toString();
        Call start = calls.get(0);
        assertEquals("thread_start", start.hook(), all);
        RelayIoParam p = (RelayIoParam) start.param();
        assertEquals(new RelayIoParam(2, p.threadId(), "", "127.0.0.1", sourcePort, "repl",
                LogPosition.of("mysql-bin.000001", 4), null), p);

        Call request = calls.get(1);
        assertEquals("before_request_transmit", request.hook(), all);
        assertEquals(List.of(0), request.args(), "dump flags");
        assertNotNull(((RelayIoParam) request.param()).source(), "before_request_transmit has the source connection");

        Call stop = last(calls);
        assertEquals("thread_stop", stop.hook(), all);
        assertNull(((RelayIoParam) stop.param()).source());

        // Every packet read is queued: after_read_event and after_queue_event alternate, same bytes.
        List<Call> body = calls.subList(2, calls.size() - 1);
        assertEquals(0, body.size() % 2, all);
        List<List<Long>> queued = new ArrayList<>();
        for (int i = 0; i < body.size(); i += 2) {
            Call read = body.get(i);
            Call queue = body.get(i + 1);
            assertEquals("after_read_event", read.hook(), all);
            assertEquals("after_queue_event", queue.hook(), all);
            assertEquals(read.arg(0), queue.arg(0), "the queued event is the event read");
            // synced is not asserted: MySQL passes false, the API lets this server say the relay log is on disk.
            RelayIoParam qp = (RelayIoParam) queue.param();
            assertNotNull(qp.source());
            HexBytes event = (HexBytes) queue.arg(0);
            if (event.type() == HEARTBEAT) continue;
            queued.add(List.of((long) event.type(), event.logPos()));
            if (event.type() != ROTATE && event.type() != FORMAT_DESCRIPTION) {
                // After queueing, the coordinates received so far are the end of this event.
                assertEquals(event.logPos(), qp.position().offset(), "after_queue_event coordinates: " + queue);
            }
        }
        assertEquals(expectedQueue, queued, "events queued (type, log_pos) vs the source's SHOW BINLOG EVENTS");
    }

    private static int indexOf(List<Call> calls, String hook, int from) {
        for (int i = from; i < calls.size(); i++) {
            if (calls.get(i).hook().equals(hook)) return i;
        }
        return -1;
    }

    private static Call last(List<Call> calls) {
        return calls.isEmpty() ? new Call("(none)", null, List.of()) : calls.get(calls.size() - 1);
    }
}
