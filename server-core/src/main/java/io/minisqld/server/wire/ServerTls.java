package io.minisqld.server.wire;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * The server's end of TLS: the context (its certificate and key, and the CA it checks client
 * certificates against) and the parameters every accepted connection gets (the protocols of
 * {@code tls_version}, the cipher suites of {@code ssl_cipher}, whether a client certificate is
 * asked for).
 */
public record ServerTls(SSLContext context, SSLParameters parameters) {
}
