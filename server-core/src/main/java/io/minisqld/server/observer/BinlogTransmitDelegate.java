package io.minisqld.server.observer;

import static io.minisqld.plugin.api.observer.ObserverFamily.BINLOG_TRANSMIT;

import io.minisqld.plugin.api.LogPosition;
import io.minisqld.plugin.api.observer.BinlogTransmitObserver;
import io.minisqld.plugin.api.observer.EventPacket;
import io.minisqld.plugin.api.observer.TransmitParam;

/**
 * The {@link BinlogTransmitObserver} hooks (MySQL's {@code binlog_transmit_delegate}), by name for
 * dump threads (spec semisync.md §1.6). A dump thread calls {@link #transmitStart} once, then, if
 * {@link TransmitParam#shouldObserve()}, {@link #reserveHeader} for every packet and
 * {@link #beforeSendEvent} / {@link #afterSendEvent} around every binlog event, and
 * {@link #transmitStop} at the end if transmit_start succeeded.
 */
public final class BinlogTransmitDelegate extends ObserverDelegate<BinlogTransmitObserver> {

    /** What transmit_start is given: the dump's parameter and the position the replica asked for. */
    public record Start(TransmitParam param, LogPosition start) {
    }

    /** What reserve_header is given: the dump's parameter and the header buffer of the packet. */
    public record Header(TransmitParam param, ReservedHeader header) {
    }

    /** What before_send_event is given: the packet about to be sent, carrying the event's end position. */
    public record Send(TransmitParam param, EventPacket packet) {
    }

    /** What after_send_event is given: the event sent, and its end position only if it was skipped. */
    public record Sent(TransmitParam param, byte[] event, LogPosition skipped) {
    }

    public static final Hook<BinlogTransmitObserver, Start> TRANSMIT_START = new Hook<>(BINLOG_TRANSMIT,
            "transmit_start", (o, a) -> o.transmitStart(a.param(), a.start()));
    public static final Hook<BinlogTransmitObserver, TransmitParam> TRANSMIT_STOP = new Hook<>(BINLOG_TRANSMIT,
            "transmit_stop", BinlogTransmitObserver::transmitStop);
    /** MySQL's 32-byte limit is per observer: the buffer learns where each observer's bytes start. */
    public static final Hook<BinlogTransmitObserver, Header> RESERVE_HEADER = new Hook<>(BINLOG_TRANSMIT,
            "reserve_header", (o, a) -> {
                a.header().startObserver();
                o.reserveHeader(a.param(), a.header());
            });
    public static final Hook<BinlogTransmitObserver, Send> BEFORE_SEND_EVENT = new Hook<>(BINLOG_TRANSMIT,
            "before_send_event", (o, a) -> o.beforeSendEvent(a.param(), a.packet()));
    public static final Hook<BinlogTransmitObserver, Sent> AFTER_SEND_EVENT = new Hook<>(BINLOG_TRANSMIT,
            "after_send_event", (o, a) -> o.afterSendEvent(a.param(), a.event(), a.skipped()));
    public static final Hook<BinlogTransmitObserver, TransmitParam> AFTER_RESET_MASTER = new Hook<>(BINLOG_TRANSMIT,
            "after_reset_master", BinlogTransmitObserver::afterResetMaster);

    BinlogTransmitDelegate(ObserverRegistry owner) {
        super(BINLOG_TRANSMIT, owner);
    }

    /** {@code transmit_start}; on false the dump fails ("Failed to run hook 'transmit_start'"). */
    public boolean transmitStart(TransmitParam param, LogPosition start) {
        return isEmpty() || run(TRANSMIT_START, new Start(param, start));
    }

    /** {@code transmit_stop}; the result is ignored by MySQL. */
    public boolean transmitStop(TransmitParam param) {
        return run(TRANSMIT_STOP, param);
    }

    /**
     * {@code reserve_header}: lets every observer append up to 32 bytes to {@code header} (which
     * the caller cleared; it goes after the OK byte). On false the dump fails ("Failed to run
     * hook 'reserve_header'"); an observer appending more than 32 bytes is such a failure.
     */
    public boolean reserveHeader(TransmitParam param, ReservedHeader header) {
        return isEmpty() || run(RESERVE_HEADER, new Header(param, header));
    }

    /**
     * {@code before_send_event}, the packet carrying the event's end position; on false the dump
     * fails ("run 'before_send_event' hook failed").
     */
    public boolean beforeSendEvent(TransmitParam param, EventPacket packet) {
        return isEmpty() || run(BEFORE_SEND_EVENT, new Send(param, packet));
    }

    /**
     * {@code after_send_event}; {@code skipped} is null unless the event was skipped. On false the
     * dump fails ("Failed to run hook 'after_send_event'").
     */
    public boolean afterSendEvent(TransmitParam param, byte[] event, LogPosition skipped) {
        return isEmpty() || run(AFTER_SEND_EVENT, new Sent(param, event, skipped));
    }

    /** {@code after_reset_master}, at the end of RESET MASTER; the result is ignored by MySQL. */
    public boolean afterResetMaster(TransmitParam param) {
        return run(AFTER_RESET_MASTER, param);
    }
}
