package io.minisqld.server.binlog;

import io.minisqld.plugin.api.LogPosition;
import io.minisqld.server.binlog.event.EventFlags;
import io.minisqld.server.binlog.event.EventHeader;
import io.minisqld.server.binlog.event.codec.EventFormatException;
import io.minisqld.server.storage.DurableFile;
import io.minisqld.server.storage.FileLayer;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongFunction;

/**
 * A log kept as numbered files plus an index, the shape the binary log and the relay log share
 * (protocol.md §3.1): {@code <stem>.000001…} in one directory and {@code <stem>.index} listing
 * them, oldest first. The set appends to the last file, rotates to the next number, purges from
 * the front, resets to {@code .000001}, and at open cuts what a crash tore off the last file. As
 * MySQL does, every open starts a new file after the last one listed. What the binlog and the
 * relay log write differently (the FDE, a closing ROTATE or STOP, the in-use flag) comes from the
 * set's {@link LogFileKind}.
 *
 * <p>Durability: a file enters the index only once its magic and FDE are forced, so every listed
 * file starts with a valid FDE; the index is replaced atomically; {@link #append} does not force,
 * {@link #force} does. Every write goes through the {@link FileLayer}.
 *
 * <p>Concurrency: every method runs under {@code lock}, which guards the listed names, the open
 * file and its end. It is a leaf lock: nothing else is taken while holding it but the file layer's
 * I/O and the kind's callbacks (which take no lock). Callers may hold their own lock while calling
 * in (the relay log does, to publish what a sync made durable).
 */
public final class LogFileSet implements Closeable {

    private final FileLayer layer;
    private final LogFileLocation location;
    private final LogFileKind kind;
    private final LogIndex index;
    private final Object lock = new Object();

    // Guarded by lock.
    private final List<String> names = new ArrayList<>();
    private DurableFile current;
    private String currentName;
    private long end;
    private boolean closed;

    private LogFileSet(FileLayer layer, LogFileLocation location, LogFileKind kind) {
        this.layer = layer;
        this.location = location;
        this.kind = kind;
        this.index = new LogIndex(layer, location);
    }

    /** MySQL's file names: {@code mysql-bin} and 3 give {@code mysql-bin.000003}. */
    static String fileName(String stem, long sequence) {
        return stem + "." + String.format("%06d", sequence);
    }

    /**
     * Opens the set: reads the index, recovers the last file if a crash left it open (its torn
     * tail cut, its in-use flag cleared: call this only once what crash recovery re-applied is
     * durable), and starts the next file ({@code .000001} when the index lists none).
     */
    public static LogFileSet open(FileLayer layer, LogFileLocation location, LogFileKind kind) throws IOException {
        LogFileSet set = new LogFileSet(layer, location, kind);
        layer.createDirectories(location.directory());
        synchronized (set.lock) {
            set.names.addAll(set.index.read());
            long next = 1;
            if (!set.names.isEmpty()) {
                String last = set.names.get(set.names.size() - 1);
                // crash recovery normally ran already (and reported); this finds what is left to do
                LastFileReport report = recoverTail(layer, location, kind, last, false);
                if (!report.cleanlyClosed()) {
                    kind.tailRecovered(report, true);
                    if (kind.marksFilesInUse()) set.clearInUseFlag(last);
                }
                next = LogPosition.fileSequence(last) + 1;
            }
            set.startFile(fileName(location.stem(), next), false);
        }
        return set;
    }

    /**
     * Crash recovery's first step, before the set is opened: inspects the last file of the index
     * and, if a crash left it open, cuts its torn tail (everything from the first incomplete,
     * checksum-failing or malformed event on, and for a binlog from the first event whose
     * {@code log_pos} is wrong) back to the end of the last complete event, forces the file, and
     * returns its events. The in-use flag stays set until {@link #open} clears it.
     */
    public static LastFileReport recoverLastFile(FileLayer layer, LogFileLocation location, LogFileKind kind)
            throws IOException {
        List<String> listed = new LogIndex(layer, location).read();
        if (listed.isEmpty()) return LastFileReport.none();
        LastFileReport report = recoverTail(layer, location, kind, listed.get(listed.size() - 1), true);
        if (!report.cleanlyClosed()) kind.tailRecovered(report, false);
        return report;
    }

    private static LastFileReport recoverTail(FileLayer layer, LogFileLocation location, LogFileKind kind,
                                              String name, boolean keepEvents) throws IOException {
        Path path = location.path(name);
        if (kind.toleratesLostHeader() && !layer.exists(path)) return LastFileReport.clean(name, 0);
        long sizeFound = layer.size(path);
        List<PositionedEvent> events = new ArrayList<>();
        TailDamage damage = null;
        long validEnd = BinlogReader.FIRST_EVENT_POSITION;
        try (BinlogReader reader = BinlogReader.open(layer, path, kind.positionsAreOffsets())) {
            if (kind.marksFilesInUse()
                    && (reader.formatDescriptionEvent().header().flags() & EventFlags.BINLOG_IN_USE) == 0) {
                return LastFileReport.clean(name, sizeFound);
            }
            while (true) {
                PositionedEvent e;
                try {
                    e = reader.read(validEnd, sizeFound);
                } catch (EventFormatException torn) {
                    damage = new TailDamage.BadEvent(validEnd, torn.getMessage());
                    break;
                }
                if (e == null) break;
                if (kind.positionsAreOffsets() && e.header().nextPosition() != e.endPosition()) {
                    damage = new TailDamage.WrongLogPos(validEnd, e.header().nextPosition(), e.endPosition());
                    break;
                }
                if (keepEvents) events.add(e);
                validEnd = e.endPosition();
            }
        } catch (EventFormatException noHeader) {
            if (!kind.toleratesLostHeader()) throw noHeader;
            // not even the FDE survived: the file never held an event
            validEnd = 0;
        }
        if (validEnd < sizeFound) {
            try (DurableFile f = layer.open(path)) {
                f.truncate(validEnd);
                f.force();
            }
        }
        return new LastFileReport(name, false, sizeFound, validEnd, events, damage);
    }

    /**
     * Appends at the end of the current file in ONE write; not durable until {@link #force()}.
     *
     * @param bytesAt the bytes to append, given the offset they will start at (events carry their
     *                end offset in their header)
     * @return the end after the append
     */
    public LogPosition append(LongFunction<byte[]> bytesAt) throws IOException {
        synchronized (lock) {
            ensureOpen();
            writeAtEnd(bytesAt.apply(end));
            return new LogPosition(currentName, end);
        }
    }

    /** fsyncs the current file; returns the end it made durable. */
    public LogPosition force() throws IOException {
        synchronized (lock) {
            ensureOpen();
            current.force();
            return new LogPosition(currentName, end);
        }
    }

    /** The current file and the end of the last append in it (written, not necessarily forced). */
    public LogPosition end() {
        synchronized (lock) {
            return new LogPosition(currentName, end);
        }
    }

    /** The name (no directory) of the file being appended to. */
    public String currentFile() {
        synchronized (lock) {
            return currentName;
        }
    }

    /** The full path of a file of the set. */
    public Path path(String fileName) {
        return location.path(fileName);
    }

    /**
     * Closes the current file (with the kind's rotate event, the in-use flag cleared, forced) and
     * starts the next one.
     *
     * @return where the new file's events start (after its FDE)
     */
    public LogPosition rotate() throws IOException {
        synchronized (lock) {
            ensureOpen();
            String next = fileName(location.stem(), LogPosition.fileSequence(currentName) + 1);
            byte[] closing = kind.rotateEvent(end, next);
            if (closing != null) writeAtEnd(closing);
            finishCurrent();
            startFile(next, true);
            return new LogPosition(currentName, end);
        }
    }

    /** Clean shutdown: the kind's stop event, the in-use flag cleared, the file forced and closed. Idempotent. */
    @Override
    public void close() throws IOException {
        synchronized (lock) {
            if (closed) return;
            closed = true;
            if (current == null) return;
            byte[] stop = kind.stopEvent(end);
            try {
                if (stop != null) writeAtEnd(stop);
            } catch (IOException e) {
                // without its stop event the file stays marked in use: the next start recovers it
                current.close();
                current = null;
                throw e;
            }
            finishCurrent();
        }
    }

    /** Every listed file and its size (the current one up to the last append), oldest first. */
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

    /** The names the index lists, oldest first (the last is being written). */
    public List<String> fileNames() {
        synchronized (lock) {
            return List.copyOf(names);
        }
    }

    /**
     * Deletes every file listed before {@code fileName} (never that file, hence never the current
     * one), rewriting the index first, so that a crash leaves at worst an unlisted file.
     *
     * @return the deleted names; empty when the index does not list {@code fileName}
     */
    public Optional<List<String>> purgeTo(String fileName) throws IOException {
        synchronized (lock) {
            int i = names.indexOf(fileName);
            if (i < 0) return Optional.empty();
            return Optional.of(purgeFirst(i));
        }
    }

    /**
     * Deletes files, oldest first, last modified before {@code before}, stopping at the first
     * that is not, and never the current file.
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
     * Deletes every file (the current one closed without the kind's stop event, as MySQL's RESET
     * MASTER and RESET SLAVE do) and starts over at {@code .000001}.
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
            startFile(fileName(location.stem(), 1), false);
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

    private void startFile(String name, boolean afterRotation) throws IOException {
        Path path = path(name);
        if (names.contains(name)) throw new IOException(kind.logName() + " file " + name + " is already in the index");
        // A file that exists but is not listed is the leftover of a crash while it was being
        // created: it never held an event (the index names a file only after its header is durable).
        if (layer.exists(path)) layer.delete(path);
        DurableFile f = layer.create(path);
        byte[] fde = kind.formatDescription(afterRotation);
        try {
            byte[] head = new byte[BinlogReader.MAGIC.length + fde.length];
            System.arraycopy(BinlogReader.MAGIC, 0, head, 0, BinlogReader.MAGIC.length);
            System.arraycopy(fde, 0, head, BinlogReader.MAGIC.length, fde.length);
            f.write(head);
            f.force();
        } catch (IOException | RuntimeException e) {
            f.close();
            throw e;
        }
        current = f;
        currentName = name;
        end = BinlogReader.FIRST_EVENT_POSITION + fde.length;
        names.add(name);
        index.write(names);
    }

    /** Clears the current file's in-use flag (if the kind sets it), forces and closes the file. */
    private void finishCurrent() throws IOException {
        try {
            if (kind.marksFilesInUse()) clearFlag(current);
            current.force();
        } finally {
            current.close();
            current = null;
        }
    }

    private void clearInUseFlag(String fileName) throws IOException {
        try (DurableFile f = layer.open(path(fileName))) {
            clearFlag(f);
            f.force();
        }
    }

    /** Rewrites the one flags byte of the FDE in place: its CRC is computed as if the flag were clear (§3.3). */
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

    private void ensureOpen() {
        if (closed || current == null) throw new IllegalStateException(kind.logName() + " is closed");
    }
}
