package io.minisqld.server.binlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minisqld.plugin.api.LogPosition;
import io.minisqld.server.binlog.event.ChecksumAlgorithm;
import io.minisqld.server.binlog.event.EventHeaderFields;
import io.minisqld.server.binlog.event.FormatDescriptionEvent;
import io.minisqld.server.binlog.event.XidEvent;
import io.minisqld.server.binlog.event.codec.EventFraming;
import io.minisqld.server.storage.RealFileLayer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file set both logs share, with a kind that writes nothing of its own but the FDE. */
class LogFileSetTest {
    @TempDir
    Path datadir;

    /** Like a relay log: no closing events, no in-use flag; {@code tolerant} decides a lost last file. */
    private static final class PlainKind implements LogFileKind {
        final boolean tolerant;
        final List<LastFileReport> recovered = new ArrayList<>();

        PlainKind(boolean tolerant) {
            this.tolerant = tolerant;
        }

        @Override
        public String logName() {
            return "test log";
        }

        @Override
        public byte[] formatDescription(boolean afterRotation) {
            return EventFraming.encode(EventHeaderFields.of(1_700_000_000L, 9),
                    FormatDescriptionEvent.mysql57("5.7.44-log", 0, ChecksumAlgorithm.CRC32), 4, ChecksumAlgorithm.CRC32);
        }

        @Override
        public byte[] rotateEvent(long position, String nextFile) {
            return null;
        }

        @Override
        public byte[] stopEvent(long position) {
            return null;
        }

        @Override
        public boolean marksFilesInUse() {
            return false;
        }

        @Override
        public boolean positionsAreOffsets() {
            return true;
        }

        @Override
        public boolean toleratesLostHeader() {
            return tolerant;
        }

        @Override
        public void tailRecovered(LastFileReport report, boolean atOpen) {
            recovered.add(report);
        }
    }

    private LogFileLocation location() {
        return new LogFileLocation(datadir, datadir, "t-log", datadir.resolve("t-log.index"));
    }

    private static byte[] xidAt(long position) {
        return EventFraming.encode(EventHeaderFields.of(1_700_000_000L, 9), new XidEvent(position), position,
                ChecksumAlgorithm.CRC32);
    }

    @Test
    void filesAreNumberedAndListedAsMysqlListsThem() throws IOException {
        try (LogFileSet set = LogFileSet.open(new RealFileLayer(), location(), new PlainKind(false))) {
            LogPosition end = set.append(LogFileSetTest::xidAt);
            assertEquals(LogPosition.of("t-log.000001", 123 + 31), end);
            assertEquals(LogPosition.of("t-log.000002", 123), set.rotate());
            set.rotate();
            assertEquals(List.of("t-log.000001", "t-log.000002", "t-log.000003"), set.fileNames());
            assertEquals("./t-log.000001\n./t-log.000002\n./t-log.000003\n",
                    Files.readString(datadir.resolve("t-log.index")));
            assertEquals(Optional.of(List.of("t-log.000001")), set.purgeTo("t-log.000002"));
            assertEquals(Optional.empty(), set.purgeTo("t-log.000009"), "a file the index does not list");
            assertEquals(List.of(new BinlogFileInfo("t-log.000002", 123), new BinlogFileInfo("t-log.000003", 123)),
                    set.files());
        }
    }

    @Test
    void openCutsATornTailAndTellsTheKind() throws IOException {
        PlainKind kind = new PlainKind(false);
        try (LogFileSet set = LogFileSet.open(new RealFileLayer(), location(), kind)) {
            set.append(LogFileSetTest::xidAt);
        }
        Files.write(datadir.resolve("t-log.000001"), new byte[] {1, 2, 3}, StandardOpenOption.APPEND);
        try (LogFileSet set = LogFileSet.open(new RealFileLayer(), location(), kind)) {
            assertEquals("t-log.000002", set.currentFile());
        }
        assertEquals(154, Files.size(datadir.resolve("t-log.000001")));
        assertEquals(1, kind.recovered.size(), "without an in-use flag every last file is examined");
        LastFileReport report = kind.recovered.get(0);
        assertEquals(157, report.sizeFound());
        assertEquals(154, report.validEnd());
        TailDamage.BadEvent bad = assertInstanceOf(TailDamage.BadEvent.class, report.damage());
        assertEquals(154, bad.position());
    }

    @Test
    void aLostLastFileIsLeftBehindOnlyByAKindThatToleratesIt() throws IOException {
        try (LogFileSet set = LogFileSet.open(new RealFileLayer(), location(), new PlainKind(true))) {
            set.rotate();
        }
        Files.delete(datadir.resolve("t-log.000002"));
        assertThrows(IOException.class, () -> LogFileSet.open(new RealFileLayer(), location(), new PlainKind(false)));
        try (LogFileSet set = LogFileSet.open(new RealFileLayer(), location(), new PlainKind(true))) {
            assertEquals("t-log.000003", set.currentFile());
            assertTrue(set.fileNames().contains("t-log.000002"));
        }
    }
}
