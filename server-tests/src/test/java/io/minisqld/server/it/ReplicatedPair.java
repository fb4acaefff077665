package io.minisqld.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.minisqld.testcommon.Program;
import io.minisqld.testsupport.MinisqldHarness;
import io.minisqld.testsupport.Replication;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A minisqld source (binary log on) and a minisqld replica that follows it from its first event,
 * in one temporary folder, the schema loaded into the source by the {@code mariadb} client (so
 * DELIMITER works): what a test class of statements that must also replicate shares.
 */
final class ReplicatedPair implements AutoCloseable {
    final Path dir;
    final MinisqldHarness source;
    final MinisqldHarness replica;

    private ReplicatedPair(Path dir, MinisqldHarness source, MinisqldHarness replica) {
        this.dir = dir;
        this.source = source;
        this.replica = replica;
    }

    /**
     * Starts both servers (named {@code name}-source and -replica), then loads {@code schema}. The
     * source logs in STATEMENT format: its users check how MySQL logs what routines and triggers do
     * as statements (ROW format logs their rows: RowFormatBinlogTest).
     */
    static ReplicatedPair start(String name, String schema) throws Exception {
        Path dir = Files.createTempDirectory("minisqld-" + name + "-");
        MinisqldHarness source = MinisqldHarness.inProcess().name(name + "-source").in(dir).serverId(1).logBin()
                .options("--binlog-format=STATEMENT").start();
        MinisqldHarness replica = MinisqldHarness.inProcess().name(name + "-replica").in(dir).serverId(2).start();
        Replication.createReplicationUser(source);
        Replication.startReplica(replica, source.port(), "MASTER_LOG_FILE='mysql-bin.000001'", "MASTER_LOG_POS=4");
        Program.Result r = source.mariadb(schema);
        assertEquals(0, r.exitCode(), r.toString());
        return new ReplicatedPair(dir, source, replica);
    }

    @Override
    public void close() {
        try {
            replica.close();
        } finally {
            try {
                source.close();
            } finally {
                MinisqldHarness.deleteTree(dir);
            }
        }
    }
}
