package io.minisqld.testplugins.deinitfails;

import io.minisqld.plugin.api.BasicPluginDeclaration;
import io.minisqld.plugin.api.MinisqldPlugin;
import io.minisqld.plugin.api.PluginContext;
import io.minisqld.plugin.api.PluginDeclaration;
import io.minisqld.plugin.api.PluginLicense;
import io.minisqld.plugin.api.PluginType;
import io.minisqld.plugin.api.observer.ObserverFamily;
import io.minisqld.plugin.api.observer.TransactionObserver;
import io.minisqld.plugin.api.variables.SystemVariable;
import io.minisqld.plugin.api.variables.VariableType;
import java.util.List;

/**
 * The {@code test_deinit_fails.jar} library: {@code test_deinit_fails} registers an observer and a
 * variable and its deinit throws without unregistering anything: UNINSTALL must still succeed
 * (MySQL logs a failed deinit and goes on) and the server must remove what the plugin left.
 */
public final class DeinitFailsLibrary extends MinisqldPlugin {
    @Override
    public List<PluginDeclaration> declarations() {
        return List.of(new BasicPluginDeclaration("test_deinit_fails", PluginType.DAEMON, "minisqld tests",
                "Fails to stop", PluginLicense.GPL, 0x0100) {
            private final TransactionObserver observer = new TransactionObserver() { };

            @Override
            public List<SystemVariable> systemVariables() {
                return List.of(SystemVariable.global("level", VariableType.IntegerType.of(0, 9), 3L));
            }

            @Override
            public void init(PluginContext context) {
                context.observers().register(ObserverFamily.TRANSACTION, observer);
            }

            @Override
            public void deinit(PluginContext context) {
                throw new IllegalStateException("test_deinit_fails refuses to stop");
            }
        });
    }
}
