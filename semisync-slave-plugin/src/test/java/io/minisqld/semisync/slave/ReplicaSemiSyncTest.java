package io.minisqld.semisync.slave;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minisqld.plugin.api.LogPosition;
import io.minisqld.plugin.api.observer.ReadEvent;
import io.minisqld.plugin.api.observer.RelayIoParam;
import io.minisqld.plugin.api.observer.SourceConnection;
import io.minisqld.plugin.api.observer.SourceQueryException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The relay IO hooks driven as the IO thread drives them, against a scripted source. */
class ReplicaSemiSyncTest {

    /** A source that answers the probe with or without a row and records what it is sent. */
    private static final class FakeSource implements SourceConnection {
        final List<String> queries = new ArrayList<>();
        final List<byte[]> packets = new ArrayList<>();
        final boolean hasSemisync;
        SourceQueryException failure;

        FakeSource(boolean hasSemisync) {
            this.hasSemisync = hasSemisync;
        }

        @Override
        public List<List<String>> query(String sql) throws SourceQueryException {
            queries.add(sql);
            if (failure != null) throw failure;
            if (sql.startsWith("SHOW VARIABLES")) {
                return hasSemisync ? List.of(List.of("rpl_semi_sync_master_enabled", "ON")) : List.of();
            }
            return List.of();
        }

        @Override
        public void writePacket(byte[] payload) {
            packets.add(payload);
        }
    }

    private static RelayIoParam param(SourceConnection source, String file, long pos) {
        return new RelayIoParam(2, 7, "", "127.0.0.1", 3307, "repl", LogPosition.of(file, pos), source);
    }

    /** A packet as read: OK byte, optional semisync header, then an event body. */
    private static ReadEvent packet(boolean header, boolean flag, byte... body) {
        int h = header ? 2 : 0;
        byte[] p = new byte[1 + h + body.length];
        if (header) {
            p[1] = (byte) 0xEF;
            p[2] = (byte) (flag ? 1 : 0);
        }
        System.arraycopy(body, 0, p, 1 + h, body.length);
        return new ReadEvent(p, 1, p.length - 1);
    }

    @Test
    void negotiatesThenStripsHeadersAndAcknowledgesOnlyFlaggedEvents() {
        ReplicaSemiSync r = new ReplicaSemiSync(true, 32);
        FakeSource source = new FakeSource(true);
        r.threadStart(param(null, "", 4));
        assertTrue(r.status());
        r.beforeRequestTransmit(param(source, "", 4), 0);
        assertEquals(List.of("SHOW VARIABLES LIKE 'rpl_semi_sync_master_enabled'", "SET @rpl_semi_sync_slave= 1"),
                source.queries);
        assertTrue(r.status());

        ReadEvent unflagged = packet(true, false, (byte) 1, (byte) 2, (byte) 3);
        r.afterReadEvent(param(source, "mysql-bin.000001", 4), unflagged);
        assertArrayEquals(new byte[] {1, 2, 3}, unflagged.toByteArray());
        r.afterQueueEvent(param(source, "mysql-bin.000001", 120), unflagged.toByteArray(), true);
        assertEquals(0, source.packets.size());

        ReadEvent flagged = packet(true, true, (byte) 9);
        r.afterReadEvent(param(source, "mysql-bin.000001", 120), flagged);
        assertArrayEquals(new byte[] {9}, flagged.toByteArray());
        r.afterQueueEvent(param(source, "mysql-bin.000001", 621), flagged.toByteArray(), true);
        assertEquals(1, source.packets.size());
        assertEquals(new SemiSyncReply(LogPosition.of("mysql-bin.000001", 621)),
                SemiSyncReply.decode(source.packets.get(0)));

        r.threadStop(param(null, "mysql-bin.000001", 621));
        assertFalse(r.status());
    }

    @Test
    void sourceWithoutSemisyncFallsBackToAsynchronous() {
        ReplicaSemiSync r = new ReplicaSemiSync(true, 32);
        FakeSource source = new FakeSource(false);
        r.threadStart(param(null, "", 4));
        r.beforeRequestTransmit(param(source, "", 4), 0);
        assertEquals(List.of("SHOW VARIABLES LIKE 'rpl_semi_sync_master_enabled'"), source.queries);
        assertFalse(r.status());
        ReadEvent plain = packet(false, false, (byte) 5, (byte) 6);
        r.afterReadEvent(param(source, "mysql-bin.000001", 4), plain);
        assertArrayEquals(new byte[] {5, 6}, plain.toByteArray());
        r.afterQueueEvent(param(source, "mysql-bin.000001", 100), plain.toByteArray(), true);
        assertEquals(0, source.packets.size());
    }

    @Test
    void enablingWhileRunningWaitsForTheNextConnect() {
        ReplicaSemiSync r = new ReplicaSemiSync(false, 32);
        FakeSource source = new FakeSource(true);
        r.threadStart(param(null, "", 4));
        r.beforeRequestTransmit(param(source, "", 4), 0);
        assertEquals(List.of(), source.queries);
        r.setEnabled(true);
        assertFalse(r.status());
        ReadEvent plain = packet(false, false, (byte) 5);
        r.afterReadEvent(param(source, "mysql-bin.000001", 4), plain);
        assertArrayEquals(new byte[] {5}, plain.toByteArray());
        r.threadStop(param(null, "mysql-bin.000001", 100));

        // STOP SLAVE IO_THREAD; START SLAVE IO_THREAD
        r.threadStart(param(null, "mysql-bin.000001", 100));
        r.beforeRequestTransmit(param(source, "mysql-bin.000001", 100), 0);
        assertTrue(r.status());
        assertEquals(2, source.queries.size());
    }

    @Test
    void disablingWhileRunningKeepsSemisyncUntilTheThreadStops() {
        ReplicaSemiSync r = new ReplicaSemiSync(true, 32);
        FakeSource source = new FakeSource(true);
        r.threadStart(param(null, "", 4));
        r.beforeRequestTransmit(param(source, "", 4), 0);
        r.setEnabled(false);
        ReadEvent flagged = packet(true, true, (byte) 1);
        r.afterReadEvent(param(source, "mysql-bin.000001", 4), flagged);
        r.afterQueueEvent(param(source, "mysql-bin.000001", 200), flagged.toByteArray(), true);
        assertEquals(1, source.packets.size());
        assertTrue(r.status());
    }

    @Test
    void eventWithoutMagicWhileNegotiatedStopsTheIoThread() {
        ReplicaSemiSync r = new ReplicaSemiSync(true, 32);
        FakeSource source = new FakeSource(true);
        r.threadStart(param(null, "", 4));
        r.beforeRequestTransmit(param(source, "", 4), 0);
        ReadEvent plain = packet(false, false, (byte) 0x10, (byte) 0x20, (byte) 0x30);
        RuntimeException e = assertThrows(RuntimeException.class,
                () -> r.afterReadEvent(param(source, "mysql-bin.000001", 4), plain));
        assertEquals("Missing magic number for semi-sync packet, packet len: 3", e.getMessage());
    }

    @Test
    void probeErrorFailsTheDumpRequest() {
        ReplicaSemiSync r = new ReplicaSemiSync(true, 32);
        FakeSource source = new FakeSource(true);
        source.failure = new SourceQueryException(1227, "42000", "Access denied");
        r.threadStart(param(null, "", 4));
        assertThrows(RuntimeException.class, () -> r.beforeRequestTransmit(param(source, "", 4), 0));
    }

    @Test
    void failedReplyIsIgnored() {
        ReplicaSemiSync r = new ReplicaSemiSync(true, 32);
        SourceConnection broken = new SourceConnection() {
            @Override
            public List<List<String>> query(String sql) {
                return sql.startsWith("SHOW") ? List.of(List.of("rpl_semi_sync_master_enabled", "OFF")) : List.of();
            }

            @Override
            public void writePacket(byte[] payload) throws IOException {
                throw new IOException("Broken pipe");
            }
        };
        r.threadStart(param(null, "", 4));
        r.beforeRequestTransmit(param(broken, "", 4), 0);
        ReadEvent flagged = packet(true, true, (byte) 1);
        r.afterReadEvent(param(broken, "mysql-bin.000001", 4), flagged);
        r.afterQueueEvent(param(broken, "mysql-bin.000001", 200), flagged.toByteArray(), true);
        assertTrue(r.status());
    }
}
