package io.minisqld.server.binlog.commit;

import io.minisqld.server.engine.EngineSession;
import io.minisqld.server.engine.SqlLiteral;
import io.minisqld.server.engine.StorageEngine;
import io.minisqld.server.gtid.GtidSet;
import io.minisqld.server.result.RowsResult;

/**
 * {@code mysql.gtid_executed} (row-events-gtid-mts.md B.6): GTIDs that no binlog file holds
 * although they count as executed — those given by {@code SET GLOBAL gtid_purged}. MySQL's
 * columns and key; {@code interval_end} inclusive. Emptied by RESET MASTER.
 *
 * <p>Lock rule: every use of the system session holds its monitor (the engine's contract).
 */
public final class GtidExecutedTable {
    private static final String CREATE = "CREATE TABLE IF NOT EXISTS mysql.`gtid_executed` ("
            + "`source_uuid` CHAR(36) NOT NULL, `interval_start` BIGINT NOT NULL, `interval_end` BIGINT NOT NULL, "
            + "PRIMARY KEY (`source_uuid`, `interval_start`))";

    private final EngineSession system;
    /** Rows added one GTID each since the last compression. */
    private final java.util.concurrent.atomic.AtomicLong singleRows = new java.util.concurrent.atomic.AtomicLong();

    private GtidExecutedTable(StorageEngine engine) {
        this.system = engine.systemSession();
    }

    /** Creates the table if it is missing. */
    public static GtidExecutedTable open(StorageEngine engine) {
        GtidExecutedTable t = new GtidExecutedTable(engine);
        synchronized (t.system) {
            engine.createDatabase("mysql", true);
            t.system.executeInternal(CREATE);
            t.system.commit();
        }
        return t;
    }

    /** Every GTID the table holds. */
    public GtidSet read() {
        synchronized (system) {
            RowsResult r = ((EngineSession.Rows) system.executeInternal(
                    "SELECT `source_uuid`, `interval_start`, `interval_end` FROM mysql.`gtid_executed`")).rows();
            system.commit();
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < r.rows().size(); i++) {
                if (text.length() > 0) text.append(',');
                text.append(r.text(i, 0)).append(':').append(r.text(i, 1)).append('-').append(r.text(i, 2));
            }
            return GtidSet.parse(text.toString());
        }
    }

    /** Adds {@code set}'s intervals, durably. */
    public void add(GtidSet set) {
        GtidSet all = read().union(set);
        synchronized (system) {
            system.executeInternal("DELETE FROM mysql.`gtid_executed`");
            for (String uuid : all.uuids()) {
                for (long[] interval : all.intervals(uuid)) {
                    system.executeInternal("INSERT INTO mysql.`gtid_executed` VALUES (" + SqlLiteral.quote(uuid) + ", "
                            + interval[0] + ", " + interval[1] + ")");
                }
            }
            system.commit();
        }
    }

    /**
     * Adds one GTID inside the caller's open engine transaction (a replicated transaction the
     * binlog does not record), so it commits, or not, with the transaction's changes (B.6).
     */
    public static void addInTransaction(EngineSession session, String uuid, long gno) {
        session.executeInternal("INSERT INTO mysql.`gtid_executed` VALUES (" + SqlLiteral.quote(uuid) + ", " + gno
                + ", " + gno + ")");
    }

    /**
     * Adds one GTID as a row of its own, committed at once (a replicated DDL statement the binlog
     * does not record: it committed as it ran); the caller counts it with {@link #added}.
     */
    public void addCommitted(String uuid, long gno) {
        synchronized (system) {
            try {
                addInTransaction(system, uuid, gno);
                system.commit();
            } catch (RuntimeException e) {
                system.rollback();
                throw e;
            }
        }
    }

    /**
     * Counts a row {@link #addInTransaction} added and, every {@code period} of them (MySQL's
     * {@code gtid_executed_compression_period}; 0: never), merges the table's rows into one per
     * run of consecutive GTIDs (B.6).
     */
    public void added(long period) {
        if (period > 0 && singleRows.incrementAndGet() >= period) {
            singleRows.set(0);
            add(GtidSet.EMPTY);
        }
    }

    /** RESET MASTER. */
    public void clear() {
        synchronized (system) {
            system.executeInternal("DELETE FROM mysql.`gtid_executed`");
            system.commit();
        }
    }
}
