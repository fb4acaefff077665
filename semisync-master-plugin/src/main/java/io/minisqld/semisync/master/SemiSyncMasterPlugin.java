package io.minisqld.semisync.master;

import io.minisqld.plugin.api.BasicPluginDeclaration;
import io.minisqld.plugin.api.ObserverRegistration;
import io.minisqld.plugin.api.PluginContext;
import io.minisqld.plugin.api.PluginRefusal;
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
    /** MySQL 8.0.26's name of the same plugin (semisync_source.so), with "source" / "replica" names. */
    public static final String SOURCE_NAME = "rpl_semi_sync_source";
    /** MySQL's ER_INSTALL_PLUGIN_CONFLICT_CLIENT. */
    static final int INSTALL_PLUGIN_CONFLICT = 4045;
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
    /** True for rpl_semi_sync_source: its variables and status say source / replica. */
    private final boolean sourceNames;
    private final String name;

    /** MySQL 5.7's rpl_semi_sync_master. */
    public SemiSyncMasterPlugin() {
        this(false);
    }

    /** @param sourceNames true for MySQL 8.0.26's rpl_semi_sync_source, false for rpl_semi_sync_master */
    public SemiSyncMasterPlugin(boolean sourceNames) {
        super(sourceNames ? SOURCE_NAME : NAME, PluginType.REPLICATION, "He Zhenxing",
                sourceNames ? "Source-side semi-synchronous replication." : "Semi-synchronous replication master",
                PluginLicense.GPL, 0x0100);
        this.sourceNames = sourceNames;
        this.name = sourceNames ? SOURCE_NAME : NAME;
    }

    /** A variable's suffix in this generation's words: slave becomes replica in 8.0's names. */
    private String word(String suffix) {
        return sourceNames ? suffix.replace("slave", "replica") : suffix;
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
                SystemVariable.global(word("wait_for_slave_count"), VariableType.IntegerType.of(1, 65535), 1L)
                        .withComment("How many replicas must acknowledge a transaction before its commit returns.")
                        .onUpdate(v -> ifRunning(m -> m.setWaitForSlaveCount(((Long) v).intValue()))),
                SystemVariable.global(word("wait_no_slave"), new VariableType.BooleanType(), true)
                        .withComment("Whether semisync stays ON, waiting up to the timeout, when fewer replicas than required are connected.")
                        .onUpdate(v -> ifRunning(m -> m.setWaitNoSlave((Boolean) v))),
                SystemVariable.global("wait_point",
                                new VariableType.EnumType(List.of(AFTER_SYNC, AFTER_COMMIT)), AFTER_SYNC)
                        .withComment("Where commits wait for the acknowledgement: after the binlog sync (AFTER_SYNC) or after the engine commit (AFTER_COMMIT).")
                        .onUpdate(v -> waitAfterCommit = AFTER_COMMIT.equalsIgnoreCase((String) v)));
    }

    @Override
    public List<StatusVariable> statusVariables() {
        String p = sourceNames ? "Rpl_semi_sync_source_" : "Rpl_semi_sync_master_";
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
        // two semisync plugins of one side would both wait and acknowledge: MySQL refuses the second
        String other = sourceNames ? NAME : SOURCE_NAME;
        if (context.variable(other + "_enabled").isPresent()) {
            throw new PluginRefusal(INSTALL_PLUGIN_CONFLICT, "HY000", "Cannot install the " + name
                    + " plugin when the " + other + " plugin is installed.");
        }
        MasterLog log = new Slf4jMasterLog(LoggerFactory.getLogger(SemiSyncMasterPlugin.class));
        SemiSyncMaster master = new SemiSyncMaster(log,
                longVariable(context, "timeout", 10000L),
                (int) longVariable(context, word("wait_for_slave_count"), 1L),
                boolVariable(context, word("wait_no_slave"), true));
        master.setTraceLevel(longVariable(context, "trace_level", 32L));
        waitAfterCommit = context.variable(name + "_wait_point")
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

    private long longVariable(PluginContext context, String variable, long fallback) {
        return context.variable(name + "_" + variable)
                .map(v -> v instanceof Number n ? n.longValue() : Long.parseLong(String.valueOf(v)))
                .orElse(fallback);
    }

    private boolean boolVariable(PluginContext context, String variable, boolean fallback) {
        return context.variable(name + "_" + variable)
                .map(v -> v instanceof Boolean b ? b : "ON".equalsIgnoreCase(String.valueOf(v))
                        || "1".equals(String.valueOf(v)))
                .orElse(fallback);
    }
}
