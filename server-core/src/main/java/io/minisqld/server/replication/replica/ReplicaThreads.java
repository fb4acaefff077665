package io.minisqld.server.replication.replica;

import io.minisqld.plugin.api.LogPosition;
import io.minisqld.server.auth.Account;
import io.minisqld.server.session.Session;
import io.minisqld.server.variables.SystemVariables;

import java.util.concurrent.ThreadFactory;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The channel's IO and SQL threads: each started with a PROCESSLIST entry of its own
 * ({@code system user}, as MySQL shows them) that goes when the thread ends, stopped on request,
 * and kept after they end so that SHOW SLAVE STATUS can still show their last state and error.
 *
 * <p>Concurrency: starting and stopping run under the channel's control lock (the caller's); the
 * thread references are volatile so that SHOW SLAVE STATUS reads them without it.
 */
final class ReplicaThreads {
    private static final Logger log = LoggerFactory.getLogger(ReplicaThreads.class);

    private final ReplicaService.Services services;
    private final RelayLog relayLog;
    private volatile IoThread io;
    private volatile SqlThread sql;
    private final AppliedPositionWaits waits = new AppliedPositionWaits();

    private final TransactionRetries retries;

    ReplicaThreads(ReplicaService.Services services, RelayLog relayLog) {
        this.services = services;
        this.relayLog = relayLog;
        this.retries = new TransactionRetries(() -> services.variables().globalLong("slave_transaction_retries"));
    }

    /** Slave_retried_transactions. */
    long retriedTransactions() {
        return retries.retried();
    }

    /** The IO thread of the last START SLAVE, running or ended; null when none since. */
    IoThread io() {
        return io;
    }

    /** The SQL thread of the last START SLAVE, running or ended; null when none since. */
    SqlThread sql() {
        return sql;
    }

    boolean ioRunning() {
        IoThread t = io;
        return t != null && t.isAlive();
    }

    boolean sqlRunning() {
        SqlThread t = sql;
        // a thread that failed is ending (SHOW SLAVE STATUS shows it stopped already): START SLAVE
        // right after waits for its end, rather than take it for running and start none
        if (t != null && t.failure() != null) t.awaitEnd();
        return t != null && t.running();
    }

    /**
     * MASTER_POS_WAIT: waits until the SQL thread applied the source's events up to {@code target}.
     *
     * @param timeoutNanos 0 or less: no timeout
     */
    AppliedPositionWaits.Outcome awaitApplied(LogPosition target, long timeoutNanos, java.util.function.BooleanSupplier killed)
            throws InterruptedException {
        SqlThread t = sql;
        if (t == null) return new AppliedPositionWaits.Outcome.NotRunning();
        return waits.await(target, timeoutNanos, () -> t.applied().executed(), () -> t.running() && sql == t, killed);
    }

    /** A new configuration starts without the previous threads' errors: forgets the stopped ones. */
    void forgetStopped() {
        if (!ioRunning()) io = null;
        if (!sqlRunning()) sql = null;
    }

    /**
     * Starts the IO thread fetching from {@code startAt}.
     *
     * @param onSynced told each source position the relay log is durable up to
     * @param onExit   run on the IO thread as it ends
     */
    void startIo(MasterInfo master, LogPosition startAt, Consumer<LogPosition> onSynced, Runnable onExit) {
        Session session = threadSession();
        IoThread t = new IoThread(new IoThreadConfig(master.settings(), startAt, serverId(), relayLog,
                services.observers(), threadsEnding("minisqld-slave-io", session, onExit), onSynced, session,
                services.variables().globalLong("slave_net_timeout"), services.gtids()),
                ReportedIdentity.of(services.variables(), services.port().getAsInt()));
        io = t;
        t.start();
    }

    /** STOP SLAVE IO_THREAD: returns once the thread ended. */
    void stopIo() {
        IoThread t = io;
        if (t == null) return;
        try {
            t.stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Starts the SQL thread applying from {@code from} through {@code applier}; the session binlogs
     * what it applies when log_slave_updates is on, and sql_slave_skip_counter is consumed.
     *
     * @param onExit told, on the SQL thread as it ends, the position it applied up to
     */
    void startSql(RelayLogInfo from, Applier applier, Consumer<RelayLogInfo> onExit) {
        Session session = threadSession();
        SystemVariables v = services.variables();
        boolean logSlaveUpdates = v.globalBool("log_slave_updates");
        session.variables().set("sql_log_bin", logSlaveUpdates);
        long skip = v.globalLong("sql_slave_skip_counter");
        if (skip > 0) v.initGlobal("sql_slave_skip_counter", 0L);
        SqlThread[] holder = new SqlThread[1];
        // C.1: slave_parallel_workers and slave_parallel_type are read as the SQL thread starts
        int workers = (int) v.globalLong("slave_parallel_workers");
        ParallelApply.Settings parallel = workers == 0 ? null : new ParallelApply.Settings(workers,
                "DATABASE".equalsIgnoreCase(v.globalString("slave_parallel_type")), () -> {
                    Session worker = threadSession();
                    worker.variables().set("sql_log_bin", logSlaveUpdates);
                    return worker;
                }, this::endSession, services.threads());
        SqlThread.Config config = new SqlThread.Config(relayLog, services.layer(), applier,
                services.engine(), session, this::serverId,
                () -> v.globalBool("log_bin") && logSlaveUpdates,
                () -> v.globalBool("relay_log_purge"),
                threadsEnding("minisqld-slave-sql", session, () -> {
                    onExit.accept(holder[0].applied());
                    waits.advanced(false);
                }), waits, services.gtids(), parallel, retries);
        SqlThread t = new SqlThread(config, from, skip);
        holder[0] = t;
        sql = t;
        t.start();
    }

    /**
     * STOP SLAVE SQL_THREAD: the thread ends between groups.
     *
     * @return the position it applied up to, or null when no SQL thread was started
     */
    RelayLogInfo stopSql() {
        SqlThread t = sql;
        if (t == null) return null;
        t.requestStop();
        return t.applied();
    }

    /** A simulated crash (tests): both threads stop without waiting for the SQL thread's group. */
    void abort() {
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
    }

    private long serverId() {
        return services.variables().globalLong("server_id");
    }

    /** A PROCESSLIST entry for a replica thread ({@code system user}, as MySQL shows them). */
    private Session threadSession() {
        long id = services.sessions().nextConnectionId();
        Session session = new Session(id, "system user", "", Account.internal("replica"), null,
                services.variables().newSession(), services.engine().openSession());
        // the replication threads wait for row locks as long as innodb_lock_wait_timeout says (it
        // was the engine's default, 50 s, whatever the setting)
        session.engine().setLockWaitTimeout(session.variables().longValue("innodb_lock_wait_timeout"));
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
}
