package io.minisqld.server.replication.replica;
import io.minisqld.plugin.api.LogPosition;


/**
 * The channel's connection metadata (MySQL's master info repository, {@code mysql.slave_master_info}):
 * how to reach the source and where the IO thread starts reading.
 *
 * @param settings where and how to connect; {@code host} empty when the server is not a replica
 * @param read     Master_Log_File / Read_Master_Log_Pos as last persisted: where a stopped IO
 *                 thread resumes
 */
public record MasterInfo(SourceSettings settings, LogPosition read) {
    /** Where a replica without coordinates starts: the first file of the source's index. */
    public static final LogPosition SOURCE_START = LogPosition.of("", 4);

    /** MySQL's defaults before any CHANGE MASTER: no host, port 3306, user test, retry 60 s. */
    public static MasterInfo unconfigured(double defaultHeartbeat) {
        return new MasterInfo(new SourceSettings("", 3306, "test", "", 60, defaultHeartbeat, 86400),
                SOURCE_START);
    }

    /** Whether CHANGE MASTER TO gave a host (else START SLAVE fails with 1200). */
    public boolean configured() {
        return settings.host() != null && !settings.host().isEmpty();
    }

    public MasterInfo withRead(LogPosition position) {
        return new MasterInfo(settings, position);
    }

    public MasterInfo withSettings(SourceSettings s) {
        return new MasterInfo(s, read);
    }
}
