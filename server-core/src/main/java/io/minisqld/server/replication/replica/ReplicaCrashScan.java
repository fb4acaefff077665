package io.minisqld.server.replication.replica;

import io.minisqld.server.binlog.BinlogReader;
import io.minisqld.server.binlog.BinlogSettings;
import io.minisqld.server.binlog.LogIndex;
import io.minisqld.server.binlog.PositionedEvent;
import io.minisqld.server.binlog.event.QueryEvent;
import io.minisqld.server.binlog.event.XidEvent;
import io.minisqld.server.engine.StorageEngine;
import io.minisqld.server.storage.FileLayer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Counts, before binlog crash recovery runs, the transactions it is about to re-apply that the
 * replica's SQL thread had applied (log_slave_updates: binlogged with the source's server id).
 * Their position update in {@code mysql.slave_relay_log_info} was lost with them (it is not in
 * the binlog), so without this the SQL thread would apply them a second time after the restart.
 * They are the SQL thread's last transactions (the engine loses a suffix of its commits), so they
 * are exactly the next ones fetched from the recorded executed position.
 */
public final class ReplicaCrashScan {
    private ReplicaCrashScan() {
    }

    /**
     * The number of complete binlogged transactions after the engine checkpoint whose XID the
     * engine lacks and whose events carry another server id than {@code settings.serverId()}.
     * A torn tail ends the scan (recovery cuts it; it holds no complete transaction).
     */
    public static long transactionsToSkip(FileLayer layer, BinlogSettings settings, StorageEngine engine)
            throws IOException {
        List<String> names = new LogIndex(layer, settings.location()).read();
        if (names.isEmpty()) return 0;
        StorageEngine.Checkpoint cp = engine.lastCheckpoint();
        int first = cp == null ? -1 : names.indexOf(cp.binlogPosition().file());
        long firstPosition = first < 0 ? 0 : cp.binlogPosition().offset();
        if (first < 0) first = 0;
        long own = settings.serverId();
        long count = 0;
        for (int i = first; i < names.size(); i++) {
            Path path = settings.directory().resolve(names.get(i));
            if (!layer.exists(path)) continue;
            try (BinlogReader reader = BinlogReader.open(layer, path)) {
                long pos = Math.max(i == first ? firstPosition : 0, reader.firstEventAfterFormatDescription());
                long size = reader.size();
                long openServerId = -1;
                while (pos < size) {
                    PositionedEvent e;
                    try {
                        e = reader.read(pos, size);
                    } catch (IOException | RuntimeException torn) {
                        return count;
                    }
                    if (e == null) break;
                    pos = e.endPosition();
                    if (e.body() instanceof QueryEvent q && q.sql().strip().equalsIgnoreCase("BEGIN")) {
                        openServerId = e.header().serverId();
                    } else if (e.body() instanceof XidEvent x && openServerId >= 0) {
                        if (openServerId != own && !engine.xidCommitted(x.xid())) count++;
                        openServerId = -1;
                    }
                }
            } catch (RuntimeException unreadable) {
                return count;
            }
        }
        return count;
    }
}
