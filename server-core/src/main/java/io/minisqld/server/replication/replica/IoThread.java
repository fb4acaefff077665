package io.minisqld.server.replication.replica;

import io.minisqld.plugin.api.LogPosition;
import io.minisqld.plugin.api.observer.ReadEvent;
import io.minisqld.plugin.api.observer.RelayIoParam;
import io.minisqld.plugin.api.observer.SourceConnection;
import io.minisqld.server.binlog.event.ChecksumAlgorithm;
import io.minisqld.server.error.ErrorCode;
import io.minisqld.server.observer.RelayIoDelegate;
import io.minisqld.server.replication.client.ClientError;
import io.minisqld.server.replication.client.ClientErrorException;
import io.minisqld.server.replication.client.MysqlClient;
import io.minisqld.plugin.api.observer.SourceQueryException;
import io.minisqld.server.session.Session;
import io.minisqld.server.wire.ErrPacket;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The replica's IO (receiver) thread: connects to the source with the client protocol, runs the
 * {@linkplain SourceHandshake connect sequence}, registers, requests the dump and queues every
 * received event into the {@link RelayLog} by the {@linkplain ReceivedEventRules received-event
 * rules}, syncing it in {@linkplain RelaySyncBatcher bursts}, and reconnects when the connection
 * breaks (protocol.md §2.3, §2.3.2; MySQL 5.7's {@code handle_slave_io}).
 *
 * <p><b>Hooks.</b> {@code after_read_event} may strip bytes in front of an event before it is
 * queued; {@code after_read_event} and {@code after_queue_event} of one event pair up before the
 * next event is read (semisync keeps its "reply needed" flag between them), and each event gets
 * its {@code after_queue_event} right after it is queued, told whether the relay log is now
 * durable up to it (a plugin may answer the source then, promising the event is on disk).
 *
 * <p><b>Errors.</b> Network errors (and ERR packets with MySQL's network error numbers, and an
 * EOF packet) make the thread reconnect: at once after a read failure, then every
 * {@code MASTER_CONNECT_RETRY} seconds, up to {@code master_retry_count} attempts; no event and no
 * heartbeat for {@code slave_net_timeout} seconds counts as a read failure (silently, as MySQL).
 * Other errors are fatal: Last_IO_Errno/Last_IO_Error are set and the thread ends
 * (Slave_IO_Running: No). Error-log lines are MySQL 5.7's, with its {@code for channel ''} parts.
 *
 * <p><b>Threads.</b> {@link #start()} and {@link #stop()} are called by sessions (START/STOP
 * SLAVE), {@link #status()} by any session; what they share with the IO thread is in its
 * {@link IoThreadState}. Everything else here belongs to the IO thread.
 */
public final class IoThread {
    private static final Logger LOG = LoggerFactory.getLogger(IoThread.class);

    /** The channel part of MySQL 5.7's replica log lines (the default channel). */
    static final String CHANNEL = " for channel ''";

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
    private final ReportedIdentity report;
    private final RelayIoDelegate hooks;

    private final IoThreadState shared;
    private final ReceivedEventRules rules;
    private final RelaySyncBatcher sync;
    private boolean rotatedForThisRun;

    /** An IO thread that reports no host, user, password or port in COM_REGISTER_SLAVE. */
    public IoThread(IoThreadConfig config) {
        this(config, new ReportedIdentity("", "", "", 0));
    }

    /**
     * @param report what COM_REGISTER_SLAVE reports (MySQL's {@code report_host}, {@code report_port}
     *               — by default this server's own port —, {@code report_user}, {@code report_password}),
     *               shown by the source's SHOW SLAVE HOSTS
     */
    public IoThread(IoThreadConfig config, ReportedIdentity report) {
        this.config = config;
        this.report = report;
        this.hooks = config.observers().relayIo();
        this.shared = new IoThreadState(config.startAt());
        this.rules = new ReceivedEventRules(config.serverId(), config.relayLog(), config.startAt());
        this.sync = new RelaySyncBatcher(config.relayLog(), this::published);
    }

    /**
     * Starts the thread and returns at once: Slave_IO_Running is {@code Connecting} until the
     * thread has registered with the source, then {@code Yes}. Last_IO_Errno/Error are cleared, as
     * START SLAVE does. A second call while running does nothing.
     */
    public void start() {
        shared.start(CONNECTING, () -> config.threads().newThread(this::run));
    }

    /**
     * Stops the thread and waits for it to end: a retry wait is cut short, the connection gets
     * COM_QUIT and is closed (which unblocks a read). Safe to call when not running. Must not be
     * called from the IO thread itself (e.g. from {@code onSynced}).
     */
    public void stop() throws InterruptedException {
        IoThreadState.Stopping stopping = shared.requestStop();
        if (stopping == null) return;
        if (stopping.connection() != null) stopping.connection().quit();
        stopping.thread().join();
    }

    /** Whether the thread is alive (started and not yet ended). */
    public boolean isAlive() {
        return shared.alive();
    }

    /** What SHOW SLAVE STATUS shows of this thread now; any thread may call it. */
    public IoThreadStatus status() {
        return shared.snapshot();
    }

    private void run() {
        Session session = config.sessionOrNull();
        if (session != null) session.setCommand("Connect");
        try {
            if (!hooks.threadStart(param(null))) {
                report(IoFatalError.of(ErrorCode.ER_SLAVE_FATAL_ERROR, "Failed to run 'thread_start' hook"));
                return;
            }
            loop();
        } finally {
            logExit();
            hooks.threadStop(param(null));
            shared.ended();
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
                String next = handshake(c);
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
            } catch (IoFatalError f) {
                report(f);
                return;
            } catch (IOException | SourceQueryException e) {
                if (stopping()) return;
                if (!(e instanceof SourceReadTimeout)) {
                    LOG.error("Error reading packet from server{}: {} (server_errno={})", CHANNEL, e.getMessage(),
                            errnoOf(e));
                    LOG.info("Slave I/O thread: Failed reading log event, reconnecting to retry, log '{}' at position {}{}",
                            rules.received().file(), rules.received().offset(), CHANNEL);
                }
                shared.running("Connecting");
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
                MysqlClient c = MysqlClient.connect(s.host(), s.port(), s.user(), s.password(), timeout, timeout, s.tls());
                if (!shared.connected(c)) {
                    c.close();
                    return null;
                }
                LogPosition from = rules.received();
                String file = from.file().isEmpty() ? "FIRST" : from.file();
                if (reconnect) {
                    // MySQL 5.7 words a reconnect differently (safe_reconnect in slave.cc)
                    LOG.info("Slave{}: connected to master '{}@{}:{}',replication resumed in log '{}' at position {}",
                            CHANNEL, s.user(), s.host(), s.port(), file, from.offset());
                } else {
                    LOG.info("Slave I/O thread{}: connected to master '{}@{}:{}',replication started in log '{}' at position {}",
                            CHANNEL, s.user(), s.host(), s.port(), file, from.offset());
                }
                return c;
            } catch (IOException | SourceQueryException e) {
                if (stopping()) return null;
                attempts++;
                String message = String.format("error %s to master '%s@%s:%d' - retry-time: %d  retries: %d",
                        reconnect ? "reconnecting" : "connecting", s.user(), s.host(), s.port(),
                        s.connectRetrySeconds(), attempts);
                report(errnoOf(e), message);
                if (s.retryCount() > 0 && attempts >= s.retryCount()) return null;
                if (!sleepRetry()) return null;
            }
        }
        return null;
    }

    /**
     * The connect sequence up to the dump request, in {@link SourceHandshake}'s order. Returns ""
     * when the dump was requested, a Slave_IO_State to wait in before reconnecting, or null when
     * stopping.
     */
    private String handshake(MysqlClient c) throws IOException, SourceQueryException, IoFatalError {
        setState(CHECKING_VERSION);
        SourceHandshake source = new SourceHandshake(c);
        source.checkVersion();
        source.unixTimestamp();
        source.sourceServerId(config.serverId(), shared::masterServerId);
        source.heartbeatPeriod(config.source().heartbeatPeriodSeconds());
        ChecksumAlgorithm checksum = source.sourceChecksum();
        source.uuids(report.uuid(), shared::masterUuid);
        source.gtidMode(config.gtids().mode(), config.source().autoPosition());
        source.mariadbCapability();
        rules.useChecksum(checksum);
        try {
            if (!rotatedForThisRun) {
                // MySQL starts a new relay log file whenever the IO thread starts.
                config.relayLog().rotate(checksum);
                rotatedForThisRun = true;
            } else {
                config.relayLog().useChecksum(checksum);
            }
        } catch (IOException e) {
            throw IoFatalError.relayWriteFailure(e);
        }
        if (stopping()) return null;

        setState(REGISTERING);
        try {
            source.register(config.serverId(), report);
        } catch (SourceQueryException e) {
            if (SourceHandshake.isNetworkError(e)) throw e;
            report(ErrorCode.ER_SLAVE_MASTER_COM_FAILURE.number(), ErrorCode.ER_SLAVE_MASTER_COM_FAILURE.message(
                    "COM_REGISTER_SLAVE", e.getMessage() + " (Errno: " + e.errorNumber() + ")"));
            return WAIT_RECONNECT_REGISTER;
        }
        shared.running("Yes");

        setState(REQUESTING_DUMP);
        int flags = 0;
        if (!hooks.beforeRequestTransmit(param(new SourceConnectionView(c)), flags)) {
            LOG.error("Failed on request_dump(){}", CHANNEL);
            return WAIT_RECONNECT_DUMP;
        }
        if (config.source().autoPosition()) {
            // B.9: what the relay log holds whole and what this server executed; the source finds the rest
            RetrievedGtids retrieved = config.relayLog().retrieved();
            retrieved.newStream();
            source.requestDumpGtid(retrieved.set().union(config.gtids().executed()), flags, config.serverId());
        } else {
            source.requestDump(rules.received(), flags, config.serverId());
        }
        return "";
    }

    /** The binlog stream: each event through the hooks and the rules, until it fails or stop(). */
    private void readEvents(MysqlClient c) throws IOException, SourceQueryException, IoFatalError {
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
                if (e.getCause() instanceof SocketTimeoutException) throw new SourceReadTimeout(e);
                throw e;
            }
            if (ErrPacket.isErr(packet)) {
                syncIfNeeded();
                SourceQueryException err = MysqlClient.serverError(packet);
                if (err.errorNumber() == ErrorCode.ER_MASTER_FATAL_ERROR_READING_BINLOG.number()) {
                    LOG.error("Error reading packet from server{}: {} (server_errno={})", CHANNEL, err.getMessage(),
                            err.errorNumber());
                    throw IoFatalError.of(ErrorCode.ER_MASTER_FATAL_ERROR_READING_BINLOG, err.errorNumber(),
                            err.getMessage());
                }
                throw err;
            }
            // the stream's end: an EOF packet, 0xFE and shorter than an event could be (§2.2)
            if ((packet[0] & 0xFF) == 0xFE && packet.length < 8) {
                syncIfNeeded();
                LOG.info("Slave{}: received end packet from server due to dump thread being killed on master. Dump "
                        + "threads are killed for example during master shutdown, explicitly by a user, or when the "
                        + "master receives a binlog send request from a duplicate server UUID <> : Error ", CHANNEL);
                throw new SourceEndedStream("received end packet from server, apparent master shutdown");
            }
            ReadEvent view = new ReadEvent(packet, 1, packet.length - 1);
            if (!hooks.afterReadEvent(param(new SourceConnectionView(c)), view)) {
                throw IoFatalError.of(ErrorCode.ER_SLAVE_FATAL_ERROR, "Failed to run 'after_read_event' hook");
            }
            byte[] event = view.toByteArray();
            setState(QUEUEING);
            sync.counted(rules.queue(event));
            // one fsync covers a burst: the events the socket already holds are queued first. Each
            // event still gets its after_queue_event right after it is queued (MySQL's order);
            // "synced" tells the hook whether the relay log is now durable up to this event, which
            // is when semisync acknowledges the highest position the burst made durable
            boolean burstEnds = sync.full() || !c.hasBufferedInput();
            if (burstEnds) syncIfNeeded();
            if (observed && !hooks.afterQueueEvent(param(new SourceConnectionView(c)), event, sync.synced())) {
                throw IoFatalError.of(ErrorCode.ER_SLAVE_FATAL_ERROR, "Failed to run 'after_queue_event' hook");
            }
            setState(WAITING_FOR_EVENT);
        }
    }

    private void syncIfNeeded() throws IoFatalError {
        sync.syncIfNeeded(rules.received());
    }

    /** The relay log is durable up to {@code synced}: SHOW SLAVE STATUS and the caller may know. */
    private void published(LogPosition synced) {
        shared.read(synced);
        config.onSynced().accept(synced);
    }

    private RelayIoParam param(SourceConnection source) {
        SourceSettings s = config.source();
        Session session = config.sessionOrNull();
        return new RelayIoParam(config.serverId(), session == null ? 0 : session.id(), "", s.host(), s.port(),
                s.user(), rules.received(), source);
    }

    private boolean stopping() {
        return shared.stopping();
    }

    /** Waits MASTER_CONNECT_RETRY seconds; false when stop() came first. */
    private boolean sleepRetry() {
        return shared.sleep(TimeUnit.SECONDS.toNanos(Math.max(0, config.source().connectRetrySeconds())));
    }

    private void setState(String s) {
        shared.state(s);
        Session session = config.sessionOrNull();
        if (session != null) session.setState(s);
    }

    private void report(IoFatalError fatal) {
        report(fatal.errno, fatal.getMessage());
    }

    /** Records Last_IO_Errno/Error and logs it as MySQL's Slave_reporting_capability does. */
    private void report(int errno, String message) {
        LOG.error("Slave I/O{}: {}{} Error_code: {}", CHANNEL, message, message.endsWith(".") ? "" : ",", errno);
        shared.error(errno, message);
    }

    private void logExit() {
        LogPosition received = rules.received();
        LOG.info("Slave I/O thread exiting{}, read up to log '{}', position {}", CHANNEL,
                received.file().isEmpty() ? "FIRST" : received.file(), received.offset());
    }

    private void closeConnection(MysqlClient c) {
        c.close();
        shared.disconnected(c);
    }

    private static int errnoOf(Exception e) {
        if (e instanceof SourceQueryException s) return s.errorNumber();
        if (e instanceof ClientErrorException c) return c.errorNumber();
        if (e instanceof SourceReadTimeout) return ErrorCode.ER_NET_READ_INTERRUPTED.number();
        return ClientError.CR_SERVER_LOST.number();
    }
}
