package io.minisqld.testplugins.dupb;

import io.minisqld.plugin.api.MinisqldPlugin;
import io.minisqld.plugin.api.PluginContext;
import io.minisqld.plugin.api.PluginDeclaration;
import io.minisqld.plugin.api.PluginLicense;
import io.minisqld.plugin.api.PluginType;
import java.util.List;

/** The {@code test_dup_b.jar} library: plugin {@code test_dup}, a name the other dup library declares too (ERROR 1125). */
public final class DupBLibrary extends MinisqldPlugin {
    @Override
    public List<PluginDeclaration> declarations() {
        return List.of(
        new PluginDeclaration() {
            @Override
            public String name() {
                return "test_dup";
            }

            @Override
            public PluginType type() {
                return PluginType.DAEMON;
            }

            @Override
            public String author() {
                return "minisqld tests";
            }

            @Override
            public String description() {
                return "Duplicate from library b";
            }

            @Override
            public PluginLicense license() {
                return PluginLicense.PROPRIETARY;
            }

            @Override
            public int version() {
                return 0x0100;
            }

            @Override
            public void init(PluginContext context) {
            }

            @Override
            public void deinit(PluginContext context) {
            }
        });
    }
}
