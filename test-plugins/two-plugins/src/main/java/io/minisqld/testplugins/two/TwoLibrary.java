package io.minisqld.testplugins.two;

import io.minisqld.plugin.api.BasicPluginDeclaration;
import io.minisqld.plugin.api.MinisqldPlugin;
import io.minisqld.plugin.api.PluginDeclaration;
import io.minisqld.plugin.api.PluginLicense;
import io.minisqld.plugin.api.PluginType;
import java.util.List;

/** The {@code test_two.jar} library: two plugins, {@code test_two_a} then {@code test_two_b} (INSTALL SONAME installs both). */
public final class TwoLibrary extends MinisqldPlugin {
    @Override
    public List<PluginDeclaration> declarations() {
        return List.of(
                new BasicPluginDeclaration("test_two_a", PluginType.DAEMON, "minisqld tests",
                        "First of two", PluginLicense.GPL, 0x0100) { },
                new BasicPluginDeclaration("test_two_b", PluginType.DAEMON, "minisqld tests",
                        "Second of two", PluginLicense.BSD, 0x0203) { });
    }
}
