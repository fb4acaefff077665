package io.minisqld.server.binlog;

import io.minisqld.plugin.api.LogPosition;
import io.minisqld.server.binlog.event.ChecksumAlgorithm;
import io.minisqld.server.binlog.event.EventFlags;
import io.minisqld.server.binlog.event.EventHeader;
import io.minisqld.server.binlog.event.EventHeaderFields;
import io.minisqld.server.binlog.event.FormatDescriptionEvent;
import io.minisqld.server.binlog.event.RotateEvent;
import io.minisqld.server.binlog.event.StopEvent;
import io.minisqld.server.wire.ByteWriter;
import io.minisqld.server.binlog.event.codec.EventFormatException;
import io.minisqld.server.binlog.event.codec.EventFraming;
import io.minisqld.server.error.ErrorCode;
import io.minisqld.server.storage.DurableFile;
import io.minisqld.server.storage.FileLayer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The binary log as a set of files: {@code <basename>.000001…} plus {@code <basename>.index}, the
 * file being appended to, rotation, purge and reset (protocol.md §3.1, §3.14).
 *
 * <p>As MySQL, every start opens a NEW file (the next number after the last one listed), written
 * with magic and a FORMAT_DESCRIPTION event whose LOG_EVENT_BINLOG_IN_USE_F flag stays set until
 * the file is closed by ROTATE or STOP (then that one byte is rewritten in place and forced). A
 * file enters the index only after its header is durable, so every listed file starts with a
 * valid FDE.
 *
 * <p>Start-up order: {@link #recoverLastFile} (truncates a torn tail of a crashed last file and
 * returns its events), then the caller re-applies what the engine lacks, then {@link #open}.
 *
 * <p>Concurrency: every public method runs under {@code lock}, which guards the index list, the
 * open file and the end position; it is a leaf lock (nothing else is taken while holding it
 * except the file layer's I/O). {@link #append} does not sync: the group-commit leader calls
 * {@link #append} then {@link #force} and only then publishes the end to dump threads, which read
 * through their own {@link BinlogReader} bounded by that published end.
 */
public final class BinlogFileSet implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(BinlogFileSet.class);

    private final FileLayer layer;
    private final BinlogSettings settings;
    private final BinlogIndex index;
    private final Clock clock;
    private final Object lock = new Object();

    // Guarded by lock.
    private final List<String> names = new ArrayList<>();
    private DurableFile current;
    private String currentName;
    private long end;
    private boolean closed;

    private BinlogFileSet(FileLayer layer, BinlogSettings settings, Clock clock) {
        this.layer = layer;
        this.settings = settings;
        this.index = new BinlogIndex(layer, settings);
        this.clock = clock;
    }

    /**
     * Inspects the last file of the index before the binlog is opened: whether it was closed
     * cleanly, and if not (a crash), cuts any torn tail (an incomplete event, a CRC mismatch, a
     * malformed event: everything from the first bad event on) back to the end of the last
     * complete event, forces the file, and returns its events for the caller's recovery. The
     * in-use flag stays set until {@link #open} clears it.
     */
    public static LastFileReport recoverLastFile(FileLayer layer, BinlogSettings settings) throws IOException {
        return recoverLastFile(layer, settings, true);
    }

    private static LastFileReport recoverLastFile(FileLayer layer, BinlogSettings settings, boolean announce)
            throws IOException {
        List<String> listed = new BinlogIndex(layer, settings).read();
        if (listed.isEmpty()) return LastFileReport.none();
        String name = listed.get(listed.size() - 1);
        Path path = settings.directory().resolve(name);
        long sizeFound = layer.size(path);
        List<PositionedEvent> events = new ArrayList<>();
        long validEnd;
        try (BinlogReader reader = BinlogReader.open(layer, path)) {
            if ((reader.formatDescriptionEvent().header().flags() & EventFlags.BINLOG_IN_USE) == 0) {
                return new LastFileReport(name, true, sizeFound, sizeFound, List.of());
            }
            if (announce) LOG.info("Recovering after a crash using {}", settings.stem());
            validEnd = BinlogReader.FIRST_EVENT_POSITION;
            while (true) {
                PositionedEvent e;
                try {
                    e = reader.read(validEnd, sizeFound);
                } catch (EventFormatException torn) {
                    LOG.warn("Binlog {} ends with an incomplete or damaged event at {}: {}", name, validEnd,
                            torn.getMessage());
                    break;
                }
                if (e == null) break;
                if (e.header().nextPosition() != e.endPosition()) {
                    LOG.warn("Binlog {}: event at {} has log_pos {}, expected {}", name, validEnd,
                            e.header().nextPosition(), e.endPosition());
                    break;
                }
                events.add(e);
                validEnd = e.endPosition();
            }
        }
        if (validEnd < sizeFound) {
            try (DurableFile f = layer.open(path)) {
                f.truncate(validEnd);
                f.force();
            }
            LOG.info("Crashed binlog file {} size is {}, but recovered up to {}. Binlog trimmed to {} bytes.",
                    settings.directory().resolve(name), sizeFound, validEnd, validEnd);
        }
        return new LastFileReport(name, false, sizeFound, validEnd, events);
    }

    /**
     * Opens the binlog for writing: reads the index, recovers a crashed last file if
     * {@link #recoverLastFile} was not called, clears that file's in-use flag (as MySQL 5.7 does
     * after recovery: call this only once re-applied transactions are durable in the engine), and
     * starts the next file ({@code .000001} on a fresh data directory) whose FDE carries the
     * server start time as its create timestamp.
     */
    public static BinlogFileSet open(FileLayer layer, BinlogSettings settings, Clock clock) throws IOException {
        if (!FormatDescriptionEvent.isChecksumAware(settings.serverVersion())) {
            throw new IllegalArgumentException("server version " + settings.serverVersion() + " predates binlog checksums");
        }
        BinlogFileSet set = new BinlogFileSet(layer, settings, clock);
        layer.createDirectories(settings.directory());
        synchronized (set.lock) {
            set.names.addAll(set.index.read());
            long next = 1;
            if (!set.names.isEmpty()) {
                String last = set.names.get(set.names.size() - 1);
                // recovery normally ran already (and said so); this only finds what is left to do
                LastFileReport report = recoverLastFile(layer, settings, false);
                if (!report.cleanlyClosed()) set.clearInUseFlag(last);
                next = BinlogFileNames.sequenceOf(last) + 1;
            }
            set.startFile(BinlogFileNames.name(settings.stem(), next), set.nowSeconds());
        }
        return set;
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
        synchronized (lock) {
            ensureOpen();
            ByteWriter out = new ByteWriter(256 * Math.max(1, events.size()));
            long pos = end;
            for (PendingEvent e : events) {
                if (e.body() instanceof FormatDescriptionEvent) {
                    throw new IllegalArgumentException("a format description event is written only at a file's start");
                }
                byte[] bytes = EventFraming.encode(e.header(), e.body(), pos, settings.checksum());
                out.bytes(bytes);
                pos += bytes.length;
            }
            writeAtEnd(out.toByteArray());
            return new LogPosition(currentName, end);
        }
    }

    /** fsyncs the current file: everything appended so far survives a crash. */
    public void force() throws IOException {
        synchronized (lock) {
            ensureOpen();
            current.force();
        }
    }

    /** The name (no directory) of the file being appended to. */
    public String currentFile() {
        synchronized (lock) {
            return currentName;
        }
    }

    /** The end of the last append in the current file (written, not necessarily forced). */
    public long endPosition() {
        synchronized (lock) {
            return end;
        }
    }

    /** {@link #currentFile()} and {@link #endPosition()} read together. */
    public LogPosition end() {
        synchronized (lock) {
            return new LogPosition(currentName, end);
        }
    }

    /** Whether the current file has reached {@code max_binlog_size} (MySQL rotates after the group that got it there). */
    public boolean shouldRotate() {
        synchronized (lock) {
            return end >= settings.maxBinlogSize();
        }
    }

    /** The full path of a binlog file of this set. */
    public Path path(String fileName) {
        return settings.directory().resolve(fileName);
    }

    /**
     * Closes the current file with a ROTATE event naming the next one, clears its in-use flag,
     * forces it, and starts the next file (FDE created timestamp 0, as MySQL writes for rotation).
     *
     * @return the position the next file's events start at (after its FDE)
     */
    public LogPosition rotate() throws IOException {
        synchronized (lock) {
            ensureOpen();
            String next = BinlogFileNames.name(settings.stem(), BinlogFileNames.sequenceOf(currentName) + 1);
            writeAtEnd(EventFraming.encode(ownHeader(), new RotateEvent(BinlogReader.FIRST_EVENT_POSITION, next), end,
                    settings.checksum()));
            finishCurrent();
            startFile(next, 0);
            return new LogPosition(currentName, end);
        }
    }

    /** Clean shutdown: a STOP event, the in-use flag cleared, the file forced and closed. Idempotent. */
    @Override
    public void close() throws IOException {
        synchronized (lock) {
            if (closed) return;
            writeAtEnd(EventFraming.encode(ownHeader(), new StopEvent(), end, settings.checksum()));
            finishCurrent();
            closed = true;
        }
    }

    /** SHOW BINARY LOGS: every listed file and its size (the current one up to the last append). */
    public List<BinlogFileInfo> files() throws IOException {
        synchronized (lock) {
            List<BinlogFileInfo> out = new ArrayList<>();
            for (String n : names) {
                long size = n.equals(currentName) && !closed ? end : (layer.exists(path(n)) ? layer.size(path(n)) : 0);
                out.add(new BinlogFileInfo(n, size));
            }
            return out;
        }
    }

    /** The names the index lists, oldest first. */
    public List<String> fileNames() {
        synchronized (lock) {
            return List.copyOf(names);
        }
    }

    /**
     * PURGE BINARY LOGS TO: deletes every file listed before {@code fileName} (never that file,
     * hence never the current one), updating the index atomically first.
     *
     * @return the deleted names
     * @throws io.minisqld.server.error.SqlError 1373 ER_UNKNOWN_TARGET_BINLOG when the index does not list the file
     */
    public List<String> purgeTo(String fileName) throws IOException {
        synchronized (lock) {
            int i = names.indexOf(fileName);
            if (i < 0) throw ErrorCode.ER_UNKNOWN_TARGET_BINLOG.error();
            return purgeFirst(i);
        }
    }

    /**
     * PURGE BINARY LOGS BEFORE: deletes files, oldest first, whose last modification is before
     * {@code before}, stopping at the first that is not, and never the current file.
     *
     * @return the deleted names
     */
    public List<String> purgeBefore(Instant before) throws IOException {
        synchronized (lock) {
            int count = 0;
            while (count < names.size() && !names.get(count).equals(currentName)
                    && layer.lastModified(path(names.get(count))).isBefore(before)) {
                count++;
            }
            return purgeFirst(count);
        }
    }

    /**
     * RESET MASTER: deletes every binlog file (the current one closed without a STOP event, as
     * MySQL does) and starts over at {@code .000001}.
     */
    public void reset() throws IOException {
        synchronized (lock) {
            ensureOpen();
            current.close();
            current = null;
            List<String> all = List.copyOf(names);
            names.clear();
            index.write(names);
            for (String n : all) layer.delete(path(n));
            startFile(BinlogFileNames.name(settings.stem(), 1), nowSeconds());
        }
    }

    private List<String> purgeFirst(int count) throws IOException {
        List<String> gone = List.copyOf(names.subList(0, count));
        if (gone.isEmpty()) return gone;
        names.subList(0, count).clear();
        index.write(names);
        for (String n : gone) layer.delete(path(n));
        return gone;
    }

    private void startFile(String name, long created) throws IOException {
        Path path = path(name);
        if (names.contains(name)) throw new IOException("binlog file " + name + " is already in the index");
        // A file that exists but is not listed is the leftover of a crash while it was being
        // created: it never held an event (the index names a file only after its header is durable).
        if (layer.exists(path)) layer.delete(path);
        DurableFile f = layer.create(path);
        try {
            FormatDescriptionEvent fde = FormatDescriptionEvent.mysql57(settings.serverVersion(), created,
                    settings.checksum());
            EventHeaderFields header = new EventHeaderFields(nowSeconds(), settings.serverId(), EventFlags.BINLOG_IN_USE);
            byte[] fdeBytes = EventFraming.encode(header, fde, BinlogReader.FIRST_EVENT_POSITION, settings.checksum());
            f.write(new ByteWriter(4 + fdeBytes.length).bytes(BinlogReader.MAGIC).bytes(fdeBytes).toByteArray());
            f.force();
        } catch (IOException | RuntimeException e) {
            f.close();
            throw e;
        }
        current = f;
        currentName = name;
        end = f.size();
        names.add(name);
        index.write(names);
    }

    /** Clears the in-use flag of the current file's FDE in place, forces and closes the file. */
    private void finishCurrent() throws IOException {
        clearFlag(current);
        current.force();
        current.close();
        current = null;
    }

    private void clearInUseFlag(String fileName) throws IOException {
        try (DurableFile f = layer.open(path(fileName))) {
            clearFlag(f);
            f.force();
        }
    }

    private static void clearFlag(DurableFile f) throws IOException {
        long offset = BinlogReader.FIRST_EVENT_POSITION + EventHeader.FLAGS_OFFSET;
        byte[] b = f.read(offset, 1);
        if (b.length != 1) throw new EventFormatException("binlog file too short for a format description event");
        f.writeAt(offset, new byte[] {(byte) (b[0] & ~EventFlags.BINLOG_IN_USE)});
    }

    private void writeAtEnd(byte[] bytes) throws IOException {
        try {
            current.write(bytes);
        } catch (IOException e) {
            // Leave no partial event behind: cut back to the last complete one if the file allows.
            try {
                current.truncate(end);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        end += bytes.length;
    }

    private EventHeaderFields ownHeader() {
        return EventHeaderFields.of(nowSeconds(), settings.serverId());
    }

    private long nowSeconds() {
        return clock.instant().getEpochSecond();
    }

    private void ensureOpen() {
        if (closed || current == null) throw new IllegalStateException("binlog is closed");
    }

    /** The checksum algorithm of files this set writes. */
    public ChecksumAlgorithm checksum() {
        return settings.checksum();
    }
}
