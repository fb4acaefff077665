package io.minisqld.server.replication.replica;
import io.minisqld.plugin.api.LogPosition;


/**
 * The SQL thread's progress (MySQL's relay log info repository, {@code mysql.slave_relay_log_info}),
 * committed in the same engine transaction as each applied transaction.
 *
 * @param relay        Relay_Log_File / Relay_Log_Pos: the relay log event after the last applied group
 * @param executed     Relay_Master_Log_File / Exec_Master_Log_Pos: the source position of that event
 * @param recoverySkip transactions a crash left applied (binlog recovery re-applied them) whose
 *                     position update was lost: the SQL thread skips that many groups first
 */
public record RelayLogInfo(LogPosition relay, LogPosition executed, long recoverySkip) {

    public RelayLogInfo withRelay(LogPosition r) {
        return new RelayLogInfo(r, executed, recoverySkip);
    }

    public RelayLogInfo withExecuted(LogPosition e) {
        return new RelayLogInfo(relay, e, recoverySkip);
    }

    public RelayLogInfo withRecoverySkip(long n) {
        return new RelayLogInfo(relay, executed, n);
    }
}
