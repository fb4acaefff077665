package io.minisqld.server.it;

import static io.minisqld.server.it.ConnectorScenarios.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minisqld.testcommon.Program;
import io.minisqld.testsupport.MinisqldHarness;
import io.minisqld.testsupport.Replication;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Issue "What MySQL's everyday tools need", done when: seed a replica from a dump, as operators
 * do. While a writer inserts and updates continuously on a minisqld source,
 * {@code mariadb-dump --databases app --master-data=1 --single-transaction} runs (FLUSH TABLES WITH
 * READ LOCK, START TRANSACTION WITH CONSISTENT SNAPSHOT, SHOW MASTER STATUS, UNLOCK TABLES); the dump
 * is loaded into a fresh minisqld with the {@code mariadb} client; its CHANGE MASTER TO position
 * plus host and user starts replication; once the writer stops and the replica caught up, every
 * row (random blobs included) and the view are the same on both, and no transaction was applied
 * twice or missed.
 */
class SeedReplicaFromDumpTest {
    private static final Path MARIADB_DUMP = Path.of("/usr/bin/mariadb-dump");
    private static final Pattern CHANGE_MASTER = Pattern.compile(
            "CHANGE MASTER TO MASTER_LOG_FILE='([^']+)', MASTER_LOG_POS=(\\d+);");

    @Test
    void aDumpTakenUnderWritesSeedsAReplicaThatCatchesUpExactly() throws Exception {
        Path dir = Files.createTempDirectory("minisqld-seed-");
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (MinisqldHarness source = MinisqldHarness.inProcess().name("seed-source").in(dir).serverId(1).logBin().start();
             MinisqldHarness replica = MinisqldHarness.inProcess().name("seed-replica").in(dir).serverId(2).start()) {
            Replication.createReplicationUser(source);
            Random random = new Random(11);
            try (Connection c = source.newConnection(); Statement st = c.createStatement()) {
                st.execute("CREATE DATABASE app");
                st.execute("CREATE TABLE app.orders (id INT AUTO_INCREMENT PRIMARY KEY, n INT NOT NULL, b BLOB,"
                        + " note VARCHAR(40))");
                st.execute("CREATE VIEW app.big AS SELECT id, n FROM app.orders WHERE n > 50");
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO app.orders (n, b, note) VALUES (?, ?, ?)")) {
                    for (int i = 0; i < 100; i++) {
                        ps.setInt(1, i);
                        ps.setBytes(2, blob(random));
                        ps.setString(3, "before ✓ " + i);
                        ps.executeUpdate();
                    }
                }
            }
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger written = new AtomicInteger();
            Future<?> writer = pool.submit(() -> {
                Random r = new Random(12);
                try (Connection c = source.newConnection();
                     PreparedStatement insert = c.prepareStatement("INSERT INTO app.orders (n, b, note) VALUES (?, ?, 'during')");
                     PreparedStatement update = c.prepareStatement("UPDATE app.orders SET n = n + 1000 WHERE id = ?")) {
                    while (!stop.get()) {
                        int i = written.incrementAndGet();
                        insert.setInt(1, 100 + i);
                        insert.setBytes(2, blob(r));
                        insert.executeUpdate();
                        update.setInt(1, 1 + r.nextInt(100));
                        update.executeUpdate();
                    }
                }
                return null;
            });
            // the dump runs while the writer commits
            Poll.atLeast(written, 20);
            Program.Result dump = Program.run(List.of(Program.existing(MARIADB_DUMP), "--no-defaults", "-h127.0.0.1",
                    "-P" + source.port(), "-uroot", "--databases", "app", "--master-data=1", "--single-transaction",
                    "--routines", "--triggers", "--result-file=" + dir.resolve("dump.sql")), null, Duration.ofSeconds(60));
            assertEquals(0, dump.exitCode(), dump.toString());
            int writtenAtDump = written.get();
            String sql = Files.readString(dir.resolve("dump.sql"), java.nio.charset.StandardCharsets.ISO_8859_1);
            assertTrue(sql.contains("CREATE ALGORITHM=UNDEFINED DEFINER=`root`@`localhost` SQL SECURITY DEFINER VIEW `big`"
                    + " AS SELECT id, n FROM app.orders WHERE n > 50"), "the view as it was created");
            Matcher m = CHANGE_MASTER.matcher(sql);
            assertTrue(m.find(), "the dump names the source's position");

            // loaded as operators load it: the file on the client's stdin, every byte as dumped
            Program.Result load = Program.run(List.of("/bin/sh", "-c", Program.existing(Program.MARIADB)
                    + " --no-defaults -h127.0.0.1 -P" + replica.port() + " -uroot < " + dir.resolve("dump.sql")), null,
                    Duration.ofSeconds(60));
            assertEquals(0, load.exitCode(), load.toString());
            try (Connection c = replica.newConnection(); Statement st = c.createStatement()) {
                st.execute(Replication.changeMasterTo(source.port(), Replication.FAST_HEARTBEAT,
                        "MASTER_LOG_FILE='" + m.group(1) + "'", "MASTER_LOG_POS=" + m.group(2)));
                st.execute("START SLAVE");
            }
            // a little more writing after replication started, then the writer stops
            Poll.atLeast(written, writtenAtDump + 20);
            stop.set(true);
            writer.get(30, TimeUnit.SECONDS);
            Replication.awaitCaughtUp(replica, source);

            List<List<String>> expected = contents(source);
            assertEquals(expected, contents(replica));
            try (Connection c = source.newConnection()) {
                assertEquals(List.of(List.of(Integer.toString(100 + written.get()))),
                        rows(c, "SELECT COUNT(*) FROM app.orders"), "every insert committed once");
            }
            try (Connection s = source.newConnection(); Connection r = replica.newConnection()) {
                assertEquals(rows(s, "SHOW CREATE VIEW app.big"), rows(r, "SHOW CREATE VIEW app.big"));
            }
            assertEquals("Yes", Replication.slaveStatus(replica).get("Slave_SQL_Running"));
            assertEquals("", Replication.slaveStatus(replica).get("Last_SQL_Error"));
        } finally {
            pool.shutdownNow();
        }
    }

    private static byte[] blob(Random r) {
        byte[] b = new byte[1 + r.nextInt(300)];
        r.nextBytes(b);
        return b;
    }

    /** Every row of the table, blobs as hex, then every row of the view. */
    private static List<List<String>> contents(MinisqldHarness server) throws Exception {
        List<List<String>> all = new java.util.ArrayList<>();
        try (Connection c = server.newConnection(); Statement st = c.createStatement();
             java.sql.ResultSet rs = st.executeQuery("SELECT id, n, note, b FROM app.orders ORDER BY id")) {
            while (rs.next()) {
                all.add(java.util.Arrays.asList(rs.getString(1), rs.getString(2), rs.getString(3),
                        java.util.HexFormat.of().formatHex(rs.getBytes(4))));
            }
            all.add(List.of("the view"));
            all.addAll(rows(c, "SELECT id, n FROM app.big ORDER BY id"));
        }
        return all;
    }

    /** Waits for the writer to have written at least {@code n} rows. */
    private static final class Poll {
        static void atLeast(AtomicInteger written, int n) {
            io.minisqld.testcommon.Poll.until("the writer wrote " + n + " rows", Duration.ofSeconds(30),
                    () -> written.get() >= n);
        }
    }
}
