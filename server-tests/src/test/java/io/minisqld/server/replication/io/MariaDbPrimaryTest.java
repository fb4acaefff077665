package io.minisqld.server.replication.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minisqld.plugin.api.LogPosition;
import io.minisqld.server.binlog.PositionedEvent;
import io.minisqld.server.binlog.event.EventType;
import io.minisqld.server.replication.replica.IoThread;
import io.minisqld.server.replication.replica.IoThreadConfig;
import io.minisqld.server.replication.replica.MasterInfo;
import io.minisqld.server.replication.replica.RelayLog;
import io.minisqld.server.replication.replica.SourceSettings;
import io.minisqld.server.storage.RealFileLayer;
import io.minisqld.testcommon.Poll;
import io.minisqld.testsupport.MariaDbServer;
import io.minisqld.testsupport.Replication;
import io.minisqld.testsupport.SqlRunner;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The IO thread against a real MariaDB 10.11 primary (Debian's mariadb-server, started by the
 * fixture in a temporary folder and stopped by its pid): MariaDB's
 * greeting and auth, its GTID, GTID list and binlog checkpoint events relay-logged with
 * checksums verified, and positions equal to the primary's SHOW MASTER STATUS.
 */
class MariaDbPrimaryTest {
    @TempDir
    Path dir;

    @Test
    void replicatesTheEventsOfARealMariaDbPrimary() throws Exception {
        try (MariaDbServer mariadb = MariaDbServer.start(dir, "primary", 10, true);
             IoThreadRig kit = IoThreadRig.start("mariadb")) {
            try (Connection c = mariadb.newConnection()) {
                SqlRunner.on(c).executeAll("CREATE USER 'repl'@'%' IDENTIFIED BY 'slavepass'",
                        "GRANT REPLICATION SLAVE ON *.* TO 'repl'@'%'",
                        "CREATE DATABASE shop",
                        "CREATE TABLE shop.t (id INT PRIMARY KEY AUTO_INCREMENT, v VARCHAR(20)) ENGINE=InnoDB",
                        "INSERT INTO shop.t (v) VALUES ('a'), ('b')",
                        "BEGIN", "INSERT INTO shop.t (v) VALUES ('c')", "UPDATE shop.t SET v = 'z' WHERE id = 1", "COMMIT",
                        "FLUSH LOGS", "INSERT INTO shop.t (v) VALUES ('d')");
            }
            RelayLog relay = RelayLog.open(new RealFileLayer(), kit.replica.datadir(), "mdb-relay-bin", 2,
                    kit.replica.version());
            List<LogPosition> synced = new CopyOnWriteArrayList<>();
            IoThread io = new IoThread(new IoThreadConfig(
                    new SourceSettings("127.0.0.1", mariadb.port(), "repl", "slavepass", 1, 0.5, 86400), MasterInfo.SOURCE_START, 2,
                    relay, kit.replica.observers(),
                    new io.minisqld.server.log.ServerThreadFactory(kit.replica.serverKey(), "slave-io"), synced::add,
                    null, 5));
            io.start();
            try {
                LogPosition target = Replication.masterStatus(mariadb);
                Poll.until("read up to " + target, Duration.ofSeconds(30), () -> target.isAtOrBefore(io.status().read()),
                        () -> "status " + io.status());
                assertEquals("Yes", io.status().running());
                assertEquals(10, io.status().masterServerId());
                assertEquals(0, io.status().lastErrno(), io.status().lastError());

                Set<Integer> types = new HashSet<>();
                int queries = 0;
                for (String f : relay.files()) {
                    for (PositionedEvent e : RelayLogFiles.events(new RealFileLayer(), relay.path(f))) {
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
        }
    }
}
