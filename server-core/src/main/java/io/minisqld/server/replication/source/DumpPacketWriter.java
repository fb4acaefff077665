package io.minisqld.server.replication.source;

import io.minisqld.plugin.api.LogPosition;
import io.minisqld.plugin.api.observer.EventPacket;
import io.minisqld.plugin.api.observer.TransmitParam;
import io.minisqld.server.binlog.PositionedEvent;
import io.minisqld.server.error.ErrorCode;
import io.minisqld.server.error.SqlError;
import io.minisqld.server.observer.BinlogTransmitDelegate;
import io.minisqld.server.observer.ReservedHeader;
import io.minisqld.server.wire.PacketSink;
import java.io.IOException;

/**
 * Frames a dump's packets for its replica (MySQL 5.7's {@code reset_transmit_packet} and
 * {@code send_packet}, semisync.md §1.6): the OK byte, the bytes {@code reserve_header} observers
 * add, then the event, for every packet (fake rotate, FDE, events, heartbeats);
 * {@code before_send_event} and {@code after_send_event} around each event read from a file.
 * Every socket write runs under the source's watchdog, which reads {@link #writeStartedNanos()}:
 * {@code net_write_timeout} bounds a blocked write.
 *
 * <p>Threads: the dump thread writes (a plugin's {@code flush()} also runs on it, inside a hook);
 * only {@link #writeStartedNanos()} is read by another thread, the watchdog.
 */
final class DumpPacketWriter {
    private final PacketSink sink;
    private final BinlogTransmitDelegate transmit;
    private final TransmitParam param;
    private final ReservedHeader header = new ReservedHeader();
    /** Whether transmit observers were registered when the dump started ({@code shouldObserve}). */
    private boolean observe;
    /** When the current socket write started (never 0 then), 0 when not writing. */
    private volatile long writeStartedNanos;

    DumpPacketWriter(PacketSink sink, BinlogTransmitDelegate transmit, TransmitParam param) {
        this.sink = sink;
        this.transmit = transmit;
        this.param = param;
    }

    /** Set once {@code transmit_start} ran: from then on the other transmit hooks are called. */
    void observe(boolean observe) {
        this.observe = observe;
    }

    /** A packet of a synthesised event or the FDE: OK byte, reserved header, event; no event hooks. */
    void sendPacket(byte[] event) throws DumpFailure, IOException {
        byte[] payload = packet(event);
        writeGuarded(() -> sink.writePacket(payload));
    }

    /** An event read from {@code file}, with before_send_event and after_send_event around it. */
    void sendEvent(PositionedEvent e, String file) throws DumpFailure, IOException {
        byte[] payload = packet(e.bytes());
        if (observe && !transmit.beforeSendEvent(param, new EventPacket(payload, 0, payload.length, header.length(),
                LogPosition.of(file, e.endPosition())))) {
            throw new DumpFailure(ErrorCode.ER_DUMP_BEFORE_SEND_HOOK_FAILED.error("before_send_event"), true);
        }
        writeGuarded(() -> sink.writePacket(payload));
        if (observe && !transmit.afterSendEvent(param, e.bytes(), null)) {
            throw new DumpFailure(ErrorCode.ER_DUMP_HOOK_FAILED.error("after_send_event"), true);
        }
    }

    /** The ERR that ends a failed dump. */
    void writeError(SqlError error) throws IOException {
        writeGuarded(() -> sink.writeError(error));
    }

    /** The EOF that ends a non-blocking dump at the end of the binlog (protocol.md §2.2). */
    void writeEof(int status) throws IOException {
        writeGuarded(() -> sink.writeEof(0, status));
    }

    void flush() throws IOException {
        writeGuarded(sink::flush);
    }

    /** When the write in progress started, or 0 when none is. */
    long writeStartedNanos() {
        return writeStartedNanos;
    }

    /** 5.7's reset_transmit_packet: the OK byte, then what reserve_header observers add, then the event. */
    private byte[] packet(byte[] event) throws DumpFailure {
        header.clear();
        if (observe && !transmit.reserveHeader(param, header)) {
            throw new DumpFailure(ErrorCode.ER_DUMP_HOOK_FAILED.error("reserve_header"), true);
        }
        byte[] payload = new byte[1 + header.length() + event.length];
        header.copyTo(payload, 1);
        System.arraycopy(event, 0, payload, 1 + header.length(), event.length);
        return payload;
    }

    @FunctionalInterface
    private interface Write {
        void run() throws IOException;
    }

    private void writeGuarded(Write write) throws IOException {
        writeStartedNanos = System.nanoTime() | 1;
        try {
            write.run();
        } finally {
            writeStartedNanos = 0;
        }
    }
}
