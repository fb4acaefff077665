package io.minisqld.server.observer;

import static io.minisqld.plugin.api.observer.ObserverFamily.BINLOG_RELAY_IO;

import io.minisqld.plugin.api.observer.BinlogRelayIoObserver;
import io.minisqld.plugin.api.observer.ReadEvent;
import io.minisqld.plugin.api.observer.RelayIoParam;

/**
 * The {@link BinlogRelayIoObserver} hooks (MySQL's {@code binlog_relay_io_delegate}), by name for
 * the replica's IO thread (spec semisync.md §1.7).
 */
public final class RelayIoDelegate extends ObserverDelegate<BinlogRelayIoObserver> {

    /** What before_request_transmit is given: the flags of the COM_BINLOG_DUMP about to be sent. */
    public record Request(RelayIoParam param, int flags) {
    }

    /** What after_read_event is given: the packet read, whose view observers may narrow. */
    public record Read(RelayIoParam param, ReadEvent event) {
    }

    /** What after_queue_event is given: the event written to the relay log, and whether it is synced. */
    public record Queued(RelayIoParam param, byte[] event, boolean synced) {
    }

    public static final Hook<BinlogRelayIoObserver, RelayIoParam> THREAD_START = new Hook<>(BINLOG_RELAY_IO,
            "thread_start", BinlogRelayIoObserver::threadStart);
    public static final Hook<BinlogRelayIoObserver, RelayIoParam> THREAD_STOP = new Hook<>(BINLOG_RELAY_IO,
            "thread_stop", BinlogRelayIoObserver::threadStop);
    public static final Hook<BinlogRelayIoObserver, Request> BEFORE_REQUEST_TRANSMIT = new Hook<>(BINLOG_RELAY_IO,
            "before_request_transmit", (o, a) -> o.beforeRequestTransmit(a.param(), a.flags()));
    public static final Hook<BinlogRelayIoObserver, Read> AFTER_READ_EVENT = new Hook<>(BINLOG_RELAY_IO,
            "after_read_event", (o, a) -> o.afterReadEvent(a.param(), a.event()));
    public static final Hook<BinlogRelayIoObserver, Queued> AFTER_QUEUE_EVENT = new Hook<>(BINLOG_RELAY_IO,
            "after_queue_event", (o, a) -> o.afterQueueEvent(a.param(), a.event(), a.synced()));
    public static final Hook<BinlogRelayIoObserver, RelayIoParam> AFTER_RESET_SLAVE = new Hook<>(BINLOG_RELAY_IO,
            "after_reset_slave", BinlogRelayIoObserver::afterResetSlave);

    RelayIoDelegate(ObserverRegistry owner) {
        super(BINLOG_RELAY_IO, owner);
    }

    /** {@code thread_start}; on false the IO thread stops ("Fatal error: Failed to run 'thread_start' hook"). */
    public boolean threadStart(RelayIoParam param) {
        return run(THREAD_START, param);
    }

    /** {@code thread_stop}; the result is ignored by MySQL. */
    public boolean threadStop(RelayIoParam param) {
        return run(THREAD_STOP, param);
    }

    /**
     * {@code before_request_transmit}, before each COM_BINLOG_DUMP; on false the IO thread logs
     * {@code Failed on request_dump()} and reconnects.
     */
    public boolean beforeRequestTransmit(RelayIoParam param, int flags) {
        return isEmpty() || run(BEFORE_REQUEST_TRANSMIT, new Request(param, flags));
    }

    /**
     * {@code after_read_event}; afterwards {@code event}'s view is what to queue. On false the IO
     * thread stops ("Failed to run 'after_read_event' hook").
     */
    public boolean afterReadEvent(RelayIoParam param, ReadEvent event) {
        return isEmpty() || run(AFTER_READ_EVENT, new Read(param, event));
    }

    /** {@code after_queue_event}; on false the IO thread stops ("Failed to run 'after_queue_event' hook"). */
    public boolean afterQueueEvent(RelayIoParam param, byte[] event, boolean synced) {
        return isEmpty() || run(AFTER_QUEUE_EVENT, new Queued(param, event, synced));
    }

    /** {@code after_reset_slave}, after RESET SLAVE; the result is ignored by MySQL. */
    public boolean afterResetSlave(RelayIoParam param) {
        return run(AFTER_RESET_SLAVE, param);
    }
}
