package io.minisqld.server.binlog;

import com.github.shyiko.mysql.binlog.BinaryLogFileReader;
import com.github.shyiko.mysql.binlog.event.Event;
import com.github.shyiko.mysql.binlog.event.EventHeaderV4;
import com.github.shyiko.mysql.binlog.event.EventType;
import com.github.shyiko.mysql.binlog.event.FormatDescriptionEventData;
import com.github.shyiko.mysql.binlog.event.IntVarEventData;
import com.github.shyiko.mysql.binlog.event.QueryEventData;
import com.github.shyiko.mysql.binlog.event.RotateEventData;
import com.github.shyiko.mysql.binlog.event.XidEventData;
import com.github.shyiko.mysql.binlog.event.deserialization.ChecksumType;
import io.minisqld.server.binlog.event.ChecksumAlgorithm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** mysql-binlog-connector-java's file reader parses the binlog files minisqld writes. */
class BinlogConnectorCompatibilityTest {
    @TempDir
    Path datadir;

    private static List<Event> readAll(Path file) throws IOException {
        List<Event> events = new ArrayList<>();
        try (BinaryLogFileReader reader = new BinaryLogFileReader(file.toFile())) {
            Event e;
            while ((e = reader.readEvent()) != null) events.add(e);
        }
        return events;
    }

    private void check(ChecksumAlgorithm checksum, ChecksumType expectedType) throws IOException {
        SampleBinlog sample = SampleBinlog.write(datadir, checksum);
        List<Event> events = readAll(sample.first);

        assertEquals(List.of(EventType.FORMAT_DESCRIPTION, EventType.PREVIOUS_GTIDS, EventType.QUERY, EventType.QUERY, EventType.INTVAR,
                        EventType.QUERY, EventType.XID, EventType.ROTATE),
                events.stream().map(e -> e.getHeader().getEventType()).toList());
        for (int i = 0; i < events.size(); i++) {
            EventHeaderV4 h = events.get(i).getHeader();
            assertEquals(sample.ends.get(i), h.getNextPosition(), "event " + i);
            assertEquals(i == 0 ? 4 : sample.ends.get(i - 1), h.getPosition(), "event " + i);
            assertEquals(1, h.getServerId());
            assertEquals(BinlogTestEvents.TS * 1000, h.getTimestamp());
        }

        FormatDescriptionEventData fde = events.get(0).getData();
        assertEquals(4, fde.getBinlogVersion());
        assertEquals(SampleBinlog.VERSION, fde.getServerVersion());
        assertEquals(19, fde.getHeaderLength());
        assertEquals(expectedType, fde.getChecksumType());

        assertEquals("", ((com.github.shyiko.mysql.binlog.event.PreviousGtidSetEventData) events.get(1).getData())
                .getGtidSet(), "MySQL 5.7's PREVIOUS_GTIDS, empty before any GTID (B.3)");
        QueryEventData ddl = events.get(2).getData();
        assertEquals("test", ddl.getDatabase());
        assertEquals(SampleBinlog.DDL, ddl.getSql());
        assertEquals(7, ddl.getThreadId());
        assertEquals(0, ddl.getErrorCode());
        assertEquals("BEGIN", ((QueryEventData) events.get(3).getData()).getSql());
        IntVarEventData intvar = events.get(4).getData();
        assertEquals(2, intvar.getType());
        assertEquals(1, intvar.getValue());
        assertEquals(SampleBinlog.INSERT, ((QueryEventData) events.get(5).getData()).getSql());
        assertEquals(5, ((XidEventData) events.get(6).getData()).getXid());
        RotateEventData rotate = events.get(7).getData();
        assertEquals("mysql-bin.000002", rotate.getBinlogFilename());
        assertEquals(4, rotate.getBinlogPosition());

        List<Event> second = readAll(sample.second);
        assertEquals(List.of(EventType.FORMAT_DESCRIPTION, EventType.PREVIOUS_GTIDS, EventType.STOP),
                second.stream().map(e -> e.getHeader().getEventType()).toList());
        assertEquals(123, ((EventHeaderV4) second.get(0).getHeader()).getNextPosition());
    }

    @Test
    void readsACrc32Binlog() throws IOException {
        check(ChecksumAlgorithm.CRC32, ChecksumType.CRC32);
    }

    @Test
    void readsABinlogWithoutChecksums() throws IOException {
        check(ChecksumAlgorithm.NONE, ChecksumType.NONE);
    }
}
