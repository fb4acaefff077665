package io.minisqld.server.protocol;

import io.minisqld.server.error.SqlError;
import java.io.IOException;
import java.time.Duration;

/**
 * A connection's packet stream, handed to a {@link RawCommand} that takes it over (a binlog
 * dump streaming events, a replica registering). Packets are framed and split at 16 MiB as
 * spec §1.1 says; what goes inside them is the command's business.
 *
 * <p>Threads: the writing methods belong to the thread running the raw command. {@link
 * #readPacket()} may run on one other thread at a time (a semisync ACK receiver) while the
 * command writes, because reading never touches the outgoing sequence id.
 */
public interface RawChannel {

    /**
     * Reads one logical packet, joining 16 MiB continuations. Sequence ids are not checked
     * (a semisync ACK always arrives as seq 0, spec §4.5) and do not move the outgoing one.
     *
     * @throws java.io.EOFException when the client closed the connection
     * @throws IOException          on a socket error, a read timeout, or a packet longer than
     *                              the session's max_allowed_packet
     */
    byte[] readPacket() throws IOException;

    /** Buffers one logical packet under the next sequence ids; nothing leaves before {@link #flush()}. */
    void writePacket(byte[] payload) throws IOException;

    /** Sends what is buffered. */
    void flush() throws IOException;

    /** The sequence id the next written packet gets (0–255). */
    int nextSequenceId();

    /** Sets the sequence id of the next written packet, e.g. 1 after a semisync ACK request (§4.5). */
    void setNextSequenceId(int sequenceId);

    /** Buffers an OK packet. */
    default void writeOk(OkPacket ok) throws IOException {
        writePacket(ok.encode());
    }

    /** Buffers an ERR packet. */
    default void writeError(SqlError error) throws IOException {
        writePacket(ErrPacket.of(error).encode());
    }

    /** Buffers a classic EOF packet, e.g. the end of a non-blocking binlog dump (§2.2). */
    default void writeEof(int warnings, int status) throws IOException {
        writePacket(new EofPacket(warnings, status).encode());
    }

    /** Bounds every later blocking read; {@link Duration#ZERO} waits forever. */
    void setReadTimeout(Duration timeout) throws IOException;
}
