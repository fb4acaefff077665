package io.minisqld.server.replication.source;

import io.minisqld.server.wire.PacketSink;
import java.io.IOException;

/**
 * A replica's connection as its dump uses it: the {@link PacketSink} the binlog events are
 * written to, plus what the plugins' reader thread and the source's write watchdog need. The
 * composition root adapts the protocol's connection to it; a dump never sees the protocol.
 *
 * <p>Threads: the sink and {@link #setNextSequenceId} belong to the dump's thread; {@link
 * #readPacket()} runs on the dump's reader thread while the dump writes; {@link #abort()} may
 * be called from any thread.
 */
public interface ReplicaLink extends PacketSink {

    /**
     * Reads one packet the replica sent (a semisync ACK), whatever its sequence id, without
     * moving the sequence of the packets written.
     *
     * @throws java.io.EOFException when the replica closed the connection
     */
    byte[] readPacket() throws IOException;

    /** Sets the sequence id of the next packet written, e.g. 1 after a semisync ACK request (protocol.md §4.5). */
    void setNextSequenceId(int sequenceId);

    /** Closes the connection; a write blocked on a full socket buffer fails at once. */
    void abort();
}
