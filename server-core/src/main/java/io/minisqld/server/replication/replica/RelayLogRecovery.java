package io.minisqld.server.replication.replica;

import io.minisqld.plugin.api.LogPosition;
import io.minisqld.server.binlog.BinlogReader;

import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every start does with the channel, as MySQL 5.7 with {@code relay_log_recovery=ON}: the
 * relay logs of the previous run are dropped and the IO thread will fetch again from the position
 * the SQL thread executed, so a replica killed at any moment resumes with no gap and no duplicate.
 * When binlog crash recovery re-applied transactions of the SQL thread whose position update the
 * engine lost, the SQL thread is told to skip that many groups first.
 */
final class RelayLogRecovery {
    private static final Logger log = LoggerFactory.getLogger(RelayLogRecovery.class);

    /**
     * Where the channel starts.
     *
     * @param master the configuration, null when the server is not a replica
     * @param relay  where the SQL thread applies from
     */
    record Start(MasterInfo master, RelayLogInfo relay) {
    }

    private RelayLogRecovery() {
    }

    /**
     * Purges the relay logs before the file this start opened and persists the recovered
     * positions.
     *
     * @param recoveredTransactions transactions binlog crash recovery re-applied for the SQL
     *                              thread (from {@link ReplicaCrashScan}): skipped once refetched
     */
    static Start recover(ReplicaTables tables, RelayLog relayLog, long recoveredTransactions) throws IOException {
        MasterInfo m = tables.readMaster().orElse(null);
        RelayLogInfo r = tables.readRelay().orElse(null);
        String current = relayLog.currentFile();
        relayLog.purgeBefore(current);
        LogPosition fresh = new LogPosition(current, BinlogReader.FIRST_EVENT_POSITION);
        if (m == null) return new Start(null, new RelayLogInfo(fresh, MasterInfo.SOURCE_START, 0));
        LogPosition executed = r == null ? m.read() : r.executed();
        long skip = (r == null ? 0 : r.recoverySkip()) + recoveredTransactions;
        if (recoveredTransactions > 0) {
            log.info("Slave: binlog crash recovery re-applied {} replicated transaction(s) after '{}' position {}; "
                    + "the SQL thread skips them when they are fetched again", recoveredTransactions,
                    executed.file(), executed.offset());
        }
        Start start = new Start(m.withRead(executed), new RelayLogInfo(fresh, executed, skip));
        tables.writeBoth(start.master(), start.relay());
        if (!executed.file().isEmpty() || executed.offset() != BinlogReader.FIRST_EVENT_POSITION) {
            log.info("Slave: relay log recovery: the relay logs were discarded; the IO thread will fetch from "
                    + "'{}' position {}, relay log './{}' position: {}", executed.file(), executed.offset(),
                    current, BinlogReader.FIRST_EVENT_POSITION);
        }
        return start;
    }
}
