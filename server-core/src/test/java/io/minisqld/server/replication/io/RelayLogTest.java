package io.minisqld.server.replication.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minisqld.plugin.api.LogPosition;
import io.minisqld.server.binlog.BinlogReader;
import io.minisqld.server.binlog.PositionedEvent;
import io.minisqld.server.binlog.event.ChecksumAlgorithm;
import io.minisqld.server.binlog.event.EventFlags;
import io.minisqld.server.binlog.event.EventHeaderFields;
import io.minisqld.server.binlog.event.FormatDescriptionEvent;
import io.minisqld.server.binlog.event.XidEvent;
import io.minisqld.server.binlog.event.codec.EventFraming;
import io.minisqld.server.replication.replica.RelayLog;
import io.minisqld.server.storage.ForgetfulFileLayer;
import io.minisqld.server.storage.RealFileLayer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The relay log's files, index, durability and checksum rules, without a network. */
class RelayLogTest {
    private static final String VERSION = "5.7.44-minisqld-test";

    @TempDir
    Path datadir;

    /** An XID event of the source (server id 1) ending at {@code logPos} in the source's binlog. */
    private static byte[] xid(long logPos, ChecksumAlgorithm checksum) {
        return EventFraming.encodeWithLogPos(EventHeaderFields.of(1_700_000_000L, 1), new XidEvent(logPos), logPos, checksum);
    }

    /**
     * A burst of events reaches the file in one write at the sync (none before it), and a reader
     * that read ahead up to one synced end reads the events a later sync added, byte for byte.
     */
    @Test
    void burstIsWrittenAtTheSyncAndAReaderFollowsLaterSyncs() throws Exception {
        RealFileLayer layer = new RealFileLayer();
        try (RelayLog log = RelayLog.open(layer, datadir, "r", 2, VERSION)) {
            LogPosition start = log.syncedEnd();
            Path file = log.path(start.file());
            long sizeBefore = Files.size(file);
            List<byte[]> first = List.of(xid(500, ChecksumAlgorithm.CRC32), xid(531, ChecksumAlgorithm.CRC32));
            for (byte[] e : first) log.append(e);
            assertEquals(sizeBefore, Files.size(file), "appended events wait in memory for the sync");
            log.sync();
            assertEquals(sizeBefore + first.get(0).length + first.get(1).length, Files.size(file));
            try (BinlogReader r = BinlogReader.open(layer, file, false)) {
                long pos = r.firstEventAfterFormatDescription();
                for (byte[] e : first) {
                    PositionedEvent read = r.read(pos, log.syncedEnd().offset());
                    assertArrayEquals(e, read.bytes());
                    pos = read.endPosition();
                }
                // an event larger than what the reader reads ahead, between small ones
                byte[] large = EventFraming.encodeWithLogPos(EventHeaderFields.of(1_700_000_000L, 1),
                        new io.minisqld.server.binlog.event.QueryEvent(7, 0, 0, "db", "INSERT INTO t VALUES ('"
                                + "x".repeat(200_000) + "')", io.minisqld.server.binlog.event.QueryStatusVariables
                                .mysql57(0, 0, 1, 1, new io.minisqld.server.binlog.event.QueryStatusVariables.Charset(
                                        33, 33, 8), null)), 590, ChecksumAlgorithm.CRC32);
                log.append(large);
                log.sync();
                PositionedEvent readLarge = r.read(pos, log.syncedEnd().offset());
                assertArrayEquals(large, readLarge.bytes());
                pos = readLarge.endPosition();
                for (int round = 0; round < 3; round++) {
                    List<byte[]> more = List.of(xid(600 + round * 62, ChecksumAlgorithm.CRC32),
                            xid(631 + round * 62, ChecksumAlgorithm.CRC32));
                    for (byte[] e : more) log.append(e);
                    log.sync();
                    for (byte[] e : more) {
                        PositionedEvent read = r.read(pos, log.syncedEnd().offset());
                        assertArrayEquals(e, read.bytes(), "round " + round);
                        pos = read.endPosition();
                    }
                    assertEquals(log.syncedEnd().offset(), pos);
                }
            }
        }
    }

    @Test
    void filesStartWithMagicAndOwnFdeAndKeepEventsAsAppended() throws Exception {
        RealFileLayer layer = new RealFileLayer();
        try (RelayLog log = RelayLog.open(layer, datadir, "host-relay-bin", 2, VERSION)) {
            assertEquals(List.of("host-relay-bin.000001"), log.files());
            LogPosition start = log.syncedEnd();
            assertEquals("host-relay-bin.000001", start.file());
            byte[] e1 = xid(500, ChecksumAlgorithm.CRC32);
            byte[] e2 = xid(531, ChecksumAlgorithm.CRC32);
            log.append(e1);
            log.append(e2);
            assertEquals(start, log.syncedEnd(), "nothing is visible before sync");
            log.sync();
            assertEquals(new LogPosition("host-relay-bin.000001", start.offset() + e1.length + e2.length), log.syncedEnd());

            try (BinlogReader r = BinlogReader.open(layer, log.path("host-relay-bin.000001"), false)) {
                PositionedEvent fde = r.formatDescriptionEvent();
                assertEquals(2, fde.header().serverId());
                assertEquals(EventFlags.RELAY_LOG, fde.header().flags());
                assertEquals(VERSION, r.formatDescription().serverVersion());
                assertEquals(ChecksumAlgorithm.CRC32, r.checksum());
                List<PositionedEvent> events = r.readAll(r.firstEventAfterFormatDescription(), r.size());
                assertArrayEquals(e1, events.get(0).bytes());
                assertArrayEquals(e2, events.get(1).bytes());
                assertEquals(531, events.get(1).header().nextPosition(), "the source's log_pos is kept");
            }
            assertEquals("./host-relay-bin.000001\n",
                    Files.readString(datadir.resolve("host-relay-bin.index"), StandardCharsets.UTF_8));
        }
    }

    @Test
    void rotatePurgeResetAndReopen() throws Exception {
        RealFileLayer layer = new RealFileLayer();
        try (RelayLog log = RelayLog.open(layer, datadir, "r", 2, VERSION)) {
            log.append(xid(100, ChecksumAlgorithm.CRC32));
            log.rotate();
            log.rotate(ChecksumAlgorithm.NONE);
            assertEquals(List.of("r.000001", "r.000002", "r.000003"), log.files());
            assertEquals("r.000003", log.syncedEnd().file());
            try (BinlogReader r = BinlogReader.open(layer, log.path("r.000003"), false)) {
                assertEquals(ChecksumAlgorithm.NONE, r.checksum());
            }
            // Rotation forced the first file: its event is readable.
            assertEquals(1, RelayLogFiles.events(layer, log.path("r.000001")).size());
            log.purgeBefore("r.000002");
            assertEquals(List.of("r.000002", "r.000003"), log.files());
            assertTrue(Files.notExists(datadir.resolve("r.000001")));
        }
        // A restart keeps the files and begins a new one, as MySQL does at server start.
        try (RelayLog log = RelayLog.open(layer, datadir, "r", 2, VERSION)) {
            assertEquals(List.of("r.000002", "r.000003", "r.000004"), log.files());
            log.reset();
            assertEquals(List.of("r.000001"), log.files());
            assertEquals("./r.000001\n", Files.readString(datadir.resolve("r.index")));
            assertTrue(Files.notExists(datadir.resolve("r.000003")));
        }
    }

    @Test
    void aSourceFdeWithAnotherChecksumStartsANewFile() throws Exception {
        RealFileLayer layer = new RealFileLayer();
        try (RelayLog log = RelayLog.open(layer, datadir, "r", 2, VERSION)) {
            log.useChecksum(ChecksumAlgorithm.CRC32);
            assertEquals(List.of("r.000001"), log.files(), "same algorithm: no new file");
            byte[] sourceFde = EventFraming.encode(EventHeaderFields.of(1_700_000_000L, 1),
                    FormatDescriptionEvent.mysql57("5.7.44-log", 0, ChecksumAlgorithm.NONE), 4, ChecksumAlgorithm.NONE);
            log.append(sourceFde);
            log.append(xid(300, ChecksumAlgorithm.NONE));
            log.sync();
            assertEquals(List.of("r.000001", "r.000002"), log.files());
            try (BinlogReader r = BinlogReader.open(layer, log.path("r.000002"), false)) {
                assertEquals(ChecksumAlgorithm.NONE, r.checksum());
                List<PositionedEvent> events = r.readAll(r.firstEventAfterFormatDescription(), r.size());
                assertEquals(2, events.size());
                assertTrue(events.get(1).body() instanceof XidEvent);
            }
        }
    }

    @Test
    void onlySyncedBytesSurviveAPowerLossAndATornTailIsCut() throws Exception {
        ForgetfulFileLayer layer = new ForgetfulFileLayer();
        LogPosition synced;
        RelayLog log = RelayLog.open(layer, datadir, "r", 2, VERSION);
        byte[] kept = xid(100, ChecksumAlgorithm.CRC32);
        log.append(kept);
        log.sync();
        synced = log.syncedEnd();
        log.append(xid(131, ChecksumAlgorithm.CRC32));
        layer.powerLoss();
        assertEquals(synced.offset(), Files.size(datadir.resolve(synced.file())));

        // A torn event at the end of the last file (part of a write a crash cut short) is removed at open.
        byte[] torn = xid(162, ChecksumAlgorithm.CRC32);
        Files.write(datadir.resolve(synced.file()), java.util.Arrays.copyOf(torn, 10),
                java.nio.file.StandardOpenOption.APPEND);
        try (RelayLog reopened = RelayLog.open(new RealFileLayer(), datadir, "r", 2, VERSION)) {
            assertEquals(synced.offset(), Files.size(datadir.resolve(synced.file())));
            assertEquals(List.of("r.000001", "r.000002"), reopened.files());
            List<PositionedEvent> events = RelayLogFiles.events(new RealFileLayer(), datadir.resolve("r.000001"));
            assertArrayEquals(kept, events.get(0).bytes());
        }
    }

    @Test
    void awaitSyncedWakesOnSyncAndTimesOut() throws Exception {
        try (RelayLog log = RelayLog.open(new RealFileLayer(), datadir, "r", 2, VERSION)) {
            LogPosition seen = log.syncedEnd();
            assertEquals(seen, log.awaitSynced(seen, 20, TimeUnit.MILLISECONDS));
            Thread writer = new Thread(() -> {
                try {
                    log.append(xid(100, ChecksumAlgorithm.CRC32));
                    log.sync();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            writer.start();
            LogPosition next = log.awaitSynced(seen, 30, TimeUnit.SECONDS);
            writer.join();
            assertEquals(seen.offset() + 31, next.offset());
        }
    }
}
