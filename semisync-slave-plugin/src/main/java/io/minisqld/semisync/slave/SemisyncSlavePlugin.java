package io.minisqld.semisync.slave;

import io.minisqld.plugin.api.BasicPluginDeclaration;
import io.minisqld.plugin.api.PluginContext;
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
    static final long DEFAULT_TRACE_LEVEL = 32;

    private final List<SystemVariable> systemVariables;
    private final List<StatusVariable> statusVariables;

    /** The observer while initialised; null otherwise. */
    private volatile ReplicaSemiSync replica;

    SemisyncSlavePlugin() {
        super(NAME, PluginType.REPLICATION, "He Zhenxing", "Semi-synchronous replication slave", PluginLicense.GPL,
                0x0100);
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
        statusVariables = List.of(StatusVariable.of("Rpl_semi_sync_slave_status", () -> {
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
        boolean enabled = context.variable(NAME + "_enabled").map(Boolean.class::cast).orElse(false);
        long trace = context.variable(NAME + "_trace_level").map(Long.class::cast).orElse(DEFAULT_TRACE_LEVEL);
        ReplicaSemiSync r = new ReplicaSemiSync(enabled, trace);
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
