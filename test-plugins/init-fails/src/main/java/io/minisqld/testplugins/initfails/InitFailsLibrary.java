package io.minisqld.testplugins.initfails;

import io.minisqld.plugin.api.MinisqldPlugin;
import io.minisqld.plugin.api.PluginContext;
import io.minisqld.plugin.api.PluginDeclaration;
import io.minisqld.plugin.api.PluginLicense;
import io.minisqld.plugin.api.PluginType;
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

    private abstract static class Base implements PluginDeclaration {
        @Override
        public PluginType type() {
            return PluginType.DAEMON;
        }

        @Override
        public String author() {
            return "minisqld tests";
        }

        @Override
        public PluginLicense license() {
            return PluginLicense.GPL;
        }

        @Override
        public int version() {
            return 0x0100;
        }

        @Override
        public void deinit(PluginContext context) {
        }
    }

    private static final class Failing extends Base {
        private final TransactionObserver observer = new TransactionObserver() { };

        @Override
        public String name() {
            return "test_init_fails";
        }

        @Override
        public String description() {
            return "Refuses to start";
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
            context.observers().registerTransactionObserver(observer);
            throw new IllegalStateException("test_init_fails refuses to start");
        }
    }

    private static final class Working extends Base {
        @Override
        public String name() {
            return "test_init_ok";
        }

        @Override
        public String description() {
            return "Starts";
        }

        @Override
        public List<StatusVariable> statusVariables() {
            return List.of(StatusVariable.of("Test_init_ok_running", () -> Boolean.TRUE));
        }

        @Override
        public void init(PluginContext context) {
        }
    }
}
