package com.example.commitcounter;

import io.minisqld.plugin.api.BasicPluginDeclaration;
import io.minisqld.plugin.api.PluginContext;
import io.minisqld.plugin.api.PluginLicense;
import io.minisqld.plugin.api.PluginLog;
import io.minisqld.plugin.api.PluginType;
import io.minisqld.plugin.api.observer.ObserverFamily;
import io.minisqld.plugin.api.observer.TransactionContext;
import io.minisqld.plugin.api.observer.TransactionObserver;
import io.minisqld.plugin.api.observer.TransactionParam;
import io.minisqld.plugin.api.variables.StatusVariable;
import io.minisqld.plugin.api.variables.SystemVariable;
import io.minisqld.plugin.api.variables.VariableType;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * The commit_counter plugin: counts the committed transactions written to the binary log, and
 * notes in the error log who committed which statements.
 */
class CommitCounter extends BasicPluginDeclaration {
    private final LongAdder commits = new LongAdder();
    private volatile boolean enabled = true;
    private volatile PluginLog log;

    private final TransactionObserver observer = new TransactionObserver() {
        @Override
        public void afterCommit(TransactionParam param) {
            // logged(): the transaction wrote to the binlog (read-only ones did not)
            if (!enabled || !param.logged()) return;
            commits.increment();
            TransactionContext tx = param.context();
            log.note("commit by " + tx.user() + "@" + tx.host() + ": " + String.join("; ", tx.statements()));
        }
    };

    CommitCounter() {
        super("commit_counter", PluginType.AUDIT, "Example Inc.", "Counts binlogged transactions",
                PluginLicense.GPL, 0x0100);
    }

    @Override
    public List<SystemVariable> systemVariables() {
        return List.of(SystemVariable.global("enabled", new VariableType.BooleanType(), true)
                .withComment("Count commits")
                .onUpdate(value -> enabled = (Boolean) value));
    }

    @Override
    public List<StatusVariable> statusVariables() {
        return List.of(StatusVariable.resettable("Commit_counter_commits", commits::sum, commits::reset));
    }

    @Override
    public void init(PluginContext context) {
        // the variable already holds any value from the command line or an option file
        enabled = context.variable("commit_counter_enabled").map(Boolean.class::cast).orElse(true);
        log = context.log();
        context.observers().register(ObserverFamily.TRANSACTION, observer);
    }

    @Override
    public void deinit(PluginContext context) {
        context.observers().unregister(ObserverFamily.TRANSACTION, observer);
    }
}
