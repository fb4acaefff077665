package io.minisqld.semisync.master;

/**
 * One consistent reading of the master's status variables ({@code Rpl_semi_sync_master_*}, spec
 * §4.3). Times are in microseconds; the averages are integer divisions, 0 when nothing was counted.
 */
public record MasterStatus(
        long clients,
        boolean status,
        long yesTx,
        long noTx,
        long noTimes,
        long txWaits,
        long txWaitTime,
        long txAvgWaitTime,
        long netWaits,
        long netWaitTime,
        long netAvgWaitTime,
        long waitSessions,
        long waitPosBacktraverse,
        long timefuncFailures) {
}
