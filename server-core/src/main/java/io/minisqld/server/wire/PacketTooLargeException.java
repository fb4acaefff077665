package io.minisqld.server.wire;

import java.io.IOException;

/**
 * An incoming packet declared more bytes than max_allowed_packet allows; its payload was not
 * read, so the stream cannot be resynchronised and the connection must end (as MySQL does).
 */
public final class PacketTooLargeException extends IOException {
    private static final long serialVersionUID = 1L;

    private final int sequenceId;

    PacketTooLargeException(long declared, int limit, int sequenceId) {
        super("packet of at least " + declared + " bytes exceeds max_allowed_packet " + limit);
        this.sequenceId = sequenceId;
    }

    /** The sequence id of the offending packet header; the ERR reply takes the next one. */
    public int sequenceId() {
        return sequenceId;
    }
}
