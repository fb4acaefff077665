package io.minisqld.server.binlog.event.codec;

import io.minisqld.server.wire.ByteReader;
import io.minisqld.server.wire.MalformedPacketException;
import java.io.IOException;

/** Bytes that are not a well-formed binlog event (wrong length, short body, bad field). */
public class EventFormatException extends IOException {
    public EventFormatException(String message) {
        super(message);
    }

    /**
     * A body or header the shared {@link io.minisqld.server.wire.ByteReader} could not read, as
     * the binlog reports it: a checked failure with the event's wording.
     */
    static EventFormatException of(MalformedPacketException e) {
        return switch (e.kind()) {
            case TRUNCATED -> new EventFormatException(
                    "event body too short: need " + e.needed() + " bytes, " + e.available() + " left");
            case UNTERMINATED -> new EventFormatException("missing NUL terminator");
            case BAD_VALUE -> new EventFormatException(e.getMessage());
        };
    }
}
