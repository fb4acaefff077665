package io.minisqld.semisync.master;

import io.minisqld.plugin.api.MinisqldPlugin;
import io.minisqld.plugin.api.PluginDeclaration;

import java.util.List;

/**
 * The PF4J {@code Plugin-Class} of {@code semisync_source.jar} (MySQL 8.0.26's semisync_source.so):
 * one plugin, {@code rpl_semi_sync_source}, the same source side as rpl_semi_sync_master with
 * 8.0's variable and status names ({@code rpl_semi_sync_source_*}, {@code Rpl_semi_sync_source_*},
 * {@code wait_for_replica_count}, {@code wait_no_replica}).
 */
public final class SemiSyncSourceLibrary extends MinisqldPlugin {
    private final List<PluginDeclaration> declarations = List.of(new SemiSyncMasterPlugin(true));

    @Override
    public List<PluginDeclaration> declarations() {
        return declarations;
    }
}
