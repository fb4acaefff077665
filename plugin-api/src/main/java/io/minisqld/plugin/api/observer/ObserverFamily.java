package io.minisqld.plugin.api.observer;

import java.util.List;
import java.util.Objects;

/**
 * One family of replication observers, one of the observer structs of MySQL's
 * {@code sql/replication.h}: the interface a plugin implements and the MySQL names of its hooks
 * (in the order the interface declares them). A plugin registers an observer of any family the
 * same way, {@code context.observers().register(ObserverFamily.TRANSACTION, observer)}; the server
 * prints a hook's name in the failure line {@code Run function '<hook>' in plugin '<plugin>'
 * failed}.
 *
 * <p>The families are the constants below. Adding one is a constant here and its observer
 * interface; the server's call sites then run its hooks by name.
 *
 * @param name         the family's name (MySQL's observer struct without {@code _observer}), for messages
 * @param observerType the interface observers of this family implement
 * @param hookNames    MySQL's hook names, in declaration order
 * @param <O>          the observer interface
 */
public record ObserverFamily<O>(String name, Class<O> observerType, List<String> hookNames) {

    /** {@link TransactionObserver} (MySQL's {@code Trans_observer}). */
    public static final ObserverFamily<TransactionObserver> TRANSACTION = new ObserverFamily<>("transaction",
            TransactionObserver.class,
            List.of("before_dml", "before_commit", "before_rollback", "after_commit", "after_rollback"));

    /** {@link BinlogStorageObserver} (MySQL's {@code Binlog_storage_observer}). */
    public static final ObserverFamily<BinlogStorageObserver> BINLOG_STORAGE = new ObserverFamily<>("binlog_storage",
            BinlogStorageObserver.class, List.of("after_flush", "after_sync"));

    /** {@link ServerStateObserver} (MySQL's {@code Server_state_observer}). */
    public static final ObserverFamily<ServerStateObserver> SERVER_STATE = new ObserverFamily<>("server_state",
            ServerStateObserver.class, List.of("before_recovery", "after_engine_recovery", "after_recovery",
                    "before_handle_connection", "before_server_shutdown", "after_server_shutdown"));

    /** {@link BinlogTransmitObserver} (MySQL's {@code Binlog_transmit_observer}). */
    public static final ObserverFamily<BinlogTransmitObserver> BINLOG_TRANSMIT = new ObserverFamily<>("binlog_transmit",
            BinlogTransmitObserver.class, List.of("transmit_start", "transmit_stop", "reserve_header",
                    "before_send_event", "after_send_event", "after_reset_master"));

    /** {@link BinlogRelayIoObserver} (MySQL's {@code Binlog_relay_IO_observer}). */
    public static final ObserverFamily<BinlogRelayIoObserver> BINLOG_RELAY_IO = new ObserverFamily<>("binlog_relay_io",
            BinlogRelayIoObserver.class, List.of("thread_start", "thread_stop", "before_request_transmit",
                    "after_read_event", "after_queue_event", "after_reset_slave"));

    /** {@link AuditObserver} (MySQL's {@code st_mysql_audit} of an AUDIT plugin; plugin API 1.1). */
    public static final ObserverFamily<AuditObserver> AUDIT = new ObserverFamily<>("audit", AuditObserver.class,
            List.of("event_notify"));

    public ObserverFamily {
        Objects.requireNonNull(name, "name");
        if (!observerType.isInterface()) {
            throw new IllegalArgumentException("an observer family is an interface, not " + observerType.getName());
        }
        hookNames = List.copyOf(hookNames);
    }
}
