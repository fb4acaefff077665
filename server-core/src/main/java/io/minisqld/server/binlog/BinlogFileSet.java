package io.minisqld.server.binlog;

import io.minisqld.plugin.api.LogPosition;
import io.minisqld.server.binlog.event.EventFlags;
import io.minisqld.server.binlog.event.EventHeaderFields;
import io.minisqld.server.binlog.event.FormatDescriptionEvent;
import io.minisqld.server.binlog.event.PreviousGtidsEvent;
import io.minisqld.server.binlog.event.RotateEvent;
import io.minisqld.server.binlog.event.StopEvent;
import io.minisqld.server.binlog.event.codec.EventFraming;
import io.minisqld.server.error.ErrorCode;
import io.minisqld.server.gtid.GtidSet;
import io.minisqld.server.storage.FileLayer;
import io.minisqld.server.wire.ByteWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * The binary log's files (protocol.md §3.1, §3.14): a {@link LogFileSet} whose files begin with
 * this server's FORMAT_DESCRIPTION event, flagged LOG_EVENT_BINLOG_IN_USE_F until the file is
 * closed by a ROTATE naming the next file or, at shutdown, a STOP; what is binlog-only is here:
 * events encoded at their positions with {@code binlog_checksum}, {@code max_binlog_size}, PURGE's
 * error for a file the index does not list, and the error-log lines of crash recovery.
 *
 * <p>As MySQL, every start opens a NEW file (the next number after the last one listed), whose FDE
 * carries the server start time as its create timestamp (0 in files opened by rotation).
 *
 * <p>Start-up order: {@link #recoverLastFile} (truncates a torn tail of a crashed last file and
 * returns its events), then the caller re-applies what the engine lacks, then {@link #open}.
 *
 * <p>Concurrency: the file set's lock serialises every operation (see {@link LogFileSet}).
 * {@link #append} does not sync: the group-commit leader calls {@link #append} then {@link #force}
 * and only then publishes the end to dump threads, which read through their own
 * {@link BinlogReader} bounded by that published end.
 */
public final class BinlogFileSet implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(BinlogFileSet.class);

    private final BinlogSettings settings;
    private final LogFileSet files;

    private BinlogFileSet(BinlogSettings settings, LogFileSet files) {
        this.settings = settings;
        this.files = files;
    }

    /**
     * Inspects the last file of the index before the binlog is opened: whether it was closed
     * cleanly, and if not (a crash), cuts any torn tail (an incomplete event, a CRC mismatch, a
     * malformed event, an event whose log_pos is not its end: everything from the first bad event
     * on) back to the end of the last complete event, forces the file, and returns its events for
     * the caller's recovery. The in-use flag stays set until {@link #open} clears it.
     */
    public static LastFileReport recoverLastFile(FileLayer layer, BinlogSettings settings) throws IOException {
        return LogFileSet.recoverLastFile(layer, settings.location(),
                new Kind(settings, Clock.systemUTC(), () -> GtidSet.EMPTY));
    }

    /**
     * Opens the binlog for writing: reads the index, recovers a crashed last file if
     * {@link #recoverLastFile} was not called, clears that file's in-use flag (as MySQL 5.7 does
     * after recovery: call this only once re-applied transactions are durable in the engine), and
     * starts the next file ({@code .000001} on a fresh data directory).
     */
    public static BinlogFileSet open(FileLayer layer, BinlogSettings settings, Clock clock) throws IOException {
        return open(layer, settings, clock, () -> GtidSet.EMPTY);
    }

    /**
     * As {@link #open(FileLayer, BinlogSettings, Clock)}; each new file's PREVIOUS_GTIDS event
     * lists what {@code previousGtids} gives when the file is started.
     */
    public static BinlogFileSet open(FileLayer layer, BinlogSettings settings, Clock clock,
                                     Supplier<GtidSet> previousGtids) throws IOException {
        if (!FormatDescriptionEvent.isChecksumAware(settings.serverVersion())) {
            throw new IllegalArgumentException("server version " + settings.serverVersion() + " predates binlog checksums");
        }
        return new BinlogFileSet(settings, LogFileSet.open(layer, settings.location(), new Kind(settings, clock, previousGtids)));
    }

    /** The settings this set was opened with. */
    public BinlogSettings settings() {
        return settings;
    }

    /**
     * Appends events at the end of the current file in ONE write: each is encoded at its
     * position with the file's checksum. Not durable until {@link #force()}.
     *
     * @return the end position after the last event
     */
    public LogPosition append(List<PendingEvent> events) throws IOException {
        for (PendingEvent e : events) {
            if (e.body() instanceof FormatDescriptionEvent) {
                throw new IllegalArgumentException("a format description event is written only at a file's start");
            }
        }
        return files.append(start -> {
            ByteWriter out = new ByteWriter(256 * Math.max(1, events.size()));
            long pos = start;
            for (PendingEvent e : events) {
                byte[] bytes = EventFraming.encode(e.header(), e.body(), pos, settings.checksum());
                out.bytes(bytes);
                pos += bytes.length;
            }
            return out.toByteArray();
        });
    }

    /** fsyncs the current file: everything appended so far survives a crash. */
    public void force() throws IOException {
        files.force();
    }

    /** The name (no directory) of the file being appended to. */
    public String currentFile() {
        return files.currentFile();
    }

    /** The end of the last append in the current file (written, not necessarily forced). */
    public long endPosition() {
        return files.end().offset();
    }

    /** {@link #currentFile()} and {@link #endPosition()} read together. */
    public LogPosition end() {
        return files.end();
    }

    /** Whether the current file has reached {@code max_binlog_size} (MySQL rotates after the group that got it there). */
    public boolean shouldRotate() {
        return files.end().offset() >= settings.maxBinlogSize();
    }

    /** The full path of a binlog file of this set. */
    public Path path(String fileName) {
        return files.path(fileName);
    }

    /**
     * Closes the current file with a ROTATE event naming the next one, clears its in-use flag,
     * forces it, and starts the next file (FDE created timestamp 0, as MySQL writes for rotation).
     *
     * @return the position the next file's events start at (after its FDE)
     */
    public LogPosition rotate() throws IOException {
        return files.rotate();
    }

    /** Clean shutdown: a STOP event, the in-use flag cleared, the file forced and closed. Idempotent. */
    @Override
    public void close() throws IOException {
        files.close();
    }

    /** SHOW BINARY LOGS: every listed file and its size (the current one up to the last append). */
    public List<BinlogFileInfo> files() throws IOException {
        return files.files();
    }

    /** The names the index lists, oldest first. */
    public List<String> fileNames() {
        return files.fileNames();
    }

    /**
     * PURGE BINARY LOGS TO: deletes every file listed before {@code fileName} (never that file,
     * hence never the current one), updating the index atomically first.
     *
     * @return the deleted names
     * @throws io.minisqld.server.error.SqlError 1373 ER_UNKNOWN_TARGET_BINLOG when the index does not list the file
     */
    public List<String> purgeTo(String fileName) throws IOException {
        return files.purgeTo(fileName).orElseThrow(ErrorCode.ER_UNKNOWN_TARGET_BINLOG::error);
    }

    /**
     * PURGE BINARY LOGS BEFORE: deletes files, oldest first, whose last modification is before
     * {@code before}, stopping at the first that is not, and never the current file.
     *
     * @return the deleted names
     */
    public List<String> purgeBefore(Instant before) throws IOException {
        return files.purgeBefore(before);
    }

    /**
     * RESET MASTER: deletes every binlog file (the current one closed without a STOP event, as
     * MySQL does) and starts over at {@code .000001}.
     */
    public void reset() throws IOException {
        files.reset();
    }

    /** The binlog's files: this server's own FDE (in use while open), ROTATE and STOP events. */
    private static final class Kind implements LogFileKind {
        private final BinlogSettings settings;
        private final Clock clock;
        private final Supplier<GtidSet> previousGtids;

        Kind(BinlogSettings settings, Clock clock, Supplier<GtidSet> previousGtids) {
            this.settings = settings;
            this.clock = clock;
            this.previousGtids = previousGtids;
        }

        @Override
        public String logName() {
            return "binlog";
        }

        @Override
        public byte[] formatDescription(boolean afterRotation) {
            long now = nowSeconds();
            FormatDescriptionEvent fde = FormatDescriptionEvent.mysql57(settings.serverVersion(),
                    afterRotation ? 0 : now, settings.checksum());
            EventHeaderFields header = new EventHeaderFields(now, settings.serverId(), EventFlags.BINLOG_IN_USE);
            byte[] first = EventFraming.encode(header, fde, BinlogReader.FIRST_EVENT_POSITION, settings.checksum());
            // as MySQL 5.7, every file's second event lists the GTIDs of the files before it (B.3)
            byte[] previous = EventFraming.encode(new EventHeaderFields(now, settings.serverId(), EventFlags.IGNORABLE),
                    new PreviousGtidsEvent(previousGtids.get()), BinlogReader.FIRST_EVENT_POSITION + first.length,
                    settings.checksum());
            byte[] both = java.util.Arrays.copyOf(first, first.length + previous.length);
            System.arraycopy(previous, 0, both, first.length, previous.length);
            return both;
        }

        @Override
        public byte[] rotateEvent(long position, String nextFile) {
            return EventFraming.encode(ownHeader(), new RotateEvent(BinlogReader.FIRST_EVENT_POSITION, nextFile),
                    position, settings.checksum());
        }

        @Override
        public byte[] stopEvent(long position) {
            return EventFraming.encode(ownHeader(), new StopEvent(), position, settings.checksum());
        }

        @Override
        public boolean marksFilesInUse() {
            return true;
        }

        @Override
        public boolean positionsAreOffsets() {
            return true;
        }

        @Override
        public boolean toleratesLostHeader() {
            return false;
        }

        @Override
        public void tailRecovered(LastFileReport report, boolean atOpen) {
            if (!atOpen) LOG.info("Recovering after a crash using {}", settings.stem());
            if (report.damage() instanceof TailDamage.BadEvent bad) {
                LOG.warn("Binlog {} ends with an incomplete or damaged event at {}: {}", report.file(), bad.position(),
                        bad.reason());
            } else if (report.damage() instanceof TailDamage.WrongLogPos wrong) {
                LOG.warn("Binlog {}: event at {} has log_pos {}, expected {}", report.file(), wrong.position(),
                        wrong.logPos(), wrong.expected());
            }
            if (report.truncated()) {
                LOG.info("Crashed binlog file {} size is {}, but recovered up to {}. Binlog trimmed to {} bytes.",
                        settings.location().path(report.file()), report.sizeFound(), report.validEnd(),
                        report.validEnd());
            }
        }

        private EventHeaderFields ownHeader() {
            return EventHeaderFields.of(nowSeconds(), settings.serverId());
        }

        private long nowSeconds() {
            return clock.instant().getEpochSecond();
        }
    }
}
