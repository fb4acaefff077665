package io.minisqld.server.replication.io;

import static io.minisqld.server.replication.io.IoTestKit.await;
import static io.minisqld.server.replication.io.IoTestKit.exec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.minisqld.plugin.api.LogPosition;
import io.minisqld.server.binlog.PositionedEvent;
import io.minisqld.server.binlog.event.EventType;
import io.minisqld.server.replication.replica.IoThread;
import io.minisqld.server.replication.replica.IoThreadConfig;
import io.minisqld.server.replication.replica.MasterInfo;
import io.minisqld.server.replication.replica.RelayLog;
import io.minisqld.server.replication.replica.SourceSettings;
import io.minisqld.server.storage.RealFileLayer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The IO thread against a real MariaDB 10.11 primary (Debian's mariadb-server, started from a
 * fresh mariadb-install-db datadir in a temporary folder and stopped by its pid): MariaDB's
 * greeting and auth, its GTID, GTID list and binlog checkpoint events relay-logged with
 * checksums verified, and positions equal to the primary's SHOW MASTER STATUS.
 */
class MariaDbPrimaryTest {
    private static final Path MARIADBD = Path.of("/usr/sbin/mariadbd");
    private static final Path INSTALL_DB = Path.of("/usr/bin/mariadb-install-db");

    @TempDir
    Path dir;

    @Test
    void replicatesTheEventsOfARealMariaDbPrimary() throws Exception {
        assertTrue(Files.isExecutable(MARIADBD), MARIADBD + " is missing: install mariadb-server");
        Path data = dir.resolve("data");
        run(List.of(INSTALL_DB.toString(), "--no-defaults", "--datadir=" + data, "--user=root",
                "--auth-root-authentication-method=normal", "--skip-test-db"));
        int port = IoTestKit.freePort();
        Process mariadb = new ProcessBuilder(MARIADBD.toString(), "--no-defaults", "--user=root", "--datadir=" + data,
                "--port=" + port, "--bind-address=127.0.0.1", "--socket=" + dir.resolve("sock"),
                "--pid-file=" + dir.resolve("mariadbd.pid"), "--log-error=" + dir.resolve("error.log"),
                "--server-id=10", "--log-bin=mysql-bin", "--binlog-format=STATEMENT", "--skip-name-resolve",
                "--innodb-log-file-size=8M", "--innodb-buffer-pool-size=32M")
                .redirectErrorStream(true).redirectOutput(dir.resolve("console.txt").toFile()).start();
        try (IoTestKit kit = IoTestKit.start("mariadb")) {
            String url = "jdbc:mariadb://127.0.0.1:" + port + "/?user=root&password=";
            awaitConnectable(mariadb, url);
            try (Connection c = DriverManager.getConnection(url)) {
                exec(c, "CREATE USER 'repl'@'%' IDENTIFIED BY 'slavepass'",
                        "GRANT REPLICATION SLAVE ON *.* TO 'repl'@'%'",
                        "CREATE DATABASE shop", "CREATE TABLE shop.t (id INT PRIMARY KEY AUTO_INCREMENT, v VARCHAR(20)) ENGINE=InnoDB",
                        "INSERT INTO shop.t (v) VALUES ('a'), ('b')",
                        "BEGIN", "INSERT INTO shop.t (v) VALUES ('c')", "UPDATE shop.t SET v = 'z' WHERE id = 1", "COMMIT",
                        "FLUSH LOGS", "INSERT INTO shop.t (v) VALUES ('d')");
            }
            RelayLog relay = RelayLog.open(new RealFileLayer(), kit.replica.datadir(), "mdb-relay-bin", 2,
                    kit.replica.version());
            List<LogPosition> synced = new CopyOnWriteArrayList<>();
            IoThread io = new IoThread(new IoThreadConfig(
                    new SourceSettings("127.0.0.1", port, "repl", "slavepass", 1, 0.5, 86400), MasterInfo.SOURCE_START, 2,
                    relay, kit.replica.observers(),
                    new io.minisqld.server.log.ServerThreadFactory(kit.replica.serverKey(), "slave-io"), synced::add,
                    null, 5));
            io.start();
            try {
                LogPosition target = masterStatus(url);
                await("read up to " + target + ", status " + io.status(), Duration.ofSeconds(30),
                        () -> io.status().read().equals(target));
                assertEquals("Yes", io.status().running());
                assertEquals(10, io.status().masterServerId());
                assertEquals(0, io.status().lastErrno(), io.status().lastError());

                Set<Integer> types = new HashSet<>();
                int queries = 0;
                for (String f : relay.files()) {
                    for (PositionedEvent e : IoTestKit.relayEvents(new RealFileLayer(), relay.path(f))) {
                        types.add(e.header().type());
                        if (e.header().type() == EventType.QUERY.code()) queries++;
                    }
                }
                assertTrue(types.containsAll(List.of(EventType.MARIADB_GTID.code(), EventType.GTID_LIST.code(),
                        EventType.BINLOG_CHECKPOINT.code(), EventType.QUERY.code(), EventType.XID.code(),
                        EventType.ROTATE.code(), EventType.FORMAT_DESCRIPTION.code())), types.toString());
                assertTrue(queries >= 7, "queries " + queries);
                assertTrue(!types.contains(EventType.HEARTBEAT.code()) && !types.contains(EventType.STOP.code()));
            } finally {
                io.stop();
                relay.close();
            }
        } finally {
            stop(mariadb);
        }
    }

    private static LogPosition masterStatus(String url) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SHOW MASTER STATUS")) {
            if (!rs.next()) fail("no SHOW MASTER STATUS row");
            return new LogPosition(rs.getString(1), rs.getLong(2));
        }
    }

    private void awaitConnectable(Process p, String url) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            if (!p.isAlive()) fail("mariadbd exited:\n" + Files.readString(dir.resolve("error.log")));
            try (Connection c = DriverManager.getConnection(url)) {
                return;
            } catch (SQLException notYet) {
                if (System.nanoTime() > deadline) fail("mariadbd not ready:\n" + Files.readString(dir.resolve("error.log")));
                p.waitFor(100, TimeUnit.MILLISECONDS);
            }
        }
    }

    private void stop(Process p) throws Exception {
        ProcessHandle h = p.toHandle();
        h.destroy();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            h.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private void run(List<String> cmd) throws Exception {
        Path out = dir.resolve("install-db.txt");
        Process p = new ProcessBuilder(new ArrayList<>(cmd)).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            fail("mariadb-install-db failed:\n" + Files.readString(out));
        }
    }
}
