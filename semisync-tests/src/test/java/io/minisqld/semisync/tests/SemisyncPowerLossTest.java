package io.minisqld.semisync.tests;

import static io.minisqld.semisync.tests.Cluster.awaitStatus;
import static io.minisqld.semisync.tests.Cluster.exec;
import static io.minisqld.semisync.tests.Cluster.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minisqld.server.storage.ForgetfulFileLayer;
import io.minisqld.server.storage.RealFileLayer;
import io.minisqld.testcommon.Poll;
import io.minisqld.testsupport.MinisqldHarness;
import io.minisqld.testsupport.Replication;
import io.minisqld.testsupport.SqlRunner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The replica acknowledges only what its relay log made durable: with the replica's files on a
 * {@link ForgetfulFileLayer}, a simulated power loss of the replica in the middle of a stream of
 * semisync commits leaves every acknowledged transaction in the relay log files on disk; restarted
 * on real files, the replica recovers and catches up.
 */
class SemisyncPowerLossTest {
    @RegisterExtension
    final Cluster cluster = new Cluster();
    ExecutorService writer;

    @BeforeEach
    void setUp() {
        writer = Executors.newSingleThreadExecutor();
    }

    @AfterEach
    void tearDown() throws Exception {
        writer.shutdownNow();
        writer.awaitTermination(30, TimeUnit.SECONDS);
    }

    private static final Pattern INSERT = Pattern.compile("INSERT INTO d\\.t VALUES \\((\\d+)\\)");

    /** The ids of the statement-format inserts in the relay log files of a datadir, as they are on disk. */
    private static Set<Integer> relayLogInserts(Path datadir) throws IOException {
        Set<Integer> ids = new HashSet<>();
        try (Stream<Path> files = Files.list(datadir)) {
            for (Path f : files.filter(f -> f.getFileName().toString().matches(".*-relay-bin\\.\\d+")).toList()) {
                Matcher m = INSERT.matcher(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
                while (m.find()) ids.add(Integer.valueOf(m.group(1)));
            }
        }
        return ids;
    }

    @Test
    void everyAcknowledgedTransactionSurvivesAPowerLossOfTheReplica() throws Exception {
        MinisqldHarness source = cluster.start("source", 1, Cluster.MASTER_LOADED);
        Cluster.createReplicationUser(source);
        // a long timeout: while the replica lives every commit waits for its acknowledgement
        exec(source, "SET GLOBAL rpl_semi_sync_master_timeout = 60000");
        ForgetfulFileLayer forgetful = new ForgetfulFileLayer();
        MinisqldHarness replica = cluster.start("replica", 2, forgetful, Cluster.SLAVE_LOADED);
        Cluster.startReplica(replica, source);
        awaitStatus(source, "Rpl_semi_sync_master_clients", "1");
        exec(source, "CREATE DATABASE d", "CREATE TABLE d.t (id INT PRIMARY KEY)");
        Replication.awaitCaughtUp(replica, source);

        // one session commits rows 1, 2, 3, … ; a row counts as acknowledged when its commit
        // returned before semisync is turned off below (only an ACK can end its wait before that)
        AtomicBoolean releasing = new AtomicBoolean();
        AtomicBoolean stop = new AtomicBoolean();
        ConcurrentLinkedQueue<Integer> acknowledged = new ConcurrentLinkedQueue<>();
        Future<Integer> writes = writer.submit(() -> {
            int id = 0;
            try (Connection c = source.newConnection(); Statement st = c.createStatement()) {
                // logged as statements, whose text the relay log files are searched for below
                st.execute("SET SESSION binlog_format = STATEMENT");
                while (!stop.get()) {
                    id++;
                    st.execute("INSERT INTO d.t VALUES (" + id + ")");
                    if (!releasing.get()) acknowledged.add(id);
                }
            }
            return id;
        });
        Poll.until("40 acknowledged commits", Cluster.WAIT, () -> acknowledged.size() >= 40 || writes.isDone());
        replica.kill();
        forgetful.powerLoss();
        // the commit in flight waits for an ACK that cannot come: release it by turning semisync off
        releasing.set(true);
        stop.set(true);
        exec(source, "SET GLOBAL rpl_semi_sync_master_enabled = OFF");
        int written = writes.get(60, TimeUnit.SECONDS);
        List<Integer> acked = new ArrayList<>(acknowledged);
        assertTrue(acked.size() >= 40, "acknowledged: " + acked.size() + " of " + written);
        assertEquals(String.valueOf(acked.size() + 2), status(source, "Rpl_semi_sync_master_yes_tx"),
                "CREATE DATABASE, CREATE TABLE and the acknowledged inserts");

        // what the power loss left of the relay logs holds every acknowledged transaction
        Set<Integer> durable = relayLogInserts(replica.datadir());
        List<Integer> lost = acked.stream().filter(id -> !durable.contains(id)).toList();
        assertEquals(List.of(), lost, "acknowledged inserts missing from the replica's durable relay logs ("
                + durable.size() + " there, " + acked.size() + " acknowledged)");

        // and the replica, restarted on real files, recovers and catches up with every row
        replica.restart(new RealFileLayer());
        Replication.awaitCaughtUp(replica, source);
        try (Connection c = replica.newConnection()) {
            assertEquals(String.valueOf(written), SqlRunner.on(c).value("SELECT COUNT(*) FROM d.t"));
        }
    }
}
