package io.minisqld.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minisqld.testcommon.Program;
import io.minisqld.testsupport.MinisqldHarness;
import io.minisqld.testsupport.SqlRunner;
import io.minisqld.server.StartupException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * TLS for clients as MySQL 5.7 (issue 16, item 1): certificates generated into the datadir at the
 * first start (auto_generate_certs), the SSLRequest then the handshake response over TLS, the
 * mariadb client verifying the server's certificate and name against ca.pem, MariaDB
 * Connector/J with sslMode=verify-full and MySQL Connector/J with VERIFY_CA, have_ssl and the
 * Ssl_* status; require_secure_transport, tls_version and ssl_cipher; client certificates for
 * REQUIRE X509 / ISSUER / SUBJECT / CIPHER.
 */
class TlsTest {
    private static MinisqldHarness server;

    @BeforeAll
    static void start() throws Exception {
        server = MinisqldHarness.inProcess().name("tls").serverId(1).options("--auto-generate-certs=ON").start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) server.close();
    }

    @Test
    void theMariadbClientVerifiesTheGeneratedCertificate() throws Exception {
        for (String f : List.of("ca.pem", "ca-key.pem", "server-cert.pem", "server-key.pem", "client-cert.pem",
                "client-key.pem")) {
            assertTrue(Files.exists(server.datadir().resolve(f)), f);
        }
        assertTrue(server.errorLogText().contains("[Note] Auto generated SSL certificates are placed in data directory."));
        Program.Result r = server.mariadb("\\s\nSHOW SESSION STATUS LIKE 'Ssl_version';\n", "--ssl",
                "--ssl-verify-server-cert", "--ssl-ca=" + server.datadir().resolve("ca.pem"));
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.stdout().matches("(?s).*SSL:\\s+Cipher in use is TLS_\\w+.*"), r.stdout());
        assertTrue(r.stdout().contains("Ssl_version\tTLSv1."), r.stdout());
        // a plain connection goes on working, without TLS (this client uses TLS by default when the server offers it)
        Program.Result plain = server.mariadb("SHOW SESSION STATUS LIKE 'Ssl_cipher';\n", "--skip-ssl");
        assertEquals(0, plain.exitCode(), plain.toString());
        assertTrue(plain.stdout().contains("Ssl_cipher\t\n"), plain.stdout());
    }

    @Test
    void connectorJVerifiesTheServerAndReportsTheCipher() throws Exception {
        String url = server.jdbcUrl("root") + "&sslMode=verify-full&serverSslCert=" + server.datadir().resolve("ca.pem");
        try (Connection c = DriverManager.getConnection(url)) {
            Map<String, String> cipher = SqlRunner.on(c).row("SHOW SESSION STATUS LIKE 'Ssl_cipher'");
            assertTrue(cipher.get("Value").startsWith("TLS_"), cipher.toString());
            assertEquals(List.of(List.of("YES", "YES", "ca.pem", "server-cert.pem", "server-key.pem")),
                    SqlRunner.on(c).rows("SELECT @@have_ssl, @@have_openssl, @@ssl_ca, @@ssl_cert, @@ssl_key"));
            // Ssl_server_not_after, ten years ahead, in OpenSSL's form
            String notAfter = SqlRunner.on(c).row("SHOW GLOBAL STATUS LIKE 'Ssl_server_not_after'").get("Value");
            assertTrue(notAfter.matches("[A-Z][a-z]{2} [ \\d]\\d \\d\\d:\\d\\d:\\d\\d \\d{4} GMT"), notAfter);
            assertTrue(Long.parseLong(SqlRunner.on(c).row("SHOW GLOBAL STATUS LIKE 'Ssl_accepts'").get("Value")) >= 1);
        }
    }

    /**
     * MySQL Connector/J with sslMode=VERIFY_CA (the CA in a trust store, as its users give it), and
     * with the generated client certificate in a key store for an account that REQUIRE X509.
     */
    @Test
    void mysqlConnectorJVerifiesTheCaAndPresentsAClientCertificate() throws Exception {
        Path stores = Files.createTempDirectory(server.folder(), "stores");
        Path trust = stores.resolve("trust.p12");
        KeyStore ts = KeyStore.getInstance("PKCS12");
        ts.load(null, null);
        ts.setCertificateEntry("ca", pemCertificate(server.datadir().resolve("ca.pem")));
        try (OutputStream out = Files.newOutputStream(trust)) {
            ts.store(out, "secret".toCharArray());
        }
        Path keys = stores.resolve("client.p12");
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("client", pemKey(server.datadir().resolve("client-key.pem")), "secret".toCharArray(),
                new java.security.cert.Certificate[] {pemCertificate(server.datadir().resolve("client-cert.pem"))});
        try (OutputStream out = Files.newOutputStream(keys)) {
            ks.store(out, "secret".toCharArray());
        }
        String verifyCa = "sslMode=VERIFY_CA&trustCertificateKeyStoreUrl=" + trust.toUri()
                + "&trustCertificateKeyStoreType=PKCS12&trustCertificateKeyStorePassword=secret";
        String mysqlUrl = "jdbc:mysql://127.0.0.1:" + server.port() + "/?user=root&" + verifyCa;
        try (Connection c = DriverManager.getConnection(mysqlUrl)) {
            String cipher = SqlRunner.on(c).row("SHOW SESSION STATUS LIKE 'Ssl_cipher'").get("Value");
            assertFalse(cipher.isEmpty());
        }
        server.executeAll("CREATE USER 'certjdbc'@'%' IDENTIFIED BY 'pw' REQUIRE X509");
        try {
            String withCert = "jdbc:mysql://127.0.0.1:" + server.port() + "/?user=certjdbc&password=pw&" + verifyCa
                    + "&clientCertificateKeyStoreUrl=" + keys.toUri()
                    + "&clientCertificateKeyStoreType=PKCS12&clientCertificateKeyStorePassword=secret";
            try (Connection c = DriverManager.getConnection(withCert)) {
                assertEquals(List.of(List.of("certjdbc@%")), SqlRunner.on(c).rows("SELECT CURRENT_USER()"));
            }
            SQLException refused = assertThrows(SQLException.class, () -> DriverManager.getConnection(
                    "jdbc:mysql://127.0.0.1:" + server.port() + "/?user=certjdbc&password=pw&" + verifyCa).close());
            assertEquals(1045, refused.getErrorCode(), refused.toString());
        } finally {
            server.execute("DROP USER 'certjdbc'@'%'");
        }
    }

    /**
     * CREATE USER … REQUIRE X509 / ISSUER / SUBJECT / CIPHER (MySQL 5.7): the server asks for a
     * client certificate and checks it against ssl_ca; the issuer and subject are compared in
     * OpenSSL's one-line form (what `openssl x509 -nameopt compat` prints), the cipher by OpenSSL's
     * name (what Ssl_cipher shows). An account whose clause is not met gets 1045, as MySQL.
     */
    @Test
    void requireX509IssuerSubjectAndCipherCheckTheClient() throws Exception {
        String ca = "--ssl-ca=" + server.datadir().resolve("ca.pem");
        String[] cert = {"--ssl-cert=" + server.datadir().resolve("client-cert.pem"),
            "--ssl-key=" + server.datadir().resolve("client-key.pem")};
        String subject = opensslName("-subject", "client-cert.pem");
        String issuer = opensslName("-issuer", "client-cert.pem");
        assertTrue(subject.matches("/CN=MySQL_Server_5\\.7\\.\\d+_Auto_Generated_Client_Certificate"), subject);
        server.executeAll("CREATE USER 'x509'@'%' IDENTIFIED BY 'pw' REQUIRE X509",
                "CREATE USER 'named'@'%' IDENTIFIED BY 'pw' REQUIRE SUBJECT '" + subject + "' AND ISSUER '" + issuer + "'",
                "CREATE USER 'other'@'%' IDENTIFIED BY 'pw' REQUIRE SUBJECT '/CN=someone else'",
                "CREATE USER 'cipher'@'%' IDENTIFIED BY 'pw' REQUIRE CIPHER 'ECDHE-RSA-AES128-GCM-SHA256'");
        try {
            assertTrue(server.rows("SHOW CREATE USER 'x509'@'%'").get(0).get(0).endsWith(
                    "' REQUIRE X509 PASSWORD EXPIRE DEFAULT ACCOUNT UNLOCK"));
            assertTrue(server.rows("SHOW CREATE USER 'named'@'%'").get(0).get(0).endsWith("' REQUIRE ISSUER '" + issuer
                    + "' SUBJECT '" + subject + "' PASSWORD EXPIRE DEFAULT ACCOUNT UNLOCK"));
            assertEquals(List.of(List.of("X509", "", "", ""), List.of("SPECIFIED", "", issuer, subject)),
                    server.rows("SELECT ssl_type, ssl_cipher, x509_issuer, x509_subject FROM mysql.user"
                            + " WHERE user IN ('x509', 'named') ORDER BY user DESC"));
            for (String user : List.of("x509", "named")) {
                Program.Result with = server.mariadb("SELECT CURRENT_USER();\n", concat(List.of("--ssl", ca,
                        "-u" + user, "-ppw"), cert));
                assertEquals(0, with.exitCode(), with.toString());
                assertTrue(with.stdout().contains(user + "@%"), with.stdout());
                Program.Result without = server.mariadb("SELECT 1;\n", "--ssl", ca, "-u" + user, "-ppw");
                assertTrue(without.stderr().contains("ERROR 1045 (28000): Access denied for user '" + user
                        + "'@'localhost' (using password: YES)"), without.toString());
            }
            Program.Result wrongSubject = server.mariadb("SELECT 1;\n", concat(List.of("--ssl", ca, "-uother", "-ppw"), cert));
            assertTrue(wrongSubject.stderr().contains("ERROR 1045 (28000)"), wrongSubject.toString());

            // CIPHER: met by a client that chose it (TLS 1.2), not by the TLS 1.3 default
            Program.Result chosen = server.mariadb("SHOW SESSION STATUS LIKE 'Ssl_cipher';\n", "--ssl", ca,
                    "--tls-version=TLSv1.2", "--ssl-cipher=ECDHE-RSA-AES128-GCM-SHA256", "-ucipher", "-ppw");
            assertEquals(0, chosen.exitCode(), chosen.toString());
            assertTrue(chosen.stdout().contains("Ssl_cipher\tECDHE-RSA-AES128-GCM-SHA256"), chosen.stdout());
            Program.Result other = server.mariadb("SELECT 1;\n", "--ssl", ca, "-ucipher", "-ppw");
            assertTrue(other.stderr().contains("ERROR 1045 (28000)"), other.toString());

            server.assertError("CREATE USER 'dup'@'%' REQUIRE CIPHER 'a' AND CIPHER 'b'", 1225, "HY000",
                    "Option 'CIPHER' used twice in statement");
        } finally {
            server.executeAll("DROP USER 'x509'@'%', 'named'@'%', 'other'@'%', 'cipher'@'%'");
        }
    }

    /**
     * require_secure_transport (MySQL 5.7.8): ON refuses every plain TCP client with 3159 before
     * its account is looked at; TLS clients go on.
     */
    @Test
    void requireSecureTransportRefusesPlainTcp() throws Exception {
        assertEquals(List.of(List.of("0")), server.rows("SELECT @@GLOBAL.require_secure_transport"));
        server.execute("SET GLOBAL require_secure_transport = ON");
        try {
            Program.Result plain = server.mariadb("SELECT 1;\n", "--skip-ssl");
            assertTrue(plain.stderr().contains("ERROR 3159 (HY000): Connections using insecure transport are prohibited"
                    + " while --require_secure_transport=ON."), plain.toString());
            Program.Result tls = server.mariadb("SELECT 1;\n", "--ssl", "--ssl-verify-server-cert",
                    "--ssl-ca=" + server.datadir().resolve("ca.pem"));
            assertEquals(0, tls.exitCode(), tls.toString());
        } finally {
            server.execute("SET GLOBAL require_secure_transport = OFF");
        }
        assertEquals(0, server.mariadb("SELECT 1;\n", "--skip-ssl").exitCode());
    }

    /**
     * tls_version and ssl_cipher choose what the server offers: a TLS 1.2 server with one cipher
     * serves a client with that cipher, names a cipher it does not know in the error log, and
     * refuses a TLS 1.3-only client; a value that leaves nothing refuses the start.
     */
    @Test
    void tlsVersionAndSslCipherChooseWhatIsOffered() throws Exception {
        try (MinisqldHarness narrow = MinisqldHarness.inProcess().name("tls12").serverId(1).options(
                "--auto-generate-certs=ON", "--tls-version=TLSv1,TLSv1.2",
                "--ssl-cipher=ECDHE-RSA-AES256-GCM-SHA384:NOT-A-CIPHER").start()) {
            assertEquals(List.of(List.of("TLSv1.2", "ECDHE-RSA-AES256-GCM-SHA384:NOT-A-CIPHER")),
                    narrow.rows("SELECT @@tls_version, @@ssl_cipher"));
            String log = narrow.errorLogText();
            assertTrue(log.contains("tls_version: TLSv1 is disabled in this server's Java runtime"), log);
            assertTrue(log.contains("ssl_cipher: NOT-A-CIPHER is not a cipher this server offers"), log);
            String ca = "--ssl-ca=" + narrow.datadir().resolve("ca.pem");
            Program.Result r = narrow.mariadb("\\s\nSHOW SESSION STATUS LIKE 'Ssl_version';\n", "--ssl",
                    "--ssl-verify-server-cert", ca);
            assertEquals(0, r.exitCode(), r.toString());
            assertTrue(r.stdout().matches("(?s).*SSL:\\s+Cipher in use is ECDHE-RSA-AES256-GCM-SHA384.*"), r.stdout());
            assertTrue(r.stdout().contains("Ssl_version\tTLSv1.2"), r.stdout());
            Program.Result tls13 = narrow.mariadb("SELECT 1;\n", "--ssl", ca, "--tls-version=TLSv1.3");
            assertTrue(tls13.exitCode() != 0, tls13.toString());
        }
        StartupException old = assertThrows(StartupException.class, () -> MinisqldHarness.inProcess().name("tls11")
                .serverId(1).options("--auto-generate-certs=ON", "--tls-version=TLSv1.1").start().close());
        assertTrue(old.getMessage().contains("tls_version 'TLSv1.1' leaves no protocol this server can offer"),
                old.getMessage());
        StartupException keyword = assertThrows(StartupException.class, () -> MinisqldHarness.inProcess()
                .name("cipher-kw").serverId(1).options("--auto-generate-certs=ON", "--ssl-cipher=HIGH:!aNULL")
                .start().close());
        assertTrue(keyword.getMessage().contains("ssl_cipher: 'HIGH' is not a cipher name"), keyword.getMessage());
    }

    /** CREATE USER … REQUIRE SSL: the account logs in over TLS only (1045 otherwise, as MySQL). */
    @Test
    void anAccountThatRequiresSslIsRefusedOverPlainTcp() throws Exception {
        server.executeAll("CREATE USER 'tlsonly'@'%' IDENTIFIED BY 'pw' REQUIRE SSL", "GRANT SELECT ON *.* TO 'tlsonly'@'%'");
        assertEquals(List.of(List.of("CREATE USER 'tlsonly'@'%' IDENTIFIED WITH 'mysql_native_password' AS '"
                        + server.rows("SELECT authentication_string FROM mysql.user WHERE user = 'tlsonly'").get(0).get(0)
                        + "' REQUIRE SSL PASSWORD EXPIRE DEFAULT ACCOUNT UNLOCK")),
                server.rows("SHOW CREATE USER 'tlsonly'@'%'"));
        Program.Result plain = server.mariadb("SELECT CURRENT_USER();\n", "--skip-ssl", "-utlsonly", "-ppw");
        assertTrue(plain.exitCode() != 0, plain.toString());
        assertTrue(plain.stderr().contains("ERROR 1045 (28000): Access denied for user 'tlsonly'@'localhost' (using"
                + " password: YES)"), plain.stderr());
        Program.Result tls = server.mariadb("SELECT CURRENT_USER();\n", "--ssl", "--ssl-verify-server-cert",
                "--ssl-ca=" + server.datadir().resolve("ca.pem"), "-utlsonly", "-ppw");
        assertEquals(0, tls.exitCode(), tls.toString());
        assertTrue(tls.stdout().contains("tlsonly@%"), tls.stdout());
        // REQUIRE NONE lifts it
        server.execute("ALTER USER 'tlsonly'@'%' REQUIRE NONE");
        assertEquals(0, server.mariadb("SELECT 1;\n", "--skip-ssl", "-utlsonly", "-ppw").exitCode());
        server.execute("DROP USER 'tlsonly'@'%'");
    }

    @Test
    void withoutCertificatesTlsIsOffAndSaysSo() throws Exception {
        try (MinisqldHarness off = MinisqldHarness.inProcess().name("no-tls").serverId(1).start()) {
            assertEquals(List.of(List.of("DISABLED")), off.rows("SELECT @@have_ssl"));
            Program.Result r = off.mariadb("SELECT 1;\n", "--ssl", "--ssl-verify-server-cert");
            assertTrue(r.exitCode() != 0, r.toString());
            assertTrue(r.stderr().contains("SSL"), r.stderr());
            off.assertError("SET GLOBAL require_secure_transport = ON", 3160, "HY000", "No secure transports (SSL or"
                    + " Shared Memory) are configured, unable to set --require_secure_transport=ON.");
        }
        StartupException e = assertThrows(StartupException.class, () -> MinisqldHarness.inProcess().name("rst")
                .serverId(1).options("--require-secure-transport=ON").start().close());
        assertTrue(e.getMessage().contains("No secure transports (SSL or Shared Memory) are configured"), e.getMessage());
    }

    /** OpenSSL's own one-line rendering of a certificate's name (the independent reference). */
    private static String opensslName(String which, String file) throws Exception {
        Program.Result r = Program.run(List.of("openssl", "x509", "-in", server.datadir().resolve(file).toString(),
                "-noout", which, "-nameopt", "compat"), "", Duration.ofSeconds(20));
        assertEquals(0, r.exitCode(), r.toString());
        return r.stdout().trim().replaceFirst("^(subject|issuer)=", "");
    }

    private static java.security.cert.Certificate pemCertificate(Path file) throws Exception {
        try (InputStream in = Files.newInputStream(file)) {
            return CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    private static PrivateKey pemKey(Path file) throws Exception {
        String pem = Files.readString(file).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
    }

    private static String[] concat(List<String> first, String[] more) {
        List<String> all = new ArrayList<>(first);
        all.addAll(List.of(more));
        return all.toArray(new String[0]);
    }
}
