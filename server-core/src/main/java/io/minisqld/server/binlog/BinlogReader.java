package io.minisqld.server.binlog;

import io.minisqld.server.binlog.event.BinlogEvent;
import io.minisqld.server.binlog.event.ChecksumAlgorithm;
import io.minisqld.server.binlog.event.EventFlags;
import io.minisqld.server.binlog.event.EventHeader;
import io.minisqld.server.binlog.event.EventHeaderFields;
import io.minisqld.server.binlog.event.EventType;
import io.minisqld.server.binlog.event.FormatDescriptionEvent;
import io.minisqld.server.binlog.event.codec.ChecksumMismatchException;
import io.minisqld.server.binlog.event.codec.DecodeContext;
import io.minisqld.server.binlog.event.codec.EventFormatException;
import io.minisqld.server.binlog.event.codec.EventFraming;
import io.minisqld.server.storage.DurableFile;
import io.minisqld.server.storage.FileLayer;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the events of one binlog (or relay log) file: the magic, the FORMAT_DESCRIPTION event at
 * offset 4 (which fixes the checksum algorithm of the rest), then events from any event boundary.
 * Used by SHOW BINLOG EVENTS, crash recovery and dump threads.
 *
 * <p>Every read takes an end limit and never returns bytes at or past it: a dump thread passes the
 * end the writer published (after the sync), so it never sends an event still being written.
 * Every event's CRC is verified when the file's FDE declares CRC32. Events decode in the file's
 * {@link DecodeContext}: the format its FDE set (a relay log's later FDEs, the source's, set it
 * for the events after them; they declare the file's checksum, see {@code RelayLog}).
 *
 * <p>Not thread-safe: one reader per thread; any number of readers may read a file while one
 * writer appends to it through another handle.
 */
public final class BinlogReader implements Closeable {
    /** The four bytes every binlog file starts with. */
    public static final byte[] MAGIC = {(byte) 0xFE, 'b', 'i', 'n'};
    /** Offset of the FDE, the first event. */
    public static final long FIRST_EVENT_POSITION = 4;
    /** Larger events are rejected as corrupt headers (MySQL's max_allowed_packet ceiling). */
    private static final long MAX_EVENT_LENGTH = 1L << 30;

    private final String fileName;
    private final DurableFile file;
    private final PositionedEvent formatDescription;
    private final ChecksumAlgorithm checksum;
    private final DecodeContext context;
    private final boolean positionsAreOffsets;
    /**
     * Bytes read ahead: the file's bytes [{@code aheadStart}, {@code aheadStart + ahead.length}), all
     * below a limit a caller gave (bytes below a published end never change), so that a run of small
     * events costs one read of the file rather than two per event.
     */
    private byte[] ahead = new byte[0];
    private long aheadStart;

    private BinlogReader(String fileName, DurableFile file, PositionedEvent fde, DecodeContext context,
                         boolean positionsAreOffsets) {
        this.fileName = fileName;
        this.file = file;
        this.formatDescription = fde;
        this.checksum = ((FormatDescriptionEvent) fde.body()).checksumAlgorithm();
        this.context = context;
        this.positionsAreOffsets = positionsAreOffsets;
    }

    /** Opens a binlog file, whose header {@code log_pos} fields are offsets in the file itself. */
    public static BinlogReader open(FileLayer layer, Path path) throws IOException {
        return open(layer, path, true);
    }

    /**
     * Opens a binlog or relay log file and reads its magic and FDE.
     *
     * @param positionsAreOffsets whether each event's {@code log_pos} is its end offset in this
     *                            file (true for binlogs; false for relay logs, whose events keep the
     *                            source's positions); used to recognise event boundaries
     * @throws EventFormatException when the file does not start with a magic and a valid FDE
     */
    /**
     * Takes over the TABLE_MAP events {@code previous} has read: a relay log rotates by size, also
     * between a statement's TABLE_MAP and its row events, which the next file's reader then needs.
     */
    public void carryTableMaps(BinlogReader previous) {
        previous.context.tableMaps().forEach(context.tableMaps()::putIfAbsent);
    }

    public static BinlogReader open(FileLayer layer, Path path, boolean positionsAreOffsets) throws IOException {
        DurableFile f = layer.openForRead(path);
        String name = path.getFileName().toString();
        try {
            byte[] magic = f.read(0, MAGIC.length);
            if (!Arrays.equals(magic, MAGIC)) throw new EventFormatException(name + " is not a binlog file (bad magic)");
            byte[] head = f.read(FIRST_EVENT_POSITION, EventHeader.LENGTH);
            if (head.length < EventHeader.LENGTH) throw new EventFormatException(name + ": no format description event");
            EventHeader h = EventFraming.decodeHeader(head, 0);
            if (h.type() != EventType.FORMAT_DESCRIPTION.code()) {
                throw new EventFormatException(name + ": first event is type " + h.type() + ", not a format description");
            }
            byte[] bytes = f.read(FIRST_EVENT_POSITION, (int) Math.min(h.eventLength(), MAX_EVENT_LENGTH));
            if (bytes.length < h.eventLength()) throw new EventFormatException(name + ": format description event truncated");
            // the FDE decodes by its own declaration and makes the file's format
            DecodeContext context = DecodeContext.assuming(ChecksumAlgorithm.NONE);
            BinlogEvent e = EventFraming.decode(bytes, context);
            return new BinlogReader(name, f, new PositionedEvent(FIRST_EVENT_POSITION, e.header(), e.body(), bytes),
                    context, positionsAreOffsets);
        } catch (IOException | RuntimeException e) {
            f.close();
            throw e;
        }
    }

    /** The file name (no directory). */
    public String fileName() {
        return fileName;
    }

    /** The FDE at offset 4, as stored (its in-use flag tells whether the file was open). */
    public PositionedEvent formatDescriptionEvent() {
        return formatDescription;
    }

    /**
     * The FDE as a dump sends it (protocol.md §3.13 step 4): LOG_EVENT_BINLOG_IN_USE_F cleared;
     * when the dump starts after offset 4, also log_pos 0 and created 0 so the replica neither
     * counts it nor thinks the source restarted; the CRC recomputed.
     */
    public byte[] formatDescriptionForReplica(boolean resumingMidFile) {
        EventHeader h = formatDescription.header();
        EventHeaderFields fields = new EventHeaderFields(h.timestamp(), h.serverId(), h.flags() & ~EventFlags.BINLOG_IN_USE);
        if (resumingMidFile) {
            return EventFraming.encodeWithLogPos(fields, formatDescription().withCreateTimestamp(0), 0, checksum);
        }
        return EventFraming.encodeWithLogPos(fields, formatDescription(), h.nextPosition(), checksum);
    }

    /** The decoded FDE. */
    public FormatDescriptionEvent formatDescription() {
        return (FormatDescriptionEvent) formatDescription.body();
    }

    /** The checksum algorithm of the events after the FDE. */
    public ChecksumAlgorithm checksum() {
        return checksum;
    }

    /** Where the event after the FDE starts. */
    public long firstEventAfterFormatDescription() {
        return formatDescription.endPosition();
    }

    /** The file's current size. */
    public long size() throws IOException {
        return file.size();
    }

    /**
     * Reads the event starting at {@code position}, or returns {@code null} when
     * {@code position == limit} (nothing more to read).
     *
     * @param limit never read at or past this offset (the file size, or a published end)
     * @throws TruncatedEventException   the event does not end by {@code limit}
     * @throws ChecksumMismatchException the event's CRC32 is wrong
     * @throws EventFormatException      the bytes are not a well-formed event
     */
    public PositionedEvent read(long position, long limit) throws IOException {
        if (position == limit) return null;
        if (position > limit) throw new IllegalArgumentException("position " + position + " beyond limit " + limit);
        if (position == FIRST_EVENT_POSITION && formatDescription.endPosition() <= limit) return formatDescription;
        if (limit - position < EventHeader.LENGTH) throw new TruncatedEventException(fileName, position, limit);
        byte[] head = bytesAt(position, EventHeader.LENGTH, limit);
        if (head.length < EventHeader.LENGTH) throw new TruncatedEventException(fileName, position, limit);
        EventHeader h = EventFraming.decodeHeader(head, 0);
        if (h.eventLength() > MAX_EVENT_LENGTH) {
            throw new EventFormatException("event at " + position + " in " + fileName + " claims " + h.eventLength() + " bytes");
        }
        if (position + h.eventLength() > limit) throw new TruncatedEventException(fileName, position, limit);
        byte[] bytes = bytesAt(position, (int) h.eventLength(), limit);
        if (bytes.length < h.eventLength()) throw new TruncatedEventException(fileName, position, limit);
        BinlogEvent e = EventFraming.decode(bytes, context);
        return new PositionedEvent(position, e.header(), e.body(), bytes);
    }

    /** How much one read of the file fetches ahead at most (an event larger than this is read on its own). */
    private static final int READ_AHEAD = 64 * 1024;

    /**
     * {@code length} bytes at {@code position} (fewer where the file ends first), from what was read
     * ahead when it holds them, else from one read of up to {@link #READ_AHEAD} bytes, never at or
     * past {@code limit}.
     */
    private byte[] bytesAt(long position, int length, long limit) throws IOException {
        // a large event is read on its own and not kept: the reader holds at most READ_AHEAD bytes
        if (length > READ_AHEAD) return file.read(position, length);
        if (position < aheadStart || position + length > aheadStart + ahead.length) {
            int want = (int) Math.min(limit - position, READ_AHEAD);
            ahead = file.read(position, want);
            aheadStart = position;
            if (ahead.length < length) return ahead;
        }
        int from = (int) (position - aheadStart);
        return Arrays.copyOfRange(ahead, from, from + length);
    }

    /**
     * Checks that an event starts at {@code position} (or that it is exactly {@code limit}, the
     * end), as a start position of SHOW BINLOG EVENTS or a dump must be. The header must describe
     * an event that fits before {@code limit}, whose {@code log_pos} is its end offset (binlogs),
     * and whose CRC verifies (when the file has checksums).
     *
     * @throws NotAnEventBoundaryException when it is not a boundary
     */
    public void checkBoundary(long position, long limit) throws IOException {
        if (position == FIRST_EVENT_POSITION || position == limit) return;
        if (position < FIRST_EVENT_POSITION) throw new NotAnEventBoundaryException(fileName, position, "inside the file header");
        if (position > limit) throw new NotAnEventBoundaryException(fileName, position, "beyond the end " + limit);
        PositionedEvent e;
        try {
            e = read(position, limit);
        } catch (EventFormatException bad) {
            throw new NotAnEventBoundaryException(fileName, position, bad.getMessage());
        }
        if (positionsAreOffsets && e.header().nextPosition() != e.endPosition()) {
            throw new NotAnEventBoundaryException(fileName, position, "header log_pos " + e.header().nextPosition()
                    + " is not the end " + e.endPosition());
        }
    }

    /** Every event from {@code from} (an event boundary) up to {@code limit}. */
    public List<PositionedEvent> readAll(long from, long limit) throws IOException {
        checkBoundary(from, limit);
        List<PositionedEvent> out = new ArrayList<>();
        long pos = from;
        PositionedEvent e;
        while ((e = read(pos, limit)) != null) {
            out.add(e);
            pos = e.endPosition();
        }
        return out;
    }

    @Override
    public void close() throws IOException {
        file.close();
    }
}
