package io.minisqld.server.replication.replica;

import io.minisqld.plugin.api.LogPosition;
import io.minisqld.server.binlog.BinlogFileInfo;
import io.minisqld.server.binlog.BinlogReader;
import io.minisqld.server.binlog.LastFileReport;
import io.minisqld.server.binlog.LogFileKind;
import io.minisqld.server.binlog.LogFileLocation;
import io.minisqld.server.binlog.LogFileSet;
import io.minisqld.server.binlog.event.ChecksumAlgorithm;
import io.minisqld.server.binlog.event.EventFlags;
import io.minisqld.server.binlog.event.EventHeader;
import io.minisqld.server.binlog.event.EventHeaderFields;
import io.minisqld.server.binlog.event.EventType;
import io.minisqld.server.binlog.event.FormatDescriptionEvent;
import io.minisqld.server.binlog.event.codec.EventFormatException;
import io.minisqld.server.binlog.event.codec.EventFraming;
import io.minisqld.server.storage.FileLayer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The replica's relay log: a {@link LogFileSet} ({@code <basename>.000001…} and
 * {@code <basename>.index} in binlog v4 format; files, index, rotation, purge and the torn tail a
 * crash left are the set's), one relay log per replica (MySQL's {@code relay_log}, default
 * {@code <hostname>-relay-bin}). What is relay-only is here: the synced end readers may read up
 * to, the checksum of its files following the source's, and {@code max_relay_log_size}.
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
 * <p><b>Durability.</b> {@link #append} keeps the event in memory; {@link #sync} writes what was
 * appended since the last sync in one write, forces it, and only then moves {@link #syncedEnd()} and
 * wakes {@link #awaitSynced} waiters, so a reader never sees bytes that a power loss could take
 * back. A rotation, a checksum switch and a close write what is pending first; a burst of small
 * events costs one write and one fsync, not a write per event.
 *
 * <p><b>Concurrency.</b> {@code lock} guards the checksum, the maximum size, the closed flag and
 * the publication of the synced end; it is held across each call into the file set (whose own
 * lock is a leaf taken inside it), so an append, its size check and a rotation are one step. The
 * IO thread appends and syncs, session threads call {@link #rotate}, {@link #purgeBefore},
 * {@link #reset}, readers call {@link #syncedEnd} (a volatile read, never blocked by an fsync) and
 * {@link #awaitSynced}. No other lock is taken while holding it.
 */
public final class RelayLog implements AutoCloseable {
    /** Default of max_relay_log_size / max_binlog_size: a file is rotated once it passes 1 GiB. */
    public static final long DEFAULT_MAX_FILE_SIZE = 1L << 30;

    private final ReentrantLock lock = new ReentrantLock();
    private final RetrievedGtids retrieved = new RetrievedGtids();
    private final Condition syncedMoved = lock.newCondition();
    private final Kind kind;
    private final LogFileSet files;
    private long maxFileSize = DEFAULT_MAX_FILE_SIZE;
    private boolean closed;
    /** What was appended since the last write to the file, guarded by {@code lock}. */
    private final java.io.ByteArrayOutputStream pending = new java.io.ByteArrayOutputStream();
    /** Pending bytes past which an append writes them out without waiting for the sync. */
    private static final int MAX_PENDING = 1 << 20;
    /** Written under {@code lock}, read without it. */
    private volatile LogPosition syncedEnd;

    private RelayLog(Kind kind, LogFileSet files) {
        this.kind = kind;
        this.files = files;
        this.syncedEnd = files.end();
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
        Path base = datadir.resolve(basename);
        Path directory = base.toAbsolutePath().normalize().getParent();
        String stem = base.getFileName().toString();
        LogFileLocation location = new LogFileLocation(datadir, directory, stem, directory.resolve(stem + ".index"));
        Kind kind = new Kind(serverId, serverVersion);
        return new RelayLog(kind, LogFileSet.open(layer, location, kind));
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
                if (declared != kind.checksum) switchChecksum(declared);
            }
            pending.write(event, 0, event.length);
            if (files.end().offset() + pending.size() >= maxFileSize) {
                rotateLocked();
            } else if (pending.size() >= MAX_PENDING) {
                writePending();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Under {@code lock}: appends what is pending to the current file, in one write. */
    private void writePending() throws IOException {
        if (pending.size() == 0) return;
        byte[] bytes = pending.toByteArray();
        pending.reset();
        files.append(start -> bytes);
    }

    /**
     * Forces everything appended so far; afterwards {@link #syncedEnd()} covers it and waiters
     * of {@link #awaitSynced} wake. One sync may cover many appends.
     */
    public void sync() throws IOException {
        lock.lock();
        try {
            ensureOpen();
            writePending();
            publish(files.force());
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
            kind.checksum = algorithm;
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
            if (algorithm != kind.checksum) switchChecksum(algorithm);
        } finally {
            lock.unlock();
        }
    }

    private void switchChecksum(ChecksumAlgorithm algorithm) throws IOException {
        kind.checksum = algorithm;
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
        return files.fileNames();
    }

    /** Where a relay log file (a name from {@link #files()}) lives. */
    public Path path(String file) {
        return files.path(file);
    }

    /** Relay_Log_Space: the bytes of every relay log file (0 when their sizes cannot be read). */
    public long space() {
        try {
            long total = 0;
            for (BinlogFileInfo f : files.files()) total += f.size();
            return total;
        } catch (IOException e) {
            return 0;
        }
    }

    /** The file being written. */
    public String currentFile() {
        return files.currentFile();
    }

    /** The checksum algorithm the current file's FDE declares. */
    public ChecksumAlgorithm checksum() {
        lock.lock();
        try {
            return kind.checksum;
        } finally {
            lock.unlock();
        }
    }

    /**
     * relay_log_purge: deletes every file listed before {@code file} (the index first, so a crash
     * leaves at worst an unlisted file); nothing when the index does not list {@code file}. The
     * file being written is never deleted.
     */
    public void purgeBefore(String file) throws IOException {
        lock.lock();
        try {
            ensureOpen();
            files.purgeTo(file);
        } finally {
            lock.unlock();
        }
    }

    /**
     * RESET SLAVE: deletes every relay log file and starts again at {@code <basename>.000001},
     * whose FDE declares CRC32 until the IO thread learns the source's checksum. The IO thread
     * must be stopped.
     */
    public void reset() throws IOException {
        lock.lock();
        try {
            ensureOpen();
            kind.checksum = ChecksumAlgorithm.CRC32;
            pending.reset();
            files.reset();
            retrieved.clear();
            publish(files.end());
        } finally {
            lock.unlock();
        }
    }

    /** The GTIDs of the transactions this relay log holds whole (Retrieved_Gtid_Set). */
    RetrievedGtids retrieved() {
        return retrieved;
    }

    /** Forces and closes the current file; waiters of {@link #awaitSynced} return. */
    @Override
    public void close() throws IOException {
        lock.lock();
        try {
            if (closed) return;
            closed = true;
            syncedMoved.signalAll();
            try {
                writePending();
            } finally {
                files.close();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Under {@code lock}: a new file, whose durable header readers may read up to at once. */
    private void rotateLocked() throws IOException {
        writePending();
        publish(files.rotate());
    }

    /** Under {@code lock}. */
    private void publish(LogPosition end) {
        syncedEnd = end;
        syncedMoved.signalAll();
    }

    private void ensureOpen() {
        if (closed) throw new IllegalStateException("relay log is closed");
    }

    /**
     * The relay log's files: this replica's own FDE with the relay-log flag and the checksum of
     * the source's events, no closing events, no in-use flag (every start re-checks the last file).
     */
    private static final class Kind implements LogFileKind {
        private final long serverId;
        private final String serverVersion;
        /** Written under the relay log's lock, read by the file set under its own (which nests inside). */
        private volatile ChecksumAlgorithm checksum = ChecksumAlgorithm.CRC32;

        Kind(long serverId, String serverVersion) {
            this.serverId = serverId;
            this.serverVersion = serverVersion;
        }

        @Override
        public String logName() {
            return "relay log";
        }

        @Override
        public byte[] formatDescription(boolean afterRotation) {
            ChecksumAlgorithm alg = checksum;
            long now = System.currentTimeMillis() / 1000;
            FormatDescriptionEvent fde = FormatDescriptionEvent.mysql57(serverVersion, now, alg);
            return EventFraming.encode(new EventHeaderFields(now, serverId, EventFlags.RELAY_LOG), fde,
                    BinlogReader.FIRST_EVENT_POSITION, alg);
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
            return false;
        }

        @Override
        public boolean toleratesLostHeader() {
            return true;
        }

        @Override
        public void tailRecovered(LastFileReport report, boolean atOpen) {
            // the IO thread fetches again whatever the cut removed: nothing to say
        }
    }
}
