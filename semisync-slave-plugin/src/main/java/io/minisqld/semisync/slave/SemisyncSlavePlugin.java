package io.minisqld.semisync.slave;

import io.minisqld.plugin.api.BasicPluginDeclaration;
import io.minisqld.plugin.api.PluginContext;
import io.minisqld.plugin.api.PluginRefusal;
import io.minisqld.plugin.api.PluginLicense;
import io.minisqld.plugin.api.PluginType;
import io.minisqld.plugin.api.observer.ObserverFamily;
import io.minisqld.plugin.api.variables.StatusVariable;
import io.minisqld.plugin.api.variables.SystemVariable;
import io.minisqld.plugin.api.variables.VariableType;
import java.util.List;
import java.util.Optional;

/**
 * The {@code rpl_semi_sync_slave} plugin's glue (MySQL 5.7's {@code semisync_slave_plugin.cc},
 * spec semisync.md §3, §4.2, §4.4, §6): its variables, and in {@link #init} one
 * {@link ReplicaSemiSync} registered as a relay IO observer.
 *
 * <ul>
 *   <li>{@code rpl_semi_sync_slave_enabled}: BOOL, global, dynamic, default OFF;</li>
 *   <li>{@code rpl_semi_sync_slave_trace_level}: integer, global, dynamic, default 32;</li>
 *   <li>status {@code Rpl_semi_sync_slave_status}: ON while the IO thread runs semisync.</li>
 * </ul>
 *
 * <p>init, deinit and {@link #uninstallBlocker} run on the thread doing INSTALL, UNINSTALL,
 * start-up or shutdown, never concurrently; {@link #replica} is volatile for the sessions that
 * read the status or set the variables meanwhile.
 */
final class SemisyncSlavePlugin extends BasicPluginDeclaration {
    static final String NAME = "rpl_semi_sync_slave";
    /** MySQL 8.0.26's name of the same plugin (semisync_replica.so). */
    static final String REPLICA_NAME = "rpl_semi_sync_replica";
    static final long DEFAULT_TRACE_LEVEL = 32;

    private final List<SystemVariable> systemVariables;
    private final List<StatusVariable> statusVariables;

    /** The observer while initialised; null otherwise. */
    private volatile ReplicaSemiSync replica;
    private final String name;
    private final String other;

    /** MySQL 5.7's rpl_semi_sync_slave. */
    SemisyncSlavePlugin() {
        this(false);
    }

    /** @param replicaNames true for MySQL 8.0.26's rpl_semi_sync_replica (Rpl_semi_sync_replica_status) */
    SemisyncSlavePlugin(boolean replicaNames) {
        super(replicaNames ? REPLICA_NAME : NAME, PluginType.REPLICATION, "He Zhenxing",
                replicaNames ? "Replica-side semi-synchronous replication." : "Semi-synchronous replication slave",
                PluginLicense.GPL, 0x0100);
        this.name = replicaNames ? REPLICA_NAME : NAME;
        this.other = replicaNames ? NAME : REPLICA_NAME;
        systemVariables = List.of(
                SystemVariable.global("enabled", new VariableType.BooleanType(), false)
                        .withComment("Enable semi-synchronous replication slave (disabled by default). ")
                        .onUpdate(value -> {
                            ReplicaSemiSync r = replica;
                            if (r != null) r.setEnabled((Boolean) value);
                        }),
                // MySQL's range is 0 .. ULONG_MAX; a Java long stops at 2^63-1
                SystemVariable.global("trace_level", VariableType.IntegerType.of(0, Long.MAX_VALUE), DEFAULT_TRACE_LEVEL)
                        .withComment("The tracing level for semi-sync replication.")
                        .onUpdate(value -> {
                            ReplicaSemiSync r = replica;
                            if (r != null) r.setTraceLevel((Long) value);
                        }));
        statusVariables = List.of(StatusVariable.of(replicaNames ? "Rpl_semi_sync_replica_status"
                : "Rpl_semi_sync_slave_status", () -> {
            ReplicaSemiSync r = replica;
            return r != null && r.status();
        }));
    }

    @Override
    public List<SystemVariable> systemVariables() {
        return systemVariables;
    }

    @Override
    public List<StatusVariable> statusVariables() {
        return statusVariables;
    }

    @Override
    public void init(PluginContext context) {
        // two semisync plugins of one side would both acknowledge: MySQL refuses the second (4045)
        if (context.variable(other + "_enabled").isPresent()) {
            throw new PluginRefusal(4045, "HY000", "Cannot install the " + name + " plugin when the " + other
                    + " plugin is installed.");
        }
        boolean enabled = context.variable(name + "_enabled").map(Boolean.class::cast).orElse(false);
        long trace = context.variable(name + "_trace_level").map(Long.class::cast).orElse(DEFAULT_TRACE_LEVEL);
        ReplicaSemiSync r = new ReplicaSemiSync(enabled, trace, name.equals(REPLICA_NAME));
        context.observers().register(ObserverFamily.BINLOG_RELAY_IO, r);
        replica = r;
    }

    @Override
    public void deinit(PluginContext context) {
        ReplicaSemiSync r = replica;
        if (r == null) return;
        context.observers().unregister(ObserverFamily.BINLOG_RELAY_IO, r);
        replica = null;
    }

    /** MySQL 5.7 refuses UNINSTALL while {@code Rpl_semi_sync_slave_status} is ON (§6.2). */
    @Override
    public Optional<String> uninstallBlocker() {
        ReplicaSemiSync r = replica;
        if (r != null && r.status()) {
            return Optional.of("Stop any active semisynchronous I/O threads on this slave first.");
        }
        return Optional.empty();
    }
}
