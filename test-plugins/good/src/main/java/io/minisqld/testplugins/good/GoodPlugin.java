package io.minisqld.testplugins.good;

import io.minisqld.plugin.api.BasicPluginDeclaration;
import io.minisqld.plugin.api.PluginContext;
import io.minisqld.plugin.api.PluginLicense;
import io.minisqld.plugin.api.PluginType;
import io.minisqld.plugin.api.observer.ObserverFamily;
import io.minisqld.plugin.api.observer.TransactionObserver;
import io.minisqld.plugin.api.observer.TransactionParam;
import io.minisqld.plugin.api.variables.StatusVariable;
import io.minisqld.plugin.api.variables.SystemVariable;
import io.minisqld.plugin.api.variables.VariableType;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code test_good}: a transaction observer counting commits into {@code Test_good_commits}, and
 * one system variable of each common type: {@code flag} (BOOL, OFF), {@code limit} (INT 1..100,
 * 10) and {@code mode} (ENUM FAST/SAFE/PARANOID, FAST). The update callback of {@code flag} counts
 * SET GLOBALs into {@code Test_good_flag_updates}; tests also use it to reach this library's class
 * loader (the callback's class is defined by it).
 */
final class GoodPlugin extends BasicPluginDeclaration {
    private final AtomicLong commits = new AtomicLong();
    private final AtomicLong flagUpdates = new AtomicLong();
    private final TransactionObserver counter = new TransactionObserver() {
        @Override
        public void afterCommit(TransactionParam param) {
            commits.incrementAndGet();
        }
    };

    GoodPlugin() {
        super("test_good", PluginType.REPLICATION, "minisqld tests", "Counts committed transactions", PluginLicense.GPL,
                0x0100);
    }

    @Override
    public List<SystemVariable> systemVariables() {
        return List.of(
                SystemVariable.global("flag", new VariableType.BooleanType(), false)
                        .withComment("A switch that does nothing")
                        .onUpdate(value -> flagUpdates.incrementAndGet()),
                SystemVariable.global("limit", VariableType.IntegerType.of(1, 100), 10L)
                        .withComment("A number between 1 and 100"),
                SystemVariable.global("mode", new VariableType.EnumType(List.of("FAST", "SAFE", "PARANOID")), "FAST")
                        .withComment("One of FAST, SAFE, PARANOID"));
    }

    @Override
    public List<StatusVariable> statusVariables() {
        return List.of(StatusVariable.of("Test_good_commits", commits::get),
                StatusVariable.of("Test_good_flag_updates", flagUpdates::get));
    }

    @Override
    public void init(PluginContext context) {
        context.observers().register(ObserverFamily.TRANSACTION, counter);
        context.log().note("counting commits, limit " + context.variable("test_good_limit").orElse("?"));
    }

    @Override
    public void deinit(PluginContext context) {
        context.observers().unregister(ObserverFamily.TRANSACTION, counter);
    }
}
