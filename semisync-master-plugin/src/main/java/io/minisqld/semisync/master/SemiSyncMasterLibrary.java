package io.minisqld.semisync.master;

import io.minisqld.plugin.api.MinisqldPlugin;
import io.minisqld.plugin.api.PluginDeclaration;

import java.util.List;

/**
 * The PF4J {@code Plugin-Class} of {@code semisync_master.jar} (MySQL's semisync_master.so): one
 * plugin, {@code rpl_semi_sync_master}. The server creates one instance per load of the jar.
 */
public final class SemiSyncMasterLibrary extends MinisqldPlugin {
    private final List<PluginDeclaration> declarations = List.of(new SemiSyncMasterPlugin());

    @Override
    public List<PluginDeclaration> declarations() {
        return declarations;
    }
}
