package io.minisqld.server.replication.replica;

import io.minisqld.plugin.api.LogPosition;
import io.minisqld.plugin.api.observer.RelayIoParam;
import io.minisqld.server.auth.AccountStore;
import io.minisqld.server.binlog.BinlogReader;
import io.minisqld.server.engine.StorageEngine;
import io.minisqld.server.error.ErrorCode;
import io.minisqld.server.log.ServerThreadFactory;
import io.minisqld.server.observer.ObserverRegistry;
import io.minisqld.server.result.RowsResult;
import io.minisqld.server.session.SessionManager;
import io.minisqld.server.sql.statement.ReplicaStatement;
import io.minisqld.server.variables.Warnings;
import io.minisqld.server.storage.FileLayer;
import io.minisqld.server.variables.SystemVariables;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's one replication channel (the default channel {@code ''}): its persisted
 * configuration and positions, its relay log, its IO and SQL threads, and the statements that
 * drive them (CHANGE MASTER TO, START/STOP/RESET SLAVE, SHOW SLAVE STATUS and their 8.0
 * spellings). What CHANGE MASTER decides is {@link ChannelConfiguration}'s, starting and stopping
 * the threads {@link ReplicaThreads}', the status row {@link SlaveStatus}', what a start does with
 * the previous run's relay logs {@link RelayLogRecovery}'s; this class holds the channel's state
 * and runs the statements in order.
 *
 * <p>Crash safety is MySQL's {@code relay_log_info_repository=TABLE} with
 * {@code relay_log_recovery=ON}: the SQL thread commits each transaction together with its new
 * position, and every start discards the relay logs and fetches again from the executed source
 * position. When the replica binlogs what it applies (log_slave_updates), binlog crash recovery
 * may re-apply transactions whose position update the engine lost; {@link #open} is told how
 * many, and the SQL thread skips that many groups first (no duplicate).
 *
 * <p>Concurrency: {@code control} serialises the statements that start, stop or reconfigure the
 * channel (MySQL's LOCK_active_mi); no other lock is held when taking it, and the threads never
 * take it. SHOW SLAVE STATUS reads volatile fields without it.
 */
public final class ReplicaService implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ReplicaService.class);

    /**
     * What the service needs from the server.
     *
     * @param port this server's port, reported to the source by COM_REGISTER_SLAVE
     */
    public record Services(FileLayer layer, Path datadir, SystemVariables variables, StorageEngine engine,
                           SessionManager sessions, AccountStore accounts,
                           ObserverRegistry observers, ServerThreadFactory threads, String version,
                           IntSupplier port, io.minisqld.server.gtid.GtidState gtids) {
    }

    private final Services services;
    private final ReplicaTables tables;
    private final RelayLog relayLog;
    private final ReplicaThreads threads;
    /** Serialises the statements that start, stop or reconfigure the channel; see the class comment. */
    private final ReentrantLock control = new ReentrantLock();

    /** Null when the server is not a replica (no CHANGE MASTER, or RESET SLAVE ALL). */
    private volatile MasterInfo master;
    /** The SQL thread's position while it is stopped. */
    private volatile RelayLogInfo relayInfo;
    /** Where a (re)started IO thread requests the dump from: the last synced received position. */
    private volatile LogPosition read;
    private volatile boolean closed;

    private ReplicaService(Services services, ReplicaTables tables, RelayLog relayLog, RelayLogRecovery.Start start) {
        this.services = services;
        this.tables = tables;
        this.relayLog = relayLog;
        this.threads = new ReplicaThreads(services, relayLog);
        this.master = start.master();
        this.relayInfo = start.relay();
        this.read = start.relay().executed();
    }

    /**
     * Opens the channel's tables and relay log and applies relay_log_recovery: the relay logs of
     * the previous run are dropped and the IO thread will fetch again from the executed position.
     *
     * @param recoveredTransactions transactions binlog crash recovery re-applied for the SQL
     *                              thread (from {@link ReplicaCrashScan}): skipped once refetched
     */
    public static ReplicaService open(Services services, long recoveredTransactions) throws IOException {
        SystemVariables v = services.variables();
        String basename = v.globalString("relay_log");
        if (basename == null || basename.isEmpty()) basename = v.globalString("hostname") + "-relay-bin";
        Path base = services.datadir().resolve(basename).toAbsolutePath().normalize();
        v.initGlobal("relay_log_basename", base.toString());
        String index = v.globalString("relay_log_index");
        if (index == null || index.isEmpty()) v.initGlobal("relay_log_index", base + ".index");
        ReplicaTables tables = ReplicaTables.open(services.engine());
        RelayLog relayLog = RelayLog.open(services.layer(), services.datadir(), basename,
                v.globalLong("server_id"), services.version());
        applyMaxRelayLogSize(v, relayLog);
        RelayLogRecovery.Start start = RelayLogRecovery.recover(tables, relayLog, recoveredTransactions);
        return new ReplicaService(services, tables, relayLog, start);
    }

    /** max_relay_log_size (or max_binlog_size when it is 0) for the relay log, now: MySQL applies a SET GLOBAL at once. */
    public void applyMaxRelayLogSize() {
        applyMaxRelayLogSize(services.variables(), relayLog);
    }

    /** max_relay_log_size, or max_binlog_size when it is 0, as MySQL reads them at each IO thread start. */
    private static void applyMaxRelayLogSize(SystemVariables v, RelayLog relayLog) {
        long size = v.globalLong("max_relay_log_size");
        if (size == 0) size = v.globalLong("max_binlog_size");
        relayLog.setMaxFileSize(size);
    }

    /** Server start-up: MySQL starts the slave threads of a configured channel unless skip_slave_start. */
    public void startAtServerStart(Applier applier) {
        if (master == null || !master.configured()) return;
        if (services.variables().globalBool("skip_slave_start")) return;
        control.lock();
        try {
            startIo();
            try {
                checkCommitOrderSupported();
            } catch (io.minisqld.server.error.SqlError e) {
                log.error("Slave SQL for channel '': {}, Error_code: {}", e.getMessage(), e.number());
                return;
            }
            startSql(applier);
        } finally {
            control.unlock();
        }
    }

    /** The relay log (tests, SHOW RELAYLOG EVENTS later). */
    public RelayLog relayLog() {
        return relayLog;
    }

    // What the replica statements do (privileges and implicit commit are the statement layer's).

    /** CHANGE MASTER TO; 1198 while a thread that the options concern runs. */
    public void changeMaster(ReplicaStatement.ChangeMaster c, Warnings warnings) {
        underControl(() -> {
            ChannelConfiguration.Outcome changed = ChannelConfiguration.change(c, warnings, master, relayInfo, read,
                    threads.ioRunning(), threads.sqlRunning(), services.variables().globalLong("slave_net_timeout"),
                    relayLog, services.gtids().mode());
            tables.writeBoth(changed.master(), changed.relay());
            master = changed.master();
            relayInfo = changed.relay();
            read = changed.master().read();
            threads.forgetStopped();
        });
    }

    /** START SLAVE [threads]: the SQL thread applies through {@code applier}. */
    public void start(ReplicaStatement.Threads which, Warnings warnings, Applier applier) {
        underControl(() -> {
            if (master == null || !master.configured()) throw ErrorCode.ER_BAD_SLAVE.error();
            boolean started = false;
            if (which.io() && !threads.ioRunning()) {
                startIo();
                started = true;
            }
            if (which.sql() && !threads.sqlRunning()) {
                checkCommitOrderSupported();
                startSql(applier);
                started = true;
            }
            if (!started) warnings.note(ErrorCode.ER_SLAVE_CHANNEL_WAS_RUNNING, "");
        });
    }

    /** STOP SLAVE [threads]. */
    public void stop(ReplicaStatement.Threads which, Warnings warnings) {
        underControl(() -> {
            boolean stopped = false;
            if (which.io() && threads.ioRunning()) {
                threads.stopIo();
                stopped = true;
            }
            if (which.sql() && threads.sqlRunning()) {
                stopSql();
                stopped = true;
            }
            if (!stopped) warnings.note(ErrorCode.ER_SLAVE_CHANNEL_WAS_NOT_RUNNING, "");
        });
    }

    /** RESET SLAVE [ALL]. */
    public void reset(boolean all) {
        underControl(() -> resetLocked(all));
    }

    private void underControl(Runnable action) {
        control.lock();
        try {
            if (closed) throw ErrorCode.ER_SERVER_SHUTDOWN.error();
            action.run();
        } finally {
            control.unlock();
        }
    }

    private void resetLocked(boolean all) {
        if (threads.ioRunning() || threads.sqlRunning()) throw ErrorCode.ER_SLAVE_MUST_STOP.error();
        try {
            relayLog.reset();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        RelayLogInfo r = new RelayLogInfo(new LogPosition(relayLog.currentFile(), BinlogReader.FIRST_EVENT_POSITION),
                MasterInfo.SOURCE_START, 0);
        MasterInfo before = master;
        if (all || before == null) {
            tables.deleteAll();
            master = null;
        } else {
            MasterInfo m = before.withRead(MasterInfo.SOURCE_START);
            tables.writeBoth(m, r);
            master = m;
        }
        relayInfo = r;
        read = MasterInfo.SOURCE_START;
        threads.forgetStopped();
        SourceSettings st = before == null ? null : before.settings();
        services.observers().relayIo().afterResetSlave(new RelayIoParam(serverId(), 0, "",
                st == null ? "" : st.host(), st == null ? 0 : st.port(), st == null ? "" : st.user(),
                LogPosition.of("", 0), null));
    }

    private long serverId() {
        return services.variables().globalLong("server_id");
    }

    // The threads (under control).

    private void startIo() {
        applyMaxRelayLogSize(services.variables(), relayLog);
        threads.startIo(master, read, p -> read = p, this::persistRead);
    }

    /** The IO thread ended: its received position becomes the channel's persisted one. */
    private void persistRead() {
        MasterInfo m = master;
        if (m == null || closed) return;
        try {
            LogPosition p = read;
            tables.writeRead(p);
            master = m.withRead(p);
        } catch (RuntimeException e) {
            log.warn("Slave I/O for channel '': could not record the received position: {}", e.toString());
        }
    }

    /**
     * C.1: START SLAVE with workers and slave_preserve_commit_order=ON needs LOGICAL_CLOCK and a
     * binlog of what the replica applies (3031), as MySQL 5.7 checks it.
     */
    private void checkCommitOrderSupported() {
        SystemVariables v = services.variables();
        if (v.globalLong("slave_parallel_workers") == 0 || !v.globalBool("slave_preserve_commit_order")) return;
        if ("DATABASE".equalsIgnoreCase(v.globalString("slave_parallel_type"))) {
            throw ErrorCode.ER_DONT_SUPPORT_SLAVE_PRESERVE_COMMIT_ORDER.error("when slave_parallel_type is DATABASE");
        }
        if (!v.globalBool("log_bin") || !v.globalBool("log_slave_updates")) {
            throw ErrorCode.ER_DONT_SUPPORT_SLAVE_PRESERVE_COMMIT_ORDER.error(
                    "unless both log_bin and log_slave_updates are enabled");
        }
    }

    private void startSql(Applier applier) {
        threads.startSql(relayInfo, applier, applied -> relayInfo = applied);
    }

    private void stopSql() {
        RelayLogInfo applied = threads.stopSql();
        if (applied != null) relayInfo = applied;
    }

    /**
     * MASTER_POS_WAIT(log_name, log_pos[, timeout]): waits until the SQL thread has applied the
     * source's binlog up to that position. As MySQL: NULL when the SQL thread is not running or
     * stops during the wait, -1 when {@code timeoutSeconds} (0 or less: none) passes first, else the
     * number of transactions applied while waiting (0 when already there); 1317 when killed.
     */
    public Long masterPosWait(String file, long position, double timeoutSeconds, BooleanSupplier killed) {
        if (master == null || !master.configured()) return null;
        long nanos = timeoutSeconds > 0 ? Math.max(1, (long) (timeoutSeconds * 1e9)) : 0;
        AppliedPositionWaits.Outcome outcome;
        try {
            outcome = threads.awaitApplied(new LogPosition(file, Math.max(0, position)), nanos, killed);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ErrorCode.ER_QUERY_INTERRUPTED.error();
        }
        if (outcome instanceof AppliedPositionWaits.Outcome.Reached r) return r.groups();
        if (outcome instanceof AppliedPositionWaits.Outcome.TimedOut) return -1L;
        if (outcome instanceof AppliedPositionWaits.Outcome.Killed) throw ErrorCode.ER_QUERY_INTERRUPTED.error();
        return null;
    }

    /** Whether a channel is configured and its SQL thread runs. */
    public boolean sqlThreadRunning() {
        MasterInfo m = master;
        return m != null && m.configured() && threads.sqlRunning();
    }

    /** Whether the channel asks for its dump by GTIDs (MASTER_AUTO_POSITION = 1). */
    public boolean autoPosition() {
        MasterInfo m = master;
        return m != null && m.settings().autoPosition();
    }

    /** SHOW SLAVE STATUS: one row for a configured channel, none otherwise. */
    public RowsResult status() {
        return SlaveStatus.of(new SlaveStatus.Snapshot(master, threads.io(), threads.sql(), relayInfo, read,
                services.variables().globalLong("sql_slave_skip_counter"), relayLog.space(),
                relayLog.retrieved().set().toString(), services.gtids().executed().toString()));
    }

    /** Server shutdown ("Shutting down slave threads"): stops both threads, then closes the relay log. */
    @Override
    public void close() {
        control.lock();
        try {
            threads.stopIo();
            stopSql();
            closed = true;
            try {
                relayLog.close();
            } catch (IOException e) {
                log.warn("closing the relay log: {}", e.toString());
            }
        } finally {
            control.unlock();
        }
    }

    /**
     * A simulated crash (tests): the threads stop without the orderly shutdown's bookkeeping. The
     * engine is already gone, so nothing they still write counts.
     */
    public void abortForCrash() {
        closed = true;
        threads.abort();
        try {
            relayLog.close();
        } catch (IOException e) {
            log.debug("closing the relay log after a simulated crash", e);
        }
    }

    /** Slave_retried_transactions: replicated transactions applied again after a temporary error. */
    public long retriedTransactions() {
        return threads.retriedTransactions();
    }
}
