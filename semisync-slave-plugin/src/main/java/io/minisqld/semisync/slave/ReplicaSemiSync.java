package io.minisqld.semisync.slave;

import io.minisqld.plugin.api.observer.BinlogRelayIoObserver;
import io.minisqld.plugin.api.observer.ReadEvent;
import io.minisqld.plugin.api.observer.RelayIoParam;
import io.minisqld.plugin.api.observer.SourceConnection;
import io.minisqld.plugin.api.observer.SourceQueryException;
import java.io.IOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The replica side of semisynchronous replication (spec semisync.md §3), as MySQL 5.7's
 * {@code ReplSemiSyncSlave} and the relay IO observer of {@code semisync_slave_plugin.cc}: it
 * negotiates semisync with the source before each dump request, strips the 2-byte header from
 * every event, and acknowledges each event the source flagged once the IO thread has written
 * (and synced) it to the relay log.
 *
 * <p>Threads: the hooks run on the replica's IO thread (one channel, so never concurrently);
 * {@link #setEnabled}/{@link #setTraceLevel} run on a session doing SET GLOBAL and
 * {@link #status()} on any session reading SHOW STATUS, hence the volatile fields.
 * {@link #needReply} is touched by the IO thread only.
 *
 * <p>Like MySQL, changing {@code rpl_semi_sync_slave_enabled} renegotiates nothing: the running
 * connection keeps its mode until the IO thread reconnects or restarts (STOP/START SLAVE
 * IO_THREAD).
 */
public final class ReplicaSemiSync implements BinlogRelayIoObserver {
    private static final Logger LOG = LoggerFactory.getLogger(ReplicaSemiSync.class);

    /** What 5.7's replica asks the source: only the variable's existence matters, not its value. */
    static final String PROBE = "SHOW VARIABLES LIKE 'rpl_semi_sync_master_enabled'";
    /** How the replica announces itself; the source's dump thread reads the user variable. */
    static final String ANNOUNCE = "SET @rpl_semi_sync_slave= 1";
    /** What 8.0.26's rpl_semi_sync_replica asks first (then, of an older source, {@link #PROBE}). */
    static final String PROBE_SOURCE = "SHOW VARIABLES LIKE 'rpl_semi_sync_source_enabled'";
    /** 8.0.26's announcement, in both generations' words so that either source reads it. */
    static final String ANNOUNCE_REPLICA = "SET @rpl_semi_sync_replica= 1, @rpl_semi_sync_slave= 1";

    /** rpl_semi_sync_*_trace_level bit for detail lines (MySQL's Trace::kTraceDetail). */
    static final long TRACE_DETAIL = 16;
    /** MySQL's CR_SERVER_LOST, for a probe that failed on the connection rather than on the source. */
    private static final int CR_SERVER_LOST = 2013;
    /** MySQL's ER_NET_ERROR_ON_WRITE, for a reply that could not be written. */
    private static final int ER_NET_ERROR_ON_WRITE = 1160;

    private volatile boolean enabled;
    private volatile long traceLevel;
    private volatile boolean status;
    private boolean needReply;
    /** The highest position the source asked to acknowledge that is not yet durable here. */
    private SemiSyncReply pendingReply;

    /**
     * @param enabled    the start-up value of {@code rpl_semi_sync_slave_enabled}
     * @param traceLevel the start-up value of {@code rpl_semi_sync_slave_trace_level}
     */
    /** Whether this is 8.0.26's rpl_semi_sync_replica (its probe and announcement). */
    private final boolean replicaNames;

    public ReplicaSemiSync(boolean enabled, long traceLevel) {
        this(enabled, traceLevel, false);
    }

    public ReplicaSemiSync(boolean enabled, long traceLevel, boolean replicaNames) {
        this.replicaNames = replicaNames;
        this.enabled = enabled;
        this.traceLevel = traceLevel;
    }

    /** {@code rpl_semi_sync_slave_enabled} changed: takes effect at the next connect. */
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public boolean enabled() {
        return enabled;
    }

    public void setTraceLevel(long traceLevel) {
        this.traceLevel = traceLevel;
    }

    /** {@code Rpl_semi_sync_slave_status}: ON while the IO thread runs with semisync negotiated. */
    public boolean status() {
        return status;
    }

    @Override
    public void threadStart(RelayIoParam param) {
        boolean on = enabled;
        String file = param.position().file().isEmpty() ? "FIRST" : param.position().file();
        LOG.info("Slave I/O thread: Start {} replication to master '{}@{}:{}' in log '{}' at position {}",
                on ? "semi-sync" : "asynchronous", param.user(), param.host(), param.port(), file,
                param.position().offset());
        // MySQL sets the status before it knows whether the source supports semisync
        if (on) status = true;
        needReply = false;
        pendingReply = null;
    }

    @Override
    public void threadStop(RelayIoParam param) {
        status = false;
        needReply = false;
        pendingReply = null;
    }

    @Override
    public void beforeRequestTransmit(RelayIoParam param, int flags) {
        needReply = false;
        pendingReply = null;
        if (!enabled) return;
        SourceConnection source = param.source();
        List<List<String>> rows = probe(source, replicaNames ? PROBE_SOURCE : PROBE);
        // 8.0.26's replica asks a source of 5.7's names next
        if (rows.isEmpty() && replicaNames) rows = probe(source, PROBE);
        if (rows.isEmpty()) {
            LOG.warn("Master server does not support semi-sync, fallback to asynchronous replication");
            status = false;
            return;
        }
        try {
            source.query(replicaNames ? ANNOUNCE_REPLICA : ANNOUNCE);
        } catch (SourceQueryException | IOException e) {
            LOG.error("Set 'rpl_semi_sync_slave=1' on master failed");
            throw new IllegalStateException(e.getMessage(), e);
        }
        status = true;
    }

    private static List<List<String>> probe(SourceConnection source, String query) {
        try {
            return source.query(query);
        } catch (SourceQueryException e) {
            LOG.error("Execution failed on master: {}; error {}", query, e.errorNumber());
            throw new IllegalStateException(e.getMessage(), e);
        } catch (IOException e) {
            LOG.error("Execution failed on master: {}; error {}", query, CR_SERVER_LOST);
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    @Override
    public void afterReadEvent(RelayIoParam param, ReadEvent event) {
        if (!status) return;
        try {
            needReply = SemiSyncHeader.strip(event);
        } catch (SemiSyncHeader.MissingMagicException e) {
            LOG.error(e.getMessage());
            throw e;
        }
        if ((traceLevel & TRACE_DETAIL) != 0) {
            LOG.info("ReplSemiSyncSlave::slaveReadSyncHeader: reply - {}", needReply ? 1 : 0);
        }
    }

    /**
     * Acknowledges what the source asked for once it is durable here. The IO thread syncs the relay
     * log once for a burst of events and passes {@code synced=true} to the hook of the event that
     * ends the burst: then the highest position the source flagged in the burst is acknowledged
     * (an ack at P releases every transaction at or below P on the source).
     */
    @Override
    public void afterQueueEvent(RelayIoParam param, byte[] event, boolean synced) {
        if (!status) return;
        if (needReply) {
            needReply = false;
            pendingReply = new SemiSyncReply(param.position());
        }
        // one fsync may cover several transactions: acknowledge the highest position it made durable
        if (!synced || pendingReply == null) return;
        SemiSyncReply reply = pendingReply;
        pendingReply = null;
        if ((traceLevel & TRACE_DETAIL) != 0) {
            LOG.info("ReplSemiSyncSlave::slaveReply: reply ({}, {})", reply.position().file(),
                    reply.position().offset());
        }
        try {
            param.source().writePacket(reply.encode());
        } catch (IOException e) {
            // MySQL logs a failed reply and carries on: the source times out and switches OFF
            LOG.error("Semi-sync slave send reply failed: {} ({})", e.getMessage(), ER_NET_ERROR_ON_WRITE);
        }
    }
}
