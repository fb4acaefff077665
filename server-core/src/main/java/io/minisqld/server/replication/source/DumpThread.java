package io.minisqld.server.replication.source;

import io.minisqld.plugin.api.LogPosition;
import io.minisqld.plugin.api.observer.TransmitParam;
import io.minisqld.server.binlog.BinlogReader;
import io.minisqld.server.binlog.commit.BinlogService;
import io.minisqld.server.error.ErrorCode;
import io.minisqld.server.observer.BinlogTransmitDelegate;
import io.minisqld.server.session.Session;
import io.minisqld.server.wire.BinlogDumpCommand;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One replica's binlog dump, run on its connection's thread (MySQL's {@code com_binlog_dump},
 * spec protocol.md §3.13): calls {@code transmit_start}, lets the {@link BinlogSender} stream the
 * binlog through the {@link DumpPacketWriter}, and ends with {@code transmit_stop} and an ERR
 * (fatal error), an EOF (non-blocking dump at the end) or nothing (killed, replica gone).
 *
 * <p>Threads: everything runs on the connection's thread except {@link #kill} (a newer dump of the
 * same server id, the server's shutdown) and {@link #checkWriteTimeout} (the source's write
 * watchdog); {@code killReason} and {@code replicaGone}, which they and the reader thread set,
 * are volatile.
 */
final class DumpThread {
    private static final Logger log = LoggerFactory.getLogger(DumpThread.class);

    // PROCESSLIST Command and State texts of MySQL 5.7's dump
    static final String COMMAND = "Binlog Dump";
    static final String STATE_FINALIZING = "Waiting to finalize termination";

    /** Why a dump was asked to stop from outside. */
    enum KillReason {
        /** A newer dump from the same server id took over (MySQL's zombie dump). */
        ZOMBIE,
        /** The server is shutting down. */
        SHUTDOWN
    }

    private final ReplicationSource source;
    private final BinlogService binlog;
    private final Session session;
    private final ReplicaLink link;
    private final BinlogDumpCommand request;
    private final BinlogTransmitDelegate transmit;
    private final DumpConnection replicaConnection;
    private final TransmitParam param;
    private final DumpPacketWriter packets;
    private final long netWriteTimeoutNanos;

    private volatile KillReason killReason;
    /** Set by the connection's reader thread when the replica closed its side. */
    private volatile boolean replicaGone;

    private final io.minisqld.server.gtid.GtidSet replicaGtids;

    DumpThread(ReplicationSource source, BinlogService binlog, Session session, ReplicaLink link,
               BinlogDumpCommand request, io.minisqld.server.gtid.GtidSet replicaGtids) {
        this.replicaGtids = replicaGtids;
        this.source = source;
        this.binlog = binlog;
        this.session = session;
        this.link = link;
        this.request = request;
        this.transmit = source.observers().binlogTransmit();
        this.netWriteTimeoutNanos = TimeUnit.SECONDS.toNanos(session.variables().longValue("net_write_timeout"));
        this.replicaConnection = new DumpConnection(session.id(), link, this::flushForPlugin, source.threads(),
                () -> replicaGone = true);
        this.param = new TransmitParam(request.serverId(), request.flags(), replicaConnection);
        this.packets = new DumpPacketWriter(link, transmit, param);
    }

    long connectionId() {
        return session.id();
    }

    long replicaServerId() {
        return request.serverId();
    }

    /** Asks the dump to end; a waiting dump notices within 100 ms. */
    void kill(KillReason reason) {
        killReason = reason;
        // at shutdown nothing more is sent: closing the socket also ends a write blocked on a full buffer
        if (reason == KillReason.SHUTDOWN) link.abort();
    }

    /** For the write watchdog: aborts the connection if a write has been blocked too long. */
    void checkWriteTimeout(long now) {
        long started = packets.writeStartedNanos();
        if (started != 0 && now - started > netWriteTimeoutNanos) {
            log.debug("dump to server id {}: a write blocked longer than net_write_timeout, closing", request.serverId());
            link.abort();
        }
    }

    /** A plugin's {@code flush()} goes through the dump's guarded writer. */
    private void flushForPlugin() throws IOException {
        packets.flush();
    }

    private boolean killed() {
        return killReason != null || replicaGone || session.killed();
    }

    /** Runs the dump to its end; the connection closes afterwards, as MySQL's COM_BINLOG_DUMP does. */
    void run() {
        session.setCommand(COMMAND);
        session.setState("");
        BinlogSender sender = new BinlogSender(binlog, session, request, source.serverId(), packets, this::killed,
                replicaGtids);
        DumpFailure failure = null;
        boolean transmitStarted = false;
        boolean sendEof = false;
        try {
            sender.init();
            if (replicaGtids == null) {
                log.info("Start binlog_dump to master_thread_id({}) slave_server({}), pos({}, {})",
                        session.id(), request.serverId(), request.file(), request.position());
            } else {
                log.info("Start binlog_dump to master_thread_id({}) slave_server({}), pos({}, {})",
                        session.id(), request.serverId(), sender.startFile(), BinlogReader.FIRST_EVENT_POSITION);
            }
            replicaConnection.startReader();
            if (!transmit.transmitStart(param, LogPosition.of(sender.startFile(), request.position()))) {
                throw new DumpFailure(ErrorCode.ER_DUMP_HOOK_FAILED.error("transmit_start"), false);
            }
            transmitStarted = true;
            packets.observe(param.shouldObserve());
            sendEof = sender.stream();
        } catch (DumpFailure e) {
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
            failure = new DumpFailure(ErrorCode.ER_DUMP_DUPLICATE_SLAVE.error(), true);
        }
        if (transmitStarted) transmit.transmitStop(param);
        if (replicaGone) return;
        try {
            if (failure != null) {
                packets.writeError(sender.finalError(failure));
                packets.flush();
            } else if (sendEof) {
                packets.writeEof(session.statusFlags());
                packets.flush();
            }
        } catch (IOException e) {
            log.debug("dump to server id {}: the last packet could not be sent: {}", request.serverId(), e.toString());
        }
    }
}
