package io.minisqld.plugin.api;

import io.minisqld.plugin.api.observer.BinlogRelayIoObserver;
import io.minisqld.plugin.api.observer.BinlogStorageObserver;
import io.minisqld.plugin.api.observer.BinlogTransmitObserver;
import io.minisqld.plugin.api.observer.ServerStateObserver;
import io.minisqld.plugin.api.observer.TransactionObserver;

/**
 * Registers a plugin's observers (MySQL's {@code register_trans_observer} and friends).
 * Registration order is call order. Call from {@code init} and {@code deinit} only, never from
 * inside a hook. Anything still registered when deinit returns is removed by the server.
 */
public interface ObserverRegistration {
    void registerTransactionObserver(TransactionObserver observer);

    void unregisterTransactionObserver(TransactionObserver observer);

    void registerBinlogStorageObserver(BinlogStorageObserver observer);

    void unregisterBinlogStorageObserver(BinlogStorageObserver observer);

    void registerBinlogTransmitObserver(BinlogTransmitObserver observer);

    void unregisterBinlogTransmitObserver(BinlogTransmitObserver observer);

    void registerRelayIoObserver(BinlogRelayIoObserver observer);

    void unregisterRelayIoObserver(BinlogRelayIoObserver observer);

    void registerServerStateObserver(ServerStateObserver observer);

    void unregisterServerStateObserver(ServerStateObserver observer);
}
