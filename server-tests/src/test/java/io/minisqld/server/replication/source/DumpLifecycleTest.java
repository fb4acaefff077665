package io.minisqld.server.replication.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minisqld.plugin.api.LogPosition;
import io.minisqld.server.replication.source.DumpClient.Err;
import io.minisqld.server.replication.source.DumpClient.Packet;
import io.minisqld.server.replication.source.ReplicationSource.RunningDump;
import io.minisqld.testcommon.Poll;
import io.minisqld.testsupport.MinisqldHarness;
import java.io.IOException;
import java.net.SocketException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * How dumps end: a newer dump from the same server id replaces a zombie (MySQL 5.7's log line and
 * error), KILL ends a waiting dump at once, a replica that stops reading is dropped after
 * net_write_timeout, and shutdown ends dumps promptly. None leaves a PROCESSLIST or SHOW SLAVE
 * HOSTS entry behind.
 */
class DumpLifecycleTest {
    private static final String FILE = "mysql-bin.000001";
    private static MinisqldHarness source;

    @BeforeAll
    static void start() throws Exception {
        source = MinisqldHarness.inProcess().serverId(1).logBin().name("lifecycle").start();
        source.executeAll("CREATE DATABASE d", "CREATE TABLE d.t (id INT PRIMARY KEY)", "INSERT INTO d.t VALUES (1)");
    }

    @AfterAll
    static void stop() throws Exception {
        source.close();
    }

    /** Starts a dump from the beginning and reads until the published end. */
    private static DumpClient dumping(long serverId) throws Exception {
        DumpClient c = DumpClient.login(source.port(), "root");
        c.execute("SET @master_binlog_checksum= @@global.binlog_checksum");
        c.registerSlave(serverId, "h" + serverId, 3300);
        assertEquals(0x00, c.read().first());
        c.dump(4, 0, serverId, FILE);
        readToEnd(c);
        return c;
    }

    private static long readToEnd(DumpClient c) throws IOException {
        LogPosition end = source.server().binlog().publishedEnd();
        long pos = 0;
        while (pos != end.offset()) {
            Packet p = c.read();
            assertEquals(0x00, p.first(), "event packet");
            WireEvent e = WireEvent.of(p.event(1));
            if (e.logPos() != 0) pos = e.logPos();
        }
        return pos;
    }

    private static boolean closedByServer(DumpClient c) throws IOException {
        try {
            return c.read() == null;
        } catch (SocketException e) {
            return true;
        }
    }

    private static List<Long> dumpConnections() {
        return source.server().replicationSource().runningDumps().stream().map(RunningDump::connectionId).toList();
    }

    @Test
    void aNewDumpFromTheSameServerIdEndsTheZombie() throws Exception {
        try (DumpClient first = dumping(7)) {
            long end = source.server().binlog().publishedEnd().offset();
            try (DumpClient second = dumping(7)) {
                Err err = DumpClient.err(first.read());
                assertEquals(new Err(1236, "HY000", "A slave with the same server_uuid/server_id as this slave has"
                        + " connected to the master; the first event '" + FILE + "' at 4, the last event read from './"
                        + FILE + "' at " + end + ", the last byte read from './" + FILE + "' at " + end + "."), err);
                assertTrue(closedByServer(first));
                assertTrue(source.errorLogText().contains("[Note] While initializing dump thread for slave with server_id <7>,"
                        + " found a zombie dump thread with the same server_id. Master is killing the zombie dump thread("
                        + first.connectionId + ")."), source.errorLogText());
                Poll.until("the zombie to go", Duration.ofSeconds(5),
                        () -> DumpClient.processlistRow(source, first.connectionId) == null);
                assertEquals(List.of(second.connectionId), dumpConnections());
                assertEquals(List.of(List.of("7", "h7", "3300", "1", "")), source.rows("SHOW SLAVE HOSTS"),
                        "the replacement keeps its registration");
            }
        }
        Poll.until("no dump left", Duration.ofSeconds(10), () -> dumpConnections().isEmpty());
    }

    @Test
    void killEndsAWaitingDumpPromptly() throws Exception {
        try (DumpClient c = dumping(8)) {
            // the client has read the last event a moment before the dump thread says it waits
            String waiting = "Master has sent all binlog to slave; waiting for more updates";
            Poll.until("the dump to wait", Duration.ofSeconds(5),
                    () -> waiting.equals(DumpClient.processlistRow(source, c.connectionId).get(6)));
            assertEquals(waiting, DumpClient.processlistRow(source, c.connectionId).get(6));
            long started = System.nanoTime();
            source.executeAll("KILL " + c.connectionId);
            assertTrue(closedByServer(c));
            Poll.until("the killed dump to go", Duration.ofSeconds(2),
                    () -> DumpClient.processlistRow(source, c.connectionId) == null && !dumpConnections().contains(c.connectionId)
                            && source.rows("SHOW SLAVE HOSTS").stream().noneMatch(r -> r.get(0).equals("8")));
            assertTrue(System.nanoTime() - started < 2_000_000_000L, "KILL ends the dump within 2 s");
        }
    }

    @Test
    void aReplicaThatStopsReadingIsDroppedAfterNetWriteTimeout() throws Exception {
        source.executeAll("CREATE TABLE d.big (id INT PRIMARY KEY, v LONGTEXT)");
        // statement-based: the megabyte must be in the statement text to be in the binlog
        String megabyte = "x".repeat(1_000_000);
        for (int i = 0; i < 16; i++) source.executeAll("INSERT INTO d.big VALUES (" + i + ", '" + megabyte + "')");
        try (DumpClient c = DumpClient.loginWithReceiveBuffer(source.port(), "root", 4096)) {
            c.execute("SET @master_binlog_checksum= @@global.binlog_checksum");
            c.execute("SET net_write_timeout= 1");
            c.registerSlave(9, "stalled", 3300);
            assertEquals(0x00, c.read().first());
            c.dump(4, 0, 9, FILE);
            assertEquals(0x00, c.read().first(), "the fake rotate arrives; then the replica reads nothing more");
            long started = System.nanoTime();
            Poll.until("the stalled dump to be dropped", Duration.ofSeconds(20),
                    () -> !dumpConnections().contains(c.connectionId) && DumpClient.processlistRow(source, c.connectionId) == null
                            && source.rows("SHOW SLAVE HOSTS").stream().noneMatch(r -> r.get(0).equals("9")));
            assertTrue(System.nanoTime() - started >= 900_000_000L, "not before net_write_timeout (1 s)");
        } finally {
            source.executeAll("DROP TABLE d.big");
        }
    }

    @Test
    void shutdownEndsWaitingDumps() throws Exception {
        try (MinisqldHarness other = MinisqldHarness.inProcess().serverId(1).logBin().name("shutdown").start()) {
            DumpClient c = DumpClient.login(other.port(), "root");
            c.execute("SET @master_binlog_checksum= @@global.binlog_checksum");
            c.dump(4, 0, 10, FILE);
            assertEquals(0x00, c.read().first(), "the fake rotate");
            assertEquals(0x00, c.read().first(), "the format description");
            assertEquals(0x00, c.read().first(), "PREVIOUS_GTIDS");
            String waiting = "Master has sent all binlog to slave; waiting for more updates";
            Poll.until("the dump to wait", Duration.ofSeconds(5),
                    () -> waiting.equals(DumpClient.processlistRow(other, c.connectionId).get(6)));
            long started = System.nanoTime();
            other.server().close();
            assertTrue(System.nanoTime() - started < 5_000_000_000L, "shutdown with a waiting dump");
            assertTrue(closedByServer(c));
            c.close();
        }
    }
}
