package io.minisqld.testsupport;

import io.minisqld.server.StartupException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The servers of one test in one folder: minisqld servers (in this JVM or as processes), real
 * MariaDB servers and whatever else the test closes with them (proxies). The usual one is a source
 * with replicas ({@link #sourceAndReplicas}). Closing it closes everything, newest first, and
 * deletes the folder if the topology created it.
 *
 * <pre>{@code
 * try (Topology t = Topology.temporary()) {
 *     List<MinisqldHarness> servers = t.sourceAndReplicas(MinisqldHarness.inProcess(),
 *             MinisqldHarness.inProcess(), 2);
 *     servers.get(0).execute("CREATE DATABASE d");
 *     Replication.awaitCaughtUp(servers.get(1), servers.get(0));
 * }
 * }</pre>
 */
public final class Topology implements AutoCloseable, org.junit.jupiter.api.extension.BeforeEachCallback,
        org.junit.jupiter.api.extension.AfterEachCallback {
    private Path dir;
    private final boolean ownsDir;
    private final List<AutoCloseable> owned = new ArrayList<>();

    private Topology(Path dir, boolean ownsDir) {
        this.dir = dir;
        this.ownsDir = ownsDir;
    }

    /** A topology whose servers live in {@code dir} (each in a folder of its name); the caller deletes it. */
    public static Topology in(Path dir) {
        return new Topology(dir, false);
    }

    /** A topology in a new temporary folder, deleted at {@link #close()}. */
    public static Topology temporary() throws IOException {
        return new Topology(Files.createTempDirectory("minisqld-topology-"), true);
    }

    /**
     * A topology for each test of a class, as a JUnit extension:
     * {@code @RegisterExtension final Topology topology = Topology.perTest();} gets a new temporary
     * folder before each test and closes everything and deletes it after the test.
     */
    public static Topology perTest() {
        return new Topology(null, true);
    }

    @Override
    public void beforeEach(org.junit.jupiter.api.extension.ExtensionContext context) throws IOException {
        dir = Files.createTempDirectory("minisqld-topology-");
    }

    @Override
    public void afterEach(org.junit.jupiter.api.extension.ExtensionContext context) throws Exception {
        close();
    }

    public Path dir() {
        return dir;
    }

    /** Starts {@code server} (a copy of it) in this topology's folder; it is closed with the topology. */
    public MinisqldHarness start(HarnessBuilder server) throws IOException, StartupException, SQLException {
        return add(server.copy().in(dir).start());
    }

    /** A real MariaDB in this topology's folder; {@code logBin} makes it a primary (statement format). */
    public MariaDbServer mariadb(String name, long serverId, boolean logBin, String... extra)
            throws IOException, InterruptedException {
        return add(MariaDbServer.start(dir, name, serverId, logBin, extra));
    }

    /** Closes {@code resource} (a proxy, a server started elsewhere) with the topology. */
    public <C extends AutoCloseable> C add(C resource) {
        owned.add(resource);
        return resource;
    }

    /**
     * Starts a source ("source", server_id 1, from {@code source}) with the replication account
     * (not binlogged) and {@code replicas} replicas ("replica1", … with server_id 2, 3, …, from
     * {@code replica}), all with the binlog on, each replicating from the source
     * ({@link Replication#startReplica}) and caught up with it.
     *
     * @return the source, then the replicas
     */
    public List<MinisqldHarness> sourceAndReplicas(HarnessBuilder source, HarnessBuilder replica,
                                                   int replicas) throws IOException, StartupException, SQLException {
        List<MinisqldHarness> servers = new ArrayList<>();
        MinisqldHarness s = start(source.copy().name("source").serverId(1).logBin());
        Replication.createReplicationUserNotBinlogged(s);
        servers.add(s);
        for (int i = 1; i <= replicas; i++) {
            MinisqldHarness r = start(replica.copy().name("replica" + i).serverId(1 + i).logBin());
            Replication.startReplica(r, s.port());
            servers.add(r);
        }
        for (MinisqldHarness r : servers.subList(1, servers.size())) Replication.awaitCaughtUp(r, s);
        return servers;
    }

    @Override
    public void close() throws Exception {
        Exception first = null;
        for (int i = owned.size() - 1; i >= 0; i--) {
            try {
                owned.get(i).close();
            } catch (Exception e) {
                if (first == null) first = e;
                else first.addSuppressed(e);
            }
        }
        owned.clear();
        if (ownsDir && dir != null) MinisqldHarness.deleteTree(dir);
        if (first != null) throw first;
    }
}
