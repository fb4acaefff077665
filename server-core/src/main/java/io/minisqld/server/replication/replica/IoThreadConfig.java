package io.minisqld.server.replication.replica;

import io.minisqld.plugin.api.LogPosition;
import io.minisqld.server.observer.ObserverRegistry;
import io.minisqld.server.session.Session;

import java.util.function.Consumer;
import java.util.concurrent.ThreadFactory;

/**
 * What an {@link IoThread} needs, fixed for one run of the thread (START SLAVE IO_THREAD builds a
 * new one; CHANGE MASTER requires the thread stopped).
 *
 * @param source             the CHANGE MASTER TO connection options
 * @param startAt            where to request the dump from (Master_Log_File / Read_Master_Log_Pos
 *                           as persisted; {@link MasterInfo#SOURCE_START} for a fresh replica)
 * @param serverId           this replica's server_id
 * @param relayLog           the replica's relay log (opened by the caller, never closed by the thread)
 * @param observers          the server's observers (relay IO hooks)
 * @param threads            creates the IO thread (a server thread factory, so its log lines go to
 *                           the server's error log)
 * @param onSynced           called on the IO thread after each relay-log sync with the source
 *                           position received and synced so far; the caller persists it (it must
 *                           not block for long, and must not call {@link IoThread#stop()})
 * @param sessionOrNull      the IO thread's PROCESSLIST entry ({@code system user}); its command
 *                           and state are kept current; may be null
 * @param netTimeoutSeconds  slave_net_timeout (default 60): connect and read timeout; no event and
 *                           no heartbeat for this long makes the thread reconnect
 * @param gtids              the server's GTIDs and gtid_mode (what an auto-positioned dump asks
 *                           for, and what the source's gtid_mode must agree with)
 */
public record IoThreadConfig(SourceSettings source, LogPosition startAt, long serverId, RelayLog relayLog,
                             ObserverRegistry observers, ThreadFactory threads, Consumer<LogPosition> onSynced,
                             Session sessionOrNull, long netTimeoutSeconds, io.minisqld.server.gtid.GtidState gtids) {
    /** A configuration for a replica without GTIDs (gtid_mode OFF, nothing executed). */
    public IoThreadConfig(SourceSettings source, LogPosition startAt, long serverId, RelayLog relayLog,
                          ObserverRegistry observers, ThreadFactory threads, Consumer<LogPosition> onSynced,
                          Session sessionOrNull, long netTimeoutSeconds) {
        this(source, startAt, serverId, relayLog, observers, threads, onSynced, sessionOrNull, netTimeoutSeconds,
                new io.minisqld.server.gtid.GtidState(""));
    }
}
