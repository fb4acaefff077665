package io.minisqld.plugin.api.observer;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * The dump connection of one replica, as seen by {@link BinlogTransmitObserver} hooks. The dump
 * thread writes binlog events to it; a plugin may read what the replica sends back (semisync's
 * acknowledgements) from another thread, its own ack receiver.
 *
 * <p>Thread rule: the write side ({@link #flush()}, {@link #resetSequence()}) belongs to the dump
 * thread and may be used only inside hooks it runs. The read side ({@link #readPacket}) may be
 * used by one other thread at a time for as long as the connection is open (from
 * {@code transmit_start} until {@code transmit_stop} returns; a plugin must stop reading before
 * {@code transmit_stop} returns, as MySQL's {@code remove_slave} waits for the ack receiver to
 * forget the socket).
 */
public interface ReplicaConnection {

    /**
     * Reads the payload of the next packet the replica sent, waiting at most {@code timeout}.
     * The packet's sequence number is not checked (a semisync replica sends each reply with
     * sequence 0). A timeout consumes nothing: a packet partly received is kept for the next call.
     *
     * @return the payload, or empty if no whole packet arrived within {@code timeout}
     * @throws IOException when the connection is closed or broken (MySQL's {@code
     *                     ER_NET_READ_ERROR}: the reader should forget this connection)
     */
    Optional<byte[]> readPacket(Duration timeout) throws IOException;

    /**
     * Sends everything the dump thread has written so far (MySQL's {@code net_flush}), so that
     * the event just sent really leaves before the plugin expects a reply to it.
     */
    void flush() throws IOException;

    /**
     * Keeps MySQL's sequence-number rule around a semisync reply: the replica answers on the same
     * connection with a packet of sequence number 0, so the next packet the dump thread sends
     * must carry sequence number 1. After this call it does (MySQL's {@code net_clear} followed
     * by incrementing {@code pkt_nr}). Call it from {@code after_send_event} after {@link #flush()}.
     */
    void resetSequence();

    /** The connection id of the dump thread ({@code SHOW PROCESSLIST}'s Id). */
    long threadId();
}
