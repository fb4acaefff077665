package io.minisqld.semisync.slave;

import io.minisqld.plugin.api.MinisqldPlugin;
import io.minisqld.plugin.api.PluginDeclaration;
import java.util.List;

/**
 * The PF4J {@code Plugin-Class} of {@code semisync_replica.jar} (MySQL 8.0.26's
 * semisync_replica.so): the plugin {@code rpl_semi_sync_replica}, the same replica side as
 * rpl_semi_sync_slave with 8.0's names ({@code rpl_semi_sync_replica_*},
 * {@code Rpl_semi_sync_replica_status}).
 */
public final class SemisyncReplicaLibrary extends MinisqldPlugin {
    private final List<PluginDeclaration> declarations = List.of(new SemisyncSlavePlugin(true));

    @Override
    public List<PluginDeclaration> declarations() {
        return declarations;
    }
}
