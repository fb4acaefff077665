package io.minisqld.server.replication.source;

import io.minisqld.server.auth.AccountStore;
import io.minisqld.server.grant.Privilege;
import io.minisqld.server.binlog.commit.BinlogService;
import io.minisqld.server.error.ErrorCode;
import io.minisqld.server.observer.ObserverRegistry;
import io.minisqld.server.result.RowsResult;
import io.minisqld.server.session.Session;
import io.minisqld.server.session.SessionManager;
import io.minisqld.server.wire.BinlogDumpCommand;
import io.minisqld.server.wire.RegisterSlaveCommand;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The source side of replication for one server: what COM_REGISTER_SLAVE and COM_BINLOG_DUMP do,
 * the registered replicas ({@code SHOW SLAVE HOSTS}), the running dump threads
 * (one per replica server id: a newer dump ends the older, MySQL's zombie handling), and a
 * watchdog that closes a dump connection whose write has been blocked longer than the dump
 * session's {@code net_write_timeout} (a replica that stopped reading).
 *
 * <p>Wiring: create it after the binlog and the accounts; the composition root registers the
 * two commands with the protocol and calls {@link #registerReplica} and {@link #dump} for them
 * (after {@link #requireReplicationSlave}); route {@code SHOW SLAVE HOSTS} to
 * {@link #showSlaveHosts}, and call {@link #close()} at shutdown before the binlog closes: it
 * ends every dump thread and waits for them.
 *
 * <p>Concurrency: {@code this} guards {@link #running}, {@link #byServerId}, {@link #closed} and
 * the watchdog's creation; it is never held while a dump runs or while calling hooks.
 */
public final class ReplicationSource implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ReplicationSource.class);
    private static final long WATCHDOG_PERIOD_MILLIS = 100;
    private static final long CLOSE_WAIT_MILLIS = 10_000;

    /**
     * What the source works with.
     *
     * @param binlog    the binary log, or a supplier of null when log_bin is off
     * @param serverId  this server's {@code server_id} (read at each dump, as MySQL does)
     * @param accounts  for the REPLICATION SLAVE privilege
     * @param observers the binlog transmit hooks
     * @param sessions  the live sessions (a registration lives as long as its connection)
     * @param threads   creates the watchdog and the plugin reader threads, with the server's log context
     */
    public record Services(Supplier<BinlogService> binlog, LongSupplier serverId, AccountStore accounts,
                           ObserverRegistry observers, SessionManager sessions, ThreadFactory threads) {
    }

    private final Services services;
    private final ReplicaRegistry replicas;
    private final Set<DumpThread> running = new LinkedHashSet<>();
    private final Map<Long, DumpThread> byServerId = new HashMap<>();
    private boolean closed;
    private ScheduledExecutorService watchdog;

    public ReplicationSource(Services services) {
        this.services = services;
        this.replicas = new ReplicaRegistry(id -> services.sessions().get(id).isPresent());
    }

    /** The replicas registered with COM_REGISTER_SLAVE. */
    public ReplicaRegistry replicas() {
        return replicas;
    }

    /** {@code SHOW SLAVE HOSTS} / {@code SHOW REPLICA HOSTS}: needs REPLICATION SLAVE, as in MySQL 5.7. */
    public RowsResult showSlaveHosts(Session session) {
        requireReplicationSlave(session);
        return replicas.showSlaveHosts();
    }

    /** A running dump, for tests and status: its connection id and the replica's server id. */
    public record RunningDump(long connectionId, long replicaServerId) {
    }

    /** The dumps running now, in start order. */
    public synchronized List<RunningDump> runningDumps() {
        List<RunningDump> out = new ArrayList<>();
        for (DumpThread d : running) out.add(new RunningDump(d.connectionId(), d.replicaServerId()));
        return out;
    }

    /**
     * Ends every dump (a waiting one within 100 ms; a blocked write by closing its connection) and
     * waits up to 10 seconds for them, so that none reads the binlog after it closes. Idempotent.
     */
    @Override
    public void close() {
        List<DumpThread> toStop;
        synchronized (this) {
            closed = true;
            toStop = List.copyOf(running);
        }
        for (DumpThread d : toStop) d.kill(DumpThread.KillReason.SHUTDOWN);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CLOSE_WAIT_MILLIS);
        synchronized (this) {
            while (!running.isEmpty()) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    log.warn("{} binlog dump threads did not end within {} ms", running.size(), CLOSE_WAIT_MILLIS);
                    break;
                }
                try {
                    wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            if (watchdog != null) watchdog.shutdownNow();
        }
    }

    /**
     * MySQL 5.7 asks for REPLICATION SLAVE before registering, dumping or listing replicas; for
     * the two commands before it even reads their packet.
     */
    public void requireReplicationSlave(Session session) {
        if (!services.accounts().hasGlobal(session.account(), Privilege.REPLICATION_SLAVE)) {
            throw ErrorCode.ER_SPECIFIC_ACCESS_DENIED_ERROR.error(Privilege.REPLICATION_SLAVE.grantName());
        }
    }

    /**
     * COM_REGISTER_SLAVE (protocol.md §2.1), as MySQL 5.7's {@code register_slave}: a master id
     * of 0 means this server, and the entry takes the connection's {@code @slave_uuid}; it lives
     * as long as the connection.
     */
    public void registerReplica(Session session, RegisterSlaveCommand command) {
        long masterId = command.masterId() == 0 ? serverId() : command.masterId();
        Object uuid = session.userVariables().get("slave_uuid");
        replicas.register(new RegisteredReplica(command.serverId(), command.reportHost(), command.reportUser(),
                command.reportPassword(), command.reportPort(), command.rank(), masterId, session.id(),
                uuid == null ? "" : uuid.toString()));
    }

    // --- for the dump threads of this package

    long serverId() {
        return services.serverId().getAsLong();
    }

    ObserverRegistry observers() {
        return services.observers();
    }

    ThreadFactory threads() {
        return services.threads();
    }

    /**
     * COM_BINLOG_DUMP (protocol.md §2.2): runs the dump on the calling (connection) thread until
     * it ends; the connection then closes, as MySQL's does.
     */
    public void dump(Session session, ReplicaLink link, BinlogDumpCommand request) {
        dump(session, link, request, null);
    }

    /**
     * As {@link #dump(Session, ReplicaLink, BinlogDumpCommand)}; with {@code replicaGtids}
     * (COM_BINLOG_DUMP_GTID) the dump starts where the first GTID the replica lacks may be and
     * leaves out the transactions it has (row-events B.8).
     */
    public void dump(Session session, ReplicaLink link, BinlogDumpCommand request,
                     io.minisqld.server.gtid.GtidSet replicaGtids) {
        DumpThread dump = new DumpThread(this, services.binlog().get(), session, link, request, replicaGtids);
        long serverId = request.serverId();
        DumpThread zombie;
        synchronized (this) {
            if (closed) throw ErrorCode.ER_SERVER_SHUTDOWN.error();
            running.add(dump);
            // mysqlbinlog's server id 0 never replaces anyone (5.7's kill_zombie_dump_threads)
            zombie = serverId == 0 ? null : byServerId.put(serverId, dump);
            startWatchdog();
        }
        if (zombie != null) {
            log.info("While initializing dump thread for slave with server_id <{}>, found a zombie dump thread with"
                    + " the same server_id. Master is killing the zombie dump thread({}).", serverId, zombie.connectionId());
            zombie.kill(DumpThread.KillReason.ZOMBIE);
        }
        try {
            dump.run();
        } finally {
            replicas.unregister(serverId, session.id());
            synchronized (this) {
                running.remove(dump);
                byServerId.remove(serverId, dump);
                notifyAll();
            }
        }
    }

    private void startWatchdog() {
        if (watchdog != null) return;
        watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = services.threads().newThread(r);
            t.setName("minisqld-dump-write-watchdog");
            t.setDaemon(true);
            return t;
        });
        watchdog.scheduleAtFixedRate(this::checkWrites, WATCHDOG_PERIOD_MILLIS, WATCHDOG_PERIOD_MILLIS,
                TimeUnit.MILLISECONDS);
    }

    private void checkWrites() {
        List<DumpThread> dumps;
        synchronized (this) {
            dumps = List.copyOf(running);
        }
        long now = System.nanoTime();
        for (DumpThread d : dumps) d.checkWriteTimeout(now);
    }
}
