package io.minisqld.server.binlog.event.codec;

import io.minisqld.server.binlog.event.EventBody;

/**
 * Encodes and decodes the body of one event type (without header and checksum). One
 * implementation per type, registered in {@link EventCodecs}.
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

    /** Reads a body; {@code in} holds exactly the body bytes. */
    T decode(ByteReader in) throws EventFormatException;
}
