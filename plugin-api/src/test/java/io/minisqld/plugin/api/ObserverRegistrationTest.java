package io.minisqld.plugin.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.minisqld.plugin.api.observer.BinlogRelayIoObserver;
import io.minisqld.plugin.api.observer.BinlogStorageObserver;
import io.minisqld.plugin.api.observer.BinlogTransmitObserver;
import io.minisqld.plugin.api.observer.ObserverFamily;
import io.minisqld.plugin.api.observer.ServerStateObserver;
import io.minisqld.plugin.api.observer.TransactionObserver;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ObserverRegistrationTest {

    /** Records the generic calls, which are all a server implements. */
    private static final class Recording implements ObserverRegistration {
        final List<String> calls = new ArrayList<>();

        @Override
        public <O> void register(ObserverFamily<O> family, O observer) {
            calls.add("register " + family.name());
        }

        @Override
        public <O> void unregister(ObserverFamily<O> family, O observer) {
            calls.add("unregister " + family.name());
        }
    }

    @Test
    void theFamilyShortcutsOfTheFirstApiAreTheGenericCalls() {
        Recording r = new Recording();
        r.registerTransactionObserver(new TransactionObserver() { });
        r.registerBinlogStorageObserver(new BinlogStorageObserver() { });
        r.registerBinlogTransmitObserver(new BinlogTransmitObserver() { });
        r.registerRelayIoObserver(new BinlogRelayIoObserver() { });
        r.registerServerStateObserver(new ServerStateObserver() { });
        r.unregisterTransactionObserver(null);
        r.unregisterBinlogStorageObserver(null);
        r.unregisterBinlogTransmitObserver(null);
        r.unregisterRelayIoObserver(null);
        r.unregisterServerStateObserver(null);

        assertEquals(List.of("register transaction", "register binlog_storage", "register binlog_transmit",
                "register binlog_relay_io", "register server_state", "unregister transaction",
                "unregister binlog_storage", "unregister binlog_transmit", "unregister binlog_relay_io",
                "unregister server_state"), r.calls);
    }
}
