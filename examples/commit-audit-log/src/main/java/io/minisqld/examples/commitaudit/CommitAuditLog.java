package io.minisqld.examples.commitaudit;

import io.minisqld.plugin.api.BasicPluginDeclaration;
import io.minisqld.plugin.api.PluginContext;
import io.minisqld.plugin.api.PluginLicense;
import io.minisqld.plugin.api.PluginType;
import io.minisqld.plugin.api.observer.ObserverFamily;
import io.minisqld.plugin.api.variables.StatusVariable;
import io.minisqld.plugin.api.variables.SystemVariable;
import io.minisqld.plugin.api.variables.VariableType;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * The {@code commit_audit_log} plugin: the glue between the server and {@link AuditFile}. It
 * declares the variables, and in {@link #init} opens the file and registers a
 * {@link CommitObserver}; {@link #deinit} undoes both.
 *
 * <p>Variables, as the server names them ({@code <plugin>_<name>}):
 * <ul>
 *   <li>{@code commit_audit_log_enabled}: BOOL, dynamic, default ON; OFF stops new lines;</li>
 *   <li>{@code commit_audit_log_file}: STRING, read-only, default {@code commit_audit.log}; a
 *       relative path is resolved against the datadir;</li>
 *   <li>status {@code Commit_audit_log_events_written}: lines written since the plugin was
 *       initialised or the last FLUSH STATUS.</li>
 * </ul>
 *
 * <p>One instance per loaded library; init and deinit run on the thread doing INSTALL, UNINSTALL,
 * start-up or shutdown, never concurrently (the server's rule), so {@link #running} needs only to
 * be visible to the threads reading it.
 */
final class CommitAuditLog extends BasicPluginDeclaration {
    static final String NAME = "commit_audit_log";

    private final LongAdder eventsWritten = new LongAdder();
    private final List<SystemVariable> systemVariables;
    private final List<StatusVariable> statusVariables;

    /** What init started and deinit stops; null while the plugin is not initialised. */
    private volatile Running running;

    private final UserCommits userCommits;

    CommitAuditLog(UserCommits userCommits) {
        super(NAME, PluginType.AUDIT, "minisqld", "Writes one line per committed transaction", PluginLicense.GPL, 0x0100);
        this.userCommits = userCommits;
        systemVariables = List.of(
                SystemVariable.global("enabled", new VariableType.BooleanType(), true)
                        .withComment("Write a line for each committed transaction")
                        .onUpdate(value -> {
                            Running r = running;
                            if (r != null) r.observer().setEnabled((Boolean) value);
                        }),
                SystemVariable.readOnly("file", new VariableType.StringType(), "commit_audit.log")
                        .withComment("The audit file; a relative path is relative to the datadir"));
        statusVariables = List.of(StatusVariable.resettable("Commit_audit_log_events_written",
                eventsWritten::sum, eventsWritten::reset));
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
    public void init(PluginContext context) throws IOException {
        // the server has already applied option-file and command-line values to our variables
        boolean enabled = context.variable(NAME + "_enabled").map(Boolean.class::cast).orElse(true);
        String file = context.variable(NAME + "_file").map(String.class::cast).orElse("commit_audit.log");
        Path path = context.server().datadir().resolve(file);
        AuditFile audit = AuditFile.open(path);
        eventsWritten.reset();
        userCommits.clear();
        CommitObserver observer = new CommitObserver(audit, Clock.systemUTC(), eventsWritten, enabled, userCommits);
        try {
            context.observers().register(ObserverFamily.TRANSACTION, observer);
        } catch (RuntimeException e) {
            audit.close();
            throw e;
        }
        running = new Running(audit, observer);
    }

    @Override
    public void deinit(PluginContext context) throws IOException {
        Running r = running;
        if (r == null) return;
        // unregistering waits for hooks in progress, so no commit is inside append() when we close
        context.observers().unregister(ObserverFamily.TRANSACTION, r.observer());
        running = null;
        r.audit().close();
    }

    private record Running(AuditFile audit, CommitObserver observer) {
    }
}
