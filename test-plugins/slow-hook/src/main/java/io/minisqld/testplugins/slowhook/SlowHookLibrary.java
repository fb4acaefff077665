package io.minisqld.testplugins.slowhook;

import io.minisqld.plugin.api.BasicPluginDeclaration;
import io.minisqld.plugin.api.MinisqldPlugin;
import io.minisqld.plugin.api.PluginContext;
import io.minisqld.plugin.api.PluginDeclaration;
import io.minisqld.plugin.api.PluginLicense;
import io.minisqld.plugin.api.PluginType;
import io.minisqld.plugin.api.observer.ObserverFamily;
import io.minisqld.plugin.api.observer.TransactionObserver;
import io.minisqld.plugin.api.observer.TransactionParam;
import io.minisqld.plugin.api.variables.StatusVariable;
import io.minisqld.plugin.api.variables.SystemVariable;
import io.minisqld.plugin.api.variables.VariableType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The {@code test_slow_hook.jar} library: {@code test_slow_hook}'s after_commit holds commits of
 * the connection whose id is {@code test_slow_hook_hold_connection} inside the plugin while the
 * file named by {@code test_slow_hook_gate} exists, so a test can UNINSTALL it while it is in use
 * (warning 1620, status DELETED). Other sessions' commits (the test's own statements commit too)
 * pass. A file rather than a variable opens the gate because the plugin's variables are gone
 * (1193) once it is DELETED. On entering the wait it creates {@code <gate>.entered}; it never
 * waits longer than 60 seconds, so a failing test cannot hang the build.
 */
public final class SlowHookLibrary extends MinisqldPlugin {
    @Override
    public List<PluginDeclaration> declarations() {
        return List.of(new SlowHook());
    }

    private static final class SlowHook extends BasicPluginDeclaration {
        private volatile String gate = "";
        private volatile long holdConnection;
        private final AtomicLong commits = new AtomicLong();
        private final TransactionObserver observer = new TransactionObserver() {
            @Override
            public void afterCommit(TransactionParam param) {
                String g = gate;
                if (param.threadId() == holdConnection && !g.isEmpty() && Files.exists(Path.of(g))) {
                    waitAtGate(Path.of(g));
                }
                commits.incrementAndGet();
            }
        };

        SlowHook() {
            super("test_slow_hook", PluginType.REPLICATION, "minisqld tests", "Holds commits while a gate file exists",
                    PluginLicense.GPL, 0x0100);
        }

        private static void waitAtGate(Path gateFile) {
            try {
                Files.writeString(gateFile.resolveSibling(gateFile.getFileName() + ".entered"), "");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (Files.exists(gateFile) && System.nanoTime() < deadline) {
                LockSupport.parkNanos(5_000_000L);
            }
        }

        @Override
        public List<SystemVariable> systemVariables() {
            return List.of(SystemVariable.global("gate", new VariableType.StringType(), "")
                            .onUpdate(value -> gate = value == null ? "" : (String) value),
                    SystemVariable.global("hold_connection", VariableType.IntegerType.of(0, Long.MAX_VALUE), 0L)
                            .onUpdate(value -> holdConnection = (Long) value));
        }

        @Override
        public List<StatusVariable> statusVariables() {
            return List.of(StatusVariable.of("Test_slow_hook_commits", commits::get));
        }

        @Override
        public void init(PluginContext context) {
            context.observers().register(ObserverFamily.TRANSACTION, observer);
        }

        @Override
        public void deinit(PluginContext context) {
            context.observers().unregister(ObserverFamily.TRANSACTION, observer);
        }
    }
}
