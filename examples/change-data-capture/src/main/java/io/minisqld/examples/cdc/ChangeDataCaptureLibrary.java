package io.minisqld.examples.cdc;

import io.minisqld.plugin.api.MinisqldPlugin;
import io.minisqld.plugin.api.PluginDeclaration;
import java.util.List;

/** The library's PF4J {@code Plugin-Class}: one declaration, {@link ChangeDataCapture}. */
public final class ChangeDataCaptureLibrary extends MinisqldPlugin {
    private final List<PluginDeclaration> declarations = List.of(new ChangeDataCapture());

    @Override
    public List<PluginDeclaration> declarations() {
        return declarations;
    }
}
