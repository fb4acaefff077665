package io.minisqld.server.observer;

import io.minisqld.plugin.api.observer.BinlogRelayIoObserver;
import io.minisqld.plugin.api.observer.ReadEvent;
import io.minisqld.plugin.api.observer.RelayIoParam;

/**
 * Dispatches {@link BinlogRelayIoObserver} hooks (MySQL's {@code binlog_relay_io_delegate}),
 * called by the replica's IO thread (spec semisync.md §1.7).
 */
public final class RelayIoDelegate extends ObserverDelegate<BinlogRelayIoObserver> {

    RelayIoDelegate(ObserverRegistry owner) {
        super(owner);
    }

    /** {@code thread_start}; on false the IO thread stops ("Fatal error: Failed to run 'thread_start' hook"). */
    public boolean threadStart(RelayIoParam param) {
        return run("thread_start", BinlogRelayIoObserver::threadStart, param);
    }

    /** {@code thread_stop}; the result is ignored by MySQL. */
    public boolean threadStop(RelayIoParam param) {
        return run("thread_stop", BinlogRelayIoObserver::threadStop, param);
    }

    /**
     * {@code before_request_transmit}, before each COM_BINLOG_DUMP; on false the IO thread logs
     * {@code Failed on request_dump()} and reconnects.
     */
    public boolean beforeRequestTransmit(RelayIoParam param, int flags) {
        return run("before_request_transmit", BinlogRelayIoObserver::beforeRequestTransmit, param, flags);
    }

    /**
     * {@code after_read_event}; afterwards {@code event}'s view is what to queue. On false the IO
     * thread stops ("Failed to run 'after_read_event' hook").
     */
    public boolean afterReadEvent(RelayIoParam param, ReadEvent event) {
        return run("after_read_event", BinlogRelayIoObserver::afterReadEvent, param, event);
    }

    /** {@code after_queue_event}; on false the IO thread stops ("Failed to run 'after_queue_event' hook"). */
    public boolean afterQueueEvent(RelayIoParam param, byte[] event, boolean synced) {
        // Boolean.valueOf is cached: boxing allocates nothing.
        return run("after_queue_event", BinlogRelayIoObserver::afterQueueEvent, param, event, synced);
    }

    /** {@code after_reset_slave}, after RESET SLAVE; the result is ignored by MySQL. */
    public boolean afterResetSlave(RelayIoParam param) {
        return run("after_reset_slave", BinlogRelayIoObserver::afterResetSlave, param);
    }
}
