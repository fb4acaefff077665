package io.minisqld.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The harness without a plugin: folders, options, SQL helpers, restart and clean-up. */
class MinisqldHarnessTest {

    @TempDir
    Path temp;

    @Test
    void startsAServerWithItsFoldersAndDeletesThemOnClose() throws Exception {
        Path jar = Files.writeString(temp.resolve("some_plugin.jar"), "not opened unless installed");
        Path root;
        try (MinisqldHarness server = MinisqldHarness.builder().plugin(jar).plugin(jar, "renamed.jar")
                .options("--server-id=7").start()) {
            root = server.datadir().getParent();
            assertEquals(root.resolve("plugins"), server.pluginDir());
            assertTrue(Files.isRegularFile(server.pluginDir().resolve("some_plugin.jar")));
            assertTrue(Files.isRegularFile(server.pluginDir().resolve("renamed.jar")));
            assertEquals(Optional.of(server.pluginDir().toString()), server.globalVariable("plugin_dir")
                    .map(v -> v.endsWith("/") ? v.substring(0, v.length() - 1) : v));
            assertEquals("7", server.value("SELECT @@global.server_id"));
            assertEquals(Optional.of(String.valueOf(server.port())), server.globalVariable("port"));
            assertTrue(server.port() > 0);
            assertTrue(Files.readString(server.errorLog()).contains("ready for connections"));
        }
        assertFalse(Files.exists(root), root + " should be deleted");
    }

    @Test
    void sqlHelpersReturnWhatAClientSees() throws Exception {
        try (MinisqldHarness server = MinisqldHarness.builder().start()) {
            server.executeAll("CREATE DATABASE app", "CREATE TABLE app.t (id INT PRIMARY KEY, note VARCHAR(10))",
                    "INSERT INTO app.t VALUES (1, 'one'), (2, NULL)");
            assertEquals(List.of(List.of("1", "one"), java.util.Arrays.asList("2", null)),
                    server.rows("SELECT id, note FROM app.t ORDER BY id"));
            assertEquals("2", server.value("SELECT COUNT(*) FROM app.t"));
            assertThrows(AssertionError.class, () -> server.value("SELECT id FROM app.t WHERE id = 3"));
            // Threads_connected's '_' is a LIKE wildcard: the helper keeps only the exact name
            assertEquals(Optional.of("1"), server.globalStatus("Threads_connected"));
            assertEquals(Optional.empty(), server.globalStatus("No_such_status"));
            assertEquals(Optional.empty(), server.globalVariable("no_such_variable"));

            SQLException e = server.error("SELECT @@global.no_such_variable");
            assertEquals(1193, e.getErrorCode());
            assertEquals("HY000", e.getSQLState());
            assertEquals("Unknown system variable 'no_such_variable'", SqlRunner.serverMessage(e));
            assertThrows(AssertionError.class, () -> server.error("SELECT 1"));

            try (Connection other = server.newConnection()) {
                assertEquals(Optional.of("2"), server.globalStatus("Threads_connected"));
                assertFalse(other.isClosed());
            }
        }
    }

    @Test
    void restartKeepsTheDatadirOptionsAndPort() throws Exception {
        try (MinisqldHarness server = MinisqldHarness.builder().options("--server-id=3").start()) {
            server.executeAll("CREATE DATABASE app", "CREATE TABLE app.t (id INT PRIMARY KEY)",
                    "INSERT INTO app.t VALUES (1)");
            Connection before = server.connection();
            int port = server.port();
            server.restart();
            assertTrue(before.isClosed());
            assertEquals("1", server.value("SELECT COUNT(*) FROM app.t"));
            assertEquals("3", server.value("SELECT @@server_id"));
            assertEquals(port, server.port());
            assertEquals(3, server.serverId());
        }
    }

    @Test
    void aKilledServerRecoversAtRestartAndTheErrorLogOfThatStartSaysSo() throws Exception {
        try (MinisqldHarness server = MinisqldHarness.inProcess().name("crashing").in(temp).serverId(4).logBin()
                .start()) {
            assertEquals(temp.resolve("crashing").resolve("data"), server.datadir());
            server.executeAll("CREATE DATABASE app", "CREATE TABLE app.t (id INT PRIMARY KEY)",
                    "INSERT INTO app.t VALUES (1)");
            server.kill();
            assertFalse(server.running());
            server.restart();
            assertEquals("1", server.value("SELECT COUNT(*) FROM app.t"));
            String thisStart = server.errorLogSinceStart();
            assertTrue(thisStart.contains("[Note] Starting crash recovery..."), thisStart);
            assertFalse(thisStart.contains("[Note] Shutdown complete"), thisStart);
            assertEquals(2, server.errorLogText().split("ready for connections", -1).length - 1, "two starts in one log");
        }
        assertTrue(Files.isDirectory(temp.resolve("crashing").resolve("data")), "a folder the test chose stays");
    }

    @Test
    void aServerProcessStopsOnSigtermAndDiesOnSigkill() throws Exception {
        try (MinisqldHarness server = MinisqldHarness.asProcess().serverId(5).logBin().start()) {
            assertEquals("5", server.value("SELECT @@server_id"));
            assertEquals(Optional.of(String.valueOf(server.port())), server.globalVariable("port"));
            assertThrows(IllegalStateException.class, server::server);
            long pid = server.process().pid();
            server.execute("CREATE DATABASE app");
            server.kill();
            assertEquals(137, server.process().exitValue(), "128 + SIGKILL");
            int port = server.port();
            server.restart();
            assertEquals(port, server.port());
            assertTrue(server.process().pid() != pid);
            assertEquals(1, server.rows("SHOW DATABASES LIKE 'app'").size());
            server.stop();
            assertEquals(0, server.process().exitValue(), "mysqld exits 0 after SIGTERM\n" + server.diagnostics());
        }
    }

    @Test
    void aServerProcessThatRefusesItsOptionsFailsTheStartWithItsErrorLog() {
        io.minisqld.server.StartupException e = assertThrows(io.minisqld.server.StartupException.class,
                () -> MinisqldHarness.asProcess().options("--no-such-option=1").start());
        assertTrue(e.getMessage().contains("exited with status 1 before it accepted connections"), e.getMessage());
        assertTrue(e.getMessage().contains("[ERROR] minisqld: unknown variable 'no-such-option=1'"), e.getMessage());
    }

    @Test
    void aTopologyStartsASourceWithReplicasReplicating() throws Exception {
        Path dir;
        try (Topology topology = Topology.temporary()) {
            dir = topology.dir();
            List<MinisqldHarness> servers = topology.sourceAndReplicas(MinisqldHarness.inProcess(),
                    MinisqldHarness.inProcess(), 2);
            MinisqldHarness source = servers.get(0);
            assertEquals(List.of("source", "replica1", "replica2"), servers.stream().map(MinisqldHarness::name).toList());
            assertEquals(List.of(1L, 2L, 3L), servers.stream().map(MinisqldHarness::serverId).toList());
            source.executeAll("CREATE DATABASE app", "CREATE TABLE app.t (id INT PRIMARY KEY)",
                    "INSERT INTO app.t VALUES (1), (2)");
            for (MinisqldHarness replica : servers.subList(1, 3)) {
                Replication.awaitCaughtUp(replica, source);
                Replication.assertSameTables(source, replica, "app");
                assertEquals("Yes", Replication.slaveStatus(replica).get("Slave_SQL_Running"));
            }
            // the account was not binlogged: the replicas do not have it
            assertEquals("0", servers.get(1).value("SELECT COUNT(*) FROM mysql.user WHERE user = 'repl'"));
        }
        assertFalse(Files.exists(dir), dir + " should be deleted");
    }

    @Test
    void aMissingJarFailsBeforeAnythingStarts() {
        IOException e = assertThrows(IOException.class,
                () -> MinisqldHarness.builder().plugin(temp.resolve("absent.jar")).start());
        assertTrue(e.getMessage().contains("absent.jar does not exist"), e.getMessage());
    }
}
