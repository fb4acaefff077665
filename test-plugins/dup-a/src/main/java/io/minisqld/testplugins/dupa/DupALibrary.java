package io.minisqld.testplugins.dupa;

import io.minisqld.plugin.api.BasicPluginDeclaration;
import io.minisqld.plugin.api.MinisqldPlugin;
import io.minisqld.plugin.api.PluginDeclaration;
import io.minisqld.plugin.api.PluginLicense;
import io.minisqld.plugin.api.PluginType;
import java.util.List;

/** The {@code test_dup_a.jar} library: plugin {@code test_dup}, a name the other dup library declares too (ERROR 1125). */
public final class DupALibrary extends MinisqldPlugin {
    @Override
    public List<PluginDeclaration> declarations() {
        return List.of(new BasicPluginDeclaration("test_dup", PluginType.DAEMON, "minisqld tests",
                "Duplicate from library a", PluginLicense.PROPRIETARY, 0x0100) { });
    }
}
