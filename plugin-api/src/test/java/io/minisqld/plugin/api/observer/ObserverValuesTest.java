package io.minisqld.plugin.api.observer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minisqld.plugin.api.LogPosition;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class ObserverValuesTest {

    @Test
    void eventPacketWritesOnlyTheReservedHeader() {
        // OK byte, semisync magic and flag, then a 3-byte event.
        byte[] payload = {0x00, (byte) 0xEF, 0x00, 0x0A, 0x0B, 0x0C};
        EventPacket packet = new EventPacket(payload, 0, payload.length, 2, LogPosition.of("binlog.000001", 389));

        packet.set(2, (byte) 0x01);
        assertEquals(0x01, packet.get(2));
        assertThrows(IndexOutOfBoundsException.class, () -> packet.set(0, (byte) 1));
        assertThrows(IndexOutOfBoundsException.class, () -> packet.set(3, (byte) 1));
        assertArrayEquals(new byte[] {0x00, (byte) 0xEF, 0x01, 0x0A, 0x0B, 0x0C}, payload);

        ByteBuffer event = packet.event();
        assertTrue(event.isReadOnly());
        assertEquals(3, event.remaining());
        assertEquals(0x0A, event.get(0));
        assertEquals(LogPosition.of("binlog.000001", 389), packet.position());
        assertThrows(IllegalArgumentException.class,
                () -> new EventPacket(payload, 0, 2, 2, LogPosition.of("binlog.000001", 389)));
    }

    @Test
    void readEventStripsFromTheFront() {
        ReadEvent read = new ReadEvent(new byte[] {0x00, (byte) 0xEF, 0x01, 0x20, 0x21}, 1, 4);
        assertEquals((byte) 0xEF, read.get(0));
        read.strip(2);
        assertEquals(3, read.offset());
        assertEquals(2, read.length());
        assertArrayEquals(new byte[] {0x20, 0x21}, read.toByteArray());
        assertThrows(IndexOutOfBoundsException.class, () -> read.strip(3));
        assertThrows(IndexOutOfBoundsException.class, () -> read.get(2));
    }

    @Test
    void transactionParamTellsWhetherAnythingWasLogged() {
        assertFalse(new TransactionParam(1, "u", 5, true, null).logged());
        assertTrue(new TransactionParam(1, "u", 5, true, LogPosition.of("binlog.000001", 389)).logged());
    }

    @Test
    void defaultHooksDoNothing() {
        TransactionParam t = new TransactionParam(1, "u", 5, true, null);
        TransactionObserver transaction = new TransactionObserver() { };
        transaction.beforeDml(t);
        transaction.beforeCommit(t);
        transaction.beforeRollback(t);
        transaction.afterCommit(t);
        transaction.afterRollback(t);
        BinlogStorageObserver storage = new BinlogStorageObserver() { };
        storage.afterFlush(new BinlogStorageParam(1, LogPosition.of("binlog.000001", 154)));
        storage.afterSync(new BinlogStorageParam(1, LogPosition.of("binlog.000001", 154)));
        ServerStateObserver state = new ServerStateObserver() { };
        state.beforeHandleConnection(new ServerStateParam(1));
        state.beforeServerShutdown(new ServerStateParam(1));
        state.afterServerShutdown(new ServerStateParam(1));
        BinlogRelayIoObserver relay = new BinlogRelayIoObserver() { };
        ReadEvent read = new ReadEvent(new byte[] {0x00, 0x10}, 1, 1);
        relay.afterReadEvent(new RelayIoParam(2, 9, "", "127.0.0.1", 3307, "repl", LogPosition.of("", 4), null), read);
        assertEquals(1, read.offset());
        assertEquals(1, read.length());
    }

    @Test
    void sourceQueryExceptionCarriesTheSourcesError() {
        SourceQueryException e = new SourceQueryException(1193, "HY000",
                "Unknown system variable 'rpl_semi_sync_master_enabled'");
        assertEquals(1193, e.errorNumber());
        assertEquals("HY000", e.sqlState());
        assertEquals("Unknown system variable 'rpl_semi_sync_master_enabled'", e.getMessage());
    }
}
