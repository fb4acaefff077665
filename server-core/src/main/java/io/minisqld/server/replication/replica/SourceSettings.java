package io.minisqld.server.replication.replica;

/**
 * How a replica reaches its source: the CHANGE MASTER TO connection options.
 *
 * @param connectRetrySeconds     MASTER_CONNECT_RETRY (MySQL default 60)
 * @param heartbeatPeriodSeconds  MASTER_HEARTBEAT_PERIOD (default slave_net_timeout / 2); 0 disables
 * @param retryCount              master_retry_count: reconnect attempts before the IO thread gives up
 * @param tls                     MASTER_SSL, MASTER_SSL_CA, MASTER_SSL_VERIFY_SERVER_CERT
 * @param autoPosition            MASTER_AUTO_POSITION: the dump is asked for by GTIDs (COM_BINLOG_DUMP_GTID)
 */
public record SourceSettings(String host, int port, String user, String password, int connectRetrySeconds,
                             double heartbeatPeriodSeconds, long retryCount,
                             io.minisqld.server.replication.client.ClientTls tls, boolean autoPosition) {
    /** Settings positioned by file and offset. */
    public SourceSettings(String host, int port, String user, String password, int connectRetrySeconds,
                          double heartbeatPeriodSeconds, long retryCount,
                          io.minisqld.server.replication.client.ClientTls tls) {
        this(host, port, user, password, connectRetrySeconds, heartbeatPeriodSeconds, retryCount, tls, false);
    }

    /** Settings of a plain (no TLS) connection. */
    public SourceSettings(String host, int port, String user, String password, int connectRetrySeconds,
                          double heartbeatPeriodSeconds, long retryCount) {
        this(host, port, user, password, connectRetrySeconds, heartbeatPeriodSeconds, retryCount,
                io.minisqld.server.replication.client.ClientTls.OFF);
    }
}
