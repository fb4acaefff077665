package io.minisqld.server.binlog;

import io.minisqld.server.binlog.event.EventBody;
import io.minisqld.server.binlog.event.EventHeader;

/**
 * An event read from a file: where it starts, its header and body, and its bytes as stored
 * (what a dump thread sends). {@link #endPosition()} is where the next event starts.
 *
 * @param position offset of the first header byte in the file
 * @param header   the header as stored
 * @param body     the decoded body
 * @param bytes    the whole event as stored (header, body, checksum); not copied, do not modify
 */
public record PositionedEvent(long position, EventHeader header, EventBody body, byte[] bytes) {
    /** The offset right after this event. */
    public long endPosition() {
        return position + bytes.length;
    }
}
