package io.minisqld.examples.jsonaudit;

import io.minisqld.plugin.api.MinisqldPlugin;
import io.minisqld.plugin.api.PluginDeclaration;
import java.util.List;

/** The jar's Plugin-Class: one plugin, {@code json_audit_log}. */
public final class JsonAuditLogLibrary extends MinisqldPlugin {
    private final List<PluginDeclaration> declarations = List.of(new JsonAuditLog());

    @Override
    public List<PluginDeclaration> declarations() {
        return declarations;
    }
}
