package io.minisqld.server.binlog;

import io.minisqld.server.binlog.event.codec.EventFormatException;

/** An event that starts before the read limit but does not end by it (a torn tail, or a bound inside an event). */
public final class TruncatedEventException extends EventFormatException {
    private final long position;

    public TruncatedEventException(String file, long position, long limit) {
        super("event at " + position + " in " + file + " extends beyond " + limit);
        this.position = position;
    }

    /** Where the incomplete event starts. */
    public long position() {
        return position;
    }
}
