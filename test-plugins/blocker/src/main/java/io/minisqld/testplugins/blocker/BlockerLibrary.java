package io.minisqld.testplugins.blocker;

import io.minisqld.plugin.api.BasicPluginDeclaration;
import io.minisqld.plugin.api.MinisqldPlugin;
import io.minisqld.plugin.api.PluginContext;
import io.minisqld.plugin.api.PluginDeclaration;
import io.minisqld.plugin.api.PluginLicense;
import io.minisqld.plugin.api.PluginType;
import io.minisqld.plugin.api.variables.SystemVariable;
import io.minisqld.plugin.api.variables.VariableType;
import java.util.List;
import java.util.Optional;

/**
 * The {@code test_blocker.jar} library: {@code test_blocker} refuses UNINSTALL with ERROR 1883 and
 * the reason "The fixture is busy." while {@code test_blocker_busy} is ON, as semisync refuses
 * while replicas are connected.
 */
public final class BlockerLibrary extends MinisqldPlugin {
    @Override
    public List<PluginDeclaration> declarations() {
        return List.of(new Blocker());
    }

    private static final class Blocker extends BasicPluginDeclaration {
        private volatile boolean busy;

        Blocker() {
            super("test_blocker", PluginType.DAEMON, "minisqld tests", "Refuses to be uninstalled while busy",
                    PluginLicense.GPL, 0x0100);
        }

        @Override
        public List<SystemVariable> systemVariables() {
            return List.of(SystemVariable.global("busy", new VariableType.BooleanType(), false)
                    .onUpdate(value -> busy = (Boolean) value));
        }

        @Override
        public void init(PluginContext context) {
            busy = context.variable("test_blocker_busy").map(Boolean.TRUE::equals).orElse(false);
        }

        @Override
        public Optional<String> uninstallBlocker() {
            return busy ? Optional.of("The fixture is busy.") : Optional.empty();
        }
    }
}
