package io.minisqld.server.wire;

import io.minisqld.server.error.SqlError;
import java.io.IOException;

/**
 * Where packets are written: buffered under the next sequence ids, sent on {@link #flush()}.
 * The narrow view a binlog dump writes its events to.
 */
public interface PacketSink {

    /** Buffers one logical packet, split at 16 MiB as spec §1.1 says. */
    void writePacket(byte[] payload) throws IOException;

    /** Sends what is buffered. */
    void flush() throws IOException;

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
}
