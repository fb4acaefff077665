package io.minisqld.semisync.tests;

import static io.minisqld.semisync.tests.Cluster.assertLog;
import static io.minisqld.semisync.tests.Cluster.awaitStatus;
import static io.minisqld.semisync.tests.Cluster.exec;
import static io.minisqld.semisync.tests.Cluster.line;
import static io.minisqld.semisync.tests.Cluster.status;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.minisqld.testcommon.Poll;
import io.minisqld.testsupport.MariaDbServer;
import io.minisqld.testsupport.MinisqldHarness;
import io.minisqld.testsupport.Replication;
import io.minisqld.testsupport.SqlRunner;
import io.minisqld.testsupport.TcpProxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Semisync with a real peer: a MariaDB 10.11 replica (semisync built in) acknowledges a minisqld source. */
class SemisyncMariaDbTest {
    @RegisterExtension
    final Cluster cluster = new Cluster();

    @Test
    void realMariaDbReplicaAcknowledgesAMinisqldSource() throws Exception {
        MinisqldHarness source = cluster.start("source", 1, Cluster.MASTER_LOADED);
        exec(source, "SET GLOBAL rpl_semi_sync_master_timeout = 10000");
        Cluster.createReplicationUser(source);
        MariaDbServer mariadb = cluster.mariadb("mariadb-replica", 21, false);
        try (Connection c = mariadb.newConnection()) {
            SqlRunner.on(c).executeAll(
                    Replication.changeMasterTo(source.port(), Replication.FAST_HEARTBEAT, "MASTER_USE_GTID=no"),
                    "START SLAVE");
        }
        // enabled while the IO thread runs: semisync from its next connect, as on MySQL
        try (Connection c = mariadb.newConnection()) {
            SqlRunner.on(c).executeAll("SET GLOBAL rpl_semi_sync_slave_enabled = ON", "STOP SLAVE IO_THREAD",
                    "START SLAVE IO_THREAD");
        }
        awaitStatus(source, "Rpl_semi_sync_master_clients", "1");
        assertLog(source, "\\[Note\\] Start semi-sync binlog_dump to slave \\(server_id: 21\\), pos\\(mysql-bin\\.000001, \\d+\\)$");
        try (Connection c = mariadb.newConnection()) {
            Poll.until("MariaDB's Rpl_semi_sync_slave_status ON", Duration.ofSeconds(30),
                    () -> "ON".equals(SqlRunner.on(c).row("SHOW GLOBAL STATUS LIKE 'Rpl_semi_sync_slave_status'").get("Value")));
        }
        exec(source, "CREATE DATABASE d", "CREATE TABLE d.t (id INT PRIMARY KEY)",
                "INSERT INTO d.t VALUES (1)", "INSERT INTO d.t VALUES (2)");
        assertEquals("4", status(source, "Rpl_semi_sync_master_yes_tx"));
        assertEquals("0", status(source, "Rpl_semi_sync_master_no_tx"));
        assertEquals("0", status(source, "Rpl_semi_sync_master_no_times"));
        assertEquals("ON", status(source, "Rpl_semi_sync_master_status"));
        try (Connection c = mariadb.newConnection()) {
            Poll.until("MariaDB to apply the inserts", Duration.ofSeconds(30), () -> {
                try {
                    return "2".equals(SqlRunner.on(c).value("SELECT COUNT(*) FROM d.t"));
                } catch (java.sql.SQLException notYet) {
                    return false;
                }
            });
        }
        assertLog(source, line("Note", "Semi-sync replication enabled on the master."));
    }

    /**
     * Issue 16, item 2: a real MariaDB 10.11 replica with MASTER_SSL=1, verifying the source's
     * generated certificate and presenting the generated client certificate (its replication
     * account REQUIRE X509), acknowledges semisync over the same TLS connection; a TCP proxy
     * between the two carries no row in clear.
     */
    @Test
    void realMariaDbReplicaAcknowledgesOverTlsWithAClientCertificate() throws Exception {
        MinisqldHarness source = cluster.start("tls-source", 1, concat(Cluster.MASTER_LOADED, "--auto-generate-certs=ON"));
        exec(source, "SET GLOBAL rpl_semi_sync_master_timeout = 10000");
        Cluster.createReplicationUser(source);
        exec(source, "SET SESSION sql_log_bin = 0", "ALTER USER '" + Replication.USER + "'@'%' REQUIRE X509");
        MariaDbServer mariadb = cluster.mariadb("mariadb-tls-replica", 22, false);
        Path certs = source.datadir();
        try (TcpProxy proxy = new TcpProxy("mariadb-tls", source.port())) {
            try (Connection c = mariadb.newConnection()) {
                SqlRunner.on(c).executeAll("SET GLOBAL rpl_semi_sync_slave_enabled = ON",
                        Replication.changeMasterTo(proxy.port(), Replication.FAST_HEARTBEAT, "MASTER_USE_GTID=no",
                                "MASTER_SSL=1", "MASTER_SSL_CA='" + certs.resolve("ca.pem") + "'",
                                "MASTER_SSL_CERT='" + certs.resolve("client-cert.pem") + "'",
                                "MASTER_SSL_KEY='" + certs.resolve("client-key.pem") + "'",
                                "MASTER_SSL_VERIFY_SERVER_CERT=1"),
                        "START SLAVE");
            }
            awaitStatus(source, "Rpl_semi_sync_master_clients", "1");
            exec(source, "CREATE DATABASE sec", "CREATE TABLE sec.t (id INT PRIMARY KEY, v VARCHAR(40))",
                    "INSERT INTO sec.t VALUES (1, 'secret-plaintext-marker')");
            assertEquals("3", status(source, "Rpl_semi_sync_master_yes_tx"));
            assertEquals("0", status(source, "Rpl_semi_sync_master_no_tx"));
            try (Connection c = mariadb.newConnection()) {
                Poll.until("MariaDB to apply the insert", Duration.ofSeconds(30), () -> {
                    try {
                        // a count: the table can be there before its row (value() fails on no row)
                        return "1".equals(SqlRunner.on(c).value(
                                "SELECT COUNT(*) FROM sec.t WHERE v = 'secret-plaintext-marker'"));
                    } catch (java.sql.SQLException notYet) {
                        return false;
                    }
                }, mariadb::diagnostics);
                java.util.Map<String, String> st = SqlRunner.on(c).row("SHOW SLAVE STATUS");
                assertEquals("Yes", st.get("Master_SSL_Allowed"), st.toString());
                assertEquals("Yes", st.get("Master_SSL_Verify_Server_Cert"), st.toString());
                assertEquals("0", st.get("Last_IO_Errno"), st.toString());
            }
            // neither a row's bytes nor a statement in clear
            proxy.assertEncrypted("secret-plaintext-marker", "CREATE TABLE sec.t");
        }
    }

    private static String[] concat(String[] first, String... more) {
        String[] all = java.util.Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }

    @Test
    void minisqldReplicaAcknowledgesARealMariaDbPrimary() throws Exception {
        MariaDbServer mariadb = cluster.mariadb("mariadb-primary", 31, true, "--rpl-semi-sync-master-timeout=10000");
        try (Connection c = mariadb.newConnection()) {
            SqlRunner.on(c).executeAll("SET SESSION sql_log_bin = 0",
                    "CREATE USER '" + Replication.USER + "'@'%' IDENTIFIED BY '" + Replication.PASSWORD + "'",
                    "GRANT REPLICATION SLAVE ON *.* TO '" + Replication.USER + "'@'%'",
                    "SET GLOBAL rpl_semi_sync_master_enabled = ON");
        }
        MinisqldHarness replica = cluster.start("replica", 32, Cluster.SLAVE_LOADED);
        exec(replica, Replication.changeMasterTo(mariadb.port(), Replication.FAST_HEARTBEAT, "MASTER_LOG_FILE='mysql-bin.000001'",
                "MASTER_LOG_POS=4"),
                "START SLAVE");
        awaitStatus(replica, "Rpl_semi_sync_slave_status", "ON");
        try (Connection c = mariadb.newConnection()) {
            Poll.until("MariaDB's Rpl_semi_sync_master_clients 1", Duration.ofSeconds(30),
                    () -> "1".equals(mariaStatus(c, "Rpl_semi_sync_master_clients")), mariadb::diagnostics);
            SqlRunner.on(c).executeAll("CREATE DATABASE d", "CREATE TABLE d.t (id INT PRIMARY KEY)",
                    "INSERT INTO d.t VALUES (1)", "INSERT INTO d.t VALUES (2)");
            assertEquals("4", mariaStatus(c, "Rpl_semi_sync_master_yes_tx"), mariadb.diagnostics());
            assertEquals("0", mariaStatus(c, "Rpl_semi_sync_master_no_tx"));
            assertEquals("ON", mariaStatus(c, "Rpl_semi_sync_master_status"));
        }
        try (Connection c = replica.newConnection()) {
            Poll.until("the replica to apply the inserts", Duration.ofSeconds(30), () -> {
                try {
                    return "2".equals(SqlRunner.on(c).value("SELECT COUNT(*) FROM d.t"));
                } catch (java.sql.SQLException notYet) {
                    return false;
                }
            });
        }
        assertLog(replica, "\\[Note\\] Slave I/O thread: Start semi-sync replication to master 'repl@127\\.0\\.0\\.1:"
                + mariadb.port() + "' in log 'mysql-bin\\.000001' at position 4$");
    }

    private static String mariaStatus(Connection c, String name) throws java.sql.SQLException {
        return SqlRunner.on(c).row("SHOW GLOBAL STATUS LIKE '" + name + "'").get("Value");
    }
}
