package io.minisqld.testplugins.initfails;

import io.minisqld.plugin.api.BasicPluginDeclaration;
import io.minisqld.plugin.api.MinisqldPlugin;
import io.minisqld.plugin.api.PluginContext;
import io.minisqld.plugin.api.PluginDeclaration;
import io.minisqld.plugin.api.PluginLicense;
import io.minisqld.plugin.api.PluginType;
import io.minisqld.plugin.api.observer.ObserverFamily;
import io.minisqld.plugin.api.observer.TransactionObserver;
import io.minisqld.plugin.api.variables.StatusVariable;
import io.minisqld.plugin.api.variables.SystemVariable;
import io.minisqld.plugin.api.variables.VariableType;
import java.util.List;

/**
 * The {@code test_init_fails.jar} library: {@code test_init_fails}, whose init registers an
 * observer and then throws (ERROR 1123; the server must undo the registration, its variable
 * {@code test_init_fails_level} and status {@code Test_init_fails_calls}), and
 * {@code test_init_ok}, a working plugin of the same library.
 */
public final class InitFailsLibrary extends MinisqldPlugin {
    @Override
    public List<PluginDeclaration> declarations() {
        return List.of(new Failing(), new Working());
    }

    private static final class Failing extends BasicPluginDeclaration {
        private final TransactionObserver observer = new TransactionObserver() { };

        Failing() {
            super("test_init_fails", PluginType.DAEMON, "minisqld tests", "Refuses to start", PluginLicense.GPL, 0x0100);
        }

        @Override
        public List<SystemVariable> systemVariables() {
            return List.of(SystemVariable.global("level", VariableType.IntegerType.of(0, 9), 3L));
        }

        @Override
        public List<StatusVariable> statusVariables() {
            return List.of(StatusVariable.of("Test_init_fails_calls", () -> 0L));
        }

        @Override
        public void init(PluginContext context) throws Exception {
            context.observers().register(ObserverFamily.TRANSACTION, observer);
            throw new IllegalStateException("test_init_fails refuses to start");
        }
    }

    private static final class Working extends BasicPluginDeclaration {
        Working() {
            super("test_init_ok", PluginType.DAEMON, "minisqld tests", "Starts", PluginLicense.GPL, 0x0100);
        }

        @Override
        public List<StatusVariable> statusVariables() {
            return List.of(StatusVariable.of("Test_init_ok_running", () -> Boolean.TRUE));
        }
    }
}
