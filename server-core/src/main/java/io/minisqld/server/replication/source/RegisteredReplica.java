package io.minisqld.server.replication.source;

/**
 * What a replica told this source in COM_REGISTER_SLAVE (protocol.md §2.1), kept for
 * {@code SHOW SLAVE HOSTS}.
 *
 * @param serverId     the replica's {@code server_id}
 * @param host         its {@code report_host} (empty when the replica reports none)
 * @param user         its {@code report_user}
 * @param password     its {@code report_password} (never shown)
 * @param port         its {@code report_port}
 * @param rank         the replication rank (always 0)
 * @param masterId     the source's id as the replica sent it, or this source's own id when it sent 0
 * @param connectionId the connection that registered it: the entry lives as long as that connection
 * @param slaveUuid    the replica's {@code @slave_uuid} user variable, empty when it set none
 */
public record RegisteredReplica(long serverId, String host, String user, String password, int port, long rank,
                                long masterId, long connectionId, String slaveUuid) {
}
