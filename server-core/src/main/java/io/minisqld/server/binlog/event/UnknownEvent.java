package io.minisqld.server.binlog.event;

import java.util.Arrays;

/**
 * Any event type without a codec: the type byte and the raw body (without checksum), re-encoded
 * unchanged.
 */
public record UnknownEvent(int type, byte[] body) implements EventBody {
    public UnknownEvent {
        body = body.clone();
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    @Override
    public int typeCode() {
        return type;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UnknownEvent u && type == u.type && Arrays.equals(body, u.body);
    }

    @Override
    public int hashCode() {
        return type * 31 + Arrays.hashCode(body);
    }

    @Override
    public String toString() {
        return "UnknownEvent[type=" + type + ", " + body.length + " bytes]";
    }
}
