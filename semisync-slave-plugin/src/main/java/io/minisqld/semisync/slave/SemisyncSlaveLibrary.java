package io.minisqld.semisync.slave;

import io.minisqld.plugin.api.MinisqldPlugin;
import io.minisqld.plugin.api.PluginDeclaration;
import java.util.List;

/**
 * The PF4J {@code Plugin-Class} of {@code semisync_slave.jar} (the {@code semisync_slave.so} of
 * {@code INSTALL PLUGIN rpl_semi_sync_slave SONAME 'semisync_slave.so'}): declares the one plugin
 * {@code rpl_semi_sync_slave}. One instance per loaded library; nothing in this jar is static.
 */
public final class SemisyncSlaveLibrary extends MinisqldPlugin {
    private final List<PluginDeclaration> declarations = List.of(new SemisyncSlavePlugin());

    @Override
    public List<PluginDeclaration> declarations() {
        return declarations;
    }
}
