package io.minisqld.server.replication.replica;

import io.minisqld.plugin.api.LogPosition;
import io.minisqld.server.result.Column;
import io.minisqld.server.result.ColumnType;
import io.minisqld.server.result.RowsResult;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * SHOW SLAVE STATUS (and SHOW REPLICA STATUS): MySQL 5.7's 57 columns, one row for a configured
 * channel, none otherwise, built from what the channel and its threads show at that moment.
 */
final class SlaveStatus {
    private static final List<String> NUMERIC = List.of("Master_Port", "Connect_Retry", "Read_Master_Log_Pos",
            "Relay_Log_Pos", "Last_Errno", "Skip_Counter", "Exec_Master_Log_Pos", "Relay_Log_Space", "Until_Log_Pos",
            "Seconds_Behind_Master", "Last_IO_Errno", "Last_SQL_Errno", "Master_Server_Id", "SQL_Delay",
            "SQL_Remaining_Delay", "Master_Retry_Count", "Auto_Position");

    /** MySQL 5.7's SHOW SLAVE STATUS columns, in order. */
    static final List<String> COLUMNS = List.of("Slave_IO_State", "Master_Host", "Master_User", "Master_Port",
            "Connect_Retry", "Master_Log_File", "Read_Master_Log_Pos", "Relay_Log_File", "Relay_Log_Pos",
            "Relay_Master_Log_File", "Slave_IO_Running", "Slave_SQL_Running", "Replicate_Do_DB",
            "Replicate_Ignore_DB", "Replicate_Do_Table", "Replicate_Ignore_Table", "Replicate_Wild_Do_Table",
            "Replicate_Wild_Ignore_Table", "Last_Errno", "Last_Error", "Skip_Counter", "Exec_Master_Log_Pos",
            "Relay_Log_Space", "Until_Condition", "Until_Log_File", "Until_Log_Pos", "Master_SSL_Allowed",
            "Master_SSL_CA_File", "Master_SSL_CA_Path", "Master_SSL_Cert", "Master_SSL_Cipher", "Master_SSL_Key",
            "Seconds_Behind_Master", "Master_SSL_Verify_Server_Cert", "Last_IO_Errno", "Last_IO_Error",
            "Last_SQL_Errno", "Last_SQL_Error", "Replicate_Ignore_Server_Ids", "Master_Server_Id", "Master_UUID",
            "Master_Info_File", "SQL_Delay", "SQL_Remaining_Delay", "Slave_SQL_Running_State", "Master_Retry_Count",
            "Master_Bind", "Last_IO_Error_Timestamp", "Last_SQL_Error_Timestamp", "Master_SSL_Crl",
            "Master_SSL_Crlpath", "Retrieved_Gtid_Set", "Executed_Gtid_Set", "Auto_Position", "Replicate_Rewrite_DB",
            "Channel_Name", "Master_TLS_Version");

    /**
     * What the row is made of.
     *
     * @param master         the channel's configuration, null when the server is not a replica
     * @param io             the IO thread of the last START SLAVE, null when none since
     * @param sql            the SQL thread of the last START SLAVE, null when none since
     * @param stoppedApplied the SQL thread's position while no thread object tells it
     * @param stoppedRead    the received position while no IO thread tells it
     * @param skipCounter    sql_slave_skip_counter
     * @param relayLogSpace  the bytes of every relay log file
     */
    record Snapshot(MasterInfo master, IoThread io, SqlThread sql, RelayLogInfo stoppedApplied,
                    LogPosition stoppedRead, long skipCounter, long relayLogSpace, String retrievedGtids,
                    String executedGtids) {
    }

    private SlaveStatus() {
    }

    private static Column column(String name) {
        if (NUMERIC.contains(name)) {
            return new Column("", "", "", name, "", Column.BINARY_CHARSET, 20, ColumnType.LONGLONG,
                    Column.UNSIGNED | Column.NUM | Column.BINARY, 0);
        }
        return Column.text(name);
    }

    /** The result set: one row for a configured channel, none otherwise. */
    static RowsResult of(Snapshot s) {
        List<Column> cols = new ArrayList<>();
        for (String c : COLUMNS) cols.add(column(c));
        MasterInfo m = s.master();
        if (m == null) return RowsResult.of(cols, List.of());
        IoThread ioThread = s.io();
        SqlThread sqlThread = s.sql();
        IoThreadStatus ios = ioThread == null ? null : ioThread.status();
        boolean ioOn = ioThread != null && ioThread.isAlive();
        // a failed SQL thread is shown stopped from the moment its error shows (it still rolls back
        // and saves its position before it ends): no status with the error and Slave_SQL_Running Yes
        SqlThreadFailure sqlFailure = sqlThread == null ? null : sqlThread.failure();
        boolean sqlOn = sqlThread != null && sqlThread.running() && sqlFailure == null;
        RelayLogInfo applied = sqlThread != null ? sqlThread.applied() : s.stoppedApplied();
        LogPosition received = ios != null ? ios.read() : s.stoppedRead();
        Long behind = null;
        if (sqlOn) {
            long b = sqlThread.secondsBehind();
            // MySQL: NULL once the SQL thread has caught up while the IO thread is not running
            behind = !ioOn && b == 0 ? null : b;
        }
        SourceSettings st = m.settings();
        List<Object> row = Arrays.asList(
                ioOn && ios != null ? ios.state() : "",
                st.host(), st.user(), (long) st.port(), (long) st.connectRetrySeconds(),
                received.file(), received.offset(),
                applied.relay().file(), applied.relay().offset(), applied.executed().file(),
                ios == null ? "No" : ios.running(), sqlOn ? "Yes" : "No",
                "", "", "", "", "", "",
                sqlFailure == null ? 0L : (long) sqlFailure.errno(), sqlFailure == null ? "" : sqlFailure.message(),
                s.skipCounter(),
                applied.executed().offset(), s.relayLogSpace(),
                "None", "", 0L,
                st.tls().enabled() ? "Yes" : "No", st.tls().caFile(), "", st.tls().certFile(), st.tls().cipher(),
                st.tls().keyFile(),
                behind,
                st.tls().verifyServerCert() ? "Yes" : "No",
                ios == null ? 0L : (long) ios.lastErrno(), ios == null ? "" : ios.lastError(),
                sqlFailure == null ? 0L : (long) sqlFailure.errno(), sqlFailure == null ? "" : sqlFailure.message(),
                "",
                ios == null ? 0L : ios.masterServerId(), ios == null ? "" : ios.masterUuid(),
                "mysql.slave_master_info", 0L, null,
                sqlOn ? sqlThread.state() : "",
                st.retryCount(),
                "",
                ios == null ? "" : ios.lastErrorTimestamp(), sqlFailure == null ? "" : sqlFailure.timestamp(),
                "", "", s.retrievedGtids(), s.executedGtids(), st.autoPosition() ? 1L : 0L, "", "", st.tls().tlsVersion());
        return RowsResult.of(cols, List.of(row));
    }
}
