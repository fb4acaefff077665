package io.minisqld.server.replication.io;

import io.minisqld.plugin.api.LogPosition;
import io.minisqld.server.MiniSqlServer;
import io.minisqld.server.log.ServerThreadFactory;
import io.minisqld.server.replication.replica.IoThread;
import io.minisqld.server.replication.replica.ReportedIdentity;
import io.minisqld.server.replication.replica.IoThreadConfig;
import io.minisqld.server.replication.replica.MasterInfo;
import io.minisqld.server.replication.replica.RelayLog;
import io.minisqld.server.replication.replica.SourceSettings;
import io.minisqld.server.storage.FileLayer;
import io.minisqld.server.storage.RealFileLayer;
import io.minisqld.testcommon.Poll;
import io.minisqld.testsupport.MinisqldHarness;
import io.minisqld.testsupport.Replication;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An IO thread under test and what it talks to, for the IO thread tests: a source (a fixture
 * server with the binlog on, server_id 1 and the account repl/slavepass; it restarts at the same
 * port), a replica server (server_id 2, no binlog) whose error log, observers and thread factory
 * the IO thread uses, the replica's relay log in its datadir, and the positions the IO thread
 * reported as synced.
 */
final class IoThreadRig implements AutoCloseable {
    static final String REPL_USER = "repl";
    static final String REPL_PASSWORD = "slavepass";
    static final String RELAY_BASENAME = "io-test-relay-bin";

    final MinisqldHarness source;
    final int sourcePort;
    private final MinisqldHarness replicaServer;
    /** The replica's server object, whose services the IO thread uses. */
    final MiniSqlServer replica;
    final List<LogPosition> synced = new CopyOnWriteArrayList<>();
    private final AtomicInteger nextId = new AtomicInteger();
    RelayLog relayLog;
    IoThread io;

    private IoThreadRig(MinisqldHarness source, MinisqldHarness replica) {
        this.source = source;
        this.sourcePort = source.port();
        this.replicaServer = replica;
        this.replica = replica.server();
    }

    static IoThreadRig start(String name, String... replicaOptions) throws Exception {
        MinisqldHarness source = MinisqldHarness.inProcess().name(name + "-source").serverId(1).logBin().start();
        try {
            source.executeAll("CREATE USER '" + REPL_USER + "'@'%' IDENTIFIED BY '" + REPL_PASSWORD + "'",
                    "GRANT REPLICATION SLAVE ON *.* TO '" + REPL_USER + "'@'%'");
            return new IoThreadRig(source, MinisqldHarness.inProcess().name(name + "-replica").serverId(2)
                    .options(replicaOptions).start());
        } catch (Exception | Error e) {
            source.close();
            throw e;
        }
    }

    /** Stops the source and starts it again on the same datadir and port. */
    void restartSource() throws Exception {
        source.restart();
    }

    SourceSettings settings(int port, String password, int connectRetry, double heartbeatPeriod) {
        return new SourceSettings("127.0.0.1", port, REPL_USER, password, connectRetry, heartbeatPeriod, 86400);
    }

    /** Opens the relay log (real files) and an IO thread with these settings, not yet started. */
    IoThread newIoThread(SourceSettings settings, long serverId, long netTimeoutSeconds) throws IOException {
        return newIoThread(new RealFileLayer(), settings, MasterInfo.SOURCE_START, serverId, netTimeoutSeconds);
    }

    IoThread newIoThread(FileLayer layer, SourceSettings settings, LogPosition startAt, long serverId,
                         long netTimeoutSeconds) throws IOException {
        if (relayLog == null) {
            relayLog = RelayLog.open(layer, replica.datadir(), RELAY_BASENAME, 2, replica.version());
        }
        io = new IoThread(new IoThreadConfig(settings, startAt, serverId, relayLog, replica.observers(),
                new ServerThreadFactory(replica.serverKey(), "slave-io"), synced::add, null, netTimeoutSeconds), new ReportedIdentity("", "", "", 3306));
        return io;
    }

    /** SHOW MASTER STATUS of the source. */
    LogPosition masterStatus() throws SQLException {
        return Replication.masterStatus(source);
    }

    /** Waits until the IO thread reports the source's SHOW MASTER STATUS position as read. */
    void awaitCaughtUp() throws SQLException {
        LogPosition target = masterStatus();
        Poll.until("IO thread read up to " + target, Duration.ofSeconds(30), () -> io.status().read().equals(target),
                () -> "status " + io.status());
    }

    String replicaLog() throws IOException {
        return replicaServer.errorLogText();
    }

    Path sourceBinlog(String file) {
        return source.datadir().resolve(file);
    }

    /** A small mixed workload on the source: a database, a table, inserts, an update, a delete. */
    void workload(String db, int rows) throws SQLException {
        source.executeAll("CREATE DATABASE IF NOT EXISTS " + db,
                "CREATE TABLE IF NOT EXISTS " + db + ".t (id INT PRIMARY KEY, v VARCHAR(20))");
        for (int i = 0; i < rows; i++) {
            source.execute("INSERT INTO " + db + ".t VALUES (" + nextId.incrementAndGet() + ", 'row " + i + "')");
        }
        source.executeAll("UPDATE " + db + ".t SET v = 'changed' WHERE v = 'row 0'",
                "DELETE FROM " + db + ".t WHERE v = 'row 1'");
    }

    @Override
    public void close() throws Exception {
        try {
            if (io != null) io.stop();
            if (relayLog != null) relayLog.close();
        } finally {
            try {
                source.close();
            } finally {
                replicaServer.close();
            }
        }
    }
}
