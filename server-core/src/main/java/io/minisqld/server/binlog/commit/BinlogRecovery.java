package io.minisqld.server.binlog.commit;

import io.minisqld.server.binlog.BinlogFileSet;
import io.minisqld.server.binlog.BinlogReader;
import io.minisqld.server.binlog.BinlogSettings;
import io.minisqld.server.binlog.LastFileReport;
import io.minisqld.server.binlog.LogIndex;
import io.minisqld.server.binlog.PositionedEvent;
import io.minisqld.server.binlog.event.GtidEvent;
import io.minisqld.server.binlog.event.QueryEvent;
import io.minisqld.server.binlog.event.XidEvent;
import io.minisqld.server.engine.StorageEngine;
import io.minisqld.server.storage.DurableFile;
import io.minisqld.server.storage.FileLayer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Start-up crash recovery (DESIGN.md): when the last binlog file was left open, cut its torn
 * tail (a partial event, then a transaction without its XID), then re-apply, in binlog order,
 * every binlogged transaction after the engine's last checkpoint whose XID the engine lacks (the
 * engine commits without fsync and may have lost its last moments; the binlog has them). Nothing
 * absent from the binlog is ever re-applied, and DDL is not replayed (the engine synced it before
 * the binlog recorded it). This class finds the transactions; the statement layer re-applies them
 * ({@link Replayer}) with the context their events carry (INTVAR, USER_VAR, the QUERY event's
 * status variables and timestamp), so a re-applied INSERT gets the AUTO_INCREMENT values and
 * {@code NOW()} the binlog recorded, as a replica applying the same events does.
 */
public final class BinlogRecovery {
    private static final Logger log = LoggerFactory.getLogger(BinlogRecovery.class);

    private final FileLayer layer;
    private final BinlogSettings settings;
    private final StorageEngine engine;

    BinlogRecovery(FileLayer layer, BinlogSettings settings, StorageEngine engine) {
        this.layer = layer;
        this.settings = settings;
        this.engine = engine;
    }

    /** A binlogged transaction: where its BEGIN starts, its events after BEGIN and its XID. */
    private record Txn(String file, long start, List<PositionedEvent> events, long xid) {
    }

    /** Re-applies one binlogged transaction the engine lacks, recording its XID with it. */
    @FunctionalInterface
    public interface Replayer {
        /**
         * @param events the transaction's events between BEGIN and its XID event (INTVAR,
         *               USER_VAR, RAND and QUERY events, in binlog order)
         */
        void replay(List<PositionedEvent> events, long xid);
    }

    /**
     * What the scan found: the first XID new transactions may use, and the complete transactions
     * to re-apply (empty when the binlog was closed cleanly).
     */
    record Outcome(long firstXid, List<Pending> pending, int scanned, String checkpoint) {
        boolean crashed() {
            return scanned >= 0;
        }
    }

    /** A complete binlogged transaction whose XID the engine lacks. */
    record Pending(List<PositionedEvent> events, long xid) {
    }

    /** Finds what recovery must do, cutting a torn tail; re-applies nothing (see {@link #replay}). */
    Outcome run() throws IOException {
        LastFileReport report = BinlogFileSet.recoverLastFile(layer, settings);
        StorageEngine.Checkpoint cp = engine.lastCheckpoint();
        long maxXid = Math.max(engine.maxRecordedXid(), cp == null ? 0 : cp.xidFloor() - 1);
        if (report.file() == null || report.cleanlyClosed()) {
            return new Outcome(maxXid + 1, List.of(), -1, "");
        }
        log.info("Starting crash recovery...");
        if (report.truncated()) {
            log.info("Recovery: truncated the torn tail of binary log '{}' from {} to {} bytes",
                    report.file(), report.sizeFound(), report.validEnd());
        }
        List<String> names = indexNames();
        int first = cp == null ? -1 : names.indexOf(cp.binlogPosition().file());
        long firstPosition = first < 0 ? 0 : cp.binlogPosition().offset();
        if (first < 0) first = 0;
        List<Txn> complete = new ArrayList<>();
        for (int i = first; i < names.size(); i++) {
            String name = names.get(i);
            boolean last = i == names.size() - 1;
            Path path = settings.directory().resolve(name);
            Txn open = null;
            List<PositionedEvent> events = null;
            // where the last transaction's GTID event began, until its first statement event follows
            long gtidAt = -1;
            try (BinlogReader reader = BinlogReader.open(layer, path)) {
                long from = Math.max(i == first ? firstPosition : 0, reader.firstEventAfterFormatDescription());
                for (PositionedEvent e : reader.readAll(from, reader.size())) {
                    if (e.body() instanceof GtidEvent) {
                        gtidAt = e.position();
                        continue;
                    }
                    long startsAt = gtidAt >= 0 ? gtidAt : e.position();
                    gtidAt = -1;
                    if (e.body() instanceof QueryEvent q && q.sql().equalsIgnoreCase("BEGIN")) {
                        events = new ArrayList<>();
                        open = new Txn(name, startsAt, events, 0);
                    } else if (e.body() instanceof XidEvent x && open != null) {
                        complete.add(new Txn(name, open.start(), events, x.xid()));
                        maxXid = Math.max(maxXid, x.xid());
                        open = null;
                    } else if (open != null) {
                        events.add(e);
                    }
                    // a query outside BEGIN … XID is DDL: synced by the engine before it was logged
                }
            }
            if (open == null && gtidAt >= 0 && last) {
                // a GTID event whose statement never reached the disk
                try (DurableFile f = layer.open(path)) {
                    f.truncate(gtidAt);
                    f.force();
                    log.info("Recovery: removed a transaction's lone GTID event from binary log '{}' at {}", name, gtidAt);
                }
            }
            if (open != null && last) {
                // the transaction's XID never reached the disk: it never committed anywhere
                try (DurableFile f = layer.open(path)) {
                    long size = f.size();
                    f.truncate(open.start());
                    f.force();
                    log.info("Recovery: removed an incomplete transaction from binary log '{}' ({} to {} bytes)",
                            name, size, open.start());
                }
            }
        }
        List<Pending> pending = new ArrayList<>();
        for (Txn t : complete) {
            if (!engine.xidCommitted(t.xid())) pending.add(new Pending(t.events(), t.xid()));
        }
        return new Outcome(maxXid + 1, pending, complete.size(), cp == null ? "" : " at " + cp.binlogPosition());
    }

    /**
     * Re-applies what {@link #run} found, in binlog order, then syncs the engine: the re-applied
     * transactions must be on disk before the binlog is marked closed.
     */
    static void replay(StorageEngine engine, Outcome outcome, Replayer replayer) {
        if (!outcome.crashed()) return;
        for (Pending p : outcome.pending()) replayer.replay(p.events(), p.xid());
        if (!outcome.pending().isEmpty()) engine.sync();
        log.info("Recovery: re-applied {} of {} binlogged transactions after the engine checkpoint{}",
                outcome.pending().size(), outcome.scanned(), outcome.checkpoint());
        log.info("Crash recovery finished.");
    }

    private List<String> indexNames() throws IOException {
        return new LogIndex(layer, settings.location()).read();
    }
}
