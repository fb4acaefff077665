package io.minisqld.server.protocol;

/** A packet that ends in the middle of a field or breaks the protocol's encoding rules. */
public final class MalformedPacketException extends RuntimeException {
    public MalformedPacketException(String message) {
        super(message);
    }
}
