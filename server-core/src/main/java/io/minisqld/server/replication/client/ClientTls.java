package io.minisqld.server.replication.client;

/**
 * How a replica's connection to its source uses TLS (CHANGE MASTER TO MASTER_SSL,
 * MASTER_SSL_CA, MASTER_SSL_VERIFY_SERVER_CERT, as MySQL's replica): off; on and encrypting
 * without checking the source's certificate (MASTER_SSL=1 alone, as MySQL); checking it against
 * the CA file; and checking that it names the host connected to.
 *
 * @param enabled          MASTER_SSL
 * @param caFile           MASTER_SSL_CA: the source's CA certificate(s), PEM; empty for none
 * @param verifyServerCert MASTER_SSL_VERIFY_SERVER_CERT: the certificate must name the host
 */
public record ClientTls(boolean enabled, String caFile, boolean verifyServerCert) {
    public static final ClientTls OFF = new ClientTls(false, "", false);
}
