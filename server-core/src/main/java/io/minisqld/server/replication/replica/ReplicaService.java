package io.minisqld.server.replication.replica;

import io.minisqld.plugin.api.observer.RelayIoParam;
import io.minisqld.server.auth.Account;
import io.minisqld.server.auth.AccountStore;
import io.minisqld.server.grant.Privilege;
import io.minisqld.server.binlog.BinlogReader;
import io.minisqld.server.engine.StorageEngine;
import io.minisqld.server.error.ErrorCode;
import io.minisqld.server.log.ServerThreadFactory;
import io.minisqld.server.observer.ObserverRegistry;
import io.minisqld.server.result.Column;
import io.minisqld.server.result.ColumnType;
import io.minisqld.server.result.OkResult;
import io.minisqld.server.result.RowsResult;
import io.minisqld.server.result.StatementResult;
import io.minisqld.server.session.Session;
import io.minisqld.server.session.SessionManager;
import io.minisqld.server.sql.statement.ReplicaStatement;
import io.minisqld.server.variables.Warnings;
import io.minisqld.server.storage.FileLayer;
import io.minisqld.server.variables.SystemVariables;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's one replication channel (the default channel {@code ''}): its persisted
 * configuration and positions, its relay log, its IO and SQL threads, and the statements that
 * drive them (CHANGE MASTER TO, START/STOP/RESET SLAVE, SHOW SLAVE STATUS and their 8.0
 * spellings).
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
    /** MySQL's SLAVE_MAX_HEARTBEAT_PERIOD in seconds. */
    private static final double MAX_HEARTBEAT = 4294967;

    /**
     * What the service needs from the server.
     *
     * @param port this server's port, reported to the source by COM_REGISTER_SLAVE
     */
    public record Services(FileLayer layer, Path datadir, SystemVariables variables, StorageEngine engine,
                           SessionManager sessions, AccountStore accounts,
                           ObserverRegistry observers, ServerThreadFactory threads, String version,
                           IntSupplier port) {
    }

    private final Services services;
    private final ReplicaTables tables;
    private final RelayLog relayLog;
    private final ReentrantLock control = new ReentrantLock();

    /** Null when the server is not a replica (no CHANGE MASTER, or RESET SLAVE ALL). */
    private volatile MasterInfo master;
    /** The SQL thread's position while it is stopped. */
    private volatile RelayLogInfo relayInfo;
    /** Where a (re)started IO thread requests the dump from: the last synced received position. */
    private volatile SourcePosition read;
    private volatile IoThread io;
    private volatile SqlThread sql;
    private volatile boolean closed;

    private ReplicaService(Services services, ReplicaTables tables, RelayLog relayLog) {
        this.services = services;
        this.tables = tables;
        this.relayLog = relayLog;
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
        ReplicaService s = new ReplicaService(services, tables, relayLog);
        s.applyMaxRelayLogSize();
        s.recover(recoveredTransactions);
        return s;
    }

    private void recover(long recoveredTransactions) throws IOException {
        MasterInfo m = tables.readMaster().orElse(null);
        RelayLogInfo r = tables.readRelay().orElse(null);
        String current = relayLog.currentFile();
        relayLog.purgeBefore(current);
        RelayPosition fresh = new RelayPosition(current, BinlogReader.FIRST_EVENT_POSITION);
        if (m == null) {
            master = null;
            relayInfo = new RelayLogInfo(fresh, SourcePosition.START, 0);
            read = SourcePosition.START;
            return;
        }
        SourcePosition executed = r == null ? m.read() : r.executed();
        long skip = (r == null ? 0 : r.recoverySkip()) + recoveredTransactions;
        if (recoveredTransactions > 0) {
            log.info("Slave: binlog crash recovery re-applied {} replicated transaction(s) after '{}' position {}; "
                    + "the SQL thread skips them when they are fetched again", recoveredTransactions,
                    executed.file(), executed.position());
        }
        master = m.withRead(executed);
        relayInfo = new RelayLogInfo(fresh, executed, skip);
        read = executed;
        tables.writeBoth(master, relayInfo);
        if (!executed.file().isEmpty() || executed.position() != BinlogReader.FIRST_EVENT_POSITION) {
            log.info("Slave: relay log recovery: the relay logs were discarded; the IO thread will fetch from "
                    + "'{}' position {}, relay log './{}' position: {}", executed.file(), executed.position(),
                    current, BinlogReader.FIRST_EVENT_POSITION);
        }
    }

    /** max_relay_log_size (or max_binlog_size when it is 0) for the relay log, now: MySQL applies a SET GLOBAL at once. */
    public void applyMaxRelayLogSize() {
        long size = services.variables().globalLong("max_relay_log_size");
        if (size == 0) size = services.variables().globalLong("max_binlog_size");
        relayLog.setMaxFileSize(size);
    }

    /** Server start-up: MySQL starts the slave threads of a configured channel unless skip_slave_start. */
    public void startAtServerStart(Applier applier) {
        if (master == null || !master.configured()) return;
        if (services.variables().globalBool("skip_slave_start")) return;
        control.lock();
        try {
            startIo();
            startSql(applier);
        } finally {
            control.unlock();
        }
    }

    /** The relay log (tests, SHOW RELAYLOG EVENTS later). */
    public RelayLog relayLog() {
        return relayLog;
    }

    // --- what the replica statements do (privileges and implicit commit are the statement layer's)

    /** CHANGE MASTER TO; 1198 while a thread that the options concern runs. */
    public void changeMaster(ReplicaStatement.ChangeMaster c, Warnings warnings) {
        underControl(() -> changeMasterLocked(warnings, c));
    }

    /** START SLAVE [threads]: the SQL thread applies through {@code applier}. */
    public void start(ReplicaStatement.Threads threads, Warnings warnings, Applier applier) {
        underControl(() -> startLocked(warnings, threads, applier));
    }

    /** STOP SLAVE [threads]. */
    public void stop(ReplicaStatement.Threads threads, Warnings warnings) {
        underControl(() -> stopLocked(warnings, threads));
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

    private boolean ioRunning() {
        IoThread t = io;
        return t != null && t.isAlive();
    }

    private boolean sqlRunning() {
        SqlThread t = sql;
        return t != null && t.running();
    }

    private void changeMasterLocked(Warnings s, ReplicaStatement.ChangeMaster c) {
        boolean ioOn = ioRunning();
        boolean sqlOn = sqlRunning();
        if ((ioOn && sqlOn) || (ioOn && c.receiverOptions()) || (sqlOn && c.applierOptions())) {
            throw ErrorCode.ER_SLAVE_MUST_STOP.error();
        }
        if (c.host() != null && c.host().isEmpty()) throw ErrorCode.ER_WRONG_ARGUMENTS.error("MASTER_HOST");
        double netTimeout = services.variables().globalLong("slave_net_timeout");
        MasterInfo old = master == null ? MasterInfo.unconfigured(Math.min(MAX_HEARTBEAT, netTimeout / 2)) : master;
        SourceSettings o = old.settings();
        double heartbeat = o.heartbeatPeriodSeconds();
        if (c.heartbeatPeriod() != null) {
            double h = c.heartbeatPeriod();
            if (h < 0 || h > MAX_HEARTBEAT) {
                throw ErrorCode.ER_SLAVE_HEARTBEAT_VALUE_OUT_OF_RANGE.error(String.valueOf((long) MAX_HEARTBEAT));
            }
            if (h > 0 && h < 0.001) {
                s.warn(ErrorCode.ER_SLAVE_HEARTBEAT_VALUE_OUT_OF_RANGE_MIN);
                h = 0;
            }
            if (h > netTimeout) s.warn(ErrorCode.ER_SLAVE_HEARTBEAT_VALUE_OUT_OF_RANGE_MAX);
            heartbeat = h;
        } else if (c.host() != null && !c.host().equals(o.host())) {
            // a new source gets the default period again, as MySQL resets it with the host
            heartbeat = Math.min(MAX_HEARTBEAT, netTimeout / 2);
        }
        SourceSettings n = new SourceSettings(c.host() != null ? c.host() : o.host(),
                c.port() != null ? c.port() : o.port(), c.user() != null ? c.user() : o.user(),
                c.password() != null ? c.password() : o.password(),
                c.connectRetry() != null ? c.connectRetry() : o.connectRetrySeconds(), heartbeat,
                c.retryCount() != null ? c.retryCount() : o.retryCount());
        if (c.user() != null || c.password() != null) {
            s.note(ErrorCode.ER_INSECURE_PLAIN_TEXT);
            s.note(ErrorCode.ER_INSECURE_CHANGE_MASTER);
        }
        RelayLogInfo r = relayInfo;
        SourcePosition newRead = read;
        if (c.logFile() != null || c.logPos() != null) {
            String file = c.logFile() != null ? c.logFile() : newRead.file();
            long pos = Math.max(BinlogReader.FIRST_EVENT_POSITION, c.logPos() != null ? c.logPos() : BinlogReader.FIRST_EVENT_POSITION);
            newRead = new SourcePosition(file, pos);
        } else if (c.host() != null || c.port() != null) {
            // another source: its binlog starts from the beginning unless told otherwise (MySQL)
            newRead = SourcePosition.START;
        } else if (!sqlOn) {
            // the relay logs go (below): fetch again from what the SQL thread executed
            newRead = r.executed();
        }
        if (c.relayLogFile() != null || c.relayLogPos() != null) {
            String file = c.relayLogFile() != null ? Path.of(c.relayLogFile()).getFileName().toString()
                    : r.relay().file();
            if (!relayLog.files().contains(file)) {
                throw ErrorCode.ER_RELAY_LOG_INIT.error("Could not find target log during relay log initialization");
            }
            long pos = Math.max(BinlogReader.FIRST_EVENT_POSITION, c.relayLogPos() != null ? c.relayLogPos()
                    : BinlogReader.FIRST_EVENT_POSITION);
            SourcePosition exec = c.logFile() != null || c.logPos() != null ? newRead : r.executed();
            r = new RelayLogInfo(new RelayPosition(file, pos), exec, r.recoverySkip());
        } else if (!sqlOn) {
            // MySQL purges the relay logs when CHANGE MASTER names no relay log position
            try {
                relayLog.reset();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            r = new RelayLogInfo(new RelayPosition(relayLog.currentFile(), BinlogReader.FIRST_EVENT_POSITION), newRead, 0);
        }
        MasterInfo m = new MasterInfo(n, newRead);
        tables.writeBoth(m, r);
        master = m;
        relayInfo = r;
        read = newRead;
        // a new configuration starts without the previous errors
        if (!ioOn) io = null;
        if (!sqlOn) sql = null;
    }

    private void startLocked(Warnings s, ReplicaStatement.Threads threads, Applier applier) {
        if (master == null || !master.configured()) throw ErrorCode.ER_BAD_SLAVE.error();
        boolean started = false;
        if (threads.io() && !ioRunning()) {
            startIo();
            started = true;
        }
        if (threads.sql() && !sqlRunning()) {
            startSql(applier);
            started = true;
        }
        if (!started) s.note(ErrorCode.ER_SLAVE_CHANNEL_WAS_RUNNING, "");
    }

    private void stopLocked(Warnings s, ReplicaStatement.Threads threads) {
        boolean stopped = false;
        if (threads.io() && ioRunning()) {
            stopIo();
            stopped = true;
        }
        if (threads.sql() && sqlRunning()) {
            stopSql();
            stopped = true;
        }
        if (!stopped) s.note(ErrorCode.ER_SLAVE_CHANNEL_WAS_NOT_RUNNING, "");
    }

    private void resetLocked(boolean all) {
        if (ioRunning() || sqlRunning()) throw ErrorCode.ER_SLAVE_MUST_STOP.error();
        try {
            relayLog.reset();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        RelayLogInfo r = new RelayLogInfo(new RelayPosition(relayLog.currentFile(), BinlogReader.FIRST_EVENT_POSITION),
                SourcePosition.START, 0);
        MasterInfo before = master;
        if (all || before == null) {
            tables.deleteAll();
            master = null;
        } else {
            MasterInfo m = before.withRead(SourcePosition.START);
            tables.writeBoth(m, r);
            master = m;
        }
        relayInfo = r;
        read = SourcePosition.START;
        io = null;
        sql = null;
        SourceSettings st = before == null ? null : before.settings();
        services.observers().relayIo().afterResetSlave(new RelayIoParam(serverId(), 0, "",
                st == null ? "" : st.host(), st == null ? 0 : st.port(), st == null ? "" : st.user(), "", 0, null));
    }

    private long serverId() {
        return services.variables().globalLong("server_id");
    }

    // --- threads (under control)

    /** A PROCESSLIST entry for a replica thread ({@code system user}, as MySQL shows them). */
    private Session threadSession() {
        long id = services.sessions().nextConnectionId();
        Session session = new Session(id, "system user", "", Account.internal("replica"), null,
                services.variables().newSession(), services.engine().openSession());
        services.sessions().add(session);
        return session;
    }

    private void endSession(Session session) {
        services.sessions().remove(session);
        try {
            session.engine().close();
        } catch (RuntimeException e) {
            log.debug("closing a replica thread's engine session", e);
        }
    }

    /** A factory whose threads end by removing their PROCESSLIST entry (and running {@code after}). */
    private ThreadFactory threadsEnding(String name, Session session, Runnable after) {
        return r -> services.threads().newThread(() -> {
            try {
                r.run();
            } finally {
                try {
                    if (after != null) after.run();
                } finally {
                    endSession(session);
                }
            }
        }, name);
    }

    private void startIo() {
        applyMaxRelayLogSize();
        Session session = threadSession();
        SourcePosition startAt = read;
        IoThread t = new IoThread(new IoThreadConfig(master.settings(), startAt, serverId(), relayLog,
                services.observers(), threadsEnding("minisqld-slave-io", session, this::persistRead),
                p -> read = p, session, services.variables().globalLong("slave_net_timeout")),
                services.port().getAsInt());
        io = t;
        t.start();
    }

    private void persistRead() {
        MasterInfo m = master;
        if (m == null || closed) return;
        try {
            SourcePosition p = read;
            tables.writeRead(p);
            master = m.withRead(p);
        } catch (RuntimeException e) {
            log.warn("Slave I/O for channel '': could not record the received position: {}", e.toString());
        }
    }

    private void stopIo() {
        IoThread t = io;
        if (t == null) return;
        try {
            t.stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void startSql(Applier applier) {
        Session session = threadSession();
        boolean logSlaveUpdates = services.variables().globalBool("log_slave_updates");
        session.variables().set("sql_log_bin", logSlaveUpdates);
        SystemVariables v = services.variables();
        long skip = v.globalLong("sql_slave_skip_counter");
        if (skip > 0) v.initGlobal("sql_slave_skip_counter", 0L);
        SqlThread[] holder = new SqlThread[1];
        SqlThread.Config config = new SqlThread.Config(relayLog, services.layer(), applier,
                services.engine(), session, this::serverId,
                () -> v.globalBool("log_bin") && logSlaveUpdates,
                () -> v.globalBool("relay_log_purge"),
                threadsEnding("minisqld-slave-sql", session, () -> relayInfo = holder[0].applied()));
        SqlThread t = new SqlThread(config, relayInfo, skip);
        holder[0] = t;
        sql = t;
        t.start();
    }

    private void stopSql() {
        SqlThread t = sql;
        if (t == null) return;
        t.requestStop();
        relayInfo = t.applied();
    }

    // --- SHOW SLAVE STATUS

    private static final List<String> NUMERIC = List.of("Master_Port", "Connect_Retry", "Read_Master_Log_Pos",
            "Relay_Log_Pos", "Last_Errno", "Skip_Counter", "Exec_Master_Log_Pos", "Relay_Log_Space", "Until_Log_Pos",
            "Seconds_Behind_Master", "Last_IO_Errno", "Last_SQL_Errno", "Master_Server_Id", "SQL_Delay",
            "SQL_Remaining_Delay", "Master_Retry_Count", "Auto_Position");

    /** MySQL 5.7's SHOW SLAVE STATUS columns, in order. */
    static final List<String> COLUMNS = List.of("Slave_IO_State", "Master_Host", "Master_User", "Master_Port",
            "Connect_Retry", "Master_Log_File", "Read_Master_Log_Pos", "Relay_Log_File", "Relay_Log_Pos",
            "Relay_Master_Log_File", "Slave_IO_Running", "Slave_SQL_Running", "Replicate_Do_DB",
            "Replicate_Ignore_DB", "Replicate_Do_Table", "Replicate_Ignore_Table", "Replicate_Wild_Do_Table",
            "Replicate_Wild_Ignore_Table", "Last_Errno", "Last_Error", "Skip_Counter", "Exec_Master_Log_Pos",
            "Relay_Log_Space", "Until_Condition", "Until_Log_File", "Until_Log_Pos", "Master_SSL_Allowed",
            "Master_SSL_CA_File", "Master_SSL_CA_Path", "Master_SSL_Cert", "Master_SSL_Cipher", "Master_SSL_Key",
            "Seconds_Behind_Master", "Master_SSL_Verify_Server_Cert", "Last_IO_Errno", "Last_IO_Error",
            "Last_SQL_Errno", "Last_SQL_Error", "Replicate_Ignore_Server_Ids", "Master_Server_Id", "Master_UUID",
            "Master_Info_File", "SQL_Delay", "SQL_Remaining_Delay", "Slave_SQL_Running_State", "Master_Retry_Count",
            "Master_Bind", "Last_IO_Error_Timestamp", "Last_SQL_Error_Timestamp", "Master_SSL_Crl",
            "Master_SSL_Crlpath", "Retrieved_Gtid_Set", "Executed_Gtid_Set", "Auto_Position", "Replicate_Rewrite_DB",
            "Channel_Name", "Master_TLS_Version");

    private static Column column(String name) {
        if (NUMERIC.contains(name)) {
            return new Column("", "", "", name, "", Column.BINARY_CHARSET, 20, ColumnType.LONGLONG,
                    Column.UNSIGNED | Column.NUM | Column.BINARY, 0);
        }
        return Column.text(name);
    }

    /** SHOW SLAVE STATUS: one row for a configured channel, none otherwise. */
    public RowsResult status() {
        List<Column> cols = new ArrayList<>();
        for (String c : COLUMNS) cols.add(column(c));
        MasterInfo m = master;
        if (m == null) return RowsResult.of(cols, List.of());
        IoThread ioThread = io;
        SqlThread sqlThread = sql;
        IoThreadStatus ios = ioThread == null ? null : ioThread.status();
        boolean ioOn = ioThread != null && ioThread.isAlive();
        boolean sqlOn = sqlThread != null && sqlThread.running();
        RelayLogInfo applied = sqlThread != null ? sqlThread.applied() : relayInfo;
        SourcePosition received = ios != null ? ios.read() : read;
        SqlThread.Failure sqlFailure = sqlThread == null ? null : sqlThread.failure();
        Long behind = null;
        if (sqlOn) {
            long b = sqlThread.secondsBehind();
            // MySQL: NULL once the SQL thread has caught up while the IO thread is not running
            behind = !ioOn && b == 0 ? null : b;
        }
        SourceSettings st = m.settings();
        List<Object> row = Arrays.asList(
                ioOn && ios != null ? ios.state() : "",
                st.host(), st.user(), (long) st.port(), (long) st.connectRetrySeconds(),
                received.file(), received.position(),
                applied.relay().file(), applied.relay().position(), applied.executed().file(),
                ios == null ? "No" : ios.running(), sqlOn ? "Yes" : "No",
                "", "", "", "", "", "",
                sqlFailure == null ? 0L : (long) sqlFailure.errno(), sqlFailure == null ? "" : sqlFailure.message(),
                services.variables().globalLong("sql_slave_skip_counter"),
                applied.executed().position(), relayLogSpace(),
                "None", "", 0L,
                "No", "", "", "", "", "",
                behind,
                "No",
                ios == null ? 0L : (long) ios.lastErrno(), ios == null ? "" : ios.lastError(),
                sqlFailure == null ? 0L : (long) sqlFailure.errno(), sqlFailure == null ? "" : sqlFailure.message(),
                "",
                ios == null ? 0L : ios.masterServerId(), "",
                "mysql.slave_master_info", 0L, null,
                sqlOn ? sqlThread.state() : "",
                st.retryCount(),
                "",
                ios == null ? "" : ios.lastErrorTimestamp(), sqlFailure == null ? "" : sqlFailure.timestamp(),
                "", "", "", "", 0L, "", "", "");
        return RowsResult.of(cols, List.of(row));
    }

    private long relayLogSpace() {
        long total = 0;
        for (String f : relayLog.files()) {
            try {
                total += services.layer().size(relayLog.path(f));
            } catch (IOException | RuntimeException e) {
                // a file purged meanwhile counts nothing
            }
        }
        return total;
    }

    // --- shutdown

    /** Server shutdown ("Shutting down slave threads"): stops both threads, then closes the relay log. */
    @Override
    public void close() {
        control.lock();
        try {
            stopIo();
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
        IoThread t = io;
        SqlThread s = sql;
        if (t != null) {
            try {
                t.stop();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (s != null) s.requestStop();
        try {
            relayLog.close();
        } catch (IOException e) {
            log.debug("closing the relay log after a simulated crash", e);
        }
    }
}
