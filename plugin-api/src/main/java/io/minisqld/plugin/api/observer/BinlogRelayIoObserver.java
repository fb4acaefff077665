package io.minisqld.plugin.api.observer;

/**
 * Observes the replica's IO (receiver) thread (MySQL's {@code Binlog_relay_IO_observer}). Every
 * hook except {@link #afterResetSlave} runs on the IO thread of the channel, so hooks of one
 * channel never overlap; see the package documentation for the rules on order, failure and locks.
 */
public interface BinlogRelayIoObserver {

    /**
     * Called when the IO thread starts, before it connects to the source ({@code source} is null).
     *
     * <p>Failure: the IO thread stops ("Fatal error: Failed to run 'thread_start' hook").
     */
    default void threadStart(RelayIoParam param) {
    }

    /** Called when the IO thread exits ({@code source} is null). Failure is ignored. */
    default void threadStop(RelayIoParam param) {
    }

    /**
     * Called after every connect and reconnect to the source, right before the dump request
     * (COM_BINLOG_DUMP) is sent, with the flags the request will carry. The plugin may run
     * queries on the source here ({@link SourceConnection#query}); semisync checks that the
     * source knows semisync and announces itself with {@code SET @rpl_semi_sync_slave= 1}.
     *
     * <p>Failure: the dump request is not sent; the IO thread logs {@code Failed on
     * request_dump()} and reconnects after {@code MASTER_CONNECT_RETRY}.
     */
    default void beforeRequestTransmit(RelayIoParam param, int flags) {
    }

    /**
     * Called after every packet read from the source, before the event is queued to the relay
     * log. The observer may strip bytes in front of the event ({@link ReadEvent#strip}).
     *
     * <p>Failure: the IO thread stops ("Failed to run 'after_read_event' hook"). Must not block.
     */
    default void afterReadEvent(RelayIoParam param, ReadEvent event) {
    }

    /**
     * Called after the event has been written to the relay log (flushed, and synced as
     * {@code sync_relay_log} says); {@link RelayIoParam#position()} is now the end of this event.
     * {@code synced} says whether the relay log is known to be on disk (MySQL currently always passes
     * false). Semisync sends its acknowledgement here when the source asked for one
     * ({@link SourceConnection#writePacket}).
     *
     * <p>Failure: the IO thread stops ("Failed to run 'after_queue_event' hook").
     */
    default void afterQueueEvent(RelayIoParam param, byte[] event, boolean synced) {
    }

    /**
     * Called after {@code RESET SLAVE} on the session thread running it ({@code source} is null).
     * Failure is ignored.
     */
    default void afterResetSlave(RelayIoParam param) {
    }
}
