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
 * {@code mariadb-dump --all-databases --master-data=1 --single-transaction --routines --triggers}
 * runs (FLUSH TABLES WITH READ LOCK, START TRANSACTION WITH CONSISTENT SNAPSHOT, SHOW MASTER STATUS,
 * UNLOCK TABLES); the dump is loaded into a fresh minisqld with the {@code mariadb} client (the
 * source's accounts come with the mysql database); its CHANGE MASTER TO position plus host and user
 * starts replication; once the writer stops and the replica caught up, every row (random blobs
 * included) and the view are the same on both (CHECKSUM TABLE and row by row), and no transaction
 * was applied twice or missed. The same with mydumper and myloader (Debian's mydumper 0.10), the
 * position read from mydumper's metadata file.
 */
class SeedReplicaFromDumpTest {
    private static final Path MARIADB_DUMP = Path.of("/usr/bin/mariadb-dump");
    private static final Path MYDUMPER = Path.of("/usr/bin/mydumper");
    private static final Path MYLOADER = Path.of("/usr/bin/myloader");
    /** mydumper's metadata file: "SHOW MASTER STATUS:", then "Log: file" and "Pos: n" lines. */
    private static final Pattern MYDUMPER_POSITION = Pattern.compile("Log: (\\S+)\\s+Pos: (\\d+)");
    private static final Pattern CHANGE_MASTER = Pattern.compile(
            "CHANGE MASTER TO MASTER_LOG_FILE='([^']+)', MASTER_LOG_POS=(\\d+);");

    /** A tool that copies the source's data into the fresh replica and names the position it copied at. */
    private interface Seeder {
        /** @return {file, position} of the source's binlog the copy is consistent with */
        String[] seed(MinisqldHarness source, MinisqldHarness replica, Path dir) throws Exception;
    }

    @Test
    void anAllDatabasesDumpTakenUnderWritesSeedsAReplicaThatCatchesUpExactly() throws Exception {
        seedUnderWrites("mariadb-dump", (source, replica, dir) -> {
            Program.Result dump = Program.run(List.of(Program.existing(MARIADB_DUMP), "--no-defaults", "-h127.0.0.1",
                    "-P" + source.port(), "-uroot", "--all-databases", "--master-data=1", "--single-transaction",
                    "--routines", "--triggers", "--result-file=" + dir.resolve("dump.sql")), null, Duration.ofSeconds(60));
            assertEquals(0, dump.exitCode(), dump.toString());
            String sql = Files.readString(dir.resolve("dump.sql"), java.nio.charset.StandardCharsets.ISO_8859_1);
            // the view as it was created, in mysqldump's parts (it reads information_schema.VIEWS)
            assertTrue(sql.contains("/*!50001 CREATE ALGORITHM=UNDEFINED */\n/*!50013 DEFINER=`root`@`localhost` SQL"
                    + " SECURITY DEFINER */\n/*!50001 VIEW `big` AS SELECT id, n FROM app.orders WHERE n > 50 */"), sql);
            // the mysql database travels too (accounts), but not the engine's own crash-recovery tables
            assertTrue(sql.contains("CREATE DATABASE /*!32312 IF NOT EXISTS*/ `mysql`"), "mysql is created if missing");
            assertTrue(sql.contains("CREATE TABLE IF NOT EXISTS `general_log`"), "the log tables' definitions");
            assertTrue(!sql.contains("binlog_xids") && !sql.contains("binlog_checkpoint"), "no internal table");
            Matcher m = CHANGE_MASTER.matcher(sql);
            assertTrue(m.find(), "the dump names the source's position");
            // loaded as operators load it: the file on the client's stdin, every byte as dumped
            Program.Result load = Program.run(List.of("/bin/sh", "-c", Program.existing(Program.MARIADB)
                    + " --no-defaults -h127.0.0.1 -P" + replica.port() + " -uroot < " + dir.resolve("dump.sql")), null,
                    Duration.ofSeconds(60));
            assertEquals(0, load.exitCode(), load.toString());
            try (Connection c = replica.newConnection(); Statement st = c.createStatement()) {
                st.execute("FLUSH PRIVILEGES");
            }
            // the source's accounts came with the mysql database
            try (Connection c = replica.newConnection("app_reader", "rpw")) {
                assertTrue(!rows(c, "SELECT COUNT(*) FROM app.orders").isEmpty());
            }
            return new String[] {m.group(1), m.group(2)};
        });
    }

    @Test
    void aMydumperCopyTakenUnderWritesSeedsAReplicaThatCatchesUpExactly() throws Exception {
        seedUnderWrites("mydumper", (source, replica, dir) -> {
            Path out = dir.resolve("mydumper");
            // mydumper takes FLUSH TABLES WITH READ LOCK, opens a consistent snapshot per thread,
            // reads SHOW MASTER STATUS into its metadata file, and unlocks
            Program.Result dump = Program.run(List.of(Program.existing(MYDUMPER), "-h", "127.0.0.1",
                    "-P", Integer.toString(source.port()), "-u", "root", "-B", "app", "-o", out.toString(),
                    "--threads", "2", "--triggers", "--routines"), null, Duration.ofSeconds(60));
            assertEquals(0, dump.exitCode(), dump.toString());
            assertTrue(!dump.output().contains("CRITICAL"), dump.toString());
            String metadata = Files.readString(out.resolve("metadata"));
            Matcher m = MYDUMPER_POSITION.matcher(metadata);
            assertTrue(m.find(), metadata);
            // myloader first creates a MyISAM table where each view will be; this server's only
            // engine is InnoDB, so as on a MySQL whose MyISAM is disabled the load runs with
            // NO_ENGINE_SUBSTITUTION off (InnoDB is used instead, warning 1266), then it is set back
            String sqlMode;
            try (Connection c = replica.newConnection(); Statement st = c.createStatement()) {
                sqlMode = rows(c, "SELECT @@GLOBAL.sql_mode").get(0).get(0);
                st.execute("SET GLOBAL sql_mode = 'STRICT_TRANS_TABLES'");
            }
            Program.Result load = Program.run(List.of(Program.existing(MYLOADER), "-h", "127.0.0.1",
                    "-P", Integer.toString(replica.port()), "-u", "root", "-d", out.toString(), "--threads", "2"),
                    null, Duration.ofSeconds(60));
            assertEquals(0, load.exitCode(), load.toString());
            assertTrue(!load.output().contains("CRITICAL"), load.toString());
            try (Connection c = replica.newConnection(); Statement st = c.createStatement()) {
                st.execute("SET GLOBAL sql_mode = '" + sqlMode + "'");
            }
            return new String[] {m.group(1), m.group(2)};
        });
    }

    /**
     * While a writer inserts and updates on the source, {@code seeder} copies it into a fresh
     * replica; replication then starts at the position the copy names, and once the writer stopped
     * and the replica caught up, both hold the same rows (CHECKSUM TABLE and row by row).
     */
    private void seedUnderWrites(String name, Seeder seeder) throws Exception {
        Path dir = Files.createTempDirectory("minisqld-seed-");
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (MinisqldHarness source = MinisqldHarness.inProcess().name(name + "-source").in(dir).serverId(1).logBin()
                .start();
             MinisqldHarness replica = MinisqldHarness.inProcess().name(name + "-replica").in(dir).serverId(2).start()) {
            Replication.createReplicationUser(source);
            Random random = new Random(11);
            try (Connection c = source.newConnection(); Statement st = c.createStatement()) {
                st.execute("CREATE DATABASE app");
                // a BIT column: the dump writes its values as b'…', which the copy reads back as bits
                st.execute("CREATE TABLE app.orders (id INT AUTO_INCREMENT PRIMARY KEY, n INT NOT NULL, b BLOB,"
                        + " note VARCHAR(40), flags BIT(12) NOT NULL DEFAULT b'101')");
                st.execute("CREATE VIEW app.big AS SELECT id, n FROM app.orders WHERE n > 50");
                st.execute("CREATE TRIGGER app.orders_bi BEFORE INSERT ON app.orders FOR EACH ROW"
                        + " SET NEW.note = COALESCE(NEW.note, CONCAT('n=', NEW.n))");
                st.execute("CREATE PROCEDURE app.count_big(IN above INT, OUT c INT)"
                        + " BEGIN SELECT COUNT(*) INTO c FROM app.big WHERE n > above; END");
                st.execute("CREATE USER app_reader@'%' IDENTIFIED BY 'rpw'");
                st.execute("GRANT SELECT ON app.* TO app_reader@'%'");
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
                     PreparedStatement update = c.prepareStatement("UPDATE app.orders SET n = n + 1000,"
                             + " flags = n & 4095 WHERE id = ?")) {
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
            // the copy is taken while the writer commits
            Poll.atLeast(written, 20);
            String[] position = seeder.seed(source, replica, dir);
            int writtenAtDump = written.get();
            try (Connection c = replica.newConnection(); Statement st = c.createStatement()) {
                st.execute(Replication.changeMasterTo(source.port(), Replication.FAST_HEARTBEAT,
                        "MASTER_LOG_FILE='" + position[0] + "'", "MASTER_LOG_POS=" + position[1]));
                st.execute("START SLAVE");
            }
            // a little more writing after replication started, then the writer stops
            Poll.atLeast(written, writtenAtDump + 20);
            stop.set(true);
            writer.get(30, TimeUnit.SECONDS);
            Replication.awaitCaughtUp(replica, source);

            List<List<String>> expected = contents(source);
            assertEquals(expected, contents(replica));
            try (Connection s = source.newConnection(); Connection r = replica.newConnection()) {
                assertEquals(List.of(List.of(Integer.toString(100 + written.get()))),
                        rows(s, "SELECT COUNT(*) FROM app.orders"), "every insert committed once");
                List<List<String>> checksums = rows(s, "CHECKSUM TABLE app.orders");
                assertTrue(!"0".equals(checksums.get(0).get(1)), checksums.toString());
                assertEquals(checksums, rows(r, "CHECKSUM TABLE app.orders"));
                assertEquals(rows(s, "SHOW CREATE VIEW app.big"), rows(r, "SHOW CREATE VIEW app.big"));
            }
            assertEquals("Yes", Replication.slaveStatus(replica).get("Slave_SQL_Running"));
            assertEquals("", Replication.slaveStatus(replica).get("Last_SQL_Error"));
        } finally {
            pool.shutdownNow();
            MinisqldHarness.deleteTree(dir);
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
             java.sql.ResultSet rs = st.executeQuery("SELECT id, n, note, b, flags FROM app.orders ORDER BY id")) {
            while (rs.next()) {
                all.add(java.util.Arrays.asList(rs.getString(1), rs.getString(2), rs.getString(3),
                        java.util.HexFormat.of().formatHex(rs.getBytes(4)), java.util.HexFormat.of().formatHex(rs.getBytes(5))));
            }
            all.add(List.of("the view"));
            all.addAll(rows(c, "SELECT id, n FROM app.big ORDER BY id"));
            all.add(List.of("the trigger and the procedure"));
            all.addAll(rows(c, "SELECT TRIGGER_NAME, ACTION_TIMING, EVENT_MANIPULATION, ACTION_STATEMENT"
                    + " FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = 'app'"));
            all.add(List.of(rows(c, "SHOW CREATE PROCEDURE app.count_big").get(0).get(2)));
            st.execute("CALL app.count_big(60, @c)");
            all.addAll(rows(c, "SELECT @c"));
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
