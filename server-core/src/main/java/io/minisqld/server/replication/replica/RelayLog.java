package io.minisqld.server.replication.replica;

import io.minisqld.plugin.api.LogPosition;
import io.minisqld.server.binlog.BinlogFileNames;
import io.minisqld.server.binlog.BinlogReader;
import io.minisqld.server.binlog.PositionedEvent;
import io.minisqld.server.binlog.event.ChecksumAlgorithm;
import io.minisqld.server.binlog.event.EventFlags;
import io.minisqld.server.binlog.event.EventHeader;
import io.minisqld.server.binlog.event.EventHeaderFields;
import io.minisqld.server.binlog.event.EventType;
import io.minisqld.server.binlog.event.FormatDescriptionEvent;
import io.minisqld.server.binlog.event.codec.EventFormatException;
import io.minisqld.server.binlog.event.codec.EventFraming;
import io.minisqld.server.storage.DurableFile;
import io.minisqld.server.storage.FileLayer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The replica's relay log: files {@code <basename>.000001…} and {@code <basename>.index} in binlog
 * v4 format, one relay log per replica (MySQL's {@code relay_log}, default
 * {@code <hostname>-relay-bin}).
 *
 * <p><b>File layout.</b> Every file starts with the magic and this server's own
 * FORMAT_DESCRIPTION event (header flag {@link EventFlags#RELAY_LOG}, server id = this replica),
 * as MySQL's relay logs do. The source's events follow exactly as received: their headers keep the
 * source's server id and {@code log_pos} (the end offset in the <em>source's</em> binlog), so relay
 * log offsets and source positions are unrelated. The IO thread writes the source's ROTATE events
 * (the fake one at each dump start and the real ones) and FORMAT_DESCRIPTION events too, as MySQL
 * does, so the SQL thread learns the source file name (Relay_Master_Log_File) from ROTATE bodies
 * and the source's format from its FDE; HEARTBEAT and STOP events never reach the relay log. A
 * relay log file does not end with a ROTATE of its own: a reader that reached the end of a file
 * moves on when {@link #syncedEnd()} names a later file (that file is then complete).
 *
 * <p><b>Checksums.</b> All events of one file carry the checksum that the file's own FDE declares,
 * so {@link BinlogReader#open(FileLayer, Path, boolean) BinlogReader.open(layer, path, false)}
 * reads any file. The IO thread announces the source's algorithm with {@link #rotate(ChecksumAlgorithm)}
 * when it starts and {@link #useChecksum} when it reconnects; an appended source FDE that declares
 * another algorithm starts a new file first
 * (MySQL keeps its relay log's {@code checksum_alg} equal to the source's the same way).
 *
 * <p><b>Durability.</b> {@link #append} writes without forcing; {@link #sync} forces and only then
 * moves {@link #syncedEnd()} and wakes {@link #awaitSynced} waiters, so a reader never sees bytes
 * that a power loss could take back. Every write goes through the {@link FileLayer}. The index is
 * rewritten atomically, and a file is listed only once its FDE is durable.
 *
 * <p><b>Concurrency.</b> {@code lock} guards the open file, the index list, the written end and
 * the checksum; the IO thread appends and syncs, session threads call {@link #rotate},
 * {@link #purgeBefore}, {@link #reset}, readers call {@link #syncedEnd} (a volatile read, never
 * blocked by an fsync) and {@link #awaitSynced}. No other lock is taken while holding it except
 * the file layer's own.
 */
public final class RelayLog implements AutoCloseable {
    /** Default of max_relay_log_size / max_binlog_size: a file is rotated once it passes 1 GiB. */
    public static final long DEFAULT_MAX_FILE_SIZE = 1L << 30;

    private final FileLayer layer;
    private final Path directory;
    private final Path datadir;
    private final String stem;
    private final Path indexFile;
    private final long serverId;
    private final String serverVersion;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition syncedMoved = lock.newCondition();
    /** The listed files, oldest first; the last one is open for appends. */
    private final List<String> names = new ArrayList<>();
    private DurableFile current;
    private String currentName;
    /** End of the last whole event written to {@code current}. */
    private long writtenEnd;
    private ChecksumAlgorithm checksum = ChecksumAlgorithm.CRC32;
    private long maxFileSize = DEFAULT_MAX_FILE_SIZE;
    private boolean closed;
    /** Written under {@code lock}, read without it. */
    private volatile LogPosition syncedEnd;

    private RelayLog(FileLayer layer, Path datadir, String basename, long serverId, String serverVersion) {
        Path base = datadir.resolve(basename);
        this.layer = layer;
        this.datadir = datadir.toAbsolutePath().normalize();
        this.directory = base.toAbsolutePath().normalize().getParent();
        this.stem = base.getFileName().toString();
        this.indexFile = directory.resolve(stem + ".index");
        this.serverId = serverId;
        this.serverVersion = serverVersion;
    }

    /**
     * Opens (or creates) the relay log. Existing files stay for the SQL thread to read; the last
     * one loses a torn tail (an event a crash cut short), and a new file is started, since MySQL
     * begins a new relay log file at every server start. A fresh relay log starts at
     * {@code <basename>.000001}.
     *
     * @param basename      {@code relay_log}, or {@code "<hostname>-relay-bin"}; relative to
     *                      {@code datadir} unless absolute
     * @param serverId      this replica's server_id (the header of its own FDEs)
     * @param serverVersion this server's version string (its own FDEs)
     */
    public static RelayLog open(FileLayer layer, Path datadir, String basename, long serverId, String serverVersion)
            throws IOException {
        RelayLog log = new RelayLog(layer, datadir, basename, serverId, serverVersion);
        log.lock.lock();
        try {
            log.load();
        } finally {
            log.lock.unlock();
        }
        return log;
    }

    private void load() throws IOException {
        layer.createDirectories(directory);
        names.addAll(readIndex());
        if (!names.isEmpty()) {
            String last = names.get(names.size() - 1);
            if (layer.exists(path(last))) {
                cutTornTail(last);
                long next = BinlogFileNames.sequenceOf(last) + 1;
                startFile(BinlogFileNames.name(stem, next));
                return;
            }
            // The index names a file that is gone: start over behind the last number.
            startFile(BinlogFileNames.name(stem, BinlogFileNames.sequenceOf(last) + 1));
            return;
        }
        startFile(BinlogFileNames.name(stem, 1));
    }

    /** Truncates a file after its last complete event (bytes a crash left of a partial write). */
    private void cutTornTail(String name) throws IOException {
        long good;
        try (BinlogReader reader = BinlogReader.open(layer, path(name), false)) {
            long size = reader.size();
            good = reader.firstEventAfterFormatDescription();
            try {
                PositionedEvent e;
                while (good < size && (e = reader.read(good, size)) != null) good = e.endPosition();
            } catch (EventFormatException torn) {
                // good stays at the end of the last event that read back whole.
            }
            if (good == size) return;
        } catch (EventFormatException noHeader) {
            // Not even an FDE survived: the file never held an event.
            good = 0;
        }
        try (DurableFile f = layer.open(path(name))) {
            f.truncate(good);
            f.force();
        }
    }

    /**
     * Appends one event (header + body + checksum, as received from the source) to the current
     * file. Not durable and not visible to readers until {@link #sync}. An FDE declaring another
     * checksum algorithm than the current file's starts a new file first; a file that reached
     * the maximum size (see {@link #setMaxFileSize}) is rotated after the append.
     */
    public void append(byte[] event) throws IOException {
        lock.lock();
        try {
            ensureOpen();
            if (event.length < EventHeader.LENGTH) throw new EventFormatException("event of " + event.length + " bytes");
            if ((event[4] & 0xFF) == EventType.FORMAT_DESCRIPTION.code()) {
                ChecksumAlgorithm declared = EventFraming.declaredChecksum(event);
                if (declared != checksum) switchChecksum(declared);
            }
            try {
                current.write(event);
            } catch (IOException e) {
                try {
                    current.truncate(writtenEnd);
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw e;
            }
            writtenEnd += event.length;
            if (writtenEnd >= maxFileSize) rotateLocked();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Forces everything appended so far; afterwards {@link #syncedEnd()} covers it and waiters
     * of {@link #awaitSynced} wake. One sync may cover many appends.
     */
    public void sync() throws IOException {
        lock.lock();
        try {
            ensureOpen();
            current.force();
            publish(new LogPosition(currentName, writtenEnd));
        } finally {
            lock.unlock();
        }
    }

    /** The end of the durable part of the relay log: readers may read up to here. */
    public LogPosition syncedEnd() {
        return syncedEnd;
    }

    /**
     * Waits until {@link #syncedEnd()} differs from {@code seen} or the timeout passes, and
     * returns it (equal to {@code seen} on timeout).
     */
    public LogPosition awaitSynced(LogPosition seen, long timeout, TimeUnit unit) throws InterruptedException {
        long nanos = unit.toNanos(timeout);
        lock.lock();
        try {
            while (Objects.equals(syncedEnd, seen) && !closed) {
                if (nanos <= 0) break;
                nanos = syncedMoved.awaitNanos(nanos);
            }
            return syncedEnd;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Starts a new file (the current one forced and closed): MySQL rotates the relay log when the
     * IO thread starts, at FLUSH RELAY LOGS, and when a file passes max_relay_log_size.
     */
    public void rotate() throws IOException {
        lock.lock();
        try {
            ensureOpen();
            rotateLocked();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Starts a new file whose FDE declares {@code algorithm} (the IO thread's rotation at start,
     * made once it knows the source's checksum).
     */
    public void rotate(ChecksumAlgorithm algorithm) throws IOException {
        lock.lock();
        try {
            ensureOpen();
            checksum = algorithm;
            rotateLocked();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Makes the events from now on go to a file whose FDE declares {@code algorithm}, the source's
     * binlog checksum: a new file is started when the current one declares another. (Never
     * rewritten in place: a reader may already hold the file's FDE.) The IO thread calls it after
     * {@code SELECT @master_binlog_checksum} on every reconnect.
     */
    public void useChecksum(ChecksumAlgorithm algorithm) throws IOException {
        lock.lock();
        try {
            ensureOpen();
            if (algorithm != checksum) switchChecksum(algorithm);
        } finally {
            lock.unlock();
        }
    }

    private void switchChecksum(ChecksumAlgorithm algorithm) throws IOException {
        checksum = algorithm;
        rotateLocked();
    }

    /** Sets max_relay_log_size (or max_binlog_size when that is 0): appends rotate past it. */
    public void setMaxFileSize(long bytes) {
        lock.lock();
        try {
            maxFileSize = bytes <= 0 ? DEFAULT_MAX_FILE_SIZE : bytes;
        } finally {
            lock.unlock();
        }
    }

    /** The relay log files the index lists, oldest first (the last is being written). */
    public List<String> files() {
        lock.lock();
        try {
            return List.copyOf(names);
        } finally {
            lock.unlock();
        }
    }

    /** Where a relay log file (a name from {@link #files()}) lives. */
    public Path path(String file) {
        return directory.resolve(file);
    }

    /** The file being written. */
    public String currentFile() {
        lock.lock();
        try {
            return currentName;
        } finally {
            lock.unlock();
        }
    }

    /** The checksum algorithm the current file's FDE declares. */
    public ChecksumAlgorithm checksum() {
        lock.lock();
        try {
            return checksum;
        } finally {
            lock.unlock();
        }
    }

    /**
     * relay_log_purge: deletes every file listed before {@code file} (the index first, so a crash
     * leaves at worst an unlisted file). The file being written is never deleted.
     */
    public void purgeBefore(String file) throws IOException {
        lock.lock();
        try {
            ensureOpen();
            int upTo = names.indexOf(file);
            if (upTo <= 0) return;
            List<String> gone = List.copyOf(names.subList(0, upTo));
            names.subList(0, upTo).clear();
            writeIndex();
            for (String n : gone) layer.delete(path(n));
        } finally {
            lock.unlock();
        }
    }

    /**
     * RESET SLAVE: deletes every relay log file and starts again at {@code <basename>.000001}.
     * The IO thread must be stopped.
     */
    public void reset() throws IOException {
        lock.lock();
        try {
            ensureOpen();
            current.close();
            current = null;
            List<String> all = List.copyOf(names);
            names.clear();
            writeIndex();
            for (String n : all) layer.delete(path(n));
            checksum = ChecksumAlgorithm.CRC32;
            startFile(BinlogFileNames.name(stem, 1));
        } finally {
            lock.unlock();
        }
    }

    /** Forces and closes the current file; waiters of {@link #awaitSynced} return. */
    @Override
    public void close() throws IOException {
        lock.lock();
        try {
            if (closed) return;
            closed = true;
            syncedMoved.signalAll();
            if (current != null) {
                try {
                    current.force();
                } finally {
                    current.close();
                    current = null;
                }
            }
        } finally {
            lock.unlock();
        }
    }

    // --- internals (all under lock)

    private void rotateLocked() throws IOException {
        current.force();
        current.close();
        current = null;
        startFile(BinlogFileNames.name(stem, BinlogFileNames.sequenceOf(currentName) + 1));
    }

    private void startFile(String name) throws IOException {
        Path p = path(name);
        // An unlisted file is the leftover of a crash while it was created: it never held an event.
        if (layer.exists(p)) layer.delete(p);
        DurableFile f = layer.create(p);
        byte[] fde = ownFde(System.currentTimeMillis() / 1000);
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
        writtenEnd = BinlogReader.FIRST_EVENT_POSITION + fde.length;
        names.add(name);
        writeIndex();
        publish(new LogPosition(name, writtenEnd));
    }

    private byte[] ownFde(long created) {
        FormatDescriptionEvent fde = FormatDescriptionEvent.mysql57(serverVersion, created, checksum);
        return EventFraming.encode(new EventHeaderFields(System.currentTimeMillis() / 1000, serverId,
                        EventFlags.RELAY_LOG), fde,
                BinlogReader.FIRST_EVENT_POSITION, checksum);
    }

    private void publish(LogPosition end) {
        syncedEnd = end;
        syncedMoved.signalAll();
    }

    private List<String> readIndex() throws IOException {
        if (!layer.exists(indexFile)) return List.of();
        String text = new String(layer.readAll(indexFile), StandardCharsets.UTF_8);
        List<String> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            String l = line.strip();
            if (l.isEmpty()) continue;
            Path p = Path.of(l).getFileName();
            if (p != null) out.add(p.toString());
        }
        return out;
    }

    /** MySQL's index lines: {@code ./name} for files in the datadir, the full path otherwise. */
    private void writeIndex() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (String n : names) {
            Path file = directory.resolve(n);
            sb.append(file.startsWith(datadir) ? "./" + datadir.relativize(file).toString().replace('\\', '/')
                    : file.toString()).append('\n');
        }
        layer.replaceAtomically(indexFile, sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    private void ensureOpen() {
        if (closed || current == null) throw new IllegalStateException("relay log is closed");
    }
}
