package io.minisqld.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minisqld.testcommon.Program;
import io.minisqld.testsupport.MinisqldHarness;
import io.minisqld.testsupport.SqlRunner;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * TLS for clients as MySQL 5.7 (issue 16, item 1): certificates generated into the datadir at the
 * first start (auto_generate_certs), the SSLRequest then the handshake response over TLS, the
 * mariadb client verifying the server's certificate and name against ca.pem, MariaDB
 * Connector/J with sslMode=verify-full, have_ssl and the Ssl_* status.
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
            // client certificates are not asked for: REQUIRE X509 and its kin are refused
            SqlRunner.on(c).assertError("CREATE USER 'x509'@'%' REQUIRE X509", 1235, "42000",
                    "This version of MySQL doesn't yet support 'REQUIRE X509 (client certificates)'");
        }
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
        }
    }
}
