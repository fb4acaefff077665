package io.minisqld.server.replication.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minisqld.testsupport.MinisqldHarness;
import io.minisqld.testsupport.SqlRunner;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The statements a replica runs on the source before COM_BINLOG_DUMP (protocol.md §2.3 for a
 * MariaDB 10.11 IO thread in file/position mode, §2.4 for BinaryLogClient), answered as the
 * replica needs them.
 */
class ReplicaHandshakeQueriesTest {
    @Test
    void answersWhatAReplicaAsksBeforeItDumps() throws Exception {
        try (MinisqldHarness source = MinisqldHarness.inProcess().serverId(1).logBin().start();
             Connection c = source.newConnection();
             Statement st = c.createStatement()) {
            long unixTime = Long.parseLong(SqlRunner.on(c).rows("SELECT UNIX_TIMESTAMP()").get(0).get(0));
            assertTrue(Math.abs(unixTime - System.currentTimeMillis() / 1000) <= 5, "the source's clock");
            List<List<String>> serverId = SqlRunner.on(c).rows("SHOW VARIABLES LIKE 'SERVER_ID'");
            assertEquals(1, serverId.size());
            assertEquals("1", serverId.get(0).get(1), "two columns, the value second");
            st.execute("SET @master_heartbeat_period= 30000001024");
            st.execute("SET @master_binlog_checksum= @@global.binlog_checksum");
            assertEquals(List.of(List.of("CRC32")), SqlRunner.on(c).rows("SELECT @master_binlog_checksum"));
            st.execute("SET @mariadb_slave_capability=4");
            st.execute("SET @slave_uuid= 'abc'");
            assertEquals(List.of(), SqlRunner.on(c).rows("SHOW VARIABLES LIKE 'rpl_semi_sync_master_enabled'"),
                    "no semisync plugin: the replica falls back to asynchronous replication");
            assertEquals(List.of(List.of("binlog_checksum", "CRC32")),
                    SqlRunner.on(c).rows("show global variables like 'binlog_checksum'"));
            assertEquals(List.of(List.of("1")), SqlRunner.on(c).rows("select @@server_id"));
        }
    }
}
