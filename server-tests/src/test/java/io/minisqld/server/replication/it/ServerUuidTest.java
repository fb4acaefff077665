package io.minisqld.server.replication.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minisqld.testcommon.Poll;
import io.minisqld.testsupport.MinisqldHarness;
import io.minisqld.testsupport.Replication;
import io.minisqld.testsupport.Topology;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * server_uuid as MySQL 5.7 keeps it (issue 17's first step): generated into the datadir's auto.cnf
 * at the first start and kept across restarts; a replica shows its source's as Master_UUID, tells
 * its own with SET @slave_uuid (SHOW SLAVE HOSTS's Slave_UUID), and stops with 1593 when the two
 * are equal (a datadir copied with its auto.cnf).
 */
class ServerUuidTest {
    private Topology topology;

    @BeforeEach
    void setUp() throws Exception {
        topology = Topology.temporary();
    }

    @AfterEach
    void tearDown() throws Exception {
        topology.close();
    }

    @Test
    void theUuidIsGeneratedOnceAndSeenByReplicas() throws Exception {
        MinisqldHarness source = topology.start(MinisqldHarness.inProcess().name("uuid-source").serverId(1).logBin());
        String uuid = source.rows("SELECT @@GLOBAL.server_uuid").get(0).get(0);
        assertTrue(uuid.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"), uuid);
        assertEquals("[auto]\nserver-uuid=" + uuid + "\n", Files.readString(source.datadir().resolve("auto.cnf")));
        assertTrue(source.errorLogText().contains("[Warning] No existing UUID has been found, so we assume that this is"
                + " the first time that this server has been started. Generating a new UUID: " + uuid + "."));
        source.restart();
        assertEquals(List.of(List.of(uuid)), source.rows("SELECT @@server_uuid"));

        Replication.createReplicationUser(source);
        MinisqldHarness replica = topology.start(MinisqldHarness.inProcess().name("uuid-replica").serverId(2));
        String replicaUuid = replica.rows("SELECT @@server_uuid").get(0).get(0);
        assertTrue(!replicaUuid.equals(uuid));
        Replication.startReplica(replica, source.port());
        Replication.awaitCaughtUp(replica, source);
        assertEquals(uuid, Replication.slaveStatus(replica).get("Master_UUID"));
        List<List<String>> hosts = source.rows("SHOW SLAVE HOSTS");
        assertEquals(1, hosts.size(), hosts.toString());
        assertEquals(replicaUuid, hosts.get(0).get(4), hosts.toString());
    }

    @Test
    void aReplicaWithItsSourcesUuidStopsWith1593() throws Exception {
        MinisqldHarness source = topology.start(MinisqldHarness.inProcess().name("same-source").serverId(1).logBin());
        Replication.createReplicationUser(source);
        MinisqldHarness replica = topology.start(MinisqldHarness.inProcess().name("same-replica").serverId(2));
        // as a datadir copied from the source would have it
        Files.copy(source.datadir().resolve("auto.cnf"), replica.datadir().resolve("auto.cnf"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        replica.restart();
        Replication.startReplica(replica, source.port());
        Poll.until("the IO thread's 1593", Duration.ofSeconds(20),
                () -> "1593".equals(Replication.slaveStatus(replica).get("Last_IO_Errno")));
        Map<String, String> status = Replication.slaveStatus(replica);
        assertEquals("Fatal error: The slave I/O thread stops because master and slave have equal MySQL server UUIDs;"
                + " these UUIDs must be different for replication to work.", status.get("Last_IO_Error"), status.toString());
        assertEquals("No", status.get("Slave_IO_Running"), status.toString());
    }

    @Test
    void anAutoCnfWithoutAUuidRefusesTheStart() throws Exception {
        MinisqldHarness server = topology.start(MinisqldHarness.inProcess().name("bad-auto").serverId(1));
        server.close();
        Files.writeString(server.datadir().resolve("auto.cnf"), "[auto]\nserver-uuid=not-a-uuid\n");
        io.minisqld.server.StartupException e = org.junit.jupiter.api.Assertions.assertThrows(
                io.minisqld.server.StartupException.class, server::restart);
        assertTrue(e.getMessage().startsWith("Initialization of the server's UUID failed because it could not be read"
                + " from the auto.cnf file."), e.getMessage());
    }
}
