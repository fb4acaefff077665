package io.minisqld.server.replication.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minisqld.plugin.api.LogPosition;
import io.minisqld.server.binlog.BinlogReader;
import io.minisqld.server.binlog.PositionedEvent;
import io.minisqld.server.binlog.event.EventFlags;
import io.minisqld.server.binlog.event.EventType;
import io.minisqld.server.binlog.event.RotateEvent;
import io.minisqld.server.replication.replica.IoThread;
import io.minisqld.server.storage.RealFileLayer;
import io.minisqld.testcommon.Poll;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The IO thread against a real minisqld source: what lands in the relay log, how positions move,
 * reconnects, heartbeats, fatal errors and MySQL 5.7's error-log lines.
 */
class IoThreadTest {
    private static final String CONNECTED = "Slave I/O thread for channel '': connected to master 'repl@127.0.0.1:%d',"
            + "replication started in log '%s' at position %d";

    @Test
    void relayLogHoldsTheSourceEventsByteForByte() throws Exception {
        try (IoThreadRig kit = IoThreadRig.start("bytes")) {
            kit.workload("d1", 5);
            IoThread io = kit.newIoThread(kit.settings(kit.sourcePort, IoThreadRig.REPL_PASSWORD, 1, 30), 2, 60);
            io.start();
            kit.awaitCaughtUp();
            assertStatus(io, "Yes", 0, "");
            assertEquals("Waiting for master to send event", io.status().state());
            assertEquals(1, io.status().masterServerId());
            LogPosition end = kit.masterStatus();
            assertEquals(end, kit.synced.get(kit.synced.size() - 1));
            io.stop();
            assertStatus(io, "No", 0, "");

            // The IO thread started a new relay log file (MySQL does at every IO thread start).
            List<String> files = kit.relayLog.files();
            assertEquals(List.of(IoThreadRig.RELAY_BASENAME + ".000001", IoThreadRig.RELAY_BASENAME + ".000002"), files);
            List<PositionedEvent> relay = RelayLogFiles.events(new RealFileLayer(), kit.relayLog.path(files.get(1)));
            PositionedEvent fake = relay.get(0);
            assertEquals(EventType.ROTATE.code(), fake.header().type());
            assertEquals(0, fake.header().nextPosition());
            assertEquals(EventFlags.ARTIFICIAL, fake.header().flags());
            assertEquals(new RotateEvent(4, "mysql-bin.000001"), fake.body());
            assertEquals(EventType.FORMAT_DESCRIPTION.code(), relay.get(1).header().type());
            assertEquals(1, relay.get(1).header().serverId());

            byte[] binlog = Files.readAllBytes(kit.sourceBinlog("mysql-bin.000001"));
            long fdeEnd;
            try (BinlogReader r = BinlogReader.open(new RealFileLayer(), kit.sourceBinlog("mysql-bin.000001"))) {
                fdeEnd = r.firstEventAfterFormatDescription();
            }
            ByteArrayOutputStream rest = new ByteArrayOutputStream();
            for (PositionedEvent e : relay.subList(2, relay.size())) rest.write(e.bytes());
            assertArrayEquals(Arrays.copyOfRange(binlog, (int) fdeEnd, (int) end.offset()), rest.toByteArray(),
                    "relay log events after the source FDE = the source binlog's bytes");

            String log = kit.replicaLog();
            assertTrue(log.contains(String.format(CONNECTED, kit.sourcePort, "FIRST", 4)), log);
            assertTrue(log.contains("[Note] Slave I/O thread killed while reading event for channel ''"), log);
            assertTrue(log.contains("[Note] Slave I/O thread exiting for channel '', read up to log 'mysql-bin.000001', "
                    + "position " + end.offset()), log);
        }
    }

    @Test
    void positionsFollowFlushLogsAndResumeFromTheReadPosition() throws Exception {
        try (IoThreadRig kit = IoThreadRig.start("flush")) {
            IoThread io = kit.newIoThread(kit.settings(kit.sourcePort, IoThreadRig.REPL_PASSWORD, 1, 30), 2, 60);
            io.start();
            kit.workload("d1", 3);
            kit.awaitCaughtUp();
            kit.source.execute("FLUSH LOGS");
            kit.workload("d1", 3);
            kit.awaitCaughtUp();
            assertEquals("mysql-bin.000002", io.status().read().file());
            io.stop();
            LogPosition read = io.status().read();

            // A new thread resumes where the last one stopped: its first event is the fake rotate to there.
            kit.source.execute("FLUSH LOGS");
            kit.workload("d2", 2);
            IoThread again = kit.newIoThread(new RealFileLayer(), kit.settings(kit.sourcePort, IoThreadRig.REPL_PASSWORD,
                    1, 30), read, 2, 60);
            again.start();
            kit.awaitCaughtUp();
            assertEquals(new LogPosition("mysql-bin.000003", kit.masterStatus().offset()), again.status().read());
            again.stop();
            List<String> files = kit.relayLog.files();
            List<PositionedEvent> last = RelayLogFiles.events(new RealFileLayer(),
                    kit.relayLog.path(files.get(files.size() - 1)));
            assertEquals(new RotateEvent(read.offset(), "mysql-bin.000002"), last.get(0).body());
            // Resuming mid-file: the source sends its FDE with log_pos 0, which moves nothing.
            assertEquals(0, last.get(1).header().nextPosition());
            String log = kit.replicaLog();
            assertTrue(log.contains(String.format(CONNECTED, kit.sourcePort, "mysql-bin.000002", read.offset())), log);
        }
    }

    @Test
    void reconnectsAfterTheSourceRestarts() throws Exception {
        try (IoThreadRig kit = IoThreadRig.start("restart")) {
            IoThread io = kit.newIoThread(kit.settings(kit.sourcePort, IoThreadRig.REPL_PASSWORD, 1, 30), 2, 60);
            io.start();
            kit.workload("d1", 2);
            kit.awaitCaughtUp();
            LogPosition before = io.status().read();
            kit.restartSource();
            kit.workload("d1", 2);
            kit.awaitCaughtUp();
            assertEquals("Yes", io.status().running());
            assertTrue(io.status().read().file().compareTo(before.file()) > 0, io.status().toString());
            String log = kit.replicaLog();
            assertTrue(log.contains("[Note] Slave I/O thread: Failed reading log event, reconnecting to retry, log "
                    + "'mysql-bin.000001' at position " + before.offset() + " for channel ''"), log);
            assertTrue(count(log, "connected to master 'repl@127.0.0.1:" + kit.sourcePort + "'") >= 2, log);
        }
    }

    @Test
    void heartbeatsKeepAnIdleConnection() throws Exception {
        try (IoThreadRig kit = IoThreadRig.start("heartbeat")) {
            HeartbeatCounter counter = new HeartbeatCounter();
            kit.replica.observers().relayIo().register(counter, "heartbeat_counter");
            IoThread io = kit.newIoThread(kit.settings(kit.sourcePort, IoThreadRig.REPL_PASSWORD, 1, 0.2), 2, 1);
            io.start();
            kit.awaitCaughtUp();
            // Ten heartbeats at 0.2 s span twice the 1 s net timeout: without them the thread would reconnect.
            Poll.until("10 heartbeats", Duration.ofSeconds(30), () -> counter.heartbeats.get() >= 10);
            assertEquals(1, count(kit.replicaLog(), "connected to master"), kit.replicaLog());
            assertEquals("Yes", io.status().running());
            kit.workload("d1", 1);
            kit.awaitCaughtUp();
        }
    }

    @Test
    void aSilentSourceIsLeftAfterTheNetTimeout() throws Exception {
        try (IoThreadRig kit = IoThreadRig.start("stall"); StallingProxy proxy = new StallingProxy(kit.sourcePort)) {
            IoThread io = kit.newIoThread(kit.settings(proxy.port(), IoThreadRig.REPL_PASSWORD, 1, 0.2), 2, 1);
            io.start();
            kit.workload("d1", 1);
            kit.awaitCaughtUp();
            assertEquals(1, proxy.accepted());
            proxy.stall();
            // No heartbeat arrives any more: after slave_net_timeout the thread reconnects on its own.
            Poll.until("a reconnect through the proxy", Duration.ofSeconds(30), () -> proxy.accepted() >= 2);
            kit.workload("d1", 2);
            kit.awaitCaughtUp();
            assertEquals("Yes", io.status().running());
            assertEquals(0, io.status().lastErrno());
        }
    }

    @Test
    void equalServerIdsStopTheThreadWith1593() throws Exception {
        try (IoThreadRig kit = IoThreadRig.start("sameid")) {
            IoThread io = kit.newIoThread(kit.settings(kit.sourcePort, IoThreadRig.REPL_PASSWORD, 1, 30), 1, 60);
            io.start();
            Poll.until("the IO thread to stop", Duration.ofSeconds(30), () -> !io.isAlive());
            String text = "Fatal error: The slave I/O thread stops because master and slave have equal MySQL server "
                    + "ids; these ids must be different for replication to work (or the --replicate-same-server-id "
                    + "option must be used on slave but this does not always make sense; please check the manual "
                    + "before using it).";
            assertStatus(io, "No", 1593, text);
            assertTrue(io.status().lastErrorTimestamp().matches("\\d{6} \\d\\d:\\d\\d:\\d\\d"), io.status().toString());
            String log = kit.replicaLog();
            assertTrue(log.contains("[ERROR] Slave I/O for channel '': " + text + " Error_code: 1593"), log);
            assertTrue(log.contains("Slave I/O thread exiting for channel '', read up to log 'FIRST', position 4"), log);
        }
    }

    @Test
    void aWrongPasswordIsRetriedEveryConnectRetry() throws Exception {
        try (IoThreadRig kit = IoThreadRig.start("password")) {
            IoThread io = kit.newIoThread(kit.settings(kit.sourcePort, "wrong", 1, 30), 2, 60);
            io.start();
            String second = "error connecting to master 'repl@127.0.0.1:" + kit.sourcePort + "' - retry-time: 1  retries: 2";
            Poll.until("the second failed attempt", Duration.ofSeconds(30), () -> io.status().lastError().equals(second));
            assertEquals("Connecting", io.status().running());
            assertEquals(1045, io.status().lastErrno());
            String log = kit.replicaLog();
            assertTrue(log.contains("[ERROR] Slave I/O for channel '': error connecting to master 'repl@127.0.0.1:"
                    + kit.sourcePort + "' - retry-time: 1  retries: 1, Error_code: 1045"), log);
            io.stop();
            assertEquals("No", io.status().running());
        }
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) n++;
        return n;
    }

    private static void assertStatus(IoThread io, String running, int errno, String error) {
        assertEquals(running, io.status().running(), io.status().toString());
        assertEquals(errno, io.status().lastErrno(), io.status().toString());
        assertEquals(error, io.status().lastError(), io.status().toString());
    }
}
