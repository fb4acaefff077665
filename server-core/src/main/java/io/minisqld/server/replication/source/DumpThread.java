package io.minisqld.server.replication.source;

import io.minisqld.plugin.api.observer.EventPacket;
import io.minisqld.plugin.api.observer.TransmitParam;
import io.minisqld.server.binlog.BinlogPosition;
import io.minisqld.server.binlog.BinlogReader;
import io.minisqld.server.binlog.PositionedEvent;
import io.minisqld.server.binlog.TruncatedEventException;
import io.minisqld.server.binlog.commit.BinlogService;
import io.minisqld.server.binlog.event.ChecksumAlgorithm;
import io.minisqld.server.binlog.event.EventFlags;
import io.minisqld.server.binlog.event.EventHeaderFields;
import io.minisqld.server.binlog.event.HeartbeatEvent;
import io.minisqld.server.binlog.event.RotateEvent;
import io.minisqld.server.binlog.event.codec.ChecksumMismatchException;
import io.minisqld.server.binlog.event.codec.EventFormatException;
import io.minisqld.server.binlog.event.codec.EventFraming;
import io.minisqld.server.error.ErrorCode;
import io.minisqld.server.error.SqlError;
import io.minisqld.server.observer.BinlogTransmitDelegate;
import io.minisqld.server.observer.ReservedHeader;
import io.minisqld.server.protocol.ClientConnection;
import io.minisqld.server.session.Session;
import io.minisqld.server.wire.PacketChannel;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One replica's binlog dump, run on its connection's thread (MySQL's {@code Binlog_sender}, spec
 * protocol.md §3.13): checks the request, calls {@code transmit_start}, then per file a fake
 * ROTATE, the file's FORMAT_DESCRIPTION event and every event up to the end the writer published,
 * follows rotations, waits for new events on {@link BinlogService#awaitPublished} (never polling
 * the disk) with heartbeats after {@code @master_heartbeat_period} of idleness, and ends with
 * {@code transmit_stop} and an ERR (fatal error), an EOF (non-blocking dump at the end) or nothing
 * (killed, replica gone).
 *
 * <p>Transmit hooks run at MySQL 5.7's points (semisync.md §1.6): {@code reserve_header} for every
 * packet (fake rotate, FDE, events, heartbeats), {@code before_send_event} / {@code
 * after_send_event} around each event read from a file after the FDE.
 *
 * <p>Threads: everything runs on the connection's thread except {@link #kill} (a newer dump of the
 * same server id, the server's shutdown) and {@link #writeStartedNanos} (read by the source's
 * write watchdog), both volatile.
 */
final class DumpThread {
    private static final Logger log = LoggerFactory.getLogger(DumpThread.class);

    /** How often a waiting dump looks at its kill flags (KILL only closes the socket). */
    private static final long KILL_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    // PROCESSLIST State texts of MySQL 5.7's dump stages
    static final String COMMAND = "Binlog Dump";
    static final String STATE_SENDING = "Sending binlog event to slave";
    static final String STATE_WAITING = "Master has sent all binlog to slave; waiting for more updates";
    static final String STATE_SWITCHING = "Finished reading one binlog; switching to next binlog";
    static final String STATE_FINALIZING = "Waiting to finalize termination";

    /** Why a dump was asked to stop from outside. */
    enum KillReason {
        /** A newer dump from the same server id took over (MySQL's zombie dump). */
        ZOMBIE,
        /** The server is shutting down. */
        SHUTDOWN
    }

    /** The write side the dump thread and the plugins' {@link DumpConnection#flush()} share. */
    interface Writer {
        void flush() throws IOException;
    }

    /** A fatal error of the dump; {@link #withPositions} once a file was opened (5.7's run()). */
    private static final class DumpError extends Exception {
        final SqlError error;
        final boolean withPositions;

        DumpError(SqlError error, boolean withPositions) {
            super(error.getMessage(), null, false, false);
            this.error = error;
            this.withPositions = withPositions;
        }
    }

    private final ReplicationSource source;
    private final BinlogService binlog;
    private final Session session;
    private final ClientConnection connection;
    private final PacketChannel channel;
    private final BinlogDumpRequest request;
    private final BinlogTransmitDelegate transmit;
    private final DumpConnection replicaConnection;
    private final TransmitParam param;
    private final ReservedHeader header = new ReservedHeader();
    private final long ownServerId;
    private final long netWriteTimeoutNanos;

    private volatile KillReason killReason;
    /** Set by the connection's reader thread when the replica closed its side. */
    private volatile boolean replicaGone;
    /** When the current socket write started (never 0 then), 0 when not writing. */
    private volatile long writeStartedNanos;

    private boolean observe;
    private ChecksumAlgorithm slaveChecksum;
    private ChecksumAlgorithm eventChecksum;
    private long heartbeatNanos;
    private String startFile;
    /** 5.7's m_last_file / m_last_pos and the reader's offset, for the error suffix. */
    private String lastFile;
    private long lastPos;
    private String currentFile;
    private long lastByteRead;
    private boolean fileOpened;

    DumpThread(ReplicationSource source, BinlogService binlog, Session session, ClientConnection connection,
               PacketChannel channel, BinlogDumpRequest request) {
        this.source = source;
        this.binlog = binlog;
        this.session = session;
        this.connection = connection;
        this.channel = channel;
        this.request = request;
        this.transmit = source.observers().binlogTransmit();
        this.ownServerId = source.serverId();
        this.netWriteTimeoutNanos = TimeUnit.SECONDS.toNanos(session.variables().longValue("net_write_timeout"));
        this.replicaConnection = new DumpConnection(session.id(), channel, this::flush, source.threads(),
                () -> replicaGone = true);
        this.param = new TransmitParam(request.serverId(), request.flags(), replicaConnection);
    }

    long connectionId() {
        return session.id();
    }

    long replicaServerId() {
        return request.serverId();
    }

    /** Asks the dump to end; a waiting dump notices within {@link #KILL_CHECK_NANOS}. */
    void kill(KillReason reason) {
        killReason = reason;
        // at shutdown nothing more is sent: closing the socket also ends a write blocked on a full buffer
        if (reason == KillReason.SHUTDOWN) connection.abort();
    }

    /** For the write watchdog: aborts the connection if a write has been blocked too long. */
    void checkWriteTimeout(long now) {
        long started = writeStartedNanos;
        if (started != 0 && now - started > netWriteTimeoutNanos) {
            log.debug("dump to server id {}: a write blocked longer than net_write_timeout, closing", request.serverId());
            connection.abort();
        }
    }

    private boolean killed() {
        return killReason != null || replicaGone || session.killed();
    }

    /** Runs the dump to its end; the connection closes afterwards, as MySQL's COM_BINLOG_DUMP does. */
    void run() {
        session.setCommand(COMMAND);
        session.setState("");
        heartbeatNanos = userVariableLong("master_heartbeat_period");
        DumpError failure = null;
        boolean transmitStarted = false;
        boolean sendEof = false;
        try {
            init();
            log.info("Start binlog_dump to master_thread_id({}) slave_server({}), pos({}, {})",
                    session.id(), request.serverId(), request.file(), request.position());
            replicaConnection.startReader();
            if (!transmit.transmitStart(param, startFile, request.position())) {
                throw new DumpError(ErrorCode.ER_DUMP_HOOK_FAILED.error("transmit_start"), false);
            }
            transmitStarted = true;
            observe = param.shouldObserve();
            slaveChecksum = slaveChecksum();
            eventChecksum = slaveChecksum;
            sendEof = stream();
        } catch (DumpError e) {
            failure = e;
        } catch (IOException e) {
            // the replica is gone or stopped reading (net_write_timeout closed it): nothing more to send
            log.debug("dump to server id {} ended: {}", request.serverId(), e.toString());
            sendEof = false;
        } finally {
            session.setState(STATE_FINALIZING);
        }
        if (killReason == KillReason.ZOMBIE) {
            // 5.7: the replaced dump tells its replica why, so that it does not reconnect
            failure = new DumpError(ErrorCode.ER_DUMP_DUPLICATE_SLAVE.error(), true);
        }
        if (transmitStarted) transmit.transmitStop(param);
        if (replicaGone) return;
        try {
            if (failure != null) {
                SqlError error = finalError(failure);
                writeGuarded(() -> channel.writeError(error));
                flush();
            } else if (sendEof) {
                int status = session.statusFlags();
                writeGuarded(() -> channel.writeEof(0, status));
                flush();
            }
        } catch (IOException e) {
            log.debug("dump to server id {}: the last packet could not be sent: {}", request.serverId(), e.toString());
        }
    }

    private SqlError finalError(DumpError failure) {
        if (!failure.withPositions || !fileOpened) return failure.error;
        // 5.7 names the files as its index lists them (./name), the first one as the replica asked
        return ErrorCode.ER_DUMP_FATAL_AT.error(failure.error.getMessage(), request.file(), request.position(),
                "./" + lastFile, lastPos, "./" + currentFile, lastByteRead);
    }

    /** MySQL 5.7's Binlog_sender::init and check_start_file, in their order. */
    private void init() throws DumpError {
        if (binlog == null) throw new DumpError(ErrorCode.ER_DUMP_BINLOG_NOT_OPEN.error(), false);
        if (ownServerId == 0) throw new DumpError(ErrorCode.ER_DUMP_MASTER_SERVER_ID_ZERO.error(), false);
        if (request.serverId() == ownServerId) throw new DumpError(ErrorCode.ER_DUMP_EQUAL_SERVER_IDS.error(), false);
        List<String> names = binlog.files().fileNames();
        String file = request.file();
        if (file.isEmpty()) {
            if (names.isEmpty()) throw new DumpError(ErrorCode.ER_DUMP_FIRST_LOG_NOT_FOUND.error(), false);
            file = names.get(0);
        } else if (!names.contains(file)) {
            throw new DumpError(ErrorCode.ER_DUMP_FIRST_LOG_NOT_FOUND.error(), false);
        }
        startFile = file;
        lastFile = file;
        lastPos = BinlogReader.FIRST_EVENT_POSITION;
        if (request.position() < BinlogReader.FIRST_EVENT_POSITION) {
            throw new DumpError(ErrorCode.ER_DUMP_POSITION_BELOW_HEADER.error(), false);
        }
        if (request.position() > readableSize(file)) {
            throw new DumpError(ErrorCode.ER_DUMP_POSITION_BEYOND_FILE.error(), false);
        }
    }

    /** What a dump may read of {@code file}: the published end of the active file, else its size. */
    private long readableSize(String file) throws DumpError {
        BinlogPosition published = binlog.publishedEnd();
        if (published.file().equals(file)) return published.position();
        try {
            return binlog.layer().size(binlog.files().path(file));
        } catch (IOException e) {
            throw new DumpError(ErrorCode.ER_DUMP_READ_IO.error(), false);
        }
    }

    /** The replica's {@code @master_binlog_checksum}; null when unset or not an algorithm (5.7's UNDEF). */
    private ChecksumAlgorithm slaveChecksum() {
        Object v = session.userVariables().get("master_binlog_checksum");
        if (v == null) return null;
        try {
            return ChecksumAlgorithm.valueOf(v.toString().trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private long userVariableLong(String name) {
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
     * Sends file after file (5.7's Binlog_sender::run loop).
     *
     * @return whether to end with EOF (a non-blocking dump reached the end)
     */
    private boolean stream() throws DumpError, IOException {
        String file = startFile;
        long start = request.position();
        while (!killed()) {
            sendFakeRotate(file, start);
            try (BinlogReader reader = open(file)) {
                session.setState(STATE_SENDING);
                FileEnd end = sendFile(reader, file, start);
                if (end == FileEnd.NON_BLOCKING_END) return true;
                if (end == FileEnd.KILLED) return false;
                lastFile = file;
                session.setState(STATE_SWITCHING);
                String next = nextFile(file);
                if (next == null) throw new DumpError(ErrorCode.ER_DUMP_NEXT_LOG_NOT_FOUND.error(), true);
                file = next;
                start = BinlogReader.FIRST_EVENT_POSITION;
            }
        }
        return false;
    }

    private enum FileEnd { NEXT_FILE, NON_BLOCKING_END, KILLED }

    private BinlogReader open(String file) throws DumpError {
        try {
            BinlogReader reader = BinlogReader.open(binlog.layer(), binlog.files().path(file));
            currentFile = file;
            fileOpened = true;
            lastByteRead = 0;
            return reader;
        } catch (IOException e) {
            throw new DumpError(ErrorCode.ER_DUMP_READ_IO.error(), fileOpened);
        }
    }

    private String nextFile(String file) {
        List<String> names = binlog.files().fileNames();
        int i = names.indexOf(file);
        return i < 0 || i + 1 >= names.size() ? null : names.get(i + 1);
    }

    /** 5.7's send_binlog: the FDE, then events up to the end, waiting at the end of the active file. */
    private FileEnd sendFile(BinlogReader reader, String file, long start) throws DumpError, IOException {
        boolean midFile = start > BinlogReader.FIRST_EVENT_POSITION;
        eventChecksum = reader.checksum();
        lastPos = reader.firstEventAfterFormatDescription();
        lastByteRead = lastPos;
        if (slaveChecksum == null && eventChecksum == ChecksumAlgorithm.CRC32) {
            log.warn("Master is configured to log replication events with checksum, but will not send such events"
                    + " to slaves that cannot process them");
            throw new DumpError(ErrorCode.ER_DUMP_SLAVE_CANNOT_HANDLE_CHECKSUM.error(), true);
        }
        sendPacket(reader.formatDescriptionForReplica(midFile));
        long pos = midFile ? start : reader.firstEventAfterFormatDescription();
        lastByteRead = pos;
        boolean checkStart = midFile;
        while (!killed()) {
            BinlogPosition published = binlog.publishedEnd();
            boolean active = published.file().equals(file);
            long limit;
            try {
                limit = active ? published.position() : reader.size();
            } catch (IOException e) {
                throw new DumpError(ErrorCode.ER_DUMP_READ_IO.error(), true);
            }
            if (checkStart) {
                // a replica may ask for any offset: only an event boundary is a valid start
                checkBoundary(reader, pos, Math.max(limit, pos));
                checkStart = false;
            }
            while (pos < limit) {
                if (killed()) return FileEnd.KILLED;
                PositionedEvent e = readEvent(reader, pos, limit);
                pos = e.endPosition();
                lastPos = pos;
                lastByteRead = pos;
                sendEvent(e, file);
            }
            if (!active) return FileEnd.NEXT_FILE;
            if (request.nonBlocking()) {
                flush();
                return FileEnd.NON_BLOCKING_END;
            }
            flush();
            if (!waitForUpdate(published, file, pos)) return FileEnd.KILLED;
            session.setState(STATE_SENDING);
        }
        return FileEnd.KILLED;
    }

    /** A start that is not an event boundary reads as garbage: 5.7's LOG_READ_BOGUS. */
    private void checkBoundary(BinlogReader reader, long pos, long limit) throws DumpError {
        try {
            reader.checkBoundary(pos, limit);
        } catch (EventFormatException e) {
            throw new DumpError(ErrorCode.ER_DUMP_BOGUS_EVENT.error(), true);
        } catch (IOException e) {
            throw new DumpError(ErrorCode.ER_DUMP_READ_IO.error(), true);
        }
    }

    /** Reads one event, with 5.7's log_read_error_msg texts for what can go wrong. */
    private PositionedEvent readEvent(BinlogReader reader, long pos, long limit) throws DumpError {
        try {
            return reader.read(pos, limit);
        } catch (ChecksumMismatchException e) {
            throw new DumpError(ErrorCode.ER_DUMP_CRC_FAILURE.error(), true);
        } catch (TruncatedEventException e) {
            throw new DumpError(ErrorCode.ER_DUMP_TRUNCATED_EVENT.error(), true);
        } catch (EventFormatException e) {
            throw new DumpError(ErrorCode.ER_DUMP_BOGUS_EVENT.error(), true);
        } catch (IOException e) {
            throw new DumpError(ErrorCode.ER_DUMP_READ_IO.error(), true);
        }
    }

    /**
     * Waits until the writer publishes past {@code seen}, sending a HEARTBEAT after each
     * {@code @master_heartbeat_period} without news (5.7's wait_with_heartbeat).
     *
     * @return false when the dump was killed meanwhile
     */
    private boolean waitForUpdate(BinlogPosition seen, String file, long pos) throws DumpError, IOException {
        session.setState(STATE_WAITING);
        long nextHeartbeat = heartbeatNanos > 0 ? System.nanoTime() + heartbeatNanos : Long.MAX_VALUE;
        while (true) {
            if (killed()) return false;
            long now = System.nanoTime();
            long slice = Math.min(KILL_CHECK_NANOS, Math.max(0, nextHeartbeat - now));
            BinlogPosition published;
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

    // --- packets

    /** The fake ROTATE (§3.7): timestamp 0, log_pos 0, ARTIFICIAL, CRC per the current algorithm. */
    private void sendFakeRotate(String file, long position) throws DumpError, IOException {
        byte[] event = EventFraming.encodeWithLogPos(new EventHeaderFields(0, ownServerId, EventFlags.ARTIFICIAL),
                new RotateEvent(position, file), 0, checksumOrNone(eventChecksum));
        sendPacket(event);
    }

    /** HEARTBEAT_LOG_EVENT (§3.8) with the current file and position, flushed. */
    private void sendHeartbeat(String file, long pos) throws DumpError, IOException {
        byte[] event = EventFraming.encodeWithLogPos(EventHeaderFields.of(0, ownServerId), new HeartbeatEvent(file), pos,
                checksumOrNone(eventChecksum));
        sendPacket(event);
        flush();
    }

    private static ChecksumAlgorithm checksumOrNone(ChecksumAlgorithm a) {
        return a == null ? ChecksumAlgorithm.NONE : a;
    }

    /** A packet of a synthesised event or the FDE: OK byte, reserved header, event; no event hooks. */
    private void sendPacket(byte[] event) throws DumpError, IOException {
        byte[] payload = packet(event);
        writeGuarded(() -> channel.writePacket(payload));
    }

    /** An event read from the file, with before_send_event and after_send_event around it. */
    private void sendEvent(PositionedEvent e, String file) throws DumpError, IOException {
        byte[] payload = packet(e.bytes());
        if (observe && !transmit.beforeSendEvent(param, new EventPacket(payload, 0, payload.length, header.length()),
                file, e.endPosition())) {
            throw new DumpError(ErrorCode.ER_DUMP_BEFORE_SEND_HOOK_FAILED.error("before_send_event"), true);
        }
        writeGuarded(() -> channel.writePacket(payload));
        if (observe && !transmit.afterSendEvent(param, e.bytes(), null, 0)) {
            throw new DumpError(ErrorCode.ER_DUMP_HOOK_FAILED.error("after_send_event"), true);
        }
    }

    /** 5.7's reset_transmit_packet: the OK byte, then what reserve_header observers add, then the event. */
    private byte[] packet(byte[] event) throws DumpError {
        header.clear();
        if (observe && !transmit.reserveHeader(param, header)) {
            throw new DumpError(ErrorCode.ER_DUMP_HOOK_FAILED.error("reserve_header"), true);
        }
        byte[] payload = new byte[1 + header.length() + event.length];
        header.copyTo(payload, 1);
        System.arraycopy(event, 0, payload, 1 + header.length(), event.length);
        return payload;
    }

    @FunctionalInterface
    private interface Write {
        void run() throws IOException;
    }

    /** Every socket write runs under the watchdog's eye: net_write_timeout bounds a blocked write. */
    private void writeGuarded(Write write) throws IOException {
        writeStartedNanos = System.nanoTime() | 1;
        try {
            write.run();
        } finally {
            writeStartedNanos = 0;
        }
    }

    private void flush() throws IOException {
        writeGuarded(channel::flush);
    }
}
