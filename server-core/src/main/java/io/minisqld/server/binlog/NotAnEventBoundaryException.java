package io.minisqld.server.binlog;

import io.minisqld.server.binlog.event.codec.EventFormatException;

/**
 * A start position that is not where an event begins (SHOW BINLOG EVENTS FROM, a replica's
 * COM_BINLOG_DUMP position): beyond the file, inside an event, or pointing at bytes whose header
 * does not describe an event there.
 */
public final class NotAnEventBoundaryException extends EventFormatException {
    private final long position;

    public NotAnEventBoundaryException(String file, long position, String why) {
        super("position " + position + " in " + file + " is not an event boundary: " + why);
        this.position = position;
    }

    /** The rejected position. */
    public long position() {
        return position;
    }
}
