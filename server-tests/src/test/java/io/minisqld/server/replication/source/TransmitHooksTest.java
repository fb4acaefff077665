package io.minisqld.server.replication.source;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minisqld.plugin.api.LogPosition;
import io.minisqld.plugin.api.observer.BinlogTransmitObserver;
import io.minisqld.plugin.api.observer.EventPacket;
import io.minisqld.plugin.api.observer.HeaderBuffer;
import io.minisqld.plugin.api.observer.TransmitParam;
import io.minisqld.server.replication.source.DumpClient.Packet;
import io.minisqld.testcommon.Poll;
import io.minisqld.testsupport.MinisqldHarness;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The binlog transmit hooks at MySQL 5.7's points (semisync.md §1.6) with a test observer that
 * behaves like semisync on the wire: it reserves {@code EF 00} in every packet, flags XID events
 * in before_send_event, flushes and resets the sequence in after_send_event, and reads the
 * replica's reply on the dump connection from its own thread.
 */
class TransmitHooksTest {
    private static final String FILE = "mysql-bin.000001";

    /** Records every hook call as text, in order. */
    static final class Recorder implements BinlogTransmitObserver {
        final List<String> calls = new CopyOnWriteArrayList<>();
        final List<byte[]> replies = new CopyOnWriteArrayList<>();
        private boolean flagged;
        private Thread ackReader;

        @Override
        public void transmitStart(TransmitParam param, LogPosition start) {
            calls.add("transmit_start(" + param.serverId() + ", " + param.flags() + ", " + start.file() + ", "
                    + start.offset()
                    + ", thread " + param.connection().threadId() + ")");
            param.requestObserve();
            ackReader = new Thread(() -> {
                try {
                    while (true) {
                        Optional<byte[]> p = param.connection().readPacket(Duration.ofMillis(100));
                        p.ifPresent(replies::add);
                    }
                } catch (IOException e) {
                    // the connection is gone: this reader forgets it, as MySQL's ack receiver does
                }
            }, "test-ack-reader");
            ackReader.start();
        }

        @Override
        public void reserveHeader(TransmitParam param, HeaderBuffer header) {
            calls.add("reserve_header");
            header.append((byte) 0xEF, (byte) 0x00);
        }

        @Override
        public void beforeSendEvent(TransmitParam param, EventPacket packet) {
            int type = packet.event().get(4) & 0xFF;
            calls.add("before_send_event(" + packet.position().file() + ", " + packet.position().offset() + ", type "
                    + type + ")");
            flagged = type == WireEvent.XID;
            if (flagged) packet.set(2, (byte) 0x01);
        }

        @Override
        public void afterSendEvent(TransmitParam param, byte[] event, LogPosition skipped) {
            calls.add("after_send_event(" + event.length + ", " + (skipped == null ? null : skipped.file()) + ", "
                    + (skipped == null ? 0 : skipped.offset()) + ")");
            if (flagged) {
                try {
                    param.connection().flush();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
                param.connection().resetSequence();
            }
        }

        @Override
        public void transmitStop(TransmitParam param) {
            calls.add("transmit_stop(" + param.serverId() + ")");
            try {
                ackReader.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Test
    void hooksRunInOrderWithTheirArgumentsAndReservedBytesTravel() throws Exception {
        try (MinisqldHarness source = MinisqldHarness.inProcess().serverId(1).logBin().start()) {
            source.executeAll("CREATE DATABASE h", "CREATE TABLE h.t (id INT PRIMARY KEY)", "INSERT INTO h.t VALUES (1)",
                    "INSERT INTO h.t VALUES (2)");
            Recorder recorder = new Recorder();
            source.server().observers().binlogTransmit().register(recorder, "test_transmit");
            LogPosition end = source.server().binlog().publishedEnd();
            List<List<String>> events = source.rows("SHOW BINLOG EVENTS IN '" + FILE + "'");

            DumpClient c = DumpClient.login(source.port(), "root");
            c.execute("SET @master_binlog_checksum= @@global.binlog_checksum");
            c.execute("SET @master_heartbeat_period= 200000000");
            c.dump(4, 0, 4, FILE);

            List<String> expected = new ArrayList<>();
            expected.add("transmit_start(4, 0, " + FILE + ", 4, thread " + c.connectionId + ")");
            expected.add("reserve_header"); // fake rotate
            expected.add("reserve_header"); // FDE
            Packet rotate = c.read();
            assertEquals(1, rotate.seq());
            assertArrayEquals(new byte[] {0x00, (byte) 0xEF, 0x00}, java.util.Arrays.copyOf(rotate.payload(), 3),
                    "the fake rotate carries the reserved header");
            assertArrayEquals(WireEvent.fakeRotate(4, FILE, true), rotate.event(3));
            int expectedSeq = 2;
            long pos = 0;
            boolean ackSent = false;
            for (List<String> row : events) {
                Packet p = c.read();
                assertEquals(expectedSeq, p.seq(), "sequence of the packet ending at " + row.get(4));
                expectedSeq++;
                assertEquals(0x00, p.first());
                assertEquals(0xEF, p.payload()[1] & 0xFF, "reserved magic in every packet");
                WireEvent e = WireEvent.of(p.event(3));
                if (row.get(2).equals("Format_desc")) {
                    assertEquals(WireEvent.FORMAT_DESCRIPTION, e.type());
                    continue;
                }
                pos = e.logPos();
                assertEquals(Long.parseLong(row.get(4)), pos);
                boolean xid = e.type() == WireEvent.XID;
                assertEquals(xid ? 1 : 0, p.payload()[2], "the flag set in before_send_event");
                expected.add("reserve_header");
                expected.add("before_send_event(" + FILE + ", " + pos + ", type " + e.type() + ")");
                expected.add("after_send_event(" + e.length() + ", null, 0)");
                if (xid) {
                    // the replica answers on the dump connection with sequence 0 (§4.4–4.5)
                    ByteArrayOutputStream ack = new ByteArrayOutputStream();
                    ack.write(0xEF);
                    ack.writeBytes(new byte[] {(byte) pos, (byte) (pos >>> 8), 0, 0, 0, 0, 0, 0});
                    ack.writeBytes(FILE.getBytes(StandardCharsets.UTF_8));
                    c.write(0, ack.toByteArray());
                    ackSent = true;
                    expectedSeq = 1;
                }
            }
            assertTrue(ackSent);
            assertEquals(end.offset(), pos);
            Packet heartbeat = c.read();
            assertEquals(1, heartbeat.seq(), "after a flagged event the next packet is sequence 1");
            assertArrayEquals(new byte[] {0x00, (byte) 0xEF, 0x00}, java.util.Arrays.copyOf(heartbeat.payload(), 3),
                    "heartbeats carry the reserved header, never the flag");
            assertEquals(WireEvent.HEARTBEAT, WireEvent.of(heartbeat.event(3)).type());
            expected.add("reserve_header"); // heartbeat

            Poll.until("both acks read by the plugin", Duration.ofSeconds(5),
                    () -> recorder.replies.size() == 2);
            assertEquals(0xEF, recorder.replies.get(0)[0] & 0xFF);
            assertEquals(FILE, new String(recorder.replies.get(1), 9, FILE.length(), StandardCharsets.UTF_8));

            c.close();
            Poll.until("transmit_stop", Duration.ofSeconds(10),
                    () -> recorder.calls.contains("transmit_stop(4)"));
            List<String> calls = new ArrayList<>(recorder.calls);
            // later heartbeats may have been sent before the close was seen
            while (calls.size() > expected.size() + 1 && calls.get(expected.size()).equals("reserve_header")) {
                calls.remove(expected.size());
            }
            expected.add("transmit_stop(4)");
            assertEquals(expected, calls);
            source.server().observers().binlogTransmit().unregister(recorder);
        }
    }

    @Test
    void aFailingTransmitStartFailsTheDumpWithMysqlsError() throws Exception {
        try (MinisqldHarness source = MinisqldHarness.inProcess().serverId(1).logBin().start()) {
            List<String> stops = new CopyOnWriteArrayList<>();
            BinlogTransmitObserver failing = new BinlogTransmitObserver() {
                @Override
                public void transmitStart(TransmitParam param, LogPosition start) {
                    throw new IllegalStateException("no replicas today");
                }

                @Override
                public void transmitStop(TransmitParam param) {
                    stops.add("transmit_stop");
                }
            };
            source.server().observers().binlogTransmit().register(failing, "failing_plugin");
            try (DumpClient c = DumpClient.login(source.port(), "root")) {
                c.execute("SET @master_binlog_checksum= @@global.binlog_checksum");
                c.dump(4, 0, 4, FILE);
                assertEquals(new DumpClient.Err(1105, "HY000", "Failed to run hook 'transmit_start'"),
                        DumpClient.err(c.read()));
                assertEquals(null, c.read(), "the connection closes");
            }
            assertTrue(source.errorLogText().contains("[ERROR] Run function 'transmit_start' in plugin 'failing_plugin'"
                    + " failed"), source.errorLogText());
            assertEquals(List.of(), stops, "transmit_stop only follows a successful transmit_start");
            source.server().observers().binlogTransmit().unregister(failing);
        }
    }
}
