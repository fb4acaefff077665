package io.minisqld.server.replication.replica;

import io.minisqld.plugin.api.observer.ReadEvent;
import io.minisqld.plugin.api.observer.RelayIoParam;
import io.minisqld.plugin.api.observer.SourceConnection;
import io.minisqld.plugin.api.observer.SourceQueryException;
import io.minisqld.server.binlog.event.BinlogEvent;
import io.minisqld.server.binlog.event.ChecksumAlgorithm;
import io.minisqld.server.binlog.event.EventFlags;
import io.minisqld.server.binlog.event.EventHeader;
import io.minisqld.server.binlog.event.EventType;
import io.minisqld.server.binlog.event.HeartbeatEvent;
import io.minisqld.server.binlog.event.RotateEvent;
import io.minisqld.server.binlog.event.codec.ChecksumMismatchException;
import io.minisqld.server.binlog.event.codec.EventFormatException;
import io.minisqld.server.binlog.event.codec.EventFraming;
import io.minisqld.server.error.ErrorCode;
import io.minisqld.server.observer.RelayIoDelegate;
import io.minisqld.server.replication.client.ClientError;
import io.minisqld.server.replication.client.ClientErrorException;
import io.minisqld.server.replication.client.MysqlClient;
import io.minisqld.server.replication.client.ServerErrorException;
import io.minisqld.server.session.Session;
import io.minisqld.server.wire.BinlogDumpCommand;
import io.minisqld.server.wire.RegisterSlaveCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The replica's IO (receiver) thread: connects to the source with the client protocol, runs the
 * connect sequence, registers, requests the dump and queues every received event into the
 * {@link RelayLog}, reconnecting when the connection breaks (protocol.md §2.3, §2.3.2; MySQL 5.7's
 * {@code handle_slave_io}).
 *
 * <p><b>Connect sequence</b> (each step on the same connection): {@code SELECT UNIX_TIMESTAMP()}
 * (a failure is only a warning); {@code SHOW VARIABLES LIKE 'SERVER_ID'} (our own id there is fatal
 * error 1593); {@code SET @master_heartbeat_period=<ns>} when the period is not 0;
 * {@code SET @master_binlog_checksum= @@global.binlog_checksum} and
 * {@code SELECT @master_binlog_checksum} (1193 from an old source means no checksums);
 * {@code SET @mariadb_slave_capability=4}, so a MariaDB primary sends its GTID events as they are;
 * COM_REGISTER_SLAVE; the {@code before_request_transmit} hook; COM_BINLOG_DUMP.
 *
 * <p><b>Each event</b> (§2.3.2): {@code after_read_event} (a plugin may strip bytes in front of
 * it), checksum check (fatal 1743), then: events carrying our own server id are dropped; ROTATE
 * (real or fake) sets the source coordinates; an FDE sets the checksum of later events and counts
 * only when its log_pos is not 0; a HEARTBEAT is checked against the coordinates (fatal 1623) and
 * never queued; a STOP is ignored; anything else advances the position by its length or to its
 * log_pos when that is further (holes of a MariaDB primary). Everything but HEARTBEAT and STOP is
 * appended to the relay log as received (ROTATE and FDE included, so the SQL thread learns the
 * source file and format from the relay log).
 *
 * <p><b>Syncs.</b> A position is reported as read (in {@link #status()}, to
 * {@link IoThreadConfig#onSynced()}, and to {@code after_queue_event}) only after the relay log
 * bytes up to it are forced. Without relay IO observers one sync covers a burst: the thread syncs
 * when the socket holds no further data (the source is waiting for new commits) or after
 * {@value #MAX_UNSYNCED_EVENTS} events, so neither the SQL thread nor SHOW SLAVE STATUS lags far
 * behind a long burst. With observers, {@code after_read_event} and {@code after_queue_event} of
 * one event must pair up before the next event is read (semisync keeps its "reply needed" flag
 * between them), and a plugin may answer the source in {@code after_queue_event}, promising the
 * event is on disk: so every queued event is synced before its {@code after_queue_event}.
 *
 * <p><b>Errors.</b> Network errors (and ERR packets with MySQL's network error numbers, and an
 * EOF packet) make the thread reconnect: at once after a read failure, then every
 * {@code MASTER_CONNECT_RETRY} seconds, up to {@code master_retry_count} attempts; no event and no
 * heartbeat for {@code slave_net_timeout} seconds counts as a read failure (silently, as MySQL).
 * Other errors are fatal: Last_IO_Errno/Last_IO_Error are set and the thread ends
 * (Slave_IO_Running: No). Error-log lines are MySQL 5.7's, with its {@code for channel ''} parts.
 *
 * <p><b>Threads.</b> {@link #start()} and {@link #stop()} are called by sessions (START/STOP
 * SLAVE), {@link #status()} by any session; the status fields are guarded by {@code lock}, which
 * is never held while doing I/O or calling hooks. {@code lock}'s condition also lets
 * {@link #stop()} cut a retry wait short.
 */
public final class IoThread {
    private static final Logger LOG = LoggerFactory.getLogger(IoThread.class);

    /** Unsynced events after which a burst is synced anyway (no observers). */
    static final int MAX_UNSYNCED_EVENTS = 256;
    private static final String CHANNEL = " for channel ''";
    /** MySQL's Last_IO_Error_Timestamp format. */
    private static final DateTimeFormatter ERROR_TIME = DateTimeFormatter.ofPattern("yyMMdd HH:mm:ss", Locale.ROOT);
    /**
     * Server errors that mean "the connection is going away, try again" (protocol.md §2.3):
     * ER_CON_COUNT_ERROR, ER_SERVER_SHUTDOWN, ER_NET_READ_INTERRUPTED, ER_NEW_ABORTING_CONNECTION,
     * ER_CONNECTION_KILLED (MariaDB) and MySQL's ER_QUERY_INTERRUPTED from a KILLed dump.
     */
    private static final Set<Integer> NETWORK_ERRORS = Set.of(ErrorCode.ER_CON_COUNT_ERROR.number(),
            ErrorCode.ER_SERVER_SHUTDOWN.number(), ErrorCode.ER_NET_READ_INTERRUPTED.number(),
            ErrorCode.ER_NEW_ABORTING_CONNECTION.number(), ErrorCode.ER_CONNECTION_KILLED.number(),
            ErrorCode.ER_QUERY_INTERRUPTED.number());

    /** Slave_IO_State texts (MySQL 5.7's stage names). */
    static final String CONNECTING = "Connecting to master";
    static final String CHECKING_VERSION = "Checking master version";
    static final String REGISTERING = "Registering slave on master";
    static final String REQUESTING_DUMP = "Requesting binlog dump";
    static final String WAITING_FOR_EVENT = "Waiting for master to send event";
    static final String QUEUEING = "Queueing master event to the relay log";
    static final String WAIT_RECONNECT_READ = "Waiting to reconnect after a failed master event read";
    static final String RECONNECTING_READ = "Reconnecting after a failed master event read";
    static final String WAIT_RECONNECT_REGISTER = "Waiting to reconnect after a failed registration on master";
    static final String WAIT_RECONNECT_DUMP = "Waiting to reconnect after a failed binlog dump request";

    private final IoThreadConfig config;
    private final int reportPort;
    private final RelayIoDelegate hooks;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition stopSignal = lock.newCondition();
    // Guarded by lock:
    private String running = "No";
    private String state = "";
    private SourcePosition read;
    private long masterServerId;
    private int lastErrno;
    private String lastError = "";
    private String lastErrorTimestamp = "";
    private boolean stopRequested;
    private Thread thread;
    /** The live connection, closed by stop() to unblock a read. */
    private MysqlClient connection;

    // IO thread only:
    /** Source coordinates received (queued, maybe not yet synced). */
    private SourcePosition received;
    /** The checksum of the events that follow: @master_binlog_checksum until the first FDE. */
    private ChecksumAlgorithm streamChecksum = ChecksumAlgorithm.NONE;
    private boolean rotatedForThisRun;
    private int unsynced;

    /** An IO thread that sends no report port in COM_REGISTER_SLAVE. */
    public IoThread(IoThreadConfig config) {
        this(config, 0);
    }

    /**
     * @param reportPort the port COM_REGISTER_SLAVE reports (MySQL: {@code report_port}, by default
     *                   this server's own port), shown by the source's SHOW SLAVE HOSTS
     */
    public IoThread(IoThreadConfig config, int reportPort) {
        this.config = config;
        this.reportPort = reportPort;
        this.hooks = config.observers().relayIo();
        this.read = config.startAt();
        this.received = config.startAt();
    }

    /**
     * Starts the thread and returns at once: Slave_IO_Running is {@code Connecting} until the
     * thread has registered with the source, then {@code Yes}. Last_IO_Errno/Error are cleared, as
     * START SLAVE does. A second call while running does nothing.
     */
    public void start() {
        lock.lock();
        try {
            if (thread != null) return;
            stopRequested = false;
            running = "Connecting";
            state = CONNECTING;
            clearErrorLocked();
            thread = config.threads().newThread(this::run);
            thread.start();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops the thread and waits for it to end: a retry wait is cut short, the connection gets
     * COM_QUIT and is closed (which unblocks a read). Safe to call when not running. Must not be
     * called from the IO thread itself (e.g. from {@code onSynced}).
     */
    public void stop() throws InterruptedException {
        Thread t;
        MysqlClient c;
        lock.lock();
        try {
            t = thread;
            if (t == null) return;
            stopRequested = true;
            stopSignal.signalAll();
            c = connection;
        } finally {
            lock.unlock();
        }
        if (c != null) c.quit();
        t.join();
    }

    /** Whether the thread is alive (started and not yet ended). */
    public boolean isAlive() {
        lock.lock();
        try {
            return thread != null;
        } finally {
            lock.unlock();
        }
    }

    /** What SHOW SLAVE STATUS shows of this thread now; any thread may call it. */
    public IoThreadStatus status() {
        lock.lock();
        try {
            return new IoThreadStatus(running, state, read, masterServerId, lastErrno, lastError, lastErrorTimestamp);
        } finally {
            lock.unlock();
        }
    }

    // --- the thread

    private void run() {
        Session session = config.sessionOrNull();
        if (session != null) session.setCommand("Connect");
        try {
            if (!hooks.threadStart(param(null))) {
                fatal(ErrorCode.ER_SLAVE_FATAL_ERROR.number(),
                        ErrorCode.ER_SLAVE_FATAL_ERROR.message("Failed to run 'thread_start' hook"));
                return;
            }
            loop();
        } finally {
            logExit();
            hooks.threadStop(param(null));
            lock.lock();
            try {
                running = "No";
                state = "";
                connection = null;
                thread = null;
            } finally {
                lock.unlock();
            }
            if (session != null) {
                session.setState("");
            }
        }
    }

    private void loop() {
        boolean reconnect = false;
        boolean readFailedBefore = false;
        while (!stopping()) {
            MysqlClient c = connectToSource(reconnect);
            if (c == null) return;
            reconnect = true;
            try {
                String next = session(c);
                if (next == null) return;
                if (!next.isEmpty()) {
                    // A failed registration or dump request: wait, then start over.
                    setState(next);
                    if (!sleepRetry()) return;
                    continue;
                }
                readFailedBefore = false;
                readEvents(c);
                return;
            } catch (Fatal f) {
                fatal(f.errno, f.getMessage());
                return;
            } catch (IOException | ServerErrorException e) {
                if (stopping()) return;
                if (!(e instanceof ReadTimeout)) {
                    LOG.error("Error reading packet from server{}: {} (server_errno={})", CHANNEL, e.getMessage(),
                            errnoOf(e));
                    LOG.info("Slave I/O thread: Failed reading log event, reconnecting to retry, log '{}' at position {}{}",
                            received.file(), received.position(), CHANNEL);
                }
                setRunning("Connecting");
                setState(WAIT_RECONNECT_READ);
                // MySQL reconnects at once after a failed read, and waits MASTER_CONNECT_RETRY
                // before each later attempt (try_to_reconnect).
                if (readFailedBefore && !sleepRetry()) return;
                readFailedBefore = true;
                setState(RECONNECTING_READ);
            } finally {
                closeConnection(c);
            }
        }
    }

    /**
     * Connects, retrying every MASTER_CONNECT_RETRY seconds up to master_retry_count attempts
     * (MySQL's connect_to_master); null when stopped or out of attempts.
     */
    private MysqlClient connectToSource(boolean reconnect) {
        SourceSettings s = config.source();
        long attempts = 0;
        while (!stopping()) {
            if (!reconnect) setState(CONNECTING);
            try {
                Duration timeout = Duration.ofSeconds(config.netTimeoutSeconds());
                MysqlClient c = MysqlClient.connect(s.host(), s.port(), s.user(), s.password(), timeout, timeout);
                lock.lock();
                try {
                    if (stopRequested) {
                        c.close();
                        return null;
                    }
                    connection = c;
                    clearErrorLocked();
                } finally {
                    lock.unlock();
                }
                if (reconnect) {
                    // MySQL 5.7 words a reconnect differently (safe_reconnect in slave.cc)
                    LOG.info("Slave{}: connected to master '{}@{}:{}',replication resumed in log '{}' at position {}",
                            CHANNEL, s.user(), s.host(), s.port(), received.file().isEmpty() ? "FIRST" : received.file(),
                            received.position());
                } else {
                    LOG.info("Slave I/O thread{}: connected to master '{}@{}:{}',replication started in log '{}' at position {}",
                            CHANNEL, s.user(), s.host(), s.port(), received.file().isEmpty() ? "FIRST" : received.file(),
                            received.position());
                }
                return c;
            } catch (IOException | ServerErrorException e) {
                if (stopping()) return null;
                attempts++;
                String message = String.format("error %s to master '%s@%s:%d' - retry-time: %d  retries: %d",
                        reconnect ? "reconnecting" : "connecting", s.user(), s.host(), s.port(),
                        s.connectRetrySeconds(), attempts);
                int errno = errnoOf(e);
                report(errno, message);
                if (s.retryCount() > 0 && attempts >= s.retryCount()) return null;
                if (!sleepRetry()) return null;
            }
        }
        return null;
    }

    /**
     * The connect sequence up to the dump request. Returns "" when the dump was requested, a
     * Slave_IO_State to wait in before reconnecting, or null when stopping.
     */
    private String session(MysqlClient c) throws IOException, ServerErrorException, Fatal {
        setState(CHECKING_VERSION);
        checkSourceVersion(c);
        unixTimestamp(c);
        sourceServerId(c);
        double period = config.source().heartbeatPeriodSeconds();
        if (period > 0) {
            long ns = (long) (period * 1_000_000_000d);
            String sql = "SET @master_heartbeat_period= " + ns;
            fatalUnlessNetwork(c, sql, "The slave I/O thread stops because querying master with '" + sql
                    + "' failed;");
        }
        ChecksumAlgorithm checksum = sourceChecksum(c);
        try {
            c.query("SET @mariadb_slave_capability=4");
        } catch (ServerErrorException e) {
            if (NETWORK_ERRORS.contains(e.errorNumber())) throw e;
            // A source that refuses it is not MariaDB: it sends MySQL's events anyway.
        }
        streamChecksum = checksum;
        try {
            if (!rotatedForThisRun) {
                // MySQL starts a new relay log file whenever the IO thread starts.
                config.relayLog().rotate(checksum);
                rotatedForThisRun = true;
            } else {
                config.relayLog().useChecksum(checksum);
            }
        } catch (IOException e) {
            throw relayWriteFailure(e);
        }
        if (stopping()) return null;

        setState(REGISTERING);
        try {
            c.writeCommand(RegisterSlaveCommand.of(config.serverId(), "", "", "", reportPort).encode());
            c.readOk();
        } catch (ServerErrorException e) {
            if (NETWORK_ERRORS.contains(e.errorNumber())) throw e;
            report(ErrorCode.ER_SLAVE_MASTER_COM_FAILURE.number(), ErrorCode.ER_SLAVE_MASTER_COM_FAILURE.message(
                    "COM_REGISTER_SLAVE", e.getMessage() + " (Errno: " + e.errorNumber() + ")"));
            return WAIT_RECONNECT_REGISTER;
        }
        setRunning("Yes");

        setState(REQUESTING_DUMP);
        int flags = 0;
        if (!hooks.beforeRequestTransmit(param(view(c)), flags)) {
            LOG.error("Failed on request_dump(){}", CHANNEL);
            return WAIT_RECONNECT_DUMP;
        }
        c.writeCommand(new BinlogDumpCommand(received.position(), flags, config.serverId(), received.file()).encode());
        return "";
    }

    /** The greeting's version must start with a digit ≥ 5 (after MariaDB's 5.5.5- prefix). */
    private static void checkSourceVersion(MysqlClient c) throws Fatal {
        String v = c.serverVersion();
        if (v == null || v.isEmpty() || !Character.isDigit(v.charAt(0)) || v.charAt(0) < '5') {
            throw new Fatal(ErrorCode.ER_SLAVE_FATAL_ERROR.number(),
                    ErrorCode.ER_SLAVE_FATAL_ERROR.message("Master reported unrecognized MySQL version"));
        }
    }

    private static void unixTimestamp(MysqlClient c) throws IOException, ServerErrorException {
        try {
            c.query("SELECT UNIX_TIMESTAMP()");
        } catch (ServerErrorException e) {
            if (NETWORK_ERRORS.contains(e.errorNumber())) throw e;
            LOG.warn("\"SELECT UNIX_TIMESTAMP()\" failed on master, do not trust column Seconds_Behind_Master of "
                    + "SHOW SLAVE STATUS. Error: {} ({})", e.getMessage(), e.errorNumber());
        }
    }

    private void sourceServerId(MysqlClient c) throws IOException, ServerErrorException, Fatal {
        List<List<String>> rows;
        try {
            rows = c.query("SHOW VARIABLES LIKE 'SERVER_ID'");
        } catch (ServerErrorException e) {
            if (NETWORK_ERRORS.contains(e.errorNumber())) throw e;
            throw new Fatal(ErrorCode.ER_SLAVE_FATAL_ERROR.number(), ErrorCode.ER_SLAVE_FATAL_ERROR.message(
                    "The slave I/O thread stops because a fatal error is encountered when it try to get the value "
                            + "of SERVER_ID variable from master."));
        }
        if (rows.isEmpty() || rows.get(0).size() < 2 || rows.get(0).get(1) == null) {
            LOG.warn("Unknown system variable 'SERVER_ID' on master, maybe it is a *VERY OLD MASTER*.");
            return;
        }
        long id;
        try {
            id = Long.parseLong(rows.get(0).get(1).trim());
        } catch (NumberFormatException e) {
            throw new Fatal(ErrorCode.ER_SLAVE_FATAL_ERROR.number(), ErrorCode.ER_SLAVE_FATAL_ERROR.message(
                    "The slave I/O thread stops because a fatal error is encountered when it try to get the value "
                            + "of SERVER_ID variable from master."));
        }
        lock.lock();
        try {
            masterServerId = id;
        } finally {
            lock.unlock();
        }
        if (id == config.serverId()) {
            throw new Fatal(ErrorCode.ER_SLAVE_FATAL_ERROR.number(), ErrorCode.ER_SLAVE_FATAL_ERROR.message(
                    "The slave I/O thread stops because master and slave have equal MySQL server ids; these ids "
                            + "must be different for replication to work (or the --replicate-same-server-id option "
                            + "must be used on slave but this does not always make sense; please check the manual "
                            + "before using it)."));
        }
    }

    private static ChecksumAlgorithm sourceChecksum(MysqlClient c) throws IOException, ServerErrorException, Fatal {
        try {
            c.query("SET @master_binlog_checksum= @@global.binlog_checksum");
        } catch (ServerErrorException e) {
            if (NETWORK_ERRORS.contains(e.errorNumber())) throw e;
            // A source older than checksums does not know the variable: it sends none.
            if (e.errorNumber() == ErrorCode.ER_UNKNOWN_SYSTEM_VARIABLE.number()) return ChecksumAlgorithm.NONE;
            throw new Fatal(ErrorCode.ER_SLAVE_FATAL_ERROR.number(), ErrorCode.ER_SLAVE_FATAL_ERROR.message(
                    "The slave I/O thread stops because a fatal error is encountered when it tried to SET "
                            + "@master_binlog_checksum on master."));
        }
        String fail = "The slave I/O thread stops because a fatal error is encountered when it tried to SELECT "
                + "@master_binlog_checksum.";
        List<List<String>> rows;
        try {
            rows = c.query("SELECT @master_binlog_checksum");
        } catch (ServerErrorException e) {
            if (NETWORK_ERRORS.contains(e.errorNumber())) throw e;
            throw new Fatal(ErrorCode.ER_SLAVE_FATAL_ERROR.number(), ErrorCode.ER_SLAVE_FATAL_ERROR.message(fail));
        }
        if (rows.isEmpty() || rows.get(0).isEmpty() || rows.get(0).get(0) == null) {
            throw new Fatal(ErrorCode.ER_SLAVE_FATAL_ERROR.number(), ErrorCode.ER_SLAVE_FATAL_ERROR.message(fail));
        }
        String value = rows.get(0).get(0).trim().toUpperCase(Locale.ROOT);
        return switch (value) {
            case "CRC32" -> ChecksumAlgorithm.CRC32;
            case "NONE" -> ChecksumAlgorithm.NONE;
            default -> throw new Fatal(ErrorCode.ER_SLAVE_FATAL_ERROR.number(),
                    ErrorCode.ER_SLAVE_FATAL_ERROR.message(fail));
        };
    }

    private static void fatalUnlessNetwork(MysqlClient c, String sql, String text)
            throws IOException, ServerErrorException, Fatal {
        try {
            c.query(sql);
        } catch (ServerErrorException e) {
            if (NETWORK_ERRORS.contains(e.errorNumber())) throw e;
            throw new Fatal(ErrorCode.ER_SLAVE_FATAL_ERROR.number(), ErrorCode.ER_SLAVE_FATAL_ERROR.message(
                    text + " error: " + e.errorNumber() + "  '" + e.getMessage() + "'"));
        }
    }

    // --- the read loop

    private void readEvents(MysqlClient c) throws IOException, ServerErrorException, Fatal {
        setState(WAITING_FOR_EVENT);
        boolean observed = !hooks.isEmpty();
        while (true) {
            if (stopping()) {
                LOG.info("Slave I/O thread killed while reading event{}", CHANNEL);
                syncIfNeeded();
                return;
            }
            byte[] packet;
            try {
                packet = c.readStreamPacket();
            } catch (ClientErrorException e) {
                if (stopping()) {
                    LOG.info("Slave I/O thread killed while reading event{}", CHANNEL);
                    syncIfNeeded();
                    return;
                }
                syncIfNeeded();
                if (e.getCause() instanceof SocketTimeoutException) throw new ReadTimeout(e);
                throw e;
            }
            int first = packet[0] & 0xFF;
            if (first == 0xFF) {
                syncIfNeeded();
                ServerErrorException err = ServerErrorException.decode(packet);
                if (err.errorNumber() == ErrorCode.ER_MASTER_FATAL_ERROR_READING_BINLOG.number()) {
                    LOG.error("Error reading packet from server{}: {} (server_errno={})", CHANNEL, err.getMessage(),
                            err.errorNumber());
                    throw new Fatal(ErrorCode.ER_MASTER_FATAL_ERROR_READING_BINLOG.number(),
                            ErrorCode.ER_MASTER_FATAL_ERROR_READING_BINLOG.message(err.errorNumber(), err.getMessage()));
                }
                throw err;
            }
            if (first == 0xFE && packet.length < 8) {
                syncIfNeeded();
                LOG.info("Slave{}: received end packet from server due to dump thread being killed on master. Dump "
                        + "threads are killed for example during master shutdown, explicitly by a user, or when the "
                        + "master receives a binlog send request from a duplicate server UUID <> : Error ", CHANNEL);
                throw new ClientErrorExceptionView("received end packet from server, apparent master shutdown");
            }
            ReadEvent view = new ReadEvent(packet, 1, packet.length - 1);
            if (!hooks.afterReadEvent(param(view(c)), view)) {
                throw new Fatal(ErrorCode.ER_SLAVE_FATAL_ERROR.number(),
                        ErrorCode.ER_SLAVE_FATAL_ERROR.message("Failed to run 'after_read_event' hook"));
            }
            byte[] event = view.toByteArray();
            setState(QUEUEING);
            queueEvent(event);
            // one fsync covers a burst: the events the socket already holds are queued first. Each
            // event still gets its after_queue_event right after it is queued (MySQL's order);
            // "synced" tells the hook whether the relay log is now durable up to this event, which
            // is when semisync acknowledges the highest position the burst made durable
            boolean burstEnds = unsynced >= MAX_UNSYNCED_EVENTS || !c.hasBufferedInput();
            if (burstEnds) syncIfNeeded();
            if (observed && !hooks.afterQueueEvent(param(view(c)), event, unsynced == 0)) {
                throw new Fatal(ErrorCode.ER_SLAVE_FATAL_ERROR.number(),
                        ErrorCode.ER_SLAVE_FATAL_ERROR.message("Failed to run 'after_queue_event' hook"));
            }
            setState(WAITING_FOR_EVENT);
        }
    }

    /** Checks, classifies and (mostly) appends one event; moves {@link #received}. */
    private void queueEvent(byte[] event) throws Fatal {
        EventHeader h;
        try {
            h = EventFraming.decodeHeader(event, 0);
            if (h.eventLength() != event.length) throw new EventFormatException("length mismatch");
        } catch (EventFormatException e) {
            throw relayWriteFailure(e);
        }
        int type = h.type();
        boolean fde = type == EventType.FORMAT_DESCRIPTION.code();
        ChecksumAlgorithm alg;
        try {
            alg = fde ? EventFraming.declaredChecksum(event) : streamChecksum;
        } catch (EventFormatException e) {
            throw relayWriteFailure(e);
        }
        if (alg == ChecksumAlgorithm.CRC32 && !EventFraming.crcMatches(event, fde)) {
            throw new Fatal(ErrorCode.ER_NETWORK_READ_EVENT_CHECKSUM_FAILURE.number(),
                    ErrorCode.ER_NETWORK_READ_EVENT_CHECKSUM_FAILURE.message());
        }
        if (fde) streamChecksum = alg;

        if (type == EventType.HEARTBEAT.code()) {
            HeartbeatEvent hb = (HeartbeatEvent) decode(event, alg);
            if (!hb.logFile().equals(received.file()) || h.nextPosition() < received.position()) {
                throw new Fatal(ErrorCode.ER_SLAVE_HEARTBEAT_FAILURE.number(),
                        ErrorCode.ER_SLAVE_HEARTBEAT_FAILURE.message("inconsistent heartbeat event content;"
                                + "the event's data: log_file_name " + hb.logFile() + " log_pos " + h.nextPosition()));
            }
            return;
        }
        if (type == EventType.STOP.code()) return;

        SourcePosition next = received;
        if (type == EventType.ROTATE.code()) {
            RotateEvent r = (RotateEvent) decode(event, alg);
            next = new SourcePosition(r.nextFile(), r.position());
        } else if (fde) {
            if (h.nextPosition() != 0) next = new SourcePosition(received.file(), received.position() + event.length);
        } else if ((h.flags() & EventFlags.ARTIFICIAL) != 0 || h.nextPosition() == 0) {
            // Generated on the fly by the source (MariaDB's GTID list at a GTID dump start): no move.
            next = received;
        } else {
            long pos = received.position() + event.length;
            // A MariaDB primary leaves holes where it omits events for our capability level.
            if (h.nextPosition() > pos) pos = h.nextPosition();
            next = new SourcePosition(received.file(), pos);
        }
        boolean own = h.serverId() == config.serverId() && type != EventType.ROTATE.code() && !fde;
        if (!own) {
            try {
                config.relayLog().append(event);
            } catch (IOException e) {
                throw relayWriteFailure(e);
            }
            unsynced++;
        }
        received = next;
        if (own) unsynced = Math.max(unsynced, 1);
    }

    private static io.minisqld.server.binlog.event.EventBody decode(byte[] event, ChecksumAlgorithm alg) throws Fatal {
        try {
            BinlogEvent e = EventFraming.decode(event, alg);
            return e.body();
        } catch (ChecksumMismatchException e) {
            throw new Fatal(ErrorCode.ER_NETWORK_READ_EVENT_CHECKSUM_FAILURE.number(),
                    ErrorCode.ER_NETWORK_READ_EVENT_CHECKSUM_FAILURE.message());
        } catch (EventFormatException e) {
            throw relayWriteFailure(e);
        }
    }

    /** Syncs what was queued, then publishes the position as read and tells the caller. */
    private void syncIfNeeded() throws Fatal {
        if (unsynced == 0) return;
        try {
            config.relayLog().sync();
        } catch (IOException e) {
            throw relayWriteFailure(e);
        }
        unsynced = 0;
        SourcePosition synced = received;
        lock.lock();
        try {
            read = synced;
        } finally {
            lock.unlock();
        }
        config.onSynced().accept(synced);
    }

    private static Fatal relayWriteFailure(Exception e) {
        LOG.error("Relay log write failure{}: {}", CHANNEL, e.getMessage());
        return new Fatal(ErrorCode.ER_SLAVE_RELAY_LOG_WRITE_FAILURE.number(),
                ErrorCode.ER_SLAVE_RELAY_LOG_WRITE_FAILURE.message("could not queue event from master"));
    }

    // --- hooks

    private RelayIoParam param(SourceConnection source) {
        SourceSettings s = config.source();
        Session session = config.sessionOrNull();
        return new RelayIoParam(config.serverId(), session == null ? 0 : session.id(), "", s.host(), s.port(),
                s.user(), received.file(), received.position(), source);
    }

    /** The connection as relay IO hooks see it. */
    private static SourceConnection view(MysqlClient c) {
        return new SourceConnection() {
            @Override
            public List<List<String>> query(String sql) throws SourceQueryException, IOException {
                try {
                    return c.query(sql);
                } catch (ServerErrorException e) {
                    throw new SourceQueryException(e.errorNumber(), e.sqlState(), e.getMessage());
                }
            }

            @Override
            public void writePacket(byte[] payload) throws IOException {
                // MySQL clears the NET before a semisync reply: it goes out with sequence id 0.
                c.writePacket(payload, 0);
            }
        };
    }

    // --- state

    private boolean stopping() {
        lock.lock();
        try {
            return stopRequested;
        } finally {
            lock.unlock();
        }
    }

    /** Waits MASTER_CONNECT_RETRY seconds; false when stop() came first. */
    private boolean sleepRetry() {
        long nanos = TimeUnit.SECONDS.toNanos(Math.max(0, config.source().connectRetrySeconds()));
        lock.lock();
        try {
            while (!stopRequested && nanos > 0) {
                try {
                    nanos = stopSignal.awaitNanos(nanos);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return !stopRequested;
        } finally {
            lock.unlock();
        }
    }

    private void setState(String s) {
        lock.lock();
        try {
            state = s;
        } finally {
            lock.unlock();
        }
        Session session = config.sessionOrNull();
        if (session != null) session.setState(s);
    }

    private void setRunning(String r) {
        lock.lock();
        try {
            running = r;
        } finally {
            lock.unlock();
        }
    }

    /** Records Last_IO_Errno/Error and logs it as MySQL's Slave_reporting_capability does. */
    private void report(int errno, String message) {
        LOG.error("Slave I/O{}: {}{} Error_code: {}", CHANNEL, message, message.endsWith(".") ? "" : ",", errno);
        lock.lock();
        try {
            lastErrno = errno;
            lastError = message;
            lastErrorTimestamp = LocalDateTime.now().format(ERROR_TIME);
        } finally {
            lock.unlock();
        }
    }

    private void fatal(int errno, String message) {
        report(errno, message);
    }

    private void clearErrorLocked() {
        lastErrno = 0;
        lastError = "";
        lastErrorTimestamp = "";
    }

    private void logExit() {
        LOG.info("Slave I/O thread exiting{}, read up to log '{}', position {}", CHANNEL,
                received.file().isEmpty() ? "FIRST" : received.file(), received.position());
    }

    private void closeConnection(MysqlClient c) {
        c.close();
        lock.lock();
        try {
            if (connection == c) connection = null;
        } finally {
            lock.unlock();
        }
    }

    private static int errnoOf(Exception e) {
        if (e instanceof ServerErrorException s) return s.errorNumber();
        if (e instanceof ClientErrorException c) return c.errorNumber();
        if (e instanceof ReadTimeout) return ErrorCode.ER_NET_READ_INTERRUPTED.number();
        return ClientError.CR_SERVER_LOST.number();
    }

    /** A fatal IO thread error: Last_IO_Errno/Error, and the thread ends. */
    private static final class Fatal extends Exception {
        private static final long serialVersionUID = 1L;
        final int errno;

        Fatal(int errno, String message) {
            super(message, null, false, false);
            this.errno = errno;
        }
    }

    /** No event and no heartbeat for slave_net_timeout: reconnect without logging (MySQL suppresses it). */
    private static final class ReadTimeout extends IOException {
        private static final long serialVersionUID = 1L;

        ReadTimeout(IOException cause) {
            super(cause.getMessage(), cause);
        }
    }

    /** The source ended the stream with EOF: reconnect, as after a lost connection. */
    private static final class ClientErrorExceptionView extends IOException {
        private static final long serialVersionUID = 1L;

        ClientErrorExceptionView(String message) {
            super(message);
        }
    }
}
