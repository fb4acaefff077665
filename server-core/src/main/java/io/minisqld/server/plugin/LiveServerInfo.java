package io.minisqld.server.plugin;

import io.minisqld.plugin.api.LogPosition;
import io.minisqld.plugin.api.ServerInfo;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The {@link ServerInfo} plugins see, read live from the server (server_id may change with SET
 * GLOBAL; the binlog end moves with every commit group).
 *
 * @param binlogEnd the binlog end dump threads may read, empty when log_bin is off
 */
public record LiveServerInfo(LongSupplier serverIdSource, String version, Path datadir, boolean binlogEnabled,
                             Supplier<Optional<LogPosition>> binlogEnd) implements ServerInfo {
    @Override
    public long serverId() {
        return serverIdSource.getAsLong();
    }

    @Override
    public Optional<LogPosition> binlogPosition() {
        return binlogEnd.get();
    }
}
