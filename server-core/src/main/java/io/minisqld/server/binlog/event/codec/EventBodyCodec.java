package io.minisqld.server.binlog.event.codec;

import io.minisqld.server.binlog.event.EventBody;
import io.minisqld.server.wire.ByteReader;
import io.minisqld.server.wire.ByteWriter;
import io.minisqld.server.wire.MalformedPacketException;

/**
 * Encodes and decodes the body of one event type (without header and checksum). One
 * implementation per type, registered by one line in {@link EventCodecs}.
 *
 * @param <T> the body record
 */
public interface EventBodyCodec<T extends EventBody> {

    /** The header type byte this codec handles. */
    int type();

    /** The body record class. */
    Class<T> bodyClass();

    /** Appends the body bytes. */
    void encode(T body, ByteWriter out);

    /**
     * Reads a body; {@code in} holds exactly the body bytes. A read past them throws the reader's
     * unchecked {@link MalformedPacketException}, which {@link EventCodecs} reports as an
     * {@link EventFormatException}.
     *
     * @param context what the stream's earlier events fixed: the format (post-header lengths) and
     *                the current statement's table maps; a codec may read and, for its own type's
     *                bookkeeping (TABLE_MAP), update it
     */
    T decode(ByteReader in, DecodeContext context) throws EventFormatException;
}
