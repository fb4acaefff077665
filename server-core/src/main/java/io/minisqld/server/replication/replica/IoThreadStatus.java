package io.minisqld.server.replication.replica;
import io.minisqld.plugin.api.LogPosition;


/**
 * What SHOW SLAVE STATUS shows of the IO thread.
 *
 * @param running       {@code Yes}, {@code No} or {@code Connecting} (Slave_IO_Running)
 * @param state         Slave_IO_State / PROCESSLIST State, e.g. "Waiting for master to send event"
 * @param read          Master_Log_File / Read_Master_Log_Pos: how far events were received and synced to the relay log
 * @param masterServerId the source's server_id, 0 before the first connect
 * @param masterUuid    the source's server_uuid (Master_UUID), "" before the first connect or
 *                      from a source without one
 * @param lastErrno     Last_IO_Errno (0 for none)
 * @param lastError     Last_IO_Error ("" for none)
 * @param lastErrorTimestamp Last_IO_Error_Timestamp as MySQL prints it (yyMMdd HH:mm:ss), "" for none
 */
public record IoThreadStatus(String running, String state, LogPosition read, long masterServerId,
                             String masterUuid, int lastErrno, String lastError, String lastErrorTimestamp) {
}
