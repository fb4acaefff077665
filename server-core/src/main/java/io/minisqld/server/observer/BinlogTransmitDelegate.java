package io.minisqld.server.observer;

import io.minisqld.plugin.api.LogPosition;
import io.minisqld.plugin.api.observer.BinlogTransmitObserver;
import io.minisqld.plugin.api.observer.EventPacket;
import io.minisqld.plugin.api.observer.TransmitParam;

/**
 * Dispatches {@link BinlogTransmitObserver} hooks (MySQL's {@code binlog_transmit_delegate}),
 * called by dump threads (spec semisync.md §1.6). A dump thread calls {@link #transmitStart}
 * once, then, if {@link TransmitParam#shouldObserve()}, {@link #reserveHeader} for every packet
 * and {@link #beforeSendEvent} / {@link #afterSendEvent} around every binlog event, and
 * {@link #transmitStop} at the end if transmit_start succeeded.
 */
public final class BinlogTransmitDelegate extends ObserverDelegate<BinlogTransmitObserver> {

    BinlogTransmitDelegate(ObserverRegistry owner) {
        super(owner);
    }

    /** {@code transmit_start}; on false the dump fails ("Failed to run hook 'transmit_start'"). */
    public boolean transmitStart(TransmitParam param, LogPosition start) {
        return run("transmit_start", BinlogTransmitObserver::transmitStart, param, start);
    }

    /** {@code transmit_stop}; the result is ignored by MySQL. */
    public boolean transmitStop(TransmitParam param) {
        return run("transmit_stop", BinlogTransmitObserver::transmitStop, param);
    }

    /**
     * {@code reserve_header}: lets every observer append up to 32 bytes to {@code header} (which
     * the caller cleared; it goes after the OK byte). On false the dump fails ("Failed to run
     * hook 'reserve_header'"); an observer appending more than 32 bytes is such a failure.
     */
    public boolean reserveHeader(TransmitParam param, ReservedHeader header) {
        return run("reserve_header", BinlogTransmitDelegate::reserveOne, param, header);
    }

    private static void reserveOne(BinlogTransmitObserver observer, TransmitParam param, ReservedHeader header) {
        header.startObserver();
        observer.reserveHeader(param, header);
    }

    /**
     * {@code before_send_event}, the packet carrying the event's end position; on false the dump
     * fails ("run 'before_send_event' hook failed").
     */
    public boolean beforeSendEvent(TransmitParam param, EventPacket packet) {
        return run("before_send_event", BinlogTransmitObserver::beforeSendEvent, param, packet);
    }

    /**
     * {@code after_send_event}; {@code skipped} is null unless the event was skipped. On false the
     * dump fails ("Failed to run hook 'after_send_event'").
     */
    public boolean afterSendEvent(TransmitParam param, byte[] event, LogPosition skipped) {
        return run("after_send_event", BinlogTransmitObserver::afterSendEvent, param, event, skipped);
    }

    /** {@code after_reset_master}, at the end of RESET MASTER; the result is ignored by MySQL. */
    public boolean afterResetMaster(TransmitParam param) {
        return run("after_reset_master", BinlogTransmitObserver::afterResetMaster, param);
    }
}
