package io.minisqld.server.replication.source;

import io.minisqld.plugin.api.LogPosition;
import io.minisqld.server.binlog.BinlogReader;
import io.minisqld.server.binlog.PositionedEvent;
import io.minisqld.server.binlog.TruncatedEventException;
import io.minisqld.server.binlog.commit.BinlogService;
import io.minisqld.server.binlog.event.ChecksumAlgorithm;
import io.minisqld.server.binlog.event.EventFlags;
import io.minisqld.server.binlog.event.EventHeaderFields;
import io.minisqld.server.binlog.event.HeartbeatEvent;
import io.minisqld.server.binlog.event.GtidEvent;
import io.minisqld.server.binlog.event.RotateEvent;
import io.minisqld.server.binlog.event.StopEvent;
import io.minisqld.server.gtid.GtidMode;
import io.minisqld.server.gtid.GtidSet;
import io.minisqld.server.gtid.GtidState;
import io.minisqld.server.binlog.event.codec.ChecksumMismatchException;
import io.minisqld.server.binlog.event.codec.EventFormatException;
import io.minisqld.server.binlog.event.codec.EventFraming;
import io.minisqld.server.error.ErrorCode;
import io.minisqld.server.error.SqlError;
import io.minisqld.server.session.Session;
import io.minisqld.server.wire.BinlogDumpCommand;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one dump sends, MySQL 5.7's {@code Binlog_sender} (protocol.md §3.13): checks where the
 * replica asked to start, then per file a fake ROTATE, the file's FORMAT_DESCRIPTION event and
 * every event up to the end the writer published; follows rotations, and at the end of the
 * active file waits on {@link BinlogService#awaitPublished} (never polling the disk) with a
 * HEARTBEAT after each {@code @master_heartbeat_period} of idleness.
 *
 * <p>Runs on the dump's thread only; it looks at {@code killed} between events and while
 * waiting, because a KILL only closes the socket.
 */
final class BinlogSender {
    private static final Logger log = LoggerFactory.getLogger(BinlogSender.class);

    /** How often a waiting dump looks at its kill flags (KILL only closes the socket). */
    private static final long KILL_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    // PROCESSLIST State texts of MySQL 5.7's dump stages
    static final String STATE_SENDING = "Sending binlog event to slave";
    static final String STATE_WAITING = "Master has sent all binlog to slave; waiting for more updates";
    static final String STATE_SWITCHING = "Finished reading one binlog; switching to next binlog";

    private enum FileEnd { NEXT_FILE, NON_BLOCKING_END, KILLED }

    private final BinlogService binlog;
    private final Session session;
    private final BinlogDumpCommand request;
    private final long ownServerId;
    private final DumpPacketWriter packets;
    private final BooleanSupplier killed;
    private final long heartbeatNanos;

    private ChecksumAlgorithm slaveChecksum;
    private ChecksumAlgorithm eventChecksum;
    private String startFile;
    /** 5.7's m_last_file / m_last_pos and the reader's offset, for the error suffix. */
    private String lastFile;
    private long lastPos;
    private String currentFile;
    private long lastByteRead;
    private boolean fileOpened;

    /**
     * @param binlog the binary log, null when log_bin is off ({@link #init()} refuses then)
     * @param killed whether the dump must end (KILL, a newer dump, shutdown, the replica gone)
     */
    /** COM_BINLOG_DUMP_GTID: the replica's GTIDs, whose transactions are not sent; null for COM_BINLOG_DUMP. */
    private final GtidSet replicaGtids;
    /** Where the dump starts in {@link #startFile}: the request's position, or 4 when GTIDs chose the file. */
    private long startPosition;

    BinlogSender(BinlogService binlog, Session session, BinlogDumpCommand request, long ownServerId,
                 DumpPacketWriter packets, BooleanSupplier killed, GtidSet replicaGtids) {
        this.replicaGtids = replicaGtids;
        this.binlog = binlog;
        this.session = session;
        this.request = request;
        this.ownServerId = ownServerId;
        this.packets = packets;
        this.killed = killed;
        this.heartbeatNanos = userVariableLong(session, "master_heartbeat_period");
    }

    /** MySQL 5.7's Binlog_sender::init and check_start_file, in their order. */
    void init() throws DumpFailure {
        if (binlog == null) throw new DumpFailure(ErrorCode.ER_DUMP_BINLOG_NOT_OPEN.error(), false);
        if (ownServerId == 0) throw new DumpFailure(ErrorCode.ER_DUMP_MASTER_SERVER_ID_ZERO.error(), false);
        if (request.serverId() == ownServerId) {
            throw new DumpFailure(ErrorCode.ER_DUMP_EQUAL_SERVER_IDS.error(), false);
        }
        List<String> names = binlog.files().fileNames();
        String file = request.file();
        startPosition = request.position();
        if (replicaGtids != null) {
            GtidMode mode = binlog.gtids().mode();
            if (mode != GtidMode.ON) {
                throw new DumpFailure(ErrorCode.ER_DUMP_AUTO_POSITION_NEEDS_GTID_MODE_ON.error(mode.name()), false);
            }
            if (file.isEmpty()) {
                file = fileByGtids(names);
                startPosition = BinlogReader.FIRST_EVENT_POSITION;
            }
        }
        if (file.isEmpty()) {
            if (names.isEmpty()) throw new DumpFailure(ErrorCode.ER_DUMP_FIRST_LOG_NOT_FOUND.error(), false);
            file = names.get(0);
        } else if (!names.contains(file)) {
            throw new DumpFailure(ErrorCode.ER_DUMP_FIRST_LOG_NOT_FOUND.error(), false);
        }
        startFile = file;
        lastFile = file;
        lastPos = BinlogReader.FIRST_EVENT_POSITION;
        if (startPosition < BinlogReader.FIRST_EVENT_POSITION) {
            throw new DumpFailure(ErrorCode.ER_DUMP_POSITION_BELOW_HEADER.error(), false);
        }
        if (startPosition > readableSize(file)) {
            throw new DumpFailure(ErrorCode.ER_DUMP_POSITION_BEYOND_FILE.error(), false);
        }
    }

    /**
     * MySQL 5.7's start of an auto-positioned dump (B.8): the replica must not have GTIDs of this
     * server that this server lacks, nor lack GTIDs this server purged; the dump starts in the
     * newest file whose PREVIOUS_GTIDS the replica has entirely.
     */
    private String fileByGtids(List<String> names) throws DumpFailure {
        GtidState state = binlog.gtids();
        if (!replicaGtids.of(state.serverUuid()).subsetOf(state.executed().union(state.logged()))) {
            throw new DumpFailure(ErrorCode.ER_DUMP_SLAVE_HAS_MORE_GTIDS_THAN_MASTER.error(), false);
        }
        GtidSet missing = state.purged().minus(replicaGtids);
        if (!missing.isEmpty()) throw purged(missing);
        for (int i = names.size() - 1; i >= 0; i--) {
            if (previousGtids(names.get(i)).subsetOf(replicaGtids)) return names.get(i);
        }
        // even the oldest file follows GTIDs the replica lacks: they were purged
        throw purged(names.isEmpty() ? GtidSet.EMPTY : previousGtids(names.get(0)).minus(replicaGtids));
    }

    private GtidSet previousGtids(String file) throws DumpFailure {
        try {
            return binlog.previousGtids(file);
        } catch (IOException e) {
            throw new DumpFailure(ErrorCode.ER_DUMP_READ_IO.error(), false);
        }
    }

    private DumpFailure purged(GtidSet missing) {
        log.error("Cannot replicate to server with server_uuid='{}' because the present server has purged required "
                + "binary logs. The connecting server needs replicate the missing transactions from elsewhere, or be "
                + "replaced by a new server created from a more recent backup. To prevent this error in the future, "
                + "consider increasing the binary log expiration period on the present server. The missing "
                + "transactions are '{}'.", slaveUuid(session), missing);
        return new DumpFailure(ErrorCode.ER_DUMP_MASTER_HAS_PURGED_REQUIRED_GTIDS.error(replicaGtids.toString(),
                missing.toString()), false);
    }

    private static String slaveUuid(Session session) {
        Object v = session.userVariables().get("slave_uuid");
        return v == null ? "" : v.toString();
    }

    /** The file the dump starts in (the index's first when the replica named none); after {@link #init()}. */
    String startFile() {
        return startFile;
    }

    /**
     * The ERR a failure ends the dump with: once a file was opened, 5.7 adds where the dump was,
     * naming the files as its index lists them (./name), the first one as the replica asked.
     */
    SqlError finalError(DumpFailure failure) {
        if (!failure.withPositions || !fileOpened) return failure.error;
        return ErrorCode.ER_DUMP_FATAL_AT.error(failure.error.getMessage(), request.file(), request.position(),
                "./" + lastFile, lastPos, "./" + currentFile, lastByteRead);
    }

    /** What a dump may read of {@code file}: the published end of the active file, else its size. */
    private long readableSize(String file) throws DumpFailure {
        LogPosition published = binlog.publishedEnd();
        if (published.file().equals(file)) return published.offset();
        try {
            return binlog.layer().size(binlog.files().path(file));
        } catch (IOException e) {
            throw new DumpFailure(ErrorCode.ER_DUMP_READ_IO.error(), false);
        }
    }

    /** The replica's {@code @master_binlog_checksum}; null when unset or not an algorithm (5.7's UNDEF). */
    private static ChecksumAlgorithm slaveChecksum(Session session) {
        Object v = session.userVariables().get("master_binlog_checksum");
        if (v == null) return null;
        try {
            return ChecksumAlgorithm.valueOf(v.toString().trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static long userVariableLong(Session session, String name) {
        Object v = session.userVariables().get(name);
        long n;
        if (v instanceof Number number) {
            n = number.longValue();
        } else if (v != null) {
            try {
                n = (long) Double.parseDouble(v.toString().trim());
            } catch (NumberFormatException e) {
                n = 0;
            }
        } else {
            n = 0;
        }
        return Math.max(0, n);
    }

    /**
     * Sends file after file (5.7's Binlog_sender::run loop), with the checksum the replica's
     * {@code @master_binlog_checksum} announces.
     *
     * @return whether to end with EOF (a non-blocking dump reached the end)
     */
    boolean stream() throws DumpFailure, IOException {
        slaveChecksum = slaveChecksum(session);
        eventChecksum = slaveChecksum;
        String file = startFile;
        long start = startPosition;
        while (!killed.getAsBoolean()) {
            sendFakeRotate(file, start);
            try (BinlogReader reader = open(file)) {
                session.setState(STATE_SENDING);
                FileEnd end = sendFile(reader, file, start);
                if (end == FileEnd.NON_BLOCKING_END) return true;
                if (end == FileEnd.KILLED) return false;
                lastFile = file;
                session.setState(STATE_SWITCHING);
                String next = nextFile(file);
                if (next == null) throw new DumpFailure(ErrorCode.ER_DUMP_NEXT_LOG_NOT_FOUND.error(), true);
                file = next;
                start = BinlogReader.FIRST_EVENT_POSITION;
            }
        }
        return false;
    }

    private BinlogReader open(String file) throws DumpFailure {
        try {
            BinlogReader reader = BinlogReader.open(binlog.layer(), binlog.files().path(file));
            currentFile = file;
            fileOpened = true;
            lastByteRead = 0;
            return reader;
        } catch (IOException e) {
            throw new DumpFailure(ErrorCode.ER_DUMP_READ_IO.error(), fileOpened);
        }
    }

    private String nextFile(String file) {
        List<String> names = binlog.files().fileNames();
        int i = names.indexOf(file);
        return i < 0 || i + 1 >= names.size() ? null : names.get(i + 1);
    }

    /** 5.7's send_binlog: the FDE, then events up to the end, waiting at the end of the active file. */
    private FileEnd sendFile(BinlogReader reader, String file, long start) throws DumpFailure, IOException {
        boolean midFile = start > BinlogReader.FIRST_EVENT_POSITION;
        eventChecksum = reader.checksum();
        lastPos = reader.firstEventAfterFormatDescription();
        lastByteRead = lastPos;
        if (slaveChecksum == null && eventChecksum == ChecksumAlgorithm.CRC32) {
            log.warn("Master is configured to log replication events with checksum, but will not send such events"
                    + " to slaves that cannot process them");
            throw new DumpFailure(ErrorCode.ER_DUMP_SLAVE_CANNOT_HANDLE_CHECKSUM.error(), true);
        }
        packets.sendPacket(reader.formatDescriptionForReplica(midFile));
        long pos = midFile ? start : reader.firstEventAfterFormatDescription();
        lastByteRead = pos;
        boolean checkStart = midFile;
        // inside a transaction the replica has (COM_BINLOG_DUMP_GTID): its events are not sent
        boolean skipping = false;
        long sentUpTo = pos;
        while (!killed.getAsBoolean()) {
            LogPosition published = binlog.publishedEnd();
            boolean active = published.file().equals(file);
            long limit;
            try {
                limit = active ? published.offset() : reader.size();
            } catch (IOException e) {
                throw new DumpFailure(ErrorCode.ER_DUMP_READ_IO.error(), true);
            }
            if (checkStart) {
                // a replica may ask for any offset: only an event boundary is a valid start
                checkBoundary(reader, pos, Math.max(limit, pos));
                checkStart = false;
            }
            while (pos < limit) {
                if (killed.getAsBoolean()) return FileEnd.KILLED;
                PositionedEvent e = readEvent(reader, pos, limit);
                if (e.body() instanceof GtidEvent g) {
                    checkGtidEvent(g, file, e.position());
                    skipping = replicaGtids != null && replicaGtids.contains(g.uuid(), g.gno());
                } else if (e.body() instanceof RotateEvent || e.body() instanceof StopEvent) {
                    skipping = false;
                }
                pos = e.endPosition();
                lastPos = pos;
                lastByteRead = pos;
                if (skipping) continue;
                packets.sendEvent(e, file);
                sentUpTo = pos;
            }
            if (sentUpTo < pos && active) {
                // what was left out ends the file so far: a heartbeat tells the replica how far it is (B.8)
                sendHeartbeat(file, pos);
                sentUpTo = pos;
            }
            if (!active) return FileEnd.NEXT_FILE;
            if (request.nonBlocking()) {
                packets.flush();
                return FileEnd.NON_BLOCKING_END;
            }
            packets.flush();
            if (!waitForUpdate(published, file, pos)) return FileEnd.KILLED;
            session.setState(STATE_SENDING);
        }
        return FileEnd.KILLED;
    }

    /**
     * 5.7's check_event_type: an anonymous transaction cannot reach an auto-positioned replica,
     * nor any replica while gtid_mode is ON; a GTID transaction none while it is OFF.
     */
    private void checkGtidEvent(GtidEvent g, String file, long at) throws DumpFailure {
        GtidMode mode = binlog.gtids().mode();
        if (g.anonymous() && replicaGtids != null) {
            throw new DumpFailure(ErrorCode.ER_DUMP_ANONYMOUS_WITH_AUTO_POSITION.error("./" + file, at), true);
        }
        if (g.anonymous() && mode == GtidMode.ON) {
            throw new DumpFailure(ErrorCode.ER_DUMP_ANONYMOUS_WHEN_GTID_MODE_ON.error("./" + file, at), true);
        }
        if (!g.anonymous() && mode == GtidMode.OFF) {
            throw new DumpFailure(ErrorCode.ER_DUMP_GTID_WHEN_GTID_MODE_OFF.error("./" + file, at), true);
        }
    }

    /** A start that is not an event boundary reads as garbage: 5.7's LOG_READ_BOGUS. */
    private void checkBoundary(BinlogReader reader, long pos, long limit) throws DumpFailure {
        try {
            reader.checkBoundary(pos, limit);
        } catch (EventFormatException e) {
            throw new DumpFailure(ErrorCode.ER_DUMP_BOGUS_EVENT.error(), true);
        } catch (IOException e) {
            throw new DumpFailure(ErrorCode.ER_DUMP_READ_IO.error(), true);
        }
    }

    /** Reads one event, with 5.7's log_read_error_msg texts for what can go wrong. */
    private PositionedEvent readEvent(BinlogReader reader, long pos, long limit) throws DumpFailure {
        try {
            return reader.read(pos, limit);
        } catch (ChecksumMismatchException e) {
            throw new DumpFailure(ErrorCode.ER_DUMP_CRC_FAILURE.error(), true);
        } catch (TruncatedEventException e) {
            throw new DumpFailure(ErrorCode.ER_DUMP_TRUNCATED_EVENT.error(), true);
        } catch (EventFormatException e) {
            throw new DumpFailure(ErrorCode.ER_DUMP_BOGUS_EVENT.error(), true);
        } catch (IOException e) {
            throw new DumpFailure(ErrorCode.ER_DUMP_READ_IO.error(), true);
        }
    }

    /**
     * Waits until the writer publishes past {@code seen}, sending a HEARTBEAT after each
     * {@code @master_heartbeat_period} without news (5.7's wait_with_heartbeat).
     *
     * @return false when the dump was killed meanwhile
     */
    private boolean waitForUpdate(LogPosition seen, String file, long pos) throws DumpFailure, IOException {
        session.setState(STATE_WAITING);
        long nextHeartbeat = heartbeatNanos > 0 ? System.nanoTime() + heartbeatNanos : Long.MAX_VALUE;
        while (true) {
            if (killed.getAsBoolean()) return false;
            long now = System.nanoTime();
            long slice = Math.min(KILL_CHECK_NANOS, Math.max(0, nextHeartbeat - now));
            LogPosition published;
            try {
                published = binlog.awaitPublished(seen, slice, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            if (!published.equals(seen)) return true;
            long after = System.nanoTime();
            if (after - now < slice / 2) {
                // a closed binlog answers at once; do not spin until the server stops this dump
                LockSupport.parkNanos(slice);
            }
            if (after >= nextHeartbeat) {
                sendHeartbeat(file, pos);
                nextHeartbeat = System.nanoTime() + heartbeatNanos;
            }
        }
    }

    /** The fake ROTATE (§3.7): timestamp 0, log_pos 0, ARTIFICIAL, CRC per the current algorithm. */
    private void sendFakeRotate(String file, long position) throws DumpFailure, IOException {
        byte[] event = EventFraming.encodeWithLogPos(new EventHeaderFields(0, ownServerId, EventFlags.ARTIFICIAL),
                new RotateEvent(position, file), 0, checksumOrNone(eventChecksum));
        packets.sendPacket(event);
    }

    /** HEARTBEAT_LOG_EVENT (§3.8) with the current file and position, flushed. */
    private void sendHeartbeat(String file, long pos) throws DumpFailure, IOException {
        byte[] event = EventFraming.encodeWithLogPos(EventHeaderFields.of(0, ownServerId), new HeartbeatEvent(file), pos,
                checksumOrNone(eventChecksum));
        packets.sendPacket(event);
        packets.flush();
    }

    private static ChecksumAlgorithm checksumOrNone(ChecksumAlgorithm a) {
        return a == null ? ChecksumAlgorithm.NONE : a;
    }
}
