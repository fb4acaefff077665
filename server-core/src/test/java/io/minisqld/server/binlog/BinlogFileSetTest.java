package io.minisqld.server.binlog;

import io.minisqld.plugin.api.LogPosition;
import io.minisqld.server.binlog.event.BinlogEvent;
import io.minisqld.server.binlog.event.ChecksumAlgorithm;
import io.minisqld.server.binlog.event.EventFlags;
import io.minisqld.server.binlog.event.EventType;
import io.minisqld.server.binlog.event.FormatDescriptionEvent;
import io.minisqld.server.binlog.event.QueryEvent;
import io.minisqld.server.binlog.event.RotateEvent;
import io.minisqld.server.binlog.event.StopEvent;
import io.minisqld.server.binlog.event.XidEvent;
import io.minisqld.server.binlog.event.codec.ChecksumMismatchException;
import io.minisqld.server.binlog.event.codec.DecodeContext;
import io.minisqld.server.binlog.event.codec.EventFraming;
import io.minisqld.server.error.SqlError;
import io.minisqld.server.storage.ForgetfulFileLayer;
import io.minisqld.server.storage.RealFileLayer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

import static io.minisqld.server.binlog.BinlogTestEvents.TS;
import static io.minisqld.server.binlog.BinlogTestEvents.createDatabase;
import static io.minisqld.server.binlog.BinlogTestEvents.insertTransaction;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BinlogFileSetTest {
    static final String VERSION = "5.7.44-minisqld-0.1.0-log";
    static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(TS), ZoneOffset.UTC);

    @TempDir
    Path datadir;

    private BinlogSettings settings(ChecksumAlgorithm alg, long maxSize) {
        return BinlogSettings.of(datadir, "mysql-bin", 1, VERSION, alg, maxSize);
    }

    private BinlogSettings settings() {
        return settings(ChecksumAlgorithm.CRC32, 1 << 30);
    }

    private String index() throws IOException {
        return Files.readString(datadir.resolve("mysql-bin.index"));
    }

    private static List<PositionedEvent> events(Path file) throws IOException {
        try (BinlogReader r = BinlogReader.open(new RealFileLayer(), file)) {
            return r.readAll(4, r.size());
        }
    }

    @Test
    void freshDatadirStartsWithFile000001AndAnInUseFormatDescription() throws IOException {
        try (BinlogFileSet binlog = BinlogFileSet.open(new RealFileLayer(), settings(), CLOCK)) {
            assertEquals("mysql-bin.000001", binlog.currentFile());
            // FDE (119 bytes with its CRC) then the empty PREVIOUS_GTIDS (31), as MySQL 5.7's 154 (B.3)
            assertEquals(154, binlog.endPosition());
            assertEquals("./mysql-bin.000001\n", index());
            byte[] file = Files.readAllBytes(datadir.resolve("mysql-bin.000001"));
            assertArrayEquals(new byte[] {(byte) 0xFE, 'b', 'i', 'n'}, Arrays.copyOf(file, 4));
            assertEquals(EventFlags.BINLOG_IN_USE, file[21]);
            try (BinlogReader r = BinlogReader.open(new RealFileLayer(), datadir.resolve("mysql-bin.000001"))) {
                FormatDescriptionEvent fde = r.formatDescription();
                assertEquals(VERSION, fde.serverVersion());
                assertEquals(TS, fde.createTimestamp(), "the first file after start-up carries the start time");
                assertEquals(ChecksumAlgorithm.CRC32, r.checksum());
                assertEquals(123, r.formatDescriptionEvent().header().nextPosition());
            }
        }
    }

    @Test
    void appendWritesEventsAtTheirPositionsAndReadsBack() throws IOException {
        try (BinlogFileSet binlog = BinlogFileSet.open(new RealFileLayer(), settings(), CLOCK)) {
            LogPosition afterDdl = binlog.append(createDatabase("test"));
            LogPosition afterTrx = binlog.append(
                    insertTransaction("test", "INSERT INTO t1 (c) VALUES ('a')", 1, 5));
            binlog.force();
            assertEquals(new LogPosition("mysql-bin.000001", binlog.endPosition()), afterTrx);
            assertTrue(afterDdl.compareTo(afterTrx) < 0);

            List<PositionedEvent> events = events(datadir.resolve("mysql-bin.000001"));
            assertEquals(List.of(15, 35, 2, 2, 5, 2, 16), events.stream().map(e -> e.header().type()).toList());
            long pos = 4;
            for (PositionedEvent e : events) {
                assertEquals(pos, e.position());
                assertEquals(e.endPosition(), e.header().nextPosition());
                pos = e.endPosition();
            }
            assertEquals(afterDdl.offset(), events.get(2).endPosition());
            assertEquals(afterTrx.offset(), pos);
            QueryEvent create = (QueryEvent) events.get(2).body();
            assertEquals("CREATE DATABASE test", create.sql());
            assertEquals("", create.database());
            assertEquals(EventFlags.SUPPRESS_USE, events.get(2).header().flags());
            assertEquals(new XidEvent(5), events.get(6).body());
        }
    }

    @Test
    void rotateClosesTheFileWithRotateAndClearsItsInUseFlag() throws IOException {
        try (BinlogFileSet binlog = BinlogFileSet.open(new RealFileLayer(), settings(), CLOCK)) {
            binlog.append(createDatabase("test"));
            long endOfFirst = binlog.endPosition();
            LogPosition next = binlog.rotate();
            assertEquals(new LogPosition("mysql-bin.000002", 154), next);
            assertEquals("./mysql-bin.000001\n./mysql-bin.000002\n", index());

            byte[] first = Files.readAllBytes(datadir.resolve("mysql-bin.000001"));
            assertEquals(0, first[21], "in-use flag cleared in place");
            List<PositionedEvent> events = events(datadir.resolve("mysql-bin.000001"));
            PositionedEvent rotate = events.get(events.size() - 1);
            assertEquals(new RotateEvent(4, "mysql-bin.000002"), rotate.body());
            assertEquals(endOfFirst, rotate.position());
            assertEquals(first.length, rotate.header().nextPosition());

            try (BinlogReader r = BinlogReader.open(new RealFileLayer(), datadir.resolve("mysql-bin.000002"))) {
                assertEquals(0, r.formatDescription().createTimestamp(), "files opened by rotation have created 0");
                assertEquals(EventFlags.BINLOG_IN_USE, r.formatDescriptionEvent().header().flags());
            }
            assertEquals(List.of(new BinlogFileInfo("mysql-bin.000001", first.length),
                    new BinlogFileInfo("mysql-bin.000002", 154)), binlog.files());
        }
    }

    @Test
    void shouldRotateFromMaxBinlogSize() throws IOException {
        try (BinlogFileSet binlog = BinlogFileSet.open(new RealFileLayer(), settings(ChecksumAlgorithm.CRC32, 400), CLOCK)) {
            assertFalse(binlog.shouldRotate());
            binlog.append(insertTransaction("test", "INSERT INTO t1 VALUES (1)", 1, 1));
            assertFalse(binlog.shouldRotate(), "end " + binlog.endPosition());
            binlog.append(insertTransaction("test", "INSERT INTO t1 VALUES (2)", 2, 2));
            assertTrue(binlog.shouldRotate(), "end " + binlog.endPosition());
        }
    }

    @Test
    void cleanShutdownWritesStopAndEveryStartOpensANewFile() throws IOException {
        BinlogFileSet binlog = BinlogFileSet.open(new RealFileLayer(), settings(), CLOCK);
        binlog.append(createDatabase("test"));
        binlog.close();
        binlog.close();
        List<PositionedEvent> events = events(datadir.resolve("mysql-bin.000001"));
        assertEquals(new StopEvent(), events.get(events.size() - 1).body());
        assertEquals(0, events.get(0).header().flags());
        assertThrows(IllegalStateException.class, () -> binlog.append(createDatabase("x")));

        LastFileReport report = BinlogFileSet.recoverLastFile(new RealFileLayer(), settings());
        assertTrue(report.cleanlyClosed());
        assertEquals("mysql-bin.000001", report.file());
        try (BinlogFileSet again = BinlogFileSet.open(new RealFileLayer(), settings(), CLOCK)) {
            assertEquals("mysql-bin.000002", again.currentFile());
            assertEquals("./mysql-bin.000001\n./mysql-bin.000002\n", index());
        }
        try (BinlogFileSet third = BinlogFileSet.open(new RealFileLayer(), settings(), CLOCK)) {
            assertEquals("mysql-bin.000003", third.currentFile());
        }
    }

    @Test
    void purgeToAndBeforeNeverTouchTheCurrentFile() throws IOException {
        try (BinlogFileSet binlog = BinlogFileSet.open(new RealFileLayer(), settings(), CLOCK)) {
            binlog.rotate();
            binlog.rotate();
            binlog.rotate();
            assertEquals(List.of("mysql-bin.000001", "mysql-bin.000002", "mysql-bin.000003", "mysql-bin.000004"),
                    binlog.fileNames());

            SqlError unknown = assertThrows(SqlError.class, () -> binlog.purgeTo("mysql-bin.000009"));
            assertEquals(1373, unknown.number());
            assertEquals("Target log not found in binlog index", unknown.getMessage());

            assertEquals(List.of("mysql-bin.000001"), binlog.purgeTo("mysql-bin.000002"));
            assertFalse(Files.exists(datadir.resolve("mysql-bin.000001")));
            assertEquals("./mysql-bin.000002\n./mysql-bin.000003\n./mysql-bin.000004\n", index());

            Instant old = Instant.ofEpochSecond(TS - 3600);
            Files.setLastModifiedTime(datadir.resolve("mysql-bin.000002"), FileTime.from(old));
            Files.setLastModifiedTime(datadir.resolve("mysql-bin.000003"), FileTime.from(Instant.ofEpochSecond(TS)));
            Files.setLastModifiedTime(datadir.resolve("mysql-bin.000004"), FileTime.from(old));
            assertEquals(List.of("mysql-bin.000002"), binlog.purgeBefore(Instant.ofEpochSecond(TS - 60)));
            assertEquals("./mysql-bin.000003\n./mysql-bin.000004\n", index());

            assertEquals(List.of("mysql-bin.000003"), binlog.purgeBefore(Instant.ofEpochSecond(TS + 3600)),
                    "the current file is never purged");
            assertEquals(List.of(), binlog.purgeTo("mysql-bin.000004"));
            assertEquals(List.of(new BinlogFileInfo("mysql-bin.000004", 154)), binlog.files());
        }
    }

    @Test
    void resetDeletesEverythingAndStartsAt000001() throws IOException {
        try (BinlogFileSet binlog = BinlogFileSet.open(new RealFileLayer(), settings(), CLOCK)) {
            binlog.append(createDatabase("test"));
            binlog.rotate();
            binlog.append(createDatabase("other"));
            binlog.reset();
            assertEquals("mysql-bin.000001", binlog.currentFile());
            // FDE (119 bytes with its CRC) then the empty PREVIOUS_GTIDS (31), as MySQL 5.7's 154 (B.3)
            assertEquals(154, binlog.endPosition());
            assertEquals("./mysql-bin.000001\n", index());
            assertFalse(Files.exists(datadir.resolve("mysql-bin.000002")));
            assertEquals(List.of(datadir.resolve("mysql-bin.000001"), datadir.resolve("mysql-bin.index")),
                    new RealFileLayer().list(datadir));
            assertEquals(2, events(datadir.resolve("mysql-bin.000001")).size(), "FDE and an empty PREVIOUS_GTIDS");
        }
    }

    @Test
    void tornTailIsTruncatedToTheLastCompleteEvent() throws IOException {
        long complete;
        BinlogFileSet crashed = BinlogFileSet.open(new RealFileLayer(), settings(), CLOCK);
        crashed.append(createDatabase("test"));
        complete = crashed.append(insertTransaction("test", "INSERT INTO t1 VALUES (1)", 1, 5)).offset();
        crashed.force();
        // The crash hits while the next group is being written: half of its bytes reached the file.
        Path file = datadir.resolve("mysql-bin.000001");
        byte[] whole = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOfRange(whole, 154, 154 + 40), StandardOpenOption.APPEND);

        LastFileReport report = BinlogFileSet.recoverLastFile(new RealFileLayer(), settings());
        assertFalse(report.cleanlyClosed());
        assertEquals("mysql-bin.000001", report.file());
        assertEquals(complete + 40, report.sizeFound());
        assertEquals(complete, report.validEnd());
        assertTrue(report.truncated());
        assertEquals(complete, Files.size(file));
        assertEquals(List.of(15, 35, 2, 2, 5, 2, 16), report.events().stream().map(e -> e.header().type()).toList());

        try (BinlogFileSet binlog = BinlogFileSet.open(new RealFileLayer(), settings(), CLOCK)) {
            assertEquals("mysql-bin.000002", binlog.currentFile());
            assertEquals(0, Files.readAllBytes(file)[21], "the recovered file is marked closed");
        }
    }

    @Test
    void damagedLastEventIsCutAndOpenRecoversWithoutAnExplicitCall() throws IOException {
        BinlogFileSet crashed = BinlogFileSet.open(new RealFileLayer(), settings(), CLOCK);
        long afterDdl = crashed.append(createDatabase("test")).offset();
        long end = crashed.append(insertTransaction("test", "INSERT INTO t1 VALUES (1)", 1, 5)).offset();
        crashed.force();
        Path file = datadir.resolve("mysql-bin.000001");
        byte[] bytes = Files.readAllBytes(file);
        bytes[(int) end - 6] ^= 0x40;
        Files.write(file, bytes);

        try (BinlogReader r = BinlogReader.open(new RealFileLayer(), file)) {
            assertThrows(ChecksumMismatchException.class, () -> r.readAll(4, r.size()));
        }
        LastFileReport report = BinlogFileSet.recoverLastFile(new RealFileLayer(), settings());
        assertEquals(end - 31, report.validEnd(), "the XID event (31 bytes) with the bad byte is gone");
        assertEquals(List.of(15, 35, 2, 2, 5, 2), report.events().stream().map(e -> e.header().type()).toList());
        assertTrue(afterDdl < report.validEnd());
        try (BinlogFileSet binlog = BinlogFileSet.open(new RealFileLayer(), settings(), CLOCK)) {
            assertEquals("mysql-bin.000002", binlog.currentFile());
            LastFileReport second = BinlogFileSet.recoverLastFile(new RealFileLayer(), settings());
            assertEquals("mysql-bin.000002", second.file());
            assertFalse(second.cleanlyClosed(), "the new file is open until close()");
        }
        assertTrue(BinlogFileSet.recoverLastFile(new RealFileLayer(), settings()).cleanlyClosed());
    }

    @Test
    void powerLossKeepsForcedEventsAndLosesUnforcedOnes() throws IOException {
        ForgetfulFileLayer layer = new ForgetfulFileLayer();
        BinlogFileSet binlog = BinlogFileSet.open(layer, settings(), CLOCK);
        long durableEnd = binlog.append(insertTransaction("test", "INSERT INTO t1 VALUES (1)", 1, 5)).offset();
        binlog.force();
        long end = binlog.append(insertTransaction("test", "INSERT INTO t1 VALUES (2)", 2, 6)).offset();
        assertEquals(end, Files.size(datadir.resolve("mysql-bin.000001")), "written, visible, not yet durable");

        layer.powerLoss();

        assertEquals(durableEnd, Files.size(datadir.resolve("mysql-bin.000001")));
        LastFileReport report = BinlogFileSet.recoverLastFile(new RealFileLayer(), settings());
        assertFalse(report.cleanlyClosed());
        assertFalse(report.truncated());
        List<Long> xids = report.events().stream().filter(e -> e.body() instanceof XidEvent)
                .map(e -> ((XidEvent) e.body()).xid()).toList();
        assertEquals(List.of(5L), xids);
    }

    @Test
    void powerLossDuringRotationLeavesAConsistentIndex() throws IOException {
        ForgetfulFileLayer layer = new ForgetfulFileLayer();
        BinlogFileSet binlog = BinlogFileSet.open(layer, settings(), CLOCK);
        binlog.append(createDatabase("test"));
        binlog.rotate();
        binlog.append(createDatabase("lost"));
        layer.powerLoss();

        assertEquals("./mysql-bin.000001\n./mysql-bin.000002\n", index());
        List<PositionedEvent> first = events(datadir.resolve("mysql-bin.000001"));
        assertEquals(EventType.ROTATE.code(), first.get(first.size() - 1).header().type(), "rotation forced the old file");
        LastFileReport report = BinlogFileSet.recoverLastFile(layer, settings());
        assertEquals("mysql-bin.000002", report.file());
        assertEquals(154, report.validEnd());
        assertEquals(2, report.events().size());
        try (BinlogFileSet again = BinlogFileSet.open(new ForgetfulFileLayer(), settings(), CLOCK)) {
            assertEquals("mysql-bin.000003", again.currentFile());
        }
    }

    @Test
    void readerNeverPassesTheLimitAndRejectsNonBoundaries() throws IOException {
        try (BinlogFileSet binlog = BinlogFileSet.open(new RealFileLayer(), settings(), CLOCK)) {
            long published = binlog.append(insertTransaction("test", "INSERT INTO t1 VALUES (1)", 1, 5)).offset();
            binlog.force();
            binlog.append(insertTransaction("test", "INSERT INTO t1 VALUES (2)", 2, 6));
            Path file = binlog.path(binlog.currentFile());
            try (BinlogReader r = BinlogReader.open(new RealFileLayer(), file)) {
                List<PositionedEvent> upToPublished = r.readAll(r.firstEventAfterFormatDescription(), published);
                assertEquals(5, upToPublished.size(), "PREVIOUS_GTIDS, then BEGIN, INTVAR, INSERT, XID");
                assertEquals(published, upToPublished.get(4).endPosition());
                assertNull(r.read(published, published));

                long begin2 = published;
                assertThrows(TruncatedEventException.class, () -> r.read(begin2, begin2 + 10));
                NotAnEventBoundaryException inside = assertThrows(NotAnEventBoundaryException.class,
                        () -> r.checkBoundary(begin2 + 3, r.size()));
                assertEquals(begin2 + 3, inside.position());
                assertThrows(NotAnEventBoundaryException.class, () -> r.checkBoundary(r.size() + 10, r.size()));
                assertThrows(NotAnEventBoundaryException.class, () -> r.readAll(160, r.size()));
                r.checkBoundary(begin2, r.size());
                assertEquals(4, r.readAll(begin2, r.size()).size());
            }
        }
    }

    @Test
    void formatDescriptionForAReplicaHasTheInUseFlagClearedAndValidCrc() throws IOException {
        try (BinlogFileSet binlog = BinlogFileSet.open(new RealFileLayer(), settings(), CLOCK);
             BinlogReader r = BinlogReader.open(new RealFileLayer(), datadir.resolve("mysql-bin.000001"))) {
            byte[] stored = r.formatDescriptionEvent().bytes();
            byte[] fromStart = r.formatDescriptionForReplica(false);
            byte[] expected = stored.clone();
            expected[17] = 0;
            assertArrayEquals(expected, fromStart, "same bytes and CRC: the CRC ignores the in-use flag");

            byte[] midFile = r.formatDescriptionForReplica(true);
            BinlogEvent e = EventFraming.decode(midFile, DecodeContext.assuming(ChecksumAlgorithm.NONE));
            assertEquals(0, e.header().nextPosition());
            assertEquals(0, e.header().flags());
            assertEquals(0, ((FormatDescriptionEvent) e.body()).createTimestamp());
            assertEquals(119, midFile.length);
        }
    }

    @Test
    void logBinInASubdirectoryIsListedRelativeToTheDatadir() throws IOException {
        BinlogSettings s = BinlogSettings.of(datadir, "binlogs/host-bin", 3, VERSION, ChecksumAlgorithm.NONE, 1 << 20);
        try (BinlogFileSet binlog = BinlogFileSet.open(new RealFileLayer(), s, CLOCK)) {
            assertEquals("host-bin.000001", binlog.currentFile());
            assertEquals("./binlogs/host-bin.000001\n",
                    Files.readString(datadir.resolve("binlogs/host-bin.index"), StandardCharsets.UTF_8));
            binlog.append(createDatabase("d"));
            try (BinlogReader r = BinlogReader.open(new RealFileLayer(), datadir.resolve("binlogs/host-bin.000001"))) {
                assertEquals(ChecksumAlgorithm.NONE, r.checksum());
                // without checksums the FDE ends at 123 and the empty PREVIOUS_GTIDS (19 + 8) at 150
                PositionedEvent q = r.read(150, r.size());
                assertEquals(150 + 19 + 13 + 26 + 1 + "CREATE DATABASE d".length(), q.endPosition());
            }
        }
    }
}
