package io.minisqld.semisync.master;

import io.minisqld.plugin.api.BasicPluginDeclaration;
import io.minisqld.plugin.api.ObserverRegistration;
import io.minisqld.plugin.api.PluginContext;
import io.minisqld.plugin.api.PluginLicense;
import io.minisqld.plugin.api.PluginType;
import io.minisqld.plugin.api.observer.ObserverFamily;
import io.minisqld.plugin.api.variables.StatusVariable;
import io.minisqld.plugin.api.variables.SystemVariable;
import io.minisqld.plugin.api.variables.VariableType;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The {@code rpl_semi_sync_master} plugin (MySQL 5.7's semisync_master.so, spec §6.1): declares
 * the variables and status variables of spec §4.1/§4.3 and, while installed, runs a
 * {@link SemiSyncMaster} fed by its observers and ack receiver.
 *
 * <p>Ack receiver: {@link ThreadPerReplicaAckReceiver} by default; {@link SingleThreadAckReceiver}
 * (MySQL's one {@code Ack_receiver} thread) with {@code -D}{@value #ACK_RECEIVER_PROPERTY}{@code =}{@value
 * #SINGLE_THREAD} on the server's JVM. Measured (docs/benchmarks.md, "Semisync ack receiver: one thread
 * vs one per replica", AFTER_SYNC, 1 and 3 in-process replicas, 1/4/16 clients, medians of 3–7
 * rounds): with three replicas the single thread's medians were about 20 % lower in commits/s and
 * higher in {@code tx_avg_wait_time} at 4 and 16 clients, a gap no larger than the noise of this shared
 * machine (with one replica, where both read identically, medians differed by up to 1.8×). So the single
 * thread measured no better; it can block on only one connection at a time (a reply on another waits up
 * to a slice), and it saves only parked threads, since the server already reads every
 * dump socket on a thread of its own. Hence one thread per replica stays the default.
 *
 * <p>Lifecycle fields are written by init/deinit (never concurrently, per the plugin API) and read
 * by variable callbacks and status reads, hence volatile.
 */
public final class SemiSyncMasterPlugin extends BasicPluginDeclaration {
    public static final String NAME = "rpl_semi_sync_master";
    static final String AFTER_SYNC = "AFTER_SYNC";
    static final String AFTER_COMMIT = "AFTER_COMMIT";
    /**
     * The JVM system property that chooses the ack receiver, read at init:
     * {@value #THREAD_PER_REPLICA} or {@value #SINGLE_THREAD}; unset or anything else gives the default.
     */
    public static final String ACK_RECEIVER_PROPERTY = "minisqld.semisync.ack_receiver";
    static final String THREAD_PER_REPLICA = "thread_per_replica";
    static final String SINGLE_THREAD = "single_thread";
    /** ULONG_MAX does not fit a Java long; the largest positive long is the nearest bound. */
    private static final long ULONG_MAX = Long.MAX_VALUE;

    private volatile SemiSyncMaster master;
    private volatile AckReceiver receiver;
    private volatile SemiSyncMasterObservers observers;
    private volatile PluginContext context;
    private volatile MasterLog log;
    private volatile boolean waitAfterCommit;

    public SemiSyncMasterPlugin() {
        super(NAME, PluginType.REPLICATION, "He Zhenxing", "Semi-synchronous replication master",
                PluginLicense.GPL, 0x0100);
    }

    @Override
    public List<SystemVariable> systemVariables() {
        return List.of(
                SystemVariable.global("enabled", new VariableType.BooleanType(), false)
                        .withComment("Whether commits wait for a replica's acknowledgement (OFF by default).")
                        .onUpdate(v -> setEnabled((Boolean) v)),
                SystemVariable.global("timeout", VariableType.IntegerType.of(0, ULONG_MAX), 10000L)
                        .withComment("How long, in milliseconds, a commit waits for an acknowledgement before semisync switches to asynchronous.")
                        .onUpdate(v -> ifRunning(m -> m.setTimeoutMillis((Long) v))),
                SystemVariable.global("trace_level", VariableType.IntegerType.of(0, ULONG_MAX), 32L)
                        .withComment("Bit mask of trace output: 1 general, 16 detail, 32 net wait, 64 function enter/exit.")
                        .onUpdate(v -> ifRunning(m -> m.setTraceLevel((Long) v))),
                SystemVariable.global("wait_for_slave_count", VariableType.IntegerType.of(1, 65535), 1L)
                        .withComment("How many replicas must acknowledge a transaction before its commit returns.")
                        .onUpdate(v -> ifRunning(m -> m.setWaitForSlaveCount(((Long) v).intValue()))),
                SystemVariable.global("wait_no_slave", new VariableType.BooleanType(), true)
                        .withComment("Whether semisync stays ON, waiting up to the timeout, when fewer replicas than required are connected.")
                        .onUpdate(v -> ifRunning(m -> m.setWaitNoSlave((Boolean) v))),
                SystemVariable.global("wait_point",
                                new VariableType.EnumType(List.of(AFTER_SYNC, AFTER_COMMIT)), AFTER_SYNC)
                        .withComment("Where commits wait for the acknowledgement: after the binlog sync (AFTER_SYNC) or after the engine commit (AFTER_COMMIT).")
                        .onUpdate(v -> waitAfterCommit = AFTER_COMMIT.equalsIgnoreCase((String) v)));
    }

    @Override
    public List<StatusVariable> statusVariables() {
        String p = "Rpl_semi_sync_master_";
        return List.of(
                StatusVariable.of(p + "clients", read(MasterStatus::clients)),
                StatusVariable.of(p + "net_avg_wait_time", read(MasterStatus::netAvgWaitTime)),
                StatusVariable.of(p + "net_wait_time", read(MasterStatus::netWaitTime)),
                StatusVariable.of(p + "net_waits", read(MasterStatus::netWaits)),
                StatusVariable.resettable(p + "no_times", read(MasterStatus::noTimes), this::flushStatus),
                StatusVariable.resettable(p + "no_tx", read(MasterStatus::noTx), this::flushStatus),
                StatusVariable.of(p + "status", () -> {
                    SemiSyncMaster m = master;
                    return m != null && m.status().status();
                }),
                StatusVariable.resettable(p + "timefunc_failures", read(MasterStatus::timefuncFailures),
                        this::flushStatus),
                StatusVariable.of(p + "tx_avg_wait_time", read(MasterStatus::txAvgWaitTime)),
                StatusVariable.of(p + "tx_wait_time", read(MasterStatus::txWaitTime)),
                StatusVariable.of(p + "tx_waits", read(MasterStatus::txWaits)),
                StatusVariable.resettable(p + "wait_pos_backtraverse", read(MasterStatus::waitPosBacktraverse),
                        this::flushStatus),
                StatusVariable.of(p + "wait_sessions", read(MasterStatus::waitSessions)),
                StatusVariable.resettable(p + "yes_tx", read(MasterStatus::yesTx), this::flushStatus));
    }

    @Override
    public void init(PluginContext context) {
        MasterLog log = new Slf4jMasterLog(LoggerFactory.getLogger(SemiSyncMasterPlugin.class));
        SemiSyncMaster master = new SemiSyncMaster(log,
                longVariable(context, "timeout", 10000L),
                (int) longVariable(context, "wait_for_slave_count", 1L),
                boolVariable(context, "wait_no_slave", true));
        master.setTraceLevel(longVariable(context, "trace_level", 32L));
        waitAfterCommit = context.variable(NAME + "_wait_point")
                .map(v -> AFTER_COMMIT.equalsIgnoreCase(String.valueOf(v))).orElse(false);
        AckReceiver receiver = ackReceiver(System.getProperty(ACK_RECEIVER_PROPERTY), master,
                context.threadFactory("ss_ack"), log);
        this.log = log;
        this.context = context;
        this.master = master;
        this.receiver = receiver;
        if (boolVariable(context, "enabled", false)) {
            master.enable();
            receiver.start();
        }
        SemiSyncMasterObservers observers =
                new SemiSyncMasterObservers(master, receiver, context, log, () -> waitAfterCommit);
        this.observers = observers;
        ObserverRegistration registration = context.observers();
        registration.register(ObserverFamily.TRANSACTION, observers);
        registration.register(ObserverFamily.BINLOG_STORAGE, observers);
        registration.register(ObserverFamily.BINLOG_TRANSMIT, observers);
        registration.register(ObserverFamily.SERVER_STATE, observers);
    }

    @Override
    public void deinit(PluginContext context) {
        SemiSyncMaster master = this.master;
        SemiSyncMasterObservers observers = this.observers;
        if (master == null) {
            return;
        }
        receiver.stop();
        // waiters hold the observer lists shared: release them before unregistering
        master.close();
        ObserverRegistration registration = context.observers();
        registration.unregister(ObserverFamily.TRANSACTION, observers);
        registration.unregister(ObserverFamily.BINLOG_STORAGE, observers);
        registration.unregister(ObserverFamily.BINLOG_TRANSMIT, observers);
        registration.unregister(ObserverFamily.SERVER_STATE, observers);
        log.note("unregister_replicator OK");
        this.master = null;
        this.receiver = null;
        this.observers = null;
        this.context = null;
        this.log = null;
    }

    @Override
    public Optional<String> uninstallBlocker() {
        SemiSyncMaster m = master;
        if (m != null && m.status().clients() > 0) {
            return Optional.of("Stop any active semisynchronous slaves of this master first.");
        }
        return Optional.empty();
    }

    /** The ack receiver {@code choice} (the value of {@link #ACK_RECEIVER_PROPERTY}, may be null) names. */
    static AckReceiver ackReceiver(String choice, SemiSyncMaster master, java.util.concurrent.ThreadFactory threads,
                                   MasterLog log) {
        if (SINGLE_THREAD.equalsIgnoreCase(choice)) {
            return new SingleThreadAckReceiver(master, threads, log);
        }
        return new ThreadPerReplicaAckReceiver(master, threads, log);
    }

    /** The running master, for tests in this package. */
    SemiSyncMaster master() {
        return master;
    }

    private void setEnabled(boolean on) {
        SemiSyncMaster m = master;
        AckReceiver r = receiver;
        if (m == null || r == null) {
            return;
        }
        if (on) {
            m.enable();
            r.start();
        } else {
            m.disable();
            r.stop();
        }
    }

    private void ifRunning(java.util.function.Consumer<SemiSyncMaster> action) {
        SemiSyncMaster m = master;
        if (m != null) {
            action.accept(m);
        }
    }

    private void flushStatus() {
        ifRunning(SemiSyncMaster::flushStatus);
    }

    private java.util.function.Supplier<Long> read(Function<MasterStatus, Long> field) {
        return () -> {
            SemiSyncMaster m = master;
            return m == null ? 0L : field.apply(m.status());
        };
    }

    private static long longVariable(PluginContext context, String name, long fallback) {
        return context.variable(NAME + "_" + name)
                .map(v -> v instanceof Number n ? n.longValue() : Long.parseLong(String.valueOf(v)))
                .orElse(fallback);
    }

    private static boolean boolVariable(PluginContext context, String name, boolean fallback) {
        return context.variable(NAME + "_" + name)
                .map(v -> v instanceof Boolean b ? b : "ON".equalsIgnoreCase(String.valueOf(v))
                        || "1".equals(String.valueOf(v)))
                .orElse(fallback);
    }
}
