package io.minisqld.plugin.api.observer;

import io.minisqld.plugin.api.LogPosition;

/**
 * Observes the sending of the binlog to replicas (MySQL's {@code Binlog_transmit_observer}).
 * Every hook runs on the dump thread of one replica, with that dump's {@link TransmitParam};
 * several dump threads run the hooks concurrently. See the package documentation for the rules
 * on order, failure and locks. Positions name the binlog file by its base name (no directory).
 */
public interface BinlogTransmitObserver {

    /**
     * Called once when a dump starts, after the requested start file has been validated, with
     * the position the replica asked for ({@code start}; its file is the index's first when the
     * replica named none). The plugin may call {@link TransmitParam#requestObserve()}
     * or {@link TransmitParam#declineObserve()} here; semisync registers the replica with its ack
     * receiver here.
     *
     * <p>Failure: the dump fails ("Failed to run hook 'transmit_start'") and
     * {@link #transmitStop} is not called.
     */
    default void transmitStart(TransmitParam param, LogPosition start) {
    }

    /**
     * Called once when the dump ends, only if {@link #transmitStart} succeeded for it. After this
     * returns the server closes the connection: the plugin must have stopped reading from it.
     * Failure is ignored.
     */
    default void transmitStop(TransmitParam param) {
    }

    /**
     * Called for every packet the dump builds (events, fake rotate, heartbeats) when the dump is
     * observed, after the OK byte {@code 0x00} is written. The observer may append up to
     * {@link HeaderBuffer#MAX_BYTES_PER_OBSERVER} bytes; more is an error.
     *
     * <p>Failure: the dump fails ("Failed to run hook 'reserve_header'"). Must not block.
     */
    default void reserveHeader(TransmitParam param, HeaderBuffer header) {
    }

    /**
     * Called before sending each binlog event read from the file (not heartbeats or other
     * synthesised packets) when the dump is observed. {@link EventPacket#position()} is where the
     * event ends in the binlog. The observer may rewrite the bytes it reserved in
     * {@link #reserveHeader}.
     *
     * <p>Failure: the dump fails ("run 'before_send_event' hook failed"). Must not block or do
     * network I/O: it delays this replica's stream and holds the dump's shared observer lock.
     * Semisync only takes its own mutex here to decide the flag.
     */
    default void beforeSendEvent(TransmitParam param, EventPacket packet) {
    }

    /**
     * Called after an event's packet has been written to the connection (not necessarily
     * flushed), when the dump is observed. {@code event} is the event bytes (without OK byte and
     * reserved header). {@code skipped} is the event's end position only if the event was
     * skipped rather than sent (MySQL's {@code skipped_log_file}/{@code skipped_log_pos}); null
     * for a sent event.
     * Semisync flushes the connection and resets the sequence number here when it asked for a
     * reply ({@link ReplicaConnection#flush()}, {@link ReplicaConnection#resetSequence()}).
     *
     * <p>Failure: the dump fails ("Failed to run hook 'after_send_event'").
     */
    default void afterSendEvent(TransmitParam param, byte[] event, LogPosition skipped) {
    }

    /**
     * Called at the end of {@code RESET MASTER}, on the session thread running it (not a dump
     * thread); the param carries this server's own id, flags 0 and a null connection.
     * Failure is ignored.
     */
    default void afterResetMaster(TransmitParam param) {
    }
}
