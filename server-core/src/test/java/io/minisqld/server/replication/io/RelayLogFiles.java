package io.minisqld.server.replication.io;

import io.minisqld.server.binlog.BinlogReader;
import io.minisqld.server.binlog.PositionedEvent;
import io.minisqld.server.storage.FileLayer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Reading relay log files in tests (RelayLogTest here, the IO thread tests in server-tests). */
public final class RelayLogFiles {
    private RelayLogFiles() {
    }

    /** Every event of a relay log file after the relay log's own FDE, in order. */
    public static List<PositionedEvent> events(FileLayer layer, Path file) throws IOException {
        try (BinlogReader r = BinlogReader.open(layer, file, false)) {
            List<PositionedEvent> all = r.readAll(4, r.size());
            return all.subList(1, all.size());
        }
    }
}
