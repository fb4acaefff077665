package io.minisqld.server.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** auto_generate_certs: the datadir's CA, server and client certificates, and a TLS handshake with them. */
class TlsMaterialTest {
    @TempDir
    Path datadir;

    @Test
    void generatedCertificatesChainToTheCaAndNameThisMachine() throws Exception {
        TlsMaterial material = TlsMaterial.inDatadir(datadir, "5.7.44");
        for (String f : List.of("ca.pem", "ca-key.pem", "server-cert.pem", "server-key.pem", "client-cert.pem",
                "client-key.pem")) {
            assertTrue(Files.exists(datadir.resolve(f)), f);
        }
        assertEquals(PosixFilePermissions.fromString("rw-------"),
                Files.getPosixFilePermissions(datadir.resolve("server-key.pem")));
        X509Certificate ca;
        try (InputStream in = Files.newInputStream(datadir.resolve("ca.pem"))) {
            ca = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        X509Certificate server = material.certificate();
        server.verify(ca.getPublicKey());
        assertEquals("CN=MySQL_Server_5.7.44_Auto_Generated_Server_Certificate", server.getSubjectX500Principal().getName());
        assertEquals("CN=MySQL_Server_5.7.44_Auto_Generated_CA_Certificate", server.getIssuerX500Principal().getName());
        assertEquals(3, server.getVersion());
        assertEquals(-1, server.getBasicConstraints());
        assertTrue(ca.getBasicConstraints() >= 0, "the CA is a CA");
        assertEquals(List.of(List.of(2, "localhost"), List.of(7, "127.0.0.1")), server.getSubjectAlternativeNames()
                .stream().map(n -> List.of(n.get(0), n.get(1))).toList());
        // a second start reads the same files
        assertEquals(server, TlsMaterial.inDatadir(datadir, "5.7.44").certificate());

        // a client trusting ca.pem completes a TLS handshake with the server's context and checks the name
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", ca);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext client = SSLContext.getInstance("TLS");
        client.init(null, tmf.getTrustManagers(), null);
        try (SSLServerSocket listener = (SSLServerSocket) material.sslContext().getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread accept = new Thread(() -> {
                try (SSLSocket s = (SSLSocket) listener.accept()) {
                    s.getOutputStream().write(42);
                    s.getOutputStream().flush();
                } catch (Exception ignored) {
                    // the client's assertion reports a failed handshake
                }
            });
            accept.start();
            try (SSLSocket s = (SSLSocket) client.getSocketFactory().createSocket("127.0.0.1", listener.getLocalPort())) {
                javax.net.ssl.SSLParameters p = s.getSSLParameters();
                p.setEndpointIdentificationAlgorithm("HTTPS");
                s.setSSLParameters(p);
                assertEquals(42, s.getInputStream().read());
            }
            accept.join(10_000);
        }
    }

    @Test
    void aPkcs1RsaKeyAsMysqlWritesItIsRead() throws Exception {
        TlsMaterial.inDatadir(datadir, "5.7.44");
        Path pkcs1 = datadir.resolve("rsa.pem");
        Process p = new ProcessBuilder("openssl", "rsa", "-in", datadir.resolve("server-key.pem").toString(),
                "-out", pkcs1.toString(), "-traditional").redirectErrorStream(true).start();
        assertEquals(0, p.waitFor(), new String(p.getInputStream().readAllBytes()));
        assertTrue(Files.readString(pkcs1).contains("BEGIN RSA PRIVATE KEY"));
        TlsMaterial.load(datadir.resolve("server-cert.pem"), pkcs1, datadir.resolve("ca.pem")).sslContext();
    }
}
