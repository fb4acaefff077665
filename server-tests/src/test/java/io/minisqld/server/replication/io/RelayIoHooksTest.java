package io.minisqld.server.replication.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minisqld.plugin.api.LogPosition;
import io.minisqld.plugin.api.observer.BinlogRelayIoObserver;
import io.minisqld.plugin.api.observer.BinlogTransmitObserver;
import io.minisqld.plugin.api.observer.HeaderBuffer;
import io.minisqld.plugin.api.observer.ReadEvent;
import io.minisqld.plugin.api.observer.RelayIoParam;
import io.minisqld.plugin.api.observer.SourceQueryException;
import io.minisqld.plugin.api.observer.TransmitParam;
import io.minisqld.server.binlog.event.EventType;
import io.minisqld.server.replication.replica.IoThread;
import io.minisqld.server.replication.replica.MasterInfo;
import io.minisqld.server.storage.ForgetfulFileLayer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The relay IO hooks (semisync.md §1.7) in MySQL's order with their arguments: thread_start,
 * before_request_transmit (running queries on the source), after_read_event (stripping bytes a
 * source-side reserve_header put in front of each event), after_queue_event only once the event
 * is durable in the relay log, thread_stop.
 */
class RelayIoHooksTest {

    /** Puts two marker bytes in front of every event the source sends. */
    static final class MarkerHeader implements BinlogTransmitObserver {
        @Override
        public void reserveHeader(TransmitParam param, HeaderBuffer header) {
            header.append((byte) 0xAB, (byte) 0xCD);
        }
    }

    /** Records the calls; strips the markers; checks durability in after_queue_event. */
    static final class Recorder implements BinlogRelayIoObserver {
        final List<String> calls = new CopyOnWriteArrayList<>();
        final List<String> problems = new CopyOnWriteArrayList<>();
        volatile List<List<String>> sourceServerId;
        ForgetfulFileLayer layer;
        IoThreadRig kit;

        @Override
        public void threadStart(RelayIoParam p) {
            calls.add("thread_start " + p.serverId() + " " + p.host() + " " + p.user() + " '" + p.position().file()
                    + "' " + p.position().offset() + " source=" + (p.source() != null));
        }

        @Override
        public void beforeRequestTransmit(RelayIoParam p, int flags) {
            calls.add("before_request_transmit flags=" + flags + " '" + p.position().file() + "' " + p.position().offset());
            try {
                sourceServerId = p.source().query("SELECT @@server_id");
                p.source().query("SET @io_hook_test = 1");
            } catch (SourceQueryException | IOException e) {
                problems.add("query failed: " + e);
            }
        }

        @Override
        public void afterReadEvent(RelayIoParam p, ReadEvent e) {
            if ((e.get(0) & 0xFF) != 0xAB || (e.get(1) & 0xFF) != 0xCD) problems.add("no marker in front of an event");
            e.strip(2);
            calls.add("after_read_event type=" + (e.get(4) & 0xFF));
        }

        @Override
        public void afterQueueEvent(RelayIoParam p, byte[] event, boolean synced) {
            int type = event[4] & 0xFF;
            calls.add("after_queue_event type=" + type + " synced=" + synced + " pos=" + p.position().offset());
            if (type == EventType.HEARTBEAT.code() || !synced) return;
            try {
                // What a power loss would leave of the current relay log file must end with this event.
                Path file = kit.relayLog.path(kit.relayLog.currentFile());
                byte[] durable = layer.durableContent(file);
                byte[] tail = Arrays.copyOfRange(durable, durable.length - event.length, durable.length);
                if (!Arrays.equals(tail, event)) problems.add("event of type " + type + " not durable before after_queue_event");
            } catch (IOException | RuntimeException ex) {
                problems.add("durability check failed: " + ex);
            }
        }

        @Override
        public void threadStop(RelayIoParam p) {
            calls.add("thread_stop '" + p.position().file() + "' " + p.position().offset() + " source=" + (p.source() != null));
        }
    }

    @Test
    void hooksRunInMySqlsOrderAndAfterQueueEventSeesDurableBytes() throws Exception {
        try (IoThreadRig kit = IoThreadRig.start("hooks")) {
            kit.source.server().observers().binlogTransmit().register(new MarkerHeader(), "marker_header");
            Recorder rec = new Recorder();
            rec.layer = new ForgetfulFileLayer();
            rec.kit = kit;
            kit.replica.observers().relayIo().register(rec, "recorder");
            kit.workload("d1", 2);
            IoThread io = kit.newIoThread(rec.layer, kit.settings(kit.sourcePort, IoThreadRig.REPL_PASSWORD, 1, 0),
                    MasterInfo.SOURCE_START, 2, 60);
            io.start();
            kit.awaitCaughtUp();
            LogPosition end = kit.masterStatus();
            io.stop();

            assertEquals(List.of(), rec.problems);
            assertEquals(List.of(List.of("1")), rec.sourceServerId);
            List<String> calls = rec.calls;
            assertEquals("thread_start 2 127.0.0.1 repl '' 4 source=false", calls.get(0));
            assertEquals("before_request_transmit flags=0 '' 4", calls.get(1));
            // Then pairs: each event's after_read_event right before its after_queue_event.
            List<String> events = calls.subList(2, calls.size() - 1);
            assertEquals(0, events.size() % 2, calls.toString());
            for (int i = 0; i < events.size(); i += 2) {
                String read = events.get(i);
                String queued = events.get(i + 1);
                assertTrue(read.startsWith("after_read_event type="), calls.toString());
                String type = read.substring("after_read_event ".length());
                assertTrue(queued.startsWith("after_queue_event " + type + " synced="), calls.toString());
            }
            assertTrue(events.get(1).startsWith("after_queue_event type=" + EventType.ROTATE.code() + " synced="),
                    calls.toString());
            assertTrue(events.get(1).endsWith(" pos=4"), calls.toString());
            assertTrue(events.get(3).startsWith("after_queue_event type=" + EventType.FORMAT_DESCRIPTION.code()),
                    calls.toString());
            assertTrue(events.get(3).endsWith(" pos=" + fdeEnd(kit)), calls.toString());
            // one fsync covers a burst; the event that ends the stream was reported durable
            String lastQueued = events.get(events.size() - 1);
            assertTrue(lastQueued.endsWith(" pos=" + end.offset()) && lastQueued.contains(" synced=true"),
                    calls.toString());
            assertEquals("thread_stop 'mysql-bin.000001' " + end.offset() + " source=false", calls.get(calls.size() - 1));
        }
    }

    private static long fdeEnd(IoThreadRig kit) throws IOException {
        try (var r = io.minisqld.server.binlog.BinlogReader.open(new io.minisqld.server.storage.RealFileLayer(),
                kit.sourceBinlog("mysql-bin.000001"))) {
            return r.firstEventAfterFormatDescription();
        }
    }
}
