package io.minisqld.server.replication.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minisqld.testsupport.MinisqldHarness;
import io.minisqld.testsupport.Replication;
import io.minisqld.testsupport.SqlRunner;
import io.minisqld.testsupport.TcpProxy;
import io.minisqld.testsupport.Topology;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Replication over TLS (issue 16, item 2): CHANGE MASTER TO MASTER_SSL=1, MASTER_SSL_CA,
 * MASTER_SSL_VERIFY_SERVER_CERT=1 to a source with generated certificates; rows replicate, SHOW
 * SLAVE STATUS shows the settings (and keeps them across a restart), and a TCP proxy between the
 * two sees none of the rows' bytes in clear.
 */
class ReplicationTlsTest {
    private Topology topology;

    @BeforeEach
    void setUp() throws Exception {
        topology = Topology.temporary();
    }

    @AfterEach
    void tearDown() throws Exception {
        topology.close();
    }

    @Test
    void aReplicaFollowsItsSourceOverVerifiedTls() throws Exception {
        MinisqldHarness source = topology.start(MinisqldHarness.inProcess().name("tls-source").serverId(1).logBin()
                .options("--auto-generate-certs=ON"));
        Replication.createReplicationUser(source);
        MinisqldHarness replica = topology.start(MinisqldHarness.inProcess().name("tls-replica").serverId(2));
        try (TcpProxy proxy = new TcpProxy("tls", source.port())) {
            String ca = source.datadir().resolve("ca.pem").toString();
            Replication.startReplica(replica, proxy.port(), "MASTER_SSL=1", "MASTER_SSL_CA='" + ca + "'",
                    "MASTER_SSL_VERIFY_SERVER_CERT=1");
            try (Connection c = source.newConnection()) {
                SqlRunner.on(c).executeAll("CREATE DATABASE sec", "CREATE TABLE sec.t (id INT PRIMARY KEY, v VARCHAR(40))",
                        "INSERT INTO sec.t VALUES (1, 'secret-plaintext-marker')");
            }
            Replication.awaitCaughtUp(replica, source);
            Replication.assertSameTables(source, replica, "sec");
            Map<String, String> status = Replication.slaveStatus(replica);
            assertEquals(List.of("Yes", ca, "Yes"), List.of(status.get("Master_SSL_Allowed"),
                    status.get("Master_SSL_CA_File"), status.get("Master_SSL_Verify_Server_Cert")), status.toString());
            // neither a row's bytes nor a statement in clear
            proxy.assertEncrypted("secret-plaintext-marker", "CREATE TABLE sec.t");
        }
        // the TLS settings are the master info's: a restarted replica keeps them
        replica.restart();
        Map<String, String> status = Replication.slaveStatus(replica);
        assertEquals("Yes", status.get("Master_SSL_Allowed"), status.toString());
        assertEquals("Yes", status.get("Master_SSL_Verify_Server_Cert"), status.toString());
    }

    @Test
    void aSourceWithoutTlsIsError2026() throws Exception {
        MinisqldHarness source = topology.start(MinisqldHarness.inProcess().name("plain-source").serverId(1).logBin());
        Replication.createReplicationUser(source);
        MinisqldHarness replica = topology.start(MinisqldHarness.inProcess().name("wants-tls").serverId(2));
        Replication.startReplica(replica, source.port(), "MASTER_SSL=1");
        io.minisqld.testcommon.Poll.until("the IO thread's TLS error", java.time.Duration.ofSeconds(20),
                () -> "2026".equals(Replication.slaveStatus(replica).get("Last_IO_Errno")));
        // MySQL's line for a connect failure; 2026 is CR_SSL_CONNECTION_ERROR (the source offers no TLS)
        assertTrue(Replication.slaveStatus(replica).get("Last_IO_Error").startsWith("error connecting to master 'repl@"),
                Replication.slaveStatus(replica).toString());
    }

    /**
     * MASTER_SSL_CERT / MASTER_SSL_KEY / MASTER_SSL_CIPHER / MASTER_TLS_VERSION: the replica presents
     * the source's generated client certificate and offers only the named cipher over TLS 1.2, so a
     * replication account that REQUIRE SUBJECT … AND CIPHER … logs in; without the certificate the
     * IO thread stops on 1045. SHOW SLAVE STATUS shows the four settings, kept across a restart.
     */
    @Test
    void aReplicaPresentsItsCertificateAndChosenCipher() throws Exception {
        MinisqldHarness source = topology.start(MinisqldHarness.inProcess().name("x509-source").serverId(1).logBin()
                .options("--auto-generate-certs=ON"));
        java.nio.file.Path certs = source.datadir();
        String subject = subjectOf(certs.resolve("client-cert.pem"));
        try (Connection c = source.newConnection()) {
            SqlRunner.on(c).executeAll("SET SESSION sql_log_bin = 0",
                    "CREATE USER '" + Replication.USER + "'@'%' IDENTIFIED BY '" + Replication.PASSWORD + "'"
                            + " REQUIRE SUBJECT '" + subject + "' AND CIPHER 'ECDHE-RSA-AES128-GCM-SHA256'",
                    "GRANT REPLICATION SLAVE ON *.* TO '" + Replication.USER + "'@'%'");
        }
        // first without a certificate: the account's clause is not met
        MinisqldHarness replica = topology.start(MinisqldHarness.inProcess().name("x509-replica").serverId(2));
        Replication.startReplica(replica, source.port(), "MASTER_SSL=1",
                "MASTER_SSL_CA='" + certs.resolve("ca.pem") + "'", "MASTER_SSL_VERIFY_SERVER_CERT=1");
        io.minisqld.testcommon.Poll.until("the IO thread's 1045", java.time.Duration.ofSeconds(20),
                () -> "1045".equals(Replication.slaveStatus(replica).get("Last_IO_Errno")));
        replica.executeAll("STOP SLAVE",
                "CHANGE MASTER TO MASTER_SSL_CERT='" + certs.resolve("client-cert.pem") + "', MASTER_SSL_KEY='"
                        + certs.resolve("client-key.pem") + "', MASTER_SSL_CIPHER='ECDHE-RSA-AES128-GCM-SHA256',"
                        + " MASTER_TLS_VERSION='TLSv1.2'",
                "START SLAVE");
        try (Connection c = source.newConnection()) {
            SqlRunner.on(c).executeAll("CREATE DATABASE x", "CREATE TABLE x.t (id INT PRIMARY KEY)",
                    "INSERT INTO x.t VALUES (1), (2)");
        }
        Replication.awaitCaughtUp(replica, source);
        Replication.assertSameTables(source, replica, "x");
        for (int round = 0; round < 2; round++) {
            Map<String, String> status = Replication.slaveStatus(replica);
            assertEquals(List.of(certs.resolve("client-cert.pem").toString(), certs.resolve("client-key.pem").toString(),
                            "ECDHE-RSA-AES128-GCM-SHA256", "TLSv1.2"),
                    List.of(status.get("Master_SSL_Cert"), status.get("Master_SSL_Key"), status.get("Master_SSL_Cipher"),
                            status.get("Master_TLS_Version")), status.toString());
            replica.restart();
        }
    }

    /** OpenSSL's one-line subject of a certificate (`openssl x509 -nameopt compat`). */
    private static String subjectOf(java.nio.file.Path cert) throws Exception {
        io.minisqld.testcommon.Program.Result r = io.minisqld.testcommon.Program.run(List.of("openssl", "x509", "-in",
                cert.toString(), "-noout", "-subject", "-nameopt", "compat"), "", java.time.Duration.ofSeconds(20));
        assertEquals(0, r.exitCode(), r.toString());
        return r.stdout().trim().replaceFirst("^subject=", "");
    }
}
