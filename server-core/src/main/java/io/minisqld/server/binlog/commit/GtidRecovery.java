package io.minisqld.server.binlog.commit;

import io.minisqld.server.binlog.BinlogReader;
import io.minisqld.server.binlog.BinlogSettings;
import io.minisqld.server.binlog.LogIndex;
import io.minisqld.server.binlog.PositionedEvent;
import io.minisqld.server.binlog.event.GtidEvent;
import io.minisqld.server.binlog.event.PreviousGtidsEvent;
import io.minisqld.server.gtid.GtidSet;
import io.minisqld.server.gtid.GtidState;
import io.minisqld.server.storage.FileLayer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds {@code gtid_executed} and {@code gtid_purged} at start-up as MySQL 5.7 does with
 * {@code binlog_gtid_simple_recovery} (row-events-gtid-mts.md B.5, B.6): the newest file's
 * PREVIOUS_GTIDS and the GTIDs of its transactions, plus mysql.gtid_executed, are executed; the
 * oldest file's PREVIOUS_GTIDS, plus what only the table holds, are purged. Runs after crash
 * recovery has cut an incomplete tail, so every GTID read belongs to a complete transaction.
 */
final class GtidRecovery {
    private static final Logger log = LoggerFactory.getLogger(GtidRecovery.class);

    private GtidRecovery() {
    }

    static void recover(FileLayer layer, BinlogSettings settings, GtidSet table, GtidState state) throws IOException {
        List<String> names = new LogIndex(layer, settings.location()).read();
        GtidSet inFiles = GtidSet.EMPTY;
        GtidSet oldest = GtidSet.EMPTY;
        if (!names.isEmpty()) {
            oldest = previousGtids(layer, settings.directory().resolve(names.get(0)));
            Path last = settings.directory().resolve(names.get(names.size() - 1));
            if (layer.exists(last)) {
                try (BinlogReader reader = BinlogReader.open(layer, last)) {
                    for (PositionedEvent e : reader.readAll(reader.firstEventAfterFormatDescription(), reader.size())) {
                        if (e.body() instanceof PreviousGtidsEvent p) {
                            inFiles = inFiles.union(p.gtids());
                        } else if (e.body() instanceof GtidEvent g && !g.anonymous()) {
                            inFiles = inFiles.with(g.uuid(), g.gno());
                        }
                    }
                }
            }
        }
        GtidSet executed = inFiles.union(table);
        GtidSet purged = oldest.union(table.minus(inFiles));
        state.recovered(executed, executed, purged);
        if (!executed.isEmpty()) log.info("GTIDs executed: '{}'; purged: '{}'", executed, purged);
    }

    /** What a binlog file's PREVIOUS_GTIDS event lists (empty for a file without one, from before GTIDs). */
    static GtidSet previousGtids(FileLayer layer, Path file) throws IOException {
        if (!layer.exists(file)) return GtidSet.EMPTY;
        try (BinlogReader reader = BinlogReader.open(layer, file)) {
            long pos = reader.firstEventAfterFormatDescription();
            if (pos >= reader.size()) return GtidSet.EMPTY;
            PositionedEvent e = reader.read(pos, reader.size());
            return e != null && e.body() instanceof PreviousGtidsEvent p ? p.gtids() : GtidSet.EMPTY;
        }
    }
}
