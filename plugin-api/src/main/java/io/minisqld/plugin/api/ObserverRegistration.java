package io.minisqld.plugin.api;

import io.minisqld.plugin.api.observer.BinlogRelayIoObserver;
import io.minisqld.plugin.api.observer.BinlogStorageObserver;
import io.minisqld.plugin.api.observer.BinlogTransmitObserver;
import io.minisqld.plugin.api.observer.ObserverFamily;
import io.minisqld.plugin.api.observer.ServerStateObserver;
import io.minisqld.plugin.api.observer.TransactionObserver;

/**
 * Registers a plugin's observers (MySQL's {@code register_trans_observer} and friends, one method
 * for every family): {@code register(ObserverFamily.TRANSACTION, observer)}. Registration order
 * is call order. Call from {@code init} and {@code deinit} only, never from inside a hook.
 * Anything still registered when deinit returns is removed by the server.
 *
 * <p>The {@code register…Observer} / {@code unregister…Observer} methods are shortcuts for the
 * five families (and keep plugins built against the first API working); each is the generic call.
 */
public interface ObserverRegistration {

    /**
     * Adds {@code observer} at the end of its family's call order. Registering an observer that
     * is already registered in the family changes nothing (MySQL: "already exists").
     *
     * @throws IllegalStateException if called from inside a hook
     * @throws ClassCastException    if {@code observer} does not implement the family's interface
     */
    <O> void register(ObserverFamily<O> family, O observer);

    /**
     * Removes {@code observer} from its family, waiting until hooks running on other threads
     * have returned; removing an observer that is not registered changes nothing.
     *
     * @throws IllegalStateException if called from inside a hook
     */
    <O> void unregister(ObserverFamily<O> family, O observer);

    default void registerTransactionObserver(TransactionObserver observer) {
        register(ObserverFamily.TRANSACTION, observer);
    }

    default void unregisterTransactionObserver(TransactionObserver observer) {
        unregister(ObserverFamily.TRANSACTION, observer);
    }

    default void registerBinlogStorageObserver(BinlogStorageObserver observer) {
        register(ObserverFamily.BINLOG_STORAGE, observer);
    }

    default void unregisterBinlogStorageObserver(BinlogStorageObserver observer) {
        unregister(ObserverFamily.BINLOG_STORAGE, observer);
    }

    default void registerBinlogTransmitObserver(BinlogTransmitObserver observer) {
        register(ObserverFamily.BINLOG_TRANSMIT, observer);
    }

    default void unregisterBinlogTransmitObserver(BinlogTransmitObserver observer) {
        unregister(ObserverFamily.BINLOG_TRANSMIT, observer);
    }

    default void registerRelayIoObserver(BinlogRelayIoObserver observer) {
        register(ObserverFamily.BINLOG_RELAY_IO, observer);
    }

    default void unregisterRelayIoObserver(BinlogRelayIoObserver observer) {
        unregister(ObserverFamily.BINLOG_RELAY_IO, observer);
    }

    default void registerServerStateObserver(ServerStateObserver observer) {
        register(ObserverFamily.SERVER_STATE, observer);
    }

    default void unregisterServerStateObserver(ServerStateObserver observer) {
        unregister(ObserverFamily.SERVER_STATE, observer);
    }
}
