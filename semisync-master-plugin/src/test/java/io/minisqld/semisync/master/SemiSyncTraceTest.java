package io.minisqld.semisync.master;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.minisqld.plugin.api.LogPosition;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * rpl_semi_sync_master_trace_level: the lines MySQL 5.7's trace bits add to the error log, for one
 * transaction acknowledged before its session waits.
 */
class SemiSyncTraceTest {
    private static final String BIN = "mysql-bin.000003";
    private final RecordingLog log = new RecordingLog();

    private static LogPosition pos(long offset) {
        return LogPosition.of(BIN, offset);
    }

    /** One acknowledged transaction at the given trace level; the lines it logged. */
    private List<String> oneTransaction(long level) {
        SemiSyncMaster master = new SemiSyncMaster(log, 10_000, 1, true);
        master.setTraceLevel(level);
        master.enable();
        master.replicaStarted(2, pos(4), true);
        log.clear();
        master.transactionFlushed(pos(300));
        master.requestsReply(2, pos(250));
        master.requestsReply(2, pos(300));
        master.handleAck(2, pos(300));
        master.commitTrx(pos(300), WaitStage.NONE);
        return log.lines();
    }

    @Test
    void theDefaultNetWaitBitAndZeroTraceNothing() {
        assertEquals(List.of(), oneTransaction(SemiSyncTrace.NET_WAIT));
        assertEquals(List.of(), oneTransaction(0));
        assertEquals(List.of(), oneTransaction(SemiSyncTrace.GENERAL), "no wait time failed to assess");
    }

    @Test
    void detailTracesEachStepWithMysqlsFunctionNames() {
        assertEquals(List.of(
                "[Note] ActiveTranx:insert_tranx_node: insert (mysql-bin.000003, 300)",
                "[Note] ActiveTranx::is_tranx_end_pos: probe (mysql-bin.000003, 250)",
                "[Note] ReplSemiSyncMaster::updateSyncHeader: server(2), (mysql-bin.000003, 250) sync(0), repl(1)",
                "[Note] ActiveTranx::is_tranx_end_pos: probe (mysql-bin.000003, 300)",
                "[Note] ReplSemiSyncMaster::updateSyncHeader: server(2), (mysql-bin.000003, 300) sync(1), repl(1)",
                "[Note] ReplSemiSyncMaster::reportReplyBinlog: Got reply at (mysql-bin.000003, 300)",
                "[Note] ReplSemiSyncMaster::commitTrx: wait pos (mysql-bin.000003, 300), repl(1)",
                "[Note] ReplSemiSyncMaster::commitTrx: Binlog reply is ahead (mysql-bin.000003, 300),",
                "[Note] ActiveTranx::::clear_active_tranx_nodes: cleared all nodes"),
                oneTransaction(SemiSyncTrace.DETAIL));
    }

    @Test
    void functionTracesEnterAndExit() {
        assertEquals(List.of(
                "[Note] ---> ReplSemiSyncMaster::writeTranxInBinlog enter",
                "[Note] ---> ActiveTranx:insert_tranx_node enter",
                "[Note] <--- ActiveTranx:insert_tranx_node exit (0)",
                "[Note] <--- ReplSemiSyncMaster::writeTranxInBinlog exit (0)",
                "[Note] ---> ReplSemiSyncMaster::updateSyncHeader enter",
                "[Note] ---> ActiveTranx::is_tranx_end_pos enter",
                "[Note] <--- ActiveTranx::is_tranx_end_pos exit (0)",
                "[Note] <--- ReplSemiSyncMaster::updateSyncHeader exit (0)",
                "[Note] ---> ReplSemiSyncMaster::updateSyncHeader enter",
                "[Note] ---> ActiveTranx::is_tranx_end_pos enter",
                "[Note] <--- ActiveTranx::is_tranx_end_pos exit (1)",
                "[Note] <--- ReplSemiSyncMaster::updateSyncHeader exit (0)",
                "[Note] ---> ReplSemiSyncMaster::reportReplyBinlog enter",
                "[Note] <--- ReplSemiSyncMaster::reportReplyBinlog exit (0)",
                "[Note] ---> ReplSemiSyncMaster::commitTrx enter",
                "[Note] ---> ActiveTranx::::clear_active_tranx_nodes enter",
                "[Note] <--- ActiveTranx::::clear_active_tranx_nodes exit (0)",
                "[Note] <--- ReplSemiSyncMaster::commitTrx exit (0)"),
                oneTransaction(SemiSyncTrace.FUNCTION));
    }

    @Test
    void aWaitThatTimesOutTracesTheWaitAndTheSwitchOff() {
        SemiSyncMaster master = new SemiSyncMaster(log, 0, 1, true);
        master.setTraceLevel(SemiSyncTrace.DETAIL | SemiSyncTrace.FUNCTION);
        master.enable();
        master.transactionFlushed(pos(300));
        log.clear();
        master.commitTrx(pos(300), WaitStage.NONE);
        assertEquals(List.of(
                "[Note] ---> ReplSemiSyncMaster::commitTrx enter",
                "[Note] ReplSemiSyncMaster::commitTrx: wait pos (mysql-bin.000003, 300), repl(1)",
                "[Note] ReplSemiSyncMaster::commitTrx: init wait position (mysql-bin.000003, 300),",
                "[Note] ReplSemiSyncMaster::commitTrx: wait 0 ms for binlog sent (mysql-bin.000003, 300)",
                "[Note] ---> ReplSemiSyncMaster::cond_timewait() enter",
                "[Note] <--- ReplSemiSyncMaster::cond_timewait() exit (110)",
                "[Warning] Timeout waiting for reply of binlog (file: mysql-bin.000003, pos: 300), semi-sync up to "
                        + "file , position 0.",
                "[Note] ---> ReplSemiSyncMaster::switch_off enter",
                "[Note] Semi-sync replication switched OFF.",
                "[Note] <--- ReplSemiSyncMaster::switch_off exit (0)",
                "[Note] ---> ActiveTranx::::clear_active_tranx_nodes enter",
                "[Note] ActiveTranx::::clear_active_tranx_nodes: cleared all nodes",
                "[Note] <--- ActiveTranx::::clear_active_tranx_nodes exit (0)",
                "[Note] <--- ReplSemiSyncMaster::commitTrx exit (0)"), log.lines());
    }

    @Test
    void theLevelCanChangeWhileRunning() {
        SemiSyncMaster master = new SemiSyncMaster(log, 10_000, 1, true);
        assertEquals(SemiSyncTrace.NET_WAIT, master.traceLevel());
        master.enable();
        log.clear();
        master.setTraceLevel(SemiSyncTrace.DETAIL);
        master.transactionFlushed(pos(300));
        master.setTraceLevel(0);
        master.transactionFlushed(pos(400));
        assertEquals(List.of("[Note] ActiveTranx:insert_tranx_node: insert (mysql-bin.000003, 300)"), log.lines());
    }
}
