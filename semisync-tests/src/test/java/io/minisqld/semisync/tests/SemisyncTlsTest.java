package io.minisqld.semisync.tests;

import static io.minisqld.semisync.tests.Cluster.awaitStatus;
import static io.minisqld.semisync.tests.Cluster.exec;
import static io.minisqld.semisync.tests.Cluster.status;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.minisqld.testsupport.MinisqldHarness;
import io.minisqld.testsupport.Replication;
import io.minisqld.testsupport.TcpProxy;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 16, item 2: a minisqld replica with the slave plugin replicates from a minisqld source over
 * TLS (MASTER_SSL=1, the source's CA, the generated client certificate for an account that REQUIRE
 * X509) and its semisync acknowledgements travel on the same encrypted connection: the source counts
 * every transaction as acknowledged, and a TCP proxy between the two sees no row in clear.
 */
class SemisyncTlsTest {
    @RegisterExtension
    final Cluster cluster = new Cluster();

    @Test
    void aMinisqldReplicaAcknowledgesOverTls() throws Exception {
        String[] sourceOptions = java.util.Arrays.copyOf(Cluster.MASTER_LOADED, Cluster.MASTER_LOADED.length + 1);
        sourceOptions[sourceOptions.length - 1] = "--auto-generate-certs=ON";
        MinisqldHarness source = cluster.start("tls-source", 1, sourceOptions);
        exec(source, "SET GLOBAL rpl_semi_sync_master_timeout = 10000");
        Cluster.createReplicationUser(source);
        exec(source, "SET SESSION sql_log_bin = 0", "ALTER USER '" + Replication.USER + "'@'%' REQUIRE X509");
        MinisqldHarness replica = cluster.start("tls-replica", 2, Cluster.SLAVE_LOADED);
        Path certs = source.datadir();
        try (TcpProxy proxy = new TcpProxy("semisync-tls", source.port())) {
            Replication.startReplica(replica, proxy.port(), "MASTER_SSL=1",
                    "MASTER_SSL_CA='" + certs.resolve("ca.pem") + "'", "MASTER_SSL_VERIFY_SERVER_CERT=1",
                    "MASTER_SSL_CERT='" + certs.resolve("client-cert.pem") + "'",
                    "MASTER_SSL_KEY='" + certs.resolve("client-key.pem") + "'");
            awaitStatus(source, "Rpl_semi_sync_master_clients", "1");
            awaitStatus(replica, "Rpl_semi_sync_slave_status", "ON");
            exec(source, "CREATE DATABASE sec", "CREATE TABLE sec.t (id INT PRIMARY KEY, v VARCHAR(40))",
                    "INSERT INTO sec.t VALUES (1, 'secret-plaintext-marker')", "INSERT INTO sec.t VALUES (2, 'x')");
            assertEquals("4", status(source, "Rpl_semi_sync_master_yes_tx"));
            assertEquals("0", status(source, "Rpl_semi_sync_master_no_tx"));
            Replication.awaitCaughtUp(replica, source);
            Replication.assertSameTables(source, replica, "sec");
            Map<String, String> st = Replication.slaveStatus(replica);
            assertEquals(List.of("Yes", "Yes"), List.of(st.get("Master_SSL_Allowed"),
                    st.get("Master_SSL_Verify_Server_Cert")), st.toString());
            // neither a row's bytes nor a statement in clear
            proxy.assertEncrypted("secret-plaintext-marker", "CREATE TABLE sec.t");
        }
    }
}
