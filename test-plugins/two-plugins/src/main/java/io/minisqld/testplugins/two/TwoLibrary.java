package io.minisqld.testplugins.two;

import io.minisqld.plugin.api.MinisqldPlugin;
import io.minisqld.plugin.api.PluginContext;
import io.minisqld.plugin.api.PluginDeclaration;
import io.minisqld.plugin.api.PluginLicense;
import io.minisqld.plugin.api.PluginType;
import java.util.List;

/** The {@code test_two.jar} library: two plugins, {@code test_two_a} then {@code test_two_b} (INSTALL SONAME installs both). */
public final class TwoLibrary extends MinisqldPlugin {
    @Override
    public List<PluginDeclaration> declarations() {
        return List.of(
        new PluginDeclaration() {
            @Override
            public String name() {
                return "test_two_a";
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
                return "First of two";
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
            public void init(PluginContext context) {
            }

            @Override
            public void deinit(PluginContext context) {
            }
        },
        new PluginDeclaration() {
            @Override
            public String name() {
                return "test_two_b";
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
                return "Second of two";
            }

            @Override
            public PluginLicense license() {
                return PluginLicense.BSD;
            }

            @Override
            public int version() {
                return 0x0203;
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
