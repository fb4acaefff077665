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
 * @param certFile         MASTER_SSL_CERT: the replica's certificate (PEM), for a replication
 *                         account that REQUIRE X509; empty for none
 * @param keyFile          MASTER_SSL_KEY: its private key (PEM, PKCS#8 or PKCS#1 RSA)
 * @param cipher           MASTER_SSL_CIPHER: the cipher suites offered (colon-separated names,
 *                         OpenSSL's or the JDK's); empty for the JDK's defaults
 * @param tlsVersion       MASTER_TLS_VERSION: the protocols offered (comma-separated); empty for
 *                         the JDK's defaults
 */
public record ClientTls(boolean enabled, String caFile, boolean verifyServerCert, String certFile, String keyFile,
                        String cipher, String tlsVersion) {
    public static final ClientTls OFF = new ClientTls(false, "", false);

    public ClientTls {
        caFile = caFile == null ? "" : caFile;
        certFile = certFile == null ? "" : certFile;
        keyFile = keyFile == null ? "" : keyFile;
        cipher = cipher == null ? "" : cipher;
        tlsVersion = tlsVersion == null ? "" : tlsVersion;
    }

    public ClientTls(boolean enabled, String caFile, boolean verifyServerCert) {
        this(enabled, caFile, verifyServerCert, "", "", "", "");
    }
}
