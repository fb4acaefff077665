package io.minisqld.testplugins.good;

import io.minisqld.plugin.api.MinisqldPlugin;
import io.minisqld.plugin.api.PluginDeclaration;
import java.util.List;

/** The {@code test_good.jar} library: one well-behaved plugin, {@code test_good}. */
public final class GoodLibrary extends MinisqldPlugin {
    private final GoodPlugin plugin = new GoodPlugin();

    @Override
    public List<PluginDeclaration> declarations() {
        return List.of(plugin);
    }
}
