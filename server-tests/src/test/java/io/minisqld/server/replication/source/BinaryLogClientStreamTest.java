package io.minisqld.server.replication.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.shyiko.mysql.binlog.BinaryLogClient;
import com.github.shyiko.mysql.binlog.event.Event;
import com.github.shyiko.mysql.binlog.event.EventHeaderV4;
import com.github.shyiko.mysql.binlog.event.EventType;
import com.github.shyiko.mysql.binlog.event.RotateEventData;
import io.minisqld.testcommon.Poll;
import io.minisqld.testsupport.MinisqldHarness;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * mysql-binlog-connector-java's {@code BinaryLogClient} (protocol.md §2.4) streams from a minisqld
 * source with binlog checksums on and off, through FLUSH LOGS rotations, and receives every event
 * of every file with the positions SHOW BINLOG EVENTS lists.
 */
class BinaryLogClientStreamTest {

    /** One event as (file, end position, SHOW BINLOG EVENTS type name). */
    record Seen(String file, long endLogPos, String type) {
    }

    private static final Map<EventType, String> SHOW_NAMES = Map.ofEntries(Map.entry(EventType.FORMAT_DESCRIPTION,
            "Format_desc"), Map.entry(EventType.QUERY, "Query"), Map.entry(EventType.XID, "Xid"),
            Map.entry(EventType.ROTATE, "Rotate"), Map.entry(EventType.INTVAR, "Intvar"), Map.entry(EventType.STOP, "Stop"),
            Map.entry(EventType.PREVIOUS_GTIDS, "Previous_gtids"), Map.entry(EventType.ANONYMOUS_GTID, "Anonymous_Gtid"),
            Map.entry(EventType.TABLE_MAP, "Table_map"), Map.entry(EventType.EXT_WRITE_ROWS, "Write_rows"),
            Map.entry(EventType.EXT_UPDATE_ROWS, "Update_rows"), Map.entry(EventType.EXT_DELETE_ROWS, "Delete_rows"));

    @ParameterizedTest
    @ValueSource(strings = {"CRC32", "NONE"})
    void receivesEveryEventWithItsPositionAcrossRotations(String checksum) throws Exception {
        try (MinisqldHarness source = MinisqldHarness.inProcess().serverId(1).logBin()
                .options("--binlog-checksum=" + checksum).start()) {
            List<Seen> seen = new CopyOnWriteArrayList<>();
            String[] file = {null};
            BinaryLogClient client = new BinaryLogClient("127.0.0.1", source.port(), "root", "");
            client.setServerId(4242);
            client.setBinlogFilename("mysql-bin.000001");
            client.setBinlogPosition(4);
            client.setKeepAlive(false);
            client.registerEventListener((Event event) -> {
                EventHeaderV4 h = event.getHeader();
                if (h.getEventType() == EventType.HEARTBEAT) return;
                if (h.getEventType() == EventType.ROTATE && h.getTimestamp() == 0) {
                    // the fake rotate names the file the following events come from
                    file[0] = ((RotateEventData) event.getData()).getBinlogFilename();
                    return;
                }
                seen.add(new Seen(file[0], h.getNextPosition(), SHOW_NAMES.getOrDefault(h.getEventType(),
                        h.getEventType().name())));
            });
            client.connect(10_000);
            try {
                source.executeAll("CREATE DATABASE w", "CREATE TABLE w.t (id INT AUTO_INCREMENT PRIMARY KEY, v VARCHAR(20))");
                try (var c = source.newConnection(); var st = c.createStatement()) {
                    st.execute("INSERT INTO w.t (v) VALUES ('a'), ('b')");
                    st.execute("BEGIN");
                    st.execute("INSERT INTO w.t (v) VALUES ('c')");
                    st.execute("UPDATE w.t SET v = 'cc' WHERE v = 'c'");
                    st.execute("COMMIT");
                    st.execute("FLUSH LOGS");
                    st.execute("DELETE FROM w.t WHERE v = 'a'");
                    st.execute("FLUSH LOGS");
                    st.execute("FLUSH LOGS");
                    st.execute("INSERT INTO w.t (v) VALUES ('d')");
                }
                List<String> status = source.rows("SHOW MASTER STATUS").get(0);
                Seen last = new Seen(status.get(0), Long.parseLong(status.get(1)), "Xid");
                Poll.until("the client to reach " + last, Duration.ofSeconds(20), () -> seen.contains(last));

                List<Seen> expected = new ArrayList<>();
                for (List<String> log : source.rows("SHOW BINARY LOGS")) {
                    for (List<String> e : source.rows("SHOW BINLOG EVENTS IN '" + log.get(0) + "'")) {
                        expected.add(new Seen(e.get(0), Long.parseLong(e.get(4)), e.get(2)));
                    }
                }
                assertEquals(4, source.rows("SHOW BINARY LOGS").size());
                assertEquals(expected, new ArrayList<>(seen));
                assertTrue(client.isConnected());
                assertEquals(status.get(0), client.getBinlogFilename());
                assertEquals(Long.parseLong(status.get(1)), client.getBinlogPosition());
            } finally {
                client.disconnect();
            }
        }
    }
}
