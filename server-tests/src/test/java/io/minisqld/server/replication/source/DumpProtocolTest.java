package io.minisqld.server.replication.source;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minisqld.plugin.api.LogPosition;
import io.minisqld.server.replication.source.DumpClient.Err;
import io.minisqld.server.replication.source.DumpClient.Packet;
import io.minisqld.testcommon.Poll;
import io.minisqld.testsupport.MinisqldHarness;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * COM_BINLOG_DUMP on the wire (protocol.md §2.2, §3.7–3.8, §3.13), byte by byte: the fake
 * ROTATE, the FDE, the events as stored, heartbeats, the 1236 errors with MySQL 5.7's texts,
 * the privilege error, PROCESSLIST and the error-log line.
 */
class DumpProtocolTest {
    private static final String FILE = "mysql-bin.000001";
    private static MinisqldHarness source;

    @BeforeAll
    static void start() throws Exception {
        source = MinisqldHarness.inProcess().serverId(1).logBin().name("protocol").start();
        source.executeAll("CREATE DATABASE d", "CREATE TABLE d.t (id INT PRIMARY KEY, v VARCHAR(20))",
                "INSERT INTO d.t VALUES (1, 'one'), (2, 'two')", "CREATE USER 'norepl'@'%'");
    }

    @AfterAll
    static void stop() throws Exception {
        source.close();
    }

    private static byte[] fileBytes() throws Exception {
        return Files.readAllBytes(source.datadir().resolve(FILE));
    }

    private static LogPosition end() {
        return source.server().binlog().publishedEnd();
    }

    private static long fdeEnd(byte[] file) {
        return 4 + WireEvent.of(Arrays.copyOfRange(file, 4, 23)).length();
    }

    private static DumpClient replica(String checksum) throws Exception {
        DumpClient c = DumpClient.login(source.port(), "root");
        if (checksum != null) c.execute("SET @master_binlog_checksum= '" + checksum + "'");
        return c;
    }

    @Test
    void streamsFakeRotateFdeEventsHeartbeatsAndNewEventsFromTheStart() throws Exception {
        try (DumpClient c = replica("CRC32")) {
            c.execute("SET @master_heartbeat_period= 300000000");
            LogPosition end = end();
            byte[] file = fileBytes();
            c.dump(4, 0, 2, FILE);

            Packet rotate = c.read();
            assertEquals(1, rotate.seq());
            assertEquals(0x00, rotate.first());
            assertArrayEquals(WireEvent.fakeRotate(4, FILE, true), rotate.event(1), "fake rotate bytes");

            Packet fde = c.read();
            assertEquals(2, fde.seq());
            byte[] expectedFde = Arrays.copyOfRange(file, 4, (int) fdeEnd(file));
            expectedFde[17] &= ~1; // LOG_EVENT_BINLOG_IN_USE_F cleared on the wire
            assertArrayEquals(expectedFde, fde.event(1), "FDE as stored, in-use flag cleared, real log_pos");
            assertTrue(WireEvent.of(fde.event(1)).crcValid());

            long pos = fdeEnd(file);
            int seq = 3;
            while (pos < end.offset()) {
                Packet p = c.read();
                assertEquals(seq++, p.seq());
                WireEvent e = WireEvent.of(p.event(1));
                assertArrayEquals(Arrays.copyOfRange(file, (int) pos, (int) (pos + e.length())), p.event(1),
                        "event at " + pos + " as stored");
                pos += e.length();
                assertEquals(pos, e.logPos());
            }
            assertEquals(end.offset(), pos);

            long waitStarted = System.nanoTime();
            Packet hb = c.read();
            assertTrue(System.nanoTime() - waitStarted >= 200_000_000L, "heartbeat only after the idle period");
            assertEquals(seq++, hb.seq());
            WireEvent h = WireEvent.of(hb.event(1));
            assertEquals(WireEvent.HEARTBEAT, h.type());
            assertEquals(0, h.timestamp());
            assertEquals(1, h.serverId());
            assertEquals(end.offset(), h.logPos());
            assertEquals(0, h.flags());
            assertEquals(FILE, h.heartbeatFile(true));
            assertTrue(h.crcValid());

            List<String> row = DumpClient.processlistRow(source, c.connectionId);
            assertEquals("Binlog Dump", row.get(4));
            assertEquals("Master has sent all binlog to slave; waiting for more updates", row.get(6));
            assertTrue(source.errorLogText().contains("[Note] Start binlog_dump to master_thread_id(" + c.connectionId
                    + ") slave_server(2), pos(" + FILE + ", 4)"), source.errorLogText());

            source.executeAll("INSERT INTO d.t VALUES (3, 'three')");
            LogPosition after = end();
            byte[] grown = fileBytes();
            while (pos < after.offset()) {
                Packet p = c.read();
                WireEvent e = WireEvent.of(p.event(1));
                if (e.type() == WireEvent.HEARTBEAT) continue;
                assertArrayEquals(Arrays.copyOfRange(grown, (int) pos, (int) (pos + e.length())), p.event(1));
                pos = e.logPos();
            }
            assertEquals(after.offset(), pos);
        }
    }

    @Test
    void resumesMidFileWithFdeLogPosAndCreatedZeroed() throws Exception {
        byte[] file = fileBytes();
        long start = fdeEnd(file);
        // the second event after the FDE: a boundary in the middle of the file
        start += WireEvent.of(Arrays.copyOfRange(file, (int) start, (int) start + 19)).length();
        try (DumpClient c = replica("NONE")) {
            c.dump(start, 0, 2, FILE);
            // the replica asked for no checksum: the first fake rotate has none
            assertArrayEquals(WireEvent.fakeRotate(start, FILE, false), c.read().event(1));
            WireEvent fde = WireEvent.of(c.read().event(1));
            assertEquals(WireEvent.FORMAT_DESCRIPTION, fde.type());
            assertEquals(0, fde.logPos());
            assertEquals(0, fde.fdeCreated());
            assertEquals(0, fde.flags() & 1);
            assertTrue(fde.crcValid(), "CRC recomputed after zeroing");
            byte[] first = c.read().event(1);
            WireEvent e = WireEvent.of(first);
            assertArrayEquals(Arrays.copyOfRange(file, (int) start, (int) (start + e.length())), first,
                    "events follow from the requested position, with their CRC as stored");
        }
    }

    private static Err dumpError(DumpClient c, int packetsBefore) throws Exception {
        for (int i = 0; i < packetsBefore; i++) assertEquals(0x00, c.read().first());
        Packet p = c.read();
        assertNotNull(p, "an ERR packet before the close");
        Err err = DumpClient.err(p);
        assertNull(c.read(), "the connection closes after a failed dump");
        return err;
    }

    private static void assertFatal(Err err, String message) {
        assertEquals(new Err(1236, "HY000", message), err);
    }

    @Test
    void refusesAMissingFile() throws Exception {
        try (DumpClient c = replica("CRC32")) {
            c.dump(4, 0, 2, "mysql-bin.000099");
            assertFatal(dumpError(c, 0), "Could not find first log file name in binary log index file");
        }
    }

    @Test
    void refusesImpossiblePositions() throws Exception {
        try (DumpClient c = replica("CRC32")) {
            c.dump(3, 0, 2, FILE);
            assertFatal(dumpError(c, 0), "Client requested master to start replication from position < 4");
        }
        try (DumpClient c = replica("CRC32")) {
            c.dump(end().offset() + 100, 0, 2, FILE);
            assertFatal(dumpError(c, 0), "Client requested master to start replication from position > file size");
        }
    }

    @Test
    void refusesAPositionInsideAnEvent() throws Exception {
        LogPosition end = end();
        long inside = end.offset() - 1;
        long fde = fdeEnd(fileBytes());
        try (DumpClient c = replica("CRC32")) {
            c.dump(inside, 0, 2, FILE);
            // fake rotate and FDE first, as MySQL sends them before it reads the first event; any start
            // that is not an event boundary is 5.7's LOG_READ_BOGUS
            assertFatal(dumpError(c, 2), "bogus data in log event;"
                    + " the first event '" + FILE + "' at " + inside + ", the last event read from './" + FILE + "' at "
                    + fde + ", the last byte read from './" + FILE + "' at " + inside + ".");
        }
    }

    @Test
    void refusesAReplicaThatCannotHandleChecksums() throws Exception {
        long fde = fdeEnd(fileBytes());
        try (DumpClient c = replica(null)) {
            c.dump(4, 0, 2, FILE);
            assertArrayEquals(WireEvent.fakeRotate(4, FILE, false), c.read().event(1));
            assertFatal(dumpError(c, 0), "Slave can not handle replication events with the checksum that master is"
                    + " configured to log; the first event '" + FILE + "' at 4, the last event read from './" + FILE
                    + "' at " + fde + ", the last byte read from './" + FILE + "' at " + fde + ".");
        }
        assertTrue(source.errorLogText().contains("[Warning] Master is configured to log replication events with checksum,"
                + " but will not send such events to slaves that cannot process them"), source.errorLogText());
    }

    @Test
    void refusesAReplicaWithTheSourcesServerId() throws Exception {
        try (DumpClient c = replica("CRC32")) {
            c.dump(4, 0, 1, FILE);
            assertFatal(dumpError(c, 0), "The slave I/O thread stops because master and slave have equal MySQL server"
                    + " ids; these ids must be different for replication to work (or the --replicate-same-server-id"
                    + " option must be used on slave but this does not always make sense; please check the manual"
                    + " before using it)");
        }
    }

    @Test
    void needsTheReplicationSlavePrivilege() throws Exception {
        Err denied = new Err(1227, "42000",
                "Access denied; you need (at least one of) the REPLICATION SLAVE privilege(s) for this operation");
        try (DumpClient c = DumpClient.login(source.port(), "norepl")) {
            c.registerSlave(5, "", 3308);
            assertEquals(denied, DumpClient.err(c.read()));
            c.dump(4, 0, 5, FILE);
            assertEquals(denied, DumpClient.err(c.read()));
            // the connection goes on, as after any refused command
            c.command(0x0E, new byte[0]);
            assertEquals(0x00, c.read().first(), "COM_PING answered");
        }
        try (var conn = java.sql.DriverManager.getConnection(
                "jdbc:mariadb://127.0.0.1:" + source.port() + "/?user=norepl&password=");
             var st = conn.createStatement()) {
            java.sql.SQLException e = org.junit.jupiter.api.Assertions.assertThrows(java.sql.SQLException.class,
                    () -> st.executeQuery("SHOW SLAVE HOSTS"));
            assertEquals(1227, e.getErrorCode());
        }
    }

    @Test
    void aNonBlockingDumpEndsWithEof() throws Exception {
        LogPosition end = end();
        try (DumpClient c = replica("CRC32")) {
            c.dump(4, 1, 2, FILE);
            long pos = 0;
            Packet p;
            while ((p = c.read()).first() == 0x00) {
                WireEvent e = WireEvent.of(p.event(1));
                if (e.logPos() != 0) pos = e.logPos();
            }
            assertEquals(end.offset(), pos);
            assertArrayEquals(new byte[] {(byte) 0xFE, 0, 0, 2, 0}, p.payload(), "EOF with SERVER_STATUS_AUTOCOMMIT");
            assertNull(c.read(), "closed after the dump");
        }
    }

    @Test
    void registeredReplicasShowUntilTheirDumpEnds() throws Exception {
        source.executeAll("CREATE USER IF NOT EXISTS 'repl'@'%'", "GRANT REPLICATION SLAVE ON *.* TO 'repl'@'%'");
        DumpClient c = DumpClient.login(source.port(), "repl");
        c.execute("SET @master_binlog_checksum= @@global.binlog_checksum");
        c.execute("SET @master_heartbeat_period= 100000000");
        c.registerSlave(3, "replica-host", 3308);
        assertEquals(0x00, c.read().first(), "OK to COM_REGISTER_SLAVE");
        assertEquals(List.of(List.of("3", "replica-host", "3308", "1", "")), source.rows("SHOW SLAVE HOSTS"));
        assertEquals(List.of(List.of("3", "replica-host", "3308", "1", "")), source.rows("SHOW REPLICA HOSTS"));
        c.dump(4, 0, 3, FILE);
        assertEquals(0x00, c.read().first());
        assertEquals(List.of("Server_id", "Host", "Port", "Master_id", "Slave_UUID"), source.columns("SHOW SLAVE HOSTS"));
        c.close();
        // the heartbeats find the closed connection; the dump ends and unregisters
        Poll.until("the dump to end", Duration.ofSeconds(10), () -> source.rows("SHOW SLAVE HOSTS").isEmpty()
                && DumpClient.processlistRow(source, c.connectionId) == null);
        assertEquals(List.of(), source.server().replicationSource().runningDumps());
    }

}
