package io.minisqld.server.replication.replica;

/**
 * How a replica reaches its source: the CHANGE MASTER TO connection options.
 *
 * @param connectRetrySeconds     MASTER_CONNECT_RETRY (MySQL default 60)
 * @param heartbeatPeriodSeconds  MASTER_HEARTBEAT_PERIOD (default slave_net_timeout / 2); 0 disables
 * @param retryCount              master_retry_count: reconnect attempts before the IO thread gives up
 */
public record SourceSettings(String host, int port, String user, String password, int connectRetrySeconds,
                             double heartbeatPeriodSeconds, long retryCount) {
}
