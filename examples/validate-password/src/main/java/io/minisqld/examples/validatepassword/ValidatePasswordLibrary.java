package io.minisqld.examples.validatepassword;

import io.minisqld.plugin.api.MinisqldPlugin;
import io.minisqld.plugin.api.PluginDeclaration;
import java.util.List;

/** The jar's Plugin-Class: one plugin, {@code validate_password}. */
public final class ValidatePasswordLibrary extends MinisqldPlugin {
    private final List<PluginDeclaration> declarations = List.of(new ValidatePassword());

    @Override
    public List<PluginDeclaration> declarations() {
        return declarations;
    }
}
